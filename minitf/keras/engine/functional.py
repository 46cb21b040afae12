"""The functional form `Model(inputs, outputs)`: the layer calls recorded between Keras inputs
and outputs (`keras_tensor.Node`s), put in an order to replay them on real tensors."""
from ... import nest


def graph_nodes(inputs, outputs):
    """The nodes that compute `outputs` from `inputs`, each after the nodes it uses.

    Raises:
      ValueError: if an output depends on a Keras input that is not among `inputs`.
    """
    known = {id(kt) for kt in nest.flatten(inputs)}
    order, seen = [], set()

    def visit(kt):
        node = kt.node
        if id(node) in seen:
            return
        seen.add(id(node))
        if node.inputs is None and id(kt) not in known:
            raise ValueError('Graph disconnected: cannot obtain value for tensor %s at layer "%s". '
                             'The following previous layers were accessed without issue: %s'
                             % (kt, node.layer.name, [n.layer.name for n in order]))
        for t in node.input_tensors():
            visit(t)
        order.append(node)

    for kt in nest.flatten(inputs) + nest.flatten(outputs):
        visit(kt)
    return order


def run_nodes(nodes, inputs, outputs, values):
    """Replays `nodes` with `values` (real tensors) standing for the Keras `inputs`; returns
    the structure of `outputs` with their values."""
    computed = {id(kt): v for kt, v in zip(nest.flatten(inputs), nest.flatten(values))}
    for node in nodes:
        if node.inputs is None:
            continue
        args = nest.map_structure(lambda kt: computed[id(kt)], node.inputs)
        result = node.layer(args, *node.args, **node.kwargs)
        for kt, t in zip(nest.flatten(node.outputs), nest.flatten(result)):
            computed[id(kt)] = t
    return nest.map_structure(lambda kt: computed[id(kt)], outputs)


def node_layers(nodes):
    """The layers of `nodes`, each once, in order."""
    layers, seen = [], set()
    for node in nodes:
        if id(node.layer) not in seen:
            seen.add(id(node.layer))
            layers.append(node.layer)
    return layers

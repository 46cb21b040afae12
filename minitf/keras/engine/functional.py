"""The functional form `Model(inputs, outputs)`: the layer calls recorded between Keras inputs
and outputs (`keras_tensor.Node`s), put in an order to replay them on real tensors."""
from ... import nest
from ...framework.shapes import TensorShape, dim_at
from ...ops import array_ops


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
    the structure of `outputs` with their values. A value with a trailing axis of size 1 more
    or less than its input's rank is squeezed or expanded to it, as Keras does."""
    computed = {id(kt): _conformed(v, kt)
                for kt, v in zip(nest.flatten(inputs), nest.flatten(values))}
    for node in nodes:
        if node.inputs is None:
            continue
        args = nest.map_structure(lambda kt: computed[id(kt)], node.inputs)
        result = node.layer(args, *node.args, **node.kwargs)
        for kt, t in zip(nest.flatten(node.outputs), nest.flatten(result)):
            computed[id(kt)] = t
    return nest.map_structure(lambda kt: computed[id(kt)], outputs)


def layers_in_order(inputs, outputs):
    """The layers between `inputs` and `outputs` in Keras' order (that of `model.layers` and
    the summary): the deepest first, a layer's depth being its longest path to an output; at
    equal depth, in the order a depth-first walk back from the outputs meets them."""
    finished, index, nodes = set(), {}, []

    def visit(kt):
        node = kt.node
        if id(node) in finished:
            return
        index.setdefault(node.layer, len(index))
        for t in node.input_tensors():
            visit(t)
        finished.add(id(node))
        nodes.append(node)

    for kt in nest.flatten(outputs):
        visit(kt)
    node_depth, layer_depth = {}, {}
    for node in reversed(nodes):  # each node after every node that uses it
        depth = max(node_depth.get(id(node), 0), layer_depth.get(node.layer, 0))
        node_depth[id(node)] = layer_depth[node.layer] = depth
        for t in node.input_tensors():
            node_depth[id(t.node)] = max(depth + 1, node_depth.get(id(t.node), 0))
    for kt in nest.flatten(inputs):  # an input no output uses
        if kt.node.layer not in layer_depth:
            layer_depth[kt.node.layer], index[kt.node.layer] = 0, -1
    return sorted(layer_depth, key=lambda layer: (-layer_depth[layer], index[layer]))


def _conformed(value, kt):
    rank, want = getattr(value, "shape", TensorShape(None)).rank, kt.shape.rank
    if rank is None or want is None:
        return value
    if rank == want + 1 and dim_at(value.shape, -1) == 1:
        return array_ops.squeeze(value, [-1])
    if rank + 1 == want and kt.shape[-1] == 1:
        return array_ops.expand_dims(value, -1)
    return value

"""Symbolic Keras inputs (`KerasTensor`, what `keras.Input` returns) and the record of layer
calls on them (`Node`), from which `Model(inputs, outputs)` and `Sequential` know their layers
and output shapes.

Calling a layer on KerasTensors builds the layer and calls it once on placeholders in a scratch
graph (a FuncGraph that is then dropped): the engine's own shape rules give the output shapes,
and the layer's weights, made in `init_scope`, are ordinary eager variables. Nothing of that
graph is kept but the shapes and dtypes.
"""
from ... import nest
from ...framework.tensor_spec import TensorSpec
from ...function import FuncGraph
from ...ops import array_ops


class KerasTensor:
    """A symbolic input or output of layers: a shape (batch dimension first), a dtype, and the
    layer call (`node`) that made it.

    >>> x = minitf.keras.Input(shape=(3,), name="x")
    >>> x.shape, x.dtype
    (TensorShape([None, 3]), tf.float32)
    """

    def __init__(self, spec, name, node):
        self._spec = spec
        self._name = name
        self.node = node

    shape = property(lambda self: self._spec.shape)
    dtype = property(lambda self: self._spec.dtype)
    name = property(lambda self: self._name)
    type_spec = property(lambda self: self._spec)

    def __str__(self):
        return "KerasTensor(type_spec=%r, name=%r, description=\"created by layer '%s'\")" % (
            self._spec, self._name, self.node.layer.name)

    def __repr__(self):
        return "<KerasTensor: shape=%s dtype=%s (created by layer '%s')>" % (
            tuple(self.shape.as_list()), self.dtype.name, self.node.layer.name)


class Node:
    """One call of `layer` on KerasTensors: its inputs (a nesting of KerasTensors, None for an
    InputLayer), the other arguments, and the output KerasTensors."""

    def __init__(self, layer, inputs, args, kwargs):
        self.layer = layer
        self.inputs = inputs
        self.args = args
        self.kwargs = kwargs
        self.outputs = None
        layer._inbound_nodes.append(self)

    def input_tensors(self):
        return [] if self.inputs is None else nest.flatten(self.inputs)

    def inbound(self):
        """(layer, node index, tensor index) of each input KerasTensor."""
        found = []
        for kt in self.input_tensors():
            node = kt.node
            index = nest.flatten(node.outputs).index(kt) if node.outputs else 0
            found.append((node.layer, node.layer._inbound_nodes.index(node), index))
        return found


def any_keras_tensor(x):
    return any(isinstance(t, KerasTensor) for t in nest.flatten(x))


def input_tensor(layer, batch_shape, dtype, name):
    """The KerasTensor that InputLayer `layer` stands for."""
    node = Node(layer, None, (), {})
    spec = TensorSpec(batch_shape, dtype, name)
    node.outputs = KerasTensor(spec, name, node)
    layer._output_shapes.append([tuple(spec.shape.as_list())])
    return node.outputs


def record_call(layer, inputs, args, kwargs):
    """Calls `layer` on placeholders standing for KerasTensors `inputs`; returns KerasTensors
    for its outputs, made by a new Node of `layer`."""
    graph = FuncGraph("keras_graph")
    with graph.as_default():
        placeholders = nest.map_structure(
            lambda kt: array_ops.placeholder(kt.dtype, kt.shape, name=_op_name(kt.name)), inputs)
        outputs = layer(placeholders, *args, **kwargs)
    node = Node(layer, inputs, args, kwargs)
    node.outputs = nest.map_structure(
        lambda t: KerasTensor(TensorSpec(t.shape, t.dtype), t.name, node), outputs)
    shapes = nest.map_structure(lambda t: tuple(t.shape.as_list()), outputs)
    layer._output_shapes.append(shapes)
    return node.outputs


def _op_name(name):
    return name.replace(":", "_").replace("/", "_")

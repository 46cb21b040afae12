"""`graph_def(graph)`: a minitf Graph as a TensorFlow `GraphDef` protocol buffer.

One `NodeDef` per operation, in creation order: its name, op type, inputs (`op` for output 0,
`op:1` for others, `^op` for control inputs) and the attrs a GraphDef can hold (dtypes, shapes,
numbers, strings, constant values, the called function's name), plus `T` (the dtype of the
inputs that share the op's type variable) and `_output_shapes`, which TensorBoard's Graphs tab
shows on the edges. Attrs that are Python objects (an output stream, a summary writer) are left
out.
"""
import numpy as np

from ..framework.dtypes import DType
from ..framework.shapes import TensorShape
from ..ops.summary_protos import tensorboard

_TYPE_NAMES = {"float16": "DT_HALF", "float32": "DT_FLOAT", "float64": "DT_DOUBLE"}


def graph_def(graph):
    """The GraphDef of `graph` (a Graph, or the FuncGraph of a traced function).

    Raises:
      ImportError: if the `tensorboard` package (which has the protobuf classes) is missing.

    >>> g = minitf.Graph()
    >>> with g.as_default():
    ...     y = minitf.constant(2.0) * 3.0
    >>> [(n.name, n.op, list(n.input)) for n in minitf.summary.graph_def.graph_def(g).node]
    [('Const', 'Const', []), ('mul/y', 'Const', []), ('mul', 'Mul', ['Const', 'mul/y'])]
    """
    tb = tensorboard()
    result = tb.graph_pb2.GraphDef()
    for op in graph.get_operations():
        node = result.node.add(name=op.name, op=op.type)
        node.input.extend(t.op.name if t.value_index == 0 else t.name for t in op.inputs)
        node.input.extend("^" + c.name for c in op.control_inputs)
        for key, value in op.attrs.items():
            attr = _attr(value)
            if attr is not None:
                node.attr[key].CopyFrom(attr)
        shared = [t.dtype for (_, kind, _), t in zip(op.op_def.inputs, op.inputs) if kind == "T"]
        if shared and "T" not in op.attrs:
            node.attr["T"].type = _type(shared[0])
        node.attr["_output_shapes"].list.shape.extend(_shape(t.shape) for t in op.outputs)
    return result


def _type(dtype):
    return tensorboard().types_pb2.DataType.Value(
        _TYPE_NAMES.get(dtype.name, "DT_" + dtype.name.upper()))


def _shape(shape):
    proto = tensorboard().tensor_shape_pb2.TensorShapeProto()
    if shape.rank is None:
        proto.unknown_rank = True
    else:
        proto.dim.extend(proto.Dim(size=-1 if d is None else d) for d in shape.as_list())
    return proto


def _attr(value):
    """An AttrValue for `value`, or None for a Python object a GraphDef cannot hold."""
    tb = tensorboard()
    attr = tb.attr_value_pb2.AttrValue()
    if isinstance(value, DType):
        attr.type = _type(value)
    elif isinstance(value, TensorShape):
        attr.shape.CopyFrom(_shape(value))
    elif isinstance(value, (bool, np.bool_)):
        attr.b = bool(value)
    elif isinstance(value, (int, np.integer)):
        attr.i = int(value)
    elif isinstance(value, (float, np.floating)):
        attr.f = float(value)
    elif isinstance(value, str):
        attr.s = value.encode()
    elif isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        attr.tensor.CopyFrom(tb.tensor_util.make_tensor_proto(value))
    elif isinstance(value, (list, tuple)) and value and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in value):
        attr.list.i.extend(int(v) for v in value)
    elif hasattr(value, "graph") and hasattr(value, "outputs"):  # a ConcreteFunction
        attr.func.name = value.name
    else:
        return None
    return attr

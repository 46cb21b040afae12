"""What is known about a tensor's value while a graph is being built: the value of a constant
(or of ops computed from constants, like the Shape of a fully known tensor), and what an int
tensor used as a shape tells about that shape. Ops use it for static shapes and to build
constants instead of ops where TensorFlow does.
"""
import numpy as np

from ..framework.shapes import TensorShape, dim_at
from ..framework.tensor import EagerTensor, SymbolicTensor


def constant_value(t):
    """The value of `t` if it is known while building a graph (a Const, or eager), else None."""
    if isinstance(t, EagerTensor):
        return t._value
    if isinstance(t, SymbolicTensor):
        op = t.op
        if op.type == "Const":
            return op.attrs["value"]
        if op.type == "Shape" and op.inputs[0].shape.is_fully_defined():
            return np.array(op.inputs[0].shape.as_list(), t.dtype.np)
        if op.type == "Cast":
            v = constant_value(op.inputs[0])
            return None if v is None else v.astype(op.attrs["DstT"].np)
        if op.type == "Pack":
            parts = [constant_value(x) for x in op.inputs]
            if all(p is not None for p in parts):
                return np.stack(parts, op.attrs["axis"])
    return None


def constant_shape(t):
    """What a 1-D int tensor used as a shape tells statically: a TensorShape, maybe partial."""
    v = constant_value(t)
    if v is not None:
        return TensorShape([None if d < 0 else int(d) for d in np.reshape(v, [-1])])
    if isinstance(t, SymbolicTensor):
        if t.op.type == "Shape":
            return t.op.inputs[0].shape
        if t.op.type == "Pack":
            dims = [constant_value(x) for x in t.op.inputs]
            return TensorShape([None if d is None or d < 0 else int(d) for d in dims])
        if t.shape.rank == 1 and dim_at(t.shape, 0) is not None:
            return TensorShape([None] * dim_at(t.shape, 0))
    return TensorShape(None)


def known_values(t):
    """The entries of a 1-D int tensor that are known while building: a list of ints and Nones,
    or None when even its length is unknown (e.g. `shape(x)` gives x's static dims)."""
    v = constant_value(t)
    if v is not None:
        return [int(d) for d in np.ravel(v)]
    s = constant_shape(t)
    return None if s.rank is None else s.as_list()

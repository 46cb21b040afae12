"""Tensors of one repeated value, and broadcasting: fill, zeros, ones, zeros_like and ones_like;
broadcast_to, and SumToShape, its adjoint (the run-time form of `shape_rules.sum_to`).

Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, broadcast_shapes
from .array_ops import shape
from .constant_folding import constant_shape
from .registry import contains_tensor, convert_to_tensor, execute, register, scope
from .shape_rules import same, shape_of, sum_to


# -- filling ----------------------------------------------------------------------------------
register("Fill", "dims: index, value: T",
         lambda dims, value: np.full(tuple(dims), value, dtype=value.dtype),
         lambda inputs: [(inputs[1].dtype, constant_shape(inputs[0]))],
         lambda op, dy: [None, execute("Sum", [dy, np.arange(dy.shape.rank)],
                                       {"keepdims": False})], grad_uses="none")


def fill(dims, value, name=None):
    """A tensor of shape `dims` with every element equal to `value`.

    >>> minitf.fill([2], 7)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([7, 7], dtype=int32)>
    """
    return execute("Fill", [dims, value], name=name or "Fill")


def zeros(shape, dtype=dtypes.float32, name=None):
    """A tensor of `shape` filled with zeros (float32 unless `dtype` is given)."""
    return _filled(shape, dtype, 0, name or "zeros")


def ones(shape, dtype=dtypes.float32, name=None):
    """A tensor of `shape` filled with ones (float32 unless `dtype` is given)."""
    return _filled(shape, dtype, 1, name or "ones")


def _filled(shape, dtype, v, name):
    dtype = dtypes.as_dtype(dtype)
    if dtype is dtypes.string:  # the zero of a string is b""; it has no one
        if v != 0:
            raise TypeError("Cannot convert %r to EagerTensor of dtype string" % (v,))
        v = b""
    if isinstance(shape, TensorShape) and shape.is_fully_defined():  # else TF's error
        shape = shape.as_list()
    if isinstance(shape, int):
        shape = [shape]
    if isinstance(shape, (list, tuple)) and not contains_tensor(shape) and np.prod(shape) < 1000:
        return convert_to_tensor(np.full(shape, v, dtype.np), name=name)
    return fill(shape, np.array(v, dtype.np), name=name)


register("ZerosLike", "x: any", lambda x: np.full_like(x, b"" if x.dtype.kind == "O" else 0), same,
         None)
register("OnesLike", "x: any", lambda x: np.ones_like(x), same, None)


def zeros_like(input, dtype=None, name=None):
    """Zeros with the shape (and dtype, unless `dtype` is given) of `input`; a constant when its
    static shape is fully known."""
    return _filled_like(input, dtype, 0, name or "zeros_like", "ZerosLike")


def ones_like(input, dtype=None, name=None):
    """Ones with the shape (and dtype, unless `dtype` is given) of `input`; a constant when its
    static shape is fully known."""
    return _filled_like(input, dtype, 1, name or "ones_like", "OnesLike")


def _filled_like(input, dtype, v, name, op_type):
    with scope(name) as s:
        x = convert_to_tensor(input, name="tensor")
        dtype = x.dtype if dtype is None else dtypes.as_dtype(dtype)
        if x.shape.is_fully_defined():
            return _filled(x.shape, dtype, v, s or name)
        if dtype is x.dtype:
            return execute(op_type, [x], name=s)
        return fill(shape(x), np.array(v, dtype.np), name=s)


# -- broadcasting -----------------------------------------------------------------------------
def _broadcast_to_infer(inputs):
    x, s = inputs
    out = constant_shape(s)
    broadcast_shapes(x.shape, out)
    return [(x.dtype, out)]


def _broadcast_to_kernel(x, shape):
    dims = tuple(shape.tolist())
    out = np.empty(dims, x.dtype)
    try:
        if x.ndim > len(dims):
            raise ValueError
        out[...] = x  # a fresh array filled by broadcasting: faster than np.broadcast_to's copy
    except ValueError:
        raise InvalidArgumentError(None, None, "Unable to broadcast tensor of shape [%s] to "
                                   "tensor of shape [%s]" % (",".join(map(str, np.shape(x))),
                                                             ",".join(map(str, dims)))) from None
    return out


register("BroadcastTo", "input: T, shape: index", _broadcast_to_kernel, _broadcast_to_infer,
         lambda op, dy: [sum_to(dy, op.inputs[0]), None], grad_uses="none")


def broadcast_to(input, shape, name=None):
    """`input` repeated along dimensions of size 1 (or new leading ones) to `shape`."""
    return execute("BroadcastTo", [input, shape], name=name or "BroadcastTo")


def _sum_to_shape_kernel(g, shape):
    shape = tuple(shape.tolist())
    if g.shape == shape:
        return g
    lead = g.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, d in enumerate(shape)
                                      if d == 1 and g.shape[lead + i] != 1)
    return np.add.reduce(g, axis=axes, dtype=g.dtype).reshape(shape) if axes else g.reshape(shape)


register("SumToShape", "input: T, shape: index", _sum_to_shape_kernel,
         lambda inputs: [(inputs[0].dtype, constant_shape(inputs[1]))],
         lambda op, dy: [broadcast_to(dy, shape_of(op.inputs[0])), None], grad_uses="none")

"""Selection by a bool condition: `where` (SelectV2, or with only a condition the Where op, which
lists the indices of its true elements) and TensorFlow 1.x's `where` (Select), whose condition may
also pick whole rows.

Gathering by index (gather, boolean_mask, ...) is in indexing_ops. Each op's kernel, shape rule
and gradient stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import TensorShape, broadcast_shapes, dims_str
from .fill_ops import sum_to, zeros_like
from .registry import execute, register


# -- selection --------------------------------------------------------------------------------
def _select_infer(inputs):
    c, x, y = inputs
    return [(x.dtype, broadcast_shapes(broadcast_shapes(c.shape, x.shape), y.shape))]


def _select_grad(op, dy):
    c, x, y = op.inputs
    zeros = zeros_like(dy)
    return [None, sum_to(where(c, dy, zeros), x), sum_to(where(c, zeros, dy), y)]


register("SelectV2", "condition: bool, t: T, e: T", np.where, _select_infer, _select_grad)


def where(condition, x=None, y=None, name=None):
    """Elementwise `x if condition else y` (broadcasting), or with only `condition`, the indices
    of its true (non-zero) elements.

    >>> minitf.where([True, False], [[1, 2], [3, 4]], [[5, 6], [7, 8]])
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[1, 6],
           [3, 8]], dtype=int32)>
    """
    if x is None and y is None:
        return execute("Where", [condition], name=name or "Where")
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return execute("SelectV2", [condition, x, y], name=name or "SelectV2")


def _where_kernel(c):
    if c.ndim == 0:
        raise ValueError("WhereOp : Unhandled input dimensions: 0")
    return np.argwhere(c).astype(np.int64)


register("Where", "input: T", _where_kernel,
         lambda inputs: [(dtypes.int64, TensorShape([None, inputs[0].shape.rank]))], None)


def _v1_select_shape(c, x, y):
    """The shape of TensorFlow 1.x's Select: x and y alike, and a condition of their shape, a
    scalar, or a vector that picks whole rows (along the first dimension of x)."""
    if x.is_compatible_with(y):
        data = x.merge_with(y)
    else:
        raise ValueError("Inputs to operation Select of type Select must have the same size and "
                         "shape.  Input 0: %s != input 1: %s" % (dims_str(x), dims_str(y)))
    if c.rank is None or data.rank is None or c.rank == 0:
        return data
    if c.rank == 1 and data.rank != 1:
        if data.rank == 0:
            raise ValueError("'then' must be at least a vector, but saw shape: []")
        if None not in (c[0], data[0]) and c[0] != data[0]:
            raise ValueError("Number of batches of 'then' must match size of 'cond', but saw: "
                             "%d vs. %d" % (data[0], c[0]))
        return TensorShape([c[0] if data[0] is None else data[0]] + data.as_list()[1:])
    if not c.is_compatible_with(data):
        raise ValueError("Inputs to operation Select of type Select must have the same size and "
                         "shape.  Input 0: %s != input 1: %s" % (dims_str(c), dims_str(data)))
    return data.merge_with(c)


def _v1_select_kernel(c, x, y):
    _v1_select_shape(TensorShape(c.shape), TensorShape(x.shape), TensorShape(y.shape))
    if c.ndim == 1 and x.ndim > 1:
        c = c.reshape((-1,) + (1,) * (x.ndim - 1))
    return np.where(c, x, y)


def _v1_select_grad(op, dy):
    c = op.inputs[0]
    zeros = zeros_like(dy)
    return [None, where_v1(c, dy, zeros), where_v1(c, zeros, dy)]


register("Select", "condition: bool, t: T, e: T", _v1_select_kernel,
         lambda inputs: [(inputs[1].dtype, _v1_select_shape(*(t.shape for t in inputs)))],
         _v1_select_grad)


def where_v1(condition, x=None, y=None, name=None):
    """TensorFlow 1.x's `where`: `x` and `y` have one shape, and `condition` has it too, is a
    scalar, or is a vector that picks whole rows; with only `condition`, as `where`.

    >>> minitf.compat.v1.where([True, False], [[1, 2], [3, 4]], [[5, 6], [7, 8]])
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[1, 2],
           [7, 8]], dtype=int32)>
    """
    if x is None and y is None:
        return where(condition, name=name)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return execute("Select", [condition, x, y], name=name or "Select")

"""Comparisons and selection by them: less, less_equal, greater, greater_equal, equal and
not_equal (broadcasting like numpy, giving bool tensors), the float tests is_nan, is_finite and
is_inf, and `where` (SelectV2; with only a condition the Where op, which lists the indices of
its true elements; and TensorFlow 1.x's Select, whose condition may also pick whole rows).

Comparisons have no gradient (order comparisons take real numbers, equality any dtype);
`where` passes its gradient to the branch each element came from.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import TensorShape, broadcast_shapes, dim_at, dims_str
from .fill_ops import zeros_like
from .registry import execute, register
from .shape_rules import sum_to


# -- comparisons ------------------------------------------------------------------------------
FLOATS = dtypes.FLOATS


def _compare(inputs, **_):
    x, y = inputs
    return [(dtypes.bool, broadcast_shapes(x.shape, y.shape))]


for _type, _fn in (("Less", np.less), ("LessEqual", np.less_equal), ("Greater", np.greater),
                   ("GreaterEqual", np.greater_equal)):
    register(_type, "x: T, y: T", _fn, _compare, None, types={"T": dtypes.NUMBERS})
for _type, _fn in (("Equal", np.equal), ("NotEqual", np.not_equal)):  # any dtype, strings too
    register(_type, "x: T, y: T", _fn, _compare, None)


def less(x, y, name=None):
    """Elementwise `x < y` as a bool tensor."""
    return execute("Less", [x, y], name=name or "Less")


def less_equal(x, y, name=None):
    """Elementwise `x <= y` as a bool tensor."""
    return execute("LessEqual", [x, y], name=name or "LessEqual")


def greater(x, y, name=None):
    """Elementwise `x > y` as a bool tensor."""
    return execute("Greater", [x, y], name=name or "Greater")


def greater_equal(x, y, name=None):
    """Elementwise `x >= y` as a bool tensor."""
    return execute("GreaterEqual", [x, y], name=name or "GreaterEqual")


def equal(x, y, name=None):
    """Elementwise `x == y` as a bool tensor."""
    return execute("Equal", [x, y], name=name or "Equal")


def not_equal(x, y, name=None):
    """Elementwise `x != y` as a bool tensor."""
    return execute("NotEqual", [x, y], name=name or "NotEqual")


# -- float tests ------------------------------------------------------------------------------
register("IsNan", "x: T", np.isnan, lambda inputs: [(dtypes.bool, inputs[0].shape)], None,
         types={"T": FLOATS})
register("IsFinite", "x: T", np.isfinite, lambda inputs: [(dtypes.bool, inputs[0].shape)], None,
         types={"T": FLOATS})
register("IsInf", "x: T", np.isinf, lambda inputs: [(dtypes.bool, inputs[0].shape)], None,
         types={"T": FLOATS})


def is_nan(x, name=None):
    """Elementwise: whether `x` is NaN (float inputs).

    >>> minitf.math.is_nan(minitf.constant([1., float("nan")]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    return execute("IsNan", [x], name=name or "IsNan")


def is_finite(x, name=None):
    """Elementwise: whether `x` is neither infinite nor NaN (float inputs)."""
    return execute("IsFinite", [x], name=name or "IsFinite")


def is_inf(x, name=None):
    """Elementwise: whether `x` is inf or -inf (float inputs).

    >>> minitf.math.is_inf(minitf.constant([1., -float("inf"), float("nan")]))
    <tf.Tensor: shape=(3,), dtype=bool, numpy=array([False,  True, False])>
    """
    return execute("IsInf", [x], name=name or "IsInf")


# -- selection --------------------------------------------------------------------------------
def _select_infer(inputs):
    c, x, y = inputs
    return [(x.dtype, broadcast_shapes(broadcast_shapes(c.shape, x.shape), y.shape))]


def _select_grad(op, dy):
    c, x, y = op.inputs
    zeros = zeros_like(dy)
    return [None, sum_to(where(c, dy, zeros), x), sum_to(where(c, zeros, dy), y)]


register("SelectV2", "condition: bool, t: T, e: T", np.where, _select_infer, _select_grad,
         grad_uses="none")


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
        rows, batches = dim_at(c, 0), dim_at(data, 0)
        if None not in (rows, batches) and rows != batches:
            raise ValueError("Number of batches of 'then' must match size of 'cond', but saw: "
                             "%d vs. %d" % (batches, rows))
        return TensorShape([rows if batches is None else batches] + data.as_list()[1:])
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
         _v1_select_grad, grad_uses="none")


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

"""Comparisons: less, less_equal, greater, greater_equal, equal and not_equal, which broadcast
like numpy and give bool tensors, and the float tests is_nan, is_finite and is_inf.

None of them is differentiable. Order comparisons take real numbers; equality any dtype. They back the operators `< <= > >= == !=` (operators.py); the
arithmetic is in math_ops and the logical ops that combine bool tensors are in logical_ops.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import broadcast_shapes
from .registry import execute, register

FLOATS = dtypes.FLOATS


def _compare(inputs, **_):
    x, y = inputs
    return [(dtypes.bool, broadcast_shapes(x.shape, y.shape))]


# -- comparisons ------------------------------------------------------------------------------
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

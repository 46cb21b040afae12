"""Boolean ops (logical_and, logical_or, logical_not, logical_xor) and bitwise ops on integers
(bitwise_and, bitwise_or, bitwise_xor, invert): together they back the `& | ^ ~` operators.
None of them is differentiable.
"""
import numpy as np

from ..framework.dtypes import INTEGERS
from .registry import execute, register
from .shape_rules import binary, same


# -- logical ----------------------------------------------------------------------------------
register("LogicalAnd", "x: bool, y: bool", np.logical_and, binary, None)
register("LogicalOr", "x: bool, y: bool", np.logical_or, binary, None)
register("LogicalNot", "x: bool", np.logical_not, same, None)


def logical_and(x, y, name=None):
    """Elementwise `x and y` of bool tensors (broadcasting).

    >>> minitf.logical_and(minitf.constant([True, True]), minitf.constant([True, False]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
    """
    return execute("LogicalAnd", [x, y], name=name or "LogicalAnd")


def logical_or(x, y, name=None):
    """Elementwise `x or y` of bool tensors (broadcasting)."""
    return execute("LogicalOr", [x, y], name=name or "LogicalOr")


def logical_not(x, name=None):
    """Elementwise `not x` of a bool tensor."""
    return execute("LogicalNot", [x], name=name or "LogicalNot")


def logical_xor(x, y, name="LogicalXor"):
    """Elementwise `x != y` of bool tensors, built as `(x or y) and not (x and y)`.

    >>> minitf.math.logical_xor(True, minitf.constant([True, False]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=name)


# -- bitwise ----------------------------------------------------------------------------------
register("BitwiseAnd", "x: T, y: T", np.bitwise_and, binary, None, types={"T": INTEGERS})
register("BitwiseOr", "x: T, y: T", np.bitwise_or, binary, None, types={"T": INTEGERS})
register("BitwiseXor", "x: T, y: T", np.bitwise_xor, binary, None, types={"T": INTEGERS})
register("Invert", "x: T", np.invert, same, None, types={"T": INTEGERS})


def bitwise_and(x, y, name=None):
    """Elementwise bitwise `x & y` of integer tensors.

    >>> minitf.bitwise.bitwise_and(minitf.constant([12, 10]), 6)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([4, 2], dtype=int32)>
    """
    return execute("BitwiseAnd", [x, y], name=name or "BitwiseAnd")


def bitwise_or(x, y, name=None):
    """Elementwise bitwise `x | y` of integer tensors."""
    return execute("BitwiseOr", [x, y], name=name or "BitwiseOr")


def bitwise_xor(x, y, name=None):
    """Elementwise bitwise `x ^ y` of integer tensors."""
    return execute("BitwiseXor", [x, y], name=name or "BitwiseXor")


def invert(x, name=None):
    """Elementwise bitwise `~x` of an integer tensor (for signed ints, `-x - 1`)."""
    return execute("Invert", [x], name=name or "Invert")

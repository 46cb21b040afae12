"""Optimizer update rules, each one stateful op that changes a variable in place of its value.

The v1 optimizers (`compat.v1.train`) add these ops to a graph; the v2 optimizers
(`minitf.optimizers`) run them eagerly. One rule, two fronts: both produce the same numbers.
"""
from ..framework import dtypes
from .registry import execute, register


def _apply_gradient_descent(ref, alpha, delta):
    ref.assign(ref.read() - alpha * delta)


register("ResourceApplyGradientDescent", "var: resource, alpha: T, delta: T",
         _apply_gradient_descent, lambda inputs: [], None, types={"T": dtypes.FLOATS},
         writes=True)


def apply_gradient_descent(var, alpha, delta, name=None):
    """var -= alpha * delta."""
    return execute("ResourceApplyGradientDescent", [var.handle, alpha, delta],
                   name=name or "ResourceApplyGradientDescent")

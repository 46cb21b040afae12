"""The static shape rules that many ops share, and the gradient helpers that undo them:
`same` (an elementwise op keeps its input's shape and dtype), `binary` (numpy broadcasting),
`sum_to` (a broadcast gradient summed back to its input's shape), and the rules of reductions
(`reduction_axes`, `all_axes`, `reduce_infer`). Gradients also use `shape_of` (a shape as a list
when known, else a tensor) and `shaped_like` (a gradient given its input's static shape).

The few ops built here are called by type through `execute`, so that this module depends only on
the registry and every op module can import it.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import ctx
from ..framework.shapes import SCALAR, TensorShape, broadcast_shapes
from ..framework.tensor import EagerTensor, SymbolicTensor, Tensor
from .constant_folding import constant_value
from .registry import contains_tensor, convert_to_tensor, execute, plain_operand


# -- elementwise and broadcasting -------------------------------------------------------------
def same(inputs, **_):
    return [(inputs[0].dtype, inputs[0].shape)]


def binary(inputs, **_):
    x, y = inputs
    return [(x.dtype, broadcast_shapes(x.shape, y.shape))]


def sum_to(dy, x):
    """`dy` summed over the dimensions along which `x` was broadcast, so it has x's shape.

    The one helper that every broadcasting op's gradient uses. It works from static shapes when
    they are known and otherwise computes the reduction at run time (SumToShape).
    """
    xs, gs = x.shape._dims, dy.shape._dims  # tuples, or None for an unknown rank
    if xs is not None and None not in xs and gs is not None:
        if xs == gs:
            return dy
        lead = len(gs) - len(xs)
        axes = list(range(lead)) + [lead + i for i, d in enumerate(xs)
                                    if d == 1 and gs[lead + i] != 1]
        if axes:
            dy = execute("Sum", [dy, plain_operand(axes, dtypes.int32)], {"keepdims": False})
        if dy.shape._dims == xs:
            return dy
        return execute("Reshape", [dy, plain_operand(list(xs), dtypes.int32)])
    return execute("SumToShape", [dy, _shape(x)])


# -- shapes in gradients ----------------------------------------------------------------------
def _shape(x):
    """shape(x) of array_ops, for an x whose static shape is not fully known."""
    return execute("Shape", [x], {"out_type": dtypes.int32})


def shape_of(x):
    """x's shape as a Python list when statically known, else as a Shape tensor."""
    s = x.shape
    if s.is_fully_defined():
        return s.as_list()
    return _shape(x)


def shaped_like(dx, x):
    """A gradient `dx` of `x` with x's static shape merged in, for gradients whose ops cannot
    work it out (dx always has the shape of x)."""
    if isinstance(dx, SymbolicTensor):
        dx.set_shape(x.shape)
    return dx


def static_rank(value):
    """The rank of a tensor, variable or Python value (a list of tensors counts one more than
    its first), or None when unknown."""
    if isinstance(value, Tensor) or hasattr(value, "_to_tensor"):
        return value.shape.rank
    if isinstance(value, (list, tuple)) and contains_tensor(value):
        inner = static_rank(value[0])
        return None if inner is None else inner + 1
    return np.ndim(value)


# -- reductions -------------------------------------------------------------------------------
def reduction_axes(axis):
    return tuple((axis.ravel() if type(axis) is np.ndarray else np.ravel(axis)).tolist())


def all_axes(x):
    """The axes of x: a constant when its rank is static, else `range(rank(x))` (as TensorFlow
    builds it), computed at run time."""
    rank = x.shape.rank
    if rank is not None:
        axes = np.arange(rank, dtype=np.int32)
        if not ctx.graphs and ctx.eager_default:  # what convert_to_tensor makes of it, in short
            return EagerTensor(axes, dtypes.int32)
        return convert_to_tensor(axes)
    return execute("Range", [0, execute("Rank", [x]), 1], name="range")


def _over_all_axes(x, axis):
    """Whether `axis` is the `range(rank(x))` that `all_axes` builds for an unknown rank."""
    op = getattr(axis, "op", None)
    if op is None or op.type != "Range":
        return False
    start, limit, delta = op.inputs
    return limit.op.type == "Rank" and limit.op.inputs[0] is x and \
        constant_value(start) == 0 and constant_value(delta) == 1


def reduce_infer(inputs, keepdims):
    x, axis = inputs
    a = constant_value(axis)
    if x.shape.rank is None:
        scalar = not keepdims and _over_all_axes(x, axis)
        return [(x.dtype, SCALAR if scalar else TensorShape(None))]
    r = x.shape.rank
    if a is None:
        return [(x.dtype, TensorShape([None] * r) if keepdims else TensorShape(None))]
    axes = set()
    for i in reduction_axes(a):
        if not -r <= i < max(r, 1):
            raise ValueError("Invalid reduction dimension %d for input with %d dimensions" %
                             (i, r))
        axes.add(i % r if r else 0)
    dims = x.shape.as_list()
    out = [1 if i in axes else d for i, d in enumerate(dims)] if keepdims else \
        [d for i, d in enumerate(dims) if i not in axes]
    return [(x.dtype, TensorShape(out))]

"""Sum and mean (reduce_sum, reduce_mean), and the helpers that every reduction shares: `reduce`
(argument handling), `_reduce_infer` (static shape), `_restore_reduced` (a gradient put back to
the input's rank), `_reduced_mask` (which dimensions the axes name, when known only at run time)
and `v1_reduction` (TensorFlow 1.x's signature, with `deprecated_alias` for old argument names).

The other reductions (max, min, prod, argmax, cumsum, logsumexp, norm, ...) are in reduction_ops;
add_n, the sum of a list of tensors, is in math_ops. Each op's kernel, shape rule and gradient
stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import SCALAR, TensorShape
from .array_ops import expand_dims, rank, reshape, shape, shape_of, size
from .comparison_ops import equal
from .fill_ops import broadcast_to, ones_like
from .math_ops import cast, quiet
from .registry import constant_value, convert_to_tensor, execute, register
from .where_ops import where

NUMBERS = dtypes.NUMBERS


# -- reductions -------------------------------------------------------------------------------
def _axes(axis):
    return tuple(int(a) for a in np.reshape(axis, [-1]))


def _all_axes(x):
    """The axes of x: a constant when its rank is static, else `range(rank(x))` (as TensorFlow
    builds it), computed at run time."""
    if x.shape.rank is not None:
        return convert_to_tensor(np.arange(x.shape.rank, dtype=np.int32))
    return execute("Range", [0, rank(x), 1], name="range")


def _over_all_axes(x, axis):
    """Whether `axis` is the `range(rank(x))` that `_all_axes` builds for an unknown rank."""
    op = getattr(axis, "op", None)
    if op is None or op.type != "Range":
        return False
    start, limit, delta = op.inputs
    return limit.op.type == "Rank" and limit.op.inputs[0] is x and \
        constant_value(start) == 0 and constant_value(delta) == 1


def _reduce_infer(inputs, keepdims):
    x, axis = inputs
    a = constant_value(axis)
    if x.shape.rank is None:
        scalar = not keepdims and _over_all_axes(x, axis)
        return [(x.dtype, SCALAR if scalar else TensorShape(None))]
    r = x.shape.rank
    if a is None:
        return [(x.dtype, TensorShape([None] * r) if keepdims else TensorShape(None))]
    axes = set()
    for i in _axes(a):
        if not -r <= i < max(r, 1):
            raise ValueError("Invalid reduction dimension %d for input with %d dimensions" %
                             (i, r))
        axes.add(i % r if r else 0)
    dims = x.shape.as_list()
    out = [1 if i in axes else d for i, d in enumerate(dims)] if keepdims else \
        [d for i, d in enumerate(dims) if i not in axes]
    return [(x.dtype, TensorShape(out))]


def _reduced_mask(x, axis):
    """Per dimension of x, whether the axes `axis` (a tensor; negative ones count from the end)
    name it: a bool vector computed at run time, for reductions over axes not known statically."""
    every = _all_axes(x)
    axis = reshape(cast(axis, dtypes.int32), [-1, 1])  # a column, compared with every dimension
    hits = cast(equal(axis, every), dtypes.int32) + cast(equal(axis, every - rank(x)), dtypes.int32)
    return reduce_sum(hits, 0) > 0


def _restore_reduced(dy, op):
    """dy with the reduced dimensions of `op` (a reduction like Sum) put back as size 1."""
    x, axis = op.inputs
    if op.get_attr("keepdims"):
        return dy
    a, r = constant_value(axis), x.shape.rank
    if a is None or r is None:
        dims = shape(x)
        return reshape(dy, where(_reduced_mask(x, axis), ones_like(dims), dims))
    axes = sorted(i % r for i in _axes(a)) if r else []
    if x.shape.is_fully_defined():
        dims = x.shape.as_list()
        return reshape(dy, [1 if i in axes else d for i, d in enumerate(dims)])
    if len(axes) == r:
        return dy
    for i in axes:
        dy = expand_dims(dy, i)
    return dy


def _sum_grad(op, dy):
    return [broadcast_to(_restore_reduced(dy, op), shape_of(op.inputs[0])), None]


def _mean_grad(op, dy):
    x, y = op.inputs[0], op.outputs[0]
    if x.shape.is_fully_defined() and y.shape.is_fully_defined():
        count = max(x.shape.num_elements(), 1) // max(y.shape.num_elements(), 1)
    else:
        count = cast(size(x), dy.dtype) / cast(size(y), dy.dtype)
    return [broadcast_to(_restore_reduced(dy / count, op), shape_of(x)), None]


def _sum_kernel(x, axis, keepdims):
    return np.sum(x, axis=_axes(axis), keepdims=keepdims, dtype=x.dtype)


def _mean_kernel(x, axis, keepdims):
    axes = _axes(axis)
    n = int(np.prod([x.shape[a] for a in axes]))
    if x.dtype.kind in "iu":  # summed in 64 bits as in TensorFlow, so that small types do not wrap
        wide = np.uint64 if x.dtype.kind == "u" else np.int64
        s = np.sum(x, axis=axes, keepdims=keepdims, dtype=wide)
        return (np.sign(s) * (np.abs(s) // max(n, 1))).astype(x.dtype)
    s = np.sum(x, axis=axes, keepdims=keepdims, dtype=x.dtype)
    return (s / np.asarray(n, x.dtype)).astype(x.dtype, copy=False)


register("Sum", "input: T, reduction_indices: index", quiet(_sum_kernel), _reduce_infer, _sum_grad,
         types={"T": NUMBERS | dtypes.COMPLEX})
register("Mean", "input: T, reduction_indices: index", quiet(_mean_kernel), _reduce_infer,
         _mean_grad, types={"T": NUMBERS | dtypes.COMPLEX})


def reduce(op_type, input_tensor, axis, keepdims, name):
    """Builds reduction `op_type`; with `axis=None` it reduces over all axes, passed (as in
    TensorFlow) as a constant named "Const" at the current scope, or as `range(rank(x))` when
    the rank is known only at run time."""
    x = convert_to_tensor(input_tensor)
    if axis is None:
        axis = _all_axes(x)
    return execute(op_type, [x, axis], {"keepdims": bool(keepdims)}, name=name or op_type)


def deprecated_alias(value, old_value, name, old_name):
    """The value of an argument that TensorFlow 1.x also took under an older name."""
    if old_value is None:
        return value
    if value is not None:
        raise ValueError("Cannot specify both '%s' and '%s'." % (old_name, name))
    return old_value


def v1_reduction(reduction):
    """`reduction` with TensorFlow 1.x's signature, which also takes `reduction_indices` and
    `keep_dims`, the older names of `axis` and `keepdims`."""
    def v1(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
           keep_dims=None):
        axis = deprecated_alias(axis, reduction_indices, "axis", "reduction_indices")
        keepdims = deprecated_alias(keepdims, keep_dims, "keepdims", "keep_dims")
        return reduction(input_tensor, axis, bool(keepdims), name)
    v1.__name__, v1.__doc__ = reduction.__name__, reduction.__doc__
    return v1


def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    """The sum of elements across `axis` (all axes when None).

    >>> minitf.reduce_sum(minitf.constant([[1, 2], [3, 4]]), axis=0)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([4, 6], dtype=int32)>
    """
    return reduce("Sum", input_tensor, axis, keepdims, name)


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    """The mean of elements across `axis` (all axes when None); integer means are summed in a
    wide type (no wrapping) and round toward zero.

    >>> minitf.reduce_mean(minitf.constant([1., 2.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.5>
    """
    return reduce("Mean", input_tensor, axis, keepdims, name)


reduce_sum_v1, reduce_mean_v1 = v1_reduction(reduce_sum), v1_reduction(reduce_mean)

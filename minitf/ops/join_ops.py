"""Ops that join tensors and split them apart: concat and split (each other's gradient), stack
and unstack (a new axis, each other's gradient).

Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework.context import executing_eagerly
from ..framework.dimension import Dimension
from ..framework.shapes import TensorShape, dim_at, dims_str
from ..framework.tensor import Tensor
from .array_ops import identity, shape
from .constant_folding import constant_value
from .registry import contains_tensor, convert_to_tensor, execute, register, scope
from .shape_rules import static_rank


# -- concat and split -------------------------------------------------------------------------
def _concat_shape(shapes, a):
    """The static shape of the concatenation of `shapes` along axis `a` (None if unknown)."""
    known = [(i, s) for i, s in enumerate(shapes) if s.rank is not None]
    if not known:
        return TensorShape(None)
    first, s0 = known[0]
    r = s0.rank
    for i, s in known:
        if s.rank != r:
            raise ValueError("ConcatOp : Ranks of all input tensors should match: shape[%d] = %s "
                             "vs. shape[%d] = %s" % (first, dims_str(s0), i, dims_str(s)))
    if r == 0:
        raise ValueError("ConcatOp : Can't concatenate scalars (use tf.stack instead)")
    if a is None:
        return TensorShape([None] * r)
    if not -r <= a < r:
        raise ValueError("ConcatOp : Expected concatenating dimensions in the range [%d, %d), "
                         "but got %d" % (-r, r, a))
    a %= r
    dims = [None] * r
    for i, s in known:
        for d in range(r):
            if d != a and None not in (dims[d], dim_at(s, d)) and dims[d] != dim_at(s, d):
                raise ValueError("ConcatOp : Dimension %d in both shapes must be equal: "
                                 "shape[%d] = %s vs. shape[%d] = %s"
                                 % (d, first, dims_str(s0), i, dims_str(s)))
            if dims[d] is None:
                dims[d] = dim_at(s, d)
    sizes = [dim_at(s, a) for s in shapes]
    dims[a] = None if None in sizes else sum(sizes)
    return TensorShape(dims)


def _concat_kernel(*args):
    *values, axis = args
    _concat_shape([TensorShape(v.shape) for v in values], int(axis))
    return np.concatenate(values, int(axis))


def _concat_infer(inputs):
    *values, axis = inputs
    a = constant_value(axis)
    return [(values[0].dtype, _concat_shape([t.shape for t in values],
                                            None if a is None else int(a)))]


def _concat_grad(op, dy):
    *values, axis = op.inputs
    a = constant_value(axis)
    if a is None:
        raise ValueError("The gradient of %s needs its axis as a constant." % op.name)
    a = int(a)
    sizes = [dim_at(t.shape, a) if dim_at(t.shape, a) is not None else shape(t)[a]
             for t in values]
    return split(dy, sizes, a) + [None]


register("ConcatV2", "values: N*T, axis: index", _concat_kernel, _concat_infer, _concat_grad,
         grad_uses="none")


def concat(values, axis, name="concat"):
    """Joins tensors along their existing dimension `axis` (negative counts from the end); their
    other dimensions must agree. A single tensor (not in a list) counts as a list of one.

    Raises:
      InvalidArgumentError (eager) / ValueError (graph): for tensors of different ranks, other
        dimensions that differ, scalars, or `axis` out of range.

    >>> minitf.concat([minitf.zeros([2, 3]), minitf.ones([2, 1])], -1).shape
    TensorShape([2, 4])
    """
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    if not values:
        raise ValueError("concat needs at least one tensor to join.")
    if len(values) == 1:
        if static_rank(axis) not in (None, 0):
            raise ValueError("The axis of concat must be a scalar, got %r" % (axis,))
        with scope(name):
            return identity(values[0], name="concat")
    return execute("ConcatV2", [values, axis], name=name)


def _split_sizes(total, sizes):
    """`sizes` with its -1 (if any) resolved against `total`; checks that they add up."""
    sizes = np.ravel(sizes).tolist()
    if sizes.count(-1) > 1:
        raise ValueError("There can only be one -1 in the input.")
    known = sum(d for d in sizes if d != -1)
    if total is None:
        return [None if d == -1 else d for d in sizes]
    if known > total or (-1 not in sizes and known != total):
        raise ValueError("Determined shape must either match input shape along split_dim exactly "
                         "if fully specified, or be less than the size of the input along "
                         "split_dim if not fully specified.  Got: %d" % known)
    return [total - known if d == -1 else d for d in sizes]


def _split_axis(x, split_dim):
    """The split axis of `x` as a non-negative int, or None when not known statically."""
    a, r = constant_value(split_dim), x.shape.rank
    if a is None or r is None:
        return None
    a = int(a)
    if not -r <= a < r:
        raise ValueError("-input rank(-%d) <= split_dim < input rank (%d), but got %d" % (r, r, a))
    return a % r


def _split_outputs(x, a, sizes):
    if x.shape.rank is None:
        return [(x.dtype, TensorShape(None))] * len(sizes)
    if a is None:
        return [(x.dtype, TensorShape([None] * x.shape.rank))] * len(sizes)
    dims = x.shape.as_list()
    return [(x.dtype, TensorShape(dims[:a] + [d] + dims[a + 1:])) for d in sizes]


def _split_parts(total, a, num_split):
    if total % num_split:
        raise ValueError("Number of ways to split should evenly divide the split dimension, but "
                         "got split_dim %d (size = %d) and num_split %d" % (a, total, num_split))
    return [total // num_split] * num_split


def _split_infer(inputs, num_split):
    split_dim, x = inputs
    a = _split_axis(x, split_dim)
    total = None if a is None else dim_at(x.shape, a)
    if total is None:
        return _split_outputs(x, a, [None] * num_split)
    return _split_outputs(x, a, _split_parts(total, a, num_split))


def _split_kernel(split_dim, x, num_split):
    a = int(split_dim) % x.ndim
    return np.split(x, np.cumsum(_split_parts(x.shape[a], a, num_split))[:-1], a)


def _splitv_infer(inputs, num_split):
    x, size_splits, split_dim = inputs
    a = _split_axis(x, split_dim)
    sizes = constant_value(size_splits)
    if sizes is None:
        return _split_outputs(x, a, [None] * num_split)
    return _split_outputs(x, a, _split_sizes(None if a is None else dim_at(x.shape, a), sizes))


def _splitv_kernel(x, size_splits, split_dim, num_split):
    a = int(split_dim)
    sizes = _split_sizes(x.shape[a], size_splits)
    return np.split(x, np.cumsum(sizes)[:-1], a)


register("Split", "split_dim: int32, value: T", _split_kernel, _split_infer,
         lambda op, *dys: [None, concat(dys, op.inputs[0])], multi=True, grad_uses="none")
register("SplitV", "value: T, size_splits: index, split_dim: int32", _splitv_kernel,
         _splitv_infer, lambda op, *dys: [concat(dys, op.inputs[2]), None, None], multi=True,
         grad_uses="none")


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """Splits `value` along `axis` into a list of tensors.

    Args:
      value: the tensor to split.
      num_or_size_splits: a number of equal parts, or the sizes of the parts (a list or 1-D
        tensor; one size may be -1, meaning what is left).
      axis: the dimension to split.
      num: the number of parts, when it cannot be read from `num_or_size_splits`'s shape.
      name: the op name.

    Raises:
      InvalidArgumentError (eager) / ValueError (graph): if the parts do not add up to the
        dimension.

    >>> [t.shape for t in minitf.split(minitf.zeros([2, 5]), [1, -1], axis=1)]
    [TensorShape([2, 1]), TensorShape([2, 4])]
    """
    n = num_or_size_splits
    if isinstance(n, (int, np.integer, Dimension)) and not isinstance(n, bool):
        if n < 1:
            raise ValueError("Value for attr 'num_split' of %d must be at least minimum 1" % n)
        return execute("Split", [axis, value], {"num_split": int(n)}, name=name)
    sizes = convert_to_tensor(n)
    if num is None:
        num = dim_at(sizes.shape, 0) if sizes.shape.rank == 1 else None
        if num is None:
            raise ValueError("Cannot infer argument `num` from shape %s" % (sizes,))
    return execute("SplitV", [value, sizes, axis], {"num_split": num}, name=name)


# -- stack and unstack ------------------------------------------------------------------------
def _pack_infer(inputs, axis):
    s = inputs[0].shape
    for t in inputs[1:]:
        s = s.merge_with(t.shape)
    if s.rank is None:
        return [(inputs[0].dtype, s)]
    dims = s.as_list()
    a = axis + len(dims) + 1 if axis < 0 else axis
    return [(inputs[0].dtype, TensorShape(dims[:a] + [len(inputs)] + dims[a:]))]


register("Pack", "values: N*T", lambda *values, axis: np.stack(values, axis), _pack_infer,
         lambda op, dy: unstack(dy, num=len(op.inputs), axis=op.get_attr("axis")), grad_uses="none")


def _unpack_shape(s, num, axis):
    """The shape of each of the `num` parts of a tensor of shape `s` unstacked along `axis`."""
    if s.rank is None:
        return TensorShape(None)
    dims = s.as_list()
    if not -len(dims) <= axis < len(dims):
        raise ValueError("Invalid axis: %d; must be in [%d,%d)" % (axis, -len(dims), len(dims)))
    d = dims.pop(axis)
    if d is not None and d != num:
        raise ValueError("Dimension must be %d but is %d" % (num, d))
    return TensorShape(dims)


def _unpack_kernel(value, num, axis):
    _unpack_shape(TensorShape(value.shape), num, axis)
    return [np.take(value, i, axis) for i in range(num)]


register("Unpack", "value: T", _unpack_kernel,
         lambda inputs, num, axis: [(inputs[0].dtype, _unpack_shape(inputs[0].shape, num, axis))]
         * num,
         lambda op, *dys: [stack(dys, axis=op.get_attr("axis"))], multi=True, grad_uses="none")


def stack(values, axis=0, name="stack"):
    """Joins same-shaped tensors along a new dimension `axis`.

    A list of Python values (with `axis` 0) is converted as a whole, so `[1, 2.5]` is float32,
    and a single tensor is returned as it is.

    Raises:
      ValueError: if `axis` is not in [-(rank + 1), rank + 1) for the rank of the values.

    >>> minitf.stack([minitf.constant([1, 2]), minitf.constant([3, 4])], axis=1).shape
    TensorShape([2, 2])
    """
    if axis == 0 and not (isinstance(values, (list, tuple)) and contains_tensor(values)):
        try:
            return convert_to_tensor(values, name=name)
        except (TypeError, ValueError):
            pass  # ragged or of mixed kinds: Pack says what is wrong
    if isinstance(values, Tensor) and not executing_eagerly():
        raise TypeError("Expected list for 'values' argument to 'pack' Op, not %r." % (values,))
    values = list(values)
    r = static_rank(values[0])
    if r is not None and not -r - 1 <= axis <= r:
        raise ValueError("Argument `axis` = %d not in range [%d, %d)" % (axis, -r - 1, r + 1))
    return execute("Pack", [values], {"axis": axis}, name=name)


def unstack(value, num=None, axis=0, name="unstack"):
    """Splits `value` along `axis` into a list of tensors.

    Raises:
      ValueError: if `axis` is out of range, or `num` is not given and cannot be read from the
        static shape, or differs from it.

    >>> [t.numpy() for t in minitf.unstack(minitf.constant([[1, 2], [3, 4]]), axis=1)]
    [array([1, 3], dtype=int32), array([2, 4], dtype=int32)]
    """
    value = convert_to_tensor(value)
    rank = value.shape.rank
    if rank is not None:
        if not -rank <= axis < rank:
            raise ValueError("Argument `axis` = %d not in range [%d, %d)" % (axis, -rank, rank))
        axis %= rank
    if num is None:
        num = None if rank is None else dim_at(value.shape, axis)
        if num is None:
            raise ValueError("Cannot infer argument `num` from shape %s" % (value.shape,))
    return execute("Unpack", [value], {"num": num, "axis": axis}, name=name)

"""Ops that rearrange, join and repeat tensors: transpose, concat, split, tile, reverse.

Each op's kernel, shape rule and gradient stand together below its banner. The gradients pair up:
concat's is a split and split's a concat.
"""
import numpy as np

from ..framework.shapes import TensorShape, dims_str
from .array_ops import (identity, known_values, rank, reshape, shape, shaped_like, stack,
                        static_rank)
from .registry import constant_value, convert_to_tensor, execute, register, scope
from .sequence_ops import range as range_
from .sum_ops import reduce_sum


# -- transpose --------------------------------------------------------------------------------
def _perm(perm, n):
    """`perm` as a list, negative entries counted from the end; checked to permute 0..n-1."""
    p = [i + n if i < 0 else i for i in np.ravel(perm).tolist()]
    if len(p) != n:
        raise ValueError("transpose expects a vector of size %d. But input(1) is a vector of "
                         "size %d" % (n, len(p)))
    for i in p:
        if not 0 <= i < n:
            raise ValueError("%d is out of range [0 .. %d)" % (i, n))
    for i in range(n):
        if i not in p:
            raise ValueError("%d is missing from {%s}." % (i, ",".join(map(str, p))))
    return p


def _transpose_infer(inputs):
    x, perm = inputs
    p = constant_value(perm)
    if p is None:
        n = x.shape.rank if x.shape.rank is not None else perm.shape[0]
        return [(x.dtype, TensorShape(None if n is None else [None] * n))]
    if x.shape.rank is None:
        return [(x.dtype, TensorShape([None] * np.size(p)))]
    return [(x.dtype, TensorShape([x.shape[i] for i in _perm(p, x.shape.rank)]))]


def _transpose_grad(op, dy):
    perm = op.inputs[1]
    p = constant_value(perm)
    inverse = invert_permutation(perm) if p is None else np.argsort(_perm(p, np.size(p))).tolist()
    return [transpose(dy, inverse), None]


register("Transpose", "x: T, perm: index",
         lambda x, perm: np.transpose(x, _perm(perm, x.ndim)), _transpose_infer, _transpose_grad)


def _invert_permutation_kernel(x):
    if x.ndim != 1:
        raise ValueError("invert_permutation expects a 1D vector.")
    out = np.full_like(x, -1)
    for i, p in enumerate(x):
        if not 0 <= p < x.size:
            raise ValueError("%d is not between 0 and %d" % (p, x.size))
        if out[p] >= 0:
            raise ValueError("%d is duplicated in the input." % p)
        out[p] = i
    return out


register("InvertPermutation", "x: index", _invert_permutation_kernel,
         lambda inputs: [(inputs[0].dtype, inputs[0].shape)], None)


def invert_permutation(x, name=None):
    """The inverse of the permutation `x` (a 1-D int tensor holding each of 0..n-1 once).

    >>> minitf.math.invert_permutation([2, 0, 1])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 0], dtype=int32)>
    """
    return execute("InvertPermutation", [x], name=name or "InvertPermutation")


def transpose(a, perm=None, conjugate=False, name="transpose"):
    """`a` with its dimensions permuted: dimension i of the result is dimension `perm[i]` of `a`.

    Args:
      a: a tensor.
      perm: a permutation of 0..rank-1; by default the dimensions are reversed.
      conjugate: accepted for TensorFlow's signature; minitf's dtypes are real, so it changes
        nothing.
      name: the op name.

    Raises:
      InvalidArgumentError (eager) / ValueError (graph): if `perm` is not a permutation of the
        dimensions of `a`.

    >>> minitf.transpose(minitf.zeros([2, 3, 4]), [1, 0, 2]).shape
    TensorShape([3, 2, 4])
    """
    with scope(name) as s:
        a = convert_to_tensor(a, name="a")
        if perm is None:
            r = a.shape.rank
            perm = list(range(r - 1, -1, -1)) if r is not None else range_(rank(a) - 1, -1, -1)
        return execute("Transpose", [a, perm], name=s)


def transpose_v1(a, perm=None, name="transpose", conjugate=False):
    """TensorFlow 1.x's `transpose` (its `name` comes before `conjugate`)."""
    return transpose(a, perm, conjugate, name)


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
            if d != a and None not in (dims[d], s[d]) and dims[d] != s[d]:
                raise ValueError("ConcatOp : Dimension %d in both shapes must be equal: "
                                 "shape[%d] = %s vs. shape[%d] = %s"
                                 % (d, first, dims_str(s0), i, dims_str(s)))
            if dims[d] is None:
                dims[d] = s[d]
    sizes = [s[a] for s in shapes]
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
    sizes = [t.shape[a] if t.shape.rank is not None and t.shape[a] is not None
             else shape(t)[a] for t in values]
    return split(dy, sizes, a) + [None]


register("ConcatV2", "values: N*T, axis: index", _concat_kernel, _concat_infer, _concat_grad)


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
    total = None if a is None else x.shape[a]
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
    return _split_outputs(x, a, _split_sizes(None if a is None else x.shape[a], sizes))


def _splitv_kernel(x, size_splits, split_dim, num_split):
    a = int(split_dim)
    sizes = _split_sizes(x.shape[a], size_splits)
    return np.split(x, np.cumsum(sizes)[:-1], a)


register("Split", "split_dim: int32, value: T", _split_kernel, _split_infer,
         lambda op, *dys: [None, concat(dys, op.inputs[0])], multi=True)
register("SplitV", "value: T, size_splits: index, split_dim: int32", _splitv_kernel,
         _splitv_infer, lambda op, *dys: [concat(dys, op.inputs[2]), None, None], multi=True)


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
    if isinstance(n, (int, np.integer)) and not isinstance(n, bool):
        if n < 1:
            raise ValueError("Value for attr 'num_split' of %d must be at least minimum 1" % n)
        return execute("Split", [axis, value], {"num_split": int(n)}, name=name)
    sizes = convert_to_tensor(n)
    if num is None:
        num = sizes.shape[0] if sizes.shape.rank == 1 else None
        if num is None:
            raise ValueError("Cannot infer argument `num` from shape %s" % (sizes,))
    return execute("SplitV", [value, sizes, axis], {"num_split": num}, name=name)


# -- tile -------------------------------------------------------------------------------------
def _tile_shape(s, n, m):
    """The shape of `tile(x, multiples)` for x of shape `s` and multiples of length n and
    value m (n, m or s may be unknown, and m may hold Nones)."""
    if None not in (s.rank, n) and s.rank != n:
        raise ValueError("Expected multiples argument to be a vector of length %d but got "
                         "length %d" % (s.rank, n))
    if s.rank is None:
        return TensorShape(None if n is None else [None] * n)
    if m is None:
        return TensorShape([None] * s.rank)
    for i, k in enumerate(m):
        if k is not None and k < 0:
            raise ValueError("Expected multiples[%d] >= 0, but got %d" % (i, k))
    return TensorShape([None if None in (d, k) else d * k for d, k in zip(s.as_list(), m)])


def _tile_kernel(x, multiples):
    m = np.ravel(multiples).tolist()
    _tile_shape(TensorShape(x.shape), len(m), m)
    return np.tile(x, m)


def _tile_infer(inputs):
    x, multiples = inputs
    return [(x.dtype, _tile_shape(x.shape, multiples.shape[0] if multiples.shape.rank else None,
                                  known_values(multiples)))]


def _tile_grad(op, dy):
    """dy seen as shape [m0, d0, m1, d1, ...], summed over the multiples' dimensions."""
    x, multiples = op.inputs
    pairs = reshape(stack([multiples, shape(x, out_type=multiples.dtype)], axis=1), [-1])
    r = x.shape.rank
    axes = list(range(0, 2 * r, 2)) if r is not None else range_(0, 2 * rank(x), 2)
    return [shaped_like(reduce_sum(reshape(dy, pairs), axes), x), None]


register("Tile", "input: T, multiples: index", _tile_kernel, _tile_infer, _tile_grad)


def tile(input, multiples, name=None):
    """`input` repeated `multiples[i]` times along each dimension i.

    >>> minitf.tile(minitf.constant([[1, 2]]), [2, 2])
    <tf.Tensor: shape=(2, 4), dtype=int32, numpy=
    array([[1, 2, 1, 2],
           [1, 2, 1, 2]], dtype=int32)>
    """
    return execute("Tile", [input, multiples], name=name or "Tile")


# -- reverse ----------------------------------------------------------------------------------
def _reverse_axes(axis, rank):
    """`axis` (1-D; negative entries count from the end) as dimensions of a tensor of `rank`,
    each named once."""
    if np.ndim(axis) != 1:
        raise ValueError("Shape must be rank 1 but is rank %d" % np.ndim(axis))
    axes = []
    for i, a in enumerate(np.ravel(axis).tolist()):
        if not -rank <= a < rank:
            raise ValueError("'axis'[%d] = %d is out of valid range [%d, %d)" % (i, a, -rank, rank))
        if a % rank in axes:
            raise ValueError("axis %d specified more than once." % (a % rank))
        axes.append(a % rank)
    return tuple(axes)


def _reverse_infer(inputs):
    x, axis = inputs
    if axis.shape.rank not in (None, 1):
        raise ValueError("Shape must be rank 1 but is rank %d" % axis.shape.rank)
    a = constant_value(axis)
    if a is not None and x.shape.rank is not None:
        _reverse_axes(a, x.shape.rank)
    return [(x.dtype, x.shape)]


register("ReverseV2", "tensor: T, axis: index",
         lambda x, axis: np.flip(x, _reverse_axes(axis, x.ndim)).copy(), _reverse_infer,
         lambda op, dy: [reverse(dy, op.inputs[1]), None])


def reverse(tensor, axis, name=None):
    """`tensor` with the order of its elements reversed along each dimension in `axis` (a list;
    negative entries count from the end).

    Raises:
      InvalidArgumentError (eager) / ValueError (graph): if `axis` is not 1-D, names a
        dimension twice or one that `tensor` lacks.

    >>> minitf.reverse(minitf.constant([[1, 2, 3], [4, 5, 6]]), [-1])
    <tf.Tensor: shape=(2, 3), dtype=int32, numpy=
    array([[3, 2, 1],
           [6, 5, 4]], dtype=int32)>
    """
    return execute("ReverseV2", [tensor, axis], name=name or "ReverseV2")

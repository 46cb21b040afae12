"""Ops that rearrange and repeat the elements of a tensor: transpose (with invert_permutation),
tile, reverse and roll.

Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dim_at, dims_str
from .array_ops import rank, reshape, shape
from .constant_folding import constant_value, known_values
from .join_ops import stack
from .registry import convert_to_tensor, execute, register, scope
from .sequence_ops import range as range_
from .shape_rules import shaped_like


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
        n = x.shape.rank if x.shape.rank is not None else dim_at(perm.shape, 0)
        return [(x.dtype, TensorShape(None if n is None else [None] * n))]
    if x.shape.rank is None:
        return [(x.dtype, TensorShape([None] * np.size(p)))]
    return [(x.dtype, TensorShape([dim_at(x.shape, i) for i in _perm(p, x.shape.rank)]))]


def _transpose_grad(op, dy):
    perm = op.inputs[1]
    p = constant_value(perm)
    inverse = invert_permutation(perm) if p is None else np.argsort(_perm(p, np.size(p))).tolist()
    return [transpose(dy, inverse), None]


register("Transpose", "x: T, perm: index",
         lambda x, perm: np.transpose(x, _perm(perm, x.ndim)), _transpose_infer, _transpose_grad,
         grad_uses="none")


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
    n = dim_at(multiples.shape, 0) if multiples.shape.rank else None
    return [(x.dtype, _tile_shape(x.shape, n, known_values(multiples)))]


def _tile_grad(op, dy):
    """dy seen as shape [m0, d0, m1, d1, ...], summed over the multiples' dimensions."""
    x, multiples = op.inputs
    pairs = reshape(stack([multiples, shape(x, out_type=multiples.dtype)], axis=1), [-1])
    r = x.shape.rank
    axes = list(range(0, 2 * r, 2)) if r is not None else range_(0, 2 * rank(x), 2)
    return [shaped_like(execute("Sum", [reshape(dy, pairs), axes], {"keepdims": False}), x), None]


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
         lambda op, dy: [reverse(dy, op.inputs[1]), None], grad_uses="none")


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


# -- roll -------------------------------------------------------------------------------------
def _roll_kernel(x, shift, axis):
    if x.ndim < 1:
        raise InvalidArgumentError(None, None, "input must be 1-D or higher")
    for what, v in (("shift", shift), ("axis", axis)):
        if v.ndim > 1:
            raise InvalidArgumentError(None, None, "%s must be a scalar or a 1-D vector. Found: "
                                       "%s" % (what, dims_str(TensorShape(list(v.shape)))))
    if shift.size != axis.size:
        raise InvalidArgumentError(None, None, "shift and axis must have the same size")
    for a in np.ravel(axis).tolist():
        if not -x.ndim <= a < x.ndim:
            raise InvalidArgumentError(None, None, "axis %d is out of range" % a)
    return np.roll(x, tuple(np.ravel(shift).tolist()), tuple(np.ravel(axis).tolist()))


def _roll_infer(inputs):
    x, shift, axis = inputs
    for v in (shift, axis):
        if v.shape.rank is not None and v.shape.rank > 1:
            raise ValueError("Shape must be at most rank 1 but is rank %d" % v.shape.rank)
    n, m = (dim_at(v.shape, 0) if v.shape.rank == 1 else None for v in (shift, axis))
    if None not in (n, m) and n != m:
        raise ValueError("Dimension 0 in both shapes must be equal, but are %d and %d. Shapes "
                         "are [%d] and [%d]." % (n, m, n, m))
    return [(x.dtype, x.shape)]


register("Roll", "input: T, shift: index, axis: index", _roll_kernel, _roll_infer,
         lambda op, dy: [roll(dy, -op.inputs[1], op.inputs[2]), None, None], grad_uses="none")


def roll(input, shift, axis, name=None):
    """`input` with its elements shifted by `shift` places along `axis`, those pushed off one
    end coming back at the other; `shift` and `axis` may be lists (a shift per axis; the
    shifts of a repeated axis add up).

    Raises:
      InvalidArgumentError: if `shift` and `axis` differ in size, or an axis is out of range
        (a ValueError while building a graph, where it can tell).

    >>> minitf.roll([1, 2, 3, 4], 1, 0)
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([4, 1, 2, 3], dtype=int32)>
    """
    return execute("Roll", [input, shift, axis], name=name or "Roll")

"""Reductions beyond sum and mean: max, min, prod, any, all, the euclidean norm, argmax/argmin,
cumulative sums and products, and the reductions composed from other ops (count_nonzero,
reduce_logsumexp, reduce_variance, reduce_std, norm).

Sum and mean live in sum_ops with the helpers every reduction shares: `reduce` (argument
handling), `_reduce_infer` (static shape), `_restore_reduced` (a gradient put back to the
input's rank) and `_reduced_mask` (which dimensions the axes name, when known only at run
time). Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dims_str
from . import math_ops
from .array_ops import reshape, shape, shape_of, stack, stop_gradient
from .comparison_ops import equal, is_finite, not_equal
from .fill_ops import zeros
from .indexing_ops import boolean_mask
from .logical_ops import logical_not
from .manip_ops import concat, invert_permutation, transpose
from .math_ops import cast, divide_no_nan, quiet, sqrt, square, subtract
from .registry import constant_value, convert_to_tensor, execute, register, scope
from .sum_ops import (_all_axes, _axes, _reduce_infer, _reduced_mask, _restore_reduced,
                      deprecated_alias, reduce, reduce_mean, reduce_sum, v1_reduction)
from .where_ops import where

NUMBERS = dtypes.NUMBERS


# -- max, min, prod, any, all -----------------------------------------------------------------
def _empty_result(dtype, sign):
    """The value an empty max (sign -1) or min (sign 1) gives: -inf/inf, or the integer limit."""
    if dtype.kind == "f":
        return sign * np.inf
    return np.iinfo(dtype).min if sign < 0 else np.iinfo(dtype).max


def _max_kernel(x, axis, keepdims):
    return np.max(x, axis=_axes(axis), keepdims=keepdims, initial=_empty_result(x.dtype, -1))


def _min_kernel(x, axis, keepdims):
    return np.min(x, axis=_axes(axis), keepdims=keepdims, initial=_empty_result(x.dtype, 1))


def _prod_kernel(x, axis, keepdims):
    return np.prod(x, axis=_axes(axis), keepdims=keepdims, dtype=x.dtype)


def _min_or_max_grad(op, dy):
    """dy shared evenly among the elements equal to the extreme value (ties split it)."""
    x, axis = op.inputs
    hit = cast(equal(_restore_reduced(op.outputs[0], op), x), dy.dtype)
    count = reduce_sum(hit, axis, keepdims=True)
    return [hit / count * _restore_reduced(dy, op), None]


def _prod_grad(op, dy):
    """d prod / d x_i is the product of all the other elements, computed without dividing by
    x_i (so zeros are fine): along one axis, exclusive cumulative products from both ends;
    over several axes, the chain rule through one axis at a time."""
    x, axis = op.inputs
    dy = _restore_reduced(dy, op)
    a = constant_value(axis)
    if a is None or x.shape.rank is None:
        return [dy * _product_of_others(x, axis), None]
    axes = _axes(a)
    if not axes:
        return [dy, None]
    others, rest = None, x
    for i, a in enumerate(axes):
        g = cumprod(rest, a, exclusive=True) * cumprod(rest, a, exclusive=True, reverse=True)
        others = g if others is None else others * g
        if i + 1 < len(axes):
            rest = reduce_prod(rest, a, keepdims=True)
    return [dy * others, None]


def _product_of_others(x, axis):
    """The factor `_prod_grad` needs when the axes are known only at run time: the reduced
    dimensions are moved to the front and flattened into one, along which the exclusive
    cumulative products from both ends give it."""
    dims, mask, idx = shape(x), _reduced_mask(x, axis), _all_axes(x)
    kept = logical_not(mask)
    perm = concat([boolean_mask(idx, mask), boolean_mask(idx, kept)], 0)
    moved = transpose(x, perm)
    flat = reshape(moved, stack([reduce_prod(boolean_mask(dims, mask)),
                                 reduce_prod(boolean_mask(dims, kept))]))
    g = cumprod(flat, 0, exclusive=True) * cumprod(flat, 0, exclusive=True, reverse=True)
    return transpose(reshape(g, shape(moved)), invert_permutation(perm))


register("Max", "input: T, reduction_indices: index", _max_kernel, _reduce_infer,
         _min_or_max_grad, types={"T": NUMBERS})
register("Min", "input: T, reduction_indices: index", _min_kernel, _reduce_infer,
         _min_or_max_grad, types={"T": NUMBERS})
register("Prod", "input: T, reduction_indices: index", quiet(_prod_kernel), _reduce_infer,
         _prod_grad, types={"T": NUMBERS})
register("Any", "input: bool, reduction_indices: index",
         lambda x, axis, keepdims: np.any(x, _axes(axis), keepdims=keepdims), _reduce_infer, None)
register("All", "input: bool, reduction_indices: index",
         lambda x, axis, keepdims: np.all(x, _axes(axis), keepdims=keepdims), _reduce_infer, None)


def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    """The maximum across `axis` (all axes when None; an int, or a list or tuple of them,
    negative counting from the end). NaN propagates; an empty reduction gives -inf (the
    lowest integer for int types). The gradient is shared evenly among tied maxima.

    >>> minitf.reduce_max(minitf.constant([[1, 5], [7, 2]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([5, 7], dtype=int32)>
    """
    return reduce("Max", input_tensor, axis, keepdims, name)


def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    """The minimum across `axis` (see `reduce_max`); an empty reduction gives inf."""
    return reduce("Min", input_tensor, axis, keepdims, name)


def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    """The product of elements across `axis` (see `reduce_max`); an empty reduction gives 1.

    >>> minitf.reduce_prod(minitf.constant([[1., 2.], [3., 4.]]), axis=0, keepdims=True)
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[3., 8.]], dtype=float32)>
    """
    return reduce("Prod", input_tensor, axis, keepdims, name)


def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    """Logical or of a bool tensor across `axis` (see `reduce_max`); False when empty.

    >>> minitf.reduce_any(minitf.constant([[True, False], [False, False]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
    """
    return reduce("Any", input_tensor, axis, keepdims, name)


def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    """Logical and of a bool tensor across `axis` (see `reduce_max`); True when empty."""
    return reduce("All", input_tensor, axis, keepdims, name)


reduce_max_v1, reduce_min_v1, reduce_prod_v1, reduce_any_v1, reduce_all_v1 = map(
    v1_reduction, (reduce_max, reduce_min, reduce_prod, reduce_any, reduce_all))


# -- euclidean norm ---------------------------------------------------------------------------
def _euclidean_norm_kernel(x, axis, keepdims):
    """sqrt(sum(x * x)); for integers the squares and the sum wrap in x's dtype and the root is
    truncated, as in TensorFlow."""
    s = np.sum(x * x, axis=_axes(axis), keepdims=keepdims, dtype=x.dtype)
    if x.dtype.kind in "iu":
        return np.sqrt(s.astype(np.float64)).astype(x.dtype)
    return np.sqrt(s)


def _euclidean_norm_grad(op, dy):
    x = op.inputs[0]
    return [x / _restore_reduced(op.outputs[0], op) * _restore_reduced(dy, op), None]


register("EuclideanNorm", "input: T, reduction_indices: index", quiet(_euclidean_norm_kernel),
         _reduce_infer, _euclidean_norm_grad, types={"T": NUMBERS})


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    """The Euclidean norm `sqrt(sum(x ** 2))` across `axis` (see `reduce_max`); for integer
    inputs, the root truncated to the input's dtype. A zero norm has a NaN gradient.

    >>> minitf.math.reduce_euclidean_norm(minitf.constant([[3., 4.], [5., 12.]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 5., 13.], dtype=float32)>
    """
    return reduce("EuclideanNorm", input_tensor, axis, keepdims, name)


# -- counting ---------------------------------------------------------------------------------
def count_nonzero(input, axis=None, keepdims=None, dtype=dtypes.int64, name=None):
    """The number of elements that are not zero (or not False) across `axis` (all axes when
    None), as `dtype`.

    >>> minitf.math.count_nonzero(minitf.constant([[0., 2.], [3., 0.]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 1])>
    """
    with scope(name or "count_nonzero"):
        x = convert_to_tensor(input, name="input")
        nonzero = cast(not_equal(x, zeros([], x.dtype)), dtypes.int64)
        return cast(reduce_sum(nonzero, axis, bool(keepdims)), dtype)


def count_nonzero_v1(input_tensor=None, axis=None, keepdims=None, dtype=dtypes.int64, name=None,
                     reduction_indices=None, keep_dims=None, input=None):
    """TensorFlow 1.x's `count_nonzero`, which also takes `input`, `reduction_indices` and
    `keep_dims`, the older names of `input_tensor`, `axis` and `keepdims`."""
    input_tensor = deprecated_alias(input_tensor, input, "input_tensor", "input")
    axis = deprecated_alias(axis, reduction_indices, "axis", "reduction_indices")
    keepdims = deprecated_alias(keepdims, keep_dims, "keepdims", "keep_dims")
    return count_nonzero(input_tensor, axis, keepdims, dtype, name)


# -- argmax, argmin ---------------------------------------------------------------------------
def _arg_kernel(pick, nan_as):
    def run(x, dimension, output_type):
        if np.ndim(dimension):
            raise InvalidArgumentError(None, None, "dimension must be a scalar, but got shape %s"
                                       % dims_str(TensorShape(np.shape(dimension))))
        a = int(dimension)
        if not -x.ndim <= a < x.ndim:
            raise InvalidArgumentError(None, None, "Expected dimension in the range [%d, %d), "
                                       "but got %d" % (-x.ndim, x.ndim, a))
        if x.shape[a] == 0:
            raise InvalidArgumentError(None, None, "Reduction axis %d is empty in shape %s"
                                       % (a, dims_str(TensorShape(x.shape))))
        if x.dtype.kind == "f":  # NaN never wins, as in TensorFlow
            x = np.where(np.isnan(x), nan_as, x)
        return pick(x, axis=a).astype(output_type.np)
    return run


def _arg_infer(inputs, output_type):
    x, dimension = inputs
    if dimension.shape.rank not in (None, 0):
        raise ValueError("Shape must be rank 0 but is rank %d" % dimension.shape.rank)
    a, rank = constant_value(dimension), x.shape.rank
    if rank is None:
        return [(output_type, TensorShape(None))]
    if a is None:
        return [(output_type, TensorShape([None] * (rank - 1)))]
    a = int(a)
    if not -rank <= a < rank:
        raise ValueError("Dimension (%d) must be in the range [%d, %d), where %d is the number "
                         "of dimensions in the input." % (a, -rank, rank, rank))
    dims = x.shape.as_list()
    del dims[a]
    return [(output_type, TensorShape(dims))]


_ARG_TYPES = {"T": NUMBERS | {dtypes.bool}}
register("ArgMax", "input: T, dimension: index", _arg_kernel(np.argmax, -np.inf), _arg_infer,
         None, types=_ARG_TYPES)
register("ArgMin", "input: T, dimension: index", _arg_kernel(np.argmin, np.inf), _arg_infer,
         None, types=_ARG_TYPES)


def _arg(op_type, input, axis, output_type, name):
    if isinstance(axis, (list, tuple)):
        raise TypeError("axis must be int or Tensor with integer datatype")
    output_type = dtypes.as_dtype(output_type)
    if output_type not in (dtypes.int16, dtypes.int32, dtypes.int64):
        if executing_eagerly():
            raise InvalidArgumentError(None, None, "Value for attr 'output_type' of %s is not in "
                                       "the list of allowed values: int16, int32, int64 [Op:%s]"
                                       % (output_type.name, op_type))
        raise TypeError("Value passed to parameter 'output_type' has DataType %s not in list of "
                        "allowed values: int16, int32, int64" % output_type.name)
    return execute(op_type, [input, 0 if axis is None else axis], {"output_type": output_type},
                   name=name or op_type)


def argmax(input, axis=None, output_type=dtypes.int64, name=None):
    """The index of the largest value along `axis` (0 when None), the first on ties; NaN is
    never the largest.

    Args:
      input: a number or bool tensor.
      axis: an int or scalar int tensor; negative counts from the end.
      output_type: int64 (the default), int32 or int16.
      name: the op name.

    Raises:
      TypeError: if `axis` is a list, or `output_type` not an allowed integer type.

    >>> minitf.argmax(minitf.constant([[1, 5], [7, 2]]))
    <tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 0])>
    """
    return _arg("ArgMax", input, axis, output_type, name)


def argmin(input, axis=None, output_type=dtypes.int64, name=None):
    """The index of the smallest value along `axis` (0 when None); see `argmax`."""
    return _arg("ArgMin", input, axis, output_type, name)


def argmax_v1(input, axis=None, name=None, dimension=None, output_type=dtypes.int64):
    """TensorFlow 1.x's `argmax`, which also takes `dimension`, the older name of `axis`."""
    return argmax(input, deprecated_alias(axis, dimension, "axis", "dimension"), output_type, name)


def argmin_v1(input, axis=None, name=None, dimension=None, output_type=dtypes.int64):
    """TensorFlow 1.x's `argmin`, which also takes `dimension`, the older name of `axis`."""
    return argmin(input, deprecated_alias(axis, dimension, "axis", "dimension"), output_type, name)


def arg_max(input, dimension, output_type=dtypes.int64, name=None):
    """TensorFlow 1.x's raw ArgMax op: `argmax` with a required `dimension`."""
    return _arg("ArgMax", input, dimension, output_type, name)


def arg_min(input, dimension, output_type=dtypes.int64, name=None):
    """TensorFlow 1.x's raw ArgMin op: `argmin` with a required `dimension`."""
    return _arg("ArgMin", input, dimension, output_type, name)


# -- cumulative sums and products -------------------------------------------------------------
def _scan_kernel(ufunc, start):
    def run(x, axis, exclusive, reverse):
        if np.ndim(axis):
            raise InvalidArgumentError(None, None, "ScanOp: axis must be a scalar, not %s"
                                       % np.asarray(axis).tolist())
        a = int(axis)
        if not -x.ndim <= a < x.ndim:
            raise InvalidArgumentError(None, None, "ScanOp: Expected scan axis in the range "
                                       "[%d, %d), but got %d" % (-x.ndim, x.ndim, a))
        y = np.moveaxis(x, a, 0)
        if reverse:
            y = y[::-1]
        if exclusive and len(y):
            y = np.concatenate([np.full((1,) + y.shape[1:], start, x.dtype), y[:-1]])
        out = ufunc.accumulate(y, axis=0, dtype=x.dtype)
        return np.moveaxis(out[::-1] if reverse else out, 0, a)
    return run


def _cumsum_grad(op, dy):
    return [cumsum(dy, op.inputs[1], exclusive=op.get_attr("exclusive"),
                   reverse=not op.get_attr("reverse")), None]


def _cumprod_grad(op, dy):
    """TensorFlow's rule: exact where x != 0, and 0 (not NaN) where x == 0."""
    x, axis = op.inputs
    exclusive, reverse = op.get_attr("exclusive"), op.get_attr("reverse")
    out = cumsum(op.outputs[0] * dy, axis, exclusive=exclusive, reverse=not reverse)
    return [divide_no_nan(out, x), None]


def _scan_infer(inputs, exclusive, reverse):
    return [(inputs[0].dtype, inputs[0].shape)]


register("Cumsum", "x: T, axis: index", quiet(_scan_kernel(np.add, 0)), _scan_infer, _cumsum_grad,
         types={"T": NUMBERS})
register("Cumprod", "x: T, axis: index", quiet(_scan_kernel(np.multiply, 1)), _scan_infer,
         _cumprod_grad, types={"T": NUMBERS})


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running sums along `axis`: `[a, a + b, a + b + c]`; `exclusive` leaves out each element
    itself (`[0, a, a + b]`), `reverse` runs from the end.

    >>> minitf.cumsum(minitf.constant([1, 2, 3]), exclusive=True, reverse=True)
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([5, 3, 0], dtype=int32)>
    """
    return execute("Cumsum", [x, axis], {"exclusive": bool(exclusive), "reverse": bool(reverse)},
                   name=name or "Cumsum")


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running products along `axis` (see `cumsum`; an exclusive product starts at 1).

    >>> minitf.math.cumprod(minitf.constant([1., 2., 3.]), exclusive=True)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 1., 2.], dtype=float32)>
    """
    return execute("Cumprod", [x, axis], {"exclusive": bool(exclusive), "reverse": bool(reverse)},
                   name=name or "Cumprod")


# -- reductions made of other ops -------------------------------------------------------------
def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """`log(reduce_sum(exp(x), axis))`, computed stably: the maximum is taken out first, so
    large inputs do not overflow (float inputs).

    >>> minitf.reduce_logsumexp(minitf.constant([1000., 1000.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1000.6931762695312>
    """
    with scope(name or "ReduceLogSumExp") as s:
        x = convert_to_tensor(input_tensor)
        raw_max = reduce_max(x, axis, keepdims=True)
        top = stop_gradient(where(is_finite(raw_max), raw_max, 0))
        result = math_ops.log(reduce_sum(math_ops.exp(subtract(x, top)), axis, keepdims))
        if not keepdims:
            top = reshape(top, shape_of(result))
        return math_ops.add(result, top, name=s)


reduce_logsumexp_v1 = v1_reduction(reduce_logsumexp)


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """The population variance (mean squared deviation from the mean) across `axis`.

    Raises:
      TypeError: for integer inputs.

    >>> minitf.math.reduce_variance(minitf.constant([[1., 2.], [3., 6.]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.25, 2.25], dtype=float32)>
    """
    with scope(name or "reduce_variance"):
        x = convert_to_tensor(input_tensor)
        if x.dtype.is_integer:
            raise TypeError("Input must be either real or complex. Received integer type %s."
                            % x.dtype)
        means = reduce_mean(x, axis, keepdims=True)
        return reduce_mean(square(x - means), axis, keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """The population standard deviation across `axis`: `sqrt(reduce_variance(...))`."""
    with scope(name or "reduce_std"):
        return sqrt(reduce_variance(input_tensor, axis, keepdims))


_VECTOR_ORDS, _MATRIX_ORDS = ["euclidean", 1, 2, np.inf], ["euclidean", "fro", 1, 2, np.inf]


def _is_matrix_norm(ord, axis):
    """Whether `axis` asks for a matrix norm; raises for the `ord` and `axis` TensorFlow
    rejects."""
    if isinstance(axis, (list, tuple)) and len(axis) == 2 and axis[0] != axis[1] and \
            all(isinstance(a, int) for a in axis):
        if ord not in _MATRIX_ORDS:
            raise ValueError("'ord' must be a supported matrix norm in %s, got %s"
                             % (_MATRIX_ORDS, ord))
        if ord == 2:
            raise NotImplementedError("minitf has no matrix 2-norm (the largest singular value "
                                      "needs an SVD); use ord='fro', 1 or np.inf.")
        return True
    if not (axis is None or isinstance(axis, int)):
        raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers, "
                         "got %s" % (axis,))
    if ord not in _VECTOR_ORDS and (isinstance(ord, str) or not ord > 0):
        raise ValueError("'ord' must be a supported vector norm, got %s" % (ord,))
    return False


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """A vector norm (over all elements, or along the int `axis`) or a matrix norm (over the
    2 dimensions of a pair `axis`).

    Args:
      tensor: a float tensor.
      ord: for vectors "euclidean" (= 2), 1, np.inf or any p > 0; for matrices "euclidean" or
        "fro" (Frobenius), 1 (largest column sum of |x|) or np.inf (largest row sum).
      axis: None, an int, or a pair of distinct ints.
      keepdims: keep the reduced dimensions with size 1.
      name: the name scope.

    Raises:
      ValueError: for an unsupported `ord` or `axis`.
      NotImplementedError: for the matrix 2-norm (the largest singular value).

    >>> minitf.norm(minitf.constant([[3., -4.], [0., 0.]]), ord=1, axis=1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([7., 0.], dtype=float32)>
    """
    matrix = _is_matrix_norm(ord, axis)
    keep = bool(keepdims)
    with scope(name or "norm"):
        x = convert_to_tensor(tensor)
        if ord in ("euclidean", "fro", 2):
            return sqrt(reduce_sum(x * x, axis, keep))
        a = math_ops.abs(x)
        if ord == 1 and matrix:
            return reduce_max(reduce_sum(a, axis[0], keepdims=True), list(axis), keep)
        if ord == np.inf and matrix:
            return reduce_max(reduce_sum(a, axis[1], keepdims=True), list(axis), keep)
        if ord == 1:
            return reduce_sum(a, axis, keep)
        if ord == np.inf:
            return reduce_max(a, axis, keep)
        return math_ops.pow(reduce_sum(math_ops.pow(a, ord), axis, keep), 1.0 / ord)


def norm_v1(tensor, ord="euclidean", axis=None, keepdims=None, name=None, keep_dims=None):
    """TensorFlow 1.x's `norm`, which also takes `keep_dims`, the older name of `keepdims`."""
    keepdims = deprecated_alias(keepdims, keep_dims, "keepdims", "keep_dims")
    return norm(tensor, ord, axis, keepdims, name)

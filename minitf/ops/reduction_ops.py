"""Reductions: sum, mean, max, min, prod, any, all and the euclidean norm over some axes (all of
them by default), argmax and argmin, and those composed from other ops (count_nonzero,
reduce_logsumexp, reduce_variance, reduce_std); with TensorFlow 1.x's signatures.

Each op's kernel, shape rule and gradient stand together below its banner. A reduction's axes
are its second input; its gradient puts the reduced dimensions back (`_restore_reduced`) and
broadcasts.
"""
import math

import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dims_str
from . import arithmetic_ops
from .arithmetic_ops import cast, square, subtract
from .array_ops import expand_dims, rank, reshape, shape, size, stop_gradient
from .comparison_ops import equal, is_finite, not_equal, where
from .constant_folding import constant_value
from .deprecation import deprecated_alias
from .fill_ops import broadcast_to, ones_like, zeros
from .indexing_ops import boolean_mask
from .join_ops import concat, stack
from .kernels import quiet
from .logical_ops import logical_not
from .manip_ops import invert_permutation, transpose
from .math_ops import exp, log, sqrt
from .registry import convert_to_tensor, execute, plain_operand, register, scope
from .scan_ops import cumprod
from .shape_rules import all_axes, reduce_infer, reduction_axes, shape_of

NUMBERS = dtypes.NUMBERS


# -- sum and mean -----------------------------------------------------------------------------
def _reduced_mask(x, axis):
    """Per dimension of x, whether the axes `axis` (a tensor; negative ones count from the end)
    name it: a bool vector computed at run time, for reductions over axes not known statically."""
    every = all_axes(x)
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
    axes = sorted(i % r for i in reduction_axes(a)) if r else []
    if x.shape.is_fully_defined():
        dims = x.shape.as_list()
        return reshape(dy, [1 if i in axes else d for i, d in enumerate(dims)])
    if len(axes) == r:
        return dy
    for i in axes:
        dy = expand_dims(dy, i)
    return dy


def _broadcast_back(dy, op):
    """dy spread over the input of reduction `op` (a scalar dy needs no reshape first)."""
    if dy.shape._dims != ():  # a rank that is not 0, or unknown
        dy = _restore_reduced(dy, op)
    return broadcast_to(dy, plain_operand(shape_of(op.inputs[0]), dtypes.int32))


def _sum_grad(op, dy):
    return [_broadcast_back(dy, op), None]


def _mean_grad(op, dy):
    x, y = op.inputs[0], op.outputs[0]
    xs, ys = x.shape._dims, y.shape._dims  # tuples, or None for an unknown rank
    if xs is not None and ys is not None and None not in xs and None not in ys:
        count = plain_operand(max(math.prod(xs), 1) // max(math.prod(ys), 1), dy.dtype)
    else:
        count = cast(size(x), dy.dtype) / cast(size(y), dy.dtype)
    return [_broadcast_back(execute("RealDiv", [dy, count], name="truediv"), op), None]


def _sum_kernel(x, axis, keepdims):
    return np.add.reduce(x, axis=reduction_axes(axis), dtype=x.dtype, keepdims=keepdims)


def _mean_kernel(x, axis, keepdims):
    axes = reduction_axes(axis)
    n = x.size if len(axes) == x.ndim else math.prod(x.shape[a] for a in axes)
    dtype = x.dtype
    if dtype.kind in "iu":  # summed in 64 bits as in TensorFlow, so that small types do not wrap
        wide = np.uint64 if dtype.kind == "u" else np.int64
        s = np.sum(x, axis=axes, keepdims=keepdims, dtype=wide)
        return (np.sign(s) * (np.abs(s) // max(n, 1))).astype(dtype)
    mean = np.add.reduce(x, axis=axes, dtype=dtype, keepdims=keepdims) / dtype.type(n)
    return mean if mean.dtype == dtype else mean.astype(dtype)


register("Sum", "input: T, reduction_indices: index", quiet(_sum_kernel), reduce_infer, _sum_grad,
         types={"T": NUMBERS | dtypes.COMPLEX}, grad_uses="none")
register("Mean", "input: T, reduction_indices: index", quiet(_mean_kernel), reduce_infer,
         _mean_grad, types={"T": NUMBERS | dtypes.COMPLEX}, grad_uses="none")


def reduce(op_type, input_tensor, axis, keepdims, name):
    """Builds reduction `op_type`; with `axis=None` it reduces over all axes, passed (as in
    TensorFlow) as a constant named "Const" at the current scope, or as `range(rank(x))` when
    the rank is known only at run time."""
    x = convert_to_tensor(input_tensor)
    if axis is None:
        axis = all_axes(x)
    return execute(op_type, [x, axis], {"keepdims": bool(keepdims)}, name=name or op_type)


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


# -- max, min, prod, any, all -----------------------------------------------------------------
def _empty_result(dtype, sign):
    """The value an empty max (sign -1) or min (sign 1) gives: -inf/inf, or the integer limit."""
    if dtype.kind == "f":
        return sign * np.inf
    return np.iinfo(dtype).min if sign < 0 else np.iinfo(dtype).max


def _max_kernel(x, axis, keepdims):
    return np.max(x, axis=reduction_axes(axis), keepdims=keepdims,
                  initial=_empty_result(x.dtype, -1))


def _min_kernel(x, axis, keepdims):
    return np.min(x, axis=reduction_axes(axis), keepdims=keepdims,
                  initial=_empty_result(x.dtype, 1))


def _prod_kernel(x, axis, keepdims):
    return np.prod(x, axis=reduction_axes(axis), keepdims=keepdims, dtype=x.dtype)


def _min_or_max_grad(op, dy):
    """dy shared evenly among the elements equal to the extreme value (ties split it)."""
    x, axis = op.inputs
    hit = cast(equal(_restore_reduced(op.outputs[0], op), x), dy.dtype)
    count = reduce_sum(hit, axis, keepdims=True)
    return [hit / count * _restore_reduced(dy, op), None]


def _prod_grad(op, dy):
    """d prod / d x_i is the product of all the other elements, computed without dividing by
    x_i (so zeros are fine): along one axis, exclusive cumulative products from both ends;
    over several axes, the same along the reduced axes flattened into one (as TensorFlow does,
    and as a graph must when it knows the axes only at run time: both ways give the same
    bits)."""
    x, axis = op.inputs
    dy = _restore_reduced(dy, op)
    a = constant_value(axis)
    axes = None if a is None or x.shape.rank is None else reduction_axes(a)
    if axes is None or len(axes) > 1:
        return [dy * _product_of_others(x, axis), None]
    if not axes:
        return [dy, None]
    a, = axes
    return [dy * (cumprod(x, a, exclusive=True) * cumprod(x, a, exclusive=True, reverse=True)),
            None]


def _product_of_others(x, axis):
    """The factor `_prod_grad` needs when the axes are known only at run time: the reduced
    dimensions are moved to the front and flattened into one, along which the exclusive
    cumulative products from both ends give it."""
    dims, mask, idx = shape(x), _reduced_mask(x, axis), all_axes(x)
    kept = logical_not(mask)
    perm = concat([boolean_mask(idx, mask), boolean_mask(idx, kept)], 0)
    moved = transpose(x, perm)
    flat = reshape(moved, stack([reduce_prod(boolean_mask(dims, mask)),
                                 reduce_prod(boolean_mask(dims, kept))]))
    g = cumprod(flat, 0, exclusive=True) * cumprod(flat, 0, exclusive=True, reverse=True)
    return transpose(reshape(g, shape(moved)), invert_permutation(perm))


register("Max", "input: T, reduction_indices: index", _max_kernel, reduce_infer,
         _min_or_max_grad, types={"T": NUMBERS})
register("Min", "input: T, reduction_indices: index", _min_kernel, reduce_infer,
         _min_or_max_grad, types={"T": NUMBERS})
register("Prod", "input: T, reduction_indices: index", quiet(_prod_kernel), reduce_infer,
         _prod_grad, types={"T": NUMBERS}, grad_uses="inputs")
register("Any", "input: bool, reduction_indices: index",
         lambda x, axis, keepdims: np.any(x, reduction_axes(axis), keepdims=keepdims),
         reduce_infer, None)
register("All", "input: bool, reduction_indices: index",
         lambda x, axis, keepdims: np.all(x, reduction_axes(axis), keepdims=keepdims), reduce_infer, None)


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
    s = np.sum(x * x, axis=reduction_axes(axis), keepdims=keepdims, dtype=x.dtype)
    if x.dtype.kind in "iu":
        return np.sqrt(s.astype(np.float64)).astype(x.dtype)
    return np.sqrt(s)


def _euclidean_norm_grad(op, dy):
    x = op.inputs[0]
    return [x / _restore_reduced(op.outputs[0], op) * _restore_reduced(dy, op), None]


register("EuclideanNorm", "input: T, reduction_indices: index", quiet(_euclidean_norm_kernel),
         reduce_infer, _euclidean_norm_grad, types={"T": NUMBERS})


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
        result = log(reduce_sum(exp(subtract(x, top)), axis, keepdims))
        if not keepdims:
            top = reshape(top, shape_of(result))
        return arithmetic_ops.add(result, top, name=s)


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

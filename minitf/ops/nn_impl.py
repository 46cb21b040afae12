"""Neural-net functions composed from other ops, with no op of their own: log_sigmoid,
l2_normalize, moments, embedding_lookup, xw_plus_b and dropout, and TensorFlow 1.x's spellings
of them.

They build the ops TensorFlow builds, under the same name scopes, so graph names and gradients
are TensorFlow's. The ops they build on live in nn_ops (activations, softmax, bias_add) and
loss_ops (the losses), and the random draws that dropout makes in random_ops.
"""
import numbers

from ..framework import dtypes
from ..framework.shapes import TensorShape
from .array_ops import identity, rank, shape_of, squeeze, stop_gradient
from .clip_ops import clip_by_norm
from .indexing_ops import gather
from .math_ops import cast, maximum, multiply, negative, square, squared_difference
from .matmul_ops import matmul
from .nn_ops import bias_add, softplus
from .random_ops import random_uniform
from .registry import convert_to_tensor, scope
from .sequence_ops import range as range_
from .sum_ops import deprecated_alias, reduce_mean, reduce_sum
from .unary_ops import rsqrt
from .where_ops import where


def log_sigmoid(x, name=None):
    """Elementwise `log(sigmoid(x))`, computed as `-softplus(-x)` so that it stays finite.

    >>> minitf.math.log_sigmoid(minitf.constant([-1000., 1000.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1000.,    -0.], dtype=float32)>
    """
    with scope(name or "LogSigmoid") as s:
        x = convert_to_tensor(x, name="x")
        return negative(softplus(negative(x)), name=s)


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """`x / sqrt(max(sum(x ** 2, axis), epsilon))`: `x` scaled to unit L2 norm along `axis`
    (all axes when None); `dim` is the older name of `axis`.

    Raises:
      TypeError: for integer `x` (epsilon is a float).

    >>> minitf.nn.l2_normalize(minitf.constant([[3., 4.], [0., 0.]]), axis=1)
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[0.6, 0.8],
           [0. , 0. ]], dtype=float32)>
    """
    axis = deprecated_alias(axis, dim, "axis", "dim")
    with scope(name or "l2_normalize") as s:
        x = convert_to_tensor(x, name="x")
        square_sum = reduce_sum(square(x), axis, keepdims=True)
        return multiply(x, rsqrt(maximum(square_sum, epsilon)), name=s)


def moments(x, axes, shift=None, keepdims=False, name=None):
    """The mean and the variance of `x` across `axes`; float16 inputs are computed in float32.

    Args:
      x: a tensor.
      axes: the dimensions to reduce, a list of ints.
      shift: not used, as in TensorFlow 2.
      keepdims: keep the reduced dimensions with size 1.
      name: the name scope.

    Returns:
      (mean, variance), no gradient flowing to `x` through the mean inside the variance.

    >>> mean, variance = minitf.nn.moments(minitf.constant([1., 2., 6.]), axes=[0])
    >>> float(mean), float(variance)
    (3.0, 4.666666507720947)
    """
    with scope(name or "moments"):
        x = convert_to_tensor(x, name="x")
        y = cast(x, dtypes.float32) if x.dtype is dtypes.float16 else x
        mean = reduce_mean(y, axes, keepdims=True, name="mean")
        variance = reduce_mean(squared_difference(y, stop_gradient(mean)), axes, keepdims=True,
                               name="variance")
        if not keepdims:
            mean, variance = squeeze(mean, axes), squeeze(variance, axes)
        if x.dtype is dtypes.float16:
            return cast(mean, x.dtype), cast(variance, x.dtype)
        return mean, variance


def moments_v1(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    """TensorFlow 1.x's `moments`, which also takes `keep_dims`, the older name of `keepdims`."""
    keepdims = deprecated_alias(keepdims, keep_dims, "keepdims", "keep_dims")
    return moments(x, axes, shift, bool(keepdims), name)


def embedding_lookup(params, ids, max_norm=None, name=None):
    """The rows of `params` at `ids` (a gather along axis 0); with `max_norm`, each looked-up
    embedding is scaled down to an L2 norm of at most `max_norm`.

    Args:
      params: the embeddings, a tensor or variable (or a list holding one: minitf does not
        shard embeddings over several tensors).
      ids: int32/int64 indices of rows, of any shape.
      max_norm: the largest norm an embedding may have, or None.
      name: the name scope.

    Raises:
      NotImplementedError: for `params` split into several shards.

    >>> minitf.nn.embedding_lookup(minitf.constant([[1., 2.], [3., 4.]]), [1, 1, 0])
    <tf.Tensor: shape=(3, 2), dtype=float32, numpy=
    array([[3., 4.],
           [3., 4.],
           [1., 2.]], dtype=float32)>
    """
    if isinstance(params, (list, tuple)):
        if len(params) != 1:
            raise NotImplementedError("minitf looks embeddings up in one tensor; got %d shards. "
                                      "Concatenate them first." % len(params))
        params = params[0]
    with scope(name or "embedding_lookup") as s:
        ids = convert_to_tensor(ids, name="ids")
        result = gather(params, ids, name=s)
        if max_norm is not None:
            ids_rank, rows_rank = ids.shape.rank, result.shape.rank
            if ids_rank is not None and rows_rank is not None:
                axes = list(range(ids_rank, rows_rank))
            else:
                axes = range_(rank(ids), rank(result))
            result = clip_by_norm(result, max_norm, axes)
        return identity(result)


def embedding_lookup_v1(params, ids, partition_strategy="mod", name=None, validate_indices=True,
                        max_norm=None):
    """TensorFlow 1.x's `embedding_lookup`; `partition_strategy` only matters for several
    shards, which minitf does not take, and `validate_indices` is ignored as in TensorFlow."""
    return embedding_lookup(params, ids, max_norm, name)


def xw_plus_b(x, weights, biases, name=None):
    """`matmul(x, weights) + biases`, with the bias added by `bias_add`.

    >>> minitf.compat.v1.nn.xw_plus_b([[1., 2.]], [[1.], [1.]], [0.5])
    <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[3.5]], dtype=float32)>
    """
    with scope(name or "xw_plus_b") as s:
        x = convert_to_tensor(x, name="x")
        weights = convert_to_tensor(weights, name="weights")
        biases = convert_to_tensor(biases, name="biases")
        return bias_add(matmul(x, weights), biases, name=s)


# -- dropout ----------------------------------------------------------------------------------
def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """Sets each element of `x` to 0 with probability `rate` and scales the others by
    `1 / (1 - rate)`, so the expected sum is unchanged.

    Args:
      x: a floating tensor.
      rate: the probability of dropping an element: a number in [0, 1) or a scalar tensor.
      noise_shape: the shape of the keep/drop decisions, broadcast against `x` (default: x's
        shape; `[n, 1]` drops whole rows); None entries take x's dimension.
      seed: the op seed of the uniform draw (see `minitf.random`).

    Raises:
      ValueError: if `x` is not floating point, or `rate` is a number outside [0, 1).

    >>> y = minitf.nn.dropout(minitf.ones([1000]), 0.5, seed=1)
    >>> sorted(set(y.numpy().tolist()))
    [0.0, 2.0]
    """
    with scope(name or "dropout"):
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError("`x.dtype` must be a floating point tensor as `x` will be scaled. "
                             "Received: x_dtype=%s" % x.dtype)
        is_number = isinstance(rate, numbers.Real)
        if isinstance(rate, bool) or (is_number and not 0 <= rate < 1):
            raise ValueError("`rate` must be a scalar tensor or a float in the range [0, 1). "
                             "Received: rate=%s" % rate)
        if is_number and rate == 0:
            return x
        if not is_number:
            rate = convert_to_tensor(rate, x.dtype, name="rate")
            if rate.shape.rank not in (None, 0):
                raise ValueError("`rate` must be a scalar or scalar tensor. Received: rate=%s"
                                 % rate)
        scaled = multiply(x, convert_to_tensor(1 / (1 - rate), x.dtype, name="Const"))
        keep = random_uniform(_noise_shape(x, noise_shape), dtype=x.dtype, seed=seed) >= rate
        return where(keep, scaled, convert_to_tensor(0, x.dtype, name="Const"))


def _noise_shape(x, noise_shape):
    if noise_shape is None:
        return shape_of(x)
    if isinstance(noise_shape, TensorShape):
        noise_shape = noise_shape.as_list()
    if x.shape.rank is None or not isinstance(noise_shape, (list, tuple)) \
            or len(noise_shape) != x.shape.rank:
        return noise_shape
    return [x.shape[i] if d is None else d for i, d in enumerate(noise_shape)]


def dropout_v1(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
    """TensorFlow 1.x's dropout: `keep_prob` (the probability of keeping an element) or `rate`.

    Raises:
      ValueError: if both or neither of `keep_prob` and `rate` are given.
    """
    if keep_prob is not None:
        if rate is not None:
            raise ValueError("Cannot specify both 'keep_prob' and 'rate'.")
        rate = 1 - keep_prob
    if rate is None:
        raise ValueError("`rate` must be provided. Received: rate=None")
    return dropout(x, rate, noise_shape, seed, name)

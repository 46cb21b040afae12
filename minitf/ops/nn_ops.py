"""Neural-net ops other than activations and losses: softmax and log_softmax (which subtract the
maximum first, so they stay finite at logits of +-1000), bias_add, and the functions composed
from other ops under TensorFlow's name scopes: l2_normalize, moments, embedding_lookup,
xw_plus_b and dropout; with TensorFlow 1.x's spellings.

Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numbers

import numpy as np

from ..framework import dtypes
from ..framework.dtypes import FLOATS, NUMBERS
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dim_at, dim_list, dims_str
from .arithmetic_ops import cast, maximum, multiply, square, squared_difference
from .array_ops import identity, rank, reshape, squeeze, stop_gradient
from .clip_ops import clip_by_norm
from .comparison_ops import where
from .deprecation import deprecated_alias
from .fill_ops import broadcast_to
from .indexing_ops import gather
from .kernels import quiet
from .linalg_ops import matmul
from .math_ops import exp, rsqrt
from .random_ops import random_uniform
from .reduction_ops import reduce_mean, reduce_sum
from .registry import convert_to_tensor, execute, register, scope
from .sequence_ops import range as range_
from .shape_rules import same, shape_of


# -- softmax and log_softmax ------------------------------------------------------------------
def _minus_max(x, axis):
    return x - np.max(x, axis, keepdims=True, initial=-np.inf)


def shifted(x, axis):
    """`x - max(x)` and `log(sum(exp(x - max(x))))` along axis: log_softmax is their
    difference, and the losses use them to stay >= 0."""
    y = _minus_max(x, axis)
    return y, np.log(np.sum(np.exp(y), axis, keepdims=True))


def _log_softmax(x, axis):
    y, log_sum = shifted(x, axis)
    return y - log_sum


def _softmax(x, axis):
    e = np.exp(_minus_max(x, axis))
    return e / np.sum(e, axis, keepdims=True)


def check_rank(rank):
    """Raises ValueError for logits of rank 0 (softmax and the losses need a class axis)."""
    if rank == 0:
        raise ValueError("logits must have >= 1 dimension, got []")


def _over_classes(fn):
    def kernel(logits, axis):
        check_rank(logits.ndim)
        return fn(logits, axis)
    return quiet(kernel)


def _has_classes(inputs, **_):
    check_rank(inputs[0].shape.rank)
    return same(inputs)


def _softmax_grad(op, dy):
    y, axis = op.outputs[0], op.get_attr("axis")
    return [(dy - reduce_sum(dy * y, axis, keepdims=True)) * y]


def _log_softmax_grad(op, dy):
    y, axis = op.outputs[0], op.get_attr("axis")
    return [dy - reduce_sum(dy, axis, keepdims=True) * exp(y)]


register("Softmax", "logits: T", _over_classes(_softmax), _has_classes, _softmax_grad,
         types={"T": FLOATS}, grad_uses="outputs")
register("LogSoftmax", "logits: T", _over_classes(_log_softmax), _has_classes, _log_softmax_grad,
         types={"T": FLOATS}, grad_uses="outputs")


def class_axis(logits, axis):
    """`axis` checked against the rank of `logits` (kept as given when the rank is unknown)."""
    axis = -1 if axis is None else int(axis)
    rank = logits.shape.rank
    if rank and not -rank <= axis < rank:
        raise InvalidArgumentError(None, None, "`dim` must be in the range [-%d, %d) where %d is "
                                   "the number of dimensions in the input. Received: dim=%d"
                                   % (rank, rank, rank, axis))
    return axis


def softmax(logits, axis=None, name=None):
    """`exp(logits) / reduce_sum(exp(logits), axis)`, computed after subtracting the maximum.

    Args:
      logits: a floating tensor of rank >= 1.
      axis: the class dimension (default -1).

    Raises:
      InvalidArgumentError: if `axis` is out of range.

    >>> minitf.nn.softmax([-1000.0, 1000.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 1.], dtype=float32)>
    """
    logits = convert_to_tensor(logits, name="logits")
    return execute("Softmax", [logits], {"axis": class_axis(logits, axis)},
                   name=name or "Softmax")


def log_softmax(logits, axis=None, name=None):
    """`logits - log(reduce_sum(exp(logits), axis))`, computed after subtracting the maximum.

    >>> minitf.nn.log_softmax([-1000.0, 1000.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-2000.,     0.], dtype=float32)>
    """
    logits = convert_to_tensor(logits, name="logits")
    return execute("LogSoftmax", [logits], {"axis": class_axis(logits, axis)},
                   name=name or "LogSoftmax")


def softmax_v1(logits, axis=None, name=None, dim=None):
    """TensorFlow 1.x's `softmax`, which also takes `dim`, the older name of `axis`."""
    return softmax(logits, deprecated_alias(axis, dim, "axis", "dim"), name)


def log_softmax_v1(logits, axis=None, name=None, dim=None):
    """TensorFlow 1.x's `log_softmax`, which also takes `dim`, the older name of `axis`."""
    return log_softmax(logits, deprecated_alias(axis, dim, "axis", "dim"), name)


# -- bias_add ---------------------------------------------------------------------------------
def _channel_axis(rank, data_format):
    return rank - 1 if data_format == "NHWC" else 1


def _check_bias(dims, bias_dims, data_format):
    """Raises ValueError unless bias (1-D) matches the channel dimension of value (rank >= 2);
    dims may hold None (unknown) or be None (unknown rank)."""
    if dims is not None and len(dims) < 2:
        raise ValueError("Input tensor must be at least 2D: %s" % dims_str(TensorShape(dims)))
    if bias_dims is not None and len(bias_dims) != 1:
        raise ValueError("Biases must be 1D: %s" % dims_str(TensorShape(bias_dims)))
    if dims is None or bias_dims is None:
        return
    c = dims[_channel_axis(len(dims), data_format)]
    if None not in (c, bias_dims[0]) and c != bias_dims[0]:
        where_ = "last" if data_format == "NHWC" else "channel"
        raise ValueError("Must provide as many biases as the %s dimension of the input tensor: "
                         "[%s] vs. %s" % (where_, bias_dims[0], dims_str(TensorShape(dims))))


def _bias_add_kernel(value, bias, data_format):
    _check_bias(value.shape, bias.shape, data_format)
    if data_format == "NCHW":
        bias = bias.reshape((-1,) + (1,) * (value.ndim - 2))
    return value + bias


def _bias_add_infer(inputs, data_format):
    value, bias = inputs
    _check_bias(dim_list(value.shape), dim_list(bias.shape), data_format)
    dims = dim_list(value.shape)
    if dims is None or bias.shape.rank is None:
        return [(value.dtype, value.shape)]
    c = _channel_axis(len(dims), data_format)
    channels = dim_at(bias.shape, 0) if dims[c] is None else dims[c]
    return [(value.dtype, TensorShape(dims[:c] + [channels] + dims[c + 1:]))]


def _bias_add_grad_kernel(g, data_format):
    c = _channel_axis(g.ndim, data_format)
    return np.sum(g, axis=tuple(i for i in range(g.ndim) if i != c), dtype=g.dtype)


def _bias_add_grad_infer(inputs, data_format):
    s = inputs[0].shape
    return [(inputs[0].dtype, TensorShape([None if s.rank is None
                                           else dim_at(s, _channel_axis(s.rank, data_format))]))]


def _bias_add_grad_grad(op, ddb):
    g, data_format = op.inputs[0], op.get_attr("data_format")
    if data_format == "NCHW":
        ddb = reshape(ddb, [-1] + [1] * (g.shape.rank - 2))
    return [broadcast_to(ddb, shape_of(g))]


register("BiasAdd", "value: T, bias: T", quiet(_bias_add_kernel), _bias_add_infer,
         lambda op, dy: [dy, execute("BiasAddGrad", [dy],
                                     {"data_format": op.get_attr("data_format")})],
         types={"T": NUMBERS}, grad_uses="none")
register("BiasAddGrad", "out_backprop: T", quiet(_bias_add_grad_kernel), _bias_add_grad_infer,
         _bias_add_grad_grad, types={"T": NUMBERS}, grad_uses="none")


def bias_add(value, bias, data_format=None, name=None):
    """`value + bias`, with the 1-D `bias` added along the channel dimension of `value`.

    Args:
      value: a tensor of rank >= 2.
      bias: a 1-D tensor, one value per channel.
      data_format: None or "N...C" (channels last), or "NC..." (channels second).

    Raises:
      ValueError: for another `data_format`, or shapes that do not fit (InvalidArgumentError
        when executing eagerly).

    >>> minitf.nn.bias_add(minitf.zeros([2, 3]), [1.0, 2.0, 3.0]).numpy()[1]
    array([1., 2., 3.], dtype=float32)
    """
    if data_format is not None and data_format.startswith("NC"):
        data_format = "NCHW"
    elif data_format is None or (data_format.startswith("N") and data_format.endswith("C")):
        data_format = "NHWC"
    else:
        raise ValueError("`data_format` must be of the form `N...C` or `NC...`. Received: "
                         "data_format=%s" % data_format)
    return execute("BiasAdd", [value, bias], {"data_format": data_format}, name=name or "BiasAdd")


# -- normalization and moments ----------------------------------------------------------------
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


# -- embeddings and dense layers --------------------------------------------------------------
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
    return [dim_at(x.shape, i) if d is None else d for i, d in enumerate(noise_shape)]


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

"""Neural-net ops: activations, softmax and log_softmax, bias_add, l2_loss, dropout and the
cross-entropy losses.

Every kernel stays finite at extreme inputs (logits of +-1000): softplus is `logaddexp(0, x)`,
sigmoid is scipy's `expit`, softmax and log_softmax subtract the maximum first, and the losses
are computed from log_softmax. Each activation's gradient is an op of its own (ReluGrad, ...), as
in TensorFlow: one kernel per backward step, and with its own gradient, so gradients of gradients
work. The random draws that dropout makes live in random_ops.py.
"""
import math
import numbers

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import SCALAR, TensorShape, broadcast_shapes
from .array_ops import (broadcast_to, expand_dims, reshape, shape_of, stop_gradient, sum_to,
                        where, zeros_like)
from .math_ops import _unary as _same
from .math_ops import (add, cast, deprecated_alias, exp, multiply, negative, quiet, reduce_sum,
                       scipy_special, square)
from .random_ops import random_uniform
from .registry import convert_to_tensor, execute, register, scope

FLOATS, NUMBERS = dtypes.FLOATS, dtypes.NUMBERS
SELU_SCALE = 1.0507009873554804934193349852946
SELU_SCALE_ALPHA = 1.0507009873554804934193349852946 * 1.6732632423543772848170429916717


def _zero(g):
    return np.zeros((), g.dtype)


# -- rectifiers -------------------------------------------------------------------------------
register("Relu", "features: T", lambda x: np.maximum(x, _zero(x)), _same,
         lambda op, dy: [execute("ReluGrad", [dy, op.outputs[0]])], types={"T": NUMBERS})
register("ReluGrad", "gradients: T, features: T",
         lambda g, x: np.where(x > 0, g, _zero(g)), _same,
         lambda op, ddx: [execute("ReluGrad", [ddx, op.inputs[1]]), None], types={"T": NUMBERS})
register("Relu6", "features: T", lambda x: np.clip(x, _zero(x), np.asarray(6, x.dtype)), _same,
         lambda op, dy: [execute("Relu6Grad", [dy, op.outputs[0]])], types={"T": NUMBERS})
register("Relu6Grad", "gradients: T, features: T",
         lambda g, x: np.where((x > 0) & (x < 6), g, _zero(g)), _same,
         lambda op, ddx: [execute("Relu6Grad", [ddx, op.inputs[1]]), None], types={"T": NUMBERS})
register("LeakyRelu", "features: T",
         lambda x, alpha: np.where(x > 0, x, x * np.asarray(alpha, x.dtype)), _same,
         lambda op, dy: [execute("LeakyReluGrad", [dy, op.inputs[0]],
                                 {"alpha": op.get_attr("alpha")})], types={"T": FLOATS})
register("LeakyReluGrad", "gradients: T, features: T",
         lambda g, x, alpha: np.where(x > 0, g, g * np.asarray(alpha, g.dtype)), _same,
         lambda op, ddx: [execute("LeakyReluGrad", [ddx, op.inputs[1]],
                                  {"alpha": op.get_attr("alpha")}), None], types={"T": FLOATS})


def relu(features, name=None):
    """Rectified linear unit: `max(features, 0)`; its gradient at exactly 0 is 0.

    >>> minitf.nn.relu([-1.0, 0.0, 2.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 0., 2.], dtype=float32)>
    """
    return execute("Relu", [features], name=name or "Relu")


def relu6(features, name=None):
    """`min(max(features, 0), 6)`.

    >>> minitf.nn.relu6([-1, 3, 9])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([0, 3, 6], dtype=int32)>
    """
    return execute("Relu6", [features], name=name or "Relu6")


def leaky_relu(features, alpha=0.2, name=None):
    """`features` where positive, else `alpha * features`; integer inputs become float32.

    >>> minitf.nn.leaky_relu([-1.0, 2.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.2,  2. ], dtype=float32)>
    """
    with scope(name or "LeakyRelu") as s:
        features = convert_to_tensor(features, name="features")
        if features.dtype.is_integer:
            features = cast(features, dtypes.float32)
        return execute("LeakyRelu", [features], {"alpha": float(alpha)}, name=s)


# -- exponential units ------------------------------------------------------------------------
def _elu(x):
    return np.where(x < 0, np.expm1(np.minimum(x, 0)), x)


def _second_order(grad_type):
    """The gradient of EluGrad/SeluGrad(gradients, outputs): d/dgradients is the op again;
    d/doutputs is `gradients` where the output is negative."""
    def grad(op, ddx):
        g, y = op.inputs
        return [execute(grad_type, [ddx, y]), where(y < 0, ddx * g, zeros_like(y))]
    return grad


register("Elu", "features: T", _elu, _same,
         lambda op, dy: [execute("EluGrad", [dy, op.outputs[0]])], types={"T": FLOATS})
register("EluGrad", "gradients: T, outputs: T",
         quiet(lambda g, y: np.where(y < 0, g * (y + 1), g)), _same, _second_order("EluGrad"),
         types={"T": FLOATS})
register("Selu", "features: T",
         quiet(lambda x: np.where(x < 0, SELU_SCALE_ALPHA * _elu(x), SELU_SCALE * x)),
         _same, lambda op, dy: [execute("SeluGrad", [dy, op.outputs[0]])], types={"T": FLOATS})
register("SeluGrad", "gradients: T, outputs: T",
         quiet(lambda g, y: np.where(y < 0, g * (y + SELU_SCALE_ALPHA), g * SELU_SCALE)),
         _same, _second_order("SeluGrad"), types={"T": FLOATS})


def elu(features, name=None):
    """Exponential linear unit: `features` where positive, else `exp(features) - 1`.

    >>> minitf.nn.elu([-1000.0, 2.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.,  2.], dtype=float32)>
    """
    return execute("Elu", [features], name=name or "Elu")


def selu(features, name=None):
    """Scaled exponential linear unit: `scale * features` where positive, else
    `scale * alpha * (exp(features) - 1)`, with scale ~1.0507 and alpha ~1.6733."""
    return execute("Selu", [features], name=name or "Selu")


# -- sigmoid, tanh, softplus ------------------------------------------------------------------
def _sigmoid_grad_grad(op, ddx):
    y, g = op.inputs
    gg = ddx * g
    return [gg - 2.0 * gg * y, execute("SigmoidGrad", [y, ddx])]


register("Sigmoid", "x: T",
         lambda x: scipy_special().expit(x).astype(x.dtype, copy=False), _same,
         lambda op, dy: [execute("SigmoidGrad", [op.outputs[0], dy])], types={"T": FLOATS})
register("SigmoidGrad", "y: T, dy: T", quiet(lambda y, g: g * y * (1 - y)), _same,
         _sigmoid_grad_grad, types={"T": FLOATS})
register("Tanh", "x: T", np.tanh, _same,
         lambda op, dy: [execute("TanhGrad", [op.outputs[0], dy])], types={"T": FLOATS})
register("TanhGrad", "y: T, dy: T", quiet(lambda y, g: g * (1 - y * y)), _same,
         lambda op, ddx: [ddx * op.inputs[1] * op.inputs[0] * -2.0,
                          execute("TanhGrad", [op.inputs[0], ddx])], types={"T": FLOATS})
register("Softplus", "features: T", quiet(lambda x: np.logaddexp(_zero(x), x)), _same,
         lambda op, dy: [execute("SoftplusGrad", [dy, op.inputs[0]])], types={"T": FLOATS})
register("SoftplusGrad", "gradients: T, features: T",
         quiet(lambda g, x: g * scipy_special().expit(x).astype(x.dtype, copy=False)), _same,
         lambda op, ddx: [execute("SoftplusGrad", [ddx, op.inputs[1]]),
                          execute("SigmoidGrad", [sigmoid(op.inputs[1]), ddx * op.inputs[0]])],
         types={"T": FLOATS})


def sigmoid(x, name=None):
    """The logistic function `1 / (1 + exp(-x))`, exact to the limits 0 and 1.

    >>> minitf.sigmoid([-1000.0, 0.0, 1000.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0. , 0.5, 1. ], dtype=float32)>
    """
    return execute("Sigmoid", [x], name=name or "Sigmoid")


def tanh(x, name=None):
    """The hyperbolic tangent.

    >>> minitf.tanh([0.0, 1000.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 1.], dtype=float32)>
    """
    return execute("Tanh", [x], name=name or "Tanh")


def softplus(features, name=None):
    """`log(exp(features) + 1)`, computed without overflow.

    >>> minitf.math.softplus([-1000.0, 1000.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([   0., 1000.], dtype=float32)>
    """
    return execute("Softplus", [features], name=name or "Softplus")


# -- gelu and silu ----------------------------------------------------------------------------
_INV_SQRT_2 = 1 / math.sqrt(2)
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)


def _gelu_slope(x):
    """d gelu / dx = Phi(x) + x phi(x), with the standard normal's cdf Phi and density phi."""
    return (0.5 * scipy_special().erfc(-x * _INV_SQRT_2)
            + x * np.exp(-0.5 * x * x) * _INV_SQRT_2PI)


def _gelu_grad_grad(op, ddx):
    g, x = op.inputs
    curvature = exp(-0.5 * square(x)) * _INV_SQRT_2PI * (2.0 - square(x))
    return [execute("GeluGrad", [ddx, x]), ddx * g * curvature]


register("Gelu", "features: T",
         quiet(lambda x: (0.5 * x * scipy_special().erfc(-x * _INV_SQRT_2)).astype(x.dtype,
                                                                                    copy=False)),
         _same, lambda op, dy: [execute("GeluGrad", [dy, op.inputs[0]])], types={"T": FLOATS})
register("GeluGrad", "gradients: T, features: T",
         quiet(lambda g, x: (g * _gelu_slope(x)).astype(g.dtype, copy=False)), _same,
         _gelu_grad_grad, types={"T": FLOATS})


def gelu(features, approximate=False, name=None):
    """Gaussian error linear unit: `features * Phi(features)`, Phi the standard normal cdf;
    with `approximate`, the tanh approximation
    `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x ** 3)))`.

    Raises:
      ValueError: if `features` is not floating point.

    >>> minitf.nn.gelu([-1.0, 0.0, 2.0]).numpy()
    array([-0.15865526,  0.        ,  1.9544997 ], dtype=float32)
    """
    with scope(name or "Gelu") as s:
        x = convert_to_tensor(features, name="features")
        if not x.dtype.is_floating:
            raise ValueError("`features.dtype` must be a floating point tensor.Received:"
                             "features.dtype=%s" % x.dtype)
        if not approximate:
            return execute("Gelu", [x], name=s)
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x * square(x))
        return multiply(0.5 * x, 1.0 + tanh(inner), name=s)


def silu(features, beta=1.0):
    """Sigmoid-weighted linear unit (swish): `features * sigmoid(beta * features)`.

    >>> minitf.nn.silu([-1.0, 1.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.26894143,  0.7310586 ], dtype=float32)>
    """
    features = convert_to_tensor(features, name="features")
    beta = cast(convert_to_tensor(beta, name="beta", dtype_hint=features.dtype), features.dtype)
    return features * sigmoid(beta * features)


swish = silu


# -- softmax ----------------------------------------------------------------------------------
def _minus_max(x, axis):
    return x - np.max(x, axis, keepdims=True, initial=-np.inf)


def _shifted(x, axis):
    """`x - max(x)` and `log(sum(exp(x - max(x))))` along axis: log_softmax is their
    difference, and the losses use them to stay >= 0."""
    y = _minus_max(x, axis)
    return y, np.log(np.sum(np.exp(y), axis, keepdims=True))


def _log_softmax(x, axis):
    y, log_sum = _shifted(x, axis)
    return y - log_sum


def _softmax(x, axis):
    e = np.exp(_minus_max(x, axis))
    return e / np.sum(e, axis, keepdims=True)


def _check_rank(rank):
    if rank == 0:
        raise ValueError("logits must have >= 1 dimension, got []")


def _over_classes(fn):
    def kernel(logits, axis):
        _check_rank(logits.ndim)
        return fn(logits, axis)
    return quiet(kernel)


def _has_classes(inputs, **_):
    _check_rank(inputs[0].shape.rank)
    return _same(inputs)


def _softmax_grad(op, dy):
    y, axis = op.outputs[0], op.get_attr("axis")
    return [(dy - reduce_sum(dy * y, axis, keepdims=True)) * y]


def _log_softmax_grad(op, dy):
    y, axis = op.outputs[0], op.get_attr("axis")
    return [dy - reduce_sum(dy, axis, keepdims=True) * exp(y)]


register("Softmax", "logits: T", _over_classes(_softmax), _has_classes, _softmax_grad,
         types={"T": FLOATS})
register("LogSoftmax", "logits: T", _over_classes(_log_softmax), _has_classes, _log_softmax_grad,
         types={"T": FLOATS})


def _class_axis(logits, axis):
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
    return execute("Softmax", [logits], {"axis": _class_axis(logits, axis)},
                   name=name or "Softmax")


def log_softmax(logits, axis=None, name=None):
    """`logits - log(reduce_sum(exp(logits), axis))`, computed after subtracting the maximum.

    >>> minitf.nn.log_softmax([-1000.0, 1000.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-2000.,     0.], dtype=float32)>
    """
    logits = convert_to_tensor(logits, name="logits")
    return execute("LogSoftmax", [logits], {"axis": _class_axis(logits, axis)},
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
        raise ValueError("Input tensor must be at least 2D: [%s]" % _dims_text(dims))
    if bias_dims is not None and len(bias_dims) != 1:
        raise ValueError("Biases must be 1D: [%s]" % _dims_text(bias_dims))
    if dims is None or bias_dims is None:
        return
    c = dims[_channel_axis(len(dims), data_format)]
    if None not in (c, bias_dims[0]) and c != bias_dims[0]:
        where_ = "last" if data_format == "NHWC" else "channel"
        raise ValueError("Must provide as many biases as the %s dimension of the input tensor: "
                         "[%s] vs. [%s]" % (where_, bias_dims[0], _dims_text(dims)))


def _dims_text(dims):
    return ",".join("?" if d is None else str(d) for d in dims)


def _bias_add_kernel(value, bias, data_format):
    _check_bias(value.shape, bias.shape, data_format)
    if data_format == "NCHW":
        bias = bias.reshape((-1,) + (1,) * (value.ndim - 2))
    return value + bias


def _bias_add_infer(inputs, data_format):
    value, bias = inputs
    _check_bias(value.shape.dims, bias.shape.dims, data_format)
    dims = value.shape.dims
    if dims is None or bias.shape.rank is None:
        return [(value.dtype, value.shape)]
    c = _channel_axis(len(dims), data_format)
    channels = bias.shape[0] if dims[c] is None else dims[c]
    return [(value.dtype, TensorShape(dims[:c] + [channels] + dims[c + 1:]))]


def _bias_add_grad_kernel(g, data_format):
    c = _channel_axis(g.ndim, data_format)
    return np.sum(g, axis=tuple(i for i in range(g.ndim) if i != c), dtype=g.dtype)


def _bias_add_grad_infer(inputs, data_format):
    s = inputs[0].shape
    return [(inputs[0].dtype, TensorShape([None if s.rank is None
                                           else s[_channel_axis(s.rank, data_format)]]))]


def _bias_add_grad_grad(op, ddb):
    g, data_format = op.inputs[0], op.get_attr("data_format")
    if data_format == "NCHW":
        ddb = reshape(ddb, [-1] + [1] * (g.shape.rank - 2))
    return [broadcast_to(ddb, shape_of(g))]


register("BiasAdd", "value: T, bias: T", quiet(_bias_add_kernel), _bias_add_infer,
         lambda op, dy: [dy, execute("BiasAddGrad", [dy],
                                     {"data_format": op.get_attr("data_format")})],
         types={"T": NUMBERS})
register("BiasAddGrad", "out_backprop: T", quiet(_bias_add_grad_kernel), _bias_add_grad_infer,
         _bias_add_grad_grad, types={"T": NUMBERS})


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


# -- l2_loss ----------------------------------------------------------------------------------
register("L2Loss", "t: T", quiet(lambda t: np.asarray(np.sum(t * t, dtype=t.dtype) / 2, t.dtype)),
         lambda inputs: [(inputs[0].dtype, SCALAR)], lambda op, dy: [op.inputs[0] * dy],
         types={"T": FLOATS})


def l2_loss(t, name=None):
    """`sum(t ** 2) / 2`, a scalar.

    >>> minitf.nn.l2_loss([1.0, 2.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
    """
    return execute("L2Loss", [t], name=name or "L2Loss")


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


# -- cross-entropy losses ---------------------------------------------------------------------
def _check_xent(logits_dims, labels_dims):
    """Raises ValueError unless labels broadcast to the shape of logits (rank >= 1)."""
    if logits_dims is None:
        return
    _check_rank(len(logits_dims))
    if labels_dims is None:
        return
    lead = len(logits_dims) - len(labels_dims)
    if lead < 0 or any(b not in (None, 1) and a is not None and a != b
                       for a, b in zip(logits_dims[lead:], labels_dims)):
        raise ValueError("logits and labels must be broadcastable: logits_size=[%s] "
                         "labels_size=[%s]" % (_dims_text(logits_dims), _dims_text(labels_dims)))


def _without(dims, axis):
    return TensorShape(None if dims is None else dims[:axis % len(dims)]
                       + dims[axis % len(dims) + 1:])


def _xent_kernel(features, labels, axis):
    _check_xent(features.shape, labels.shape)
    y, log_sum = _shifted(features, axis)
    return np.sum(labels * (log_sum - y), axis, dtype=features.dtype)


def _xent_infer(inputs, axis):
    logits, labels = inputs
    _check_xent(logits.shape.dims, labels.shape.dims)
    s = logits.shape if labels.shape.rank is None else broadcast_shapes(logits.shape, labels.shape)
    return [(logits.dtype, _without(s.dims, axis))]


def _xent_grad(op, dy):
    logits, labels = op.inputs
    axis = op.get_attr("axis")
    dy = expand_dims(dy, axis)
    return [dy * (softmax(logits, axis) - labels),
            sum_to(dy * negative(log_softmax(logits, axis)), labels)]


register("SoftmaxCrossEntropyWithLogits", "features: T, labels: T", quiet(_xent_kernel),
         _xent_infer, _xent_grad, types={"T": FLOATS})


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """The cross-entropy `-sum(labels * log_softmax(logits), axis)` of each example.

    Args:
      labels: a probability distribution along `axis` per example, broadcast to the shape of
        `logits` and cast to its dtype. The gradient flows to it too. As in TensorFlow, the
        gradient for `logits` is `softmax(logits) - labels`, exact when labels sum to 1.
      logits: unscaled log-probabilities, rank >= 1.
      axis: the class dimension.

    Returns:
      A tensor with the shape of `logits` without `axis`.

    >>> minitf.nn.softmax_cross_entropy_with_logits([0.0, 1.0], [-1000.0, 1000.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    with scope(name or "softmax_cross_entropy_with_logits") as s:
        logits = convert_to_tensor(logits, name="logits")
        labels = cast(convert_to_tensor(labels, name="labels", dtype_hint=logits.dtype),
                      logits.dtype)
        return execute("SoftmaxCrossEntropyWithLogits", [logits, labels],
                       {"axis": _class_axis(logits, axis)}, name=s)


def softmax_cross_entropy_with_logits_v1(labels=None, logits=None, dim=-1, name=None,
                                         axis=None):
    """TensorFlow 1.x's form of `softmax_cross_entropy_with_logits`: no gradient reaches
    `labels`; `dim` is the old name of `axis`."""
    with scope(name or "softmax_cross_entropy_with_logits_sg") as s:
        labels = stop_gradient(labels, name="labels_stop_gradient")
        return softmax_cross_entropy_with_logits(labels, logits, dim if axis is None else axis,
                                                 name=s)


def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None):
    """TensorFlow 1.x's name for the 2.x `softmax_cross_entropy_with_logits` (the gradient
    reaches `labels`), which also takes `dim`, the older name of `axis`."""
    axis = deprecated_alias(axis, dim, "axis", "dim")
    return softmax_cross_entropy_with_logits(labels, logits, -1 if axis is None else axis, name)


def _check_sparse(labels_dims, logits_dims):
    if logits_dims is not None and not logits_dims:
        raise ValueError("`logits` cannot be a scalar.")
    if labels_dims is None or logits_dims is None:
        return
    labels, logits = TensorShape(labels_dims), TensorShape(logits_dims)
    if labels.rank != logits.rank - 1:
        raise ValueError("`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                         "labels.shape=%s of rank %d and logits.shape=%s of rank %d"
                         % (labels, labels.rank, logits, logits.rank))
    if not labels.is_compatible_with(logits_dims[:-1]):
        raise ValueError("`labels.shape` must equal `logits.shape` except for the last dimension. "
                         "Received: labels.shape=%s and logits.shape=%s" % (labels, logits))


def _sparse_xent_kernel(features, labels):
    """The loss, and the labels one-hot (which the gradient needs)."""
    n = features.shape[-1]
    if labels.size and (labels.min() < 0 or labels.max() >= n):
        bad = labels[(labels < 0) | (labels >= n)].flat[0]
        raise InvalidArgumentError(None, None, "Received a label value of %d which is outside "
                                   "the valid range of [0, %d).  Label values: %s"
                                   % (bad, n, " ".join(map(str, labels.flat))))
    one_hot = np.zeros_like(features)
    np.put_along_axis(one_hot, labels[..., None], 1, axis=-1)
    y, log_sum = _shifted(features, -1)
    return (log_sum - np.take_along_axis(y, labels[..., None], axis=-1))[..., 0], one_hot


def _sparse_xent_infer(inputs):
    logits, labels = inputs
    _check_sparse(labels.shape.dims, logits.shape.dims)
    s = logits.shape if labels.shape.rank is None else logits.shape.merge_with(
        labels.shape.as_list() + [None])
    return [(logits.dtype, _without(s.dims, -1)), (logits.dtype, s)]


def _sparse_xent_grad(op, dy, _):
    logits, one_hot = op.inputs[0], op.outputs[1]
    return [expand_dims(dy, -1) * (softmax(logits) - one_hot), None]


register("SparseSoftmaxCrossEntropyWithLogits", "features: T, labels: Tlabels",
         quiet(_sparse_xent_kernel), _sparse_xent_infer, _sparse_xent_grad, multi=True,
         types={"T": FLOATS, "Tlabels": {dtypes.int32, dtypes.int64}})


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    """The cross-entropy `-log_softmax(logits)[label]` of each example; `labels` hold class
    indices and get no gradient.

    Args:
      labels: int32/int64 indices in [0, classes), of shape `logits.shape[:-1]`.
      logits: unscaled log-probabilities, classes along the last dimension.

    Raises:
      ValueError: if the shapes do not fit. InvalidArgumentError: for a label out of range.

    >>> minitf.nn.sparse_softmax_cross_entropy_with_logits([0], [[-1000.0, 1000.0]])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([2000.], dtype=float32)>
    """
    with scope(name or "SparseSoftmaxCrossEntropyWithLogits"):
        labels = convert_to_tensor(labels, name="labels")
        logits = convert_to_tensor(logits, name="logits")
        _check_sparse(labels.shape.dims, logits.shape.dims)
        return execute("SparseSoftmaxCrossEntropyWithLogits", [logits, labels],
                       name="SparseSoftmaxCrossEntropyWithLogits")[0]


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """The elementwise logistic loss `-labels * log(sigmoid(logits)) - (1 - labels) *
    log(1 - sigmoid(logits))`, computed as `max(x, 0) - x * z + softplus(-|x|)`.

    Raises:
      ValueError: if `labels` and `logits` have different shapes.

    >>> minitf.nn.sigmoid_cross_entropy_with_logits([0.0, 1.0], [-1000.0, 1000.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 0.], dtype=float32)>
    """
    with scope(name or "logistic_loss") as s:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        if not labels.shape.is_compatible_with(logits.shape):
            raise ValueError("`logits` and `labels` must have the same shape, received (%s vs "
                             "%s)." % (logits.shape, labels.shape))
        zeros = zeros_like(logits)
        positive = logits >= zeros
        relu_logits = where(positive, logits, zeros)
        neg_abs_logits = where(positive, negative(logits), logits)
        return add(relu_logits - logits * labels, softplus(neg_abs_logits), name=s)

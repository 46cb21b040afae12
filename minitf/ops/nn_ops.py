"""Neural-net ops: activations, softmax and log_softmax, and bias_add.

Every kernel stays finite at extreme inputs (logits of +-1000): softplus is `logaddexp(0, x)`,
sigmoid is scipy's `expit`, and softmax and log_softmax subtract the maximum first. Each
activation's gradient is an op of its own (ReluGrad, ...), as in TensorFlow: one kernel per
backward step, and with its own gradient, so gradients of gradients work. The losses are in
loss_ops, and dropout, which has no op of its own, in nn_impl.
"""
import math

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape
from .array_ops import reshape, shape_of
from .fill_ops import broadcast_to, zeros_like
from .math_ops import _unary as _same
from .math_ops import cast, exp, multiply, quiet, scipy_special, square
from .registry import convert_to_tensor, execute, register, scope
from .sum_ops import deprecated_alias, reduce_sum
from .where_ops import where

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

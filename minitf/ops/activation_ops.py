"""Activation functions: relu, relu6, leaky_relu, elu, selu, sigmoid, tanh, softplus, gelu, silu
(swish) and log_sigmoid.

Every kernel stays finite at extreme inputs (+-1000): softplus is `logaddexp(0, x)` and sigmoid
is scipy's `expit`. Each activation's gradient is an op of its own (ReluGrad, ...), as in
TensorFlow: one kernel per backward step, with its own gradient, so gradients of gradients
work.
"""
import math

import numpy as np

from ..framework import dtypes
from .arithmetic_ops import cast, multiply, negative, square
from .comparison_ops import where
from .fill_ops import zeros_like
from .kernels import quiet, scipy_special
from .math_ops import exp
from .registry import convert_to_tensor, execute, register, scope
from .shape_rules import same

FLOATS, NUMBERS = dtypes.FLOATS, dtypes.NUMBERS
SELU_SCALE = 1.0507009873554804934193349852946
SELU_SCALE_ALPHA = 1.0507009873554804934193349852946 * 1.6732632423543772848170429916717


def _zero(g):
    return np.zeros((), g.dtype)


# -- rectifiers -------------------------------------------------------------------------------
register("Relu", "features: T", lambda x: np.maximum(x, _zero(x)), same,
         lambda op, dy: [execute("ReluGrad", [dy, op.outputs[0]])], types={"T": NUMBERS},
         grad_uses="outputs")
def _relu_grad_kernel(g, x):
    """g where x > 0, else +0: when the shapes agree, g's bits times the mask, seen as unsigned
    integers (the same bytes as np.where, three times as fast)."""
    if np.shape(g) != np.shape(x):
        return np.where(x > 0, g, _zero(g))
    unsigned = np.dtype("u%d" % g.dtype.itemsize)
    return np.multiply(g.view(unsigned), x > 0, dtype=unsigned).view(g.dtype)


register("ReluGrad", "gradients: T, features: T", _relu_grad_kernel, same,
         lambda op, ddx: [execute("ReluGrad", [ddx, op.inputs[1]]), None], types={"T": NUMBERS},
         grad_uses="inputs")
register("Relu6", "features: T", lambda x: np.clip(x, _zero(x), np.asarray(6, x.dtype)), same,
         lambda op, dy: [execute("Relu6Grad", [dy, op.outputs[0]])], types={"T": NUMBERS},
         grad_uses="outputs")
register("Relu6Grad", "gradients: T, features: T",
         lambda g, x: np.where((x > 0) & (x < 6), g, _zero(g)), same,
         lambda op, ddx: [execute("Relu6Grad", [ddx, op.inputs[1]]), None], types={"T": NUMBERS},
         grad_uses="inputs")
register("LeakyRelu", "features: T",
         lambda x, alpha: np.where(x > 0, x, x * np.asarray(alpha, x.dtype)), same,
         lambda op, dy: [execute("LeakyReluGrad", [dy, op.inputs[0]],
                                 {"alpha": op.get_attr("alpha")})], types={"T": FLOATS},
         grad_uses="inputs")
register("LeakyReluGrad", "gradients: T, features: T",
         lambda g, x, alpha: np.where(x > 0, g, g * np.asarray(alpha, g.dtype)), same,
         lambda op, ddx: [execute("LeakyReluGrad", [ddx, op.inputs[1]],
                                  {"alpha": op.get_attr("alpha")}), None], types={"T": FLOATS},
         grad_uses="inputs")


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


register("Elu", "features: T", _elu, same,
         lambda op, dy: [execute("EluGrad", [dy, op.outputs[0]])], types={"T": FLOATS},
         grad_uses="outputs")
register("EluGrad", "gradients: T, outputs: T",
         quiet(lambda g, y: np.where(y < 0, g * (y + 1), g)), same, _second_order("EluGrad"),
         types={"T": FLOATS}, grad_uses="inputs")
register("Selu", "features: T",
         quiet(lambda x: np.where(x < 0, SELU_SCALE_ALPHA * _elu(x), SELU_SCALE * x)),
         same, lambda op, dy: [execute("SeluGrad", [dy, op.outputs[0]])], types={"T": FLOATS},
         grad_uses="outputs")
register("SeluGrad", "gradients: T, outputs: T",
         quiet(lambda g, y: np.where(y < 0, g * (y + SELU_SCALE_ALPHA), g * SELU_SCALE)),
         same, _second_order("SeluGrad"), types={"T": FLOATS}, grad_uses="inputs")


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
         lambda x: scipy_special().expit(x).astype(x.dtype, copy=False), same,
         lambda op, dy: [execute("SigmoidGrad", [op.outputs[0], dy])], types={"T": FLOATS},
         grad_uses="outputs")
def _sigmoid_grad_kernel(y, g):
    """g * y * (1 - y), the second product made in place (the same operations, so the same
    numbers, with one fresh array fewer)."""
    out = g * y
    out *= 1 - y
    return out


register("SigmoidGrad", "y: T, dy: T", quiet(_sigmoid_grad_kernel), same,
         _sigmoid_grad_grad, types={"T": FLOATS}, grad_uses="inputs")
register("Tanh", "x: T", np.tanh, same,
         lambda op, dy: [execute("TanhGrad", [op.outputs[0], dy])], types={"T": FLOATS},
         grad_uses="outputs")
register("TanhGrad", "y: T, dy: T", quiet(lambda y, g: g * (1 - y * y)), same,
         lambda op, ddx: [ddx * op.inputs[1] * op.inputs[0] * -2.0,
                          execute("TanhGrad", [op.inputs[0], ddx])], types={"T": FLOATS},
         grad_uses="inputs")
register("Softplus", "features: T", quiet(lambda x: np.logaddexp(_zero(x), x)), same,
         lambda op, dy: [execute("SoftplusGrad", [dy, op.inputs[0]])], types={"T": FLOATS},
         grad_uses="inputs")
register("SoftplusGrad", "gradients: T, features: T",
         quiet(lambda g, x: g * scipy_special().expit(x).astype(x.dtype, copy=False)), same,
         lambda op, ddx: [execute("SoftplusGrad", [ddx, op.inputs[1]]),
                          execute("SigmoidGrad", [sigmoid(op.inputs[1]), ddx * op.inputs[0]])],
         types={"T": FLOATS}, grad_uses="inputs")


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


def log_sigmoid(x, name=None):
    """Elementwise `log(sigmoid(x))`, computed as `-softplus(-x)` so that it stays finite.

    >>> minitf.math.log_sigmoid(minitf.constant([-1000., 1000.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1000.,    -0.], dtype=float32)>
    """
    with scope(name or "LogSigmoid") as s:
        x = convert_to_tensor(x, name="x")
        return negative(softplus(negative(x)), name=s)


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
         same, lambda op, dy: [execute("GeluGrad", [dy, op.inputs[0]])], types={"T": FLOATS},
         grad_uses="inputs")
register("GeluGrad", "gradients: T, features: T",
         quiet(lambda g, x: (g * _gelu_slope(x)).astype(g.dtype, copy=False)), same,
         _gelu_grad_grad, types={"T": FLOATS}, grad_uses="inputs")


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

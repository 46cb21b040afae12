"""Elementary functions, elementwise: square roots, exponentials and logarithms (with rsqrt,
reciprocal, expm1, log1p and xlogy), erf, the trigonometric and hyperbolic functions and their
inverses (with the two-argument atan2), and rounding (floor, ceil, round).

Each op's kernel, shape rule and gradient stand together below its banner; the two-argument
functions broadcast, and their gradients reduce back to each input's shape with `sum_to`.
"""
import numpy as np

from ..framework.dtypes import COMPLEX, FLOATS, NUMBERS
from .arithmetic_ops import cast, negative, square
from .comparison_ops import equal, not_equal, where
from .complex_ops import conj
from .fill_ops import zeros_like
from .kernels import quiet, scipy_special
from .registry import convert_to_tensor, execute, register
from .shape_rules import binary, same, sum_to


def _float_op(type, kernel, grad, grad_uses="inputs"):
    register(type, "x: T", quiet(kernel), same, grad, types={"T": FLOATS}, grad_uses=grad_uses)


def _erf_kernel(x):
    return scipy_special().erf(x).astype(x.dtype, copy=False)


# -- powers, exponentials and logarithms ------------------------------------------------------
register("Sqrt", "x: T", quiet(np.sqrt), same,  # complex gradients conjugate (complex_ops)
         lambda op, dy: [dy * 0.5 / conj(op.outputs[0])], types={"T": FLOATS | COMPLEX},
         grad_uses="outputs")
register("Exp", "x: T", quiet(np.exp), same,
         lambda op, dy: [dy * conj(op.outputs[0])], types={"T": FLOATS | COMPLEX},
         grad_uses="outputs")
register("Log", "x: T", quiet(np.log), same,
         lambda op, dy: [dy / conj(op.inputs[0])], types={"T": FLOATS | COMPLEX},
         grad_uses="inputs")


def sqrt(x, name=None):
    """Elementwise square root (float inputs)."""
    return execute("Sqrt", [x], name=name or "Sqrt")


def exp(x, name=None):
    """Elementwise `e ** x` (float inputs)."""
    return execute("Exp", [x], name=name or "Exp")


def log(x, name=None):
    """Elementwise natural logarithm (float inputs); `log(0)` is `-inf`."""
    return execute("Log", [x], name=name or "Log")


_float_op("Rsqrt", lambda x: 1 / np.sqrt(x),
          lambda op, dy: [dy * (-0.5 * square(op.outputs[0]) * op.outputs[0])], "outputs")
_float_op("Reciprocal", np.reciprocal,
          lambda op, dy: [dy * negative(square(op.outputs[0]))], "outputs")
_float_op("Expm1", np.expm1, lambda op, dy: [dy * exp(op.inputs[0])])
_float_op("Log1p", np.log1p, lambda op, dy: [dy / (1 + op.inputs[0])])
_float_op("Erf", _erf_kernel,
          lambda op, dy: [dy * (2 / np.sqrt(np.pi) * exp(negative(square(op.inputs[0]))))])


def rsqrt(x, name=None):
    """Elementwise `1 / sqrt(x)` (float inputs).

    >>> minitf.math.rsqrt(minitf.constant([4., 0.25]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 2. ], dtype=float32)>
    """
    return execute("Rsqrt", [x], name=name or "Rsqrt")


def reciprocal(x, name=None):
    """Elementwise `1 / x` (float inputs); `1 / 0` is `inf`."""
    return execute("Reciprocal", [x], name=name or "Reciprocal")


def expm1(x, name=None):
    """Elementwise `exp(x) - 1`, accurate also for tiny `x`.

    >>> float(minitf.math.expm1(minitf.constant(1e-10, minitf.float64)))
    1.00000000005e-10
    """
    return execute("Expm1", [x], name=name or "Expm1")


def log1p(x, name=None):
    """Elementwise `log(1 + x)`, accurate also for tiny `x`."""
    return execute("Log1p", [x], name=name or "Log1p")


def erf(x, name=None):
    """Elementwise Gauss error function `2 / sqrt(pi) * integral of exp(-t**2) from 0 to x`."""
    return execute("Erf", [x], name=name or "Erf")


def _xlogy_kernel(x, y):
    return np.where(x == 0, np.zeros((), x.dtype), x * np.log(y))


def _xlogy_grad(op, dz):
    """d/dx is log(y), but 0 where x is 0; d/dy is x / y, but 0 where x is 0."""
    x, y = op.inputs
    quotient = x / y
    return [sum_to(dz * xlogy(cast(not_equal(x, 0.0), x.dtype), y), x),
            sum_to(dz * where(equal(x, 0.0), zeros_like(quotient), quotient), y)]


register("Xlogy", "x: T, y: T", quiet(_xlogy_kernel), binary, _xlogy_grad, types={"T": FLOATS},
         grad_uses="inputs")


def xlogy(x, y, name=None):
    """Elementwise `x * log(y)`, but 0 wherever `x` is 0 (even for y = 0 or NaN).

    >>> minitf.math.xlogy(minitf.constant([0., 2.]), minitf.constant([0., 1.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 0.], dtype=float32)>
    """
    return execute("Xlogy", [x, y], name=name or "Xlogy")


# -- trigonometric and hyperbolic functions ---------------------------------------------------
_float_op("Sin", np.sin, lambda op, dy: [dy * cos(op.inputs[0])])
_float_op("Cos", np.cos, lambda op, dy: [dy * negative(sin(op.inputs[0]))])
_float_op("Tan", np.tan, lambda op, dy: [dy * square(reciprocal(cos(op.inputs[0])))])
_float_op("Sinh", np.sinh, lambda op, dy: [dy * cosh(op.inputs[0])])
_float_op("Cosh", np.cosh, lambda op, dy: [dy * sinh(op.inputs[0])])
_float_op("Asin", np.arcsin, lambda op, dy: [dy * rsqrt(1 - square(op.inputs[0]))])
_float_op("Acos", np.arccos, lambda op, dy: [dy * negative(rsqrt(1 - square(op.inputs[0])))])
_float_op("Atan", np.arctan, lambda op, dy: [dy / (1 + square(op.inputs[0]))])


def sin(x, name=None):
    """Elementwise sine (radians).

    >>> minitf.sin(minitf.constant([0., 1.5707964]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 1.], dtype=float32)>
    """
    return execute("Sin", [x], name=name or "Sin")


def cos(x, name=None):
    """Elementwise cosine (radians)."""
    return execute("Cos", [x], name=name or "Cos")


def tan(x, name=None):
    """Elementwise tangent (radians)."""
    return execute("Tan", [x], name=name or "Tan")


def sinh(x, name=None):
    """Elementwise hyperbolic sine."""
    return execute("Sinh", [x], name=name or "Sinh")


def cosh(x, name=None):
    """Elementwise hyperbolic cosine."""
    return execute("Cosh", [x], name=name or "Cosh")


def asin(x, name=None):
    """Elementwise arcsine, in [-pi/2, pi/2]; NaN outside [-1, 1]."""
    return execute("Asin", [x], name=name or "Asin")


def acos(x, name=None):
    """Elementwise arccosine, in [0, pi]; NaN outside [-1, 1]."""
    return execute("Acos", [x], name=name or "Acos")


def atan(x, name=None):
    """Elementwise arctangent, in (-pi/2, pi/2)."""
    return execute("Atan", [x], name=name or "Atan")


def _atan2_grad(op, dz):
    y, x = op.inputs
    scale = dz / (square(x) + square(y))
    return [sum_to(x * scale, y), sum_to(negative(y) * scale, x)]


register("Atan2", "y: T, x: T", quiet(np.arctan2), binary, _atan2_grad, types={"T": FLOATS})


def atan2(y, x, name=None):
    """Elementwise angle of the point (x, y) from the positive x axis, in [-pi, pi]: the
    arctangent of `y / x` in the right quadrant.

    >>> minitf.math.atan2(minitf.constant([1., -1.]), minitf.constant([0., 0.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 1.5707964, -1.5707964], dtype=float32)>
    """
    return execute("Atan2", [y, x], name=name or "Atan2")


# -- rounding (piecewise constant: no gradient, as in TensorFlow) -----------------------------
register("Floor", "x: T", np.floor, same, None, types={"T": FLOATS})
register("Ceil", "x: T", np.ceil, same, None, types={"T": FLOATS})
register("Round", "x: T", np.round, same, None, types={"T": NUMBERS})


def floor(x, name=None):
    """Elementwise largest integer not greater than `x` (float inputs).

    >>> minitf.floor(minitf.constant([1.5, -1.5]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 1., -2.], dtype=float32)>
    """
    return execute("Floor", [x], name=name or "Floor")


def ceil(x, name=None):
    """Elementwise smallest integer not less than `x` (float inputs)."""
    return execute("Ceil", [x], name=name or "Ceil")


def round(x, name=None):  # noqa: A001 - TensorFlow's name
    """Elementwise nearest integer, halves to even (banker's rounding); integer tensors are
    returned as they are.

    >>> minitf.round(minitf.constant([0.5, 1.5, 2.5, -0.5]))
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([ 0.,  2.,  2., -0.], dtype=float32)>
    """
    x = convert_to_tensor(x, name="x")
    if x.dtype.is_integer:
        return x
    return execute("Round", [x], name=name or "Round")

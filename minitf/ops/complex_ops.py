"""Complex numbers: `complex` (from real and imaginary parts), `real`, `imag`, `conj`, `angle`
and the complex absolute value (ComplexAbs, which `abs` builds for complex inputs).

The arithmetic on complex64/complex128 tensors is that of arithmetic_ops, math_ops,
reduction_ops and linalg_ops, whose gradients conjugate with `conj` below (the identity, with
no op, for real tensors).
Gradients follow TensorFlow's convention: for a real loss L of z = x + iy the gradient is
dL/dx + i dL/dy, so `real`, `imag` and `complex` pass gradients through unchanged.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import broadcast_shapes
from ..framework.tensor import EagerTensor
from .comparison_ops import less, where
from .fill_ops import ones_like, zeros_like
from .registry import convert_to_tensor, execute, register, scope
from .shape_rules import sum_to

COMPLEX = dtypes.COMPLEX
_COMPLEX_OF = {dtypes.float32: dtypes.complex64, dtypes.float64: dtypes.complex128}


def _part_infer(inputs, Tout):
    return [(Tout, inputs[0].shape)]


def _as_complex(g):
    """A real gradient as the complex one with zero imaginary part."""
    return execute("Complex", [g, zeros_like(g)], {"Tout": _COMPLEX_OF[g.dtype]})


# -- building and taking apart ----------------------------------------------------------------
def _complex_grad(op, dz):
    x, y = op.inputs
    return [sum_to(real(dz), x), sum_to(imag(dz), y)]


register("Complex", "real: T, imag: T", lambda x, y, Tout: (x + 1j * y).astype(Tout.np),
         lambda inputs, Tout: [(Tout, broadcast_shapes(inputs[0].shape, inputs[1].shape))],
         _complex_grad, types={"T": frozenset(_COMPLEX_OF)})
register("Real", "input: T", lambda z, Tout: np.real(z).copy(), _part_infer,
         lambda op, dy: [_as_complex(dy)], types={"T": COMPLEX})
register("Imag", "input: T", lambda z, Tout: np.imag(z).copy(), _part_infer,
         lambda op, dy: [execute("Complex", [zeros_like(dy), dy],
                                 {"Tout": _COMPLEX_OF[dy.dtype]})], types={"T": COMPLEX})
register("Conj", "input: T", np.conj, lambda inputs: [(inputs[0].dtype, inputs[0].shape)],
         lambda op, dy: [conj(dy)], types={"T": COMPLEX})


def complex(real, imag, name=None):  # noqa: A001 - TensorFlow's name
    """The complex tensor `real + 1j * imag` (broadcasting): complex64 from float32 parts,
    complex128 from float64 ones.

    Raises:
      TypeError: if the parts' dtypes differ or are not float32/float64.

    >>> minitf.complex(minitf.constant([1.]), minitf.constant([2.]))
    <tf.Tensor: shape=(1,), dtype=complex64, numpy=array([1.+2.j], dtype=complex64)>
    """
    with scope(name or "Complex") as s:
        x = convert_to_tensor(real, name="real")
        y = convert_to_tensor(imag, name="imag")
        if x.dtype is not y.dtype or x.dtype not in _COMPLEX_OF:
            raise TypeError("The `real` and `imag` components have incorrect types: %s %s. They "
                            "must be consistent, and one of [tf.float32, tf.float64]"
                            % (x.dtype.name, y.dtype.name))
        return execute("Complex", [x, y], {"Tout": _COMPLEX_OF[x.dtype]}, name=s or name)


def real(input, name=None):
    """The real part of a complex tensor; a real tensor is returned as it is.

    Raises:
      TypeError: for a non-numeric (string) tensor.

    >>> minitf.math.real(minitf.constant([1 + 2j]))
    <tf.Tensor: shape=(1,), dtype=float64, numpy=array([1.])>
    """
    z = _numeric(input, "input must be a numeric tensor, but got tensor with dtype %s")
    if not z.dtype.is_complex:
        return z
    return execute("Real", [z], {"Tout": z.dtype.real_dtype}, name=name or "Real")


def imag(input, name=None):
    """The imaginary part of a complex tensor; zeros for a real tensor.

    >>> minitf.math.imag(minitf.constant([1 + 2j]))
    <tf.Tensor: shape=(1,), dtype=float64, numpy=array([2.])>
    """
    with scope(name or "Imag") as s:
        z = _numeric(input, "input must be a numeric tensor, but got tensor with dtype %s")
        if not z.dtype.is_complex:
            return zeros_like(z)
        return execute("Imag", [z], {"Tout": z.dtype.real_dtype}, name=s or name)


_REAL = frozenset(d.name for d in dtypes._ALL if d.is_floating or d.is_integer or d.is_bool)


def conj(x, name=None):
    """The complex conjugate of `x`; a real tensor is returned as it is.

    Raises:
      TypeError: for a non-numeric (string) tensor.

    >>> minitf.math.conj(minitf.constant([1 + 2j]))
    <tf.Tensor: shape=(1,), dtype=complex128, numpy=array([1.-2.j])>
    """
    if type(x) is EagerTensor and x._dtype.name in _REAL:  # a gradient's case, in short
        return x
    z = convert_to_tensor(x)
    if z.dtype.is_complex:
        return execute("Conj", [z], name=name or "Conj")
    if not (z.dtype.is_floating or z.dtype.is_integer or z.dtype.is_bool):
        raise TypeError("Expected numeric or variant tensor, got dtype %r." % (z.dtype,))
    return z


def _numeric(x, message):
    t = convert_to_tensor(x)
    if not (t.dtype.is_floating or t.dtype.is_integer or t.dtype.is_complex or t.dtype.is_bool):
        raise TypeError(message % t.dtype)
    return t


# -- polar form -------------------------------------------------------------------------------
def _angle_grad(op, dy):
    z = op.inputs[0]
    x, y = real(z), imag(z)
    r2 = x * x + y * y
    return [_as_complex(dy) * execute("Complex", [-y / r2, x / r2], {"Tout": z.dtype})]


def _complex_abs_grad(op, dy):
    z, r = op.inputs[0], op.outputs[0]
    return [execute("DivNoNan", [_as_complex(dy), _as_complex(r)]) * z]


register("Angle", "input: T", lambda z, Tout: np.angle(z).astype(Tout.np), _part_infer,
         _angle_grad, types={"T": COMPLEX})
register("ComplexAbs", "x: T", lambda z, Tout: np.abs(z).astype(Tout.np), _part_infer,
         _complex_abs_grad, types={"T": COMPLEX})


def angle(input, name=None):
    """The argument (phase) of each complex element, in (-pi, pi]; for a real tensor, pi where
    it is negative and 0 elsewhere.

    >>> minitf.math.angle(minitf.constant([1j, -1.0 + 0j]))
    <tf.Tensor: shape=(2,), dtype=float64, numpy=array([1.57079633, 3.14159265])>
    """
    with scope(name or "Angle") as s:
        z = _numeric(input, "input must be a numeric tensor, but got tensor with dtype %s")
        if z.dtype.is_complex:
            return execute("Angle", [z], {"Tout": z.dtype.real_dtype}, name=s or name)
        return where(less(z, 0), np.pi * ones_like(z), zeros_like(z))


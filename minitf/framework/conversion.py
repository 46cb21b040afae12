"""Python values and numpy arrays as numpy arrays with TensorFlow's dtype rules: Python ints
become int32 (int64 when a value does not fit), floats float32 (float64 when a numpy float64 is
among them), complex numbers complex128, text a string array of bytes; mixed or ragged lists and
values that do not fit a requested dtype get TensorFlow's errors.
"""
import numpy as np

from . import dtypes, string_values
from .dimension import Dimension
from .shapes import TensorShape


def as_array(value, dtype=None, graph_mode=False):
    """A fresh numpy array holding a Python value or numpy array, with TensorFlow's dtype rules."""
    if isinstance(value, (np.ndarray, np.generic)):
        kind = value.dtype.kind
        if dtype is None or dtype is dtypes.string:
            if kind in "USO":
                return string_values.bytes_array(np.asarray(value))
            if dtype is not None:
                raise ValueError("Failed to convert a NumPy array to a Tensor (Unsupported object "
                                 "type %s)." % value.dtype)
        if kind not in "biufcUS":
            raise TypeError("Cannot convert a numpy array of dtype %s to a tensor." % value.dtype)
        return np.array(value, None if dtype is None else dtype.np)
    if type(value) is float and dtype is not None and dtype.is_floating:
        return np.array(value, dtype.np)
    return python_to_numpy(value, dtype, graph_mode)

def python_to_numpy(value, dtype, graph_mode):
    """A Python value (scalar or nested list) as an array of `dtype` (inferred when None)."""
    first = _first_leaf(value)
    if string_values.is_text(first):
        if dtype is None or dtype is dtypes.string:
            return string_values.bytes_array(value)
        _refuse(value, dtype, graph_mode)
    try:
        a = np.array(value)
    except ValueError:
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.") from None
    kind = a.dtype.kind
    if kind == "O" and _holds_dimensions(value):  # a 1.x shape or its dims, as ints
        return python_to_numpy(_dimension_values(value, dtype), dtype, graph_mode)
    # TensorFlow's rule: a complex number after a real one is mixed ([1, 2j], but not [1j, 2])
    complex_after_real = kind == "c" and not isinstance(first, (complex, np.complexfloating))
    if isinstance(value, (list, tuple)) and (kind not in "biufc" or complex_after_real):
        raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
    if dtype is None:
        dtype = _infer_python_dtype(value, a)
    elif kind not in "biufc" or a.size and (  # an empty `[]` fits any dtype
            dtype.is_integer and kind in "fc" or dtype.is_bool and kind != "b"
            or dtype.is_floating and kind == "c" or dtype.is_complex and kind == "b"
            or dtype is dtypes.string):
        _refuse(value, dtype, graph_mode)
    return a.astype(dtype.np, copy=False)


def _holds_dimensions(value):
    if isinstance(value, (list, tuple)):
        return any(_holds_dimensions(v) for v in value)
    return isinstance(value, (Dimension, TensorShape))


def _dimension_values(value, dtype):
    """`value` with ints for its Dimensions and TensorShapes (lists of ints), as TensorFlow
    converts them; unknown ones raise ValueError."""
    if isinstance(value, (list, tuple)):
        return [_dimension_values(v, dtype) for v in value]
    if isinstance(value, TensorShape):
        if not value.is_fully_defined():
            raise ValueError("Cannot convert a partially known TensorShape %s to a Tensor."
                             % (value,))
        return value.as_list()
    if isinstance(value, Dimension):
        if value.value is None:
            raise ValueError("Cannot convert unknown Dimension %s to a Tensor." % (value,))
        if dtype is not None and dtype is not dtypes.int32 and dtype is not dtypes.int64:
            raise TypeError("Cannot convert Dimension %s to dtype %s. Allowed dtypes are "
                            "tf.int32 and tf.int64." % (value, dtype))
        return value.value
    return value


# -- argument conversion ----------------------------------------------------------------------
def _infer_python_dtype(value, a):
    kind = a.dtype.kind
    if kind == "b":
        return dtypes.bool
    if kind in "iu":
        if a.dtype == np.uint64 and a.max() >= 2 ** 63:
            raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor: "
                             "%r does not fit int64." % (value,))
        values = a.ravel().tolist()  # as Python ints: faster than numpy's min and max here,
        if values and (min(values) < -2 ** 31 or max(values) >= 2 ** 31):  # for Python values
            return dtypes.int64
        return dtypes.int32
    if kind == "f":
        return dtypes.float64 if _holds_float64(value) else dtypes.float32
    if kind == "c":
        return dtypes.complex128
    raise TypeError("Cannot convert %r to a tensor: values of type %s are not supported."
                    % (value, a.dtype))

def _holds_float64(value):
    if isinstance(value, (list, tuple)):
        return any(_holds_float64(v) for v in value)
    return isinstance(value, (np.ndarray, np.generic)) and value.dtype == np.float64

def _first_leaf(value):
    """The first scalar of a (nested) list, or the value itself."""
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    return value

def _refuse(value, dtype, graph_mode):
    if graph_mode:
        raise TypeError("Expected %s, but got %r of type '%s'."
                        % (dtype.name, value, type(value).__name__))
    raise TypeError("Cannot convert %r to EagerTensor of dtype %s" % (value, dtype.name))

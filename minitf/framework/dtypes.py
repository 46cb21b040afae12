"""DType objects (`minitf.float32`, ...) and conversions to and from numpy dtypes.

A DType is a small immutable description of an element type; there is exactly one object per
type, so `a.dtype is minitf.float32` works. Nothing here knows about tensors.
"""
import numpy as np


class DType:
    """The element type of a tensor, e.g. `minitf.float32`.

    >>> minitf.float32.is_floating, minitf.int32.as_numpy_dtype
    (True, <class 'numpy.int32'>)
    """

    __slots__ = ("name", "as_numpy_dtype", "np", "is_floating", "is_integer", "is_bool",
                 "is_unsigned", "is_complex")

    def __init__(self, name, np_type):
        self.name = name
        self.as_numpy_dtype = np_type
        self.np = np.dtype(np_type)
        self.is_floating = self.np.kind == "f"
        self.is_integer = self.np.kind in "iu"
        self.is_unsigned = self.np.kind == "u"
        self.is_bool = self.np.kind == "b"
        self.is_complex = self.np.kind == "c"

    @property
    def base_dtype(self):
        return self

    @property
    def real_dtype(self):
        """float32 for complex64, float64 for complex128; the type itself otherwise."""
        return _REAL_OF_COMPLEX.get(self.name, self)

    @property
    def size(self):
        return self.np.itemsize

    @property
    def limits(self):
        """(0, max) of the type, as TensorFlow's `limits` gives them (the minimum clipped)."""
        if not (self.is_floating or self.is_integer or self.is_bool):
            raise ValueError("%s does not have defined limits." % self)
        return 0, self.max

    def is_compatible_with(self, other):
        return self == other

    def __eq__(self, other):
        if other is self:
            return True
        if other is None:
            return False
        try:
            return as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self.name)

    @property
    def min(self):
        return self._info("minimum").min

    @property
    def max(self):
        return self._info("maximum").max

    def _info(self, which):
        if not (self.is_floating or self.is_integer):
            raise TypeError("Cannot find %s value of %s with type %s." % (which, self, self))
        return (np.finfo if self.is_floating else np.iinfo)(self.np)

    def __repr__(self):
        return "tf." + self.name

    def __str__(self):
        return "<dtype: '%s'>" % self.name

    def __reduce__(self):
        return as_dtype, (self.name,)


float16 = DType("float16", np.float16)
float32 = DType("float32", np.float32)
float64 = DType("float64", np.float64)
int8 = DType("int8", np.int8)
int16 = DType("int16", np.int16)
int32 = DType("int32", np.int32)
int64 = DType("int64", np.int64)
uint8 = DType("uint8", np.uint8)
uint16 = DType("uint16", np.uint16)
uint32 = DType("uint32", np.uint32)
uint64 = DType("uint64", np.uint64)
complex64 = DType("complex64", np.complex64)
complex128 = DType("complex128", np.complex128)
_PY_BOOL = bool
bool = DType("bool", np.bool_)  # noqa: A001 - TensorFlow's name
# Byte strings, held as numpy object arrays of `bytes` (Python `str` values are UTF-8 encoded).
string = DType("string", np.object_)
# The element type of a variable's handle: the handle's value is the variable's storage cell.
resource = DType("resource", np.object_)
# The element type of an opaque value: a TensorList (the storage of a TensorArray in a graph).
variant = DType("variant", np.object_)
half, double = float16, float64

_ALL = (float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
        complex64, complex128, bool, string, resource, variant)
_BY_NAME = {d.name: d for d in _ALL}
_BY_NAME.update(half=float16, float=float32, double=float64)
_BY_NUMPY = {d.np: d for d in _ALL if d is not resource and d is not variant}
# The numpy dtype a variant value (a TensorList) reports, so that an eager tensor of one knows
# its dtype.
VARIANT_NUMPY = np.dtype([("variant", np.object_)])
_BY_NUMPY[VARIANT_NUMPY] = variant

FLOATS = frozenset((float16, float32, float64))
INTEGERS = frozenset((int8, int16, int32, int64, uint8, uint16, uint32, uint64))
NUMBERS = FLOATS | INTEGERS
COMPLEX = frozenset((complex64, complex128))
_REAL_OF_COMPLEX = {"complex64": float32, "complex128": float64}


def as_dtype(type_value):
    """Converts a DType, a name (`"float32"`), a numpy dtype or a Python type to a DType (numpy's
    str, bytes and object dtypes are `string`).

    Raises:
      TypeError: if `type_value` names no supported type.

    >>> minitf.as_dtype("float64"), minitf.as_dtype(np.int32)
    (tf.float64, tf.int32)
    """
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        d = _BY_NAME.get(type_value)
    elif type_value is float:
        d = float32
    elif type_value is int:  # TensorFlow refuses it: Python ints have no fixed size
        d = None
    elif type_value is _PY_BOOL:
        d = bool
    else:
        try:
            np_dtype = np.dtype(type_value)
        except TypeError:
            d = None
        else:
            d = string if np_dtype.kind in "USO" else _BY_NUMPY.get(np_dtype)
    if d is None:
        raise TypeError("Cannot convert %r to a dtype: it is not a supported type" % (type_value,))
    return d


# from_numpy(np_dtype): the DType of a numpy dtype, a dictionary look-up made on every eager op
# (bound, so that it costs no Python call).
from_numpy = _BY_NUMPY.__getitem__

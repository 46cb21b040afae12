"""Dimension: TensorFlow 1.x's wrapper of one dimension of a shape, known (an int) or unknown
(`Dimension(None)`), with arithmetic and comparisons that stay unknown when a side is.

A TensorShape gives plain ints and None for its dimensions, as TensorFlow 2.x does, until
`compat.v1.disable_v2_tensorshape()` (which `disable_v2_behavior()` calls): then indexing and
iterating it give Dimensions, as in TensorFlow 1.x. Its `dims` are Dimensions either way.
`dimension_value` unwraps one, whichever it is.
"""


class Dimension:
    """One dimension of a shape: `Dimension(3)`, or `Dimension(None)` when unknown.

    Arithmetic with ints or Dimensions gives a Dimension, unknown if a side is; comparisons give
    a bool, or None if a side is unknown. Like TensorFlow's, it is not hashable.

    >>> d = minitf.compat.v1.Dimension(3)
    >>> d + 1, d * minitf.compat.v1.Dimension(None), d.value, d == None
    (Dimension(4), Dimension(None), 3, None)
    """

    __slots__ = ("_value",)

    def __init__(self, value):
        if isinstance(value, int):
            if value < 0:
                raise ValueError("Dimension %d must be >= 0" % value)
            self._value = value
        elif value is None:
            self._value = None
        elif isinstance(value, Dimension):
            self._value = value._value
        else:
            try:
                self._value = int(value.__index__())
            except AttributeError:
                raise TypeError("Dimension value must be integer or None or have an __index__ "
                                "method, got value '%r' with type '%r'"
                                % (value, type(value))) from None
            if self._value < 0:
                raise ValueError("Dimension %d must be >= 0" % self._value)

    @property
    def value(self):
        """The int of this dimension, or None if it is unknown."""
        return self._value

    def __repr__(self):
        return "Dimension(%r)" % (self._value,)

    def __str__(self):
        return "?" if self._value is None else str(self._value)

    def __reduce__(self):
        return Dimension, (self._value,)

    def __bool__(self):
        return bool(self._value)

    def __int__(self):
        return self._value  # int(Dimension(None)) raises TypeError, as in TensorFlow

    __index__ = __int__

    def is_compatible_with(self, other):
        other = as_dimension(other)
        return self._value is None or other._value is None or self._value == other._value

    def assert_is_compatible_with(self, other):
        if not self.is_compatible_with(other):
            raise ValueError("Dimensions %s and %s are not compatible" % (self, other))

    def merge_with(self, other):
        other = as_dimension(other)
        self.assert_is_compatible_with(other)
        return Dimension(other._value if self._value is None else self._value)

    # Arithmetic: `+ - * //` give NotImplemented for operands that are not dimensions (so that
    # `Dimension(3) * "a"` is "aaa", as in TensorFlow); `%` and the reflected forms raise.
    def __add__(self, other):
        return _combine(self, other, int.__add__)

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return _combine(self, other, int.__sub__)

    def __rsub__(self, other):
        return _combine(as_dimension(other), self, int.__sub__)

    def __mul__(self, other):
        return _combine(self, other, int.__mul__)

    def __rmul__(self, other):
        return self * other

    def __floordiv__(self, other):
        return _combine(self, other, int.__floordiv__)

    def __rfloordiv__(self, other):
        return _combine(as_dimension(other), self, int.__floordiv__)

    def __truediv__(self, other):
        raise TypeError("unsupported operand type(s) for /: 'Dimension' and '%s', please use "
                        "// instead" % type(other).__name__)

    def __rtruediv__(self, other):
        raise TypeError("unsupported operand type(s) for /: '%s' and 'Dimension', please use "
                        "// instead" % type(other).__name__)

    def __mod__(self, other):
        return _combine(self, as_dimension(other), int.__mod__)

    def __rmod__(self, other):
        return as_dimension(other) % self

    # Comparisons: None when either side is unknown.
    def __eq__(self, other):
        try:
            other = as_dimension(other)
        except (TypeError, ValueError):
            return NotImplemented
        return _compare(self, other, int.__eq__)

    def __ne__(self, other):
        try:
            other = as_dimension(other)
        except (TypeError, ValueError):
            return NotImplemented
        return _compare(self, other, int.__ne__)

    def __lt__(self, other):
        return _compare(self, as_dimension(other), int.__lt__)

    def __le__(self, other):
        return _compare(self, as_dimension(other), int.__le__)

    def __gt__(self, other):
        return _compare(self, as_dimension(other), int.__gt__)

    def __ge__(self, other):
        return _compare(self, as_dimension(other), int.__ge__)


def _combine(a, b, fn):
    """fn of two dimensions' values as a Dimension (unknown if either is), or NotImplemented
    when `b` is not a dimension."""
    try:
        b = as_dimension(b)
    except (TypeError, ValueError):
        return NotImplemented
    if a._value is None or b._value is None:
        return Dimension(None)
    return Dimension(fn(a._value, b._value))


def _compare(a, b, fn):
    return None if a._value is None or b._value is None else fn(a._value, b._value)


def as_dimension(value):
    """`value` as a Dimension: itself if it is one, else `Dimension(value)`."""
    return value if isinstance(value, Dimension) else Dimension(value)


def dimension_value(dimension):
    """The int (or None) of a dimension, whether a Dimension or already an int.

    >>> minitf.compat.v1.dimension_value(minitf.compat.v1.Dimension(4))
    4
    """
    return dimension._value if isinstance(dimension, Dimension) else dimension

"""Dimension: TensorFlow 1.x's wrapper of one dimension of a shape, known (an int) or unknown
(`Dimension(None)`), with arithmetic and comparisons that stay unknown when a side is.

minitf's TensorShape gives plain ints and None for its dimensions, as TensorFlow 2.x does;
`compat.v1.Dimension` and `dimension_value` are for 1.x code that builds or unwraps them.
"""


class Dimension:
    """One dimension of a shape: `Dimension(3)`, or `Dimension(None)` when unknown.

    >>> d = minitf.compat.v1.Dimension(3)
    >>> d + 1, d * minitf.compat.v1.Dimension(None), d.value
    (Dimension(4), Dimension(None), 3)
    """

    __slots__ = ("_value",)

    def __init__(self, value):
        if isinstance(value, Dimension):
            value = value.value
        if value is not None:
            value = int(value.__index__())
            if value < 0:
                raise ValueError("Dimension %d must be >= 0" % value)
        self._value = value

    @property
    def value(self):
        return self._value

    def is_compatible_with(self, other):
        other = Dimension(other)
        return self._value is None or other.value is None or self._value == other.value

    def assert_is_compatible_with(self, other):
        if not self.is_compatible_with(other):
            raise ValueError("Dimensions %s and %s are not compatible" % (self, other))

    def merge_with(self, other):
        self.assert_is_compatible_with(other)
        return Dimension(self._value if self._value is not None else Dimension(other).value)

    def _combine(self, other, fn):
        other = Dimension(other)
        if self._value is None or other.value is None:
            return Dimension(None)
        return Dimension(fn(self._value, other.value))

    def __add__(self, other):
        return self._combine(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._combine(other, lambda a, b: a - b)

    def __mul__(self, other):
        return self._combine(other, lambda a, b: a * b)

    def __floordiv__(self, other):
        return self._combine(other, lambda a, b: a // b)

    def __mod__(self, other):
        return self._combine(other, lambda a, b: a % b)

    __radd__, __rmul__ = __add__, __mul__

    def __rsub__(self, other):
        return Dimension(other) - self

    def _compare(self, other, fn):
        other = Dimension(other)
        return None if self._value is None or other.value is None else fn(self._value, other.value)

    def __eq__(self, other):
        try:
            return self._compare(other, lambda a, b: a == b)
        except (TypeError, ValueError, AttributeError):
            return NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is None or equal is NotImplemented else not equal

    def __lt__(self, other):
        return self._compare(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._compare(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._compare(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._compare(other, lambda a, b: a >= b)

    def __hash__(self):
        return hash(self._value)

    def __int__(self):
        return self._value

    __index__ = __int__

    def __repr__(self):
        return "Dimension(%s)" % (self._value,)

    def __str__(self):
        return "?" if self._value is None else str(self._value)


def dimension_value(dimension):
    """The int (or None) of a dimension, whether a Dimension or already an int.

    >>> minitf.compat.v1.dimension_value(minitf.compat.v1.Dimension(4))
    4
    """
    return dimension.value if isinstance(dimension, Dimension) else dimension

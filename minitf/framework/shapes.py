"""TensorShape: a static shape whose rank or dimensions may be unknown (`None`).

Graph tensors carry a TensorShape inferred while the graph is built; eager tensors carry the
exact shape of their value. Broadcasting of static shapes lives here too, because both the shape
rules of ops and the gradient helpers need it.

After `compat.v1.disable_v2_tensorshape()` (which `disable_v2_behavior()` calls) shapes behave as
in TensorFlow 1.x: indexing and iterating one give `Dimension`s (`x.shape[1].value`), and they
print an unknown dimension as "?" (`(?, 3)`) and the repr with Dimensions. minitf's own code
reads dimensions through `as_list()`, `dim_at()` or `dim_list()`, which give ints and None in
both modes.
"""
from .dimension import Dimension, dimension_value

_v2_behavior = True  # False after disable_v2_tensorshape(); read on every indexing of a shape


def enable_v2_tensorshape():
    """Shapes behave as in TensorFlow 2.x (the default): their dimensions are ints or None and
    an unknown one prints as `None` (`(None, 3)`).
    """
    global _v2_behavior
    _v2_behavior = True


def disable_v2_tensorshape():
    """Shapes behave as in TensorFlow 1.x: indexing and iterating one give `Dimension`s, and it
    prints as `(?, 3)`, `TensorShape([Dimension(None), Dimension(3)])`.

    >>> minitf.compat.v1.disable_v2_tensorshape()
    >>> s = minitf.TensorShape([None, 3])
    >>> print(s)
    (?, 3)
    >>> s[1], s[1].value
    (Dimension(3), 3)
    >>> minitf.compat.v1.enable_v2_tensorshape()
    """
    global _v2_behavior
    _v2_behavior = False


class TensorShape:
    """A possibly partial shape: `TensorShape([None, 2])`, or `TensorShape(None)` (unknown rank).

    >>> s = minitf.TensorShape([None, 2])
    >>> s.rank, s.as_list(), str(s)
    (2, [None, 2], '(None, 2)')
    """

    __slots__ = ("_dims",)

    def __init__(self, dims):
        if dims is None:
            self._dims = None
        elif isinstance(dims, TensorShape):
            self._dims = dims._dims
        elif isinstance(dims, int):
            self._dims = (dims,)
        else:
            try:
                self._dims = tuple(None if d is None or d == -1 else int(d) for d in dims)
            except TypeError:  # 1.x's Dimension(None) among them, or one Dimension alone
                dims = (dims,) if isinstance(dims, Dimension) else dims
                self._dims = tuple(None if d is None or d == -1 else int(d)
                                   for d in map(dimension_value, dims))

    @classmethod
    def from_tuple(cls, dims):
        """A fully known shape from a tuple of ints (a numpy shape), without checks."""
        s = cls.__new__(cls)
        s._dims = dims
        return s

    @property
    def rank(self):
        return None if self._dims is None else len(self._dims)

    ndims = rank

    @property
    def dims(self):
        """The dimensions as `Dimension`s (in both the 1.x and 2.x behaviours, as in
        TensorFlow), or None if the rank is unknown; `as_list()` gives them as ints."""
        return None if self._dims is None else [Dimension(d) for d in self._dims]

    def as_list(self):
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def is_fully_defined(self):
        return self._dims is not None and None not in self._dims

    def num_elements(self):
        if not self.is_fully_defined():
            return None
        n = 1
        for d in self._dims:
            n *= d
        return n

    def is_compatible_with(self, other):
        if type(other) is not TensorShape:
            other = as_shape(other)
        if self._dims is None or other._dims is None or self._dims == other._dims:
            return True
        if len(self._dims) != len(other._dims):
            return False
        for a, b in zip(self._dims, other._dims):
            if a is not None and b is not None and a != b:
                return False
        return True

    def merge_with(self, other):
        other = as_shape(other)
        if not self.is_compatible_with(other):
            raise ValueError("Shapes %s and %s are not compatible" % (self, other))
        if self._dims is None:
            return other
        if other._dims is None:
            return self
        return TensorShape([a if a is not None else b for a, b in zip(self._dims, other._dims)])

    def concatenate(self, other):
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return UNKNOWN
        return TensorShape(self._dims + other._dims)

    __add__ = concatenate

    def __radd__(self, other):
        return as_shape(other).concatenate(self)

    def most_specific_compatible_shape(self, other):
        """The most specific shape compatible with both: their common dims, None elsewhere."""
        other = as_shape(other)
        if self._dims is None or other._dims is None or len(self._dims) != len(other._dims):
            return UNKNOWN
        return TensorShape([a if a == b else None for a, b in zip(self._dims, other._dims)])

    def with_rank(self, rank):
        """This shape, or one of unknown dims with `rank` when the rank is unknown.

        Raises:
          ValueError: if the rank is known and differs.
        """
        if self._dims is None:
            return TensorShape([None] * rank)
        self.assert_has_rank(rank)
        return self

    def with_rank_at_least(self, rank):
        if self._dims is not None and len(self._dims) < rank:
            raise ValueError("Shape %s must have rank at least %d" % (self, rank))
        return self

    def with_rank_at_most(self, rank):
        if self._dims is not None and len(self._dims) > rank:
            raise ValueError("Shape %s must have rank at most %d" % (self, rank))
        return self

    def assert_has_rank(self, rank):
        if self._dims is not None and len(self._dims) != rank:
            raise ValueError("Shape %s must have rank %d" % (self, rank))

    def assert_is_compatible_with(self, other):
        if not self.is_compatible_with(other):
            raise ValueError("Shapes %s and %s are incompatible" % (self, as_shape(other)))

    def assert_is_fully_defined(self):
        if not self.is_fully_defined():
            raise ValueError("Shape %s is not fully defined" % (self,))

    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        if _v2_behavior:
            return iter(self._dims)
        return iter([Dimension(d) for d in self._dims])

    def __getitem__(self, key):
        """The dimension at an index (an int or None; a Dimension in the 1.x behaviour), or the
        shape of the dimensions in a slice."""
        if self._dims is None:
            if isinstance(key, slice):
                return _unknown_slice(key)
            return None if _v2_behavior else Dimension(None)
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        if _v2_behavior:
            return self._dims[key]
        return Dimension(self._dims[key])

    def __eq__(self, other):
        try:
            other = as_shape(other)
        except (TypeError, ValueError):
            return NotImplemented
        return self._dims == other._dims

    def __hash__(self):
        return hash(self._dims)

    def __bool__(self):
        return self._dims is not None

    def __repr__(self):
        if self._dims is None or _v2_behavior:
            return "TensorShape(%s)" % (None if self._dims is None else list(self._dims))
        return "TensorShape(%s)" % (self.dims,)

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        dims = [str(d) if d is not None or _v2_behavior else "?" for d in self._dims]
        if len(dims) == 1:
            return "(%s,)" % dims[0]
        return "(%s)" % ", ".join(dims)


def _unknown_slice(key):
    """A slice of a shape of unknown rank: of known rank when the slice says how many dims."""
    if key.step is not None:
        raise ValueError("Steps are not yet handled")
    start = 0 if key.start is None else key.start
    if key.stop is None or start < 0 or key.stop < 0:
        return UNKNOWN
    return TensorShape([None] * (key.stop - start))


def as_shape(shape):
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


def dimension_at_index(shape, index):
    """Dimension `index` of `shape` as a `Dimension` (unknown when the rank is), in both the
    1.x and 2.x behaviours.

    >>> minitf.compat.dimension_at_index(minitf.TensorShape([None, 3]), 1)
    Dimension(3)
    """
    return Dimension(None if shape._dims is None else shape._dims[index])


# How minitf's own code reads a shape's dimensions: as ints and Nones in both the 1.x and 2.x
# behaviours (`shape[i]` and `list(shape)` give Dimensions in the 1.x one).
def dim_at(shape, i):
    """Dimension `i` of a TensorShape as an int or None (None too when the rank is unknown)."""
    dims = shape._dims
    return None if dims is None else dims[i]


def dim_list(shape):
    """The dimensions of a TensorShape as a list of ints and Nones, or None if its rank is
    unknown."""
    return None if shape._dims is None else list(shape._dims)


UNKNOWN = TensorShape(None)
SCALAR = TensorShape(())


def dims_str(shape):
    """A shape in TensorFlow's error-message form: `[2,3]`, `[?,2]` or `?`."""
    if shape.rank is None:
        return "?"
    return "[%s]" % ",".join("?" if d is None else str(d) for d in shape._dims)


class IncompatibleShapesError(ValueError):
    """Two shapes that cannot be broadcast together."""

    def __init__(self, message, a, b):
        super().__init__(message)
        self.shapes = (a, b)


def broadcast_shapes(a, b):
    """The static broadcast of two shapes; raises IncompatibleShapesError (a ValueError) if two
    known dims disagree."""
    if a._dims is None or b._dims is None:
        return UNKNOWN
    if a._dims == b._dims or not b._dims:  # the common cases: equal shapes, or b a scalar
        return a
    if not a._dims:
        return b
    x, y = a.as_list(), b.as_list()
    n = max(len(x), len(y))
    x = [1] * (n - len(x)) + x
    y = [1] * (n - len(y)) + y
    out = []
    for p, q in zip(x, y):
        if p == 1:
            out.append(q)
        elif q == 1:
            out.append(p)
        elif p is None:
            out.append(q)
        elif q is None or p == q:
            out.append(p)
        else:
            raise IncompatibleShapesError("Dimensions must be equal, but are %d and %d"
                                          % (p, q), a, b)
    return TensorShape(out)

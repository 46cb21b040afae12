"""TensorShape: a static shape whose rank or dimensions may be unknown (`None`).

Graph tensors carry a TensorShape inferred while the graph is built; eager tensors carry the
exact shape of their value. Broadcasting of static shapes lives here too, because both the shape
rules of ops and the gradient helpers need it.

After `compat.v1.disable_v2_tensorshape()` (which `disable_v2_behavior()` calls) shapes print as
TensorFlow 1.x prints them, an unknown dimension as "?" (`(?, 3)`) and the repr with
`Dimension`s; their dimensions are still ints or None, as in TensorFlow 2.x.
"""
_v2_printing = [True]


def enable_v2_tensorshape():
    """Prints unknown dimensions as `None` (`(None, 3)`), as TensorFlow 2.x does (the default).
    """
    _v2_printing[0] = True


def disable_v2_tensorshape():
    """Prints shapes as TensorFlow 1.x does: `(?, 3)`, `TensorShape([Dimension(None),
    Dimension(3)])`.

    >>> minitf.compat.v1.disable_v2_tensorshape()
    >>> print(minitf.TensorShape([None, 3]))
    (?, 3)
    >>> minitf.compat.v1.enable_v2_tensorshape()
    """
    _v2_printing[0] = False



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
            self._dims = tuple(None if d is None or d == -1 else int(d) for d in dims)

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
        return None if self._dims is None else list(self._dims)

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

    def with_rank(self, rank):
        """This shape, or one of unknown dims with `rank` when the rank is unknown.

        Raises:
          ValueError: if the rank is known and differs.
        """
        if self._dims is None:
            return TensorShape([None] * rank)
        self.assert_has_rank(rank)
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
        return iter(self._dims)

    def __getitem__(self, key):
        if self._dims is None:
            return TensorShape(None) if isinstance(key, slice) else None
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        return self._dims[key]

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
        if self._dims is None or _v2_printing[0]:
            return "TensorShape(%s)" % (None if self._dims is None else list(self._dims))
        return "TensorShape([%s])" % ", ".join("Dimension(%s)" % (d,) for d in self._dims)

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        dims = [str(d) if d is not None or _v2_printing[0] else "?" for d in self._dims]
        if len(dims) == 1:
            return "(%s,)" % dims[0]
        return "(%s)" % ", ".join(dims)


def as_shape(shape):
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


UNKNOWN = TensorShape(None)
SCALAR = TensorShape(())


def dims_str(shape):
    """A shape in TensorFlow's error-message form: `[2,3]`, `[?,2]` or `?`."""
    if shape.rank is None:
        return "?"
    return "[%s]" % ",".join("?" if d is None else str(d) for d in shape)


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

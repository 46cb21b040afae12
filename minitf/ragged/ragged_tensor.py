"""RaggedTensor: rows of different lengths, as flat `values` plus `row_splits`; the value that
`Session.run` returns for one (RaggedTensorValue); `constant` and `map_flat_values`.

Row i of a RaggedTensor is `values[row_splits[i]:row_splits[i + 1]]`; `values` is a Tensor, or
itself a RaggedTensor for more ragged dimensions. Everything here is built from ordinary ops
(the padding op is in ops/ragged_ops.py), so a RaggedTensor works eagerly and in a graph
alike. There are no gradients through ragged tensors.
"""
import numpy as np

from ..framework import dtypes
from ..framework.composite_tensor import CompositeTensor
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dim_at
from ..framework.tensor import EagerTensor
from ..ops import array_ops, ragged_ops
from ..ops.registry import convert_to_tensor, scope


class RaggedTensor(CompositeTensor):
    """A tensor whose rows may have different lengths.

    >>> r = minitf.RaggedTensor.from_row_splits([1, 2, 3], row_splits=[0, 2, 2, 3])
    >>> r
    <tf.RaggedTensor [[1, 2], [], [3]]>
    >>> r.shape, r.row_lengths().numpy()
    (TensorShape([3, None]), array([2, 0, 1]))
    """

    __slots__ = ("_values", "_row_splits")

    def __init__(self, values, row_splits):
        self._values = values
        self._row_splits = row_splits

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        """The RaggedTensor with rows `values[row_splits[i]:row_splits[i + 1]]`.

        Raises:
          ValueError: if `row_splits` is not a 1-D int32/int64 tensor.
          InvalidArgumentError: (eagerly, with `validate`) unless the splits start at 0, never
            decrease and end at the number of values.
        """
        with scope(name or "RaggedFromRowSplits"):
            if not isinstance(values, RaggedTensor):
                values = convert_to_tensor(values, name="values")
            splits = convert_to_tensor(row_splits, dtype_hint=dtypes.int64, name="row_splits")
            if splits.dtype not in (dtypes.int32, dtypes.int64):
                raise ValueError("row_splits must be int32 or int64, not %s" % splits.dtype.name)
            if splits.shape.rank not in (None, 1):
                raise ValueError("Shape %s must have rank 1" % (splits.shape,))
            if validate and isinstance(splits, EagerTensor):
                _check_splits(splits.numpy(), _nrows_of(values))
            return cls(values, splits)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        """The RaggedTensor whose row i holds the next `row_lengths[i]` values.

        >>> minitf.RaggedTensor.from_row_lengths([1, 2, 3], [2, 1])
        <tf.RaggedTensor [[1, 2], [3]]>
        """
        with scope(name or "RaggedFromRowLengths"):
            lengths = convert_to_tensor(row_lengths, dtype_hint=dtypes.int64, name="row_lengths")
            splits = ragged_ops.row_splits_from_lengths(lengths)
            return cls.from_row_splits(values, splits, validate=validate)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        """The RaggedTensor in which value j goes to row `value_rowids[j]` (ids sorted), with
        `nrows` rows (default: the last row id + 1).

        >>> minitf.RaggedTensor.from_value_rowids([1, 2, 3], [0, 0, 2], nrows=4)
        <tf.RaggedTensor [[1, 2], [], [3], []]>
        """
        with scope(name or "RaggedFromValueRowIds"):
            lengths = ragged_ops.row_lengths_from_rowids(value_rowids, nrows)
            return cls.from_row_lengths(values, lengths, validate=validate)

    # -- properties ----------------------------------------------------------------------------
    values = property(lambda self: self._values)
    row_splits = property(lambda self: self._row_splits)

    @property
    def flat_values(self):
        v = self._values
        while isinstance(v, RaggedTensor):
            v = v._values
        return v

    @property
    def nested_row_splits(self):
        splits, v = [self._row_splits], self._values
        while isinstance(v, RaggedTensor):
            splits.append(v._row_splits)
            v = v._values
        return tuple(splits)

    @property
    def ragged_rank(self):
        return len(self.nested_row_splits)

    @property
    def dtype(self):
        return self.flat_values.dtype

    @property
    def shape(self):
        n = dim_at(self._row_splits.shape, 0) if self._row_splits.shape.rank else None
        return TensorShape([None if n is None else n - 1, None]).concatenate(
            self._values.shape[1:])

    def row_lengths(self):
        """The length of each row, as a 1-D tensor of the row splits' dtype.

        >>> minitf.ragged.constant([[1, 2], [], [3]]).row_lengths()
        <tf.Tensor: shape=(3,), dtype=int64, numpy=array([2, 0, 1])>
        """
        s = self._row_splits
        return s[1:] - s[:-1]

    def nrows(self, out_type=None):
        """The number of rows, as a scalar tensor of the row splits' dtype (or `out_type`)."""
        with scope("RaggedNRows"):
            n = array_ops.shape(self._row_splits, out_type=out_type or self._row_splits.dtype)
            return n[0] - 1

    def to_tensor(self, default_value=None, name=None, shape=None):
        """A dense tensor: each row padded with `default_value` (zero, or b"" for strings) to
        the longest one; with `shape`, cut or padded to it instead.

        >>> minitf.ragged.constant([[1, 2], [3]]).to_tensor(default_value=-1)
        <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
        array([[ 1,  2],
               [ 3, -1]], dtype=int32)>
        """
        with scope(name or "RaggedToTensor"):
            return ragged_ops.ragged_to_dense(self.flat_values, self.nested_row_splits,
                                              default_value, shape)

    # -- indexing ------------------------------------------------------------------------------
    def __getitem__(self, key):
        """Row `i` (`rt[i]`: a tensor, or a RaggedTensor when the rows are ragged themselves),
        the rows of a slice (`rt[i:j]`, step 1: a RaggedTensor), or indexing inside a row
        (`rt[i, j]`, `rt[i, j:k]`).

        Raises:
          ValueError: for a slice with a step, for indexing across rows (`rt[:, j]`), or for a
            slice of a RaggedTensor whose number of rows is not known statically.

        >>> rt = minitf.ragged.constant([[0, 1, 2], [3], [4, 5]])
        >>> rt[0], rt[1:]
        (<tf.Tensor: shape=(3,), dtype=int32, numpy=array([0, 1, 2], dtype=int32)>, \
<tf.RaggedTensor [[3], [4, 5]]>)
        >>> rt[-1, 1].numpy()
        np.int32(5)
        """
        if isinstance(key, tuple):
            if not key:
                return self
            if isinstance(key[0], slice):
                raise ValueError("minitf indexes a RaggedTensor row by row: rt[i, ...] or "
                                 "rt[i:j]; got %r" % (key,))
            row = self[key[0]]
            return row[key[1:]] if len(key) > 1 else row
        with scope("RaggedGetItem"):
            splits = self._row_splits
            if isinstance(key, slice):
                return self._rows(key)
            i = int(key)
            start, end = (splits[i], splits[i + 1]) if i >= 0 else (splits[i - 1], splits[i])
            return self._values[start:end]

    def _rows(self, key):
        if key.step not in (None, 1):
            raise ValueError("minitf slices the rows of a RaggedTensor with step 1 only; got %r"
                             % (key,))
        nrows = dim_at(self.shape, 0)
        if nrows is None:
            raise ValueError("Cannot slice the rows of a RaggedTensor whose number of rows is "
                             "not known statically.")
        first, last, _ = key.indices(nrows)
        splits = self._row_splits[first:max(first, last) + 1]
        return RaggedTensor(self._values[splits[0]:splits[-1]], splits - splits[0])

    # -- values --------------------------------------------------------------------------------
    def _components(self):
        return (self.flat_values,) + self.nested_row_splits

    def _fetched(self, values):
        out = values[0]
        for splits in reversed(values[1:]):
            out = RaggedTensorValue(out, splits)
        return out

    def _value(self):
        return self._fetched([t.numpy() for t in self._components()])

    def numpy(self):
        """The rows as a numpy array: a dense one when all rows have one shape, else an object
        array of the rows."""
        return self._value().numpy()

    def to_list(self):
        """The rows as nested Python lists.

        >>> minitf.ragged.constant([["a"], ["b", "c"]]).to_list()
        [[b'a'], [b'b', b'c']]
        """
        return self._value().to_list()

    def __repr__(self):
        if all(isinstance(t, EagerTensor) for t in self._components()):
            return "<tf.RaggedTensor %s>" % _text(self.numpy())
        return "tf.RaggedTensor(values=%s, row_splits=%s)" % (self._values, self._row_splits)

    __str__ = __repr__

    # -- elementwise arithmetic, on the flat values ---------------------------------------------
    def _map(self, fn, other):
        if isinstance(other, RaggedTensor):
            return map_flat_values(fn, self, other)
        return map_flat_values(lambda v: fn(v, other), self)

    def __add__(self, other):
        return self._map(lambda a, b: a + b, other)

    def __sub__(self, other):
        return self._map(lambda a, b: a - b, other)

    def __mul__(self, other):
        return self._map(lambda a, b: a * b, other)

    def __truediv__(self, other):
        return self._map(lambda a, b: a / b, other)

    def __radd__(self, other):
        return map_flat_values(lambda v: other + v, self)

    def __rmul__(self, other):
        return map_flat_values(lambda v: other * v, self)

    def __neg__(self):
        return map_flat_values(lambda v: -v, self)


def _nrows_of(values):
    if isinstance(values, RaggedTensor):
        return len(values._row_splits.numpy()) - 1
    return dim_at(values.shape, 0)


def _check_splits(splits, n):
    problem = ("zeroth element of row_splits must be zero" if len(splits) and splits[0] != 0
               else "row_splits must be monotonically non-decreasing" if np.any(np.diff(splits) < 0)
               else None if n is None or len(splits) and splits[-1] == n
               else "the last row split (%s) must equal the number of values (%d)"
               % (splits[-1] if len(splits) else None, n))
    if problem:
        raise InvalidArgumentError(None, None, "Arguments to from_row_splits do not form a valid "
                                   "RaggedTensor: " + problem)


def map_flat_values(op, *args, **kwargs):
    """`op` applied to the flat values of the ragged arguments, which must have the same row
    splits (checked eagerly); the result has those row splits.

    Raises:
      ValueError: if no argument is ragged.
      InvalidArgumentError: (eagerly) if the ragged arguments' row splits differ.

    >>> minitf.ragged.map_flat_values(minitf.square, minitf.ragged.constant([[1, 2], [3]]))
    <tf.RaggedTensor [[1, 4], [9]]>
    """
    ragged = [a for a in list(args) + list(kwargs.values()) if isinstance(a, RaggedTensor)]
    if not ragged:
        raise ValueError("map_flat_values requires at least one RaggedTensor argument.")
    splits = ragged[0].nested_row_splits
    for r in ragged[1:]:
        for a, b in zip(splits, r.nested_row_splits):
            if isinstance(a, EagerTensor) and isinstance(b, EagerTensor) and \
                    not np.array_equal(a.numpy(), b.numpy()):
                raise InvalidArgumentError(None, None, "Inputs must have identical ragged "
                                           "splits: %s vs. %s" % (a.numpy(), b.numpy()))

    def flat(a):
        return a.flat_values if isinstance(a, RaggedTensor) else a

    out = op(*[flat(a) for a in args], **{k: flat(v) for k, v in kwargs.items()})
    for s in reversed(splits):
        out = RaggedTensor(out, s)
    return out


class RaggedTensorValue:
    """What `Session.run` gives for a RaggedTensor: numpy `values` and `row_splits`."""

    def __init__(self, values, row_splits):
        self.values = values
        self.row_splits = row_splits

    @property
    def flat_values(self):
        v = self.values
        return v.flat_values if isinstance(v, RaggedTensorValue) else v

    @property
    def nested_row_splits(self):
        inner = self.values.nested_row_splits if isinstance(self.values, RaggedTensorValue) \
            else ()
        return (self.row_splits,) + inner

    @property
    def ragged_rank(self):
        return len(self.nested_row_splits)

    @property
    def dtype(self):
        return self.flat_values.dtype

    @property
    def shape(self):
        return (len(self.row_splits) - 1, None) + self.values.shape[1:]

    def _rows(self, values):
        return [values[a:b] for a, b in zip(self.row_splits[:-1], self.row_splits[1:])]

    def to_list(self):
        v = self.values
        return self._rows(v.to_list() if isinstance(v, RaggedTensorValue) else v.tolist())

    def numpy(self):
        """The rows in one numpy array: of the rows' dtype and one more dimension when all rows
        have one length, else an object array of them."""
        v = self.values
        values = v.numpy() if isinstance(v, RaggedTensorValue) else v
        rows = self._rows(values)
        if not rows:
            return np.zeros((0, 0) + values.shape[1:], values.dtype)
        if all(len(r) == len(rows[0]) for r in rows):
            return np.array(rows)
        out = np.empty(len(rows), dtype=object)
        for i, r in enumerate(rows):
            out[i] = r
        return out

    def __str__(self):
        return "<tf.RaggedTensorValue %s>" % self.to_list()

    def __repr__(self):
        return "tf.RaggedTensorValue(values=%r, row_splits=%r)" % (self.values, self.row_splits)


def _text(a):
    """How TensorFlow shows a ragged value: numpy's layout, items separated by commas, each
    element as `str` gives it."""
    if not isinstance(a, np.ndarray):
        return str(a)
    if a.size == 0:
        return str(a.tolist())
    return np.array2string(a, separator=", ", formatter={"all": _text})


def constant(pylist, dtype=None, ragged_rank=None, name=None, row_splits_dtype=dtypes.int64):
    """A RaggedTensor holding a nested Python list whose lists may differ in length (a plain
    Tensor when the list has no ragged dimension).

    Args:
      pylist: nested lists of scalars (numbers, bools or strings), all at one depth.
      dtype: the values' dtype (default: inferred as for `constant`).
      ragged_rank: how many dimensions are ragged (default: all but the innermost).
      row_splits_dtype: int64 (default) or int32.

    Raises:
      ValueError: if the scalars are not all at one depth, or a dimension that should be
        uniform is not.

    >>> minitf.ragged.constant([[1, 2], [3], []])
    <tf.RaggedTensor [[1, 2], [3], []]>
    """
    scalars, lists = set(), {0}
    _depths(pylist, 0, scalars, lists)
    if len(scalars) > 1:
        raise ValueError("all scalar values must have the same nesting depth")
    depth = scalars.pop() if scalars else max(lists)
    ragged_rank = max(depth - 1, 0) if ragged_rank is None else ragged_rank
    with scope(name or "RaggedConstant"):
        levels, rows = [], pylist
        for _ in range(ragged_rank):
            levels.append(np.cumsum([0] + [len(r) for r in rows]))
            rows = [item for r in rows for item in r]
        values = convert_to_tensor(rows, dtype, name="values")
        for splits in reversed(levels):
            values = RaggedTensor(values, convert_to_tensor(
                np.asarray(splits, dtypes.as_dtype(row_splits_dtype).np)))
        return values


def _depths(x, depth, scalars, lists):
    """Collects the depths at which `x` has scalars, and those of its lists."""
    if isinstance(x, (list, tuple)):
        lists.add(depth + 1)
        for v in x:
            _depths(v, depth + 1, scalars, lists)
    else:
        scalars.add(depth)

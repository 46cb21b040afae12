"""SparseTensor: a tensor given by the positions and values of its non-default entries; and
SparseTensorValue, what `Session.run` returns for one.

The ops that work on one are in ops/sparse_ops.py, the public functions (`to_dense`,
`from_dense`, `add`, `reorder`) in sparse_ops.py next to this module.
"""
import collections

from ..framework import dtypes
from ..framework.composite_tensor import CompositeTensor
from ..framework.shapes import TensorShape, dim_at
from ..ops.constant_folding import constant_shape
from ..ops.registry import convert_to_tensor, scope

SparseTensorValue = collections.namedtuple("SparseTensorValue",
                                           ["indices", "values", "dense_shape"])
SparseTensorValue.__doc__ = "What `Session.run` gives for a SparseTensor: its three parts."


class SparseTensor(CompositeTensor):
    """A sparse tensor: `values[k]` sits at `indices[k]` of a tensor of shape `dense_shape`, and
    every other entry is zero (or the default given to `to_dense`).

    Args:
      indices: int64 positions, shape [N, rank], in row-major order.
      values: the N values.
      dense_shape: the shape of the dense tensor, int64 of shape [rank].

    Raises:
      ValueError: if the parts' static shapes do not fit together.

    >>> st = minitf.sparse.SparseTensor(indices=[[0, 0], [1, 2]], values=[1, 2],
    ...                                 dense_shape=[3, 4])
    >>> st.shape, st.dtype
    (TensorShape([3, 4]), tf.int32)
    """

    __slots__ = ("_indices", "_values", "_dense_shape")

    def __init__(self, indices, values, dense_shape):
        with scope("SparseTensor"):
            self._indices = convert_to_tensor(indices, dtypes.int64, name="indices")
            self._values = convert_to_tensor(values, name="values")
            self._dense_shape = convert_to_tensor(dense_shape, dtypes.int64, name="dense_shape")
        index_shape = self._indices.shape.with_rank(2)
        n = dim_at(self._values.shape.with_rank(1), 0)
        rank = dim_at(self._dense_shape.shape.with_rank(1), 0)
        for a, b in ((dim_at(index_shape, 0), n), (dim_at(index_shape, 1), rank)):
            if a is not None and b is not None and a != b:
                raise ValueError("Dimensions %d and %d are not compatible" % (a, b))

    indices = property(lambda self: self._indices)
    values = property(lambda self: self._values)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)

    @property
    def shape(self):
        return TensorShape(constant_shape(self._dense_shape))

    def get_shape(self):
        return self.shape

    @classmethod
    def from_value(cls, value):
        """A SparseTensor from a SparseTensorValue (or another SparseTensor)."""
        return cls(value.indices, value.values, value.dense_shape)

    def with_values(self, new_values):
        """This tensor's positions and shape with other values."""
        return SparseTensor(self._indices, new_values, self._dense_shape)

    def _components(self):
        return (self._indices, self._values, self._dense_shape)

    def _fetched(self, values):
        return SparseTensorValue(*values)

    def __repr__(self):
        return "SparseTensor(indices=%s, values=%s, dense_shape=%s)" % self._components()

    __str__ = __repr__

"""`IndexedSlices`: some rows of a tensor, as values and the indices of the rows they are; what
`Variable.scatter_update` and friends take. It keeps its parts as given (TensorFlow does not
convert them either) and becomes a dense tensor when converted, rows that share an index
adding up.
"""
from .framework.shapes import TensorShape
from .ops.constant_folding import constant_value
from .ops.registry import convert_to_tensor
from .ops.segment_ops import unsorted_segment_sum


class IndexedSlices:
    """Rows `indices` of a tensor of shape `dense_shape`, with values `values` (of shape
    indices.shape + dense_shape[1:]).

    >>> rows = minitf.IndexedSlices(minitf.constant([[1.0, 2.0]]), minitf.constant([1]),
    ...                             minitf.constant([3, 2]))
    >>> minitf.convert_to_tensor(rows).numpy()
    array([[0., 0.],
           [1., 2.],
           [0., 0.]], dtype=float32)
    """

    def __init__(self, values, indices, dense_shape=None):
        self._values, self._indices, self._dense_shape = values, indices, dense_shape

    values = property(lambda self: self._values)
    indices = property(lambda self: self._indices)
    dense_shape = property(lambda self: self._dense_shape)

    @property
    def dtype(self):
        return convert_to_tensor(self._values).dtype

    @property
    def shape(self):
        """The static shape of the dense tensor (unknown without a known `dense_shape`)."""
        if self._dense_shape is None:
            return TensorShape(None)
        known = constant_value(convert_to_tensor(self._dense_shape))
        return TensorShape(None if known is None else known.tolist())

    def _to_tensor(self):
        if self._dense_shape is None:
            raise ValueError("Tensor conversion requested for IndexedSlices without "
                             "dense_shape: %s" % (self,))
        return unsorted_segment_sum(self._values, self._indices,
                                    convert_to_tensor(self._dense_shape)[0])

    def __str__(self):
        shape = "" if self._dense_shape is None else ", dense_shape=%s" % (self._dense_shape,)
        return "IndexedSlices(indices=%s, values=%s%s)" % (self._indices, self._values, shape)

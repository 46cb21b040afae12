"""TensorArray: a list of tensors of one dtype written and read by index, usable as a
`while_loop` variable, a `cond` output and inside `function`.

Eagerly it is a Python list of tensors: reads return the written tensors and `stack` is
`minitf.stack`, so tapes differentiate through it like through any op. In a graph (and while
tracing a function) it is a TensorList held in one variant tensor, its `flow`; each write makes
a new list (and a new TensorArray around it), and the list ops' gradients carry gradients
through it. TensorArrays made from one another share what they know of the element shape.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.errors import InvalidArgumentError, OutOfRangeError
from ..framework.shapes import TensorShape
from ..ops import fill_ops, join_ops, list_ops
from ..ops.constant_folding import constant_value
from ..ops.registry import convert_to_tensor, scope


class TensorArray:
    """A list of tensors, each written once and read by index.

    Args:
      dtype: the dtype of the elements.
      size: the number of elements (a Python int or int32 scalar tensor).
      dynamic_size: whether writing past the end grows the array.
      element_shape: the shape of every element, if known; otherwise learnt from the first
        write (`infer_shape`).

    >>> ta = minitf.TensorArray(minitf.float32, size=2)
    >>> ta = ta.write(0, 1.0).write(1, 2.0)
    >>> ta.stack()
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        self._dtype = dtypes.as_dtype(dtype)
        self._dynamic_size = bool(dynamic_size)
        self._infer_shape = infer_shape
        self._shape = [TensorShape(element_shape)]  # shared with the arrays made from this one
        if executing_eagerly():
            n = 0 if size is None else int(size)
            self._items, self._flow, self._size = [None] * n, None, None
            return
        self._items = None
        self._size = constant_value(convert_to_tensor(size)) if size is not None else None
        if flow is None:
            with scope(name or "TensorArrayV2") as prefix:
                flow = list_ops.reserve(0 if size is None else size, self._dtype, name=prefix)
        self._flow = flow

    dtype = property(lambda self: self._dtype)
    dynamic_size = property(lambda self: self._dynamic_size)
    element_shape = property(lambda self: self._shape[0])

    @property
    def flow(self):
        """The variant tensor holding the list (None when executing eagerly)."""
        return self._flow

    @property
    def handle(self):
        return self._flow

    def with_flow(self, flow):
        """A TensorArray like this one over the list `flow` (how loops and conds rebuild it)."""
        ta = object.__new__(TensorArray)
        ta.__dict__.update(self.__dict__)
        ta._flow = flow
        return ta

    def _with_items(self, items):
        ta = self.with_flow(None)
        ta._items = items
        return ta

    def _merge_shape(self, shape):
        if not self._infer_shape:
            return
        if not self._shape[0].is_compatible_with(shape):
            raise ValueError("Incompatible shape for value (%s), expected (%s)"
                             % (shape, self._shape[0]))
        self._shape[0] = self._shape[0].merge_with(shape)

    def _element_shape_vector(self):
        return list_ops.element_shape_vector(self._shape[0])

    # -- writing ---------------------------------------------------------------------------------
    def write(self, index, value, name=None):
        """The array with element `index` set to `value`.

        Raises:
          OutOfRangeError (eager) / InvalidArgumentError (when run): `index` is past the end of
            an array that is not `dynamic_size`.
          InvalidArgumentError: `value` is a tensor of another dtype.
          ValueError: `value`'s shape differs from the elements'.
        """
        value = convert_to_tensor(value, dtype_hint=self._dtype)
        if value.dtype is not self._dtype:
            raise InvalidArgumentError(None, None, "TensorArray dtype is %s but Op is trying to "
                                       "write dtype %s" % (self._dtype.name, value.dtype.name))
        self._merge_shape(value.shape)
        if self._items is not None:
            i = int(index)
            items = list(self._items)
            if i >= len(items):
                if not self._dynamic_size:
                    raise OutOfRangeError(None, None, "Tried to write to index %d but array is "
                                          "not resizeable and size is: %d" % (i, len(items)))
                items += [None] * (i + 1 - len(items))
            items[i] = value
            return self._with_items(items)
        with scope(name or "TensorArrayV2Write"):
            flow = list_ops.set_item(self._flow, index, value, resize=self._dynamic_size)
        return self.with_flow(flow)

    def unstack(self, value, name=None):
        """The array whose elements are the rows of `value`."""
        value = convert_to_tensor(value, dtype_hint=self._dtype)
        self._merge_shape(value.shape[1:] if value.shape.rank else TensorShape(None))
        if self._items is not None:
            return self._with_items(list(join_ops.unstack(value)))
        with scope(name or "TensorArrayUnstack"):
            return self.with_flow(list_ops.from_tensor(value))

    # -- reading ---------------------------------------------------------------------------------
    def read(self, index, name=None):
        """Element `index` (zeros if it was never written)."""
        if self._items is not None:
            i = int(index)
            if not 0 <= i < len(self._items):
                raise OutOfRangeError(None, None, "Tried to read from index %d but array size "
                                      "is: %d" % (i, len(self._items)))
            return self._items[i] if self._items[i] is not None else self._zeros()
        with scope(name or "TensorArrayV2Read"):
            t = list_ops.get_item(self._flow, index, self._dtype, self._element_shape_vector())
        t.set_shape(self._shape[0])
        return t

    def stack(self, name=None):
        """All elements stacked into one tensor along a new first axis."""
        if self._items is not None:
            if not self._items:
                return fill_ops.zeros([0] + self._known_shape().as_list(), self._dtype)
            zeros = self._zeros() if any(x is None for x in self._items) else None
            return join_ops.stack([zeros if x is None else x for x in self._items])
        n = self._size if self._size is not None and not self._dynamic_size else -1
        with scope(name or "TensorArrayV2Stack"):
            return list_ops.stack(self._flow, self._dtype, self._element_shape_vector(), n)

    def size(self, name=None):
        """The number of elements, as an int32 scalar tensor."""
        if self._items is not None:
            return convert_to_tensor(np.int32(len(self._items)))
        if self._size is not None and not self._dynamic_size:
            return convert_to_tensor(np.int32(self._size), name=name or "Const")
        return list_ops.length(self._flow, name=name or "TensorArrayV2Size")

    def _known_shape(self):
        s = self._shape[0]
        if not s.is_fully_defined():
            raise ValueError("Cannot make zeros for the unwritten elements of a TensorArray "
                             "whose element shape %s is not fully defined: write them, or give "
                             "`element_shape`." % (s,))
        return s

    def _zeros(self):
        return fill_ops.zeros(self._known_shape().as_list(), self._dtype)

    def __repr__(self):
        return "<minitf.TensorArray dtype=%s element_shape=%s>" % (self._dtype.name,
                                                                   self._shape[0])

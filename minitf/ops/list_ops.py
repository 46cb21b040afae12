"""TensorList ops: a list of tensors held in one `variant` tensor, the storage of a TensorArray in
a graph and of the values a `while_loop` keeps for its gradient.

A list's value is a `TensorList`: immutable (an op that changes a list returns a new one), its
items numpy arrays or None for "not written", which reads as zeros. Gradient lists use that to
stay sparse: the gradient of reading item i is a list with only item i set, and gradients that
meet are added item by item (`AddN` of variants). `element_shape` inputs are int32 vectors with
-1 for an unknown dimension; they give the shape of the zeros an unwritten item reads as.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import SCALAR, TensorShape
from .constant_folding import constant_shape, constant_value
from .fill_ops import zeros_like
from .registry import execute, register
from .shape_rules import shape_of


class TensorList:
    """The value of a variant tensor that holds a list: arrays, or None for zeros.

    Lists made by pushing share one buffer: a list is its first `n` items, which never change,
    so a push onto the newest list appends in place (a loop's accumulator costs O(1) a step).
    """

    __slots__ = ("_buffer", "_n")

    # A TensorList travels as the value of a scalar variant tensor.
    shape = ()
    ndim = 0
    dtype = dtypes.VARIANT_NUMPY

    def __init__(self, items=()):
        self._buffer = list(items)
        self._n = len(self._buffer)

    @property
    def items(self):
        return tuple(self._buffer[:self._n])

    def __len__(self):
        return self._n

    def __getitem__(self, i):
        return self._buffer[i]

    def pushed(self, x):
        if len(self._buffer) == self._n:
            lst = TensorList()
            lst._buffer, lst._n = self._buffer, self._n + 1
            self._buffer.append(x)
            return lst
        return TensorList(self.items + (x,))

    def popped(self):
        lst = TensorList()
        lst._buffer, lst._n = self._buffer, self._n - 1
        return lst, self._buffer[self._n - 1]

    def __add__(self, other):
        n = max(len(self.items), len(other.items))
        a = self.items + (None,) * (n - len(self.items))
        b = other.items + (None,) * (n - len(other.items))
        return TensorList(x if y is None else y if x is None else x + y for x, y in zip(a, b))

    def __repr__(self):
        return "<TensorList of %d>" % self._n


def _dims(element_shape, what):
    dims = [int(d) for d in np.reshape(element_shape, -1)]
    if np.ndim(element_shape) != 1 or any(d < 0 for d in dims):
        raise InvalidArgumentError(None, None, "Tried to %s a list whose element shape is not "
                                   "fully defined: %s" % (what, dims))
    return dims


def _zeros(items, element_shape, dtype):
    """Zeros for an unwritten item: shaped like a written item, else by `element_shape`."""
    for x in items:
        if x is not None:
            return np.zeros_like(x)
    return np.zeros(_dims(element_shape, "read an unwritten item of"), dtype.np)


def element_shape_vector(shape):
    """A static TensorShape as an `element_shape` input: -1 for each unknown dimension."""
    if shape.rank is None:
        return np.array(-1, np.int32)
    return np.array([-1 if d is None else d for d in shape.as_list()], np.int32)


def _element_shape(t):
    """The static shape an `element_shape` input gives (a scalar -1: unknown rank)."""
    return constant_shape(t) if t.shape.rank == 1 else TensorShape(None)


def _static_dim(t):
    v = constant_value(t)
    return None if v is None or v < 0 else int(v)


def _list_spec(inputs, **_):
    return [(dtypes.variant, SCALAR)]


# -- making lists -----------------------------------------------------------------------------
register("EmptyTensorList", "", lambda element_dtype: TensorList(), _list_spec, None, hoist=True)


def _reserve(n, element_dtype):
    if n < 0:
        raise InvalidArgumentError(None, None, "The size of a list must be >= 0, got %d" % n)
    return TensorList((None,) * int(n))


register("TensorListReserve", "num_elements: int32", _reserve, _list_spec, None)
register("TensorListFromTensor", "tensor: T", lambda x: TensorList(x), _list_spec,
         lambda op, dlist: [stack(dlist, op.inputs[0].dtype, shape_of(op.inputs[0])[1:],
                                  shape_of(op.inputs[0])[0])])


def empty(element_dtype, name=None):
    """A list with no items (the start of an accumulator, or a list gradient of zeros)."""
    return execute("EmptyTensorList", [], {"element_dtype": element_dtype},
                   name=name or "EmptyTensorList")


def zeros_list_like(input_handle, element_dtype):
    """A list as long as `input_handle` with no item written: a list gradient of zeros."""
    return reserve(length(input_handle), element_dtype)


def reserve(num_elements, element_dtype, name=None):
    """A list of `num_elements` unwritten items."""
    return execute("TensorListReserve", [num_elements], {"element_dtype": element_dtype},
                   name=name or "TensorListReserve")


def from_tensor(tensor, name=None):
    """A list of the rows of `tensor` (its slices along the first axis)."""
    return execute("TensorListFromTensor", [tensor], name=name or "TensorListFromTensor")


# -- reading ----------------------------------------------------------------------------------
def _stack(lst, element_shape, num_elements, element_dtype):
    items = lst.items
    n = int(num_elements)
    if n >= 0:  # a gradient list may be longer than the list it is the gradient of
        items = (items + (None,) * n)[:n]
    if not items:
        return np.zeros([0] + _dims(element_shape, "stack the no items of"), element_dtype.np)
    if any(x is None for x in items):
        zeros = _zeros(items, element_shape, element_dtype)
        items = [zeros if x is None else x for x in items]
    if len({x.shape for x in items}) > 1:
        raise InvalidArgumentError(None, None, "Tried to stack list items of different shapes: "
                                   "%s" % [list(x.shape) for x in items])
    return np.stack(items).astype(element_dtype.np, copy=False)


register("TensorListStack", "input_handle: any, element_shape: int32, num_elements: int32",
         _stack, lambda inputs, element_dtype: [(element_dtype, TensorShape(
             [_static_dim(inputs[2])]).concatenate(_element_shape(inputs[1])))],
         lambda op, dy: [from_tensor(dy), None, None])


def stack(input_handle, element_dtype, element_shape=-1, num_elements=-1, name=None):
    """The items of a list stacked into one tensor; unwritten items are zeros."""
    return execute("TensorListStack", [input_handle, element_shape, num_elements],
                   {"element_dtype": element_dtype}, name=name or "TensorListStack")


def _get_item(lst, index, element_shape, element_dtype):
    if not 0 <= index < len(lst):
        raise InvalidArgumentError(None, None, "Trying to access element %d in a list with %d "
                                   "elements." % (index, len(lst)))
    x = lst[index]
    return _zeros(lst.items, element_shape, element_dtype) if x is None else x


def _get_item_grad(op, dy):
    lst, index, _ = op.inputs
    return [set_item(zeros_list_like(lst, dy.dtype), index, dy), None, None]


register("TensorListGetItem", "input_handle: any, index: int32, element_shape: int32",
         _get_item, lambda inputs, element_dtype: [(element_dtype, _element_shape(inputs[2]))],
         _get_item_grad)


def get_item(input_handle, index, element_dtype, element_shape=-1, name=None):
    """Item `index` of a list (zeros if it was never written)."""
    return execute("TensorListGetItem", [input_handle, index, element_shape],
                   {"element_dtype": element_dtype}, name=name or "TensorListGetItem")


register("TensorListLength", "input_handle: any",
         lambda lst: np.array(len(lst), np.int32),
         lambda inputs: [(dtypes.int32, SCALAR)], None)


def length(input_handle, name=None):
    return execute("TensorListLength", [input_handle], name=name or "TensorListLength")


# -- changing lists ---------------------------------------------------------------------------
def _set_item(lst, index, item, resize_if_index_out_of_bounds):
    items = lst.items
    if index < 0 or index >= len(items) and not resize_if_index_out_of_bounds:
        raise InvalidArgumentError(None, None, "Trying to modify element %d in a list with %d "
                                   "elements." % (index, len(items)))
    if index >= len(items):
        items = items + (None,) * (index + 1 - len(items))
    return TensorList(items[:index] + (item,) + items[index + 1:])


def _set_item_grad(op, dlist):
    lst, index, item = op.inputs
    return [set_item(dlist, index, zeros_like(item)), None,
            get_item(dlist, index, item.dtype, shape_of(item))]


register("TensorListSetItem", "input_handle: any, index: int32, item: T", _set_item, _list_spec,
         _set_item_grad)


def set_item(input_handle, index, item, resize=False, name=None):
    """The list with item `index` replaced by `item` (grown to fit when `resize`)."""
    return execute("TensorListSetItem", [input_handle, index, item],
                   {"resize_if_index_out_of_bounds": resize}, name=name or "TensorListSetItem")


# The accumulators of a while loop's gradient: pushed by the forward loop, popped by the
# backward one. They carry no gradient themselves.
register("TensorListPushBack", "input_handle: any, tensor: T",
         lambda lst, x: lst.pushed(x), _list_spec, None)


def _pop_back(lst, element_shape, element_dtype):
    if not len(lst):
        raise InvalidArgumentError(None, None, "Trying to pop from an empty list.")
    rest, x = lst.popped()
    return rest, _zeros((), element_shape, element_dtype) if x is None else x


register("TensorListPopBack", "input_handle: any, element_shape: int32", _pop_back,
         lambda inputs, element_dtype: [(dtypes.variant, SCALAR),
                                        (element_dtype, _element_shape(inputs[1]))],
         None, multi=True)


def push_back(input_handle, tensor, name=None):
    return execute("TensorListPushBack", [input_handle, tensor], name=name or "TensorListPushBack")


def pop_back(input_handle, element_dtype, element_shape=-1, name=None):
    """(the list without its last item, that item)."""
    return execute("TensorListPopBack", [input_handle, element_shape],
                   {"element_dtype": element_dtype}, name=name or "TensorListPopBack")

"""`x[key]`: the StridedSlice op, which takes a key of ints, slices (any step), `None` (a new
axis) and `...`, as numpy does, and its gradient StridedSliceGrad; `tf.strided_slice`, the
same key spelled as begin, end, strides and masks; the `assign` of a slice of a variable.

The key is an attr, so its constant parts are checked and give static shapes while building. A
scalar int tensor in the key whose value is not known then (a placeholder, `tf.shape(x)[0] - 1`)
becomes one of the op's `bounds` inputs, and a Bound marks its place in the key; the kernel
puts the values in.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dim_at, dim_list, dims_str
from ..framework.tensor import Tensor, give_assign
from .constant_folding import constant_shape, constant_value
from .indexing_ops import boolean_mask
from .registry import convert_to_tensor, execute, register
from .shape_rules import shape_of


class Bound:
    """The place in a slicing key of the i-th `bounds` input of StridedSlice."""

    __slots__ = ("i",)

    def __init__(self, i):
        self.i = i

    def __repr__(self):
        return "bounds[%d]" % self.i


def slice_shape(shape, key):
    """The static shape of `x[key]`, for a tuple key of ints, slices, None, Ellipsis and _Bounds
    (a dimension sliced by a Bound is unknown)."""
    for n, k in enumerate(key):
        if isinstance(k, slice) and k.step == 0:
            raise ValueError("strides[%d] must be non-zero" % n)
    if shape.rank is None:
        return TensorShape(None)
    dims = shape.as_list()
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    if n_real > len(dims):
        raise ValueError("Index out of range using input dim %d; input has only %d dims"
                         % (len(dims), len(dims)))
    out, i = [], 0
    for k in key:
        if k is None:
            out.append(1)
        elif k is Ellipsis:
            skip = len(dims) - n_real
            out.extend(dims[i:i + skip])
            i += skip
        elif isinstance(k, slice):
            known = dims[i] is not None and not any(
                isinstance(v, Bound) for v in (k.start, k.stop, k.step))
            out.append(len(range(*k.indices(dims[i]))) if known else None)
            i += 1
        else:
            if isinstance(k, int) and dims[i] is not None and not -dims[i] <= k < dims[i]:
                raise ValueError("slice index %d of dimension %d out of bounds." % (k, i))
            i += 1
    out.extend(dims[i:])
    return TensorShape(out)


def _index_key(key):
    """`key` (as written in `x[key]`) as a tuple of ints, slices, None, Ellipsis and _Bounds, and
    the tensors the _Bounds stand for. A list key is read as a tuple, as TensorFlow does."""
    key = tuple(key) if isinstance(key, (tuple, list)) else (key,)
    bounds = []

    def index(v):
        i = _int_index(v)
        if isinstance(i, Tensor):
            bounds.append(i)
            return Bound(len(bounds) - 1)
        return i

    norm = []
    for k in key:
        if isinstance(k, slice):
            norm.append(slice(*(None if v is None else index(v)
                                for v in (k.start, k.stop, k.step))))
        elif k is None or k is Ellipsis:
            norm.append(k)
        else:
            norm.append(index(k))
    if sum(k is Ellipsis for k in norm) > 1:
        raise ValueError("Multiple ellipses in slice spec not allowed")
    return tuple(norm), bounds


def _int_index(v):
    """An index as an int, or as a scalar int tensor when its value is not known yet."""
    if isinstance(v, (bool, np.bool_)):
        raise TypeError(_INDEX_ERROR % (v,))
    if isinstance(v, Tensor) or hasattr(v, "_to_tensor"):
        t = convert_to_tensor(v)
        if t.dtype not in (dtypes.int32, dtypes.int64) or t.shape.rank not in (None, 0):
            raise TypeError(_INDEX_ERROR % (v,))
        value = constant_value(t)
        return t if value is None else int(value)
    try:
        return int(v.__index__())
    except (AttributeError, TypeError):
        raise TypeError(_INDEX_ERROR % (v,)) from None


_INDEX_ERROR = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                "tf.int32/tf.int64 tensors are valid indices, got %r")


def concrete_key(key, bounds):
    """The key with the values of `bounds` in the places of its _Bounds."""
    def fill(k):
        if isinstance(k, Bound):
            b = bounds[k.i]
            if b.ndim:
                raise ValueError("Expected a scalar index, got shape %s"
                                 % dims_str(TensorShape(b.shape)))
            return int(b)
        if isinstance(k, slice):
            return slice(fill(k.start), fill(k.stop), fill(k.step))
        return k
    return tuple(fill(k) for k in key) if bounds else key


def _strided_slice_kernel(x, *bounds, key):
    key = concrete_key(key, bounds)
    if bounds:  # the static shape rule could not check these
        slice_shape(TensorShape(x.shape), key)
    return np.asarray(x[key], x.dtype)  # an element of a string array is bytes, not an array


def _strided_slice_grad(op, dy):
    x, *bounds = op.inputs
    dx = execute("StridedSliceGrad", [shape_of(x), dy, bounds], {"key": op.get_attr("key")})
    return [dx] + [None] * len(bounds)


register("StridedSlice", "input: T, bounds: N*index", _strided_slice_kernel,
         lambda inputs, key: [(inputs[0].dtype, slice_shape(inputs[0].shape, key))],
         _strided_slice_grad)


def _slice_grad_kernel(shape, dy, *bounds, key):
    out = np.zeros(tuple(shape), dy.dtype)
    out[concrete_key(key, bounds)] = dy
    return out


def _slice_grad_grad(op, ddx):
    _, _, *bounds = op.inputs
    ddy = execute("StridedSlice", [ddx, bounds], {"key": op.get_attr("key")})
    return [None, ddy] + [None] * len(bounds)


register("StridedSliceGrad", "shape: index, dy: T, bounds: N*index", _slice_grad_kernel,
         lambda inputs, key: [(inputs[1].dtype, constant_shape(inputs[0]))], _slice_grad_grad)


def strided_slice(input, key, name="strided_slice", var=None, assign_name=None):
    """`input[key]` for a key of ints, slices (any step), `None` (new axis) and `...`; the ints
    and slice bounds may be scalar int tensors. A bool tensor or array key is a mask, as in
    `boolean_mask`. With `var`, the variable `input` was read from, the result has an
    `assign(value, name=None)` that writes `value` to that part of `var` (see
    `Variable.__getitem__`), by an op named `assign_name` (default `<this op's name>/_assign`).

    >>> minitf.constant([1, 2, 3, 4])[minitf.constant(1):]
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([2, 3, 4], dtype=int32)>
    """
    if isinstance(key, (bool, np.bool_)) or getattr(key, "dtype", None) in (dtypes.bool, np.bool_):
        return boolean_mask(input, key)
    key, bounds = _index_key(key)
    out = execute("StridedSlice", [input, bounds], {"key": key}, name=name)
    if var is not None:
        if assign_name is None:
            assign_name = "strided_slice/_assign" if executing_eagerly() else \
                out.op.name + "/_assign"
        give_assign(out, _assigner(var, key, bounds, assign_name))
    return out


def _assigner(var, key, bounds, default_name):
    def assign(val, name=None):
        return var._strided_slice_assign(key, bounds, val, name or default_name)
    return assign


def strided_slice_masked(input_, begin, end, strides=None, begin_mask=0, end_mask=0,
                         ellipsis_mask=0, new_axis_mask=0, shrink_axis_mask=0, var=None,
                         name=None):
    """TensorFlow's `tf.strided_slice`: `input_[key]` for the key that `begin`, `end` and
    `strides` (1-D, of one length: one entry per item of the key) spell with the masks. Bit i
    of `begin_mask` / `end_mask` leaves out item i's start / stop (`:`); of `ellipsis_mask` makes
    it `...`; of `new_axis_mask`, a new axis; of `shrink_axis_mask`, the single index
    `begin[i]`. `strides` defaults to ones.

    Args:
      input_: the tensor to slice.
      begin, end, strides: lists or 1-D int tensors of one length known while building.
      var: the variable `input_` was read from: the result then has `assign` (see
        `Variable.__getitem__`).

    Raises:
      ValueError: if the lengths of `begin`, `end` and `strides` differ or are unknown, or the
        key does not fit `input_` (InvalidArgumentError when executing eagerly).

    >>> minitf.strided_slice([[1, 2, 3], [4, 5, 6]], [0, 1], [2, 3], [1, 2])
    <tf.Tensor: shape=(2, 1), dtype=int32, numpy=
    array([[2],
           [5]], dtype=int32)>
    """
    if strides is None:
        strides = np.ones(_known_dims(begin), np.int32)
    shapes = [_known_dims(v) for v in (begin, end, strides)]
    if any(len(s) != 1 for s in shapes) or len(set(map(tuple, shapes))) != 1:
        message = ("Expected begin, end, and strides to be 1D equal size tensors, but got shapes "
                   "%s, %s, and %s instead." % tuple(dims_str(TensorShape(s)) for s in shapes))
        if executing_eagerly():
            raise InvalidArgumentError(None, None, message + " [Op:StridedSlice]")
        raise ValueError(message)
    entries = [_entries(v) for v in (begin, end, strides)]
    key = []
    for i, (b, e, s) in enumerate(zip(*entries)):
        bit = 1 << i
        if ellipsis_mask & bit:
            key.append(Ellipsis)
        elif new_axis_mask & bit:
            key.append(None)
        elif shrink_axis_mask & bit:
            key.append(b)
        else:
            key.append(slice(None if begin_mask & bit else b, None if end_mask & bit else e, s))
    return strided_slice(input_, tuple(key), name or "StridedSlice", var,
                         None if name is None else name + "_assign")


def _known_dims(v):
    """The dims of a begin, end or strides, which must be known while building."""
    if isinstance(v, Tensor) or hasattr(v, "_to_tensor"):
        dims = dim_list(convert_to_tensor(v).shape)
        if dims is None or None in dims:
            raise ValueError("tf.strided_slice needs begin, end and strides of a length known "
                             "while building; %s has shape %s" % (v, TensorShape(dims)))
        return dims
    if isinstance(v, (list, tuple)) and not any(isinstance(e, (list, tuple)) for e in v):
        return [len(v)]  # ints or scalar tensors
    return list(np.shape(v))


def _entries(v):
    """The items of a 1-D begin, end or strides: ints, or scalar tensors where not known."""
    if not isinstance(v, Tensor) and not hasattr(v, "_to_tensor"):
        return list(v)
    t = convert_to_tensor(v)
    known = constant_value(t)
    if known is not None:
        return [int(k) for k in known]
    return [strided_slice(t, i) for i in range(dim_at(t.shape, 0))]

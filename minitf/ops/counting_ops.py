"""Distinct values and counts: Unique and UniqueWithCounts (the distinct entries of a vector in
the order they first appear, where each entry went, and how often each appears) and
DenseBincount with `bincount` (how often each int appears, or the sum of its weights).

None of them is differentiable (TensorFlow registers no gradient for them either).
"""
import collections

import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape
from .arithmetic_ops import cast, maximum, minimum
from .array_ops import reshape, size
from .comparison_ops import greater
from .constant_folding import constant_value
from .reduction_ops import reduce_max
from .registry import convert_to_tensor, execute, register, scope

Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


# -- unique -----------------------------------------------------------------------------------
def _distinct(x, out_idx):
    """The distinct entries of vector x in order of first appearance (each NaN distinct), the
    position in them of each entry, and their counts."""
    if x.ndim != 1:
        raise InvalidArgumentError(None, None, "unique expects a 1D vector.")
    if x.dtype.kind == "f":  # NaN equals nothing, so each NaN is an entry of its own
        keys = np.where(np.isnan(x), -np.arange(1, len(x) + 1), 0)
        _, first, where = np.unique(np.stack([np.nan_to_num(x), keys], 1), axis=0,
                                    return_index=True, return_inverse=True)
    else:
        _, first, where = np.unique(x, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    idx = rank[where.reshape(-1)].astype(out_idx.np)
    return x[first[order]], idx, np.bincount(idx, minlength=len(order)).astype(out_idx.np)


def _unique_infer(inputs, out_idx, counts):
    x = inputs[0]
    if x.shape.rank not in (None, 1):
        raise ValueError("Shape must be rank 1 but is rank %d" % x.shape.rank)
    distinct = (x.dtype, TensorShape([None]))
    out = [distinct, (out_idx, x.shape)]
    return out + [(out_idx, TensorShape([None]))] if counts else out


register("Unique", "x: T", lambda x, out_idx: _distinct(x, out_idx)[:2],
         lambda inputs, out_idx: _unique_infer(inputs, out_idx, False), None, multi=True)
register("UniqueWithCounts", "x: T", _distinct,
         lambda inputs, out_idx: _unique_infer(inputs, out_idx, True), None, multi=True)


def _index_dtype(out_idx):
    out_idx = dtypes.as_dtype(out_idx)
    if out_idx not in (dtypes.int32, dtypes.int64):
        message = ("Value for attr 'out_idx' of %s is not in the list of allowed values: int32, "
                   "int64" % out_idx.name)
        if executing_eagerly():
            raise InvalidArgumentError(None, None, message)
        raise TypeError(message)
    return out_idx


def unique(x, out_idx=dtypes.int32, name=None):
    """The distinct entries of the 1-D `x`, in the order they first appear (`y`), and for each
    entry of x its index in y (`idx`, of dtype `out_idx`): `x == gather(y, idx)`.

    Raises:
      InvalidArgumentError: if `x` is not 1-D, or `out_idx` not int32 or int64 (ValueError and
        TypeError while building a graph).

    >>> minitf.unique([3, 1, 3]).y
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 1], dtype=int32)>
    """
    return Unique(*execute("Unique", [x], {"out_idx": _index_dtype(out_idx)},
                           name=name or "Unique"))


def unique_with_counts(x, out_idx=dtypes.int32, name=None):
    """`unique`, and how often each distinct entry appears (`count`).

    >>> minitf.unique_with_counts([3, 1, 3]).count
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 1], dtype=int32)>
    """
    return UniqueWithCounts(*execute("UniqueWithCounts", [x],
                                     {"out_idx": _index_dtype(out_idx)},
                                     name=name or "UniqueWithCounts"))


# -- bincount ---------------------------------------------------------------------------------
def _bincount_kernel(arr, size, weights, binary_output):
    if np.any(arr < 0):
        raise InvalidArgumentError(None, None, "Input arr must be non-negative!")
    if size.ndim or size < 0:
        raise InvalidArgumentError(None, None, "size (%s) must be a non-negative scalar"
                                   % (size,))
    if weights.size and weights.shape != arr.shape:
        raise InvalidArgumentError(None, None, "`weights` must be the same shape as `arr` or a "
                                   "length-0 `Tensor`, in which case it acts as all weights "
                                   "equal to 1. Received [%s]"
                                   % ",".join(map(str, weights.shape)))
    n = int(size)
    rows = arr if arr.ndim == 2 else arr.reshape(1, -1)
    w = np.ones(rows.shape, weights.dtype) if binary_output or not weights.size else \
        weights.reshape(rows.shape)
    out = np.zeros((len(rows), n), weights.dtype)
    kept = rows < n
    np.add.at(out, (np.nonzero(kept)[0], rows[kept]), w[kept])
    if binary_output:
        out = (out > 0).astype(weights.dtype)
    return out if arr.ndim == 2 else out[0]


def _bincount_infer(inputs, binary_output):
    arr, size, weights = inputs
    if arr.shape.rank is not None and arr.shape.rank > 2:
        raise ValueError("Shape must be at most rank 2 but is rank %d" % arr.shape.rank)
    n = constant_value(size)
    n = None if n is None else int(n)
    if arr.shape.rank is None:
        return [(weights.dtype, TensorShape(None))]
    return [(weights.dtype, TensorShape(arr.shape.as_list()[:-1] + [n]))]


register("DenseBincount", "input: index, size: index, weights: T", _bincount_kernel,
         _bincount_infer, None,
         types={"T": frozenset((dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64))})


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=dtypes.int32, name=None,
             axis=None, binary_output=False):
    """How often each value 0, 1, ... appears in the non-negative ints `arr` (other dtypes are
    cast to int32), or the sum of the `weights` at its places (then of their dtype).

    Args:
      arr: ints of any shape (with `axis=-1`, 2-D: one count per row).
      weights: a tensor of arr's shape, or None for ones of `dtype`.
      minlength, maxlength: bounds on the number of bins (default max(arr) + 1); values at
        or past `maxlength` are left out.
      axis: None or 0 (count over all of arr) or -1 (per row of a 2-D arr).
      binary_output: 1 for each value present instead of its count.

    Raises:
      ValueError: for another axis, or both weights and binary_output.
      InvalidArgumentError: for a negative value of arr.

    >>> minitf.math.bincount([1, 1, 3])
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([0, 2, 0, 1], dtype=int32)>
    """
    with scope(name or "bincount"):
        arr = convert_to_tensor(arr, name="arr")
        if weights is not None:
            weights = convert_to_tensor(weights, name="weights")
            if binary_output:
                raise ValueError("Arguments `binary_output` and `weights` are mutually "
                                 "exclusive. Please specify only one.")
        if not arr.dtype.is_integer:
            arr = cast(arr, dtypes.int32)
        axis = 0 if axis is None else axis
        if axis not in (0, -1):
            raise ValueError("Unsupported value for argument axis=%s. Only 0 and -1 are "
                             "currently supported." % (axis,))
        length = cast(greater(size(arr), 0), arr.dtype) * (reduce_max(arr) + 1)
        if minlength is not None:
            length = maximum(convert_to_tensor(minlength, arr.dtype, name="minlength"), length)
        if maxlength is not None:
            length = minimum(convert_to_tensor(maxlength, arr.dtype, name="maxlength"), length)
        if axis == 0:
            arr = reshape(arr, [-1])
            weights = None if weights is None else reshape(weights, [-1])
        if weights is None:
            weights = convert_to_tensor(np.zeros([0], dtypes.as_dtype(dtype).np))
        return execute("DenseBincount", [arr, length, weights],
                       {"binary_output": bool(binary_output)}, name="DenseBincount")


def bincount_v1(arr, weights=None, minlength=None, maxlength=None, dtype=dtypes.int32):
    """TensorFlow 1.x's `bincount`: `bincount` without `name`, `axis` and `binary_output`."""
    return bincount(arr, weights, minlength, maxlength, dtype)

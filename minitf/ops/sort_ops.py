"""Ordering: TopKV2 (the k largest entries along the last dimension, with their indices) and
`top_k`; `sort` and `argsort`, which TensorFlow builds from TopKV2 (ascending as the top of the
negated values; another axis by a transposition), and so does minitf, with the same ops.

Equal entries keep their order (the lower index first), so every sort is stable; NaNs come
last. The gradient of TopKV2 scatters the gradient of the values back to the positions they
came from.
"""
import collections

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dim_at, dims_str
from .arithmetic_ops import cast
from .array_ops import expand_dims, rank, reshape, shape
from .constant_folding import constant_value
from .indexing_ops import scatter_nd
from .manip_ops import transpose
from .registry import convert_to_tensor, execute, register, scope
from .scatter_ops import tensor_scatter_nd_update
from .sequence_ops import range as range_
from .shape_rules import shape_of

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])

_INDEX_TYPES = (dtypes.int16, dtypes.int32, dtypes.int64)


def _descending_order(x):
    """Per row of the last dimension, the indices that sort it in decreasing order, equal
    entries by increasing index, NaNs last."""
    if x.dtype.kind == "f":
        return np.argsort(-x, axis=-1, kind="stable")
    # Integers: a stable ascending sort of the reversed row, read backwards.
    n = x.shape[-1]
    return n - 1 - np.argsort(x[..., ::-1], axis=-1, kind="stable")[..., ::-1]


def _top_k_kernel(x, k, sorted, index_type):
    if k.ndim:
        raise InvalidArgumentError(None, None, "k must be scalar, got shape %s"
                                   % dims_str(TensorShape(list(k.shape))))
    k = int(k)
    if k < 0:
        raise InvalidArgumentError(None, None, "Need k >= 0, got %d" % k)
    if x.ndim < 1:
        raise InvalidArgumentError(None, None, "input must be >= 1-D, got shape %s"
                                   % dims_str(TensorShape(list(x.shape))))
    if x.shape[-1] < k:
        raise InvalidArgumentError(None, None, "input must have at least k columns. Had %d, "
                                   "needed %d" % (x.shape[-1], k))
    order = _descending_order(x)[..., :k]
    if not sorted:
        order = np.sort(order, axis=-1)
    return np.take_along_axis(x, order, -1), order.astype(index_type.np)


def _top_k_infer(inputs, sorted, index_type):
    x, k = inputs
    if x.shape.rank == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    if k.shape.rank not in (None, 0):
        raise ValueError("Input must be scalar but has rank %d" % k.shape.rank)
    known = constant_value(k)
    if known is not None and known < 0:
        raise ValueError("Dimension size, given by scalar input 1, must be non-negative but is "
                         "%d" % known)
    if x.shape.rank is None:
        out = TensorShape(None)
    else:
        last = dim_at(x.shape, -1)
        if known is not None and last is not None and last < known:
            raise ValueError("input must have last dimension >= k = %d but is %d"
                             % (known, last))
        out = TensorShape(x.shape.as_list()[:-1] + [None if known is None else int(known)])
    return [(x.dtype, out), (index_type, out)]


def _top_k_grad(op, dvalues, _):
    """dvalues scattered into zeros of the input's shape, at the positions of the indices (as
    TensorFlow's: rows flattened, each index offset by its row's start)."""
    x, indices = op.inputs[0], op.outputs[1]
    rows = reshape(indices, [-1, shape_of(indices)[-1]])
    width = shape_of(x)[-1]
    starts = cast(range_(0, shape_of(rows)[0] * width, width), indices.dtype)
    flat = reshape(rows + expand_dims(starts, -1), [-1, 1])
    dx = scatter_nd(flat, reshape(dvalues, [-1]), [shape_of(rows)[0] * width])
    return [reshape(dx, shape_of(x)), None]


register("TopKV2", "input: T, k: index", _top_k_kernel, _top_k_infer, _top_k_grad,
         types={"T": dtypes.NUMBERS}, multi=True, grad_uses="none", none_for_unused=True)


def top_k(input, k=1, sorted=True, index_type=dtypes.int32, name=None):
    """The `k` largest entries along the last dimension of `input`, and their indices.

    Args:
      input: a real tensor of rank >= 1, whose last dimension is at least `k`.
      k: a scalar int.
      sorted: whether the entries come in decreasing order (equal ones by index). TensorFlow
        leaves the order of unsorted ones open; minitf keeps them in the order of their indices.
      index_type: the dtype of the indices: int16, int32 or int64.

    Returns:
      TopKV2(values, indices), each of shape input.shape[:-1] + [k].

    Raises:
      InvalidArgumentError: for a negative `k` or one larger than the last dimension (a
        ValueError while building a graph, where it can tell).

    >>> minitf.math.top_k([1, 3, 2], 2).indices
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    """
    index_type = dtypes.as_dtype(index_type)
    if index_type not in _INDEX_TYPES:
        raise TypeError("index_type must be one of int16, int32, int64, got %s"
                        % index_type.name)
    return TopKV2(*execute("TopKV2", [input, k], {"sorted": bool(sorted),
                                                  "index_type": index_type},
                           name=name or "TopKV2"))


# -- sort and argsort -------------------------------------------------------------------------
def _sorted(values, axis, direction, indices, name):
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError("Argument `direction` should be one of ASCENDING, DESCENDING. "
                         "Received: direction=%s" % (direction,))
    with scope(name):
        axis = convert_to_tensor(axis, name="axis")
        known = constant_value(axis)
        if axis.shape.rank not in (None, 0) or known is None:
            raise ValueError("Argument `axis` must be a constant scalar. Received: axis=%s."
                             % (axis,))
        values = convert_to_tensor(values, name="values")
        if direction == "DESCENDING":
            return _descending(values, int(known), indices)
        dtype = values.dtype
        if dtype.is_unsigned:  # flipped within the dtype's range, with no overflow
            top = np.array(np.iinfo(dtype.np).max, dtype.np)
            out = _descending(top - values, int(known), indices)
            return out if indices else top - out
        if dtype.is_integer:  # -x - 1 is x with its bits inverted: no overflow either
            out = _descending(-values - 1, int(known), indices)
            return out if indices else -out - 1
        out = _descending(-values, int(known), indices)
        return out if indices else -out


def _descending(values, axis, indices):
    r = values.shape.rank
    # A static k gives static shapes; an axis out of range fails in the slice of the shape.
    k = dim_at(values.shape, axis) if r is not None and -r <= axis < r else None
    if k is None:
        k = shape(values)[axis]
    if axis == -1 or axis + 1 == r:
        chosen = top_k(values, k)
        return chosen.indices if indices else chosen.values
    if r is not None:
        axis %= r
        perm = convert_to_tensor(np.r_[np.arange(axis), [r - 1], np.arange(axis + 1, r - 1),
                                       [axis]].astype(np.int32), name="transposition")
    else:
        n = rank(values)
        axis = axis + n if axis < 0 else axis
        perm = tensor_scatter_nd_update(range_(n), [[axis], [n - 1]], [n - 1, axis])
    chosen = top_k(transpose(values, perm), k)
    return transpose(chosen.indices if indices else chosen.values, perm)


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """`values` sorted along `axis` (a constant), "ASCENDING" or "DESCENDING"; stable.

    Raises:
      ValueError: for another direction, or an axis that is not a constant scalar.

    >>> minitf.sort([3, 1, 2])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>
    """
    return _sorted(values, axis, direction, False, name or "sort")


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """The int32 indices that sort `values` along `axis` (see `sort`); minitf's sort is always
    stable, so `stable` changes nothing.

    >>> minitf.argsort([3, 1, 2], direction="DESCENDING")
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([0, 2, 1], dtype=int32)>
    """
    return _sorted(values, axis, direction, True, name or "argsort")

"""Reductions over segments of the first dimensions: output row i reduces the rows of `data`
whose segment id is i. The sorted ops (SegmentSum/Mean/Max/Min) take one id per row, in
increasing order, and give `last id + 1` rows, an empty segment giving 0. The unsorted ones
(UnsortedSegmentSum/Max/Min) take ids of any order and shape (a prefix of data's shape) and
`num_segments` rows; a negative id drops its row, and an empty segment gives 0 for a sum and
the dtype's lowest (highest) value for a max (min). `unsorted_segment_mean` is composed of
them, as TensorFlow composes it.

The gradients are TensorFlow's: a sum's gathers the output gradient back to the rows (zeros
for dropped ones), a mean's also divides by the segment sizes, and a max's or min's goes to the
rows equal to their segment's result, shared equally among ties.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dims_str
from .arithmetic_ops import cast, maximum, truediv
from .array_ops import rank, reshape, shape
from .comparison_ops import equal, greater_equal, where
from .constant_folding import constant_value
from .fill_ops import fill, ones, zeros_like
from .indexing_ops import gather
from .join_ops import concat
from .logical_ops import logical_and
from .registry import convert_to_tensor, execute, register, scope

_SUMMABLE = dtypes.NUMBERS | dtypes.COMPLEX


def _extreme(dtype, lowest):
    info = np.finfo(dtype) if dtype.kind == "f" else np.iinfo(dtype)
    return info.min if lowest else info.max


def _invalid(message):
    """The error of a kernel, whose message differs from the static rule's for the same input."""
    return InvalidArgumentError(None, None, message)


def _reduce(how, data, ids, n, empty):
    """Rows of `data` reduced into `n` rows by their `ids` (all in [0, n)); `empty` is the value
    of a segment with no rows, or None for the dtype's extreme value."""
    out_shape = (n,) + data.shape[1:]
    counts = np.bincount(ids, minlength=n).reshape((n,) + (1,) * (data.ndim - 1))
    if how in ("sum", "mean"):
        out = np.zeros(out_shape, data.dtype)
        np.add.at(out, ids, data)
        if how == "mean":
            if data.dtype.kind in "iu":  # an integer mean truncates, as C++ division does
                out = (np.sign(out) * (np.abs(out) // np.maximum(counts, 1))).astype(data.dtype)
            else:
                out = out / np.maximum(counts, 1).astype(data.dtype)
        return out
    start = _extreme(data.dtype, how == "max")
    out = np.full(out_shape, start, data.dtype)
    (np.maximum if how == "max" else np.minimum).at(out, ids, data)
    if empty is not None:
        out = np.where(counts > 0, out, np.array(empty, data.dtype))
    return out


# -- sorted segments --------------------------------------------------------------------------
def _segment_kernel(how):
    def kernel(data, segment_ids):
        if data.ndim < 1:
            raise _invalid("input must be at least rank 1")
        if segment_ids.ndim != 1:
            raise _invalid("segment_ids should be a vector.")
        if len(segment_ids) != len(data):
            raise _invalid("segment_ids should be the same size as dimension 0 of input.")
        n = int(segment_ids[-1]) + 1 if len(segment_ids) else 0
        if len(segment_ids) and segment_ids[0] < 0:
            raise _invalid("Segment id %d out of range [0, %d), possibly because "
                             "'segment_ids' input is not sorted." % (segment_ids[0], max(n, 0)))
        if np.any(np.diff(segment_ids) < 0):
            raise _invalid("segment ids are not increasing")
        return _reduce(how, data, segment_ids, n, 0)
    return kernel


def _segment_infer(inputs):
    data, ids = inputs
    if data.shape.rank == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    if ids.shape.rank not in (None, 1):
        raise ValueError("Shape must be rank 1 but is rank %d" % ids.shape.rank)
    if data.shape.rank is None:
        return [(data.dtype, TensorShape(None))]
    return [(data.dtype, TensorShape([None] + data.shape.as_list()[1:]))]


def _segment_mean_grad(op, dy):
    ids = op.inputs[1]
    ones_ = ones(concat([shape(ids), fill([rank(dy) - 1], 1)], 0), dy.dtype)
    return [gather(dy / segment_sum(ones_, ids), ids), None]


def _segment_extreme_grad(op, dy):
    data, ids = op.inputs
    chosen = equal(data, gather(op.outputs[0], ids))
    share = dy / segment_sum(cast(chosen, dy.dtype), ids)
    return [where(chosen, gather(share, ids), zeros_like(data)), None]


_SEGMENT = "data: T, segment_ids: index"
register("SegmentSum", _SEGMENT, _segment_kernel("sum"), _segment_infer,
         lambda op, dy: [gather(dy, op.inputs[1]), None], types={"T": _SUMMABLE},
         grad_uses="none")
register("SegmentMean", _SEGMENT, _segment_kernel("mean"), _segment_infer, _segment_mean_grad,
         types={"T": _SUMMABLE}, grad_uses="none")
register("SegmentMax", _SEGMENT, _segment_kernel("max"), _segment_infer, _segment_extreme_grad,
         types={"T": dtypes.NUMBERS})
register("SegmentMin", _SEGMENT, _segment_kernel("min"), _segment_infer, _segment_extreme_grad,
         types={"T": dtypes.NUMBERS})


def segment_sum(data, segment_ids, name=None):
    """Sums of the rows of `data` by segment: row i of the result sums the rows whose id in
    `segment_ids` (one per row, increasing) is i; there are `segment_ids[-1] + 1` of them.

    Raises:
      InvalidArgumentError: if the ids are not increasing, negative, or not one per row (a
        ValueError for wrong ranks while building a graph).

    >>> minitf.math.segment_sum([1, 2, 3, 4], [0, 0, 2, 2])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([3, 0, 7], dtype=int32)>
    """
    return execute("SegmentSum", [data, segment_ids], name=name or "SegmentSum")


def segment_mean(data, segment_ids, name=None):
    """Means of the rows of `data` by segment (an empty segment gives 0; integers truncate);
    see `segment_sum`.

    >>> minitf.math.segment_mean([1.0, 2.0, 4.0], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.5, 4. ], dtype=float32)>
    """
    return execute("SegmentMean", [data, segment_ids], name=name or "SegmentMean")


def segment_max(data, segment_ids, name=None):
    """Maxima of the rows of `data` by segment (an empty segment gives 0); see `segment_sum`.

    >>> minitf.math.segment_max([1, 5, 4], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([5, 4], dtype=int32)>
    """
    return execute("SegmentMax", [data, segment_ids], name=name or "SegmentMax")


def segment_min(data, segment_ids, name=None):
    """Minima of the rows of `data` by segment (an empty segment gives 0); see `segment_sum`.

    >>> minitf.math.segment_min([1, 5, 4], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 4], dtype=int32)>
    """
    return execute("SegmentMin", [data, segment_ids], name=name or "SegmentMin")


# -- unsorted segments ------------------------------------------------------------------------
def _unsorted_kernel(how):
    def kernel(data, segment_ids, num_segments):
        if num_segments.ndim:
            raise _invalid("num_segments should be a scalar, not shape %s"
                             % dims_str(TensorShape(list(num_segments.shape))))
        n = int(num_segments)
        if n < 0:
            raise _invalid("Input num_segments == %d must not be negative." % n)
        if data.shape[:segment_ids.ndim] != segment_ids.shape:
            raise _invalid("data.shape = %s does not start with segment_ids.shape = %s"
                             % (dims_str(TensorShape(list(data.shape))),
                                dims_str(TensorShape(list(segment_ids.shape)))))
        ids = segment_ids.reshape(-1)
        bad = np.flatnonzero(ids >= n)
        if bad.size:
            raise _invalid("segment_ids[%d] = %d is out of range [0, %d)"
                             % (bad[0], ids[bad[0]], n))
        rows = data.reshape((len(ids),) + data.shape[segment_ids.ndim:])
        kept = ids >= 0
        return _reduce(how, rows[kept], ids[kept], n, 0 if how == "sum" else None)
    return kernel


def _unsorted_infer(inputs):
    data, ids, num = inputs
    if num.shape.rank not in (None, 0):
        raise ValueError("Shape must be rank 0 but is rank %d" % num.shape.rank)
    if data.shape.rank is None or ids.shape.rank is None:
        return [(data.dtype, TensorShape(None))]
    d, i = data.shape.as_list(), ids.shape.as_list()
    if len(i) > len(d):
        raise ValueError("Shape must be at least rank %d but is rank %d" % (len(i), len(d)))
    for a, b in zip(d, i):
        if None not in (a, b) and a != b:
            raise ValueError("Dimensions must be equal, but are %d and %d" % (a, b))
    n = constant_value(num)
    return [(data.dtype, TensorShape([None if n is None else int(n)] + d[len(i):]))]


def _kept_rows(params, ids):
    """gather(params, ids) with zeros where an id is negative (a dropped row), and the mask of
    the kept ones, shaped to broadcast against the result."""
    kept = greater_equal(ids, 0)
    rows = gather(params, maximum(ids, 0))
    kept = reshape(kept, concat([shape(kept), fill([rank(rows) - rank(kept)], 1)], 0))
    return where(kept, rows, zeros_like(rows)), kept


def _unsorted_extreme_grad(op, dy):
    data, ids, num = op.inputs
    outputs, kept = _kept_rows(op.outputs[0], ids)
    chosen = logical_and(equal(data, outputs), kept)
    share = dy / unsorted_segment_sum(cast(chosen, dy.dtype), ids, num)
    return [where(chosen, _kept_rows(share, ids)[0], zeros_like(data)), None, None]


_UNSORTED = "data: T, segment_ids: index, num_segments: index"
register("UnsortedSegmentSum", _UNSORTED, _unsorted_kernel("sum"), _unsorted_infer,
         lambda op, dy: [_kept_rows(dy, op.inputs[1])[0], None, None], types={"T": _SUMMABLE},
         grad_uses="none")
register("UnsortedSegmentMax", _UNSORTED, _unsorted_kernel("max"), _unsorted_infer,
         _unsorted_extreme_grad, types={"T": dtypes.NUMBERS})
register("UnsortedSegmentMin", _UNSORTED, _unsorted_kernel("min"), _unsorted_infer,
         _unsorted_extreme_grad, types={"T": dtypes.NUMBERS})


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """Sums by segment: row i of the result (of `num_segments` rows) sums the slices of `data`
    whose id in `segment_ids` (ids of any order; their shape a prefix of data's) is i. A
    negative id drops its slice; an empty segment gives 0.

    Raises:
      InvalidArgumentError: for an id >= num_segments, a negative num_segments, or ids whose
        shape does not start data's (a ValueError while building a graph, where it can tell).

    >>> minitf.math.unsorted_segment_sum([1, 2, 3, 4], [1, 0, 1, -1], 3)
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([2, 4, 0], dtype=int32)>
    """
    return execute("UnsortedSegmentSum", [data, segment_ids, num_segments],
                   name=name or "UnsortedSegmentSum")


def unsorted_segment_max(data, segment_ids, num_segments, name=None):
    """Maxima by segment (an empty segment gives the dtype's lowest value); see
    `unsorted_segment_sum`.

    >>> minitf.math.unsorted_segment_max([1, 2, 3], [1, 1, 0], 2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 2], dtype=int32)>
    """
    return execute("UnsortedSegmentMax", [data, segment_ids, num_segments],
                   name=name or "UnsortedSegmentMax")


def unsorted_segment_min(data, segment_ids, num_segments, name=None):
    """Minima by segment (an empty segment gives the dtype's highest value); see
    `unsorted_segment_sum`.

    >>> minitf.math.unsorted_segment_min([1, 2, 3], [1, 1, 0], 2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 1], dtype=int32)>
    """
    return execute("UnsortedSegmentMin", [data, segment_ids, num_segments],
                   name=name or "UnsortedSegmentMin")


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """Means by segment (an empty segment gives 0): the sums of `unsorted_segment_sum` divided
    by the segment sizes, as `/` divides (integer data gives float64).

    >>> minitf.math.unsorted_segment_mean([1.0, 2.0, 4.0], [0, 0, 1], 3)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1.5, 4. , 0. ], dtype=float32)>
    """
    with scope(name or "UnsortedSegmentMean"):
        data, segment_ids = convert_to_tensor(data), convert_to_tensor(segment_ids)
        num_segments = convert_to_tensor(num_segments)
        sizes = unsorted_segment_sum(ones(shape(segment_ids), data.dtype), segment_ids,
                                     num_segments)
        if None in (data.shape.rank, segment_ids.shape.rank):
            ones_ = ones([rank(data) - rank(segment_ids)], num_segments.dtype)
            sizes = reshape(sizes, concat([num_segments[None], ones_], 0))
        else:  # a static shape, so that the mean's is known too
            sizes = reshape(sizes, [num_segments] + [1] * (data.shape.rank -
                                                           segment_ids.shape.rank))
        return truediv(unsorted_segment_sum(data, segment_ids, num_segments),
                       maximum(sizes, 1))

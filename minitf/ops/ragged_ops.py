"""The ops under ragged tensors: RaggedTensorToTensor (pad the rows into a dense tensor) and
Bincount (row lengths from row ids), with the functions that build row splits.

They work on a ragged tensor's parts (flat values and the row splits of each ragged
dimension); the RaggedTensor class itself is in minitf/ragged/. Neither op is differentiable.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import TensorShape, dim_at
from .arithmetic_ops import cast
from .constant_folding import constant_value
from .join_ops import concat
from .reduction_ops import reduce_max
from .registry import convert_to_tensor, execute, register
from .scan_ops import cumsum


# -- padding into a dense tensor --------------------------------------------------------------
def _positions(nested_splits, n):
    """For each of `n` flat values: its row in the outermost dimension, and its position in each
    ragged dimension below."""
    rows, positions = np.arange(n), []
    for splits in reversed(nested_splits):
        outer = np.searchsorted(splits, rows, side="right") - 1
        positions.insert(0, rows - splits[outer])
        rows = outer
    return [rows] + positions


def _to_tensor_kernel(shape, values, default, *nested_splits):
    dims = [len(nested_splits[0]) - 1]
    dims += [int(np.max(np.diff(s), initial=0)) for s in nested_splits]
    dims += list(values.shape[1:])
    dims = [d if want < 0 else int(want) for d, want in zip(dims, shape)]
    out = np.full(dims, default, dtype=values.dtype)
    index = _positions(nested_splits, len(values))
    inside = np.all([i < d for i, d in zip(index, dims)], axis=0) if index[0].size else []
    inner = tuple(slice(0, d) for d in dims[len(index):])
    out[tuple(i[inside] for i in index)] = values[inside][(slice(None),) + inner]
    return out


def _to_tensor_infer(inputs):
    shape, values, _, *nested_splits = inputs
    n = dim_at(nested_splits[0].shape, 0) if nested_splits[0].shape.rank else None
    dims = [None if n is None else n - 1] + [None] * len(nested_splits)
    dims = TensorShape(dims).concatenate(values.shape[1:])
    want = constant_value(shape)
    if want is None or dims.rank is None:
        return [(values.dtype, dims)]
    dims = dims.as_list()
    return [(values.dtype, TensorShape([d if w < 0 else int(w) for w, d in zip(want, dims)]))]


register("RaggedTensorToTensor",
         "shape: index, values: T, default_value: T, row_partition_tensors: N*index",
         _to_tensor_kernel, _to_tensor_infer, None)


def ragged_to_dense(flat_values, nested_splits, default_value=None, shape=None, name=None):
    """The dense tensor of a ragged one given by its parts: rows padded with `default_value`
    (zero, or b"" for strings) to the longest, or cut or padded to `shape`."""
    rank = len(nested_splits) + flat_values.shape.rank
    want = [-1] * rank if shape is None else [-1 if d is None else d
                                              for d in TensorShape(shape).as_list()]
    if default_value is None:
        default_value = b"" if flat_values.dtype is dtypes.string else 0
    return execute("RaggedTensorToTensor", [want, flat_values, default_value,
                                            list(nested_splits)],
                   name=name or "RaggedTensorToTensor")


# -- row splits -------------------------------------------------------------------------------
def row_splits_from_lengths(lengths):
    """[0, l0, l0 + l1, ...]: the row splits of rows with these lengths."""
    lengths = convert_to_tensor(lengths)
    return concat([convert_to_tensor(np.zeros([1], lengths.dtype.np)), cumsum(lengths)], 0)


def _bincount_kernel(arr, size, weights):
    return np.bincount(arr, minlength=int(size)).astype(weights.dtype)


register("Bincount", "arr: int32, size: int32, weights: T", _bincount_kernel,
         lambda inputs: [(inputs[2].dtype, TensorShape([None]))], None)


def row_lengths_from_rowids(rowids, nrows=None):
    """How many of the (sorted) `rowids` name each row 0 ... nrows - 1 (default: the last id
    + 1), as int64."""
    ids = cast(rowids, dtypes.int32)
    if nrows is None:
        nrows = reduce_max(concat([[-1], ids], 0)) + 1
    return execute("Bincount", [ids, cast(nrows, dtypes.int32), np.zeros([0], np.int64)],
                   name="Bincount")

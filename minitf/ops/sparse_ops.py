"""The ops under sparse tensors: SparseToDense, SparseTensorDenseAdd, SparseAdd (with its
gradient op SparseAddGrad) and SparseReorder.

They take a sparse tensor as its three parts: `indices` (int64, one row per value, in row-major
order), `values` and `dense_shape`. The SparseTensor class and the public functions are in
minitf/sparse/. Gradients flow to the values (and to dense operands), never to indices.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dim_at
from .array_ops import size
from .constant_folding import constant_shape
from .indexing_ops import gather, gather_nd
from .manip_ops import invert_permutation
from .reduction_ops import reduce_sum
from .registry import execute, register
from .sequence_ops import range as range_

_ORDER_HINT = ("Many sparse ops require sorted indices.\n    Use `tf.sparse.reorder` to create a "
               "correctly ordered copy.\n\n")


def _index_text(i):
    return "[%s]" % ",".join(str(int(d)) for d in i)


def _check_indices(indices, shape, ordered=True):
    """InvalidArgumentError unless every index is inside `shape` and (if `ordered`) the indices
    are in strictly increasing row-major order."""
    for k, i in enumerate(indices):
        if np.any(i < 0) or np.any(i >= shape):
            raise InvalidArgumentError(None, None, "indices[%d] = %s is out of bounds: need 0 <= "
                                       "index < %s" % (k, _index_text(i), _index_text(shape)))
        if ordered and k and tuple(i) <= tuple(indices[k - 1]):
            what = "repeated" if tuple(i) == tuple(indices[k - 1]) else "out of order"
            raise InvalidArgumentError(None, None, "indices[%d] = %s is %s. %s"
                                       % (k, _index_text(i), what, _ORDER_HINT))


# -- to dense ---------------------------------------------------------------------------------
def _to_dense_kernel(indices, shape, values, default, validate_indices):
    indices = np.reshape(indices, (len(indices), -1))
    if validate_indices:
        _check_indices(indices, shape)
    out = np.full(tuple(shape), default, dtype=values.dtype)
    out[tuple(indices.T)] = values
    return out


def _to_dense_grad(op, dy):
    indices = op.inputs[0]
    d_values = gather_nd(dy, indices)
    return [None, None, d_values, reduce_sum(dy) - reduce_sum(d_values)]


register("SparseToDense",
         "sparse_indices: index, output_shape: index, sparse_values: T, default_value: T",
         _to_dense_kernel, lambda inputs, **_: [(inputs[2].dtype, constant_shape(inputs[1]))],
         _to_dense_grad)


def _dense_add_kernel(indices, values, shape, b):
    if tuple(shape) != b.shape:
        raise InvalidArgumentError(None, None, "Dimension mismatch: a has shape %s but b has "
                                   "shape %s" % (_index_text(shape), _index_text(b.shape)))
    _check_indices(indices, shape, ordered=False)
    out = b.copy()
    np.add.at(out, tuple(indices.T), values)
    return out


register("SparseTensorDenseAdd", "a_indices: index, a_values: T, a_shape: index, b: T",
         _dense_add_kernel, lambda inputs: [(inputs[1].dtype, inputs[3].shape)],
         lambda op, dy: [None, gather_nd(dy, op.inputs[0]), None, dy])


# -- sparse + sparse --------------------------------------------------------------------------
def _sparse_add_kernel(a_indices, a_values, a_shape, b_indices, b_values, b_shape, thresh):
    if len(a_shape) != len(b_shape):
        raise InvalidArgumentError(None, None, "Operands do not have the same ranks; got ranks "
                                   "%d and %d" % (len(a_shape), len(b_shape)))
    for d, (m, n) in enumerate(zip(a_shape, b_shape)):
        if m != n:
            raise InvalidArgumentError(None, None, "Operands' shapes do not match: got %d and %d "
                                       "for dimension %d" % (m, n, d))
    sums = {}
    for indices, values in ((a_indices, a_values), (b_indices, b_values)):
        for i, v in zip(map(tuple, indices), values):
            sums[i] = sums[i] + v if i in sums else v
    keys = sorted(k for k, v in sums.items() if not np.abs(v) < thresh)
    indices = np.array(keys, np.int64).reshape(len(keys), len(a_shape))
    return indices, np.array([sums[k] for k in keys], a_values.dtype), a_shape.copy()


def _sparse_add_infer(inputs):
    a_indices, a_values, a_shape = inputs[:3]
    return [(dtypes.int64, TensorShape([None, dim_at(a_indices.shape, 1)])),
            (a_values.dtype, TensorShape([None])), (dtypes.int64, a_shape.shape)]


def _sparse_add_grad(op, d_indices, d_values, d_shape):
    a_indices, _, _, b_indices = op.inputs[:4]
    da, db = execute("SparseAddGrad", [d_values, a_indices, b_indices, op.outputs[0]])
    return [None, da, None, None, db, None, None]


def _sparse_add_grad_kernel(d_sum, a_indices, b_indices, sum_indices):
    where = {tuple(i): k for k, i in enumerate(sum_indices)}

    def pick(indices):
        return np.array([d_sum[where[tuple(i)]] if tuple(i) in where else 0 for i in indices],
                        d_sum.dtype)
    return pick(a_indices), pick(b_indices)


register("SparseAdd", "a_indices: index, a_values: T, a_shape: index, b_indices: index, "
         "b_values: T, b_shape: index, thresh: any", _sparse_add_kernel, _sparse_add_infer,
         _sparse_add_grad, multi=True, none_for_unused=True)
register("SparseAddGrad", "backprop_val_grad: T, a_indices: index, b_indices: index, "
         "sum_indices: index", _sparse_add_grad_kernel,
         lambda inputs: [(inputs[0].dtype, TensorShape([dim_at(inputs[1].shape, 0)])),
                         (inputs[0].dtype, TensorShape([dim_at(inputs[2].shape, 0)]))],
         None, multi=True)


# -- reordering -------------------------------------------------------------------------------
def _reorder_kernel(indices, values, shape):
    order = np.lexsort(indices.T[::-1]) if len(indices) else np.zeros([0], np.int64)
    return indices[order], values[order]


def _reorder_grad(op, d_indices, d_values):
    indices, values, shape = op.inputs
    _, order = execute("SparseReorder", [indices, range_(size(values)), shape])
    return [None, gather(d_values, invert_permutation(order)), None]


register("SparseReorder", "input_indices: index, input_values: T, input_shape: index",
         _reorder_kernel, lambda inputs: [(dtypes.int64, inputs[0].shape),
                                          (inputs[1].dtype, inputs[1].shape)],
         _reorder_grad, multi=True, none_for_unused=True)


# -- the ops as functions of a sparse tensor's parts ------------------------------------------
def sparse_to_dense(indices, dense_shape, values, default_value, validate_indices=True,
                    name=None):
    return execute("SparseToDense", [indices, dense_shape, values, default_value],
                   {"validate_indices": bool(validate_indices)}, name=name or "SparseToDense")


def sparse_dense_add(indices, values, dense_shape, dense):
    return execute("SparseTensorDenseAdd", [indices, values, dense_shape, dense])


def sparse_add(a, b, thresh):
    """(indices, values) of the sum of sparse tensors a and b, each (indices, values, shape)."""
    indices, values, _ = execute("SparseAdd", list(a) + list(b) + [thresh])
    return indices, values


def sparse_reorder(indices, values, dense_shape, name=None):
    return execute("SparseReorder", [indices, values, dense_shape], name=name or "SparseReorder")

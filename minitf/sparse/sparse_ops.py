"""The public functions on sparse tensors: `to_dense`, `from_dense`, `add` and `reorder` (the
ops they build are in ops/sparse_ops.py)."""
import numpy as np

from ..framework import dtypes
from ..ops import array_ops, comparison_ops, fill_ops, indexing_ops, sparse_ops
from ..ops.registry import convert_to_tensor, scope
from .sparse_tensor import SparseTensor


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor of `sp_input`, with `default_value` (zero, or b"" for strings) where it
    has no value.

    Raises:
      InvalidArgumentError: for indices outside the shape, or (with `validate_indices`) out of
        row-major order or repeated.

    >>> st = minitf.sparse.SparseTensor([[0, 1]], [5], dense_shape=[2, 2])
    >>> minitf.sparse.to_dense(st)
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[0, 5],
           [0, 0]], dtype=int32)>
    """
    _check_sparse(sp_input, "sp_input")
    if default_value is None:
        default_value = np.array(b"" if sp_input.dtype is dtypes.string else 0, object
                                 if sp_input.dtype is dtypes.string else sp_input.dtype.np)
    return sparse_ops.sparse_to_dense(sp_input.indices, sp_input.dense_shape, sp_input.values,
                                      default_value, validate_indices, name)


def from_dense(tensor, name=None):
    """The SparseTensor of the non-zero (non-empty, for strings) entries of `tensor`.

    >>> minitf.sparse.from_dense([[1, 0], [0, 2]]).indices
    <tf.Tensor: shape=(2, 2), dtype=int64, numpy=
    array([[0, 0],
           [1, 1]])>
    """
    with scope(name or "dense_to_sparse"):
        t = convert_to_tensor(tensor)
        indices = comparison_ops.where(comparison_ops.not_equal(t, fill_ops.zeros_like(t)))
        values = indexing_ops.gather_nd(t, indices)
        return SparseTensor(indices, values, array_ops.shape(t, out_type=dtypes.int64))


def add(a, b, threshold=0):
    """`a + b` where `a` and `b` are SparseTensors (a SparseTensor, in row-major order) or one
    of them is dense (a dense tensor). Sums of two sparse tensors smaller than `threshold` in
    magnitude are left out.

    Raises:
      TypeError: if neither operand is a SparseTensor.
      InvalidArgumentError: if the shapes differ.

    >>> a = minitf.sparse.SparseTensor([[0, 0], [1, 1]], [1, 2], dense_shape=[2, 2])
    >>> minitf.sparse.add(a, a).values
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 4], dtype=int32)>
    """
    if not isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add?")
    if isinstance(a, SparseTensor) and isinstance(b, SparseTensor):
        thresh = np.asarray(threshold, b.dtype.real_dtype.np if b.dtype.is_complex
                            else b.dtype.np if b.dtype.is_floating or b.dtype.is_integer
                            else np.float32)
        indices, values = sparse_ops.sparse_add(a._components(), b._components(), thresh)
        return SparseTensor(indices, values, a.dense_shape)
    sparse, dense = (a, b) if isinstance(a, SparseTensor) else (b, a)
    return sparse_ops.sparse_dense_add(sparse.indices, sparse.values, sparse.dense_shape, dense)


def reorder(sp_input, name=None):
    """`sp_input` with its entries in row-major order of their indices (what most sparse ops
    require).

    >>> st = minitf.sparse.SparseTensor([[1, 0], [0, 1]], [1., 2.], dense_shape=[2, 2])
    >>> minitf.sparse.reorder(st).values
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 1.], dtype=float32)>
    """
    _check_sparse(sp_input, "sp_input")
    indices, values = sparse_ops.sparse_reorder(*sp_input._components(), name=name)
    return SparseTensor(indices, values, sp_input.dense_shape)


def _check_sparse(x, arg):
    if not isinstance(x, SparseTensor):
        raise TypeError("Input `%s` must be a SparseTensor, got %s." % (arg, type(x).__name__))

"""Diagonals: diag (a batch of diagonal matrices from vectors), diag_part, trace and eye, and
TensorFlow 1.x's tensor diag and diag_part (any rank).

Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import TensorShape, dim_at, dims_str
from .array_ops import shape
from .comparison_ops import where
from .constant_folding import constant_value
from .fill_ops import ones
from .reduction_ops import reduce_sum
from .registry import convert_to_tensor, execute, register, scope


# -- diagonals of matrices --------------------------------------------------------------------
def _offset(k):
    """The diagonal offset k as an int (0 main, > 0 above, < 0 below); minitf has no bands."""
    if np.ndim(k):
        raise ValueError("minitf supports a single diagonal offset k, not the band %s"
                         % np.asarray(k).tolist())
    return int(k)


def _diag_size(rows, cols, k):
    """The length of diagonal k of a rows x cols matrix (None if unknown)."""
    if None in (rows, cols):
        return None
    return min(rows + min(k, 0), cols - max(k, 0))


def _matrix_size(n, k, num_rows, num_cols):
    """The matrix that diagonal k of length n fills: (rows, cols), either may be None."""
    if num_rows == -1 and num_cols == -1:
        side = None if n is None else n + abs(k)
        return side, side
    rows = num_rows if num_rows != -1 else None if n is None else n + max(-k, 0)
    cols = num_cols if num_cols != -1 else None if n is None else n + max(k, 0)
    return rows, cols


def _diag_shape(s, k, num_rows, num_cols):
    """The shape of the matrices that diagonal k of shape `s` fills (num_rows/num_cols: -1 for
    the smallest that fits, None if unknown)."""
    if s.rank < 1:
        raise ValueError("diagonal must be at least 1-dim, received shape: %s" % dims_str(s))
    rows, cols = _matrix_size(dim_at(s, -1), k, num_rows, num_cols)
    if None not in (rows, cols, dim_at(s, -1)) and _diag_size(rows, cols, k) != dim_at(s, -1):
        raise ValueError("The number of rows or columns is not consistent with the specified "
                         "d_lower, d_upper, and diagonal.")
    return TensorShape(s.as_list()[:-1] + [rows, cols])


def _diag_kernel(diagonal, k, num_rows, num_cols, padding_value):
    k, n = _offset(k), diagonal.shape[-1] if diagonal.ndim else None
    out = _diag_shape(TensorShape(diagonal.shape), k, int(num_rows), int(num_cols))
    out = np.full(out.as_list(), padding_value, diagonal.dtype)
    i = np.arange(n)
    out[..., i + max(-k, 0), i + max(k, 0)] = diagonal
    return out


def _diag_infer(inputs):
    diagonal, k, num_rows, num_cols, _ = inputs
    k = constant_value(k)
    if diagonal.shape.rank is None or k is None:
        return [(diagonal.dtype, TensorShape(None))]
    sizes = [constant_value(t) for t in (num_rows, num_cols)]
    return [(diagonal.dtype, _diag_shape(diagonal.shape, _offset(k),
                                         *(None if v is None else int(v) for v in sizes)))]


def _diag_part_shape(s, k):
    """The shape of diagonal k of the matrices of shape `s`."""
    if s.rank < 2:
        raise ValueError("input must be at least 2-dim, received shape: %s" % dims_str(s))
    rows, cols = dim_at(s, -2), dim_at(s, -1)
    if None not in (rows, cols) and not -rows < k < cols:
        raise ValueError("lower_diag_index is out of bound: %d. It must be between %d and %d"
                         % (k, -rows, cols))
    return TensorShape(s.as_list()[:-2] + [_diag_size(rows, cols, k)])


def _diag_part_kernel(x, k, padding_value):
    k = _offset(k)
    i = np.arange(dim_at(_diag_part_shape(TensorShape(x.shape), k), -1))
    return x[..., i + max(-k, 0), i + max(k, 0)]


def _diag_part_infer(inputs):
    x, k, _ = inputs
    k = constant_value(k)
    if x.shape.rank is None or k is None:
        return [(x.dtype, TensorShape(None))]
    return [(x.dtype, _diag_part_shape(x.shape, _offset(k)))]


def _diag_part_grad(op, dy):
    x, k, _ = op.inputs
    rows, cols = (dim_at(x.shape, i) if dim_at(x.shape, i) is not None else shape(x)[i]
                  for i in (-2, -1))
    return [execute("MatrixDiagV3", [dy, k, rows, cols, np.zeros((), dy.dtype.np)]), None, None]


register("MatrixDiagV3", "diagonal: T, k: int32, num_rows: int32, num_cols: int32, "
         "padding_value: T", _diag_kernel, _diag_infer,
         lambda op, dy: [execute("MatrixDiagPartV3", [dy, op.inputs[1],
                                                      np.zeros((), dy.dtype.np)])] + [None] * 4)
register("MatrixDiagPartV3", "input: T, k: int32, padding_value: T", _diag_part_kernel,
         _diag_part_infer, _diag_part_grad)


def diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0):
    """Matrices with `diagonal` (a batch of vectors) on their diagonal k, `padding_value` elsewhere.

    Args:
      diagonal: a tensor of rank >= 1; its last dimension is the diagonal.
      name: the op name.
      k: which diagonal: 0 the main one, > 0 above it, < 0 below it.
      num_rows, num_cols: the matrix size; -1 (default) makes it the smallest that fits.
      padding_value: the value off the diagonal.

    Raises:
      InvalidArgumentError: if `num_rows`/`num_cols` do not fit the diagonal.

    >>> minitf.linalg.diag([1, 2])
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[1, 0],
           [0, 2]], dtype=int32)>
    """
    _offset(k)
    return execute("MatrixDiagV3", [diagonal, k, num_rows, num_cols, padding_value], name=name)


def diag_part(input, name="diag_part", k=0, padding_value=0):
    """Diagonal k (0 the main one, > 0 above, < 0 below) of each matrix in `input`.

    >>> minitf.linalg.diag_part([[1, 2], [3, 4]], k=1)
    <tf.Tensor: shape=(1,), dtype=int32, numpy=array([2], dtype=int32)>
    """
    _offset(k)
    return execute("MatrixDiagPartV3", [input, k, padding_value], name=name)


def trace(x, name=None):
    """The sum of the main diagonal of each matrix in `x`.

    >>> minitf.linalg.trace([[1., 2.], [3., 4.]])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    with scope(name or "Trace") as s:
        x = convert_to_tensor(x, name="x")
        return reduce_sum(diag_part(x), [-1], name=s)


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    """An identity matrix (ones on the main diagonal), or a batch of them.

    Args:
      num_rows, num_columns: the matrix size (square unless `num_columns` is given).
      batch_shape: leading dimensions of the result.
      dtype: the element type.
      name: the op name.

    >>> minitf.eye(2, 3, dtype=minitf.int32)
    <tf.Tensor: shape=(2, 3), dtype=int32, numpy=
    array([[1, 0, 0],
           [0, 1, 0]], dtype=int32)>
    """
    dtype = dtypes.as_dtype(dtype)
    with scope(name or "eye"):
        cols = num_rows if num_columns is None else num_columns
        if isinstance(num_rows, int) and isinstance(cols, int):
            n = min(num_rows, cols)
        else:
            n = where(num_rows < cols, num_rows, cols)
        size = list(batch_shape or []) + [n]
        return diag(ones(size, dtype), num_rows=num_rows, num_cols=cols,
                    padding_value=np.zeros((), dtype.np))


# -- tensor diagonals (TensorFlow 1.x's diag and diag_part) -----------------------------------
def _tensor_diag_kernel(x):
    if x.ndim < 1:
        raise ValueError("Input must be at least rank 1, got %d" % x.ndim)
    out = np.zeros((x.size, x.size), x.dtype)
    np.fill_diagonal(out, x.reshape(-1))
    return out.reshape(x.shape + x.shape)


def _half_shape(s):
    """The shape of the diagonal of a tensor of shape `s` (rank 2r: its first r dims)."""
    if s.rank % 2 or not s.rank:
        raise ValueError("The rank of the tensor should be even and positive, got shape %s"
                         % dims_str(s))
    half = s.rank // 2
    for i in range(half):
        if None not in (dim_at(s, i), dim_at(s, half + i)) and dim_at(s, i) != dim_at(s, half + i):
            raise ValueError("Invalid shape %s: dimensions %d and %d do not match."
                             % (dims_str(s), i, half + i))
    return s[:half].merge_with(s[half:])


def _tensor_diag_part_kernel(x):
    half = _half_shape(TensorShape(x.shape)).as_list()
    n = int(np.prod(half))
    return np.diagonal(x.reshape(n, n)).reshape(half)


register("Diag", "diagonal: T", _tensor_diag_kernel,
         lambda inputs: [(inputs[0].dtype, TensorShape(None) if inputs[0].shape.rank is None
                          else TensorShape(inputs[0].shape.as_list() * 2))],
         lambda op, dy: [tensor_diag_part(dy)])
register("DiagPart", "input: T", _tensor_diag_part_kernel,
         lambda inputs: [(inputs[0].dtype, TensorShape(None) if inputs[0].shape.rank is None
                          else _half_shape(inputs[0].shape))],
         lambda op, dy: [tensor_diag(dy)])


def tensor_diag(diagonal, name=None):
    """The tensor of rank 2r with `diagonal` (rank r) on its diagonal:
    out[i1..ir, i1..ir] = diagonal[i1..ir], zeros elsewhere (TensorFlow 1.x's `diag`).

    >>> minitf.linalg.tensor_diag([1., 2.])
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 0.],
           [0., 2.]], dtype=float32)>
    """
    return execute("Diag", [diagonal], name=name or "Diag")


def tensor_diag_part(input, name=None):
    """The diagonal of a tensor of rank 2r, the inverse of `tensor_diag`."""
    return execute("DiagPart", [input], name=name or "DiagPart")

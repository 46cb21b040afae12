"""Matrix decompositions: Qr and Svd, with qr and svd, per matrix of a batch.

numpy.linalg's QR is the Householder QR of TensorFlow's CPU kernel, so the factors agree, signs
included; singular vectors are unique only up to sign, and numpy's (LAPACK's) may differ from
TensorFlow's (Eigen's) in the sign of some pairs of columns of u and v. The gradients are
written with minitf ops; like TensorFlow's, they need the matrix size known while building and
exist for the reduced factors (and for square matrices).
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import TensorShape, dim_at
from .arithmetic_ops import divide_no_nan
from .diag_ops import diag
from .fill_ops import ones_like
from .join_ops import concat
from .linalg_ops import matmul, matrix_transpose
from .linalg_solvers import band_part
from .registry import execute, register


def _static_dims(x, what):
    m, n = dim_at(x.shape, -2), dim_at(x.shape, -1)
    if m is None or n is None:
        raise NotImplementedError("The gradient of %s needs the matrix size known while "
                                  "building; got shape %s" % (what, x.shape))
    return m, n


def _matrix_infer(x):
    if x.shape.rank is not None and x.shape.rank < 2:
        raise ValueError("Shape must be at least rank 2 but is rank %d" % x.shape.rank)
    return x.shape.as_list() if x.shape.rank is not None else None


def _wide(x):
    return x.astype(np.promote_types(x.dtype, np.float32), copy=False)


# -- QR ---------------------------------------------------------------------------------------
def _qr(x, full_matrices):
    q, r = np.linalg.qr(_wide(x), "complete" if full_matrices else "reduced")
    return q.astype(x.dtype, copy=False), r.astype(x.dtype, copy=False)


def _qr_infer(inputs, full_matrices):
    dims = _matrix_infer(inputs[0])
    if dims is None:
        return [(inputs[0].dtype, TensorShape(None))] * 2
    batch, m, n = dims[:-2], dims[-2], dims[-1]
    k = m if full_matrices or None in (m, n) else min(m, n)
    return [(inputs[0].dtype, TensorShape(batch + [m, k])),
            (inputs[0].dtype, TensorShape(batch + [k, n]))]


def _times_r_inverse_t(x, r):
    """x @ inverse(r)^T for upper-triangular r, by a triangular solve."""
    return matrix_transpose(execute("MatrixTriangularSolve", [r, matrix_transpose(x)],
                                    {"lower": False, "adjoint": False}))


def _qr_grad_deep(q, r, dq, dr):
    """The gradient for A = QR with rows >= columns (Q with orthonormal columns): with
    M = tril(Q^T dQ - dQ^T Q + R dR^T - dR R^T),
    dA = Q (dR + M R^-T) + (dQ - Q Q^T dQ) R^-T."""
    qdq = matmul(q, dq, transpose_a=True)
    rdr = matmul(r, dr, transpose_b=True)
    m = band_part(qdq - matrix_transpose(qdq) + rdr - matrix_transpose(rdr), -1, 0)
    return (matmul(q, dr + _times_r_inverse_t(m, r))
            + _times_r_inverse_t(dq - matmul(q, qdq), r))


def _qr_grad(op, dq, dr):
    q, r = op.outputs
    m, n = _static_dims(op.inputs[0], "qr")
    if m > n and op.get_attr("full_matrices"):
        raise NotImplementedError("The gradient of qr is not implemented when rows > columns "
                                  "and full_matrices is True.")
    if m >= n:
        return [_qr_grad_deep(q, r, dq, dr)]
    # A wide matrix [X, Y] = Q [U, V]: X = QU is square, Y = QV adds to dQ.
    y, u = op.inputs[0][..., :, m:], r[..., :, :m]
    du, dv = dr[..., :, :m], dr[..., :, m:]
    dx = _qr_grad_deep(q, u, dq + matmul(y, dv, transpose_b=True), du)
    return [concat([dx, matmul(q, dv)], -1)]


register("Qr", "input: T", _qr, _qr_infer, _qr_grad, types={"T": dtypes.FLOATS}, multi=True)


def qr(input, full_matrices=False, name=None):
    """The QR decomposition `input = q @ r` of each matrix: q with orthonormal columns, r
    upper triangular.

    Args:
      input: shape [..., M, N].
      full_matrices: q of shape [..., M, M] and r [..., M, N] when True; else, with
        P = min(M, N), q [..., M, P] and r [..., P, N].

    Returns:
      A pair (q, r).

    >>> q, r = minitf.linalg.qr([[3.0, 1.0], [4.0, 2.0]])
    >>> r.numpy()
    array([[-5. , -2.2],
           [ 0. ,  0.4]], dtype=float32)
    """
    q, r = execute("Qr", [input], {"full_matrices": bool(full_matrices)}, name=name or "Qr")
    return q, r


# -- SVD --------------------------------------------------------------------------------------
def _svd(x, compute_uv, full_matrices):
    w = _wide(x)
    if not compute_uv:
        empty = np.zeros((0,), x.dtype)
        return np.linalg.svd(w, compute_uv=False).astype(x.dtype, copy=False), empty, empty
    u, s, vh = np.linalg.svd(w, full_matrices=full_matrices)
    return tuple(a.astype(x.dtype, copy=False) for a in (s, u, np.swapaxes(vh, -1, -2)))


def _svd_infer(inputs, compute_uv, full_matrices):
    x = inputs[0]
    dims = _matrix_infer(x)
    if dims is None:
        return [(x.dtype, TensorShape(None))] * 3
    batch, m, n = dims[:-2], dims[-2], dims[-1]
    k = None if None in (m, n) else min(m, n)
    if not compute_uv:
        return [(x.dtype, TensorShape(batch + [k]))] + [(x.dtype, TensorShape([0]))] * 2
    ku, kv = (m, n) if full_matrices else (k, k)
    return [(x.dtype, TensorShape(batch + [k])), (x.dtype, TensorShape(batch + [m, ku])),
            (x.dtype, TensorShape(batch + [n, kv]))]


def _safe_reciprocal(x):
    """1 / x, and 0 where x is 0 (repeated or zero singular values)."""
    return divide_no_nan(ones_like(x), x)


def _svd_grad_wide(s, u, v, ds, du, dv):
    """The gradient for A = U diag(s) V^T with rows m <= columns n (U m x m, V n x m):
    with F_ij = 1 / (s_j^2 - s_i^2) (0 on the diagonal), J = F o (U^T dU), K = F o (V^T dV),
    dA = U (diag(ds) + (J + J^T) S + S (K + K^T)) V^T + U S^-1 (dV^T - dV^T V V^T)."""
    s2 = s * s
    f = _safe_reciprocal(s2[..., None, :] - s2[..., :, None])
    j = f * matmul(u, du, transpose_a=True)
    k = f * matmul(v, dv, transpose_a=True)
    s_mat = diag(s)
    inner = (diag(ds) + matmul(j + matrix_transpose(j), s_mat)
             + matmul(s_mat, k + matrix_transpose(k)))
    g = matmul(u, matmul(inner, v, transpose_b=True))
    dvt = matrix_transpose(dv)
    rest = dvt - matmul(matmul(dvt, v), v, transpose_b=True)
    return g + matmul(u * _safe_reciprocal(s)[..., None, :], rest)


def _svd_grad(op, ds, du, dv):
    x = op.inputs[0]
    m, n = _static_dims(x, "svd")
    if not op.get_attr("compute_uv"):
        _, u, v = execute("Svd", [x], {"compute_uv": True, "full_matrices": False})
        return [matmul(u * ds[..., None, :], v, transpose_b=True)]
    if op.get_attr("full_matrices") and m != n:
        raise NotImplementedError("The gradient of svd is not implemented for full_matrices "
                                  "with a non-square matrix.")
    s, u, v = op.outputs
    if m > n:  # A^T = V S U^T is wide
        return [matrix_transpose(_svd_grad_wide(s, v, u, ds, dv, du))]
    return [_svd_grad_wide(s, u, v, ds, du, dv)]


register("Svd", "input: T", _svd, _svd_infer, _svd_grad, types={"T": dtypes.FLOATS},
         multi=True)


def svd(tensor, full_matrices=False, compute_uv=True, name=None):
    """The singular value decomposition `tensor = u @ diag(s) @ transpose(v)` of each matrix.

    Args:
      tensor: shape [..., M, N].
      full_matrices: u [..., M, M] and v [..., N, N] when True; else, with P = min(M, N),
        u [..., M, P] and v [..., N, P].
      compute_uv: when False, only s is computed and returned.

    Returns:
      s (the singular values, largest first, shape [..., P]), and u and v when `compute_uv`.

    >>> minitf.linalg.svd([[3.0, 0.0], [0.0, -4.0]], compute_uv=False).numpy()
    array([4., 3.], dtype=float32)
    """
    s, u, v = execute("Svd", [tensor], {"compute_uv": bool(compute_uv),
                                        "full_matrices": bool(full_matrices)},
                      name=name or "Svd")
    return (s, u, v) if compute_uv else s

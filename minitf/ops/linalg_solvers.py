"""Linear solvers and the Cholesky factor: MatrixBandPart, MatrixSolve, MatrixTriangularSolve,
Cholesky and MatrixSolveLs (its exact, non-differentiable form), with band_part, solve,
triangular_solve, cholesky, cholesky_solve and lstsq.

Every op works on batches of matrices (the last two dimensions) whose batch dimensions agree.
`lstsq`'s default (fast) form is composed, as in TensorFlow, from a Cholesky factor of the
regularized normal equations and two triangular solves, so its gradient comes from theirs.
QR and SVD are in linalg_decompositions.
"""
import numbers

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dim_at
from .diag_ops import diag, diag_part, eye
from .linalg_ops import matmul, matrix_transpose
from .registry import convert_to_tensor, execute, register, scope

FLOATS = {"T": dtypes.FLOATS}


def _matrix_dims(s, what):
    if s.rank is not None and s.rank < 2:
        raise ValueError("Shape must be at least rank 2 but is rank %d for %s" % (s.rank, what))
    return None if s.rank is None else s.as_list()


def _wide(x):
    """x in float32 at least (numpy.linalg computes no float16)."""
    return x.astype(np.promote_types(x.dtype, np.float32), copy=False)


# -- band_part --------------------------------------------------------------------------------
def _band_mask(shape, num_lower, num_upper):
    i = np.arange(shape[-2])[:, None]
    j = np.arange(shape[-1])[None, :]
    return (((num_lower < 0) | (i - j <= num_lower)) & ((num_upper < 0) | (j - i <= num_upper)))


register("MatrixBandPart", "input: T, num_lower: index, num_upper: index",
         lambda x, lo, hi: np.where(_band_mask(x.shape, int(lo), int(hi)), x,
                                    np.zeros((), x.dtype)),
         lambda inputs: [(inputs[0].dtype, inputs[0].shape)],
         lambda op, dy: [execute("MatrixBandPart", [dy, op.inputs[1], op.inputs[2]]), None,
                         None])


def band_part(input, num_lower, num_upper, name=None):
    """The band of each matrix in `input`: entries (i, j) with i - j <= num_lower and
    j - i <= num_upper are kept, the rest are 0; a negative bound keeps that whole triangle.

    >>> minitf.linalg.band_part(minitf.ones([3, 3]), 0, -1).numpy()
    array([[1., 1., 1.],
           [0., 1., 1.],
           [0., 0., 1.]], dtype=float32)
    """
    return execute("MatrixBandPart", [input, num_lower, num_upper], name=name or "MatrixBandPart")


def _lower(x):
    return execute("MatrixBandPart", [x, -1, 0])


def _upper(x):
    return execute("MatrixBandPart", [x, 0, -1])


# -- solve and triangular_solve ---------------------------------------------------------------
def _check_system(a, b):
    """ValueError unless `a` holds square matrices that fit the right-hand sides `b` (dims lists
    that may hold None; None for an unknown rank)."""
    if a is None or b is None:
        return
    if len(a) != len(b):
        raise ValueError("All input tensors must have the same rank.")
    if None not in a[-2:] and a[-2] != a[-1]:
        raise ValueError("First input (lhs) must be a square matrix.")
    if any(None not in (x, y) and x != y for x, y in zip(a[:-2] + a[-1:], b[:-2] + b[-2:-1])):
        raise ValueError("Input matrix and rhs are incompatible.")


def _system_infer(inputs, **_):
    a, b = (t.shape.as_list() if t.shape.rank is not None else None for t in inputs)
    _check_system(a, b)
    a, b = (_matrix_dims(t.shape, "input") for t in inputs)
    _check_system(a, b)
    return [(inputs[1].dtype, inputs[1].shape)]


def _solve(a, b, adjoint=False, lower=None):
    _check_system(list(a.shape), list(b.shape))
    if lower is not None:
        a = np.tril(a) if lower else np.triu(a)
    if adjoint:
        a = np.swapaxes(a, -1, -2)
    try:
        return np.linalg.solve(_wide(a), _wide(b)).astype(b.dtype, copy=False)
    except np.linalg.LinAlgError:
        raise InvalidArgumentError(None, None, "Input matrix is not invertible.") from None


def _solve_grad(op, dy):
    """x = A^-1 b: db = A^-T dy, dA = -db x^T (transposed when solving with A^T)."""
    a, x, adjoint = op.inputs[0], op.outputs[0], op.get_attr("adjoint")
    if op.type == "MatrixSolve":
        db = execute("MatrixSolve", [a, dy], {"adjoint": not adjoint})
    else:
        lower = op.get_attr("lower")
        db = execute("MatrixTriangularSolve", [a, dy], {"adjoint": not adjoint, "lower": lower})
    da = -(matmul(x, db, transpose_b=True) if adjoint else matmul(db, x, transpose_b=True))
    if op.type == "MatrixTriangularSolve":
        da = _lower(da) if lower else _upper(da)
    return [da, db]


register("MatrixSolve", "matrix: T, rhs: T", _solve, _system_infer, _solve_grad, types=FLOATS)
register("MatrixTriangularSolve", "matrix: T, rhs: T", _solve, _system_infer, _solve_grad,
         types=FLOATS)


def solve(matrix, rhs, adjoint=False, name=None):
    """The solution x of `matrix @ x = rhs` (of `adjoint(matrix) @ x = rhs` with `adjoint`).

    Args:
      matrix: a (batch of) square matrix, shape [..., M, M].
      rhs: the right-hand sides, shape [..., M, K], with the same batch dimensions.

    Raises:
      ValueError: if the shapes do not fit (InvalidArgumentError when executing eagerly).
      InvalidArgumentError: if a matrix is singular.

    >>> minitf.linalg.solve([[2.0, 0.0], [0.0, 4.0]], [[1.0], [1.0]]).numpy().ravel()
    array([0.5 , 0.25], dtype=float32)
    """
    return execute("MatrixSolve", [matrix, rhs], {"adjoint": bool(adjoint)},
                   name=name or "MatrixSolve")


def triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    """`solve` for triangular matrices: only the lower (or, with `lower=False`, the upper)
    triangle of `matrix` is read.

    >>> minitf.linalg.triangular_solve([[2.0, 7.0], [1.0, 1.0]], [[2.0], [2.0]]).numpy().ravel()
    array([1., 1.], dtype=float32)
    """
    with scope(name or "triangular_solve"):
        return execute("MatrixTriangularSolve", [matrix, rhs],
                       {"lower": bool(lower), "adjoint": bool(adjoint)})


# -- Cholesky ---------------------------------------------------------------------------------
def _cholesky(x):
    """The lower Cholesky factor of each matrix; NaN where a matrix is not positive definite,
    as on TensorFlow's CPU."""
    dims = _matrix_dims(TensorShape(list(x.shape)), "input")
    if dims[-1] != dims[-2]:
        raise ValueError("Input matrix must be square.")
    w = _wide(x)
    try:
        return np.linalg.cholesky(w).astype(x.dtype, copy=False)
    except np.linalg.LinAlgError:
        flat = w.reshape((-1,) + w.shape[-2:])
        out = np.empty_like(flat)
        for k, m in enumerate(flat):  # one matrix at a time, to find the failing ones
            try:
                out[k] = np.linalg.cholesky(m)
            except np.linalg.LinAlgError:
                out[k] = np.where(np.tri(m.shape[0], dtype=bool), np.nan, 0.0)
        return out.reshape(x.shape).astype(x.dtype, copy=False)


def _cholesky_grad(op, dl):
    """With A = L L^T and P = phi(L^T dL) (its lower triangle with the diagonal halved),
    dA = sym(L^-T P L^-1), sym(X) = (X + X^T) / 2 (the gradient of a symmetric argument);
    L^-T P L^-1 comes from two triangular solves."""
    l = op.outputs[0]
    p = matmul(l, dl, transpose_a=True)
    p = _lower(p) - 0.5 * diag(diag_part(p))
    attrs = {"lower": True, "adjoint": True}
    x = execute("MatrixTriangularSolve", [l, p], attrs)
    g = matrix_transpose(execute("MatrixTriangularSolve", [l, matrix_transpose(x)], attrs))
    return [0.5 * (g + matrix_transpose(g))]


register("Cholesky", "input: T", _cholesky,
         lambda inputs: [(inputs[0].dtype, inputs[0].shape)], _cholesky_grad, types=FLOATS)


def cholesky(input, name=None):
    """The lower-triangular L with `L @ adjoint(L) = input`, per matrix; only the lower
    triangle of `input` is read, and a matrix that is not positive definite gives NaNs.

    >>> minitf.linalg.cholesky([[4.0, 2.0], [2.0, 2.0]]).numpy()
    array([[2., 0.],
           [1., 1.]], dtype=float32)
    """
    return execute("Cholesky", [input], name=name or "Cholesky")


def cholesky_solve(chol, rhs, name=None):
    """The solution x of `A @ x = rhs` from the Cholesky factor `chol` of A: two triangular
    solves.

    >>> l = minitf.linalg.cholesky([[4.0, 2.0], [2.0, 2.0]])
    >>> minitf.linalg.cholesky_solve(l, [[6.0], [4.0]]).numpy().ravel()
    array([1., 1.], dtype=float32)
    """
    with scope(name or "cholesky_solve"):
        y = execute("MatrixTriangularSolve", [chol, rhs], {"lower": True, "adjoint": False})
        return execute("MatrixTriangularSolve", [chol, y], {"lower": True, "adjoint": True})


# -- least squares ----------------------------------------------------------------------------
def _solve_ls(a, b, l2_regularizer, fast):
    _check_ls(list(a.shape), list(b.shape))
    return np.matmul(np.linalg.pinv(_wide(a)), _wide(b)).astype(b.dtype, copy=False)


def _check_ls(a, b):
    if a is not None and b is not None and None not in (a[-2], b[-2]) and a[-2] != b[-2]:
        raise ValueError("Dimensions must be equal, but are %d and %d" % (a[-2], b[-2]))


def _ls_infer(inputs, fast):
    a, b = (_matrix_dims(t.shape, "input") for t in inputs[:2])
    _check_ls(a, b)
    if a is None or b is None:
        return [(inputs[1].dtype, TensorShape(None))]
    return [(inputs[1].dtype, TensorShape(a[:-2] + [a[-1], b[-1]]))]


register("MatrixSolveLs", "matrix: T, rhs: T, l2_regularizer: any", _solve_ls, _ls_infer,
         None, types=FLOATS)


def lstsq(matrix, rhs, l2_regularizer=0.0, fast=True, name=None):
    """The x minimizing ||matrix @ x - rhs||^2 + l2_regularizer * ||x||^2, per matrix.

    With `fast` (the default) it solves the regularized normal equations with a Cholesky
    factor, as TensorFlow does: accurate for well-conditioned matrices of full rank, and
    differentiable. With `fast=False` it uses the pseudo-inverse (robust, `l2_regularizer`
    ignored, no gradient).

    Args:
      matrix: shape [..., M, N], with M and N known while building.
      rhs: shape [..., M, K].

    Raises:
      ValueError: if M of `matrix` and `rhs` differ, or M or N is unknown.

    >>> minitf.linalg.lstsq([[1.0], [1.0]], [[1.0], [3.0]]).numpy()
    array([[2.]], dtype=float32)
    """
    with scope(name or "matrix_solve_ls"):
        a = convert_to_tensor(matrix, name="matrix")
        b = convert_to_tensor(rhs, name="rhs")
        _check_ls(_matrix_dims(a.shape, "matrix"), _matrix_dims(b.shape, "rhs"))
        if not fast:
            return execute("MatrixSolveLs", [a, b, np.float64(l2_regularizer)], {"fast": False})
        m, n = dim_at(a.shape, -2), dim_at(a.shape, -1)
        if m is None or n is None:
            raise ValueError("lstsq needs the matrix size known while building; got shape %s"
                             % (a.shape,))
        overdetermined = m >= n
        gram = matmul(a, a, transpose_a=overdetermined, transpose_b=not overdetermined)
        if not (isinstance(l2_regularizer, numbers.Number) and l2_regularizer == 0):
            size = n if overdetermined else m
            gram += convert_to_tensor(l2_regularizer, a.dtype) * eye(size, dtype=a.dtype)
        chol = cholesky(gram)
        if overdetermined:
            return cholesky_solve(chol, matmul(a, b, transpose_a=True))
        return matmul(a, cholesky_solve(chol, b), transpose_a=True)

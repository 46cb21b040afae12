"""Matrix multiplication: `matmul` (and the operator `@`), which builds MatMul for two matrices
and BatchMatMulV2 for batches of them, broadcast over their leading dimensions.

The rest of linear algebra (matvec, tensordot, inverses, determinants, ...) is in linalg_ops,
built on matmul. Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, broadcast_shapes
from .complex_ops import conj
from .fill_ops import sum_to
from .registry import convert_to_tensor, execute, register, scope

NUMBERS = dtypes.NUMBERS | dtypes.COMPLEX


# -- matrix multiplication --------------------------------------------------------------------
def _matmul_kernel(a, b, transpose_a, transpose_b):
    if a.ndim != 2 or b.ndim != 2:
        raise InvalidArgumentError(None, None, "In[%d] ndims must be >= 2" % (a.ndim == 2))
    a = a.T if transpose_a else a
    b = b.T if transpose_b else b
    if a.shape[1] != b.shape[0]:
        raise InvalidArgumentError(None, None, "Matrix size-incompatible: In[0]: [%d,%d], In[1]: "
                                   "[%d,%d]" % (a.shape + b.shape))
    return a @ b


def _matmul_infer(inputs, transpose_a, transpose_b):
    a, b = inputs
    for t in (a, b):
        if t.shape.rank not in (None, 2):
            raise ValueError("Shape must be rank 2 but is rank %d" % t.shape.rank)
    ad = a.shape.as_list() if a.shape.rank else [None, None]
    bd = b.shape.as_list() if b.shape.rank else [None, None]
    m, k = ad[::-1] if transpose_a else ad
    k2, n = bd[::-1] if transpose_b else bd
    if k is not None and k2 is not None and k != k2:
        raise ValueError("Dimensions must be equal, but are %d and %d" % (k, k2))
    return [(a.dtype, TensorShape([m, n]))]


def _matmul_grad(op, dy):
    a, b = (conj(t) for t in op.inputs)
    ta, tb = op.get_attr("transpose_a"), op.get_attr("transpose_b")
    if not ta and not tb:
        return [matmul(dy, b, transpose_b=True), matmul(a, dy, transpose_a=True)]
    if not ta and tb:
        return [matmul(dy, b), matmul(dy, a, transpose_a=True)]
    if ta and not tb:
        return [matmul(b, dy, transpose_b=True), matmul(a, dy)]
    return [matmul(b, dy, transpose_a=True, transpose_b=True),
            matmul(dy, a, transpose_a=True, transpose_b=True)]


register("MatMul", "a: T, b: T", _matmul_kernel, _matmul_infer, _matmul_grad,
         types={"T": NUMBERS})


def _batch_matmul_kernel(x, y, adj_x, adj_y):
    x = np.swapaxes(x, -1, -2) if adj_x else x
    y = np.swapaxes(y, -1, -2) if adj_y else y
    if x.shape[-1] != y.shape[-2]:
        raise InvalidArgumentError(None, None, "Matrix size-incompatible: In[0]: %s, In[1]: %s"
                                   % (list(x.shape), list(y.shape)))
    return np.matmul(x, y)


def _batch_matmul_infer(inputs, adj_x, adj_y):
    x, y = inputs
    if x.shape.rank is None or y.shape.rank is None:
        return [(x.dtype, TensorShape(None))]
    xd, yd = x.shape.as_list(), y.shape.as_list()
    m, k = xd[-2:][::-1] if adj_x else xd[-2:]
    k2, n = yd[-2:][::-1] if adj_y else yd[-2:]
    if k is not None and k2 is not None and k != k2:
        raise ValueError("Dimensions must be equal, but are %d and %d" % (k, k2))
    batch = broadcast_shapes(TensorShape(xd[:-2]), TensorShape(yd[:-2]))
    return [(x.dtype, TensorShape(batch.as_list() + [m, n]))]


def _batch_matmul_grad(op, dy):
    x, y = (conj(t) for t in op.inputs)
    ax, ay = op.get_attr("adj_x"), op.get_attr("adj_y")
    if not ax:
        dx = matmul(dy, y, transpose_b=not ay)
    else:
        dx = matmul(y, dy, transpose_a=ay, transpose_b=True)
    if not ay:
        dy_ = matmul(x, dy, transpose_a=not ax)
    else:
        dy_ = matmul(dy, x, transpose_a=True, transpose_b=ax)
    return [sum_to(dx, x), sum_to(dy_, y)]


register("BatchMatMulV2", "x: T, y: T", _batch_matmul_kernel, _batch_matmul_infer,
         _batch_matmul_grad, types={"T": NUMBERS})


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           name=None):
    """The matrix product `a @ b` (optionally transposing either); inputs of rank > 2 are
    batches of matrices, broadcast over their leading dimensions. `adjoint_a` and `adjoint_b`
    are conjugate transposes (the same as the transposes for real dtypes).

    Raises:
      InvalidArgumentError (eager) / ValueError (graph): if the inner dimensions differ.
      ValueError: if both `transpose_a` and `adjoint_a` are set (or both for `b`).

    >>> minitf.matmul(minitf.constant([[1., 2.]]), minitf.constant([[3.], [4.]]))
    <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[11.]], dtype=float32)>
    """
    for side, transpose, adjoint in (("a", transpose_a, adjoint_a), ("b", transpose_b, adjoint_b)):
        if transpose and adjoint:
            raise ValueError("Only one of `transpose_%s` and `adjoint_%s` can be True; both are."
                             % (side, side))
    transpose_a, transpose_b = bool(transpose_a or adjoint_a), bool(transpose_b or adjoint_b)
    with scope(name or "MatMul") as s:
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, name="b", dtype_hint=a.dtype)
        a, b = conj(a) if adjoint_a else a, conj(b) if adjoint_b else b
        if None not in (a.shape.rank, b.shape.rank) and max(a.shape.rank, b.shape.rank) <= 2:
            return execute("MatMul", [a, b], {"transpose_a": transpose_a,
                                               "transpose_b": transpose_b}, name=s)
        return execute("BatchMatMulV2", [a, b], {"adj_x": transpose_a, "adj_y": transpose_b},
                       name=s)

"""Linear algebra on matrices and batches of them (the last two dimensions of a tensor):
matmul (MatMul, and BatchMatMulV2 broadcast over leading dimensions), matvec, tensordot,
matrix_transpose, inverse, determinant, and norm (vector and matrix norms).

Each op's kernel, shape rule and gradient stand together below its banner; kernels use
numpy.linalg.
"""
import functools
import operator

import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, broadcast_shapes, dim_at
from ..framework.tensor import EagerTensor, Tensor
from . import arithmetic_ops
from .array_ops import expand_dims, rank, reshape, shape, squeeze
from .complex_ops import conj
from .deprecation import deprecated_alias
from .join_ops import concat
from .manip_ops import transpose
from .math_ops import sqrt
from .reduction_ops import reduce_max, reduce_sum
from .registry import convert_to_tensor, execute, in_current_graph, register, scope
from .sequence_ops import range as range_
from .shape_rules import sum_to

NUMBERS = dtypes.NUMBERS


# -- matrix multiplication --------------------------------------------------------------------
def _matmul_kernel(a, b, transpose_a, transpose_b):
    if a.ndim != 2 or b.ndim != 2:
        raise InvalidArgumentError(None, None, "In[%d] ndims must be >= 2" % (a.ndim == 2))
    if transpose_a:
        a = a.T
    if transpose_b:
        b = b.T
    try:
        return a @ b
    except ValueError:  # numpy's check of the inner dimensions, with TensorFlow's message
        raise InvalidArgumentError(None, None, "Matrix size-incompatible: In[0]: [%d,%d], In[1]: "
                                   "[%d,%d]" % (a.shape + b.shape)) from None


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
    """Each input's gradient is a product (x, y, transpose_x, transpose_y) of dy and the other
    input (conjugated), computed only for the inputs that need one."""
    a, b = op.inputs
    na, nb = op.needs
    a, b = conj(a) if nb else a, conj(b) if na else b
    ta, tb = op.get_attr("transpose_a"), op.get_attr("transpose_b")
    if not ta and not tb:
        da, db = (dy, b, False, True), (a, dy, True, False)
    elif not ta:
        da, db = (dy, b, False, False), (dy, a, True, False)
    elif not tb:
        da, db = (b, dy, False, True), (a, dy, False, False)
    else:
        da, db = (b, dy, True, True), (dy, a, True, True)
    return [execute("MatMul", [x, y], {"transpose_a": tx, "transpose_b": ty}, name="MatMul")
            if n else None for (x, y, tx, ty), n in zip((da, db), op.needs)]


register("MatMul", "a: T, b: T", _matmul_kernel, _matmul_infer, _matmul_grad,
         types={"T": NUMBERS | dtypes.COMPLEX}, grad_uses="other inputs")


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
    x, y = op.inputs
    ax, ay = op.get_attr("adj_x"), op.get_attr("adj_y")
    nx, ny = op.needs
    x, y = conj(x) if ny else x, conj(y) if nx else y
    dx = dy_ = None
    if nx:
        dx = sum_to(matmul(y, dy, transpose_a=ay, transpose_b=True) if ax else
                    matmul(dy, y, transpose_b=not ay), x)
    if ny:
        dy_ = sum_to(matmul(dy, x, transpose_a=True, transpose_b=ax) if ay else
                     matmul(x, dy, transpose_a=not ax), y)
    return [dx, dy_]


register("BatchMatMulV2", "x: T, y: T", _batch_matmul_kernel, _batch_matmul_infer,
         _batch_matmul_grad, types={"T": NUMBERS | dtypes.COMPLEX}, grad_uses="other inputs")


def _read_if_variable(x):
    """What `convert_to_tensor` makes eagerly of a variable (or another object that converts
    itself): its value now; anything else as it is."""
    if isinstance(x, Tensor) or not hasattr(x, "_to_tensor"):
        return x
    return in_current_graph(x._to_tensor())


# the attrs of MatMul by (transpose_a, transpose_b), shared by the eager calls (never changed)
_TRANSPOSES = {(ta, tb): {"transpose_a": ta, "transpose_b": tb} for ta in (False, True)
               for tb in (False, True)}


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
    if not (adjoint_a or adjoint_b) and executing_eagerly():
        # the common eager case, in short: what the full path below comes to for it (variables
        # are read first, in order, as its conversions read them; tensors stay as they are)
        if type(a) is not EagerTensor or type(b) is not EagerTensor:
            a, b = _read_if_variable(a), _read_if_variable(b)
        if type(a) is EagerTensor and type(b) is EagerTensor and a._value.ndim <= 2 and \
                b._value.ndim <= 2:
            return execute("MatMul", [a, b], _TRANSPOSES[bool(transpose_a), bool(transpose_b)])
    if transpose_a and adjoint_a or transpose_b and adjoint_b:
        side = "a" if transpose_a and adjoint_a else "b"
        raise ValueError("Only one of `transpose_%s` and `adjoint_%s` can be True; both are."
                         % (side, side))
    transpose_a, transpose_b = bool(transpose_a or adjoint_a), bool(transpose_b or adjoint_b)
    with scope(name or "MatMul") as s:
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, name="b", dtype_hint=a.dtype)
        a, b = conj(a) if adjoint_a else a, conj(b) if adjoint_b else b
        ra, rb = a.shape.rank, b.shape.rank
        if ra is not None and rb is not None and ra <= 2 and rb <= 2:
            return execute("MatMul", [a, b], {"transpose_a": transpose_a,
                                               "transpose_b": transpose_b}, name=s)
        return execute("BatchMatMulV2", [a, b], {"adj_x": transpose_a, "adj_y": transpose_b},
                       name=s)


# -- products and transposes ------------------------------------------------------------------
def matvec(a, b, transpose_a=False, adjoint_a=False, name=None):
    """The product of each matrix in `a` (transposed if `transpose_a` or `adjoint_a`) with the
    vector in `b` at the same batch position.

    >>> minitf.linalg.matvec([[1., 2.], [3., 4.]], [1., 1.])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 7.], dtype=float32)>
    """
    with scope(name or "MatVec"):
        product = matmul(a, expand_dims(b, -1), transpose_a=transpose_a or adjoint_a)
        return squeeze(product, axis=-1)


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """Each matrix in `a` transposed (its last two dimensions swapped).

    Raises:
      ValueError: if `a` has rank less than 2.

    >>> minitf.linalg.matrix_transpose(minitf.zeros([4, 2, 3])).shape
    TensorShape([4, 3, 2])
    """
    with scope(name):
        value, a = a, convert_to_tensor(a, name="a")
        r = a.shape.rank
        if r is None:
            r = rank(a)
            perm = concat([range_(r - 2), [r - 1, r - 2]], 0)
        elif r < 2:
            raise ValueError("Argument `a` should be a (batch) matrix with rank >= 2.  Received "
                             "`a` = %s with shape: %s" % (value, a.shape))
        else:
            perm = list(range(r - 2)) + [r - 1, r - 2]
        return transpose(a, perm, conjugate, name="transpose")


def _tensordot_axes(a, b, axes):
    ra, rb = a.shape.rank, b.shape.rank
    if ra is None or rb is None:
        raise ValueError("tensordot needs the ranks of its inputs; %s and %s have shapes %s and "
                         "%s." % (a.name, b.name, a.shape, b.shape))
    if isinstance(axes, (int, np.integer)):
        if axes < 0:
            raise ValueError("`axes` must be at least 0. Received: %d." % axes)
        if axes > ra:
            raise ValueError("`axes` must not be larger than the number of dimensions of tensor "
                             "%s.  Received %d, vs tensor dimensions %d." % (a, axes, ra))
        return list(range(ra - axes, ra)), list(range(axes))
    a_axes, b_axes = ([int(i) for i in np.reshape(x, [-1])] for x in axes)
    if len(a_axes) != len(b_axes):
        raise ValueError("Different number of contraction axes `a` and `b`, %d != %d."
                         % (len(a_axes), len(b_axes)))
    return [i % ra for i in a_axes], [i % rb for i in b_axes]


def _dim(t, i):
    d = dim_at(t.shape, i)
    return d if d is not None else shape(t)[i]


def _product(dims):
    dims = list(dims)
    return functools.reduce(operator.mul, dims) if dims else 1


def tensordot(a, b, axes, name=None):
    """The sum over the paired `axes` of the products of `a`'s and `b`'s elements.

    Args:
      a, b: tensors of one dtype (of known rank).
      axes: n, to pair a's last n dimensions with b's first n; or a pair of lists
        [a_axes, b_axes].
      name: the op name.

    Returns:
      A tensor with a's free dimensions followed by b's.

    >>> minitf.tensordot(minitf.ones([2, 3]), minitf.ones([3, 4]), 1).shape
    TensorShape([2, 4])
    """
    with scope(name or "Tensordot") as s:
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, name="b", dtype_hint=a.dtype)
        a_axes, b_axes = _tensordot_axes(a, b, axes)
        a_free = [i for i in range(a.shape.rank) if i not in a_axes]
        b_free = [i for i in range(b.shape.rank) if i not in b_axes]
        a2 = _as_matrix(a, a_free, a_axes)
        b2 = _as_matrix(b, b_axes, b_free)
        dims = [_dim(a, i) for i in a_free] + [_dim(b, i) for i in b_free]
        return reshape(matmul(a2, b2), dims, name=s)


def _as_matrix(t, rows, cols):
    """`t` with its dimensions `rows` moved first and flattened, and `cols` flattened after."""
    if len(rows) == len(cols) == 1:
        return t if rows < cols else transpose(t)
    dims = [_product(_dim(t, i) for i in rows), _product(_dim(t, i) for i in cols)]
    if rows + cols != sorted(rows + cols):
        t = transpose(t, rows + cols)
    return reshape(t, dims)


# -- inverse and determinant ------------------------------------------------------------------
def _square_shape(s):
    """The batch dims and the matrix size n (or None) of shape `s` of square matrices; raises
    (with TensorFlow's eager words) for a shape that cannot be one."""
    if s.rank < 2:
        raise ValueError("Input tensor 0 must have rank >= 2, got %d" % s.rank)
    m, n = dim_at(s, -2), dim_at(s, -1)
    if None not in (m, n) and m != n:
        raise ValueError("Input matrix must be square.")
    return s.as_list()[:-2], n if m is None else m


def _square_infer(x, out_dims):
    if x.shape.rank is None:
        return [(x.dtype, TensorShape(None))]
    return [(x.dtype, TensorShape(out_dims(*_square_shape(x.shape))))]


def _square_kernel(fn):
    """A kernel applying numpy.linalg `fn` to a batch of square matrices (float16 in float32)."""
    def run(x, **attrs):
        _square_shape(TensorShape(x.shape))
        wide = np.promote_types(x.dtype, np.float32)
        return np.asarray(fn(x.astype(wide, copy=False), **attrs)).astype(x.dtype, copy=False)
    return run


def _inverse(x, adjoint):
    try:
        inv = np.linalg.inv(x)
    except np.linalg.LinAlgError:
        raise ValueError("Input is not invertible.")
    return np.swapaxes(inv, -1, -2) if adjoint else inv


def _inverse_grad(op, dy):
    """d(A^-1) = -A^-1 dA A^-1, so dA = -A^-T dy A^-T (and its transpose for `adjoint`)."""
    y = op.outputs[0]
    if op.get_attr("adjoint"):
        return [-matmul(y, matmul(dy, y, transpose_a=True))]
    return [-matmul(y, matmul(dy, y, transpose_b=True), transpose_a=True)]


def _determinant_grad(op, dy):
    """d det(A) / dA = det(A) A^-T."""
    g = expand_dims(expand_dims(dy * op.outputs[0], -1), -1)
    return [g * matrix_inverse(op.inputs[0], adjoint=True)]


register("MatrixInverse", "input: T", _square_kernel(_inverse),
         lambda inputs, adjoint: _square_infer(inputs[0], lambda batch, n: batch + [n, n]),
         _inverse_grad, types={"T": dtypes.FLOATS})
register("MatrixDeterminant", "input: T", _square_kernel(np.linalg.det),
         lambda inputs: _square_infer(inputs[0], lambda batch, n: batch), _determinant_grad,
         types={"T": dtypes.FLOATS})


def matrix_inverse(input, adjoint=False, name=None):
    """The inverse of each square matrix in `input` (of its transpose, if `adjoint`).

    Raises:
      InvalidArgumentError: for a matrix that is not square or not invertible.

    >>> minitf.linalg.inv([[2., 1.], [1., 1.]])
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[ 1., -1.],
           [-1.,  2.]], dtype=float32)>
    """
    return execute("MatrixInverse", [input], {"adjoint": adjoint}, name=name or "MatrixInverse")


def matrix_determinant(input, name=None):
    """The determinant of each square matrix in `input` (shape: input's batch dimensions).

    >>> minitf.linalg.det([[2., 1.], [1., 3.]])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    return execute("MatrixDeterminant", [input], name=name or "MatrixDeterminant")


# -- norms ------------------------------------------------------------------------------------
_VECTOR_ORDS, _MATRIX_ORDS = ["euclidean", 1, 2, np.inf], ["euclidean", "fro", 1, 2, np.inf]


def _is_matrix_norm(ord, axis):
    """Whether `axis` asks for a matrix norm; raises for the `ord` and `axis` TensorFlow
    rejects."""
    if isinstance(axis, (list, tuple)) and len(axis) == 2 and axis[0] != axis[1] and \
            all(isinstance(a, int) for a in axis):
        if ord not in _MATRIX_ORDS:
            raise ValueError("'ord' must be a supported matrix norm in %s, got %s"
                             % (_MATRIX_ORDS, ord))
        if ord == 2:
            raise NotImplementedError("minitf has no matrix 2-norm (the largest singular value "
                                      "needs an SVD); use ord='fro', 1 or np.inf.")
        return True
    if not (axis is None or isinstance(axis, int)):
        raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers, "
                         "got %s" % (axis,))
    if ord not in _VECTOR_ORDS and (isinstance(ord, str) or not ord > 0):
        raise ValueError("'ord' must be a supported vector norm, got %s" % (ord,))
    return False


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """A vector norm (over all elements, or along the int `axis`) or a matrix norm (over the
    2 dimensions of a pair `axis`).

    Args:
      tensor: a float tensor.
      ord: for vectors "euclidean" (= 2), 1, np.inf or any p > 0; for matrices "euclidean" or
        "fro" (Frobenius), 1 (largest column sum of |x|) or np.inf (largest row sum).
      axis: None, an int, or a pair of distinct ints.
      keepdims: keep the reduced dimensions with size 1.
      name: the name scope.

    Raises:
      ValueError: for an unsupported `ord` or `axis`.
      NotImplementedError: for the matrix 2-norm (the largest singular value).

    >>> minitf.norm(minitf.constant([[3., -4.], [0., 0.]]), ord=1, axis=1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([7., 0.], dtype=float32)>
    """
    matrix = _is_matrix_norm(ord, axis)
    keep = bool(keepdims)
    with scope(name or "norm"):
        x = convert_to_tensor(tensor)
        if ord in ("euclidean", "fro", 2):
            return sqrt(reduce_sum(x * x, axis, keep))
        a = arithmetic_ops.abs(x)
        if ord == 1 and matrix:
            return reduce_max(reduce_sum(a, axis[0], keepdims=True), list(axis), keep)
        if ord == np.inf and matrix:
            return reduce_max(reduce_sum(a, axis[1], keepdims=True), list(axis), keep)
        if ord == 1:
            return reduce_sum(a, axis, keep)
        if ord == np.inf:
            return reduce_max(a, axis, keep)
        return arithmetic_ops.pow(reduce_sum(arithmetic_ops.pow(a, ord), axis, keep), 1.0 / ord)


def norm_v1(tensor, ord="euclidean", axis=None, keepdims=None, name=None, keep_dims=None):
    """TensorFlow 1.x's `norm`, which also takes `keep_dims`, the older name of `keepdims`."""
    keepdims = deprecated_alias(keepdims, keep_dims, "keepdims", "keep_dims")
    return norm(tensor, ord, axis, keepdims, name)

"""Arithmetic: elementwise unary and binary ops (with maximum, minimum and divide_no_nan),
comparisons, casts, matmul, and sum and mean with the helpers that every reduction shares.

Further elementwise functions (trigonometric, rounding, ...) are in unary_ops, the other
reductions in reduction_ops. Each op's kernel, shape rule and gradient stand together below its
banner. Binary ops broadcast like numpy; their gradients reduce back to each input's shape with
`array_ops.sum_to`.
"""
import functools

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import SCALAR, TensorShape, broadcast_shapes
from .array_ops import (broadcast_to, expand_dims, identity, ones_like, rank, reshape, shape,
                        shape_of, size, sum_to, where, zeros_like)
from .registry import (constant_value, contains_tensor, convert_to_tensor, execute,
                       numpy_silenced, register, scope)

FLOATS, NUMBERS = dtypes.FLOATS, dtypes.NUMBERS


def quiet(kernel):
    """A kernel that returns inf/nan where numpy would also warn (as TensorFlow does). A plan
    silences numpy once for its whole run (registry.numpy_silenced), so the kernels it calls
    skip this wrapper's own, costlier, silencing."""
    @functools.wraps(kernel)
    def run(*args, **kwargs):
        if numpy_silenced.depth:
            return kernel(*args, **kwargs)
        with np.errstate(all="ignore"):
            return kernel(*args, **kwargs)
    return run


@functools.lru_cache(maxsize=None)
def scipy_special():
    """scipy.special, imported on first use: importing it takes longer than all of minitf."""
    from scipy import special
    return special


def _unary(inputs, **_):
    return [(inputs[0].dtype, inputs[0].shape)]


def _binary(inputs, **_):
    x, y = inputs
    return [(x.dtype, broadcast_shapes(x.shape, y.shape))]


def _compare(inputs, **_):
    return [(dtypes.bool, _binary(inputs)[0][1])]


def _int_division_check(kernel):
    def run(x, y):
        if y.dtype.kind in "iu" and not np.all(y):
            raise InvalidArgumentError(None, None, "Integer division by zero")
        return quiet(kernel)(x, y)
    return run


# -- binary arithmetic ------------------------------------------------------------------------
def _add_grad(op, dy):
    x, y = op.inputs
    return [sum_to(dy, x), sum_to(dy, y)]


def _sub_grad(op, dy):
    x, y = op.inputs
    return [sum_to(dy, x), sum_to(negative(dy), y)]


def _mul_grad(op, dy):
    x, y = op.inputs
    return [sum_to(dy * y, x), sum_to(x * dy, y)]


def _div_grad(op, dy):
    x, y = op.inputs
    return [sum_to(dy / y, x), sum_to(dy * (negative(x) / y / y), y)]


def _pow_grad(op, dy):
    x, y = op.inputs
    positive = x > 0
    log_x = where(positive, log(where(positive, x, 1)), 0)
    return [sum_to(dy * y * pow(x, y - 1), x), sum_to(dy * op.outputs[0] * log_x, y)]


def _floordiv_kernel(x, y):
    if x.dtype.kind == "f":
        return np.floor(x / y)  # as TensorFlow: 1.0 // 0.1 is 10, where numpy and Python give 9
    return np.floor_divide(x, y)


def _floormod_kernel(x, y):
    if x.dtype.kind != "f":
        return np.mod(x, y)
    r = np.fmod(x, y)  # as TensorFlow: a zero keeps the sign of x, where numpy gives y's
    return np.where((r != 0) & ((x < 0) != (y < 0)), r + y, r)


def _floormod_grad(op, dy):
    x, y = op.inputs
    return [sum_to(dy, x), sum_to(dy * negative(floordiv(x, y)), y)]


register("AddV2", "x: T, y: T", quiet(np.add), _binary, _add_grad, types={"T": NUMBERS})
register("Sub", "x: T, y: T", quiet(np.subtract), _binary, _sub_grad, types={"T": NUMBERS})
register("Mul", "x: T, y: T", quiet(np.multiply), _binary, _mul_grad, types={"T": NUMBERS})
register("RealDiv", "x: T, y: T", quiet(np.true_divide), _binary, _div_grad, types={"T": FLOATS})
register("Pow", "x: T, y: T", quiet(np.power), _binary, _pow_grad, types={"T": NUMBERS})
register("FloorDiv", "x: T, y: T", _int_division_check(_floordiv_kernel), _binary, None,
         types={"T": NUMBERS})
register("FloorMod", "x: T, y: T", _int_division_check(_floormod_kernel), _binary,
         _floormod_grad, types={"T": NUMBERS})


def add(x, y, name=None):
    """Elementwise `x + y`, broadcasting like numpy.

    >>> minitf.add(minitf.constant([1, 2, 3]), minitf.constant([9, 19, 29]))
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([10, 21, 32], dtype=int32)>
    """
    return execute("AddV2", [x, y], name=name or "Add")


def subtract(x, y, name=None):
    """Elementwise `x - y`."""
    return execute("Sub", [x, y], name=name or "Sub")


def multiply(x, y, name=None):
    """Elementwise `x * y`."""
    return execute("Mul", [x, y], name=name or "Mul")


def truediv(x, y, name=None):
    """Elementwise `x / y`; integer inputs are first cast to float64 (8- and 16-bit ones to
    float32).

    Raises:
      TypeError: if `x` and `y` have different dtypes, or are bool.

    >>> minitf.constant([1, 2]) / minitf.constant([2, 2])
    <tf.Tensor: shape=(2,), dtype=float64, numpy=array([0.5, 1. ])>
    """
    with scope(name or "truediv") as s:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype_hint=x.dtype)
        return execute("RealDiv", _division_operands(x, y, "__truediv__"), name=s)


def _division_operands(x, y, caller):
    """The tensors x and y of a true division, checked as TensorFlow checks them, and cast to
    float32 when both are 8- or 16-bit integers and to float64 when both are wider ones."""
    if x.dtype is not y.dtype:
        raise TypeError("`x` and `y` must have the same dtype, got %r != %r." % (x.dtype, y.dtype))
    if not (x.dtype.is_floating or x.dtype.is_integer):
        raise TypeError("Invalid dtype %r in %s: expected a float or integer dtype."
                        % (x.dtype, caller))
    if x.dtype.is_integer:
        to = dtypes.float64 if x.dtype.size >= 4 else dtypes.float32
        return [cast(x, to), cast(y, to)]
    return [x, y]


def divide(x, y, name=None):
    """Elementwise `x / y` (see `truediv`); a Python `x` takes the dtype of a tensor `y`.

    >>> minitf.math.divide(1, minitf.constant([4.0], minitf.float16))
    <tf.Tensor: shape=(1,), dtype=float16, numpy=array([0.25], dtype=float16)>
    """
    if contains_tensor(y) and not contains_tensor(x):
        x = convert_to_tensor(x, dtype=y.dtype)
    return truediv(x, y, name=name)


def div(x, y, name=None):
    """TensorFlow 1.x's `div`, with Python 2's meaning of `/`: floor division (FloorDiv) for
    integers, true division (RealDiv) for floats. `y` is converted to the dtype of `x`.

    >>> minitf.compat.v1.div(minitf.constant([7, -7]), 2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 3, -4], dtype=int32)>
    """
    with scope(name or "div") as s:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, x.dtype, name="y")
        return execute("RealDiv" if x.dtype.is_floating else "FloorDiv", [x, y], name=s)


def floordiv(x, y, name=None):
    """Elementwise `x // y`, rounding toward negative infinity; for floats `floor(x / y)`.

    >>> minitf.math.floordiv(minitf.constant([1.0, -7.0]), minitf.constant([0.1, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([10., -4.], dtype=float32)>
    """
    return execute("FloorDiv", [x, y], name=name or "floordiv")


def floor_div(x, y, name=None):
    """TensorFlow 1.x's raw FloorDiv op: `floordiv` under the op's own default name."""
    return execute("FloorDiv", [x, y], name=name or "FloorDiv")


def floormod(x, y, name=None):
    """Elementwise `x % y` with the sign of `y`, as Python's `%` (a zero result keeps the sign
    of `x`)."""
    return execute("FloorMod", [x, y], name=name or "FloorMod")


def pow(x, y, name=None):  # noqa: A001 - TensorFlow's name
    """Elementwise `x ** y`."""
    return execute("Pow", [x, y], name=name or "Pow")


# -- unary arithmetic -------------------------------------------------------------------------
register("Neg", "x: T", np.negative, _unary, lambda op, dy: [negative(dy)], types={"T": NUMBERS})
register("Square", "x: T", quiet(np.square), _unary,
         lambda op, dy: [dy * (2 * op.inputs[0])], types={"T": NUMBERS})
register("Sqrt", "x: T", quiet(np.sqrt), _unary,
         lambda op, dy: [dy * 0.5 / op.outputs[0]], types={"T": FLOATS})
register("Exp", "x: T", quiet(np.exp), _unary,
         lambda op, dy: [dy * op.outputs[0]], types={"T": FLOATS})
register("Log", "x: T", quiet(np.log), _unary,
         lambda op, dy: [dy / op.inputs[0]], types={"T": FLOATS})
register("Abs", "x: T", np.abs, _unary,
         lambda op, dy: [dy * sign(op.inputs[0])], types={"T": NUMBERS})
register("Sign", "x: T", np.sign, _unary, lambda op, dy: [zeros_like(dy)], types={"T": NUMBERS})


def negative(x, name=None):
    """Elementwise `-x`."""
    return execute("Neg", [x], name=name or "Neg")


def square(x, name=None):
    """Elementwise `x * x`."""
    return execute("Square", [x], name=name or "Square")


def sqrt(x, name=None):
    """Elementwise square root (float inputs)."""
    return execute("Sqrt", [x], name=name or "Sqrt")


def exp(x, name=None):
    """Elementwise `e ** x` (float inputs)."""
    return execute("Exp", [x], name=name or "Exp")


def log(x, name=None):
    """Elementwise natural logarithm (float inputs); `log(0)` is `-inf`."""
    return execute("Log", [x], name=name or "Log")


def abs(x, name=None):  # noqa: A001 - TensorFlow's name
    """Elementwise absolute value."""
    return execute("Abs", [x], name=name or "Abs")


def sign(x, name=None):
    """Elementwise -1, 0 or 1."""
    return execute("Sign", [x], name=name or "Sign")


# -- comparisons ------------------------------------------------------------------------------
for _type, _fn in (("Less", np.less), ("LessEqual", np.less_equal), ("Greater", np.greater),
                   ("GreaterEqual", np.greater_equal), ("Equal", np.equal),
                   ("NotEqual", np.not_equal)):
    register(_type, "x: T, y: T", _fn, _compare, None)


def less(x, y, name=None):
    """Elementwise `x < y` as a bool tensor."""
    return execute("Less", [x, y], name=name or "Less")


def less_equal(x, y, name=None):
    """Elementwise `x <= y` as a bool tensor."""
    return execute("LessEqual", [x, y], name=name or "LessEqual")


def greater(x, y, name=None):
    """Elementwise `x > y` as a bool tensor."""
    return execute("Greater", [x, y], name=name or "Greater")


def greater_equal(x, y, name=None):
    """Elementwise `x >= y` as a bool tensor."""
    return execute("GreaterEqual", [x, y], name=name or "GreaterEqual")


def equal(x, y, name=None):
    """Elementwise `x == y` as a bool tensor."""
    return execute("Equal", [x, y], name=name or "Equal")


def not_equal(x, y, name=None):
    """Elementwise `x != y` as a bool tensor."""
    return execute("NotEqual", [x, y], name=name or "NotEqual")


register("IsNan", "x: T", np.isnan, lambda inputs: [(dtypes.bool, inputs[0].shape)], None,
         types={"T": FLOATS})
register("IsFinite", "x: T", np.isfinite, lambda inputs: [(dtypes.bool, inputs[0].shape)], None,
         types={"T": FLOATS})
register("IsInf", "x: T", np.isinf, lambda inputs: [(dtypes.bool, inputs[0].shape)], None,
         types={"T": FLOATS})


def is_nan(x, name=None):
    """Elementwise: whether `x` is NaN (float inputs).

    >>> minitf.math.is_nan(minitf.constant([1., float("nan")]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    return execute("IsNan", [x], name=name or "IsNan")


def is_finite(x, name=None):
    """Elementwise: whether `x` is neither infinite nor NaN (float inputs)."""
    return execute("IsFinite", [x], name=name or "IsFinite")


def is_inf(x, name=None):
    """Elementwise: whether `x` is inf or -inf (float inputs).

    >>> minitf.math.is_inf(minitf.constant([1., -float("inf"), float("nan")]))
    <tf.Tensor: shape=(3,), dtype=bool, numpy=array([False,  True, False])>
    """
    return execute("IsInf", [x], name=name or "IsInf")


# -- maxima, minima, squared differences, safe division ---------------------------------------
def _maximum_kernel(x, y):
    if x.dtype.kind != "f":
        return np.maximum(x, y)
    return np.where((x < y) | (y != y), y, x)  # NaN wins; a tie gives x (so -0. beats 0.)


def _minimum_kernel(x, y):
    if x.dtype.kind != "f":
        return np.minimum(x, y)
    return np.where((y < x) | (y != y), y, x)


def _selector_grad(select_x):
    """The gradient of maximum (select_x = greater_equal) or minimum (less_equal): dy goes to
    whichever input was picked, and to x on ties."""
    def grad(op, dy):
        x, y = op.inputs
        picked, zeros = select_x(x, y), zeros_like(dy)
        return [sum_to(where(picked, dy, zeros), x), sum_to(where(picked, zeros, dy), y)]
    return grad


def _squared_difference_grad(op, dy):
    x, y = op.inputs
    dx = (2 * dy) * (x - y)
    return [sum_to(dx, x), sum_to(negative(dx), y)]


def _div_no_nan_kernel(x, y):
    return np.where(y == 0, np.zeros((), x.dtype), x / y)


def _div_no_nan_grad(op, dy):
    x, y = op.inputs
    return [sum_to(divide_no_nan(dy, y), x),
            sum_to(dy * divide_no_nan(divide_no_nan(negative(x), y), y), y)]


register("Maximum", "x: T, y: T", _maximum_kernel, _binary, _selector_grad(greater_equal),
         types={"T": NUMBERS})
register("Minimum", "x: T, y: T", _minimum_kernel, _binary, _selector_grad(less_equal),
         types={"T": NUMBERS})
register("SquaredDifference", "x: T, y: T", quiet(lambda x, y: np.square(x - y)), _binary,
         _squared_difference_grad, types={"T": FLOATS | {dtypes.int32, dtypes.int64}})
register("DivNoNan", "x: T, y: T", quiet(_div_no_nan_kernel), _binary, _div_no_nan_grad,
         types={"T": FLOATS})


def maximum(x, y, name=None):
    """Elementwise max of `x` and `y` (broadcasting). NaN propagates; on a tie the result, and
    its gradient, go to `x`.

    >>> minitf.maximum(minitf.constant([1., 5.]), 3.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 5.], dtype=float32)>
    """
    return execute("Maximum", [x, y], name=name or "Maximum")


def minimum(x, y, name=None):
    """Elementwise min of `x` and `y` (broadcasting). NaN propagates; on a tie the result, and
    its gradient, go to `x`.

    >>> minitf.minimum(minitf.constant([1, 5]), 3)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 3], dtype=int32)>
    """
    return execute("Minimum", [x, y], name=name or "Minimum")


def squared_difference(x, y, name=None):
    """Elementwise `(x - y) ** 2` (float, int32 and int64 inputs).

    >>> minitf.math.squared_difference(minitf.constant([1., 4.]), 2.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 4.], dtype=float32)>
    """
    return execute("SquaredDifference", [x, y], name=name or "SquaredDifference")


def divide_no_nan(x, y, name=None):
    """Elementwise `x / y`, but 0 wherever `y` is 0 (even for x = 0, inf or NaN). Integer
    inputs are first cast to a float type, as in `truediv`.

    Raises:
      TypeError: if `x` and `y` have different dtypes, or are bool.

    >>> minitf.math.divide_no_nan(minitf.constant([3., 3.]), minitf.constant([2., 0.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.5, 0. ], dtype=float32)>
    """
    with scope(name or "div_no_nan") as s:
        if contains_tensor(y) and not contains_tensor(x):
            x = convert_to_tensor(x, dtype=y.dtype, name="x")
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype_hint=x.dtype)
        return execute("DivNoNan", _division_operands(x, y, "tf.math.divide_no_nan"), name=s)


# -- casts ------------------------------------------------------------------------------------
def _cast_grad(op, dy):
    src = op.inputs[0].dtype
    if src.is_floating and dy.dtype.is_floating:
        return [cast(dy, src)]
    return [None]


register("Cast", "x: any", quiet(lambda x, DstT: np.asarray(x).astype(DstT.np)),
         lambda inputs, DstT: [(DstT, inputs[0].shape)], _cast_grad)


def cast(x, dtype, name=None):
    """`x` converted elementwise to `dtype` (floats to ints truncate toward zero).

    >>> minitf.cast(minitf.constant([1.7, -1.7]), minitf.int32)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 1, -1], dtype=int32)>
    """
    dtype = dtypes.as_dtype(dtype)
    if isinstance(x, (list, tuple)) or not contains_tensor(x):  # a value: "Cast/x" in a graph
        with scope(name or "Cast") as s:
            return cast(convert_to_tensor(x, name="x"), dtype, name=s)
    x = convert_to_tensor(x)
    if x.dtype is dtype:
        return x
    return execute("Cast", [x], {"DstT": dtype}, name=name or "Cast")


def to_float(x, name="ToFloat"):
    """TensorFlow 1.x's `cast(x, float32)`.

    >>> minitf.compat.v1.to_float(minitf.constant([1, 2]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    return cast(x, dtypes.float32, name)


def to_double(x, name="ToDouble"):
    """TensorFlow 1.x's `cast(x, float64)`."""
    return cast(x, dtypes.float64, name)


def to_int32(x, name="ToInt32"):
    """TensorFlow 1.x's `cast(x, int32)`."""
    return cast(x, dtypes.int32, name)


def to_int64(x, name="ToInt64"):
    """TensorFlow 1.x's `cast(x, int64)`."""
    return cast(x, dtypes.int64, name)


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
    a, b = op.inputs
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
    x, y = op.inputs
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
    batches of matrices, broadcast over their leading dimensions. For the real dtypes minitf
    has, `adjoint_a` and `adjoint_b` (conjugate transposes) are the same as the transposes.

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
        if None not in (a.shape.rank, b.shape.rank) and max(a.shape.rank, b.shape.rank) <= 2:
            return execute("MatMul", [a, b], {"transpose_a": transpose_a,
                                               "transpose_b": transpose_b}, name=s)
        return execute("BatchMatMulV2", [a, b], {"adj_x": transpose_a, "adj_y": transpose_b},
                       name=s)


# -- reductions -------------------------------------------------------------------------------
def _axes(axis):
    return tuple(int(a) for a in np.reshape(axis, [-1]))


def _all_axes(x):
    """The axes of x: a constant when its rank is static, else `range(rank(x))` (as TensorFlow
    builds it), computed at run time."""
    if x.shape.rank is not None:
        return convert_to_tensor(np.arange(x.shape.rank, dtype=np.int32))
    return execute("Range", [0, rank(x), 1], name="range")


def _over_all_axes(x, axis):
    """Whether `axis` is the `range(rank(x))` that `_all_axes` builds for an unknown rank."""
    op = getattr(axis, "op", None)
    if op is None or op.type != "Range":
        return False
    start, limit, delta = op.inputs
    return limit.op.type == "Rank" and limit.op.inputs[0] is x and \
        constant_value(start) == 0 and constant_value(delta) == 1


def _reduce_infer(inputs, keepdims):
    x, axis = inputs
    a = constant_value(axis)
    if x.shape.rank is None:
        scalar = not keepdims and _over_all_axes(x, axis)
        return [(x.dtype, SCALAR if scalar else TensorShape(None))]
    r = x.shape.rank
    if a is None:
        return [(x.dtype, TensorShape([None] * r) if keepdims else TensorShape(None))]
    axes = set()
    for i in _axes(a):
        if not -r <= i < max(r, 1):
            raise ValueError("Invalid reduction dimension %d for input with %d dimensions" %
                             (i, r))
        axes.add(i % r if r else 0)
    dims = x.shape.as_list()
    out = [1 if i in axes else d for i, d in enumerate(dims)] if keepdims else \
        [d for i, d in enumerate(dims) if i not in axes]
    return [(x.dtype, TensorShape(out))]


def _reduced_mask(x, axis):
    """Per dimension of x, whether the axes `axis` (a tensor; negative ones count from the end)
    name it: a bool vector computed at run time, for reductions over axes not known statically."""
    every = _all_axes(x)
    axis = reshape(cast(axis, dtypes.int32), [-1, 1])  # a column, compared with every dimension
    hits = cast(equal(axis, every), dtypes.int32) + cast(equal(axis, every - rank(x)), dtypes.int32)
    return reduce_sum(hits, 0) > 0


def _restore_reduced(dy, op):
    """dy with the reduced dimensions of `op` (a reduction like Sum) put back as size 1."""
    x, axis = op.inputs
    if op.get_attr("keepdims"):
        return dy
    a, r = constant_value(axis), x.shape.rank
    if a is None or r is None:
        dims = shape(x)
        return reshape(dy, where(_reduced_mask(x, axis), ones_like(dims), dims))
    axes = sorted(i % r for i in _axes(a)) if r else []
    if x.shape.is_fully_defined():
        dims = x.shape.as_list()
        return reshape(dy, [1 if i in axes else d for i, d in enumerate(dims)])
    if len(axes) == r:
        return dy
    for i in axes:
        dy = expand_dims(dy, i)
    return dy


def _sum_grad(op, dy):
    return [broadcast_to(_restore_reduced(dy, op), shape_of(op.inputs[0])), None]


def _mean_grad(op, dy):
    x, y = op.inputs[0], op.outputs[0]
    if x.shape.is_fully_defined() and y.shape.is_fully_defined():
        count = max(x.shape.num_elements(), 1) // max(y.shape.num_elements(), 1)
    else:
        count = cast(size(x), dy.dtype) / cast(size(y), dy.dtype)
    return [broadcast_to(_restore_reduced(dy / count, op), shape_of(x)), None]


def _sum_kernel(x, axis, keepdims):
    return np.sum(x, axis=_axes(axis), keepdims=keepdims, dtype=x.dtype)


def _mean_kernel(x, axis, keepdims):
    axes = _axes(axis)
    n = int(np.prod([x.shape[a] for a in axes]))
    if x.dtype.kind in "iu":  # summed in 64 bits as in TensorFlow, so that small types do not wrap
        wide = np.uint64 if x.dtype.kind == "u" else np.int64
        s = np.sum(x, axis=axes, keepdims=keepdims, dtype=wide)
        return (np.sign(s) * (np.abs(s) // max(n, 1))).astype(x.dtype)
    s = np.sum(x, axis=axes, keepdims=keepdims, dtype=x.dtype)
    return (s / np.asarray(n, x.dtype)).astype(x.dtype, copy=False)


register("Sum", "input: T, reduction_indices: index", quiet(_sum_kernel), _reduce_infer, _sum_grad,
         types={"T": NUMBERS})
register("Mean", "input: T, reduction_indices: index", quiet(_mean_kernel), _reduce_infer,
         _mean_grad, types={"T": NUMBERS})


def reduce(op_type, input_tensor, axis, keepdims, name):
    """Builds reduction `op_type`; with `axis=None` it reduces over all axes, passed (as in
    TensorFlow) as a constant named "Const" at the current scope, or as `range(rank(x))` when
    the rank is known only at run time."""
    x = convert_to_tensor(input_tensor)
    if axis is None:
        axis = _all_axes(x)
    return execute(op_type, [x, axis], {"keepdims": bool(keepdims)}, name=name or op_type)


def deprecated_alias(value, old_value, name, old_name):
    """The value of an argument that TensorFlow 1.x also took under an older name."""
    if old_value is None:
        return value
    if value is not None:
        raise ValueError("Cannot specify both '%s' and '%s'." % (old_name, name))
    return old_value


def v1_reduction(reduction):
    """`reduction` with TensorFlow 1.x's signature, which also takes `reduction_indices` and
    `keep_dims`, the older names of `axis` and `keepdims`."""
    def v1(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
           keep_dims=None):
        axis = deprecated_alias(axis, reduction_indices, "axis", "reduction_indices")
        keepdims = deprecated_alias(keepdims, keep_dims, "keepdims", "keep_dims")
        return reduction(input_tensor, axis, bool(keepdims), name)
    v1.__name__, v1.__doc__ = reduction.__name__, reduction.__doc__
    return v1


def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    """The sum of elements across `axis` (all axes when None).

    >>> minitf.reduce_sum(minitf.constant([[1, 2], [3, 4]]), axis=0)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([4, 6], dtype=int32)>
    """
    return reduce("Sum", input_tensor, axis, keepdims, name)


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    """The mean of elements across `axis` (all axes when None); integer means are summed in a
    wide type (no wrapping) and round toward zero.

    >>> minitf.reduce_mean(minitf.constant([1., 2.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.5>
    """
    return reduce("Mean", input_tensor, axis, keepdims, name)


reduce_sum_v1, reduce_mean_v1 = v1_reduction(reduce_sum), v1_reduction(reduce_mean)


# -- sums of many -----------------------------------------------------------------------------
def _add_n_kernel(*inputs):
    out = inputs[0]
    for i, x in enumerate(inputs[1:], 1):
        if x.shape != out.shape:  # no broadcasting, as in TensorFlow
            raise InvalidArgumentError(None, None, "Inputs to AddN must have the same shape: "
                                       "input 0 is %s, input %d is %s"
                                       % (list(out.shape), i, list(x.shape)))
        out = out + x
    return out


def _add_n_infer(inputs):
    s = inputs[0].shape
    for t in inputs[1:]:
        s = s.merge_with(t.shape)
    return [(inputs[0].dtype, s)]


register("AddN", "inputs: N*T", _add_n_kernel, _add_n_infer,
         lambda op, dy: [dy] * len(op.inputs), types={"T": NUMBERS})


def add_n(inputs, name=None):
    """The elementwise sum of a list of tensors of one shape and dtype (it does not broadcast).

    Raises:
      InvalidArgumentError (eager) / ValueError (graph): if the shapes differ.

    >>> minitf.add_n([minitf.constant(1.), minitf.constant(2.)])
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
    """
    if not inputs:
        raise ValueError("Inputs must be an iterable of at least one Tensor with the same dtype "
                         "and shape.")
    if len(inputs) == 1:
        return identity(inputs[0], name=name) if name else convert_to_tensor(inputs[0])
    return execute("AddN", [list(inputs)], name=name or "AddN")


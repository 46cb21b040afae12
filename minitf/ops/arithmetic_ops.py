"""Arithmetic: the binary ops behind `+ - * / // % **` (broadcasting like numpy; their gradients
reduce back to each input's shape with `sum_to`), negation, abs, sign and square, maximum and
minimum, squared_difference and divide_no_nan; casts; and add_n, the sum of many tensors.

Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, UnimplementedError
from .array_ops import identity
from .comparison_ops import greater_equal, less_equal, not_equal, where
from .complex_ops import conj
from .fill_ops import zeros_like
from .kernels import quiet
from .registry import contains_tensor, convert_to_tensor, execute, plain_operand, register, scope
from .shape_rules import binary, same, sum_to

FLOATS, NUMBERS, COMPLEX = dtypes.FLOATS, dtypes.NUMBERS, dtypes.COMPLEX


def _int_division_check(kernel):
    def run(x, y):
        if y.dtype.kind in "iu" and not np.all(y):
            raise InvalidArgumentError(None, None, "Integer division by zero")
        return quiet(kernel)(x, y)
    return run


# -- binary arithmetic ------------------------------------------------------------------------
def _add_grad(op, dy):
    x, y = op.inputs
    nx, ny = op.needs
    return [sum_to(dy, x) if nx else None, sum_to(dy, y) if ny else None]


def _sub_grad(op, dy):
    x, y = op.inputs
    nx, ny = op.needs
    return [sum_to(dy, x) if nx else None, sum_to(negative(dy), y) if ny else None]


def _mul_grad(op, dy):
    x, y = op.inputs
    nx, ny = op.needs
    return [sum_to(dy * conj(y), x) if nx else None, sum_to(conj(x) * dy, y) if ny else None]


def _div_grad(op, dy):
    x, y = op.inputs
    nx, ny = op.needs
    return [sum_to(dy / conj(y), x) if nx else None,
            sum_to(dy * conj(negative(x) / y / y), y) if ny else None]


def _pow_grad(op, dy):
    x, y = op.inputs
    usable = not_equal(x, 0) if x.dtype.is_complex else x > 0  # where log(x) is defined
    log_x = where(usable, execute("Log", [where(usable, x, 1)]), 0)
    return [sum_to(dy * conj(y * pow(x, y - 1)), x),
            sum_to(dy * conj(op.outputs[0] * log_x), y)]


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


register("AddV2", "x: T, y: T", quiet(np.add), binary, _add_grad,  # strings concatenate
         types={"T": NUMBERS | COMPLEX | {dtypes.string}}, grad_uses="none")
register("Sub", "x: T, y: T", quiet(np.subtract), binary, _sub_grad, types={"T": NUMBERS | COMPLEX},
         grad_uses="none")
register("Mul", "x: T, y: T", quiet(np.multiply), binary, _mul_grad, types={"T": NUMBERS | COMPLEX},
         grad_uses="other inputs")
register("RealDiv", "x: T, y: T", quiet(np.true_divide), binary, _div_grad,
         types={"T": FLOATS | COMPLEX}, grad_uses="inputs")
register("Pow", "x: T, y: T", quiet(np.power), binary, _pow_grad, types={"T": NUMBERS | COMPLEX})
register("FloorDiv", "x: T, y: T", _int_division_check(_floordiv_kernel), binary, None,
         types={"T": NUMBERS})
register("FloorMod", "x: T, y: T", _int_division_check(_floormod_kernel), binary,
         _floormod_grad, types={"T": NUMBERS}, grad_uses="inputs")


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
    if not (x.dtype.is_floating or x.dtype.is_integer or x.dtype.is_complex):
        raise TypeError("Invalid dtype %r in %s: expected a float, integer or complex dtype."
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


# -- negation, abs, sign, square --------------------------------------------------------------
register("Neg", "x: T", np.negative, same, lambda op, dy: [negative(dy)],
         types={"T": NUMBERS | COMPLEX}, grad_uses="none")
register("Square", "x: T", quiet(np.square), same,
         lambda op, dy: [dy * (plain_operand(2, dy.dtype) * conj(op.inputs[0]))],
         types={"T": NUMBERS | COMPLEX}, grad_uses="inputs")


register("Abs", "x: T", np.abs, same,
         lambda op, dy: [dy * sign(op.inputs[0])], types={"T": NUMBERS}, grad_uses="inputs")
register("Sign", "x: T", np.sign, same, lambda op, dy: [zeros_like(dy)], types={"T": NUMBERS},
         grad_uses="none")


def negative(x, name=None):
    """Elementwise `-x`."""
    return execute("Neg", [x], name=name or "Neg")


def square(x, name=None):
    """Elementwise `x * x`."""
    return execute("Square", [x], name=name or "Square")


def abs(x, name=None):  # noqa: A001 - TensorFlow's name
    """Elementwise absolute value; for a complex `x` the real magnitude (ComplexAbs).

    >>> minitf.abs(minitf.constant([3 + 4j]))
    <tf.Tensor: shape=(1,), dtype=float64, numpy=array([5.])>
    """
    x = convert_to_tensor(x)
    if x.dtype.is_complex:
        return execute("ComplexAbs", [x], {"Tout": x.dtype.real_dtype}, name=name or "Abs")
    return execute("Abs", [x], name=name or "Abs")


def sign(x, name=None):
    """Elementwise -1, 0 or 1."""
    return execute("Sign", [x], name=name or "Sign")


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
    x, y = (conj(t) for t in op.inputs)
    return [sum_to(divide_no_nan(dy, y), x),
            sum_to(dy * divide_no_nan(divide_no_nan(negative(x), y), y), y)]


register("Maximum", "x: T, y: T", _maximum_kernel, binary, _selector_grad(greater_equal),
         types={"T": NUMBERS}, grad_uses="inputs")
register("Minimum", "x: T, y: T", _minimum_kernel, binary, _selector_grad(less_equal),
         types={"T": NUMBERS}, grad_uses="inputs")
register("SquaredDifference", "x: T, y: T", quiet(lambda x, y: np.square(x - y)), binary,
         _squared_difference_grad, types={"T": FLOATS | {dtypes.int32, dtypes.int64}},
         grad_uses="inputs")
register("DivNoNan", "x: T, y: T", quiet(_div_no_nan_kernel), binary, _div_no_nan_grad,
         types={"T": FLOATS | COMPLEX}, grad_uses="inputs")


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
    if (src.is_floating or src.is_complex) and (dy.dtype.is_floating or dy.dtype.is_complex):
        return [cast(dy, src)]
    return [None]


_C_NAMES = {"float16": "half", "float32": "float", "float64": "double"}  # TensorFlow's words


def _cast_kernel(x, DstT):
    if (x.dtype.kind == "O") != (DstT is dtypes.string):
        names = [_C_NAMES.get(d.name, d.name) for d in (dtypes.from_numpy(x.dtype), DstT)]
        raise UnimplementedError(None, None, "Cast %s to %s is not supported" % tuple(names))
    if x.dtype.kind == "c" and not DstT.is_complex:
        x = x.real  # as TensorFlow: the imaginary part is dropped
    return np.asarray(x).astype(DstT.np)


register("Cast", "x: any", quiet(_cast_kernel), lambda inputs, DstT: [(DstT, inputs[0].shape)],
         _cast_grad, grad_uses="none")


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
         lambda op, dy: [dy] * len(op.inputs), types={"T": NUMBERS | COMPLEX | {dtypes.variant}},
         grad_uses="none")


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

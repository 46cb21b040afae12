"""Every op's values and result dtype agree between eager mode, a graph run in a Session, and
numpy. One table (CASES) drives it; each row is (name, minitf function, numpy reference, args).
"""
import numpy as np
import pytest
from scipy import special

import minitf as tf
from minitf.ops.philox_ops import stateless_draw
from minitf.ops.registry import OPS

F32 = np.array([[1.5, -2.0, 0.25], [3.0, 0.5, -1.0]], np.float32)
F64 = F32.astype(np.float64)
I32 = np.array([[1, -2, 3], [4, 5, -6]], np.int32)
B = np.array([[True, False, True], [False, False, True]])
F64_ODD = np.array([[np.nan, 0.0, -np.inf], [2.5, -0.0, 1e300]])  # NaN, signed zeros, inf
IMAGES = np.arange(2 * 4 * 4 * 3, dtype=np.float32).reshape(2, 4, 4, 3) % 7 - 3
SQUARE = np.array([[2.0, 1.0, 0.5], [-1.0, 3.0, 1.0], [0.0, 1.0, 4.0]], np.float32)
SELU_SCALE, SELU_ALPHA = 1.0507009873554805, 1.6732632423543772
C128 = F64 + 1j * F64[::-1]
C64 = C128.astype(np.complex64)
S = np.array([[b"ab", b" Cd e"], [b"", b"x\xc3\xa9z"]], object)  # "x\xc3\xa9z" is "xéz"
IDX = [[0, 1], [1, 0], [1, 2]]  # the positions of a sparse [2, 3] tensor, in row-major order


def each(fn, out=object):
    """fn applied to every element of an object array, as numpy."""
    return lambda x, *args: np.vectorize(lambda v: fn(v, *args), otypes=[out])(x)


def quotient_or_zero(x, y):
    """divide_no_nan in numpy: x / y as float64, and 0 where y is 0."""
    return np.divide(x, y, out=np.zeros(np.broadcast_shapes(x.shape, y.shape)), where=y != 0)


def floor_remainder(x, y):
    """Float floormod in numpy: the remainder of fmod, moved to the sign of y."""
    with np.errstate(invalid="ignore"):
        r = np.fmod(x, y)
    return np.where(r * y < 0, r + y, r)


def case(name, fn, ref, *args):
    return pytest.param(fn, ref, args, id=name)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def truncated(rng, n):
    """n standard normal draws, each one beyond 2 drawn again."""
    x = rng.standard_normal(n)
    while (np.abs(x) > 2).any():
        x[np.abs(x) > 2] = rng.standard_normal(int((np.abs(x) > 2).sum()))
    return x


CASES = [
    # -- arithmetic and reductions ---------------------------------------------------------
    case("add", tf.add, np.add, F32, F32[0]),
    case("add int", tf.add, np.add, I32, I32),
    case("subtract", tf.subtract, np.subtract, F32, 1.0),
    case("multiply", tf.multiply, np.multiply, I32, I32[:1]),
    case("truediv", tf.divide, np.divide, F32, np.float32(2.0)),
    case("truediv int", tf.divide, lambda a, b: np.divide(a, b).astype(np.float64), I32, I32),
    case("floordiv", tf.math.floordiv, np.floor_divide, I32, np.int32(4)),
    case("floormod", tf.math.floormod, np.mod, F32, np.float32(0.75)),
    case("pow", tf.pow, np.power, np.abs(F32), F32),
    case("negative", tf.negative, np.negative, I32),
    case("abs", tf.abs, np.abs, F32),
    case("sign", tf.sign, np.sign, I32),
    case("square", tf.square, np.square, F32),
    case("sqrt", tf.sqrt, np.sqrt, np.abs(F32)),
    case("exp", tf.exp, np.exp, F32),
    case("log", tf.math.log, np.log, np.abs(F32)),
    case("less", tf.less, np.less, F32, 0.5),
    case("less_equal", tf.less_equal, np.less_equal, I32, 3),
    case("greater", tf.greater, np.greater, F32, F32[1]),
    case("greater_equal", tf.greater_equal, np.greater_equal, I32, I32),
    case("equal", tf.equal, np.equal, I32, 3),
    case("not_equal", tf.not_equal, np.not_equal, F32, F32),
    case("cast", lambda x: tf.cast(x, tf.int32), lambda x: x.astype(np.int32), F32),
    case("matmul", tf.matmul, np.matmul, F32, F32.T),
    case("batch matmul", tf.matmul, np.matmul, np.stack([F32, F32]), F32.T),
    case("reduce_sum", lambda x: tf.reduce_sum(x, axis=0), lambda x: x.sum(0, dtype=x.dtype), I32),
    case("reduce_mean", tf.reduce_mean, np.mean, F32),
    case("add_n", lambda a, b: tf.add_n([a, b, a]), lambda a, b: a + b + a, F32, F32),
    case("maximum", tf.maximum, np.maximum, F32, F32[1]),
    case("maximum int", tf.maximum, np.maximum, I32, 2),
    case("maximum nan and -0 (ties keep x)", tf.maximum,
         lambda x, y: np.where((x < y) | np.isnan(y), y, x), F64_ODD, F64_ODD[::-1]),
    case("minimum", tf.minimum, np.minimum, F32, 0.5),
    case("minimum uint8", tf.minimum, np.minimum, I32.astype(np.uint8), np.uint8(7)),
    case("squared_difference", tf.math.squared_difference, lambda x, y: (x - y) ** 2, F32,
         F32[:, :1]),
    case("squared_difference int", tf.math.squared_difference, lambda x, y: (x - y) ** 2, I32, 3),
    case("divide_no_nan", tf.math.divide_no_nan, quotient_or_zero, F64_ODD,
         np.array([0.0, 2.0, 0.0])),
    case("divide_no_nan int", tf.math.divide_no_nan, quotient_or_zero, I32, I32 * (I32 > 0)),
    case("is_nan", tf.math.is_nan, np.isnan, F64_ODD),
    case("is_finite", tf.math.is_finite, np.isfinite, F64_ODD),
    case("rsqrt", tf.math.rsqrt, lambda x: 1 / np.sqrt(x), np.abs(F32)),
    case("reciprocal", tf.math.reciprocal, np.reciprocal, F32),
    case("expm1", tf.math.expm1, np.expm1, F32),
    case("log1p", tf.math.log1p, np.log1p, np.abs(F32)),
    case("erf", tf.math.erf, special.erf, F32),
    case("sin", tf.sin, np.sin, F32),
    case("cos", tf.cos, np.cos, F32.astype(np.float64)),
    case("tan", tf.tan, np.tan, F32),
    case("sinh", tf.sinh, np.sinh, F32),
    case("cosh", tf.cosh, np.cosh, F32.astype(np.float16)),
    case("asin", tf.asin, np.arcsin, F32 / 4),
    case("acos", tf.acos, np.arccos, F32 / 4),
    case("atan", tf.atan, np.arctan, F32),
    case("floor", tf.floor, np.floor, F32),
    case("ceil", tf.math.ceil, np.ceil, F32),
    case("round halves to even", tf.round, np.round, F32 + 0.5),
    case("round int", tf.round, lambda x: x, I32),
    case("reduce_max", lambda x: tf.reduce_max(x, axis=1), lambda x: x.max(1), F32),
    case("reduce_max int keepdims", lambda x: tf.reduce_max(x, 0, keepdims=True),
         lambda x: x.max(0, keepdims=True), I32),
    case("reduce_max nan", tf.reduce_max, np.max, F64_ODD),
    case("reduce_max empty", lambda x: tf.reduce_max(x, 1), lambda x: np.full(2, -np.inf, x.dtype),
         np.zeros((2, 0), np.float32)),
    case("reduce_min", tf.reduce_min, np.min, F32),
    case("reduce_min int empty", lambda x: tf.reduce_min(x, 0),
         lambda x: np.full(3, 2 ** 31 - 1, np.int32), np.zeros((0, 3), np.int32)),
    case("reduce_prod", lambda x: tf.reduce_prod(x, [-1]), lambda x: x.prod(-1), F32),
    case("reduce_prod int", tf.reduce_prod, lambda x: x.prod(dtype=x.dtype), I32),
    case("reduce_any", lambda x: tf.reduce_any(x, axis=0), lambda x: x.any(0), B),
    case("reduce_all", lambda x: tf.reduce_all(x, axis=1, keepdims=True),
         lambda x: x.all(1, keepdims=True), B),
    case("reduce_logsumexp", lambda x: tf.reduce_logsumexp(x, axis=1),
         lambda x: np.log(np.exp(x).sum(1)), F32),
    case("reduce_logsumexp large", tf.reduce_logsumexp,
         lambda x: np.float32(1000 + np.log(6.0)), np.full((2, 3), 1000.0, np.float32)),
    case("reduce_variance", lambda x: tf.math.reduce_variance(x, 0), lambda x: x.var(0), F32),
    case("reduce_std", tf.math.reduce_std, np.std, F32),
    case("argmax", tf.argmax, lambda x: np.argmax(x, 0), F32),
    case("argmax int32 nan never wins", lambda x: tf.argmax(x, -1, output_type=tf.int32),
         lambda x: np.array([2, 0], np.int32), np.array([[np.nan, 1.0, 2.0], [3.0, np.nan, 1.0]])),
    case("argmin", lambda x: tf.argmin(x, 1), lambda x: np.argmin(x, 1), I32),
    case("argmax bool", tf.argmax, lambda x: np.argmax(x, 0), B),
    case("cumsum", lambda x: tf.cumsum(x, axis=1), lambda x: x.cumsum(1, dtype=x.dtype), I32),
    case("cumsum exclusive reverse", lambda x: tf.cumsum(x, 1, exclusive=True, reverse=True),
         lambda x: np.array([[-2 + 0.25, 0.25, 0.0], [0.5 - 1.0, -1.0, 0.0]], np.float32), F32),
    case("cumprod", tf.math.cumprod, lambda x: x.cumprod(0), F32),
    case("cumprod exclusive", lambda x: tf.math.cumprod(x, -1, exclusive=True),
         lambda x: np.array([[1, 1, -2], [1, 4, 20]], np.int32), I32),
    case("norm", tf.norm, np.linalg.norm, F32),
    case("norm 1 axis", lambda x: tf.norm(x, 1, axis=-1), lambda x: np.abs(x).sum(-1), F32),
    case("norm inf", lambda x: tf.norm(x, np.inf), lambda x: np.abs(x).max(), F32),
    case("norm 3 keepdims", lambda x: tf.norm(x, 3, axis=0, keepdims=True),
         lambda x: (np.abs(x) ** 3).sum(0, keepdims=True) ** (1 / 3), F32.astype(np.float64)),
    case("norm matrix 1", lambda x: tf.norm(x, 1, axis=[0, 1]), lambda x: np.linalg.norm(x, 1),
         F32),
    case("norm matrix inf", lambda x: tf.norm(x, np.inf, axis=(0, 1)),
         lambda x: np.linalg.norm(x, np.inf), F32),
    case("clip_by_value", lambda x: tf.clip_by_value(x, -1.0, 1.0), lambda x: np.clip(x, -1, 1),
         F32),
    case("clip_by_value int", lambda x: tf.clip_by_value(x, I32[0], 4),
         lambda x: np.clip(x, x[0], 4), I32),
    case("clip_by_norm", lambda x: tf.clip_by_norm(x, 2.0), lambda x: x * 2 / np.linalg.norm(x),
         F32),
    case("clip_by_norm axes", lambda x: tf.clip_by_norm(x, 2.0, axes=[1]),
         lambda x: x * 2 / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 2), F32),
    case("logical_and", tf.logical_and, np.logical_and, B, B[::-1]),
    case("logical_or", tf.logical_or, np.logical_or, B, True),
    case("logical_not", tf.logical_not, np.logical_not, B),
    case("logical_xor", tf.math.logical_xor, np.logical_xor, B, B[:1]),
    case("bitwise_and", tf.bitwise.bitwise_and, np.bitwise_and, I32, 6),
    case("bitwise_or", tf.bitwise.bitwise_or, np.bitwise_or, I32.astype(np.uint8), np.uint8(9)),
    case("bitwise_xor", tf.bitwise.bitwise_xor, np.bitwise_xor, I32, I32[::-1]),
    case("invert", tf.bitwise.invert, np.invert, I32.astype(np.int64)),
    case("bool operators", lambda a, b: (a & ~b) | (a ^ b),
         lambda a, b: (a & ~b) | (a ^ b), B, B[::-1]),
    case("int operators", lambda a, b: (a & ~b) | (a ^ b),
         lambda a, b: (a & ~b) | (a ^ b), I32, I32[::-1]),
    # -- float floor division, TF1 spellings, composed math and nn --------------------------
    case("floordiv float", tf.math.floordiv, lambda x, y: np.floor(x / y), F32, np.float32(0.1)),
    case("floormod float", tf.math.floormod, floor_remainder, F64_ODD, -F64),
    case("is_inf", tf.math.is_inf, np.isinf, F64_ODD),
    case("atan2", tf.math.atan2, np.arctan2, F32, F32[::-1]),
    case("xlogy", tf.math.xlogy, lambda x, y: np.where(x == 0, 0, x * np.log(y)),
         F64 * (I32 > 0), np.abs(F64[0])),
    case("reduce_euclidean_norm", lambda x: tf.math.reduce_euclidean_norm(x, 1),
         lambda x: np.sqrt((x * x).sum(1)), F32),
    case("reduce_euclidean_norm int", tf.math.reduce_euclidean_norm,
         lambda x: np.int32(np.sqrt((x * x).sum())), I32),
    case("count_nonzero", lambda x: tf.math.count_nonzero(x, 0),
         lambda x: np.count_nonzero(x, 0).astype(np.int64), I32 * (I32 > 0)),
    case("reverse", lambda x: tf.reverse(x, [-1, 0]), lambda x: x[::-1, ::-1], I32),
    case("reverse bool", lambda x: tf.reverse(x, [1]), lambda x: x[:, ::-1], B),
    case("log_sigmoid", tf.math.log_sigmoid, lambda x: -np.log1p(np.exp(-x)), F64),
    case("l2_normalize", lambda x: tf.nn.l2_normalize(x, 1),
         lambda x: x / np.sqrt((x * x).sum(1, keepdims=True)), F64),
    case("moments variance", lambda x: tf.nn.moments(x, [0])[1], lambda x: x.var(0), F64),
    case("embedding_lookup", lambda p: tf.nn.embedding_lookup(p, [[1], [0]]),
         lambda p: p[[[1], [0]]], I32),
    case("xw_plus_b", tf.compat.v1.nn.xw_plus_b, lambda x, w, b: x @ w + b, F32, F32.T,
         F32[0, :2]),
    # -- array ops -------------------------------------------------------------------------
    case("reshape", lambda x: tf.reshape(x, [3, -1]), lambda x: x.reshape(3, -1), I32),
    case("expand_dims", lambda x: tf.expand_dims(x, -1), lambda x: x[..., None], F32),
    case("broadcast_to", lambda x: tf.broadcast_to(x, [4, 3]),
         lambda x: np.broadcast_to(x, (4, 3)), F32[0]),
    case("fill", lambda v: tf.fill([2, 2], v), lambda v: np.full((2, 2), v), np.int32(7)),
    case("zeros_like", tf.zeros_like, np.zeros_like, I32),
    case("ones_like", tf.ones_like, np.ones_like, F32),
    case("identity", tf.identity, lambda x: x, F32),
    case("stack", lambda a, b: tf.stack([a, b], 1), lambda a, b: np.stack([a, b], 1), I32, I32),
    case("unstack", lambda x: tf.unstack(x)[1], lambda x: x[1], F32),
    case("where", lambda c, a, b: tf.where(c, a, b), np.where, F32 > 0, F32, -F32),
    case("where v1 rows", lambda c, a, b: tf.compat.v1.where(c, a, b),
         lambda c, a, b: np.where(c[:, None], a, b), B[:, 0], F32, -F32),
    case("where v1 scalar", lambda c, a, b: tf.compat.v1.where(c, a, b), np.where, False, I32,
         I32 * 2),
    case("strided_slice", lambda x: x[::-1, 1:], lambda x: x[::-1, 1:], I32),
    case("shape", tf.shape, lambda x: np.array(x.shape, np.int32), F32),
    case("size", tf.size, lambda x: np.array(x.size, np.int32), F32),
    case("rank", tf.rank, lambda x: np.array(x.ndim, np.int32), F32),
    case("squeeze", lambda x: tf.squeeze(x, [0, 2]), lambda x: x[0, :, 0], F32[:1, :, None]),
    case("transpose", tf.transpose, np.transpose, I32),
    case("invert_permutation", tf.math.invert_permutation,
         lambda p: np.argsort(p).astype(np.int32), np.int32([2, 0, 3, 1])),
    case("concat", lambda a, b: tf.concat([a, b], -1), lambda a, b: np.concatenate([a, b], -1),
         F32, F32[:, :1]),
    case("split", lambda x: tf.split(x, 3, axis=1)[2], lambda x: x[:, 2:], I32),
    case("split sizes", lambda x: tf.split(x, [-1, 2], axis=1)[1], lambda x: x[:, 1:], F32),
    case("tile", lambda x: tf.tile(x, [2, 1]), lambda x: np.tile(x, (2, 1)), I32),
    case("slice", lambda x: tf.slice(x, [1, 1], [1, -1]), lambda x: x[1:2, 1:], F32),
    case("pad", lambda x: tf.pad(x, [[0, 1], [2, 0]]), lambda x: np.pad(x, [(0, 1), (2, 0)]),
         I32),
    case("pad constant_values", lambda x: tf.pad(x, [[1, 1], [0, 0]], constant_values=-1.5),
         lambda x: np.pad(x, [(1, 1), (0, 0)], constant_values=np.float32(-1.5)), F32),
    case("pad reflect", lambda x: tf.pad(x, [[1, 1], [2, 2]], "reflect"),
         lambda x: np.pad(x, [(1, 1), (2, 2)], "reflect"), I32),
    case("pad symmetric", lambda x: tf.pad(x, [[2, 0], [0, 3]], "SYMMETRIC"),
         lambda x: np.pad(x, [(2, 0), (0, 3)], "symmetric"), F32),
    case("gather", lambda x: tf.gather(x, [[2, 0], [1, 1]], axis=1),
         lambda x: np.take(x, [[2, 0], [1, 1]], 1), I32),
    case("gather batch_dims", lambda x: tf.gather(x, [[2, 0], [1, 1]], axis=1, batch_dims=1),
         lambda x: np.take_along_axis(x, np.array([[2, 0], [1, 1]]), 1), F32),
    case("gather_nd", lambda x: tf.gather_nd(x, [[1, 2], [0, 1]]), lambda x: x[[1, 0], [2, 1]],
         I32),
    case("scatter_nd", lambda u: tf.scatter_nd([[1], [1], [3]], u, [5]),
         lambda u: np.float32([0, u[0] + u[1], 0, u[2], 0]), F32[0]),
    case("boolean_mask",  # reshaped: in a graph the number of true elements is not static
         lambda x: tf.reshape(tf.boolean_mask(x, [True, False, True], axis=1), [2, 2]),
         lambda x: x[:, [True, False, True]], I32),
    case("one_hot", lambda i: tf.one_hot(i, 4), lambda i: np.eye(4, dtype=np.float32)[i],
         np.int32([3, 0, 1])),
    case("one_hot int", lambda i: tf.one_hot(i, 3, on_value=5, off_value=-1, axis=0),
         lambda i: np.where(np.arange(3)[:, None] == i, 5, -1).astype(np.int32),
         np.int64([2, 7, 0])),
    case("range", lambda n: tf.range(n, -3, -2), lambda n: np.arange(n, -3, -2, np.int32),
         np.int32(6)),
    case("range float", lambda a: tf.range(a, 2.0, 0.25), lambda a: np.arange(a, 2, 0.25),
         np.float64(0.5)),
    case("linspace", lambda a, b: tf.linspace(a, b, 5, axis=1),
         lambda a, b: np.linspace(a, b, 5, axis=1), F32[0], F32[1]),
    # -- linear algebra --------------------------------------------------------------------
    case("matvec", tf.linalg.matvec, lambda a, b: a @ b, F32, F32[0]),
    case("tensordot", lambda a, b: tf.tensordot(a, b, [[0], [0]]),
         lambda a, b: np.tensordot(a, b, [[0], [0]]), F32, I32.astype(np.float32)),
    case("inv", tf.linalg.inv, np.linalg.inv, SQUARE),
    case("det", tf.linalg.det, np.linalg.det, np.stack([SQUARE, SQUARE.T + 1])),
    case("diag", tf.linalg.diag, lambda d: np.stack([np.diag(v) for v in d]), I32),
    case("diag k", lambda d: tf.linalg.diag(d, k=-1, num_cols=4), lambda d: np.diag(d, -1)[:, :4],
         F32[0]),
    case("diag_part", tf.linalg.diag_part, lambda x: np.diagonal(x, 0, -2, -1), I32),
    case("diag_part k", lambda x: tf.linalg.diag_part(x, k=1), lambda x: np.diagonal(x, 1), F32),
    case("trace", tf.linalg.trace, np.trace, SQUARE),
    case("eye", lambda: tf.eye(2, 3, batch_shape=[2], dtype=tf.int32),
         lambda: np.stack([np.eye(2, 3, dtype=np.int32)] * 2)),
    case("matrix_transpose", tf.linalg.matrix_transpose, lambda x: np.swapaxes(x, -1, -2),
         np.stack([I32, I32])),
    case("tensor_diag", tf.linalg.tensor_diag,
         lambda d: np.diag(d.ravel()).reshape(d.shape * 2), I32),
    case("tensor_diag_part", tf.linalg.tensor_diag_part,
         lambda x: np.diag(x.reshape(6, 6)).reshape(2, 3), np.arange(36.0).reshape(2, 3, 2, 3)),
    case("placeholder_with_default",
         lambda x: tf.compat.v1.placeholder_with_default(x, [2, 3]), lambda x: x, F32),
    # -- neural-net ops --------------------------------------------------------------------
    case("relu", tf.nn.relu, lambda x: np.where(x > 0, x, 0).astype(x.dtype), F32),
    case("relu int", tf.nn.relu, lambda x: np.where(x > 0, x, 0).astype(x.dtype), I32),
    case("relu6", tf.nn.relu6, lambda x: np.minimum(np.maximum(x, 0), 6), 3 * F32),
    case("leaky_relu", tf.nn.leaky_relu, lambda x: np.where(x > 0, x, np.float32(0.2) * x), F32),
    case("leaky_relu int", tf.nn.leaky_relu,
         lambda x: np.where(x > 0, x, 0.2 * x).astype(np.float32), I32),
    case("elu", tf.nn.elu, lambda x: np.where(x > 0, x, np.exp(x) - 1), F32),
    case("selu", tf.nn.selu, lambda x: np.float32(SELU_SCALE) * np.where(
        x > 0, x, np.float32(SELU_ALPHA) * (np.exp(x) - 1)), F32),
    case("gelu", tf.nn.gelu, lambda x: 0.5 * x * (1 + special.erf(x / np.sqrt(np.float32(2)))),
         F32),
    case("gelu approximate", lambda x: tf.nn.gelu(x, approximate=True),
         lambda x: 0.5 * x * (1 + np.tanh(np.float32(0.7978845608) * (x + 0.044715 * x ** 3))),
         F32),
    case("silu", tf.nn.silu, lambda x: x / (1 + np.exp(-x)), F32),
    case("swish beta", lambda x: tf.nn.swish(x, beta=2.0), lambda x: x / (1 + np.exp(-2 * x)),
         F64),
    case("sigmoid", tf.sigmoid, sigmoid, F32),
    case("tanh", tf.tanh, np.tanh, F64),
    case("softplus", tf.math.softplus, lambda x: np.log(1 + np.exp(x)), F32),
    case("softmax", tf.nn.softmax, lambda x: np.exp(x) / np.exp(x).sum(-1, keepdims=True), F32),
    case("softmax axis 0", lambda x: tf.nn.softmax(x, axis=0),
         lambda x: np.exp(x) / np.exp(x).sum(0, keepdims=True), F64),
    case("log_softmax", tf.nn.log_softmax,
         lambda x: x - np.log(np.exp(x).sum(-1, keepdims=True)), F64),
    case("bias_add", tf.nn.bias_add, np.add, I32, I32[0]),
    case("bias_add NCHW", lambda v, b: tf.nn.bias_add(v, b, data_format="NCHW"),
         lambda v, b: v + b[:, None], np.stack([F32.T, F32.T]), F32[0]),
    case("l2_loss", tf.nn.l2_loss, lambda x: np.sum(x * x) / 2, F32),
    case("softmax_cross_entropy", tf.nn.softmax_cross_entropy_with_logits,
         lambda z, x: -(z * (x - np.log(np.exp(x).sum(-1, keepdims=True)))).sum(-1),
         np.abs(F32) / np.abs(F32).sum(-1, keepdims=True), F32),
    case("sparse_softmax_cross_entropy", tf.nn.sparse_softmax_cross_entropy_with_logits,
         lambda z, x: np.log(np.exp(x).sum(-1)) - x[[0, 1], z], np.array([2, 0]), F64),
    case("sigmoid_cross_entropy", tf.nn.sigmoid_cross_entropy_with_logits,
         lambda z, x: -z * np.log(sigmoid(x)) - (1 - z) * np.log(1 - sigmoid(x)), np.abs(F32) / 3,
         F32),
    case("dropout rate 0", lambda x: tf.nn.dropout(x, 0.0), lambda x: x, F32),
    # -- complex numbers -------------------------------------------------------------------
    case("complex", tf.complex, lambda x, y: x + 1j * y, F64, F64[::-1]),
    case("complex64", tf.complex, lambda x, y: (x + 1j * y).astype(np.complex64), F32, F32),
    case("real", tf.math.real, np.real, C128),
    case("imag", tf.math.imag, np.imag, C64),
    case("conj", tf.math.conj, np.conj, C128),
    case("angle", tf.math.angle, np.angle, C128),
    case("abs complex", tf.abs, lambda z: np.abs(z), C64),
    case("multiply complex", tf.multiply, np.multiply, C64, C64[::-1]),
    case("divide complex", tf.divide, np.divide, C128, C128 + 1),
    case("matmul complex adjoint", lambda a, b: tf.matmul(a, b, adjoint_b=True),
         lambda a, b: a @ b.conj().T, C128, C128),
    case("cast complex to float", lambda z: tf.cast(z, tf.float32),
         lambda z: z.real.astype(np.float32), C64),
    # -- strings ---------------------------------------------------------------------------
    case("strings join", lambda a, b: tf.strings.join([a, "+", b], separator="|"),
         lambda a, b: a + b"|+|" + b, S, S[::-1]),
    case("strings add", tf.add, np.add, S, S[:, ::-1]),
    case("strings equal", tf.equal, lambda a, b: (a == b).astype(bool), S, S[::-1, ::-1]),
    case("strings length", tf.strings.length, each(len, np.int32), S),
    case("strings length utf8", lambda x: tf.strings.length(x, unit="UTF8_CHAR"),
         each(lambda v: len(v.decode()), np.int32), S),
    case("strings upper", tf.strings.upper, each(bytes.upper), S),
    case("strings lower", tf.strings.lower, each(bytes.lower), S),
    case("strings strip", tf.strings.strip, each(bytes.strip), S),
    case("as_string", lambda x: tf.strings.as_string(x, precision=2),
         each(lambda v: b"%.2f" % v), F32),
    case("as_string int", tf.strings.as_string, each(lambda v: b"%d" % v), I32),
    case("to_number", tf.strings.to_number, lambda s: np.float32([1.5, -2, 1e3]),
         np.array([b"1.5", b"-2", b"1e3"], object)),
    case("strings format", lambda x: tf.strings.format("x={}!", x),
         lambda x: np.array(b"x=[[1 -2 3]\n [4 5 -6]]!", object), I32),
    case("reduce_join", lambda x: tf.strings.reduce_join(x, axis=0, separator=","),
         lambda x: np.array([b"ab,", b" Cd e,x\xc3\xa9z"], object), S),
    case("strings split",
         lambda x: tf.strings.split(x).to_tensor(shape=[2, 3]),
         lambda x: np.array([[b"ab", b"", b""], [b"Cd", b"e", b""]], object), S[0]),
    case("strings split v1", lambda x: tf.reshape(tf.sparse.to_dense(
        tf.compat.v1.string_split(x, delimiter="b ")), [2, 2]),
         lambda x: np.array([[b"a", b""], [b"Cd", b"e"]], object), S[0]),
    # -- ragged and sparse tensors ---------------------------------------------------------
    case("ragged to_tensor", lambda v: tf.RaggedTensor.from_row_lengths(v, [1, 0, 2])
         .to_tensor(default_value=-1, shape=[3, 2]),
         lambda v: np.int32([[v[0], -1], [-1, -1], v[1:]]),
         I32[0]),
    case("sparse to_dense", lambda v: tf.sparse.to_dense(tf.sparse.SparseTensor(IDX, v, [2, 3])),
         lambda v: np.float32([[0, v[0], 0], [v[1], 0, v[2]]]), F32[0]),
    case("sparse + dense", lambda v, b: tf.sparse.add(tf.sparse.SparseTensor(IDX, v, [2, 3]), b),
         lambda v, b: b + np.float32([[0, v[0], 0], [v[1], 0, v[2]]]), F32[0], F32),
    case("sparse + sparse",  # reshaped: in a graph the number of sums is not static
         lambda v, w: tf.reshape(tf.sparse.add(tf.sparse.SparseTensor(IDX, v, [2, 3]),
                                               tf.sparse.SparseTensor([[1, 0]], w, [2, 3])).values,
                                 [3]), lambda v, w: np.int32([v[0], v[1] + w[0], v[2]]),
         I32[0], I32[1, :1]),
    case("sparse reorder", lambda v: tf.sparse.reorder(
        tf.sparse.SparseTensor([[1, 0], [0, 2], [0, 1]], v, [2, 3])).values,
         lambda v: v[[2, 1, 0]], F32[1]),
    # -- convolution, pooling, solvers, decompositions, scatters ----------------------------
    case("conv2d 1x1", lambda x, w: tf.nn.conv2d(x, w, 1, "VALID"), lambda x, w: x @ w[0, 0],
         IMAGES, F32.T[None, None].copy()),
    case("conv2d int", lambda x, w: tf.nn.conv2d(x, w, 1, "VALID"),
         lambda x, w: np.repeat((x[:, :-1] + x[:, 1:]).sum(-1, np.int32, keepdims=True), 3, -1),
         IMAGES.astype(np.int32), np.ones((2, 1, 3, 3), np.int32)),
    case("depthwise_conv2d 1x1", lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID"),
         lambda x, w: (x[..., None] * w[0, 0]).reshape(x.shape[:3] + (-1,)), IMAGES,
         F32[:, :3].reshape(1, 1, 3, 2).copy()),
    case("max_pool2d", lambda x: tf.nn.max_pool2d(x, 2, 2, "VALID"),
         lambda x: x.reshape(2, 2, 2, 2, 2, 3).max((2, 4)), IMAGES),
    case("avg_pool2d", lambda x: tf.nn.avg_pool2d(x, 2, 2, "VALID"),
         lambda x: x.reshape(2, 2, 2, 2, 2, 3).mean((2, 4)), IMAGES),
    case("band_part", lambda x: tf.linalg.band_part(x, 0, -1), np.triu, SQUARE),
    case("solve", tf.linalg.solve, np.linalg.solve, SQUARE, F32.T.copy()),
    case("triangular_solve", tf.linalg.triangular_solve,
         lambda a, b: np.linalg.solve(np.tril(a), b), SQUARE, F32.T.copy()),
    case("cholesky", tf.linalg.cholesky, np.linalg.cholesky, SQUARE @ SQUARE.T),
    case("qr", lambda x: tf.linalg.qr(x)[1], lambda x: np.linalg.qr(x)[1], SQUARE),
    case("svd", lambda x: tf.linalg.svd(x, compute_uv=False),
         lambda x: np.linalg.svd(x, compute_uv=False), F64),
    case("lstsq exact", lambda a, b: tf.linalg.lstsq(a, b, fast=False),
         lambda a, b: np.linalg.lstsq(a, b, rcond=None)[0], F64.T.copy(), F64.T[:, :1] + 1),
    case("tensor_scatter_nd_update", lambda x: tf.tensor_scatter_nd_update(x, [[1]], [[7, 8, 9]]),
         lambda x: np.array([x[0], [7, 8, 9]], np.int32), I32),
    case("tensor_scatter_nd_add", lambda x: tf.tensor_scatter_nd_add(x, [[0, 1], [0, 1]], [1, 2]),
         lambda x: x + np.int32([[0, 3, 0], [0, 0, 0]]), I32),
    case("tensor_scatter_nd_sub", lambda x: tf.tensor_scatter_nd_sub(x, [[1, 2]], [5.0]),
         lambda x: x - np.float32([[0, 0, 0], [0, 0, 5]]), F32),
    case("resize nearest 2x", lambda x: tf.image.resize(x, [8, 8], "nearest"),
         lambda x: x.repeat(2, 1).repeat(2, 2), IMAGES),
    case("resize bilinear same size", lambda x: tf.image.resize(x, [4, 4]), lambda x: x,
         IMAGES.astype(np.int32).astype(np.float32)),
    # -- sorting, counting, segments, rolls and grids (a reshape gives a static shape where
    # the op's own is known only at run time); values checked against TF 2.21 --------------
    case("strided_slice", lambda x: tf.strided_slice(x, [0, 2], [2, 0], [1, -2], end_mask=2),
         lambda x: x[0:2, 2::-2], I32),
    case("roll", lambda x: tf.roll(x, [1, -1], [0, 1]), lambda x: np.roll(x, (1, -1), (0, 1)),
         F32),
    case("sort", tf.sort, lambda x: np.sort(x, -1), F32),
    case("sort int descending", lambda x: tf.sort(x, 0, "DESCENDING"), lambda x: -np.sort(-x, 0),
         I32),
    case("argsort", tf.argsort, lambda x: np.argsort(x, -1, kind="stable").astype(np.int32),
         np.array([[2, 1, 2], [0, 0, -1]], np.int32)),
    case("top_k values", lambda x: tf.math.top_k(x, 2).values, lambda x: -np.sort(-x)[:, :2],
         F32),
    case("top_k indices", lambda x: tf.math.top_k(x, 2, index_type=tf.int64).indices,
         lambda x: np.int64([[0, 2], [0, 1]]), F32),
    case("unique", lambda x: tf.reshape(tf.unique(x).y, [3]), lambda x: np.int32([3, 1, 2]),
         np.int32([3, 1, 3, 2])),
    case("unique idx", lambda x: tf.unique(x, tf.int64).idx, lambda x: np.int64([0, 1, 0, 2]),
         np.int32([3, 1, 3, 2])),
    case("unique_with_counts", lambda x: tf.reshape(tf.unique_with_counts(x).count, [3]),
         lambda x: np.int32([2, 1, 1]), np.int32([3, 1, 3, 2])),
    case("bincount", lambda x: tf.reshape(tf.math.bincount(x, minlength=5), [5]),
         lambda x: np.bincount(x, minlength=5).astype(np.int32), np.int32([1, 1, 3])),
    case("bincount weights", lambda x, w: tf.reshape(tf.math.bincount(x, w), [4]),
         lambda x, w: np.bincount(x, w, 4).astype(np.float32), np.int32([1, 1, 3]),
         np.float32([0.5, 1.0, 2.0])),
    case("meshgrid", lambda x, y: tf.meshgrid(x, y)[1], lambda x, y: np.meshgrid(x, y)[1],
         F32[0], F32[1, :2]),
    case("segment_sum", lambda x: tf.reshape(tf.math.segment_sum(x, [0, 0]), [1, 3]),
         lambda x: x.sum(0, keepdims=True), F32),
    case("segment_mean", lambda x: tf.reshape(tf.math.segment_mean(x, [1, 1]), [2, 3]),
         lambda x: np.int32([[0, 0, 0], [2, 1, -1]]), I32),  # ints truncate; segment 0 is empty
    case("segment_max", lambda x: tf.reshape(tf.math.segment_max(x, [0, 1]), [2, 3]),
         lambda x: x, F32),
    case("segment_min", lambda x: tf.reshape(tf.math.segment_min(x, [0, 0]), [1, 3]),
         lambda x: x.min(0, keepdims=True), I32),
    case("unsorted_segment_sum", lambda x: tf.math.unsorted_segment_sum(x, [1, -1], 3),
         lambda x: np.stack([0 * x[0], x[0], 0 * x[0]]), F32),
    case("unsorted_segment_max", lambda x: tf.math.unsorted_segment_max(x, [0, 0], 2),
         lambda x: np.stack([x.max(0), np.full(3, np.finfo(np.float32).min)]), F32),
    case("unsorted_segment_min", lambda x: tf.math.unsorted_segment_min(x, [1, 1], 2),
         lambda x: np.stack([np.full(3, np.iinfo(np.int32).max), x.min(0)]).astype(np.int32),
         I32),
    case("unsorted_segment_mean", lambda x: tf.math.unsorted_segment_mean(x, [0, 0], 1),
         lambda x: x.mean(0, keepdims=True).astype(np.float64), I32),  # ints give float64
    # -- random ops: the draws of a numpy Generator seeded with (87654321, op seed) ----------
    case("random normal", lambda: tf.random.normal([2, 3], seed=5),
         lambda: np.random.default_rng([87654321, 5]).standard_normal((2, 3), np.float32)),
    case("random uniform", lambda: tf.random.uniform([4], 2.0, 3.0, tf.float64, seed=5),
         lambda: 2.0 + np.random.default_rng([87654321, 5]).random(4)),
    case("random uniform int", lambda: tf.random.uniform([4], 2, 9, tf.int64, seed=5),
         lambda: np.random.default_rng([87654321, 5]).integers(2, 9, 4, np.int64)),
    case("truncated normal", lambda: tf.random.truncated_normal([100], seed=5),
         lambda: truncated(np.random.default_rng([87654321, 5]), 100).astype(np.float32)),
    # -- Philox draws for (key, counter): TensorFlow's numbers (checked against TF 2.21, where
    # they are what tf.random.Generator.from_seed(1) draws first) -------------------------
    case("philox uniform", lambda: stateless_draw("StatelessRandomUniformV2", [3], [0], [1, 0],
                                                  tf.float32),
         lambda: np.float32([0.78749514, 0.3906511, 0.29263055])),
    case("philox normal", lambda: stateless_draw("StatelessRandomNormalV2", [3], [0], [1, 0],
                                                 tf.float32),
         lambda: np.float32([0.43842274, -0.53439844, -0.07710262])),
    case("philox uniform int", lambda: stateless_draw(
        "StatelessRandomUniformIntV2", [3], [0], [1, 0], minval=0, maxval=10),
         lambda: np.int32([4, 9, 3])),
    case("philox full int", lambda: stateless_draw("StatelessRandomUniformFullIntV2", [2], [0],
                                                   [1, 0], tf.int64),
         lambda: np.int64([6679402142117448868, 684265014234019051])),
    case("random shuffle", lambda x: tf.random.shuffle(x, seed=5),
         lambda x: np.random.default_rng([87654321, 5]).permutation(x), I32),
]


# Ops without a row here, and where their values are checked instead.
ELSEWHERE = {
    "SparseAddGrad": "gradients: test_gradient_check.py ('sparse + sparse')",
    **dict.fromkeys(["ReluGrad", "Relu6Grad", "LeakyReluGrad", "EluGrad", "SeluGrad",
                     "SigmoidGrad", "TanhGrad", "SoftplusGrad", "GeluGrad", "BiasAddGrad",
                     "GatherV2Grad", "MirrorPadGrad", "StridedSliceGrad", "SumToShape"],
                    "gradients: test_gradient_check.py compares them with central differences"),
    **dict.fromkeys(["VarHandleOp", "ReadVariableOp", "VarIsInitializedOp", "AssignVariableOp",
                     "AssignAddVariableOp", "AssignSubVariableOp"],
                    "variables: test_variables.py and test_session.py"),
    **dict.fromkeys(["ResourceStridedSliceAssign", "ResourceScatterNdUpdate",
                     "ResourceScatterNdAdd", "ResourceScatterNdSub", "ResourceScatterUpdate",
                     "ResourceScatterAdd", "ResourceScatterSub"],
                    "writes to parts of variables: test_variable_updates.py"),
    **dict.fromkeys([t for t in OPS if t.startswith("ResourceApply")],
                    "update rules: test_optimizers.py against numpy formulas"),
    **dict.fromkeys(["StatelessRandomNormal", "StatelessRandomUniform"],
                    "initializers: test_initializers.py"),
    "StatelessRandomUniformInt": "stateless draws: test_stateless_random.py",
    "EagerPyFunc": "its shape is unknown in a graph: test_py_function.py",
    **dict.fromkeys(["ResizeBilinearGrad", "ResizeNearestNeighborGrad"],
                    "gradients: test_gradient_check.py, and test_image_ops.py against TensorFlow"),
    **dict.fromkeys(["Conv2DBackpropInput", "Conv2DBackpropFilter", "MaxPoolGrad",
                     "MaxPoolGradGrad", "AvgPoolGrad", "DepthwiseConv2dNativeBackpropInput",
                     "DepthwiseConv2dNativeBackpropFilter"],
                    "gradients: test_gradient_check.py, and test_conv_ops.py against TensorFlow"),
    **dict.fromkeys(["IteratorV2", "OneShotIterator", "MakeIterator", "IteratorGetNext"],
                    "dataset iterators: test_iterator_ops.py and test_dataset_ops.py"),
    "StatefulPartitionedCall": "function calls: test_function.py",
    **dict.fromkeys(["If", "StatelessIf", "Case", "StatelessCase", "While", "StatelessWhile",
                     "Assert"], "control flow: test_cond.py and test_while_loop.py"),
    **dict.fromkeys([t for t in OPS if "TensorList" in t],
                    "tensor lists: test_tensor_array.py"),
    "RngReadAndSkip": "generator states: test_random_generator.py",
    "IdentityN": "custom gradients: test_tape_features.py",
    "PrintV2": "printing: test_function.py",
    **dict.fromkeys(["WriteSummary", "FlushSummaryWriter", "ScalarSummary", "HistogramSummary",
                     "MergeSummary"], "summaries: test_summary.py reads the files back"),
    "NoOp": "no value: test_session.py (group, initializers)",
    "Placeholder": "fed values: test_session.py",
    **dict.fromkeys(["Rank", "Shape", "Size", "ZerosLike", "OnesLike"],
                    "unknown shapes only (a known shape makes a constant): test_array_ops.py"),
}


def _eager(fn, args):
    return fn(*[tf.constant(a) if isinstance(a, np.ndarray) else a for a in args])


def test_every_op_has_a_row_or_a_reason():
    built = set()
    for param in CASES:
        fn, _, args = param.values
        with tf.Graph().as_default() as g:
            _eager(fn, args)
        built |= {op.type for op in g.get_operations()}
    assert sorted(set(OPS) - built - set(ELSEWHERE)) == []


@pytest.mark.parametrize("fn, ref, args", CASES)
def test_eager_graph_and_numpy_agree(fn, ref, args):
    expected = np.asarray(ref(*args))
    eager = _eager(fn, args)
    with tf.Graph().as_default():
        out = _eager(fn, args)
        graph = tf.compat.v1.Session().run(out)
    graph = np.asarray(graph, object if isinstance(graph, bytes) else None)  # a scalar string
    assert eager.dtype.as_numpy_dtype == expected.dtype == graph.dtype
    assert tuple(eager.shape) == expected.shape == tuple(out.shape)
    if expected.dtype == object:  # strings
        np.testing.assert_array_equal(eager.numpy(), expected)
    else:
        np.testing.assert_allclose(eager.numpy(), expected, rtol=1e-6)
    np.testing.assert_array_equal(eager.numpy(), graph)

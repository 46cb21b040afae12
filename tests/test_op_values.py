"""Every op's values and result dtype agree between eager mode, a graph run in a Session, and
numpy. One table (CASES) drives it; each row is (name, minitf function, numpy reference, args).
"""
import numpy as np
import pytest
from scipy import special

import minitf as tf

F32 = np.array([[1.5, -2.0, 0.25], [3.0, 0.5, -1.0]], np.float32)
F64 = F32.astype(np.float64)
I32 = np.array([[1, -2, 3], [4, 5, -6]], np.int32)
SELU_SCALE, SELU_ALPHA = 1.0507009873554805, 1.6732632423543772


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
    case("strided_slice", lambda x: x[::-1, 1:], lambda x: x[::-1, 1:], I32),
    case("shape", tf.shape, lambda x: np.array(x.shape, np.int32), F32),
    case("size", tf.size, lambda x: np.array(x.size, np.int32), F32),
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
    # -- random ops: the draws of a numpy Generator seeded with (87654321, op seed) ----------
    case("random normal", lambda: tf.random.normal([2, 3], seed=5),
         lambda: np.random.default_rng([87654321, 5]).standard_normal((2, 3), np.float32)),
    case("random uniform", lambda: tf.random.uniform([4], 2.0, 3.0, tf.float64, seed=5),
         lambda: 2.0 + np.random.default_rng([87654321, 5]).random(4)),
    case("random uniform int", lambda: tf.random.uniform([4], 2, 9, tf.int64, seed=5),
         lambda: np.random.default_rng([87654321, 5]).integers(2, 9, 4, np.int64)),
    case("truncated normal", lambda: tf.random.truncated_normal([100], seed=5),
         lambda: truncated(np.random.default_rng([87654321, 5]), 100).astype(np.float32)),
    case("random shuffle", lambda x: tf.random.shuffle(x, seed=5),
         lambda x: np.random.default_rng([87654321, 5]).permutation(x), I32),
]


def _eager(fn, args):
    return fn(*[tf.constant(a) if isinstance(a, np.ndarray) else a for a in args])


@pytest.mark.parametrize("fn, ref, args", CASES)
def test_eager_graph_and_numpy_agree(fn, ref, args):
    expected = np.asarray(ref(*args))
    eager = _eager(fn, args)
    with tf.Graph().as_default():
        out = _eager(fn, args)
        graph = tf.compat.v1.Session().run(out)
    assert eager.dtype.as_numpy_dtype == expected.dtype == np.asarray(graph).dtype
    assert tuple(eager.shape) == expected.shape == tuple(out.shape)
    np.testing.assert_allclose(eager.numpy(), expected, rtol=1e-6)
    np.testing.assert_array_equal(eager.numpy(), graph)

"""Every op's values and result dtype agree between eager mode, a graph run in a Session, and
numpy. One table (CASES) drives it; each row is (name, minitf function, numpy reference, args).
"""
import numpy as np
import pytest

import minitf as tf

F32 = np.array([[1.5, -2.0, 0.25], [3.0, 0.5, -1.0]], np.float32)
I32 = np.array([[1, -2, 3], [4, 5, -6]], np.int32)


def case(name, fn, ref, *args):
    return pytest.param(fn, ref, args, id=name)


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

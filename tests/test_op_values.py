"""Every op's values and result dtype agree between eager mode, a graph run in a Session, and
numpy. One table (CASES) drives it; each row is (name, minitf function, numpy reference, args).
"""
import numpy as np
import pytest

import minitf as tf

F32 = np.array([[1.5, -2.0, 0.25], [3.0, 0.5, -1.0]], np.float32)
I32 = np.array([[1, -2, 3], [4, 5, -6]], np.int32)
SQUARE = np.array([[2.0, 1.0, 0.5], [-1.0, 3.0, 1.0], [0.0, 1.0, 4.0]], np.float32)


def case(name, fn, ref, *args):
    return pytest.param(fn, ref, args, id=name)


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
    # -- neural-net ops --------------------------------------------------------------------
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

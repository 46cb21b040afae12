"""Property tests over random shapes and axes: broadcasting binary ops and reductions agree with
numpy in value and shape, eagerly and in a graph (with unknown static dims too), and their
gradients come back in each input's shape."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

import minitf as tf

SETTINGS = settings(max_examples=30, deadline=None)

BINARY = {"add": (tf.add, np.add), "subtract": (tf.subtract, np.subtract),
          "multiply": (tf.multiply, np.multiply), "divide": (tf.divide, np.divide),
          "maximum": (tf.maximum, np.maximum), "minimum": (tf.minimum, np.minimum),
          "squared_difference": (tf.math.squared_difference, lambda x, y: (x - y) ** 2),
          "pow": (tf.pow, np.power)}

REDUCTIONS = {"reduce_sum": (tf.reduce_sum, np.sum), "reduce_mean": (tf.reduce_mean, np.mean),
              "reduce_max": (tf.reduce_max, np.max), "reduce_min": (tf.reduce_min, np.min),
              "reduce_prod": (tf.reduce_prod, np.prod),
              "reduce_logsumexp": (tf.reduce_logsumexp, special.logsumexp),
              "reduce_variance": (tf.math.reduce_variance, np.var),
              "reduce_std": (tf.math.reduce_std, np.std)}


@st.composite
def broadcast_pair(draw):
    """Two shapes that broadcast to a third; each dim of an input is the output's or 1."""
    out = draw(st.lists(st.integers(1, 3), max_size=3))
    def operand():
        rank = draw(st.integers(0, len(out)))
        return tuple(d if draw(st.booleans()) else 1 for d in out[len(out) - rank:])
    return operand(), operand()


def hide_dims(draw, shape):
    """The static shape a placeholder is given: some dims of `shape` forgotten (None)."""
    return [None if draw(st.booleans()) else d for d in shape]


def static_broadcast(a, b, true_shape):
    """What the static shape of a broadcast must say for partly unknown input dims."""
    a, b = [1] * (len(true_shape) - len(a)) + a, [1] * (len(true_shape) - len(b)) + b
    dims = []
    for p, q, d in zip(a, b, true_shape):
        known = [k for k in (p, q) if k is not None and k != 1]
        dims.append(d if None not in (p, q) else (known[0] if known else None))
    return dims


@st.composite
def binary_case(draw):
    name = draw(st.sampled_from(sorted(BINARY)))
    xs, ys = draw(broadcast_pair())
    return name, xs, ys, hide_dims(draw, xs), hide_dims(draw, ys)


@SETTINGS
@given(binary_case())
def test_binary_op_shapes_values_and_gradient_shapes(case):
    name, xs, ys, x_static, y_static = case
    fn, ref = BINARY[name]
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0.5, 2.0, xs), rng.uniform(0.5, 2.0, ys)
    expected = ref(x, y)
    with tf.GradientTape(persistent=True) as tape:
        tx, ty = tf.constant(x), tf.constant(y)
        tape.watch([tx, ty])
        z = fn(tx, ty)
    np.testing.assert_allclose(z.numpy(), expected, rtol=1e-12)
    assert [tuple(g.shape) for g in tape.gradient(z, [tx, ty])] == [xs, ys]
    with tf.Graph().as_default():
        px = tf.compat.v1.placeholder(tf.float64, x_static)
        py = tf.compat.v1.placeholder(tf.float64, y_static)
        z = fn(px, py)
        assert z.shape.as_list() == static_broadcast(x_static, y_static, expected.shape)
        out, dx, dy = tf.compat.v1.Session().run([z, *tf.gradients(z, [px, py])],
                                                 {px: x, py: y})
    np.testing.assert_array_equal(out, expected)
    assert (dx.shape, dy.shape) == (xs, ys)


@st.composite
def reduction_case(draw):
    name = draw(st.sampled_from(sorted(REDUCTIONS)))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    rank = len(shape)
    axis = draw(st.one_of(
        st.none(), st.integers(-rank, rank - 1),
        st.lists(st.integers(0, rank - 1), unique=True, max_size=rank).map(
            lambda axes: tuple(a - rank if draw(st.booleans()) else a for a in axes))))
    return name, shape, axis, draw(st.booleans()), hide_dims(draw, shape)


@SETTINGS
@given(reduction_case())
def test_reductions_agree_with_numpy_and_give_gradients_in_the_input_shape(case):
    name, shape, axis, keepdims, static = case
    fn, ref = REDUCTIONS[name]
    x = np.random.default_rng(1).uniform(-2.0, 2.0, shape)
    expected = np.asarray(ref(x, axis=axis, keepdims=keepdims))
    with tf.GradientTape() as tape:
        tx = tf.constant(x)
        tape.watch(tx)
        y = fn(tx, axis=axis, keepdims=keepdims)
    np.testing.assert_allclose(y.numpy(), expected, rtol=1e-10, atol=1e-12)
    assert tape.gradient(y, tx).shape == shape
    with tf.Graph().as_default():
        p = tf.compat.v1.placeholder(tf.float64, static)
        y = fn(p, axis=axis, keepdims=keepdims)
        assert y.shape.is_compatible_with(expected.shape)
        out, dx = tf.compat.v1.Session().run([y, tf.gradients(y, p)[0]], {p: x})
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-12)
    assert dx.shape == shape

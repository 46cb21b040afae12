"""Small programs with loops and branches, each written twice (with tf.while_loop/tf.cond, and
as plain Python that AutoGraph converts), run eagerly, in a v1 Session and as a function, and
checked against numpy; their gradients against central differences, eagerly and in a graph.
"""
import numpy as np
import pytest

import minitf as tf


# -- the programs, with while_loop --------------------------------------------------------------
def power(x, n):
    return tf.while_loop(lambda i, y: i < n, lambda i, y: (i + 1, y * x), [0, tf.ones_like(x)])[1]


def cumulative_sum(x):
    n = tf.shape(x)[0]

    def body(i, s, ta):
        s = s + x[i]
        return i + 1, s, ta.write(i, s)
    _, _, ta = tf.while_loop(lambda i, s, ta: i < n, body,
                             [0, tf.zeros_like(x[0]), tf.TensorArray(x.dtype, size=n)])
    return ta.stack()


def newton_sqrt(a):
    return tf.while_loop(lambda y: tf.abs(y * y - a) > 1e-6 * a, lambda y: (y + a / y) / 2,
                         [a])[0]


def first_over(x, limit):
    """The index of the first running sum of `x` above `limit` (len(x) if none is)."""
    n = tf.shape(x)[0]
    return tf.while_loop(lambda i, s: tf.logical_and(i < n, s <= limit),
                         lambda i, s: (i + 1, tf.cond(i < n, lambda: s + x[i], lambda: s)),
                         [0, tf.zeros_like(limit)])[0] - 1


def rnn(x, w, u, b):
    """h_t = tanh(x_t w + h_{t-1} u + b) over the time steps of x, [T, batch, features]."""
    steps = tf.shape(x)[0]
    h0 = tf.zeros([tf.shape(x)[1], tf.shape(u)[0]], x.dtype)

    def body(t, h, ta):
        h = tf.tanh(tf.matmul(x[t], w) + tf.matmul(h, u) + b)
        return t + 1, h, ta.write(t, h)
    _, _, ta = tf.while_loop(lambda t, h, ta: t < steps, body,
                             [0, h0, tf.TensorArray(x.dtype, size=steps)])
    return ta.stack()


# -- the same programs in Python ----------------------------------------------------------------
def power_py(x, n):
    y = tf.ones_like(x)
    for _ in tf.range(n):
        y *= x
    return y


def cumulative_sum_py(x):
    ta = tf.TensorArray(x.dtype, size=tf.shape(x)[0])
    s = tf.zeros_like(x[0])
    for i in tf.range(tf.shape(x)[0]):
        s += x[i]
        ta = ta.write(i, s)
    return ta.stack()


def newton_sqrt_py(a):
    y = a
    while tf.abs(y * y - a) > 1e-6 * a:
        y = (y + a / y) / 2
    return y


def first_over_py(x, limit):
    s = tf.zeros_like(limit)
    found = tf.shape(x)[0] - 1
    for i in tf.range(tf.shape(x)[0]):
        s += x[i]
        if s > limit:
            found = i
            break
    return found


def rnn_py(x, w, u, b):
    h = tf.zeros([tf.shape(x)[1], tf.shape(u)[0]], x.dtype)
    ta = tf.TensorArray(x.dtype, size=tf.shape(x)[0])
    for t in tf.range(tf.shape(x)[0]):
        h = tf.tanh(tf.matmul(x[t], w) + tf.matmul(h, u) + b)
        ta = ta.write(t, h)
    return ta.stack()


# -- numpy references ----------------------------------------------------------------------------
def rnn_np(x, w, u, b):
    h, out = np.zeros((x.shape[1], u.shape[0])), []
    for xt in x:
        h = np.tanh(xt @ w + h @ u + b)
        out.append(h)
    return np.stack(out)


RNG = np.random.default_rng(7)
X = RNG.uniform(-1, 1, (4, 2, 3))
W, U, B = RNG.uniform(-1, 1, (3, 2)), RNG.uniform(-1, 1, (2, 2)), RNG.uniform(-1, 1, 2)
RUNNING = np.array([0.5, 2.0, 1.0, 3.0, 0.25])

PROGRAMS = [
    ("power", power, power_py, (np.array([1.5, -2.0]), np.int32(5)), [1.5 ** 5, -32.0]),
    ("power of 0", power, power_py, (np.array([1.5]), np.int32(0)), [1.0]),
    ("cumulative sum", cumulative_sum, cumulative_sum_py, (RUNNING,), np.cumsum(RUNNING)),
    ("newton sqrt", newton_sqrt, newton_sqrt_py, (np.float64(2.0),), np.sqrt(2.0)),
    ("early exit", first_over, first_over_py, (RUNNING, np.float64(3.0)), 2),
    ("no early exit", first_over, first_over_py, (RUNNING, np.float64(99.0)), 4),
    ("rnn", rnn, rnn_py, (X, W, U, B), rnn_np(X, W, U, B)),
]


@pytest.mark.parametrize("program, args, expected",
                         [pytest.param(p, a, e, id=n) for n, p, _, a, e in PROGRAMS])
def test_program_with_while_loop(three_ways, program, args, expected):
    np.testing.assert_allclose(three_ways(program, *args), [expected] * 3, rtol=1e-6)


@pytest.mark.parametrize("program, args, expected",
                         [pytest.param(p, a, e, id=n) for n, _, p, a, e in PROGRAMS])
def test_program_in_python(three_ways, program, args, expected):
    converted = tf.autograph.to_graph(program)
    np.testing.assert_allclose(three_ways(converted, *args), [expected] * 3, rtol=1e-6)


GRADIENTS = [
    ("power", lambda x: power(x, 5), [np.array([1.1, -0.7])]),
    ("newton sqrt", newton_sqrt, [np.array(2.0)]),
    ("cumulative sum", cumulative_sum, [RUNNING]),
    ("rnn", rnn, [X, W, U, B]),
    ("power in python", lambda x: tf.autograph.to_graph(power_py)(x, 5), [np.array([1.1])]),
    ("rnn in python", tf.autograph.to_graph(rnn_py), [X, W, U, B]),
]


@pytest.mark.parametrize("f, xs", [pytest.param(f, xs, id=n) for n, f, xs in GRADIENTS])
def test_program_gradients_eagerly_through_a_function(f, xs):
    assert tf.test.check_gradients(tf.function(f), xs, 1e-6) < 1e-6


@pytest.mark.parametrize("f, xs", [pytest.param(f, xs, id=n) for n, f, xs in GRADIENTS])
def test_program_gradients_in_a_graph(f, xs):
    with tf.Graph().as_default():
        assert tf.test.check_gradients(f, xs, 1e-6) < 1e-6

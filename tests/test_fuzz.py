"""Fuzzed agreement of the three modes: random small programs (`fuzz_programs.py`) give the same
values bit for bit eagerly, in a v1 graph run by a Session and in a `function` (both with some
static dims, or ranks, unknown); the values match numpy's; float64 gradients agree across the modes bit for bit
(the graph's with unknown static dims too) and match central differences.

The number of programs tried comes from the hypothesis profile: "suite" (the default, about 30
s, derandomized so a run is repeatable) or "long" for runs outside CI:
`pytest tests/test_fuzz.py --hypothesis-profile long`.
"""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import minitf as tf
from fuzz_programs import FLOATS, programs, run

TOLERANCE = {"float16": 2e-2, "float32": 1e-5, "float64": 1e-12}  # against numpy
DELTA = 1e-6  # central differences


def arrays(program, seed):
    rng = np.random.default_rng(seed)
    out = []
    for node in program.inputs:
        if node.dtype in FLOATS:
            out.append(rng.uniform(-2.0, 2.0, node.shape).astype(node.dtype))
        else:
            out.append(rng.integers(-3, 4, node.shape).astype(node.dtype))
    return out


def eager_values(program, xs):
    return [v.numpy() for v in run(program, [tf.constant(x) for x in xs], tf)]


def static_shapes(xs, hidden):
    """The static shapes to give the arrays `xs`: `hidden` says which dims are unknown (None:
    the rank too)."""
    return [None if hide is None else [None if h else d for d, h in zip(x.shape, hide)]
            for x, hide in zip(xs, hidden)]


def placeholders(xs, hidden):
    return [tf.compat.v1.placeholder(x.dtype, s) for x, s in zip(xs, static_shapes(xs, hidden))]


def draw_hidden(data, xs):
    return [data.draw(st.none() | st.lists(st.booleans(), min_size=x.ndim, max_size=x.ndim))
            for x in xs]


def graph_values(program, xs, hidden):
    """The values from a Session; also checks each tensor's static shape and dtype."""
    with tf.Graph().as_default():
        ps = placeholders(xs, hidden)
        symbolic = run(program, ps, tf)
        values = tf.compat.v1.Session().run(symbolic, dict(zip(ps, xs)))
    for t, v in zip(symbolic, values):
        assert t.shape.is_compatible_with(np.shape(v)), (t, np.shape(v))
        assert t.dtype.name == np.asarray(v).dtype.name, (t, np.asarray(v).dtype)
    return [np.asarray(v) for v in values]


def function_values(program, xs, hidden):
    """The values from a `function` traced for the static shapes `hidden` leaves."""
    signature = [tf.TensorSpec(s, x.dtype) for x, s in zip(xs, static_shapes(xs, hidden))]
    f = tf.function(lambda *args: run(program, args, tf), input_signature=signature)
    return [v.numpy() for v in f(*[tf.constant(x) for x in xs])]


def assert_identical(a, b, mode):
    assert len(a) == len(b)
    for i, (x, y) in enumerate(zip(a, b)):
        assert (x.dtype, x.shape) == (y.dtype, y.shape), "v%d in %s: %s%s vs %s%s" % (
            i, mode, y.dtype, y.shape, x.dtype, x.shape)
        np.testing.assert_array_equal(y, x, err_msg="v%d in %s" % (i, mode), strict=True)


@settings()
@given(programs(), st.integers(0, 2**32 - 1), st.data())
def test_eager_graph_and_function_agree_bit_for_bit(program, seed, data):
    xs = arrays(program, seed)
    hidden = draw_hidden(data, xs)

    eager = eager_values(program, xs)

    assert_identical(eager, graph_values(program, xs, hidden), "the graph")
    assert_identical(eager, function_values(program, xs, hidden), "the function")
    tol = TOLERANCE.get(program.dtype, 0)
    for i, (v, ref) in enumerate(zip(eager, run(program, xs))):
        np.testing.assert_allclose(v, np.asarray(ref, v.dtype), rtol=tol, atol=tol,
                                   err_msg="v%d against numpy" % i)


def objective(program, weights):
    """A scalar that every value of the program feeds: sum_i sum(w_i * v_i)."""
    def f(values):
        return tf.add_n([tf.reduce_sum(w * v) for w, v in zip(weights, values)])
    return f


def eager_gradients(program, xs, loss):
    ts = [tf.constant(x) for x in xs]
    with tf.GradientTape() as tape:
        tape.watch(ts)
        y = loss(run(program, ts, tf))
    return [np.zeros_like(x) if g is None else g.numpy()
            for x, g in zip(xs, tape.gradient(y, ts))]


def graph_gradients(program, xs, loss, hidden):
    with tf.Graph().as_default():
        ps = placeholders(xs, hidden)
        grads = tf.gradients(loss(run(program, ps, tf)), ps)
        fetch = [g for g in grads if g is not None]
        got = iter(tf.compat.v1.Session().run(fetch, dict(zip(ps, xs))))
    return [np.zeros_like(x) if g is None else next(got) for x, g in zip(xs, grads)]


def function_gradients(program, xs, loss):
    f = tf.function(lambda *args: loss(run(program, args, tf)))
    ts = [tf.constant(x) for x in xs]
    with tf.GradientTape() as tape:
        tape.watch(ts)
        y = f(*ts)
    return [np.zeros_like(x) if g is None else g.numpy()
            for x, g in zip(xs, tape.gradient(y, ts))]


def central_differences(program, xs, loss):
    def value(args):
        return float(loss(run(program, [tf.constant(a) for a in args], tf)))
    grads = []
    for i, x in enumerate(xs):
        g = np.zeros_like(x)
        for k in range(x.size):
            plus, minus = x.copy(), x.copy()
            plus.reshape(-1)[k] += DELTA
            minus.reshape(-1)[k] -= DELTA
            g.reshape(-1)[k] = (value(xs[:i] + [plus] + xs[i + 1:])
                                - value(xs[:i] + [minus] + xs[i + 1:])) / (2 * DELTA)
        grads.append(g)
    return grads


@settings()
@given(programs(dtypes=["float64"]), st.integers(0, 2**32 - 1), st.data())
def test_float64_gradients_agree_across_modes_and_with_central_differences(program, seed, data):
    xs = arrays(program, seed)
    hidden = draw_hidden(data, xs)
    values = eager_values(program, xs)
    rng = np.random.default_rng(seed + 1)
    loss = objective(program, [rng.standard_normal(np.shape(v)) for v in values])
    if not all(np.all(np.isfinite(v)) for v in values):
        return  # a nan or inf (exp of exp, the mean of nothing) makes the whole objective one
    scale = max(1.0, max(float(np.max(np.abs(v), initial=0.0)) for v in values))
    if scale > 1e6:
        return  # nor are central differences useful at such magnitudes

    eager = eager_gradients(program, xs, loss)

    assert_identical(eager, graph_gradients(program, xs, loss, hidden), "the graph's gradients")
    assert_identical(eager, function_gradients(program, xs, loss), "the function's gradients")
    for i, (g, n) in enumerate(zip(eager, central_differences(program, xs, loss))):
        np.testing.assert_allclose(g, n, rtol=1e-5, atol=1e-6 * scale,
                                   err_msg="gradient of input %d" % i)


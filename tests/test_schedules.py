"""Learning-rate schedules: their values against numpy, in eager mode and in a graph, driving a
v2 optimizer through `iterations` and a v1 optimizer through the global step."""
import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1

schedules = tf.optimizers.schedules
STEPS = np.arange(12)


def values(schedule):
    return np.array([schedule(int(s)).numpy() for s in STEPS])


def test_exponential_decay_against_numpy():
    got = values(schedules.ExponentialDecay(0.1, decay_steps=4, decay_rate=0.5))
    np.testing.assert_allclose(got, 0.1 * 0.5 ** (STEPS / 4), rtol=1e-6)
    assert got.dtype == np.float32


def test_exponential_decay_staircase_drops_every_decay_steps():
    got = values(schedules.ExponentialDecay(0.1, 4, 0.5, staircase=True))
    np.testing.assert_allclose(got, 0.1 * 0.5 ** (STEPS // 4), rtol=1e-6)


def test_piecewise_constant_takes_the_earlier_value_at_a_boundary():
    got = values(schedules.PiecewiseConstantDecay([3, 7], [1.0, 0.5, 0.1]))
    np.testing.assert_allclose(got, np.where(STEPS <= 3, 1.0, np.where(STEPS <= 7, 0.5, 0.1)),
                               rtol=1e-7)


def test_piecewise_constant_needs_one_more_value_than_boundaries():
    with pytest.raises(ValueError, match="1 less than the length of values"):
        schedules.PiecewiseConstantDecay([3, 7], [1.0, 0.5])


def test_schedules_build_graph_ops_named_after_them(graph):
    step = v1.placeholder(tf.int64, [])
    lr = schedules.ExponentialDecay(0.1, 4, 0.5, name="decay")(step)
    assert lr.name == "decay:0"
    with v1.Session() as sess:
        assert sess.run(lr, {step: 8}) == pytest.approx(0.025)


def test_v2_optimizer_uses_the_schedule_at_its_iteration_count():
    w = tf.Variable(0.0)
    opt = tf.optimizers.SGD(schedules.PiecewiseConstantDecay([1, 2], [1.0, 0.1, 0.01]))
    path = []
    for _ in range(4):
        opt.apply_gradients([(tf.constant(-1.0), w)])   # each step adds the learning rate
        path.append(float(w))
    np.testing.assert_allclose(path, np.cumsum([1.0, 1.0, 0.1, 0.01]), rtol=1e-6)


def test_v1_exponential_decay_follows_the_global_step(graph):
    step = v1.train.get_or_create_global_step()
    lr = v1.train.exponential_decay(0.1, step, decay_steps=2, decay_rate=0.5, staircase=True)
    w = tf.Variable(0.0)
    train = v1.train.GradientDescentOptimizer(lr).minimize(-w, global_step=step)
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        rates = [sess.run(lr) for _ in range(5) if sess.run(train) is None]
        assert sess.run(w) == pytest.approx(0.1 + 0.1 + 0.05 + 0.05 + 0.025)
    np.testing.assert_allclose(rates, [0.1, 0.05, 0.05, 0.025, 0.025], rtol=1e-6)


def test_v1_exponential_decay_is_a_function_when_eager():
    step = tf.Variable(3, dtype=tf.int64)
    lr = v1.train.exponential_decay(1.0, step, 1, 0.5)
    assert float(lr()) == 0.125
    step.assign(4)
    assert float(lr()) == 0.0625
    with pytest.raises(ValueError, match="global_step is required"):
        v1.train.exponential_decay(1.0, None, 1, 0.5)

"""Gradient descent, v1 (graph ops) and v2 (eager): one update rule, two fronts."""
import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1


def test_v1_minimize_returns_a_train_op(graph):
    w = tf.Variable([1.0, -2.0])
    loss = tf.reduce_sum(w * w)
    train = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
    assert train.name == "GradientDescent"
    assert "ResourceApplyGradientDescent" in {op.type for op in graph.get_operations()}
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(w), [0.8, -1.6])


def test_v1_compute_then_apply_with_global_step(graph):
    w = tf.Variable(3.0)
    step = v1.train.get_or_create_global_step()
    assert v1.train.get_or_create_global_step() is step and step.dtype is tf.int64
    opt = v1.train.GradientDescentOptimizer(0.5)
    grads_and_vars = opt.compute_gradients(w * w)
    assert grads_and_vars[0][1] is w
    train = opt.apply_gradients(grads_and_vars, global_step=step)
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        assert (sess.run(w), sess.run(step)) == (0.0, 2)


def test_v1_minimize_without_any_gradient_raises(graph):
    w = tf.Variable(1.0)
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        v1.train.GradientDescentOptimizer(0.1).minimize(tf.constant(1.0) * 2.0, var_list=[w])


def test_v1_none_gradients_are_skipped_with_a_warning(graph):
    w, unused = tf.Variable(1.0), tf.Variable(1.0, name="unused")
    opt = v1.train.GradientDescentOptimizer(0.1)
    grads_and_vars = opt.compute_gradients(w * w)
    with pytest.warns(UserWarning, match="unused"):
        opt.apply_gradients(grads_and_vars)


def test_v2_sgd_apply_gradients_and_iterations():
    w = tf.Variable([1.0, -2.0])
    opt = tf.optimizers.SGD(learning_rate=0.1)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(w * w)
    opt.apply_gradients(zip(tape.gradient(loss, [w]), [w]))
    np.testing.assert_allclose(w.numpy(), [0.8, -1.6])
    assert int(opt.iterations) == 1


def test_v2_sgd_minimize_and_defaults():
    assert tf.keras.optimizers.SGD is tf.optimizers.SGD
    assert tf.optimizers.SGD().learning_rate == 0.01
    w = tf.Variable(2.0)
    tf.optimizers.SGD(0.25).minimize(lambda: w * w, [w])
    assert float(w) == 1.0


def test_v2_none_gradients_warn_and_all_none_raise():
    w, u = tf.Variable(1.0), tf.Variable(1.0, name="u")
    opt = tf.optimizers.SGD(0.1)
    with pytest.warns(UserWarning, match="u:0"):
        opt.apply_gradients([(tf.constant(1.0), w), (None, u)])
    with pytest.raises(ValueError, match="No gradients provided"), pytest.warns(UserWarning):
        opt.apply_gradients([(None, u)])


def test_both_fronts_follow_the_same_trajectory():
    x_data = np.linspace(-1, 1, 8, dtype=np.float32).reshape(-1, 1)
    y_data = 3 * x_data + 1
    w2, b2 = tf.Variable([[0.5]]), tf.Variable([0.0])
    opt = tf.optimizers.SGD(0.3)
    for _ in range(5):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x_data, w2) + b2 - y_data))
        opt.apply_gradients(zip(tape.gradient(loss, [w2, b2]), [w2, b2]))
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 1])
        w1, b1 = tf.Variable([[0.5]]), tf.Variable([0.0])
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w1) + b1 - y_data))
        train = v1.train.GradientDescentOptimizer(0.3).minimize(loss)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for _ in range(5):
                sess.run(train, {x: x_data})
            w, b = sess.run([w1, b1])
    np.testing.assert_array_equal(w, w2.numpy())  # bit for bit: the same kernels
    np.testing.assert_array_equal(b, b2.numpy())

"""`gradients` for graphs."""
import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1


def test_gradients_in_eager_mode_raise():
    with pytest.raises(RuntimeError, match="Use tf.GradientTape instead"):
        tf.gradients(tf.constant(1.0), tf.constant(1.0))


def test_gradients_of_a_graph_with_unknown_batch_dimension(graph):
    x = v1.placeholder(tf.float32, [None, 3])
    w = tf.Variable(tf.ones([3]))
    y = tf.reduce_sum(x * w)
    gx, gw = tf.gradients(y, [x, w])
    assert gx.name.startswith("gradients/") and gx.shape.as_list() == [None, 3]
    assert gw.shape.as_list() == [3]
    with v1.Session() as sess:
        sess.run(w.initializer)
        feed = {x: [[1., 2., 3.], [4., 5., 6.]]}
        np.testing.assert_array_equal(sess.run(gx, feed), np.ones((2, 3)))
        np.testing.assert_array_equal(sess.run(gw, feed), [5., 7., 9.])


def test_runtime_broadcasting_is_reduced_at_run_time(graph):
    a = v1.placeholder(tf.float32, [None, None])
    b = v1.placeholder(tf.float32, [None, None])
    ga, gb = tf.gradients(tf.reduce_sum(a * b), [a, b])
    with v1.Session() as sess:
        out = sess.run([ga, gb], {a: np.ones((3, 1)), b: np.full((1, 4), 2.0)})
    assert out[0].tolist() == [[8.0]] * 3 and out[1].tolist() == [[3.0] * 4]


def test_unconnected_gradients(graph):
    x, z = tf.constant(1.0), tf.constant([1.0, 2.0])
    assert tf.gradients(x * 2, [z]) == [None]
    (g,) = tf.gradients(x * 2, [z], unconnected_gradients="zero")
    with v1.Session() as sess:
        assert sess.run(g).tolist() == [0.0, 0.0]


def test_integer_tensors_get_no_gradient(graph):
    i = tf.constant(2)
    assert tf.gradients(tf.cast(i, tf.float32) * 2.0, [i]) == [None]


def test_grad_ys(graph):
    x = tf.constant([1.0, 2.0])
    (g,) = tf.gradients(x * x, x, grad_ys=[tf.constant([1.0, 10.0])])
    with v1.Session() as sess:
        assert sess.run(g).tolist() == [2.0, 40.0]


def test_second_derivative_in_a_graph(graph):
    x = tf.constant(3.0)
    (dx,) = tf.gradients(x * x * x, x)
    (ddx,) = tf.gradients(dx, x)
    with v1.Session() as sess:
        assert sess.run([dx, ddx]) == [27.0, 18.0]


def test_gradient_scopes_are_unique(graph):
    x = tf.constant(1.0)
    a = tf.gradients(x * x, x)[0]
    b = tf.gradients(x * x, x)[0]
    assert a.name.startswith("gradients/") and b.name.startswith("gradients_1/")

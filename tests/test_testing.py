"""minitf.test: the numerical gradient checks offered to users."""
import numpy as np
import pytest

import minitf as tf


def test_compute_gradient_layout_matches_tensorflow():
    theoretical, numerical = tf.test.compute_gradient(
        lambda x, y: x * y, [tf.constant([1., 2.]), tf.constant(3.)])
    assert [j.shape for j in theoretical] == [(2, 2), (2, 1)]
    np.testing.assert_allclose(theoretical[0], [[3., 0.], [0., 3.]])
    np.testing.assert_allclose(theoretical[1], [[1.], [2.]])
    np.testing.assert_allclose(numerical[1], [[1.], [2.]], rtol=1e-3)


def test_compute_gradient_in_graph_mode_gives_the_same():
    f = lambda x: tf.reduce_sum(x * x, axis=1)  # noqa: E731
    x = [np.array([[1., 2., 3.]])]
    eager = tf.test.compute_gradient(f, x)
    with tf.Graph().as_default():
        graph = tf.test.compute_gradient(f, x)
    np.testing.assert_allclose(eager[0][0], graph[0][0])
    np.testing.assert_allclose(eager[0][0], [[2., 4., 6.]])


def test_compute_gradient_needs_a_list():
    with pytest.raises(ValueError, match="list or tuple"):
        tf.test.compute_gradient(tf.exp, 1.0)


def test_check_gradients_reports_a_wrong_gradient():
    @_with_wrong_gradient
    def f(x):
        return x * x
    assert tf.test.check_gradients(f, [np.array([1.0, 2.0])]) > 0.5


def test_check_gradients_of_a_right_gradient_is_small():
    assert tf.test.check_gradients(lambda x: tf.exp(x) * x, [np.array([0.1, 0.7])]) < 1e-5


def _with_wrong_gradient(f):
    """f with half of its value hidden from autodiff by stop_gradient: its gradient is halved."""
    def g(x):
        return f(x) * 0.5 + tf.stop_gradient(f(x)) * 0.5
    return g

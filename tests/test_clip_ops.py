"""clip_by_value and clip_by_norm: values, gradients at the bounds and at zero, shape checks and
names. Expected numbers are TensorFlow's."""
import numpy as np
import pytest

import minitf as tf


def test_clip_by_value_passes_the_gradient_to_t_inside_and_on_the_bounds(grads):
    x = [-2.0, -1.0, 0.0, 1.0, 2.0]
    dx, dlo, dhi = grads(tf.clip_by_value, x, -1.0, 1.0)
    assert dx == [0.0, 1.0, 1.0, 1.0, 0.0] and (dlo, dhi) == (1.0, 1.0)


def test_clip_by_value_keeps_ints_and_converts_python_bounds():
    assert tf.clip_by_value(tf.constant([1, 5]), 2, 4).numpy().tolist() == [2, 4]
    assert tf.clip_by_value([1.0, 5.0], 2.0, 4.0).dtype == tf.float32


def test_clip_by_value_refuses_to_broadcast_t():
    with pytest.raises(ValueError, match=r"Shapes \(2,\) and \(2, 2\) are incompatible"):
        tf.clip_by_value(tf.constant([1.0, 5.0]), tf.constant([[2.0], [3.0]]), 4.0)


def test_clip_by_norm_scales_only_what_is_too_long():
    x = tf.constant([[3.0, 4.0], [0.3, 0.4]])
    np.testing.assert_allclose(tf.clip_by_norm(x, 1.0, axes=1).numpy(), [[0.6, 0.8], [0.3, 0.4]])
    np.testing.assert_allclose(tf.clip_by_norm(x, 1.0, axes=[0]).numpy(),
                               [[0.9950372, 0.9950371], [0.0995037, 0.0995037]], rtol=1e-6)


def test_clip_by_norm_gradients_including_at_zero(grads):
    dx, dc = grads(tf.clip_by_norm, [3.0, 4.0], 1.0)
    np.testing.assert_allclose(dx, [0.032, -0.024])
    assert dc == pytest.approx(1.4)
    assert grads(tf.clip_by_norm, [0.0, 0.0], 1.0) == [[1.0, 1.0], 0.0]


def test_clip_ops_name_their_result_after_the_scope(graph):
    x = tf.compat.v1.placeholder(tf.float32, [None, 3])
    assert tf.clip_by_value(x, 0.0, 1.0).name == "clip_by_value:0"
    assert tf.clip_by_norm(x, 1.0, name="c").name == "c:0"
    assert tf.clip_by_norm(x, 1.0).shape.as_list() == [None, 3]


def test_clip_by_global_norm_scales_all_tensors_by_one_factor():
    a, b = tf.constant([3.0, 0.0]), tf.constant([[4.0]])
    (ca, none, cb), norm = tf.clip_by_global_norm([a, None, b], 2.5)
    assert float(norm) == 5.0 and none is None
    np.testing.assert_allclose(ca.numpy(), [1.5, 0.0])
    np.testing.assert_allclose(cb.numpy(), [[2.0]])
    unchanged, _ = tf.clip_by_global_norm([a, b], 10.0)
    np.testing.assert_array_equal(unchanged[1].numpy(), [[4.0]])
    assert tf.linalg.global_norm([a, None, b]).numpy() == 5.0


def test_clip_by_global_norm_makes_an_infinite_norm_nan():
    clipped, norm = tf.clip_by_global_norm([tf.constant([np.inf, 1.0])], 1.0)
    assert np.isinf(norm.numpy()) and np.isnan(clipped[0].numpy()).all()
    with pytest.raises(TypeError, match="`t_list` should be a sequence of tensors"):
        tf.clip_by_global_norm(tf.constant([1.0]), 1.0)


def test_a_negative_clip_norm_counts_as_zero(grads):
    x = tf.constant([3.0, -4.0])
    assert tf.clip_by_norm(x, -1.0).numpy().tolist() == [0.0, 0.0]
    assert tf.clip_by_norm(x, tf.constant(-1.0)).numpy().tolist() == [0.0, 0.0]
    assert grads(lambda c: tf.reduce_sum(tf.clip_by_norm(x, c)), -1.0) == [0.0]

"""tf.image: resize (bilinear and nearest, TensorFlow 2's half-pixel rule) and flips. The
expected numbers were checked against TensorFlow 2.21."""
import numpy as np
import pytest

import minitf as tf

X = tf.reshape(tf.range(12.0), [1, 3, 4, 1])


def plane(t):
    return t.numpy()[0, :, :, 0].tolist()


def test_bilinear_upsampling_agrees_with_tensorflow_to_the_last_bit():
    assert plane(tf.image.resize(X, [5, 3])) == [
        [0.1666666865348816, 1.5, 2.8333334922790527],
        [1.7666666507720947, 3.1000001430511475, 4.433333396911621],
        [4.166666507720947, 5.5, 6.833333492279053],
        [6.566667556762695, 7.90000057220459, 9.2333345413208],
        [8.166666984558105, 9.5, 10.833333969116211]]


def test_bilinear_mixed_scaling():
    assert plane(tf.image.resize(X, [2, 7]))[0] == [
        1.0, 1.3571429252624512, 1.9285714626312256, 2.5, 3.0714287757873535,
        3.642857313156128, 4.0]


@pytest.mark.parametrize("size, expected", [
    ([5, 3], [[0, 2, 3], [0, 2, 3], [4, 6, 7], [8, 10, 11], [8, 10, 11]]),
    ([2, 7], [[0, 0, 1, 2, 2, 3, 3], [8, 8, 9, 10, 10, 11, 11]]),
])
def test_nearest(size, expected):
    assert plane(tf.image.resize(X, size, "nearest")) == expected


def test_gradient_of_nearest():
    with tf.GradientTape() as tape:
        tape.watch(X)
        y = tf.image.resize(X, [5, 3], "nearest") * tf.reshape(tf.range(15.0), [1, 5, 3, 1])
    assert plane(tape.gradient(y, X)) == [[3, 0, 5, 7], [6, 0, 7, 8], [21, 0, 23, 25]]


def test_gradient_of_bilinear():
    with tf.GradientTape() as tape:
        tape.watch(X)
        y = tf.image.resize(X, [5, 3]) * tf.reshape(tf.range(15.0), [1, 5, 3, 1])
    expected = [[1.5, 2.0, 2.533333, 4.166667], [9.0, 8.1, 8.7, 12.0],
                [14.5, 12.4, 12.933331, 17.16667]]
    np.testing.assert_allclose(plane(tape.gradient(y, X)), expected, rtol=1e-6)


@pytest.mark.parametrize("dtype, method, expected", [
    (tf.int32, "bilinear", tf.float32), (tf.float64, "bilinear", tf.float32),
    (tf.int32, "nearest", tf.int32),
])
def test_result_dtype(dtype, method, expected):
    assert tf.image.resize(tf.cast(X, dtype), [2, 2], method).dtype == expected


def test_single_image_and_aspect_ratio():
    assert (tf.image.resize(X[0], [2, 2]).shape,
            tf.image.resize(X, [8, 8], preserve_aspect_ratio=True).shape) == (
        tf.TensorShape([2, 2, 1]), tf.TensorShape([1, 6, 8, 1]))


def test_graph_names(graph):
    p = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 3])
    made = [tf.image.resize(p, [14, 14]), tf.image.resize(p, [14, 14], "nearest"),
            tf.image.flip_left_right(p)]
    assert [t.name for t in made] == ["resize/ResizeBilinear:0",
                                      "resize_1/ResizeNearestNeighbor:0",
                                      "flip_left_right/ReverseV2:0"]


@pytest.mark.parametrize("images, size, method, error, message", [
    (X[0, 0], [2, 2], "bilinear", ValueError, "'images' must have either 3 or 4 dimensions."),
    (X, [2, 2], "foo", ValueError, "Resize method is not implemented: foo"),
    (X, [2], "bilinear", ValueError, "'size' must be a 1-D Tensor of 2 elements"),
    (X, [0, 2], "bilinear", tf.errors.InvalidArgumentError, "output dimensions must be positive"),
])
def test_resize_errors(images, size, method, error, message):
    with pytest.raises(error, match=message):
        tf.image.resize(images, size, method)


def test_flips():
    assert (plane(tf.image.flip_left_right(X))[0],
            tf.image.flip_up_down(X[0]).numpy()[:, 0, 0].tolist()) == ([3, 2, 1, 0], [8, 4, 0])

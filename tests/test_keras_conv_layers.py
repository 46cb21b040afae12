"""Keras Conv2D, MaxPooling2D, AveragePooling2D and BatchNormalization; every expected number
was checked against tf_keras (Keras 2) under TensorFlow 2.21."""
import numpy as np
import pytest

import minitf as tf

layers = tf.keras.layers
X = tf.constant(np.arange(2 * 4 * 4 * 3, dtype=np.float32).reshape(2, 4, 4, 3) % 5)


def rounded(t, digits=5):
    return np.round(np.asarray(t, np.float64), digits).tolist()


def test_batch_normalization_training_on_images_moves_by_the_unbiased_variance():
    bn = layers.BatchNormalization()
    y = bn(X, training=True)
    got = np.concatenate([bn.moving_variance.numpy(), bn.moving_mean.numpy(), y.numpy()[0, 0, 0]])
    np.testing.assert_allclose(got, [1.010958, 1.010958, 1.010605, 0.019688, 0.020312, 0.019375,
                                     -1.38136, -0.72357, 0.04423], atol=1e-5)


def test_batch_normalization_training_on_vectors_moves_by_the_batch_variance():
    bn = layers.BatchNormalization()
    y = bn(tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3) % 5), training=True)
    assert (rounded(bn.moving_variance.numpy(), 6), rounded(y.numpy()[0])) == (
        [1.015, 1.011875, 1.0025], [-1.26466, -0.50698, 0.44703])


def test_batch_normalization_inference_uses_the_moving_averages():
    bn = layers.BatchNormalization()
    bn(X, training=True)
    assert rounded(bn(X, training=False).numpy()[0, 0, 0]) == [-0.01957, 0.97388, 1.96923]


def test_batch_normalization_weights():
    bn = layers.BatchNormalization()
    bn(X)
    assert [(w.name, w.trainable) for w in bn.weights] == [
        ("batch_normalization/gamma:0", True), ("batch_normalization/beta:0", True),
        ("batch_normalization/moving_mean:0", False),
        ("batch_normalization/moving_variance:0", False)]


def test_conv2d_shapes_and_weights():
    conv = layers.Conv2D(4, 3, padding="same", activation="relu", kernel_initializer="ones")
    assert (conv(X).shape, [w.name for w in conv.weights],
            layers.Conv2D(4, (3, 2), strides=2)(X).shape) == (
        tf.TensorShape([2, 4, 4, 4]), ["conv2d/kernel:0", "conv2d/bias:0"],
        tf.TensorShape([2, 1, 2, 4]))


def test_pooling_shapes():
    assert (layers.MaxPooling2D()(X).shape,
            layers.AveragePooling2D(3, strides=1, padding="same")(X).shape) == (
        tf.TensorShape([2, 2, 2, 3]), tf.TensorShape([2, 4, 4, 3]))


def test_a_small_cnn_trains_with_fit_as_keras_does():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (8, 6, 6, 1)).astype(np.float32)
    y = rng.integers(0, 3, 8)
    model = tf.keras.Sequential([
        layers.Conv2D(2, 3, padding="same", activation="relu", kernel_initializer="ones",
                      input_shape=(6, 6, 1)),
        layers.MaxPooling2D(), layers.BatchNormalization(),
        layers.AveragePooling2D(padding="same"), layers.Flatten(),
        layers.Dense(3, kernel_initializer="ones")])
    model.compile(tf.keras.optimizers.SGD(0.1),
                  tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    history = model.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=False)
    np.testing.assert_allclose(history.history["loss"], [1.062753, 0.844241], rtol=1e-5)
    np.testing.assert_allclose(model.layers[2].moving_variance.numpy(), [0.993102] * 2,
                               rtol=1e-5)


def test_summary_counts_the_parameters(capsys):
    model = tf.keras.Sequential([layers.Conv2D(2, 3, input_shape=(4, 4, 3)),
                                 layers.MaxPooling2D(), layers.Flatten(),
                                 layers.BatchNormalization(), layers.Dense(1)])
    model.summary()
    out = capsys.readouterr().out
    assert ("Total params: 67" in out, "Non-trainable params: 4" in out) == (True, True)


@pytest.mark.parametrize("make, message", [
    (lambda: layers.Conv2D(4, 3, padding="full"),
     'The `padding` argument must be a list/tuple or one of "valid", "same"'),
    (lambda: layers.Conv2D(0, 3), "Expected a strictly positive value. Received filters=0."),
    (lambda: layers.Conv2D(4, 3)(tf.zeros([2, 4, 4])),
     "expected min_ndim=4, found ndim=3. Full shape received: \\(2, 4, 4\\)"),
])
def test_errors(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_graph_mode_names(graph):
    x = tf.compat.v1.placeholder(tf.float32, [None, 4, 4, 3])
    y = layers.MaxPooling2D()(layers.Conv2D(4, 3)(x))
    assert str(y).endswith('MaxPool:0", shape=(None, 1, 1, 4), dtype=float32)')

"""Keras losses and metrics: values, reductions, names and errors. The expected numbers were
computed by tf_keras under TensorFlow 2.21 on the same inputs."""
import numpy as np
import pytest

import minitf as tf

keras = tf.keras
L, M = keras.losses, keras.metrics
Y_TRUE = np.array([[0.0, 1.0], [1.0, 0.0]], np.float32)
Y_PRED = np.array([[0.2, 0.7], [0.6, 0.1]], np.float32)


@pytest.mark.parametrize("cls, auto, sum_, none, weighted", [
    (L.MeanSquaredError, 0.075, 0.15, [0.065, 0.085], 0.05375),
    (L.MeanAbsoluteError, 0.25, 0.5, [0.25, 0.25], 0.1875),
    (L.BinaryCrossentropy, 0.29900098, 0.59800196, [0.2899091, 0.3080929], 0.22197777),
    (L.CategoricalCrossentropy, 0.20273256, 0.40546513, [0.2513144, 0.15415074], 0.16419488),
])
def test_losses_and_their_reductions(cls, auto, sum_, none, weighted):
    got = [float(cls()(Y_TRUE, Y_PRED)), float(cls(reduction="sum")(Y_TRUE, Y_PRED)),
           *cls(reduction="none")(Y_TRUE, Y_PRED).numpy(),
           float(cls()(Y_TRUE, Y_PRED, sample_weight=[1.0, 0.5]))]
    np.testing.assert_allclose(got, [auto, sum_, *none, weighted], rtol=1e-6)


def test_loss_names():
    names = [L.MeanSquaredError().name, L.MeanAbsoluteError().name, L.BinaryCrossentropy().name,
             L.CategoricalCrossentropy().name, L.SparseCategoricalCrossentropy().name]
    assert names == ["mean_squared_error", "mean_absolute_error", "binary_crossentropy",
                     "categorical_crossentropy", "sparse_categorical_crossentropy"]


def test_crossentropies_from_logits():
    got = [float(L.BinaryCrossentropy(from_logits=True)(Y_TRUE, Y_PRED)),
           float(L.CategoricalCrossentropy(from_logits=True)(Y_TRUE, Y_PRED)),
           float(L.SparseCategoricalCrossentropy(from_logits=True)(np.array([1, 0]), Y_PRED))]
    np.testing.assert_allclose(got, [0.5958024, 0.474077, 0.474077], rtol=1e-6)


def test_sparse_categorical_crossentropy_of_probabilities():
    loss = L.SparseCategoricalCrossentropy()
    np.testing.assert_allclose(float(loss(np.array([1, 0]), Y_PRED)), 0.20273253, rtol=1e-6)


def test_a_sigmoid_output_is_scored_from_its_logits():
    logits = tf.constant([[20.0], [-20.0]])
    # From the probabilities, clipping to [1e-7, 1 - 1e-7] would give about 1.19e-7.
    loss = L.BinaryCrossentropy()(tf.constant([[1.0], [0.0]]), keras.activations.sigmoid(logits))
    np.testing.assert_allclose(float(loss), 2.0611537e-09, rtol=1e-6)


def test_an_eager_sigmoid_of_the_nn_module_is_scored_from_probabilities():
    loss = L.BinaryCrossentropy()(tf.constant([[1.0], [0.0]]), tf.sigmoid([[20.0], [-20.0]]))
    assert float(loss) == 0.0  # as tf_keras: clipped probabilities, log(1 - 1e-7 + 1e-7)


def test_a_trailing_axis_of_one_is_squeezed_for_tensors_only():
    # tf_keras: 0.25 for tensors, 0.75 (broadcast (2,) against (2, 1)) for numpy arrays.
    y_true, y_pred = np.array([1.0, 2.0]), np.array([[1.5], [2.5]])
    got = [float(L.MeanSquaredError()(tf.constant(y_true), tf.constant(y_pred))),
           float(L.MeanSquaredError()(y_true, y_pred))]
    assert got == [0.25, 0.75]


def test_loss_functions_by_name():
    assert (L.get("mse"), L.get("binary_crossentropy"), type(L.get("MeanSquaredError"))) == \
        (L.mean_squared_error, L.binary_crossentropy, L.MeanSquaredError)


def test_unknown_loss_name():
    with pytest.raises(ValueError, match="Unknown loss function: 'nope'"):
        L.get("nope")


def test_unknown_reduction():
    with pytest.raises(ValueError, match="Invalid Reduction Key: bad"):
        L.MeanSquaredError(reduction="bad")


def test_reduction_names():
    assert L.Reduction.all() == ("auto", "none", "sum", "sum_over_batch_size")


def test_mean_weights_and_resets():
    m = M.Mean()
    m.update_state([1.0, 2.0, 3.0])
    m.update_state([10.0], sample_weight=[2.0])
    first = float(m.result())
    m.reset_state()
    assert (first, float(m.result())) == (np.float32(5.2), 0.0)


def test_calling_a_metric_updates_and_returns_the_result():
    m = M.Mean()
    m(1.0)
    assert float(m(3.0)) == 2.0


def test_metric_variables_are_total_and_count():
    assert [v.name for v in M.Mean().variables] == ["total:0", "count:0"]


def test_update_state_returns_the_updated_count():
    assert repr(M.Mean().update_state([1.0, 2.0])) == \
        "<tf.Variable 'UnreadVariable' shape=() dtype=float32, numpy=2.0>"


@pytest.mark.parametrize("cls, name, y_true, y_pred, expected", [
    (M.MeanSquaredError, "mean_squared_error", [[0., 1.], [1., 1.]], [[1., 1.], [0., 0.]], 0.75),
    (M.Accuracy, "accuracy", [[1], [2], [3], [4]], [[0], [2], [3], [4]], 0.75),
    (M.BinaryAccuracy, "binary_accuracy", [[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]], 0.75),
    (M.SparseCategoricalAccuracy, "sparse_categorical_accuracy", [[2], [1]],
     [[0.1, 0.6, 0.3], [0.05, 0.95, 0]], 0.5),
    (M.CategoricalAccuracy, "categorical_accuracy", [[0, 0, 1], [0, 1, 0]],
     [[0.1, 0.9, 0.8], [0.05, 0.95, 0]], 0.5),
])
def test_metric_values(cls, name, y_true, y_pred, expected):
    m = cls()
    m.update_state(y_true, y_pred)
    assert (m.name, float(m.result())) == (name, expected)


def test_metrics_update_inside_a_function():
    m = M.SparseCategoricalAccuracy()

    @tf.function
    def step(y, p):
        m.update_state(y, p)
    step(tf.constant([1, 0]), tf.constant([[0.2, 0.8], [0.3, 0.7]]))
    step(tf.constant([1, 0]), tf.constant([[0.2, 0.8], [0.9, 0.1]]))
    assert float(m.result()) == 0.75


def test_metric_functions_by_name():
    assert (M.get("accuracy"), M.get("mse")) == (M.accuracy, L.mean_squared_error)

"""Bad input to Keras layers, models, fit/evaluate, losses, metrics and compile: TensorFlow's
error (class and message, as tf.keras 2 gives them in TensorFlow 2.21, TF_USE_LEGACY_KERAS=1),
and nothing changed by the failed call: weights, the optimizer's step count, the metrics'
state, the compiled settings. Also: a custom layer's `call` converted by AutoGraph when the
layer is called in a traced function, as in Keras.
"""
import re

import numpy as np
import pytest

import minitf as tf
from minitf import keras
from minitf.framework.errors import InvalidArgumentError, OperatorNotAllowedInGraphError


def weights_of(model):
    return [w.copy() for w in model.get_weights()]


def same(before, after):
    return len(before) == len(after) and all(np.array_equal(a, b) for a, b in zip(before, after))


def compiled_sequential(**dense):
    model = keras.Sequential([keras.layers.Dense(1, input_shape=(4,), **dense)])
    model.compile("sgd", "mse")
    return model


# -- a layer called with another input shape after it was built --------------------------------
def test_a_built_dense_refuses_another_last_dimension_and_keeps_its_weights():
    layer = keras.layers.Dense(3, name="dense_a")
    layer(np.ones((2, 4), np.float32))
    before = weights_of(layer)
    with pytest.raises(ValueError, match=re.escape(
            'Input 0 of layer "dense_a" is incompatible with the layer: expected axis -1 of input '
            'shape to have value 4, but received input with shape (2, 5)')):
        layer(np.ones((2, 5), np.float32))
    assert same(before, weights_of(layer)) and len(layer.weights) == 2


def test_a_built_dense_refuses_another_last_dimension_in_a_function():
    layer = keras.layers.Dense(3, name="dense_a")
    layer(np.ones((2, 4), np.float32))
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 4"):
        tf.function(layer)(tf.ones((2, 5)))


def test_a_sequential_model_with_an_input_shape_names_itself_and_the_expected_shape():
    model = keras.Sequential([keras.layers.Dense(3, input_shape=(4,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match=re.escape(
            'Input 0 of layer "sequential" is incompatible with the layer: expected '
            'shape=(None, 4), found shape=(2, 5)')):
        model(np.ones((2, 5), np.float32))


def test_a_sequential_model_built_on_its_first_call_lets_its_first_layer_refuse():
    model = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(1)])
    model(np.ones((2, 4), np.float32))
    with pytest.raises(ValueError, match='Input 0 of layer "dense" is incompatible with the '
                                         'layer: expected axis -1 of input shape to have value 4'):
        model(np.ones((2, 5), np.float32))


def test_a_functional_model_names_itself_and_the_shape_of_its_input():
    inputs = keras.Input((4,), name="features")
    model = keras.Model(inputs, keras.layers.Dense(2)(inputs))
    with pytest.raises(ValueError, match=re.escape(
            'Input 0 of layer "model" is incompatible with the layer: expected shape=(None, 4), '
            'found shape=(2, 5)')):
        model(np.ones((2, 5), np.float32))


def test_a_functional_model_squeezes_a_trailing_axis_of_one_more():
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(2)(inputs))
    assert model(np.ones((3, 4, 1), np.float32)).shape == (3, 2)


def test_a_functional_model_checks_dict_inputs_by_their_names():
    a, b = keras.Input((2,), name="a"), keras.Input((3,), name="b")
    model = keras.Model({"a": a, "b": b}, keras.layers.Dense(1)(a))
    with pytest.raises(ValueError, match=re.escape(
            'Input 0 of layer "model" is incompatible with the layer: expected shape=(None, 2), '
            'found shape=(10, 3)')):
        model({"a": np.ones((10, 3)), "b": np.ones((10, 3))})


def test_a_model_given_too_many_inputs_says_how_many_it_expects():
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(2)(inputs))
    with pytest.raises(ValueError, match='Layer "model" expects 1 input\\(s\\), but it received 2 '
                                         'input tensors'):
        model([np.ones((1, 4)), np.ones((1, 4))])


def test_fit_on_the_wrong_input_dimension_leaves_weights_and_optimizer_alone():
    model = compiled_sequential()
    before = weights_of(model)
    with pytest.raises(ValueError, match=re.escape(
            'Input 0 of layer "sequential" is incompatible with the layer: expected '
            'shape=(None, 4), found shape=(None, 5)')):
        model.fit(np.ones((8, 5)), np.ones((8, 1)), verbose=0)
    assert same(before, weights_of(model)) and int(model.optimizer.iterations) == 0


@pytest.mark.parametrize("make, x, message", [
    (lambda: keras.layers.Conv2D(2, 3, name="c"), np.ones((4, 4, 1)),
     "expected min_ndim=4, found ndim=3. Full shape received: (4, 4, 1)"),
    (lambda: keras.layers.MaxPooling2D(name="c"), np.ones((1, 1, 4, 4, 1)),
     "expected ndim=4, found ndim=5. Full shape received: (1, 1, 4, 4, 1)"),
    (lambda: keras.layers.AveragePooling2D(name="c"), np.ones((4, 4, 1)),
     "expected ndim=4, found ndim=3. Full shape received: (4, 4, 1)"),
], ids=["conv", "max-pool", "average-pool"])
def test_convolution_and_pooling_layers_refuse_inputs_of_another_rank(make, x, message):
    with pytest.raises(ValueError, match=re.escape(
            'Input 0 of layer "c" is incompatible with the layer: ' + message)):
        make()(x.astype(np.float32))


def test_a_built_conv2d_refuses_other_channels_and_keeps_its_weights():
    conv = keras.layers.Conv2D(2, 3)
    conv(np.ones((1, 4, 4, 1), np.float32))
    before = weights_of(conv)
    with pytest.raises(ValueError, match=re.escape(
            "expected axis -1 of input shape to have value 1, but received input with shape "
            "(1, 4, 4, 3)")):
        conv(np.ones((1, 4, 4, 3), np.float32))
    assert same(before, weights_of(conv))


def test_a_built_batch_normalization_refuses_another_rank_or_size_and_keeps_its_state():
    norm = keras.layers.BatchNormalization(name="bn")
    norm(np.ones((2, 3), np.float32), training=True)
    before = weights_of(norm)
    errors = []
    for x in (np.ones((2, 4), np.float32), np.ones((2, 2, 3), np.float32)):
        with pytest.raises(ValueError) as e:
            norm(x, training=True)
        errors.append(str(e.value).split("layer: ")[1])
    assert errors == ["expected axis 1 of input shape to have value 3, but received input with "
                      "shape (2, 4)", "expected ndim=2, found ndim=3. Full shape received: "
                      "(2, 2, 3)"] and same(before, weights_of(norm))


# -- fit/evaluate on data of different lengths, or a batch size below 1 -----------------------
@pytest.mark.parametrize("convert", [np.asarray, tf.constant], ids=["numpy", "tensors"])
def test_fit_on_x_and_y_of_different_lengths_lists_the_sizes(convert):
    model = compiled_sequential()
    before = weights_of(model)
    with pytest.raises(ValueError, match=re.escape(
            "Data cardinality is ambiguous:\n  x sizes: 10\n  y sizes: 8\nMake sure all arrays "
            "contain the same number of samples.")):
        model.fit(convert(np.ones((10, 4), np.float32)), convert(np.ones((8, 1), np.float32)),
                  verbose=0)
    assert same(before, weights_of(model)) and int(model.optimizer.iterations) == 0


def test_evaluate_on_x_and_y_of_different_lengths_lists_the_sizes():
    with pytest.raises(ValueError, match="x sizes: 10\n  y sizes: 8\n"):
        compiled_sequential().evaluate(np.ones((10, 4)), np.ones((8, 1)), verbose=0)


def test_fit_lists_the_sample_weight_sizes_too():
    with pytest.raises(ValueError, match="x sizes: 10\n  y sizes: 10\n  sample_weight sizes: 7\n"):
        compiled_sequential().fit(np.ones((10, 4)), np.ones((10, 1)),
                                  sample_weight=np.ones(7), verbose=0)


def test_fit_on_a_dict_of_inputs_of_different_lengths_lists_each_input():
    a, b = keras.Input((2,), name="a"), keras.Input((3,), name="b")
    model = keras.Model({"a": a, "b": b}, keras.layers.Dense(1)(a))
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="x sizes: 10, 9\n  y sizes: 10\n"):
        model.fit({"a": np.ones((10, 2)), "b": np.ones((9, 3))}, np.ones((10, 1)), verbose=0)


@pytest.mark.parametrize("method", ["fit", "evaluate", "predict"])
@pytest.mark.parametrize("batch_size", [0, -1])
def test_a_batch_size_below_one_is_refused(method, batch_size):
    model = compiled_sequential()
    data = (np.ones((4, 4)),) if method == "predict" else (np.ones((4, 4)), np.ones((4, 1)))
    with pytest.raises(ValueError, match="Expected batch_size to be positive. Received is %d."
                                         % batch_size):
        getattr(model, method)(*data, batch_size=batch_size, verbose=0)


# -- losses and metrics on labels and predictions of incompatible shapes ------------------------
@pytest.mark.parametrize("loss, op", [
    (keras.losses.MeanSquaredError(), "SquaredDifference"),
    (keras.losses.MeanAbsoluteError(), "Sub"),
    (keras.losses.BinaryCrossentropy(), "Mul"),
], ids=["mse", "mae", "bce"])
def test_a_loss_on_incompatible_shapes_is_the_ops_invalid_argument_error(loss, op):
    with pytest.raises(InvalidArgumentError, match=r"Incompatible shapes: \[4,[23]\] vs. "
                                                   r"\[4,[23]\] \[Op:%s\]" % op):
        loss(np.ones((4, 3), np.float32), np.ones((4, 2), np.float32))


def test_categorical_crossentropy_on_incompatible_shapes_compares_the_shapes():
    with pytest.raises(ValueError, match=re.escape("Shapes (4, 3) and (4, 2) are incompatible")):
        keras.losses.CategoricalCrossentropy()(np.ones((4, 3)), np.ones((4, 2)))


def test_sparse_categorical_crossentropy_on_too_many_labels_names_both_shapes():
    with pytest.raises(ValueError, match=re.escape(
            "`labels.shape` must equal `logits.shape` except for the last dimension. Received: "
            "labels.shape=(4,) and logits.shape=(5, 3)")):
        keras.losses.SparseCategoricalCrossentropy()(np.ones((4,)), np.ones((5, 3)))


def test_accuracy_on_incompatible_shapes_raises_and_keeps_its_state():
    metric = keras.metrics.Accuracy()
    metric.update_state([[1.0], [0.0]], [[1.0], [1.0]])
    with pytest.raises(ValueError, match=re.escape("Shapes (4, 3) and (4, 2) are incompatible")):
        metric.update_state(np.ones((4, 3)), np.ones((4, 2)))
    assert [float(v) for v in metric.variables] == [1.0, 2.0]


def test_mean_with_a_weight_of_another_length_raises_and_keeps_its_state():
    metric = keras.metrics.Mean()
    metric.update_state([2.0])
    with pytest.raises(InvalidArgumentError, match=r"Incompatible shapes: \[3\] vs. \[2\] "
                                                   r"\[Op:Mul\]"):
        metric.update_state(np.ones(3), sample_weight=np.ones(2))
    assert [float(v) for v in metric.variables] == [2.0, 1.0]


def test_mean_squared_error_metric_on_incompatible_shapes_keeps_its_state():
    metric = keras.metrics.MeanSquaredError()
    with pytest.raises(InvalidArgumentError, match="Incompatible shapes"):
        metric.update_state(np.ones((4, 3)), np.ones((4, 2)))
    assert [float(v) for v in metric.variables] == [0.0, 0.0]


# -- compile with a name it does not know -------------------------------------------------------
_NOT_FOUND = ("Please ensure you are using a `keras.utils.custom_object_scope` and that this "
              "object is included in the scope.")


@pytest.mark.parametrize("kwargs, message", [
    ({"optimizer": "sgdd", "loss": "mse"}, "Unknown optimizer: 'sgdd'. " + _NOT_FOUND),
    ({"optimizer": 3, "loss": "mse"}, "Could not interpret optimizer identifier: 3"),
    ({"optimizer": "sgd", "loss": "msee"}, "Unknown loss function: 'msee'. " + _NOT_FOUND),
    ({"optimizer": "sgd", "loss": "mse", "metrics": ["acc2"]},
     "Unknown metric function: 'acc2'. " + _NOT_FOUND),
    ({"optimizer": "sgd", "loss": "mse", "metrics": [3]},
     "Could not interpret metric identifier: 3"),
], ids=["optimizer", "optimizer-int", "loss", "metric", "metric-int"])
def test_compile_with_an_unknown_name_raises_and_keeps_the_compiled_model(kwargs, message):
    model = compiled_sequential()
    optimizer, loss = model.optimizer, model.compiled_loss
    with pytest.raises(ValueError, match=re.escape(message)):
        model.compile(**kwargs)
    assert model.optimizer is optimizer and model.compiled_loss is loss


def test_compile_takes_one_metric_name_as_it_is():
    model = compiled_sequential()
    model.compile("sgd", "mse", metrics="acc")
    history = model.fit(np.ones((2, 4)), np.ones((2, 1)), verbose=0).history
    assert sorted(history) == ["acc", "loss"]


# -- a custom layer's call is converted by AutoGraph while a graph is built ---------------------
class SignGate(keras.layers.Layer):
    """Doubles a batch whose sum is positive, else negates it: a Python `if` on a tensor."""

    def call(self, x):
        if tf.reduce_sum(x) > 0:
            return x * 2.0
        return -x


def test_a_layer_with_a_tensor_if_works_in_a_function():
    gate = SignGate()
    f = tf.function(lambda x: gate(x))
    assert [f(tf.constant([1.0, 2.0])).numpy().tolist(),
            f(tf.constant([-1.0, -2.0])).numpy().tolist()] == [[2.0, 4.0], [1.0, 2.0]]


def test_a_layer_with_a_tensor_if_trains_under_fit():
    # Dense(ones) gives 2 on ones(4, 2); SignGate doubles it to 4: loss (4 - 1)^2 = 9, as in
    # TensorFlow 2.21.
    model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,), kernel_initializer="ones"),
                              SignGate()])
    model.compile("sgd", "mse")
    assert model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0).history["loss"] == [9.0]


def test_a_function_without_autograph_leaves_the_layer_unconverted():
    gate = SignGate()
    f = tf.function(lambda x: gate(x), autograph=False)
    with pytest.raises(OperatorNotAllowedInGraphError, match="as a Python `bool` is not allowed"):
        f(tf.constant([1.0]))

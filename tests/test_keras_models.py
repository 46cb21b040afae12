"""Keras models: Sequential, subclassed and functional; their layers, weights, summaries and
checkpoints. The expected texts and names were printed by tf_keras under TensorFlow 2.21."""
import numpy as np
import pytest

import minitf as tf
from minitf.checkpoint import files

keras = tf.keras

SEQUENTIAL_SUMMARY = """\
Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 dense (Dense)               (None, 4)                 16        
                                                                 
 dropout (Dropout)           (None, 4)                 0         
                                                                 
 dense_1 (Dense)             (None, 1)                 5         
                                                                 
=================================================================
Total params: 21 (84.00 Byte)
Trainable params: 21 (84.00 Byte)
Non-trainable params: 0 (0.00 Byte)
_________________________________________________________________
"""  # noqa: W291 (Keras pads the rows with spaces)

SUBCLASSED_SUMMARY = """\
Model: "two_dense"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 dense (Dense)               multiple                  16        
                                                                 
 dense_1 (Dense)             multiple                  10        
                                                                 
=================================================================
Total params: 26 (104.00 Byte)
Trainable params: 26 (104.00 Byte)
Non-trainable params: 0 (0.00 Byte)
_________________________________________________________________
"""  # noqa: W291

FUNCTIONAL_SUMMARY = """\
Model: "model"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 input_1 (InputLayer)        [(None, 3)]               0         
                                                                 
 dense (Dense)               (None, 4)                 16        
                                                                 
 dense_1 (Dense)             (None, 1)                 5         
                                                                 
=================================================================
Total params: 21 (84.00 Byte)
Trainable params: 21 (84.00 Byte)
Non-trainable params: 0 (0.00 Byte)
_________________________________________________________________
"""  # noqa: W291


class TwoDense(keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = keras.layers.Dense(4, activation="relu")
        self.d2 = keras.layers.Dense(2)

    def call(self, x, training=False):
        return self.d2(self.d1(x))


def sequential():
    return keras.Sequential([keras.layers.Dense(4, activation="relu", input_shape=(3,)),
                             keras.layers.Dropout(0.5), keras.layers.Dense(1)])


def summary_text(model):
    lines = []
    model.summary(print_fn=lines.append)
    return "\n".join(lines) + "\n"


def test_sequential_summary_is_keras_table():
    assert summary_text(sequential()) == SEQUENTIAL_SUMMARY


def test_summary_prints_to_stdout(capsys):
    sequential().summary()
    assert capsys.readouterr().out == SEQUENTIAL_SUMMARY


def test_subclassed_summary_shows_multiple_output_shapes():
    model = TwoDense()
    model(tf.ones([1, 3]))
    assert summary_text(model) == SUBCLASSED_SUMMARY


def test_functional_summary_starts_with_the_input_layer():
    x = keras.Input(shape=(3,))
    hidden = keras.layers.Dense(4, activation="relu")(x)
    model = keras.Model(x, keras.layers.Dense(1)(hidden))
    assert summary_text(model) == FUNCTIONAL_SUMMARY


def test_summary_of_a_functional_model_with_a_shared_layer_shows_connections():
    a, b = keras.Input(shape=(2,), name="a"), keras.Input(shape=(2,), name="b")
    shared = keras.layers.Dense(2)
    model = keras.Model([a, b], [shared(a), shared(b)], name="two")
    lines = summary_text(model).splitlines()
    assert lines[8:10] == [
        " dense (Dense)               (None, 2)                    6         ['a[0][0]',"
        + " " * 19,
        " " * 69 + "'b[0][0]']" + " " * 19]


def test_summary_of_an_unbuilt_model_is_an_error():
    with pytest.raises(ValueError, match="This model has not yet been built"):
        TwoDense().summary()


def test_sequential_weights_are_named_after_the_layers():
    names = [w.name for w in sequential().weights]
    assert names == ["dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0"]


def test_subclassed_model_weights_are_in_the_model_scope():
    model = TwoDense()
    model(tf.ones([1, 3]))
    assert [w.name for w in model.weights][:2] == ["two_dense/dense/kernel:0",
                                                   "two_dense/dense/bias:0"]


def test_subclassed_model_built_in_a_function_has_the_same_names():
    model = TwoDense()
    tf.function(lambda x: model(x))(tf.ones([1, 3]))
    assert [w.name for w in model.weights][:2] == ["two_dense/dense/kernel:0",
                                                   "two_dense/dense/bias:0"]


def test_sequential_built_by_its_first_call_shows_that_shape():
    model = keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(1)])
    model(np.ones((2, 3), np.float32))
    assert ([layer.output_shape for layer in model.layers], model.weights[0].name) == \
        ([(2, 4), (2, 1)], "dense/kernel:0")


def test_sequential_with_an_input_first():
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2, name="out")],
                             name="my_seq")
    assert (model.name, [layer.name for layer in model.layers], model.count_params()) == \
        ("my_seq", ["out"], 8)


def test_sequential_add_refuses_a_non_layer():
    with pytest.raises(TypeError, match="must be an instance of class Layer"):
        keras.Sequential().add(3)


class WithMetricAndOwnWeights(keras.Model):
    def __init__(self):
        super().__init__()
        self.d = keras.layers.Dense(2)
        self.tracker = keras.metrics.Mean(name="loss")
        self.w = tf.Variable(1.0, name="w")
        self.b = self.add_weight(name="b", shape=(), trainable=False)

    def call(self, x):
        return self.d(x) * self.w


def test_model_lists_its_layers_weights_before_its_own():
    model = WithMetricAndOwnWeights()
    model(tf.ones([1, 3]))
    # tf_keras: layers ['dense'], weights [m/dense/kernel, m/dense/bias, total, count, w, b]
    assert ([layer.name for layer in model.layers], [w.name for w in model.weights],
            [m.name for m in model.metrics]) == (
        ["dense"], ["with_metric_and_own_weights/dense/kernel:0",
                    "with_metric_and_own_weights/dense/bias:0", "total:0", "count:0", "w:0",
                    "b:0"], ["loss"])


def test_build_a_subclassed_model_from_a_shape():
    model = TwoDense()
    model.build((None, 3))
    assert model.count_params() == 26


def test_get_layer_by_name():
    model = sequential()
    assert model.get_layer("dropout") is model.layers[1]


def test_functional_model_computes_like_its_layers():
    x = keras.Input(shape=(3,))
    hidden = keras.layers.Dense(4, activation="relu")
    out = keras.layers.Dense(1)
    model = keras.Model(inputs=x, outputs=out(hidden(x)))
    data = np.arange(6.0, dtype=np.float32).reshape(2, 3)
    np.testing.assert_array_equal(model(data).numpy(), out(hidden(data)).numpy())


def test_functional_model_with_a_missing_input_is_disconnected():
    a, b = keras.Input(shape=(2,)), keras.Input(shape=(2,))
    with pytest.raises(ValueError, match="Graph disconnected"):
        keras.Model(a, [keras.layers.Dense(1)(b)])


def test_sequential_checkpoint_names_layers_with_weights(tmp_path):
    model = sequential()
    path = tf.train.Checkpoint(model=model).write(str(tmp_path / "ckpt"))
    assert sorted(files.Reader(path).tensors) == [p + "/.ATTRIBUTES/VARIABLE_VALUE" for p in [
        "model/layer_with_weights-0/bias", "model/layer_with_weights-0/kernel",
        "model/layer_with_weights-1/bias", "model/layer_with_weights-1/kernel"]]  # as TF 2.21


def test_subclassed_checkpoint_names_attributes(tmp_path):
    model = TwoDense()
    model(tf.ones([1, 3]))
    path = tf.train.Checkpoint(model=model).write(str(tmp_path / "ckpt"))
    assert sorted(files.Reader(path).tensors) == [p + "/.ATTRIBUTES/VARIABLE_VALUE" for p in [
        "model/d1/bias", "model/d1/kernel", "model/d2/bias", "model/d2/kernel"]]


def test_checkpoint_restores_a_trained_model_and_its_optimizer(tmp_path):
    model = sequential()
    model.compile(keras.optimizers.Adam(0.1), "mse")
    x, y = np.ones((8, 3), np.float32), np.zeros((8, 1), np.float32)
    model.fit(x, y, epochs=1, verbose=0)
    ckpt = tf.train.Checkpoint(model=model)
    path = ckpt.save(str(tmp_path / "ckpt"))
    saved = model.get_weights()
    model.fit(x, y, epochs=1, verbose=0)
    ckpt.restore(path).assert_consumed()
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), saved))


def test_fit_adds_the_losses_the_layers_add():
    class Penalty(tf.keras.layers.Layer):
        def call(self, x):
            self.add_loss(100.0 + 0.0 * tf.reduce_sum(x))
            return x

    model = tf.keras.Sequential([tf.keras.Input(shape=(1,)), Penalty(),
                                 tf.keras.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.zeros((4, 1)), np.zeros((4, 1)), verbose=0)
    assert history.history["loss"] == [100.0]


def test_input_and_output_shapes_of_sequential_and_functional_models():
    sequential = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
    x = tf.keras.Input(shape=(4,))
    functional = tf.keras.Model(x, [tf.keras.layers.Dense(1)(x), x])
    assert (sequential.input_shape, sequential.output_shape, functional.input_shape,
            functional.output_shape) == ((None, 3), (None, 2), (None, 4), [(None, 1), (None, 4)])


def test_a_subclassed_model_has_no_input_shape():
    with pytest.raises(AttributeError, match="no Keras inputs"):
        tf.keras.Model().input_shape


def test_functional_layers_come_deepest_first_as_in_keras():  # order checked against tf_keras
    a, b = tf.keras.Input(shape=(3,), name="a"), tf.keras.Input(shape=(2,), name="b")
    h = tf.keras.layers.Dense(3, name="h")(b)
    merged = tf.keras.layers.Concatenate(name="cat")([tf.keras.layers.add([a, h], name="sum"), b])
    model = tf.keras.Model([a, b], tf.keras.layers.Dense(1, name="out")(merged))
    assert [layer.name for layer in model.layers] == ["b", "a", "h", "sum", "cat", "out"]


def test_save_weights_then_load_weights_into_a_new_model(tmp_path):
    model = sequential()
    model.compile("adam", "mse")
    model.fit(np.ones((4, 3)), np.ones((4, 1)), verbose=0)
    path = str(tmp_path / "weights")
    model.save_weights(path)
    fresh = sequential()
    fresh.compile("adam", "mse")
    fresh.load_weights(path)
    assert [w.tolist() for w in fresh.get_weights()] == [w.tolist() for w in model.get_weights()]
    assert tf.train.latest_checkpoint(str(tmp_path)) == path
    assert "layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE" in files.Reader(path).tensors


def test_save_weights_refuses_hdf5(tmp_path):
    with pytest.raises(NotImplementedError, match="not HDF5"):
        sequential().save_weights(str(tmp_path / "w.h5"))

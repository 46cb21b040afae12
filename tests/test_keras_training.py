"""Model.compile / fit / evaluate / predict / train_on_batch: the numbers (against a model written
by hand, and against loss curves recorded from tf_keras under TensorFlow 2.21), the progress
output, History and callbacks, and the kinds of data fit takes."""
import re

import numpy as np
import pytest

import minitf as tf

keras = tf.keras

# The data and initial weights of the recorded TensorFlow runs.
RNG = np.random.default_rng(7)
X = RNG.normal(size=(60, 3)).astype(np.float32)
Y = (X @ np.array([[1.5], [-2.0], [0.5]], np.float32) + 0.3).astype(np.float32)
LABELS = (X[:, 0] + X[:, 1] > 0).astype(np.int64)
W1 = RNG.uniform(-0.5, 0.5, (3, 4)).astype(np.float32)
B1 = np.full(4, 0.1, np.float32)
W2 = RNG.uniform(-0.5, 0.5, (4, 1)).astype(np.float32)
B2 = np.zeros(1, np.float32)
W3 = RNG.uniform(-0.5, 0.5, (4, 2)).astype(np.float32)
B3 = np.zeros(2, np.float32)


def two_layers(units, weights, activation=None):
    model = keras.Sequential([keras.layers.Dense(4, activation="tanh", input_shape=(3,)),
                              keras.layers.Dense(units, activation=activation)])
    model.set_weights(weights)
    return model


def fit_history(model, optimizer, loss, target, metrics=None):
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    return model.fit(X, target, batch_size=16, epochs=4, shuffle=False, verbose=0).history


# -- the numbers --------------------------------------------------------------------------------
# Recorded with TF_USE_LEGACY_KERAS=1 (tf_keras), TensorFlow 2.21, from the same data, initial
# weights, batch size 16, 4 epochs, shuffle=False. The match is to float32 rounding.
def test_fit_with_sgd_and_mse_matches_tensorflow():
    history = fit_history(two_layers(1, [W1, B1, W2, B2]), keras.optimizers.SGD(0.1), "mse", Y)
    np.testing.assert_allclose(history["loss"], [4.836408615112305, 1.7706815004348755,
                                                 0.38571596145629883, 0.20382609963417053],
                               rtol=1e-6)


def test_fit_with_adam_matches_tensorflow_legacy_adam():
    # tf_keras 2.21's keras.optimizers.Adam is the new optimizer, whose float32 rounding
    # differs in the 6th digit; minitf's Adam is OptimizerV2's (keras.optimizers.legacy.Adam).
    history = fit_history(two_layers(1, [W1, B1, W2, B2]), keras.optimizers.Adam(0.05), "mse", Y)
    np.testing.assert_allclose(history["loss"], [5.241642951965332, 3.4892258644104004,
                                                 1.9603383541107178, 0.8787782192230225],
                               rtol=1e-6)


def test_fit_with_sparse_crossentropy_from_logits_matches_tensorflow():
    history = fit_history(two_layers(2, [W1, B1, W3, B3]), keras.optimizers.SGD(0.5),
                          keras.losses.SparseCategoricalCrossentropy(from_logits=True), LABELS,
                          ["accuracy"])
    np.testing.assert_allclose(
        [history["loss"], history["accuracy"]],
        [[0.7785597443580627, 0.5603430867195129, 0.4399370849132538, 0.328815758228302],
         [0.4333333373069763, 0.699999988079071, 0.800000011920929, 0.8999999761581421]],
        rtol=1e-6)


def test_fit_with_a_sigmoid_output_and_binary_crossentropy_matches_tensorflow():
    # Keras computes this loss from the logits under the sigmoid: the same curve shows it.
    history = fit_history(two_layers(1, [W1, B1, W2, B2], "sigmoid"), keras.optimizers.SGD(0.5),
                          "binary_crossentropy", LABELS.astype(np.float32)[:, None],
                          ["accuracy"])
    np.testing.assert_allclose(
        [history["loss"], history["accuracy"]],
        [[0.6746463179588318, 0.49815693497657776, 0.3961140513420105, 0.32133299112319946],
         [0.5166666507720947, 0.800000011920929, 0.8500000238418579, 0.9166666865348816]],
        rtol=1e-6)


def test_evaluate_after_fit_matches_tensorflow():
    model = two_layers(2, [W1, B1, W3, B3], "softmax")
    fit_history(model, keras.optimizers.SGD(0.5), "sparse_categorical_crossentropy", LABELS,
                ["accuracy"])
    np.testing.assert_allclose(model.evaluate(X, LABELS, verbose=0),
                               [0.26342126727104187, 0.9333333373069763], rtol=1e-6)


def hand_written_losses(steps, lr=0.1):
    """The same two-layer model with variables, a tape and SGD: a loss per batch."""
    w1, b1, w2, b2 = (tf.Variable(a) for a in (W1, B1, W2, B2))
    opt = keras.optimizers.SGD(lr)
    losses = []
    for i in range(steps):
        x, y = X[16 * i:16 * (i + 1)], Y[16 * i:16 * (i + 1)]
        with tf.GradientTape() as tape:
            pred = tf.matmul(tf.tanh(tf.matmul(x, w1) + b1), w2) + b2
            loss = tf.reduce_mean(tf.square(pred - y))
        grads = tape.gradient(loss, [w1, b1, w2, b2])
        opt.apply_gradients(zip(grads, [w1, b1, w2, b2]))
        losses.append(loss.numpy())
    return losses, [v.numpy() for v in (w1, b1, w2, b2)]


def test_keras_model_in_a_custom_loop_matches_the_hand_written_model_bit_for_bit():
    model = two_layers(1, [W1, B1, W2, B2])
    loss_fn, opt = keras.losses.MeanSquaredError(), keras.optimizers.SGD(0.1)
    losses = []
    for i in range(3):
        x, y = X[16 * i:16 * (i + 1)], Y[16 * i:16 * (i + 1)]
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        losses.append(loss.numpy())
    assert losses == hand_written_losses(3)[0]


def test_fit_ends_with_the_weights_of_the_hand_written_model_bit_for_bit():
    model = two_layers(1, [W1, B1, W2, B2])
    model.compile(keras.optimizers.SGD(0.1), "mse")
    model.fit(X[:48], Y[:48], batch_size=16, epochs=1, shuffle=False, verbose=0)
    expected = hand_written_losses(3)[1]
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), expected))


def test_run_eagerly_gives_the_same_numbers_as_the_traced_steps():
    traced = fit_history(two_layers(1, [W1, B1, W2, B2]), keras.optimizers.SGD(0.1), "mse", Y)
    model = two_layers(1, [W1, B1, W2, B2])
    model.compile(keras.optimizers.SGD(0.1), "mse", run_eagerly=True)
    eager = model.fit(X, Y, batch_size=16, epochs=4, shuffle=False, verbose=0).history
    assert eager == traced


def test_each_kind_of_step_is_traced_once():
    model = two_layers(1, [W1, B1, W2, B2])
    model.compile("sgd", "mse")
    model.fit(X, Y, batch_size=16, epochs=2, verbose=0)  # the last batch is smaller
    model.evaluate(X, Y, verbose=0)
    counts = [f.experimental_get_tracing_count() for f in model._step_functions.values()]
    assert counts == [2, 1]  # TF 2.21 too: the first train step makes the optimizer's variables


# -- the loops' results -------------------------------------------------------------------------
def compiled(metrics=None):
    model = two_layers(2, [W1, B1, W3, B3])
    model.compile(keras.optimizers.SGD(0.5),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics)
    return model


def test_history_has_a_curve_per_log_and_the_epochs():
    history = compiled(["accuracy"]).fit(X, LABELS, epochs=3, verbose=0,
                                         validation_data=(X[:20], LABELS[:20]))
    assert (sorted(history.history), [len(v) for v in history.history.values()],
            history.epoch, history.params) == (
        ["accuracy", "loss", "val_accuracy", "val_loss"], [3, 3, 3, 3], [0, 1, 2],
        {"verbose": 0, "epochs": 3, "steps": 2})


def test_validation_split_holds_out_the_last_examples():
    model = compiled()
    history = model.fit(X, LABELS, epochs=1, verbose=0, validation_split=0.25, shuffle=False)
    np.testing.assert_allclose(history.history["val_loss"], model.evaluate(X[45:], LABELS[45:],
                                                                           verbose=0), rtol=1e-6)


def test_evaluate_returns_the_loss_alone_without_metrics():
    assert isinstance(compiled().evaluate(X, LABELS, verbose=0), float)


def test_evaluate_can_return_a_dict():
    logs = compiled(["accuracy"]).evaluate(X, LABELS, verbose=0, return_dict=True)
    assert sorted(logs) == ["accuracy", "loss"]


def test_predict_concatenates_the_batches():
    assert compiled().predict(X, batch_size=7, verbose=0).shape == (60, 2)


def test_predict_equals_calling_the_model():
    model = compiled()
    np.testing.assert_allclose(model.predict(X, verbose=0), model(X).numpy(), rtol=1e-6)


def test_train_on_batch_returns_the_loss_and_metrics_of_that_batch():
    model = compiled(["accuracy"])
    loss, acc = model.train_on_batch(X[:10], LABELS[:10])
    logits = tf.matmul(tf.tanh(X[:10] @ W1 + B1), W3) + B3
    expected = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(LABELS[:10], logits)
    hits = np.mean(np.argmax(logits.numpy(), axis=1) == LABELS[:10])
    np.testing.assert_allclose([loss, acc], [float(expected), hits], rtol=1e-6)


def test_metrics_names_after_a_batch():
    model = compiled(["accuracy"])
    model.train_on_batch(X[:10], LABELS[:10])
    assert model.metrics_names == ["loss", "accuracy"]


def test_fit_before_compile_is_an_error():
    with pytest.raises(RuntimeError, match="You must compile your model before training"):
        two_layers(1, [W1, B1, W2, B2]).fit(X, Y, verbose=0)


def test_arrays_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="Data cardinality is ambiguous"):
        compiled().fit(X, LABELS[:10], verbose=0)


def test_fit_takes_an_iterable_of_batches():
    batches = [(X[i:i + 20], LABELS[i:i + 20]) for i in range(0, 60, 20)]
    from_batches = compiled().fit(batches, epochs=2, verbose=0).history["loss"]
    from_arrays = compiled().fit(X, LABELS, batch_size=20, epochs=2, shuffle=False,
                                 verbose=0).history["loss"]
    assert from_batches == from_arrays


def test_fit_takes_a_generator_with_steps_per_epoch():
    def forever():
        while True:
            yield X[:20], LABELS[:20]
    history = compiled().fit(forever(), steps_per_epoch=3, epochs=2, verbose=0)
    assert history.params["steps"] == 3 and len(history.history["loss"]) == 2


def test_fit_takes_a_sequential_model_that_is_not_built_yet():
    model = keras.Sequential([keras.layers.Dense(4, activation="relu"), keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(X, Y, epochs=1, verbose=0)
    assert model.layers[0].output_shape == (None, 4)


class Scaled(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)

    def call(self, x, training=None):
        return self.dense(x)


def test_fit_trains_a_subclassed_model():
    model = Scaled()
    model.compile(keras.optimizers.SGD(0.1), "mse")
    history = model.fit(X, Y, epochs=10, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0] / 10


class CustomStep(keras.Model):
    """A train_step written as in Keras' "Customizing what happens in fit()" guide."""

    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)
        self.tracker = keras.metrics.Mean(name="my_loss")

    def call(self, x):
        return self.dense(x)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(self(x, training=True) - y))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.tracker.update_state(loss)
        return {"my_loss": self.tracker.result()}


def test_an_overridden_train_step_drives_fit():
    model = CustomStep()
    model.compile(keras.optimizers.SGD(0.1))
    assert list(model.fit(X, Y, epochs=2, verbose=0).history) == ["my_loss"]


# -- progress output ----------------------------------------------------------------------------
TIME = r"\d+(s|ms|us)"
NUM = r"\d+\.\d{4}"


def test_verbose_2_prints_one_line_per_epoch(capsys):
    compiled(["accuracy"]).fit(X, LABELS, epochs=2, verbose=2)
    line = r"2/2 - \d+s - loss: %s - accuracy: %s - %s/epoch - %s/step\n" % (NUM, NUM, TIME, TIME)
    assert re.fullmatch("Epoch 1/2\n" + line + "Epoch 2/2\n" + line, capsys.readouterr().out)


def test_verbose_1_redraws_a_bar_and_ends_with_the_epoch_line(capsys):
    compiled().fit(X, LABELS, verbose=1, validation_data=(X, LABELS))
    out = capsys.readouterr().out
    first, last = out.split("\r")[1], out.split("\r")[-1]
    assert re.fullmatch(r"1/2 \[={14}>\.{15}\] - ETA: \d+s - loss: %s" % NUM + "\b*", first)
    assert re.fullmatch(r"2/2 \[={30}\] - \d+s %s/step - loss: %s - val_loss: %s\n"
                        % (TIME, NUM, NUM), last)


def test_one_epoch_prints_no_epoch_header(capsys):
    compiled().fit(X, LABELS, verbose=2)
    assert not capsys.readouterr().out.startswith("Epoch")


def test_verbose_0_prints_nothing(capsys):
    compiled().fit(X, LABELS, epochs=2, verbose=0)
    assert capsys.readouterr().out == ""


def test_evaluate_verbose_2(capsys):
    compiled().evaluate(X, LABELS, verbose=2)
    assert re.fullmatch(r"2/2 - \d+s - loss: %s - %s/epoch - %s/step\n" % (NUM, TIME, TIME),
                        capsys.readouterr().out)


def test_predict_verbose_1_shows_a_bar_without_values(capsys):
    compiled().predict(X[:5], verbose=1)
    assert re.search(r"\r1/1 \[={30}\] - \d+s %s/step\n$" % TIME, capsys.readouterr().out)


# -- callbacks ----------------------------------------------------------------------------------
class Recorder(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def on_train_begin(self, logs=None):
        self.calls.append("train_begin")

    def on_epoch_begin(self, epoch, logs=None):
        self.calls.append("epoch_begin %d" % epoch)

    def on_train_batch_end(self, batch, logs=None):
        self.calls.append("batch_end %d %s" % (batch, sorted(logs)))

    def on_test_begin(self, logs=None):
        self.calls.append("test_begin")

    def on_epoch_end(self, epoch, logs=None):
        self.calls.append("epoch_end %d %s" % (epoch, sorted(logs)))

    def on_train_end(self, logs=None):
        self.calls.append("train_end")


def test_callbacks_are_called_in_keras_order():
    recorder = Recorder()
    compiled().fit(X, LABELS, epochs=1, verbose=0, callbacks=[recorder],
                   validation_data=(X, LABELS))
    assert recorder.calls == ["train_begin", "epoch_begin 0", "batch_end 0 ['loss']",
                              "batch_end 1 ['loss']", "test_begin",
                              "epoch_end 0 ['loss', 'val_loss']", "train_end"]


def test_a_callback_sees_the_model_and_params():
    recorder = Recorder()
    model = compiled()
    model.fit(X, LABELS, epochs=1, verbose=0, callbacks=[recorder])
    assert recorder.model is model and recorder.params == {"verbose": 0, "epochs": 1, "steps": 2}


def test_lambda_callback_runs_its_function():
    seen = []
    compiled().fit(X, LABELS, epochs=2, verbose=0, callbacks=[
        keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch))])
    assert seen == [0, 1]


def test_early_stopping_stops_when_the_monitor_stops_improving(capsys):
    stop = keras.callbacks.EarlyStopping(monitor="loss", patience=1, verbose=1)
    model = compiled()
    model.compile(keras.optimizers.SGD(0.0),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    history = model.fit(X, LABELS, epochs=10, shuffle=False, verbose=0, callbacks=[stop])
    assert (len(history.epoch), capsys.readouterr().out) == (2, "Epoch 2: early stopping\n")


def test_early_stopping_restores_the_weights_of_the_best_epoch(capsys):
    model = two_layers(1, [W1, B1, W2, B2])
    model.compile(keras.optimizers.SGD(2.0), "mse")  # too large a step: the loss grows
    after_first = []
    keep = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: after_first or after_first.append(model.get_weights()))
    stop = keras.callbacks.EarlyStopping(monitor="loss", patience=1, verbose=1,
                                         restore_best_weights=True)
    model.fit(X, Y, epochs=5, shuffle=False, verbose=0, callbacks=[keep, stop])
    assert capsys.readouterr().out == ("Epoch 2: early stopping\nRestoring model weights from "
                                       "the end of the best epoch: 1.\n")
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), after_first[0]))


def test_early_stopping_maximizes_accuracy_in_auto_mode():
    assert keras.callbacks.EarlyStopping(monitor="val_accuracy").monitor_op is np.greater


def test_test_on_batch_does_not_train():
    model = compiled()
    before = model.get_weights()
    model.test_on_batch(X[:10], LABELS[:10])
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), before))


def test_predict_on_batch_equals_calling_the_model():
    model = compiled()
    np.testing.assert_allclose(model.predict_on_batch(X[:5]), model(X[:5]).numpy(), rtol=1e-6)


def test_input_dim_gives_the_first_layer_its_input_shape():
    model = keras.Sequential([keras.layers.Dense(2, input_dim=3)])
    assert model.count_params() == 8


def test_evaluate_with_steps_uses_only_the_first_batches():
    model = compiled()
    assert model.evaluate(X, LABELS, batch_size=20, steps=1, verbose=0) == \
        model.evaluate(X[:20], LABELS[:20], verbose=0)


def test_the_compiled_loss_refuses_a_model_with_two_outputs():
    x = keras.Input(shape=(3,))
    model = keras.Model(x, [keras.layers.Dense(1)(x), keras.layers.Dense(1)(x)])
    model.compile("sgd", "mse")
    with pytest.raises(NotImplementedError, match="models with one output; this model returned 2"):
        model.fit(X, Y, verbose=0)


def test_callbacks_get_a_dict_of_logs_even_when_there_are_none():  # as tf_keras 2.21
    seen = []

    class Spy(tf.keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            seen.append(logs)

        def on_epoch_begin(self, epoch, logs=None):
            seen.append(logs)

    model = two_layers(1, [W1, B1, W2, B2])
    model.compile("sgd", "mse")
    model.fit(X, Y, epochs=1, verbose=0, callbacks=[Spy()])
    assert seen == [{}, {}]

"""Keras around training: callbacks (custom, LambdaCallback, EarlyStopping, History), learning-
rate schedules, saving and loading weights, getting layers and configs."""
import os
import tempfile

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(5)
x = rng.normal(size=(64, 3)).astype("float32")
y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32") + 0.1).astype("float32")


def make_model():
    model = tf.keras.Sequential([tf.keras.Input(shape=(3,)),
                                 tf.keras.layers.Dense(4, activation="relu", name="hidden"),
                                 tf.keras.layers.Dense(1, name="out")])
    model.set_weights([np.full(w.shape, 0.3, "float32") for w in model.get_weights()])
    return model


class PrintingCallback(tf.keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        print("train begins, logs:", logs)

    def on_epoch_begin(self, epoch, logs=None):
        print("epoch", epoch, "begins")

    def on_epoch_end(self, epoch, logs=None):
        print("epoch", epoch, "ends:", sorted(logs), round(logs["loss"], 4))

    def on_train_batch_end(self, batch, logs=None):
        if batch == 1:
            print("  batch", batch, sorted(logs))

    def on_train_end(self, logs=None):
        print("train ends:", sorted(logs))


model = make_model()
model.compile(optimizer=tf.keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
lambda_cb = tf.keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: print("lambda saw epoch", epoch))
history = model.fit(x, y, batch_size=16, epochs=2, verbose=0, shuffle=False,
                    callbacks=[PrintingCallback(), lambda_cb])
print(type(history).__name__, history.epoch, sorted(history.params.items()))
print(np.round(history.history["loss"], 4), model.history is history)

model = make_model()
model.compile(optimizer=tf.keras.optimizers.SGD(0.5), loss="mse")
stopper = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=1, min_delta=1e9)
history = model.fit(x, y, batch_size=64, epochs=10, verbose=0, callbacks=[stopper])
print(len(history.history["loss"]), stopper.stopped_epoch)

schedule = tf.keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5)
print([round(float(schedule(step)), 4) for step in range(5)])
model = make_model()
opt = tf.keras.optimizers.SGD(learning_rate=schedule)
model.compile(optimizer=opt, loss="mse")
history = model.fit(x, y, batch_size=32, epochs=2, verbose=0, shuffle=False)
print(np.round(history.history["loss"], 4), int(opt.iterations))
piecewise = tf.keras.optimizers.schedules.PiecewiseConstantDecay([2, 4], [1.0, 0.5, 0.1])
print([float(piecewise(s)) for s in range(6)])

path = os.path.join(tempfile.mkdtemp(), "weights.ckpt")
model.save_weights(path)
before = model.predict(x[:2], verbose=0)
fresh = make_model()
print(np.allclose(fresh.predict(x[:2], verbose=0), before))
fresh.load_weights(path)
print(np.allclose(fresh.predict(x[:2], verbose=0), before))
print(model.get_layer("hidden").units, model.get_layer(index=1).name)
print(model.get_layer("out").kernel.shape, [l.name for l in model.layers])
print(model.optimizer is opt, model.loss)

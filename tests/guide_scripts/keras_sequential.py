"""Keras Sequential: build, summary, compile, fit, evaluate, predict; layers and weights."""
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x_train = rng.normal(size=(96, 4)).astype("float32")
y_train = (x_train[:, 0] + x_train[:, 1] * x_train[:, 2] > 0).astype("int64")
x_test = rng.normal(size=(32, 4)).astype("float32")
y_test = (x_test[:, 0] + x_test[:, 1] * x_test[:, 2] > 0).astype("int64")


def set_deterministic_weights(model):
    model.set_weights([np.cos(np.arange(w.size)).reshape(w.shape).astype("float32") * 0.3
                       for w in model.get_weights()])


model = tf.keras.Sequential(
    [
        tf.keras.layers.Dense(8, activation="relu", name="layer1"),
        tf.keras.layers.Dense(6, activation="relu", name="layer2"),
        tf.keras.layers.Dense(2, name="layer3"),
    ]
)
x = tf.ones((3, 4))
y = model(x)
print(y.shape)
print(len(model.layers), [layer.name for layer in model.layers])
print(model.layers[0].weights[0].shape, model.layers[0].kernel.name, model.layers[0].bias.name)
model.summary()

layer = tf.keras.layers.Dense(3)
print(layer.weights)
x = tf.ones((1, 4))
y = layer(x)
print([w.shape for w in layer.weights], layer.built)

model = tf.keras.Sequential(name="my_sequential")
model.add(tf.keras.Input(shape=(4,)))
model.add(tf.keras.layers.Dense(16, activation="relu"))
model.add(tf.keras.layers.Dropout(0.0))
model.add(tf.keras.layers.Dense(2, activation="softmax"))
model.summary()
print(model.input_shape, model.output_shape, model.count_params())
set_deterministic_weights(model)
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.2),
              loss=tf.keras.losses.SparseCategoricalCrossentropy(),
              metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])
history = model.fit(x_train, y_train, batch_size=32, epochs=3, shuffle=False, verbose=2,
                    validation_data=(x_test, y_test))
print(sorted(history.history))
print(np.round(history.history["loss"], 4))
results = model.evaluate(x_test, y_test, batch_size=16, verbose=0)
print("test loss, test acc:", np.round(results, 4))
predictions = model.predict(x_test[:3], verbose=0)
print("predictions shape:", predictions.shape)
print(np.round(predictions, 4))
print(np.argmax(model(x_test[:5]), axis=1))
print(model.evaluate(x_test, y_test, verbose=0, return_dict=True).keys())
print(np.round(model.train_on_batch(x_train[:8], y_train[:8]), 4))
print(np.round(model.test_on_batch(x_test[:8], y_test[:8]), 4))
print(model.predict_on_batch(x_test[:2]).shape)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(4,)),
    tf.keras.layers.Dense(4, activation="tanh"),
    tf.keras.layers.Dense(1),
])
set_deterministic_weights(model)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
hist = model.fit(x_train, y_train.astype("float32"), epochs=2, batch_size=48, verbose=1,
                 shuffle=False)
print(np.round(hist.history["mae"], 4))
print(np.round(model.evaluate(x_test, y_test.astype("float32"), verbose=1), 4))
print(np.round(model.predict(x_test, batch_size=8, verbose=1)[:2], 4))
early = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=0)
hist = model.fit(x_train, y_train.astype("float32"), epochs=3, batch_size=96, verbose=0,
                 callbacks=[early], shuffle=False)
print(len(hist.history["loss"]))
model.trainable = False
print(len(model.trainable_weights), len(model.non_trainable_weights))
model.summary()

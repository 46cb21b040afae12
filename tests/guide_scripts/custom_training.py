"""A custom training loop: Keras layers and losses, a tf.data pipeline, a traced train step,
metrics reset each epoch, and the same model then trained by fit on the dataset."""
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(7)
x_all = rng.normal(size=(120, 5)).astype("float32")
y_all = np.argmax(x_all[:, :3] + 0.1 * x_all[:, 3:4], axis=1).astype("int32")
train_dataset = tf.data.Dataset.from_tensor_slices((x_all[:96], y_all[:96])).batch(32)
val_dataset = tf.data.Dataset.from_tensor_slices((x_all[96:], y_all[96:])).batch(32)
print(train_dataset.element_spec)


def build_model():
    inputs = tf.keras.Input(shape=(5,), name="digits")
    x1 = tf.keras.layers.Dense(16, activation="relu")(inputs)
    x2 = tf.keras.layers.Dense(16, activation="relu")(x1)
    outputs = tf.keras.layers.Dense(3, name="predictions")(x2)
    model = tf.keras.Model(inputs=inputs, outputs=outputs)
    model.set_weights([np.cos(np.arange(w.size) * 0.7).reshape(w.shape).astype("float32") * 0.5
                       for w in model.get_weights()])
    return model


model = build_model()
optimizer = tf.keras.optimizers.SGD(learning_rate=0.05)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
train_acc_metric = tf.keras.metrics.SparseCategoricalAccuracy()
val_acc_metric = tf.keras.metrics.SparseCategoricalAccuracy()

for epoch in range(2):
    print("\nStart of epoch %d" % (epoch,))
    for step, (x_batch_train, y_batch_train) in enumerate(train_dataset):
        with tf.GradientTape() as tape:
            logits = model(x_batch_train, training=True)
            loss_value = loss_fn(y_batch_train, logits)
        grads = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        train_acc_metric.update_state(y_batch_train, logits)
        if step % 2 == 0:
            print("Training loss (for one batch) at step %d: %.4f" % (step, float(loss_value)))
            print("Seen so far: %s samples" % ((step + 1) * 32))
    train_acc = train_acc_metric.result()
    print("Training acc over epoch: %.4f" % (float(train_acc),))
    train_acc_metric.reset_state()
    for x_batch_val, y_batch_val in val_dataset:
        val_logits = model(x_batch_val, training=False)
        val_acc_metric.update_state(y_batch_val, val_logits)
    val_acc = val_acc_metric.result()
    val_acc_metric.reset_state()
    print("Validation acc: %.4f" % (float(val_acc),))

model = build_model()
optimizer = tf.keras.optimizers.Adam(learning_rate=0.01)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss_value = loss_fn(y, logits)
    grads = tape.gradient(loss_value, model.trainable_weights)
    optimizer.apply_gradients(zip(grads, model.trainable_weights))
    train_acc_metric.update_state(y, logits)
    return loss_value


@tf.function
def test_step(x, y):
    val_logits = model(x, training=False)
    val_acc_metric.update_state(y, val_logits)


for epoch in range(3):
    for step, (x_batch_train, y_batch_train) in enumerate(train_dataset):
        loss_value = train_step(x_batch_train, y_batch_train)
    print("epoch %d: last loss %.4f, train acc %.4f" % (epoch, float(loss_value),
                                                        float(train_acc_metric.result())))
    train_acc_metric.reset_state()
    for x_batch_val, y_batch_val in val_dataset:
        test_step(x_batch_val, y_batch_val)
    print("Validation acc: %.4f" % (float(val_acc_metric.result()),))
    val_acc_metric.reset_state()
print(train_step.experimental_get_tracing_count(), optimizer.iterations.numpy())
print([v.name for v in model.trainable_weights][:2])

model = build_model()
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.01), loss=loss_fn,
              metrics=["accuracy"])
history = model.fit(train_dataset, epochs=3, validation_data=val_dataset, verbose=2)
print({k: np.round(v, 4).tolist() for k, v in history.history.items()})
print(np.round(model.evaluate(val_dataset, verbose=0), 4))
print(model.predict(val_dataset, verbose=0).shape)
probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
print(np.round(probability_model(x_all[:2]).numpy(), 4))

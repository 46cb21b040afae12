"""A basic training loop: a linear model fit by hand with a tape, then the same in Keras."""
import numpy as np
import tensorflow as tf

TRUE_W = 3.0
TRUE_B = 2.0
NUM_EXAMPLES = 201
rng = np.random.default_rng(42)
x = tf.constant(np.linspace(-2, 2, NUM_EXAMPLES), dtype=tf.float32)
noise = tf.constant(rng.normal(size=NUM_EXAMPLES), dtype=tf.float32)
y = x * TRUE_W + TRUE_B + noise


class MyModel(tf.Module):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.w = tf.Variable(5.0)
        self.b = tf.Variable(0.0)

    def __call__(self, x):
        return self.w * x + self.b


model = MyModel()
print("Variables:", model.variables)
assert model(3.0).numpy() == 15.0


def loss(target_y, predicted_y):
    return tf.reduce_mean(tf.square(target_y - predicted_y))


print("Current loss: %1.6f" % loss(y, model(x)).numpy())


def train(model, x, y, learning_rate):
    with tf.GradientTape() as t:
        current_loss = loss(y, model(x))
    dw, db = t.gradient(current_loss, [model.w, model.b])
    model.w.assign_sub(learning_rate * dw)
    model.b.assign_sub(learning_rate * db)


weights = []
biases = []
epochs = range(10)


def report(model, loss):
    return f"W = {model.w.numpy():1.2f}, b = {model.b.numpy():1.2f}, loss={loss:2.5f}"


def training_loop(model, x, y):
    for epoch in epochs:
        train(model, x, y, learning_rate=0.1)
        weights.append(model.w.numpy())
        biases.append(model.b.numpy())
        current_loss = loss(y, model(x))
        print(f"Epoch {epoch:2d}:")
        print("    ", report(model, current_loss))


current_loss = loss(y, model(x))
print("Starting:")
print("    ", report(model, current_loss))
training_loop(model, x, y)
print(np.round(weights, 4))


class MyModelKeras(tf.keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.w = tf.Variable(5.0)
        self.b = tf.Variable(0.0)

    def call(self, x):
        return self.w * x + self.b


keras_model = MyModelKeras()
training_loop(keras_model, x, y)
keras_model = MyModelKeras()
keras_model.compile(run_eagerly=False, optimizer=tf.keras.optimizers.SGD(learning_rate=0.1),
                    loss=tf.keras.losses.mean_squared_error)
print(x.shape[0])
history = keras_model.fit(x, y, epochs=10, batch_size=1000, verbose=0)
print(np.round(history.history["loss"], 4))
print(history.epoch, history.params)
print(round(float(keras_model.w), 4), round(float(keras_model.b), 4))

opt = tf.optimizers.SGD(learning_rate=0.1)
m = MyModel()
for step in range(3):
    with tf.GradientTape() as tape:
        l = loss(y, m(x))
    grads = tape.gradient(l, m.trainable_variables)
    opt.apply_gradients(zip(grads, m.trainable_variables))
    print(step, round(float(l), 4), opt.iterations.numpy())
opt = tf.keras.optimizers.Adam(learning_rate=0.5)
m = MyModel()
for step in range(3):
    with tf.GradientTape() as tape:
        l = loss(y, m(x))
    opt.minimize(lambda: loss(y, m(x)), m.trainable_variables)
    print(step, round(float(l), 4), [round(float(v), 4) for v in m.trainable_variables])

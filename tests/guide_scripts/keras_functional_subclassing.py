"""Keras functional API, custom layers and subclassed models, with fit and a custom train_step."""
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(1)
x_data = rng.normal(size=(64, 6)).astype("float32")
y_data = (x_data.sum(axis=1) > 0).astype("float32")[:, None]


def deterministic(model):
    model.set_weights([np.sin(np.arange(w.size) + 1.0).reshape(w.shape).astype("float32") * 0.4
                       for w in model.get_weights()])


inputs = tf.keras.Input(shape=(6,), name="features")
print(inputs.shape, inputs.dtype)
h = tf.keras.layers.Dense(8, activation="relu", name="hidden")(inputs)
outputs = tf.keras.layers.Dense(1, activation="sigmoid", name="out")(h)
model = tf.keras.Model(inputs=inputs, outputs=outputs, name="functional_model")
model.summary()
print([l.name for l in model.layers], model.inputs[0].shape, model.outputs[0].shape)
deterministic(model)
model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.01),
              loss=tf.keras.losses.BinaryCrossentropy(),
              metrics=[tf.keras.metrics.BinaryAccuracy(name="acc")])
history = model.fit(x_data, y_data, batch_size=16, epochs=3, verbose=0, validation_split=0.25,
                    shuffle=False)
print({k: np.round(v, 4).tolist() for k, v in history.history.items()})
print(np.round(model.evaluate(x_data, y_data, verbose=0), 4))
print(np.round(model.predict(x_data[:2], verbose=0), 4))

encoder_input = tf.keras.Input(shape=(6,))
z = tf.keras.layers.Dense(3, activation="tanh")(encoder_input)
decoded = tf.keras.layers.Dense(6)(z)
two_outputs = tf.keras.Model(encoder_input, [z, decoded])
zz, dd = two_outputs(x_data[:2])
print(zz.shape, dd.shape, len(two_outputs.weights))
added = tf.keras.layers.Add()([z, z])
print(added.shape, tf.keras.layers.Concatenate()([z, decoded]).shape)


class Linear(tf.keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="ones",
                                 trainable=True, name="w")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True,
                                 name="b")

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b

    def get_config(self):
        return {"units": self.units}


linear_layer = Linear(4)
y = linear_layer(tf.ones((2, 2)))
print(y)
print([w.name for w in linear_layer.weights], len(linear_layer.trainable_weights))
print(linear_layer.get_config())


class ComputeSum(tf.keras.layers.Layer):
    def __init__(self, input_dim):
        super().__init__()
        self.total = tf.Variable(initial_value=tf.zeros((input_dim,)), trainable=False)

    def call(self, inputs):
        self.total.assign_add(tf.reduce_sum(inputs, axis=0))
        return self.total


my_sum = ComputeSum(2)
x = tf.ones((2, 2))
y = my_sum(x)
print(y.numpy())
y = my_sum(x)
print(y.numpy())
print("weights:", len(my_sum.weights))
print("non-trainable weights:", len(my_sum.non_trainable_weights))
print("trainable_weights:", my_sum.trainable_weights)


class ActivityRegularizationLayer(tf.keras.layers.Layer):
    def __init__(self, rate=1e-2):
        super().__init__()
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * tf.reduce_sum(inputs))
        return inputs


class OuterLayer(tf.keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.activity_reg = ActivityRegularizationLayer(1e-2)

    def call(self, inputs):
        return self.activity_reg(inputs)


layer = OuterLayer()
_ = layer(tf.zeros((1, 1)))
print(len(layer.losses))
_ = layer(tf.ones((1, 1)))
print(layer.losses)


class CustomDropout(tf.keras.layers.Layer):
    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs, training=None):
        if training:
            return tf.nn.dropout(inputs, rate=self.rate)
        return inputs


print(CustomDropout(0.5)(tf.ones((1, 3)), training=False))


class MLPBlock(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.linear_1 = Linear(4)
        self.linear_2 = Linear(1)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = tf.nn.relu(x)
        return self.linear_2(x)


mlp = MLPBlock()
y = mlp(tf.ones(shape=(3, 6)))
print("weights:", len(mlp.weights))
print("trainable weights:", len(mlp.trainable_weights))
print(y.numpy().ravel())
mlp.summary()


class CustomModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1, kernel_initializer="zeros")
        self.loss_tracker = tf.keras.metrics.Mean(name="loss")

    def call(self, inputs):
        return self.dense(inputs)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = tf.reduce_mean(tf.square(y - y_pred))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.loss_tracker.update_state(loss)
        return {"loss": self.loss_tracker.result()}

    @property
    def metrics(self):
        return [self.loss_tracker]


cm = CustomModel()
cm.compile(optimizer=tf.keras.optimizers.SGD(0.05))
hist = cm.fit(x_data, y_data, epochs=3, batch_size=32, verbose=0, shuffle=False)
print(np.round(hist.history["loss"], 4))

m = tf.keras.metrics.Mean()
m.update_state([1.0, 3.0, 5.0])
print(m.result().numpy())
m.reset_state()
print(m.result().numpy())
acc = tf.keras.metrics.SparseCategoricalAccuracy()
acc.update_state([1, 0], [[0.1, 0.9], [0.2, 0.8]])
print(acc.result().numpy(), acc.name)
bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
print(bce([[1.0], [0.0]], [[2.0], [-1.0]]).numpy().round(5))
cce = tf.keras.losses.CategoricalCrossentropy()
print(cce([[0.0, 1.0]], [[0.3, 0.7]]).numpy().round(5))
print(tf.keras.losses.MeanSquaredError()([1.0, 2.0], [1.5, 2.5]).numpy())
print(tf.keras.activations.relu(tf.constant([-1.0, 2.0])).numpy())
print(tf.keras.layers.Flatten()(tf.ones((2, 3, 4))).shape)
print(tf.keras.layers.Activation("sigmoid")(tf.constant([0.0])).numpy())

"""A small classifier of two interleaved spirals, trained three ways, side by side, with one
engine:

* TF1 style: a graph of placeholders and `tf.compat.v1.layers.dense`, an `AdamOptimizer`'s
  train op, and a `Session` that runs it batch by batch;
* TF2 style, a custom loop: a `tf.Module` made of Keras layers, a `GradientTape` and
  `keras.optimizers.Adam`, the step traced with `tf.function`;
* TF2 style, Keras: the same layers in a `keras.Sequential` model, `compile` and `fit`.

All three start from the same weights and see the same batches in the same order. The custom
loop and `fit` run the same ops, so their curves are the same to the last bit; the TF1
`AdamOptimizer` keeps `beta ** t` by repeated multiplication, which differs in the last float32
digit, and that difference slowly grows over the epochs. The script
prints the loss and accuracy of each every few epochs and writes two pictures:
`<out>/mlp_classifier_curves.png` (loss and accuracy per epoch) and
`<out>/mlp_classifier_boundary.png` (the data and each model's decision boundary).

    python examples/mlp_classifier.py --epochs 100 --out plots
"""
import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import minitf as tf  # noqa: E402

HIDDEN = 32
STYLES = ("session", "custom loop", "fit")


def make_spirals(n_per_class=200, noise=0.08, seed=0):
    """Two spirals winding around each other: (points (2n, 2) float32, labels (2n,) int64),
    shuffled once."""
    rng = np.random.default_rng(seed)
    t = np.sqrt(rng.uniform(0.02, 1.0, n_per_class)) * 3 * np.pi
    arm = np.stack([t * np.cos(t), t * np.sin(t)], axis=1) / (3 * np.pi)
    points = np.concatenate([arm, -arm]) + noise * rng.standard_normal((2 * n_per_class, 2))
    labels = np.repeat([0, 1], n_per_class)
    order = rng.permutation(2 * n_per_class)
    return points[order].astype(np.float32), labels[order].astype(np.int64)


def initial_weights(seed=1):
    """Glorot-uniform kernels and zero biases for 2 -> 32 -> 32 -> 2, made with numpy so that
    the three trainers share them."""
    rng = np.random.default_rng(seed)
    weights = []
    for fan_in, fan_out in ((2, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, 2)):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        weights += [rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32),
                    np.zeros(fan_out, np.float32)]
    return weights


def batches(x, y, batch_size):
    for start in range(0, len(x), batch_size):
        yield x[start:start + batch_size], y[start:start + batch_size]


def epoch_means(values, sizes):
    return float(np.average(values, weights=sizes))


# -- 1. TF1: a graph, tf.compat.v1.layers.dense and a Session ------------------------------------
def train_session(x, y, weights, args, log):
    v1 = tf.compat.v1
    graph = tf.Graph()
    with graph.as_default():
        features = v1.placeholder(tf.float32, [None, 2], name="features")
        labels = v1.placeholder(tf.int64, [None], name="labels")
        hidden = v1.layers.dense(features, HIDDEN, activation=tf.nn.relu)
        hidden = v1.layers.dense(hidden, HIDDEN, activation=tf.nn.relu)
        logits = v1.layers.dense(hidden, 2)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                             logits=logits))
        correct = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32))
        train_op = v1.train.AdamOptimizer(args.lr, epsilon=1e-7).minimize(loss)
        init = v1.global_variables_initializer()
        params = v1.trainable_variables()
    sess = v1.Session(graph=graph)
    sess.run(init)
    for variable, value in zip(params, weights):
        variable.load(value, sess)
    history = {"loss": [], "accuracy": []}
    for epoch in range(args.epochs):
        results, sizes = [], []
        for xb, yb in batches(x, y, args.batch_size):
            _, loss_value, acc = sess.run([train_op, loss, correct],
                                          feed_dict={features: xb, labels: yb})
            results.append((loss_value, acc))
            sizes.append(len(xb))
        history["loss"].append(epoch_means([r[0] for r in results], sizes))
        history["accuracy"].append(epoch_means([r[1] for r in results], sizes))
        log("session", epoch, history["loss"][-1], history["accuracy"][-1])

    return history, lambda points: sess.run(logits, feed_dict={features: points})


# -- 2. TF2: a Module of Keras layers, a GradientTape and tf.function ---------------------------
class MLP(tf.Module):
    """Two hidden ReLU layers and a linear output of class scores (logits)."""

    def __init__(self, name=None):
        super().__init__(name=name)
        self.hidden1 = tf.keras.layers.Dense(HIDDEN, activation="relu")
        self.hidden2 = tf.keras.layers.Dense(HIDDEN, activation="relu")
        self.out = tf.keras.layers.Dense(2)

    def __call__(self, x):
        return self.out(self.hidden2(self.hidden1(x)))


def train_custom_loop(x, y, weights, args, log):
    model = MLP()
    model(x[:1])  # builds the layers, so their weights can be set
    for layer, (kernel, bias) in zip([model.hidden1, model.hidden2, model.out],
                                     zip(weights[::2], weights[1::2])):
        layer.set_weights([kernel, bias])
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = tf.keras.optimizers.Adam(args.lr)
    mean_loss = tf.keras.metrics.Mean()
    accuracy = tf.keras.metrics.SparseCategoricalAccuracy()

    @tf.function
    def train_step(xb, yb):
        with tf.GradientTape() as tape:
            logits = model(xb)
            loss = loss_fn(yb, logits)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        mean_loss.update_state(loss, sample_weight=tf.shape(yb)[0])
        accuracy.update_state(yb, logits)

    history = {"loss": [], "accuracy": []}
    for epoch in range(args.epochs):
        mean_loss.reset_state()
        accuracy.reset_state()
        for xb, yb in batches(x, y, args.batch_size):
            train_step(tf.constant(xb), tf.constant(yb))
        history["loss"].append(float(mean_loss.result()))
        history["accuracy"].append(float(accuracy.result()))
        log("custom loop", epoch, history["loss"][-1], history["accuracy"][-1])
    return history, lambda points: model(points).numpy()


# -- 3. TF2: keras.Sequential, compile and fit ---------------------------------------------------
def train_fit(x, y, weights, args, log):
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(2,)),
        tf.keras.layers.Dense(HIDDEN, activation="relu"),
        tf.keras.layers.Dense(HIDDEN, activation="relu"),
        tf.keras.layers.Dense(2),
    ])
    model.set_weights(weights)
    model.compile(optimizer=tf.keras.optimizers.Adam(args.lr),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    if args.verbose:
        model.summary()
    progress = tf.keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: log("fit", epoch, logs["loss"], logs["accuracy"]))
    history = model.fit(x, y, batch_size=args.batch_size, epochs=args.epochs, shuffle=False,
                        verbose=2 if args.verbose else 0, callbacks=[progress])
    return history.history, lambda points: model.predict(points, verbose=0)


# -- pictures ------------------------------------------------------------------------------------
def plot(out, x, y, histories, predictors):
    os.makedirs(out, exist_ok=True)
    epochs = np.arange(1, len(histories["fit"]["loss"]) + 1)
    styles = {"session": dict(lw=4, alpha=0.45), "custom loop": dict(ls="--", lw=1.8),
              "fit": dict(ls=":", lw=1.8, color="black")}
    labels = {"session": "TF1: Session + compat.v1.layers.dense",
              "custom loop": "TF2: Module of Keras layers + GradientTape",
              "fit": "TF2: keras.Sequential + fit"}
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for name in STYLES:
        axes[0].plot(epochs, histories[name]["loss"], label=labels[name], **styles[name])
        axes[1].plot(epochs, histories[name]["accuracy"], label=labels[name], **styles[name])
    axes[0].set(yscale="log", xlabel="epoch", ylabel="cross-entropy (mean over the epoch)",
                title="Training loss")
    axes[1].set(xlabel="epoch", ylabel="accuracy (mean over the epoch)",
                title="Training accuracy", ylim=(0.5, 1.01))
    for ax in axes:
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.suptitle("Two spirals, one engine: three ways to write the training script")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "mlp_classifier_curves.png"), dpi=110)
    plt.close(fig)

    lo, hi = x.min(axis=0) - 0.15, x.max(axis=0) + 0.15
    g0, g1 = np.meshgrid(np.linspace(lo[0], hi[0], 160), np.linspace(lo[1], hi[1], 160))
    grid = np.stack([g0.ravel(), g1.ravel()], axis=1).astype(np.float32)
    fig, axes = plt.subplots(1, 3, figsize=(13, 4.9), sharey=True)
    for ax, name in zip(axes, STYLES):
        logits = predictors[name](grid)
        score = (logits[:, 1] - logits[:, 0]).reshape(g0.shape)
        ax.contourf(g0, g1, score > 0, levels=[-0.5, 0.5, 1.5], colors=["#c6dbef", "#fdd0a2"])
        ax.contour(g0, g1, score, levels=[0], colors="black", linewidths=1)
        for label, color in ((0, "tab:blue"), (1, "tab:orange")):
            ax.scatter(*x[y == label].T, s=7, color=color, label="class %d" % label)
        accuracy = histories[name]["accuracy"][-1]
        ax.set(title="%s\ntraining accuracy %.3f" % (labels[name], accuracy), xlabel="x1",
               aspect="equal")
    axes[0].set_ylabel("x2")
    axes[0].legend(loc="upper right", fontsize=8)
    fig.suptitle("Decision boundaries after %d epochs (black line: where the two logits are "
                 "equal)" % len(epochs))
    fig.tight_layout()
    fig.savefig(os.path.join(out, "mlp_classifier_boundary.png"), dpi=110)
    plt.close(fig)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=100, help="epochs (default 100)")
    parser.add_argument("--batch-size", type=int, default=32, help="batch size (default 32)")
    parser.add_argument("--lr", type=float, default=0.01, help="Adam's learning rate (0.01)")
    parser.add_argument("--log-every", type=int, default=10, help="print every N epochs (10)")
    parser.add_argument("--verbose", action="store_true",
                        help="also print the Keras summary and fit's own per-epoch lines")
    parser.add_argument("--out", default="plots", help="folder for the pictures (plots)")
    args = parser.parse_args(argv)

    x, y = make_spirals()
    weights = initial_weights()

    def log(name, epoch, loss, accuracy):
        if (epoch + 1) % args.log_every == 0 or epoch == 0 or epoch + 1 == args.epochs:
            print("%-11s epoch %4d/%d  loss %.4f  accuracy %.3f"
                  % (name, epoch + 1, args.epochs, loss, accuracy))

    trainers = {"session": train_session, "custom loop": train_custom_loop, "fit": train_fit}
    histories, predictors = {}, {}
    for name in STYLES:
        histories[name], predictors[name] = trainers[name](x, y, weights, args, log)
    plot(args.out, x, y, histories, predictors)
    print("wrote %s and %s" % (os.path.join(args.out, "mlp_classifier_curves.png"),
                               os.path.join(args.out, "mlp_classifier_boundary.png")))
    return histories


if __name__ == "__main__":
    main()

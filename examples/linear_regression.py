"""Linear regression trained two ways, side by side, with one engine.

* lazy (TensorFlow 1.x style): build a graph of placeholders, variables and a train op once,
  then run it in a Session, feeding the data each step;
* eager (TensorFlow 2.x style): compute the loss at once under a GradientTape and apply the
  gradients with an optimizer.

Both start from the same weights and see the same data, so they follow the same path. The script
prints both losses as it goes and writes two pictures:
`<out>/linear_regression_loss.png` (loss per step, log scale, with the least-squares optimum)
and `<out>/linear_regression_fit.png` (the data and both fitted lines).

    python examples/linear_regression.py --steps 200 --lr 0.02 --out plots
"""
import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import minitf as tf  # noqa: E402

TRUE_W, TRUE_B, NOISE, N_POINTS = 3.0, 2.0, 0.5, 300
INIT_W, INIT_B = [[0.0]], [0.0]


def make_data(seed=0):
    """A few hundred points on the line y = 3x + 2, plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.0, 2.0, (N_POINTS, 1)).astype(np.float32)
    y = (TRUE_W * x + TRUE_B + NOISE * rng.standard_normal((N_POINTS, 1))).astype(np.float32)
    return x, y


def build_lazy(lr):
    """TF1 style: describe the computation once as a graph; a step is one Session.run."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, shape=[None, 1], name="x")
        y = tf.compat.v1.placeholder(tf.float32, shape=[None, 1], name="y")
        w = tf.Variable(INIT_W, name="w")
        b = tf.Variable(INIT_B, name="b")
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        train_op = tf.compat.v1.train.GradientDescentOptimizer(lr).minimize(loss)
        init = tf.compat.v1.global_variables_initializer()
    sess = tf.compat.v1.Session(graph=graph)
    sess.run(init)

    def step(x_data, y_data):
        _, loss_value = sess.run([train_op, loss], feed_dict={x: x_data, y: y_data})
        return float(loss_value)

    return step, lambda: sess.run([w, b])


def build_eager(lr):
    """TF2 style: ops compute as they are called; a tape records them for the gradient."""
    w = tf.Variable(INIT_W, name="w")
    b = tf.Variable(INIT_B, name="b")
    optimizer = tf.optimizers.SGD(learning_rate=lr)

    def step(x_data, y_data):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x_data, w) + b - y_data))
        grads = tape.gradient(loss, [w, b])
        optimizer.apply_gradients(zip(grads, [w, b]))
        return float(loss)

    return step, lambda: [w.numpy(), b.numpy()]


def least_squares(x, y):
    """The exact optimum: (w, b) and its mean squared error."""
    a = np.hstack([x, np.ones_like(x)]).astype(np.float64)
    (w, b), *_ = np.linalg.lstsq(a, y.astype(np.float64)[:, 0], rcond=None)
    return w, b, float(np.mean((a @ [w, b] - y[:, 0]) ** 2))


def plot(out, x, y, history, params, optimum):
    os.makedirs(out, exist_ok=True)
    steps = np.arange(1, len(history["lazy"]) + 1)
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.plot(steps, history["lazy"], lw=3, alpha=0.6, label="lazy: Session.run (TF1 style)")
    ax.plot(steps, history["eager"], "--", color="black", lw=1.2,
            label="eager: GradientTape (TF2 style)")
    ax.axhline(optimum[2], color="tab:red", lw=1, ls=":", label="least-squares optimum")
    ax.set(yscale="log", xlabel="step", ylabel="mean squared error",
           title="Linear regression: one engine, two styles")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "linear_regression_loss.png"), dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.scatter(x[:, 0], y[:, 0], s=8, alpha=0.4, color="gray", label="data")
    grid = np.linspace(x.min(), x.max(), 2)
    for style, fmt in (("lazy", "-"), ("eager", "--")):
        w, b = params[style]
        ax.plot(grid, w[0, 0] * grid + b[0], fmt, lw=2,
                label="%s fit: y = %.3fx + %.3f" % (style, w[0, 0], b[0]))
    ax.plot(grid, optimum[0] * grid + optimum[1], ":", color="tab:red",
            label="least squares: y = %.3fx + %.3f" % optimum[:2])
    ax.set(xlabel="x", ylabel="y", title="Data and fitted lines")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "linear_regression_fit.png"), dpi=120)
    plt.close(fig)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=200, help="training steps (default 200)")
    parser.add_argument("--lr", type=float, default=0.02, help="learning rate (default 0.02)")
    parser.add_argument("--out", default="plots", help="folder for the pictures (default plots)")
    args = parser.parse_args(argv)

    x, y = make_data()
    optimum = least_squares(x, y)
    trainers = {"lazy": build_lazy(args.lr), "eager": build_eager(args.lr)}
    history = {"lazy": [], "eager": []}
    every = max(args.steps // 10, 1)
    print("%6s  %14s  %14s" % ("step", "lazy loss", "eager loss"))
    for step in range(1, args.steps + 1):
        for style, (train_step, _) in trainers.items():
            history[style].append(train_step(x, y))
        if step % every == 0 or step == 1:
            print("%6d  %14.8f  %14.8f" % (step, history["lazy"][-1], history["eager"][-1]))
    params = {style: get() for style, (_, get) in trainers.items()}
    for style, (w, b) in params.items():
        print("%-5s w = %.6f, b = %.6f" % (style, w[0, 0], b[0]))
    print("least squares w = %.6f, b = %.6f, loss = %.6f" % optimum)
    plot(args.out, x, y, history, params, optimum)
    print("wrote %s and %s" % (os.path.join(args.out, "linear_regression_loss.png"),
                               os.path.join(args.out, "linear_regression_fit.png")))
    return history, params


if __name__ == "__main__":
    main()

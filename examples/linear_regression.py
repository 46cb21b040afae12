"""Linear regression trained two ways, side by side, with one engine.

* lazy (TensorFlow 1.x style): build a graph of placeholders, variables and a train op once,
  then run it in a Session, feeding the data each step;
* TensorFlow 2.x style: compute the loss under a GradientTape and apply the gradients with an
  optimizer, in a step function that `tf.function` traces into a graph on its first call.

Both start from the same weights and see the same data, so they follow the same path. The script
prints both losses every few steps and writes three pictures:
`<out>/linear_regression_loss.png` (loss per step, log scale, with the least-squares optimum),
`<out>/linear_regression_fit.png` (the data and both fitted lines) and
`<out>/linear_regression_graph.png` (the graph the Session runs). With `--logdir` it also
writes TensorBoard logs, one run per style (`<logdir>/lazy`, `<logdir>/tf2`): the loss at every
step, the Session's graph and the traced step function's graph. Look at them with
`tensorboard --logdir <logdir>`.

    python examples/linear_regression.py --steps 200 --lr 0.02 --out plots --logdir logs
"""
import argparse
import collections
import itertools
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import minitf as tf  # noqa: E402
from minitf import visualize  # noqa: E402

TRUE_W, TRUE_B, NOISE, N_POINTS = 3.0, 2.0, 0.5, 300
INIT_W, INIT_B = [[0.0]], [0.0]


def make_data(seed=0):
    """A few hundred points on the line y = 3x + 2, plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.0, 2.0, (N_POINTS, 1)).astype(np.float32)
    y = (TRUE_W * x + TRUE_B + NOISE * rng.standard_normal((N_POINTS, 1))).astype(np.float32)
    return x, y


# A trainer: `step(x, y)` trains once and returns the loss before the update; `params()` gives
# [w, b]; `close()` finishes the TensorBoard log; `graph` is what to draw.
Trainer = collections.namedtuple("Trainer", "step params close graph")


def build_lazy(lr, logdir=None):
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
        if logdir:
            tf.compat.v1.summary.scalar("loss", loss)
            summaries = tf.compat.v1.summary.merge_all()
            writer = tf.compat.v1.summary.FileWriter(os.path.join(logdir, "lazy"), graph=graph)
    sess = tf.compat.v1.Session(graph=graph)
    sess.run(init)
    done = itertools.count(1)  # the number of the step being run

    def step(x_data, y_data):
        feed = {x: x_data, y: y_data}
        if not logdir:
            return float(sess.run([train_op, loss], feed_dict=feed)[1])
        _, loss_value, summary = sess.run([train_op, loss, summaries], feed_dict=feed)
        writer.add_summary(summary, global_step=next(done))
        return float(loss_value)

    return Trainer(step, lambda: sess.run([w, b]), writer.close if logdir else lambda: None,
                   graph)


def build_tf2(lr, logdir=None):
    """TF2 style: ops compute as they are called and a tape records them for the gradient;
    `tf.function` traces the step into a graph once, then calls that graph."""
    w = tf.Variable(INIT_W, name="w")
    b = tf.Variable(INIT_B, name="b")
    optimizer = tf.optimizers.SGD(learning_rate=lr)
    writer = tf.summary.create_file_writer(os.path.join(logdir, "tf2")) if logdir else None

    @tf.function
    def train_step(x_data, y_data):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x_data, w) + b - y_data))
        grads = tape.gradient(loss, [w, b])
        optimizer.apply_gradients(zip(grads, [w, b]))
        return loss

    def step(x_data, y_data):
        if writer is None:
            return float(train_step(x_data, y_data))
        # The step of a summary is the optimizer's count of steps, read when it is written.
        with writer.as_default(step=optimizer.iterations):
            first = train_step.experimental_get_tracing_count() == 0
            if first:  # write the graph of the first call, the one that traces
                tf.summary.trace_on(graph=True)
            loss = train_step(x_data, y_data)
            if first:
                tf.summary.trace_export("train_step")
            tf.summary.scalar("loss", loss)
        return float(loss)

    return Trainer(step, lambda: [w.numpy(), b.numpy()],
                   writer.close if writer else lambda: None, train_step)


def least_squares(x, y):
    """The exact optimum: (w, b) and its mean squared error."""
    a = np.hstack([x, np.ones_like(x)]).astype(np.float64)
    (w, b), *_ = np.linalg.lstsq(a, y.astype(np.float64)[:, 0], rcond=None)
    return w, b, float(np.mean((a @ [w, b] - y[:, 0]) ** 2))


def plot(out, x, y, history, params, optimum, graph):
    os.makedirs(out, exist_ok=True)
    steps = np.arange(1, len(history["lazy"]) + 1)
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.plot(steps, history["lazy"], lw=3, alpha=0.6, label="lazy: Session.run (TF1 style)")
    ax.plot(steps, history["tf2"], "--", color="black", lw=1.2,
            label="GradientTape in a tf.function (TF2 style)")
    ax.axhline(optimum[2], color="tab:red", lw=1, ls=":", label="least-squares optimum")
    ax.set(yscale="log", xlabel="training step", ylabel="mean squared error (log scale)",
           title="Linear regression: one engine, two styles, the same losses")
    ax.legend()
    fig.tight_layout()
    paths = [os.path.join(out, "linear_regression_%s.png" % name)
             for name in ("loss", "fit", "graph")]
    fig.savefig(paths[0], dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.scatter(x[:, 0], y[:, 0], s=8, alpha=0.4, color="gray",
               label="data: y = 3x + 2 + noise")
    grid = np.linspace(x.min(), x.max(), 2)
    for style, fmt, name in (("lazy", "-", "TF1 lazy"), ("tf2", "--", "TF2")):
        w, b = params[style]
        ax.plot(grid, w[0, 0] * grid + b[0], fmt, lw=2,
                label="%s fit: y = %.3fx + %.3f" % (name, w[0, 0], b[0]))
    ax.plot(grid, optimum[0] * grid + optimum[1], ":", color="tab:red",
            label="least squares: y = %.3fx + %.3f" % optimum[:2])
    ax.set(xlabel="x (input, unitless)", ylabel="y (target, unitless)",
           title="Data and the lines both styles fitted")
    ax.legend()
    fig.tight_layout()
    fig.savefig(paths[1], dpi=120)
    plt.close(fig)
    try:
        visualize.draw(graph, paths[2], title="The graph that Session.run runs: forward ops, "
                       "gradients, the update step")
    except ImportError as e:  # networkx (the `visualize` extra) lays the graph out
        print("Not drawing the graph: %s" % e)
        return paths[:2]
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python examples/linear_regression.py --steps 200 --logdir logs, "
               "then tensorboard --logdir logs")
    parser.add_argument("--steps", type=int, default=200, help="training steps (default 200)")
    parser.add_argument("--lr", type=float, default=0.02, help="learning rate (default 0.02)")
    parser.add_argument("--out", default="plots", help="folder for the pictures (default plots)")
    parser.add_argument("--logdir", help="write TensorBoard logs here (default: none)")
    parser.add_argument("--every", type=int, help="print a progress line every EVERY steps "
                        "(default: steps / 10)")
    args = parser.parse_args(argv)

    x, y = make_data()
    optimum = least_squares(x, y)
    trainers = {"lazy": build_lazy(args.lr, args.logdir), "tf2": build_tf2(args.lr, args.logdir)}
    history = {"lazy": [], "tf2": []}
    every = args.every or max(args.steps // 10, 1)
    print("%6s  %14s  %14s" % ("step", "lazy loss", "tf2 loss"))
    for step in range(1, args.steps + 1):
        for style, trainer in trainers.items():
            history[style].append(trainer.step(x, y))
        if step % every == 0 or step == 1:
            print("%6d  %14.8f  %14.8f" % (step, history["lazy"][-1], history["tf2"][-1]))
    params = {style: trainer.params() for style, trainer in trainers.items()}
    for trainer in trainers.values():
        trainer.close()
    for style, (w, b) in params.items():
        print("%-5s w = %.6f, b = %.6f" % (style, w[0, 0], b[0]))
    print("least squares w = %.6f, b = %.6f, loss = %.6f" % optimum)
    paths = plot(args.out, x, y, history, params, optimum, trainers["lazy"].graph)
    print("wrote " + ", ".join(paths))
    if args.logdir:
        print("TensorBoard logs in %s: look at them with  tensorboard --logdir %s"
              % (args.logdir, args.logdir))
    return history, params


if __name__ == "__main__":
    main()

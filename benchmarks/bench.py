"""Times one training step of the linear regression, minitf against hand-written numpy.

Each row is the median over several repeats of the time per step; the ratio column divides by
the numpy step measured in the same run, so the numbers travel between machines. With
`--tensorflow` (and TensorFlow installed) the same steps run on TensorFlow too, for comparison.

    python benchmarks/bench.py [--points 300] [--steps 200] [--repeats 7] [--tensorflow]
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def data(points):
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, (points, 1)).astype(np.float32)
    return x, (3 * x + 2 + 0.5 * rng.standard_normal((points, 1))).astype(np.float32)


def numpy_step(x, y, lr):
    """The baseline: forward, backward and update of the same model, written by hand."""
    w = np.zeros((1, 1), np.float32)
    b = np.zeros(1, np.float32)
    n = np.float32(len(x))

    def step():
        nonlocal w, b
        err = x @ w + b - y
        loss = np.mean(np.square(err))
        g = (2 / n) * err
        w = w - lr * (x.T @ g)
        b = b - lr * g.sum(axis=0)
        return loss
    return step


def lazy_step(tf, x_data, y_data, lr):
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 1])
        y = tf.compat.v1.placeholder(tf.float32, [None, 1])
        w, b = tf.Variable([[0.0]]), tf.Variable([0.0])
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        train = tf.compat.v1.train.GradientDescentOptimizer(lr).minimize(loss)
        init = tf.compat.v1.global_variables_initializer()
    sess = tf.compat.v1.Session(graph=graph)
    sess.run(init)
    def step(xb=x_data, yb=y_data):
        return sess.run([train, loss], {x: xb, y: yb})[1]
    return step


def eager_step(tf, x, y, lr):
    w, b = tf.Variable([[0.0]]), tf.Variable([0.0])
    opt = tf.keras.optimizers.SGD(lr)

    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
        return loss
    return step


def function_step(tf, x, y, lr):
    """The eager step traced once with `function`: one graph call per step."""
    return tf.function(eager_step(tf, x, y, lr))


def per_step(step, steps, repeats):
    step()  # compile plans, warm caches
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        times.append((time.perf_counter() - t0) / steps)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=300)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--tensorflow", action="store_true",
                        help="also time TensorFlow, if it is installed")
    args = parser.parse_args(argv)
    import minitf
    x, y = data(args.points)
    rows = [("numpy, by hand", numpy_step(x, y, 0.02)),
            ("minitf eager (GradientTape + SGD)", eager_step(minitf, x, y, 0.02)),
            ("minitf function (traced eager step)", function_step(minitf, x, y, 0.02)),
            ("minitf lazy (Session.run)", lazy_step(minitf, x, y, 0.02))]
    if args.tensorflow:
        import tensorflow
        rows.append(("tensorflow eager", eager_step(tensorflow, x, y, 0.02)))
        rows.append(("tensorflow function", function_step(tensorflow, x, y, 0.02)))
        with tensorflow.Graph().as_default():
            rows.append(("tensorflow lazy (Session.run)", lazy_step(tensorflow, x, y, 0.02)))
    base = None
    print("one linear-regression step, %d points; median of %d x %d steps"
          % (args.points, args.repeats, args.steps))
    print("| %-36s | %12s | %10s |" % ("step", "median (us)", "vs numpy"))
    print("|%s|%s|%s|" % ("-" * 38, "-" * 14, "-" * 12))
    for name, step in rows:
        t = per_step(step, args.steps, args.repeats)
        base = base or t
        print("| %-36s | %12.1f | %9.1fx |" % (name, t * 1e6, t / base))


if __name__ == "__main__":
    main()

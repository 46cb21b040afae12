"""Memory of long runs: the linear-regression step of `bench.py` run for many steps, eagerly, as
a `function` and in a Session, and the last two with a batch size that changes every step (one
trace per size for the function, one plan for all sizes for the Session).

tracemalloc follows every allocation from the first step; a row gives the memory held after the
warm-up steps (plans compiled, traces made, caches filled) and at the end, after a garbage
collection each time. A run that keeps nothing per step grows by a few KB at most after the
warm-up (numpy's small caches settling), however many steps it runs.

    python benchmarks/long_run.py [--steps 20000] [--warmup 1000] [--points 300]
"""
import argparse
import gc
import logging
import os
import sys
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench import LR, linreg_data, linreg_function, linreg_session, linreg_tape  # noqa: E402

BATCHES = (300, 150, 100, 75, 60, 50, 30)  # the sizes a changing batch cycles through


def cycling(step, batches):
    """A step calling step(*batch) with the next batch of `batches`, round and round."""
    count = [0]

    def run():
        count[0] += 1
        return step(*batches[count[0] % len(batches)])
    return run


def session_cycling(tf, points):
    """One Session step (placeholders of shape [None, 1]) fed a batch that changes size: one
    plan serves them all."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 1])
        y = tf.compat.v1.placeholder(tf.float32, [None, 1])
        w, b = tf.Variable(tf.zeros([1, 1])), tf.Variable(tf.zeros([1]))
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        train = tf.compat.v1.train.GradientDescentOptimizer(LR).minimize(loss)
        init = tf.compat.v1.global_variables_initializer()
    sess = tf.compat.v1.Session(graph=graph)
    sess.run(init)
    x_data, y_data = linreg_data(points, 1)
    return cycling(lambda xb, yb: sess.run([train, loss], {x: xb, y: yb})[1],
                   [(x_data[:n], y_data[:n]) for n in BATCHES])


def function_cycling(tf, points):
    """One `function` step taking the batch as arguments, called with changing sizes: one trace
    per size, made once."""
    w, b = tf.Variable(tf.zeros([1, 1])), tf.Variable(tf.zeros([1]))
    opt = tf.keras.optimizers.SGD(LR)

    @tf.function
    def train(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(xb, w) + b - yb))
        opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
        return loss
    x_data, y_data = linreg_data(points, 1)
    return cycling(train, [(tf.constant(x_data[:n]), tf.constant(y_data[:n])) for n in BATCHES])


RUNS = {  # name: make(tf, points) -> step
    "eager": lambda tf, points: linreg_tape(points, 1)(tf),
    "function": lambda tf, points: linreg_function(points, 1)(tf),
    "Session": lambda tf, points: linreg_session(points, 1)(tf),
    "function, changing batch": function_cycling,
    "Session, changing batch": session_cycling,
}


def make(name, tf, points):
    """The step of run `name` (a key of RUNS) on `points` points."""
    return RUNS[name](tf, points)


def growth(step, steps, warmup):
    """(bytes held after `warmup` steps, bytes held after `steps`), as tracemalloc counts them
    from the first step on, after a garbage collection each time."""
    tracemalloc.start()
    try:
        for _ in range(warmup):
            step()
        gc.collect()
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(steps - warmup):
            step()
        gc.collect()
        return start, tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--points", type=int, default=300)
    args = parser.parse_args(argv)
    import minitf
    print("memory held (tracemalloc, after a garbage collection) by linear-regression steps "
          "on %d points" % args.points)
    print("| %-26s | %12s | %12s | %12s |"
          % ("run", "KB at %d" % args.warmup, "KB at %d" % args.steps, "growth (KB)"))
    print("|%s|%s|%s|%s|" % ("-" * 28, "-" * 14, "-" * 14, "-" * 14))
    for name in RUNS:
        step = make(name, minitf, args.points)
        logger = minitf.get_logger()  # the changing batch retraces, as it means to
        level = logger.level
        logger.setLevel(logging.ERROR)
        try:
            start, end = growth(step, args.steps, args.warmup)
        finally:
            logger.setLevel(level)
        print("| %-26s | %12.1f | %12.1f | %12.1f |"
              % (name, start / 1024, end / 1024, (end - start) / 1024))


if __name__ == "__main__":
    main()

"""Times an RNN unrolled by `while_loop` over a sequence, minitf against hand-written numpy.

h_t = tanh(x_t W + h_{t-1} U + b) over T steps, then the loss sum(h_T): the forward pass alone,
and forward plus the gradient for W and U (backpropagation through time; minitf's backward is a
second loop fed by the forward loop's accumulators). Each row is the median over several
repeats; the ratio divides by the numpy time for the same work measured in the same run.

    python benchmarks/control_flow_bench.py [--steps 200] [--batch 16] [--units 32] [--repeats 5]
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from timing import median_time  # noqa: E402 - next to this file


def numpy_forward(x, w, u, b):
    h = np.zeros((x.shape[1], u.shape[0]), x.dtype)
    for xt in x:
        h = np.tanh(xt @ w + h @ u + b)
    return h.sum()


def numpy_gradient(x, w, u, b):
    hs = [np.zeros((x.shape[1], u.shape[0]), x.dtype)]
    for xt in x:
        hs.append(np.tanh(xt @ w + hs[-1] @ u + b))
    dh, dw, du = np.ones_like(hs[-1]), np.zeros_like(w), np.zeros_like(u)
    for t in range(len(x) - 1, -1, -1):
        dz = dh * (1 - hs[t + 1] ** 2)
        dw += x[t].T @ dz
        du += hs[t].T @ dz
        dh = dz @ u.T
    return dw, du


def rnn(tf, x, w, u, b):
    def body(t, h):
        return t + 1, tf.tanh(tf.matmul(x[t], w) + tf.matmul(h, u) + b)
    h0 = tf.zeros([x.shape[1], u.shape[0]])
    return tf.reduce_sum(tf.while_loop(lambda t, h: t < x.shape[0], body, [0, h0])[1])


def function_runs(tf, x, w, u, b):
    args = [tf.constant(a) for a in (x, w, u, b)]
    forward = tf.function(lambda *a: rnn(tf, *a))

    def gradient():
        with tf.GradientTape() as tape:
            tape.watch(args[1:3])
            loss = forward(*args)
        return tape.gradient(loss, args[1:3])
    return lambda: forward(*args), gradient


def session_runs(tf, x, w, u, b):
    graph = tf.Graph()
    with graph.as_default():
        args = [tf.constant(a) for a in (x, w, u, b)]
        loss = rnn(tf, *args)
        grads = tf.gradients(loss, args[1:3])
    sess = tf.compat.v1.Session(graph=graph)
    return lambda: sess.run(loss), lambda: sess.run(grads)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--units", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    import minitf as tf
    rng = np.random.default_rng(0)
    x = rng.standard_normal((args.steps, args.batch, args.units)).astype(np.float32)
    w, u = (0.1 * rng.standard_normal((args.units, args.units)).astype(np.float32)
            for _ in range(2))
    b = np.zeros(args.units, np.float32)
    base = {"forward": median_time(lambda: numpy_forward(x, w, u, b), args.repeats),
            "forward + gradient": median_time(lambda: numpy_gradient(x, w, u, b), args.repeats)}
    print("RNN, %d steps, batch %d, %d units; time per pass, ratio to numpy"
          % (args.steps, args.batch, args.units))
    print("%-22s %-20s %10s %8s" % ("pass", "runner", "ms", "ratio"))
    for what, i in (("forward", 0), ("forward + gradient", 1)):
        print("%-22s %-20s %10.2f %8.2f" % (what, "numpy", 1e3 * base[what], 1.0))
        for runner, make in (("function", function_runs), ("v1 Session", session_runs)):
            t = median_time(make(tf, x, w, u, b)[i], args.repeats)
            print("%-22s %-20s %10.2f %8.2f" % (what, runner, 1e3 * t, t / base[what]))


if __name__ == "__main__":
    main()

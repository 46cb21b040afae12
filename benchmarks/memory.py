"""Peak memory (tracemalloc) of a long chain of large elementwise ops, next to one array's size.

The chain is `links` times `x = sin(x) * 1.0001 + 0.1` on a float32 vector. Under a
GradientTape, the gradients need one array per link (sin's input; the product and the sum need
no values of their float inputs), so the taped forward pass should hold about that much, and the
backward pass no more. Run forward only, in a Session or eagerly, a chain should hold a few
arrays at a time, whatever its length.

    python benchmarks/memory.py [--links 1000] [--size 1000000]

The defaults are the issue's (about 4 GB for the taped chain); smaller ones show the same
ratios.
"""
import argparse
import gc
import os
import sys
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import minitf as tf  # noqa: E402 - after the path is set


def _peak(run):
    """The peak of traced memory while `run()` runs, above what was traced before, and its
    result."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    out = run()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak, out


def _chain(x, links):
    for _ in range(links):
        x = tf.sin(x) * 1.0001 + 0.1
    return x


def measure(links, size):
    """[(what, peak in bytes, what the target allows in bytes)] for each way of running."""
    one = size * 4
    start = np.random.default_rng(0).uniform(-1, 1, size).astype(np.float32)
    rows = []
    x = tf.constant(start)
    rows.append(("eager forward, no tape", _peak(lambda: _chain(x, links))[0], 4 * one))

    graph = tf.Graph()
    with graph.as_default():
        fed = tf.compat.v1.placeholder(tf.float32, [size])
        y = _chain(fed, links)
    sess = tf.compat.v1.Session(graph=graph)
    sess.run(y, {fed: start})  # compile the plan outside the measurement
    rows.append(("Session forward", _peak(lambda: sess.run(y, {fed: start}))[0], 4 * one))

    tape = tf.GradientTape()

    def taped():
        with tape:
            tape.watch(x)
            return _chain(x, links)
    peak, y = _peak(taped)
    needed = links * one
    rows.append(("GradientTape forward", peak, 1.1 * needed))
    rows.append(("GradientTape gradient", _peak(lambda: tape.gradient(y, x))[0],
                 1.1 * needed))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--size", type=int, default=10 ** 6)
    args = parser.parse_args(argv)
    one = args.size * 4
    print("%d links of sin(x) * 1.0001 + 0.1 on float32[%d]; one array is %.1f MB"
          % (args.links, args.size, one / 1e6))
    print("| run | peak (MB) | peak / one array | target (arrays) |")
    print("|---|---|---|---|")
    for what, peak, allowed in measure(args.links, args.size):
        print("| %s | %.0f | %.1f | <= %.0f |" % (what, peak / 1e6, peak / one, allowed / one))


if __name__ == "__main__":
    main()

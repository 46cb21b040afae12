"""Times one epoch of an input pipeline, minitf.data against hand-written numpy.

The pipeline shuffles (x, y) rows with a buffer as large as the data, batches them and maps a
scaling over each batch; the numpy baseline permutes the rows and slices batches. Each row of
the table is the median over several repeats of the time per epoch, and the ratio divides by
the numpy epoch measured in the same run, so the numbers travel between machines.

    python benchmarks/data_bench.py [--rows 20000] [--batch 128] [--repeats 5]
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from timing import median_time  # noqa: E402 - next to this file


def numpy_epoch(x, y, batch):
    rng = np.random.default_rng(0)

    def epoch():
        order = rng.permutation(len(x))
        for i in range(0, len(x), batch):
            rows = order[i:i + batch]
            _ = (x[rows] / 255.0, y[rows])
    return epoch


def pipeline(tf, x, y, batch):
    return (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=0).batch(batch)
            .map(lambda a, b: (a / 255.0, b)))


def eager_epoch(tf, x, y, batch):
    ds = pipeline(tf, x, y, batch)

    def epoch():
        for _ in ds:
            pass
    return epoch


def session_epoch(tf, x, y, batch):
    graph = tf.Graph()
    with graph.as_default():
        it = tf.compat.v1.data.make_initializable_iterator(pipeline(tf, x, y, batch))
        element = it.get_next()
    sess = tf.compat.v1.Session(graph=graph)

    def epoch():
        sess.run(it.initializer)
        try:
            while True:
                sess.run(element)
        except tf.errors.OutOfRangeError:
            pass
    return epoch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    import minitf as tf
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 255, (args.rows, 64)).astype(np.float32)
    y = rng.integers(0, 10, args.rows).astype(np.int32)
    rows = [("numpy", numpy_epoch(x, y, args.batch)),
            ("minitf eager", eager_epoch(tf, x, y, args.batch)),
            ("minitf v1 Session", session_epoch(tf, x, y, args.batch))]
    base = None
    print("| pipeline (%d rows, batch %d) | ms per epoch | ratio to numpy |"
          % (args.rows, args.batch))
    print("|---|---|---|")
    for name, fn in rows:
        t = median_time(fn, args.repeats)
        base = base or t
        print("| %s | %.1f | %.1f |" % (name, t * 1e3, t / base))


if __name__ == "__main__":
    main()

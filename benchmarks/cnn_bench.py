"""Times one training step of a LeNet-sized CNN and of TensorFlow 1.x's autoencoder and GAN
examples: minitf in each style, against a hand-written numpy step and against TensorFlow in the
same run (when it is importable: run this file with an interpreter that has TensorFlow and
numpy; minitf is imported from this checkout).

Each workload is a function returning a `step` callable, so that bench.py's table can take
them as rows. Times are medians over repeats; the ratio column divides by the row named in it.
On a small shared machine numpy's OpenBLAS threads slow every numpy row (minitf's and the
by-hand one) several times over; `OPENBLAS_NUM_THREADS=1` in front of the command measures the
kernels rather than the contention.

    python benchmarks/cnn_bench.py [--steps 20] [--repeats 5] [--only lenet,autoencoder,gan]
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

BATCH, LR = 64, 0.01


# -- the LeNet step: conv(5x5, 6) relu pool, conv(5x5, 16) relu pool, 400-120-84-10 ----------
def lenet_data(batch=BATCH):
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (batch, 28, 28, 1)).astype(np.float32)
    labels = rng.integers(0, 10, batch).astype(np.int32)
    return x, labels


def lenet_weights():
    rng = np.random.default_rng(1)
    shapes = [(5, 5, 1, 6), (6,), (5, 5, 6, 16), (16,), (400, 120), (120,), (120, 84), (84,),
              (84, 10), (10,)]
    return [(rng.standard_normal(s) * (0.1 if len(s) > 1 else 0.0)).astype(np.float32)
            for s in shapes]


def _patches(x, k):
    """im2col: (N, H-k+1, W-k+1, k, k, C), a strided view."""
    n, h, w, c = x.shape
    s = x.strides
    return np.lib.stride_tricks.as_strided(x, (n, h - k + 1, w - k + 1, k, k, c),
                                           (s[0], s[1], s[2], s[1], s[2], s[3]),
                                           writeable=False)


def _conv(x, w, pad):
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0))) if pad else x
    cols = _patches(xp, w.shape[0])
    flat = cols.reshape(-1, w.shape[0] * w.shape[1] * w.shape[2])
    return (flat @ w.reshape(-1, w.shape[3])).reshape(cols.shape[:3] + (w.shape[3],)), xp, flat


def _conv_backward(dy, xp, flat, w, pad):
    k = w.shape[0]
    g = dy.reshape(-1, w.shape[3])
    dw = (flat.T @ g).reshape(w.shape)
    dcols = (g @ w.reshape(-1, w.shape[3]).T).reshape(dy.shape[:3] + (k, k, w.shape[2]))
    dxp = np.zeros_like(xp)
    oh, ow = dy.shape[1:3]
    for i in range(k):
        for j in range(k):
            dxp[:, i:i + oh, j:j + ow] += dcols[:, :, :, i, j]
    return (dxp[:, pad:-pad, pad:-pad] if pad else dxp), dw


def _pool(x):
    n, h, w, c = x.shape
    win = x.reshape(n, h // 2, 2, w // 2, 2, c)
    y = win.max(axis=(2, 4))
    mask = win == y[:, :, None, :, None]
    return y, mask


def _pool_backward(dy, mask):
    return (mask * dy[:, :, None, :, None]).reshape(mask.shape[0], mask.shape[1] * 2,
                                                     mask.shape[3] * 2, mask.shape[5])


def lenet_numpy(x, labels, weights):
    """The baseline: the same step written by hand in numpy (im2col convolutions)."""
    params = [w.copy() for w in weights]
    onehot = np.eye(10, dtype=np.float32)[labels]

    def step():
        w1, b1, w2, b2, w3, b3, w4, b4, w5, b5 = params
        c1, xp1, f1 = _conv(x, w1, 2)
        a1 = np.maximum(c1 + b1, 0)
        p1, m1 = _pool(a1)
        c2, xp2, f2 = _conv(p1, w2, 0)
        a2 = np.maximum(c2 + b2, 0)
        p2, m2 = _pool(a2)
        h0 = p2.reshape(len(x), -1)
        h1 = np.maximum(h0 @ w3 + b3, 0)
        h2 = np.maximum(h1 @ w4 + b4, 0)
        z = h2 @ w5 + b5
        e = np.exp(z - z.max(1, keepdims=True))
        prob = e / e.sum(1, keepdims=True)
        loss = -np.mean(np.log(prob[np.arange(len(x)), labels]))
        dz = (prob - onehot) / len(x)
        dw5, db5, dh2 = h2.T @ dz, dz.sum(0), dz @ w5.T
        dh2 *= h2 > 0
        dw4, db4, dh1 = h1.T @ dh2, dh2.sum(0), dh2 @ w4.T
        dh1 *= h1 > 0
        dw3, db3, dh0 = h0.T @ dh1, dh1.sum(0), dh1 @ w3.T
        da2 = _pool_backward(dh0.reshape(p2.shape), m2) * (a2 > 0)
        dp1, dw2 = _conv_backward(da2, xp2, f2, w2, 0)
        da1 = _pool_backward(dp1, m1) * (a1 > 0)
        _, dw1 = _conv_backward(da1, xp1, f1, w1, 2)
        grads = [dw1, da1.sum((0, 1, 2)), dw2, da2.sum((0, 1, 2)), dw3, db3, dw4, db4, dw5, db5]
        for p, g in zip(params, grads):
            p -= LR * g
        return loss
    return step


def lenet_model(tf, weights):
    """The same network in TensorFlow's API (minitf or TensorFlow): variables and a loss."""
    params = [tf.Variable(w) for w in weights]

    def loss(x, labels):
        w1, b1, w2, b2, w3, b3, w4, b4, w5, b5 = params
        h = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, w1, 1, "SAME"), b1))
        h = tf.nn.max_pool2d(h, 2, 2, "VALID")
        h = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(h, w2, 1, "VALID"), b2))
        h = tf.reshape(tf.nn.max_pool2d(h, 2, 2, "VALID"), [-1, 400])
        h = tf.nn.relu(tf.matmul(h, w3) + b3)
        h = tf.nn.relu(tf.matmul(h, w4) + b4)
        logits = tf.matmul(h, w5) + b5
        return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))
    return params, loss


def lenet_eager(tf, x, labels, weights):
    params, loss = lenet_model(tf, weights)
    opt = tf.keras.optimizers.SGD(LR)
    x, labels = tf.constant(x), tf.constant(labels)

    def step():
        with tf.GradientTape() as tape:
            value = loss(x, labels)
        opt.apply_gradients(zip(tape.gradient(value, params), params))
        return value
    return step


def lenet_function(tf, x, labels, weights):
    return tf.function(lenet_eager(tf, x, labels, weights))


def lenet_session(tf, x_data, label_data, weights):
    v1 = tf.compat.v1
    graph = tf.Graph()
    with graph.as_default():
        x = v1.placeholder(tf.float32, [None, 28, 28, 1])
        labels = v1.placeholder(tf.int32, [None])
        _, loss = lenet_model(tf, weights)
        value = loss(x, labels)
        train = v1.train.GradientDescentOptimizer(LR).minimize(value)
        init = v1.global_variables_initializer()
    sess = v1.Session(graph=graph)
    sess.run(init)
    feed = {x: x_data, labels: label_data}
    return lambda: sess.run([train, value], feed)[1]


# -- TensorFlow 1.x's autoencoder and GAN examples, one step each ----------------------------
def _dense_params(tf, sizes, seed):
    rng = np.random.default_rng(seed)
    return [(tf.Variable((rng.standard_normal((a, b)) * 0.05).astype(np.float32)),
             tf.Variable(np.zeros(b, np.float32))) for a, b in zip(sizes, sizes[1:])]


def _mlp(tf, x, params, last):
    for i, (w, b) in enumerate(params):
        x = tf.matmul(x, w) + b
        x = last(x) if i == len(params) - 1 else tf.nn.sigmoid(x)
    return x


def autoencoder_session(tf, batch=256):
    """784-256-128-256-784 sigmoid autoencoder, mean squared error, RMSProp(0.01)."""
    v1 = tf.compat.v1
    data = np.random.default_rng(2).uniform(0, 1, (batch, 784)).astype(np.float32)
    graph = tf.Graph()
    with graph.as_default():
        x = v1.placeholder(tf.float32, [None, 784])
        params = _dense_params(tf, [784, 256, 128, 256, 784], 3)
        y = _mlp(tf, x, params, tf.nn.sigmoid)
        loss = tf.reduce_mean(tf.pow(x - y, 2))
        train = v1.train.RMSPropOptimizer(0.01).minimize(loss)
        init = v1.global_variables_initializer()
    sess = v1.Session(graph=graph)
    sess.run(init)
    return lambda: sess.run([train, loss], {x: data})[1]


def gan_session(tf, batch=128):
    """A 100-256-784 generator and a 784-256-1 discriminator, each trained by Adam(0.0002) on
    its own variables, both in one run as the example does."""
    v1 = tf.compat.v1
    rng = np.random.default_rng(4)
    images = rng.uniform(0, 1, (batch, 784)).astype(np.float32)
    noise = rng.uniform(-1, 1, (batch, 100)).astype(np.float32)
    graph = tf.Graph()
    with graph.as_default():
        x = v1.placeholder(tf.float32, [None, 784])
        z = v1.placeholder(tf.float32, [None, 100])
        gen = _dense_params(tf, [100, 256, 784], 5)
        disc = _dense_params(tf, [784, 256, 1], 6)

        def relu_mlp(h, params, last):
            (w1, b1), (w2, b2) = params
            return last(tf.matmul(tf.nn.relu(tf.matmul(h, w1) + b1), w2) + b2)
        fake = relu_mlp(z, gen, tf.nn.sigmoid)
        d_real, d_fake = relu_mlp(x, disc, tf.nn.sigmoid), relu_mlp(fake, disc, tf.nn.sigmoid)
        gen_loss = -tf.reduce_mean(tf.math.log(d_fake))
        disc_loss = -tf.reduce_mean(tf.math.log(d_real) + tf.math.log(1.0 - d_fake))
        train_gen = v1.train.AdamOptimizer(0.0002).minimize(
            gen_loss, var_list=[v for p in gen for v in p])
        train_disc = v1.train.AdamOptimizer(0.0002).minimize(
            disc_loss, var_list=[v for p in disc for v in p])
        init = v1.global_variables_initializer()
    sess = v1.Session(graph=graph)
    sess.run(init)
    feed = {x: images, z: noise}
    return lambda: sess.run([train_gen, train_disc, gen_loss, disc_loss], feed)[2]


# -- timing -----------------------------------------------------------------------------------
def per_step(step, steps, repeats):
    step()
    step()  # trace functions, compile plans, warm caches
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        times.append((time.perf_counter() - t0) / steps)
    return statistics.median(times)


def _tensorflow():
    try:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow
        return tensorflow
    except ImportError:
        return None


def table(title, rows, steps, repeats):
    """Times rows (name, make_step, name of the row to divide by) and prints a markdown table.
    The rows that do not run TensorFlow are timed first, before TensorFlow starts its thread
    pools, so that those threads do not compete with numpy's."""
    times = {}
    for tensorflow_rows in (False, True):
        for name, make, _ in rows:
            if name.startswith("tensorflow") == tensorflow_rows:
                times[name] = per_step(make(), steps, repeats)
    print("\n%s; median of %d x %d steps" % (title, repeats, steps))
    print("| %-30s | %9s | %-30s |" % ("step", "ms", "ratio"))
    print("|%s|%s|%s|" % ("-" * 32, "-" * 11, "-" * 32))
    for name, _, base in rows:
        ratio = "%.2fx %s" % (times[name] / times[base], base) if base in times else ""
        print("| %-30s | %9.2f | %-30s |" % (name, times[name] * 1e3, ratio))
    return times


def lenet_rows(minitf, tf):
    """The LeNet table's rows: numpy, each minitf style, and each TensorFlow style."""
    x, labels = lenet_data()
    w = lenet_weights()
    numpy_row = "numpy im2col, by hand"
    rows = [(numpy_row, lambda: lenet_numpy(x, labels, w), None)]
    for style, make in (("eager", lenet_eager), ("function", lenet_function),
                        ("Session", lenet_session)):
        if tf is not None:
            rows.append(("tensorflow " + style, lambda make=make: make(tf, x, labels, w), None))
        rows.append(("minitf " + style, lambda make=make: make(minitf, x, labels, w),
                     "tensorflow " + style if tf is not None else numpy_row))
    rows.append(("minitf Session (vs numpy)", lambda: lenet_session(minitf, x, labels, w),
                 numpy_row))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", default="lenet,autoencoder,gan")
    args = parser.parse_args(argv)
    import minitf
    tf = _tensorflow()
    only = args.only.split(",")
    if "lenet" in only:
        table("LeNet training step, batch %d of 28x28x1" % BATCH, lenet_rows(minitf, tf),
              args.steps, args.repeats)
    for name, fn in (("autoencoder", autoencoder_session), ("gan", gan_session)):
        if name in only:
            rows = [("tensorflow Session", lambda fn=fn: fn(tf), None)] if tf is not None else []
            rows.append(("minitf Session", lambda fn=fn: fn(minitf),
                         "tensorflow Session" if tf is not None else None))
            table("TF1 %s example, one step" % name, rows, args.steps * 5, args.repeats)


if __name__ == "__main__":
    main()

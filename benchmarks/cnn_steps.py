"""The step builders of bench.py's convolutional and TensorFlow 1.x example rows: one training
step of a LeNet-sized CNN (hand-written in numpy with im2col, and in TensorFlow's API for minitf
and TensorFlow in each style), and of TensorFlow 1.x's autoencoder (with its numpy baseline) and
GAN examples in a Session.

Builders follow bench.py's convention: a numpy builder takes no argument, the others take the
framework's module (`minitf` or `tensorflow`); each returns a zero-argument step.
"""
import numpy as np

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


def lenet_numpy():
    """The baseline: the same step written by hand in numpy (im2col convolutions)."""
    x, labels = lenet_data()
    params = lenet_weights()
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


def lenet_eager(tf):
    x, labels = lenet_data()
    params, loss = lenet_model(tf, lenet_weights())
    opt = tf.keras.optimizers.SGD(LR)
    x, labels = tf.constant(x), tf.constant(labels)

    def step():
        with tf.GradientTape() as tape:
            value = loss(x, labels)
        opt.apply_gradients(zip(tape.gradient(value, params), params))
        return value
    return step


def lenet_function(tf):
    return tf.function(lenet_eager(tf))


def lenet_session(tf):
    v1 = tf.compat.v1
    x_data, label_data = lenet_data()
    graph = tf.Graph()
    with graph.as_default():
        x = v1.placeholder(tf.float32, [None, 28, 28, 1])
        labels = v1.placeholder(tf.int32, [None])
        _, loss = lenet_model(tf, lenet_weights())
        value = loss(x, labels)
        train = v1.train.GradientDescentOptimizer(LR).minimize(value)
        init = v1.global_variables_initializer()
    sess = v1.Session(graph=graph)
    sess.run(init)
    feed = {x: x_data, labels: label_data}
    return lambda: sess.run([train, value], feed)[1]


# -- TensorFlow 1.x's autoencoder and GAN examples, one step each ----------------------------
def _dense_values(sizes, seed):
    rng = np.random.default_rng(seed)
    return [((rng.standard_normal((a, b)) * 0.05).astype(np.float32), np.zeros(b, np.float32))
            for a, b in zip(sizes, sizes[1:])]


def _dense_params(tf, sizes, seed):
    return [(tf.Variable(w), tf.Variable(b)) for w, b in _dense_values(sizes, seed)]


def _mlp(tf, x, params, last):
    for i, (w, b) in enumerate(params):
        x = tf.matmul(x, w) + b
        x = last(x) if i == len(params) - 1 else tf.nn.sigmoid(x)
    return x


AUTOENCODER = [784, 256, 128, 256, 784]


def _autoencoder_data(batch=256):
    return np.random.default_rng(2).uniform(0, 1, (batch, 784)).astype(np.float32)


def autoencoder_numpy():
    """The autoencoder's step by hand: sigmoid layers, mean squared error, and TensorFlow 1.x's
    RMSProp (decay 0.9, no momentum, epsilon 1e-10, the mean squares starting at ones)."""
    x = _autoencoder_data()
    params = [p for layer in _dense_values(AUTOENCODER, 3) for p in layer]
    ms = [np.ones_like(p) for p in params]
    lr, decay, eps = np.float32(0.01), np.float32(0.9), np.float32(1e-10)

    def step():
        hs = [x]
        for w, b in zip(params[::2], params[1::2]):
            hs.append(1 / (1 + np.exp(-(hs[-1] @ w + b))))
        y = hs[-1]
        loss = np.mean(np.square(x - y))
        d = (2 / y.size) * (y - x) * y * (1 - y)
        grads = []
        for i in range(len(hs) - 2, -1, -1):
            grads[:0] = [hs[i].T @ d, d.sum(axis=0)]
            if i:
                d = (d @ params[2 * i].T) * hs[i] * (1 - hs[i])
        for p, g, m in zip(params, grads, ms):
            m *= decay
            m += (1 - decay) * g * g
            p -= lr * g / np.sqrt(m + eps)
        return loss
    return step


def autoencoder_session(tf):
    """784-256-128-256-784 sigmoid autoencoder, mean squared error, RMSProp(0.01)."""
    v1 = tf.compat.v1
    data = _autoencoder_data()
    graph = tf.Graph()
    with graph.as_default():
        x = v1.placeholder(tf.float32, [None, 784])
        params = _dense_params(tf, AUTOENCODER, 3)
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



"""Times minitf against hand-written numpy (and, when asked, TensorFlow and PyTorch) per workload.

Each workload is one row of `WORKLOADS`: a name and, per framework, a function that builds one
step (a zero-argument callable) of the same computation. minitf and TensorFlow share their step
builders, since the code is the same with `import minitf as tf`. The table gives the median time
per step over several repeats, its ratio to the numpy step measured in the same run, and its
ratio to each peer. Peers run in a subprocess of the interpreter given (default: this one), so
that neither is a dependency and their thread pools stay out of minitf's process. The scaling
probe times graph building, `gradients`, Session runs and eager/taped chains of 10 to 10,000
links, per link, so that linearity shows.

    python benchmarks/bench.py [--repeats 7] [--tensorflow [PYTHON]] [--torch [PYTHON]]
                               [--only NAME_PART] [--no-scaling] [--plot plots/performance.png]

A new row is a `Workload(name, numpy=..., minitf=..., tensorflow=..., torch=...)` appended to
`WORKLOADS` (or to the list of any module that extends it); each builder returns a step. The
builders of the LeNet, autoencoder and GAN rows live in `cnn_steps.py`; a row without a numpy
step (the GAN's) has no ratio to numpy.
"""
import argparse
import collections
import gc
import json
import os
import statistics
import subprocess
import sys
import time

# One thread per framework unless the environment says otherwise: on a shared machine, BLAS
# threads that wait for a busy core make timings erratic. Set before numpy loads; the peers'
# subprocesses inherit it.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402 - after the thread counts are set

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import cnn_steps  # noqa: E402 - the CNN and TF1 example rows' builders, next to this file

Workload = collections.namedtuple("Workload", "name numpy minitf tensorflow torch",
                                  defaults=(None, None))
PEERS = ("tensorflow", "torch")


# -- elementary ops ---------------------------------------------------------------------------
def add_numpy():
    a, b = np.array([1, 2, 3], np.int32), np.array([4, 5, 6], np.int32)
    return lambda: np.add(a, b)


def add_tf(tf):
    a, b = tf.constant([1, 2, 3]), tf.constant([4, 5, 6])
    return lambda: tf.add(a, b)


def add_torch(torch):
    a, b = torch.tensor([1, 2, 3], dtype=torch.int32), torch.tensor([4, 5, 6], dtype=torch.int32)
    return lambda: torch.add(a, b)


def plus_numpy():
    a, b = np.array([1, 2, 3], np.int32), np.array([4, 5, 6], np.int32)
    return lambda: a + b


def plus_tf(tf):
    a, b = tf.constant([1, 2, 3]), tf.constant([4, 5, 6])
    return lambda: a + b


def plus_torch(torch):
    a, b = torch.tensor([1, 2, 3], dtype=torch.int32), torch.tensor([4, 5, 6], dtype=torch.int32)
    return lambda: a + b


def _square(n):
    return np.random.default_rng(0).standard_normal((n, n)).astype(np.float32)


def matmul_numpy():
    a = _square(64)
    return lambda: a @ a


def matmul_tf(tf):
    a = tf.constant(_square(64))
    return lambda: tf.matmul(a, a)


def matmul_torch(torch):
    a = torch.from_numpy(_square(64))
    return lambda: torch.matmul(a, a)


# -- linear regression: forward, gradient, SGD update -------------------------------------------
LR = 0.01


def linreg_data(n, d):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, d)).astype(np.float32)
    y = (x @ rng.standard_normal((d, 1)) + 2 + 0.1 * rng.standard_normal((n, 1)))
    return x, y.astype(np.float32)


def linreg_numpy(n, d):
    def build():
        x, y = linreg_data(n, d)
        w, b = np.zeros((d, 1), np.float32), np.zeros(1, np.float32)
        two_over_n = np.float32(2 / n)

        def step():
            err = x @ w + b - y
            loss = np.mean(np.square(err))
            g = two_over_n * err
            w[...] -= LR * (x.T @ g)
            b[...] -= LR * g.sum(axis=0)
            return loss
        return step
    return build


def _linreg_eager(tf, n, d):
    x, y = (tf.constant(a) for a in linreg_data(n, d))
    w, b = tf.Variable(tf.zeros([d, 1])), tf.Variable(tf.zeros([1]))
    opt = tf.keras.optimizers.SGD(LR)

    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
        return loss
    return step


def linreg_tape(n, d):
    return lambda tf: _linreg_eager(tf, n, d)


def linreg_function(n, d):
    return lambda tf: tf.function(_linreg_eager(tf, n, d))


def linreg_session(n, d):
    def build(tf):
        x_data, y_data = linreg_data(n, d)
        graph = tf.Graph()
        with graph.as_default():
            x = tf.compat.v1.placeholder(tf.float32, [None, d])
            y = tf.compat.v1.placeholder(tf.float32, [None, 1])
            w, b = tf.Variable(tf.zeros([d, 1])), tf.Variable(tf.zeros([1]))
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
            train = tf.compat.v1.train.GradientDescentOptimizer(LR).minimize(loss)
            init = tf.compat.v1.global_variables_initializer()
        sess = tf.compat.v1.Session(graph=graph)
        sess.run(init)
        feed = {x: x_data, y: y_data}
        return lambda: sess.run([train, loss], feed)[1]
    return build


def linreg_torch(n, d):
    def build(torch):
        x, y = (torch.from_numpy(a) for a in linreg_data(n, d))
        w = torch.zeros((d, 1), requires_grad=True)
        b = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([w, b], LR)

        def step():
            opt.zero_grad()
            loss = torch.mean(torch.square(x @ w + b - y))
            loss.backward()
            opt.step()
            return loss
        return step
    return build


# -- MLP 784-256-10, softmax cross entropy, Adam ----------------------------------------------
MLP = (784, 256, 10, 128)  # inputs, hidden units, classes, batch


def mlp_data():
    rng = np.random.default_rng(0)
    n_in, n_hidden, n_out, batch = MLP
    x = rng.standard_normal((batch, n_in)).astype(np.float32)
    labels = rng.integers(0, n_out, batch)
    w1 = (rng.standard_normal((n_in, n_hidden)) * 0.05).astype(np.float32)
    w2 = (rng.standard_normal((n_hidden, n_out)) * 0.05).astype(np.float32)
    return x, labels, [w1, np.zeros(n_hidden, np.float32), w2, np.zeros(n_out, np.float32)]


def mlp_numpy():
    x, labels, params = mlp_data()
    onehot = np.eye(MLP[2], dtype=np.float32)[labels]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, beta1, beta2, eps = 1e-3, 0.9, 0.999, 1e-7
    t = [0]

    def step():
        w1, b1, w2, b2 = params
        pre = x @ w1 + b1
        h = np.maximum(pre, 0)
        logits = h @ w2 + b2
        z = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(z)
        s = e.sum(axis=1, keepdims=True)
        loss = np.mean(np.log(s)[:, 0] - (z * onehot).sum(axis=1))
        dlogits = (e / s - onehot) / len(x)
        dh = (dlogits @ w2.T) * (pre > 0)
        grads = [x.T @ dh, dh.sum(axis=0), h.T @ dlogits, dlogits.sum(axis=0)]
        t[0] += 1
        alpha = lr * np.sqrt(1 - beta2 ** t[0]) / (1 - beta1 ** t[0])
        for p, g, mi, vi in zip(params, grads, m, v):
            mi += (1 - beta1) * (g - mi)
            vi += (1 - beta2) * (g * g - vi)
            p -= alpha * mi / (np.sqrt(vi) + eps)
        return loss
    return step


def _mlp_loss(tf, x, labels, params):
    w1, b1, w2, b2 = params
    logits = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                          logits=logits))


def _mlp_eager(tf):
    x, labels, params = mlp_data()
    x, labels = tf.constant(x), tf.constant(labels.astype(np.int32))
    params = [tf.Variable(p) for p in params]
    opt = tf.keras.optimizers.Adam(1e-3)

    def step():
        with tf.GradientTape() as tape:
            loss = _mlp_loss(tf, x, labels, params)
        opt.apply_gradients(zip(tape.gradient(loss, params), params))
        return loss
    return step


def mlp_function(tf):
    return tf.function(_mlp_eager(tf))


def mlp_session(tf):
    x_data, labels_data, values = mlp_data()
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, MLP[0]])
        labels = tf.compat.v1.placeholder(tf.int32, [None])
        params = [tf.Variable(p) for p in values]
        loss = _mlp_loss(tf, x, labels, params)
        train = tf.compat.v1.train.AdamOptimizer(1e-3).minimize(loss)
        init = tf.compat.v1.global_variables_initializer()
    sess = tf.compat.v1.Session(graph=graph)
    sess.run(init)
    feed = {x: x_data, labels: labels_data.astype(np.int32)}
    return lambda: sess.run([train, loss], feed)[1]


def mlp_torch(torch):
    x, labels, values = mlp_data()
    x, labels = torch.from_numpy(x), torch.from_numpy(labels)
    params = [torch.tensor(p, requires_grad=True) for p in values]
    opt = torch.optim.Adam(params, 1e-3, eps=1e-7)

    def step():
        w1, b1, w2, b2 = params
        opt.zero_grad()
        logits = torch.relu(x @ w1 + b1) @ w2 + b2
        loss = torch.nn.functional.cross_entropy(logits, labels)
        loss.backward()
        opt.step()
        return loss
    return step


# -- a long chain of large elementwise ops, forward only --------------------------------------
CHAIN = (1000, 10 ** 6)  # links, elements


def _chain_start():
    return np.random.default_rng(0).uniform(-1, 1, CHAIN[1]).astype(np.float32)


def chain_numpy():
    x0 = _chain_start()
    a, c = np.float32(1.0001), np.float32(0.1)

    def step():
        x = x0
        for _ in range(CHAIN[0]):
            x = np.sin(x) * a + c
        return x
    return step


def chain_eager(tf):
    x0 = tf.constant(_chain_start())

    def step():
        x = x0
        for _ in range(CHAIN[0]):
            x = tf.sin(x) * 1.0001 + 0.1
        return x
    return step


def chain_session(tf):
    graph = tf.Graph()
    with graph.as_default():
        x = x0 = tf.compat.v1.placeholder(tf.float32, [CHAIN[1]])
        for _ in range(CHAIN[0]):
            x = tf.sin(x) * 1.0001 + 0.1
    sess = tf.compat.v1.Session(graph=graph)
    feed = {x0: _chain_start()}
    return lambda: sess.run(x, feed)


def chain_torch(torch):
    x0 = torch.from_numpy(_chain_start())

    def step():
        x = x0
        for _ in range(CHAIN[0]):
            x = torch.sin(x) * 1.0001 + 0.1
        return x
    return step


WORKLOADS = [
    Workload("tf.add, int32[3], eager", add_numpy, add_tf, add_tf, add_torch),
    Workload("a + b, int32[3], eager", plus_numpy, plus_tf, plus_tf, plus_torch),
    Workload("matmul 64x64 float32, eager", matmul_numpy, matmul_tf, matmul_tf, matmul_torch),
    Workload("linreg N=100 D=1, tape + SGD", linreg_numpy(100, 1), linreg_tape(100, 1),
             linreg_tape(100, 1), linreg_torch(100, 1)),
    Workload("linreg N=100 D=1, function", linreg_numpy(100, 1), linreg_function(100, 1),
             linreg_function(100, 1)),
    Workload("linreg N=100 D=1, Session", linreg_numpy(100, 1), linreg_session(100, 1),
             linreg_session(100, 1)),
    Workload("linreg N=1e5 D=100, tape + SGD", linreg_numpy(10 ** 5, 100),
             linreg_tape(10 ** 5, 100), linreg_tape(10 ** 5, 100), linreg_torch(10 ** 5, 100)),
    Workload("linreg N=1e5 D=100, function", linreg_numpy(10 ** 5, 100),
             linreg_function(10 ** 5, 100), linreg_function(10 ** 5, 100)),
    Workload("linreg N=1e5 D=100, Session (x, y fed)", linreg_numpy(10 ** 5, 100),
             linreg_session(10 ** 5, 100), linreg_session(10 ** 5, 100)),
    Workload("MLP 784-256-10 b128, Adam, tape", mlp_numpy, _mlp_eager, _mlp_eager, mlp_torch),
    Workload("MLP 784-256-10 b128, Adam, function", mlp_numpy, mlp_function, mlp_function),
    Workload("MLP 784-256-10 b128, Adam, Session", mlp_numpy, mlp_session, mlp_session),
    Workload("chain 1000 x (sin*a+b), f32[1e6], eager", chain_numpy, chain_eager, chain_eager,
             chain_torch),
    Workload("chain 1000 x (sin*a+b), f32[1e6], Session", chain_numpy, chain_session,
             chain_session),
    Workload("LeNet b64 28x28x1, SGD, tape", cnn_steps.lenet_numpy, cnn_steps.lenet_eager,
             cnn_steps.lenet_eager),
    Workload("LeNet b64 28x28x1, SGD, function", cnn_steps.lenet_numpy,
             cnn_steps.lenet_function, cnn_steps.lenet_function),
    Workload("LeNet b64 28x28x1, SGD, Session", cnn_steps.lenet_numpy, cnn_steps.lenet_session,
             cnn_steps.lenet_session),
    Workload("TF1 autoencoder 784-256-128-256-784 b256, RMSProp, Session",
             cnn_steps.autoencoder_numpy, cnn_steps.autoencoder_session,
             cnn_steps.autoencoder_session),
    Workload("TF1 GAN 100-256-784 / 784-256-1 b128, 2 x Adam, Session", None,
             cnn_steps.gan_session, cnn_steps.gan_session),
]


# -- timing -----------------------------------------------------------------------------------
def _calls_for(step, min_time):
    """Warms `step` up (compiles plans, traces functions) and says how many calls take about
    `min_time` seconds (at least one)."""
    step()
    t0 = time.perf_counter()
    step()
    return max(1, int(min_time / max(time.perf_counter() - t0, 1e-7)))


def _batch(step, calls):
    t0 = time.perf_counter()
    for _ in range(calls):
        step()
    return (time.perf_counter() - t0) / calls


def time_against_numpy(step, base, repeats, min_time=0.1):
    """(median of step, median of base, median of their ratio) per call, timing batches of the
    two in turn, so that the load of the machine weighs on both alike; for a row without a
    numpy step (base None), (median of step, None, None)."""
    calls = _calls_for(step, min_time)
    base_calls = base and _calls_for(base, min_time)
    times, base_times = [], []
    for _ in range(repeats):
        gc.collect()
        if base:
            base_times.append(_batch(base, base_calls))
        times.append(_batch(step, calls))
    if not base:
        return statistics.median(times), None, None
    ratio = statistics.median(t / b for t, b in zip(times, base_times))
    return statistics.median(times), statistics.median(base_times), ratio


def time_rows(framework, workloads, repeats):
    """{workload: (median s per step, median s of numpy's step, median ratio)} for one framework
    (a module name), each timed in turn with the numpy step of its row."""
    module = __import__(framework)
    out = {}
    for w in workloads:
        build = getattr(w, framework)
        if build is None:
            continue
        out[w.name] = time_against_numpy(build(module), w.numpy and w.numpy(), repeats)
        gc.collect()
    return out


def time_peer(peer, python, only, repeats):
    """Times the peer's rows in a subprocess of `python`; {} with a note if that fails."""
    cmd = [python, os.path.abspath(__file__), "--as-peer", peer, "--repeats", str(repeats)]
    if only:
        cmd += ["--only", only]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode:
        print("(%s not timed: %s)" % (peer, done.stderr.strip().splitlines()[-1:]))
        return {}
    return {k: tuple(v) for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}


def _time(t):
    return "-" if t is None else "%.1f us" % (t * 1e6) if t < 1e-3 else \
        "%.2f ms" % (t * 1e3) if t < 1 else "%.2f s" % t


def table(workloads, results, peers):
    """The markdown table: per workload the medians, minitf's ratio to numpy (timed in turn
    with it) and to each peer (the quotient of the medians: numpy itself need not run at the
    same speed in a peer's process, so ratios to numpy measured there would not compare)."""
    head = ["workload (median per step)", "numpy", "minitf", "minitf / numpy"]
    for p in peers:
        head += [p, "minitf / " + p]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for w in workloads:
        mine = results["minitf"].get(w.name)
        if mine is None:
            continue
        row = [w.name, _time(mine[1]), _time(mine[0]), "-" if mine[2] is None else
               "%.2fx" % mine[2]]
        for p in peers:
            theirs = results[p].get(w.name)
            row += ["-", "-"] if theirs is None else \
                [_time(theirs[0]), "%.2fx" % (mine[0] / theirs[0])]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def plot(workloads, results, path):
    """Bars of each framework's time over numpy's, per workload (log scale)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    frameworks = [f for f in ("minitf",) + PEERS if results.get(f)]
    names = [w.name for w in workloads  # the rows with a numpy step to divide by
             if w.name in results["minitf"] and results["minitf"][w.name][1] is not None]
    fig, ax = plt.subplots(figsize=(10, 0.22 * len(names) * len(frameworks) + 1.5))
    height = 0.8 / len(frameworks)
    for k, f in enumerate(frameworks):  # minitf's ratio as in the table; a peer's median over
        ratios = [np.nan if n not in results[f] else  # the numpy step's of minitf's row
                  results[f][n][2] if f == "minitf" else
                  results[f][n][0] / results["minitf"][n][1] for n in names]
        ax.barh(np.arange(len(names)) + k * height, ratios, height, label=f)
    ax.axvline(1, color="black", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_yticks(np.arange(len(names)) + height * (len(frameworks) - 1) / 2, names)
    ax.invert_yaxis()
    ax.set_xlabel("time per step / numpy's time (log scale; 1 = hand-written numpy)")
    ax.set_title("minitf and its peers against hand-written numpy\n(lower is faster)")
    ax.legend(title="framework", loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    fig.savefig(path, dpi=100)


# -- scaling probe ----------------------------------------------------------------------------
def _clock(fn):
    """The CPU time of this thread spent in fn() (graph building and compiling are single-
    threaded Python, and so measured apart from the load other processes put on the
    machine), and its result."""
    t0 = time.thread_time()
    out = fn()
    return time.thread_time() - t0, out


def _probe(tf, n, x_data):
    """{what: CPU seconds} for one chain of n links, built, differentiated and run each way."""
    t = {}
    graph = tf.Graph()

    def build():
        with graph.as_default():
            x = x0 = tf.compat.v1.placeholder(tf.float32, [16])
            for _ in range(n):
                x = tf.sin(x) * 1.0001 + 0.1
        return x0, x
    t["build"], (x0, y) = _clock(build)
    with graph.as_default():
        t["gradients"], (dx,) = _clock(lambda: tf.gradients(y, x0))
    sess = tf.compat.v1.Session(graph=graph)
    t["first run"], _ = _clock(lambda: sess.run([y, dx], {x0: x_data}))
    t["later run"] = min(_clock(lambda: sess.run([y, dx], {x0: x_data}))[0] for _ in range(3))
    start = tf.constant(x_data)

    def forward():
        x = start
        for _ in range(n):
            x = tf.sin(x) * 1.0001 + 0.1
        return x
    t["eager fwd"], _ = _clock(forward)
    with tf.GradientTape() as tape:
        tape.watch(start)
        t["tape fwd"], y_eager = _clock(forward)
    t["tape grad"], _ = _clock(lambda: tape.gradient(y_eager, start))
    return t


def scaling(sizes=(10, 100, 1000, 10000), repeats=3):
    """Per-link times (us) of a chain of n links `sin(x) * 1.0001 + 0.1` on float32[16]."""
    import minitf as tf
    x_data = _chain_start()[:16]
    cols = ["build", "gradients", "first run", "later run", "eager fwd", "tape fwd", "tape grad"]
    print("\nscaling probe: n links of x = sin(x) * 1.0001 + 0.1 on float32[16], us of thread "
          "CPU time per link (best of %d: the noise of a shared machine only ever adds time)"
          % repeats)
    print("| links | " + " | ".join(cols) + " |\n|" + "---|" * (len(cols) + 1))
    for n in sizes:
        figures = []
        for _ in range(repeats):
            gc.collect()
            figures.append(_probe(tf, n, x_data))
        print("| %d | " % n + " | ".join(
            "%.1f" % (min(f[c] for f in figures) / n * 1e6) for c in cols) + " |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--only", help="run only the workloads whose name contains this")
    for peer in PEERS:
        parser.add_argument("--" + peer, nargs="?", const=sys.executable, metavar="PYTHON",
                            help="also time %s, with this interpreter (default: this one)" % peer)
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling probe")
    parser.add_argument("--plot", metavar="PNG", help="draw the ratios to numpy into this file")
    parser.add_argument("--as-peer", choices=PEERS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    workloads = [w for w in WORKLOADS if not args.only or args.only in w.name]
    if args.as_peer:
        print(json.dumps(time_rows(args.as_peer, workloads, args.repeats)))
        return
    results = {"minitf": time_rows("minitf", workloads, args.repeats)}
    peers = [p for p in PEERS if getattr(args, p)]
    for p in peers:
        results[p] = time_peer(p, getattr(args, p), args.only, args.repeats)
    print("%s; medians of %d repeats, each framework timed in turn with the numpy step"
          % (time.strftime("%Y-%m-%d"), args.repeats))
    print(table(workloads, results, peers))
    if args.plot:
        plot(workloads, results, args.plot)
    if not args.no_scaling:
        scaling()


if __name__ == "__main__":
    main()

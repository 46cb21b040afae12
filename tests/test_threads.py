"""Threads: concurrent Session runs each get their own results, concurrent updates are applied
whole, and each thread has its own tapes, default graph, name scope and default session (the
process state is per thread, as TensorFlow's context). The switch interval is made tiny so that
the threads really interleave inside runs and kernels."""
import sys
import threading

import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1

THREADS = 4
SESSION_RUNS = 200   # per thread, each with its own feeds
TRAIN_RUNS = 1000    # per thread, of one train op
ASSIGNS = 1000       # per thread, eager assign_add
STEPS = 250          # per thread, eager optimizer steps


@pytest.fixture(autouse=True)
def fast_switching():
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def run_in_threads(body, n=THREADS):
    """Runs body(i) in n threads started together; returns their results, re-raising any error."""
    start = threading.Barrier(n, timeout=30)
    results, errors = [None] * n, []

    def main(i):
        start.wait()
        try:
            results[i] = body(i)
        except BaseException as e:  # reported in the test's own thread
            errors.append(e)

    threads = [threading.Thread(target=main, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def test_session_runs_from_several_threads_each_get_their_own_results(graph):
    x = v1.placeholder(tf.float32, [None])
    w = tf.Variable(10.0)
    y = tf.reduce_sum(x * 2.0 + w)
    sess = v1.Session()
    sess.run(w.initializer)

    def body(i):
        feeds = [np.full(k % 5 + 1, float(i), np.float32) for k in range(SESSION_RUNS)]
        return [sess.run(y, {x: f}) for f in feeds]

    results = run_in_threads(body)

    expected = [[(k % 5 + 1) * (2.0 * i + 10.0) for k in range(SESSION_RUNS)]
                for i in range(THREADS)]
    assert [list(map(float, r)) for r in results] == expected


def test_concurrent_train_ops_apply_every_update_whole(graph):
    # Each run of `train` adds exactly 1 to every element of both variables (lr 1, the
    # gradient of -sum is -1): a lost or half-applied update would show in the totals.
    a, b = tf.Variable(tf.zeros([50])), tf.Variable(tf.zeros([50]))
    train = v1.train.GradientDescentOptimizer(1.0).minimize(-tf.reduce_sum(a) - tf.reduce_sum(b))
    sess = v1.Session()
    sess.run(v1.global_variables_initializer())

    run_in_threads(lambda i: [sess.run(train) for _ in range(TRAIN_RUNS)])

    assert np.unique(sess.run([a, b])).tolist() == [THREADS * TRAIN_RUNS]


def test_concurrent_eager_assign_add_loses_no_update():
    v = tf.Variable(tf.zeros([20], tf.int64))

    run_in_threads(lambda i: [v.assign_add(tf.ones([20], tf.int64)) for _ in range(ASSIGNS)])

    assert np.unique(v.numpy()).tolist() == [THREADS * ASSIGNS]


def test_concurrent_eager_optimizer_steps_are_each_applied_whole():
    w = tf.Variable(tf.zeros([30]))
    opt = tf.optimizers.SGD(1.0, momentum=0.5)

    run_in_threads(lambda i: [opt.apply_gradients([(tf.ones([30]), w)]) for _ in range(STEPS)])

    reference = tf.Variable(tf.zeros([30]))
    ref_opt = tf.optimizers.SGD(1.0, momentum=0.5)
    for _ in range(THREADS * STEPS):
        ref_opt.apply_gradients([(tf.ones([30]), reference)])
    assert (w.numpy().tolist(), int(opt.iterations)) == (reference.numpy().tolist(),
                                                         THREADS * STEPS)


def test_each_thread_keeps_its_own_tape_graph_scope_and_session():
    inside = threading.Barrier(2, timeout=30)  # thread 0 keeps its contexts open while 1 looks
    done = threading.Barrier(2, timeout=30)

    def body(i):
        if i == 0:
            g = tf.Graph()
            va = tf.Variable(3.0, name="va")
            with tf.GradientTape() as tape, tf.name_scope("outer"):
                loss = va * va
                named = tf.Variable(0.0, name="v").name
                sess = v1.Session(graph=g)
                with g.as_default(), sess.as_default():
                    inside.wait()
                    done.wait()
            watched = [v.name for v in tape.watched_variables()]
            return named, float(tape.gradient(loss, va)), watched
        inside.wait()
        vb = tf.Variable(1.0, name="vb")
        seen = (tf.executing_eagerly(), vb.name, v1.get_default_session(),
                v1.get_default_graph().get_operations(), float(vb * 2.0))
        done.wait()
        return seen

    owner, other = run_in_threads(body, n=2)

    assert (owner, other) == (("outer/v:0", 6.0, ["va:0"]), (True, "vb:0", None, [], 2.0))


def test_a_new_thread_starts_with_its_own_default_graph(graph):
    # TensorFlow 2.21: another thread does not see the graph made default here, nor this
    # thread's global default graph.
    other = run_in_threads(lambda i: v1.get_default_graph(), n=1)[0]
    assert other is not graph and other is not v1.get_default_graph()

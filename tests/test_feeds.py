"""Session feeds: an array of the right dtype is taken as it is, without a copy, and yet neither
the run nor anything it stores or returns shares memory that the caller may change."""
import tracemalloc

import numpy as np

import minitf as tf


def _session_with(build):
    g = tf.Graph()
    with g.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None])
        out = build(x)
    return tf.compat.v1.Session(graph=g), x, out


def test_a_fitting_array_is_fed_without_a_copy():
    sess, x, total = _session_with(tf.reduce_sum)
    big = np.ones(10 ** 6, np.float32)
    sess.run(total, {x: big})  # compile the plan first
    tracemalloc.start()
    sess.run(total, {x: big})
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < big.nbytes / 10


def test_a_fetched_feed_is_the_callers_to_change_without_touching_the_feed():
    sess, x, same = _session_with(tf.identity)
    fed = np.array([1.0, 2.0], np.float32)
    got = sess.run(same, {x: fed})
    got[0] = 7.0
    assert fed.tolist() == [1.0, 2.0] and fed.flags.writeable


def test_a_variable_assigned_from_a_feed_does_not_follow_later_changes_to_it():
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([0.0, 0.0])
        x = tf.compat.v1.placeholder(tf.float32, [2])
        assign = v.assign(tf.reshape(x, [2]))
    sess = tf.compat.v1.Session(graph=g)
    fed = np.array([1.0, 2.0], np.float32)
    sess.run(assign, {x: fed})
    fed[:] = 5.0
    assert sess.run(v).tolist() == [1.0, 2.0]


def test_a_feed_of_another_dtype_is_converted():
    sess, x, doubled = _session_with(lambda x: x * 2.0)
    assert sess.run(doubled, {x: np.array([1, 2], np.int64)}).tolist() == [2.0, 4.0]

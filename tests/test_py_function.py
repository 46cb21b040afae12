"""py_function: Python code run eagerly as one op, in every mode, with gradients through the
minitf ops it runs. Behaviour checked against TensorFlow 2.21."""
import numpy as np
import pytest

import minitf as tf


def f(x, y):
    return x * y + tf.sin(x), tf.reduce_sum(y)


X, Y = [1.0, 2.0], [3.0, 4.0]
VALUES = [[3.841471, 8.909297], 7.0]
GRADIENTS = [[3.5403023, 3.5838532], [2.0, 3.0]]


def rounded(values):
    return [np.round(np.asarray(v.numpy() if hasattr(v, "numpy") else v, np.float64),
                     5).tolist() for v in values]


def test_eagerly_with_a_tape():
    x, y = tf.constant(X), tf.constant(Y)
    with tf.GradientTape() as tape:
        tape.watch([x, y])
        a, b = tf.py_function(f, [x, y], [tf.float32, tf.float32])
        loss = tf.reduce_sum(a) + b
    assert rounded([a, b] + tape.gradient(loss, [x, y])) == rounded(VALUES + GRADIENTS)


def test_in_a_session_with_gradients(graph):
    x = tf.compat.v1.placeholder(tf.float32, [2])
    a, b = tf.py_function(f, [x, tf.constant(Y)], [tf.float32, tf.float32])
    grads = tf.gradients(tf.reduce_sum(a) + b, [x])
    with tf.compat.v1.Session() as sess:
        out = sess.run([a, b] + grads, {x: X})
    assert rounded(out) == rounded(VALUES + GRADIENTS[:1])


def test_the_python_runs_on_every_run_of_a_function():
    calls = []

    def record(v):
        calls.append(float(v))
        return v * v

    @tf.function
    def g(x):
        return tf.py_function(record, [x], tf.float32)

    g(tf.constant(2.0))
    g(tf.constant(3.0))
    assert calls == [2.0, 3.0]


def test_gradient_through_a_traced_function():
    @tf.function
    def h(x):
        return tf.py_function(lambda v: v * v, [x], tf.float32)

    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = h(x)
    assert tape.gradient(y, x).numpy().tolist() == [2.0, 4.0]


def test_graph_forms(graph):
    a, b = tf.py_function(f, [tf.constant(X), tf.constant(Y)], [tf.float32, tf.float32])
    (ga,) = tf.gradients(a, [a.op.inputs[0]])
    assert (str(a), ga.name, ga.shape.as_list()) == (
        'Tensor("EagerPyFunc:0", dtype=float32)', "gradients/EagerPyFunc_grad/EagerPyFunc:0", [2])


def test_an_exception_is_an_unknown_error():
    with pytest.raises(tf.errors.UnknownError, match="ZeroDivisionError: division by zero"):
        tf.py_function(lambda x: 1 / 0, [tf.constant(X)], tf.float32)


def test_an_exception_in_a_session(graph):
    y = tf.py_function(lambda x: 1 / 0, [tf.constant(X)], tf.float32)
    with tf.compat.v1.Session() as sess, pytest.raises(tf.errors.UnknownError,
                                                       match="ZeroDivisionError"):
        sess.run(y)


def test_an_output_of_another_dtype():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="ValueError: Tensor conversion requested dtype int32"):
        tf.py_function(lambda x: x * 2, [tf.constant(X)], tf.int32)

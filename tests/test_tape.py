"""GradientTape semantics, eager and while building a graph."""
import numpy as np
import pytest

import minitf as tf


def test_gradient_of_watched_tensor():
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    assert float(tape.gradient(y, x)) == 6.0


def test_trainable_variables_are_watched_when_read():
    v, frozen = tf.Variable(2.0), tf.Variable(5.0, trainable=False)
    with tf.GradientTape() as tape:
        y = v * v * frozen
    dv, df = tape.gradient(y, [v, frozen])
    assert (float(dv), df) == (20.0, None)
    assert tape.watched_variables() == (v,)


def test_watch_accessed_variables_false():
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        y = v * v
    assert tape.gradient(y, v) is None


def test_sources_structure_is_kept():
    v, u = tf.Variable(2.0), tf.Variable(1.0)
    with tf.GradientTape(persistent=True) as tape:
        y = v * v
    g = tape.gradient(y, {"a": v, "b": [u, v]})
    assert float(g["a"]) == 4.0 and g["b"][0] is None and float(g["b"][1]) == 4.0


def test_unconnected_gradients_zero():
    v, u = tf.Variable(2.0), tf.Variable([1.0, 1.0])
    with tf.GradientTape() as tape:
        y = v * v
    g = tape.gradient(y, [v, u], unconnected_gradients=tf.UnconnectedGradients.ZERO)
    assert g[1].numpy().tolist() == [0.0, 0.0]


def test_output_gradients():
    v = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = v * v
    assert float(tape.gradient(y, v, output_gradients=tf.constant(2.0))) == 8.0


def test_second_call_on_non_persistent_tape_raises():
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * 2
    tape.gradient(y, x)
    with pytest.raises(RuntimeError, match="non-persistent GradientTape"):
        tape.gradient(y, x)


def test_persistent_tape_allows_many_calls():
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y, z = x * x, x * x * x
    assert (float(tape.gradient(y, x)), float(tape.gradient(z, x))) == (4.0, 12.0)


def test_integer_source_gives_none_with_warning():
    x = tf.constant(3)
    with pytest.warns(UserWarning, match="must be floating"):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x * x
    with pytest.warns(UserWarning, match="got tf.int32"):
        assert tape.gradient(y, x) is None


def test_nested_tapes_give_second_derivatives(derivatives):
    assert derivatives(lambda x: x * x * x, 3.0) == (27.0, 18.0)


def test_fan_in_is_summed():
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x + x + tf.square(x)
    assert float(tape.gradient(y, x)) == 9.0


def test_stop_gradient_blocks():
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * tf.stop_gradient(x * 3)
    assert float(tape.gradient(y, x)) == 6.0


def test_list_target_is_summed():
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        ys = [x * x, x * 3]
    assert float(tape.gradient(ys, x)) == 7.0


def test_only_ops_touching_watched_tensors_are_recorded():
    x, other = tf.constant(1.0), tf.constant(5.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        other * other
        y = x * 2
    assert len(tape._records) == 1 and float(tape.gradient(y, x)) == 2.0


def test_broadcast_gradient_reduces_to_each_input_shape():
    a, b = tf.Variable(np.ones((3, 1), np.float32)), tf.Variable(np.ones(4, np.float32))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(a * b)
    ga, gb = tape.gradient(y, [a, b])
    assert ga.shape == (3, 1) and gb.shape == (4,)
    assert ga.numpy().ravel().tolist() == [4.0] * 3 and gb.numpy().tolist() == [3.0] * 4


def test_tape_records_graph_ops_while_building_a_graph(graph):
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v)
    g = tape.gradient(y, v)
    assert g.name.startswith("gradient_tape/")
    with tf.compat.v1.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(g).tolist() == [2.0, 4.0]

"""random.Generator: TensorFlow's numbers for the same seed (the expected values were drawn
with TensorFlow 2.21), one stream continued eagerly, in a function and in a Session."""
import numpy as np
import pytest

import minitf as tf

FIRST, SECOND = [0.43842274, -0.53439844], [1.6307176351547241, 0.007847783155739307]


def test_from_seed_draws_tensorflows_normals():
    g = tf.random.Generator.from_seed(1)
    np.testing.assert_array_equal(g.normal([5]).numpy(), np.float32(
        [0.43842274, -0.53439844, -0.07710262, 1.5658046, -0.1012345]))


def test_a_stream_of_several_kinds_of_draws():
    g = tf.random.Generator.from_seed(7)
    draws = [g.uniform([3], dtype=tf.float64), g.normal([3], dtype=tf.float64),
             g.uniform([5], minval=-3, maxval=10, dtype=tf.int32),
             g.uniform([2], minval=1.0, maxval=3.0)]
    np.testing.assert_array_equal(draws[0].numpy(), [0.1946268487424987, 0.4304127241186033,
                                                     0.4163557311696655])
    np.testing.assert_array_equal(draws[1].numpy(), [-0.12337093193174324, -0.8083332750595029,
                                                     -1.239888043065354])
    assert draws[2].numpy().tolist() == [5, 7, 9, 4, 1]
    np.testing.assert_array_equal(draws[3].numpy(), np.float32([2.6754286, 1.6593523]))


def test_the_state_moves_on_as_tensorflows():
    g = tf.random.Generator.from_seed(1)
    assert repr(g.state) == \
        "<tf.Variable 'StateVar:0' shape=(3,) dtype=int64, numpy=array([1, 0, 0])>"
    g.normal([3])
    assert g.state.numpy().tolist() == [769, 0, 0]


def test_split_gives_generators_keyed_by_draws():
    a, b = tf.random.Generator.from_seed(1).split(2)
    assert (a.state.numpy().tolist(), b.state.numpy().tolist()) == \
        ([0, 0, 6679402142117448868], [0, 0, 684265014234019051])


def test_large_seeds_are_cut_into_64_bit_words():
    assert tf.random.Generator.from_seed(2 ** 70 + 5).state.numpy().tolist() == [5, 64, 0]


def test_integers_need_both_bounds():
    with pytest.raises(ValueError, match="minval and maxval must be both `None` or both"):
        tf.random.Generator.from_seed(1).uniform([2], dtype=tf.int32)


def test_only_philox():
    with pytest.raises(ValueError, match="minitf implements Philox only"):
        tf.random.Generator.from_seed(1, alg="threefry")


def test_a_function_continues_the_stream():
    g = tf.random.Generator.from_seed(1)
    draw = tf.function(lambda: g.normal([2]))
    first, second = draw(), draw()
    np.testing.assert_array_equal([first, second], np.float32([FIRST, SECOND]))


def test_in_a_session_the_state_needs_initializing(graph):
    g = tf.random.Generator.from_seed(1)
    x = g.normal([2])
    assert (x.name, g.state.name) == ("stateful_normal:0", "random_generator/StateVar:0")
    with tf.compat.v1.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized"):
            sess.run(x)
        sess.run(tf.compat.v1.global_variables_initializer())
        np.testing.assert_array_equal([sess.run(x), sess.run(x)], np.float32([FIRST, SECOND]))

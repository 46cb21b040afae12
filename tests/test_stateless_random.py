"""tf.random.stateless_normal/uniform: the same numbers for the same seed pair, in every call,
run and mode; TensorFlow's shapes, dtypes, names and errors (checked against TensorFlow 2.21;
the numbers themselves are numpy's, not TensorFlow's Philox stream)."""
import numpy as np
import pytest

import minitf as tf


def draws(seed):
    return [tf.random.stateless_normal([2, 3], seed).numpy(),
            tf.random.stateless_uniform([4], seed, 2.0, 3.0, tf.float64).numpy(),
            tf.random.stateless_uniform([5], seed, 3, 10, tf.int64).numpy()]


def test_same_seed_same_numbers_eagerly_and_in_a_session():
    eager = draws([1, 2])
    with tf.Graph().as_default():
        made = [tf.random.stateless_normal([2, 3], [1, 2]),
                tf.random.stateless_uniform([4], [1, 2], 2.0, 3.0, tf.float64),
                tf.random.stateless_uniform([5], [1, 2], 3, 10, tf.int64)]
        with tf.compat.v1.Session() as sess:
            first, second = sess.run(made), sess.run(made)
    assert all(np.array_equal(a, b) and np.array_equal(a, c)
               for a, b, c in zip(eager, first, second))


def test_another_seed_other_numbers():
    assert not np.array_equal(draws([1, 2])[0], draws([2, 1])[0])


def test_shapes_dtypes_and_ranges():
    n, u, i = draws([7, 0])
    assert ((n.dtype, u.dtype, i.dtype), u.min() >= 2.0 and u.max() < 3.0,
            i.min() >= 3 and i.max() < 10) == ((np.float32, np.float64, np.int64), True, True)


def test_mean_and_stddev_broadcast():
    y = tf.random.stateless_normal([2], [1, 2], mean=1.0, stddev=[0.0, 0.0])
    assert y.numpy().tolist() == [1.0, 1.0]


def test_graph_names_and_unknown_shapes(graph):
    made = [tf.random.stateless_normal([2, 3], [1, 2]),
            tf.random.stateless_uniform([2], [1, 2]),
            tf.random.stateless_uniform([2], [1, 2], maxval=5, dtype=tf.int32),
            tf.random.stateless_normal(tf.compat.v1.placeholder(tf.int32, [2]), [1, 2])]
    assert [str(t) for t in made] == [
        'Tensor("stateless_random_normal:0", shape=(2, 3), dtype=float32)',
        'Tensor("stateless_random_uniform:0", shape=(2,), dtype=float32)',
        'Tensor("stateless_random_uniform_1:0", shape=(2,), dtype=int32)',
        'Tensor("stateless_random_normal_1:0", shape=(None, None), dtype=float32)']


def test_seed_of_three_values():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"seed must have shape \[2\], "
                                                             r"not \[3\]"):
        tf.random.stateless_normal([2], seed=[1, 2, 3])


def test_integer_bounds_must_differ():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Need minval < maxval, got 5 >= 5"):
        tf.random.stateless_uniform([2], [1, 2], minval=5, maxval=5, dtype=tf.int32)


def test_normal_of_integers_is_refused():
    with pytest.raises(TypeError, match="Cannot convert 0.0 to EagerTensor of dtype int32"):
        tf.random.stateless_normal([2], seed=[1, 2], dtype=tf.int32)

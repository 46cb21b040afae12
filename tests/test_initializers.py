"""Initializers, TensorFlow 1.x (`compat.v1.*_initializer`) and 2.x / Keras: shapes, dtypes,
the Glorot limit, seeds, and use with Variable in both modes."""
import numpy as np
import pytest

import minitf as tf
from minitf.ops.init_ops import fans

V2 = [tf.keras.initializers.Zeros, tf.keras.initializers.Ones,
      tf.keras.initializers.RandomNormal, tf.keras.initializers.GlorotUniform]
V1 = [tf.compat.v1.zeros_initializer, tf.compat.v1.ones_initializer,
      tf.compat.v1.random_normal_initializer, tf.compat.v1.glorot_uniform_initializer]


@pytest.mark.parametrize("init", V2 + V1, ids=lambda c: c.__module__[-2:] + c.__name__)
def test_shape_and_default_dtype(init):
    x = init()(shape=[2, 3])
    assert x.shape == (2, 3) and x.dtype == tf.float32


@pytest.mark.parametrize("init", V2 + V1, ids=lambda c: c.__module__[-2:] + c.__name__)
def test_dtype_of_the_call(init):
    assert init()([2], tf.float64).dtype == tf.float64


def test_v1_dtype_is_fixed_when_made():
    assert tf.compat.v1.zeros_initializer(dtype=tf.int32)([2]).dtype == tf.int32
    assert tf.compat.v1.glorot_uniform_initializer(dtype=tf.float64)([2, 2]).dtype == tf.float64


def test_zeros_and_ones_take_integer_dtypes():
    assert tf.zeros_initializer()([2], tf.int32).numpy().tolist() == [0, 0]
    assert tf.keras.initializers.Ones()([2], dtype="int64").numpy().tolist() == [1, 1]


@pytest.mark.parametrize("make", [lambda: tf.keras.initializers.RandomNormal(),
                                  lambda: tf.keras.initializers.GlorotUniform(),
                                  lambda: tf.compat.v1.glorot_uniform_initializer()])
def test_random_initializers_need_floats(make):
    with pytest.raises(ValueError, match="Argument `dtype` is expected to be floating point. "
                                         "Received: <dtype: 'int32'>"):
        make()([2, 2], tf.int32)


def test_v1_random_normal_checks_its_dtype_when_made():
    with pytest.raises(ValueError, match="expected to be floating point"):
        tf.compat.v1.random_normal_initializer(dtype=tf.int32)


@pytest.mark.parametrize("shape, expected", [
    ([], (1, 1)), ([5], (5, 5)), ([20, 30], (20, 30)), ([3, 3, 4, 8], (36, 72))])
def test_fans(shape, expected):
    assert fans(shape) == expected


@pytest.mark.parametrize("init", [tf.keras.initializers.GlorotUniform(seed=1),
                                  tf.keras.initializers.GlorotUniform(),
                                  tf.compat.v1.glorot_uniform_initializer(seed=1)])
def test_glorot_uniform_fills_plus_minus_its_limit(init):
    tf.random.set_seed(0)  # the unseeded initializer then draws a fixed sample, never a rare one
    w = init([3, 3, 40, 60]).numpy()
    limit = np.sqrt(6.0 / (9 * 40 + 9 * 60))
    assert np.abs(w).max() <= limit and np.abs(w).max() > 0.99 * limit
    assert abs(w.mean()) < 0.01 * limit and abs(w.std() - limit / np.sqrt(3)) < 0.01 * limit


@pytest.mark.parametrize("init, mean, stddev", [
    (tf.keras.initializers.RandomNormal(seed=2), 0.0, 0.05),
    (tf.random_normal_initializer(1.0, 2.0), 1.0, 2.0),
    (tf.compat.v1.random_normal_initializer(seed=2), 0.0, 1.0),
])
def test_random_normal_mean_and_stddev(init, mean, stddev):
    x = init([20000]).numpy()
    assert abs(x.mean() - mean) < 0.03 * stddev and abs(x.std() - stddev) < 0.03 * stddev


# -- seeds ------------------------------------------------------------------------------------
@pytest.mark.parametrize("init", [tf.keras.initializers.RandomNormal(seed=3),
                                  tf.keras.initializers.GlorotUniform(seed=3)])
def test_seeded_v2_initializers_give_the_same_values_every_call(init):
    np.testing.assert_array_equal(init([4, 5]), init([4, 5]))
    with tf.Graph().as_default():
        graph = tf.compat.v1.Session().run(init([4, 5]))
    np.testing.assert_array_equal(init([4, 5]), graph)


@pytest.mark.parametrize("init", [tf.keras.initializers.RandomNormal(),
                                  tf.keras.initializers.GlorotUniform()])
def test_unseeded_v2_initializers_differ_and_follow_set_seed(init):
    assert not np.array_equal(init([4]), init([4]))
    tf.random.set_seed(6)
    first = init([4]).numpy()
    tf.random.set_seed(6)
    np.testing.assert_array_equal(first, init([4]))


def test_seeded_v1_initializer_continues_its_sequence_like_a_random_op():
    init = tf.compat.v1.glorot_uniform_initializer(seed=4)
    a, b = init([2, 2]).numpy(), init([2, 2]).numpy()
    assert not np.array_equal(a, b)
    with tf.Graph().as_default():
        w = init([2, 2])
        sess = tf.compat.v1.Session()
        np.testing.assert_array_equal([sess.run(w), sess.run(w)], [a, b])


# -- with Variable ----------------------------------------------------------------------------
def test_variable_from_an_initializer_value_or_callable():
    init = tf.keras.initializers.Ones()
    assert tf.Variable(init(shape=[2, 3])).shape == (2, 3)
    v = tf.Variable(lambda: init([2]), dtype=tf.float32)
    assert v.numpy().tolist() == [1.0, 1.0]


def test_variable_initializer_in_a_graph_runs_per_session():
    with tf.Graph().as_default() as g:
        v = tf.Variable(lambda: tf.compat.v1.random_normal_initializer(seed=5)([3]), name="w")
        init = tf.compat.v1.global_variables_initializer()
        values = []
        for _ in range(2):
            with tf.compat.v1.Session() as sess:
                sess.run(init)
                values.append(sess.run(v))
    np.testing.assert_array_equal(values[0], values[1])
    assert "w/Initializer/random_normal/RandomStandardNormal" in \
        [op.name for op in g.get_operations()]


def test_namespaces():
    assert tf.initializers is tf.keras.initializers
    assert tf.initializers.zeros is tf.initializers.Zeros is tf.zeros_initializer
    assert tf.initializers.glorot_uniform is tf.keras.initializers.GlorotUniform
    assert tf.random_normal_initializer is tf.keras.initializers.random_normal
    v1 = tf.compat.v1
    assert v1.initializers.zeros is v1.zeros_initializer
    assert v1.initializers.glorot_uniform is v1.glorot_uniform_initializer
    assert v1.initializers.random_normal is v1.random_normal_initializer
    assert v1.initializers.ones is v1.ones_initializer is not tf.ones_initializer


@pytest.mark.parametrize("make", [tf.keras.initializers.Constant, tf.constant_initializer,
                                  tf.compat.v1.constant_initializer])
def test_constant_fills_a_scalar_and_reshapes_a_list(make):
    assert make(0.5)([2]).numpy().tolist() == [0.5, 0.5]
    assert make([1, 2, 3, 4])([2, 2]).numpy().tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_constant_of_the_wrong_size_is_a_type_error():  # as in TensorFlow 2.21
    with pytest.raises(TypeError, match="2 elements"):
        tf.keras.initializers.Constant([1, 2])([2, 2])


def test_constant_by_name_in_a_dense_layer():
    layer = tf.keras.layers.Dense(1, kernel_initializer="constant")
    assert layer(tf.ones([1, 2])).numpy().tolist() == [[0.0]]

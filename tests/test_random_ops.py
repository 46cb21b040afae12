"""Random ops: the seed rules (eager and graph give the same sequences), the distributions,
and TensorFlow's argument errors."""
import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError


def eager_draws(global_seed, seed, n):
    tf.random.set_seed(global_seed)
    return [tf.random.normal([3], seed=seed).numpy() for _ in range(n)]


def test_eager_and_graph_give_the_same_sequence_for_the_same_seeds():
    tf.random.set_seed(5)
    eager = [tf.random.normal([3]).numpy(), tf.random.uniform([2]).numpy(),
             tf.random.uniform([2], seed=1).numpy(), tf.random.uniform([2], seed=1).numpy()]
    with tf.Graph().as_default():
        tf.random.set_seed(5)
        a, b, c = tf.random.normal([3]), tf.random.uniform([2]), tf.random.uniform([2], seed=1)
        sess = tf.compat.v1.Session()
        graph = sess.run([a, b, c]) + [sess.run(c)]
    for e, g in zip(eager, graph):
        np.testing.assert_array_equal(e, g)


def test_set_seed_restarts_the_sequences():
    first = eager_draws(3, None, 2) + eager_draws(3, 7, 2)
    again = eager_draws(3, None, 2) + eager_draws(3, 7, 2)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first[0], first[1]) and not np.array_equal(first[2], first[3])


def test_an_op_seed_alone_is_deterministic():
    eager = eager_draws(None, 11, 2)
    with tf.Graph().as_default():
        x = tf.random.normal([3], seed=11)
        sess = tf.compat.v1.Session()
        np.testing.assert_array_equal([sess.run(x), sess.run(x)], eager)


def test_two_sessions_of_one_graph_repeat_the_same_draws():
    with tf.Graph().as_default():
        tf.random.set_seed(1)
        x = tf.random.uniform([4])
        first = [tf.compat.v1.Session().run(x) for _ in range(2)]
    np.testing.assert_array_equal(first[0], first[1])


def test_without_seeds_draws_differ():
    assert not np.array_equal(tf.random.normal([5]).numpy(), tf.random.normal([5]).numpy())
    with tf.Graph().as_default():
        x = tf.random.normal([5])
        assert not np.array_equal(*[tf.compat.v1.Session().run(x) for _ in range(2)])


def seeds_of_a_new_random_op():
    draw = tf.random.shuffle([1, 2]).op
    return draw.get_attr("seed"), draw.get_attr("seed2")


def test_the_global_seed_of_a_graph_is_its_own():
    with tf.Graph().as_default():
        tf.compat.v1.set_random_seed(2)
        seeded = [seeds_of_a_new_random_op() for _ in range(2)]
    with tf.Graph().as_default():
        unseeded = seeds_of_a_new_random_op()
    assert seeded == [(2, 2 ** 31 - 1), (2, 2 ** 31)] and unseeded == (None, None)


def test_a_function_traced_after_set_seed_draws_the_same_numbers_again():
    def traced_draw():
        tf.random.set_seed(4)
        return tf.function(lambda: tf.random.normal([3]))().numpy()
    np.testing.assert_array_equal(traced_draw(), traced_draw())  # a function's graph takes
    # the eager global seed, as in TensorFlow


def test_op_seeds_from_the_counter_never_meet_given_ones():
    tf.random.set_seed(5)
    counted = tf.random.uniform([2]).numpy()
    tf.random.set_seed(5)
    given = tf.random.uniform([2], seed=0).numpy()
    assert not np.array_equal(counted, given)


def test_v1_spellings():
    v1 = tf.compat.v1
    assert v1.random_normal is tf.random.normal is v1.random.normal
    assert v1.random_uniform is tf.random.uniform and v1.random_shuffle is tf.random.shuffle
    assert v1.truncated_normal is tf.random.truncated_normal
    v1.set_random_seed(4)
    a = tf.random.normal([2]).numpy()
    v1.random.set_random_seed(4)
    np.testing.assert_array_equal(a, tf.random.normal([2]).numpy())


# -- distributions ----------------------------------------------------------------------------
def test_normal_mean_and_stddev():
    x = tf.random.normal([20000], mean=3.0, stddev=2.0, dtype=tf.float64, seed=1).numpy()
    assert x.dtype == np.float64
    assert abs(x.mean() - 3.0) < 0.05 and abs(x.std() - 2.0) < 0.05


def test_truncated_normal_stays_within_two_stddev():
    x = tf.random.truncated_normal([20000], mean=1.0, stddev=0.5, seed=2).numpy()
    assert np.abs(x - 1.0).max() <= 1.0 and np.abs(x - 1.0).max() > 0.95
    assert abs(x.std() - 0.5 * 0.88) < 0.01  # a normal cut at two stddev has std 0.88


@pytest.mark.parametrize("dtype", [tf.float16, tf.float32, tf.float64])
def test_uniform_floats_lie_in_zero_one(dtype):
    x = tf.random.uniform([100000], dtype=dtype, seed=3).numpy()
    assert x.dtype == dtype.as_numpy_dtype
    assert x.min() >= 0 and x.max() < 1 and x.min() < 0.001 and x.max() > 0.999


def test_uniform_floats_scaled_to_the_range():
    x = tf.random.uniform([10000], minval=-2, maxval=3, seed=3).numpy()
    assert x.min() >= -2 and x.max() < 3 and x.min() < -1.99 and x.max() > 2.99


@pytest.mark.parametrize("dtype", [tf.int32, tf.int64])
def test_uniform_ints_cover_the_range(dtype):
    x = tf.random.uniform([1000], minval=-2, maxval=3, dtype=dtype, seed=4).numpy()
    assert x.dtype == dtype.as_numpy_dtype and sorted(set(x)) == [-2, -1, 0, 1, 2]


def test_shuffle_permutes_the_first_dimension():
    x = np.arange(20).reshape(10, 2)
    y = tf.random.shuffle(x, seed=5).numpy()
    assert sorted(y.tolist()) == x.tolist() and not np.array_equal(x, y)


def test_shapes_as_tensors_and_tensor_shapes():
    assert tf.random.uniform(tf.constant([2, 1])).shape == (2, 1)
    assert tf.random.normal(tf.TensorShape([3])).shape == (3,)
    assert tf.random.uniform([]).shape == ()


def test_random_ops_are_not_differentiable():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.random.shuffle(x)
    assert tape.gradient(y, x) is None


# -- errors and names -------------------------------------------------------------------------
def test_integer_uniform_needs_maxval():
    with pytest.raises(ValueError, match="Must specify maxval for integer dtype tf.int32"):
        tf.random.uniform([2], dtype=tf.int32)


def test_uniform_dtypes():
    with pytest.raises(ValueError, match="Argument `dtype` got invalid value <dtype: 'bool'>"):
        tf.random.uniform([2], dtype=tf.bool)


def test_integer_uniform_needs_minval_below_maxval():
    with pytest.raises(InvalidArgumentError, match="Need minval < maxval, got 5 >= 5"):
        tf.random.uniform([2], minval=5, maxval=5, dtype=tf.int32)


def test_normal_needs_a_float_dtype():
    with pytest.raises(TypeError, match="Cannot convert 0.0 to EagerTensor of dtype int32"):
        tf.random.normal([2], dtype=tf.int32)


@pytest.mark.parametrize("shape, message", [
    ([-1], "Dimension -1 must be >= 0"),
    (2, r"shape must be a vector of \{int32,int64\}, got shape \[\]"),
])
def test_bad_shapes(shape, message):
    with pytest.raises(InvalidArgumentError, match=message):
        tf.random.normal(shape)


def test_graph_names_follow_tensorflow(graph):
    assert tf.random.normal([2]).name == "random_normal:0"
    assert tf.random.uniform([2]).name == "random_uniform/RandomUniform:0"
    assert tf.random.uniform([2], 1.0, 2.0).name == "random_uniform_1:0"
    assert tf.random.uniform([2], 0, 5, tf.int32).name == "random_uniform_2:0"
    assert tf.random.truncated_normal([2]).op.inputs[0].op.name == \
        "truncated_normal/mul"
    assert tf.random.shuffle([1, 2]).name == "RandomShuffle:0"

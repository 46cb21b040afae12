"""Reductions: ties, zeros, NaN, empty axes, argument checks, graph names. Expected numbers are
TensorFlow's."""
import numpy as np
import pytest

import minitf as tf

TIED = [[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]]


def grad(f, x):
    x = tf.constant(np.asarray(x, np.float64))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x).numpy()


def graph_grad(f, x):
    with tf.Graph().as_default():
        p = tf.compat.v1.placeholder(tf.float64, [None] * np.ndim(x))
        g, = tf.gradients(f(p), p)
        return tf.compat.v1.Session().run(g, {p: x})


@pytest.mark.parametrize("gradient", [grad, graph_grad], ids=["eager", "graph"])
def test_max_and_min_split_the_gradient_evenly_among_ties(gradient):
    third = 1 / 3
    np.testing.assert_allclose(gradient(tf.reduce_max, TIED), [[0, 0.5, 0.5], [0, 0, 0]])
    np.testing.assert_allclose(gradient(lambda x: tf.reduce_max(x, 1), TIED),
                               [[0, 0.5, 0.5], [third, third, third]])
    np.testing.assert_allclose(gradient(lambda x: tf.reduce_min(x, -1), TIED),
                               [[1, 0, 0], [third, third, third]])
    np.testing.assert_allclose(
        gradient(lambda x: tf.reduce_max(x, 0, keepdims=True) * [[1.0, 2.0, 3.0]], TIED),
        [[0, 2, 3], [1, 0, 0]])


def test_max_gradient_is_nan_where_the_maximum_is():
    assert np.isnan(grad(lambda x: tf.reduce_max(x, 1), [[1.0, np.nan, 3.0]])).all()


@pytest.mark.parametrize("gradient", [grad, graph_grad], ids=["eager", "graph"])
def test_prod_gradient_is_the_product_of_the_others_even_with_zeros(gradient):
    zeros = [[0.0, 2.0, 3.0], [0.0, 0.0, 4.0]]
    np.testing.assert_array_equal(gradient(lambda x: tf.reduce_prod(x, 1), zeros),
                                  [[6, 0, 0], [0, 0, 0]])
    np.testing.assert_array_equal(gradient(lambda x: tf.reduce_prod(x, 0), zeros),
                                  [[0, 0, 4], [0, 2, 3]])
    cube = np.arange(12.0).reshape(2, 3, 2) - 4
    np.testing.assert_array_equal(gradient(lambda x: tf.reduce_prod(x, [0, 2]), cube),
                                  [[[-18, -24], [-20, -40], [42, 0]],
                                   [[36, 24], [10, 8], [0, 0]]])


def test_prod_gradient_over_several_axes_has_the_same_bits_whether_the_rank_is_known():
    # Found by the fuzz test: with the rank unknown until run time a graph flattens the reduced
    # axes into one (as TensorFlow does); knowing it, the gradient went one axis at a time,
    # multiplying in another order.
    x = np.random.default_rng(0).uniform(-2.0, 2.0, (2, 2))
    with tf.Graph().as_default():
        p = tf.compat.v1.placeholder(tf.float64, None)
        g, = tf.gradients(tf.reduce_prod(p), p)
        unranked = tf.compat.v1.Session().run(g, {p: x})
    np.testing.assert_array_equal(grad(tf.reduce_prod, x), unranked, strict=True)


def test_prod_second_derivative_matches_tensorflows():
    def first(x):
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_prod(x, 1)
        return inner.gradient(y, x)
    assert grad(first, [[1.0, 2.0, 3.0]]).tolist() == [[5.0, 4.0, 3.0]]


def test_cumprod_gradient_is_zero_not_nan_at_zeros():
    out = grad(lambda x: tf.math.cumprod(x, 1, exclusive=True, reverse=True) * [1.0, 2.0, 3.0],
               [[0.0, 2.0, 3.0], [0.0, 0.0, 4.0]])
    assert out.tolist() == [[0.0, 3.0, 4.0], [0.0, 0.0, 2.0]]


def test_empty_reductions_give_the_identity_of_each_op():
    e = tf.zeros([2, 0])
    assert tf.reduce_max(e, 1).numpy().tolist() == [-np.inf, -np.inf]
    assert tf.reduce_min(tf.zeros([2, 0], tf.uint8), 1).numpy().tolist() == [255, 255]
    assert tf.reduce_prod(e, 1).numpy().tolist() == [1.0, 1.0]
    assert tf.reduce_all(tf.zeros([2, 0], tf.bool), 1).numpy().tolist() == [True, True]
    assert tf.reduce_logsumexp(e, 1).numpy().tolist() == [-np.inf, -np.inf]


def test_reduction_axis_errors():
    x = tf.constant([[1.0, 2.0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid reduction dimension"):
        tf.reduce_max(x, 2)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="Invalid reduction dimension -3"):
            tf.reduce_prod(tf.constant([[1.0, 2.0]]), [0, -3])
    with pytest.raises(tf.errors.InvalidArgumentError, match="bool"):
        tf.reduce_any(x, 1)


def test_graph_shapes_with_unknown_dims(graph):
    p = tf.compat.v1.placeholder(tf.float32, [None, 3])
    assert tf.reduce_max(p, 1).shape.as_list() == [None]
    assert tf.reduce_min(p, keepdims=True).shape.as_list() == [1, 1]
    assert tf.argmax(p, 1).shape.as_list() == [None]
    assert tf.cumsum(p, 1).shape.as_list() == [None, 3]
    assert tf.norm(p, axis=-1, keepdims=True).shape.as_list() == [None, 1]


def test_argmax_defaults_to_axis_0_and_int64_and_nan_never_wins():
    out = tf.argmax(tf.constant([[1.0, np.nan, 3.0], [2.0, 5.0, -np.inf]]))
    assert out.dtype == tf.int64 and out.numpy().tolist() == [1, 1, 0]
    assert tf.argmin(tf.constant([np.nan, 1.0, np.nan, 0.0])).numpy() == 3
    assert tf.argmax(tf.constant([np.nan, np.nan])).numpy() == 0


def test_argmax_argument_errors():
    x = tf.constant([[1, 5], [7, 2]])
    with pytest.raises(TypeError, match="axis must be int"):
        tf.argmax(x, [1])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"range \[-2, 2\), but got 2"):
        tf.argmax(x, 2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Reduction axis 1 is empty"):
        tf.argmax(tf.zeros([2, 0]), 1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="'output_type' of float"):
        tf.argmax(x, output_type=tf.float32)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match=r"Dimension \(2\) must be in the range \[-2, 2\)"):
            tf.argmin(tf.constant([[1, 5], [7, 2]]), 2)


def test_cumsum_exclusive_reverse_and_axis_errors():
    x = tf.constant([[1, 2, 3]])
    assert tf.cumsum(x, 1, exclusive=True).numpy().tolist() == [[0, 1, 3]]
    assert tf.cumsum(x, -1, reverse=True).numpy().tolist() == [[6, 5, 3]]
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"scan axis in the range \[-2, 2\)"):
        tf.cumsum(x, 2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="axis must be a scalar"):
        tf.cumsum(x, [1])


def test_reduce_logsumexp_is_stable_at_large_and_infinite_inputs():
    assert float(tf.reduce_logsumexp(tf.constant([1000.0, 1000.0]))) == pytest.approx(1000.6931)
    assert float(tf.reduce_logsumexp(tf.constant([-np.inf, -np.inf]))) == -np.inf
    assert float(tf.reduce_logsumexp(tf.constant([np.inf, 1.0]))) == np.inf
    assert float(tf.reduce_logsumexp(tf.constant([-np.inf, 1.0]))) == 1.0


def test_reduce_logsumexp_builds_tensorflows_ops(graph):
    out = tf.reduce_logsumexp(tf.constant([[1.0, 2.0]]), axis=1)
    assert out.name == "ReduceLogSumExp:0" and out.shape.as_list() == [1]
    types = [op.type for op in graph.get_operations() if op.name.startswith("ReduceLogSumExp/")]
    assert {"Max", "IsFinite", "SelectV2", "StopGradient", "Exp", "Sum", "Log"} <= set(types)


def test_variance_and_std_refuse_integers_and_name_their_scopes(graph):
    with pytest.raises(TypeError, match="Received integer type <dtype: 'int32'>"):
        tf.math.reduce_std(tf.constant([1, 2]))
    assert tf.math.reduce_std(tf.constant([1.0, 2.0])).name == "reduce_std_1/Sqrt:0"
    assert tf.math.reduce_variance(tf.constant([1.0])).name == "reduce_variance/Mean_1:0"


def test_norm_gradients():
    np.testing.assert_allclose(grad(tf.norm, [3.0, 4.0]), [0.6, 0.8])
    np.testing.assert_allclose(grad(lambda x: tf.norm(x, np.inf), [3.0, -4.0, 4.0]),
                               [0, -0.5, 0.5])
    np.testing.assert_allclose(grad(lambda x: tf.norm(x, 1, axis=[0, 1]), [[1.0, -2.0],
                                                                           [3.0, 4.0]]),
                               [[0, -1], [0, 1]])


@pytest.mark.parametrize("ord, axis, message", [
    ("fro", None, "'ord' must be a supported vector norm, got fro"),
    (0, None, "'ord' must be a supported vector norm, got 0"),
    (3, [0, 1], r"'ord' must be a supported matrix norm in \['euclidean', 'fro', 1, 2, inf\]"),
    ("euclidean", (1, 1), "'axis' must be None, an integer, or a tuple of 2 unique integers"),
    ("euclidean", [1], r"tuple of 2 unique integers, got \[1\]"),
])
def test_norm_rejects_what_tensorflow_rejects(ord, axis, message):
    with pytest.raises(ValueError, match=message):
        tf.norm(tf.constant([[3.0, 4.0]]), ord=ord, axis=axis)


def test_norm_has_no_matrix_2_norm():
    with pytest.raises(NotImplementedError, match="matrix 2-norm"):
        tf.norm(tf.constant([[3.0, 4.0]]), ord=2, axis=[0, 1])


def test_norm_of_a_p_below_one_and_keepdims():
    assert float(tf.norm(tf.constant([[3.0, 4.0]]), ord=0.5)) == pytest.approx(13.928203)
    assert tf.norm(tf.constant([[3.0, -4.0]]), ord=np.inf, keepdims=True).shape == (1, 1)


def test_v1_reductions_take_the_older_argument_names():
    v1, x = tf.compat.v1, tf.constant([[1.0, 5.0], [7.0, 2.0]])
    assert v1.reduce_max(x, reduction_indices=[1], keep_dims=True).numpy().tolist() == [[5], [7]]
    assert v1.reduce_sum(x, reduction_indices=1).numpy().tolist() == [6.0, 9.0]
    assert v1.argmax(x, dimension=1).numpy().tolist() == [1, 0]
    assert v1.argmin(x, 0, "name").numpy().tolist() == [0, 1]
    with pytest.raises(ValueError, match="Cannot specify both 'reduction_indices' and 'axis'"):
        v1.reduce_prod(x, 0, reduction_indices=1)
    with pytest.raises(ValueError, match="Cannot specify both 'dimension' and 'axis'"):
        v1.argmax(x, 0, dimension=1)


def test_reducing_an_unknown_rank_over_all_axes_builds_a_scalar(graph):
    p, b = tf.compat.v1.placeholder(tf.float32), tf.compat.v1.placeholder(tf.bool)
    assert tf.reduce_mean(p).shape == ()
    assert [(op.name, op.type) for op in graph.get_operations()][2:] == [
        ("Rank", "Rank"), ("range/start", "Const"), ("range/delta", "Const"),
        ("range", "Range"), ("Mean", "Mean")]
    for reduction in (tf.reduce_sum, tf.reduce_max, tf.reduce_min, tf.reduce_prod,
                      tf.reduce_logsumexp, tf.math.reduce_std, tf.math.reduce_variance, tf.norm):
        assert reduction(p).shape == ()
    assert tf.reduce_all(b).shape == () and tf.reduce_any(b).shape == ()
    assert tf.reduce_sum(p, keepdims=True).shape.rank is None
    assert tf.clip_by_norm(p, 1.0).shape.rank is None


def test_reductions_of_an_unknown_rank_run_and_differentiate(graph):
    p = tf.compat.v1.placeholder(tf.float32)
    loss, mean = tf.reduce_sum(p * 2.0), tf.reduce_mean(p)
    (dloss,), (dmean,) = tf.gradients(loss, p), tf.gradients(mean, p)
    with tf.compat.v1.Session() as sess:
        out = sess.run([loss, dloss, dmean], {p: [[1.0, 2.0], [3.0, 4.0]]})
        assert [v.tolist() for v in out] == [20.0, [[2, 2], [2, 2]], [[0.25, 0.25], [0.25, 0.25]]]
        assert sess.run([mean, dmean], {p: 5.0}) == [5.0, 1.0]


def test_integer_means_are_summed_wide_and_round_toward_zero():
    assert tf.reduce_mean(tf.constant([250, 250, 10], tf.uint8)).numpy() == 170
    assert tf.reduce_mean(tf.constant([100, 100], tf.int8)).numpy() == 100
    assert tf.reduce_mean(tf.fill([300], np.uint8(200))).numpy() == 200
    assert tf.reduce_mean(tf.constant([[100, 100, 100], [100, 100, -100]], tf.int8),
                          1).numpy().tolist() == [100, 33]
    assert tf.reduce_mean(tf.constant([2 ** 31 - 1] * 2)).numpy() == 2 ** 31 - 1
    assert tf.reduce_mean(tf.constant([-7, -8, -9, 1], tf.int8)).numpy() == -5
    assert tf.reduce_mean(tf.constant([2 ** 64 - 1] * 2, tf.uint64)).numpy() == 2 ** 63 - 1


def test_integer_euclidean_norms_wrap_and_truncate_like_tensorflows():
    norm = tf.math.reduce_euclidean_norm
    assert norm(tf.constant([200, 200], tf.uint8)).numpy() == 11  # 200 ** 2 wraps to 64
    assert norm(tf.constant([[1, 1, 1], [3, -4, 0]]), 1).numpy().tolist() == [1, 5]
    assert norm(tf.constant([50000, 50000])).numpy() == 26552
    with pytest.raises(tf.errors.InvalidArgumentError, match="bool"):
        norm(tf.constant([True]))


def test_euclidean_norm_gradient_is_nan_at_a_zero_norm():
    out = grad(lambda x: tf.math.reduce_euclidean_norm(x, 1), [[3.0, 4.0], [0.0, 0.0]])
    assert out[0].tolist() == [0.6, 0.8] and np.isnan(out[1]).all()


def test_count_nonzero_counts_numbers_and_bools_in_any_dtype(graph):
    x = tf.constant([[0.0, 2.0, -1.0], [3.0, 0.0, 0.0]])
    count, count32 = tf.math.count_nonzero(x), tf.math.count_nonzero(x, 1, True, tf.int32)
    flags = tf.math.count_nonzero(tf.constant([True, False, True]))
    assert (count.name, count.dtype, count32.name, count32.shape) == (
        "count_nonzero/Sum:0", tf.int64, "count_nonzero_1/Cast_1:0", (2, 1))
    with tf.compat.v1.Session() as sess:
        assert sess.run(count) == 3 and sess.run(count32).tolist() == [[2], [1]]
        assert sess.run(flags) == 2


def test_v1_count_nonzero_norm_and_arg_max_take_the_older_spellings():
    v1, x = tf.compat.v1, tf.constant([[0.0, 3.0], [4.0, 0.0]])
    assert v1.count_nonzero(input=x, reduction_indices=1, keep_dims=True).numpy().tolist() == \
        [[1], [1]]
    assert v1.norm(x, keep_dims=True).numpy().tolist() == [[5.0]]
    assert v1.arg_max(x, 1).numpy().tolist() == [1, 0]
    assert v1.arg_min(x, 0, output_type=tf.int32).numpy().tolist() == [0, 1]
    with pytest.raises(ValueError, match="Cannot specify both 'keep_dims' and 'keepdims'"):
        v1.norm(x, keepdims=True, keep_dims=False)
    with pytest.raises(ValueError, match="Cannot specify both 'input' and 'input_tensor'"):
        v1.count_nonzero(x, input=x)

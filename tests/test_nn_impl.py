"""The neural-net functions composed from other ops: log_sigmoid, l2_normalize, moments,
embedding_lookup and xw_plus_b. Expected numbers and names are TensorFlow's."""
import numpy as np
import pytest

import minitf as tf

X = np.array([[1.5, -2.0, 0.0], [3.0, 0.5, -1.0]], np.float32)


def test_log_sigmoid_stays_finite_at_extreme_logits():
    out = tf.math.log_sigmoid(tf.constant([-1000.0, 0.0, 1000.0])).numpy()
    np.testing.assert_allclose(out, [-1000.0, -np.log(2.0), 0.0], rtol=1e-6)
    with pytest.raises(tf.errors.InvalidArgumentError, match="int32"):
        tf.math.log_sigmoid(tf.constant([1]))


def test_l2_normalize_divides_by_the_norm_and_leaves_zeros_alone():
    np.testing.assert_allclose(tf.nn.l2_normalize(X, axis=1).numpy(),
                               [[0.6, -0.8, 0.0], [0.9370426, 0.1561738, -0.3123475]], rtol=1e-6)
    assert tf.nn.l2_normalize(tf.zeros([2])).numpy().tolist() == [0.0, 0.0]
    assert tf.math.l2_normalize is tf.nn.l2_normalize is tf.linalg.l2_normalize
    with pytest.raises(TypeError, match="Cannot convert 1e-12"):
        tf.nn.l2_normalize(tf.constant([3, 4]))


def test_l2_normalize_takes_dim_in_both_namespaces():
    for l2_normalize in (tf.nn.l2_normalize, tf.compat.v1.nn.l2_normalize):
        np.testing.assert_allclose(l2_normalize(X, dim=0).numpy(),
                                   tf.nn.l2_normalize(X, 0).numpy())
    with pytest.raises(ValueError, match="Cannot specify both 'dim' and 'axis'"):
        tf.nn.l2_normalize(X, 0, dim=0)


def test_moments_names_and_dtypes(graph):
    mean, variance = tf.nn.moments(tf.constant(X), [0])
    assert (mean.name, variance.name) == ("moments/Squeeze:0", "moments/Squeeze_1:0")
    kept = tf.nn.moments(tf.constant(X), [0, 1], keepdims=True)
    assert [t.name for t in kept] == ["moments_1/mean:0", "moments_1/variance:0"]
    half = tf.nn.moments(tf.constant([1.0, 2.0], tf.float16), [0])
    assert [(t.name, t.dtype) for t in half] == [("moments_2/Cast_1:0", tf.float16),
                                                 ("moments_2/Cast_2:0", tf.float16)]
    with tf.compat.v1.Session() as sess:
        assert sess.run(variance).tolist() == [0.5625, 1.5625, 0.25]
        assert list(sess.run(half)) == [1.5, 0.25]


def test_moments_of_integers_are_integer_means():
    mean, variance = tf.nn.moments(tf.constant([[1, -2, 0], [3, 0, -1]]), [1])
    assert mean.numpy().tolist() == [0, 0] and variance.numpy().tolist() == [1, 3]


def test_v1_moments_take_keep_dims_and_ignore_shift():
    mean, variance = tf.compat.v1.nn.moments(X, [1], shift=1.0, keep_dims=True)
    np.testing.assert_allclose(mean.numpy(), [[-1 / 6], [5 / 6]], rtol=1e-6)
    np.testing.assert_allclose(variance.numpy(), [[2.0555556], [2.7222223]], rtol=1e-6)


def test_embedding_lookup_is_a_gather_of_rows(graph):
    rows = tf.nn.embedding_lookup([tf.constant(X)], tf.constant([[1], [0]]))
    clipped = tf.compat.v1.nn.embedding_lookup(X, [1], max_norm=1.0)
    assert (rows.name, rows.shape) == ("embedding_lookup/Identity:0", (2, 1, 3))
    assert clipped.name == "embedding_lookup_1/Identity:0"
    with tf.compat.v1.Session() as sess:
        assert sess.run(rows)[:, 0].tolist() == [X[1].tolist(), X[0].tolist()]
        np.testing.assert_allclose(sess.run(clipped), [[0.9370426, 0.1561738, -0.3123475]],
                                   rtol=1e-6)


def test_embedding_lookup_with_unknown_ranks_clips_each_row(graph):
    params = tf.compat.v1.placeholder(tf.float32)
    ids = tf.compat.v1.placeholder(tf.int32)
    out = tf.nn.embedding_lookup(params, ids, max_norm=1.0)
    with tf.compat.v1.Session() as sess:
        got = sess.run(out, {params: [[3.0, 4.0], [0.3, 0.4]], ids: [0, 1]})
    np.testing.assert_allclose(got, [[0.6, 0.8], [0.3, 0.4]], rtol=1e-6)


def test_embedding_lookup_refuses_shards():
    with pytest.raises(NotImplementedError, match="2 shards"):
        tf.nn.embedding_lookup([X, X], [0])


def test_xw_plus_b_names_and_shape_errors(graph):
    out = tf.compat.v1.nn.xw_plus_b(X, tf.ones([3, 2]), [1.0, 2.0])
    assert out.name == "xw_plus_b:0" and out.op.type == "BiasAdd"
    assert [t.name for t in out.op.inputs] == ["xw_plus_b/MatMul:0", "xw_plus_b/biases:0"]
    with pytest.raises(ValueError, match="as many biases"):
        tf.compat.v1.nn.xw_plus_b(X, tf.ones([3, 2]), [1.0, 2.0, 3.0])

"""The neural-net ops beyond the value and gradient tables: stability at extreme logits,
gradients at the kinks, dropout, shape and dtype errors, names and namespaces."""
import warnings

import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError

MODES = ["eager", "graph"]
EXTREME = np.array([-1000.0, 0.0, 1000.0], np.float32)


def value_and_grad(mode, fn, *xs, weights=None):
    """fn(*xs) and the gradient of sum(weights * fn(*xs)) with respect to the first argument,
    computed eagerly (GradientTape) or in a graph (gradients + Session)."""
    if mode == "eager":
        ts = [tf.constant(x) for x in xs]
        with tf.GradientTape() as tape:
            tape.watch(ts[0])
            y = fn(*ts)
        return y.numpy(), tape.gradient(y, ts[0], output_gradients=weights).numpy()
    with tf.Graph().as_default():
        ts = [tf.constant(x) for x in xs]
        y = fn(*ts)
        g, = tf.gradients(y, ts[0], grad_ys=weights)
        return tf.compat.v1.Session().run([y, g])


# -- stability at logits of +-1000 -----------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn, value, grad", [
    (tf.nn.softmax, [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]),
    (tf.nn.log_softmax, [-2000.0, -1000.0, 0.0], [1.0, 1.0, -2.0]),
    (tf.sigmoid, [0.0, 0.5, 1.0], [0.0, 0.25, 0.0]),
    (tf.math.softplus, [0.0, np.log(2.0), 1000.0], [0.0, 0.5, 1.0]),
], ids=["softmax", "log_softmax", "sigmoid", "softplus"])
def test_activations_at_extreme_logits(mode, fn, value, grad):
    y, g = value_and_grad(mode, fn, EXTREME)
    np.testing.assert_allclose(y, value, rtol=1e-6)
    np.testing.assert_array_equal(g, grad)


LOGITS = np.array([[-1000.0, 1000.0], [-1000.0, 1000.0], [0.0, 0.0]], np.float32)
ONE_HOT = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 0.0]], np.float32)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("loss", [
    lambda x: tf.nn.softmax_cross_entropy_with_logits(ONE_HOT, x),
    lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits([1, 0, 0], x),
], ids=["dense", "sparse"])
def test_softmax_losses_at_extreme_logits(mode, loss):
    y, g = value_and_grad(mode, loss, LOGITS)
    np.testing.assert_allclose(y, [0.0, 2000.0, np.log(2.0)], rtol=1e-6)
    np.testing.assert_array_equal(g, [[0.0, 0.0], [-1.0, 1.0], [-0.5, 0.5]])


@pytest.mark.parametrize("mode", MODES)
def test_softmax_loss_gradient_for_labels_at_extreme_logits(mode):
    y, g = value_and_grad(mode, tf.nn.softmax_cross_entropy_with_logits, ONE_HOT, LOGITS)
    np.testing.assert_allclose(g, [[2000.0, 0.0], [2000.0, 0.0], [np.log(2.0)] * 2], rtol=1e-6)


@pytest.mark.parametrize("mode", MODES)
def test_sigmoid_loss_at_extreme_logits(mode):
    x = np.array([-1000.0, 1000.0, -1000.0, 1000.0, 0.0], np.float32)
    z = np.array([0.0, 1.0, 1.0, 0.0, 1.0], np.float32)
    y, g = value_and_grad(mode, lambda x, z: tf.nn.sigmoid_cross_entropy_with_logits(z, x), x, z)
    np.testing.assert_allclose(y, [0.0, 0.0, 1000.0, 1000.0, np.log(2.0)], rtol=1e-6)
    np.testing.assert_array_equal(g, [0.0, 0.0, -1.0, 1.0, -0.5])


# -- gradients at the kinks, as TensorFlow defines them ----------------------------------------
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn, grad", [
    (tf.nn.relu, [0.0, 0.0, 1.0]),
    (lambda x: tf.nn.relu6(x + 6.0), [1.0, 0.0, 0.0]),
    (tf.nn.relu6, [0.0, 0.0, 1.0]),
    (lambda x: tf.nn.leaky_relu(x, alpha=0.3), [0.3, 0.3, 1.0]),
    (tf.nn.elu, [np.exp(-1.0), 1.0, 1.0]),
    (tf.nn.selu, [1.0507009873554805 * 1.6732632423543772 * np.exp(-1.0), 1.0507009873554805,
                  1.0507009873554805]),
], ids=["relu", "relu6 at 6", "relu6", "leaky_relu", "elu", "selu"])
def test_gradients_at_kinks(mode, fn, grad):
    _, g = value_and_grad(mode, fn, np.array([-1.0, 0.0, 1.0]))
    np.testing.assert_allclose(g, grad, rtol=1e-12)


def test_second_derivative_of_sparse_loss_is_the_dense_one():
    x = tf.constant([[0.5, -1.0, 2.0]], tf.float64)
    hessians = []
    for loss in (lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits([2], x),
                 lambda x: tf.nn.softmax_cross_entropy_with_logits([[0.0, 0.0, 1.0]], x)):
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = loss(x)
            weighted = inner.gradient(y, x) * [[1.0, 2.0, 3.0]]
        hessians.append(outer.gradient(weighted, x).numpy())
    np.testing.assert_allclose(hessians[0], hessians[1], rtol=1e-12)
    assert np.abs(hessians[0]).max() > 0.1


def test_sparse_labels_get_no_gradient():
    with tf.Graph().as_default():
        labels = tf.constant([1, 0])
        loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels, tf.zeros([2, 3]))
        assert tf.gradients(loss, labels) == [None]


def test_v1_softmax_loss_gives_labels_no_gradient_but_v2_does():
    labels, logits = tf.constant([0.2, 0.8]), tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(labels)
        v1 = tf.compat.v1.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
        v2 = tf.compat.v1.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    assert float(v1) == float(v2)
    assert tape.gradient(v1, labels) is None
    np.testing.assert_allclose(tape.gradient(v2, labels), -tf.nn.log_softmax(logits), rtol=1e-6)


# -- dropout ----------------------------------------------------------------------------------
def test_dropout_keeps_elements_scaled_by_one_over_keep_probability():
    y = tf.nn.dropout(tf.fill([10000], 3.0), rate=0.75, seed=1).numpy()
    assert set(np.unique(y)) == {0.0, 12.0}
    assert abs(np.mean(y == 0) - 0.75) < 0.02


def test_dropout_rate_zero_returns_x():
    x = tf.constant([1.0, 2.0])
    assert tf.nn.dropout(x, 0.0) is x


@pytest.mark.parametrize("rate", [1.0, -0.1, 1.5, True])
def test_dropout_rate_must_lie_in_zero_one(rate):
    with pytest.raises(ValueError, match=r"`rate` must be a scalar tensor or a float in the "
                                         r"range \[0, 1\)"):
        tf.nn.dropout(tf.ones([2]), rate)


def test_dropout_needs_floats():
    with pytest.raises(ValueError, match="`x.dtype` must be a floating point tensor"):
        tf.nn.dropout(tf.constant([1, 2]), 0.5)


def test_dropout_noise_shape_drops_whole_rows():
    y = tf.nn.dropout(tf.ones([1000, 3]), 0.5, noise_shape=[1000, 1], seed=2).numpy()
    assert set(np.unique(y)) == {0.0, 2.0}
    assert (y == y[:, :1]).all()


def test_dropout_with_a_tensor_rate():
    y = tf.nn.dropout(tf.ones([1000]), tf.constant(0.5), seed=3).numpy()
    assert set(np.unique(y)) == {0.0, 2.0}


def test_dropout_mask_is_the_same_eager_and_in_a_graph_for_the_same_seeds():
    tf.random.set_seed(4)
    eager = tf.nn.dropout(tf.ones([50]), 0.5, seed=9).numpy()
    with tf.Graph().as_default():
        tf.random.set_seed(4)
        graph = tf.compat.v1.Session().run(tf.nn.dropout(tf.ones([50]), 0.5, seed=9))
    np.testing.assert_array_equal(eager, graph)


def test_dropout_gradient_is_the_mask_times_the_scale():
    x = tf.ones([100])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.dropout(x, 0.5, seed=5)
    np.testing.assert_array_equal(tape.gradient(y, x), y.numpy())


def test_v1_dropout_takes_keep_prob():
    y = tf.compat.v1.nn.dropout(tf.ones([1000]), keep_prob=0.25, seed=6).numpy()
    assert set(np.unique(y)) == {0.0, 4.0}
    with pytest.raises(ValueError, match="Cannot specify both 'keep_prob' and 'rate'"):
        tf.compat.v1.nn.dropout(tf.ones([2]), keep_prob=0.5, rate=0.5)
    with pytest.raises(ValueError, match="`rate` must be provided"):
        tf.compat.v1.nn.dropout(tf.ones([2]))


# -- shapes, dtypes and errors ----------------------------------------------------------------
def test_leaky_relu_makes_ints_float32():
    assert tf.nn.leaky_relu(tf.constant([-5, 5])).numpy().tolist() == [-1.0, 5.0]


@pytest.mark.parametrize("fn", [tf.nn.elu, tf.sigmoid, tf.nn.softmax, tf.nn.l2_loss])
def test_float_only_ops_reject_ints(fn):
    with pytest.raises(InvalidArgumentError, match="Value for attr 'T' of int32"):
        fn(tf.constant([1, 2]))


def test_gelu_rejects_ints():
    with pytest.raises(ValueError, match="`features.dtype` must be a floating point tensor"):
        tf.nn.gelu(tf.constant([1, 2]))


def test_softmax_axis_out_of_range():
    with pytest.raises(InvalidArgumentError, match=r"`dim` must be in the range \[-2, 2\) "
                                                   r"where 2 is the number of dimensions"):
        tf.nn.softmax(tf.ones([2, 3]), axis=2)


def test_softmax_needs_a_class_dimension():
    with pytest.raises(InvalidArgumentError, match=r"logits must have >= 1 dimension"):
        tf.nn.softmax(tf.constant(1.0))
    with tf.Graph().as_default(), pytest.raises(ValueError, match=r">= 1 dimension"):
        tf.nn.log_softmax(tf.constant(1.0))


@pytest.mark.parametrize("value, bias, message", [
    ([2, 3], [2], r"Must provide as many biases as the last dimension of the input tensor: "
                  r"\[2\] vs. \[2,3\]"),
    ([3], [3], r"Input tensor must be at least 2D: \[3\]"),
    ([2, 3], [1, 3], r"Biases must be 1D: \[1,3\]"),
])
def test_bias_add_shape_errors(value, bias, message):
    with pytest.raises(InvalidArgumentError, match=message):
        tf.nn.bias_add(tf.ones(value), tf.ones(bias))
    with tf.Graph().as_default(), pytest.raises(ValueError, match=message):
        tf.nn.bias_add(tf.ones(value), tf.ones(bias))


@pytest.mark.parametrize("build, expected", [
    (lambda p: tf.nn.bias_add(p([None, None]), tf.ones([4])), [None, 4]),
    (lambda p: tf.nn.bias_add(p([None, None, None]), tf.ones([4]), "NCHW"), [None, 4, None]),
    (lambda p: tf.nn.sparse_softmax_cross_entropy_with_logits(p([3], tf.int32), p([None, 4])),
     [3]),
    (lambda p: tf.nn.sparse_softmax_cross_entropy_with_logits(p([3], tf.int32), p(None)), [3]),
    (lambda p: tf.nn.softmax_cross_entropy_with_logits(p([3, None]), p([None, 4])), [3]),
])
def test_static_shapes_take_what_each_input_tells(graph, build, expected):
    assert build(lambda s, dtype=tf.float32: tf.compat.v1.placeholder(dtype, s)).shape == \
        tf.TensorShape(expected)


def test_bias_add_data_formats():
    value, bias = tf.zeros([1, 2, 3]), tf.constant([1.0, 2.0])
    assert tf.nn.bias_add(value, bias, data_format="NCW").numpy().tolist() == [
        [[1.0] * 3, [2.0] * 3]]
    with pytest.raises(ValueError, match="`data_format` must be of the form `N...C` or `NC...`"):
        tf.nn.bias_add(value, bias, data_format="CHW")


def test_softmax_loss_labels_must_broadcast_to_logits():
    with pytest.raises(InvalidArgumentError, match=r"logits and labels must be broadcastable: "
                                                   r"logits_size=\[2,3\] labels_size=\[2,2\]"):
        tf.nn.softmax_cross_entropy_with_logits(tf.ones([2, 2]), tf.ones([2, 3]))


def test_softmax_loss_casts_labels_to_the_logits_dtype():
    loss = tf.nn.softmax_cross_entropy_with_logits([0, 1], tf.constant([0.0, 0.0]))
    assert loss.dtype == tf.float32 and abs(float(loss) - np.log(2.0)) < 1e-6


def test_sparse_loss_label_out_of_range():
    with pytest.raises(InvalidArgumentError, match=r"Received a label value of 3 which is "
                                                   r"outside the valid range of \[0, 3\)"):
        tf.nn.sparse_softmax_cross_entropy_with_logits([0, 3], tf.zeros([2, 3]))


@pytest.mark.parametrize("labels, message", [
    ([0], r"`labels.shape` must equal `logits.shape` except for the last dimension"),
    ([[0, 1]], r"`labels.shape.rank` must equal `logits.shape.rank - 1`"),
    ([0.0, 1.0], r"Value for attr 'Tlabels' of float32"),
])
def test_sparse_loss_label_shape_and_dtype(labels, message):
    with pytest.raises((ValueError, InvalidArgumentError), match=message):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels, tf.zeros([2, 3]))


def test_sigmoid_loss_needs_equal_shapes():
    with pytest.raises(ValueError, match=r"`logits` and `labels` must have the same shape, "
                                         r"received \(\(2, 3\) vs \(3,\)\)"):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones([3]), logits=tf.ones([2, 3]))


# -- graph names and namespaces ---------------------------------------------------------------
def test_graph_names_follow_tensorflow(graph):
    x, labels = tf.ones([2, 3]), tf.constant([0, 1])
    assert tf.nn.relu(x).name == "Relu:0"
    assert tf.nn.leaky_relu(labels).op.inputs[0].op.name == "LeakyRelu/Cast"
    assert tf.nn.sparse_softmax_cross_entropy_with_logits(labels, x).name == \
        "SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits:0"
    assert tf.nn.sigmoid_cross_entropy_with_logits(x, x).name == "logistic_loss:0"
    assert tf.nn.dropout(x, 0.5).name == "dropout/SelectV2:0"


def test_namespaces():
    assert tf.sigmoid is tf.nn.sigmoid is tf.math.sigmoid is tf.compat.v1.sigmoid
    assert tf.tanh is tf.nn.tanh is tf.math.tanh is tf.compat.v1.tanh
    assert tf.math.softplus is tf.nn.softplus and tf.math.softmax is tf.nn.softmax
    assert tf.nn.swish is tf.nn.silu is tf.compat.v1.nn.swish
    assert tf.compat.v1.nn.relu is tf.nn.relu and not hasattr(tf.compat.v1.nn, "gelu")
    assert not hasattr(tf.nn, "softmax_cross_entropy_with_logits_v2")


def test_v1_softmaxes_take_dim():
    v1, x = tf.compat.v1.nn, np.array([[1.5, -2.0, 0.0], [3.0, 0.5, -1.0]], np.float32)
    np.testing.assert_array_equal(v1.softmax(x, dim=0).numpy(), tf.nn.softmax(x, 0).numpy())
    np.testing.assert_array_equal(v1.log_softmax(x, dim=0).numpy(),
                                  tf.nn.log_softmax(x, 0).numpy())
    labels = np.full_like(x, 0.5)
    np.testing.assert_allclose(v1.softmax_cross_entropy_with_logits_v2(labels, x, dim=0).numpy(),
                               [0.9514, 1.329, 0.8133], rtol=1e-3)
    with pytest.raises(ValueError, match="Cannot specify both 'dim' and 'axis'"):
        v1.softmax(x, axis=0, dim=0)


def test_infinities_nans_and_float16_overflow_give_no_numpy_warnings():
    x = tf.constant([-np.inf, np.inf, np.nan, 0.0])
    big = tf.constant([300.0, 60000.0], tf.float16)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.allclose(tf.math.softplus(x).numpy(), [0, np.inf, np.nan, np.log(2)],
                           equal_nan=True)
        assert np.array_equal(tf.nn.gelu(x).numpy(), [np.nan, np.inf, np.nan, 0], equal_nan=True)
        assert tf.nn.l2_loss(big).numpy() == np.inf
        assert tf.reduce_mean(tf.fill([2], big[1])).numpy() == np.inf
        assert tf.nn.bias_add(tf.reshape(big, [1, 2]), big).numpy().tolist() == [[600, np.inf]]
        value_and_grad("eager", lambda t: tf.nn.selu(tf.math.softplus(tf.nn.gelu(t))), x.numpy())


def test_softmax_of_nan_and_infinities_is_nan_as_tensorflows_reference_kernel():
    # TensorFlow's graph mode (and eager mode without its oneDNN kernels) gives the same NaNs.
    out = tf.nn.softmax(tf.constant([np.nan, np.inf, -np.inf])).numpy()
    assert np.isnan(out).all()

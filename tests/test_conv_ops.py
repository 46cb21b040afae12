"""Convolution and pooling: values, shapes, names and errors. Every expected number here was
checked against TensorFlow 2.21 (the gradients themselves are checked in test_gradient_check)."""
import numpy as np
import pytest

import minitf as tf

X = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
W = tf.reshape(tf.range(1.0, 5.0), [2, 2, 1, 1])


def values(t):
    return t.numpy().ravel().tolist()


@pytest.mark.parametrize("strides, padding, dilations, expected", [
    (2, "SAME", None, [34.0, 54.0, 114.0, 134.0]),
    (1, "VALID", 2, [68.0, 78.0, 108.0, 118.0]),
    ([1, 2], [[0, 0], [1, 0], [0, 1], [0, 0]], None,
     [4.0, 18.0, 34.0, 54.0, 74.0, 94.0, 114.0, 134.0]),
])
def test_conv2d_values(strides, padding, dilations, expected):
    assert values(tf.nn.conv2d(X, W, strides, padding, dilations=dilations)) == expected


@pytest.mark.parametrize("output_shape, expected", [
    ([1, 4, 4, 1], [1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16]),
    ([1, 3, 3, 1], [1, 2, 2, 3, 4, 6, 3, 6, 4]),
])
def test_conv2d_transpose_values(output_shape, expected):
    x = tf.reshape(tf.range(1.0, 5.0), [1, 2, 2, 1])
    assert values(tf.nn.conv2d_transpose(x, W, output_shape, 2)) == expected


def test_depthwise_conv2d_values():
    x = tf.reshape(tf.range(8.0), [1, 2, 2, 2])
    w = tf.reshape(tf.range(1.0, 9.0), [2, 1, 2, 2])
    y = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME")
    assert values(y) == [20, 24, 38, 44, 32, 40, 58, 68, 4, 8, 15, 20, 6, 12, 21, 28]


def test_conv1d_values():
    y = tf.nn.conv1d(tf.reshape(tf.range(5.0), [1, 5, 1]), [[[1.0]], [[-1.0]]], 2, "SAME")
    assert values(y) == [-1.0, -1.0, 4.0]


@pytest.mark.parametrize("pool, expected", [
    (tf.nn.max_pool2d, [10.0, 11.0, 14.0, 15.0]),
    (tf.nn.avg_pool2d, [5.0, 6.5, 11.0, 12.5]),
])
def test_pooling_same_windows(pool, expected):
    assert values(pool(X, 3, 2, "SAME")) == expected


def test_max_pool_padding_never_wins():
    y = tf.nn.max_pool2d(-tf.reshape(tf.range(9.0), [1, 3, 3, 1]), 2, 2,
                         [[0, 0], [1, 1], [1, 1], [0, 0]])
    assert values(y) == [0.0, -1.0, -3.0, -4.0]


def test_max_pool_gradient_goes_to_the_first_maximum_of_each_window():
    x = tf.constant(np.array([[1, 3, 3], [2, 3, 1], [0, 0, 3]], np.float32).reshape(1, 3, 3, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.max_pool2d(x, 2, 1, "VALID")
    assert values(tape.gradient(y, x)) == [0, 2, 0, 0, 2, 0, 0, 0, 0]


def test_second_derivative_of_conv2d():
    x = tf.constant(np.array([1.0, 2.0, 3.0, 4.0]).reshape(1, 2, 2, 1))
    w = tf.constant(np.array([0.5, -1.0, 2.0, 1.5]).reshape(2, 2, 1, 1))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.nn.conv2d(x, w, 1, "SAME")
            loss = tf.reduce_sum(y * y)
        g = inner.gradient(loss, x)
        s = tf.reduce_sum(g * g)
    assert (values(g), values(outer.gradient(s, x))) == (
        [10.5, -12.0, 39.5, 74.5], [416.0, -546.0, 1554.5, 2685.5])


def test_second_derivative_of_max_pool():
    with tf.GradientTape() as outer:
        outer.watch(X)
        with tf.GradientTape() as inner:
            inner.watch(X)
            y = tf.nn.max_pool2d(X * X, 3, 2, "SAME")
        s = tf.reduce_sum(inner.gradient(y, X) * X)
    assert values(outer.gradient(s, X)) == [0] * 10 + [40, 44, 0, 0, 56, 60]


def test_graph_names_and_static_shapes(graph):
    x = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1])
    y = tf.nn.conv2d(x, tf.zeros([5, 5, 1, 8]), [1, 2, 2, 1], "SAME")
    made = [y, tf.nn.max_pool2d(y, 2, 2, "SAME"), tf.nn.avg_pool2d(y, 3, 2, "VALID"),
            tf.compat.v1.nn.max_pool(y, [1, 2, 2, 1], [1, 2, 2, 1], "VALID"),
            tf.nn.conv2d_transpose(y, tf.zeros([5, 5, 1, 8]), [64, 28, 28, 1], 2),
            tf.nn.depthwise_conv2d(x, tf.zeros([3, 3, 1, 2]), [1, 1, 1, 1], "SAME"),
            tf.nn.conv1d(tf.zeros([4, 10, 3]), tf.zeros([3, 3, 5]), 2, "SAME")]
    assert [str(t) for t in made] == [
        'Tensor("Conv2D:0", shape=(None, 14, 14, 8), dtype=float32)',
        'Tensor("MaxPool2d:0", shape=(None, 7, 7, 8), dtype=float32)',
        'Tensor("AvgPool2D:0", shape=(None, 6, 6, 8), dtype=float32)',
        'Tensor("MaxPool:0", shape=(None, 7, 7, 8), dtype=float32)',
        'Tensor("conv2d_transpose:0", shape=(64, 28, 28, 1), dtype=float32)',
        'Tensor("depthwise:0", shape=(None, 28, 28, 2), dtype=float32)',
        'Tensor("conv1d/Squeeze:0", shape=(4, 5, 5), dtype=float32)']


def test_gradient_op_types(graph):
    x = tf.compat.v1.placeholder(tf.float32, [None, 8, 8, 1])
    w = tf.Variable(tf.zeros([3, 3, 1, 4]))
    y = tf.nn.avg_pool2d(tf.nn.max_pool2d(tf.nn.conv2d(x, w, 1, "SAME"), 2, 2, "VALID"), 2, 2,
                         "VALID")
    grads = tf.gradients(tf.reduce_sum(y), [x, w])
    types = {op.type for op in graph.get_operations()}
    assert ({"Conv2DBackpropInput", "Conv2DBackpropFilter", "MaxPoolGrad", "AvgPoolGrad"}
            <= types and [g.shape.as_list() for g in grads] == [[None, 8, 8, 1], [3, 3, 1, 4]])


def test_conv2d_runs_in_a_session_like_eagerly(graph):
    y = tf.nn.conv2d(tf.constant(X.numpy()), tf.constant(W.numpy()), 2, "SAME")
    with tf.compat.v1.Session() as sess:
        assert sess.run(y).ravel().tolist() == [34.0, 54.0, 114.0, 134.0]


# -- errors -----------------------------------------------------------------------------------
def test_channel_mismatch_in_a_graph(graph):
    with pytest.raises(ValueError, match=r"Depth of input \(3\) is not a multiple of input "
                                         r"depth of filter \(2\) for '\{\{node Conv2D\}\}"):
        tf.nn.conv2d(tf.zeros([2, 5, 5, 3]), tf.zeros([3, 3, 2, 4]), 1, "SAME")


def test_channel_mismatch_eagerly():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Depth of input \(3\).*Op:Conv2D"):
        tf.nn.conv2d(tf.zeros([2, 5, 5, 3]), tf.zeros([3, 3, 2, 4]), 1, "SAME")


def test_window_larger_than_the_input(graph):
    with pytest.raises(ValueError, match="Negative dimension size caused by subtracting 7 from 5"):
        tf.nn.conv2d(tf.zeros([2, 5, 5, 3]), tf.zeros([3, 3, 3, 4]), 1, "VALID", dilations=3)


def test_window_larger_than_the_input_eagerly():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Computed output size would be negative: -1 \[input_size: 5, "
                             r"effective_filter_size: 7, stride: 1\] \[Op:MaxPool\]"):
        tf.nn.max_pool2d(tf.zeros([2, 5, 5, 3]), 7, 1, "VALID")


def test_rank_must_be_4(graph):
    with pytest.raises(ValueError, match="Shape must be rank 4 but is rank 3"):
        tf.nn.conv2d(tf.zeros([5, 5, 3]), tf.zeros([3, 3, 3, 4]), 1, "SAME")


def test_strides_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"strides should be of length 1, 2 or 4. Received: "
                                         r"strides=\[1, 2, 1\] of length 3"):
        tf.nn.conv2d(tf.zeros([2, 5, 5, 3]), tf.zeros([3, 3, 3, 4]), [1, 2, 1], "SAME")


def test_strides_over_the_batch_are_unimplemented():
    with pytest.raises(tf.errors.UnimplementedError, match="strides in the batch and depth"):
        tf.nn.conv2d(tf.zeros([2, 5, 5, 3]), tf.zeros([3, 3, 3, 4]), [2, 1, 1, 1], "SAME")


def test_unknown_padding():
    with pytest.raises(ValueError, match="attr 'padding' of \"FOO\" is not in the list"):
        tf.nn.conv2d(tf.zeros([2, 5, 5, 3]), tf.zeros([3, 3, 3, 4]), 1, "FOO")


def test_conv2d_transpose_output_shape_that_does_not_fit():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Size of out_backprop doesn't match computed: actual = 3, "
                             "computed = 2"):
        tf.nn.conv2d_transpose(tf.zeros([1, 2, 3, 1]), W, [1, 4, 4, 1], 2)


def test_avg_pool_of_integers_is_refused():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int32"):
        tf.nn.avg_pool2d(tf.zeros([2, 5, 5, 3], tf.int32), 2, 1, "VALID")


def test_nchw_is_not_computed():
    with pytest.raises(tf.errors.UnimplementedError, match="data_format NHWC only, not NCHW"):
        tf.nn.conv2d(tf.zeros([2, 3, 5, 5]), tf.zeros([3, 3, 3, 4]), 1, "SAME",
                     data_format="NCHW")


# -- TF1's tf.layers CNN ----------------------------------------------------------------------
def test_tf1_layers_build_tensorflows_names(graph):
    v1 = tf.compat.v1
    x = v1.placeholder(tf.float32, [None, 28, 28, 1])
    c = v1.layers.conv2d(x, 32, 5, activation=tf.nn.relu)
    p = v1.layers.max_pooling2d(c, 2, 2)
    a = v1.layers.average_pooling2d(v1.layers.conv2d(p, 64, 3, padding="same"), 2, 2,
                                    padding="same")
    f = v1.layers.flatten(a)
    assert ([str(t) for t in (c, p, a, f)], [v.name for v in v1.global_variables()]) == (
        ['Tensor("conv2d/Relu:0", shape=(None, 24, 24, 32), dtype=float32)',
         'Tensor("max_pooling2d/MaxPool:0", shape=(None, 12, 12, 32), dtype=float32)',
         'Tensor("average_pooling2d/AvgPool:0", shape=(None, 6, 6, 64), dtype=float32)',
         'Tensor("flatten/Reshape:0", shape=(None, 2304), dtype=float32)'],
        ["conv2d/kernel:0", "conv2d/bias:0", "conv2d_1/kernel:0", "conv2d_1/bias:0"])


def test_a_tf1_cnn_learns_in_a_session(graph):
    v1 = tf.compat.v1
    v1.set_random_seed(1)
    rng = np.random.default_rng(0)
    images = rng.uniform(size=(16, 8, 8, 1)).astype(np.float32)
    labels = (images[:, :4].mean((1, 2, 3)) > images[:, 4:].mean((1, 2, 3))).astype(np.int32)
    x, y = v1.placeholder(tf.float32, [None, 8, 8, 1]), v1.placeholder(tf.int32, [None])
    h = v1.layers.max_pooling2d(v1.layers.conv2d(x, 4, 3, activation=tf.nn.relu), 2, 2)
    logits = v1.layers.dense(v1.layers.flatten(h), 2)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, logits))
    train = v1.train.AdamOptimizer(0.01).minimize(loss)
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        first = sess.run(loss, {x: images, y: labels})
        for _ in range(30):
            sess.run(train, {x: images, y: labels})
        last = sess.run(loss, {x: images, y: labels})
    assert last < 0.5 * first


@pytest.mark.parametrize("pool", [tf.nn.max_pool2d, tf.nn.avg_pool2d])
def test_pooling_a_3d_input_fails_eagerly_and_when_building(pool):
    with pytest.raises(tf.errors.InvalidArgumentError, match="Input must be 4 or 5-dimensional"):
        pool(tf.zeros([4, 4, 1]), 2, 2, "VALID")
    with tf.Graph().as_default(), pytest.raises(ValueError, match="Shape must be rank 4"):
        pool(tf.compat.v1.placeholder(tf.float32, [4, 4, 1]), 2, 2, "VALID")

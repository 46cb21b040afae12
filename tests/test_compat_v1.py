"""A TensorFlow 1.x script runs with only its import line changed, and TF1's spellings of ops
(to_float, div, expand_dims(dim=), ...) mean what they meant there."""
import numpy as np
import pytest

import minitf.compat.v1 as tf


def test_a_tf1_training_script():
    tf.disable_eager_execution()
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, shape=[None, 2], name="x")
    y = tf.placeholder(tf.float32, shape=[None, 1], name="y")
    w = tf.Variable(tf.zeros([2, 1]), name="weights")
    b = tf.Variable(0.0, name="bias")
    prediction = tf.matmul(x, w) + b
    loss = tf.reduce_mean(tf.square(prediction - y))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss, global_step=global_step)
    init = tf.global_variables_initializer()

    data_x = np.array([[0., 0.], [1., 0.], [0., 1.], [1., 1.]], np.float32)
    data_y = data_x @ np.array([[2.], [-1.]], np.float32) + 0.5
    with tf.Session() as sess:
        sess.run(init)
        for _ in range(300):
            _, loss_value = sess.run([train_op, loss], feed_dict={x: data_x, y: data_y})
        weights, bias, step = sess.run([w, b, global_step])
    assert loss_value < 1e-6 and step == 300
    np.testing.assert_allclose(weights.ravel(), [2.0, -1.0], atol=1e-3)
    assert abs(bias - 0.5) < 1e-3
    assert [v.name for v in tf.trainable_variables()] == ["weights:0", "bias:0"]
    assert tf.get_default_graph().get_operation_by_name("init").type == "NoOp"


def test_variable_scope_and_get_variable_share_variables():
    with tf.Graph().as_default():
        with tf.variable_scope("layer"):
            w = tf.get_variable("w", [2, 3])
            y = tf.matmul(tf.ones([1, 2]), w)
        with tf.variable_scope("layer", reuse=True):
            assert tf.get_variable("w") is w
        with tf.variable_scope("layer", reuse=tf.AUTO_REUSE):
            b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
        assert (w.name, b.name, y.name) == ("layer/w:0", "layer/b:0", "layer/MatMul:0")
        with pytest.raises(ValueError, match="already exists, disallowed"):
            with tf.variable_scope("layer"):
                tf.get_variable("w", [2, 3])
        with pytest.raises(ValueError, match="does not exist"):
            with tf.variable_scope("other", reuse=True):
                tf.get_variable("w")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            limit = np.sqrt(6.0 / 5.0)  # glorot uniform, the default for float variables
            assert np.all(np.abs(sess.run(w)) <= limit) and sess.run(b).tolist() == [0.0] * 3


def test_small_tf1_helpers():
    with tf.Graph().as_default() as g:
        config = tf.ConfigProto(allow_soft_placement=True)
        config.gpu_options.allow_growth = True
        v = tf.Variable(1.0)
        a, b = tf.tuple([tf.constant(1.0), tf.assign_add(v, 2.0)])
        version = g.version
        assert tf.is_tensor(a) and not tf.is_tensor(1.0) and tf.local_variables() == []
        with tf.Session(config=config) as sess:
            assert not sess.run(tf.is_variable_initialized(v))
            sess.run(v.initializer)
            assert sess.run([a, b]) == [1.0, 3.0] and sess.run(v) == 3.0
        assert version < g.version  # is_variable_initialized added an op
    assert tf.TensorShape([2]).concatenate([None]).as_list() == [2, None]
    assert tf.TensorShape(None).with_rank(2).as_list() == [None, None]


def test_tf1_spellings_of_casts_and_divisions(graph):
    i, x = tf.constant([7, -7]), tf.constant([7.0, -7.0])
    assert [tf.to_float(i).name, tf.to_double(i).dtype, tf.to_int32(x).name, tf.to_int64(x).dtype] \
        == ["ToFloat:0", tf.float64, "ToInt32:0", tf.int64]
    floored, divided = tf.div(i, 2), tf.div(x, 2)
    assert (floored.name, floored.op.type, divided.name, divided.op.type) == (
        "div:0", "FloorDiv", "div_1:0", "RealDiv")
    assert [tf.floor_div(i, 2).name, tf.floordiv(i, 2).name, tf.mod(i, 2).name] == [
        "FloorDiv:0", "floordiv_1:0", "FloorMod:0"]  # names are unique regardless of case
    with tf.Session() as sess:
        assert sess.run(floored).tolist() == [3, -4] and sess.run(divided).tolist() == [3.5, -3.5]
    with pytest.raises(TypeError, match="Expected int32, but got 2.5"):
        tf.div(i, 2.5)


def test_tf1_spellings_of_expand_dims_and_where():
    x = tf.constant([[1, 2]])
    assert tf.expand_dims(x, dim=1).shape == (1, 1, 2)
    assert tf.where_v2(x > 1, x, 0).numpy().tolist() == [[0, 2]]
    with pytest.raises(ValueError, match="Must specify an axis"):
        tf.expand_dims(x)
    with pytest.raises(ValueError, match="Cannot specify both 'dim' and 'axis'"):
        tf.expand_dims(x, 0, dim=0)


def test_reuse_variables_makes_the_rest_of_a_scope_share():
    with tf.Graph().as_default():
        with tf.variable_scope("layer") as scope:
            w = tf.get_variable("w", [2])
            scope.reuse_variables()
            assert tf.get_variable("w") is w

"""compat.v1.layers.dense: variable and op names, sharing through variable_scope, and training
in a Session. Names and messages as TensorFlow 2.21 gives them in v1 graph mode."""
import numpy as np
import pytest

import minitf as tf

v1 = tf.compat.v1


@pytest.fixture
def x(graph):
    return v1.placeholder(tf.float32, [None, 3], name="x")


def variable_names():
    return [v.name for v in v1.global_variables()]


def test_two_dense_layers_get_numbered_scopes(x):
    h = v1.layers.dense(x, 4, activation=tf.nn.relu)
    out = v1.layers.dense(h, 1)
    assert (h.name, out.name, variable_names()) == (
        "dense/Relu:0", "dense_1/BiasAdd:0",
        ["dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0"])


def test_ops_are_in_the_layer_scope(x, graph):
    v1.layers.dense(x, 2)
    ops = [op.name for op in graph.get_operations()]
    assert "dense/MatMul" in ops and "dense/BiasAdd" in ops


def test_reuse_through_variable_scope_shares_the_variables(x):
    with v1.variable_scope("net"):
        v1.layers.dense(x, 2, name="fc")
    with v1.variable_scope("net", reuse=True):
        v1.layers.dense(x, 2, name="fc")
    assert variable_names() == ["net/fc/kernel:0", "net/fc/bias:0"]


def test_reuse_argument_shares_the_variables_with_a_new_op_scope(x):
    first = v1.layers.dense(x, 2, name="fc2")
    second = v1.layers.dense(x, 2, name="fc2", reuse=True)
    assert (first.name, second.name, variable_names()) == \
        ("fc2/BiasAdd:0", "fc2_1/BiasAdd:0", ["fc2/kernel:0", "fc2/bias:0"])


def test_the_same_name_twice_without_reuse_is_an_error(x):
    v1.layers.dense(x, 2, name="fc3")
    with pytest.raises(ValueError, match="Variable fc3/kernel already exists, disallowed"):
        v1.layers.dense(x, 2, name="fc3")


def test_untrainable_dense_keeps_its_variables_out_of_the_trainable_collection(x):
    v1.layers.dense(x, 2, trainable=False)
    assert (v1.trainable_variables(), variable_names()) == \
        ([], ["dense/kernel:0", "dense/bias:0"])


def test_unknown_last_dimension_is_an_error(graph):
    with pytest.raises(ValueError, match="The last dimension of the inputs to a Dense layer "
                                         "should be defined. Found None."):
        v1.layers.dense(v1.placeholder(tf.float32, [None, None]), 2)


def test_dense_computes_with_the_given_initializers(x):
    y = v1.layers.dense(x, 2, kernel_initializer=v1.ones_initializer(),
                        bias_initializer=v1.ones_initializer())
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        out = sess.run(y, {x: [[1.0, 2.0, 3.0]]})
    np.testing.assert_array_equal(out, [[7.0, 7.0]])


def test_a_v1_classifier_trains_in_a_session(x):
    rng = np.random.default_rng(0)
    data = rng.normal(size=(64, 3)).astype(np.float32)
    labels = (data[:, 0] > 0).astype(np.int64)
    y = v1.placeholder(tf.int64, [None])
    logits = v1.layers.dense(v1.layers.dense(x, 8, activation=tf.nn.relu), 2)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y,
                                                                         logits=logits))
    train = v1.train.GradientDescentOptimizer(0.5).minimize(loss)
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        first = sess.run(loss, {x: data, y: labels})
        for _ in range(50):
            sess.run(train, {x: data, y: labels})
        last = sess.run(loss, {x: data, y: labels})
    assert last < first / 3


def test_dense_works_eagerly_too():
    assert v1.layers.dense(tf.ones([2, 3]), 4).shape == (2, 4)

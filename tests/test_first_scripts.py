"""The first programs of both styles run as written: TensorFlow 1.x scripts after
`import minitf.compat.v1 as tf; tf.disable_v2_behavior()`, and 2.x ones eagerly; with the 1.x
helpers they use (Dimension, placeholder_with_default, enable_eager_execution)."""
import numpy as np
import pytest

import minitf
import minitf.compat.v1 as tf


def test_hello_world_tf1(capsys):
    tf.disable_v2_behavior()
    hello = tf.constant("Hello, TensorFlow!")
    sess = tf.Session()
    print(sess.run(hello))
    assert capsys.readouterr().out == "b'Hello, TensorFlow!'\n"


def test_hello_world_tf2(capsys):
    print(minitf.constant("Hello, TensorFlow!"))
    assert capsys.readouterr().out == \
        "tf.Tensor(b'Hello, TensorFlow!', shape=(), dtype=string)\n"


def test_a_tf1_softmax_regression_as_written():  # it runs in TensorFlow 2.21 too
    tf.disable_v2_behavior()
    tf.set_random_seed(0)
    rng = np.random.default_rng(0)
    centers = rng.normal(size=(3, 4)) * 3
    labels = rng.integers(0, 3, 300)
    images = (centers[labels] + rng.normal(size=(300, 4))).astype(np.float32)
    one_hot = np.eye(3, dtype=np.float32)[labels]

    x = tf.placeholder(tf.float32, [None, 4])
    y_ = tf.placeholder(tf.float32, [None, 3])
    keep_prob = tf.placeholder_with_default(1.0, shape=[])
    with tf.device("/cpu:0"):
        W = tf.Variable(tf.truncated_normal([4, 3], stddev=0.1))
        b = tf.Variable(tf.constant(0.1, shape=[3]))
        y = tf.matmul(tf.nn.dropout(x, keep_prob=keep_prob), W) + b
    cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=y))
    train_step = tf.train.AdamOptimizer(0.05).minimize(cross_entropy)
    correct = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(100):
            sess.run(train_step, feed_dict={x: images, y_: one_hot, keep_prob: 0.9})
        acc = sess.run(accuracy, feed_dict={x: images, y_: one_hot})
    assert acc > 0.9 and W.device == "/device:CPU:0" and x.get_shape().as_list() == [None, 4]


def test_enable_eager_execution_must_come_first():
    tf.disable_eager_execution()
    tf.constant(1)
    with pytest.raises(ValueError, match="must be called at program startup"):
        tf.enable_eager_execution()


def test_enable_v2_behavior_before_building_turns_eager_back_on():
    tf.disable_v2_behavior()
    tf.enable_v2_behavior()
    assert tf.executing_eagerly()


def test_dimension():
    d = tf.Dimension(3)
    assert (repr(d + 1), str(tf.Dimension(None)), d == 3, d * tf.Dimension(None) == 6) == \
        ("Dimension(4)", "?", True, None)
    assert (tf.dimension_value(d), tf.dimension_value(5), int(d)) == (3, 5, 3)


def test_negative_dimension():
    with pytest.raises(ValueError, match="Dimension -1 must be >= 0"):
        tf.Dimension(-1)


def test_placeholder_with_default_is_fed_or_not(graph):
    p = tf.placeholder_with_default([1.0, 2.0], shape=[None])
    doubled = p * 2
    with tf.Session() as sess:
        assert sess.run(doubled).tolist() == [2.0, 4.0]
        assert sess.run(doubled, {p: [5.0]}).tolist() == [10.0]
    assert str(p) == 'Tensor("PlaceholderWithDefault:0", shape=(None,), dtype=float32)'


def test_size_with_out_type():
    assert repr(minitf.size(minitf.zeros([2, 3]), out_type=minitf.int64)) == \
        "<tf.Tensor: shape=(), dtype=int64, numpy=6>"


def test_size_with_out_type_in_a_graph(graph):
    n = tf.size(tf.placeholder(tf.float32), out_type=tf.int64)
    with tf.Session() as sess:
        assert (str(n), sess.run(n, {"Placeholder:0": np.zeros([2, 5])})) == \
            ('Tensor("Size:0", shape=(), dtype=int64)', 10)

"""A TensorFlow 1.x script runs with only its import line changed."""
import numpy as np

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

"""A TensorFlow 1.x training script: tf.layers.dense, a loss, an optimizer's train op, the
global step, summaries written by a FileWriter, and a Saver checkpoint restored in a new
session."""
import os
import tempfile

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
rng = np.random.default_rng(3)
x_data = rng.normal(size=(200, 3)).astype(np.float32)
true_w = np.array([[1.5], [-2.0], [0.5]], dtype=np.float32)
y_data = x_data @ true_w + 0.3 + 0.05 * rng.normal(size=(200, 1)).astype(np.float32)

x = tf.placeholder(tf.float32, shape=[None, 3], name="x")
y_true = tf.placeholder(tf.float32, shape=[None, 1], name="y")
with tf.variable_scope("model"):
    hidden = tf.layers.dense(x, 4, activation=tf.nn.tanh,
                             kernel_initializer=tf.constant_initializer(0.1), name="hidden")
    y_pred = tf.layers.dense(hidden, 1, kernel_initializer=tf.ones_initializer(), name="out")
print(hidden)
print(y_pred)
for v in tf.trainable_variables():
    print(v.name, v.shape)
loss = tf.losses.mean_squared_error(labels=y_true, predictions=y_pred)
print(loss)
global_step = tf.train.get_or_create_global_step()
print(global_step)
optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.1)
train = optimizer.minimize(loss, global_step=global_step)
print(train.name)
grads_and_vars = optimizer.compute_gradients(loss)
print([v.name for g, v in grads_and_vars], [g.shape for g, v in grads_and_vars])
tf.summary.scalar("loss", loss)
tf.summary.histogram("out_kernel", tf.trainable_variables()[2])
merged = tf.summary.merge_all()
print(merged)
init = tf.global_variables_initializer()
saver = tf.train.Saver(max_to_keep=2)
logdir = tempfile.mkdtemp()

with tf.Session() as sess:
    writer = tf.summary.FileWriter(logdir, sess.graph)
    sess.run(init)
    print(sess.run(y_pred, {x: x_data[:2]}))
    for i in range(60):
        summary, _, loss_value = sess.run((merged, train, loss), {x: x_data, y_true: y_data})
        writer.add_summary(summary, i)
        if i % 20 == 0:
            print("step", sess.run(global_step), "loss %.5f" % loss_value)
    save_path = saver.save(sess, os.path.join(logdir, "model.ckpt"), global_step=global_step)
    print(os.path.basename(save_path))
    writer.close()
    final = sess.run(loss, {x: x_data, y_true: y_data})
    print("final loss %.5f" % final)
print(sorted(f.split(".")[0] for f in os.listdir(logdir) if f.startswith("events")))
print(os.path.basename(tf.train.latest_checkpoint(logdir)))

with tf.Session() as sess:
    saver.restore(sess, save_path)
    print("restored loss %.5f" % sess.run(loss, {x: x_data, y_true: y_data}))
    print(sess.run(global_step))

tf.reset_default_graph()
x = tf.placeholder(tf.float32, [None, 3])
labels = tf.placeholder(tf.int64, [None])
logits = tf.layers.dense(x, 2, kernel_initializer=tf.zeros_initializer())
xent = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
train_op = tf.train.AdamOptimizer(0.05).minimize(xent)
pred = tf.argmax(logits, 1)
cls = (x_data[:, 0] > 0).astype(np.int64)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(30):
        _, l = sess.run([train_op, xent], {x: x_data, labels: cls})
    print("xent %.4f" % l)
    print("accuracy %.3f" % np.mean(sess.run(pred, {x: x_data}) == cls))
    print([v.name for v in tf.global_variables()])

"""TensorFlow 1.x code that reads static shapes the 1.x way: after disable_v2_behavior(), a
shape's dimensions are Dimension objects (`x.get_shape()[1].value`, `int(x.shape[1])`), with
arithmetic that stays unknown when a side is, and ops take them where ints go."""
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
print(x.shape, x.get_shape(), repr(x.get_shape()))
print(x.shape[0], x.shape[1], repr(x.shape[1]), x.shape[0].value, x.shape[-1].value)
print(int(x.shape[1]), x.shape[0].value is None, x.shape.as_list(), x.shape.dims)
print([d.value for d in x.shape], list(x.shape), x.shape.ndims, len(x.shape))

d = tf.Dimension(3)
print(d * 2, repr(d * 2), repr(d + tf.Dimension(None)), d // 2, d % 2, 7 - d, 2 * d)
print(d == 3, d != 3, d < 4, tf.Dimension(None) == 3, x.shape[0] == 4, x.shape[1] == 4)
print(tf.dimension_value(x.shape[1]), tf.dimension_value(x.shape[0]), tf.dimension_value(5))
print(d.merge_with(None), d.is_compatible_with(4), bool(tf.Dimension(0)), list(range(d)))
for bad in (lambda: int(x.shape[0]), lambda: d / 2, lambda: tf.Dimension(-1),
            lambda: tf.Dimension(2.5), lambda: d.merge_with(4), lambda: hash(d)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

print(x.shape.merge_with([8, None]), x.shape[1:], repr(x.shape[:1]), x.shape.concatenate([2]))
print(x.shape.with_rank(2), x.shape.num_elements(), tf.TensorShape([2, 3])[1:].num_elements())
print(tf.TensorShape(None)[0], tf.TensorShape(None)[1:3], tf.TensorShape([x.shape[1], None]))


def dense(inputs, units, name):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [inputs.get_shape()[-1], units],
                            initializer=tf.constant_initializer(0.1))
        b = tf.get_variable("b", [units], initializer=tf.zeros_initializer())
        return tf.matmul(inputs, w) + b


h = tf.nn.relu(dense(x, 8, "hidden"))
out = dense(h, y.shape[1].value, "out")
print(h, out, h.shape[1] * 2)
flat = tf.reshape(h, [-1, h.shape[1] * 1])
halves = tf.split(h, h.shape[1] // 4, axis=1)
print(flat, [t.shape for t in halves])
print(tf.ones([x.shape[1], 2]), tf.zeros(x.shape[1:]), tf.one_hot([1, 2], x.shape[1]))
print(tf.tile(x, [1, x.shape[1]]), tf.range(x.shape[1]))
loss = tf.reduce_mean(tf.square(out - y))
train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
for v in tf.trainable_variables():
    print(v.name, v.shape, v.shape[0].value, v.get_shape().as_list())
xs = np.linspace(0, 1, 64, dtype=np.float32).reshape(16, 4)
ys = xs.sum(axis=1, keepdims=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, value = sess.run([train, loss], {x: xs, y: ys})
        print(step, "%.5f" % value)
    print(sess.run(tf.shape(flat), {x: xs}), sess.run(halves[0], {x: xs[:1]}))

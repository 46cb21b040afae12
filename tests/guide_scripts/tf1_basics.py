"""TensorFlow 1.x low-level API: graphs, placeholders, sessions, feeding, variables and scopes."""
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
print(tf.executing_eagerly())

a = tf.constant(3.0, dtype=tf.float32)
b = tf.constant(4.0)
total = a + b
print(a)
print(b)
print(total)
sess = tf.Session()
print(sess.run(total))
print(sess.run({"ab": (a, b), "total": total}))
vec = tf.random_uniform(shape=(3,))
out1 = vec + 1
out2 = vec + 2
v1, v2 = sess.run((out1, out2))
print(np.allclose(v1 + 1, v2))

x = tf.placeholder(tf.float32)
y = tf.placeholder(tf.float32)
z = x + y
print(x)
print(sess.run(z, feed_dict={x: 3, y: 4.5}))
print(sess.run(z, feed_dict={x: [1, 3], y: [2, 4]}))
p = tf.placeholder(tf.float32, shape=[None, 3], name="features")
print(p, p.shape, p.get_shape().as_list())
print(repr(p.shape), p.shape.ndims, p.shape.as_list()[1], tf.dimension_value(p.shape[0]))
q = tf.reduce_sum(p, axis=1)
print(q)
print(tf.matmul(p, tf.ones([3, 2])))
print(tf.reshape(p, [-1, 1]))
print(sess.run(q, {p: [[1, 2, 3], [4, 5, 6]]}))
try:
    sess.run(q)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)
try:
    sess.run(q, {p: [[1, 2]]})
except ValueError as e:
    print(type(e).__name__)

my_data = [[0, 1], [2, 3], [4, 5], [6, 7]]
slices = tf.data.Dataset.from_tensor_slices(my_data)
next_item = tf.data.make_one_shot_iterator(slices).get_next()
print(next_item)
while True:
    try:
        print(sess.run(next_item))
    except tf.errors.OutOfRangeError:
        break

w = tf.Variable([[1.0, 2.0]], name="weights")
c = tf.get_variable("c", shape=[2], initializer=tf.zeros_initializer())
print(w)
print(c)
print(w.initializer.name, w.op.name)
try:
    sess.run(w)
except tf.errors.FailedPreconditionError as e:
    print(type(e).__name__)
init = tf.global_variables_initializer()
print(init.name, init.type)
sess.run(init)
print(sess.run(w), sess.run(c))
assign_op = w.assign(w * 2)
print(sess.run(assign_op), sess.run(w))
print(sess.run(tf.assign_add(c, [1.0, 1.0])))
print([v.name for v in tf.global_variables()], [v.name for v in tf.trainable_variables()])
counter = tf.Variable(0, trainable=False, name="counter")
print([v.name for v in tf.trainable_variables()], len(tf.global_variables()))

with tf.variable_scope("layer1"):
    w1 = tf.get_variable("w", shape=[2, 2], initializer=tf.constant_initializer(0.5))
with tf.variable_scope("layer1", reuse=True):
    w1_again = tf.get_variable("w")
print(w1.name, w1_again is w1)
with tf.variable_scope("layer2") as scope:
    w2 = tf.get_variable("w", [3], initializer=tf.constant_initializer(0.5))
    scope.reuse_variables()
    w2b = tf.get_variable("w")
print(w2.name, w2b is w2, scope.name)
try:
    with tf.variable_scope("layer1"):
        tf.get_variable("w", shape=[2, 2])
except ValueError as e:
    print("ValueError:", str(e).split(".")[0])
with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
    a1 = tf.get_variable("v", [1])
with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
    a2 = tf.get_variable("v", [1])
print(a1 is a2)
with tf.name_scope("ns"):
    nv = tf.get_variable("gv", [1])
    op = tf.add(1.0, 2.0, name="plus")
print(nv.name, op.name)
with tf.variable_scope("outer"):
    with tf.variable_scope("inner"):
        deep = tf.get_variable("x", [1])
        mult = tf.multiply(deep, 2.0)
print(deep.name, mult.name)
print(tf.get_variable_scope().name == "")
print(len(tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)),
      len(tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="layer1")))

g = tf.get_default_graph()
print(g.get_tensor_by_name("features:0") is p)
print(g.get_operation_by_name("ns/plus").type)
print([op.name for op in g.get_operations()][:6])
sess.close()

graph = tf.Graph()
with graph.as_default():
    xx = tf.placeholder(tf.float32, [2], name="xx")
    yy = tf.square(xx, name="yy")
    print(yy.graph is graph, yy.op.inputs[0] is xx, yy.consumers())
    with tf.Session() as s2:
        print(s2.run(yy, {xx: [3.0, 4.0]}))
        print(yy.eval({xx: [1.0, 2.0]}))
        print(s2.run(tf.shape(xx), {xx: [1.0, 2.0]}), s2.graph is graph)
    with tf.Session() as s3:
        cond = tf.cond(xx[0] > 0, lambda: xx * 2, lambda: -xx)
        print(cond, s3.run(cond, {xx: [1.0, 2.0]}), s3.run(cond, {xx: [-1.0, 2.0]}))
        i0 = tf.constant(0)
        loop = tf.while_loop(lambda i: i < 10, lambda i: i + 3, [i0])
        print(s3.run(loop))
        ph_default = tf.placeholder_with_default(tf.constant([1.0, 1.0]), shape=[2])
        print(s3.run(ph_default + 1), s3.run(ph_default, {ph_default: [5.0, 6.0]}))
tf.reset_default_graph()
print(len(tf.get_default_graph().get_operations()))
sess = tf.InteractiveSession()
m = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(m.eval(), tf.reduce_mean(m, reduction_indices=[1], keep_dims=True).eval())
print(tf.to_float(tf.constant([1, 2])).eval(), tf.arg_max(m, 1).eval())
sess.close()

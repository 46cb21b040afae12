"""Graphs and tf.function: tracing, retracing, Python side effects, tf.print, AutoGraph."""
import numpy as np
import tensorflow as tf


def a_regular_function(x, y, b):
    x = tf.matmul(x, y)
    x = x + b
    return x


a_function_that_uses_a_graph = tf.function(a_regular_function)
x1 = tf.constant([[1.0, 2.0]])
y1 = tf.constant([[2.0], [3.0]])
b1 = tf.constant(4.0)
orig_value = a_regular_function(x1, y1, b1).numpy()
tf_function_value = a_function_that_uses_a_graph(x1, y1, b1).numpy()
print(orig_value, tf_function_value, orig_value == tf_function_value)


def inner_function(x, y, b):
    x = tf.matmul(x, y)
    x = x + b
    return x


@tf.function
def outer_function(x):
    y = tf.constant([[2.0], [3.0]])
    b = tf.constant(4.0)
    return inner_function(x, y, b)


print(outer_function(tf.constant([[1.0, 2.0]])).numpy())


def simple_relu(x):
    if tf.greater(x, 0):
        return x
    else:
        return 0


tf_simple_relu = tf.function(simple_relu)
print("First branch, with graph:", tf_simple_relu(tf.constant(1)).numpy())
print("Second branch, with graph:", tf_simple_relu(tf.constant(-1)).numpy())


@tf.function
def my_relu(x):
    return tf.maximum(0.0, x)


print(my_relu(tf.constant(5.5)))
print(my_relu([1, -1]))
print(my_relu(tf.constant([3.0, -3.0])))
print(my_relu.pretty_printed_concrete_signatures())
print(my_relu.experimental_get_tracing_count())
concrete = my_relu.get_concrete_function(tf.TensorSpec(shape=[None], dtype=tf.float32))
print(concrete(tf.constant([1.0, -2.0, 3.0])))
print(concrete.structured_outputs)
print([op.type for op in concrete.graph.get_operations()])
try:
    concrete(tf.constant(1))
except Exception as e:
    print(type(e).__name__)


@tf.function
def get_MSE(y_true, y_pred):
    print("Calculating MSE!")
    sq_diff = tf.pow(y_true - y_pred, 2)
    return tf.reduce_mean(sq_diff)


y_true = tf.constant([5, 0, 7, 6, 6, 4, 1, 7, 7, 3], dtype=tf.int32)
y_pred = tf.constant([4, 1, 4, 7, 1, 2, 9, 4, 8, 0], dtype=tf.int32)
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
print(error)
tf.config.run_functions_eagerly(True)
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
tf.config.run_functions_eagerly(False)


@tf.function
def f(x):
    print("Traced with", x)
    tf.print("Executed with", x)


f(1)
f(1)
f(2)
f(tf.constant(1))
f(tf.constant(2))
f(tf.constant([1, 2]))
f(tf.constant(1.5))
print(f.experimental_get_tracing_count())


@tf.function(input_signature=(tf.TensorSpec(shape=[None], dtype=tf.int32),))
def next_collatz(x):
    print("Tracing with", x)
    return tf.where(x % 2 == 0, x // 2, 3 * x + 1)


print(next_collatz(tf.constant([1, 2])))
print(next_collatz(tf.constant([1, 2, 3, 4])))
try:
    next_collatz(tf.constant([[1, 2], [3, 4]]))
except (TypeError, ValueError) as e:
    print(type(e).__name__)


@tf.function(reduce_retracing=True)
def g(x):
    print("Tracing", x)
    return x


g(tf.constant([1]))
g(tf.constant([1, 2]))
g(tf.constant([1, 2, 3]))


@tf.function
def train_one_step():
    pass


@tf.function
def train(num_steps):
    print("Tracing with num_steps = ", num_steps)
    tf.print("Executing with num_steps = ", num_steps)
    for _ in tf.range(num_steps):
        train_one_step()


train(num_steps=10)
train(num_steps=20)
train(num_steps=tf.constant(10))
train(num_steps=tf.constant(20))

external_list = []


@tf.function
def side_effect(x):
    print("Python side effect")
    external_list.append(x)


side_effect(1)
side_effect(1)
side_effect(1)
print(len(external_list))

v = tf.Variable(1.0)


@tf.function
def plus_v(x):
    v.assign_add(x)
    return v.read_value()


print(plus_v(tf.constant(2.0)), plus_v(tf.constant(3.0)))


@tf.function
def sum_even(items):
    s = 0
    for c in items:
        if c % 2 > 0:
            continue
        s += c
    return s


print(sum_even(tf.constant([10, 12, 15, 20])))


@tf.function
def fizzbuzz(n):
    for i in tf.range(1, n + 1):
        if i % 15 == 0:
            tf.print("FizzBuzz")
        elif i % 3 == 0:
            tf.print("Fizz")
        elif i % 5 == 0:
            tf.print("Buzz")
        else:
            tf.print(i)


fizzbuzz(tf.constant(15))


@tf.function
def count_down(n):
    while n > 0:
        tf.print(n)
        n -= 1
    return n


print(count_down(tf.constant(3)))


@tf.function
def accumulate(n):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    for i in tf.range(n):
        ta = ta.write(i, tf.cast(i, tf.float32) ** 2)
    return ta.stack()


print(accumulate(tf.constant(4)))


@tf.function
def square_if_positive(x):
    if x > 0:
        x = x * x
    else:
        x = 0
    return x


print(square_if_positive(tf.constant(2)), square_if_positive(tf.constant(-2)))
print(tf.autograph.to_code(simple_relu) != "")


def power(x, y):
    result = tf.eye(10, dtype=tf.dtypes.int32)
    for _ in range(y):
        result = tf.matmul(x, result)
    return result


x = tf.random.uniform(shape=[10, 10], minval=-1, maxval=2, dtype=tf.dtypes.int32)
print(np.array_equal(power(x, 3).numpy(), tf.function(power)(x, 3).numpy()))
tf.print(tf.constant([[1.5, 2.0]]), "and", 3, {"a": tf.constant(1)})


@tf.function
def with_shapes(x):
    print("static", x.shape)
    tf.print("dynamic", tf.shape(x))
    return x


with_shapes(tf.ones([2, 3]))
print(tf.executing_eagerly())


@tf.function
def in_graph():
    print("eager inside?", tf.executing_eagerly())
    return tf.constant(0)


in_graph()

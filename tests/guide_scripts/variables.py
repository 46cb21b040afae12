"""Variables: creation, printing, reading, assigning, names, trainability."""
import numpy as np
import tensorflow as tf

my_tensor = tf.constant([[1.0, 2.0], [3.0, 4.0]])
my_variable = tf.Variable(my_tensor)
bool_variable = tf.Variable([False, False, False, True])
complex_variable = tf.Variable([5 + 4j, 6 + 1j])
print(my_variable)
print(bool_variable)
print(complex_variable)
print("Shape: ", my_variable.shape)
print("DType: ", my_variable.dtype)
print("As NumPy: ", my_variable.numpy())
print("A variable:", my_variable)
print("\nViewed as a tensor:", tf.convert_to_tensor(my_variable))
print("\nIndex of highest value:", tf.math.argmax(my_variable))
print("\nCopying and reshaping: ", tf.reshape(my_variable, [1, 4]))

a = tf.Variable([2.0, 3.0])
a.assign([1, 2])
try:
    a.assign([1.0, 2.0, 3.0])
except Exception as e:
    print(f"{type(e).__name__}")
b = tf.Variable(a)
a.assign([5, 6])
print(a.numpy())
print(b.numpy())
print(a.assign_add([2, 3]).numpy())
print(a.assign_sub([7, 9]).numpy())
print(a[0], a[1:].numpy(), a.value())
print(a + 1.0, a * a, -a, a ** 2)

first = tf.Variable(my_tensor, name="Mark")
second = tf.Variable(my_tensor + 1, name="Mark")
print(first == second)
print(first.name, second.name, first.trainable)
step_counter = tf.Variable(1, trainable=False)
print(step_counter.trainable, step_counter.dtype, step_counter.name)
print(tf.Variable(np.zeros(3), dtype=tf.float32).dtype)
v = tf.Variable(0.0)
for _ in range(3):
    v.assign_add(0.5)
print(v, float(v), v.numpy().dtype)
s = tf.Variable([[1, 2], [3, 4]])
print(s[0, 1].numpy(), s[:, 1].numpy().tolist())
with tf.name_scope("outer"):
    scoped = tf.Variable(1.0, name="w")
print(scoped.name)
print(tf.Variable(3, dtype=tf.int64).read_value())
print(repr(tf.Variable("hello")))

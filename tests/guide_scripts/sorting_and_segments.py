"""Sorting, top-k, unique values and counts, segment sums, rolling and grids."""
import tensorflow as tf

scores = tf.constant([[0.2, 0.9, 0.5, 0.1], [0.7, 0.3, 0.8, 0.6]])
print(tf.sort(scores))
print(tf.sort(scores, direction="DESCENDING", axis=0))
print(tf.argsort(scores))
best = tf.math.top_k(scores, k=2)
print(best)
print(best.values.numpy(), best.indices.numpy())

words = tf.constant(["b", "a", "b", "c", "a", "b"])
y, idx = tf.unique(words)
print(y, idx)
print(tf.unique_with_counts(words))
print(tf.math.bincount(idx))
print(tf.math.bincount([1, 1, 4], weights=[0.5, 1.5, 2.0], minlength=6))

data = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
print(tf.math.segment_sum(data, [0, 0, 1, 1]))
print(tf.math.segment_mean(data, [0, 1, 1, 1]))
print(tf.math.segment_max(data, [0, 0, 0, 2]))
print(tf.math.unsorted_segment_sum(data, [1, 0, 1, -1], num_segments=3))
print(tf.math.unsorted_segment_mean(data, [1, 0, 1, 0], num_segments=2))
print(tf.math.unsorted_segment_min(data, [2, 2, 0, 0], num_segments=3))

print(tf.roll(tf.range(5), shift=2, axis=0))
print(tf.roll([[1, 2, 3], [4, 5, 6]], shift=[1, -1], axis=[0, 1]))
xs, ys = tf.meshgrid(tf.linspace(0.0, 1.0, 3), tf.range(2.0))
print(xs)
print(ys)
print(tf.strided_slice(tf.reshape(tf.range(12), [3, 4]), [0, 1], [3, 4], [2, 2]))

x = tf.Variable([3.0, 1.0, 2.0])
with tf.GradientTape() as tape:
    top = tf.math.top_k(x, 2).values
    total = tf.reduce_sum(top * [10.0, 1.0]) + tf.reduce_sum(tf.math.segment_max(x, [0, 0, 1]))
print(tape.gradient(total, x))

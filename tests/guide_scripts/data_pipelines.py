"""tf.data: building datasets from arrays, transforming, batching, iterating."""
import numpy as np
import tensorflow as tf

dataset = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
print(dataset)
for elem in dataset:
    print(elem.numpy())
it = iter(dataset)
print(next(it).numpy())
print(dataset.reduce(0, lambda state, value: state + value).numpy())
print(list(dataset.as_numpy_iterator()))

dataset1 = tf.data.Dataset.from_tensor_slices(
    tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3)))
print(dataset1.element_spec)
dataset2 = tf.data.Dataset.from_tensor_slices(
    (tf.constant(np.linspace(0, 1, 4), dtype=tf.float32),
     tf.constant([[1, 2], [3, 4], [5, 6], [7, 8]])))
print(dataset2.element_spec)
dataset3 = tf.data.Dataset.zip((dataset1, dataset2))
print(dataset3.element_spec)
for a, (b, c) in dataset3.take(2):
    print("shapes: {a.shape}, {b.shape}, {c.shape}".format(a=a, b=b, c=c))
dataset4 = tf.data.Dataset.from_tensors(tf.constant([[1, 2], [3, 4]]))
print(dataset4, dataset4.cardinality().numpy())

features = np.arange(20, dtype=np.float32).reshape(10, 2)
labels = np.arange(10) % 3
ds = tf.data.Dataset.from_tensor_slices((features, labels))
print(ds)
ds_dict = tf.data.Dataset.from_tensor_slices({"a": features, "b": labels})
print(ds_dict.element_spec)
for d in ds_dict.take(1):
    print(sorted(d), d["a"].numpy(), d["b"].numpy())

inc_dataset = tf.data.Dataset.range(100)
dec_dataset = tf.data.Dataset.range(0, -100, -1)
dataset = tf.data.Dataset.zip((inc_dataset, dec_dataset))
batched_dataset = dataset.batch(4)
for batch in batched_dataset.take(4):
    print([arr.numpy() for arr in batch])
print(batched_dataset)
print(dataset.batch(7, drop_remainder=True))
print(tf.data.Dataset.range(5).batch(2).cardinality().numpy())

titanic_like = tf.data.Dataset.range(7)
for b in titanic_like.repeat(2).batch(4):
    print(b.numpy())
for b in titanic_like.batch(4).repeat(2):
    print(b.numpy())
print(titanic_like.repeat().cardinality().numpy() == tf.data.INFINITE_CARDINALITY)

lines = tf.data.Dataset.range(10)
print(list(lines.filter(lambda x: x % 2 == 0).as_numpy_iterator()))
print(list(lines.map(lambda x: x * x).as_numpy_iterator()))
print(list(lines.skip(7).as_numpy_iterator()), list(lines.take(2).as_numpy_iterator()))
print(lines.filter(lambda x: x > 3).cardinality().numpy())
print(list(lines.shuffle(10, seed=1).take(0).as_numpy_iterator()))
print(sorted(lines.shuffle(4).as_numpy_iterator()))
print(list(lines.prefetch(tf.data.AUTOTUNE).take(3).as_numpy_iterator()))
parallel = lines.map(lambda x: x + 1, num_parallel_calls=tf.data.AUTOTUNE)
print(list(parallel.take(3).as_numpy_iterator()))
print(list(lines.enumerate().take(2).as_numpy_iterator()))
twice = lines.flat_map(lambda x: tf.data.Dataset.from_tensors(x).repeat(2))
print(list(twice.take(4).as_numpy_iterator()))
print(list(tf.data.Dataset.range(3).concatenate(tf.data.Dataset.range(2)).as_numpy_iterator()))
print(list(lines.cache().take(2).as_numpy_iterator()))


def scale(x, y):
    return tf.cast(x, tf.float32) / 10.0, tf.one_hot(y, 3)


pipeline = ds.map(scale).batch(4)
for x, y in pipeline.take(1):
    print(x, y)
print(pipeline.element_spec)


@tf.function
def total(ds):
    s = tf.constant(0.0)
    for x, y in ds:
        s += tf.reduce_sum(x)
    return s


print(total(pipeline))
unbatched = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]]).unbatch()
print(unbatched, list(unbatched.as_numpy_iterator()))
ragged = tf.data.Dataset.range(1, 5).map(lambda x: tf.fill([x], x))
print(list(ragged.padded_batch(2).as_numpy_iterator()))
padded = ragged.padded_batch(2, padded_shapes=[5], padding_values=tf.constant(-1, tf.int64))
print(padded.element_spec)

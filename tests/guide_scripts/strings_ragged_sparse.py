"""String, ragged and sparse tensors, as the tensor guide introduces them."""
import numpy as np
import tensorflow as tf

scalar_string = tf.constant("Gray wolf")
print(scalar_string)
tensor_of_strings = tf.constant(["Gray wolf", "Quick brown fox", "Lazy dog"])
print(tensor_of_strings)
print(tf.constant("🥳👍"))
print(tf.strings.split(scalar_string, sep=" "))
print(tf.strings.split(tensor_of_strings))
text = tf.constant("1 10 100")
print(tf.strings.to_number(tf.strings.split(text, " ")))
byte_strings = tf.strings.bytes_split(tf.constant("Duck"))
print("Byte strings:", byte_strings)
print(tf.strings.length(tensor_of_strings), tf.strings.upper(tensor_of_strings))
print(tf.strings.join(["a", "b"], separator="-"),
      tf.strings.reduce_join(tensor_of_strings, separator="|"))
print(tf.strings.as_string(tf.constant([1.5, 2.0])), scalar_string.numpy().decode())

ragged_list = [[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]]
try:
    tensor = tf.constant(ragged_list)
except Exception as e:
    print(f"{type(e).__name__}: cannot make a dense tensor")
ragged_tensor = tf.ragged.constant(ragged_list)
print(ragged_tensor)
print(ragged_tensor.shape)
print(ragged_tensor.row_lengths(), ragged_tensor.nrows(), ragged_tensor.values)
print(ragged_tensor.to_tensor())
print(ragged_tensor.to_list(), ragged_tensor[1])
rt = tf.RaggedTensor.from_row_splits(values=[3, 1, 4, 1, 5, 9, 2], row_splits=[0, 4, 4, 6, 7])
print(rt, rt.row_splits)
print(tf.RaggedTensor.from_row_lengths([3, 1, 4, 1, 5], [2, 0, 3]))
print(tf.ragged.map_flat_values(lambda v: v * 10, rt))
print(rt.dtype, rt.ragged_rank, repr(rt))

sparse_tensor = tf.sparse.SparseTensor(indices=[[0, 0], [1, 2]], values=[1, 2], dense_shape=[3, 4])
print(sparse_tensor, "\n")
print(tf.sparse.to_dense(sparse_tensor))
st = tf.sparse.from_dense(tf.constant([[0, 3], [5, 0]]))
print(st.indices, st.values, st.dense_shape)
print(tf.sparse.to_dense(tf.sparse.add(st, st)))
print(tf.sparse.reorder(tf.sparse.SparseTensor([[1, 0], [0, 1]], [7.0, 8.0], [2, 2])).indices)

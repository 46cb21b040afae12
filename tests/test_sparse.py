"""Sparse tensors, eagerly and in graphs: printed forms (as TensorFlow 2.21 prints them, checked
there), to_dense, from_dense, add, reorder and their errors; gradients are checked in
test_gradient_check.py."""
import numpy as np
import pytest

import minitf as tf


def _example():
    return tf.sparse.SparseTensor(indices=[[0, 0], [1, 2]], values=[1, 2], dense_shape=[3, 4])


def test_printed_eagerly():
    assert str(_example()) == (
        "SparseTensor(indices=tf.Tensor(\n[[0 0]\n [1 2]], shape=(2, 2), dtype=int64), "
        "values=tf.Tensor([1 2], shape=(2,), dtype=int32), "
        "dense_shape=tf.Tensor([3 4], shape=(2,), dtype=int64))")


def test_shape_and_dtype():
    st = _example()
    assert (st.shape, st.dtype, tf.SparseTensor is tf.sparse.SparseTensor) == \
        (tf.TensorShape([3, 4]), tf.int32, True)


def test_to_dense():
    dense = tf.sparse.to_dense(_example(), default_value=-1)
    assert dense.numpy().tolist() == [[1, -1, -1, -1], [-1, -1, 2, -1], [-1, -1, -1, -1]]


def test_to_dense_wants_ordered_indices():
    st = tf.sparse.SparseTensor([[1, 0], [0, 1]], [1.0, 2.0], [2, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = \[0,1\] is out of "
                                                             "order. Many sparse ops require"):
        tf.sparse.to_dense(st)
    assert tf.sparse.to_dense(tf.sparse.reorder(st)).numpy().tolist() == [[0, 2], [1, 0]]


def test_indices_outside_the_shape():
    st = tf.sparse.SparseTensor([[0, 5]], [1], [2, 2])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"indices\[0\] = \[0,5\] is out of bounds: need 0 <= index < \[2,2\]"):
        tf.sparse.to_dense(st)


def test_parts_that_do_not_fit():
    with pytest.raises(ValueError, match="Dimensions 1 and 2 are not compatible"):
        tf.sparse.SparseTensor([[0, 0]], [1, 2], [2, 2])


def test_from_dense():
    st = tf.sparse.from_dense([[1, 0], [0, 2]])
    assert (st.indices.numpy().tolist(), st.values.numpy().tolist()) == ([[0, 0], [1, 1]], [1, 2])


def test_add_two_sparse_tensors():
    total = tf.sparse.add(_example(), tf.sparse.SparseTensor([[0, 1], [1, 2]], [10, 5], [3, 4]))
    assert total.indices.numpy().tolist() == [[0, 0], [0, 1], [1, 2]]
    assert total.values.numpy().tolist() == [1, 10, 7]


def test_add_a_dense_tensor():
    total = tf.sparse.add(_example(), tf.ones([3, 4], tf.int32))
    assert total.numpy().sum() == 12 + 3


def test_add_needs_one_sparse_operand():
    with pytest.raises(TypeError, match="At least one input should be SparseTensor"):
        tf.sparse.add(tf.ones([2]), tf.ones([2]))


def test_in_a_graph(graph):
    st = _example()
    dense = tf.sparse.to_dense(tf.sparse.add(st, st))
    assert str(st.indices) == 'Tensor("SparseTensor/indices:0", shape=(2, 2), dtype=int64)'
    with tf.compat.v1.Session() as sess:
        value, d = sess.run([st, dense])
    assert repr(value) == ("SparseTensorValue(indices=array([[0, 0],\n       [1, 2]]), "
                           "values=array([1, 2], dtype=int32), dense_shape=array([3, 4]))")
    np.testing.assert_array_equal(d, [[2, 0, 0, 0], [0, 0, 4, 0], [0, 0, 0, 0]])


def test_gradients_reach_the_values():
    v = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(v)
        dense = tf.sparse.to_dense(tf.sparse.SparseTensor([[0, 1], [1, 0]], v, [2, 2]))
        loss = tf.reduce_sum(dense * [[1.0, 3.0], [5.0, 7.0]])
    assert tape.gradient(loss, v).numpy().tolist() == [3.0, 5.0]

"""Ragged tensors, eagerly and in graphs: construction, printed forms (as TensorFlow 2.21
prints them, checked there), dense padding, row lengths and Session values."""
import numpy as np
import pytest

import minitf as tf


def test_constant_prints_its_rows():
    r = tf.ragged.constant([[1, 2], [3], [], [4, 5, 6]])
    assert repr(r) == "<tf.RaggedTensor [[1, 2], [3], [], [4, 5, 6]]>"
    assert (r.shape, r.dtype, r.ragged_rank) == (tf.TensorShape([4, None]), tf.int32, 1)


def test_printed_forms_of_floats_strings_and_deeper_nesting():
    assert str(tf.ragged.constant([[1.5], [2.0, 3.0]])) == "<tf.RaggedTensor [[1.5], [2.0, 3.0]]>"
    assert str(tf.ragged.constant([["a", "b"], ["c"]])) == \
        "<tf.RaggedTensor [[b'a', b'b'], [b'c']]>"
    assert str(tf.ragged.constant([[[1, 2], [3]], [[4]]])) == \
        "<tf.RaggedTensor [[[1, 2], [3]], [[4]]]>"


def test_rows_of_one_length_print_as_numpy_does():
    assert str(tf.ragged.constant([[1, 2], [3, 4]])) == "<tf.RaggedTensor [[1, 2],\n [3, 4]]>"


def test_a_list_without_ragged_dimension_is_a_tensor():
    assert repr(tf.ragged.constant([])) == \
        "<tf.Tensor: shape=(0,), dtype=float32, numpy=array([], dtype=float32)>"


def test_scalars_at_different_depths():
    with pytest.raises(ValueError, match="all scalar values must have the same nesting depth"):
        tf.ragged.constant([[1, 2], 3])


def test_to_tensor_pads_rows():
    r = tf.ragged.constant([[1, 2], [3], []])
    assert r.to_tensor(default_value=-1).numpy().tolist() == [[1, 2], [3, -1], [-1, -1]]
    assert r.to_tensor(shape=[2, 3]).numpy().tolist() == [[1, 2, 0], [3, 0, 0]]


def test_to_tensor_of_two_ragged_dimensions():
    r = tf.ragged.constant([[[1, 2], [3]], [[4]]])
    assert r.to_tensor().numpy().tolist() == [[[1, 2], [3, 0]], [[4, 0], [0, 0]]]


def test_row_lengths_and_row_splits():
    r = tf.ragged.constant([[1, 2], [3], []])
    assert repr(r.row_lengths()) == \
        "<tf.Tensor: shape=(3,), dtype=int64, numpy=array([2, 1, 0])>"
    assert (r.row_splits.numpy().tolist(), int(r.nrows())) == ([0, 2, 3, 3], 3)


def test_numpy_and_to_list():
    r = tf.ragged.constant([[1, 2], [3]])
    assert r.to_list() == [[1, 2], [3]]
    assert [row.tolist() for row in r.numpy()] == [[1, 2], [3]]


def test_built_from_splits_lengths_or_row_ids():
    values = [1, 2, 3]
    rows = [tf.RaggedTensor.from_row_splits(values, [0, 2, 2, 3]),
            tf.RaggedTensor.from_row_lengths(values, [2, 0, 1]),
            tf.RaggedTensor.from_value_rowids(values, [0, 0, 2])]
    assert [r.to_list() for r in rows] == [[[1, 2], [], [3]]] * 3


def test_bad_row_splits():
    with pytest.raises(tf.errors.InvalidArgumentError, match="must equal the number of values"):
        tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 1, 5])


def test_arithmetic_on_the_values():
    r = tf.ragged.constant([[1, 2], [3]])
    assert (2 * r + r).to_list() == [[3, 6], [9]]
    assert tf.ragged.map_flat_values(tf.square, r).to_list() == [[1, 4], [9]]


def test_in_a_graph(graph):
    r = tf.ragged.constant([[1, 2], [3]])
    dense, lengths = r.to_tensor(), r.row_lengths()
    assert str(r) == ('tf.RaggedTensor(values=Tensor("RaggedConstant/values:0", shape=(3,), '
                      'dtype=int32), row_splits=Tensor("RaggedConstant/Const:0", shape=(3,), '
                      'dtype=int64))')
    assert str(dense) == \
        'Tensor("RaggedToTensor/RaggedTensorToTensor:0", shape=(2, None), dtype=int32)'
    with tf.compat.v1.Session() as sess:
        value, d, n = sess.run([r, dense, lengths])
    assert repr(value) == ("tf.RaggedTensorValue(values=array([1, 2, 3], dtype=int32), "
                           "row_splits=array([0, 2, 3]))")
    np.testing.assert_array_equal(d, [[1, 2], [3, 0]])
    assert n.tolist() == [2, 1]


def test_ragged_values_in_a_session_are_nested(graph):
    r = tf.ragged.constant([[[1, 2], [3]], [[4]]])
    with tf.compat.v1.Session() as sess:
        value = sess.run(r)
    assert (str(value), value.ragged_rank) == ("<tf.RaggedTensorValue [[[1, 2], [3]], [[4]]]>", 2)


def test_a_function_cannot_return_a_ragged_tensor_yet():
    split = tf.function(lambda lines: tf.strings.split(lines))
    with pytest.raises(TypeError, match="cannot return a RaggedTensor yet"):
        split(tf.constant(["a b"]))


# -- indexing (values checked against TensorFlow 2.21) ------------------------------------------
def test_an_int_index_gives_a_row_as_a_tensor():
    rt = tf.ragged.constant([[0, 1, 2], [3], [4, 5]])
    assert (rt[0].numpy().tolist(), rt[-1].numpy().tolist()) == ([0, 1, 2], [4, 5])


def test_a_slice_gives_rows_as_a_ragged_tensor():
    rt = tf.ragged.constant([[0, 1, 2], [3], [4, 5]])
    assert (rt[1:].to_list(), rt[-2:-1].to_list(), rt[2:1].to_list()) == ([[3], [4, 5]], [[3]], [])


def test_a_tuple_indexes_inside_a_row():
    rt = tf.ragged.constant([[[1], [2, 3]], [[4]]])
    assert (rt[0, 1].numpy().tolist(), int(rt[0, 1, 0])) == ([2, 3], 2)


def test_indexing_across_rows_is_refused():
    with pytest.raises(ValueError, match="row by row"):
        tf.ragged.constant([[1], [2]])[:, 0]

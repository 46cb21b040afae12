"""tf.strided_slice (a key spelled as begin, end, strides and masks), roll and meshgrid:
values, names, static shapes and errors, eagerly and in graphs. Every expected value, name
and message here was checked against TensorFlow 2.21."""
import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1
from minitf.framework.errors import InvalidArgumentError

X = np.array([[1, 2, 3], [4, 5, 6]], np.int32)


# -- strided_slice ----------------------------------------------------------------------------
@pytest.mark.parametrize("args, kwargs, expected", [
    (([0, 1], [2, 3]), {}, X[0:2, 1:3]),
    (([0, 1], [2, 3], [1, 2]), {}, X[0:2, 1:3:2]),
    (([1], [2]), dict(shrink_axis_mask=1), X[1]),
    (([0, 0], [0, 2]), dict(begin_mask=1, end_mask=1), X[:, 0:2]),
    (([0, 0], [1, 2]), dict(new_axis_mask=1), X[None, 0:2]),
    (([0, 1], [0, 2]), dict(ellipsis_mask=1), X[..., 1:2]),
    (([-1], [0], [-1]), {}, X[-1:0:-1]),
    (([0, 1], [1, 2]), dict(shrink_axis_mask=3), X[0, 1]),
])
def test_strided_slice_spells_a_key(args, kwargs, expected):
    np.testing.assert_array_equal(tf.strided_slice(X, *args, **kwargs).numpy(), expected)


def test_strided_slice_takes_int64_tensors():
    begin, end = tf.constant([0], tf.int64), tf.constant([1], tf.int64)
    assert tf.strided_slice(X, begin, end).numpy().tolist() == [[1, 2, 3]]


@pytest.mark.parametrize("args, kwargs, message", [
    (([0], [1], [0]), {}, "strides.0. must be non-zero"),
    (([0, 0, 0], [1, 1, 1]), {}, "Index out of range using input dim 2; input has only 2 dims"),
    (([5], [6]), dict(shrink_axis_mask=1), "slice index 5 of dimension 0 out of bounds."),
    (([0], [2, 3]), {}, r"^Expected begin, end, and strides to be 1D equal size tensors, but "
                        r"got shapes \[1\], \[2\], and \[1\] instead. \[Op:StridedSlice\]$"),
    ((0, 1), {}, r"but got shapes \[\], \[\], and \[\] instead"),
])
def test_bad_strided_slices_raise_eagerly(args, kwargs, message):
    with pytest.raises(InvalidArgumentError, match=message):
        tf.strided_slice(X, *args, **kwargs)


def test_strided_slice_in_a_graph(graph):
    k = v1.placeholder(tf.int32, [])
    p = v1.placeholder(tf.float32, [None, 3])
    outs = [tf.strided_slice(tf.constant(X), [0, 1], [2, 3]),
            tf.strided_slice(tf.constant(X), [k], [k + 1], shrink_axis_mask=1),
            tf.strided_slice(p, [0, 1], [0, 3], end_mask=1)]
    assert [(t.name, t.shape) for t in outs] == [
        ("StridedSlice:0", tf.TensorShape([2, 2])), ("StridedSlice_1:0", tf.TensorShape([3])),
        ("StridedSlice_2:0", tf.TensorShape([None, 2]))]
    with v1.Session() as sess:
        assert sess.run(outs[1], {k: 1}).tolist() == [4, 5, 6]


def test_strided_slice_needs_a_known_length_while_building(graph):  # TensorFlow does not
    with pytest.raises(ValueError, match="needs begin, end and strides of a length known"):
        tf.strided_slice(tf.constant(X), v1.placeholder(tf.int32, [None]), [1])


# -- roll -------------------------------------------------------------------------------------
@pytest.mark.parametrize("shift, axis, expected", [
    (1, 0, [[4, 5, 6], [1, 2, 3]]),
    ([1, 1], [0, 1], [[6, 4, 5], [3, 1, 2]]),
    ([1, 2], [1, 1], X.tolist()),              # the shifts of a repeated axis add up
    (-7, -1, [[2, 3, 1], [5, 6, 4]]),
    (tf.constant(1, tf.int64), 0, [[4, 5, 6], [1, 2, 3]]),
])
def test_roll_shifts_around(shift, axis, expected):
    assert tf.roll(X, shift, axis).numpy().tolist() == expected


@pytest.mark.parametrize("args, message", [
    ((X, 1, 2), r"^axis 2 is out of range \[Op:Roll\]$"),
    ((X, [1, 2], [0]), "shift and axis must have the same size"),
    ((5, 1, 0), "input must be 1-D or higher"),
    ((X, [[1]], [[0]]), r"shift must be a scalar or a 1-D vector. Found: \[1,1\]"),
])
def test_bad_rolls_raise_eagerly(args, message):
    with pytest.raises(InvalidArgumentError, match=message):
        tf.roll(*args)


def test_rolls_in_a_graph(graph):
    x = tf.constant(X)
    assert (tf.roll(x, 1, 0).name, tf.roll(v1.placeholder(tf.float32), 1, 0).shape) == \
        ("Roll:0", tf.TensorShape(None))
    with pytest.raises(ValueError, match="Dimension 0 in both shapes must be equal, but are 2 "
                                         r"and 1. Shapes are \[2\] and \[1\]"):
        tf.roll(x, [1, 2], [0])


def test_tensorflow_1_has_roll_too():
    assert v1.roll([1, 2, 3], 1, 0).numpy().tolist() == [3, 1, 2]


# -- meshgrid ---------------------------------------------------------------------------------
@pytest.mark.parametrize("indexing, expected", [
    ("xy", [[[1, 2]] * 3, [[3, 3], [4, 4], [5, 5]]]),
    ("ij", [[[1, 1, 1], [2, 2, 2]], [[3, 4, 5]] * 2]),
])
def test_meshgrid_repeats_each_vector_along_its_dimension(indexing, expected):
    grids = tf.meshgrid([1, 2], [3, 4, 5], indexing=indexing)
    assert [g.numpy().tolist() for g in grids] == expected


def test_meshgrid_of_three_and_of_one_and_of_none():
    shapes = [g.shape for g in tf.meshgrid([1, 2], [3], [4, 5, 6])]
    assert (shapes, tf.meshgrid([[1, 2]])[0].numpy().tolist(), tf.meshgrid()) == \
        ([tf.TensorShape([1, 2, 3])] * 3, [1, 2], [])


def test_meshgrid_is_named_as_tensorflows(graph):
    ids = v1.placeholder(tf.int32, [None])
    assert [(g.name, g.shape) for g in tf.meshgrid(ids, tf.constant([1, 2]), indexing="ij")] \
        == [("meshgrid/mul:0", tf.TensorShape([None, 2])),
            ("meshgrid/mul_1:0", tf.TensorShape([None, 2]))]


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(indexing="xx"), ValueError,
     "Argument `indexing` parameter must be either 'xy' or 'ij', got 'xx'"),
    (dict(foo=1), TypeError, "'foo' is an invalid keyword argument for this function"),
])
def test_bad_meshgrid_arguments_raise(kwargs, error, message):
    with pytest.raises(error, match=message):
        tf.meshgrid([1, 2], **kwargs)


def test_meshgrid_vectors_share_a_dtype():
    with pytest.raises(InvalidArgumentError, match="cannot compute Mul"):
        tf.meshgrid([1, 2], [3.0, 4.0])

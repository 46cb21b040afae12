"""sort, argsort, top_k, unique (with counts) and bincount: values, printed forms, static shapes
and errors, eagerly and in graphs. Every expected value, name and message here was checked
against TensorFlow 2.21."""
import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1
from minitf.framework.errors import InvalidArgumentError

X = [[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]]


# -- top_k ------------------------------------------------------------------------------------
def test_top_k_prints_as_a_named_pair():
    assert repr(tf.math.top_k([3, 1, 2], 2)) == (
        "TopKV2(values=<tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 2], dtype=int32)>, "
        "indices=<tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 2], dtype=int32)>)")


def test_top_k_puts_equal_values_by_index_and_nans_last():
    ties, nans = tf.math.top_k([1.0, 1.0, 1.0], 2), tf.math.top_k([1.0, np.nan, 3.0], 3)
    assert (ties.indices.numpy().tolist(), nans.indices.numpy().tolist()) == ([0, 1], [2, 0, 1])


def test_top_k_takes_index_type_and_k_as_a_tensor():
    chosen = tf.nn.top_k(tf.constant(X), tf.constant(2), index_type=tf.int64)
    assert (chosen.indices.dtype, chosen.values.numpy().tolist()) == \
        (tf.int64, [[3.0, 2.0], [5.0, 4.0]])


def test_unsorted_top_k_keeps_the_order_of_the_indices():  # TensorFlow leaves it open
    assert tf.math.top_k([3, 1, 2, 5, 4], 3, sorted=False).indices.numpy().tolist() == [0, 3, 4]


@pytest.mark.parametrize("args, message", [
    ((X, 4), r"^input must have at least k columns. Had 3, needed 4 \[Op:TopKV2\]$"),
    ((X, -1), "Need k >= 0, got -1"),
    ((3.0, 1), r"input must be >= 1-D, got shape \[\]"),
    ((X, [2]), r"k must be scalar, got shape \[1\]"),
    (([True], 1), "Value for attr 'T' of bool is not in the list of allowed values"),
])
def test_bad_top_k_arguments_raise_eagerly(args, message):
    with pytest.raises(InvalidArgumentError, match=message):
        tf.math.top_k(*args)


@pytest.mark.parametrize("args, message", [
    ((X, 4), "input must have last dimension >= k = 4 but is 3 for '{{node TopKV2}}"),
    ((X, -1), "Dimension size, given by scalar input 1, must be non-negative but is -1"),
    ((1.0, 1), "Shape must be at least rank 1 but is rank 0"),
])
def test_bad_top_k_arguments_raise_while_building(graph, args, message):
    with pytest.raises(ValueError, match=message):
        tf.math.top_k(*args)


def test_top_k_shapes_in_a_graph(graph):
    k = v1.placeholder(tf.int32, [])
    shapes = [tf.math.top_k(tf.constant(X), k).values.shape,
              tf.math.top_k(v1.placeholder(tf.float32), 2).indices.shape]
    assert shapes == [tf.TensorShape([2, None]), tf.TensorShape(None)]


# -- sort and argsort -------------------------------------------------------------------------
@pytest.mark.parametrize("values, dtype", [
    ([3, -2 ** 31, 2 ** 31 - 1, 0], tf.int32),   # no overflow at the ends of the range
    ([200, 0, 255, 7], tf.uint8),
    ([1.5, -np.inf, 0.0, -1.0], tf.float64),
])
def test_sort_goes_both_ways_for_every_kind_of_number(values, dtype):
    x = tf.constant(values, dtype)
    up, down = tf.sort(x), tf.sort(x, direction="DESCENDING")
    assert (up.numpy().tolist(), down.numpy().tolist()) == (sorted(values),
                                                            sorted(values, reverse=True))


def test_argsort_is_stable_in_both_directions():
    x = [2, 1, 2, 1]
    assert (tf.argsort(x).numpy().tolist(),
            tf.argsort(x, direction="DESCENDING", stable=True).numpy().tolist()) == \
        ([1, 3, 0, 2], [0, 2, 1, 3])


def test_sort_along_an_inner_axis_transposes_as_tensorflow(graph):
    p = v1.placeholder(tf.float32, [None, 3])
    out = [tf.sort(tf.constant(X)), tf.argsort(p, axis=0)]
    assert [t.name for t in out] == ["sort/Neg_1:0", "argsort/transpose_1:0"]
    assert [t.shape for t in out] == [tf.TensorShape([2, 3]), tf.TensorShape([None, 3])]


def test_sort_of_an_unknown_rank_works_out_the_transposition(graph):
    x = v1.placeholder_with_default(np.array([[3.0, 1.0], [0.0, 5.0]]), None)
    with v1.Session() as sess:
        assert sess.run(tf.sort(x, axis=0)).tolist() == [[0.0, 1.0], [3.0, 5.0]]


@pytest.mark.parametrize("kwargs, message", [
    (dict(direction="UP"), "Argument `direction` should be one of ASCENDING, DESCENDING. "
                           "Received: direction=UP"),
    (dict(axis=2), "slice index 2 of dimension 0 out of bounds"),
])
def test_bad_sort_arguments_raise(graph, kwargs, message):
    with pytest.raises(ValueError, match=message):
        tf.sort(tf.constant(X), **kwargs)


def test_sort_needs_a_constant_axis(graph):
    with pytest.raises(ValueError, match="Argument `axis` must be a constant scalar"):
        tf.sort(tf.constant(X), axis=v1.placeholder(tf.int32, []))


# -- unique -----------------------------------------------------------------------------------
def test_unique_prints_as_a_named_pair():
    assert repr(tf.unique([3, 1, 3, 2])) == (
        "Unique(y=<tf.Tensor: shape=(3,), dtype=int32, numpy=array([3, 1, 2], dtype=int32)>, "
        "idx=<tf.Tensor: shape=(4,), dtype=int32, numpy=array([0, 1, 0, 2], dtype=int32)>)")


@pytest.mark.parametrize("x, y, idx", [
    (["b", "a", "b"], [b"b", b"a"], [0, 1, 0]),
    ([True, False, True], [True, False], [0, 1, 0]),
    ([1.0, np.nan, np.nan, 1.0], [1.0, np.nan, np.nan], [0, 1, 2, 0]),  # NaN equals nothing
    (np.zeros([0], np.float32), [], []),
])
def test_unique_of_every_dtype(x, y, idx):
    out = tf.unique(x)
    np.testing.assert_array_equal(out.y.numpy(), np.array(y, out.y.dtype.as_numpy_dtype))
    assert out.idx.numpy().tolist() == idx


def test_unique_with_counts_counts():
    out = tf.unique_with_counts([3, 1, 3, 2], out_idx=tf.int64)
    assert (out.count.numpy().tolist(), out.idx.dtype) == ([2, 1, 1], tf.int64)


def test_unique_in_a_graph_knows_only_the_idx_shape(graph):
    out = tf.unique_with_counts(tf.constant([1, 1, 2]))
    assert [t.shape for t in out] == [tf.TensorShape([None]), tf.TensorShape([3]),
                                      tf.TensorShape([None])]


@pytest.mark.parametrize("call, error, message", [
    (lambda: tf.unique([[1]]), InvalidArgumentError, r"^unique expects a 1D vector. \[Op:Unique\]"),
    (lambda: tf.unique([1, 2], out_idx=tf.float32), InvalidArgumentError,
     "Value for attr 'out_idx' of float32 is not in the list of allowed values: int32, int64"),
])
def test_bad_unique_arguments_raise(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_unique_of_a_matrix_is_refused_while_building(graph):
    with pytest.raises(ValueError, match="Shape must be rank 1 but is rank 2"):
        tf.unique(tf.constant(X))


# -- bincount ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, expected", [
    (dict(), [0, 2, 0, 1]),
    (dict(minlength=6), [0, 2, 0, 1, 0, 0]),
    (dict(maxlength=2), [0, 2]),
    (dict(weights=[0.5, 1.0, 2.0]), [0.0, 1.5, 0.0, 2.0]),
    (dict(dtype=tf.float32), [0.0, 2.0, 0.0, 1.0]),
    (dict(binary_output=True), [0, 1, 0, 1]),
])
def test_bincount_counts_and_weighs(kwargs, expected):
    assert tf.math.bincount([1, 1, 3], **kwargs).numpy().tolist() == expected


def test_bincount_per_row():
    counts = tf.math.bincount([[1, 2], [2, 2]], weights=[[1.0, 2.0], [3.0, 4.0]], axis=-1)
    assert counts.numpy().tolist() == [[0.0, 1.0, 2.0], [0.0, 0.0, 7.0]]


def test_bincount_of_floats_or_nothing():
    assert (tf.math.bincount([1.0, 2.0]).numpy().tolist(),
            tf.math.bincount(tf.zeros([0], tf.int32)).numpy().tolist()) == ([0, 1, 1], [])


def test_bincount_is_named_as_tensorflows(graph):
    assert tf.math.bincount(v1.placeholder(tf.int32, [None])).name == "bincount/DenseBincount:0"


@pytest.mark.parametrize("call, error, message", [
    (lambda: tf.math.bincount([1, -1]), InvalidArgumentError, "Input arr must be non-negative!"),
    (lambda: tf.math.bincount([1, 1], weights=[1.0]), InvalidArgumentError,
     r"`weights` must be the same shape as `arr` or a length-0 `Tensor`.*Received \[1\]"),
    (lambda: tf.math.bincount([1], axis=1), ValueError,
     "Unsupported value for argument axis=1. Only 0 and -1 are currently supported."),
    (lambda: tf.math.bincount([1], weights=[1.0], binary_output=True), ValueError,
     "Arguments `binary_output` and `weights` are mutually exclusive"),
])
def test_bad_bincount_arguments_raise(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_tensorflow_1_bincount_has_no_axis():
    with pytest.raises(TypeError):
        v1.bincount([1], axis=0)

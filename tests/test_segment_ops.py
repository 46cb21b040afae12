"""The segment reductions, sorted (segment_sum/mean/max/min) and unsorted
(unsorted_segment_sum/mean/max/min): values, empty and dropped segments, gradients with ties,
static shapes and errors, eagerly and in graphs. Every expected value and message here was
checked against TensorFlow 2.21."""
import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1
from minitf.framework.errors import InvalidArgumentError

X = [[3.0, 1.0, 3.0], [0.0, 5.0, 4.0], [3.0, 1.0, 1.0]]
LOWEST = float(np.finfo(np.float32).min)


@pytest.mark.parametrize("fn, expected", [
    (tf.math.segment_sum, [[3, 6, 7], [0, 0, 0], [3, 1, 1]]),
    (tf.math.segment_mean, [[1.5, 3, 3.5], [0, 0, 0], [3, 1, 1]]),
    (tf.math.segment_max, [[3, 5, 4], [0, 0, 0], [3, 1, 1]]),   # an empty segment gives 0
    (tf.math.segment_min, [[0, 1, 3], [0, 0, 0], [3, 1, 1]]),
])
def test_sorted_segments_reduce_their_rows(fn, expected):
    assert fn(X, [0, 0, 2]).numpy().tolist() == expected


def test_an_integer_segment_mean_truncates():
    assert tf.math.segment_mean([1, 2, 4, -3], [0, 0, 1, 2]).numpy().tolist() == [1, 4, -3]


@pytest.mark.parametrize("fn, expected", [
    (tf.math.unsorted_segment_sum, [[0, 0, 0], [0, 0, 0], [6, 2, 4]]),
    (tf.math.unsorted_segment_mean, [[0, 0, 0], [0, 0, 0], [3, 1, 2]]),
    (tf.math.unsorted_segment_max, [[LOWEST] * 3, [LOWEST] * 3, [3, 1, 3]]),
    (tf.math.unsorted_segment_min, [[-LOWEST] * 3, [-LOWEST] * 3, [3, 1, 1]]),
])
def test_unsorted_segments_drop_negative_ids(fn, expected):
    assert fn(X, [2, -1, 2], 3).numpy().tolist() == expected


def test_unsorted_ids_may_have_the_shape_of_leading_dimensions():
    out = tf.math.unsorted_segment_sum([[1, 2], [3, 4]], [[0, 1], [1, -1]], 2)
    assert out.numpy().tolist() == [1, 5]


def test_an_integer_unsorted_mean_is_float64_as_division_makes_it():
    out = tf.math.unsorted_segment_mean([1, 2, 4], [0, 0, 1], 2)
    assert (out.dtype, out.numpy().tolist()) == (tf.float64, [1.5, 4.0])


def weighted_gradient(fn, x):
    """The gradient of sum(fn(x) * [1, 2, 3, ...]) (so that each output's share shows)."""
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
        weights = tf.reshape(tf.range(1, tf.size(y) + 1), tf.shape(y))
        loss = tf.reduce_sum(y * tf.cast(weights, y.dtype))
    return tape.gradient(loss, x).numpy().tolist()


@pytest.mark.parametrize("fn, expected", [
    # ties share the gradient of their segment's max or min equally
    (lambda x: tf.math.segment_max(x, [0, 0, 1]), [[1, 0, 0], [0, 2, 3], [4, 5, 6]]),
    (lambda x: tf.math.segment_min(x, [0, 0, 2]), [[0, 2, 3], [1, 0, 0], [7, 8, 9]]),
    (lambda x: tf.math.segment_mean(x, [0, 0, 2]), [[0.5, 1, 1.5], [0.5, 1, 1.5], [7, 8, 9]]),
    (lambda x: tf.math.unsorted_segment_max(x, [1, -1, 1], 3), [[2, 2.5, 6], [0, 0, 0],
                                                               [2, 2.5, 0]]),
    (lambda x: tf.math.unsorted_segment_mean(x, [1, -1, 1], 3), [[2, 2.5, 3], [0, 0, 0],
                                                                [2, 2.5, 3]]),
    (lambda x: tf.math.unsorted_segment_sum(x, [1, -1, 1], 3), [[4, 5, 6], [0, 0, 0],
                                                               [4, 5, 6]]),
])
def test_gradients_are_tensorflows(fn, expected):
    assert weighted_gradient(fn, X) == expected


def test_shapes_in_a_graph(graph):
    p = v1.placeholder(tf.float32, [None, 3])
    ids = v1.placeholder(tf.int32, [None])
    shapes = [tf.math.segment_sum(p, ids).shape, tf.math.unsorted_segment_sum(p, ids, 4).shape,
              tf.math.unsorted_segment_mean(p, ids, 4).shape,
              tf.math.unsorted_segment_max(tf.constant(X), [[0, 1, 1], [0, 0, 0], [1, 1, 1]],
                                           2).shape]
    assert shapes == [tf.TensorShape(s) for s in ([None, 3], [4, 3], [4, 3], [2])]


def test_names_in_a_graph(graph):
    outs = [tf.math.segment_max(tf.constant(X), [0, 0, 1]),
            tf.math.unsorted_segment_mean(tf.constant(X), [1, 0, 1], 2)]
    assert [t.name for t in outs] == ["SegmentMax:0", "UnsortedSegmentMean/truediv:0"]


@pytest.mark.parametrize("call, message", [
    (lambda: tf.math.segment_sum(X, [1, 0, 2]), r"^segment ids are not increasing \[Op:"),
    (lambda: tf.math.segment_sum(X, [0, 1]),
     "segment_ids should be the same size as dimension 0 of input."),
    (lambda: tf.math.segment_sum(X, [-1, 0, 0]), r"Segment id -1 out of range \[0, 1\), "
                                                 "possibly because 'segment_ids' input is not "
                                                 "sorted."),
    (lambda: tf.math.segment_sum(X, [[0, 0, 1]]), "segment_ids should be a vector."),
    (lambda: tf.math.segment_sum(5.0, [0]), "input must be at least rank 1"),
    (lambda: tf.math.segment_sum([True], [0]), "Value for attr 'T' of bool"),
    (lambda: tf.math.unsorted_segment_sum(X, [2, 5, 2], 3),
     r"segment_ids\[1\] = 5 is out of range \[0, 3\)"),
    (lambda: tf.math.unsorted_segment_sum(X, [2, 0], 3),
     r"data.shape = \[3,3\] does not start with segment_ids.shape = \[2\]"),
    (lambda: tf.math.unsorted_segment_sum(X, [0, 1, 1], -1),
     "Input num_segments == -1 must not be negative."),
    (lambda: tf.math.unsorted_segment_sum(X, [0, 1, 1], [2]),
     r"num_segments should be a scalar, not shape \[1\]"),
])
def test_bad_segments_raise_eagerly(call, message):
    with pytest.raises(InvalidArgumentError, match=message):
        call()


@pytest.mark.parametrize("call, message", [
    (lambda x: tf.math.segment_sum(x, [[0, 0]]), "Shape must be rank 1 but is rank 2"),
    (lambda x: tf.math.segment_sum(x[0, 0], [0]), "Shape must be at least rank 1 but is rank 0"),
    (lambda x: tf.math.unsorted_segment_sum(x, [0, 1], 2),
     "Dimensions must be equal, but are 3 and 2 for '{{node UnsortedSegmentSum}}"),
    (lambda x: tf.math.unsorted_segment_sum(x, [0, 1, 1], [2]),
     "Shape must be rank 0 but is rank 1"),
])
def test_bad_segments_raise_while_building(graph, call, message):
    with pytest.raises(ValueError, match=message):
        call(tf.constant(X))


def test_ids_out_of_order_fail_when_the_graph_runs(graph):
    ids = v1.placeholder(tf.int32, [None])
    total = tf.math.segment_sum(tf.constant(X), ids)
    with v1.Session() as sess:
        with pytest.raises(InvalidArgumentError, match="segment ids are not increasing"):
            sess.run(total, {ids: [1, 0, 2]})


def test_the_tensorflow_1_names_are_at_the_top():
    assert v1.segment_sum([1, 2], [0, 0]).numpy().tolist() == [3]
    assert v1.unsorted_segment_max([1, 2], [1, 0], 2).numpy().tolist() == [2, 1]

"""TF1 dataset iterators in a graph: `get_next()` tensors that each `Session.run` advances, per
session; one-shot and initializable iterators, re-initialization, and TensorFlow's errors. The
names and messages were checked against TensorFlow 2.21 (`compat.v1`, eager execution off)."""
import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import FailedPreconditionError, InvalidArgumentError, OutOfRangeError

v1 = tf.compat.v1
Dataset = v1.data.Dataset


def run_all(sess, x):
    """What `sess.run(x)` gives until the end of the sequence."""
    out = []
    while True:
        try:
            out.append(np.asarray(sess.run(x)).tolist())
        except OutOfRangeError:
            return out


def test_get_next_gives_graph_tensors_named_like_tensorflow(graph):
    x, y = v1.data.make_one_shot_iterator(
        Dataset.from_tensor_slices((np.arange(3), np.arange(3.0)))).get_next()
    assert (str(x), str(y)) == ('Tensor("IteratorGetNext:0", shape=(), dtype=int64)',
                                'Tensor("IteratorGetNext:1", shape=(), dtype=float64)')


def test_the_graph_holds_the_source_constants_and_the_iterator_ops(graph):
    v1.data.make_one_shot_iterator(Dataset.from_tensor_slices(([1], [2.0]))).get_next()
    # TensorFlow also has dataset ops (TensorSliceDataset); minitf computes datasets in Python.
    assert [(op.name, op.type) for op in graph.get_operations()] == [
        ("normalize_element/component_0", "Const"), ("normalize_element/component_1", "Const"),
        ("OneShotIterator", "OneShotIterator"), ("IteratorGetNext", "IteratorGetNext")]


def test_each_run_advances_the_iterator_once(graph):
    x, y = v1.data.make_one_shot_iterator(
        Dataset.from_tensor_slices(([1, 2, 3], [10, 20, 30]))).get_next()
    with v1.Session() as sess:
        assert [sess.run([x, y]), sess.run(x), sess.run(y)] == [[1, 10], 2, 30]


def test_the_end_raises_out_of_range_every_time(graph):
    x = v1.data.make_one_shot_iterator(Dataset.range(1)).get_next()
    with v1.Session() as sess:
        sess.run(x)
        for _ in range(2):
            with pytest.raises(OutOfRangeError) as e:
                sess.run(x)
            assert "End of sequence\n\t [[{{node IteratorGetNext}}]]" in e.value.message


def test_each_session_has_its_own_iterator(graph):
    x = Dataset.range(3).make_one_shot_iterator().get_next()
    first, second = v1.Session(), v1.Session()
    assert [first.run(x), first.run(x), second.run(x)] == [0, 1, 0]


def test_dict_elements_and_the_v1_properties(graph):
    it = v1.data.make_one_shot_iterator(Dataset.from_tensor_slices({"a": [1, 2], "b": [[1.0]] * 2}))
    assert (it.output_types, it.output_shapes) == ({"a": tf.int32, "b": tf.float32},
                                                   {"a": tf.TensorShape([]),
                                                    "b": tf.TensorShape([1])})
    with v1.Session() as sess:
        assert run_all(sess, it.get_next()) == [{"a": 1, "b": [1.0]}, {"a": 2, "b": [1.0]}]


def test_a_graph_pipeline_runs_its_map_functions_in_the_session(graph):
    x = v1.data.make_one_shot_iterator(
        Dataset.range(4).map(lambda v: v * v).filter(lambda v: v > 0).batch(2)).get_next()
    assert x.shape.as_list() == [None]
    with v1.Session() as sess:
        assert run_all(sess, x) == [[1, 4], [9]]


def test_an_initializable_iterator_reads_placeholders_fed_to_its_initializer(graph):
    p = v1.placeholder(tf.float32, [None, 2])
    it = v1.data.make_initializable_iterator(Dataset.from_tensor_slices(p).map(lambda v: v * 2))
    x = it.get_next()
    with v1.Session() as sess:
        sess.run(it.initializer, feed_dict={p: np.ones((2, 2))})
        first = run_all(sess, x)
        sess.run(it.initializer, feed_dict={p: np.zeros((1, 2))})
        assert (first, run_all(sess, x)) == ([[2.0, 2.0], [2.0, 2.0]], [[0.0, 0.0]])


def test_get_next_before_the_initializer_fails(graph):
    it = v1.data.make_initializable_iterator(Dataset.range(2))
    x = it.get_next()
    with pytest.raises(FailedPreconditionError, match="GetNext\\(\\) failed because the iterator "
                                                      "has not been initialized"):
        v1.Session().run(x)


def test_graph_op_names_of_an_initializable_iterator(graph):
    it = v1.data.make_initializable_iterator(Dataset.range(2))
    assert (it.initializer.name, it.get_next().name, it.get_next().name) == \
        ("MakeIterator", "IteratorGetNext:0", "IteratorGetNext_1:0")


def test_reinitializing_a_seeded_shuffle_repeats_its_order(graph):
    it = v1.data.make_initializable_iterator(Dataset.range(12).shuffle(12, seed=3))
    x = it.get_next()
    orders = []
    for sess in (v1.Session(), v1.Session()):
        for _ in range(2):
            sess.run(it.initializer)
            orders.append(run_all(sess, x))
    assert sorted(orders[0]) == list(range(12)) and orders == [orders[0]] * 4


def test_one_iterator_from_structure_serves_two_datasets(graph):
    it = v1.data.Iterator.from_structure(tf.int64, tf.TensorShape([]))
    train, test = it.make_initializer(Dataset.range(3)), it.make_initializer(Dataset.range(7, 9))
    x = it.get_next()
    with v1.Session() as sess:
        sess.run(train)
        first = run_all(sess, x)
        sess.run(test)
        assert (first, run_all(sess, x)) == ([0, 1, 2], [7, 8])


@pytest.mark.parametrize("dataset, error, message", [
    (Dataset.range(3).map(lambda x: tf.cast(x, tf.int32)), TypeError,
     "Expected output types tf.int64 but got dataset with output types tf.int32."),
    (Dataset.range(3).batch(2), TypeError, "Expected output shapes compatible with "
     "TensorShape([]) but got dataset with output shapes TensorShape([None])."),
    (Dataset.zip(Dataset.range(3), Dataset.range(3)), ValueError,
     "The two structures don't have the same nested structure"),
])
def test_make_initializer_checks_the_dataset_fits(graph, dataset, error, message):
    it = v1.data.Iterator.from_structure(tf.int64, tf.TensorShape([]))
    with pytest.raises(error) as e:
        it.make_initializer(dataset)
    assert str(e.value).startswith(message)


def test_a_one_shot_iterator_has_no_initializer(graph):
    it = v1.data.make_one_shot_iterator(Dataset.range(3))
    with pytest.raises(ValueError, match="The iterator does not have an initializer"):
        it.initializer


def test_a_one_shot_iterator_cannot_read_a_placeholder(graph):
    p = v1.placeholder(tf.float32, [None])
    with pytest.raises(ValueError, match=r"^Cannot capture a placeholder \(name:Placeholder, "
                                         r"type:Placeholder\) by value.$"):
        v1.data.make_one_shot_iterator(Dataset.from_tensor_slices(p))


def test_batching_elements_of_different_shapes_fails_in_the_session(graph):
    ragged = Dataset.from_tensor_slices([1, 2]).map(tf.range)
    x, _ = v1.data.make_one_shot_iterator(Dataset.zip(ragged, ragged).batch(2)).get_next()
    with pytest.raises(InvalidArgumentError) as e:
        v1.Session().run(x)
    assert ("Cannot batch tensors with different shapes in component 0. First element had shape "
            "[1] and element 1 had shape [2].\n\t [[{{node IteratorGetNext}}]]") in e.value.message


def test_a_v1_script_with_eager_execution_disabled():
    v1.disable_eager_execution()
    features = v1.placeholder(tf.float32, [None, 1])
    it = v1.data.make_initializable_iterator(
        Dataset.from_tensor_slices(features).shuffle(4, seed=1).batch(2))
    batch = it.get_next()
    total = v1.reduce_sum(batch)
    with v1.Session() as sess:
        sess.run(it.initializer, feed_dict={features: [[1.0], [2.0], [3.0], [4.0]]})
        assert sess.run(total) + sess.run(total) == 10.0


def test_eagerly_a_one_shot_iterator_is_a_python_iterator_and_initializable_fails():
    assert next(v1.data.make_one_shot_iterator(Dataset.range(3))).numpy() == 0
    with pytest.raises(RuntimeError, match="`make_initializable_iterator\\(\\)` is not "
                                           "supported in eager mode"):
        v1.data.make_initializable_iterator(Dataset.range(3))

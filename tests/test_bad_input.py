"""Bad input to tf.data, cond / switch_case / case, while_loop and the summaries: TensorFlow's
error (class and message, checked against TensorFlow 2.21 with TensorBoard 2.21), and nothing
changed by the failed call: a function whose trace fails has run nothing (its variables keep
their values), a summary that fails writes no event, and an iterator goes on with the next
batch after one that could not be made (TensorFlow's iterators take that batch's elements and
give the next batch on the next call).
"""
import re

import numpy as np
import pytest

import minitf as tf
from minitf.data import Dataset
from minitf.framework.errors import InvalidArgumentError, UnimplementedError

event_accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
v1 = tf.compat.v1


def ragged_batches():
    """Elements of shapes [1], [2], [3], batched two by two: the first batch cannot be made."""
    return Dataset.range(1, 4).map(lambda n: tf.ones([n])).batch(2)


def traced_after_an_update(build):
    """A function that adds 1 to a counter and then calls `build`; returns (function, counter).
    The 1 is captured, so the ops of `build` are named as they would be in a graph of their
    own ("Const:0")."""
    counter, one = tf.Variable(0), tf.constant(1)

    @tf.function
    def f():
        counter.assign_add(one)
        return build()
    return f, counter


_CANNOT_BATCH = ("Cannot batch tensors with different shapes in component 0. First element had "
                 "shape [1] and element 1 had shape [2].")


# -- tf.data ------------------------------------------------------------------------------------
def test_an_eager_iterator_goes_on_after_a_batch_of_mismatched_shapes():
    it = iter(ragged_batches())
    with pytest.raises(InvalidArgumentError, match=re.escape(_CANNOT_BATCH)):
        next(it)
    assert next(it).numpy().tolist() == [[1.0, 1.0, 1.0]]


def test_a_v1_iterator_goes_on_after_a_batch_of_mismatched_shapes(graph):
    element = v1.data.make_one_shot_iterator(ragged_batches()).get_next()
    with v1.Session() as sess:
        with pytest.raises(InvalidArgumentError, match=re.escape(_CANNOT_BATCH)):
            sess.run(element)
        assert sess.run(element).tolist() == [[1.0, 1.0, 1.0]]


def test_a_loop_over_mismatched_batches_in_a_function_fails_before_running():
    def total():
        s = tf.constant(0.0)
        for x in ragged_batches():
            s += tf.reduce_sum(x)
        return s
    f, counter = traced_after_an_update(total)
    with pytest.raises(InvalidArgumentError, match=re.escape(_CANNOT_BATCH)):
        f()
    assert int(counter) == 0


@pytest.mark.parametrize("components", [
    (np.ones((3, 2)), np.ones(4)),
    {"a": np.ones((3, 2)), "b": np.ones(4)},
    (tf.ones((3, 2)), tf.ones(4)),
], ids=["tuple", "dict", "tensors"])
def test_from_tensor_slices_of_different_first_dimensions_names_them(components):
    with pytest.raises(ValueError, match="Dimensions 3 and 4 are not compatible"):
        Dataset.from_tensor_slices(components)


# -- cond, switch_case, case --------------------------------------------------------------------
def _pair_or_one(x):
    return tf.cond(x > 0, lambda: (x, x), lambda: x)


def _float_or_int(x):
    return tf.cond(x > 0, lambda: tf.constant(1.0), lambda: tf.constant(1))


def _keys(x):
    return tf.cond(x > 0, lambda: {"a": x}, lambda: {"b": x})


def _tensor_or_none(x):
    return tf.cond(x > 0, lambda: x, lambda: None)


def _switch_pair_or_one(x):
    return tf.switch_case(tf.constant(0), [lambda: (x, x), lambda: x])


def _switch_dtypes(x):
    return tf.switch_case(tf.constant(0), [lambda: x, lambda: x, lambda: tf.constant(1)])


def _case_dtypes(x):
    return tf.case([(x > 0, lambda: tf.constant(1.0))], default=lambda: tf.constant(1))


_BRANCH_ERRORS = [
    (_pair_or_one, AssertionError, "true_fn returns 2 values and false_fn 1: [2, 1]"),
    (_float_or_int, TypeError, "true_fn and false_fn arguments to tf.cond must have the same "
                               "number, type, and overall structure of return values."),
    (_keys, TypeError, "true_fn output: {'a':"),
    (_tensor_or_none, ValueError, "One returns None where the other returns a tensor"),
    (_switch_pair_or_one, AssertionError, "branches[0] returns 2 values and branches[1] 1"),
    (_switch_dtypes, TypeError, "branches[0] and branches[2] arguments to tf.switch_case must "
                                "have the same number, type, and overall structure"),
    (_case_dtypes, TypeError, "have different types"),
]


@pytest.mark.parametrize("build, error, message", _BRANCH_ERRORS,
                         ids=[b.__name__.strip("_") for b, _, _ in _BRANCH_ERRORS])
def test_branches_that_disagree_fail_a_function_before_it_runs(build, error, message):
    f, counter = traced_after_an_update(lambda: build(tf.constant(1.0)))
    with pytest.raises(error, match=re.escape(message)):
        f()
    assert int(counter) == 0


@pytest.mark.parametrize("build, error, message", _BRANCH_ERRORS,
                         ids=[b.__name__.strip("_") for b, _, _ in _BRANCH_ERRORS])
def test_branches_that_disagree_fail_in_a_graph(graph, build, error, message):
    with pytest.raises(error, match=re.escape(message)):
        build(v1.placeholder(tf.float32, []))


def test_eager_cond_runs_only_its_branch_so_the_other_may_disagree():
    assert [float(t) for t in _pair_or_one(tf.constant(1.0))] == [1.0, 1.0]


# -- while_loop ---------------------------------------------------------------------------------
def _doubling():
    x = tf.constant([1.0])
    return tf.while_loop(lambda x: tf.size(x) < 4, lambda x: [tf.concat([x, x], 0)], [x])


def _to_int():
    x = tf.constant(1.0)
    return tf.while_loop(lambda x: x < 4, lambda x: [tf.cast(x, tf.int32) + 1], [x])


def _one_more():
    x = tf.constant(1.0)
    return tf.while_loop(lambda x: x < 4, lambda x: (x + 1, x), [x])


_LOOP_ERRORS = [
    (_doubling, ValueError, "Input tensor `Const:0` enters the loop with shape (1,), but has "
                            "shape (2,) after one iteration. To allow the shape to vary across "
                            "iterations, use the `shape_invariants` argument of tf.while_loop to "
                            "specify a less-specific shape."),
    (_to_int, TypeError, "Loop var Const:0 enters the loop with type <dtype: 'float32'> but has "
                         "type <dtype: 'int32'> after 1 iteration. Const:0 type should remain "
                         "constant."),
    (_one_more, ValueError, "The two structures don't have the same number of elements"),
]


@pytest.mark.parametrize("build, error, message", _LOOP_ERRORS,
                         ids=[b.__name__.strip("_") for b, _, _ in _LOOP_ERRORS])
def test_a_loop_body_that_changes_a_variable_fails_a_function_before_it_runs(build, error,
                                                                             message):
    f, counter = traced_after_an_update(build)
    with pytest.raises(error, match=re.escape(message)):
        f()
    assert int(counter) == 0


@pytest.mark.parametrize("build, error, message", _LOOP_ERRORS,
                         ids=[b.__name__.strip("_") for b, _, _ in _LOOP_ERRORS])
def test_a_loop_body_that_changes_a_variable_fails_in_a_graph(graph, build, error, message):
    with pytest.raises(error, match=re.escape(message)):
        build()


def test_a_shape_invariant_lets_the_shape_change():
    x = tf.constant([1.0])
    out, = tf.function(lambda: tf.while_loop(
        lambda x: tf.size(x) < 4, lambda x: [tf.concat([x, x], 0)], [x],
        shape_invariants=[tf.TensorShape([None])]))()
    assert out.shape == (4,)


# -- summaries ----------------------------------------------------------------------------------
def scalars_in(logdir):
    acc = event_accumulator.EventAccumulator(str(logdir), size_guidance={"tensors": 0})
    acc.Reload()
    return {tag: [e.step for e in acc.Tensors(tag)] for tag in acc.Tags()["tensors"]}


def test_a_summary_without_a_default_writer_returns_false_and_writes_nothing():
    # TensorFlow 2.21 (with TensorBoard) returns False silently, eagerly and in a function.
    def write():
        return tf.summary.scalar("loss", 0.5, step=1)
    assert [bool(write()), bool(tf.function(write)())] == [False, False]


@pytest.mark.parametrize("data, step, error, message", [
    (0.5, None, ValueError, "No step set. Please specify one either through the `step` argument "
                            "or through minitf.summary.experimental.set_step()"),
    ([1.0, 2.0], 1, ValueError, "Expected scalar shape for summary 'loss', saw shape: (2,)."),
    ("high", 1, UnimplementedError, "Cast string to float is not supported"),
    (0.5, "one", TypeError, "Cannot convert 'one' to EagerTensor of dtype int64"),
    (0.5, 1.5, TypeError, "Cannot convert 1.5 to EagerTensor of dtype int64"),
], ids=["no-step", "not-a-scalar", "a-string", "a-string-step", "a-float-step"])
def test_a_bad_scalar_summary_raises_and_writes_no_event(tmp_path, data, step, error, message):
    with tf.summary.create_file_writer(str(tmp_path)).as_default():
        tf.summary.scalar("kept", 0.5, step=7)
        with pytest.raises(error, match=re.escape(message)):
            tf.summary.scalar("loss", data, step=step)
    assert scalars_in(tmp_path) == {"kept": [7]}


def test_a_bad_summary_fails_a_function_before_it_runs(tmp_path):
    f, counter = traced_after_an_update(lambda: tf.summary.scalar("loss", tf.ones([2]), step=1))
    with tf.summary.create_file_writer(str(tmp_path)).as_default():
        with pytest.raises(ValueError, match="Expected scalar shape for summary 'loss'"):
            f()
    assert int(counter) == 0 and scalars_in(tmp_path) == {}

"""tf.data datasets, eagerly and in traced functions: printed forms, element specs,
cardinalities, element values, shuffle semantics and TensorFlow's errors. The printed forms,
specs, cardinalities and messages were checked against TensorFlow 2.21."""
import re

import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError, OutOfRangeError

Dataset = tf.data.Dataset


def values(ds):
    return [tf.nest.map_structure(lambda a: a.tolist(), x) for x in ds.as_numpy_iterator()]


def spec(shape, dtype):
    return "TensorSpec(shape=%s, dtype=tf.%s, name=None)" % (shape, dtype)


R = Dataset.range(10)
REPRS = [
    (lambda: Dataset.from_tensor_slices(np.arange(6).reshape(3, 2)),
     "_TensorSliceDataset", spec("(2,)", "int64")),
    (lambda: Dataset.from_tensor_slices(([1, 2], [3.0, 4.0])),
     "_TensorSliceDataset", "(%s, %s)" % (spec("()", "int32"), spec("()", "float32"))),
    (lambda: Dataset.from_tensor_slices({"b": ([1, 2], [[1], [2]]), "a": [3.0, 4.0]}),
     "_TensorSliceDataset", "{'b': (%s, %s), 'a': %s}"
     % (spec("()", "int32"), spec("(1,)", "int32"), spec("()", "float32"))),
    (lambda: Dataset.from_tensors([1, 2]), "_TensorDataset", spec("(2,)", "int32")),
    (lambda: Dataset.range(1, 5, 2), "_RangeDataset", spec("()", "int64")),
    (lambda: Dataset.range(3, output_type=tf.int32), "_RangeDataset", spec("()", "int32")),
    (lambda: R.shuffle(4), "_ShuffleDataset", spec("()", "int64")),
    (lambda: R.batch(3), "_BatchDataset", spec("(None,)", "int64")),
    (lambda: R.batch(3, drop_remainder=True), "_BatchDataset", spec("(3,)", "int64")),
    (lambda: R.repeat(), "_RepeatDataset", spec("()", "int64")),
    (lambda: R.map(lambda x: x * 2), "_MapDataset", spec("()", "int64")),
    (lambda: R.map(lambda x: x * 2, num_parallel_calls=tf.data.AUTOTUNE),
     "_ParallelMapDataset", spec("()", "int64")),
    (lambda: R.filter(lambda x: x > 2), "_FilterDataset", spec("()", "int64")),
    (lambda: R.take(3), "_TakeDataset", spec("()", "int64")),
    (lambda: R.skip(3), "_SkipDataset", spec("()", "int64")),
    (lambda: Dataset.zip({"a": R, "b": R}), "_ZipDataset",
     "{'a': %s, 'b': %s}" % (spec("()", "int64"), spec("()", "int64"))),
    (lambda: R.prefetch(1), "_PrefetchDataset", spec("()", "int64")),
]


@pytest.mark.parametrize("make, cls, element_spec", REPRS)
def test_printed_form_names_the_class_and_element_spec(make, cls, element_spec):
    assert repr(make()) == "<%s element_spec=%s>" % (cls, element_spec)


def test_batch_specs_stack_a_dimension_known_only_when_dropping_the_remainder():
    ds = Dataset.from_tensor_slices(np.zeros((4, 3, 2))).batch(2).batch(2, drop_remainder=True)
    assert ds.element_spec == tf.TensorSpec([2, None, 3, 2], tf.float64)


def test_map_traces_the_structure_it_returns():
    ds = Dataset.range(3).map(lambda x: {"s": x, "t": (x, 2)})
    assert ds.element_spec == {"s": tf.TensorSpec([], tf.int64),
                               "t": (tf.TensorSpec([], tf.int64), tf.TensorSpec([], tf.int32))}


def test_a_list_map_returns_is_a_tuple_and_a_list_inside_it_one_tensor():
    ds = Dataset.range(3).map(lambda x: [[x, 2], 1])
    assert ds.element_spec == (tf.TensorSpec([2], tf.int64), tf.TensorSpec([], tf.int32))


INF, UNKNOWN = tf.data.INFINITE_CARDINALITY, tf.data.UNKNOWN_CARDINALITY
F = R.filter(lambda x: x > 2)
CARDINALITIES = [
    (R, 10), (R.batch(3), 4), (R.batch(3, drop_remainder=True), 3), (R.repeat(), INF),
    (R.repeat(2), 20), (R.repeat(0), 0), (Dataset.range(0).repeat(), 0), (F, UNKNOWN),
    (F.repeat(), INF), (R.repeat().filter(lambda x: x > 2), UNKNOWN), (R.repeat().take(5), 5),
    (R.repeat().skip(5), INF), (R.take(-1), 10), (R.skip(-1), 0), (R.skip(20), 0),
    (R.take(20), 10), (F.take(3), UNKNOWN), (F.batch(3), UNKNOWN),
    (Dataset.zip(R, R.repeat()), 10), (Dataset.zip(R.repeat(), F), UNKNOWN),
    (R.shuffle(3).batch(2), 5), (R.map(lambda x: x), 10),
]


@pytest.mark.parametrize("ds, n", CARDINALITIES)
def test_cardinality_follows_tensorflow(ds, n):
    assert ds.cardinality().numpy() == n


def test_constants_and_cardinality_dtype():
    assert (INF, UNKNOWN, tf.data.AUTOTUNE) == (-1, -2, -1)
    assert repr(R.cardinality()) == "<tf.Tensor: shape=(), dtype=int64, numpy=10>"


@pytest.mark.parametrize("ds, message", [(R.repeat(), "The dataset is infinite."),
                                         (F, "The dataset length is unknown.")])
def test_len_refuses_infinite_and_unknown_lengths(ds, message):
    with pytest.raises(TypeError, match=message):
        len(ds)


def test_an_empty_dataset_is_still_true():
    assert bool(Dataset.range(0)) and len(Dataset.range(0)) == 0


@pytest.mark.parametrize("tensors, message", [
    (1, "Unbatching a tensor is only supported for rank >= 1"),
    (([1, 2, 3], [1, 2]), "Dimensions 3 and 2 are not compatible"),
    ({"a": [1, 2, 3], "b": [1, 2]}, "Dimensions 3 and 2 are not compatible"),
])
def test_from_tensor_slices_refuses_what_cannot_be_sliced(tensors, message):
    with pytest.raises(ValueError, match=message):
        Dataset.from_tensor_slices(tensors)


def test_iterating_gives_eager_tensors_in_the_element_structure():
    first = next(iter(Dataset.from_tensor_slices(({"a": [1, 2]}, [3.0, 4.0]))))
    assert repr(first) == ("({'a': <tf.Tensor: shape=(), dtype=int32, numpy=1>}, "
                           "<tf.Tensor: shape=(), dtype=float32, numpy=3.0>)")


def test_as_numpy_iterator_gives_numpy_values():
    assert list(Dataset.from_tensors(([1, 2], {"a": 3})).as_numpy_iterator())[0][1] \
        == {"a": np.int32(3)}


@pytest.mark.parametrize("ds, expected", [
    (Dataset.range(5, 1, -2), [5, 3]),
    (Dataset.range(7).batch(3), [[0, 1, 2], [3, 4, 5], [6]]),
    (Dataset.range(7).batch(3, drop_remainder=True), [[0, 1, 2], [3, 4, 5]]),
    (Dataset.range(5).skip(2).take(2), [2, 3]),
    (Dataset.range(3).repeat(2), [0, 1, 2, 0, 1, 2]),
    (Dataset.range(6).filter(lambda x: x % 2 == 0), [0, 2, 4]),
    (Dataset.range(3).map(lambda x: x * 10).prefetch(2), [0, 10, 20]),
    (Dataset.from_tensor_slices(([1, 2], [10, 20])).map(lambda x, y: x + y), [11, 22]),
    (Dataset.from_tensor_slices({"a": [1, 2]}).map(lambda d: d["a"] * 3), [3, 6]),
    (Dataset.range(2).map(lambda x: {"t": [x, 2]}), [{"t": [0, 2]}, {"t": [1, 2]}]),
    (Dataset.range(0).repeat(), []),
])
def test_element_values(ds, expected):
    assert values(ds) == expected


def test_zip_and_batch_keep_the_structure():
    ds = Dataset.zip(Dataset.range(3), Dataset.range(3, 6)).batch(2)
    assert [(a.tolist(), b.tolist()) for a, b in ds.as_numpy_iterator()] == \
        [([0, 1], [3, 4]), ([2], [5])]


@pytest.mark.parametrize("datasets, message", [
    ([R], "Python `list` is not supported"), ((R, 3), "encountered object of type <class 'int'>")])
def test_zip_takes_only_datasets_in_tuples_and_dicts(datasets, message):
    with pytest.raises(TypeError, match=message):
        Dataset.zip(datasets)


def test_batching_elements_of_different_shapes_names_them():
    ds = Dataset.zip(Dataset.from_tensor_slices([1, 2, 3]).map(tf.range), Dataset.range(3))
    with pytest.raises(InvalidArgumentError) as e:
        next(iter(ds.batch(3)))
    assert ("Cannot batch tensors with different shapes in component 0. First element had shape "
            "[1] and element 1 had shape [2]. [Op:IteratorGetNext]") in e.value.message


@pytest.mark.parametrize("make, message", [
    (lambda: R.batch(0), "Batch size must be greater than zero. [Op:BatchDatasetV2]"),
    (lambda: R.shuffle(0), "buffer_size must be greater than zero or UNKNOWN_CARDINALITY "
                           "[Op:ShuffleDatasetV3]"),
    (lambda: Dataset.range(1, 2, 0), "step must be a non-zero integer. [Op:RangeDataset]"),
])
def test_bad_arguments_raise_invalid_argument(make, message):
    with pytest.raises(InvalidArgumentError) as e:
        make()
    assert message in e.value.message


def test_range_checks_its_arguments():
    with pytest.raises(ValueError, match="should be between 1 and 3 but was 0"):
        Dataset.range()
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int64"):
        Dataset.range(3, 1.5)


@pytest.mark.parametrize("predicate, got", [
    (lambda x: x, "TensorSpec(shape=(), dtype=tf.int64, name=None)"),
    (lambda x: tf.constant([True]), "TensorSpec(shape=(1,), dtype=tf.bool, name=None)")])
def test_filter_needs_a_scalar_bool_predicate(predicate, got):
    with pytest.raises(ValueError, match=re.escape("must return a `tf.bool` scalar tensor, but "
                                                   "its return type is " + got)):
        R.filter(predicate)


def test_the_end_is_stop_iteration_for_next_and_out_of_range_for_get_next():
    it = iter(Dataset.range(1))
    next(it)
    with pytest.raises(StopIteration):
        next(it)
    with pytest.raises(OutOfRangeError, match=r"End of sequence \[Op:IteratorGetNext\]"):
        it.get_next()


def test_map_functions_run_eagerly_outside_any_tape():
    w = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        ds = Dataset.from_tensors(1.0).map(lambda x: x * w)
        y = next(iter(ds)) * w
    assert tape.gradient(y, w).numpy() == 2.0  # the element is a value, not taped through w


# -- shuffle ----------------------------------------------------------------------------------
def test_shuffle_draws_from_a_buffer_of_buffer_size_elements():
    order = values(Dataset.range(100).shuffle(3, seed=1))
    assert sorted(order) == list(range(100))
    assert all(x < i + 3 for i, x in enumerate(order))  # the i-th out was among the first i+3 in


def test_a_buffer_of_one_keeps_the_order():
    assert values(Dataset.range(10).shuffle(1)) == list(range(10))


def test_the_same_seeds_give_the_same_orders():
    tf.random.set_seed(4)
    first = values(Dataset.range(20).shuffle(20).repeat(2))
    tf.random.set_seed(4)
    assert values(Dataset.range(20).shuffle(20).repeat(2)) == first


def test_each_iteration_reshuffles_unless_told_not_to():
    again = Dataset.range(20).shuffle(20, seed=1)
    same = Dataset.range(20).shuffle(20, seed=1, reshuffle_each_iteration=False)
    assert values(again) != values(again) and values(same) == values(same)


def test_reshuffle_each_iteration_none_means_true():
    ds = Dataset.range(20).shuffle(20, seed=1, reshuffle_each_iteration=None)
    assert values(ds) != values(ds)


def test_repeat_after_shuffle_reshuffles_each_pass():
    order = values(Dataset.range(20).shuffle(20, seed=2).repeat(2))
    assert sorted(order[:20]) == sorted(order[20:]) and order[:20] != order[20:]


# -- in functions, graphs and fit ---------------------------------------------------------
X = np.arange(8, dtype=np.float32).reshape(4, 2)
Y = np.array([1.0, 2.0, 3.0, 4.0], np.float32)


def train(make_step, loop_in_function):
    """Losses of two epochs of SGD over (X, Y) in batches of 2, the step traced or not."""
    w = tf.Variable([[0.1], [0.2]])
    opt = tf.optimizers.SGD(0.01)

    def step(x, y):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((tf.matmul(x, w)[:, 0] - y) ** 2)
        opt.apply_gradients([(tape.gradient(loss, w), w)])
        return loss
    step = make_step(step)
    ds = Dataset.from_tensor_slices((X, Y)).batch(2)
    if loop_in_function:
        epoch = tf.function(lambda ds: [step(x, y) for x, y in ds])
        return [float(loss) for _ in range(2) for loss in epoch(ds)]
    return [float(step(x, y)) for _ in range(2) for x, y in ds]


def test_a_traced_step_over_an_eager_loop_matches_eager_code():
    assert train(tf.function, False) == train(lambda f: f, False)


def test_a_loop_over_a_dataset_inside_a_function_is_unrolled():
    assert train(lambda f: f, True) == train(lambda f: f, False)


def test_an_infinite_dataset_cannot_be_unrolled():
    f = tf.function(lambda: [x for x in Dataset.range(3).repeat()])
    with pytest.raises(ValueError, match="infinite"):
        f()


def test_a_dataset_of_function_arguments_cannot_be_unrolled():
    f = tf.function(lambda x: [e for e in Dataset.from_tensor_slices(x)])
    with pytest.raises(ValueError, match="known only when a graph runs"):
        f(tf.constant([1, 2]))


def test_next_on_an_eager_iterator_inside_a_function_advances_it_every_call():
    it = iter(Dataset.range(5))
    f = tf.function(lambda it: next(it) * 2)
    assert [f(it).numpy() for _ in range(3)] + [next(it).numpy()] == [0, 2, 4, 3]


def test_keras_fit_on_a_dataset_matches_fit_on_its_arrays():
    def fit(*data, **kwargs):
        model = tf.keras.Sequential([tf.keras.layers.Dense(1, kernel_initializer="ones")])
        model.compile(tf.keras.optimizers.SGD(0.01), "mse")
        return model.fit(*data, epochs=3, verbose=0, **kwargs).history["loss"]
    ds = Dataset.from_tensor_slices((X, Y[:, None])).batch(2)
    assert fit(ds) == fit(X, Y[:, None], batch_size=2, shuffle=False)


def test_graph_mode_refuses_python_iteration_and_len(graph):
    ds = Dataset.range(3)
    with pytest.raises(RuntimeError, match="only supports Python-style iteration in eager mode"):
        iter(ds)
    with pytest.raises(RuntimeError, match="as_numpy_iterator\\(\\)` is only supported in eager"):
        ds.as_numpy_iterator()
    with pytest.raises(TypeError, match="only supports `len` in eager mode"):
        len(ds)


def test_string_elements_flow_through_map_and_batch_eagerly():
    ds = tf.data.Dataset.from_tensor_slices(["hello", "world"]).map(tf.strings.upper).batch(2)
    assert ds.element_spec == tf.TensorSpec([None], tf.string)
    assert [b.tolist() for b in ds.as_numpy_iterator()] == [[b"HELLO", b"WORLD"]]


def test_a_v1_iterator_over_strings_gives_bytes_per_run():
    with tf.Graph().as_default():
        it = tf.compat.v1.data.make_one_shot_iterator(
            tf.data.Dataset.from_tensor_slices(["a", "bc"]))
        x = it.get_next()
        with tf.compat.v1.Session() as sess:
            assert [sess.run(x), sess.run(x)] == [b"a", b"bc"]


# -- reduce, concatenate, enumerate, cache, unbatch, padded_batch, flat_map --------------------
# (printed forms and values checked against TensorFlow 2.21)
def test_reduce_folds_the_elements_from_the_initial_state():
    assert Dataset.from_tensor_slices([8, 3, 0]).reduce(0, lambda s, x: s + x).numpy() == 11


def test_reduce_in_a_traced_function():
    total = tf.function(lambda: Dataset.range(4).reduce(np.int64(0), lambda s, x: s + x))
    assert total().numpy() == 6


def test_concatenate_chains_and_loosens_differing_dimensions():
    a = Dataset.from_tensors([1, 2])
    both = a.concatenate(Dataset.from_tensors([3]))
    assert (values(both), both.element_spec.shape, len(both)) == ([[1, 2], [3]], (None,), 2)


def test_concatenate_refuses_other_dtypes():
    with pytest.raises(TypeError, match="Incompatible dataset elements"):
        Dataset.range(2).concatenate(Dataset.from_tensor_slices([1.0]))


def test_enumerate_is_a_zip_with_a_count():
    ds = Dataset.range(5, 7).enumerate(start=1)
    assert (repr(ds).split()[0], values(ds)) == ("<_ZipDataset", [(1, 5), (2, 6)])


def test_cache_gives_the_same_elements():
    ds = R.cache()
    assert (repr(ds).split()[0], values(ds.take(2))) == ("<CacheDataset", [0, 1])  # TF's name


# The cache keeps the first full pass and replays it, as TensorFlow 2.21's in-memory cache does
# (checked there): a shuffle before it shuffles once.
def test_a_cache_replays_the_first_pass_of_a_shuffle():
    ds = Dataset.range(20).shuffle(20).cache()
    first = values(ds)
    assert values(ds) == first and sorted(first) == list(range(20)) and first != sorted(first)


def test_a_cache_before_a_repeat_repeats_one_order():
    passes = values(Dataset.range(20).shuffle(20).cache().repeat(3))
    assert passes[:20] == passes[20:40] == passes[40:]


def test_a_cache_does_not_run_its_input_again():
    calls = []

    def counted(x):
        calls.append(1)
        return x
    ds = Dataset.range(3).map(lambda x: tf.py_function(counted, [x], tf.int64)).cache()
    values(ds), values(ds)
    assert len(calls) == 3


def test_a_partial_pass_leaves_the_cache_empty():
    ds = Dataset.range(20).shuffle(20, seed=1).cache()
    partial = values(ds.take(2))  # the first order, left unfinished
    full = values(ds)             # the second order, kept
    assert (values(ds) == full, full[:2] == partial) == (True, False)


def test_the_first_iterator_to_read_everything_fills_the_cache():
    ds = Dataset.range(20).shuffle(20).cache()
    a, b = iter(ds), iter(ds)
    first = [int(next(a)) for _ in range(20)]
    second = [int(next(b)) for _ in range(20)]
    assert (values(ds) == first, second == first) == (True, False)


def test_in_a_graph_each_initialization_fills_its_own_cache():  # as TensorFlow 1.x's
    calls = []

    def counted(x):
        calls.append(1)
        return x
    with tf.Graph().as_default():
        ds = Dataset.range(3).map(lambda x: tf.py_function(counted, [x], tf.int64))
        it = tf.compat.v1.data.make_initializable_iterator(ds.cache().repeat(2))
        get = it.get_next()
        with tf.compat.v1.Session() as sess:
            for _ in range(2):
                sess.run(it.initializer)
                assert [int(sess.run(get)) for _ in range(6)] == [0, 1, 2] * 2
    assert len(calls) == 6  # one pass of the input per initialization


def test_unbatch_gives_the_rows():
    ds = Dataset.from_tensor_slices([[1, 2], [3, 4]]).unbatch()
    assert (values(ds), len(ds), str(ds.element_spec)) == ([1, 2, 3, 4], 4, spec("()", "int32"))


def test_unbatch_count_is_unknown_when_the_rows_are():
    ds = R.batch(2).unbatch()
    assert ds.cardinality().numpy() == tf.data.UNKNOWN_CARDINALITY


def test_padded_batch_pads_to_the_longest_of_each_batch():
    ds = Dataset.range(1, 5).map(lambda x: tf.fill([x], x)).padded_batch(2)
    assert values(ds) == [[[1, 0], [2, 2]], [[3, 3, 3, 0], [4, 4, 4, 4]]]


def test_padded_batch_to_a_given_shape_and_value():
    ds = Dataset.range(1, 3).map(lambda x: tf.fill([x], x))
    padded = ds.padded_batch(2, padded_shapes=[3], padding_values=np.int64(-1))
    assert (values(padded), str(padded.element_spec)) == (
        [[[1, -1, -1], [2, 2, -1]]], spec("(None, 3)", "int64"))


def test_padded_batch_refuses_a_padded_shape_smaller_than_the_elements():
    with pytest.raises(ValueError, match=re.escape("padded shape (2,) is not compatible")):
        Dataset.from_tensors([1, 2, 3]).padded_batch(1, padded_shapes=[2])


def test_padded_batch_refuses_an_element_larger_than_its_padded_shape_when_run():
    ds = Dataset.range(3, 4).map(lambda x: tf.fill([x], x)).padded_batch(1, padded_shapes=[2])
    with pytest.raises(InvalidArgumentError, match="smaller size"):
        values(ds)


def test_enumerate_of_an_infinite_dataset_is_infinite():
    assert R.repeat().enumerate().cardinality().numpy() == tf.data.INFINITE_CARDINALITY


def test_flat_map_chains_the_datasets_the_function_returns():
    ds = Dataset.range(2).flat_map(lambda x: Dataset.from_tensors(x).repeat(2))
    assert (values(ds), ds.cardinality().numpy()) == ([0, 0, 1, 1], tf.data.UNKNOWN_CARDINALITY)


def test_flat_map_must_return_a_dataset():
    with pytest.raises(TypeError, match="must return a `Dataset`"):
        Dataset.range(2).flat_map(lambda x: x)

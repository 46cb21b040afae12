"""Array ops beyond their values (test_op_values.py) and gradients (test_gradient_check.py):
static shapes with unknown dimensions, TensorFlow's dtype rules, op names and errors in both
modes, and `[]` indexing against numpy."""
import contextlib

import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError

X = np.arange(24.0, dtype=np.float32).reshape(2, 3, 4)


def placeholder(shape, dtype=tf.float32):
    return tf.compat.v1.placeholder(dtype, shape)


# -- static shapes with unknown dimensions ----------------------------------------------------
# Each builder gets p, a float32 placeholder of shape (None, 3), and returns a tensor whose
# static shape must be `expected` (None: unknown rank).
STATIC_SHAPES = [
    ("squeeze axis", lambda p: tf.squeeze(p[:, None], [1]), [None, 3]),
    ("squeeze all, some dims unknown", lambda p: tf.squeeze(p), None),
    ("rank", lambda p: tf.rank(p), []),
    ("transpose", lambda p: tf.transpose(p), [3, None]),
    ("transpose fed perm", lambda p: tf.transpose(p, placeholder([2], tf.int32)), [None, None]),
    ("concat along the unknown dim", lambda p: tf.concat([p, tf.zeros([2, 3])], 0), [None, 3]),
    ("concat fills in a dim", lambda p: tf.concat([p, tf.zeros([2, 1])], 1), [2, 4]),
    ("concat with unknown rank", lambda p: tf.concat([placeholder(None), p], 0), [None, 3]),
    ("concat fed axis", lambda p: tf.concat([p, p], placeholder([], tf.int32)), [None, None]),
    ("split in parts", lambda p: tf.split(p, 3, axis=1)[0], [None, 1]),
    ("split the unknown dim", lambda p: tf.split(p, 2)[1], [None, 3]),
    ("split sizes", lambda p: tf.split(p, [1, -1], axis=1)[1], [None, 2]),
    ("split sizes, unknown dim", lambda p: tf.split(p, [2, -1])[0], [2, 3]),
    ("split fed sizes", lambda p: tf.split(p, placeholder([2], tf.int32), 1)[0], [None, None]),
    ("tile", lambda p: tf.tile(p, [2, 2]), [None, 6]),
    ("tile fed multiples", lambda p: tf.tile(p, placeholder([2], tf.int32)), [None, None]),
    ("slice", lambda p: tf.slice(p, [0, 1], [-1, 2]), [None, 2]),
    ("slice to the end", lambda p: tf.slice(p, [1, 1], [-1, -1]), [None, 2]),
    ("pad", lambda p: tf.pad(p, [[1, 0], [0, 2]]), [None, 5]),
    ("pad reflect", lambda p: tf.pad(p, [[1, 1], [2, 2]], "REFLECT"), [None, 7]),
    ("pad fed paddings", lambda p: tf.pad(p, placeholder([2, 2], tf.int32)), [None, None]),
    ("gather", lambda p: tf.gather(p, [[0, 1]], axis=1), [None, 1, 2]),
    ("gather fed axis", lambda p: tf.gather(p, [0, 1], axis=placeholder([], tf.int32)),
     [None, None]),
    ("gather_nd", lambda p: tf.gather_nd(p, [[0]]), [1, 3]),
    ("scatter_nd", lambda p: tf.scatter_nd([[0]], p[:1], [4, 3]), [4, 3]),
    ("boolean_mask", lambda p: tf.boolean_mask(p, placeholder([None], tf.bool)), [None, 3]),
    ("boolean_mask axis", lambda p: tf.boolean_mask(p, [True, False, True], axis=1),
     [None, None]),
    ("one_hot", lambda p: tf.one_hot(placeholder([None], tf.int32), 3), [None, 3]),
    ("one_hot fed depth", lambda p: tf.one_hot([0, 1], placeholder([], tf.int32), axis=0),
     [None, 2]),
    ("range fed limit", lambda p: tf.range(placeholder([], tf.int32)), [None]),
    ("range of constants", lambda p: tf.range(1, 5.0, 2), [2]),
    ("linspace fed num", lambda p: tf.linspace(0.0, 1.0, placeholder([], tf.int32)), [None]),
    ("expand_dims fed axis", lambda p: tf.expand_dims(p, placeholder([], tf.int32)),
     [None, None, None]),
    ("expand_dims one-element axis", lambda p: tf.expand_dims(p, [-1]), [None, 3, 1]),
    ("tile by a shape", lambda p: tf.tile(p, tf.shape(p)), [None, 9]),
    ("slice to a shape", lambda p: tf.slice(p, [0, 0], tf.shape(p)), [None, 3]),
    ("gradient of transpose", lambda p: tf.gradients(tf.transpose(p) * 2.0, p)[0], [None, 3]),
    ("gradient of tile", lambda p: tf.gradients(tf.tile(p, [2, 2]), p)[0], [None, 3]),
    ("gradient of pad", lambda p: tf.gradients(tf.pad(p, [[1, 1], [2, 0]]), p)[0], [None, 3]),
    ("gradient of slice", lambda p: tf.gradients(tf.slice(p, [0, 1], [-1, 2]), p)[0],
     [None, 3]),
]


@pytest.mark.parametrize("build, expected", [c[1:] for c in STATIC_SHAPES],
                         ids=[c[0] for c in STATIC_SHAPES])
def test_static_shape_with_unknown_dims(graph, build, expected):
    assert build(placeholder([None, 3])).shape == tf.TensorShape(expected)


def test_shapes_known_only_at_run_time_still_compute():
    with tf.Graph().as_default():
        p = placeholder([None, None])
        first, rest = tf.split(tf.tile(p, [1, 2]), [1, -1], axis=1)
        out = tf.concat([tf.pad(rest, [[0, 0], [1, 0]]), tf.tile(first, [1, 4])], 0)
        value = tf.compat.v1.Session().run(out, {p: [[1.0, 2.0]]})
    np.testing.assert_array_equal(value, [[0.0, 2.0, 1.0, 2.0], [1.0, 1.0, 1.0, 1.0]])


# -- dtype rules ------------------------------------------------------------------------------
@pytest.mark.parametrize("args, kwargs, dtype", [
    ((5,), {}, tf.int32),
    ((1, 5.0, 2), {}, tf.float32),
    ((np.int64(5),), {}, tf.int64),
    ((0.5, 2), {"dtype": tf.float64}, tf.float64),
    ((tf.constant(5), 10.0), {}, tf.float32),
    ((tf.constant(6.0, tf.float64),), {"delta": 2}, tf.float64),
])
def test_range_takes_the_widest_dtype_of_its_arguments(args, kwargs, dtype):
    assert tf.range(*args, **kwargs).dtype is dtype


def test_range_computes_each_float_from_start_like_tensorflow():
    np.testing.assert_array_equal(tf.range(1.5, 100.0, 0.7)[-3:],
                                  np.float32([98.1, 98.799995, 99.5]))


@pytest.mark.parametrize("start, stop, dtype", [
    (0.0, 1.0, tf.float32), (0, 1, tf.float64), (np.float64(0), 1.0, tf.float64)])
def test_linspace_dtype(start, stop, dtype):
    out = tf.linspace(start, stop, 5)
    assert out.dtype is dtype
    np.testing.assert_allclose(out.numpy(), [0.0, 0.25, 0.5, 0.75, 1.0])


@pytest.mark.parametrize("kwargs, dtype", [
    ({}, tf.float32),
    ({"dtype": tf.int32}, tf.int32),
    ({"on_value": 5, "off_value": -1}, tf.int32),
    ({"on_value": 5.0}, tf.float32),
    ({"on_value": 5, "dtype": tf.int64}, tf.int64),
    ({"off_value": tf.constant(2.0, tf.float64)}, tf.float64),
])
def test_one_hot_dtype(kwargs, dtype):
    assert tf.one_hot([0, 2], 3, **kwargs).dtype is dtype


def test_one_hot_rejects_on_and_off_values_of_different_dtypes():
    with pytest.raises(TypeError, match="dtype <dtype: 'int32'> of on_value does not match "
                                        "dtype <dtype: 'float32'> of off_value"):
        tf.one_hot([0, 2], 3, on_value=5, off_value=-1.0)


def test_one_hot_index_out_of_depth_gives_off_values():
    np.testing.assert_array_equal(tf.one_hot([-1, 3, 1], 3), [[0, 0, 0], [0, 0, 0], [0, 1, 0]])


# -- names in graphs --------------------------------------------------------------------------
@pytest.mark.parametrize("build, name", [
    (lambda x: tf.squeeze(x[None]), "Squeeze:0"),
    (lambda x: tf.concat([x, x], 0), "concat:0"),
    (lambda x: tf.concat([x], 0), "concat/concat:0"),
    (lambda x: tf.split(x, 2)[1], "split:1"),
    (lambda x: tf.split(x, [1, 1])[0], "split:0"),
    (lambda x: tf.tile(x, [1, 1]), "Tile:0"),
    (lambda x: tf.pad(x, [[1, 1], [0, 0]]), "Pad:0"),
    (lambda x: tf.pad(x, [[1, 1], [0, 0]], constant_values=1.0), "PadV2:0"),
    (lambda x: tf.pad(x, [[1, 1], [0, 0]], "SYMMETRIC"), "MirrorPad:0"),
    (lambda x: tf.slice(x, [0, 0], [1, 1]), "Slice:0"),
    (lambda x: tf.transpose(x), "transpose:0"),
    (lambda x: tf.gather(x, [0]), "GatherV2:0"),
    (lambda x: tf.gather_nd(x, [[0, 0]]), "GatherNd:0"),
    (lambda x: tf.boolean_mask(x, [True, False]), "boolean_mask/GatherV2:0"),
    (lambda x: tf.one_hot([0], 2), "one_hot:0"),
    (lambda x: tf.range(3), "range:0"),
    (lambda x: tf.rank(x), "Rank:0"),
])
def test_default_op_names(graph, build, name):
    assert build(tf.constant([[1.0, 2.0], [3.0, 4.0]], name="x")).name == name


# -- errors -----------------------------------------------------------------------------------
ERRORS = [
    ("concat of different ranks", lambda: tf.concat([tf.zeros([2, 3]), tf.zeros([2])], 0),
     r"ConcatOp : Ranks of all input tensors should match: shape\[0\] = \[2,3\] vs\. "
     r"shape\[1\] = \[2\]"),
    ("concat of different dims", lambda: tf.concat([tf.zeros([2, 3]), tf.zeros([1, 2])], 0),
     r"Dimension 1 in both shapes must be equal: shape\[0\] = \[2,3\] vs\. shape\[1\] = "
     r"\[1,2\]"),
    ("concat axis out of range", lambda: tf.concat([tf.zeros([2]), tf.zeros([2])], 1),
     r"Expected concatenating dimensions in the range \[-1, 1\), but got 1"),
    ("split sizes that do not add up", lambda: tf.split(tf.zeros([2, 3]), [1, 1], axis=1),
     "Determined shape must either match input shape along split_dim exactly .*Got: 2"),
    ("split in uneven parts", lambda: tf.split(tf.zeros([2, 3]), 2, axis=1),
     r"evenly divide the split dimension, but got split_dim 1 \(size = 3\) and num_split 2"),
    ("split with two -1", lambda: tf.split(tf.zeros([4]), [-1, -1]),
     "There can only be one -1 in the input."),
    ("squeeze of a dim that is not 1", lambda: tf.squeeze(tf.zeros([1, 2]), [1]),
     r"Can not squeeze dim\[1\], expected a dimension of 1, got 2"),
    ("tile with too few multiples", lambda: tf.tile(tf.zeros([2, 3]), [2]),
     "Expected multiples argument to be a vector of length 2 but got length 1"),
    ("transpose by a non-permutation", lambda: tf.transpose(tf.zeros([2, 3]), [0]),
     r"transpose expects a vector of size 2. But input\(1\) is a vector of size 1"),
    ("transpose by a repeated axis", lambda: tf.transpose(tf.zeros([2, 3]), [1, -1]),
     r"0 is missing from \{1,1\}."),
    ("pad with paddings of the wrong rank", lambda: tf.pad(tf.zeros([2, 3]), [[1, 1]]),
     r"The first dimension of paddings must be the rank of inputs\[1,2\] \[2,3\]"),
    ("slice out of bounds", lambda: tf.slice(tf.zeros([2, 3]), [0, 1], [3, 2]),
     r"Expected size\[0\] in \[0, 2\], but got 3"),
    ("pad reflecting too far", lambda: tf.pad(tf.zeros([2, 3]), [[2, 1], [0, 0]], "REFLECT"),
     "paddings must be less than the dimension size: 2, 1 not less than 2"),
    ("pad by a negative amount", lambda: tf.pad(tf.zeros([2]), [[-1, 0]]),
     "Paddings must be non-negative: -1 0"),
    ("gather axis out of range", lambda: tf.gather(tf.zeros([2, 3]), [0], axis=2),
     "Shape must be at least rank 3 but is rank 2"),
    ("range that never reaches its limit", lambda: tf.range(5, 1),
     "Requires start <= limit when delta > 0: 5/1"),
    ("range with a zero step", lambda: tf.range(0.0, 1.0, 0.0), "Requires delta != 0: 0"),
    ("one_hot axis out of range", lambda: tf.one_hot([0, 1], 3, axis=2),
     r"Expected axis to be -1 or between \[0, 2\).  But received: 2"),
    ("gather_nd with too long positions", lambda: tf.gather_nd(tf.zeros([2, 3]), [[0, 0, 0]]),
     "index innermost dimension length must be <= params rank; saw: 3 vs. 2"),
    ("expand_dims axis out of range", lambda: tf.expand_dims(tf.zeros([2, 3]), -4),
     r"dim -4 not in the interval \[-3, 2\]"),
    ("expand_dims by two axes", lambda: tf.expand_dims(tf.zeros([2, 3]), [0, 1]),
     "'dim' input must be a tensor with a single value"),
    ("unstack into the wrong number", lambda: tf.unstack(tf.zeros([2, 3]), num=3),
     "Dimension must be 3 but is 2"),
    ("linspace of a negative number", lambda: tf.linspace(0.0, 1.0, -1), "Requires num >= 0: -1"),
    ("diag that does not fit the matrix", lambda: tf.linalg.diag([1.0, 2.0], num_rows=1),
     "The number of rows or columns is not consistent"),
]


@pytest.mark.parametrize("build, message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_eager_errors(build, message):
    with pytest.raises(InvalidArgumentError, match=message):
        build()


@pytest.mark.parametrize("build, message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_graph_errors_name_the_op_and_the_input_shapes(graph, build, message):
    with pytest.raises(ValueError, match=message) as e:
        build()
    assert "for '{{node " in str(e.value) and "with input shapes: " in str(e.value)


@pytest.mark.parametrize("build, message", [
    (lambda: tf.gather(tf.zeros([2, 3]), [[0, 3]], axis=1), r"indices\[0,1\] = 3 is not in "
                                                            r"\[0, 3\)"),
    (lambda: tf.gather(tf.zeros([2]), [-1]), r"indices\[0\] = -1 is not in \[0, 2\)"),
    (lambda: tf.gather_nd(tf.zeros([2, 3]), [[1, 5]]),
     r"indices\[0\] = \[1, 5\] does not index into param shape \[2,3\]"),
    (lambda: tf.scatter_nd([[4]], [1.0], [3]), r"indices\[0\] = \[4\] does not index"),
    (lambda: tf.math.invert_permutation([2, 2, 1]), "2 is duplicated in the input."),
])
def test_errors_found_only_in_the_values(build, message):
    with pytest.raises(InvalidArgumentError, match=message):
        build()
    with tf.Graph().as_default():
        out = build()
        with pytest.raises(InvalidArgumentError, match=message):
            tf.compat.v1.Session().run(out)


@pytest.mark.parametrize("build, value, message", [
    (lambda p: tf.concat([p, tf.zeros([1, 3])], 0), np.zeros((1, 2)),
     "Dimension 1 in both shapes must be equal"),
    (lambda p: tf.split(p, 2, axis=1), np.zeros((1, 3)), "evenly divide the split dimension"),
    (lambda p: tf.split(p, [2, -1], axis=1), np.zeros((1, 1)), "Determined shape must"),
    (lambda p: tf.squeeze(p, [0]), np.zeros((2, 2)), r"Can not squeeze dim\[0\]"),
    (lambda p: tf.tile(p, tf.compat.v1.placeholder_with_default([2, -1], [2])),
     np.zeros((1, 1)), r"Expected multiples\[1\] >= 0, but got -1"),
    (lambda p: tf.slice(p, [0, 0], [1, 3]), np.zeros((1, 2)),
     r"Expected size\[1\] in \[0, 2\], but got 3"),
    (lambda p: tf.pad(p, [[0, 0], [3, 0]], "SYMMETRIC"), np.zeros((1, 2)),
     "paddings must be no greater than the dimension size: 3, 0 greater than 2"),
])
def test_errors_of_shapes_known_only_at_run_time(build, value, message):
    with tf.Graph().as_default():
        p = placeholder([None, None])
        out = build(p)
        with pytest.raises(InvalidArgumentError, match=message):
            tf.compat.v1.Session().run(out, {p: value})


@pytest.mark.parametrize("mode", ["eager", "graph"])
@pytest.mark.parametrize("build, error, message", [
    (lambda: tf.pad(tf.zeros([2]), [[1, 1]], "WRAP"), ValueError, "Received `mode` = WRAP"),
    (lambda: tf.boolean_mask(tf.zeros([2, 3]), True), ValueError, "mask cannot be scalar."),
    (lambda: tf.boolean_mask(tf.zeros([2, 3]), [True]), ValueError,
     r"Shapes \(2,\) and \(1,\) are incompatible"),
    (lambda: tf.split(tf.zeros([2]), 0), ValueError, "must be at least minimum 1"),
    (lambda: tf.concat([], 0), ValueError, "at least one tensor"),
    (lambda: tf.stack([tf.zeros([2, 3])] * 2, axis=3), ValueError,
     r"Argument `axis` = 3 not in range \[-3, 3\)"),
    (lambda: tf.stack([1, 2], axis=-2), ValueError, r"Argument `axis` = -2 not in range \[-1, 1\)"),
    (lambda: tf.unstack(tf.zeros([2, 3]), axis=2), ValueError,
     r"Argument `axis` = 2 not in range \[-2, 2\)"),
    (lambda: tf.unstack(tf.constant(1.0)), ValueError, r"Argument `axis` = 0 not in range \[0, 0\)"),
    (lambda: tf.compat.v1.concat(1, [tf.zeros([2]), tf.zeros([2])]), ValueError,
     "The axis of concat must be a scalar"),
])
def test_argument_errors(mode, build, error, message):
    with tf.Graph().as_default() if mode == "graph" else contextlib.nullcontext():
        with pytest.raises(error, match=message):
            build()


# -- gradients --------------------------------------------------------------------------------
def test_gather_gradient_adds_up_repeated_indices():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.gather(x, [2, 0, 2])
    np.testing.assert_array_equal(tape.gradient(y, x), [1.0, 0.0, 2.0])


def test_pad_gives_no_gradient_to_constant_values():
    c = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(c)
        y = tf.pad(tf.ones([2]), [[1, 1]], constant_values=c)
    assert tape.gradient(y, c) is None


def test_linspace_gradient_reaches_start_and_stop():
    start, stop = tf.constant(1.0), tf.constant([2.0, 4.0])
    with tf.GradientTape() as tape:
        tape.watch([start, stop])
        y = tf.linspace(start, stop, 5, axis=1)
    d_start, d_stop = tape.gradient(y, [start, stop])
    assert float(d_start) == 5.0
    np.testing.assert_array_equal(d_stop, [2.5, 2.5])


# -- [] indexing against numpy ----------------------------------------------------------------
KEYS = [np.s_[::-1], np.s_[1:, ::-2], np.s_[..., 1], np.s_[None, :, -1], np.s_[-1],
        np.s_[..., None, ::-1], np.s_[1, ..., ::3], np.s_[:-1, -2:], np.s_[:, -1:0:-1, 2],
        np.s_[-2, None, ..., None], np.s_[5:, :1]]


@pytest.mark.parametrize("key", KEYS, ids=str)
def test_indexing_matches_numpy_eagerly_and_in_a_graph(key):
    np.testing.assert_array_equal(tf.constant(X)[key], X[key])
    with tf.Graph().as_default():
        out = tf.constant(X)[key]
        value = tf.compat.v1.Session().run(out)
    assert out.shape == X[key].shape
    np.testing.assert_array_equal(value, X[key])


@pytest.mark.parametrize("key", KEYS, ids=str)
def test_indexing_with_unknown_dims(key):
    with tf.Graph().as_default():
        p = placeholder([None, None, 4])
        out = p[key]
        value = tf.compat.v1.Session().run(out, {p: X})
    assert out.shape.is_compatible_with(X[key].shape)
    np.testing.assert_array_equal(value, X[key])


# -- [] indexing with tensors ------------------------------------------------------------------
# Each key is built from i, a scalar int32 tensor; in a graph it is a placeholder fed with 1.
TENSOR_KEYS = [
    ("row", lambda i: np.s_[i], [3, 4]),
    ("column", lambda i: np.s_[:, i], [None, 4]),
    ("from i", lambda i: np.s_[i:], [None, 3, 4]),
    ("step i", lambda i: np.s_[:, ::i], [None, None, 4]),
    ("negative, new axis and constant slice", lambda i: np.s_[None, 1:, -i], [1, None, 4]),
    ("ellipsis", lambda i: np.s_[..., i - 2:i + 2], [None, 3, None]),
    ("list of indices", lambda i: [i, 0], [4]),
]


@pytest.mark.parametrize("key, static", [k[1:] for k in TENSOR_KEYS],
                         ids=[k[0] for k in TENSOR_KEYS])
def test_indexing_with_tensors_in_a_graph(key, static):
    with tf.Graph().as_default():
        p, i = placeholder([None, 3, 4]), placeholder([], tf.int32)
        out = p[key(i)]
        value = tf.compat.v1.Session().run(out, {p: X, i: 1})
    assert out.shape == tf.TensorShape(static)
    np.testing.assert_array_equal(value, X[numpy_key(key(1))])


@pytest.mark.parametrize("key", [k[1] for k in TENSOR_KEYS], ids=[k[0] for k in TENSOR_KEYS])
def test_indexing_with_eager_tensors(key):
    np.testing.assert_array_equal(tf.constant(X)[key(tf.constant(1))], X[numpy_key(key(1))])


def numpy_key(key):
    """The numpy spelling of a TensorFlow key: a list of indices is a tuple."""
    return tuple(key) if isinstance(key, list) else key


def test_indexing_by_a_shape_computed_at_run_time(graph):
    p = placeholder([None, 4])
    last = p[tf.shape(p)[0] - 1]
    assert last.shape == tf.TensorShape([4])
    np.testing.assert_array_equal(tf.compat.v1.Session().run(last, {p: X[0]}), X[0, -1])


def test_indexing_by_a_constant_tensor_in_a_graph_is_checked_when_built(graph):
    x = tf.constant(X)
    assert x[tf.constant(1):, tf.constant(-1)].shape == tf.TensorShape([1, 4])
    with pytest.raises(ValueError, match="slice index 5 of dimension 0 out of bounds"):
        x[tf.constant(5)]


@pytest.mark.parametrize("key, fed, message", [
    (lambda i: np.s_[:, i], 3, "slice index 3 of dimension 1 out of bounds"),
    (lambda i: np.s_[::i], 0, r"strides\[0\] must be non-zero"),
])
def test_indexing_by_a_fed_tensor_checks_its_value(graph, key, fed, message):
    i = placeholder([], tf.int32)
    out = tf.constant(X)[key(i)]
    with pytest.raises(InvalidArgumentError, match=message):
        tf.compat.v1.Session().run(out, {i: fed})


@pytest.mark.parametrize("index", [
    lambda: tf.constant([1]), lambda: tf.constant(1.0), lambda: placeholder([None], tf.int32)])
def test_only_scalar_int_tensors_are_indices(graph, index):
    with pytest.raises(TypeError, match="scalar tf.int32/tf.int64 tensors are valid indices"):
        tf.constant(X)[index()]


# -- where ------------------------------------------------------------------------------------
def test_where_of_numbers_gives_the_positions_of_the_non_zero_ones():
    np.testing.assert_array_equal(tf.where([[0.5, 0.0], [0.0, -2.0]]), [[0, 0], [1, 1]])
    assert tf.where(tf.constant([1, 0, 3])).dtype is tf.int64


def test_where_of_a_scalar_fails_when_run():
    with pytest.raises(InvalidArgumentError, match="WhereOp : Unhandled input dimensions: 0"):
        tf.where(tf.constant(True))
    with tf.Graph().as_default():
        out = tf.where(tf.constant(3))
        assert out.shape == tf.TensorShape([None, 0])
        with pytest.raises(InvalidArgumentError, match="Unhandled input dimensions: 0"):
            tf.compat.v1.Session().run(out)


def test_where_v1_picks_rows_where_where_v2_broadcasts():
    c, x, y = [True, False], [[1, 2], [3, 4]], [[5, 6], [7, 8]]
    np.testing.assert_array_equal(tf.compat.v1.where(c, x, y), [[1, 2], [7, 8]])
    np.testing.assert_array_equal(tf.where(c, x, y), [[1, 6], [3, 8]])


def test_where_v1_shape_from_the_row_condition(graph):
    out = tf.compat.v1.where(placeholder([None], tf.bool), placeholder(None), placeholder([2, 3]))
    assert out.shape == tf.TensorShape([2, 3]) and out.name == "Select:0"


@pytest.mark.parametrize("c, x, y, message", [
    ([[True], [False]], [1, 2], [3, 4], "must have the same size and shape"),
    ([True, False], [1, 2], [3, 4, 5], "must have the same size and shape"),
    ([True, False, True], [[1, 2], [5, 6]], [[3, 4], [7, 8]],
     "Number of batches of 'then' must match size of 'cond', but saw: 2 vs. 3"),
    ([True, False], 1, 2, "'then' must be at least a vector"),
])
def test_where_v1_needs_matching_shapes(c, x, y, message):
    with pytest.raises(InvalidArgumentError, match=message):
        tf.compat.v1.where(c, x, y)
    with tf.Graph().as_default(), pytest.raises(ValueError, match=message):
        tf.compat.v1.where(c, x, y)


# -- stack, concat and expand_dims arguments ----------------------------------------------------
@pytest.mark.parametrize("values, expected", [
    (lambda: [1, 2.5], np.float32([1, 2.5])),
    (lambda: [[1, 2], [3.5, 4]], np.float32([[1, 2], [3.5, 4]])),
    (lambda: [], np.zeros(0, np.float32)),
    (lambda: [2, tf.constant(1.0)], np.float32([2, 1])),
])
def test_stack_converts_python_values_as_a_whole(values, expected):
    out = tf.stack(values())
    assert out.dtype.as_numpy_dtype == expected.dtype
    np.testing.assert_array_equal(out, expected)
    with tf.Graph().as_default():
        out = tf.stack(values())
        np.testing.assert_array_equal(tf.compat.v1.Session().run(out), expected)
    assert out.name == "stack:0" and out.dtype.as_numpy_dtype == expected.dtype


@pytest.mark.parametrize("join", [tf.stack, lambda t: tf.concat(t, 0)])
def test_stack_and_concat_of_a_lone_tensor_give_it_back(graph, join):
    t = tf.constant([[1, 2, 3], [4, 5, 6]])
    out = join(t)
    assert out.shape == tf.TensorShape([2, 3])
    np.testing.assert_array_equal(tf.compat.v1.Session().run(out), [[1, 2, 3], [4, 5, 6]])


def test_concat_of_a_lone_eager_tensor_gives_it_back():
    np.testing.assert_array_equal(tf.concat(tf.constant([[1, 2], [3, 4]]), 0), [[1, 2], [3, 4]])


def test_stack_of_a_graph_tensor_along_another_axis_needs_a_list(graph):
    with pytest.raises(TypeError, match="Expected list for 'values' argument"):
        tf.stack(tf.zeros([2, 3]), axis=1)


def test_expand_dims_takes_a_one_element_axis():
    np.testing.assert_array_equal(tf.expand_dims(tf.constant([[1, 2]]), [1]), [[[1, 2]]])
    np.testing.assert_array_equal(tf.expand_dims(tf.constant([1, 2]), tf.constant([-1])),
                                  [[1], [2]])


# -- shapes known while building --------------------------------------------------------------
@pytest.mark.parametrize("build, name, expected", [
    (tf.shape, "Shape:0", np.int32([2, 3])),
    (tf.size, "Size:0", np.int32(6)),
    (tf.rank, "Rank:0", np.int32(2)),
    (tf.zeros_like, "zeros_like:0", np.zeros((2, 3), np.float32)),
    (lambda p: tf.ones_like(p, tf.int32), "ones_like:0", np.ones((2, 3), np.int32))])
def test_ops_on_a_fully_known_shape_are_constants(graph, build, name, expected):
    out = build(placeholder([2, 3]))
    assert out.op.type == "Const" and out.name == name
    value = tf.compat.v1.Session().run(out)
    assert value.dtype == expected.dtype
    np.testing.assert_array_equal(value, expected)


def test_size_of_a_shape_with_a_zero_is_zero_without_a_feed(graph):
    assert tf.compat.v1.Session().run(tf.size(placeholder([0, None]))) == 0


@pytest.mark.parametrize("build, op_type", [
    (tf.shape, "Shape"), (tf.size, "Size"), (tf.rank, "Rank"), (tf.zeros_like, "ZerosLike"),
    (tf.ones_like, "OnesLike"), (lambda p: tf.zeros_like(p, tf.int64), "Fill")])
def test_ops_on_shapes_known_only_at_run_time(build, op_type):
    with tf.Graph().as_default():
        p = placeholder(None)
        out = build(p)
        value = tf.compat.v1.Session().run(out, {p: X})
    assert out.op.type == op_type
    expected = build(X)
    assert value.dtype == expected.dtype.as_numpy_dtype
    np.testing.assert_array_equal(value, expected)


@pytest.mark.parametrize("axis, message", [
    ([0, -2], "axis 0 specified more than once"),
    ([2], r"'axis'\[0\] = 2 is out of valid range"),
    (1, "Shape must be rank 1 but is rank 0"),
])
def test_reverse_axis_errors_in_both_modes(axis, message):
    x = tf.constant([[1, 2], [3, 4]])
    with pytest.raises(InvalidArgumentError, match=message):
        tf.reverse(x, axis)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match=message):
            tf.reverse(tf.constant([[1, 2], [3, 4]]), axis)


def test_reverse_keeps_the_static_shape_and_tensorflows_names(graph):
    p = tf.compat.v1.placeholder(tf.float32, [None, 3])
    out = tf.reverse(p, [1])
    assert (out.name, out.shape.as_list()) == ("ReverseV2:0", [None, 3])
    assert tf.compat.v1.reverse is tf.compat.v1.reverse_v2 is tf.reverse
    with tf.compat.v1.Session() as sess:
        assert sess.run(out, {p: [[1, 2, 3]]}).tolist() == [[3, 2, 1]]


def test_reshape_to_a_size_known_only_when_run_fails_with_both_sizes():
    message = "Input to reshape is a tensor with 6 values, but the requested shape has 4"
    with pytest.raises(InvalidArgumentError, match=message):
        tf.reshape(tf.zeros([6]), tf.constant([4]) + 0)
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None])
        y = tf.reshape(x, [4])
        with tf.compat.v1.Session() as sess, pytest.raises(InvalidArgumentError, match=message):
            sess.run(y, {x: np.zeros(6)})

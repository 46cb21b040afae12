"""TensorFlow 1.x shapes: after `compat.v1.disable_v2_tensorshape()` (which
`disable_v2_behavior()` calls) indexing and iterating a TensorShape give `Dimension`s, as 1.x
scripts expect (`x.get_shape()[1].value`, `int(x.shape[-1])`). Every expected value, printed
form and error here was recorded from TensorFlow 2.21 (`import tensorflow.compat.v1 as tf;
tf.disable_v2_behavior()`)."""
import pickle

import numpy as np
import pytest

import minitf as tf2
import minitf.compat.v1 as tf

D = tf.Dimension


@pytest.fixture(autouse=True)
def v1_shapes():
    tf.disable_v2_tensorshape()
    yield
    tf.enable_v2_tensorshape()


def test_indexing_and_iterating_give_dimensions():
    s = tf.TensorShape([None, 3])
    assert (repr(s[0]), repr(s[1]), repr(s[-1])) == ("Dimension(None)", "Dimension(3)",
                                                     "Dimension(3)")
    assert (s[1].value, s[0].value) == (3, None)
    assert repr(list(s)) == repr(s.dims) == "[Dimension(None), Dimension(3)]"
    assert [d.value for d in s] == s.as_list() == [None, 3]
    assert repr(s[1:]) == "TensorShape([Dimension(3)])"
    assert (s.rank, s.ndims, len(s)) == (2, 2, 2)


def test_the_printed_forms():
    s = tf.TensorShape([None, 3])
    assert (repr(s), str(s)) == ("TensorShape([Dimension(None), Dimension(3)])", "(?, 3)")
    assert (repr(tf.TensorShape(None)), str(tf.TensorShape(None))) == ("TensorShape(None)",
                                                                       "<unknown>")
    assert (repr(D(None)), str(D(None)), repr(D(3)), str(D(3))) == (
        "Dimension(None)", "?", "Dimension(3)", "3")
    assert ("%d" % D(3), "{}".format(D(None))) == ("3", "?")


def test_shapes_of_unknown_rank():
    u = tf.TensorShape(None)
    assert repr(u[0]) == "Dimension(None)" and u.dims is None
    assert repr(u[1:3]) == "TensorShape([Dimension(None), Dimension(None)])"
    assert repr(u[:3]) == "TensorShape([Dimension(None), Dimension(None), Dimension(None)])"
    assert repr(u[1:]) == repr(u[-2:]) == "TensorShape(None)"
    with pytest.raises(ValueError, match="^Steps are not yet handled$"):
        u[::2]
    assert repr(tf.dimension_at_index(u, 1)) == "Dimension(None)"


def test_shape_methods():
    s = tf.TensorShape([None, 3])
    assert repr(s.merge_with([4, None])) == "TensorShape([Dimension(4), Dimension(3)])"
    assert repr(s.with_rank(2)) == repr(s.with_rank_at_least(1)) == repr(s)
    assert repr(tf.TensorShape(None).with_rank(2)) == \
        "TensorShape([Dimension(None), Dimension(None)])"
    for method, message in [(lambda: s.with_rank(3), "Shape (?, 3) must have rank 3"),
                            (lambda: s.with_rank_at_least(3),
                             "Shape (?, 3) must have rank at least 3"),
                            (lambda: s.with_rank_at_most(1), "Shape (?, 3) must have rank at most 1"),
                            (lambda: s.merge_with([4, 5]),
                             "Shapes (?, 3) and (4, 5) are not compatible")]:
        with pytest.raises(ValueError) as e:
            method()
        assert str(e.value) == message
    assert (s.num_elements(), tf.TensorShape([2, 3]).num_elements()) == (None, 6)
    assert repr(s + [5]) == "TensorShape([Dimension(None), Dimension(3), Dimension(5)])"
    assert repr([5] + s) == "TensorShape([Dimension(5), Dimension(None), Dimension(3)])"
    assert repr(s.most_specific_compatible_shape([7, 3])) == repr(s)
    assert s == [None, 3] and s.is_compatible_with([7, 3])
    assert repr(tf.TensorShape([D(2), D(None)])) == "TensorShape([Dimension(2), Dimension(None)])"
    assert tf.TensorShape([s[1], s[0]]).as_list() == [3, None]
    assert repr(pickle.loads(pickle.dumps(s))) == repr(s)


def test_dimension_arithmetic():
    assert [repr(v) for v in (D(3) * 2, 2 * D(3), D(3) + 1, 1 + D(3), D(3) - 1, 5 - D(3),
                              D(7) // 2, 7 // D(2), D(7) % 3, 7 % D(3), sum([D(1), D(2)]))] == [
        "Dimension(6)", "Dimension(6)", "Dimension(4)", "Dimension(4)", "Dimension(2)",
        "Dimension(2)", "Dimension(3)", "Dimension(3)", "Dimension(1)", "Dimension(1)",
        "Dimension(3)"]
    unknown = [D(None) + 1, D(None) * D(3), D(None) // 2, 2 // D(None), D(None) % 2,
               D(3) + None, D(3) * None]
    assert all(repr(v) == "Dimension(None)" for v in unknown)
    assert D(3) * "a" == "aaa" == "a" * D(3)
    shape = tf.TensorShape([2, 3])
    assert repr(shape[0] * shape[1]) == "Dimension(6)"


@pytest.mark.parametrize("f, error, message", [
    (lambda: D(3) - 5, ValueError, "Dimension -2 must be >= 0"),
    (lambda: D(-1), ValueError, "Dimension -1 must be >= 0"),
    (lambda: D(7) / 2, TypeError,
     "unsupported operand type(s) for /: 'Dimension' and 'int', please use // instead"),
    (lambda: 7 / D(2), TypeError,
     "unsupported operand type(s) for /: 'int' and 'Dimension', please use // instead"),
    (lambda: D(3) + "a", TypeError, "unsupported operand type(s) for +: 'Dimension' and 'str'"),
    (lambda: D(3) + 1.5, TypeError,
     "unsupported operand type(s) for +: 'Dimension' and 'float'"),
    (lambda: D(3) % "a", TypeError, "Dimension value must be integer or None or have an "
     "__index__ method, got value ''a'' with type '<class 'str'>'"),
    (lambda: D(1.5), TypeError, "Dimension value must be integer or None or have an __index__ "
     "method, got value '1.5' with type '<class 'float'>'"),
    (lambda: D(3) ** 2, TypeError,
     "unsupported operand type(s) for ** or pow(): 'Dimension' and 'int'"),
    (lambda: -D(3), TypeError, "bad operand type for unary -: 'Dimension'"),
    (lambda: int(D(None)), TypeError, "__int__ returned non-int (type NoneType)"),
    (lambda: [1, 2][D(None)], TypeError, "__index__ returned non-int (type NoneType)"),
    (lambda: hash(D(3)), TypeError, "unhashable type: 'Dimension'"),
    (lambda: D(3).merge_with(4), ValueError, "Dimensions 3 and 4 are not compatible"),
    (lambda: D(3).assert_is_compatible_with(4), ValueError,
     "Dimensions 3 and 4 are not compatible"),
    (lambda: "{:d}".format(D(3)), TypeError,
     "unsupported format string passed to Dimension.__format__"),
])
def test_dimension_errors(f, error, message):
    with pytest.raises(error) as e:
        f()
    assert str(e.value) == message


def test_dimension_comparisons_and_conversions():
    s = tf.TensorShape([None, 3])
    assert [s[0] == 3, s[1] == 3, s[1] == D(3), s[1] != 3, s[0] != 3, s[1] == None,  # noqa: E711
            s[0] == None, s[1] == "a", s[1] == [3], D(3) == 3.0] == [  # noqa: E711
        None, True, True, False, None, None, None, False, False, False]
    assert [s[1] < 4, s[0] < 4, s[1] > 2, s[1] <= 3, s[1] >= 3, 4 > s[1], s[1] < None] == [
        True, None, True, True, True, True, None]
    assert [bool(s[1]), bool(s[0]), bool(D(0)), int(s[1]), float(D(3))] == [
        True, False, False, 3, 3.0]
    assert D(3) in [3] and 3 in [D(3)] and s[1] in (4, 3)
    assert list(range(s[1])) == [0, 1, 2] and [1, 2, 3, 4][s[1]] == 4
    assert repr(max(s[1], D(2))) == "Dimension(3)"
    assert repr(sorted([D(3), D(1)])) == "[Dimension(1), Dimension(3)]"
    assert np.zeros(D(3)).shape == (3,) and np.int64(3) == D(3)
    assert repr(D(np.int64(3))) == "Dimension(3)" and type(D(np.int32(4)).value) is int
    assert repr(D(D(4))) == "Dimension(4)" and D(True).value is True


def test_compatibility_and_merging():
    assert [D(3).is_compatible_with(3), D(3).is_compatible_with(4),
            D(3).is_compatible_with(None), D(None).is_compatible_with(4)] == [
        True, False, True, True]
    assert [repr(D(3).merge_with(None)), repr(D(None).merge_with(4)),
            repr(D(None).merge_with(None)), repr(D(3).merge_with(3))] == [
        "Dimension(3)", "Dimension(4)", "Dimension(None)", "Dimension(3)"]
    s = tf.TensorShape([None, 3])
    assert (tf.dimension_value(s[1]), tf.dimension_value(s[0]), tf.dimension_value(3),
            tf.dimension_value(None)) == (3, None, 3, None)
    assert (repr(tf.dimension_at_index(s, 1)), repr(tf.dimension_at_index(s, 0))) == (
        "Dimension(3)", "Dimension(None)")
    assert repr(pickle.loads(pickle.dumps(D(3)))) == "Dimension(3)"


def test_the_v2_behaviour_gives_ints_but_dims_stay_dimensions():
    tf.enable_v2_tensorshape()
    s = tf.TensorShape([None, 3])
    assert (s[0], s[1], list(s), repr(s), str(s)) == (None, 3, [None, 3],
                                                     "TensorShape([None, 3])", "(None, 3)")
    assert repr(s.dims) == "[Dimension(None), Dimension(3)]"
    u = tf.TensorShape(None)
    assert u[0] is None and repr(u[1:3]) == "TensorShape([None, None])"


def test_graph_idioms_of_tf1_scripts():
    tf.disable_v2_behavior()
    x = tf.placeholder(tf.float32, [None, 4])
    assert (x.get_shape()[1].value, x.shape[-1].value, int(x.shape[1])) == (4, 4, 4)
    assert x.shape[0].value is None and x.shape.dims[0].value is None
    assert [d.value for d in x.shape] == [None, 4]
    assert repr(x) == "<tf.Tensor 'Placeholder:0' shape=(?, 4) dtype=float32>"
    shapes = {
        "zeros": tf.zeros([2, x.shape[1]]), "reshape": tf.reshape(x, [-1, x.shape[1] * 1]),
        "ones": tf.ones([x.shape[1], 2]), "zeros_of_slice": tf.zeros(x.shape[1:]),
        "random": tf.random_normal([x.shape[1], 3]),
        "variable": tf.get_variable("w", [x.shape[1], 3]),
        "tile": tf.tile(x, [1, x.shape[1]]), "one_hot": tf.one_hot([1], x.shape[1]),
        "placeholder": tf.placeholder(tf.float32, [None, x.shape[1]]),
        "expand": tf.expand_dims(x, x.shape.ndims), "range": tf.range(x.shape[1]),
        "dense": tf.layers.dense(x, 5), "fill": tf.fill([x.shape[1], 2], 1.0),
        "slice": tf.slice(tf.zeros([4, 6]), [0, 0], [2, tf.zeros([4, 6]).shape[1]]),
    }
    assert {k: t.shape.as_list() for k, t in shapes.items()} == {
        "zeros": [2, 4], "reshape": [None, 4], "ones": [4, 2], "zeros_of_slice": [4],
        "random": [4, 3], "variable": [4, 3], "tile": [None, 16], "one_hot": [1, 4],
        "placeholder": [None, 4], "expand": [None, 4, 1], "range": [4], "dense": [None, 5],
        "fill": [4, 2], "slice": [2, 6]}
    halves = tf.split(tf.zeros([4, 6]), tf.zeros([4, 6]).shape[1] // 2, axis=1)
    assert [t.shape.as_list() for t in halves] == [[4, 2]] * 3
    assert repr(tf.zeros([3]).shape[0] + tf.zeros([2]).shape[0]) == "Dimension(5)"
    y = tf.placeholder(tf.float32, [3, 4])
    assert tf.convert_to_tensor(y.shape).shape.as_list() == [2]
    assert tf.convert_to_tensor(y.shape[1], dtype=tf.int64).dtype == tf.int64
    with tf.Session() as sess:
        assert sess.run(tf.convert_to_tensor(y.shape)).tolist() == [3, 4]


@pytest.mark.parametrize("f, error, message", [
    (lambda x: tf.convert_to_tensor(x.shape[0]), ValueError,
     "Cannot convert unknown Dimension ? to a Tensor."),
    (lambda x: tf.convert_to_tensor(x.shape), ValueError,
     "Cannot convert a partially known TensorShape (?, 4) to a Tensor."),
    (lambda x: tf.convert_to_tensor(x.shape[1], dtype=tf.float32), TypeError,
     "Cannot convert Dimension 4 to dtype <dtype: 'float32'>. Allowed dtypes are tf.int32 and "
     "tf.int64."),
])
def test_dimensions_that_do_not_convert(f, error, message):
    tf.disable_v2_behavior()
    with pytest.raises(error) as e:
        f(tf.placeholder(tf.float32, [None, 4]))
    assert str(e.value) == message


def test_minitf_itself_reads_ints_in_both_behaviours():
    """The same model built with 1.x and 2.x shapes: same static shapes and values."""
    def build():
        g = tf.Graph()
        with g.as_default():
            x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 10)
            h = tf.layers.dense(tf.reshape(x, [-1, 12]), 5,
                                kernel_initializer=tf.constant_initializer(0.1))
            parts = [tf.concat([h, h], axis=1), tf.gather(x, [1, 0], axis=2),
                     tf.transpose(x, [2, 0, 1]), tf.nn.softmax_cross_entropy_with_logits_v2(
                         labels=tf.nn.softmax(h), logits=h), tf.linalg.diag_part(x[:, :, :3]),
                     tf.split(x, [1, 3], axis=2)[1], tf.tile(h, [2, 1]),
                     tf.pad(x, [[0, 0], [1, 1], [0, 0]]), tf.nn.top_k(h, 2).values]
            grads = tf.gradients(tf.add_n([tf.reduce_sum(p) for p in parts]), [x])
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                values = sess.run(parts + grads)
            return [p.shape.as_list() for p in parts + grads], values
    tf.enable_v2_tensorshape()
    shapes2, values2 = build()
    tf.disable_v2_tensorshape()
    shapes1, values1 = build()
    assert shapes1 == shapes2
    for a, b in zip(values1, values2):
        np.testing.assert_array_equal(a, b)


def test_eager_tensors_give_dimensions_too():
    t = tf2.zeros([2, 3])
    assert repr(t.shape[1]) == "Dimension(3)" and t.shape.as_list() == [2, 3]
    assert tf2.reshape(t, [t.shape[1], -1]).shape.as_list() == [3, 2]


@pytest.mark.parametrize("v2", [True, False])
@pytest.mark.parametrize("make", [tf2.zeros, tf2.ones, lambda s: tf2.fill(s, 1.0),
                                  tf2.random.uniform,
                                  lambda s: tf2.random.stateless_uniform(s, [1, 2])])
def test_partially_known_shapes_do_not_make_tensors(make, v2):
    if v2:
        tf.enable_v2_tensorshape()
    with pytest.raises(ValueError) as e:
        make(tf.TensorShape([None, 4]))
    assert str(e.value) == "Cannot convert a partially known TensorShape %s to a Tensor." % (
        "(None, 4)" if v2 else "(?, 4)")
    assert make(tf.TensorShape([2])).shape.as_list() == [2]

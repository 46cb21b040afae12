"""Eager and graph tensors: printed forms, conversions, operators and Python protocols."""
import numpy as np
import pytest

import minitf as tf


def test_eager_str_and_repr():
    a = tf.constant([1, 2, 3]) + tf.constant([9, 19, 29])
    assert str(a) == "tf.Tensor([10 21 32], shape=(3,), dtype=int32)"
    assert repr(a) == "<tf.Tensor: shape=(3,), dtype=int32, numpy=array([10, 21, 32], dtype=int32)>"


def test_eager_multiline_values_start_on_a_new_line():
    m = tf.constant([[3., 4.], [6., 8.]])
    assert str(m) == "tf.Tensor(\n[[3. 4.]\n [6. 8.]], shape=(2, 2), dtype=float32)"
    assert repr(m) == ("<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[3., 4.],\n"
                       "       [6., 8.]], dtype=float32)>")


@pytest.mark.parametrize("value, text", [(36.0, "numpy=36.0>"), (5, "numpy=5>"),
                                         (True, "numpy=True>"),
                                         (36.1, "numpy=36.099998474121094>")])
def test_eager_scalar_repr(value, text):
    assert repr(tf.constant(value)).endswith(text)


def test_eager_scalar_str():
    assert str(tf.constant(36.0)) == "tf.Tensor(36.0, shape=(), dtype=float32)"
    assert str(tf.constant(36.1)) == "tf.Tensor(36.1, shape=(), dtype=float32)"


def test_graph_str_and_repr(graph):
    a = tf.add(tf.constant([1, 2, 3]), tf.constant([9, 19, 29]))
    p = tf.compat.v1.placeholder(tf.float32, shape=(None, 2))
    q = tf.compat.v1.placeholder(tf.float32)
    assert str(a) == 'Tensor("Add:0", shape=(3,), dtype=int32)'
    assert repr(p) == "<tf.Tensor 'Placeholder:0' shape=(None, 2) dtype=float32>"
    assert str(p) == 'Tensor("Placeholder:0", shape=(None, 2), dtype=float32)'
    assert str(q) == 'Tensor("Placeholder_1:0", dtype=float32)'


def test_eager_tensor_numpy_and_python_conversions():
    t = tf.constant([1.5, 2.5])
    assert isinstance(t, tf.Tensor)
    np.testing.assert_array_equal(t.numpy(), [1.5, 2.5])
    np.testing.assert_array_equal(np.asarray(t), [1.5, 2.5])
    assert type(tf.constant(1.0).numpy()) is np.float32
    assert (float(tf.constant(2.5)), int(tf.constant(3)), bool(tf.constant(0))) == (2.5, 3, False)
    assert len(tf.constant([1, 2, 3])) == 3
    assert [int(x) for x in tf.constant([4, 5])] == [4, 5]
    assert "%.2f" % float(tf.constant(2.5)) == "2.50" and f"{tf.constant(2.5):.1f}" == "2.5"


def test_numpy_returns_a_copy():
    t = tf.constant([1.0, 2.0])
    n = t.numpy()
    n[0] = 99
    assert t.numpy()[0] == 1.0


def test_eager_tensor_is_unhashable_but_has_a_ref():
    t = tf.constant(1.0)
    with pytest.raises(TypeError, match="Tensor is unhashable. Instead, use tensor.ref()"):
        hash(t)
    assert {t.ref(): 1}[t.ref()] == 1 and t.ref().deref() is t


def test_graph_tensor_is_hashable_and_a_feed_key(graph):
    c = tf.constant(1.0)
    assert {c: 1}[c] == 1


def test_graph_tensor_as_bool_raises_type_error(graph):
    with pytest.raises(TypeError, match="as a Python `bool`"):
        bool(tf.constant(True))


def test_graph_tensor_has_name_op_and_graph_but_no_numpy(graph):
    c = tf.constant(1.0, name="c")
    assert (c.name, c.op.name, c.op.type, c.graph) == ("c:0", "c", "Const", graph)
    with pytest.raises(AttributeError):
        c.numpy()


def test_eager_tensor_has_no_name():
    with pytest.raises(AttributeError, match="undefined when eager execution is enabled"):
        tf.constant(1.0).name


@pytest.mark.parametrize("expr, expected", [
    ("a + b", [5., 7.]), ("a - b", [-3., -3.]), ("a * b", [4., 10.]), ("a / b", [.25, .4]),
    ("b // a", [4., 2.]), ("b % a", [0., 1.]), ("a ** 2", [1., 4.]), ("-a", [-1., -2.]),
    ("abs(-a)", [1., 2.]), ("2 + a", [3., 4.]), ("10 - a", [9., 8.]), ("2 * a", [2., 4.]),
    ("1 / a", [1., .5]), ("2 ** a", [2., 4.]), ("a < 2", [True, False]),
    ("a <= 2", [True, True]), ("a > 1", [False, True]), ("a >= 1", [True, True]),
    ("a == b", [False, False]), ("a != b", [True, True])])
def test_operators_eager(expr, expected):
    a, b = tf.constant([1., 2.]), tf.constant([4., 5.])
    np.testing.assert_allclose(eval(expr).numpy(), expected)


def test_matmul_operator():
    x = tf.constant([[1., 2.]]) @ tf.constant([[3.], [4.]])
    assert x.numpy().tolist() == [[11.]]


@pytest.mark.parametrize("key, expected", [
    (0, [1, 2, 3]), (-1, [4, 5, 6]), ((1, 2), 6), ((slice(None), 1), [2, 5]),
    ((Ellipsis, None), [[[1], [2], [3]], [[4], [5], [6]]]), ((-1, slice(None, None, -1)), [6, 5, 4]),
    ((None, 0), [[1, 2, 3]]), ((slice(None), slice(0, 3, 2)), [[1, 3], [4, 6]])])
def test_getitem_matches_numpy(key, expected):
    x = tf.constant([[1, 2, 3], [4, 5, 6]])
    assert x[key].numpy().tolist() == expected


def test_getitem_static_shape_in_graph(graph):
    p = tf.compat.v1.placeholder(tf.float32, [None, 3])
    assert p[:, 1:].shape.as_list() == [None, 2]
    assert p[0].shape.as_list() == [3]
    assert p[..., None].shape.as_list() == [None, 3, 1]


def test_getitem_out_of_range_is_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of bounds"):
        tf.constant([1., 2.])[5]


def test_eager_equality_is_elementwise_and_none_is_false():
    assert (tf.constant([1, 2]) == tf.constant([1, 3])).numpy().tolist() == [True, False]
    assert (tf.constant([1, 2]) == None) is False  # noqa: E711


def test_graph_equality_is_identity(graph):
    a = tf.constant(1)
    assert (a == a) is True and (a == tf.constant(1)) is False


def test_format_of_an_eager_tensor_is_its_value():
    assert f"loss: {tf.constant(0.5)}" == "loss: 0.5"
    assert f"{tf.constant([1, 2])}" == "[1 2]"


def test_eager_equality_of_shapes_that_cannot_broadcast_is_a_bool_tensor():
    a = tf.constant([1, 2])
    assert repr(a == tf.constant([1, 2, 3])) == "<tf.Tensor: shape=(), dtype=bool, numpy=False>"
    assert repr(a != [1, 2, 3]) == "<tf.Tensor: shape=(), dtype=bool, numpy=True>"
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a int32 tensor"):
        a == tf.zeros([3])  # noqa: B015 - the dtypes differ: an error, as in TensorFlow


def test_a_bool_key_is_a_mask():
    x = tf.reshape(tf.range(6), [3, 2])
    assert x[tf.constant([True, False, True])].numpy().tolist() == [[0, 1], [4, 5]]
    assert x[np.array([False, True, False])].numpy().tolist() == [[2, 3]]
    with pytest.raises(ValueError, match="mask cannot be scalar"):
        x[True]

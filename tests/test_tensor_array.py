"""TensorArray eagerly (a list of tensors), in graphs and functions (TensorList ops), inside
while_loop, with gradients; and the values of the TensorList ops themselves. Names and
messages were checked against TensorFlow 2.21.
"""
import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError, OutOfRangeError
from minitf.ops import list_ops


def squares(n):
    def f(x):
        def body(i, ta):
            return i + 1, ta.write(i, x * tf.cast(i, tf.float32))
        _, ta = tf.while_loop(lambda i, ta: i < n, body,
                              [0, tf.TensorArray(tf.float32, size=0, dynamic_size=True)])
        return ta.stack()
    return f


def test_a_tensor_array_filled_by_a_loop_in_every_mode(three_ways):
    results = three_ways(squares(4), np.float32(2.0))
    assert [r.tolist() for r in results] == [[0.0, 2.0, 4.0, 6.0]] * 3


def test_write_read_stack_and_size(three_ways):
    def f(x):
        ta = tf.TensorArray(tf.float32, size=3).write(0, x).write(2, x * 2)
        return ta.read(2), ta.stack(), ta.size()
    results = three_ways(f, np.array([1.0, 2.0], np.float32))
    assert [[r[0].tolist(), r[1].tolist(), int(r[2])] for r in results] == \
        [[[2.0, 4.0], [[1.0, 2.0], [0.0, 0.0], [2.0, 4.0]], 3]] * 3


def test_unstack_then_read(three_ways):
    def f(x):
        return tf.TensorArray(tf.float32, size=2).unstack(x).read(1)
    results = three_ways(f, np.array([[1.0, 2.0], [3.0, 4.0]], np.float32))
    assert [r.tolist() for r in results] == [[3.0, 4.0]] * 3


def test_a_dynamic_array_grows_when_written_past_its_end(three_ways):
    def f(x):
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True).write(2, x)
        return ta.stack()
    assert [r.tolist() for r in three_ways(f, np.float32(1.0))] == [[0.0, 0.0, 1.0]] * 3


def test_writing_past_the_end_of_a_fixed_array_raises_eagerly():
    ta = tf.TensorArray(tf.float32, size=3)
    with pytest.raises(OutOfRangeError, match="Tried to write to index 5 but array is not "
                                              "resizeable and size is: 3"):
        ta.write(5, 1.0)


def test_writing_past_the_end_of_a_fixed_array_raises_when_run(graph):
    stacked = tf.TensorArray(tf.float32, size=3).write(5, 1.0).stack()
    with pytest.raises(InvalidArgumentError, match="Trying to modify element 5 in a list with 3 "
                                                   "elements."):
        tf.compat.v1.Session().run(stacked)


def test_writing_another_shape_raises():
    ta = tf.TensorArray(tf.float32, size=2).write(0, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"Incompatible shape for value \(\(3,\)\), expected "
                                         r"\(\(2,\)\)"):
        ta.write(1, [1.0, 2.0, 3.0])


def test_the_element_shape_is_learnt_from_writes():
    ta = tf.TensorArray(tf.float32, size=2).write(0, [1.0, 2.0])
    assert ta.element_shape.as_list() == [2]


def test_graph_tensor_array_ops_are_tensor_lists(graph):
    ta = tf.TensorArray(tf.float32, size=3).write(0, 1.0)
    ta.read(0)
    ta.stack()
    assert [(op.name, op.type) for op in graph.get_operations() if "TensorList" in op.type] == [
        ("TensorArrayV2", "TensorListReserve"),
        ("TensorArrayV2Write/TensorListSetItem", "TensorListSetItem"),
        ("TensorArrayV2Read/TensorListGetItem", "TensorListGetItem"),
        ("TensorArrayV2Stack/TensorListStack", "TensorListStack")]


def test_a_tensor_array_returned_by_cond(three_ways):
    def f(x):
        ta = tf.TensorArray(tf.float32, size=2)
        ta = tf.cond(x > 0, lambda: ta.write(0, x).write(1, x), lambda: ta.write(0, -x).write(1, x))
        return ta.stack()
    assert [r.tolist() for r in three_ways(f, np.float32(-2.0))] == [[2.0, -2.0]] * 3


def test_the_flow_is_a_variant(graph):
    assert tf.TensorArray(tf.float32, size=3).flow.dtype is tf.variant


def test_gradient_through_writes_and_stack_in_a_loop(grads):
    f = tf.function(lambda x: tf.reduce_sum(squares(3)(x) * [1.0, 2.0, 3.0]))
    assert grads(lambda x: f(tf.cast(x, tf.float32)), 1.0) == [8.0]


def test_gradient_through_an_eager_tensor_array(grads):
    def f(x):
        ta = tf.TensorArray(tf.float64, size=2).unstack(x)
        ta = ta.write(1, ta.read(1) * ta.read(0))
        return ta.stack()
    assert grads(f, [2.0, 3.0]) == [[4.0, 2.0]]


def test_gradient_through_unstack_and_reads_in_a_loop(grads):
    @tf.function
    def f(x):
        ta = tf.TensorArray(tf.float64, size=3).unstack(x)
        return tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s + ta.read(i) ** 2),
                             [0, tf.constant(0.0, tf.float64)])[1]
    assert grads(f, [1.0, 2.0, 3.0]) == [[2.0, 4.0, 6.0]]


# -- the TensorList ops -------------------------------------------------------------------------
def lists_in_every_mode(f):
    """f's value eagerly and in a Session."""
    eager = f().numpy()
    with tf.Graph().as_default():
        return eager, tf.compat.v1.Session().run(f())


def test_tensor_list_from_tensor_and_stack():
    x = np.arange(6.0).reshape(3, 2)
    values = lists_in_every_mode(lambda: list_ops.stack(list_ops.from_tensor(x), tf.float64))
    np.testing.assert_array_equal(values, [x, x])


def test_tensor_list_reserve_set_and_get_item():
    def f():
        lst = list_ops.set_item(list_ops.reserve(3, tf.float32), 1, [5.0])
        return tf.stack([list_ops.get_item(lst, 1, tf.float32, [1]),
                         list_ops.get_item(lst, 0, tf.float32, [1])])
    np.testing.assert_array_equal(lists_in_every_mode(f), [[[5.0], [0.0]]] * 2)


def test_tensor_list_push_pop_and_length():
    def f():
        lst = list_ops.push_back(list_ops.push_back(list_ops.empty(tf.float32), 1.0), 2.0)
        rest, last = list_ops.pop_back(lst, tf.float32)
        return tf.stack([last, tf.cast(list_ops.length(rest), tf.float32)])
    np.testing.assert_array_equal(lists_in_every_mode(f), [[2.0, 1.0]] * 2)


def test_reading_past_the_end_of_a_list_raises():
    lst = list_ops.from_tensor(np.zeros((2, 1)))
    with pytest.raises(InvalidArgumentError, match="Trying to access element 3 in a list with 2 "
                                                   "elements."):
        list_ops.get_item(lst, 3, tf.float64)


def test_an_eager_variant_prints_its_list():
    assert repr(list_ops.empty(tf.float32)) == \
        "<tf.Tensor: shape=(), dtype=variant, value=<TensorList of 0>>"


def test_writing_another_dtype_raises():
    ta = tf.TensorArray(tf.float64, size=1)
    with pytest.raises(InvalidArgumentError, match="TensorArray dtype is float64 but Op is "
                                                   "trying to write dtype float32"):
        ta.write(0, tf.constant(1.0))

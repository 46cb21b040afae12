"""Variables in eager mode (graph-mode behaviour is covered in test_session and test_graph)."""
import numpy as np
import pytest

import minitf as tf


def test_eager_variable_printed_form():
    v = tf.Variable([[1.], [2.]])
    assert repr(v) == ("<tf.Variable 'Variable:0' shape=(2, 1) dtype=float32, numpy=\n"
                       "array([[1.],\n       [2.]], dtype=float32)>")
    assert str(tf.Variable(1.0)) == "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>"


def test_eager_names_are_not_uniquified_but_scoped():
    assert tf.Variable(1.0).name == tf.Variable(1.0).name == "Variable:0"
    assert tf.Variable(1.0, name="w").name == "w:0"
    with tf.name_scope("layer"):
        assert tf.Variable(1.0, name="w").name == "layer/w:0"


def test_initial_value_dtype_and_callable():
    assert tf.Variable(1, dtype=tf.float32).dtype is tf.float32
    assert tf.Variable(lambda: tf.ones([2])).numpy().tolist() == [1.0, 1.0]
    with pytest.raises(ValueError, match="initial value"):
        tf.Variable()


def test_assign_family_is_immediate():
    v = tf.Variable([1.0, 2.0])
    assert repr(v.assign([3.0, 4.0])) == ("<tf.Variable 'UnreadVariable' shape=(2,) "
                                          "dtype=float32, numpy=array([3., 4.], dtype=float32)>")
    assert v.assign([3.0, 4.0], read_value=False) is None
    v.assign_add([1.0, 1.0])
    v.assign_sub([0.5, 0.5])
    assert v.numpy().tolist() == [3.5, 4.5]


def test_assign_of_wrong_shape_raises_value_error_and_keeps_value():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(ValueError, match=r"Shape mismatch.*\(2,\).*\(3,\)"):
        v.assign([1.0, 2.0, 3.0])
    assert v.numpy().tolist() == [1.0, 2.0]


def test_read_values_do_not_change_after_assignment():
    v = tf.Variable(1.0)
    before = v.read_value()
    v.assign(2.0)
    assert (float(before), float(v)) == (1.0, 2.0)


def test_numpy_of_a_variable_is_a_copy():
    v = tf.Variable([1.0])
    v.numpy()[0] = 9.0
    assert v.numpy()[0] == 1.0


def test_variables_in_arithmetic():
    v = tf.Variable([1.0, 2.0])
    assert (v + 1).numpy().tolist() == [2.0, 3.0]
    assert (2 * v).numpy().tolist() == [2.0, 4.0]
    assert tf.matmul(tf.Variable([[1., 2.]]), tf.constant([[1.], [1.]])).numpy().tolist() == [[3.]]
    assert (v == v).numpy().tolist() == [True, True]
    assert float(tf.Variable(2.0)) == 2.0 and np.asarray(v).tolist() == [1.0, 2.0]
    with pytest.raises(tf.errors.InvalidArgumentError, match="Mul"):
        v * tf.constant(2)


def test_eager_variables_are_unhashable_but_have_a_ref():
    v = tf.Variable(1.0)
    with pytest.raises(TypeError, match="Variable is unhashable"):
        hash(v)
    assert {v.ref(): 1}[v.ref()] == 1


def test_trainable_flag_and_eager_collections_are_empty():
    assert tf.Variable(1.0).trainable and not tf.Variable(1.0, trainable=False).trainable
    assert tf.compat.v1.global_variables() == []


def test_placeholder_needs_graph_mode():
    with pytest.raises(RuntimeError, match="not compatible with eager execution"):
        tf.compat.v1.placeholder(tf.float32)


def test_an_absolute_eager_scope_or_name_ends_with_a_slash():
    with tf.name_scope("outer"):
        with tf.name_scope("abs/") as scope:
            assert scope == "abs/" and tf.Variable(1.0, name="w").name == "abs/w:0"
        assert tf.Variable(1.0, name="a/").name == "a:0"


def test_iterating_an_eager_variable_gives_its_rows():
    assert [float(x) for x in tf.Variable([1.0, 2.0])] == [1.0, 2.0]


def test_synchronization_and_aggregation_are_kept():
    v = tf.Variable(1.0, synchronization=tf.VariableSynchronization.ON_READ,
                    aggregation=tf.VariableAggregation.MEAN)
    assert (repr(v.synchronization), str(v.aggregation), v.trainable) == \
        ("<VariableSynchronization.ON_READ: 3>", "VariableAggregationV2.MEAN", False)


def test_default_synchronization_and_aggregation():
    v = tf.Variable(1.0)  # TensorFlow's default aggregation is the 1.x enum's NONE
    assert (str(v.synchronization), str(v.aggregation)) == \
        ("VariableSynchronization.AUTO", "VariableAggregation.NONE")


def test_the_two_aggregation_enums_compare_equal():
    assert tf.VariableAggregation.SUM == tf.compat.v1.VariableAggregation.SUM


def test_a_bad_synchronization():
    with pytest.raises(ValueError, match="Invalid variable synchronization mode: x for variable"):
        tf.Variable(1.0, synchronization="x", name="v")


def test_synchronization_in_a_graph(graph):
    v = tf.Variable(1.0, aggregation=tf.compat.v1.VariableAggregation.SUM, trainable=False)
    assert (str(v.aggregation), tf.compat.v1.trainable_variables()) == \
        ("VariableAggregation.SUM", [])


def test_a_variable_is_a_resource_variable_as_in_tensorflow():
    v = tf.Variable(1.0)
    assert type(v).__name__ == "ResourceVariable" and isinstance(v, tf.Variable)


# Python lists (and numpy values) with variables, each case as TensorFlow 2.21 gives it
# (checked there): a list holding tensors or variables is packed into one tensor first.
@pytest.mark.parametrize("expression, expected", [
    (lambda x, v, w: [x] * v, [2.0]),
    (lambda x, v, w: v * [x], [2.0]),
    (lambda x, v, w: [v] * v, [4.0]),
    (lambda x, v, w: [x, v] * w, [1.0, 4.0]),
    (lambda x, v, w: [w, w] * w, [[1.0, 4.0], [1.0, 4.0]]),
    (lambda x, v, w: [1.0, 2.0] + w, [2.0, 4.0]),
    (lambda x, v, w: (1.0, 2.0) * w, [1.0, 4.0]),
    (lambda x, v, w: [x] - w, [0.0, -1.0]),
    (lambda x, v, w: [x] / v, [0.5]),
    (lambda x, v, w: [2.0] ** v, [4.0]),
    (lambda x, v, w: [x] < v, [True]),
    (lambda x, v, w: np.array([1.0, 2.0]) * w, [1.0, 4.0]),
    (lambda x, v, w: [[x]] @ tf.Variable([[2.0]]), [[2.0]]),
])
def test_lists_with_variables_are_tensors_in_arithmetic(expression, expected):
    out = expression(tf.constant(1.0), tf.Variable(2.0), tf.Variable([1.0, 2.0]))
    assert (type(out).__name__, out.numpy().tolist()) == ("EagerTensor", expected)


def test_a_list_of_variables_times_an_int_is_a_longer_list():
    v = tf.Variable(2.0)
    assert [v] * 2 == [v, v] and 2 * [v] == [v, v]


def test_lists_with_variables_in_a_graph_are_packed(graph):
    u = tf.Variable(2.0, name="u")
    outs = [[tf.constant(1.0)] * u, u * [u], [tf.constant(1.0), u] + u]
    assert [(t.name, t.shape) for t in outs] == [
        ("mul:0", tf.TensorShape([1])), ("mul_1:0", tf.TensorShape([1])),
        ("add:0", tf.TensorShape([2]))]

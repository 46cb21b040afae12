"""Graphs: op naming and uniquifying, scopes, look-ups, collections, modes."""
import pytest

import minitf as tf


def _names(g):
    return [op.name for op in g.get_operations()]


def test_op_names_as_tensorflow_gives_them(graph):
    a, b = tf.constant([1., 2.]), tf.constant([3., 4.])
    m = tf.constant([[1.]])
    tf.add(a, b), a + b, tf.matmul(m, m), m @ m
    -a, a / b, tf.square(a), tf.reduce_mean(a)
    names = _names(graph)
    assert names == ["Const", "Const_1", "Const_2", "Add", "add_1", "MatMul", "matmul_1", "Neg",
                     "truediv", "Square", "Const_3", "Mean"]


def test_python_values_become_constants_named_after_the_op_input(graph):
    x = tf.constant(1.0)
    assert (x + 2.0).op.inputs[1].name == "add/y:0"
    assert tf.add(1.0, x).op.inputs[0].name == "Add_1/x:0"  # "add" was taken: case-insensitive


def test_uniquifying_is_case_insensitive(graph):
    a = tf.constant(1)
    assert [tf.add(a, a).name, (a + a).name, tf.add(a, a).name] == ["Add:0", "add_1:0", "Add_2:0"]


def test_user_names_are_honoured_and_uniquified(graph):
    assert tf.constant(1, name="c").name == "c:0"
    assert tf.constant(1, name="c").name == "c_1:0"


def test_name_scopes_nest_and_uniquify(graph):
    with tf.name_scope("layer"):
        a = tf.constant(1.0)
        with tf.name_scope("inner"):
            b = tf.identity(a)
    with tf.name_scope("layer"):
        c = tf.constant(1.0)
    assert (a.name, b.name, c.name) == ("layer/Const:0", "layer/inner/Identity:0",
                                        "layer_1/Const:0")


def test_compat_v1_name_scope_uses_default_name(graph):
    with tf.compat.v1.name_scope(None, "dense"):
        x = tf.constant(1.0)
    assert x.name == "dense/Const:0"


def test_variable_and_initializer_names(graph):
    v = tf.Variable([1., 2.])
    init = tf.compat.v1.global_variables_initializer()
    assert (v.name, v.op.name, v.initializer.name, init.name) == \
        ("Variable:0", "Variable", "Variable/Assign", "init")
    assert tf.Variable(1.0).name == "Variable_1:0"
    assert repr(v) == "<tf.Variable 'Variable:0' shape=(2,) dtype=float32>"
    assert [op.name for op in init.control_inputs] == ["Variable/Assign"]  # made before Variable_1


def test_get_operation_and_tensor_by_name(graph):
    a = tf.constant(1.0)
    s = a + a
    assert graph.get_operation_by_name("add") is s.op
    assert graph.get_tensor_by_name("add:0") is s
    with pytest.raises(KeyError, match="refers to an Operation not in the graph"):
        graph.get_operation_by_name("nope")
    with pytest.raises(KeyError, match="does not exist"):
        graph.get_tensor_by_name("nope:0")
    with pytest.raises(ValueError, match="looks like an \\(invalid\\) Operation name"):
        graph.get_tensor_by_name("add")


def test_as_default_is_a_stack():
    g1, g2 = tf.Graph(), tf.Graph()
    with g1.as_default():
        with g2.as_default():
            assert tf.compat.v1.get_default_graph() is g2
        assert tf.compat.v1.get_default_graph() is g1
        assert not tf.executing_eagerly()
    assert tf.executing_eagerly()


def test_reset_default_graph():
    tf.compat.v1.disable_eager_execution()
    g = tf.compat.v1.get_default_graph()
    tf.constant(1)
    tf.compat.v1.reset_default_graph()
    assert tf.compat.v1.get_default_graph() is not g
    assert tf.compat.v1.get_default_graph().get_operations() == []


def test_disable_eager_execution_builds_graphs():
    tf.compat.v1.disable_eager_execution()
    assert not tf.executing_eagerly()
    c = tf.constant(1)
    assert c.graph is tf.compat.v1.get_default_graph()


def test_mixing_graphs_is_a_value_error_naming_both(graph):
    with tf.Graph().as_default():
        other = tf.constant(1, name="other")
    with pytest.raises(ValueError, match="other:0.*must be from the same graph as.*Const:0"):
        tf.add(other, tf.constant(1))


def test_eager_tensor_in_graph_is_refused():
    e = tf.constant(1.0)
    with tf.Graph().as_default():
        with pytest.raises(RuntimeError, match="Attempting to capture an EagerTensor"):
            e + 1.0


def test_graph_tensor_in_eager_op_is_refused():
    with tf.Graph().as_default():
        g = tf.constant(1.0)
    with pytest.raises(TypeError, match="graph tensor"):
        g + 1.0


def test_static_shape_errors_name_the_op_and_shapes(graph):
    with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 2 and 3 for "
                                         r"'\{\{node add\}\}.*input shapes: \[2\], \[3\]"):
        tf.constant([1., 2.]) + tf.constant([1., 2., 3.])
    with pytest.raises(ValueError, match=r"Shape must be rank 2 but is rank 1.*matmul"):
        tf.constant([1.0]) @ tf.constant([[1.0]])


def test_static_shapes_with_unknown_dimensions(graph):
    x = tf.compat.v1.placeholder(tf.float32, [None, 3])
    w = tf.ones([3, 2])
    assert (x @ w).shape.as_list() == [None, 2]
    assert (x + tf.ones([3])).shape.as_list() == [None, 3]
    assert tf.reduce_sum(x, axis=1).shape.as_list() == [None]
    assert tf.reshape(x, [-1]).shape.as_list() == [None]
    assert tf.reshape(tf.ones([2, 3]), [-1, 2]).shape.as_list() == [3, 2]


def test_collections(graph):
    v = tf.Variable(1.0)
    w = tf.Variable(1.0, trainable=False)
    assert tf.compat.v1.global_variables() == [v, w]
    assert tf.compat.v1.trainable_variables() == [v]
    tf.compat.v1.add_to_collection("mine", 3)
    assert tf.compat.v1.get_collection("mine") == [3]


def test_operation_printed_forms(graph):
    a = tf.constant(1.0)
    g = tf.group(a, tf.identity(a))
    assert repr(g) == "<tf.Operation 'group_deps' type=NoOp>"
    assert str(g) == 'name: "group_deps"\nop: "NoOp"\ninput: "^Const"\ninput: "^Identity"\n'


def test_static_shapes_see_through_casts_of_constants(graph):
    shape = tf.cast(tf.constant([3, 2]), tf.int64)
    assert tf.reshape(tf.zeros([6]), shape).shape == (3, 2)


def test_iterating_a_graph_tensor_is_refused(graph):
    p = tf.compat.v1.placeholder(tf.float32, [None])
    with pytest.raises(TypeError, match="Iterating over a symbolic `tf.Tensor`"):
        list(p)


def test_a_name_cannot_be_used_twice(graph):
    tf.constant(1.0, name="c/")
    with pytest.raises(ValueError, match="Duplicate node name in graph: 'c'"):
        tf.constant(1.0, name="c/")


def test_operation_names_have_no_output_index(graph):
    tf.constant(1.0, name="a")
    with pytest.raises(ValueError, match="looks like a Tensor name"):
        graph.get_operation_by_name("a:0")

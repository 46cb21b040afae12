"""Session.run: fetch structures, feeds, initialization, separate sessions, errors, plans."""
import collections

import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1


@pytest.fixture
def net(graph):
    x = v1.placeholder(tf.float32, shape=(None, 2), name="x")
    w = tf.Variable([[1.0], [2.0]], name="w")
    y = tf.matmul(x, w)
    init = v1.global_variables_initializer()
    return collections.namedtuple("Net", "x w y init")(x, w, y, init)


def test_run_tensor_variable_and_operation(net):
    with v1.Session() as sess:
        assert sess.run(net.init) is None
        np.testing.assert_array_equal(sess.run(net.y, {net.x: [[1, 1]]}), [[3.0]])
        np.testing.assert_array_equal(sess.run(net.w), [[1.0], [2.0]])


def test_fetch_structures_are_kept(net):
    Pair = collections.namedtuple("Pair", "a b")
    with v1.Session() as sess:
        sess.run(net.init)
        out = sess.run({"y": net.y, "rest": [net.w, (net.init, Pair(net.y, net.w))]},
                       feed_dict={net.x: [[1, 0]]})
    assert out["y"].tolist() == [[1.0]]
    assert out["rest"][1][0] is None
    assert isinstance(out["rest"][1][1], Pair) and out["rest"][1][1].a.tolist() == [[1.0]]
    assert isinstance(out["rest"][1], tuple)


def test_fetch_by_name(net):
    with v1.Session() as sess:
        sess.run("init")
        assert sess.run("w/Read/ReadVariableOp:0").tolist() == [[1.0], [2.0]]


def test_scalar_fetch_is_a_numpy_scalar(graph):
    with v1.Session() as sess:
        assert type(sess.run(tf.constant(1.0))) is np.float32


def test_fetched_arrays_are_the_callers(graph):
    c = tf.constant([1.0, 2.0])
    with v1.Session() as sess:
        a = sess.run(c)
        a[0] = 5
        assert sess.run(c)[0] == 1.0


@pytest.mark.parametrize("fetch, message", [(None, "Cannot be None"), (3, 'invalid type "int"')])
def test_bad_fetch_is_a_type_error(graph, fetch, message):
    with v1.Session() as sess:
        with pytest.raises(TypeError, match=message):
            sess.run(fetch)


def test_unknown_fetch_name_is_a_value_error(graph):
    with v1.Session() as sess:
        with pytest.raises(ValueError, match="cannot be interpreted as a Tensor"):
            sess.run("nothing:0")


def test_feed_values_are_converted_to_the_tensor_dtype(net):
    with v1.Session() as sess:
        assert sess.run(net.x, {net.x: [[1, 2]]}).dtype == np.float32
        assert sess.run(net.x, {"x:0": [[1, 2]]}).tolist() == [[1.0, 2.0]]


def test_any_tensor_may_be_fed(net):
    with v1.Session() as sess:
        assert sess.run(net.y, {net.y: [[7.0]]}).tolist() == [[7.0]]
        a = tf.constant([1, 2, 3])
        assert sess.run(a + 1, {a: [5, 5, 5]}).tolist() == [6, 6, 6]


def test_feed_of_wrong_shape_names_tensor_and_shapes(net):
    with v1.Session() as sess:
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(3,\) for Tensor x:0, "
                                             r"which has shape \(None, 2\)"):
            sess.run(net.x, {net.x: [1, 2, 3]})


def test_feeding_a_tensor_is_a_type_error(net):
    with v1.Session() as sess:
        with pytest.raises(TypeError, match="The value of a feed cannot be a tf.Tensor"):
            sess.run(net.x, {net.x: tf.constant([[1.0, 2.0]])})


def test_unfed_placeholder_names_it_and_its_dtype(net):
    with v1.Session() as sess:
        sess.run(net.init)
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"You must feed a value for placeholder tensor 'x' with dtype "
                                 r"float32 and shape \[\?,2\]"):
            sess.run(net.y)


def test_uninitialized_variable_is_failed_precondition_naming_it(net):
    with v1.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value w"):
            sess.run(net.w)


def test_initializer_captures_the_variables_that_exist(graph):
    a = tf.Variable(1.0, name="a")
    init = v1.global_variables_initializer()
    b = tf.Variable(2.0, name="b")
    with v1.Session() as sess:
        sess.run(init)
        assert sess.run(a) == 1.0
        with pytest.raises(tf.errors.FailedPreconditionError, match="b"):
            sess.run(b)
        sess.run(v1.variables_initializer([b]))
        assert sess.run(b) == 2.0


def test_each_session_keeps_its_own_values(graph):
    v = tf.Variable(1.0)
    inc = v.assign_add(1.0)
    init = v1.global_variables_initializer()
    s1, s2 = v1.Session(), v1.Session()
    s1.run(init)
    s2.run(init)
    s1.run(inc)
    s1.run(inc)
    assert (s1.run(v), s2.run(v)) == (3.0, 1.0)


def test_closed_session_raises(graph):
    c = tf.constant(1)
    sess = v1.Session()
    sess.close()
    with pytest.raises(RuntimeError, match="closed Session"):
        sess.run(c)


def test_with_session_makes_it_and_its_graph_default():
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(2.0)
    with v1.Session(graph=g) as sess:
        assert v1.get_default_session() is sess
        assert v1.get_default_graph() is g
        assert c.eval() == 2.0
    assert v1.get_default_session() is None


def test_interactive_session_eval_and_run(graph):
    v = tf.Variable(3.0)
    sess = v1.InteractiveSession()
    v.initializer.run()
    assert (v.eval(), (v * 2).eval()) == (3.0, 6.0)
    sess.close()
    assert v1.get_default_session() is None


def test_eval_without_default_session_is_a_value_error(graph):
    with pytest.raises(ValueError, match="No default session is registered"):
        tf.constant(1.0).eval()


def test_a_session_made_while_eager_runs_the_default_graph():
    with v1.get_default_graph().as_default():
        c = tf.constant(3.0)
    assert v1.Session().run(c) == 3.0


def test_make_callable(net):
    with v1.Session() as sess:
        sess.run(net.init)
        predict = sess.make_callable(net.y, [net.x])
        assert predict([[1.0, 1.0]]).tolist() == [[3.0]]


def test_control_dependencies_order_effects(graph):
    v = tf.Variable(1.0)
    assign = v.assign(10.0, read_value=False)
    with tf.control_dependencies([assign]):
        after = v.read_value()
    with v1.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(after) == 10.0


def test_control_dependencies_on_variables_and_assignments(graph):
    v = tf.Variable(1.0)
    with tf.control_dependencies([v.assign(5.0)]):
        doubled = v * 2.0
    with tf.control_dependencies([v]):
        tf.no_op()
    with v1.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(doubled) == 10.0


def test_group_runs_all_its_inputs(graph):
    a, b = tf.Variable(0.0), tf.Variable(0.0)
    both = tf.group(a.assign(1.0), b.assign(2.0))
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        sess.run(both)
        assert sess.run([a, b]) == [1.0, 2.0]


def test_assign_returns_the_new_value_in_a_graph(graph):
    v = tf.Variable([1.0, 2.0])
    assigned = v.assign([5.0, 6.0])
    assert repr(assigned) == "<tf.Variable 'AssignVariableOp' shape=(2,) dtype=float32>"
    assert assigned.op.type == "AssignVariableOp"
    with v1.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(v.assign([5.0, 6.0])).tolist() == [5.0, 6.0]
        assert sess.run(v.assign_add([1.0, 1.0])).tolist() == [6.0, 7.0]
        assert sess.run(v.assign_sub([2.0, 2.0])).tolist() == [4.0, 5.0]


def test_failed_run_leaves_no_variable_partly_updated(graph):
    a, b = tf.Variable(1.0), tf.Variable([1.0, 2.0])
    x = v1.placeholder(tf.float32, [None])
    step = tf.group(a.assign_add(1.0), b.assign(x))
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError, match="Assign"):
            sess.run(step, {x: [1.0, 2.0, 3.0]})  # b has shape (2,): the second update fails
        assert sess.run(a) == 1.0 and sess.run(b).tolist() == [1.0, 2.0]


def test_plans_are_compiled_once_per_fetches_and_feeds(net):
    with v1.Session() as sess:
        sess.run(net.init)
        for _ in range(5):
            sess.run(net.y, {net.x: [[1, 1]]})
        sess.run([net.y], {net.x: [[1, 1]]})  # same graph elements: the same plan
        assert len(sess._plans) == 2  # one for init, one for y given x


def test_plan_skips_ops_that_fed_tensors_make_unnecessary(graph):
    a = tf.constant(2.0)
    b = a * 3.0
    c = b + 1.0
    with v1.Session() as sess:
        sess.run(c, {b: 10.0})
        plan = [p for p in sess._plans.values()][0]
        assert plan.num_kernel_calls == 1

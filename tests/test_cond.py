"""cond, case and switch_case: the same values eagerly, in a Session and in a function; the ops
and names TensorFlow builds; its errors; gradients through the branches (the gradient-check
table checks them numerically). Names and messages were checked against TensorFlow 2.21.
"""
import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError


def absolute(x):
    return tf.cond(x > 0, lambda: x, lambda: -x)


def test_cond_gives_one_value_in_every_mode(three_ways):
    assert three_ways(absolute, np.float32(-3.0)) == [3.0, 3.0, 3.0]


def test_cond_keeps_the_structure_of_its_branches(three_ways):
    def f(x):
        return tf.cond(x > 0, lambda: {"a": (x, x * 2)}, lambda: {"a": (x, x * 3)})
    results = three_ways(f, np.float32(1.0))
    assert [r["a"][1] for r in results] == [2.0, 2.0, 2.0]


def test_eager_cond_runs_only_the_chosen_branch():
    ran = []
    tf.cond(tf.constant(True), lambda: ran.append("true"), lambda: ran.append("false"))
    assert ran == ["true"]


def test_graph_cond_traces_both_branches_and_runs_one(graph):
    ran = []

    def branch(name, value):
        ran.append(name)
        return tf.constant(value)
    y = tf.cond(tf.compat.v1.placeholder_with_default(False, []),
                lambda: branch("true", 1), lambda: branch("false", 2))
    assert (ran, tf.compat.v1.Session().run(y)) == (["true", "false"], 2)


def test_graph_cond_is_a_stateless_if_with_identity_outputs(graph):
    x = tf.compat.v1.placeholder(tf.float32, [], name="x")
    y = tf.cond(x > 0, lambda: x * 2.0, lambda: -x)
    assert [(op.name, op.type) for op in graph.get_operations()][-2:] == \
        [("cond", "StatelessIf"), ("cond/Identity", "Identity")] and y.name == "cond/Identity:0"


def test_a_branch_that_reads_a_variable_makes_an_if(graph):
    v = tf.Variable(1.0)
    y = tf.cond(v > 0, lambda: v * 2.0, lambda: v * 3.0)
    assert y.op.inputs[0].op.type == "If"


def test_the_untaken_branch_does_not_run(graph):
    x = tf.compat.v1.placeholder(tf.float32, [])

    def checked():
        with tf.control_dependencies([tf.Assert(x < 0, ["negative only"])]):
            return -x
    y = tf.cond(x > 0, lambda: x, checked)
    assert tf.compat.v1.Session().run(y, {x: 5.0}) == 5.0


def test_an_assert_that_fails_raises_when_its_branch_runs(graph):
    x = tf.compat.v1.placeholder(tf.float32, [])

    def checked():
        with tf.control_dependencies([tf.Assert(x > 100, ["too small:", x])]):
            return -x
    y = tf.cond(x > 0, checked, lambda: x)
    with pytest.raises(InvalidArgumentError, match=r"assertion failed: \[too small:\] \[5\]"):
        tf.compat.v1.Session().run(y, {x: 5.0})


def test_branch_shapes_that_differ_give_an_unknown_dimension(graph):
    y = tf.cond(tf.compat.v1.placeholder(tf.bool, []), lambda: tf.ones([2, 1]),
                lambda: tf.ones([2, 3]))
    assert y.shape.as_list() == [2, None]


def test_branches_returning_none_give_none(graph):
    assert tf.cond(tf.constant(True), lambda: None, lambda: None) is None


def test_cond_captures_outside_tensors_in_a_function():
    outside = tf.constant([1.0, 2.0])

    @tf.function
    def f(x):
        return tf.cond(x > 0, lambda: outside * x, lambda: outside)
    assert f(tf.constant(3.0)).numpy().tolist() == [3.0, 6.0]


def test_a_variable_assigned_in_a_branch_changes_once_per_call():
    v = tf.Variable(0.0)

    @tf.function
    def f(x):
        return tf.cond(x > 0, lambda: v.assign_add(1.0) * x, lambda: x)
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    assert (float(tape.gradient(y, x)), float(v.numpy())) == (1.0, 1.0)


def test_a_gradient_sees_the_random_draws_of_the_forward_branch():
    @tf.function
    def f(x):
        return tf.cond(x[0] > 0, lambda: x * tf.random.uniform([3]), lambda: x)
    x = tf.constant([1.0, 1.0, 1.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), y.numpy())


def test_second_derivative_of_cond_in_a_function(derivatives):
    f = tf.function(lambda x: tf.cond(x > 0, lambda: x * x * x, lambda: tf.exp(x)))
    assert derivatives(f, 2.0) == (12.0, 12.0)


def test_second_derivative_of_cond_in_a_graph(graph):
    x = tf.compat.v1.placeholder(tf.float32, [])
    y = tf.cond(x > 0, lambda: tf.sin(x) * x, lambda: x)
    d2, = tf.gradients(tf.gradients(y, x)[0], x)
    value = tf.compat.v1.Session().run(d2, {x: 1.0})
    assert value == pytest.approx(2 * np.cos(1.0) - np.sin(1.0), rel=1e-6)


def test_gradient_ops_are_an_if_in_the_gradient_scope(graph):
    x = tf.compat.v1.placeholder(tf.float32, [])
    dx, = tf.gradients(tf.cond(x > 0, lambda: x * 3.0, lambda: x), x)
    assert (dx.name, dx.op.inputs[0].op.name) == \
        ("gradients/cond_grad/Identity:0", "gradients/cond_grad/StatelessIf")


# -- errors -------------------------------------------------------------------------------------
def test_branches_of_different_structures_raise_type_error(graph):
    x = tf.constant(1.0)
    with pytest.raises(TypeError, match="true_fn and false_fn arguments to tf.cond must have the "
                                        "same number, type, and overall structure"):
        tf.cond(x > 0, lambda: (x,), lambda: [x])


def test_branches_of_different_dtypes_raise_type_error(graph):
    x = tf.constant(1.0)
    with pytest.raises(TypeError, match="have different types"):
        tf.cond(x > 0, lambda: x, lambda: tf.cast(x, tf.int32))


def test_a_python_bool_predicate_in_a_graph_raises(graph):
    with pytest.raises(TypeError, match="pred must not be a Python bool"):
        tf.cond(True, lambda: 1, lambda: 2)


def test_a_branch_that_is_not_callable_raises():
    with pytest.raises(TypeError, match="'true_fn' must be callable."):
        tf.cond(tf.constant(True), 1, lambda: 2)


def test_a_missing_branch_raises():
    with pytest.raises(TypeError, match="cond\\(\\): 'false_fn' argument required"):
        tf.cond(tf.constant(True), lambda: 1)


# -- TensorFlow 1.x spellings ---------------------------------------------------------------------
def test_v1_cond_returns_a_one_element_list_as_its_element(graph):
    x = tf.constant(1.0)
    y = tf.compat.v1.cond(x > 0, lambda: [x], lambda: [x])
    assert y.name == "cond/Identity:0"


def test_v1_cond_takes_fn1_and_fn2():
    assert tf.compat.v1.cond(tf.constant(False), fn1=lambda: 1, fn2=lambda: 2) == 2


def test_v1_cond_strict_keeps_the_list(graph):
    x = tf.constant(1.0)
    assert isinstance(tf.compat.v1.cond(x > 0, lambda: [x], lambda: [x], strict=True), list)


# -- switch_case and case -------------------------------------------------------------------------
def branches_of(x):
    return [lambda: x * 10, lambda: x * 20, lambda: x * 30]


@pytest.mark.parametrize("index, expected", [(0, 10.0), (2, 30.0), (7, 30.0), (-1, 30.0)])
def test_switch_case_runs_the_indexed_branch_or_the_last(three_ways, index, expected):
    def f(i, x):
        return tf.switch_case(i, branches_of(x))
    assert three_ways(f, np.int32(index), np.float32(1.0)) == [expected] * 3


def test_switch_case_default_serves_indices_out_of_range(three_ways):
    def f(i, x):
        return tf.switch_case(i, branches_of(x), default=lambda: x * 0)
    assert three_ways(f, np.int32(5), np.float32(1.0)) == [0.0] * 3


def test_switch_case_takes_a_dict_of_branches():
    y = tf.switch_case(tf.constant(1), {1: lambda: "one", 0: lambda: "zero"})
    assert y == "one"


def test_switch_case_is_a_stateless_case_in_its_scope(graph):
    y = tf.switch_case(tf.constant(1), branches_of(tf.constant(1.0)))
    assert (y.name, y.op.inputs[0].op.type) == ("switch_case/indexed_case/Identity:0",
                                                "StatelessCase")


def test_switch_case_index_must_be_a_tensor():
    with pytest.raises(TypeError, match="'branch_index' must be a Tensor, got <class 'int'>"):
        tf.switch_case(1, [lambda: 1, lambda: 2])


def test_switch_case_keys_must_be_contiguous():
    with pytest.raises(ValueError, match=r"contiguous range of \[0 to 2\) but found \{1,3\}"):
        tf.switch_case(tf.constant(1), {1: lambda: 1, 3: lambda: 2})


@pytest.mark.parametrize("x, expected", [(-2.0, -1.0), (0.5, 2.0), (3.0, 9.0)])
def test_case_runs_the_first_true_predicate(three_ways, x, expected):
    def f(x):
        return tf.case([(x < 0, lambda: -1.0), (x < 1, lambda: 2.0)], default=lambda: 9.0)
    assert three_ways(f, np.float32(x)) == [expected] * 3


def test_case_without_default_raises_when_no_predicate_holds(graph):
    x = tf.compat.v1.placeholder(tf.float32, [])
    y = tf.case([(x < 0, lambda: -x), (x > 10, lambda: x)])
    with pytest.raises(InvalidArgumentError, match="None of conditions evaluated as True"):
        tf.compat.v1.Session().run(y, {x: 5.0})


def test_exclusive_case_raises_when_two_predicates_hold():
    x = tf.constant(5.0)
    with pytest.raises(InvalidArgumentError, match="exclusive=True"):
        tf.case([(x > 0, lambda: x), (x > 1, lambda: -x)], default=lambda: x, exclusive=True)

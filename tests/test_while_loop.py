"""while_loop: the same values eagerly, in a Session and in a function; the ops and names
TensorFlow builds; shape invariants, maximum_iterations, nested loop variables, captured
variables; its errors; gradients (accumulators and a backward loop; the gradient-check table
checks them numerically). Names and messages were checked against TensorFlow 2.21.
"""
import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError


def doubling(x):
    return tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * 2.0), [0, x])


def test_while_loop_gives_one_value_in_every_mode(three_ways):
    assert [y for _, y in three_ways(doubling, np.float32(1.5))] == [12.0] * 3


def test_while_loop_returns_the_structure_of_its_loop_variables(three_ways):
    def f(x):
        return tf.while_loop(lambda s: s["n"] < 4,
                             lambda s: {"n": s["n"] + 1, "v": (s["v"][0] * x,)},
                             [{"n": 0, "v": (x,)}])
    assert [r[0]["v"][0] for r in three_ways(f, np.float32(2.0))] == [32.0] * 3


def test_a_single_loop_variable_may_be_returned_bare(three_ways):
    assert three_ways(lambda x: tf.while_loop(lambda y: y < 10, lambda y: y * 3, [x]),
                      np.int32(1)) == [[27]] * 3


def test_maximum_iterations_stops_the_loop(three_ways):
    def f(x):
        return tf.while_loop(lambda y: y > 0, lambda y: y + 1, [x], maximum_iterations=4)
    assert three_ways(f, np.int32(1)) == [[5]] * 3


def test_a_loop_that_never_runs_returns_its_start(three_ways):
    assert [y for _, y in three_ways(lambda x: tf.while_loop(
        lambda i, y: i < 0, lambda i, y: (i + 1, y * 2.0), [0, x]), np.float32(1.5))] == [1.5] * 3


def test_graph_while_loop_is_a_stateless_while_with_identity_outputs(graph):
    i, y = doubling(tf.constant(1.0))
    names = [(op.name, op.type) for op in graph.get_operations()]
    assert names[2:5] == [("while/maximum_iterations", "Const"), ("while/loop_counter", "Const"),
                          ("while", "StatelessWhile")] and y.name == "while/Identity_3:0"


def test_a_body_that_assigns_a_variable_makes_a_while(graph):
    v = tf.Variable(0)
    i = tf.while_loop(lambda i: i < 3, lambda i: v.assign_add(1) + i, [0])
    assert i[0].op.inputs[0].op.type == "While"


def test_a_variable_read_and_assigned_in_the_body_in_a_session(graph):
    v = tf.Variable(1.0)
    _, y = tf.while_loop(lambda i, y: i < 3,
                         lambda i, y: (i + 1, y + v.assign(v * 2.0).read_value()), [0, 0.0])
    sess = tf.compat.v1.Session()
    sess.run(tf.compat.v1.global_variables_initializer())
    assert (sess.run(y), sess.run(v)) == (14.0, 8.0)


def test_a_variable_read_and_assigned_in_the_body_of_a_function():
    v = tf.Variable(2.0)

    @tf.function
    def f(x):
        def body(i, y):
            v.assign_add(1.0)
            return i + 1, y * v
        return tf.while_loop(lambda i, y: i < 3, body, [0, x])[1]
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    assert [g.numpy() for g in tape.gradient(y, [x, v])] + [v.numpy()] == [60.0, 47.0, 5.0]


def test_v1_while_loop_returns_a_single_variable_on_its_own(graph):
    y = tf.compat.v1.while_loop(lambda y: y < 10, lambda y: y * 3, [1])
    assert y.name == "while/Identity_2:0"


def test_v1_while_loop_return_same_structure_keeps_the_list(graph):
    y = tf.compat.v1.while_loop(lambda y: y < 10, lambda y: y * 3, [1],
                                return_same_structure=True)
    assert isinstance(y, list)


def test_a_trip_count_fed_at_run_time(graph):
    n = tf.compat.v1.placeholder(tf.int32, [])
    _, s = tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + i), [0, 0])
    sess = tf.compat.v1.Session()
    assert [sess.run(s, {n: k}) for k in (0, 1, 4)] == [0, 0, 6]


# -- shapes ---------------------------------------------------------------------------------------
def growing(x, shape_invariants=None):
    return tf.while_loop(lambda s: tf.size(s) < 8, lambda s: tf.concat([s, s], 0), [x],
                         shape_invariants=shape_invariants)


def test_a_shape_that_changes_without_an_invariant_raises(graph):
    with pytest.raises(ValueError, match=r"Input tensor `ones:0` enters the loop with shape "
                                         r"\(1,\), but has shape \(2,\) after one iteration"):
        growing(tf.ones([1]))


def test_a_shape_invariant_lets_the_shape_change(three_ways):
    def f(x):
        return growing(x, [tf.TensorShape([None])])
    assert [r[0].shape for r in three_ways(f, np.ones(1, np.float32))] == [(8,)] * 3


def test_the_output_has_the_invariant_shape(graph):
    s, = growing(tf.ones([1]), [tf.TensorShape([None])])
    assert s.shape.as_list() == [None]


def test_an_invariant_that_the_start_does_not_fit_raises(graph):
    with pytest.raises(ValueError, match="not compatible with the initial shape"):
        growing(tf.ones([1]), [tf.TensorShape([2])])


# -- errors ---------------------------------------------------------------------------------------
def test_a_loop_variable_that_changes_dtype_raises(graph):
    with pytest.raises(TypeError, match="Loop var Const:0 enters the loop with type <dtype: "
                                        "'int32'> but has type <dtype: 'float32'> after 1 "
                                        "iteration"):
        tf.while_loop(lambda i: i < 3, lambda i: (tf.cast(i, tf.float32) + 1,), [tf.constant(0)])


def test_a_body_of_another_structure_raises(graph):
    with pytest.raises(ValueError, match="same number of elements"):
        tf.while_loop(lambda i: i < 3, lambda i: (i + 1, i), [0])


def test_a_cond_that_is_not_callable_raises():
    with pytest.raises(TypeError, match="'cond' must be callable."):
        tf.while_loop(True, lambda i: i, [0])


def test_maximum_iterations_must_be_a_scalar(graph):
    with pytest.raises(ValueError, match="'maximum_iterations' must be a scalar"):
        tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0], maximum_iterations=[2, 3])


# -- gradients ------------------------------------------------------------------------------------
def test_the_gradient_is_a_second_loop_fed_by_accumulators(graph):
    x = tf.compat.v1.placeholder(tf.float32, [])
    _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * y), [0, x])
    forward = y.op.inputs[0].op
    dx, = tf.gradients(y, x)
    backward = [op for op in graph.get_operations() if op.name == "gradients/while_grad/while_grad"]
    assert ([t.dtype for t in forward.outputs[-1:]], [op.type for op in backward]) == \
        ([tf.variant], ["StatelessWhile"])


def test_the_gradient_does_not_run_the_forward_body_again():
    v = tf.Variable(0.0)

    @tf.function
    def f(x):
        def body(i, y):
            v.assign_add(1.0)
            return i + 1, tf.sin(y)
        return tf.while_loop(lambda i, y: i < 4, body, [0, x])[1]
    x = tf.constant(0.5)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    tape.gradient(y, x)
    assert v.numpy() == 4.0


def test_the_gradient_of_a_loop_that_never_runs_passes_through(graph):
    x = tf.compat.v1.placeholder(tf.float32, [])
    _, y = tf.while_loop(lambda i, y: i < 0, lambda i, y: (i + 1, y * y), [0, x])
    dx, = tf.gradients(y * 3.0, x)
    assert tf.compat.v1.Session().run(dx, {x: 2.0}) == 3.0


def test_a_data_dependent_loop_gradient_in_a_session(graph):
    x = tf.compat.v1.placeholder(tf.float64, [])
    y, = tf.while_loop(lambda y: y < 100.0, lambda y: y * x, [x])
    dx, = tf.gradients(y, x)
    sess = tf.compat.v1.Session()
    assert [sess.run(dx, {x: v}) for v in (3.0, 11.0)] == [5 * 3.0 ** 4, 2 * 11.0]


def test_second_derivatives_of_while_loop_are_refused(graph):
    x = tf.compat.v1.placeholder(tf.float32, [])
    _, y = tf.while_loop(lambda i, y: i < 2, lambda i, y: (i + 1, y * y), [0, x])
    dx, = tf.gradients(y, x)
    with pytest.raises(NotImplementedError, match="second derivatives of while_loop"):
        tf.gradients(dx, x)


def test_a_runtime_error_in_the_body_names_the_loop(graph):
    x = tf.compat.v1.placeholder(tf.float32, [None])
    _, y = tf.while_loop(lambda i, y: i < 2, lambda i, y: (i + 1, tf.reshape(y, [2])), [0, x])
    with pytest.raises(InvalidArgumentError, match="node while"):
        tf.compat.v1.Session().run(y, {x: [1.0, 2.0, 3.0]})


def test_a_tape_in_a_graph_differentiates_a_cond_and_a_loop_reading_a_variable(graph):
    v = tf.Variable(3.0)
    x = tf.compat.v1.placeholder(tf.float32, [])
    with tf.GradientTape() as tape:
        y = tf.cond(x > 0, lambda: v * v, lambda: v)
        z = tf.while_loop(lambda i, s: i < 2, lambda i, s: (i + 1, s * v), [0, y])[1]
    dv = tape.gradient(z, v)
    sess = tf.compat.v1.Session()
    sess.run(tf.compat.v1.global_variables_initializer())
    assert [sess.run(dv, {x: 1.0}), sess.run(dv, {x: -1.0})] == [4 * 27.0, 3 * 9.0]

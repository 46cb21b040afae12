"""AutoGraph: Python control flow in a traced function becomes cond/while_loop on tensors and
stays Python on Python values; values agree eagerly, in a Session (`to_graph`) and in a
function; errors name the variable and show the line. Messages were checked against
TensorFlow 2.21 (which does not convert `while ... else`; minitf does).
"""
import functools
import inspect

import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import OperatorNotAllowedInGraphError


def absolute(x):
    if x > 0:
        y = x
    elif x > -1:
        y = x * 0
    else:
        y = -x
    return y


def early_return(x):
    if x > 0:
        return x * 2
    return -x


def total(x):
    s = tf.zeros_like(x[0])
    for row in x:
        s += row
    return s


def count_down(x):
    steps = 0
    while x > 1:
        x = x / 2
        steps += 1
    return x, steps


def odd_sum_below(n):
    s = 0
    for i in tf.range(n):
        if tf.equal(i % 2, 0):  # in a v1 graph `==` compares identities, as in TensorFlow
            continue
        if s > 10:
            break
        s += i
    return s


def logic(x):
    return tf.cast(x > 0 and x < 10, tf.int32) + tf.cast(not x > 5, tf.int32), (
        x if x > 3 else -x)


@pytest.mark.parametrize("f, x, expected", [
    (absolute, 3.0, 3.0), (absolute, -0.5, 0.0), (absolute, -4.0, 4.0),
    (early_return, 2.0, 4.0), (early_return, -3.0, 3.0),
    (total, np.arange(6.0).reshape(3, 2), [6.0, 9.0]),
    (count_down, 10.0, (0.625, 4)),
    (odd_sum_below, 100, 16),
    (logic, 4.0, (2, 4.0)), (logic, 7.0, (1, 7.0)),
], ids=lambda v: getattr(v, "__name__", None))
def test_python_control_flow_gives_one_value_in_every_mode(three_ways, f, x, expected):
    x = np.asarray(x, np.float32 if isinstance(x, float) or np.ndim(x) else np.int32)
    results = three_ways(tf.autograph.to_graph(f), x)
    np.testing.assert_allclose(np.array(results, dtype=object).tolist(), [expected] * 3)


def ops_of(f, *args):
    return {op.type for op in tf.function(f).get_concrete_function(*args).graph.get_operations()}


def test_a_tensor_condition_becomes_a_cond():
    assert "StatelessIf" in ops_of(absolute, tf.constant(1.0))


def test_a_python_condition_stays_python():
    def f(x, double):
        if double:
            x = x * 2
        return x
    assert ops_of(f, tf.constant(1.0), True) == {"Placeholder", "Mul", "Const", "Identity"}


def test_a_tensor_loop_becomes_a_while():
    assert "StatelessWhile" in ops_of(count_down, tf.constant(10.0))


def test_a_python_loop_is_unrolled():
    def f(x):
        for _ in range(3):
            x = x * 2
        return x
    assert "StatelessWhile" not in ops_of(f, tf.constant(1.0))


def test_range_of_a_tensor_is_a_staged_loop():
    def f(n):
        s = 0
        for i in range(n):
            s += i
        return s
    assert tf.function(f)(tf.constant(5)).numpy() == 10


def test_the_loop_variable_lives_on_after_a_range_loop():
    def f(x):
        for i in tf.range(3):
            x = x + 1.0
        return x, i
    assert [t.numpy() for t in tf.function(f)(tf.constant(5.0))] == [8.0, 2]


def test_while_else_runs_when_the_loop_does_not_break():
    def f(x):
        while x > 0:
            x -= 1
            if x < -5:
                break
        else:
            x = x + 100.0
        return x
    assert tf.function(f)(tf.constant(3.0)).numpy() == 100.0


def test_len_of_a_tensor_is_its_first_dimension():
    def f(x):
        return len(x)
    assert tf.function(f)(tf.zeros([4, 2])) == 4


def test_helper_functions_are_converted_too():
    def helper(x):
        if x > 0:
            return x
        return -x

    @tf.function
    def f(x):
        return helper(x) + 1.0
    assert f(tf.constant(-2.0)).numpy() == 3.0


def twice(fn):
    @functools.wraps(fn)
    def wrapper(x):
        return fn(x) * 2
    return wrapper


@twice
def doubled_absolute(x):
    if x > 0:
        return x
    return -x


def test_functions_behind_a_decorator_are_converted_too():
    @tf.function
    def f(x):
        return doubled_absolute(x)
    assert f(tf.constant(-3.0)).numpy() == 6.0


def test_lambdas_are_converted_too():
    f = tf.function(lambda x: x if x > 0 else -x)
    assert f(tf.constant(-3.0)).numpy() == 3.0


def test_nested_functions_are_converted_too():
    @tf.function
    def f(x):
        def inner(y):
            while y < 10.0:
                y = y * 2
            return y
        return inner(x)
    assert f(tf.constant(3.0)).numpy() == 12.0


def test_methods_are_converted_and_see_their_object():
    class Model:
        scale = 3.0

        @tf.function
        def __call__(self, x):
            if x > 0:
                x = x * self.scale
            return x
    assert Model()(tf.constant(2.0)).numpy() == 6.0


def test_a_variable_assigned_in_a_tensor_loop():
    v = tf.Variable(0.0)

    @tf.function
    def f(n):
        for i in tf.range(n):
            v.assign_add(tf.cast(i, tf.float32))
        return v.read_value()
    assert f(tf.constant(4)).numpy() == 6.0


def test_gradients_through_converted_control_flow(grads):
    @tf.function
    def f(x):
        y = x
        while tf.reduce_sum(y) < 10.0:
            y = y * x
        if tf.reduce_sum(y) > 20.0:
            y = y / 2.0
        return y
    assert grads(f, 3.0) == [13.5]  # y = x ** 3 / 2


def test_print_runs_while_tracing_and_minitf_print_when_called(capsys):
    @tf.function
    def f(x):
        if x > 0:
            print("traced")
            tf.print("ran")
        return x
    f(tf.constant(1.0))
    f(tf.constant(2.0))
    assert capsys.readouterr() == ("traced\n", "ran\nran\n")


def test_to_code_shows_the_functional_form():
    code = tf.autograph.to_code(absolute)
    assert "ag__.if_stmt(ag__.ld(x) > 0, if_body" in code


def test_autograph_off_leaves_tensor_conditions_to_python():
    with pytest.raises(OperatorNotAllowedInGraphError, match="AutoGraph"):
        tf.function(absolute, autograph=False)(tf.constant(1.0))


def test_do_not_convert_leaves_a_function_as_it_is():
    f = tf.autograph.experimental.do_not_convert(absolute)
    with pytest.raises(OperatorNotAllowedInGraphError):
        tf.function(f)(tf.constant(1.0))


def test_set_loop_options_gives_a_shape_invariant():
    def f(x):
        while tf.size(x) < 8:
            tf.autograph.experimental.set_loop_options(
                shape_invariants=[(x, tf.TensorShape([None]))])
            x = tf.concat([x, x], 0)
        return x
    assert tf.function(f)(tf.ones([1])).shape == (8,)


def test_a_variable_first_set_in_a_tensor_loop_is_defined_after_it():
    def f(x):
        while x > 0:
            last = x
            x = x - 1
        return last
    assert tf.function(f)(tf.constant(3.0)).numpy() == 1.0


# -- errors name the variable and the line -------------------------------------------------------
def line_of(f, text):
    lines, start = inspect.getsourcelines(f)
    return start + next(i for i, line in enumerate(lines) if text in line)


def defined_in_one_branch(x):
    if x > 0:
        y = x
    return y


def test_a_variable_set_in_one_branch_only_raises_naming_it_and_the_line():
    line = line_of(defined_in_one_branch, "if x > 0")
    with pytest.raises(ValueError, match=r"line %d, in defined_in_one_branch(.|\n)*if x > 0:"
                                         r"(.|\n)*'y' must also be initialized in the else branch"
                                         % line):
        tf.function(defined_in_one_branch)(tf.constant(1.0))


def test_branches_giving_a_variable_two_dtypes_raise_type_error():
    def f(x):
        if x > 0:
            y = 1
        else:
            y = 2.0
        return y
    with pytest.raises(TypeError, match="'y' has dtype int32 in the main branch, but dtype "
                                        "float32 in the else branch"):
        tf.function(f)(tf.constant(1.0))


def test_a_return_in_one_branch_only_raises():
    def f(x):
        if x > 0:
            return x
    with pytest.raises(ValueError, match="the else branch must also have a return statement."):
        tf.function(f)(tf.constant(1.0))


def test_a_loop_variable_that_changes_shape_raises():
    def f(x):
        while tf.size(x) < 8:
            x = tf.concat([x, x], 0)
        return x
    with pytest.raises(ValueError, match=r"'x' has shape \(1,\) before the loop, but shape \(2,\) "
                                         "after one iteration. Use tf.autograph.experimental."
                                         "set_loop_options to set shape invariants."):
        tf.function(f)(tf.ones([1]))


def test_a_loop_variable_that_changes_dtype_raises():
    def f(x):
        i = 0
        while x > 0:
            x -= 1.0
            i = 0.5
        return i
    with pytest.raises(TypeError, match="'i' has dtype int32 before the loop, but dtype float32 "
                                        "after one iteration"):
        tf.function(f)(tf.constant(3.0))


def test_a_tensor_break_in_a_python_loop_raises():
    def f(x):
        for i in range(3):
            if x > i:
                break
        return x
    with pytest.raises(NotImplementedError, match="break and return statements which depend on "
                                                  "a TF condition are not supported in Python"):
        tf.function(f)(tf.constant(5.0))


def test_a_return_inside_a_tensor_loop_raises():
    def f(x):
        for _ in tf.range(3):
            if x > 100:
                return x
            x = x * 2
        return x
    with pytest.raises(NotImplementedError, match="a return statement cannot be placed inside "
                                                  "this TensorFlow loop"):
        tf.function(f)(tf.constant(5.0))


def test_reading_a_variable_never_assigned_raises_unbound_local_error():
    def f(x, flag):
        if flag:
            y = x
        return y
    with pytest.raises(UnboundLocalError, match="'y' is used before assignment"):
        tf.function(f)(tf.constant(1.0), False)


def test_a_condition_that_is_not_bool_raises():
    def f(x):
        if x:
            x = -x
        return x
    with pytest.raises(ValueError, match="condition of if statement expected to be `tf.bool` "
                                         "scalar"):
        tf.function(f)(tf.constant(1.0))


# -- datasets -------------------------------------------------------------------------------------
def batches():
    return tf.data.Dataset.from_tensor_slices(np.arange(6.0, dtype=np.float32)).batch(2)


def test_a_loop_over_a_dataset_in_a_function():
    @tf.function
    def total(ds):
        s = tf.constant(0.0)
        for batch in ds:
            s += tf.reduce_sum(batch)
        return s
    assert total(batches()).numpy() == 15.0


def test_a_tensor_break_in_a_loop_over_a_dataset():
    @tf.function
    def until_over_two(ds):
        s = tf.constant(0.0)
        for batch in ds:
            if s > 2.0:
                break
            s += tf.reduce_sum(batch)
        return s
    assert until_over_two(batches()).numpy() == 6.0

"""An optimizer step and a function call are all-or-nothing, like a Session run: a step that
raises leaves every variable, slot and step counter as it was, eagerly and in a `function`."""
import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError

OPTIMIZERS = {
    "SGD": lambda **clip: tf.optimizers.SGD(0.1, **clip),
    "momentum": lambda **clip: tf.optimizers.SGD(0.1, momentum=0.9, **clip),
    "Adam": lambda **clip: tf.optimizers.Adam(0.1, **clip),
    "RMSprop": lambda **clip: tf.optimizers.RMSprop(0.1, momentum=0.5, **clip),
    "Adagrad": lambda **clip: tf.optimizers.Adagrad(0.1, **clip),
}
CLIPPING = {"no clipping": {}, "clipnorm": {"clipnorm": 1.0}, "global_clipnorm":
            {"global_clipnorm": 1.0}}
GOOD = [np.array([0.5, -1.0], np.float32), np.array([[2.0, 1.0]], np.float32)]
BAD = [np.array([0.5, -1.0], np.float32), np.array([1.0, 2.0, 3.0], np.float32)]


def state(opt, var_list):
    """Every value a step may change, by name."""
    return {v.name + "#%d" % i: v.numpy() for i, v in enumerate(var_list + opt.variables())}


def assert_same_state(before, after):
    assert before.keys() == after.keys()
    for name in before:
        np.testing.assert_array_equal(after[name], before[name], err_msg=name)


def trained_once(make):
    """Two variables and an optimizer that has taken one good step (so its slots hold values)."""
    va, vb = tf.Variable([1.0, 2.0], name="va"), tf.Variable([[1.0, 2.0]], name="vb")
    opt = make()
    opt.apply_gradients(zip(map(tf.constant, GOOD), [va, vb]))
    return opt, [va, vb]


@pytest.mark.parametrize("clip", CLIPPING.values(), ids=CLIPPING.keys())
@pytest.mark.parametrize("make", OPTIMIZERS.values(), ids=OPTIMIZERS.keys())
def test_eager_step_with_a_misshapen_second_gradient_changes_nothing(make, clip):
    opt, var_list = trained_once(lambda: make(**clip))
    before = state(opt, var_list)

    with pytest.raises(InvalidArgumentError, match="variable vb:0.*same shape\\[1, 2\\] \\[3\\]"):
        opt.apply_gradients(zip(map(tf.constant, BAD), var_list))

    assert_same_state(before, state(opt, var_list))


@pytest.mark.parametrize("clip", CLIPPING.values(), ids=CLIPPING.keys())
@pytest.mark.parametrize("make", OPTIMIZERS.values(), ids=OPTIMIZERS.keys())
def test_function_step_failing_at_run_time_changes_nothing(make, clip):
    # With unknown static shapes the mismatch shows only when the second update op runs,
    # after the first one has written its variable and slots: the call is rolled back.
    opt, var_list = trained_once(lambda: make(**clip))
    spec = tf.TensorSpec(None, tf.float32)

    @tf.function(input_signature=[spec, spec])
    def step(ga, gb):
        return opt.apply_gradients(zip([ga, gb], var_list))

    step(*GOOD)
    before = state(opt, var_list)

    with pytest.raises(InvalidArgumentError, match="same shape\\[1, 2\\] \\[3\\]"):
        step(*BAD)

    assert_same_state(before, state(opt, var_list))


@pytest.mark.parametrize("make", OPTIMIZERS.values(), ids=OPTIMIZERS.keys())
def test_traced_step_with_a_misshapen_gradient_fails_while_tracing(make):
    opt, var_list = trained_once(make)
    before = state(opt, var_list)
    step = tf.function(lambda ga, gb: opt.apply_gradients(zip([ga, gb], var_list)))

    with pytest.raises(ValueError, match="variable vb:0.*same shape\\[1, 2\\] \\[3\\]"):
        step(*BAD)

    assert_same_state(before, state(opt, var_list))


def test_eager_step_failing_after_its_first_update_is_undone():
    # An int32 variable passes the checks (its gradient fits it) but the update rule takes
    # only floats, so the step fails after `va` was written, and before `iterations` was.
    va, vi = tf.Variable([1.0, 2.0], name="va"), tf.Variable([1, 2], name="vi")
    opt = tf.optimizers.SGD(1)

    with pytest.raises(InvalidArgumentError, match="not in the list of allowed values"):
        opt.apply_gradients([(tf.constant([1.0, 1.0]), va), (tf.constant([1, 1]), vi)])

    assert (va.numpy().tolist(), vi.numpy().tolist(), int(opt.iterations)) == ([1.0, 2.0],
                                                                               [1, 2], 0)


@pytest.mark.parametrize("gradient, error", [
    (np.array([1.0, 1.0]), "expected to be a float32 tensor but is a float64 tensor"),
    (tf.constant([1, 1]), "expected to be a float32 tensor but is a int32 tensor"),
], ids=["numpy float64", "int32 tensor"])
def test_eager_gradient_of_another_dtype_is_refused_before_any_update(gradient, error):
    # TensorFlow 2.21 raises InvalidArgumentError here too (from the update op, after the
    # earlier pairs were applied); a Python list takes the variable's dtype.
    va, vb = tf.Variable([1.0, 2.0], name="va"), tf.Variable([3.0, 4.0], name="vb")
    opt = tf.optimizers.Adam(0.1)

    with pytest.raises(InvalidArgumentError, match="variable vb:0: it was " + error):
        opt.apply_gradients([(tf.constant([1.0, 1.0]), va), (gradient, vb)])

    assert (va.numpy().tolist(), int(opt.iterations), opt.variables()[1:]) == ([1.0, 2.0], 0, [])


def test_traced_gradient_of_another_dtype_is_a_type_error():
    v = tf.Variable([1.0, 2.0], name="v")
    step = tf.function(lambda g: tf.optimizers.SGD(0.1).apply_gradients([(g, v)]))

    with pytest.raises(TypeError, match="variable v:0: it was expected to be a float32 tensor"):
        step(tf.constant([1.0, 1.0], tf.float64))


def test_python_list_gradient_takes_the_variables_dtype():
    v = tf.Variable([1.0, 2.0])
    tf.optimizers.SGD(0.5).apply_gradients([([1, 2], v)])
    assert v.numpy().tolist() == [0.5, 1.0]


def test_minimize_checks_before_it_updates():
    w = tf.Variable([1.0, 2.0], name="w")
    opt = tf.optimizers.Adam(0.1)

    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        opt.minimize(lambda: tf.constant(1.0), [w])

    assert (w.numpy().tolist(), int(opt.iterations), opt.variables()[1:]) == ([1.0, 2.0], 0, [])


def test_function_call_failing_midway_through_its_assignments_changes_nothing():
    a, b = tf.Variable([1.0, 2.0]), tf.Variable(0.0)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def f(x):
        a.assign_add(x[:2])
        b.assign(tf.reduce_sum(tf.reshape(x, [2, 2])))
        return b

    with pytest.raises(InvalidArgumentError, match="3 values, but the requested shape has 4"):
        f(tf.constant([1.0, 1.0, 1.0]))

    assert (a.numpy().tolist(), float(b)) == ([1.0, 2.0], 0.0)

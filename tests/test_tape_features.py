"""GradientTape features: persistence and memory, watching, jacobians, higher order, custom
gradients."""
import gc
import weakref

import numpy as np
import pytest

import minitf as tf


def test_non_persistent_tape_drops_intermediates_after_gradient():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        mid = tf.exp(x)
        y = tf.reduce_sum(mid * mid)
    ref = weakref.ref(mid)
    del mid
    gc.collect()
    assert ref() is not None  # the tape still holds it
    tape.gradient(y, x)
    gc.collect()
    assert ref() is None


def test_persistent_tape_holds_records_until_deleted():
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        mid = x * x
        y = mid * x
    ref = weakref.ref(mid)
    del mid
    for _ in range(3):
        assert float(tape.gradient(y, x)) == 12.0
    assert ref() is not None
    del tape
    gc.collect()
    assert ref() is None


def test_watch_nested_structures_and_watched_variables():
    a, b = tf.constant(1.0), tf.constant(2.0)
    v = tf.Variable(3.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch({"a": a, "rest": [b, v]})
        y = a * b * v
    assert tape.watched_variables() == (v,)
    grads = tape.gradient(y, {"a": a, "rest": (b, v)})
    assert float(grads["a"]) == 6.0 and [float(g) for g in grads["rest"]] == [3.0, 2.0]
    assert isinstance(grads["rest"], tuple)


def test_stop_recording():
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
        with tape.stop_recording():
            z = y * x  # not recorded: no gradient flows through it
        w = y + z
    assert float(tape.gradient(w, x)) == 6.0


def test_reset_forgets_what_was_recorded():
    x2 = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t2:
        t2.watch(x2)
        y2 = x2 * x2
        t2.reset()
        t2.watch(x2)
        z2 = x2 * 2.0
    assert t2.gradient(y2, x2) is None and float(t2.gradient(z2, x2)) == 2.0


def test_jacobian_shape_and_values():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x[0] * x[1]  # y_i = x_0i * x_1i
    j = tape.jacobian(y, x)
    assert j.shape == (2, 2, 2)
    expected = np.zeros((2, 2, 2), np.float32)
    expected[0, 0, 0], expected[0, 1, 0] = 3.0, 1.0
    expected[1, 0, 1], expected[1, 1, 1] = 4.0, 2.0
    np.testing.assert_array_equal(j.numpy(), expected)


def test_jacobian_of_several_sources_and_unconnected():
    x, u = tf.constant([1.0, 2.0]), tf.constant(5.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, u])
        y = tf.reduce_sum(x) * x
    jx, ju = tape.jacobian(y, [x, u])
    np.testing.assert_array_equal(jx.numpy(), [[4.0, 1.0], [2.0, 5.0]])
    assert ju is None
    jz = tape.jacobian(y, u, unconnected_gradients="zero")
    assert jz.numpy().tolist() == [0.0, 0.0]


def test_batch_jacobian():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    w = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.matmul(x * x, w)  # per example: y[b] = (x[b]**2) @ w
    bj = tape.batch_jacobian(y, x)
    assert bj.shape == (3, 3, 2)
    for b in range(3):
        np.testing.assert_allclose(bj.numpy()[b], (w.numpy().T * 2 * x.numpy()[b]))


def test_batch_jacobian_needs_matching_first_dimensions():
    x = tf.constant([[1.0], [2.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reshape(x, [1, 2])
    with pytest.raises(ValueError, match="Need first dimension of target shape"):
        tape.batch_jacobian(y, x)


def test_second_derivative_through_matmul_and_reductions():
    x = tf.constant([[1.0, 2.0]])
    w = tf.Variable([[0.5], [-1.0]])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(tf.square(tf.matmul(x, w)))  # (x w)^2
        g = inner.gradient(y, w)  # 2 (x w) x^T
    hessian = outer.jacobian(g, w)  # 2 x^T x, shape (2, 1, 2, 1)
    np.testing.assert_allclose(hessian.numpy().reshape(2, 2), 2 * np.outer([1, 2], [1, 2]))


def test_third_derivative():
    x = tf.constant(2.0)
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = x ** 4.0
            d1 = t1.gradient(y, x)
        d2 = t2.gradient(d1, x)
    assert (float(d1), float(d2), float(t3.gradient(d2, x))) == (32.0, 48.0, 48.0)


@tf.custom_gradient
def _log1pexp(x):
    e = tf.exp(x)
    return tf.math.log(1.0 + e), lambda dy: dy * (1.0 - 1.0 / (1.0 + e))


def test_custom_gradient_is_used_eagerly():
    x = tf.constant(100.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = _log1pexp(x)
    assert float(tape.gradient(y, x)) == 1.0  # the naive gradient would be inf/inf = nan


def test_custom_gradient_is_used_in_a_graph(graph):
    x = tf.constant(100.0)
    (g,) = tf.gradients(_log1pexp(x), x)
    with tf.compat.v1.Session() as sess:
        assert sess.run(g) == 1.0


def test_custom_gradient_with_variables():
    v = tf.Variable(3.0)

    @tf.custom_gradient
    def scaled(x):
        def grad(dy, variables):
            return dy * 100.0, [dy * 1000.0]
        return x * v, grad
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = scaled(x)
    gx, gv = tape.gradient(y, [x, v])
    assert (float(gx), float(gv)) == (100.0, 1000.0)


def test_custom_gradient_can_be_differentiated_again(derivatives):
    @tf.custom_gradient
    def cube(x):
        return x * x * x, lambda dy: dy * 3.0 * x * x
    assert derivatives(cube, 2.0) == (12.0, 12.0)


def test_integer_target_warns_naming_the_dtype():
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.cast(x, tf.int32)
    with pytest.warns(UserWarning, match="target tensor must be floating.*tf.int32"):
        assert tape.gradient(y, x) is None


def test_ops_after_gradient_inside_a_non_persistent_tape_still_run():
    v = tf.Variable(2.0)
    opt = tf.optimizers.SGD(0.1)
    with tf.GradientTape() as tape:
        loss = v * v
        grads = tape.gradient(loss, [v])
        opt.apply_gradients(zip(grads, [v]))
        after = tf.constant(1.0) + 1.0
    assert float(v) == pytest.approx(1.6) and float(after) == 2.0


def test_a_persistent_tape_records_its_own_gradients():
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x ** 3
        dy = tape.gradient(y, x)
    assert (float(dy), float(tape.gradient(dy, x))) == (12.0, 12.0)


def test_the_gradient_of_a_variable_with_respect_to_itself_is_one():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        pass
    assert tape.gradient(v, v).numpy().tolist() == [1.0, 1.0]


def test_output_gradients_must_fit_the_target():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * 2.0
    with pytest.raises(ValueError, match="does not fit its target"):
        tape.gradient(y, x, output_gradients=tf.constant([1.0, 2.0, 3.0]))


def test_custom_gradient_checks_its_gradient_function():
    @tf.custom_gradient
    def two_gradients(x):
        return x * 1.0, lambda dy: (dy, dy)
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = two_gradients(x)
    with pytest.raises(ValueError, match="one gradient per argument"):
        tape.gradient(y, x)
    v = tf.Variable(1.0)

    @tf.custom_gradient
    def reads_a_variable(x):
        return x * v, lambda dy: dy
    with pytest.raises(TypeError, match="must accept a keyword argument 'variables'"):
        reads_a_variable(x)


def test_an_unwatched_constant_gets_no_gradient_even_when_it_fed_a_recorded_op():
    # TensorFlow 2.21: None, or zeros with unconnected_gradients="zero"; the variable's is x
    x, v = tf.constant(2.0), tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        y = x * v
    assert tape.gradient(y, [x, v])[0] is None
    assert float(tape.gradient(y, [x, v])[1]) == 2.0
    assert float(tape.gradient(y, x, unconnected_gradients="zero")) == 0.0


def test_batch_jacobian_of_an_unwatched_source_is_zeros_as_in_tensorflow():
    x = tf.ones([2, 3])
    with tf.GradientTape(persistent=True) as tape:
        y = x * 2.0
    assert tape.jacobian(y, x) is None
    np.testing.assert_array_equal(tape.batch_jacobian(y, x).numpy(), np.zeros([2, 3, 3]))

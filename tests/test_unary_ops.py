"""rsqrt, reciprocal, expm1/log1p, trigonometric functions, erf and rounding: behaviour that the
value and gradient tables do not show. Expected numbers are TensorFlow's."""
import warnings

import numpy as np
import pytest

import minitf as tf


def test_round_halves_to_even_and_keeps_the_sign_of_zero():
    out = tf.round(tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, 0.49999997])).numpy()
    assert out.tolist() == [0.0, 2.0, 2.0, -0.0, -2.0, 0.0]
    assert np.signbit(out[3])


def test_round_returns_an_integer_tensor_itself():
    x = tf.constant([1, 2])
    assert tf.round(x) is x


@pytest.mark.parametrize("fn", [tf.floor, tf.math.ceil, tf.round])
def test_rounding_has_no_gradient(fn):
    x = tf.constant([1.5])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
    assert tape.gradient(y, x) is None


def test_poles_give_infinities_without_numpy_warnings():
    x = tf.constant([0.0, -0.0, np.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert tf.math.rsqrt(x).numpy().tolist() == [np.inf, -np.inf, 0.0]
        assert tf.math.reciprocal(x).numpy().tolist() == [np.inf, -np.inf, 0.0]
        assert np.isnan(tf.asin(tf.constant([2.0])).numpy()).all()


def test_expm1_and_log1p_stay_accurate_near_zero():
    tiny = tf.constant([1e-10], tf.float64)
    assert tf.math.expm1(tiny).numpy()[0] == pytest.approx(1e-10, rel=1e-12)
    assert tf.math.log1p(tiny).numpy()[0] == pytest.approx(1e-10, rel=1e-12)


def test_gradients_of_the_inverse_trigonometric_functions():
    x = tf.constant(0.5, tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        ys = [tf.asin(x), tf.acos(x), tf.atan(x), tf.tan(x), tf.math.erf(x)]
    got = [float(tape.gradient(y, x)) for y in ys]
    assert got == pytest.approx([1.1547005, -1.1547005, 0.8, 1.2984464, 0.8787826], rel=1e-6)


def test_float_functions_reject_integers_in_both_modes():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int32"):
        tf.math.reciprocal(tf.constant([2]))
    with tf.Graph().as_default():
        with pytest.raises(TypeError, match="DataType int32 not in list of allowed values"):
            tf.sin(tf.constant([2]))


def test_graph_names_follow_the_op_types(graph):
    x = tf.constant([0.5])
    assert [tf.math.rsqrt(x).name, tf.cos(x, name="c").name, tf.math.erf(1.0).name] == [
        "Rsqrt:0", "c:0", "Erf:0"]


def test_xlogy_is_zero_wherever_x_is_and_so_is_its_gradient(grads):
    x, y = [0.0, 0.0, 0.0, 2.0, 1.0], [0.0, -1.0, np.nan, 3.0, 0.0]
    out = tf.math.xlogy(tf.constant(x), tf.constant(y)).numpy()
    np.testing.assert_allclose(out, [0.0, 0.0, 0.0, 2 * np.log(3.0), -np.inf])
    dx, dy = grads(tf.math.xlogy, [0.0, 2.0], [3.0, 4.0])
    assert dx == [0.0, pytest.approx(np.log(4.0))] and dy == [0.0, 0.5]


def test_atan2_picks_the_quadrant_and_keeps_signed_zeros():
    y, x = tf.constant([1.0, -1.0, 0.0, -0.0, 1.0]), tf.constant([-1.0, -1.0, -0.0, 0.0, 0.0])
    out = tf.math.atan2(y, x).numpy()
    np.testing.assert_allclose(out, [3 * np.pi / 4, -3 * np.pi / 4, np.pi, -0.0, np.pi / 2],
                               rtol=1e-6)
    assert np.signbit(out[3])


def test_atan2_and_xlogy_take_floats_only_and_name_their_ops(graph):
    assert tf.math.atan2(tf.constant([1.0]), 2.0).name == "Atan2:0"
    assert tf.math.xlogy(tf.constant([1.0]), 2.0).name == "Xlogy:0"
    with pytest.raises(TypeError, match="DataType int32 not in list of allowed values"):
        tf.math.atan2(tf.constant([1]), tf.constant([2]))

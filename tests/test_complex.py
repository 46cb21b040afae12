"""complex64 and complex128: conversion, printing, arithmetic, the complex functions and their
gradients (TensorFlow's convention: dL/dx + i dL/dy), eagerly and in graphs. The facts were
checked against TensorFlow 2.21; numerical gradient checks of every complex op are in
test_gradient_check.py."""
import numpy as np
import pytest

import minitf as tf


def test_a_python_complex_list_is_complex128():
    c = tf.constant([5 + 4j, 6 + 1j])
    assert str(c) == "tf.Tensor([5.+4.j 6.+1.j], shape=(2,), dtype=complex128)"
    assert repr(c) == ("<tf.Tensor: shape=(2,), dtype=complex128, "
                       "numpy=array([5.+4.j, 6.+1.j])>")


def test_scalar_printed_forms():
    assert repr(tf.constant(1 + 2j, tf.complex64)) == \
        "<tf.Tensor: shape=(), dtype=complex64, numpy=(1+2j)>"
    assert str(tf.constant(1j)) == "tf.Tensor(1j, shape=(), dtype=complex128)"


def test_reals_convert_to_a_complex_dtype():
    assert tf.constant([1, 2.5], tf.complex64).numpy().tolist() == [1 + 0j, 2.5 + 0j]


@pytest.mark.parametrize("value", [[1, 2j], [2.5, 1j]])
def test_a_complex_after_a_real_is_mixed(value):
    with pytest.raises(ValueError, match="mixed types"):
        tf.constant(value)


def test_complex_does_not_fit_a_float():
    with pytest.raises(TypeError, match=r"Cannot convert \(1\+2j\) to EagerTensor"):
        tf.constant(1 + 2j, tf.float32)


def test_complex_dtypes():
    assert (tf.complex64.is_complex, tf.complex64.real_dtype, tf.complex128.real_dtype,
            tf.complex64.size, tf.float32.is_complex) == (True, tf.float32, tf.float64, 8, False)
    with pytest.raises(TypeError, match="Cannot find minimum value of <dtype: 'complex64'>"):
        tf.complex64.min


def test_arithmetic():
    z = np.array([5 + 4j, 6 + 1j])
    c = tf.constant(z)
    np.testing.assert_allclose((c * c - c / c + 1.5 * c).numpy(), z ** 2 - 1 + 1.5 * z)


def test_parts_and_polar_form():
    c = tf.constant([3 + 4j])
    got = [f(c).numpy().tolist() for f in (tf.math.real, tf.math.imag, tf.abs, tf.math.angle)]
    assert got == [[3.0], [4.0], [5.0], [np.angle(3 + 4j)]]
    assert tf.math.conj(c).numpy().tolist() == [3 - 4j]


def test_the_functions_on_real_tensors():
    x = tf.constant([1.0, -2.0])
    assert tf.math.real(x) is x and tf.math.conj(x) is x
    assert tf.math.imag(x).numpy().tolist() == [0.0, 0.0]
    assert tf.math.angle(x).numpy().tolist() == [0.0, np.float32(np.pi)]


def test_complex_from_parts():
    z = tf.complex(tf.constant([1.0], tf.float64), tf.constant(2.0, tf.float64))
    assert (z.dtype, z.numpy().tolist()) == (tf.complex128, [1 + 2j])
    assert tf.complex(1.0, 2.0).dtype == tf.complex64


def test_complex_from_parts_of_different_types():
    with pytest.raises(TypeError, match="components have incorrect types: int32 int32"):
        tf.complex(1, 2)


def test_no_order_on_complex_numbers():
    with pytest.raises(tf.errors.InvalidArgumentError, match="of complex128 is not in the list"):
        tf.constant(1j) < tf.constant(2j)


def test_conj_of_strings():
    with pytest.raises(TypeError, match="Expected numeric or variant tensor, got dtype tf.string."):
        tf.math.conj(tf.constant(["a"]))


def test_cast_to_real_drops_the_imaginary_part():
    assert tf.cast(tf.constant([5 + 4j]), tf.float32).numpy().tolist() == [5.0]


def test_gradients_follow_tensorflows_convention():
    z, w = tf.constant([1 + 2j, 3 - 1j]), tf.constant([2 - 1j, 0.5 + 1j])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(z)
        product, magnitude = tf.math.real(z * w), tf.abs(z)
    np.testing.assert_allclose(tape.gradient(product, z).numpy(), [2 + 1j, 0.5 - 1j])
    np.testing.assert_allclose(tape.gradient(magnitude, z).numpy(),
                               np.array([1 + 2j, 3 - 1j]) / np.abs([1 + 2j, 3 - 1j]))


def test_gradients_through_complex_in_a_graph(graph):
    x = tf.constant([1.0, 2.0], tf.float64)
    r = tf.abs(tf.complex(x, 2.0 * x))
    (dx,) = tf.gradients(r, [x])
    with tf.compat.v1.Session() as sess:
        np.testing.assert_allclose(sess.run(dx), [np.sqrt(5.0)] * 2)


def test_complex_matmul_with_adjoint():
    a = tf.constant([[1 + 1j, 2j]])
    np.testing.assert_allclose(tf.matmul(a, a, adjoint_b=True).numpy(), [[6 + 0j]])

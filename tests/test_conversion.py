"""convert_to_tensor / constant: TensorFlow's dtype rules, and the errors for mixed dtypes."""
import numpy as np
import pytest

import minitf as tf


@pytest.mark.parametrize("value, dtype", [
    (1, tf.int32), (2 ** 40, tf.int64), (1.5, tf.float32), (True, tf.bool), ([1, 2.5], tf.float32),
    ([[1, 2], [3, 4]], tf.int32), (np.float64(1.0), tf.float64), (np.array([1, 2]), tf.int64),
    (np.array([1.0], np.float32), tf.float32), ([np.float64(1.0), 2.0], tf.float64),
    (np.int8(3), tf.int8)])
def test_default_dtypes(value, dtype):
    assert tf.constant(value).dtype is dtype


def test_python_scalar_takes_the_tensor_dtype():
    assert (tf.constant(2.0, tf.float64) + 1).dtype is tf.float64
    assert (1 + tf.constant(2.0, tf.float64)).dtype is tf.float64
    assert (tf.constant([1, 2], tf.int64) * 3).dtype is tf.int64
    assert tf.add(tf.constant(2.0), 1).dtype is tf.float32


def test_numpy_array_is_converted_to_the_tensor_dtype_in_operators():
    assert (tf.constant(1.0) + np.array([1.0, 2.0])).dtype is tf.float32
    assert (np.array([1.0, 2.0]) + tf.constant(1.0)).dtype is tf.float32


def test_an_empty_list_takes_any_dtype():
    assert tf.constant([], tf.int32).dtype is tf.int32 and tf.constant([], tf.bool).shape == (0,)
    assert tf.reshape(tf.constant([5.0]), []).shape == ()


def test_constant_with_dtype_converts_or_refuses():
    assert tf.constant([1, 2], dtype=tf.float32).numpy().tolist() == [1.0, 2.0]
    assert tf.constant(np.array([1.7]), dtype=tf.int32).numpy().tolist() == [1]
    assert tf.constant(True, dtype=tf.int32).numpy() == 1
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.constant(1.5, dtype=tf.int32)
    with pytest.raises(TypeError, match="dtype bool"):
        tf.constant(1, dtype=tf.bool)


def test_constant_with_shape_broadcasts_a_scalar_or_reshapes():
    assert tf.constant(5, shape=[2, 2]).numpy().tolist() == [[5, 5], [5, 5]]
    assert tf.constant([1, 2, 3, 4], shape=[2, 2]).numpy().tolist() == [[1, 2], [3, 4]]
    with pytest.raises(TypeError, match="3 elements"):
        tf.constant([1, 2, 3], shape=[2, 2])


def test_ragged_and_mixed_sequences_are_refused():
    with pytest.raises(ValueError, match="non-rectangular"):
        tf.constant([[1, 2], [3]])
    with pytest.raises(ValueError, match="mixed"):
        tf.constant([1, "a"])


def test_constant_copies_numpy_input():
    a = np.array([1.0, 2.0])
    t = tf.constant(a)
    a[0] = 99
    assert t.numpy()[0] == 1.0


def test_convert_to_tensor_of_tensor_with_other_dtype_raises_value_error():
    with pytest.raises(ValueError, match="requested dtype float32 for Tensor with dtype int32"):
        tf.convert_to_tensor(tf.constant(1), dtype=tf.float32)


def test_list_of_tensors_is_packed():
    assert tf.convert_to_tensor([tf.constant(1), 2]).numpy().tolist() == [1, 2]


def test_mixed_tensor_dtypes_eager_is_invalid_argument_naming_op_and_dtypes():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.constant(1) + tf.constant(1.0)
    assert all(s in str(e.value) for s in ("AddV2", "int32", "float32"))


def test_float_scalar_into_int_tensor_is_a_type_error():
    with pytest.raises(TypeError, match="Cannot convert 2.5 to EagerTensor of dtype int32"):
        tf.constant(1) * 2.5
    with pytest.raises(TypeError, match="Cannot convert 2.5 to EagerTensor of dtype int32"):
        2.5 + tf.constant(1)


def test_eagerly_the_first_tensor_decides_the_dtype():
    d = tf.constant(2.0, tf.float64)
    assert tf.multiply(1.0, d).dtype is tf.float64
    assert tf.maximum(1, tf.constant(2.0)).dtype is tf.float32


def test_in_a_graph_the_first_input_decides_the_dtype(graph):
    d = tf.constant(2.0, tf.float64)
    with pytest.raises(TypeError, match="Input 'y' of 'Mul' Op has type float64 that does not "
                                        "match type float32 of argument 'x'"):
        tf.multiply(1.0, d)
    with pytest.raises(TypeError, match="Expected int32 passed to parameter 'y' of op 'Mul', got "
                                        "1.5 of type 'float' instead"):
        tf.multiply(tf.constant(2), 1.5)


def test_mixed_tensor_dtypes_graph_is_type_error_naming_op_and_dtypes(graph):
    with pytest.raises(TypeError, match="Input 'y' of 'AddV2' Op has type float32 that does not "
                                        "match type int32 of argument 'x'"):
        tf.constant(1) + tf.constant(1.0)
    with pytest.raises(TypeError, match="Expected int32, but got 2.5"):
        2.5 + tf.constant(1)


def test_integer_true_division_gives_float64():
    r = tf.constant([1, 2]) / tf.constant([2, 2])
    assert r.dtype is tf.float64 and r.numpy().tolist() == [0.5, 1.0]
    assert (tf.constant([1], tf.int16) / tf.constant([2], tf.int16)).dtype is tf.float32


def test_op_on_wrong_dtype_is_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int32"):
        tf.sqrt(tf.constant(4))


def test_op_on_wrong_dtype_in_graph_is_type_error(graph):
    with pytest.raises(TypeError, match="DataType int32 not in list of allowed values"):
        tf.sqrt(tf.constant(4))


def test_integer_division_by_zero():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        tf.constant([1, 2]) // tf.constant([2, 0])


def test_float_division_by_zero_is_inf_without_warning(recwarn):
    assert tf.constant(1.0) / 0.0 == np.inf
    assert np.isnan(tf.math.log(tf.constant(-1.0)).numpy())
    assert len(recwarn) == 0


def test_incompatible_shapes_eager():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[2\] vs. \[3\]"):
        tf.constant([1., 2.]) + tf.constant([1., 2., 3.])


def test_in_a_list_input_the_first_tensor_decides_the_dtype_in_both_modes():
    assert tf.stack([2, tf.constant(1.0)]).dtype is tf.float32
    with tf.Graph().as_default():
        assert tf.stack([2, tf.constant(1.0)]).dtype is tf.float32


def test_an_index_input_of_the_wrong_dtype_names_both_allowed_types_in_a_fixed_order():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"expected to be a int32/int64 tensor but is a "
                             r"float32 tensor \[Op:Reshape\]"):
        tf.reshape(tf.zeros([4]), tf.constant([2.0, 2.0]))

import numpy as np
import pytest

import minitf as tf


@pytest.mark.parametrize("dtype, name", [(tf.float16, "float16"), (tf.float32, "float32"),
                                         (tf.float64, "float64"), (tf.int8, "int8"),
                                         (tf.int16, "int16"), (tf.int32, "int32"),
                                         (tf.int64, "int64"), (tf.uint8, "uint8"),
                                         (tf.bool, "bool")])
def test_dtype_printed_forms_and_lookup(dtype, name):
    assert (str(dtype), repr(dtype)) == ("<dtype: '%s'>" % name, "tf." + name)
    assert tf.as_dtype(name) is dtype
    assert tf.as_dtype(dtype.as_numpy_dtype) is dtype


def test_as_dtype_accepts_python_types_and_rejects_unknown_names():
    assert (tf.as_dtype(float), tf.as_dtype(bool)) == (tf.float32, tf.bool)
    with pytest.raises(TypeError):
        tf.as_dtype(int)  # as in TensorFlow
    assert tf.as_dtype("double") is tf.float64
    with pytest.raises(TypeError, match="complex"):
        tf.as_dtype("complex")


def test_dtypes_equal_their_numpy_and_string_spellings():
    x = tf.constant(1.0)
    assert x.dtype == np.float32 and x.dtype == "float32" and x.dtype == np.dtype("float32")
    assert x.numpy().dtype == x.dtype and x.dtype != "int32" and x.dtype != None  # noqa: E711
    assert {tf.float32: 1}[tf.as_dtype("float32")] == 1
    assert (tf.float32.size, tf.int8.limits) == (4, (0, 127))


def test_unsigned_dtypes_and_int64_overflow():
    assert tf.constant(np.array([1], np.uint16)).dtype is tf.uint16
    with pytest.raises(ValueError, match="out-of-range integer"):
        tf.constant(2 ** 63)


def test_dtype_kinds():
    assert tf.float32.is_floating and not tf.float32.is_integer
    assert tf.uint8.is_integer and tf.uint8.is_unsigned
    assert tf.bool.is_bool
    assert tf.int8.max == 127


def test_tensor_shape_with_unknown_dimensions():
    s = tf.TensorShape([None, 2])
    assert (repr(s), str(s), s.rank, s.as_list()) == ("TensorShape([None, 2])", "(None, 2)", 2,
                                                      [None, 2])
    assert not s.is_fully_defined()
    assert s.is_compatible_with([5, 2]) and not s.is_compatible_with([5, 3])
    assert s.merge_with([5, None]) == tf.TensorShape([5, 2])


def test_tensor_shape_of_unknown_rank():
    s = tf.TensorShape(None)
    assert (repr(s), str(s), s.rank) == ("TensorShape(None)", "<unknown>", None)
    assert s.is_compatible_with([1, 2, 3])
    with pytest.raises(ValueError):
        s.as_list()


def test_tensor_shape_printing_of_scalars_and_vectors():
    assert (str(tf.TensorShape([])), str(tf.TensorShape([3]))) == ("()", "(3,)")
    assert tf.TensorShape([2, 3]).num_elements() == 6
    assert tf.TensorShape([2, 3])[1] == 3 and tf.TensorShape([2, 3])[1:] == [3]


def test_incompatible_merge_raises():
    with pytest.raises(ValueError, match="not compatible"):
        tf.TensorShape([2]).merge_with([3])


def test_errors_module_has_tensorflow_classes_and_codes():
    e = tf.errors.InvalidArgumentError(None, None, "bad")
    assert isinstance(e, tf.errors.OpError) and str(e) == "bad" and e.error_code == 3
    assert tf.errors.FailedPreconditionError(None, None, "x").error_code == 9
    assert tf.errors.NotFoundError(None, None, "x").error_code == 5
    assert tf.errors.UnimplementedError(None, None, "x").error_code == 12
    assert issubclass(tf.errors.OperatorNotAllowedInGraphError, TypeError)
    assert np.float32 is tf.float32.as_numpy_dtype


def test_v1_shapes_print_unknown_dimensions_as_question_marks():  # checked against TF 2.21
    tf.compat.v1.disable_v2_tensorshape()
    shape = tf.TensorShape([None, 3])
    assert (str(shape), str(shape[:1]), repr(shape)) == (
        "(?, 3)", "(?,)", "TensorShape([Dimension(None), Dimension(3)])")


def test_disable_v2_behavior_prints_tensor_shapes_as_tf1():
    tf.compat.v1.disable_v2_behavior()
    x = tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
    assert repr(x) == "<tf.Tensor 'x:0' shape=(?, 3) dtype=float32>"

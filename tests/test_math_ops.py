"""Binary math ops beyond +-*/ (maximum, minimum, squared_difference, divide_no_nan), the float
tests, and where TensorFlow's namespaces put the math op set. Expected numbers are
TensorFlow's."""
import numpy as np
import pytest

import minitf as tf


def test_maximum_and_minimum_give_a_tie_and_its_gradient_to_x(grads):
    x, y = [1.0, 2.0, 3.0], [1.0, 3.0, 2.0]
    assert grads(tf.maximum, x, y) == [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    assert grads(tf.minimum, x, y) == [[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]


def test_maximum_and_minimum_return_x_on_signed_zero_ties_and_propagate_nan():
    x, y = tf.constant([-0.0, 0.0, np.nan, 1.0]), tf.constant([0.0, -0.0, 1.0, np.nan])
    for out in (tf.maximum(x, y).numpy(), tf.minimum(x, y).numpy()):
        assert np.signbit(out[:2]).tolist() == [True, False]
        assert np.isnan(out[2:]).all()


def test_maximum_broadcasts_and_rejects_incompatible_shapes():
    assert tf.maximum(tf.constant([1.0, 2.0]), tf.constant([[1.5], [0.0]])).shape == (2, 2)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[2\] vs. \[3\]"):
        tf.maximum(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0, 3.0]))


def test_squared_difference_gradient_and_dtypes(grads):
    assert grads(tf.math.squared_difference, [1.0, 2.0], [3.0, 1.0]) == [[-4.0, 2.0], [4.0, -2.0]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="uint8"):
        tf.math.squared_difference(tf.constant([1], tf.uint8), tf.constant([2], tf.uint8))


def test_divide_no_nan_is_zero_wherever_the_divisor_is():
    x = tf.constant([0.0, np.inf, np.nan, 3.0])
    out = tf.math.divide_no_nan(x, tf.constant([0.0, 0.0, 0.0, 2.0]))
    assert out.numpy().tolist() == [0.0, 0.0, 0.0, 1.5]


def test_divide_no_nan_gradient_is_zero_where_the_divisor_is(grads):
    dx, dy = grads(tf.math.divide_no_nan, [1.0, 2.0, 3.0], [0.0, 4.0, 0.0])
    assert dx == [0.0, 0.25, 0.0] and dy == [0.0, -0.125, 0.0]


def test_divide_no_nan_casts_ints_and_rejects_mixed_or_bool_dtypes():
    assert tf.math.divide_no_nan(tf.constant([1, 2]), 0).dtype == tf.float64
    assert tf.math.divide_no_nan(1.0, tf.constant([2.0], tf.float64)).dtype == tf.float64
    with pytest.raises(TypeError, match="must have the same dtype"):
        tf.math.divide_no_nan(tf.constant([1.0]), tf.constant([1]))
    with pytest.raises(TypeError, match="Invalid dtype tf.bool"):
        tf.math.divide_no_nan(tf.constant([True]), tf.constant([True]))


def test_divide_no_nan_names_its_scope_like_tensorflow(graph):
    out = tf.math.divide_no_nan(tf.constant([1, 2]), 2)
    assert out.name == "div_no_nan:0"
    assert [op.name for op in graph.get_operations()][-3:] == [
        "div_no_nan/Cast", "div_no_nan/Cast_1", "div_no_nan"]


def test_is_nan_and_is_finite_take_floats_only(graph):
    assert tf.math.is_nan(tf.constant([1.0])).dtype == tf.bool
    with pytest.raises(TypeError, match="DataType int32 not in list of allowed values"):
        tf.math.is_finite(tf.constant([1]))


TOP_LEVEL = ("acos asin atan atan2 cos cosh sin sinh tan floor round maximum minimum "
             "logical_and logical_or logical_not reduce_max reduce_min reduce_prod "
             "reduce_logsumexp reduce_any reduce_all argmax argmin cumsum norm clip_by_value "
             "clip_by_norm").split()
MATH_ONLY = ("rsqrt reciprocal expm1 log1p erf ceil squared_difference divide_no_nan "
             "logical_xor is_nan is_finite is_inf reduce_std reduce_variance cumprod "
             "count_nonzero reduce_euclidean_norm xlogy log_sigmoid l2_normalize").split()
NOT_IN_V1 = ("divide_no_nan", "reduce_std", "reduce_variance", "reduce_euclidean_norm", "xlogy",
             "l2_normalize")


@pytest.mark.parametrize("name", TOP_LEVEL + MATH_ONLY)
def test_names_are_where_tensorflow_puts_them(name):
    top = name in TOP_LEVEL
    assert hasattr(tf, name) == top
    assert hasattr(tf.math, name) == (name not in ("norm", "clip_by_value", "clip_by_norm"))
    assert hasattr(tf.compat.v1, name) == (top or name not in NOT_IN_V1)


def test_v1_and_other_namespaces_keep_tensorflows_spellings():
    assert tf.compat.v1.div_no_nan is tf.math.divide_no_nan
    assert tf.linalg.norm is tf.norm
    assert tf.compat.v1.bitwise.invert is tf.bitwise.invert


@pytest.mark.parametrize("dtype", [tf.float16, tf.float32, tf.float64])
def test_float_floordiv_is_the_floor_of_the_quotient(dtype):
    x, y = tf.constant([1.0, 2.0, np.inf, -7.0], dtype), tf.constant([0.1, 0.4, 2.0, 2.0], dtype)
    assert (x // y).numpy().tolist() == [10.0, 5.0, np.inf, -4.0]
    assert tf.math.floordiv(tf.constant([1.0, -1.0]), 0.0).numpy().tolist() == [np.inf, -np.inf]


def test_float_floormod_has_the_sign_of_y_and_zeros_keep_the_sign_of_x():
    out = tf.math.floormod(tf.constant([5.0, -5.0, 0.0, -0.0, -3.0]),
                           tf.constant([3.0, 3.0, -1.5, 1.0, 1.5])).numpy()
    assert out.tolist() == [2.0, 1.0, 0.0, 0.0, 0.0]
    assert np.signbit(out).tolist() == [False, False, False, True, True]


def test_floormod_and_floordiv_names(graph):
    x = tf.constant([1.0])
    assert tf.math.floormod(x, 2.0).name == "FloorMod:0"
    assert (x % 2.0).name == "mod:0"
    assert tf.math.floordiv(x, 2.0).name == "floordiv:0"


def test_add_n_refuses_inputs_of_different_shapes():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"input 0 is \[1\], input 1 is \[2\]"):
        tf.add_n([tf.constant([1.0]), tf.constant([1.0, 2.0])])
    with pytest.raises(tf.errors.InvalidArgumentError, match="same shape"):
        tf.add_n([tf.constant([1]), tf.constant([[1], [2]])])
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="not compatible"):
            tf.add_n([tf.constant([1.0]), tf.constant([1.0, 2.0])])
        p = tf.compat.v1.placeholder(tf.float32, [None])
        total = tf.add_n([p, tf.constant([1.0, 2.0])])
        assert total.shape == (2,)
        with pytest.raises(tf.errors.InvalidArgumentError, match="same shape"):
            tf.compat.v1.Session().run(total, {p: [1.0]})


@pytest.mark.parametrize("divide", [lambda x, y: x / y, tf.math.divide, tf.math.truediv])
def test_true_division_refuses_mixed_dtypes_and_bools_with_a_type_error(divide):
    with pytest.raises(TypeError, match="must have the same dtype, got tf.int32 != tf.float32"):
        divide(tf.constant([1, 2]), tf.constant([1.0]))
    with pytest.raises(TypeError, match="Invalid dtype tf.bool"):
        divide(tf.constant([True]), tf.constant([True]))


@pytest.mark.parametrize("dtype, expected", [
    (tf.uint8, tf.float32), (tf.int16, tf.float32), (tf.uint16, tf.float32),
    (tf.int32, tf.float64), (tf.uint32, tf.float64), (tf.uint64, tf.float64)])
def test_integers_are_divided_as_float32_up_to_16_bits_and_float64_above(dtype, expected):
    assert (tf.constant([1, 2], dtype) / tf.constant([3, 4], dtype)).dtype == expected
    assert tf.math.divide_no_nan(tf.constant([1], dtype), tf.constant([0], dtype)).dtype == expected


def test_divide_converts_a_python_numerator_to_the_dtype_of_the_denominator():
    y = tf.constant([4.0], tf.float16)
    assert tf.math.divide(1, y).dtype == tf.float16
    with pytest.raises(TypeError, match="got tf.int32 != tf.float16"):
        tf.math.truediv(1, y)


def test_matmul_adjoints_are_transposes_for_real_dtypes():
    m = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    assert tf.matmul(m, m, adjoint_a=True).numpy().tolist() == [[10.0, 14.0], [14.0, 20.0]]
    batch = tf.reshape(tf.range(12.0), [2, 2, 3])
    assert tf.matmul(batch, batch, adjoint_b=True).numpy().tolist() == \
        tf.matmul(batch, batch, transpose_b=True).numpy().tolist()
    with pytest.raises(ValueError, match="Only one of `transpose_b` and `adjoint_b`"):
        tf.matmul(m, m, transpose_b=True, adjoint_b=True)


def test_a_python_exponent_is_a_constant_inside_the_pow_scope(graph):
    x = tf.constant([1.0, 2.0])
    assert (x ** 2).name == "pow:0"
    assert graph.get_operation_by_name("pow").inputs[1].name == "pow/y:0"
    assert tf.constant(1.0).name == "Const_1:0"


def test_cast_converts_a_python_value_inside_its_scope(graph):
    assert tf.cast(tf.constant([1.0]), tf.float32).name == "Const:0"
    assert tf.cast([1, 2], tf.float32).name == "Cast:0"
    assert graph.get_operation_by_name("Cast").inputs[0].name == "Cast/x:0"
    assert tf.cast([1.0], tf.float32).name == "Cast_1/x:0"
    assert tf.constant(1).name == "Const_1:0"

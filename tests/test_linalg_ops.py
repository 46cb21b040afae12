"""Linear algebra beyond the value and gradient tables: batches, static shapes, errors, and the
namespaces TensorFlow puts these functions in."""
import numpy as np
import pytest

import minitf as tf
from minitf.framework.errors import InvalidArgumentError

A = np.array([[2.0, 1.0], [1.0, 1.0]], np.float32)


def placeholder(shape, dtype=tf.float32):
    return tf.compat.v1.placeholder(dtype, shape)


def test_inverse_and_determinant_of_a_batch():
    batch = np.stack([A, 2 * A, A.T + np.eye(2, dtype=np.float32)])
    np.testing.assert_allclose(tf.linalg.inv(batch), np.linalg.inv(batch), rtol=1e-6)
    np.testing.assert_allclose(tf.linalg.det(batch), [1.0, 4.0, 5.0], rtol=1e-6)


def test_inverse_adjoint_inverts_the_transpose():
    b = np.float32([[1.0, 2.0], [0.5, 3.0]])
    np.testing.assert_allclose(tf.compat.v1.matrix_inverse(b, adjoint=True),
                               np.linalg.inv(b.T), rtol=1e-6)


def test_determinant_gradient_is_det_times_inverse_transpose():
    a = tf.constant(np.array([[3.0, 1.0], [2.0, 4.0]]))
    with tf.GradientTape() as tape:
        tape.watch(a)
        d = tf.linalg.det(a)
    np.testing.assert_allclose(tape.gradient(d, a), 10.0 * np.linalg.inv(a.numpy()).T)


def _inverse_gradient(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(tf.linalg.inv(x) * [[1.0, 2.0], [3.0, 4.0]])
    return tape.gradient(y, x)


def test_inverse_gradient_of_a_gradient():
    a = np.array([[3.0, 1.0], [2.0, 4.0]])
    assert tf.test.check_gradients(_inverse_gradient, [a]) < 1e-6


@pytest.mark.parametrize("build, expected", [
    (lambda: tf.linalg.inv(placeholder([None, None, 3])), [None, 3, 3]),
    (lambda: tf.linalg.inv(placeholder(None)), None),
    (lambda: tf.linalg.det(placeholder([None, 3, None])), [None]),
    (lambda: tf.linalg.diag(placeholder([None, 3])), [None, 3, 3]),
    (lambda: tf.linalg.diag(placeholder([None, 3]), k=1), [None, 4, 4]),
    (lambda: tf.linalg.diag(placeholder([None, 3]), num_rows=4), [None, 4, 3]),
    (lambda: tf.linalg.diag_part(placeholder([None, 2, 3])), [None, 2]),
    (lambda: tf.linalg.diag_part(placeholder([2, None]), k=1), [None]),
    (lambda: tf.linalg.trace(placeholder([None, 3])), []),
    (lambda: tf.linalg.matvec(placeholder([None, 3]), [1.0, 1.0, 1.0]), [None]),
    (lambda: tf.linalg.matvec(tf.ones([2, 3]), placeholder(None)), None),
    (lambda: tf.matmul(placeholder(None), tf.ones([4, 5])), None),
    (lambda: tf.matmul(tf.ones([4, 5]), placeholder(None), transpose_a=True), None),
    (lambda: tf.linalg.matrix_transpose(placeholder([5, None, 3])), [5, 3, None]),
    (lambda: tf.linalg.matrix_transpose(placeholder(None)), None),
    (lambda: tf.tensordot(placeholder([None, 3]), tf.zeros([3, 4]), 1), [None, 4]),
    (lambda: tf.tensordot(placeholder([None, 2, 3]), tf.zeros([3, 2]), [[1, 2], [1, 0]]),
     [None]),
    (lambda: tf.eye(placeholder([], tf.int32)), [None, None]),
    (lambda: tf.eye(2, 3, batch_shape=[4]), [4, 2, 3]),
    (lambda: tf.linalg.tensor_diag(placeholder([None, 3])), [None, 3, None, 3]),
    (lambda: tf.linalg.tensor_diag_part(placeholder([None, 2, 3, None])), [3, 2]),
])
def test_static_shapes(graph, build, expected):
    assert build().shape == tf.TensorShape(expected)


@pytest.mark.parametrize("x", [np.ones((2, 4), np.float32), np.ones((3, 2, 4), np.float32)])
def test_matmul_of_an_unknown_rank_takes_a_batch_when_run(x):
    with tf.Graph().as_default():
        p = placeholder(None)
        out = tf.matmul(p, tf.ones([4, 5]))
        value, grad = tf.compat.v1.Session().run([out, tf.gradients(out, p)[0]], {p: x})
    np.testing.assert_array_equal(value, np.full(x.shape[:-1] + (5,), 4.0))
    np.testing.assert_array_equal(grad, np.full(x.shape, 5.0))


def test_tensordot_and_matrix_transpose_with_unknown_dims_compute():
    with tf.Graph().as_default():
        p = placeholder([None, None, 3])
        out = tf.tensordot(tf.linalg.matrix_transpose(p), tf.ones([2, 4]), [[2], [0]])
        x = np.arange(12.0, dtype=np.float32).reshape(1, 2, 6)[..., :3]
        value = tf.compat.v1.Session().run(out, {p: x})
    np.testing.assert_allclose(value, np.tensordot(np.swapaxes(x, 1, 2), np.ones((2, 4)), 1))


def test_eye_with_a_fed_size():
    with tf.Graph().as_default():
        n = placeholder([], tf.int32)
        value = tf.compat.v1.Session().run(tf.eye(n, 2), {n: 3})
    np.testing.assert_array_equal(value, np.eye(3, 2))


@pytest.mark.parametrize("build, message", [
    (lambda: tf.linalg.inv([[1.0, 1.0], [1.0, 1.0]]), "Input is not invertible."),
    (lambda: tf.linalg.inv(np.zeros((2, 3), np.float32)), "Input matrix must be square."),
    (lambda: tf.linalg.det([1.0, 2.0]), "Input tensor 0 must have rank >= 2, got 1"),
    (lambda: tf.linalg.inv([[1, 0], [0, 1]]), "Value for attr 'T' of int32 is not in the list"),
    (lambda: tf.linalg.diag([1.0, 2.0], num_rows=3, num_cols=3),
     "The number of rows or columns is not consistent"),
    (lambda: tf.linalg.diag_part(np.zeros((2, 3), np.float32), k=3),
     "lower_diag_index is out of bound: 3. It must be between -2 and 3"),
    (lambda: tf.linalg.tensor_diag_part(np.zeros((2, 3), np.float32)),
     r"Invalid shape \[2,3\]: dimensions 0 and 1 do not match."),
    (lambda: tf.linalg.matvec(np.zeros((2, 3), np.float32), [1.0, 1.0]),
     "Matrix size-incompatible"),
])
def test_eager_errors(build, message):
    with pytest.raises(InvalidArgumentError, match=message):
        build()


@pytest.mark.parametrize("build, message", [
    (lambda: tf.linalg.inv(np.zeros((2, 3), np.float32)),
     r"Input matrix must be square for '\{\{node MatrixInverse\}\}"),
    (lambda: tf.linalg.det(tf.zeros([3])), "Input tensor 0 must have rank >= 2, got 1"),
    (lambda: tf.linalg.diag(1.0), r"diagonal must be at least 1-dim, received shape: \[\]"),
    (lambda: tf.linalg.diag_part(tf.zeros([2, 3]), k=-2), "lower_diag_index is out of bound"),
    (lambda: tf.linalg.tensor_diag_part(tf.zeros([2, 3, 2])),
     "The rank of the tensor should be even and positive"),
    (lambda: tf.linalg.matrix_transpose([1.0]),
     "Argument `a` should be a \\(batch\\) matrix with rank >= 2"),
    (lambda: tf.tensordot(tf.zeros([2, 3]), tf.zeros([2, 3]), 3),
     "`axes` must not be larger than the number of dimensions"),
    (lambda: tf.tensordot(tf.zeros([2, 3]), tf.zeros([2, 3]), [[0], [0, 1]]),
     "Different number of contraction axes `a` and `b`, 1 != 2."),
    (lambda: tf.linalg.diag([1.0, 2.0], k=(0, 1)), "a single diagonal offset k"),
])
def test_graph_errors(graph, build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_namespaces_follow_tensorflow():
    assert tf.linalg.matmul is tf.matmul
    assert tf.linalg.tensordot is tf.tensordot and tf.linalg.eye is tf.eye
    v1 = tf.compat.v1
    assert v1.matrix_inverse is tf.linalg.inv and v1.matrix_determinant is tf.linalg.det
    assert v1.matrix_diag is tf.linalg.diag and v1.matrix_diag_part is tf.linalg.diag_part
    assert v1.diag is tf.linalg.tensor_diag and v1.diag_part is tf.linalg.tensor_diag_part
    assert v1.trace is tf.linalg.trace and v1.matrix_transpose is tf.linalg.matrix_transpose
    assert not hasattr(tf, "matvec") and not hasattr(tf, "trace")


def test_default_op_names(graph):
    m = tf.constant(A, name="m")
    names = [tf.linalg.inv(m).name, tf.linalg.det(m).name, tf.linalg.diag(m[0]).name,
             tf.linalg.diag_part(m).name, tf.linalg.trace(m).name,
             tf.linalg.matvec(m, m[0]).name, tf.linalg.matrix_transpose(m).name,
             tf.tensordot(m, m, 1).name, tf.eye(2).name, tf.compat.v1.diag(m[0]).name]
    assert names == ["MatrixInverse:0", "MatrixDeterminant:0", "diag:0", "diag_part:0",
                     "Trace:0", "MatVec/Squeeze:0", "matrix_transpose/transpose:0",
                     "Tensordot:0", "eye/diag:0", "Diag_1:0"]  # "diag" is taken

"""Solvers, decompositions, tensor scatters and batch normalization: values, names and errors,
checked against TensorFlow 2.21 (their gradients are in test_gradient_check)."""
import numpy as np
import pytest

import minitf as tf

A = np.array([[1.0, 2, 0], [3, -1, 2], [0, 1, 4], [2, 2, 1]])


def rounded(t, digits=4):
    return np.round(t.numpy().astype(np.float64), digits).tolist()


def test_qr_factors_equal_tensorflows():
    assert rounded(tf.linalg.qr(A)[1]) == [[-3.7417, -0.8018, -2.1381], [0.0, 3.0589, 0.7472],
                                           [0.0, 0.0, -3.9837]]


def test_svd_values():
    assert rounded(tf.linalg.svd(A, compute_uv=False), 6) == [5.257723, 3.0, 2.890735]


def test_svd_factors_rebuild_the_matrix():
    s, u, v = tf.linalg.svd(A)
    assert np.allclose(tf.matmul(u * s, v, transpose_b=True).numpy(), A)


@pytest.mark.parametrize("l2, expected", [
    (0.0, [0.271284, 0.24531, 0.183261]),
    (0.5, [0.263739, 0.235654, 0.183603]),
])
def test_lstsq_overdetermined(l2, expected):
    x = tf.linalg.lstsq(A, np.ones((4, 1)), l2_regularizer=l2)
    assert rounded(x, 6) == [[v] for v in expected]


def test_lstsq_underdetermined():
    x = tf.linalg.lstsq(A.T, np.ones((3, 1)), l2_regularizer=0.5)
    assert rounded(x, 6) == [[0.19754], [0.088265], [0.139471], [0.257721]]


def test_lstsq_exact_form_agrees_with_the_fast_one():
    exact = tf.linalg.lstsq(A, np.ones((4, 1)), fast=False)
    assert rounded(exact, 6) == [[0.271284], [0.24531], [0.183261]]


def test_lstsq_builds_tensorflows_ops(graph):
    x = tf.linalg.lstsq(tf.zeros([4, 3]), tf.zeros([4, 2]))
    assert (x.name, [op.type for op in graph.get_operations()][2:]) == (
        "matrix_solve_ls/cholesky_solve/MatrixTriangularSolve_1:0",
        ["MatMul", "Cholesky", "MatMul", "MatrixTriangularSolve", "MatrixTriangularSolve"])


def test_triangular_solve_reads_one_triangle():
    a = np.array([[2.0, 5], [1, 1]])
    assert (rounded(tf.linalg.triangular_solve(a, np.ones((2, 1)))),
            rounded(tf.linalg.triangular_solve(a, np.ones((2, 1)), lower=False))) == (
        [[0.5], [0.5]], [[-2.0], [1.0]])


def test_cholesky_of_a_matrix_that_is_not_positive_definite_is_nan():
    l = tf.linalg.cholesky(np.array([[1.0, 2], [2, 1]])).numpy()
    assert np.isnan(l[np.tril_indices(2)]).all() and l[0, 1] == 0


def test_band_part():
    x = tf.linalg.band_part(np.arange(16.0).reshape(4, 4), 1, 0)
    assert rounded(x) == [[0, 0, 0, 0], [4, 5, 0, 0], [0, 9, 10, 0], [0, 0, 14, 15]]


@pytest.mark.parametrize("matrix, rhs, message", [
    ([[1.0, 2], [2, 4]], np.ones((2, 1)), "Input matrix is not invertible."),
    ([[1.0, 2], [2, 4]], np.ones((3, 1)), "Input matrix and rhs are incompatible."),
    (np.ones((2, 3)), np.ones((2, 1)), r"First input \(lhs\) must be a square matrix."),
    (np.eye(2), np.ones((2,)), "All input tensors must have the same rank."),
])
def test_solve_errors(matrix, rhs, message):
    with pytest.raises(tf.errors.InvalidArgumentError, match=message + r" \[Op:MatrixSolve\]"):
        tf.linalg.solve(np.asarray(matrix), rhs)


def test_static_shapes_of_the_decompositions(graph):
    q, r = tf.linalg.qr(tf.zeros([4, 3]))
    s, u, v = tf.linalg.svd(tf.zeros([2, 4, 3]), full_matrices=True)
    assert [t.shape.as_list() for t in (q, r, s, u, v)] == [[4, 3], [3, 3], [2, 3], [2, 4, 4],
                                                            [2, 3, 3]]


# -- tensor scatters and batch normalization --------------------------------------------------
def test_tensor_scatter_nd_update_and_add():
    t = tf.constant([1.0, 2, 3, 4])
    assert (tf.tensor_scatter_nd_update(t, [[1], [3]], [9, 10]).numpy().tolist(),
            tf.tensor_scatter_nd_add(t, [[1], [1]], [9.0, 10]).numpy().tolist()) == (
        [1, 9, 3, 10], [1, 21, 3, 4])


def test_tensor_scatter_nd_update_of_rows():
    y = tf.tensor_scatter_nd_update(tf.zeros([2, 3]), [[1]], [[9.0, 10, 11]])
    assert y.numpy().tolist() == [[0, 0, 0], [9, 10, 11]]


def test_tensor_scatter_position_outside():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"indices\[1\] = \[9\] does not index into shape \[4\] "
                             r"\[Op:TensorScatterSub\]"):
        tf.tensor_scatter_nd_sub(tf.constant([1.0, 2, 3, 4]), [[1], [9]], [9.0, 10])


def test_tensor_scatter_updates_that_do_not_fit(graph):
    with pytest.raises(ValueError, match="Outer dimensions of indices and update must match"):
        tf.tensor_scatter_nd_update(tf.constant([1.0, 2, 3, 4]), [[1], [3]], [9.0, 10, 11])


def test_batch_normalization_values():
    mean, variance, offset, scale = (tf.constant(v) for v in (
        [1.0, 2, 3], [4.0, 1, 0.25], [0.5, 0, 0], [2.0, 1, 1]))
    y = tf.nn.batch_normalization(tf.constant([[1.0, 2, 3], [4, 5, 6]]), mean, variance, offset,
                                  scale, 1e-3)
    assert rounded(y, 6) == [[0.5, 0.0, 0.0], [3.499625, 2.998501, 5.988036]]


def test_batch_normalization_builds_tensorflows_ops(graph):
    y = tf.nn.batch_normalization(tf.zeros([2, 3]), tf.zeros([3]), tf.ones([3]), tf.zeros([3]),
                                  tf.ones([3]), 1e-3)
    names = [op.name for op in graph.get_operations() if op.name.startswith("batchnorm")]
    assert (y.name, names) == ("batchnorm/add_1:0", [
        "batchnorm/add/y", "batchnorm/add", "batchnorm/Rsqrt", "batchnorm/mul",
        "batchnorm/mul_1", "batchnorm/mul_2", "batchnorm/sub", "batchnorm/add_1"])

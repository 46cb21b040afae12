"""Writes to parts of a variable: `v[key].assign(x)` (ResourceStridedSliceAssign) and the
scatter methods (ResourceScatterNd*, ResourceScatter*), eagerly, in a `function` and in a v1
Session. Printed forms, names, values and errors were checked against TensorFlow 2.21."""
import pytest

import minitf as tf
from minitf.compat import v1
from minitf.framework.errors import InvalidArgumentError

M = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]


# -- slices, eagerly --------------------------------------------------------------------------
def test_assigning_an_element_returns_the_variable_as_assign_does():
    v = tf.Variable(M)
    assert repr(v[0, 1].assign(9)) == ("<tf.Variable 'UnreadVariable' shape=(2, 3) "
                                       "dtype=float32, numpy=\narray([[1., 9., 3.],\n"
                                       "       [4., 5., 6.]], dtype=float32)>")


@pytest.mark.parametrize("key, value, expected", [
    ((slice(1, None),), [[7.0, 8.0, 9.0]], [[1, 2, 3], [7, 8, 9]]),
    ((0,), 5.0, [[5, 5, 5], [4, 5, 6]]),                      # broadcast to the slice
    ((Ellipsis, 0), [0.0, 0.0], [[0, 2, 3], [0, 5, 6]]),
    ((slice(None), None, 0), [[5.0], [6.0]], [[5, 2, 3], [6, 5, 6]]),
    ((slice(None, None, -1), 0), [10.0, 20.0], [[20, 2, 3], [10, 5, 6]]),
    ((1, slice(0, 3, 2)), [7, 8], [[1, 2, 3], [7, 5, 8]]),   # ints become the float dtype
    ((slice(0, 0),), [], M),                                  # an empty slice takes anything
])
def test_a_slice_assignment_writes_that_part(key, value, expected):
    v = tf.Variable(M)
    v[key].assign(value)
    assert v.numpy().tolist() == expected


def test_a_tensor_index_works_as_an_int():
    v = tf.Variable(M)
    v[tf.constant(1)].assign([0.0, 0.0, 0.0])
    assert v.numpy().tolist() == [[1, 2, 3], [0, 0, 0]]


def test_the_slice_is_the_value_read():
    v = tf.Variable(M)
    s = v[0]
    assert (type(s).__name__, s.numpy().tolist(), hasattr(s, "assign")) == \
        ("EagerTensor", [1, 2, 3], True)


@pytest.mark.parametrize("expression, error, message", [
    # Only slices of a variable have `assign`, and none has assign_add (as in TensorFlow).
    (lambda v: v[0].assign_add([1.0, 1.0, 1.0]), AttributeError,
     "'EagerTensor' object has no attribute 'assign_add'"),
    (lambda v: v[0][1].assign(3.0), AttributeError,
     "'EagerTensor' object has no attribute 'assign'"),
    (lambda v: tf.constant(M)[0].assign(1.0), AttributeError, "no attribute 'assign'"),
    (lambda v: v[0].assign([1.0, 2.0]), InvalidArgumentError,
     r"^Cannot broadcast input shape \[2\] into final shape \[3\] "
     r"\[Op:ResourceStridedSliceAssign\]$"),
    (lambda v: v[:, 0].assign([[1.0], [2.0]]), InvalidArgumentError,
     r"Cannot broadcast input shape \[2,1\] into final shape \[2\]"),
    (lambda v: v[0, 5].assign(1.0), InvalidArgumentError,
     "slice index 5 of dimension 1 out of bounds"),
    (lambda v: v[0].assign("a"), TypeError, "Cannot convert 'a' to EagerTensor of dtype float32"),
    (lambda v: v[0, 0:3:2].assign(tf.constant([1.0, 2.0], tf.float64)), ValueError,
     "Tensor conversion requested dtype float32 for Tensor with dtype float64"),
    (lambda v: v[0, 1].assign(9.0, read_value=False), TypeError, "read_value"),
])
def test_bad_slice_assignments_raise_and_change_nothing(expression, error, message):
    v = tf.Variable(M)
    with pytest.raises(error, match=message):
        expression(v)
    assert v.numpy().tolist() == M


def test_the_tensorflow_1_function_form_of_strided_slice_takes_var():
    v = tf.Variable([1.0, 2.0, 3.0])
    tf.strided_slice(v, [1], [3], var=v).assign([0.0, 0.0])
    assert v.numpy().tolist() == [1.0, 0.0, 0.0]


def test_a_tape_reads_the_assigned_variable():
    v = tf.Variable(M)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v[0].assign([1.0, 1.0, 1.0]) * 2.0)
    assert tape.gradient(y, v).numpy().tolist() == [[2.0] * 3] * 2


# -- slices in a function and in a graph ------------------------------------------------------
def test_a_function_writes_the_live_variable():
    v = tf.Variable(M)

    @tf.function
    def f(i):
        v[i, 0].assign(100.0)
        return v[i] * 2

    assert (f(tf.constant(1)).numpy().tolist(), v.numpy().tolist()) == \
        ([200.0, 10.0, 12.0], [[1, 2, 3], [100, 5, 6]])


def test_a_function_can_return_the_assigned_variable():
    v = tf.Variable(M)
    f = tf.function(lambda: v[0, 1].assign(0.0).read_value() + 1)
    assert f().numpy().tolist() == [[2, 1, 4], [5, 6, 7]]


def test_graph_names_are_tensorflows(graph):
    v = tf.Variable(M, name="v")
    with tf.name_scope("outer"):
        s = v[0]
        first, second = s.assign(3.0), s.assign(4.0)
    names = [s.name, first.name, second.name, s.assign(5.0).name, v[1].assign(0.0).name]
    assert names == ["outer/strided_slice:0", "outer/outer/strided_slice/_assign",
                     "outer/outer/strided_slice/_assign_1", "outer/strided_slice/_assign",
                     "strided_slice/_assign"]


def test_each_session_writes_its_own_value(graph):
    v = tf.Variable(M)
    write = v[1, 1:].assign([0.0, 0.0])
    first, second = v1.Session(), v1.Session()
    for sess in (first, second):
        sess.run(v.initializer)
    written = first.run(write)
    assert (written.tolist(), second.run(v).tolist()) == ([[1, 2, 3], [4, 0, 0]], M)


def test_a_failing_run_writes_nothing(graph):
    v = tf.Variable(M)
    row = v1.placeholder(tf.float32, [None])
    writes = [v[0].assign([9.0, 9.0, 9.0]), v[1].assign(row)]  # the second fails at run time
    with v1.Session() as sess:
        sess.run(v.initializer)
        with pytest.raises(InvalidArgumentError, match=r"Cannot broadcast input shape \[2\]"):
            sess.run(writes, {row: [1.0, 2.0]})
        assert sess.run(v).tolist() == M


def test_a_fed_index_is_checked_when_it_runs(graph):
    v = tf.Variable(M)
    i = v1.placeholder(tf.int32, [])
    write = v[i].assign([0.0, 0.0, 0.0])
    with v1.Session() as sess:
        sess.run(v.initializer)
        with pytest.raises(InvalidArgumentError, match=r"(?s)slice index 5 of dimension 0 out "
                                                       r"of bounds.*node strided_slice/_assign"):
            sess.run(write, {i: 5})


# -- scatters ---------------------------------------------------------------------------------
V = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]


@pytest.mark.parametrize("method, args, expected", [
    ("scatter_nd_update", ([[0, 1], [2, 0]], [10.0, 20.0]), [[1, 10], [3, 4], [20, 6]]),
    ("scatter_nd_add", ([[1], [1]], [[1.0, 1.0], [2.0, 2.0]]), [[1, 2], [6, 7], [5, 6]]),
    ("scatter_nd_sub", ([[2]], [[1, 1]]), [[1, 2], [3, 4], [4, 5]]),
    ("scatter_update", (tf.IndexedSlices([[7.0, 7.0], [8.0, 8.0]], [0, 0]),),
     [[8, 8], [3, 4], [5, 6]]),                         # a repeated row keeps the last update
    ("scatter_add", (tf.IndexedSlices(9.0, 1),), [[1, 2], [12, 13], [5, 6]]),  # a scalar
    ("scatter_sub", (tf.IndexedSlices([[1.0, 1.0]], tf.constant([2], tf.int64)),),
     [[1, 2], [3, 4], [4, 5]]),
])
def test_scatters_write_and_return_the_variable(method, args, expected):
    v = tf.Variable(V)
    out = getattr(v, method)(*args)
    assert (out.name, v.numpy().tolist()) == ("UnreadVariable", expected)


@pytest.mark.parametrize("method, args, error, message", [
    ("scatter_update", ([1.0],), TypeError,
     r"Argument `sparse_delta` must be a `tf.IndexedSlices`. Received arg: \[1.0\]"),
    ("scatter_nd_update", ([[5]], [[1.0, 1.0]]), InvalidArgumentError,
     r"indices\[0\] = \[5\] does not index into shape \[3,2\]"),
    ("scatter_nd_update", ([[0]], [1.0, 1.0]), InvalidArgumentError,
     r"Dimensions \[0,1\) of indices\[shape=\[1,1\]\] = 1 must match dimensions \[0,1\) of "
     r"updates\[shape=\[2\]\] = 2"),
    ("scatter_nd_update", ([[0]], [[1.0, 1.0, 1.0]]), InvalidArgumentError,
     r"Dimensions \[1,2\) of input\[shape=\[3,2\]\] must match dimensions \[1,2\) of "
     r"updates\[shape=\[1,3\]\]"),
    ("scatter_nd_update", ([[0.5]], [[1.0, 1.0]]), InvalidArgumentError,
     "expected to be a int../int.. tensor but is a float32 tensor"),
    ("scatter_update", (tf.IndexedSlices([[7.0, 7.0]], [3]),), InvalidArgumentError,
     r"indices\[0\] = 3 is not in \[0, 3\)"),
    ("scatter_update", (tf.IndexedSlices([[[7.0, 7.0]]], [[-1]]),), InvalidArgumentError,
     r"indices\[0,0\] = -1 is not in \[0, 3\)"),
    ("scatter_update", (tf.IndexedSlices([7.0, 7.0], [1, 2]),), InvalidArgumentError,
     r"Must have updates.shape = indices.shape \+ params.shape\[1:\] or updates.shape = \[\], "
     r"got updates.shape \[2\], indices.shape \[2\], params.shape \[3,2\]"),
])
def test_bad_scatters_raise_and_change_nothing(method, args, error, message):
    v = tf.Variable(V)
    with pytest.raises(error, match=message):
        getattr(v, method)(*args)
    assert v.numpy().tolist() == V


def test_scatters_in_a_graph_are_named_and_checked_as_tensorflows(graph):
    v = tf.Variable(V, name="v")
    ops = [v.scatter_nd_update([[0, 1]], [10.0]), v.scatter_add(tf.IndexedSlices([[1.0, 1.0]],
                                                                                  [2]), name="sa"),
           v1.scatter_update(v, [0], [[0.0, 0.0]]), v1.scatter_nd_add(v, [[0]], [[1.0, 1.0]])]
    assert [o.name for o in ops] == ["ResourceScatterNdUpdate", "sa", "ResourceScatterUpdate",
                                     "ResourceScatterNdAdd"]
    assert graph.get_operation_by_name("sa").inputs[1].op.name == "sa/indices"


@pytest.mark.parametrize("call, message", [
    (lambda v: v.scatter_nd_update([[0]], [1.0, 1.0]), r"Dimensions \[0,1\) of indices"),
    (lambda v: v.scatter_update(tf.IndexedSlices([7.0, 7.0], [1, 2])),
     "Shapes must be equal rank, but are 1 and 2"),
])
def test_a_graph_refuses_scatters_whose_shapes_cannot_fit(graph, call, message):
    v = tf.Variable(V)
    count = len(graph.get_operations())
    with pytest.raises(ValueError, match=message):
        call(v)
    assert [op.type for op in graph.get_operations()[count:]] == ["Const", "Const"]


def test_scatters_run_per_session_and_atomically(graph):
    v = tf.Variable(V)
    where = v1.placeholder(tf.int32, [None, 1])
    writes = [v.scatter_nd_add([[0]], [[1.0, 1.0]]), v.scatter_nd_update(where, [[0.0, 0.0]])]
    first, second = v1.Session(), v1.Session()
    for sess in (first, second):
        sess.run(v.initializer)
    with pytest.raises(InvalidArgumentError, match=r"indices\[0\] = \[4\] does not index"):
        first.run(writes, {where: [[4]]})
    first.run(writes, {where: [[1]]})
    assert (first.run(v).tolist(), second.run(v).tolist()) == ([[2, 3], [0, 0], [5, 6]], V)


def test_a_function_scatters_into_the_live_variable():
    v = tf.Variable(V)
    f = tf.function(lambda i: v.scatter_nd_sub(i, [[1.0, 1.0]]))
    f(tf.constant([[2]]))
    f(tf.constant([[2]]))
    assert v.numpy().tolist() == [[1, 2], [3, 4], [3, 4]]


# -- IndexedSlices ----------------------------------------------------------------------------
def test_indexed_slices_print_their_parts_as_given():
    rows = tf.IndexedSlices(tf.constant([[7.0, 7.0]]), tf.constant([2]), tf.constant([3, 2]))
    assert (str(tf.IndexedSlices([[7.0]], [0])), str(rows)) == (
        "IndexedSlices(indices=[0], values=[[7.0]])",
        "IndexedSlices(indices=tf.Tensor([2], shape=(1,), dtype=int32), values=tf.Tensor("
        "[[7. 7.]], shape=(1, 2), dtype=float32), dense_shape=tf.Tensor([3 2], shape=(2,), "
        "dtype=int32))")


def test_indexed_slices_become_dense_rows_that_add_up():
    rows = tf.IndexedSlices([[1.0, 2.0], [3.0, 4.0]], [1, 1], tf.constant([3, 2]))
    assert (tf.convert_to_tensor(rows).numpy().tolist(), rows.shape, tf.is_tensor(rows)) == \
        ([[0, 0], [4, 6], [0, 0]], tf.TensorShape([3, 2]), True)


def test_indexed_slices_without_a_dense_shape_cannot_become_a_tensor():
    with pytest.raises(ValueError, match="Tensor conversion requested for IndexedSlices without "
                                         "dense_shape"):
        tf.convert_to_tensor(tf.IndexedSlices([[1.0]], [0]))

"""The short paths of dispatch give what the full rules give: the same values, dtypes, printed
forms, op names and errors (class and message), eagerly and while building a graph; gradients
skip what is not needed but keep TensorFlow's names; faster kernels keep their messages; and
the tape keeps only the values that gradients read."""
import gc
import warnings
import weakref

import numpy as np
import pytest

import minitf as tf
from minitf.framework.context import ctx
from minitf.ops import (arithmetic_ops, linalg_ops, pooling_ops, reduction_ops, shape_rules,
                        training_ops)
from minitf.ops.registry import OPS, execute
from minitf.ops.window_ops import Window


def _take_the_full_rules(monkeypatch):
    """Every op without its readiness check, so that every call takes the full conversion, and
    every `quiet` kernel called through its wrapper rather than silenced by dispatch."""
    for op_def in OPS.values():
        monkeypatch.setattr(op_def, "ready", None)
        monkeypatch.setattr(op_def, "loud", None)


def _eager_calls():
    i, j = tf.constant([1, 2, 3]), tf.constant([4, 5, 6])
    f, g = tf.constant([1.5, -2.0, 3.0]), tf.constant([2.0, 4.0, 0.0])
    m = tf.constant(np.arange(6, dtype=np.float64).reshape(2, 3))
    v = tf.Variable([0.5, 1.0, -1.0])
    return [lambda: tf.add(i, j), lambda: i * j, lambda: f / g, lambda: tf.sin(f),
            lambda: f < g, lambda: tf.reduce_mean(m, axis=1), lambda: tf.matmul(m, m, True),
            lambda: tf.cast(i, tf.float16), lambda: tf.maximum(f, g), lambda: -i,
            lambda: tf.where(f < g, f, g), lambda: tf.reshape(m, [3, 2]), lambda: f * 2.0,
            lambda: tf.add(i, f), lambda: tf.math.truediv(i, i, name="x") + f,
            lambda: tf.matmul(m, m), lambda: tf.math.sqrt(i),
            # Python values and variables among tensors: the short conversion or the full rules
            lambda: f * 2, lambda: tf.add(2.5, f), lambda: i * 1.5, lambda: i + 2 ** 40,
            lambda: m / 4, lambda: tf.reduce_sum(m, axis=[0, 1]), lambda: tf.reduce_sum(m, 1),
            lambda: tf.broadcast_to(f, [2, 3]), lambda: tf.reshape(i, [3, 1]) - j,
            lambda: tf.reduce_sum(m, axis=[2 ** 40]), lambda: tf.reduce_sum(m, axis=[]),
            lambda: f + v, lambda: tf.multiply(v, 3), lambda: i + v, lambda: tf.fill([2], 1.5),
            lambda: tf.reduce_sum(m, axis=[True]), lambda: tf.reduce_sum(m, axis=[1, 1.0]),
            # quiet kernels silenced by dispatch: inf and nan, integers and booleans, errors
            lambda: f / tf.zeros([3]), lambda: tf.math.log(g - 4.0), lambda: i // j,
            lambda: tf.exp(f * 100.0), lambda: tf.reduce_mean(f < g), lambda: f / m]


def _outcome(call):
    """What a call gives: its printed form and value bytes, or its error's class and text."""
    try:
        t = call()
    except Exception as e:  # the errors are part of what must agree
        return type(e), str(e)
    return repr(t), t.dtype, t.numpy().tobytes()


@pytest.mark.parametrize("index", range(len(_eager_calls())))
def test_eager_fast_path_agrees_with_the_full_rules(index, monkeypatch):
    fast = _outcome(_eager_calls()[index])
    _take_the_full_rules(monkeypatch)
    assert _outcome(_eager_calls()[index]) == fast


def _build():
    """A graph of ops on tensors of the graph (the fast path), with the printed forms of its
    tensors and its ops' names, inputs and any build errors."""
    lines = []
    with tf.Graph().as_default() as g:
        x = tf.compat.v1.placeholder(tf.float32, [None, 3])
        n = tf.compat.v1.placeholder(tf.int32, [3])
        with tf.name_scope("layer"):
            y = tf.sin(x) * 1.5 + x
            z = tf.reduce_sum(tf.add(y, y, name="twice/"), axis=1)
        lines += [str(t) for t in (y, z, tf.matmul(x, x, transpose_b=True))]
        for bad in (lambda: x + n, lambda: tf.math.truediv(n, n) * x, lambda: tf.matmul(x, n)):
            try:
                bad()
            except (TypeError, ValueError) as e:
                lines.append("%s: %s" % (type(e).__name__, e))
        lines += ["%s %s %s" % (op.name, op.type, [t.name for t in op.inputs])
                  for op in g.get_operations()]
    return lines


def test_graph_fast_path_agrees_with_the_full_rules(monkeypatch):
    fast = _build()
    _take_the_full_rules(monkeypatch)
    assert _build() == fast


def test_graph_gradients_keep_tensorflows_names_though_unneeded_inputs_get_none():
    # checked against TF 2.21: the product for w is the second one built, MatMul_1
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 1])
        w = tf.Variable([[1.0]])
        dw, = tf.compat.v1.gradients(tf.reduce_sum(tf.matmul(x, w) * 2.0), [w])
    assert dw.name == "gradients/MatMul_grad/MatMul_1:0"


def test_integer_kernels_skip_silencing_but_floats_still_give_inf_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = tf.constant([3e38], tf.float32) * 10.0
        wrapped = tf.constant([2 ** 31 - 1]) + 1
    assert (big.numpy()[0], wrapped.numpy()[0]) == (np.inf, -2 ** 31)


def test_silenced_kernels_leave_numpys_error_state_as_it_was_even_when_they_raise():
    before = np.geterr()
    tf.constant([1.0]) / tf.constant([0.0])
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant([1.0, 2.0]) / tf.constant([1.0, 2.0, 3.0])
    assert np.geterr() == before


def test_a_first_convolution_skips_its_images_gradient_and_gives_the_same_filter_gradient():
    rng = np.random.default_rng(0)
    x = tf.constant(rng.standard_normal((2, 6, 6, 1)).astype(np.float32))
    w = tf.Variable(rng.standard_normal((3, 3, 1, 2)).astype(np.float32))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        loss = tf.reduce_sum(tf.nn.conv2d(x, w, 1, "SAME") ** 2)
    only_w = tape.gradient(loss, w)  # Conv2DBackpropInput is not run
    assert only_w.numpy().tobytes() == tape.gradient(loss, [x, w])[1].numpy().tobytes()


# -- what the tape keeps ------------------------------------------------------------------------
def test_tape_drops_what_no_gradient_reads():
    x = tf.constant(np.linspace(0.0, 1.0, 8, dtype=np.float32))
    with tf.GradientTape() as tape:
        tape.watch(x)
        s = tf.sin(x)   # sin's gradient reads x, not s
        m = s * 1.0001  # mul's gradient for s reads only the constant
        y = m + 0.1     # add's gradient reads nothing
    dropped = [weakref.ref(s), weakref.ref(m)]
    del s, m
    gc.collect()
    assert [r() for r in dropped] == [None, None]
    assert np.allclose(tape.gradient(y, x).numpy(), np.cos(x.numpy()) * 1.0001)


def test_tape_keeps_what_a_gradient_reads():
    x = tf.constant(np.linspace(0.0, 1.0, 8, dtype=np.float32))
    with tf.GradientTape() as tape:
        tape.watch(x)
        u = x + 1.0
        tf.sin(u)  # sin's gradient reads u
    kept = weakref.ref(u)
    del u
    gc.collect()
    assert kept() is not None


def test_broadcast_to_refuses_a_shape_it_cannot_reach_with_tensorflows_message():
    # checked against TF 2.21: tf.broadcast_to([1, 2, 3], [3, 1])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Unable to broadcast tensor of shape \[3\] to tensor of shape "
                             r"\[3,1\] \[Op:BroadcastTo\]"):
        tf.broadcast_to([1, 2, 3], [3, 1])


# -- plans --------------------------------------------------------------------------------------
def test_plans_call_kernels_unwrapped_yet_give_inf_quietly_and_restore_numpys_state():
    before = np.geterr()
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None])
        big = x * 3e38
        v = tf.Variable([1.0])
        bad = v.assign(x / 0.0)  # inf and nan, and of a shape the variable refuses
        with tf.compat.v1.Session() as sess:
            sess.run(v.initializer)
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                assert sess.run(big, {x: [10.0]})[0] == np.inf
            with pytest.raises(tf.errors.InvalidArgumentError):
                sess.run(bad, {x: [0.0, 0.0]})
            assert sess.run(v)[0] == 1.0
    assert np.geterr() == before


def test_a_plan_reads_a_shape_as_soon_as_its_tensor_is_made():
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 2])
        y = x * 2.0
        u = y + 1.0
        s = tf.shape(y, name="s")  # made last, read first: y need not outlive u
        fed = tf.shape(x, name="fed")
        with tf.compat.v1.Session() as sess:
            got = sess.run([u, s, fed], {x: np.ones((3, 2), np.float32)})
            plan, = sess._plans.values()
    assert [step[-1].name for step in plan._steps] == ["fed", "mul", "s", "add"]
    assert got[0].tolist() == [[3.0, 3.0]] * 3 and got[1].tolist() == [3, 2] == got[2].tolist()


def test_session_short_fetches_and_feeds_agree_with_the_full_rules():
    other = tf.Graph()
    with other.as_default():
        stranger = tf.constant(1.0)
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None])
        y = x * 2.0
        op = tf.no_op()
        value = np.array([1.0, 2.0], np.float32)
        with tf.compat.v1.Session() as sess:
            short = sess.run([y, op, x], {x: value})              # a list of graph elements
            full = sess.run((y, op, x), {"Placeholder:0": value})  # a tuple and a name
            assert [type(v) for v in short] == [np.ndarray, type(None), np.ndarray]
            assert [np.asarray(a).tobytes() for a in short] == \
                [np.asarray(b).tobytes() for b in full]
            short[2][0] = 5.0  # a fetched feed is the caller's own copy
            assert value[0] == 1.0
            errors = []
            for call in (lambda: sess.run([y, stranger]), lambda: sess.run((y, stranger)),
                         lambda: sess.run(y, {stranger: 1.0}),
                         lambda: sess.run(y, {x: tf.constant([1.0])})):
                with pytest.raises((TypeError, ValueError)) as e:
                    call()
                errors.append((e.type, str(e.value)))
    assert errors[0] == errors[1]
    assert errors[2][0] is TypeError and "Cannot interpret feed_dict key" in errors[2][1]
    assert errors[3][0] is TypeError and "cannot be a tf.Tensor" in errors[3][1]


def test_functions_bind_positional_arguments_in_short_as_the_full_rules_do():
    f = tf.function(lambda a, b: a * 2.0 + b)
    x, y = tf.constant([1.0, 2.0]), tf.constant([0.5, 0.5])
    short, full = f(x, y), f(x, b=y)  # the second binds by inspect.Signature
    assert short.numpy().tobytes() == full.numpy().tobytes()
    assert f.experimental_get_tracing_count() == 1
    with pytest.raises(TypeError, match="got arguments that do not fit its signature"):
        f(x)
    g = tf.function(lambda a, b=1.0: a + b)  # a default: always the full rules
    assert g(x).numpy().tolist() == [2.0, 3.0] == g(x, 1.0).numpy().tolist()


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("shape", [(), (2, 3)])
def test_rms_prop_worked_in_place_gives_the_numbers_of_its_formula(dtype, shape):
    rng = np.random.default_rng(3)
    var, ms, mom, grad = (rng.standard_normal(shape).astype(dtype) for _ in range(4))
    ms = np.abs(ms)
    if shape:
        grad[0, 0], mom[0, 1] = np.inf, np.nan
    lr, rho, momentum, eps = (np.asarray(v, dtype) for v in (0.01, 0.9, 0.5, 1e-10))
    with np.errstate(all="ignore"):
        want_ms = ms + (np.square(grad) - ms) * (1 - rho)
        want_mom = mom * momentum + grad * lr / np.sqrt(want_ms + eps)
        want = [want_ms, want_mom, var - want_mom]
    with tf.Graph().as_default():
        v, m, p = (tf.Variable(a) for a in (var, ms, mom))
        update = training_ops.apply_rms_prop(v, m, p, lr, rho, momentum, eps, grad)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            sess.run(update)
            got = sess.run([m, p, v])
    assert [np.asarray(g).tobytes() for g in got] == [np.asarray(w).tobytes() for w in want]


def test_a_plan_folds_what_constants_determine_and_leaves_errors_to_the_run():
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None])
        scale = tf.cast(tf.size(tf.ones([4, 3])), tf.float32) / 2.0  # folded: 6.0
        spread = tf.broadcast_to(scale, [3])                          # folded
        y = x * spread
        bad = tf.reshape(tf.constant([1.0, 2.0]), tf.constant([3]) + 0) + x  # fails in the run
        big = tf.fill([1 << 19], 1.0) + x[0]                          # 2 MB: computed per run
        with tf.compat.v1.Session() as sess:
            got = sess.run([y, spread], {x: np.array([1.0, 2.0, 3.0], np.float32)})
            plan, = sess._plans.values()
            assert plan.num_kernel_calls == 1  # only the product runs
            got[1][0] = 0.0  # a folded value fetched is the caller's own copy
            assert sess.run(spread).tolist() == [6.0] * 3
            with pytest.raises(tf.errors.InvalidArgumentError, match="Reshape"):
                sess.run(bad, {x: [1.0]})
            assert sess.run(big, {x: [1.0]})[:2].tolist() == [2.0, 2.0]
            big_plan = list(sess._plans.values())[-1]
            assert "Fill" in [step[-1].type for step in big_plan._steps]
    assert got[0].tolist() == [6.0, 12.0, 18.0]


@pytest.mark.parametrize("shape", [(), (3, 4)])
def test_sigmoid_grad_made_in_place_gives_the_numbers_of_its_formula(shape):
    rng = np.random.default_rng(5)
    y, g = (rng.uniform(-0.5, 1.5, shape).astype(np.float32) for _ in range(2))
    if shape:
        y[0, 0], g[1, 1] = np.nan, np.inf
    with np.errstate(all="ignore"):
        want = g * y * (1 - y)
    got = OPS["SigmoidGrad"].kernel(y, g)
    assert type(got) is type(want) and np.asarray(got).tobytes() == np.asarray(want).tobytes()


def _matmul_calls():
    f = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    d = tf.constant(np.arange(6, dtype=np.float64).reshape(3, 2))
    i = tf.constant(np.arange(4, dtype=np.int32).reshape(2, 2))
    c = tf.constant(np.array([[1 + 2j, 3j], [2, 1 - 1j]]))
    v = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3) / 4)
    return [lambda: tf.matmul(f, tf.transpose(f)), lambda: tf.matmul(f, f, transpose_a=True),
            lambda: tf.matmul(f, f, transpose_b=1), lambda: tf.matmul(i, i, True, True),
            lambda: tf.matmul(c, c, adjoint_b=True), lambda: tf.matmul(f, f),
            lambda: tf.matmul(f, d), lambda: tf.matmul(tf.constant([1.0, 2.0]), f),
            lambda: tf.matmul(f, tf.ones([3, 2, 2])),
            lambda: tf.matmul(f, f, transpose_a=True, adjoint_a=True),
            # variables are read first, in order, as the full path's conversions read them
            lambda: tf.matmul(v, f), lambda: tf.matmul(f, v, transpose_a=True),
            lambda: tf.matmul(v, [[1.0], [2.0], [3.0]]), lambda: tf.matmul(v, tf.ones([2, 3, 2])),
            lambda: tf.matmul([[1.0, 2.0]], v), lambda: tf.matmul(v, v, adjoint_b=True),
            lambda: _taped_matmul(v, f), lambda: _taped_matmul(f, v)]


def _taped_matmul(a, b):
    """A product on a tape: its variable's gradient, then the number of records of each type
    (ReadVariableOp, MatMul)."""
    with tf.GradientTape() as tape:
        y = tf.matmul(a, b, transpose_b=True)
    types = [r.op_def.type for r in tape._records]
    counts = tf.constant([float(types.count("ReadVariableOp")), float(types.count("MatMul"))])
    return tf.concat([tf.reshape(tape.gradient(y, tape.watched_variables())[0], [-1]), counts], 0)


@pytest.mark.parametrize("index", range(len(_matmul_calls())))
def test_eager_matmul_short_path_agrees_with_its_full_path(index, monkeypatch):
    fast = _outcome(_matmul_calls()[index])
    monkeypatch.setattr(linalg_ops, "executing_eagerly", lambda: False)  # never short
    assert _outcome(_matmul_calls()[index]) == fast


def test_one_optimizer_step_over_variables_of_two_dtypes_updates_each_as_alone():
    # the step's hyperparameters are made once per dtype: each variable still gets its own
    values = [np.array([1.0, -2.0], np.float32), np.array([[0.5]], np.float64),
              np.array([3.0], np.float32)]
    for make in (lambda: tf.optimizers.Adam(0.1), lambda: tf.optimizers.SGD(0.1, momentum=0.9),
                 lambda: tf.optimizers.RMSprop(0.1), lambda: tf.optimizers.Adagrad(0.1)):
        together = [tf.Variable(v) for v in values]
        make().apply_gradients((v * 2.0, v) for v in together)
        for value, v in zip(values, together):
            alone = tf.Variable(value)
            make().apply_gradients([(alone * 2.0, alone)])
            assert v.dtype == alone.dtype and v.numpy().tobytes() == alone.numpy().tobytes()


def test_eager_zeros_for_an_unused_output_give_the_gradients_a_traced_step_gives():
    # the backprop output of the cross-entropy gets no gradient: eagerly its zeros are made at
    # once (1,280 of them, where zeros_like would run a Fill op), in a function by zeros_like
    logits = tf.constant(np.random.default_rng(0).standard_normal((128, 10)).astype(np.float32))
    labels = tf.constant(np.arange(128, dtype=np.int32) % 10)

    def gradients(logits):
        with tf.GradientTape() as tape:
            tape.watch(logits)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))
            top = tf.reduce_sum(tf.math.top_k(logits, 3)[0])
        return tape.gradient([loss, top], logits)

    eager, traced = gradients(logits), tf.function(gradients)(logits)
    assert eager.dtype == traced.dtype and eager.numpy().tobytes() == traced.numpy().tobytes()


# -- convolution and pooling kernels -----------------------------------------------------------
def _pool_attrs(k, s, padding):
    return {"ksize": [1, k[0], k[1], 1], "strides": [1, s[0], s[1], 1], "padding": padding,
            "explicit_paddings": [], "data_format": "NHWC"}


def _max_pool_grad(x, dy, attrs):
    x = tf.constant(x)
    y = execute("MaxPool", [x], attrs)
    return execute("MaxPoolGrad", [x, y, tf.constant(dy)], attrs).numpy()


_RNG = np.random.default_rng(7)
_TILED = [  # (input, ksize, strides, padding): windows that tile the input
    (_RNG.standard_normal((3, 8, 6, 4)).astype(np.float32), (2, 2), (2, 2), "VALID"),
    (_RNG.standard_normal((2, 6, 6, 3)), (3, 3), (3, 3), "SAME"),
    (_RNG.standard_normal((2, 4, 6, 2)).astype(np.float32), (1, 2), (1, 2), "VALID"),
    (_RNG.standard_normal((2, 4, 6, 2)).astype(np.float16), (2, 1), (2, 1), "VALID"),
    (_RNG.permutation(96).reshape(2, 4, 6, 2).astype(np.int32), (2, 3), (2, 3), "VALID"),
    (_RNG.integers(0, 3, (3, 8, 6, 4)).astype(np.float32), (2, 2), (2, 2), "VALID"),  # ties
    (_RNG.integers(0, 3, (2, 4, 6, 2)).astype(np.uint8), (2, 2), (2, 2), "SAME"),  # ties
    (np.where(_RNG.random((2, 4, 4, 2)) < 0.2, np.nan, 1.0), (2, 2), (2, 2), "VALID"),
]


@pytest.mark.parametrize("case", range(len(_TILED)))
@pytest.mark.parametrize("dy_kind", ["normal", "signed zeros", "inf"])
def test_tiled_max_pool_gradient_agrees_with_the_general_path(case, dy_kind, monkeypatch):
    x, k, s, padding = _TILED[case]
    attrs = _pool_attrs(k, s, padding)
    shape = (x.shape[0], x.shape[1] // k[0], x.shape[2] // k[1], x.shape[3])
    dy = _RNG.integers(-3, 4, shape).astype(x.dtype)
    if dy_kind == "signed zeros" and x.dtype.kind == "f":
        dy[..., 0] = -0.0
    if dy_kind == "inf" and x.dtype.kind == "f":
        dy.flat[1] = np.inf
    fast = _max_pool_grad(x, dy, attrs)
    monkeypatch.setattr(pooling_ops, "_tiled_max_pool_grad", lambda *args: None)
    full = _max_pool_grad(x, dy, attrs)
    assert (fast.dtype, fast.shape, fast.tobytes()) == (full.dtype, full.shape, full.tobytes())


def test_tiled_max_pool_gradient_takes_the_fast_path_for_tiling_windows_and_finite_dy():
    x, k, s, padding = _TILED[5]  # with ties
    attrs = _pool_attrs(k, s, padding)
    y = execute("MaxPool", [tf.constant(x)], attrs).numpy()
    fast = pooling_ops._tiled_max_pool_grad
    assert fast(x, y, np.ones_like(y), Window(x.shape[1:3], k, s, (1, 1), padding)) is not None
    assert fast(x, y, y + np.inf, Window(x.shape[1:3], k, s, (1, 1), padding)) is None
    assert fast(x, y, y, Window(x.shape[1:3], k, (1, 1), (1, 1), "VALID")) is None


@pytest.mark.parametrize("window, expected", [  # as TensorFlow 2.21: the first in row order
    ([[1, 1], [1, 1]], [1, 0, 0, 0]), ([[0, 1], [1, 0]], [0, 1, 0, 0]),
    ([[0, 0], [1, 1]], [0, 0, 1, 0])])
def test_tiled_max_pool_gradient_of_ties_goes_to_the_first_maximum(window, expected):
    x = tf.constant(np.array(window, np.float32).reshape(1, 2, 2, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.max_pool2d(x, 2, 2, "VALID")
    assert tape.gradient(y, x).numpy().ravel().tolist() == expected


_CONVS = [  # (input shape, filter shape, strides, padding, dilations)
    ((2, 7, 6, 3), (3, 2, 3, 4), 1, "SAME", 1),
    ((2, 7, 6, 1), (5, 5, 1, 2), 1, "SAME", 1),
    ((1, 9, 8, 2), (3, 3, 2, 3), 2, "VALID", 1),
    ((1, 9, 8, 2), (3, 3, 2, 3), [3, 2], "SAME", 1),
    ((2, 9, 8, 2), (2, 3, 2, 2), 1, "VALID", [2, 3]),
    ((1, 6, 7, 2), (3, 3, 2, 1), 2, [[0, 0], [1, 2], [2, 0], [0, 0]], 1),
    ((1, 9, 8, 1), (3, 2, 1, 2), [2, 3], "SAME", 1),
    ((2, 9, 8, 1), (2, 2, 1, 3), 1, "VALID", [2, 1]),
]


@pytest.mark.parametrize("case", range(len(_CONVS)))
def test_conv2d_backprops_are_the_adjoints_of_conv2d(case):
    """<conv2d(x, w), dy> == <x, backprop_input(dy)> == <w, backprop_filter(dy)> in float64."""
    xs, ws, strides, padding, dilations = _CONVS[case]
    x, w = _RNG.standard_normal(xs), _RNG.standard_normal(ws)
    with tf.GradientTape(persistent=True) as tape:
        xt, wt = tf.constant(x), tf.constant(w)
        tape.watch([xt, wt])
        y = tf.nn.conv2d(xt, wt, strides, padding, dilations=dilations)
    dy = _RNG.standard_normal(y.shape)
    dx, dw = tape.gradient(y, [xt, wt], output_gradients=tf.constant(dy))
    inner = np.sum(y.numpy() * dy)
    np.testing.assert_allclose([np.sum(x * dx.numpy()), np.sum(w * dw.numpy())], [inner] * 2,
                               rtol=1e-12)
    transposed = tf.nn.conv2d_transpose(tf.constant(dy), wt, xs, strides, padding,
                                        dilations=dilations)
    assert transposed.numpy().tobytes() == dx.numpy().tobytes()


@pytest.mark.parametrize("case", [c for c, conv in enumerate(_CONVS) if conv[0][3] == 1])
def test_conv2d_of_one_channel_agrees_with_the_general_im2col(case):
    """One channel takes im2col taps first; with a second, zero channel the general one."""
    xs, ws, strides, padding, dilations = _CONVS[case]
    x, w = _RNG.standard_normal(xs), _RNG.standard_normal(ws)
    x2, w2 = np.concatenate([x, 0 * x], axis=3), np.concatenate([w, 0 * w], axis=2)
    one, two = (tf.nn.conv2d(a, b, strides, padding, dilations=dilations).numpy()
                for a, b in ((x, w), (x2, w2)))
    np.testing.assert_allclose(one, two, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("pool", ["depthwise", "avg"])
def test_folded_gradients_are_the_adjoints_of_their_ops(pool):
    x = _RNG.standard_normal((2, 7, 6, 3))
    w = _RNG.standard_normal((3, 2, 3, 2))
    with tf.GradientTape() as tape:
        xt = tf.constant(x)
        tape.watch(xt)
        y = (tf.nn.depthwise_conv2d(xt, w, [1, 2, 2, 1], "SAME") if pool == "depthwise"
             else tf.nn.avg_pool2d(xt, 3, 2, "SAME"))
    dy = _RNG.standard_normal(y.shape)
    dx = tape.gradient(y, xt, output_gradients=tf.constant(dy))
    np.testing.assert_allclose(np.sum(x * dx.numpy()), np.sum(y.numpy() * dy), rtol=1e-12)


# -- eager gradients in short -------------------------------------------------------------------
def _taped_outcomes():
    """Gradients whose functions pass Python values to their ops (the mean's count and shape,
    the square's 2, the axes and shape of a broadcast sum), with variables read on the tape,
    nested and persistent tapes, and the records the tape keeps."""
    v = tf.Variable([[0.5, -1.0, 2.0]])
    b = tf.Variable([0.25, 1.0, -3.0], dtype=tf.float64)
    h = tf.Variable(np.float16([1.5, 2.0]))
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    out = []
    with tf.GradientTape(persistent=True) as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_mean(tf.square(x * v - 1.0)) + tf.reduce_sum(v)
        dv = inner.gradient(y, v)
        z = tf.reduce_mean(tf.square(tf.cast(b, tf.float32) + x), axis=0)
        w = tf.reduce_mean(tf.square(h))
        out.append([(r.op_def.type, [t.dtype.name for t in r.inputs]) for r in outer._records])
    out += [dv, outer.gradient(dv, v), outer.gradient(z, [b, v]), outer.gradient(w, h),
            outer.watched_variables()]
    return [repr(t) if not isinstance(t, list) else [repr(u) for u in t] for t in out]


def test_eager_gradients_with_plain_operands_agree_with_the_full_rules(monkeypatch):
    fast = _taped_outcomes()
    _take_the_full_rules(monkeypatch)
    for module in (arithmetic_ops, reduction_ops, shape_rules):
        monkeypatch.setattr(module, "plain_operand", lambda value, dtype: value)
    assert _taped_outcomes() == fast


def test_a_variable_read_on_a_tape_is_recorded_as_the_read_op_would_be(monkeypatch):
    fast = _taped_outcomes()
    short_read = tf.Variable._read

    def read_by_the_op(self):  # the full path: ReadVariableOp through dispatch
        if not tf.executing_eagerly() or self._graph is not None:
            return short_read(self)
        for tape in ctx.tapes:
            tape.variable_accessed(self)
        return execute("ReadVariableOp", [self._handle], self._read_attrs())
    monkeypatch.setattr(tf.Variable, "_read", read_by_the_op)
    monkeypatch.setattr(tf.Variable, "_to_tensor", read_by_the_op)
    assert _taped_outcomes() == fast


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.int32, np.uint8])
def test_relu_grad_as_a_masked_product_gives_the_bytes_of_np_where(dtype):
    g = np.array([[1.5, -2.0, -0.0, 0.0], [7.0, -1.0, 2.0, 3.0]])
    x = np.array([[1.0, 0.0, 2.0, -1.0], [0.0, 5.0, -3.0, 4.0]])
    if np.dtype(dtype).kind == "f":
        g[0, 2:], x[1, 3] = [np.nan, -np.inf], np.nan
    g, x = g.astype(dtype), x.astype(dtype)
    kernel = OPS["ReluGrad"].kernel
    for a, b in ((g, x), (g.T, x.T), (g[0, 1], x[0, 0])):
        want = np.where(b > 0, a, np.zeros((), a.dtype))
        got = kernel(a, b)
        assert (got.dtype, np.shape(got), got.tobytes()) == (want.dtype, want.shape, want.tobytes())


def test_relu_grad_of_shapes_that_differ_keeps_its_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match="shapes \\(3,\\) \\(2,\\) \\(\\)"):
        execute("ReluGrad", [tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0, 3.0])])


@pytest.mark.parametrize("ta, tb, message", [
    (False, False, r"In\[0\]: \[2,3\], In\[1\]: \[2,3\]"),
    (True, True, r"In\[0\]: \[3,2\], In\[1\]: \[3,2\]"),
    (True, False, r"In\[0\]: \[3,2\], In\[1\]: \[4,5\]")])
def test_matmul_leaves_the_inner_dimensions_to_numpy_but_keeps_tensorflows_message(ta, tb,
                                                                                  message):
    a = tf.ones([2, 3])
    b = tf.ones([4, 5]) if ta and not tb else a
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Matrix size-incompatible: %s \\[Op:MatMul\\]" % message):
        tf.matmul(a, b, transpose_a=ta, transpose_b=tb)


@pytest.mark.parametrize("rank", [0, 1, 3])
def test_all_axes_made_in_short_eagerly_are_what_conversion_makes(rank):
    x = tf.zeros([2] * rank)
    fast, full = shape_rules.all_axes(x), tf.convert_to_tensor(np.arange(rank, dtype=np.int32))
    assert (repr(fast), fast.dtype, fast.numpy().tobytes()) == \
        (repr(full), full.dtype, full.numpy().tobytes())

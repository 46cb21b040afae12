"""minitf.function: tracing, caching per signature, captures, and differentiation through calls."""
import logging
import os
import re
import subprocess
import sys

import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_traces_once_per_signature_and_reuses_the_graph():
    traces = []

    @tf.function
    def f(x, y):
        traces.append((x.shape, y.shape))
        return x * y + 1

    assert float(f(tf.constant(2.0), tf.constant(3.0))) == 7.0
    assert float(f(tf.constant(4.0), tf.constant(3.0))) == 13.0
    assert len(traces) == 1
    f(tf.constant([1.0, 2.0]), tf.constant(3.0))
    f(tf.constant([1.0, 2.0], tf.float64), tf.constant(3.0, tf.float64))
    assert len(traces) == 3 and f.experimental_get_tracing_count() == 3


def test_python_arguments_are_part_of_the_signature():
    traces = []

    @tf.function
    def f(x, power):
        traces.append(power)
        return x ** power

    assert float(f(tf.constant(2.0), 2)) == 4.0
    assert float(f(tf.constant(3.0), 2)) == 9.0
    assert float(f(tf.constant(2.0), 3)) == 8.0
    assert traces == [2, 3]


def test_python_scalars_return_tensors():
    f = tf.function(lambda x, y: x * y + 1)
    assert repr(f(2.0, 3.0)) == "<tf.Tensor: shape=(), dtype=float32, numpy=7.0>"


def test_nested_arguments_and_results():
    @tf.function
    def f(inputs):
        return {"sum": inputs["a"] + inputs["b"][0], "label": "done", "none": None}

    out = f({"a": tf.constant(1.0), "b": [tf.constant(2.0)]})
    assert float(out["sum"]) == 3.0 and out["label"] == "done" and out["none"] is None
    f({"a": tf.constant(5.0), "b": [tf.constant(2.0)]})
    assert f.experimental_get_tracing_count() == 1


def test_input_signature_covers_the_arguments_of_star_args():
    # Found by the fuzz test; TensorFlow 2.21 gives one spec per argument `*args` takes.
    spec = tf.TensorSpec([None], tf.float32)
    f = tf.function(lambda x, *rest: x + rest[0] * rest[1], input_signature=[spec] * 3)

    y = f(tf.constant([1.0]), tf.constant([2.0]), tf.constant([3.0]))

    assert (y.numpy().tolist(), f.experimental_get_tracing_count()) == ([7.0], 1)


def test_input_signature_traces_once_for_any_batch_size():
    f = tf.function(lambda x: x * 2.0, input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    assert f(tf.ones([1, 2])).shape == (1, 2) and f(tf.ones([5, 2])).shape == (5, 2)
    assert f([[1.0, 2.0]]).numpy().tolist() == [[2.0, 4.0]]
    assert f.experimental_get_tracing_count() == 1


@pytest.mark.parametrize("arg", [np.ones([2, 3], np.float32), np.ones([2, 2], np.int32)])
def test_input_signature_refuses_what_does_not_fit(arg):
    f = tf.function(lambda x: x * 2, input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    with pytest.raises(TypeError, match="does not fit.*TensorSpec"):
        f(tf.constant(arg))


def test_reduce_retracing_traces_exactly_then_with_the_shapes_relaxed():  # as TF 2.21
    shapes = []
    f = tf.function(lambda x: shapes.append(str(x.shape)) or tf.reduce_sum(x),
                    reduce_retracing=True)
    for shape in ([1], [2], [7], [1, 1], [2, 3]):
        f(tf.ones(shape))
    assert shapes == ["(1,)", "(None,)", "<unknown>"]


def test_python_side_effects_happen_only_while_tracing_but_print_every_call(capsys):
    seen = []

    @tf.function
    def f(x):
        seen.append(1)
        tf.print("x is", x)
        return x + 1

    for value in (1.0, 2.0, 3.0):
        f(tf.constant(value))
    assert seen == [1]
    assert capsys.readouterr().err == "x is 1\nx is 2\nx is 3\n"


def test_print_formats_like_tensorflow(capsys):
    tf.print(tf.constant([1.0, 2.5, 0.1]), tf.constant(True), [1, 2], 7)
    tf.print(tf.reshape(tf.constant(np.arange(16)), [4, 4]), sep=",", end="!\n")
    err = capsys.readouterr().err
    assert err == ("[1 2.5 0.1] 1 [1, 2] 7\n"
                   "[[0 1 2 3]\n [4 5 6 7]\n [8 9 10 11]\n [12 13 14 15]]!\n")


def test_print_summarizes_long_dimensions(capsys):
    tf.print(tf.constant(np.arange(10)))
    assert capsys.readouterr().err == "[0 1 2 ... 7 8 9]\n"


# TensorFlow 2.21 logs this warning with its "tensorflow" logger, in these words (checked).
RETRACING = ("triggered tf.function retracing. Tracing is expensive and the excessive number of "
             "tracings could be due to (1) creating @tf.function repeatedly in a loop, (2) "
             "passing tensors with different shapes, (3) passing Python objects instead of "
             "tensors. For (1), please define your @tf.function outside of the loop. For (2), "
             "@tf.function has reduce_retracing=True option that can avoid unnecessary "
             "retracing. For (3), please refer to "
             "https://www.tensorflow.org/guide/function#controlling_retracing and "
             "https://www.tensorflow.org/api_docs/python/tf/function for  more details.")


def logged(caplog):
    return [(r.name, r.levelname, r.getMessage()) for r in caplog.records]


def test_retracing_many_times_logs_tensorflows_warning(caplog):
    def f(x):
        return x
    traced = tf.function(f)
    for n in range(6):
        traced(tf.zeros([n]))
    assert logged(caplog) == [
        ("tensorflow", "WARNING", "%d out of the last %d calls to %r %s" % (n, n, f, RETRACING))
        for n in (5, 6)]


def test_the_retracing_warning_counts_calls_as_tensorflow(caplog):  # TF 2.21: "5 of the last 7"
    traced = tf.function(lambda x: x)
    for x in [1, 1, 2, tf.constant(1), tf.constant(2), tf.constant([1, 2]), 1.5]:
        traced(x)
    assert [m[:27] for _, _, m in logged(caplog)] == ["5 out of the last 7 calls t"]


def test_a_function_made_anew_in_a_loop_warns(caplog):
    for n in range(5):
        tf.function(lambda x: x + 1)(tf.constant(n))
    assert [m[:27] for _, _, m in logged(caplog)] == ["5 out of the last 5 calls t"]


def test_the_tensorflow_logger_silences_the_retracing_warning(caplog):
    traced = tf.function(lambda x: x)
    logger = logging.getLogger("tensorflow")
    logger.setLevel(logging.ERROR)
    try:
        for n in range(6):
            traced(tf.zeros([n]))
    finally:
        logger.setLevel(logging.NOTSET)
    assert (tf.get_logger() is logger, logged(caplog)) == (True, [])


def test_the_warning_goes_to_stderr_as_tensorflow_writes_it(tmp_path):
    script = tmp_path / "script.py"
    script.write_text("import minitf as tf\nf = tf.function(lambda x: x)\n"
                      "for n in range(5):\n    f(tf.zeros([n]))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=ROOT), timeout=120)
    assert re.fullmatch(r"WARNING:tensorflow:5 out of the last 5 calls to <function <lambda> at "
                        r"0x[0-9a-f]+> %s\n" % re.escape(RETRACING), done.stderr)


def test_a_first_call_that_makes_variables_traces_twice():  # as TensorFlow does
    traces, state = [], {}

    @tf.function
    def f(x):
        traces.append(x)
        if "v" not in state:
            state["v"] = tf.Variable(1.0)
        return state["v"] * x

    assert float(f(tf.constant(2.0))) == 2.0 and len(traces) == 2
    f(tf.constant(3.0))
    assert f.experimental_get_tracing_count() == 2


def test_captured_variables_are_read_and_written_live():
    v = tf.Variable(1.0)

    @tf.function
    def bump():
        v.assign_add(1.0)
        return v.read_value()

    assert (float(bump()), float(bump())) == (2.0, 3.0)
    v.assign(10.0)
    assert float(bump()) == 11.0 and float(v) == 11.0


def test_captured_eager_tensors_are_fed_each_call():
    scale = tf.constant(3.0)
    f = tf.function(lambda x: x * scale)
    assert float(f(tf.constant(2.0))) == 6.0


def test_variables_may_be_created_once_on_the_first_call():
    # As TensorFlow 2.21: a first trace that made variables is traced again, refusing new ones;
    # the `if self.w is None` pattern makes none the second time, and later shapes trace anew.
    class Dense:
        def __init__(self):
            self.w = None

        @tf.function
        def __call__(self, x):
            if self.w is None:
                self.w = tf.Variable(tf.ones([x.shape[-1], 1]))
            return tf.matmul(x, self.w)

    layer = Dense()
    assert layer(tf.ones([2, 3])).numpy().tolist() == [[3.0], [3.0]]
    layer(tf.ones([4, 3]))
    assert (layer.w.numpy().shape, layer.__call__.experimental_get_tracing_count()) == ((3, 1), 3)


def test_a_function_making_a_variable_on_every_call_fails_on_the_first():
    @tf.function
    def make(x):
        return tf.Variable(1.0) * x

    with pytest.raises(ValueError, match="singleton tf.Variables created on the first call"):
        make(tf.constant(1.0))


def test_a_later_trace_may_not_make_a_variable():
    made = []

    @tf.function
    def f(x):
        if x.shape.rank == 1 and not made:
            made.append(tf.Variable(1.0))
        return x * 2.0

    f(tf.constant(1.0))
    with pytest.raises(ValueError, match="Creating variables on a non-first call to a function"):
        f(tf.constant([1.0]))


def test_after_a_first_call_that_made_variables_later_traces_refuse_them():
    ranks = set()

    @tf.function
    def f(x):
        if x.shape.rank not in ranks:
            ranks.add(x.shape.rank)
            tf.Variable(1.0)
        return x

    f(tf.constant(1.0))
    with pytest.raises(ValueError, match="singleton tf.Variables created on the first call"):
        f(tf.constant([1.0]))


def test_a_variable_made_in_init_scope_counts_as_made_by_the_function():
    @tf.function
    def f(x):
        with tf.init_scope():
            tf.Variable(1.0)
        return x

    with pytest.raises(ValueError, match="singleton tf.Variables created on the first call"):
        f(tf.constant(1.0))


def test_optimizer_step_inside_a_function():
    w = tf.Variable([1.0, -2.0])
    opt = tf.optimizers.SGD(0.1)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(w * w)
        opt.apply_gradients(zip(tape.gradient(loss, [w]), [w]))
        return loss

    assert float(step()) == 5.0
    np.testing.assert_allclose(w.numpy(), [0.8, -1.6])
    step()
    np.testing.assert_allclose(w.numpy(), [0.64, -1.28])
    # TensorFlow 2.21 traces twice: the first trace made the optimizer's variables.
    assert int(opt.iterations) == 2 and step.experimental_get_tracing_count() == 2


def test_tape_outside_differentiates_through_the_call():
    w = tf.Variable([[1.0], [2.0]])
    f = tf.function(lambda x: tf.reduce_sum(tf.square(tf.matmul(x, w))))
    x = tf.constant([[1.0, 1.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    gx, gw = tape.gradient(y, [x, w])
    np.testing.assert_allclose(gx.numpy(), [[6.0, 12.0]])
    np.testing.assert_allclose(gw.numpy(), [[6.0], [6.0]])


def test_nested_functions_and_second_derivatives(derivatives):
    inner = tf.function(lambda x: x * x * x)
    outer = tf.function(lambda x: inner(x) + x)
    assert float(outer(tf.constant(2.0))) == 10.0
    assert derivatives(outer, 2.0) == (13.0, 12.0)


def test_gradient_uses_the_values_of_the_forward_call():
    v = tf.Variable(2.0)
    f = tf.function(lambda x: x * tf.square(v))
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    v.assign(10.0)  # the gradient must use v as the forward call saw it
    assert float(tape.gradient(y, x)) == 4.0


def test_get_concrete_function_shows_the_graph():
    f = tf.function(lambda x, y: x * y + 1.0)
    concrete = f.get_concrete_function(tf.TensorSpec([None], tf.float32), tf.constant(2.0))
    names = [(op.name, op.type) for op in concrete.graph.get_operations()]
    assert names == [("x", "Placeholder"), ("y", "Placeholder"), ("mul", "Mul"),
                     ("add/y", "Const"), ("add", "AddV2"), ("Identity", "Identity")]
    assert concrete.inputs[0].shape.as_list() == [None]
    assert concrete(tf.constant([1.0, 2.0]), tf.constant(2.0)).numpy().tolist() == [3.0, 5.0]


def test_run_functions_eagerly_runs_the_python_code():
    seen = []

    @tf.function
    def f(x):
        seen.append(tf.executing_eagerly())
        return x

    tf.config.run_functions_eagerly(True)
    try:
        f(tf.constant(1.0))
        f(tf.constant(1.0))
    finally:
        tf.config.run_functions_eagerly(False)
    f(tf.constant(1.0))
    assert seen == [True, True, False]


def test_function_called_while_building_a_v1_graph(graph):
    f = tf.function(lambda x: x * 2.0)
    p = v1.placeholder(tf.float32, [None])
    y = f(p)
    (g,) = tf.gradients(tf.reduce_sum(y * y), p)
    with v1.Session() as sess:
        out, grad = sess.run([y, g], {p: [1.0, 2.0]})
    assert out.tolist() == [2.0, 4.0] and grad.tolist() == [8.0, 16.0]


def test_results_equal_eager_results_exactly():
    rng = np.random.default_rng(0)
    x = tf.constant(rng.standard_normal((4, 3)).astype(np.float32))
    w = tf.constant(rng.standard_normal((3, 2)).astype(np.float32))

    def model(x, w):
        h = tf.matmul(x, w)
        return tf.reduce_mean(tf.exp(h) / (1.0 + tf.abs(h)), axis=0)

    np.testing.assert_array_equal(tf.function(model)(x, w).numpy(), model(x, w).numpy())


def _mlp_params():
    rng = np.random.default_rng(7)
    return [rng.standard_normal(s).astype(np.float32) * 0.5 for s in ((4, 8), (8,), (8, 1), (1,))]


def _mlp_loss(x, y, w1, b1, w2, b2):
    h = tf.matmul(x, w1) + b1
    h = h / (1.0 + tf.abs(h))  # softsign activation
    return tf.reduce_mean(tf.square(tf.matmul(h, w2) + b2 - y))


def test_one_training_step_is_identical_eagerly_in_a_function_and_in_a_session():
    rng = np.random.default_rng(3)
    x_data = rng.standard_normal((16, 4)).astype(np.float32)
    y_data = rng.standard_normal((16, 1)).astype(np.float32)

    def eager_params():
        return [tf.Variable(p) for p in _mlp_params()]

    def step(params, opt):
        with tf.GradientTape() as tape:
            loss = _mlp_loss(x_data, y_data, *params)
        opt.apply_gradients(zip(tape.gradient(loss, params), params))
        return loss

    eager = eager_params()
    eager_loss = step(eager, tf.optimizers.SGD(0.1))
    traced = eager_params()
    opt = tf.optimizers.SGD(0.1)
    traced_loss = tf.function(lambda: step(traced, opt))()

    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 4])
        y = v1.placeholder(tf.float32, [None, 1])
        params = [tf.Variable(p) for p in _mlp_params()]
        loss = _mlp_loss(x, y, *params)
        train = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            session_loss, _ = sess.run([loss, train], {x: x_data, y: y_data})
            session_params = sess.run(params)

    assert float(eager_loss) == float(traced_loss) == float(session_loss)
    for e, t, s in zip(eager, traced, session_params):
        np.testing.assert_array_equal(e.numpy(), t.numpy())
        np.testing.assert_array_equal(e.numpy(), s)


def test_methods_are_traced_per_instance():
    class Model:
        def __init__(self, scale):
            self.scale = scale

        @tf.function
        def __call__(self, x):
            return x * self.scale

    a, b = Model(2.0), Model(3.0)
    assert (float(a(tf.constant(1.0))), float(b(tf.constant(1.0)))) == (2.0, 3.0)


def test_second_derivatives_through_a_function(derivatives):
    v = tf.Variable(5.0)
    assert derivatives(tf.function(lambda x: x * x * x), 3.0) == (27.0, 18.0)
    assert derivatives(tf.function(lambda x: x * x * v), 3.0) == (30.0, 10.0)


def test_concrete_function_calls_check_and_convert_their_arguments():
    f = tf.function(lambda x: x * 2.0)
    concrete = f.get_concrete_function(tf.TensorSpec([None], tf.float32))
    assert concrete([1.0, 2.0]).numpy().tolist() == [2.0, 4.0]
    assert concrete(np.array([1.0, 2.0])).dtype is tf.float32
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected a float32 tensor"):
        concrete(tf.constant([1, 2]))
    with pytest.raises(TypeError):
        concrete(tf.constant([1.0]), tf.constant([2.0]))
    with pytest.raises(TypeError, match="does not fit the traced shape"):
        concrete(tf.constant([[1.0]]))


def test_variables_created_on_the_first_call_may_depend_on_its_arguments():
    class Scale:
        w = None

        @tf.function
        def __call__(self, x):
            if self.w is None:
                self.w = tf.Variable(tf.ones_like(x) * 2.0)
            return x * self.w

    layer = Scale()
    assert layer(tf.constant([1.0, 3.0])).numpy().tolist() == [2.0, 6.0]
    assert layer.w.numpy().tolist() == [2.0, 2.0]


def test_concrete_function_describes_itself():
    w = tf.Variable(1.0)
    concrete = tf.function(lambda x: x * w).get_concrete_function(tf.constant(1.0))
    assert concrete.variables == (w,) and len(concrete.inputs) == 2
    assert concrete.output_dtypes is tf.float32 and concrete.output_shapes == ()
    assert "dtype=resource" in repr(concrete.captured_inputs)


def test_numpy_scalars_are_tensor_arguments():
    f = tf.function(lambda x: x * 2)
    f(np.float32(1.0))
    assert float(f(np.float32(2.0))) == 4.0 and f.experimental_get_tracing_count() == 1


def test_input_signature_must_hold_tensor_specs():
    with pytest.raises(TypeError, match="input_signature must be a possibly nested sequence"):
        tf.function(lambda x: x, input_signature=[1.0])


def test_print_of_none_and_nested_values(capsys):
    tf.print(None, {"a": tf.constant(1)})
    assert capsys.readouterr().err == "None {'a': 1}\n"


def test_pretty_printed_concrete_signatures_in_tensorflows_layout():  # checked against TF 2.21
    f = tf.function(lambda x, y=2, *, z=None: {"a": x, "b": (x, y)})
    f(tf.constant([1.0]))
    f(tf.constant(1), y=(1, 2), z="s")
    assert f.pretty_printed_concrete_signatures() == "\n".join([
        "Input Parameters:",
        "  x (POSITIONAL_OR_KEYWORD): TensorSpec(shape=(1,), dtype=tf.float32, name=None)",
        "  y (POSITIONAL_OR_KEYWORD): Literal[2]",
        "  z (KEYWORD_ONLY): Literal[None]",
        "Output Type:",
        "  Dict[['a', TensorSpec(shape=(1,), dtype=tf.float32, name=None)], ['b', Tuple["
        "TensorSpec(shape=(1,), dtype=tf.float32, name=None), TensorSpec(shape=(), "
        "dtype=tf.int32, name=None)]]]",
        "Captures:",
        "  None",
        "",
        "Input Parameters:",
        "  x (POSITIONAL_OR_KEYWORD): TensorSpec(shape=(), dtype=tf.int32, name=None)",
        "  y (POSITIONAL_OR_KEYWORD): Tuple[Literal[1], Literal[2]]",
        "  z (KEYWORD_ONLY): Literal['s']",
        "Output Type:",
        "  Dict[['a', TensorSpec(shape=(), dtype=tf.int32, name=None)], ['b', Tuple["
        "TensorSpec(shape=(), dtype=tf.int32, name=None), Tuple[TensorSpec(shape=(), "
        "dtype=tf.int32, name=None), TensorSpec(shape=(), dtype=tf.int32, name=None)]]]]",
        "Captures:",
        "  None"])


def test_a_concrete_function_repr_shows_its_signature():
    f = tf.function(lambda a: a, input_signature=[tf.TensorSpec([None], tf.float32, "inp")])
    assert re.fullmatch(r"<ConcreteFunction \(a: TensorSpec\(shape=\(None,\), dtype=tf.float32, "
                        r"name='inp'\)\) -> TensorSpec\(shape=\(None,\), dtype=tf.float32, "
                        r"name=None\) at 0x[0-9A-F]+>", repr(f.get_concrete_function()))


def test_captured_variables_print_as_resources():
    v = tf.Variable(1.0)
    f = tf.function(lambda: v * 2.0)
    f()
    assert re.search(r"Captures:\n  \d+: TensorSpec\(shape=\(\), dtype=tf.resource, name=None\)$",
                     f.pretty_printed_concrete_signatures())

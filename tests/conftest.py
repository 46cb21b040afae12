import numpy as np
import pytest
from hypothesis import settings

import minitf as tf
from minitf import retracing
from minitf.framework import shapes
from minitf.framework.context import ctx, enable_eager_execution
from minitf.keras import backend as keras_backend
from minitf.ops import random_ops
from minitf.summary import writer as summary_writer


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Each test starts eager, with no graph, tape, scope, default session, summary writer,
    global random seed, Keras layer name or 1.x shape printing left over."""
    keras_backend.clear_session()
    yield
    ctx.graphs.clear()
    ctx.tapes.clear()
    ctx.global_graph = None
    enable_eager_execution()
    ctx.eager_scope = ""
    ctx.function_graphs = None
    vars(summary_writer._state).clear()  # no default summary writer, step or record_if
    ctx.sessions.clear()
    ctx.refuse_variables = False
    random_ops.set_seed(None)
    shapes.enable_v2_tensorshape()
    retracing._calls.clear()  # no count of traces carried from one test to the next


@pytest.fixture
def graph():
    """A fresh graph, made the default for the test."""
    g = tf.Graph()
    with g.as_default():
        yield g


@pytest.fixture
def derivatives():
    """derivatives(f, x): (f'(x), f''(x)) at a float32 scalar x, from two nested tapes."""
    def compute(f, x):
        x = tf.constant(x)
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            first = inner.gradient(y, x)
        return float(first), float(outer.gradient(first, x))
    return compute


@pytest.fixture
def grads():
    """grads(f, *xs): the gradients of f at float64 values xs, as lists, from a GradientTape."""
    def compute(f, *xs):
        xs = [tf.constant(np.asarray(x, np.float64)) for x in xs]
        with tf.GradientTape() as tape:
            for x in xs:
                tape.watch(x)
            y = f(*xs)
        return [g.numpy().tolist() for g in tape.gradient(y, xs)]
    return compute


@pytest.fixture
def three_ways():
    """three_ways(f, *arrays): f's result (numpy values in f's structure) computed eagerly, in a
    graph run by a v1 Session, and by a `function`, the arrays given as constants."""
    def compute(f, *arrays):
        def call(fn):
            return fn(*[tf.constant(a) for a in arrays])
        eager = call(f)
        with tf.Graph().as_default():
            session = tf.compat.v1.Session().run(call(f))
        function = call(tf.function(f))
        return [tf.nest.map_structure(np.asarray, r) for r in (eager, session, function)]
    return compute


# Hypothesis profiles: "suite" (the default) keeps the fuzz test near 30 s and repeatable;
# "long" is for runs outside CI: pytest --hypothesis-profile long
settings.register_profile("suite", max_examples=1000, deadline=None, derandomize=True,
                          database=None, print_blob=True)
settings.register_profile("long", max_examples=20000, deadline=None, print_blob=True)
settings.load_profile("suite")

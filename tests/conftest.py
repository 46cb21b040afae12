import numpy as np
import pytest

import minitf as tf
from minitf import session
from minitf.framework.context import ctx
from minitf.ops import random_ops


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Each test starts eager, with no graph, tape, scope, default session or global random
    seed left over."""
    yield
    ctx.eager_default = True
    ctx.graphs.clear()
    ctx.tapes.clear()
    ctx.global_graph = None
    ctx.eager_scope = ""
    session._default_sessions.clear()
    random_ops.set_seed(None)


@pytest.fixture
def graph():
    """A fresh graph, made the default for the test."""
    g = tf.Graph()
    with g.as_default():
        yield g


@pytest.fixture
def rng():
    return np.random.default_rng(1234)

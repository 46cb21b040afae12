"""Which mode is current: executing eagerly, or building which graph; which tapes record; and
which session is the default one.

This is the only process state of the engine, and it is kept per thread, as TensorFlow's
context is: `Graph.as_default()` pushes onto `ctx.graphs` (`graph.get_default_graph()` reads
it, falling back to the thread's `ctx.global_graph`); `GradientTape` pushes onto `ctx.tapes`;
`Session.as_default()` pushes onto `ctx.sessions`; `summary.trace_on` sets
`ctx.function_graphs`; `Variable` counts itself in `ctx.variables_made` and refuses to be made
under `ctx.refuse_variables`, which `function` sets while it traces. Only
`compat.v1.disable_eager_execution()` reaches every thread: it sets `ctx.eager_default` here
and for threads started afterwards. Ops read it through
`executing_eagerly()`.
"""
import contextlib
import threading

_eager_default = True  # what a thread starts with


class _Context(threading.local):
    """The state of the current thread (a `threading.local`: each thread sees its own)."""

    def __init__(self):
        self.graphs = []          # graphs made default with `as_default()`, innermost last
        self.eager_default = _eager_default  # False after disable_eager_execution()
        self.tapes = []           # active GradientTapes, innermost last
        self.global_graph = None  # the thread's default graph, made on first use
        self.eager_scope = ""     # the name scope while executing eagerly (names variables)
        self.sessions = []        # sessions made default with `as_default()`, innermost last
        self.function_graphs = None  # while collecting: the graphs of functions called eagerly
        self.refuse_variables = False  # a `function` is being traced that may not make any
        self.variables_made = 0   # Variables made so far (`function` sees if a trace made any)


ctx = _Context()


def executing_eagerly():
    """True when ops run at once: eager mode is on and no graph is being built.

    >>> minitf.executing_eagerly()
    True
    """
    return not ctx.graphs and ctx.eager_default


def executing_eagerly_outside_functions():
    """True when the program is eager apart from any `function` being traced right now."""
    return ctx.eager_default and all(g.is_function for g in ctx.graphs)


@contextlib.contextmanager
def init_scope():
    """Leaves any function being traced, for code that must run outside it (creating the
    variables of a function, for one): inside, the mode is that of the outermost context, and
    when that is eager, the name scope is the one the function's graph is in, as in TensorFlow
    (a variable made in `with name_scope("layer")` inside a function is "layer/...")."""
    saved = []
    while ctx.graphs and ctx.graphs[-1].is_function:
        saved.append(ctx.graphs.pop())
    tapes, ctx.tapes = ctx.tapes, []
    scope = ctx.eager_scope
    if saved and executing_eagerly():
        inner = saved[0].get_name_scope()
        ctx.eager_scope = inner + "/" if inner else ""
    try:
        yield
    finally:
        ctx.graphs.extend(reversed(saved))
        ctx.tapes = tapes
        ctx.eager_scope = scope


@contextlib.contextmanager
def eager_mode():
    """Executes eagerly inside, whatever the surrounding mode (no graph is built and no tape
    records): for Python work done while a kernel runs, such as a `minitf.data` pipeline
    computing the next element for an iterator op."""
    saved = ctx.graphs, ctx.eager_default, ctx.tapes
    ctx.graphs, ctx.eager_default, ctx.tapes = [], True, []
    try:
        yield
    finally:
        ctx.graphs, ctx.eager_default, ctx.tapes = saved


def disable_eager_execution():
    """Makes graph building the default for the rest of the process (TensorFlow 1.x style)."""
    global _eager_default
    _eager_default = ctx.eager_default = False


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """TensorFlow 1.x's way to turn eager execution on (2.x starts with it on); like there, it
    must come before any graph is built.

    Raises:
      ValueError: if graph-mode ops have been made already.
    """
    global _eager_default
    built = ctx.graphs or ctx.global_graph is not None and ctx.global_graph.version
    if not ctx.eager_default and built:
        raise ValueError("tf.enable_eager_execution must be called at program startup.")
    _eager_default = ctx.eager_default = True


@contextlib.contextmanager
def default_session(session):
    """A context in which `session` is the default one (for `eval` and `run`)."""
    ctx.sessions.append(session)
    try:
        yield session
    finally:
        ctx.sessions.remove(session)


def get_default_session():
    """The innermost session made default (by `with Session()`, `as_default` or
    InteractiveSession), or None."""
    return ctx.sessions[-1] if ctx.sessions else None


def run_in_default_session(fetch, feed_dict, session):
    """`session.run(fetch, feed_dict)`, in the default session when `session` is None: what
    `Tensor.eval`, `Operation.run` and `Variable.eval` do."""
    session = session or get_default_session()
    if session is None:
        raise ValueError("Cannot evaluate %s using `eval()` or `run()`: No default session is "
                         "registered. Use `with sess.as_default()` or pass an explicit session "
                         "to `eval(session=sess)`." % (fetch,))
    if fetch.graph is not session.graph:
        raise ValueError("Cannot use the given session to evaluate %s: its graph is different "
                         "from the session's graph." % (fetch,))
    return session.run(fetch, feed_dict)

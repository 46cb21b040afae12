"""Which mode is current: executing eagerly, or building which graph; and which tapes record.

This is the only process-wide state of the engine. `Graph.as_default()` pushes onto `ctx.graphs`;
`compat.v1.disable_eager_execution()` flips `ctx.eager_default`; `GradientTape` pushes onto
`ctx.tapes`. Ops read it through `executing_eagerly()` and `get_default_graph()`.
"""
import contextlib


class _Context:
    __slots__ = ("graphs", "eager_default", "tapes", "global_graph", "eager_scope")

    def __init__(self):
        self.graphs = []          # graphs made default with `as_default()`, innermost last
        self.eager_default = True  # False after compat.v1.disable_eager_execution()
        self.tapes = []           # active GradientTapes, innermost last
        self.global_graph = None  # the process-wide default graph, made on first use
        self.eager_scope = ""     # the name scope while executing eagerly (names variables)


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
    variables of a function, for one): inside, the mode is that of the outermost context."""
    saved = []
    while ctx.graphs and ctx.graphs[-1].is_function:
        saved.append(ctx.graphs.pop())
    tapes, ctx.tapes = ctx.tapes, []
    try:
        yield
    finally:
        ctx.graphs.extend(reversed(saved))
        ctx.tapes = tapes


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


def get_default_graph():
    """The graph that new ops go to when not executing eagerly."""
    if ctx.graphs:
        return ctx.graphs[-1]
    if ctx.global_graph is None:
        from .graph import Graph
        ctx.global_graph = Graph()
    return ctx.global_graph


def reset_default_graph():
    """Replaces the process-wide default graph by a new, empty one."""
    if ctx.graphs:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you "
                             "need a cleared graph, exit the nesting and create a new graph.")
    ctx.global_graph = None


def disable_eager_execution():
    """Makes graph building the default for the rest of the process (TensorFlow 1.x style)."""
    ctx.eager_default = False


def enable_eager_execution():
    ctx.eager_default = True

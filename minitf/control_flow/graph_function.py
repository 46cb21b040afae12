"""The traced graphs of control flow: `GraphFunction`, a FuncGraph with a list of input
placeholders and a list of outputs, run by a Plan; and `trace`, which makes one from Python code.

A cond branch, a loop's condition and its body are each traced once, in a FuncGraph nested in
the graph being built, and held by their op (If, While, ...) as an attr; the op's kernel calls
`run`. Outside tensors the code uses are captured: `capture_all` gives the graphs of one op the
same captured inputs, in one order, which the op takes after its own inputs.
"""
import weakref

from .. import nest
from ..executor import Plan
from ..framework import dtypes
from ..framework.context import ctx
from ..framework.graph import get_default_graph
from ..func_graph import FuncGraph
from ..ops import array_ops, fill_ops, list_ops
from ..ops.registry import convert_to_tensor, execute
from .tensor_array import TensorArray


_STATES = weakref.WeakKeyDictionary()  # graph -> {id(op): state}: one random stream per op


class GraphFunction:
    """Outputs of a FuncGraph computed from values fed to its input placeholders (functions
    over one graph share the state of its stateful ops)."""

    def __init__(self, graph, inputs, outputs):
        self.graph = graph
        self.inputs = list(inputs)
        self.outputs = list(outputs)
        self._plan = None
        self._state = _STATES.setdefault(graph, {})

    @property
    def name(self):
        return self.graph.name

    @property
    def stateful(self):
        """Whether running it reads or changes state (variables, random generators): the op
        holding it is then `If`/`While`, which always runs, rather than the Stateless one."""
        return any(_stateful(op) for op in self.graph.get_operations())

    def run(self, values):
        if self._plan is None:
            effects = [op for op in self.graph.get_operations() if op.op_def.writes]
            self._plan = Plan(self.outputs + effects, self.inputs, self._state_for)
        return self._plan.run(list(values))[:len(self.outputs)]

    def _state_for(self, op):
        state = self._state.get(id(op))
        if state is None:
            state = self._state[id(op)] = op.op_def.make_state(op)
        return state

    def __repr__(self):
        return "<GraphFunction %s>" % self.name


def _stateful(op):
    d = op.op_def
    return d.writes or d.make_state is not None or op.type == "ReadVariableOp"


def truth(value):
    """TensorFlow's truth of a predicate: a scalar is true when nonzero, any other tensor when
    it is not empty."""
    return bool(value) if value.ndim == 0 else value.size > 0


def trace(name, fn, specs, graph_class=FuncGraph):
    """Runs `fn(placeholders)` (one placeholder per (dtype, shape) of `specs`) in a new graph
    (a `graph_class(name, outer_graph)`) nested in the default graph, with tapes hidden;
    returns (graph, placeholders, result).

    Variables the code reads are passed on to the enclosing function and to graph tapes."""
    outer = get_default_graph()
    graph = graph_class(name, outer)
    tapes, ctx.tapes = ctx.tapes, []
    try:
        with graph.as_default():
            placeholders = [array_ops.placeholder(d, s) for d, s in specs]
            result = fn(placeholders)
    finally:
        ctx.tapes = tapes
    for v in graph.variables:
        if outer.is_function:
            outer.watch_variable(v)
        for tape in ctx.tapes:
            tape.variable_accessed(v)
    return graph, placeholders, result


def capture_all(graphs):
    """The outside values that any of `graphs` captured, in one order, and for each graph its
    placeholders for them (made where a graph did not capture a value)."""
    values, seen = [], set()
    for g in graphs:
        for t, _ in g.captures:
            if id(t) not in seen:
                seen.add(id(t))
                values.append(t)
    placeholders = []
    for g in graphs:
        with g.as_default():
            placeholders.append([g.capture(t) for t in values])
    return values, placeholders


def flatten(structure):
    """A structure's leaves as tensors in the current graph (variables read, numbers converted,
    TensorArrays as their lists); None and Operations are not values.

    Returns (the structure with each tensor leaf replaced by its index in the flat list, the
    flat list of tensors, the TensorArray each came from or None)."""
    flat, arrays = [], []

    def leaf(x):
        if x is None or _is_operation(x):
            return None
        arrays.append(x if isinstance(x, TensorArray) else None)
        flat.append(x.flow if isinstance(x, TensorArray) else convert_to_tensor(x))
        return len(flat) - 1

    return nest.map_structure(leaf, structure), flat, arrays


def pack(structure, arrays, tensors):
    """The inverse of `flatten`: the structure with its tensors (TensorArrays again)."""
    return nest.map_structure(
        lambda i: None if i is None else
        arrays[i].with_flow(tensors[i]) if arrays[i] is not None else tensors[i], structure)


def _is_operation(x):
    return hasattr(x, "control_inputs") and hasattr(x, "node_def")


def zeros_for(t, like=None):
    """A zero gradient for tensor `t` in the current graph: zeros like it (like `like`, the
    gradient spec of a variable handle), or, for a TensorList, a list of as many zeros."""
    if t.dtype is dtypes.variant:
        return list_ops.zeros_list_like(t, dtypes.float32)
    if t.dtype is dtypes.resource:
        if like.shape.is_fully_defined():
            return fill_ops.zeros(like.shape.as_list(), like.dtype)
        return fill_ops.zeros_like(execute("ReadVariableOp", [t], {"dtype": like.dtype,
                                                                  "shape": like.shape}))
    return fill_ops.zeros_like(t)

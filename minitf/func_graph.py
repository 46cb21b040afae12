"""FuncGraph: a Graph traced from Python code that takes in outside tensors as extra inputs.

A traced `function` is one; so is each branch of a `cond` and the condition and body of a
`while_loop`, which are graphs nested in the graph being built (`outer_graph`). Capturing an
outside tensor (eager, or of an enclosing graph) makes a placeholder that the caller feeds; a
tensor of a graph nested inside this one is out of scope here, as in TensorFlow.
"""
from .executor import Plan
from .framework.errors import InvalidArgumentError
from .framework.graph import Graph
from .framework.tensor import EagerTensor, SymbolicTensor
from .ops import array_ops


class FuncGraph(Graph):
    """The graph of a traced function; it takes in outside tensors as extra inputs."""

    is_function = True

    def __init__(self, name, outer_graph=None):
        super().__init__()
        self.name = name
        self.outer_graph = outer_graph  # the graph this one is nested in, for control flow
        self.captures = []          # (outside value, placeholder inside), in capture order
        self._captured = {}
        self.variables = []         # variables read inside: tapes around a call watch them
        self.arg_values = []        # (placeholder, array): the arguments of the traced call

    def capture(self, t):
        placeholder = self._captured.get(id(t))
        if placeholder is None:
            if isinstance(t, SymbolicTensor) and self._encloses(t.graph):
                raise ValueError(
                    "%r is out of scope and cannot be used here: it was made inside %s, a "
                    "control-flow graph nested in %s (a cond branch or a loop body), and only "
                    "exists while that runs. Return it from the branch or body, or make it a "
                    "loop variable." % (t, t.graph.name, self.name))
            with self.control_dependencies(None), self.name_scope(""):
                placeholder = array_ops.placeholder(t.dtype, t.shape, name="capture")
            self._captured[id(t)] = placeholder
            self.captures.append((t, placeholder))
        return placeholder

    def _encloses(self, graph):
        graph = getattr(graph, "outer_graph", None)
        while graph is not None:
            if graph is self:
                return True
            graph = getattr(graph, "outer_graph", None)
        return False

    def watch_variable(self, variable):
        if all(v is not variable for v in self.variables):
            self.variables.append(variable)

    def lift(self, t):
        """The value of `t`, a tensor of this graph, computed from the captured values and the
        arguments of the call being traced: how a variable created on the first trace gets its
        initial value outside the function."""
        known = [(p, v._value) for v, p in self.captures if isinstance(v, EagerTensor)]
        known += self.arg_values
        try:
            plan = Plan([t], [p for p, _ in known], lambda op: op.op_def.make_state(op))
        except InvalidArgumentError as e:
            raise ValueError("The initial value of a variable created in a function must be "
                             "computable from eager values when the function is traced: %s"
                             % (e,)) from None
        return plan.run([v for _, v in known])[0]

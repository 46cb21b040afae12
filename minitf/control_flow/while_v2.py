"""The loop ops, `While` and `StatelessWhile` (when neither function touches state), and their
gradient.

The loop variables are the op's inputs and outputs: the iteration counter, `maximum_iterations`
(checked by the condition only when the user gave it), the user's loop variables flattened, then
the values the condition and body captured, which the body passes on unchanged; the gradient
may append accumulators. Attrs `cond` (loop variables -> [predicate]) and `body` (loop variables
-> loop variables) are GraphFunctions; the kernel runs them in turn until the predicate is false.

The gradient is a second loop, as in TensorFlow: the body's gradient is built by the one
backprop walk in a graph of its own (`_BackwardBody`), run once per forward iteration, last
first. A forward value it uses is, when captured: a value the loop captured (the same in every
iteration), taken from outside; a constant, copied; anything else, accumulated: the forward body
pushes it onto a TensorList each iteration (a loop variable added to the forward op, with its
output) and the backward body pops it. The backward loop's variables are [counter, forward
iteration count, one gradient per differentiable loop variable, one running sum per captured
value that gets a gradient, the accumulators, the backward body's own captured values].
"""
import weakref

import numpy as np

from ..autodiff.backprop import backprop, differentiable
from ..framework import dtypes
from ..framework.shapes import SCALAR
from ..framework.tensor import SymbolicTensor
from ..func_graph import FuncGraph
from ..ops import arithmetic_ops, array_ops, comparison_ops, list_ops
from ..ops.registry import convert_to_tensor, execute, register
from .graph_function import GraphFunction, trace, truth, zeros_for


def _while_kernel(*values, cond, body, num_user, parallel_iterations):
    while truth(cond.run(values)[0]):
        values = body.run(values)
    return values


def _while_infer(inputs, cond, body, **_):
    return [(p.dtype, p.shape) for p in body.inputs]


for _type, _writes in (("While", True), ("StatelessWhile", False)):
    register(_type, "input: N*any", _while_kernel, _while_infer,
             lambda op, *dys: _gradient(op, dys), multi=True, writes=_writes,
             none_for_unused=True)


def build(cond, body, inputs, num_user, name):
    """Adds the loop op running GraphFunctions `cond` and `body` from `inputs` (`num_user` of
    them the user's loop variables); returns its outputs."""
    op_type = "While" if cond.stateful or body.stateful else "StatelessWhile"
    return execute(op_type, [list(inputs)], {"cond": cond, "body": body, "num_user": num_user,
                                             "parallel_iterations": 10}, name=name)


# -- the gradient -----------------------------------------------------------------------------
_BACKWARD = weakref.WeakKeyDictionary()   # forward op -> its _Backward
_BACKWARD_BODIES = weakref.WeakSet()      # the bodies of gradient loops


def _gradient(op, dys):
    if op.get_attr("body") in _BACKWARD_BODIES:
        raise NotImplementedError(
            "The gradient of %s, itself the gradient of a while_loop, is not supported: "
            "second derivatives of while_loop are not implemented." % op.name)
    backward = _BACKWARD.get(op)
    if backward is None:
        backward = _BACKWARD[op] = _Backward(op)
    return backward.gradients(op, dys)


class _BackwardBody(FuncGraph):
    """The graph of a backward loop's body: it captures forward-body values as the module
    docstring says."""

    def __init__(self, name, outer_graph, op):
        super().__init__(name, outer_graph)
        self._forward = op.get_attr("body")
        start = 2 + op.get_attr("num_user")
        self._invariant = {id(p): op.inputs[k]
                           for k, p in enumerate(self._forward.inputs) if k >= start}
        self._values = {}
        self.pushes = []  # (forward accumulator placeholder, its list after the push)
        self.pops = []    # (backward accumulator placeholder, its list after the pop)

    def capture(self, t):
        if not isinstance(t, SymbolicTensor) or t.graph is not self._forward.graph:
            return super().capture(t)
        if id(t) in self._invariant:
            return super().capture(self._invariant[id(t)])
        if id(t) not in self._values:
            if t.op.type == "Const":
                with self.control_dependencies(None), self.name_scope(""):
                    self._values[id(t)] = execute("Const", [], t.op.attrs, name="Const")
            else:
                self._values[id(t)] = self._accumulate(t)
        return self._values[id(t)]

    def _accumulate(self, t):
        forward = t.graph
        with forward.as_default(), forward.control_dependencies(None), \
                forward.name_scope(""):
            acc = array_ops.placeholder(dtypes.variant, SCALAR, name="accumulator")
            self.pushes.append((acc, list_ops.push_back(acc, t)))
        with self.control_dependencies(None), self.name_scope(""):
            acc = array_ops.placeholder(dtypes.variant, SCALAR, name="accumulator")
            rest, value = list_ops.pop_back(acc, t.dtype, list_ops.element_shape_vector(t.shape))
        self.pops.append((acc, rest))
        return value


class _Backward:
    """The backward loop of one forward While op, built once; each gradient call adds a
    backward While op fed with that call's output gradients."""

    def __init__(self, op):
        body = op.get_attr("body")
        n_user = op.get_attr("num_user")
        self.user = [k for k in range(2, 2 + n_user) if differentiable(body.inputs[k])
                     and body.inputs[k].dtype is not dtypes.resource]
        captured = list(range(2 + n_user, len(body.inputs)))
        specs = [(dtypes.int32, SCALAR)] * 2 + [(body.inputs[k].dtype, body.inputs[k].shape)
                                                for k in self.user]

        def differentiate(placeholders):
            dys = placeholders[2:]
            grads = backprop(body.graph.get_operations(), [body.outputs[k] for k in self.user],
                             [body.inputs[k] for k in self.user + captured], dys)
            return grads[:len(dys)], grads[len(dys):]

        graph, placeholders, (g_user, g_captured) = trace(
            op.name + "_grad_body", differentiate, specs,
            lambda name, outer: _BackwardBody(name, outer, op))
        self.captured = [(k, g) for k, g in zip(captured, g_captured) if g is not None]
        with graph.as_default():
            counter, n = placeholders[:2]
            next_dys = [zeros_for(d) if g is None else g for d, g in zip(placeholders[2:], g_user)]
            sums = [array_ops.placeholder(g.dtype, g.shape if body.inputs[k].dtype
                                          is dtypes.resource else body.inputs[k].shape)
                    for k, g in self.captured]
            next_sums = [arithmetic_ops.add_n([s, g]) for s, (_, g) in zip(sums, self.captured)]
            next_counter = counter + 1
        self.sums = sums
        self.invariants = [t for t, _ in graph.captures]
        captures = [p for _, p in graph.captures]
        accs = [p for p, _ in graph.pops]
        inputs = placeholders + sums + accs + captures
        self.body = GraphFunction(graph, inputs, [next_counter, n] + next_dys + next_sums +
                                  [rest for _, rest in graph.pops] + captures)
        _BACKWARD_BODIES.add(self.body)
        cond_graph, cond_inputs, pred = trace(
            op.name + "_grad_cond", lambda p: comparison_ops.less(p[0], p[1]),
            [(t.dtype, t.shape) for t in inputs])
        self.cond = GraphFunction(cond_graph, cond_inputs, [pred])
        self.accumulators = _add_accumulators(op, graph.pushes)

    def gradients(self, op, dys):
        grads = [None] * len(op.inputs)
        if not self.user and not self.captured:
            return grads
        dy = [zeros_for(op.outputs[k]) if dys[k] is None else dys[k] for k in self.user]
        sums = [zeros_for(op.inputs[k], like=s) for s, (k, _) in zip(self.sums, self.captured)]
        start = convert_to_tensor(np.int32(0), name="grad_counter")
        outs = build(self.cond, self.body, [start, op.outputs[0]] + dy + sums +
                     self.accumulators + self.invariants, 0, name="while_grad")
        outs = iter(outs[2:])
        for k in self.user:
            grads[k] = array_ops.identity(next(outs))
        for k, _ in self.captured:
            g = next(outs)
            if dys[k] is not None:  # the loop's output of a captured value is that value
                g = arithmetic_ops.add_n([g, dys[k]])
            grads[k] = array_ops.identity(g)
        return grads


def _add_accumulators(op, pushes):
    """Makes forward loop `op` also push the values in `pushes` each iteration; returns the
    op's outputs holding the filled lists."""
    if not pushes:
        return []
    cond, body = op.get_attr("cond"), op.get_attr("body")
    with cond.graph.as_default():
        ignored = [array_ops.placeholder(dtypes.variant, SCALAR) for _ in pushes]
    with op.graph.as_default(), op.graph.control_dependencies(None):
        empty = [list_ops.empty(dtypes.float32, name="accumulator") for _ in pushes]
    op._set_attr("cond", GraphFunction(cond.graph, cond.inputs + ignored, cond.outputs))
    op._set_attr("body", GraphFunction(body.graph, body.inputs + [p for p, _ in pushes],
                                       body.outputs + [pushed for _, pushed in pushes]))
    op._add_inputs(empty)
    op._add_outputs([(dtypes.variant, SCALAR)] * len(pushes))
    return op.outputs[-len(pushes):]


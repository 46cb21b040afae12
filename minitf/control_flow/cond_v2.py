"""The branch ops, `If`/`StatelessIf` (chosen by a predicate) and `Case`/`StatelessCase` (by an
index), and their gradient.

An op holds one GraphFunction per branch as attrs; its inputs are the selector, then the values
the branches captured (the same list for every branch). The kernel runs the chosen branch. The
`Stateless` ops are used when no branch touches state; the others always run in a function.

The gradient is the same op choosing among the branches' gradients, as in TensorFlow. Each
branch's gradient is built by the one backprop walk in a graph of its own; the forward values it
captures are either the op's inputs or intermediates of the branch, which become extra outputs
of the forward op (the branch that made one gives it, the others give a dummy zero, never read).
So nothing of a branch runs twice: random draws and variable updates inside happen once.
"""
import weakref

import numpy as np

from ..autodiff.backprop import backprop
from ..framework import dtypes
from ..framework.shapes import TensorShape
from ..ops import array_ops, list_ops
from ..ops.registry import convert_to_tensor, execute, register
from .graph_function import GraphFunction, trace, truth, zeros_for

_KINDS = {"If": ("If", "StatelessIf"), "Case": ("Case", "StatelessCase")}


def _if_kernel(pred, *inputs, then_branch, else_branch):
    return (then_branch if truth(pred) else else_branch).run(inputs)


def _case_kernel(index, *inputs, branches):
    i = int(index)
    return branches[i if 0 <= i < len(branches) else -1].run(inputs)


def branches_of(op):
    if op.type in _KINDS["If"]:
        return [op.get_attr("then_branch"), op.get_attr("else_branch")]
    return list(op.get_attr("branches"))


def _attrs(kind, fns):
    if kind == "If":
        return {"then_branch": fns[0], "else_branch": fns[1]}
    return {"branches": list(fns)}


def merged_shape(shapes):
    """The most specific shape that all of `shapes` fit."""
    s = shapes[0]
    for t in shapes[1:]:
        if s.rank is None or t.rank is None or s.rank != t.rank:
            return TensorShape(None)
        s = TensorShape([a if a == b else None for a, b in zip(s.as_list(), t.as_list())])
    return s


def _infer(inputs, **attrs):
    fns = [attrs["then_branch"], attrs["else_branch"]] if "then_branch" in attrs \
        else attrs["branches"]
    return [(outs[0].dtype, merged_shape([t.shape for t in outs]))
            for outs in zip(*[f.outputs for f in fns])]


for _kind, _kernel, _selector in (("If", _if_kernel, "cond: any"),
                                  ("Case", _case_kernel, "branch_index: int32")):
    for _type, _writes in zip(_KINDS[_kind], (True, False)):
        register(_type, _selector + ", input: N*any", _kernel, _infer,
                 lambda op, *dys: _branch_grad(op, dys), multi=True, writes=_writes,
                 none_for_unused=True)


def build(kind, selector, fns, inputs, name):
    """Adds the `kind` ("If" or "Case") op choosing among GraphFunctions `fns`, all taking
    `inputs`; returns its outputs."""
    stateful, stateless = _KINDS[kind]
    op_type = stateful if any(f.stateful for f in fns) else stateless
    return execute(op_type, [selector, list(inputs)], _attrs(kind, fns), name=name)


# -- the gradient -----------------------------------------------------------------------------
_GRADIENTS = weakref.WeakKeyDictionary()  # op -> {which outputs have gradients: the pieces}


def _branch_grad(op, dys):
    kind = "If" if op.type in _KINDS["If"] else "Case"
    mask = tuple(d is not None for d in dys)
    built = _GRADIENTS.setdefault(op, {})
    if mask not in built:
        built[mask] = _differentiate(op, mask)
    fns, outer, needed = built[mask]
    if not any(needed):
        return [None] * len(op.inputs)
    grads = build(kind, op.inputs[0], fns, outer + [d for d in dys if d is not None],
                  name=op.type)
    grads = iter([array_ops.identity(g) for g in grads])
    return [None] + [next(grads) if n else None for n in needed]


def _differentiate(op, mask):
    """The gradient functions of `op`'s branches for the outputs in `mask`, the outside
    tensors they take (then the output gradients), and which inputs get a gradient."""
    branches = branches_of(op)
    traced = [trace("%s_grad_%d" % (op.name, i), _gradient_of(b, mask), [])
              for i, b in enumerate(branches)]
    graphs = [g for g, _, _ in traced]
    seeds = [s for _, _, (s, _) in traced]
    grads = [list(g) for _, _, (_, g) in traced]
    n = len(op.inputs) - 1
    needed = [any(g[k] is not None for g in grads) for k in range(n)]
    if not any(needed):
        return None, None, needed
    for b, graph, g in zip(branches, graphs, grads):
        like = [next((h[k] for h in grads if h[k] is not None), None) for k in range(n)]
        with graph.as_default():
            for k in range(n):
                if needed[k] and g[k] is None:
                    g[k] = zeros_for(b.inputs[k], like[k])
    outer, places = _forward_values(op, branches, graphs)
    fns = [GraphFunction(graph, p + s, [x for x, k in zip(g, needed) if k])
           for graph, p, s, g in zip(graphs, places, seeds, grads)]
    return fns, outer, needed


def _gradient_of(branch, mask):
    def fn(_):
        targets = [t for t, m in zip(branch.outputs, mask) if m]
        seeds = [array_ops.placeholder(t.dtype, t.shape) for t in targets]
        return seeds, backprop(branch.graph.get_operations(), targets, branch.inputs, seeds)
    return fn


def _forward_values(op, branches, graphs):
    """What the gradient graphs captured, as tensors of the forward op's graph: its inputs, or
    new outputs for the branches' intermediates. Returns those tensors and, per gradient
    graph, its placeholder for each."""
    inputs = {id(p): op.inputs[1 + k] for b in branches for k, p in enumerate(b.inputs)}
    slots = []  # (branch index, intermediate)
    for i, (b, graph) in enumerate(zip(branches, graphs)):
        for t, _ in graph.captures:
            if id(t) not in inputs and t.graph is b.graph:
                slots.append((i, t))
    if slots:
        _add_intermediates(op, branches, slots)
    first = len(op.outputs) - len(slots)
    for s, (_, t) in enumerate(slots):
        inputs[id(t)] = op.outputs[first + s]
    outer, seen, places = [], set(), []
    for graph in graphs:
        for t, _ in graph.captures:
            u = inputs.get(id(t), t)
            if id(u) not in seen:
                seen.add(id(u))
                outer.append(u)
    for graph in graphs:
        mine = {id(inputs.get(id(t), t)): p for t, p in graph.captures}
        with graph.as_default():
            places.append([mine[id(u)] if id(u) in mine else
                           array_ops.placeholder(u.dtype, u.shape) for u in outer])
    return outer, places


def _add_intermediates(op, branches, slots):
    """Makes every branch of `op` also output the intermediates in `slots`."""
    fns = []
    for i, b in enumerate(branches):
        with b.graph.as_default():
            extra = [t if i == j else _dummy(t) for j, t in slots]
        fns.append(GraphFunction(b.graph, b.inputs, b.outputs + extra))
    kind = "If" if op.type in _KINDS["If"] else "Case"
    for name, value in _attrs(kind, fns).items():
        op._set_attr(name, value)
    op._add_outputs([(t.dtype, t.shape) for _, t in slots])


def _dummy(t):
    """A stand-in for an intermediate that another branch makes; it is never read."""
    if t.dtype is dtypes.variant:
        return list_ops.empty(dtypes.float32)
    return convert_to_tensor(np.zeros((), t.dtype.np))

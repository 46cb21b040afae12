"""The one reverse-mode walk, shared by `gradients` (graphs) and `GradientTape` (tapes).

`backprop` takes nodes in topological order: graph Operations or tape records. Both have
`op_def`, `inputs`, `outputs` and `get_attr`; their tensors are known by `_id`. It calls each
node's registered gradient (written with minitf ops, so it builds graph ops or computes eagerly,
whichever mode is current) only for the nodes on a path from a source to a target, telling it
which inputs need a gradient (`op.needs`, set on the node just before); it sums the gradients
that fan in to a tensor, frees each as soon as it is passed on, and gives integer, boolean and
string tensors no gradient.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.tensor import EagerTensor, SymbolicTensor
from ..ops import arithmetic_ops, fill_ops

# What gets a gradient, by dtype name (a name hashes faster than a DType): floating and complex
# tensors, a variable's handle (the gradient of its reads) and a TensorList (variant: a list of
# gradients of its items).
_DIFFERENTIABLE = frozenset(d.name for d in dtypes._ALL if d.is_floating or d.is_complex) | {
    "resource", "variant"}


def differentiable(t):
    return t.dtype.name in _DIFFERENTIABLE


def backprop(nodes, targets, sources, seeds, zeros_like=None, scope=None, stop=()):
    """Gradients of sum(target * seed) with respect to each source.

    Args:
      nodes: the recorded computation, in topological order: a list that the walk empties (so
        that a tape's records, and what they hold, go as soon as they are differentiated).
      targets, seeds: the tensors to differentiate, and the gradient flowing into each.
      sources: the tensors to differentiate with respect to.
      zeros_like: if given, one object per source (tensor or variable) whose zeros are returned
        for a source that no target depends on; otherwise such a source gets None.
      scope: if given, `scope(node)` is a context manager entered around each node's gradient
        (graph mode uses it to name gradient ops after the op they differentiate).
      stop: tensors treated as constants: their gradients are not passed on to what made them
        (they may still be sources).

    Returns:
      One gradient (a tensor, or None) per source.
    """
    eagerly = executing_eagerly()
    wanted = {s._id for s in sources}
    live = set(wanted)  # the tensors that depend on a source
    for node in nodes:
        for t in node.inputs:
            if t._id in live:
                for o in node.outputs:
                    if o._dtype.name in _DIFFERENTIABLE:
                        live.add(o._id)
                break
    grads = {}
    for t, seed in zip(targets, seeds):
        if t._id in live:
            grads.setdefault(t._id, []).append(seed)
    stopped = {t._id for t in stop}
    while nodes and grads:
        node = nodes.pop()
        grad_fn = node.op_def.grad
        if grad_fn is None:
            continue
        outputs = node.outputs
        if len(outputs) == 1:  # the common case, in short
            o = outputs[0]._id
            if o not in grads or o in stopped:
                continue
            reached = None
        else:
            reached = [t._id in grads and t._id not in stopped for t in outputs]
            if True not in reached:
                continue
        on_path = tuple([t._id in live and t._dtype.name in _DIFFERENTIABLE
                         for t in node.inputs])
        if True not in on_path:
            continue
        # Eagerly a gradient computes only what is needed. In a graph it also builds the
        # gradients of the differentiable inputs before the last needed one, as TensorFlow
        # does, so that the gradient ops keep TensorFlow's names (`MatMul_1` for the second
        # input's product); a plan leaves out what no fetch needs.
        if eagerly:
            node.needs = on_path
        else:
            last = len(on_path) - on_path[::-1].index(True)
            node.needs = tuple([i < last and t._dtype.name in _DIFFERENTIABLE
                                for i, t in enumerate(node.inputs)])
        if reached is None:  # one output: its gradient, in short (see `_output_grads`)
            gs = grads.pop(o)
            dy = gs[0] if len(gs) == 1 else arithmetic_ops.add_n(gs)
            if o in wanted:
                grads[o] = [dy]
            dys = (dy,)
        else:
            dys = _output_grads(node, reached, grads, wanted)
        if scope is None:
            dxs = grad_fn(node, *dys)
        else:
            with scope(node):
                dxs = grad_fn(node, *dys)
        for x, dx, n in zip(node.inputs, dxs, on_path):
            if n and dx is not None:
                grads.setdefault(x._id, []).append(dx)
    out = []
    for i, s in enumerate(sources):
        g = grads.get(s._id)
        if g is not None:
            out.append(_total(g, s))
        elif zeros_like is not None:
            out.append(fill_ops.zeros_like(zeros_like[i]))
        else:
            out.append(None)
    return out


def _output_grads(node, reached, grads, wanted):
    """The gradient reaching each output of `node` (taken out of `grads`, unless the output is
    itself a source): summed, zeros where none came, or None if the op's gradient wants that.
    `reached` tells which outputs got one. (The walk does the same in short for a node of one
    output.)"""
    dys = []
    for t, r in zip(node.outputs, reached):
        gs = grads.pop(t._id) if r else None
        if gs is None and node.op_def.none_for_unused:
            dys.append(None)
            continue
        dy = _total(gs, t)
        if t._id in wanted:
            grads[t._id] = [dy]
        dys.append(dy)
    return dys


def _total(gs, t):
    """The sum of the gradients reaching `t`; zeros for an unused output of a multi-output op
    (eagerly, numeric zeros are made at once: `zeros_like` of 1,000 or more runs a Fill op)."""
    if gs is None:
        if not isinstance(t, SymbolicTensor) and t.dtype.np.kind in "biufc":
            return EagerTensor(np.zeros(t.shape.as_list(), t.dtype.np), t.dtype)
        return fill_ops.zeros_like(t)
    return gs[0] if len(gs) == 1 else arithmetic_ops.add_n(gs)

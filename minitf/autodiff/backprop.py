"""The one reverse-mode walk, shared by `gradients` (graphs) and `GradientTape` (tapes).

`backprop` takes nodes in topological order: graph Operations or tape records. Both have
`op_def`, `inputs`, `outputs` and `get_attr`. It calls each node's registered gradient (written
with minitf ops, so it builds graph ops or computes eagerly, whichever mode is current), sums the
gradients that fan in to a tensor, and gives integer, boolean and string tensors no gradient.
"""
import contextlib

from ..framework import dtypes
from ..ops import arithmetic_ops, fill_ops


def differentiable(t):
    # A variable's handle gets the gradient of its reads, a TensorList (variant) a list of
    # gradients of its items.
    return t.dtype.is_floating or t.dtype.is_complex or t.dtype is dtypes.resource or \
        t.dtype is dtypes.variant


def backprop(nodes, targets, sources, seeds, zeros_like=None, scope=None, stop=()):
    """Gradients of sum(target * seed) with respect to each source.

    Args:
      nodes: the recorded computation, in topological order.
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
    live = {id(s) for s in sources}
    for node in nodes:
        if any(id(t) in live for t in node.inputs):
            live.update(id(t) for t in node.outputs if differentiable(t))
    grads = {}
    for t, seed in zip(targets, seeds):
        if id(t) in live:
            grads.setdefault(id(t), []).append(seed)
    stopped = {id(t) for t in stop}
    for node in reversed(nodes):
        grad_fn = node.op_def.grad
        reached = [id(t) in grads and id(t) not in stopped for t in node.outputs]
        if grad_fn is None or not any(reached):
            continue
        if not any(id(t) in live for t in node.inputs):
            continue
        with scope(node) if scope else contextlib.nullcontext():
            dys = []
            for t, r in zip(node.outputs, reached):
                gs = grads.get(id(t)) if r else None
                if gs is None and node.op_def.none_for_unused:
                    dys.append(None)
                    continue
                dy = _total(gs, t)
                if gs:
                    grads[id(t)] = [dy]
                dys.append(dy)
            dxs = grad_fn(node, *dys)
        for x, dx in zip(node.inputs, dxs):
            if dx is not None and id(x) in live and differentiable(x):
                grads.setdefault(id(x), []).append(dx)
    out = []
    for i, s in enumerate(sources):
        g = grads.get(id(s))
        if g is not None:
            out.append(_total(g, s))
        elif zeros_like is not None:
            out.append(fill_ops.zeros_like(zeros_like[i]))
        else:
            out.append(None)
    return out


def _total(gs, t):
    """The sum of the gradients reaching `t`; zeros for an unused output of a multi-output op."""
    if gs is None:
        return fill_ops.zeros_like(t)
    return gs[0] if len(gs) == 1 else arithmetic_ops.add_n(gs)

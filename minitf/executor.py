"""Plan: the one graph executor, used by `Session.run` and by traced functions.

A plan is compiled once per (fetches, feeds): it keeps the operations the fetches need (stopping
at fed tensors), in creation order (a topological order), as a flat list of kernel calls over
numbered slots. Constants and variable handles are computed at compile time; each intermediate
slot is freed right after its last use. A run that changes variables is a transaction: if any
kernel raises, every variable it wrote gets its old value back.
"""
import functools

import numpy as np

from .framework.errors import InvalidArgumentError, OpError
from .framework.resource import transaction
from .framework.shapes import dims_str
from .ops.kernels import numpy_silenced


class Plan:
    """Compiled work for `fetches` (tensors or operations) given values for `feeds`.

    `state(op)` returns the per-run-context state of stateful ops (a Session's variable cells).
    """

    def __init__(self, fetches, feeds, state):
        fed = {id(t): i for i, t in enumerate(feeds)}  # a tensor fed twice takes the last
        ops = _needed_ops(fetches, fed)
        slot = dict(fed)
        n = len(feeds)
        for op in ops:
            for t in op.outputs:
                if id(t) not in fed:
                    slot[id(t)] = n
                    n += 1
        trash = n  # where outputs that are fed instead of computed go
        template = [None] * (trash + 1)
        steps, writes = [], False
        for op in ops:
            op_def = op.op_def
            if op.type == "Placeholder":
                raise InvalidArgumentError(
                    None, op, "You must feed a value for placeholder tensor '%s' with dtype %s%s"
                    % (op.name, op.get_attr("dtype").name, _shape_note(op.get_attr("shape"))))
            fn = op_def.kernel
            if op_def.make_state is not None:
                fn = functools.partial(fn, state(op))
            if op.attrs:
                fn = functools.partial(fn, **op.attrs)
            outs = [trash if id(t) in fed else slot[id(t)] for t in op.outputs]
            if op_def.hoist:
                value = fn()
                if isinstance(value, np.ndarray):
                    value.flags.writeable = False
                template[outs[0]] = value
                continue
            writes = writes or op_def.writes
            out = None if not outs else outs if op_def.multi else outs[0]
            steps.append([fn, [slot[id(t)] for t in op.inputs], out, [], op])
        self._fetch_slots = [slot[id(f)] if hasattr(f, "value_index") else None for f in fetches]
        _add_frees(steps, set(s for s in self._fetch_slots if s is not None))
        self._steps = [tuple(s) for s in steps]
        self._template = template
        self._feed_count = len(feeds)
        self._writes = writes

    def run(self, feed_values):
        """Runs the plan; returns one value per fetch (None for an operation)."""
        vals = self._template[:]
        vals[:self._feed_count] = feed_values
        with numpy_silenced:
            if self._writes:
                with transaction():
                    self._loop(vals)
            else:
                self._loop(vals)
        return [None if s is None else vals[s] for s in self._fetch_slots]

    def _loop(self, vals):
        step = None
        try:
            for step in self._steps:
                fn, ins, out, frees, _ = step
                r = fn(*[vals[i] for i in ins])
                if type(out) is int:
                    vals[out] = r
                elif out is not None:
                    for s, v in zip(out, r):
                        vals[s] = v
                for s in frees:
                    vals[s] = None
        except Exception as e:
            op = step[4]
            cls = type(e) if isinstance(e, OpError) else InvalidArgumentError
            message = e.message if isinstance(e, OpError) else str(e)
            raise cls(None, op, "%s\n\t [[{{node %s}}]]" % (message, op.name)) from None

    @property
    def num_kernel_calls(self):
        return len(self._steps)


def _shape_note(shape):
    return "" if shape.rank is None else " and shape %s" % dims_str(shape)


def _needed_ops(fetches, fed):
    """The operations that must run to compute `fetches`, in creation order."""
    seen, stack = {}, []
    for f in fetches:
        if hasattr(f, "value_index"):
            if id(f) not in fed:
                stack.append(f.op)
        else:
            stack.append(f)
    while stack:
        op = stack.pop()
        if id(op) in seen:
            continue
        seen[id(op)] = op
        stack.extend(t.op for t in op.inputs if id(t) not in fed)
        stack.extend(op.control_inputs)
    return sorted(seen.values(), key=lambda op: op._id)


def _add_frees(steps, keep):
    """Marks each slot to be freed after the step that uses it last (or makes it, if unused)."""
    last = {}
    for k, (_, ins, out, _, _) in enumerate(steps):
        made = [out] if type(out) is int else (out or [])
        for s in list(ins) + made:
            last[s] = k
    for s, k in last.items():
        if s not in keep:
            steps[k][3].append(s)

"""Plan: the one graph executor, used by `Session.run` and by traced functions.

A plan is compiled once per (fetches, feeds): it keeps the operations the fetches need (stopping
at fed tensors), in creation order (a topological order; ops that read only a shape move up to
right after their input), as a flat list of kernel calls over numbered slots. Constants, variable
handles and small values of pure ops on constants alone are computed at compile time; each
intermediate slot is freed right after its last use. A run that changes variables is a transaction: if any
kernel raises, every variable it wrote gets its old value back.
"""
import functools
import gc

import numpy as np

from .framework.errors import InvalidArgumentError, OpError
from .framework.resource import transaction
from .framework.shapes import dims_str
from .ops.kernels import restore_numpy, silence_numpy


class Plan:
    """Compiled work for `fetches` (tensors or operations) given values for `feeds`.

    `state(op)` returns the per-run-context state of stateful ops (a Session's variable cells).
    """

    def __init__(self, fetches, feeds, state):
        # Compiling makes many objects that all live as long as the plan and no garbage:
        # Python's cycle collector, passing again and again over a growing heap, would only
        # make a large plan cost more per operation than a small one.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._compile(fetches, feeds, state)
        finally:
            if collecting:
                gc.enable()

    def _compile(self, fetches, feeds, state):
        fed = {t._id: i for i, t in enumerate(feeds)}  # a tensor fed twice takes the last
        ops = _schedule(_needed_ops(fetches, fed), fed)
        slot = dict(fed)
        n = len(feeds)
        for op in ops:
            for t in op.outputs:
                if t._id not in fed:
                    slot[t._id] = n
                    n += 1
        trash = n  # where outputs that are fed instead of computed go
        template = [None] * (trash + 1)
        known = set()  # the slots whose values the template holds (constants, folded values)
        steps, writes = [], False
        for op in ops:
            op_def = op.op_def
            if op.type == "Placeholder":
                raise InvalidArgumentError(
                    None, op, "You must feed a value for placeholder tensor '%s' with dtype %s%s"
                    % (op.name, op.get_attr("dtype").name, _shape_note(op.get_attr("shape"))))
            # The kernel itself, without the wrappers that silence numpy (`quiet`) or hold the
            # write lock (`exclusive`): a run does both once for all its kernels.
            fn = getattr(op_def.kernel, "plan_kernel", op_def.kernel)
            if op_def.make_state is not None:
                fn = functools.partial(fn, state(op))
            if op.attrs:
                fn = functools.partial(fn, **op.attrs)
            outs = [trash if t._id in fed else slot[t._id] for t in op.outputs]
            ins = tuple([slot[t._id] for t in op.inputs])
            value = fn() if op_def.hoist else _folded(op, fn, ins, known, template)
            if op_def.hoist or value is not None:
                if isinstance(value, np.ndarray):
                    value.flags.writeable = False
                template[outs[0]] = value
                known.add(outs[0])
                continue
            writes = writes or op_def.writes
            out = None if not outs else outs if op_def.multi else outs[0]
            steps.append((fn, ins, out, op))
        self._fetch_slots = [slot[f._id] if hasattr(f, "value_index") else None for f in fetches]
        frees = _frees(steps, set(s for s in self._fetch_slots if s is not None))
        # Per step: kernel, arity, first and second input slots, all input slots, output
        # slot(s), the slots to free after it (None for none) and the op.
        self._steps = [(fn, len(ins), ins[0] if ins else 0, ins[1] if len(ins) > 1 else 0, ins,
                        out, free or None, op)
                       for (fn, ins, out, op), free in zip(steps, frees)]
        self._template = template
        self._feed_count = len(feeds)
        self._writes = writes

    def run(self, feed_values):
        """Runs the plan; returns one value per fetch (None for an operation)."""
        vals = self._template[:]
        vals[:self._feed_count] = feed_values
        token = silence_numpy()
        try:
            if self._writes:
                with transaction():
                    self._loop(vals)
            else:
                self._loop(vals)
        finally:
            restore_numpy(token)
        return [None if s is None else vals[s] for s in self._fetch_slots]

    def _loop(self, vals):
        step = None
        try:
            for step in self._steps:
                fn, n, a, b, ins, out, frees, _ = step
                if n == 2:  # the common arities spelled out: this loop is the run's overhead
                    r = fn(vals[a], vals[b])
                elif n == 1:
                    r = fn(vals[a])
                else:
                    r = fn(*[vals[i] for i in ins])
                if type(out) is int:
                    vals[out] = r
                elif out is not None:
                    for s, v in zip(out, r):
                        vals[s] = v
                if frees:
                    for s in frees:
                        vals[s] = None
        except Exception as e:
            op = step[-1]
            cls = type(e) if isinstance(e, OpError) else InvalidArgumentError
            message = e.message if isinstance(e, OpError) else str(e)
            raise cls(None, op, "%s\n\t [[{{node %s}}]]" % (message, op.name)) from None

    @property
    def num_kernel_calls(self):
        return len(self._steps)


def _shape_note(shape):
    return "" if shape.rank is None else " and shape %s" % dims_str(shape)


def _needed_ops(fetches, fed):
    """The operations that must run to compute `fetches`, in creation order (all are of one
    graph, where an operation's `_id` is its place in that order)."""
    seen, stack = {}, []
    for f in fetches:
        if hasattr(f, "value_index"):
            if f._id not in fed:
                stack.append(f._op)
        else:
            stack.append(f)
    while stack:
        op = stack.pop()
        if op._id in seen:
            continue
        seen[op._id] = op
        for t in op.inputs:
            if t._id not in fed:
                stack.append(t._op)
        stack.extend(op._control_inputs)
    return [seen[k] for k in sorted(seen)]


# Ops computed once, when compiling, when all their inputs are known then (constants, or
# values folded themselves): pure functions of their inputs, which gradients build on
# constants (the count of a mean, the scale of a square's gradient broadcast to a shape).
_FOLDABLE = frozenset(("AddV2", "BroadcastTo", "Cast", "ExpandDims", "Fill", "Maximum", "Mul",
                       "Neg", "OnesLike", "Pack", "Prod", "Range", "RealDiv", "Reshape", "Shape",
                       "Size", "Sub", "ZerosLike"))
_MAX_FOLDED = 1 << 20  # bytes: a larger value is computed in each run rather than kept


def _folded(op, fn, ins, known, template):
    """The value of `op` computed now, when it may be folded (its static shape tells that its
    value is small) and its inputs are known; None otherwise, or when its kernel fails (the
    run then reports the error as it would)."""
    if op.type not in _FOLDABLE or op._control_inputs or not all(i in known for i in ins):
        return None
    out = op.outputs[0]
    size = out.shape.num_elements()
    if size is None or size * out.dtype.size > _MAX_FOLDED:
        return None
    token = silence_numpy()
    try:
        return fn(*[template[i] for i in ins])
    except Exception:  # noqa: BLE001 - the run will raise it, in its place
        return None
    finally:
        restore_numpy(token)


# Ops whose kernels read only the shape of their one input and cannot fail.
_SHAPE_ONLY = frozenset(("Shape", "Size", "Rank"))


def _schedule(ops, fed):
    """`ops` (in creation order) in the order a run computes them: as created, except that an
    op that reads only the shape of its input runs right after that input is made, so that
    the input need not be kept for it (gradients of ops on a batch of unknown size read
    the shapes of large intermediate values at the end of a step)."""
    early, order = {}, []  # early: the op making an input -> the shape-only ops reading it
    for op in ops:
        if op.type in _SHAPE_ONLY and not op._control_inputs:
            t = op.inputs[0]
            early.setdefault(None if t._id in fed else t._op._id, []).append(op)

    def place(op):
        order.append(op)
        for reader in early.pop(op._id, ()):
            place(reader)

    for op in early.pop(None, ()):
        place(op)
    for op in ops:
        if not (op.type in _SHAPE_ONLY and not op._control_inputs):
            place(op)
    return order


def _frees(steps, keep):
    """Per step, the slots to free after it: those it uses last (or makes, if unused)."""
    last = {}
    for k, (_, ins, out, _) in enumerate(steps):
        for s in ins:
            last[s] = k
        if type(out) is int:
            last[out] = k
        elif out:
            for s in out:
                last[s] = k
    frees = [[] for _ in steps]
    for s, k in last.items():
        if s not in keep:
            frees[k].append(s)
    return [tuple(f) for f in frees]

"""GradientTape: records the ops that involve watched tensors, then differentiates them.

In eager mode each recorded op is a small record (op_def, inputs, outputs, attrs); while a graph
is being built the tape records the graph's Operations instead. Either way `gradient` hands the
records to the one backprop walk. Only ops with a watched input are recorded, and their outputs
become watched in turn, so a tape holds just the computation between sources and targets.
"""
import contextlib
import enum
import warnings

import numpy as np

from .. import nest
from ..framework.context import ctx, executing_eagerly
from ..framework.graph import get_default_graph
from ..framework.shapes import TensorShape, dim_at
from ..framework.tensor import EagerTensor, Tensor
from ..ops import array_ops, fill_ops, join_ops
from ..ops.registry import convert_to_tensor
from .backprop import backprop, differentiable


class UnconnectedGradients(enum.Enum):
    """What `gradient` returns for a source that the target does not depend on."""
    NONE = "none"
    ZERO = "zero"


class _Record:
    """One eagerly run op, as the tape keeps it; shaped like a graph Operation for backprop.

    Its inputs and outputs are the tensors themselves where the op's gradient reads their values
    (`OpDef.grad_uses`), and `_Shell`s (id, dtype and shape only) where it does not, so that the
    tape holds no array that no gradient needs. `needs` is set by the backprop walk.
    """

    __slots__ = ("op_def", "inputs", "outputs", "attrs", "needs")

    def __init__(self, op_def, inputs, outputs, attrs):
        self.op_def = op_def
        self.inputs = inputs
        self.outputs = outputs
        self.attrs = attrs

    type = property(lambda self: self.op_def.type)

    def get_attr(self, name):
        return self.attrs[name]


class _Shell(Tensor):
    """A recorded tensor without its value: what a gradient that reads only shapes needs."""

    __slots__ = ("_id", "_dtype", "_dims")

    def __init__(self, t):
        self._id = t._id
        self._dtype = t._dtype
        self._dims = t._value.shape

    dtype = property(lambda self: self._dtype)
    shape = property(lambda self: TensorShape.from_tuple(self._dims))


def _kept(op_def, inputs, outputs, watched):
    """The inputs and outputs of a recorded op as its gradient needs them, given which inputs
    are watched: a floating tensor whose value the gradient does not read becomes a shell;
    others (integers and booleans: axes, shapes, indices, conditions) are always kept.

    `watched` maps the `_id` of each tensor the tape follows to its shell, once it has one, so
    that a recorded output read by later ops is shelled once, not once per record."""
    uses = op_def.grad_uses
    if uses == "inputs and outputs":
        return inputs, outputs
    if uses == "inputs":
        ins = inputs
    elif uses == "other inputs":
        count = 0
        for t in inputs:
            if t._id in watched:
                count += 1
        # kept where another input needs one
        ins = tuple([t if count > (t._id in watched) or not t._dtype.is_floating else
                     watched.get(t._id) or _Shell(t) for t in inputs])
    else:
        ins = tuple([(watched.get(t._id) or _Shell(t)) if t._dtype.is_floating else t
                     for t in inputs])
    if uses == "outputs":
        return ins, outputs
    outs = []
    for t in outputs:
        if t._dtype.is_floating:
            t = watched[t._id] = _Shell(t)
        outs.append(t)
    return ins, outs


class GradientTape:
    """Records operations so that gradients can be computed with `gradient`.

    Args:
      persistent: allow more than one `gradient` call (the records are kept until the tape is
        deleted).
      watch_accessed_variables: watch every trainable variable read while recording.

    >>> x = minitf.constant(3.0)
    >>> with minitf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = x * x
    >>> tape.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._recording = False
        self.reset()

    def __enter__(self):
        ctx.tapes.append(self)
        self._recording = True
        return self

    def __exit__(self, *exc):
        self._recording = False
        ctx.tapes.remove(self)

    def reset(self):
        """Forgets everything recorded so far (the tape keeps recording if it is active)."""
        self._records = []
        # `_id`s of what records depend on (watched tensors and variable handles, recorded
        # outputs; each with its shell, or None), and of the tensors passed to `watch`
        self._watched, self._sources = {}, set()
        self._variables = []

    @contextlib.contextmanager
    def stop_recording(self):
        """A context in which ops are not recorded on this tape."""
        if not self._recording:
            raise ValueError("Tape.stop_recording() can only be used while the tape is recording.")
        self._recording = False
        try:
            yield
        finally:
            self._recording = True

    def watch(self, tensor):
        """Records operations on `tensor` (a tensor, variable, or a nesting of them)."""
        for t in nest.flatten(tensor):
            if hasattr(t, "handle"):
                self._watch_variable(t)
                continue
            if not isinstance(t, Tensor):
                raise ValueError("Passed in object %r of type %r, not tf.Tensor or tf.Variable."
                                 % (t, type(t).__name__))
            if not differentiable(t):
                warnings.warn("The dtype of the watched tensor must be floating (e.g. "
                              "tf.float32), got %r" % (t.dtype,), stacklevel=2)
            self._watched.setdefault(t._id, None)
            self._sources.add(t._id)

    def watched_variables(self):
        """The variables watched so far, in the order they were first watched."""
        return tuple(self._variables)

    def _watch_variable(self, variable):
        handle = variable._current_handle()
        if handle._id not in self._watched:
            self._variables.append(variable)
            self._watched[handle._id] = None

    def variable_accessed(self, variable):
        """Called when `variable` is read: watches it if this tape watches what is accessed."""
        if self._recording and self._watch_accessed_variables and variable.trainable:
            self._watch_variable(variable)

    def _record_eager(self, op_def, inputs, outputs, attrs):
        if not self._recording:
            return
        watched = self._watched
        for t in inputs:
            if t._id in watched:
                ins, outs = _kept(op_def, inputs, outputs, watched)
                self._records.append(_Record(op_def, ins, outs, attrs))
                for o in outputs:
                    watched.setdefault(o._id, None)
                return

    def _record_op(self, op):
        if self._recording and any(t._id in self._watched for t in op.inputs):
            self._records.append(op)
            self._watched.update((t._id, None) for t in op.outputs)

    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        """The gradient of `target` (a tensor or a nesting, whose parts are summed) with respect
        to `sources` (tensors or variables, in any nesting; the result has the same nesting).

        Args:
          output_gradients: gradients flowing into each target (default: ones).
          unconnected_gradients: `UnconnectedGradients.NONE` ("none") gives None for a source
            the target does not depend on, `ZERO` ("zero") gives zeros.

        Raises:
          RuntimeError: on a second call on a non-persistent tape.
        """
        if self._records is None:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one "
                               "set of gradients (or jacobians)")
        zero = unconnected_gradients is UnconnectedGradients.ZERO or \
            unconnected_gradients is not UnconnectedGradients.NONE and \
            UnconnectedGradients(unconnected_gradients) is UnconnectedGradients.ZERO
        if type(target) is EagerTensor and executing_eagerly():  # one target, in short
            targets = [target]
        else:
            targets = [self._as_target(t) for t in nest.flatten(target)]
        if output_gradients is None:
            seeds = [_ones_like(t) for t in targets]
        else:
            seeds = [_seed(g, t) for g, t in zip(nest.flatten(output_gradients), targets)]
        kept = [_is_float(t, "target") for t in targets]
        if False in kept:
            targets = [t for t, k in zip(targets, kept) if k]
            seeds = [s for s, k in zip(seeds, kept) if k]
        all_sources = nest.flatten(sources)
        flat_sources = [s for s in all_sources if _is_float(s, "source")]
        # Only what the tape watched, or computed from what it watched, gets a gradient: an
        # unwatched constant is unconnected even when it fed a recorded op.
        watched = self._watched
        live, keys = [], []
        for s in flat_sources:
            key = _key(s)
            if key._id in watched:
                live.append(s)
                keys.append(key)
        # A persistent tape goes on recording while it differentiates, so that it can
        # differentiate its own gradients; a non-persistent one is released afterwards.
        was_recording = self._recording
        self._recording = self._recording and self._persistent
        if self._persistent:
            records = list(self._records)
        else:  # the walk frees each record once differentiated
            records, self._records, self._watched = self._records, None, None
        try:
            with graph_gradient_scope("gradient_tape") as scope:
                grads = backprop(records, targets, keys, seeds, live if zero else None, scope)
                by_id = {id(s): g for s, g in zip(live, grads)}
                if zero:
                    by_id.update((id(s), fill_ops.zeros_like(s)) for s in flat_sources
                                 if id(s) not in by_id)
        finally:
            self._recording = was_recording and self._persistent
        return nest.pack_sequence_as(sources, [by_id.get(id(s)) for s in all_sources])

    def _as_target(self, target):
        """A target as a tensor; a variable is read on this tape, so that the gradient of a
        variable with respect to itself is one, as in TensorFlow."""
        if type(target) is EagerTensor and executing_eagerly():
            return target  # what convert_to_tensor gives it, in short
        if not hasattr(target, "handle"):
            return convert_to_tensor(target)
        tapes, ctx.tapes = ctx.tapes, [self]
        recording, self._recording = self._recording, True
        try:
            return target._read()
        finally:
            ctx.tapes, self._recording = tapes, recording

    def jacobian(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
                 parallel_iterations=None, experimental_use_pfor=True):
        """d target[i...] / d source[j...] for every element: for each source a tensor of shape
        `target.shape + source.shape` (None, or zeros, where unconnected).

        >>> x = minitf.constant([1.0, 2.0])
        >>> with minitf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = x * x
        >>> tape.jacobian(y, x).numpy()
        array([[2., 0.],
               [0., 4.]], dtype=float32)
        """
        target = convert_to_tensor(target)
        n = _known_size(target.shape, "target")
        seeds = [np.eye(n, dtype=target.dtype.np)[i].reshape(target.shape.as_list())
                 for i in range(n)]
        return self._stacked(target, sources, seeds, 0, unconnected_gradients,
                             lambda s: target.shape.as_list() + s.shape.as_list())

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        """The Jacobian of each example: d target[b, i...] / d source[b, j...], of shape
        `[batch] + target.shape[1:] + source.shape[1:]`; examples must not depend on each other.

        Raises:
          ValueError: if target and source differ in their first (batch) dimension.
        """
        target = convert_to_tensor(target)
        tb, sb = dim_at(target.shape, 0), dim_at(source.shape, 0)
        if tb is None or sb is None or tb != sb:
            raise ValueError("Need first dimension of target shape (%s) and source shape (%s) "
                             "to match." % (target.shape, source.shape))
        per_example = _known_size(target.shape[1:], "target")
        seeds = [np.tile(np.eye(per_example, dtype=target.dtype.np)[i], (tb, 1))
                 .reshape(target.shape.as_list()) for i in range(per_example)]
        jacobian = self._stacked(target, source, seeds, 1, unconnected_gradients,
                                 lambda s: target.shape.as_list() + s.shape.as_list()[1:])
        if jacobian is None:  # as TensorFlow's: zeros for a source the target does not use
            return fill_ops.zeros(target.shape.as_list() + source.shape.as_list()[1:],
                                  target.dtype)
        return jacobian

    def _stacked(self, target, sources, seeds, axis, unconnected_gradients, shape_of):
        """Gradients for each seed, stacked along `axis` per source and reshaped."""
        persistent, self._persistent = self._persistent, True
        try:
            rows = [nest.flatten(self.gradient(target, sources, output_gradients=s,
                                               unconnected_gradients=unconnected_gradients))
                    for s in seeds]
        finally:
            self._persistent = persistent
        if not persistent:
            self._records = self._watched = None
        out = []
        for j, s in enumerate(nest.flatten(sources)):
            column = [row[j] for row in rows]
            out.append(None if column[0] is None else
                       array_ops.reshape(join_ops.stack(column, axis=axis), shape_of(s)))
        return nest.pack_sequence_as(sources, out)


def _known_size(shape, what):
    n = shape.num_elements()
    if n is None:
        raise ValueError("The %s's shape must be fully known to compute a Jacobian; got %s."
                         % (what, shape))
    return n


def _key(source):
    """What a source is known by on the tape: a variable by its handle, a tensor by itself."""
    return source._current_handle() if hasattr(source, "handle") else source


def _ones_like(t):
    """The default seed of a target: ones of its shape and dtype (made at once, eagerly)."""
    if type(t) is EagerTensor:  # a scalar loss (the common case) is one np.array call
        v = t._value
        return EagerTensor(np.array(1, v.dtype) if v.ndim == 0 else np.ones_like(v), t._dtype)
    return fill_ops.ones_like(t)


def _seed(gradient, target):
    seed = convert_to_tensor(gradient, dtype=target.dtype)
    if not seed.shape.is_compatible_with(target.shape):
        raise ValueError("An output gradient of shape %s does not fit its target %s, of shape %s."
                         % (seed.shape, target, target.shape))
    return seed


def _is_float(x, what):
    if x.dtype.is_floating or x.dtype.is_complex:
        return True
    warnings.warn("The dtype of the %s tensor must be floating (e.g. tf.float32) when calling "
                  "GradientTape.gradient, got %r" % (what, x.dtype), stacklevel=3)
    return False


_EAGERLY = contextlib.nullcontext()  # yields None


def graph_gradient_scope(name, suffix=""):
    """In a graph: a name scope `name` for the gradient ops, and per node a sub-scope named after
    the op it differentiates (plus `suffix`); yields that per-node scope function (None when
    executing eagerly)."""
    if executing_eagerly():
        return _EAGERLY
    return _node_scopes(get_default_graph(), name, suffix)


@contextlib.contextmanager
def _node_scopes(g, name, suffix):
    with g.name_scope(name):
        yield lambda node: g.name_scope(node.name + suffix)

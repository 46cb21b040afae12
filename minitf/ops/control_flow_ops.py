"""Ops that run only for their effects: `no_op`, `group`, and `control_dependencies`.

In a graph, `control_dependencies(ops)` makes every op created inside wait for `ops`; in eager
mode ops already run in program order, so it does nothing.
"""
import contextlib

from ..framework.context import executing_eagerly
from ..framework.graph import get_default_graph
from .array_ops import identity
from .registry import execute, register

register("NoOp", "", lambda: None, lambda inputs: [], None)


def no_op(name=None):
    """An op that does nothing; in a graph, a node to hang control dependencies on."""
    return execute("NoOp", [], name=name or "NoOp")


def control_dependencies(control_inputs):
    """A context in which new graph ops run only after `control_inputs` (ops or tensors).

    >>> with minitf.Graph().as_default():
    ...     a = minitf.constant(1)
    ...     with minitf.control_dependencies([a]):
    ...         b = minitf.identity(a)
    >>> b.op.control_inputs
    [<tf.Operation 'Const' type=Const>]
    """
    if executing_eagerly():
        return contextlib.nullcontext()
    return get_default_graph().control_dependencies(control_inputs)


_SEQUENCES = (list, tuple)  # saved: this module defines its own `tuple`


def _flatten(items):
    for x in items:
        if isinstance(x, _SEQUENCES):
            yield from _flatten(x)
        elif x is not None:
            yield x


def group(*inputs, name=None):
    """One op that runs all of `inputs` (ops or tensors, possibly in lists); None when eager.

    >>> with minitf.Graph().as_default():
    ...     g = minitf.group(minitf.constant(1), minitf.constant(2))
    >>> g.name, [op.name for op in g.control_inputs]
    ('group_deps', ['Const', 'Const_1'])
    """
    if executing_eagerly():
        return None
    with control_dependencies(list(_flatten(inputs))):
        return no_op(name=name or "group_deps")


def tuple(tensors, name=None, control_inputs=None):  # noqa: A001 - TensorFlow's name
    """The `tensors`, each through an identity that waits for all of them (and
    `control_inputs`): reading any one of them means all were computed."""
    if executing_eagerly():
        return list(tensors)
    gate = group(*[t for t in tensors if t is not None], *(control_inputs or []),
                 name=name or "tuple")
    with control_dependencies([gate]):
        return [None if t is None else identity(t) for t in tensors]

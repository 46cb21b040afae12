"""Variable ops: the handle, reads, assignments and the initialized check.

A handle's value is a `Ref` (see `framework/resource.py`): in eager mode the Variable's own, in a
graph the one that each Session keeps for the handle op. Reading passes gradients straight to
the handle, which is how gradients reach variables in both modes.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.resource import Ref, exclusive
from ..framework.shapes import SCALAR
from .registry import register


def _handle_kernel(ref, dtype, shape, shared_name):
    return ref


register("VarHandleOp", "", _handle_kernel,
         lambda inputs, **_: [(dtypes.resource, SCALAR)], None, hoist=True,
         make_state=lambda op: Ref(op.get_attr("shared_name")))
register("ReadVariableOp", "resource: resource", lambda ref, dtype, shape: ref.read(),
         lambda inputs, dtype, shape: [(dtype, shape)], lambda op, dy: [dy], grad_uses="none")
register("VarIsInitializedOp", "resource: resource",
         lambda ref: np.array(ref.value is not None),
         lambda inputs: [(dtypes.bool, SCALAR)], None)


def _checked(ref, value):
    old = ref.value
    if old is not None and old.shape != value.shape:
        raise InvalidArgumentError(None, None, "Trying to assign to variable %s a value of shape "
                                   "%s; the variable has shape %s."
                                   % (ref.name, list(value.shape), list(old.shape)))
    return value


def _assign(ref, value):
    ref.assign(_checked(ref, value))


def _assign_add(ref, value):
    ref.assign(_checked(ref, ref.read() + value))


def _assign_sub(ref, value):
    ref.assign(_checked(ref, ref.read() - value))


for _type, _kernel in (("AssignVariableOp", _assign), ("AssignAddVariableOp", _assign_add),
                       ("AssignSubVariableOp", _assign_sub)):
    register(_type, "resource: resource, value: T", exclusive(_kernel), lambda inputs: [], None,
             writes=True)

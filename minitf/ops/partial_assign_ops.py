"""Writes to part of a variable, each a stateful op on the variable's handle: the assignment of
a slice (`v[0, 1:].assign(x)`, ResourceStridedSliceAssign) and the scatters by position
(ResourceScatterNdUpdate/Add/Sub: the last dimension of `indices` is a position in the
variable) and by row (ResourceScatterUpdate/Add/Sub: each index is a row of the first
dimension). The Variable methods that build them are in `variables.py`.

Each kernel checks everything before it writes, then replaces the value of the variable's `Ref`
with a new array, so that a failing write changes nothing and a Session run stays atomic. Adds
and subtracts accumulate at repeated positions; an update at a repeated position keeps the last.
"""
import numpy as np

from ..framework.shapes import TensorShape, dims_str
from .registry import register
from .scatter_ops import nd_key
from .strided_slice_ops import concrete_key, slice_shape


def _dims(shape):
    return dims_str(TensorShape(list(shape)))


def _no_outputs(inputs, **_):
    return []


# -- a slice ----------------------------------------------------------------------------------
def _slice_assign_kernel(ref, *bounds_and_value, key):
    *bounds, value = bounds_and_value
    old = ref.read()
    key = concrete_key(key, bounds)
    slice_shape(TensorShape(old.shape), key)  # the checks of reading the slice
    target = old[key].shape
    if not np.prod(target):  # nothing to write: any value will do
        return
    try:
        value = np.broadcast_to(value, target)
    except ValueError:
        raise ValueError("Cannot broadcast input shape %s into final shape %s"
                         % (_dims(value.shape), _dims(target))) from None
    new = old.copy()
    new[key] = value
    ref.assign(new)


register("ResourceStridedSliceAssign", "ref: resource, bounds: N*index, value: T",
         _slice_assign_kernel, _no_outputs, None, writes=True)


# -- by position ------------------------------------------------------------------------------
def check_nd_updates(var, indices, updates):
    """ValueError unless `updates` (a shape) fits positions `indices` (a shape) of a variable of
    shape `var`: updates = indices[:-1] + var[indices[-1]:] (in TensorFlow's order of checks and
    words). Dims may be None (unknown)."""
    if None in (var, indices, updates) or indices[-1] is None:
        return
    k = indices[-1] if len(indices) > 1 else 1
    outer = max(len(indices) - 1, 1)

    def prefix(counts=""):
        return ValueError("Dimensions [0,%d) of indices[shape=%s]%s must match dimensions [0,%d) "
                          "of updates[shape=%s]%s" % (outer, _dims(indices), counts and
                                                      " = %s" % counts[0], outer,
                                                      _dims(updates), counts and
                                                      " = %s" % counts[1]))
    suffix = ValueError("Dimensions [%d,%d) of input[shape=%s] must match dimensions [%d,%d) of "
                        "updates[shape=%s]" % (k, len(var), _dims(var), k, len(updates),
                                               _dims(updates)))
    if indices and updates and None not in (indices[0], updates[0]) and \
            indices[0] != updates[0]:
        raise prefix((indices[0], updates[0]))
    if len(updates) < outer:
        raise prefix()
    if len(updates) != outer + len(var) - k:
        raise suffix
    if not _agree(indices[:outer], updates[:outer]):
        raise prefix()
    if not _agree(var[k:], updates[outer:]):
        raise suffix


def _agree(a, b):
    return len(a) == len(b) and all(None in (x, y) or x == y for x, y in zip(a, b))


def _nd_kernel(combine):
    def kernel(ref, indices, updates):
        old = ref.read()
        check_nd_updates(list(old.shape), list(indices.shape), list(updates.shape))
        new = old.copy()
        combine(new, nd_key(indices, old.shape), updates)
        ref.assign(new)
    return kernel


def _set(out, key, updates):
    out[key] = updates


_UPDATES = "resource: resource, indices: index, updates: T"
for _type, _combine in (("ResourceScatterNdUpdate", _set), ("ResourceScatterNdAdd", np.add.at),
                        ("ResourceScatterNdSub", np.subtract.at)):
    register(_type, _UPDATES, _nd_kernel(_combine), _no_outputs, None, writes=True)


# -- by row -----------------------------------------------------------------------------------
def check_row_updates(var, indices, updates, building=False):
    """ValueError unless `updates` (a shape) is indices + var[1:] or a scalar."""
    if None in (var, indices, updates) or not updates:
        return
    if building and len(updates) != len(indices) + len(var) - 1:
        raise ValueError("Shapes must be equal rank, but are %d and %d"
                         % (len(updates), len(indices) + len(var) - 1))
    if not _agree(updates, indices + var[1:]):
        raise ValueError("Must have updates.shape = indices.shape + params.shape[1:] or "
                         "updates.shape = [], got updates.shape %s, indices.shape %s, "
                         "params.shape %s" % (_dims(updates), _dims(indices), _dims(var)))


def _row_kernel(combine):
    def kernel(ref, indices, updates):
        old = ref.read()
        check_row_updates(list(old.shape), list(indices.shape), list(updates.shape))
        bad = np.argwhere((indices < 0) | (indices >= len(old)))
        if bad.size:
            raise ValueError("indices[%s] = %d is not in [0, %d)" % (
                ",".join(map(str, bad[0])), indices[tuple(bad[0])], len(old)))
        new = old.copy()
        combine(new, indices, np.broadcast_to(updates, indices.shape + old.shape[1:]))
        ref.assign(new)
    return kernel


for _type, _combine in (("ResourceScatterUpdate", _set), ("ResourceScatterAdd", np.add.at),
                        ("ResourceScatterSub", np.subtract.at)):
    register(_type, _UPDATES, _row_kernel(_combine), _no_outputs, None, writes=True)

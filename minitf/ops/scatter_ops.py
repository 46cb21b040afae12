"""Scatters into a copy of a tensor: TensorScatterUpdate, TensorScatterAdd and TensorScatterSub,
with the functions tensor_scatter_nd_update/add/sub. (scatter_nd, which scatters into zeros,
is in indexing_ops with gather_nd.)

The last dimension of `indices` is a position in the tensor (k of its leading dimensions);
`updates` has shape indices.shape[:-1] + tensor.shape[k:]. Positions are checked. Adds and
subtracts accumulate at repeated positions; an update at a repeated position keeps the last one.
"""
import numpy as np

from ..framework.shapes import TensorShape, dim_list, dims_str
from .arithmetic_ops import negative
from .fill_ops import zeros_like
from .indexing_ops import gather_nd
from .registry import execute, register


def nd_key(indices, shape):
    """`indices` as a numpy index tuple into `shape`, checked."""
    k = indices.shape[-1]
    if k > len(shape):
        raise ValueError("Inner dimension of indices (%d) must be <= the rank of the tensor "
                         "(%d)" % (k, len(shape)))
    bad = np.any((indices < 0) | (indices >= np.array(shape[:k], indices.dtype)), axis=-1)
    if bad.any():
        at = np.argwhere(bad)[0]
        raise ValueError("indices[%s] = [%s] does not index into shape %s"
                         % (",".join(map(str, at)), ", ".join(map(str, indices[tuple(at)])),
                            dims_str(TensorShape(list(shape)))))
    return tuple(np.moveaxis(indices, -1, 0))


def _check_updates(t, i, u):
    """ValueError unless `updates` dims `u` fit tensor dims `t` and indices dims `i` (lists
    that may hold None; None for an unknown rank)."""
    if None in (t, i, u) or i[-1] is None:
        return
    outer, inner = i[:-1], t[i[-1]:]
    if len(u) != len(outer) + len(inner) or any(
            None not in (a, b) and a != b for a, b in zip(outer + inner, u)):
        raise ValueError("Outer dimensions of indices and update must match, and the inner "
                         "dimensions of update must match those of the tensor. Indices shape: "
                         "%s, updates shape: %s, tensor shape: %s"
                         % tuple(dims_str(TensorShape(d)) for d in (i, u, t)))


def _kernel(combine):
    def kernel(tensor, indices, updates):
        _check_updates(list(tensor.shape), list(indices.shape), list(updates.shape))
        out = tensor.copy()
        combine(out, nd_key(indices, tensor.shape), updates)
        return out
    return kernel


def _set(out, key, updates):
    out[key] = updates


def _infer(inputs):
    t, i, u = (dim_list(x.shape) for x in inputs)
    _check_updates(t, i, u)
    return [(inputs[0].dtype, inputs[0].shape)]


_INPUTS = "tensor: T, indices: index, updates: T"
register("TensorScatterUpdate", _INPUTS, _kernel(_set), _infer,
         lambda op, dy: [execute("TensorScatterUpdate",
                                 [dy, op.inputs[1], zeros_like(op.inputs[2])]),
                         None, gather_nd(dy, op.inputs[1])])
register("TensorScatterAdd", _INPUTS, _kernel(np.add.at), _infer,
         lambda op, dy: [dy, None, gather_nd(dy, op.inputs[1])])
register("TensorScatterSub", _INPUTS, _kernel(np.subtract.at), _infer,
         lambda op, dy: [dy, None, negative(gather_nd(dy, op.inputs[1]))])


def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """A copy of `tensor` with the slices at `indices` replaced by `updates`.

    Args:
      tensor: the tensor to copy.
      indices: an int tensor whose last dimension is a position in `tensor`.
      updates: the new values, of shape indices.shape[:-1] + tensor.shape[k:] where k is
        indices.shape[-1].

    Raises:
      ValueError: if the shapes do not fit (InvalidArgumentError when executing eagerly, where
        a position outside `tensor` is one too).

    >>> minitf.tensor_scatter_nd_update([1.0, 2.0, 3.0], [[0], [2]], [7.0, 9.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([7., 2., 9.], dtype=float32)>
    """
    return execute("TensorScatterUpdate", [tensor, indices, updates],
                   name=name or "TensorScatterUpdate")


def tensor_scatter_nd_add(tensor, indices, updates, name=None):
    """A copy of `tensor` with `updates` added at `indices` (repeated positions add up); the
    arguments are those of `tensor_scatter_nd_update`.

    >>> minitf.tensor_scatter_nd_add([1.0, 2.0], [[1], [1]], [3.0, 4.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 9.], dtype=float32)>
    """
    return execute("TensorScatterAdd", [tensor, indices, updates],
                   name=name or "TensorScatterAdd")


def tensor_scatter_nd_sub(tensor, indices, updates, name=None):
    """A copy of `tensor` with `updates` subtracted at `indices`; the arguments are those of
    `tensor_scatter_nd_update`.

    >>> minitf.tensor_scatter_nd_sub([1.0, 2.0], [[0]], [3.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-2.,  2.], dtype=float32)>
    """
    return execute("TensorScatterSub", [tensor, indices, updates],
                   name=name or "TensorScatterSub")

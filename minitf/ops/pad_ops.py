"""Ops that cut a block out of a tensor and put a border around one: slice and pad.

Each op's kernel, shape rule and gradient stand together below its banner. They are each
other's gradient: slice's is a pad with zeros, pad's a slice (mirror padding folds the mirrored
entries back first, with MirrorPadGrad).
"""
import builtins

import numpy as np

from ..framework.shapes import TensorShape, dim_at, dims_str
from ..framework.tensor import Tensor
from .array_ops import shape
from .constant_folding import constant_value, known_values
from .join_ops import stack
from .registry import execute, register
from .shape_rules import shaped_like
from .strided_slice_ops import strided_slice


# -- slice ------------------------------------------------------------------------------------
def _slice_shape(s, begin_shape, size_shape, begin, size):
    """The shape of `slice(x, begin, size)` for x of shape `s`, from the shapes and values of
    begin and size (None, or None entries, when unknown); raises for a block that does not lie
    inside x."""
    r = s.rank
    if r is not None and not all(t.is_compatible_with([r]) for t in (begin_shape, size_shape)):
        raise ValueError("Expected begin and size arguments to be 1-D tensors of size %d, but "
                         "got shapes %s and %s instead."
                         % (r, dims_str(begin_shape), dims_str(size_shape)))
    if size is None:
        n = r if r is not None else dim_at(size_shape, 0)
        return TensorShape(None if n is None else [None] * n)
    dims = s.as_list() if r is not None else [None] * len(size)
    out = []
    for i, (d, lo, k) in enumerate(zip(dims, begin or [None] * len(size), size)):
        if None not in (d, lo) and not 0 <= lo <= d:
            raise ValueError("Expected begin[%d] in [0, %d], but got %d" % (i, d, lo))
        if k == -1:
            k = None if None in (d, lo) else d - lo
        if None not in (d, lo, k) and not 0 <= k <= d - lo:
            raise ValueError("Expected size[%d] in [0, %d], but got %d" % (i, d - lo, k))
        out.append(k)
    return TensorShape(out)


def _slice_kernel(x, begin, size):
    b = np.ravel(begin).tolist()
    out = _slice_shape(TensorShape(x.shape), TensorShape(np.shape(begin)),
                       TensorShape(np.shape(size)), b, np.ravel(size).tolist())
    return x[tuple(builtins.slice(lo, lo + k) for lo, k in zip(b, out.as_list()))]


def _slice_infer(inputs):
    x, begin, size = inputs
    return [(x.dtype, _slice_shape(x.shape, begin.shape, size.shape, known_values(begin),
                                   known_values(size)))]


def _slice_grad(op, dy):
    x, begin, _ = op.inputs
    after = shape(x, out_type=begin.dtype) - begin - shape(dy, out_type=begin.dtype)
    return [shaped_like(pad(dy, stack([begin, after], axis=1)), x), None, None]


register("Slice", "input: T, begin: index, size: index", _slice_kernel, _slice_infer,
         _slice_grad)


def slice(input_, begin, size, name=None):  # noqa: A001 - TensorFlow's name
    """The block of `input_` that starts at index `begin` and has shape `size` (a size of -1
    takes the rest of that dimension).

    Raises:
      InvalidArgumentError: if the block does not lie inside `input_`.

    >>> minitf.slice(minitf.constant([[1, 2, 3], [4, 5, 6]]), [0, 1], [-1, 1])
    <tf.Tensor: shape=(2, 1), dtype=int32, numpy=
    array([[2],
           [5]], dtype=int32)>
    """
    return execute("Slice", [input_, begin, size], name=name or "Slice")


# -- pad --------------------------------------------------------------------------------------
def _pad_shape(s, paddings_shape, paddings, mode="CONSTANT"):
    """The shape of x of shape `s` padded by `paddings` (None when unknown), whose shape is
    `paddings_shape`; raises for paddings that do not fit x."""
    r, n = s.rank, dim_at(paddings_shape, 0)
    if not paddings_shape.is_compatible_with([r, 2]):
        raise ValueError("The first dimension of paddings must be the rank of inputs%s %s"
                         % (dims_str(paddings_shape), dims_str(s)))
    r = n if r is None else r
    if r is None:
        return TensorShape(None)
    dims = s.as_list() if s.rank is not None else [None] * r
    if paddings is None:
        return TensorShape([None] * r)
    for (lo, hi), d in zip(paddings, dims):
        if lo < 0 or hi < 0:
            raise ValueError("Paddings must be non-negative: %d %d" % (lo, hi))
        if mode == "REFLECT" and d is not None and max(lo, hi) >= d:
            raise ValueError("paddings must be less than the dimension size: %d, %d not less "
                             "than %d" % (lo, hi, d))
        if mode == "SYMMETRIC" and d is not None and max(lo, hi) > d:
            raise ValueError("paddings must be no greater than the dimension size: %d, %d "
                             "greater than %d" % (lo, hi, d))
    return TensorShape([None if d is None else d + lo + hi for d, (lo, hi) in zip(dims, paddings)])


def _pad_kernel(x, paddings, constant_values=0, mode="CONSTANT"):
    p = np.asarray(paddings).tolist()
    _pad_shape(TensorShape(x.shape), TensorShape(np.shape(paddings)), p, mode)
    if mode == "CONSTANT":
        return np.pad(x, p, constant_values=constant_values)
    return np.pad(x, p, mode=mode.lower())


def _pad_infer(inputs, mode="CONSTANT"):
    x, paddings = inputs[:2]
    p = constant_value(paddings)
    return [(x.dtype, _pad_shape(x.shape, paddings.shape, None if p is None else p.tolist(),
                                 mode))]


def _pad_grad(op, dy):
    x, paddings = op.inputs[:2]
    dx = slice(dy, strided_slice(paddings, (builtins.slice(None), 0)), shape(x))
    return [dx] + [None] * (len(op.inputs) - 1)


def _mirror_pad_grad_kernel(dy, paddings, mode):
    """dy with each padded entry added onto the entry of the input that it mirrors."""
    g, shift = dy, 1 if mode == "REFLECT" else 0
    for axis, (lo, hi) in enumerate(np.asarray(paddings).tolist()):
        m = np.moveaxis(g, axis, 0)
        n = m.shape[0] - lo - hi
        core = m[lo:lo + n].copy()
        np.add.at(core, lo - 1 + shift - np.arange(lo), m[:lo])
        np.add.at(core, n - 1 - shift - np.arange(hi), m[lo + n:])
        g = np.moveaxis(core, 0, axis)
    return g


def _mirror_pad_grad_infer(inputs, mode):
    dy, paddings = inputs
    p = constant_value(paddings)
    if dy.shape.rank is None or p is None:
        return [(dy.dtype, TensorShape(None if dy.shape.rank is None else [None] * dy.shape.rank))]
    return [(dy.dtype, TensorShape([None if d is None else d - int(lo) - int(hi)
                                    for d, (lo, hi) in zip(dy.shape.as_list(), p)]))]


register("Pad", "input: T, paddings: index", _pad_kernel, _pad_infer, _pad_grad)
register("PadV2", "input: T, paddings: index, constant_values: T", _pad_kernel, _pad_infer,
         _pad_grad)
register("MirrorPad", "input: T, paddings: index",
         lambda x, paddings, mode: _pad_kernel(x, paddings, mode=mode), _pad_infer,
         lambda op, dy: [execute("MirrorPadGrad", [dy, op.inputs[1]],
                                 {"mode": op.get_attr("mode")}), None])
register("MirrorPadGrad", "input: T, paddings: index", _mirror_pad_grad_kernel,
         _mirror_pad_grad_infer,
         lambda op, ddx: [execute("MirrorPad", [ddx, op.inputs[1]],
                                  {"mode": op.get_attr("mode")}), None])


def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    """`tensor` padded with `paddings[i] = [before, after]` entries on each side of dimension i.

    Args:
      tensor: the tensor to pad.
      paddings: an int tensor of shape [rank, 2].
      mode: "CONSTANT" (fill with `constant_values`), "REFLECT" (mirror without the edge) or
        "SYMMETRIC" (mirror with the edge); case-insensitive.
      constant_values: the fill value in "CONSTANT" mode.
      name: the op name.

    Raises:
      ValueError: for an unknown `mode`.
      InvalidArgumentError: for paddings of the wrong shape, negative, or (mirroring) larger
        than the dimension.

    >>> minitf.pad(minitf.constant([[1, 2, 3]]), [[0, 0], [2, 1]], "REFLECT")
    <tf.Tensor: shape=(1, 6), dtype=int32, numpy=array([[3, 2, 1, 2, 3, 2]], dtype=int32)>
    """
    mode = mode.upper()
    if mode == "CONSTANT":
        if not isinstance(constant_values, Tensor) and np.ndim(constant_values) == 0 and \
                constant_values == 0:
            return execute("Pad", [tensor, paddings], name=name or "Pad")
        return execute("PadV2", [tensor, paddings, constant_values], name=name or "PadV2")
    if mode in ("REFLECT", "SYMMETRIC"):
        return execute("MirrorPad", [tensor, paddings], {"mode": mode}, name=name or "MirrorPad")
    raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or '
                     '"SYMMETRIC". Received `mode` = %s' % mode)


def pad_v1(tensor, paddings, mode="CONSTANT", name=None, constant_values=0):
    """TensorFlow 1.x's `pad` (its `name` comes before `constant_values`)."""
    return pad(tensor, paddings, mode, constant_values, name)

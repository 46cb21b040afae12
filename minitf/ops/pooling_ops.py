"""Pooling over height and width of NHWC data: MaxPool and AvgPool, their gradient ops
(MaxPoolGrad, MaxPoolGradGrad, AvgPoolGrad, as TensorFlow names them), and the functions
max_pool2d/max_pool and avg_pool2d/avg_pool in their 2.x and 1.x forms.

Max pooling sends each window's gradient to the first maximum in the window (row by row), as
TensorFlow's CPU kernel does; padding never wins. Average pooling divides by the number of
real (not padded) inputs in each window. The ops are each other's gradients, so second
derivatives work.
"""
import functools

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, UnimplementedError
from ..framework.shapes import TensorShape
from .constant_folding import constant_shape
from .conv_ops import check_data_format, padding_attrs, rank4, sequence
from .fill_ops import zeros_like
from .registry import convert_to_tensor, execute, register
from .shape_rules import shape_of
from .window_ops import Window, add_at

POOL_TYPES = set(dtypes.NUMBERS)
AVG_TYPES = set(dtypes.FLOATS)
ATTRS = ("ksize", "strides", "padding", "data_format")


def _window(hw, ksize, strides, padding, explicit_paddings=(), data_format="NHWC"):
    if ksize[0] != 1 or strides[0] != 1:
        raise UnimplementedError(None, None, "Pooling is not yet supported on the batch "
                                 "dimension.")
    if ksize[3] != 1 or strides[3] != 1:
        raise UnimplementedError(None, None, "minitf pools over height and width only, not "
                                 "across depth.")
    return Window(hw, ksize[1:3], strides[1:3], (1, 1), padding, explicit_paddings)


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _checked_rank(x):
    if x.ndim != 4:
        raise InvalidArgumentError(None, None, "Input must be 4 or 5-dimensional")
    return x


def _max_pool(x, **attrs):
    win = _window(_checked_rank(x).shape[1:3], **attrs)
    xp = win.pad(x, _lowest(x.dtype))
    first, *rest = win.taps()
    y = xp[first].copy()
    for index in rest:
        np.maximum(y, xp[index], out=y)
    return y


def _first_maxima(x, y, win):
    """Per tap, where it holds its window's maximum y and no earlier tap does (the tap that
    TensorFlow's CPU kernel gives the gradient to)."""
    xp = win.pad(x, _lowest(x.dtype))
    taken = np.zeros(y.shape, bool)
    for index in win.taps():
        hit = (xp[index] == y) & ~taken
        taken |= hit
        yield hit


def _tiled_max_pool_grad(x, y, dy, win):
    """MaxPoolGrad when the windows tile the input (strides == window size, no padding) and dy
    is finite, on `x` seen as (N, out_h, k_h, W, C) with y and dy repeated along the width, so
    that numpy works on rows of W * C numbers: each tap that holds its window's maximum gets a
    rank (higher for earlier taps), and the highest rank of each window takes the gradient.
    None otherwise; the result is the general path's, signed zeros included."""
    (oh, ow), (kh, kw) = win.out, win.size
    if win.strides != win.size or (oh * kh, ow * kw) != win.input_hw \
            or (dy.dtype.kind == "f" and not np.isfinite(dy).all()):
        return None
    n, w, c = x.shape[0], ow * kw, x.shape[3]

    def widen(v):  # (N, out_h, 1, W, C): each window's value repeated along its width
        return np.repeat(v, kw, axis=2)[:, :, None]

    hit = x.reshape(n, oh, kh, w, c) == widen(y)
    taps = kh * kw
    rank = np.arange(taps, 0, -1, dtype=np.uint8 if taps < 256 else np.int64)
    ranks = hit * np.broadcast_to(rank.reshape(kh, 1, kw, 1), (kh, ow, kw, c)).reshape(kh, w, c)
    best = functools.reduce(np.maximum, ranks.transpose(2, 0, 1, 3, 4))  # over the rows
    best = best.reshape(n, oh, ow, kw, c).transpose(3, 0, 1, 2, 4)
    best = functools.reduce(np.maximum, best)  # and the columns of each window
    first = ranks == widen(best)
    first &= hit
    dx = first * widen(dy)
    if dx.dtype.kind == "f":
        dx += 0  # no negative zeros, as the general path's sums of zeros
    return dx.reshape(x.shape)


def _max_pool_grad(x, y, dy, **attrs):
    win = _window(x.shape[1:3], **attrs)
    tiled = _tiled_max_pool_grad(x, y, dy, win)
    if tiled is not None:
        return tiled
    dxp = np.zeros(win.pad(x).shape, dy.dtype)
    for hit, index in zip(_first_maxima(x, y, win), win.taps()):
        add_at(dxp, index, np.where(hit, dy, 0))
    return win.unpad(dxp)


def _max_pool_grad_grad(x, y, ddx, **attrs):
    win = _window(x.shape[1:3], **attrs)
    ddp = win.pad(ddx)
    out = np.zeros(y.shape, ddx.dtype)
    for hit, index in zip(_first_maxima(x, y, win), win.taps()):
        out = np.where(hit, ddp[index], out)
    return out


def _window_counts(win):
    """How many real inputs each window of `win` covers, as (1, out_h, out_w, 1)."""
    ones = win.pad(np.ones((1,) + win.input_hw + (1,)))
    return sum(ones[index] for index in win.taps())


def _avg_pool(x, **attrs):
    win = _window(_checked_rank(x).shape[1:3], **attrs)
    xp = win.pad(x)
    first, *rest = win.taps()
    total = xp[first].copy()
    for index in rest:
        total += xp[index]
    return (total / _window_counts(win)).astype(x.dtype, copy=False)


def _avg_pool_grad(input_shape, dy, **attrs):
    win = _window(tuple(int(d) for d in input_shape[1:3]), **attrs)
    share = (dy / _window_counts(win)).astype(dy.dtype, copy=False)
    return win.fold(np.broadcast_to(share, (win.num_taps,) + share.shape))


def _pooled_dims(dims, ksize, strides, padding, explicit_paddings=(), data_format="NHWC"):
    try:
        win = Window(dims[1:3], ksize[1:3], strides[1:3], (1, 1), padding, explicit_paddings)
    except InvalidArgumentError:
        n, k = next((n, k) for n, k in zip(dims[1:3], ksize[1:3]) if n is not None and n < k)
        raise ValueError("Negative dimension size caused by subtracting %d from %d"
                         % (k, n)) from None
    return [dims[0]] + list(win.out) + [dims[3]]


def _pool_infer(inputs, **attrs):
    x = inputs[0]
    return [(x.dtype, TensorShape(_pooled_dims(rank4(x.shape), **attrs)))]


def _as_input(position):
    """The shape rule of an op whose output has the shape of its input `position`."""
    return lambda inputs, **_: [(inputs[-1].dtype, inputs[position].shape)]


def _avg_grad_infer(inputs, **_):
    s = constant_shape(inputs[0])
    return [(inputs[1].dtype, TensorShape(rank4(s)) if s.rank is not None
             else TensorShape([None] * 4))]


def _attrs(op, with_explicit=True):
    attrs = {k: op.get_attr(k) for k in ATTRS}
    if with_explicit:
        attrs["explicit_paddings"] = op.get_attr("explicit_paddings")
    return attrs


def _max_pool_gradient(op, dy):
    return [execute("MaxPoolGrad", [op.inputs[0], op.outputs[0], dy], _attrs(op))]


def _max_pool_grad_gradient(op, dd):
    x, y, g = op.inputs
    return [zeros_like(x), zeros_like(y), execute("MaxPoolGradGrad", [x, y, dd], _attrs(op))]


def _max_pool_grad_grad_gradient(op, dd):
    x, y, g = op.inputs
    return [zeros_like(x), zeros_like(y), execute("MaxPoolGrad", [x, y, dd], _attrs(op))]


register("MaxPool", "input: T", _max_pool, _pool_infer, _max_pool_gradient,
         types={"T": POOL_TYPES})
register("MaxPoolGrad", "orig_input: T, orig_output: T, grad: T", _max_pool_grad,
         _as_input(0), _max_pool_grad_gradient, types={"T": POOL_TYPES})
register("MaxPoolGradGrad", "orig_input: T, orig_output: T, grad: T", _max_pool_grad_grad,
         _as_input(1), _max_pool_grad_grad_gradient, types={"T": POOL_TYPES})
register("AvgPool", "value: T", _avg_pool, _pool_infer,
         lambda op, dy: [execute("AvgPoolGrad", [shape_of(op.inputs[0]), dy],
                                 _attrs(op, False))], types={"T": AVG_TYPES})
register("AvgPoolGrad", "orig_input_shape: int32, grad: T", _avg_pool_grad, _avg_grad_infer,
         lambda op, dd: [None, execute("AvgPool", [dd], _attrs(op, False))],
         types={"T": AVG_TYPES})


# -- the functions ----------------------------------------------------------------------------
def _pool(op_type, input, ksize, strides, padding, data_format, name):
    check_data_format(data_format)
    padding, explicit = padding_attrs(padding)
    attrs = {"ksize": sequence(ksize, 2, "ksize"), "strides": sequence(strides, 2, "strides"),
             "padding": padding, "data_format": data_format}
    if op_type == "MaxPool":
        attrs["explicit_paddings"] = explicit
    elif padding == "EXPLICIT":
        raise TypeError("Expected string for argument 'padding' not %r." % (padding,))
    return execute(op_type, [input], attrs, name=name)


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """The largest value of each window over height and width.

    Args:
      input: a 4-D tensor (batch, height, width, channels).
      ksize: the window size: an int or a list of 1, 2 or 4 ints.
      strides: the step of the window: an int or a list of 1, 2 or 4 ints.
      padding: "SAME", "VALID", or four [before, after] pairs (padding is never the maximum).
      data_format: "NHWC".

    Returns:
      A tensor (batch, out_height, out_width, channels) of `input`'s dtype.

    Raises:
      ValueError: if `input` is not 4-D or a window does not fit (InvalidArgumentError when
        executing eagerly).

    >>> x = minitf.reshape(minitf.range(16.0), [1, 4, 4, 1])
    >>> minitf.nn.max_pool2d(x, 2, 2, "VALID").numpy().ravel()
    array([ 5.,  7., 13., 15.], dtype=float32)
    """
    return _pool("MaxPool", input, ksize, strides, padding, data_format, name or "MaxPool2d")


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """The mean of each window over height and width; windows that overlap "SAME" padding
    average their real inputs only.

    Args, Returns and Raises: as for `max_pool2d`, with `padding` "SAME" or "VALID" and a
    floating `input`.

    >>> x = minitf.reshape(minitf.range(9.0), [1, 3, 3, 1])
    >>> minitf.nn.avg_pool2d(x, 2, 2, "SAME").numpy().ravel()
    array([2. , 3.5, 6.5, 8. ], dtype=float32)
    """
    return _pool("AvgPool", input, ksize, strides, padding, data_format, name or "AvgPool2D")


def _rank4_only(input, what):
    rank = convert_to_tensor(input, name="input").shape.rank
    if rank is not None and rank != 4:
        raise ValueError("minitf's %s pools 4-D (NHWC) input only; got rank %d." % (what, rank))


def max_pool(input, ksize, strides, padding, data_format=None, name=None):
    """`max_pool2d` for a 4-D input (TensorFlow 2.x's N-D `max_pool`; minitf pools 2-D)."""
    _rank4_only(input, "max_pool")
    return max_pool2d(input, ksize, strides, padding, data_format or "NHWC", name)


def avg_pool(input, ksize, strides, padding, data_format=None, name=None):
    """`avg_pool2d` for a 4-D input (TensorFlow 2.x's N-D `avg_pool`; minitf pools 2-D)."""
    _rank4_only(input, "avg_pool")
    return _pool("AvgPool", input, ksize, strides, padding, data_format or "NHWC",
                 name or "AvgPool")


def max_pool_v1(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):
    """TensorFlow 1.x's `max_pool`, whose input argument is `value` (or `input`)."""
    return _pool("MaxPool", value if input is None else input, ksize, strides, padding,
                 data_format, name or "MaxPool")


def avg_pool_v1(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):
    """TensorFlow 1.x's `avg_pool`, whose input argument is `value` (or `input`)."""
    return _pool("AvgPool", value if input is None else input, ksize, strides, padding,
                 data_format, name or "AvgPool")

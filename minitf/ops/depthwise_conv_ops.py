"""Depthwise 2-D convolution: DepthwiseConv2dNative, its two backprops, and depthwise_conv2d.

Each input channel c is convolved with its own `channel_multiplier` filters
(k_h, k_w, c, m), giving output channel c * multiplier + m. The kernels are conv_ops' strided
patches contracted with `einsum` over the filter taps only; the gradients mirror Conv2D's.
"""
import numpy as np

from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape
from .conv_ops import (CONV_TYPES, check_out_backprop, conv_attrs, kernel_window, op_attrs,
                       out_dims, rank4, sized_infer)
from .registry import execute, register
from .shape_rules import shape_of


def _check_depth(x_dims, w_dims):
    c, k = x_dims[3], w_dims[2]
    if None not in (c, k) and c != k:
        raise ValueError("Dimensions must be equal, but are %d and %d" % (c, k))


def _window(x_shape, w_shape, attrs):
    if attrs["strides"][1] != attrs["strides"][2]:
        raise InvalidArgumentError(None, None, "Current implementation only supports equal "
                                   "length strides in the row and column dimensions.")
    return kernel_window(x_shape, w_shape, attrs, _check_depth)


def _depthwise(x, w, **attrs):
    p = _window(x.shape, w.shape, attrs).patches(x)
    y = np.einsum("nhwijc,ijcm->nhwcm", p, w, optimize=True)
    return y.reshape(y.shape[:3] + (-1,))


def _backprop_input(input_sizes, w, dy, **attrs):
    win = _window(tuple(int(d) for d in input_sizes), w.shape, attrs)
    check_out_backprop(win, dy.shape, "DepthwiseConv2DBackpropInput")
    dy = dy.reshape(dy.shape[:3] + w.shape[2:])
    parts = np.einsum("nhwcm,ijcm->ijnhwc", dy, w, optimize=True)
    return win.fold(parts.reshape((-1,) + parts.shape[2:]))


def _backprop_filter(x, filter_sizes, dy, **attrs):
    w_shape = tuple(int(d) for d in filter_sizes)
    win = _window(x.shape, w_shape, attrs)
    check_out_backprop(win, dy.shape, "DepthwiseConv2DBackpropFilter")
    dy = dy.reshape(dy.shape[:3] + w_shape[2:])
    return np.einsum("nhwijc,nhwcm->ijcm", win.patches(x), dy, optimize=True)


def _depthwise_infer(inputs, **attrs):
    x, w = (rank4(t.shape) for t in inputs)
    _check_depth(x, w)
    c = x[3] if x[3] is not None else w[2]
    channels = None if None in (c, w[3]) else c * w[3]
    return [(inputs[0].dtype, TensorShape(out_dims(x, w, attrs, channels)))]


_INPUT, _FILTER = "DepthwiseConv2dNativeBackpropInput", "DepthwiseConv2dNativeBackpropFilter"


def _depthwise_grad(op, dy):
    x, w = op.inputs
    return [execute(_INPUT, [shape_of(x), w, dy], op_attrs(op)),
            execute(_FILTER, [x, shape_of(w), dy], op_attrs(op))]


def _backprop_input_grad(op, ddx):
    _, w, dy = op.inputs
    return [None, execute(_FILTER, [ddx, shape_of(w), dy], op_attrs(op)),
            execute("DepthwiseConv2dNative", [ddx, w], op_attrs(op))]


def _backprop_filter_grad(op, ddw):
    x, _, dy = op.inputs
    return [execute(_INPUT, [shape_of(x), ddw, dy], op_attrs(op)), None,
            execute("DepthwiseConv2dNative", [x, ddw], op_attrs(op))]


register("DepthwiseConv2dNative", "input: T, filter: T", _depthwise, _depthwise_infer,
         _depthwise_grad, types={"T": CONV_TYPES})
register(_INPUT, "input_sizes: int32, filter: T, out_backprop: T", _backprop_input,
         sized_infer(0), _backprop_input_grad, types={"T": CONV_TYPES})
register(_FILTER, "input: T, filter_sizes: int32, out_backprop: T", _backprop_filter,
         sized_infer(1), _backprop_filter_grad, types={"T": CONV_TYPES})


def depthwise_conv2d(input, filter, strides, padding, data_format=None, dilations=None,
                     name=None):
    """Convolves each channel of `input` with its own filters: channel c of the input and
    filter [:, :, c, m] give output channel c * channel_multiplier + m.

    Args:
      input: a 4-D tensor (batch, height, width, in_channels).
      filter: a 4-D tensor (k_height, k_width, in_channels, channel_multiplier).
      strides: 4 ints, [1, stride_h, stride_w, 1].
      padding: "SAME", "VALID", or four [before, after] pairs.
      data_format: None or "NHWC".
      dilations: None, or 2 ints (the spacing of the filter taps); with a dilation above 1
        the strides must be 1.

    Returns:
      A tensor (batch, out_height, out_width, in_channels * channel_multiplier).

    Raises:
      ValueError: if the channels of `input` and `filter` differ (InvalidArgumentError when
        executing eagerly).

    >>> minitf.nn.depthwise_conv2d(minitf.ones([1, 4, 4, 3]), minitf.ones([2, 2, 3, 2]),
    ...                            [1, 1, 1, 1], "VALID").shape
    TensorShape([1, 3, 3, 6])
    """
    attrs = conv_attrs(strides, padding, dilations, data_format or "NHWC")
    if max(attrs["dilations"]) > 1 and max(attrs["strides"]) > 1:
        raise ValueError("depthwise_conv2d takes strides of 1 when a dilation is greater than "
                         "1; received strides=%s and dilations=%s"
                         % (attrs["strides"], attrs["dilations"]))
    return execute("DepthwiseConv2dNative", [input, filter], attrs, name=name or "depthwise")

"""2-D convolution: Conv2D and its two backprops (the gradients, and conv2d_transpose), and the
functions conv2d, conv2d_transpose and conv1d.

Data is NHWC and filters are (k_h, k_w, in_channels, out_channels), as on TensorFlow's CPU.
The forward kernel and the backprop to the filter are one matrix product each with the im2col
matrix (`Window.columns`); the backprop to the input is one product too, laid out per filter
tap with the batch last, whose parts `Window.fold` adds back onto the input. Each backprop is
an op with its own gradient, as in TensorFlow, so second derivatives work: the three ops are
each other's gradients.
"""

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError, UnimplementedError
from ..framework.shapes import TensorShape, dim_at
from .array_ops import expand_dims, squeeze
from .constant_folding import constant_shape
from .registry import convert_to_tensor, execute, register, scope
from .shape_rules import shape_of
from .window_ops import Window

CONV_TYPES = {dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32}
ATTRS = ("strides", "padding", "explicit_paddings", "dilations", "data_format")


# -- attributes and shapes --------------------------------------------------------------------
def sequence(value, n, name):
    """`value` (an int or a list of 1, n or n + 2 ints) as the n + 2 ints of an NHWC attr."""
    v = [value] if isinstance(value, int) else list(value)
    if len(v) == 1:
        v = v * n
    if len(v) == n:
        return [1] + [int(i) for i in v] + [1]
    if len(v) == n + 2:
        return [int(i) for i in v]
    raise ValueError("%s should be of length 1, %d or %d. Received: %s=%s of length %d"
                     % (name, n, n + 2, name, v, len(v)))


def padding_attrs(padding):
    """(padding, explicit_paddings) for a padding mode or a list of [before, after] pairs."""
    if isinstance(padding, str):
        if padding not in ("SAME", "VALID"):
            raise ValueError("Value for attr 'padding' of \"%s\" is not in the list of allowed "
                             "values: \"SAME\", \"VALID\", \"EXPLICIT\"" % padding)
        return padding, []
    pairs = [list(p) for p in padding]
    if len(pairs) != 4:
        raise ValueError("When padding is a list, it must be of size 4. Received: padding=%s "
                         "of size %d" % (pairs, len(pairs)))
    return "EXPLICIT", [int(v) for p in pairs for v in p]


def check_data_format(data_format, allowed=("NHWC",)):
    if data_format not in allowed:
        raise UnimplementedError(None, None, "minitf computes data_format %s only, not %s."
                                 % (" and ".join(allowed), data_format))


def _check_attrs(padding, explicit_paddings, dilations=(1, 1, 1, 1)):
    if padding == "EXPLICIT":
        if any(p < 0 for p in explicit_paddings):
            raise ValueError("All elements of explicit_paddings must be nonnegative")
        if any(explicit_paddings[i] for i in (0, 1, 6, 7)):
            raise ValueError("Nonzero explicit padding in the batch or depth dimensions is "
                             "not supported")
    if dilations[0] != 1 or dilations[3] != 1:
        raise ValueError("Current implementation does not yet support dilations in the batch "
                         "and depth dimensions.")


def rank4(shape):
    if shape.rank is not None and shape.rank != 4:
        raise ValueError("Shape must be rank 4 but is rank %d" % shape.rank)
    return shape.with_rank(4).as_list()


def window(x_dims, w_dims, strides, padding, explicit_paddings, dilations, data_format):
    """The Window of a convolution of an input with dims `x_dims` by a filter with `w_dims`
    (both NHWC lists, maybe with None), after TensorFlow's checks (ValueError); None while the
    filter's size is unknown."""
    _check_attrs(padding, explicit_paddings, dilations)
    if None in w_dims[:2]:
        return None
    try:
        return Window(x_dims[1:3], w_dims[:2], strides[1:3], dilations[1:3], padding,
                      explicit_paddings)
    except InvalidArgumentError:
        reach = [(k - 1) * d + 1 for k, d in zip(w_dims[:2], dilations[1:3])]
        n, k = next((n, k) for n, k in zip(x_dims[1:3], reach) if n is not None and n < k)
        raise ValueError("Negative dimension size caused by subtracting %d from %d"
                         % (k, n)) from None


def _check_depth(x_dims, w_dims):
    c, k = x_dims[3], w_dims[2]
    if None not in (c, k) and c != k:
        raise ValueError("Depth of input (%d) is not a multiple of input depth of filter (%d)"
                         % (c, k) if c % k else "minitf does not compute grouped convolutions: "
                         "the input depth (%d) must equal the filter's input depth (%d)" % (c, k))


def kernel_window(x_shape, w_shape, attrs, check_depth=_check_depth):
    """The Window of a kernel's convolution, after the checks of its shape rule."""
    if attrs["strides"][0] != 1 or attrs["strides"][3] != 1:
        raise UnimplementedError(None, None, "Current implementation does not yet support "
                                 "strides in the batch and depth dimensions.")
    if len(x_shape) != 4 or len(w_shape) != 4:
        raise ValueError("input and filter must be 4-dimensional")
    check_depth(x_shape, w_shape)
    return window(list(x_shape), list(w_shape), **attrs)


def check_out_backprop(win, dy_shape, what):
    for d, (got, want) in enumerate(zip(dy_shape[1:3], win.out)):
        if got != want:
            raise InvalidArgumentError(None, None, "%s: Size of out_backprop doesn't match "
                                       "computed: actual = %d, computed = %d spatial_dim: %d "
                                       "input: %d filter: %d stride: %d dilation: %d"
                                       % (what, got, want, d + 1, win.input_hw[d],
                                          win.size[d], win.strides[d], win.dilations[d]))


# -- the ops ----------------------------------------------------------------------------------
def _conv2d(x, w, **attrs):
    win = kernel_window(x.shape, w.shape, attrs)
    y = win.columns(x) @ w.reshape(-1, w.shape[3])
    return y.reshape((x.shape[0],) + win.out + (w.shape[3],))


def tap_parts(dy, w):
    """Per filter tap t, w[t] @ dy^T: the gradient reaching what tap t saw, shaped
    (taps, C, out_h, out_w, N) for `Window.fold` (batch last), from one matrix product."""
    kh, kw, c, o = w.shape
    n, oh, ow, _ = dy.shape
    parts = w.reshape(kh * kw * c, o) @ dy.transpose(3, 1, 2, 0).reshape(o, oh * ow * n)
    return parts.reshape(kh * kw, c, oh, ow, n)


def _backprop_input(input_sizes, w, dy, **attrs):
    x_shape = tuple(int(d) for d in input_sizes)
    win = kernel_window(x_shape, w.shape, attrs)
    check_out_backprop(win, dy.shape, "Conv2DCustomBackpropInput")
    return win.fold(tap_parts(dy, w), batch_last=True)


def _backprop_filter(x, filter_sizes, dy, **attrs):
    w_shape = tuple(int(d) for d in filter_sizes)
    win = kernel_window(x.shape, w_shape, attrs)
    check_out_backprop(win, dy.shape, "Conv2DCustomBackpropFilter")
    return (win.columns(x).T @ dy.reshape(-1, w_shape[3])).reshape(w_shape)


def out_dims(x_dims, w_dims, attrs, channels):
    """The output dims (NHWC) of a convolution with `channels` output channels."""
    win = window(x_dims, w_dims, **attrs)
    return [x_dims[0]] + ([None, None] if win is None else list(win.out)) + [channels]


def _conv2d_infer(inputs, **attrs):
    x, w = (rank4(t.shape) for t in inputs)
    _check_depth(x, w)
    return [(inputs[0].dtype, TensorShape(out_dims(x, w, attrs, w[3])))]


def sized_infer(position):
    """The shape rule of a backprop whose input `position` holds the output's shape."""
    def infer(inputs, **attrs):
        s = constant_shape(inputs[position])
        return [(inputs[2].dtype, TensorShape(rank4(s)) if s.rank is not None
                 else TensorShape([None] * 4))]
    return infer


def op_attrs(op):
    return {k: op.get_attr(k) for k in ATTRS}


def _conv2d_grad(op, dy):
    x, w = op.inputs
    nx, nw = op.needs  # a first layer's images need no gradient
    return [execute("Conv2DBackpropInput", [shape_of(x), w, dy], op_attrs(op)) if nx else None,
            execute("Conv2DBackpropFilter", [x, shape_of(w), dy], op_attrs(op)) if nw else None]


def _backprop_input_grad(op, ddx):
    _, w, dy = op.inputs
    return [None, execute("Conv2DBackpropFilter", [ddx, shape_of(w), dy], op_attrs(op)),
            execute("Conv2D", [ddx, w], op_attrs(op))]


def _backprop_filter_grad(op, ddw):
    x, _, dy = op.inputs
    return [execute("Conv2DBackpropInput", [shape_of(x), ddw, dy], op_attrs(op)), None,
            execute("Conv2D", [x, ddw], op_attrs(op))]


register("Conv2D", "input: T, filter: T", _conv2d, _conv2d_infer, _conv2d_grad,
         types={"T": CONV_TYPES}, grad_uses="inputs")
register("Conv2DBackpropInput", "input_sizes: int32, filter: T, out_backprop: T",
         _backprop_input, sized_infer(0), _backprop_input_grad, types={"T": CONV_TYPES})
register("Conv2DBackpropFilter", "input: T, filter_sizes: int32, out_backprop: T",
         _backprop_filter, sized_infer(1), _backprop_filter_grad, types={"T": CONV_TYPES})


# -- the functions ----------------------------------------------------------------------------
def conv_attrs(strides, padding, dilations, data_format, n=2):
    check_data_format(data_format)
    padding, explicit = padding_attrs(padding)
    return {"strides": sequence(strides, n, "strides"), "padding": padding,
            "explicit_paddings": explicit,
            "dilations": sequence(1 if dilations is None else dilations, n, "dilations"),
            "data_format": data_format}


def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):
    """The 2-D convolution (a cross-correlation, as in every deep-learning framework) of a batch
    of images by a bank of filters.

    Args:
      input: a 4-D tensor (batch, height, width, in_channels).
      filters: a 4-D tensor (k_height, k_width, in_channels, out_channels).
      strides: an int or a list of 1, 2 or 4 ints: the step of the window per dimension.
      padding: "SAME" (output size ceil(input / stride)), "VALID" (no padding), or a list of
        four [before, after] pairs (zeros for the batch and channel dimensions).
      data_format: "NHWC" (the only layout minitf computes).
      dilations: an int or a list of 1, 2 or 4 ints: the spacing of the filter taps.

    Returns:
      A tensor (batch, out_height, out_width, out_channels) of the input's dtype.

    Raises:
      ValueError: for inputs that are not 4-D or whose channels differ from the filter's
        (InvalidArgumentError when executing eagerly), or a malformed padding.

    >>> x = minitf.ones([1, 3, 3, 1])
    >>> minitf.nn.conv2d(x, minitf.ones([2, 2, 1, 1]), 1, "VALID").numpy().ravel()
    array([4., 4., 4., 4.], dtype=float32)
    """
    return execute("Conv2D", [input, filters], conv_attrs(strides, padding, dilations,
                                                          data_format), name=name or "Conv2D")


def conv2d_v1(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True,
              data_format="NHWC", dilations=None, name=None, filters=None):
    """TensorFlow 1.x's `conv2d`, whose filter argument is `filter` (or `filters`)."""
    return conv2d(input, filter if filters is None else filters, strides, padding, data_format,
                  dilations, name)


def conv2d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NHWC",
                     dilations=None, name=None):
    """The transpose (the gradient with respect to its input) of `conv2d`: it maps an image of
    conv2d's output size back to one of size `output_shape`, as a learned upsampling.

    Args:
      input: a 4-D tensor (batch, height, width, in_channels).
      filters: a 4-D tensor (k_height, k_width, out_channels, in_channels): note the order.
      output_shape: the 4 ints of the result's shape (a list or 1-D int tensor).
      strides, padding, data_format, dilations: as for the `conv2d` this is the transpose of.

    Raises:
      ValueError: if the channels of `input`, `filters` and `output_shape` do not agree.
      InvalidArgumentError: if `conv2d` of an `output_shape` image is not `input`'s size.

    >>> y = minitf.nn.conv2d_transpose(minitf.ones([1, 2, 2, 1]), minitf.ones([2, 2, 1, 1]),
    ...                                [1, 4, 4, 1], 2)
    >>> y.shape
    TensorShape([1, 4, 4, 1])
    """
    with scope(name or "conv2d_transpose") as s:
        input = convert_to_tensor(input, name="input")
        filters = convert_to_tensor(filters, name="filters")
        sizes = convert_to_tensor(output_shape, dtypes.int32, name="input_sizes")
        out_dims, w_dims = constant_shape(sizes).as_list(), filters.shape.as_list()
        channels = dim_at(input.shape, -1)
        if None not in (channels, w_dims and w_dims[3]) and channels != w_dims[3]:
            raise ValueError("input channels does not match filter's input channels, %d != %d"
                             % (channels, w_dims[3]))
        if None not in (out_dims and out_dims[3], w_dims and w_dims[2]) \
                and out_dims[3] != w_dims[2]:
            raise ValueError("output_shape does not match filter's output channels, %d != %d"
                             % (out_dims[3], w_dims[2]))
        return execute("Conv2DBackpropInput", [sizes, filters, input],
                       conv_attrs(strides, padding, dilations, data_format), name=s)


def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None, name=None):
    """The 1-D convolution of a batch of sequences (batch, width, in_channels) by filters
    (k_width, in_channels, out_channels): conv2d over a height of 1, as in TensorFlow.

    >>> minitf.nn.conv1d(minitf.ones([1, 5, 1]), minitf.ones([3, 1, 2]), 1, "SAME").shape
    TensorShape([1, 5, 2])
    """
    check_data_format(data_format, ("NWC",))
    stride = sequence(stride, 1, "stride")[1]
    dilation = sequence(1 if dilations is None else dilations, 1, "dilations")[1]
    with scope(name or "conv1d") as s:
        x, w = expand_dims(input, -3), expand_dims(filters, 0)
        y = execute("Conv2D", [x, w], conv_attrs([1, stride], padding, [1, dilation], "NHWC"),
                    name=s)
        return squeeze(y, [-3])

"""Keras's convolutional and pooling layers: `Conv2D`, `MaxPooling2D`, `AveragePooling2D`,
over NHWC inputs (channels last, the only layout minitf computes). They call the ops of
ops/conv_ops and ops/pooling_ops."""
from ...framework.shapes import dim_at
from ...ops import conv_ops, nn_ops, pooling_ops
from .. import activations
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec


def _pair(value, name):
    """An int or a pair of ints as a pair (Keras's `conv_utils.normalize_tuple`)."""
    pair = (value, value) if isinstance(value, int) else tuple(value)
    if len(pair) != 2 or not all(isinstance(v, int) for v in pair):
        raise ValueError("The `%s` argument must be a tuple of 2 integers. Received: %s"
                         % (name, value))
    return pair


def _padding(padding):
    """"valid" or "same" (any case) as the ops spell it."""
    p = padding.upper() if isinstance(padding, str) else padding
    if p not in ("VALID", "SAME"):
        raise ValueError('The `padding` argument must be a list/tuple or one of "valid", "same" '
                         '(or "causal", only for `Conv1D). Received: %s' % (padding,))
    return p


def _channels_last(data_format):
    if data_format not in (None, "channels_last"):
        raise NotImplementedError("minitf's Keras layers compute data_format='channels_last' "
                                  "only, not %r." % data_format)


class Conv2D(Layer):
    """A 2-D convolution over NHWC images: `activation(conv2d(inputs, kernel) + bias)`.

    Args:
      filters: the number of output channels.
      kernel_size: an int or a pair (height, width) of the window.
      strides, dilation_rate: ints or pairs.
      padding: "valid" or "same".
      data_format: None or "channels_last".
      activation: an activation's name or a callable; None: linear.
      use_bias: whether to add a bias.
      kernel_initializer, bias_initializer: initializers or their names.

    Raises:
      ValueError: for `filters` < 1, a bad padding, or (when called) an input not of rank 4
        or with an unknown channel count.
      NotImplementedError: for groups, regularizers and constraints.

    >>> conv = minitf.keras.layers.Conv2D(2, 3, padding="same", kernel_initializer="ones")
    >>> conv(minitf.ones([1, 4, 4, 1])).numpy()[0, :, :, 0]
    array([[4., 6., 6., 4.],
           [6., 9., 9., 6.],
           [6., 9., 9., 6.],
           [4., 6., 6., 4.]], dtype=float32)
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        if groups != 1 or any(r is not None for r in (
                kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint,
                bias_constraint)):
            raise NotImplementedError("Conv2D: groups, regularizers and constraints are not "
                                      "supported.")
        super().__init__(**kwargs)
        if int(filters) <= 0:
            raise ValueError("Invalid value for argument `filters`. Expected a strictly "
                             "positive value. Received filters=%s." % (filters,))
        _channels_last(data_format)
        self.filters = int(filters)
        self.kernel_size = _pair(kernel_size, "kernel_size")
        self.strides = _pair(strides, "strides")
        self.padding = _padding(padding)
        self.dilation_rate = _pair(dilation_rate, "dilation_rate")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.input_spec = InputSpec(min_ndim=4)

    def build(self, input_shape):
        channels = dim_at(input_shape, -1)
        if channels is None:
            raise ValueError("The channel dimension of the inputs should be defined. The input_"
                             "shape received is %s, where axis -1 (0-based) is the channel "
                             "dimension, which found to be `None`." % (input_shape,))
        self.kernel = self.add_weight("kernel", shape=self.kernel_size + (channels,
                                                                          self.filters),
                                      initializer=self.kernel_initializer)
        self.bias = self.add_weight("bias", shape=[self.filters],
                                    initializer=self.bias_initializer) if self.use_bias else None
        self.input_spec = InputSpec(min_ndim=4, axes={-1: channels})
        self.built = True

    def call(self, inputs):
        outputs = conv_ops.conv2d(inputs, self.kernel, self.strides, self.padding,
                                  dilations=self.dilation_rate)
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias)
        return self.activation(outputs)


class _Pooling2D(Layer):
    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(**kwargs)
        _channels_last(data_format)
        self.pool_size = _pair(pool_size, "pool_size")
        self.strides = self.pool_size if strides is None else _pair(strides, "strides")
        self.padding = _padding(padding)
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        return self._pool(inputs, self.pool_size, self.strides, self.padding)


class MaxPooling2D(_Pooling2D):
    """The largest value of each `pool_size` window over height and width.

    Args:
      pool_size: an int or a pair (default (2, 2)).
      strides: an int or a pair (default: `pool_size`).
      padding: "valid" or "same".
      data_format: None or "channels_last".

    >>> x = minitf.reshape(minitf.range(16.0), [1, 4, 4, 1])
    >>> minitf.keras.layers.MaxPooling2D()(x).numpy().ravel()
    array([ 5.,  7., 13., 15.], dtype=float32)
    """

    _pool = staticmethod(pooling_ops.max_pool_v1)


class AveragePooling2D(_Pooling2D):
    """The mean of each `pool_size` window over height and width (the arguments are those of
    `MaxPooling2D`; "same" padding averages the real inputs only).

    >>> x = minitf.reshape(minitf.range(16.0), [1, 4, 4, 1])
    >>> minitf.keras.layers.AveragePooling2D()(x).numpy().ravel()
    array([ 2.5,  4.5, 10.5, 12.5], dtype=float32)
    """

    _pool = staticmethod(pooling_ops.avg_pool_v1)


MaxPool2D, AvgPool2D = MaxPooling2D, AveragePooling2D

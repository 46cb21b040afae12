"""`minitf.compat.v1.layers` (TensorFlow 1.x's `tf.layers`): `dense`, the fully connected layer
of TF1 scripts, and `conv2d`, `max_pooling2d`, `average_pooling2d` and `flatten`, those of its
CNN examples. Variables are made by `get_variable` in a variable scope named after the layer
("dense/kernel:0", then "dense_1/...") and shared through `reuse`."""
import numpy as np

from ...framework.shapes import TensorShape, dim_at
from ...ops import array_ops, conv_ops, init_ops, linalg_ops, nn_ops, pooling_ops
from ...ops.registry import convert_to_tensor
from ...variable_scope import get_variable, variable_scope


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=init_ops.Zeros(), kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
          trainable=True, name=None, reuse=None):
    """`activation(inputs @ kernel + bias)` over the last axis of `inputs`.

    Args:
      inputs: a tensor whose last dimension is known.
      units: the size of the output's last axis.
      activation: a function such as `nn.relu`, or None (linear).
      kernel_initializer: default Glorot uniform (`get_variable`'s default).
      name: the variable scope (default "dense", made unique: "dense_1", ...).
      reuse: True to take the variables of an earlier call with the same `name`.

    Raises:
      ValueError: if the last dimension of `inputs` is unknown, or by `get_variable` when
        variables exist and `reuse` is not set (or do not exist and it is).
      NotImplementedError: for regularizers and constraints.

    >>> with minitf.Graph().as_default():
    ...     x = minitf.compat.v1.placeholder(minitf.float32, [None, 3])
    ...     y = minitf.compat.v1.layers.dense(x, 4, activation=minitf.nn.relu)
    ...     names = [v.name for v in minitf.compat.v1.global_variables()]
    >>> y.name, names
    ('dense/Relu:0', ['dense/kernel:0', 'dense/bias:0'])
    """
    if any(r is not None for r in (kernel_regularizer, bias_regularizer, activity_regularizer,
                                   kernel_constraint, bias_constraint)):
        raise NotImplementedError("layers.dense: regularizers and constraints are not "
                                  "supported.")
    inputs = convert_to_tensor(inputs)
    shape = TensorShape(inputs.shape)
    if shape.rank is None or dim_at(shape, -1) is None:
        raise ValueError("The last dimension of the inputs to a Dense layer should be defined. "
                         "Found None. Full input shape received: %s" % shape)
    with variable_scope(name, default_name="dense", reuse=reuse):
        kernel = get_variable("kernel", [dim_at(shape, -1), units], dtype=inputs.dtype,
                              initializer=kernel_initializer, trainable=trainable)
        if shape.rank == 2:
            outputs = linalg_ops.matmul(inputs, kernel)
        else:
            outputs = linalg_ops.tensordot(inputs, kernel, [[shape.rank - 1], [0]])
        if use_bias:
            bias = get_variable("bias", [units], dtype=inputs.dtype,
                                initializer=bias_initializer, trainable=trainable)
            outputs = nn_ops.bias_add(outputs, bias)
        return outputs if activation is None else activation(outputs)


def _channels_last(data_format):
    if data_format != "channels_last":
        raise NotImplementedError("minitf's layers compute data_format='channels_last' only, "
                                  "not %r." % (data_format,))


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1), activation=None, use_bias=True,
           kernel_initializer=None, bias_initializer=init_ops.Zeros(), kernel_regularizer=None,
           bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
           bias_constraint=None, trainable=True, name=None, reuse=None):
    """`activation(conv2d(inputs, kernel) + bias)` over NHWC `inputs`, with a kernel of shape
    kernel_size + (input channels, filters).

    Args:
      inputs: a 4-D tensor whose channel count is known.
      filters: the number of output channels.
      kernel_size, strides, dilation_rate: ints or pairs.
      padding: "valid" or "same" (any case).
      activation, use_bias, kernel_initializer, bias_initializer, trainable, reuse: as for
        `dense`.
      name: the variable scope (default "conv2d", made unique).

    Raises:
      ValueError: if the channel count of `inputs` is unknown.
      NotImplementedError: for regularizers and constraints, or channels first.

    >>> with minitf.Graph().as_default():
    ...     x = minitf.compat.v1.placeholder(minitf.float32, [None, 28, 28, 1])
    ...     y = minitf.compat.v1.layers.conv2d(x, 32, 5, activation=minitf.nn.relu)
    >>> y
    <tf.Tensor 'conv2d/Relu:0' shape=(None, 24, 24, 32) dtype=float32>
    """
    if any(r is not None for r in (kernel_regularizer, bias_regularizer, activity_regularizer,
                                   kernel_constraint, bias_constraint)):
        raise NotImplementedError("layers.conv2d: regularizers and constraints are not "
                                  "supported.")
    _channels_last(data_format)
    inputs = convert_to_tensor(inputs)
    channels = dim_at(inputs.shape, -1) if inputs.shape.rank else None
    if channels is None:
        raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
    kh, kw = conv_ops.sequence(kernel_size, 2, "kernel_size")[1:3]
    with variable_scope(name, default_name="conv2d", reuse=reuse):
        kernel = get_variable("kernel", [kh, kw, channels, filters], dtype=inputs.dtype,
                              initializer=kernel_initializer, trainable=trainable)
        outputs = conv_ops.conv2d(inputs, kernel, strides, padding.upper(),
                                  dilations=dilation_rate)
        if use_bias:
            bias = get_variable("bias", [filters], dtype=inputs.dtype,
                                initializer=bias_initializer, trainable=trainable)
            outputs = nn_ops.bias_add(outputs, bias)
        return outputs if activation is None else activation(outputs)


def _pooling(pool, default_name, inputs, pool_size, strides, padding, data_format, name):
    _channels_last(data_format)
    with variable_scope(name, default_name=default_name):
        return pool(inputs, conv_ops.sequence(pool_size, 2, "pool_size"),
                    conv_ops.sequence(strides, 2, "strides"), padding.upper())


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
    """The largest value of each window of NHWC `inputs` (scope "max_pooling2d").

    >>> with minitf.Graph().as_default():
    ...     x = minitf.compat.v1.placeholder(minitf.float32, [None, 24, 24, 8])
    ...     minitf.compat.v1.layers.max_pooling2d(x, 2, 2)
    <tf.Tensor 'max_pooling2d/MaxPool:0' shape=(None, 12, 12, 8) dtype=float32>
    """
    return _pooling(pooling_ops.max_pool_v1, "max_pooling2d", inputs, pool_size, strides,
                    padding, data_format, name)


def average_pooling2d(inputs, pool_size, strides, padding="valid",
                      data_format="channels_last", name=None):
    """The mean of each window of NHWC `inputs` (scope "average_pooling2d"); "same" padding
    averages the real inputs only."""
    return _pooling(pooling_ops.avg_pool_v1, "average_pooling2d", inputs, pool_size, strides,
                    padding, data_format, name)


def flatten(inputs, name=None, data_format="channels_last"):
    """Each example of `inputs` as one axis: (batch, d1, d2, ...) -> (batch, d1 * d2 * ...).

    Raises:
      ValueError: if a dimension other than the batch's is unknown.

    >>> with minitf.Graph().as_default():
    ...     x = minitf.compat.v1.placeholder(minitf.float32, [None, 6, 6, 64])
    ...     minitf.compat.v1.layers.flatten(x)
    <tf.Tensor 'flatten/Reshape:0' shape=(None, 2304) dtype=float32>
    """
    _channels_last(data_format)
    inputs = convert_to_tensor(inputs)
    rest = inputs.shape.as_list()[1:] if inputs.shape.rank is not None else [None]
    if None in rest:
        raise ValueError("flatten needs the dimensions after the batch's known; got shape %s"
                         % (inputs.shape,))
    with variable_scope(name, default_name="flatten"):
        return array_ops.reshape(inputs, [-1, int(np.prod(rest, dtype=np.int64))])

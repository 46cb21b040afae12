"""The core Keras layers: `Dense`, `Activation`, `Flatten`, `Dropout`."""
import numpy as np

from ...framework.shapes import TensorShape, dim_at
from ...ops import arithmetic_ops, array_ops, join_ops, linalg_ops, nn_ops
from .. import activations
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec


class Dense(Layer):
    """`activation(inputs @ kernel + bias)`, over the last axis of the inputs.

    Args:
      units: the size of the output's last axis.
      activation: an activation's name ("relu", ...) or a callable; None: linear.
      use_bias: whether to add a bias.
      kernel_initializer, bias_initializer: initializers or their names.
      input_dim: the input's last axis, for the first layer of a Sequential model.

    Raises:
      ValueError: (when called) if the input has rank below 2 or an unknown last axis.
      NotImplementedError: for regularizers and constraints.

    >>> layer = minitf.keras.layers.Dense(2, kernel_initializer="ones")
    >>> layer(minitf.constant([[1.0, 2.0, 3.0]]))
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[6., 6.]], dtype=float32)>
    >>> [w.shape for w in layer.weights]
    [TensorShape([3, 2]), TensorShape([2])]
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 **kwargs):
        if any(r is not None for r in (kernel_regularizer, bias_regularizer, activity_regularizer,
                                       kernel_constraint, bias_constraint)):
            raise NotImplementedError("Dense: regularizers and constraints are not supported.")
        super().__init__(**kwargs)
        self.units = int(units)
        if self.units <= 0:
            raise ValueError("Received an invalid value for `units`, expected a positive "
                             "integer. Received: units=%s" % (units,))
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        last = dim_at(input_shape, -1) if input_shape.rank else None
        if last is None:
            raise ValueError("The last dimension of the inputs to a Dense layer should be "
                             "defined. Found None. Full input shape received: %s" % input_shape)
        self.kernel = self.add_weight("kernel", shape=[last, self.units],
                                      initializer=self.kernel_initializer)
        self.bias = self.add_weight("bias", shape=[self.units],
                                    initializer=self.bias_initializer) if self.use_bias else None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: last})
        self.built = True

    def call(self, inputs):
        if inputs.dtype is not self._dtype:
            inputs = arithmetic_ops.cast(inputs, self._dtype)
        if inputs.shape.rank == 2:
            outputs = linalg_ops.matmul(inputs, self.kernel)
        else:
            outputs = linalg_ops.tensordot(inputs, self.kernel, [[inputs.shape.rank - 1], [0]])
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias)
        return self.activation(outputs)


class Activation(Layer):
    """Applies an activation function (a name such as "relu", or a callable).

    >>> minitf.keras.layers.Activation("relu")(minitf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)


class Flatten(Layer):
    """Reshapes each example to one axis: (batch, d1, d2, ...) -> (batch, d1 * d2 * ...); a
    rank-1 input becomes (batch, 1).

    >>> minitf.keras.layers.Flatten()(minitf.ones([2, 3, 4])).shape
    TensorShape([2, 12])
    """

    def call(self, inputs):
        if inputs.shape.rank == 1:
            return array_ops.expand_dims(inputs, 1)
        rest = inputs.shape.as_list()[1:] if inputs.shape.rank is not None else [None]
        if None in rest:
            return array_ops.reshape(inputs, join_ops.stack([array_ops.shape(inputs)[0], -1]))
        return array_ops.reshape(inputs, [-1, int(np.prod(rest, dtype=np.int64))])


class Dropout(Layer):
    """When training, sets each input element to 0 with probability `rate` and scales the
    others by `1 / (1 - rate)`; otherwise passes the input through.

    Args:
      rate: the fraction to drop, in [0, 1) (1 is refused when training, as by
        `nn.dropout`).
      noise_shape: the shape of the keep/drop decisions (see `nn.dropout`).
      seed: the op seed of the random draw.

    Raises:
      ValueError: if `rate` is outside [0, 1].

    >>> layer = minitf.keras.layers.Dropout(0.5, seed=1)
    >>> sorted(set(layer(minitf.ones([100]), training=True).numpy().tolist()))
    [0.0, 2.0]
    >>> layer(minitf.ones([2])).numpy()
    array([1., 1.], dtype=float32)
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError("Invalid value %s received for `rate`, expected a value between 0 "
                             "and 1." % rate)
        self.rate, self.noise_shape, self.seed = rate, noise_shape, seed

    def call(self, inputs, training=None):
        if not training or self.rate == 0:
            return array_ops.identity(inputs)
        return nn_ops.dropout(inputs, self.rate, self.noise_shape, self.seed)

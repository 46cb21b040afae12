"""The Keras layers that are one activation function: `Softmax` and `ReLU`."""
from ...ops import activation_ops, nn_ops
from ..engine.base_layer import Layer


class Softmax(Layer):
    """The softmax of the inputs along `axis` (the last by default).

    >>> minitf.keras.layers.Softmax()(minitf.constant([[0.0, 0.0]]))
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[0.5, 0.5]], dtype=float32)>
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        return nn_ops.softmax(inputs, axis=self.axis)


class ReLU(Layer):
    """max(inputs, 0).

    >>> minitf.keras.layers.ReLU()(minitf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
    """

    def call(self, inputs):
        return activation_ops.relu(inputs)

"""The Keras layers that merge a list of inputs into one: `Add` and `Concatenate`, and their
functional forms `add` and `concatenate`."""
from ...ops import arithmetic_ops, join_ops
from ..engine.base_layer import Layer


def _check_list(layer, inputs):
    if not isinstance(inputs, (list, tuple)) or not inputs:
        raise ValueError("A merge layer (%s) should be called on a list of at least 1 input. "
                         "Got: %r" % (layer.name, inputs))


class Add(Layer):
    """The elementwise sum of a list of inputs of one shape.

    Raises:
      ValueError: (when called) on anything but a non-empty list of inputs.

    >>> minitf.keras.layers.Add()([minitf.ones([2]), minitf.ones([2])])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 2.], dtype=float32)>
    """

    def call(self, inputs):
        _check_list(self, inputs)
        total = inputs[0]
        for x in inputs[1:]:
            total = arithmetic_ops.add(total, x)
        return total


class Concatenate(Layer):
    """A list of inputs joined along `axis` (the last by default).

    Raises:
      ValueError: (when called) on anything but a non-empty list of inputs.

    >>> minitf.keras.layers.Concatenate()([minitf.ones([1, 2]), minitf.zeros([1, 1])]).shape
    TensorShape([1, 3])
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        _check_list(self, inputs)
        return join_ops.concat(list(inputs), axis=self.axis)

    def get_config(self):
        return {"axis": self.axis, "name": self.name}


def add(inputs, **kwargs):
    """`Add(**kwargs)(inputs)`: the sum of a list of inputs."""
    return Add(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    """`Concatenate(axis, **kwargs)(inputs)`: a list of inputs joined along `axis`."""
    return Concatenate(axis=axis, **kwargs)(inputs)

"""`Sequential`: a model that is a plain stack of layers, each called on the output of the one
before.

When the input shape is known (a `keras.Input` or `InputLayer` first, or `input_shape=` on the
first layer), each layer is built as it is added, by a call recorded on Keras inputs, so
`summary()` works at once and shows every output shape; otherwise the model is built the same
way on its first call, from the shape of that input. Either way the layers' weights are named
after the layers alone ("dense/kernel:0"), as in Keras.
"""
from ...framework.shapes import TensorShape
from . import input_spec
from .base_layer import Layer
from .input_layer import InputLayer
from .keras_tensor import KerasTensor
from .training import Model


class Sequential(Model):
    """A linear stack of layers.

    Args:
      layers: the layers, in order (the first may be a `keras.Input`).
      name: default "sequential", "sequential_1", ...

    >>> model = minitf.keras.Sequential([
    ...     minitf.keras.Input(shape=(3,)),
    ...     minitf.keras.layers.Dense(2, activation="relu")])
    >>> [layer.output_shape for layer in model.layers]
    [(None, 2)]
    """

    def __init__(self, layers=None, name=None):
        super().__init__(name=name)
        self._layers = []
        self._output = None  # the KerasTensor the last layer made, once the shape is known
        for layer in layers or []:
            self.add(layer)

    def _is_graph_network(self):
        return True

    @property
    def inputs(self):
        """The model's Keras input, in a list, once it is known (else None)."""
        first = self._layers[0]._inbound_nodes if self._layers else None
        return first[0].input_tensors() if first else None

    @property
    def outputs(self):
        """The model's Keras output, in a list, once it is known (else None)."""
        return None if self._output is None else [self._output]

    @property
    def layers(self):
        return list(self._layers)

    def add(self, layer):
        """Appends `layer` (or a `keras.Input`, as the first element).

        Raises:
          TypeError: if `layer` is not a layer.
          ValueError: if an input comes after other layers.
        """
        if isinstance(layer, KerasTensor):
            layer = layer.node.layer
        if not isinstance(layer, Layer):
            raise TypeError("The added layer must be an instance of class Layer. Received: "
                            "layer=%r of type %s." % (layer, type(layer)))
        if isinstance(layer, InputLayer):
            if self._layers or self._output is not None:
                raise ValueError("An InputLayer can only be the first layer of a Sequential "
                                 "model.")
            self._output = layer.output
            self.input_spec = input_spec.from_inputs([self._output])
            return
        if self._output is None and not self._layers and layer._batch_input_shape is not None:
            self._output = InputLayer(batch_input_shape=layer._batch_input_shape,
                                      dtype=layer.dtype, name=layer.name + "_input").output
            self.input_spec = input_spec.from_inputs([self._output])
        self._layers.append(layer)
        if self._output is not None:
            self._output = layer(self._output)
            self.built = True

    def build(self, input_shape=None):
        """Builds the layers for inputs of `input_shape` (with the batch dimension).

        Raises:
          ValueError: if the shape is not known.
        """
        if self._output is None and self._layers:
            if input_shape is None:
                raise ValueError("You must provide an `input_shape` argument.")
            shape = tuple(TensorShape(input_shape).as_list())
            x = InputLayer(batch_input_shape=shape, name=self._layers[0].name + "_input").output
            for layer in self._layers:
                x = layer(x)
            self._output = x
        self.built = True

    def call(self, inputs, training=None, mask=None):
        for layer in self._layers:
            inputs = layer(inputs)
        return inputs

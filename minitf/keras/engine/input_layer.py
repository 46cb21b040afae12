"""`InputLayer` and `Input`: where a functional or Sequential model's data comes in, as a
symbolic `KerasTensor` of a given shape and dtype."""
from ...framework import dtypes
from .. import backend
from . import keras_tensor
from .base_layer import Layer


class InputLayer(Layer):
    """The layer that stands for a model's input: it has no weights and passes data through.

    Args:
      input_shape: the shape of one example, without the batch dimension.
      batch_size: the batch dimension (default: any).
      dtype: the input's dtype (default float32).
      name: default "input_1", "input_2", ...

    Raises:
      ValueError: if neither `input_shape` nor `batch_input_shape` is given.
    """

    def __init__(self, input_shape=None, batch_size=None, dtype=None, name=None, **kwargs):
        batch_input_shape = kwargs.pop("batch_input_shape", None)
        if batch_input_shape is None:
            if input_shape is None:
                raise ValueError("You should provide an `input_shape` or a `batch_input_shape` "
                                 "to an InputLayer.")
            batch_input_shape = (batch_size,) + tuple(input_shape)
        super().__init__(name=name or backend.unique_object_name("input", zero_based=False),
                         dtype=dtype, **kwargs)
        self._batch_input_shape = tuple(batch_input_shape)
        self.built = True
        self.output = keras_tensor.input_tensor(self, self._batch_input_shape,
                                                dtypes.as_dtype(self.dtype), self.name)


def Input(shape=None, batch_size=None, name=None, dtype=None, **kwargs):  # noqa: N802 (Keras' name)
    """A symbolic input of `shape` (one example's shape; the batch dimension is added), for
    `Model(inputs, outputs)` or as the first element of a `Sequential` model.

    Raises:
      ValueError: if neither `shape` nor `batch_shape` is given.

    >>> x = minitf.keras.Input(shape=(3,), name="features")
    >>> x
    <KerasTensor: shape=(None, 3) dtype=float32 (created by layer 'features')>
    """
    batch_shape = kwargs.pop("batch_shape", None) or kwargs.pop("batch_input_shape", None)
    if shape is None and batch_shape is None:
        raise ValueError("Please provide to Input a `shape` or a `batch_shape` argument. Note "
                         "that `shape` does not include the batch dimension.")
    if batch_shape is None:
        batch_shape = (batch_size,) + tuple(shape)
    layer = InputLayer(batch_input_shape=batch_shape, dtype=dtype, name=name, **kwargs)
    return layer.output

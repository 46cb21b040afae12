"""The `minitf.keras` namespace: the parts of Keras 2 (tf.keras) that a custom training loop and
a small `fit` use: layers, `Sequential` and `Model`, losses, metrics, callbacks, optimizers,
initializers and activations."""
from . import (activations, backend, callbacks, initializers, layers, losses,  # noqa: F401
               metrics, optimizers, utils)
from .engine.input_layer import Input  # noqa: F401
from .engine.sequential import Sequential  # noqa: F401
from .engine.training import Model  # noqa: F401

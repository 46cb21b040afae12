"""`minitf.keras.layers`: the base `Layer`, the core layers and the input layer."""
from ..engine.base_layer import Layer  # noqa: F401
from ..engine.input_layer import Input, InputLayer  # noqa: F401
from .core import Activation, Dense, Dropout, Flatten  # noqa: F401

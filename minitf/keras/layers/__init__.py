"""`minitf.keras.layers`: the base `Layer`, the core, activation and merging layers and the input
layer."""
from ..engine.base_layer import Layer  # noqa: F401
from ..engine.input_layer import Input, InputLayer  # noqa: F401
from .activation import ReLU, Softmax  # noqa: F401
from .core import Activation, Dense, Dropout, Flatten  # noqa: F401
from .merging import Add, Concatenate, add, concatenate  # noqa: F401

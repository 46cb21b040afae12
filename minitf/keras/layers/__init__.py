"""`minitf.keras.layers`: the base `Layer`, the core, activation and merging layers, the input
layer, the convolutional and pooling layers and batch normalization."""
from ..engine.base_layer import Layer  # noqa: F401
from ..engine.input_layer import Input, InputLayer  # noqa: F401
from ..engine.input_spec import InputSpec  # noqa: F401
from .activation import ReLU, Softmax  # noqa: F401
from .convolutional import (AveragePooling2D, AvgPool2D, Conv2D, MaxPool2D,  # noqa: F401
                            MaxPooling2D)
from .core import Activation, Dense, Dropout, Flatten  # noqa: F401
from .merging import Add, Concatenate, add, concatenate  # noqa: F401
from .normalization import BatchNormalization  # noqa: F401

"""`minitf.compat.v1.initializers`: TensorFlow 1.x's initializer classes, by their short names."""
from ...ops.init_ops import (Constant as constant, GlorotUniform as glorot_uniform,  # noqa: F401
                             Ones as ones, RandomNormal as random_normal, Zeros as zeros)

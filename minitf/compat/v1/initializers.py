"""`minitf.compat.v1.initializers`: TensorFlow 1.x's initializer classes, by their short names."""
from ...ops.init_ops import (Constant as constant, GlorotUniform as glorot_uniform, Ones as ones,  # noqa: F401
                             RandomNormal as random_normal, Zeros as zeros)

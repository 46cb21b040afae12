"""`minitf.compat.v1.initializers`: TensorFlow 1.x's initializer classes, by their short names."""
from ...ops.init_ops import GlorotUniform as glorot_uniform  # noqa: F401
from ...ops.init_ops import Ones as ones  # noqa: F401
from ...ops.init_ops import RandomNormal as random_normal  # noqa: F401
from ...ops.init_ops import Zeros as zeros  # noqa: F401

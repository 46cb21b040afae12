"""The `minitf.math` namespace (TensorFlow's `tf.math`)."""
from .ops.manip_ops import invert_permutation  # noqa: F401
from .ops.math_ops import (abs, add, add_n, cast, divide, equal, exp, floordiv, floormod,  # noqa
                           greater, greater_equal, less, less_equal, log, matmul, multiply,
                           negative, not_equal, pow, reduce_mean, reduce_sum, sign, sqrt, square,
                           subtract, truediv)

mod = floormod

"""The `minitf.math` namespace (TensorFlow's `tf.math`)."""
from .ops.math_ops import (abs, add, add_n, cast, divide, equal, exp, floordiv, floormod,  # noqa
                           greater, greater_equal, less, less_equal, log, matmul, multiply,
                           negative, not_equal, pow, reduce_mean, reduce_sum, sign, sqrt, square,
                           subtract, truediv)
from .ops.nn_ops import log_softmax, sigmoid, softmax, softplus, tanh  # noqa: F401

mod = floormod

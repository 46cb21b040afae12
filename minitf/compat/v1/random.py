"""`minitf.compat.v1.random`: TensorFlow 1.x's `tf.random`."""
from ...ops.random_ops import random_normal as normal  # noqa: F401
from ...ops.random_ops import random_shuffle as shuffle  # noqa: F401
from ...ops.random_ops import random_uniform as uniform  # noqa: F401
from ...ops.random_ops import set_seed as set_random_seed  # noqa: F401
from ...ops.random_ops import truncated_normal  # noqa: F401

"""`minitf.compat.v1.random`: TensorFlow 1.x's `tf.random`."""
from ...ops.random_ops import (random_normal as normal, random_shuffle as shuffle,  # noqa: F401
                               random_uniform as uniform, set_seed as set_random_seed,
                               truncated_normal)
from ...ops.stateless_random_ops import stateless_normal, stateless_uniform  # noqa: F401

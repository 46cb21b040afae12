"""The `minitf.random` namespace (TensorFlow's `tf.random`); the seed rules are explained in
`minitf/ops/random_ops.py`."""
from .ops.random_ops import (random_normal as normal, random_shuffle as shuffle,  # noqa: F401
                             random_uniform as uniform, set_seed, truncated_normal)
from .ops.stateless_random_ops import stateless_normal, stateless_uniform  # noqa: F401
from .random_generator import Generator  # noqa: F401

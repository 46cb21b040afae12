"""The `minitf.random` namespace (TensorFlow's `tf.random`); the seed rules are explained in
`minitf/ops/random_ops.py`."""
from .ops.random_ops import random_normal as normal  # noqa: F401
from .ops.random_ops import random_shuffle as shuffle  # noqa: F401
from .ops.random_ops import random_uniform as uniform  # noqa: F401
from .ops.random_ops import set_seed, truncated_normal  # noqa: F401

"""The `minitf.bitwise` namespace (TensorFlow's `tf.bitwise`)."""
from .ops.logical_ops import bitwise_and, bitwise_or, bitwise_xor, invert  # noqa: F401

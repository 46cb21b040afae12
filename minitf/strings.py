"""The `minitf.strings` namespace (TensorFlow's `tf.strings`)."""
from .ops.string_ops import (as_string, format, join, length, lower, reduce_join,  # noqa: F401
                             strip, to_number, upper)
from .ragged.ragged_string_ops import bytes_split, split  # noqa: F401

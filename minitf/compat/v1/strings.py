"""`minitf.compat.v1.strings`: TensorFlow 1.x's `tf.strings`, whose `split` gives a
SparseTensor."""
from ...ops.string_ops import (as_string, format, join, length, lower,  # noqa: F401
                               reduce_join, strip, to_number, upper)
from ...ragged.ragged_string_ops import split_v1 as split  # noqa: F401

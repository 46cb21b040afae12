"""`tf.compat.v1.contrib`: the parts of TensorFlow 1.x's contrib that minitf provides."""
from . import opt  # noqa: F401

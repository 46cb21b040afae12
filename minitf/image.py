"""The `minitf.image` namespace (TensorFlow's `tf.image`)."""
from .ops.image_ops import flip_left_right, flip_up_down, resize  # noqa: F401

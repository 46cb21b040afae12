"""The `minitf.linalg` namespace (TensorFlow's `tf.linalg`)."""
from .ops.clip_ops import global_norm  # noqa: F401
from .ops.math_ops import matmul  # noqa: F401
from .ops.reduction_ops import norm  # noqa: F401

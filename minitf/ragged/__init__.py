"""The `minitf.ragged` namespace (TensorFlow's `tf.ragged`): ragged tensors, whose rows may
have different lengths."""
from .ragged_tensor import RaggedTensorValue, constant, map_flat_values  # noqa: F401

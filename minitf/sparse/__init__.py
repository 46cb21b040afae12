"""The `minitf.sparse` namespace (TensorFlow's `tf.sparse`): tensors stored as the positions
and values of their non-zero entries."""
from .sparse_ops import add, from_dense, reorder, to_dense  # noqa: F401
from .sparse_tensor import SparseTensor, SparseTensorValue  # noqa: F401

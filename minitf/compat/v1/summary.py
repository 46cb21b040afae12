"""`tf.compat.v1.summary`: summary ops in a graph and the FileWriter that writes them."""
from ...summary.v1 import FileWriter, histogram, merge, merge_all, scalar  # noqa: F401

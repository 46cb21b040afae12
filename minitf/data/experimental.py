"""`minitf.data.experimental`: the names older TensorFlow 2 scripts use for the constants."""
from .dataset_ops import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY  # noqa: F401

"""`minitf.data`: input pipelines, as `tf.data` (`Dataset` and its cardinality constants)."""
from . import experimental  # noqa: F401
from .dataset_ops import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset  # noqa: F401

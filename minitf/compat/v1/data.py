"""`compat.v1.data`: TensorFlow 1.x input pipelines, the same `Dataset` with iterators that give
graph tensors to `Session.run`."""
from ...data import experimental  # noqa: F401
from ...data.dataset_ops import (AUTOTUNE, INFINITE_CARDINALITY,  # noqa: F401
                                 UNKNOWN_CARDINALITY, Dataset)
from ...data.iterator_ops import (Iterator, make_initializable_iterator,  # noqa: F401
                                  make_one_shot_iterator)

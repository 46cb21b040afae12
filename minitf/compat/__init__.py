"""`minitf.compat`: the TensorFlow 1.x namespace lives in `minitf.compat.v1`; `dimension_value`
and `dimension_at_index` bridge 1.x's `Dimension`s and 2.x's ints, as `tf.compat`'s do."""
from ..framework.dimension import dimension_value  # noqa: F401
from ..framework.shapes import dimension_at_index  # noqa: F401
from . import v1  # noqa: F401

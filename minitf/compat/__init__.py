"""`minitf.compat`: the TensorFlow 1.x namespace lives in `minitf.compat.v1`."""
from . import v1  # noqa: F401

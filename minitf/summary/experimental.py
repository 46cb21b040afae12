"""`minitf.summary.experimental`: the default step, as TensorFlow spells it."""
from .writer import get_step, set_step  # noqa: F401

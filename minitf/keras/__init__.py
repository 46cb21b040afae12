"""The `minitf.keras` namespace: the parts of Keras that minitf provides (optimizers)."""
from . import optimizers  # noqa: F401

"""The `minitf.keras` namespace: the parts of Keras that minitf provides (initializers,
optimizers)."""
from . import initializers, optimizers  # noqa: F401

"""The TensorFlow 2.x optimizers (also reachable as `minitf.keras.optimizers`)."""
from .optimizer_v2 import SGD, Optimizer

__all__ = ["Optimizer", "SGD"]

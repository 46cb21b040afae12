"""The TensorFlow 2.x optimizers (also reachable as `minitf.keras.optimizers`), their
learning-rate schedules, and `scipy_minimize`."""
from . import schedules
from .optimizer_v2 import SGD, Adagrad, Adam, Optimizer, RMSprop
from .scipy_optimizer import scipy_minimize

__all__ = ["Optimizer", "SGD", "Adam", "RMSprop", "Adagrad", "schedules", "scipy_minimize"]

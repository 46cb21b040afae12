"""`minitf.keras.optimizers`: the TensorFlow 2.x optimizers, as Keras exposes them."""
from ..optimizers import SGD, Adagrad, Adam, Optimizer, RMSprop, schedules  # noqa: F401

"""`minitf.keras.optimizers`: the TensorFlow 2.x optimizers, as Keras exposes them, and `get`,
which `Model.compile` uses to take them by name."""
from ..optimizers import SGD, Adagrad, Adam, Optimizer, RMSprop, schedules  # noqa: F401

_BY_NAME = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop, "adagrad": Adagrad}


def get(identifier):
    """An optimizer: `identifier` itself, or a new one with its defaults from a name ("adam",
    "SGD", ... in any case).

    Raises:
      ValueError: for anything else.

    >>> minitf.keras.optimizers.get("adam").name
    'Adam'
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    raise ValueError("Could not interpret optimizer identifier: %s" % (identifier,))

"""`minitf.keras.optimizers`: the TensorFlow 2.x optimizers, as Keras exposes them, and `get`,
which `Model.compile` uses to take them by name."""
from ..optimizers import SGD, Adagrad, Adam, Optimizer, RMSprop, schedules  # noqa: F401

_BY_NAME = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop, "adagrad": Adagrad}


def get(identifier):
    """An optimizer: `identifier` itself, or a new one with its defaults from a name ("adam",
    "SGD", ... in any case).

    Raises:
      ValueError: for an unknown name ("Unknown optimizer") or anything else.

    >>> minitf.keras.optimizers.get("adam").name
    'Adam'
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if not isinstance(identifier, str):
        raise ValueError("Could not interpret optimizer identifier: %s" % (identifier,))
    if identifier.lower() not in _BY_NAME:
        raise ValueError("Unknown optimizer: '%s'. Please ensure you are using a "
                         "`keras.utils.custom_object_scope` and that this object is included in "
                         "the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize"
                         "#registering_the_custom_object for details." % (identifier,))
    return _BY_NAME[identifier.lower()]()

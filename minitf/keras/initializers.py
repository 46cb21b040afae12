"""`minitf.keras.initializers` (also `minitf.initializers`): the TensorFlow 2.x initializers, and
`get`, which layers use to take them by name ("glorot_uniform", "zeros", ...)."""
from ..ops.init_ops_v2 import (Constant, GlorotUniform, Initializer, Ones,  # noqa: F401
                                RandomNormal, Zeros)

constant, glorot_uniform, ones = Constant, GlorotUniform, Ones
random_normal, zeros = RandomNormal, Zeros

_BY_NAME = {"glorot_uniform": GlorotUniform, "zeros": Zeros, "ones": Ones,
            "random_normal": RandomNormal, "constant": Constant}


def get(identifier):
    """An initializer from its name (snake_case or the class name), or `identifier` itself
    when it is already callable.

    Raises:
      ValueError: for an unknown name.

    >>> minitf.keras.initializers.get("ones")([2])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 1.], dtype=float32)>
    """
    if callable(identifier):
        return identifier
    by_class = {cls.__name__: cls for cls in _BY_NAME.values()}
    cls = _BY_NAME.get(identifier) or by_class.get(identifier)
    if cls is None:
        raise ValueError("Unknown initializer: '%s'. Please ensure you are using a "
                         "`keras.utils.custom_object_scope` and that this object is included in "
                         "the scope." % (identifier,))
    return cls()

"""`minitf.keras.activations`: the activation functions layers take by name ("relu", ...).

`sigmoid` and `softmax` remember the logits they were computed from, as Keras does, so that
the crossentropy losses compute from those logits (more accurately) instead of from the
probabilities: for eager tensors in a table here (`logits_of`), for graph tensors by looking at
the op that made them.
"""
import weakref

from ..framework.tensor import EagerTensor
from ..ops import activation_ops, nn_ops
from ..ops.registry import convert_to_tensor

_logits = {}  # id(probabilities) -> (weak reference to them, the logits)


def _remember_logits(output, x):
    if isinstance(output, EagerTensor):  # no op to look at later
        _logits[id(output)] = (weakref.ref(output, lambda _, k=id(output): _logits.pop(k, None)),
                               x)
    return output


def logits_of(output, op_type):
    """The logits that `output` was computed from by `op_type` ("Sigmoid" or "Softmax"), or
    None when `output` was not computed so."""
    remembered = _logits.get(id(output))
    if remembered is not None and remembered[0]() is output:
        return remembered[1]
    op = getattr(output, "op", None)
    if op is not None and op.type == op_type:
        return op.inputs[0]
    return None


def linear(x):
    """The identity: `x` unchanged."""
    return x


def relu(x):
    """max(x, 0)."""
    return activation_ops.relu(x)


def sigmoid(x):
    """1 / (1 + exp(-x)).

    >>> minitf.keras.activations.sigmoid(minitf.constant([0.0]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5], dtype=float32)>
    """
    x = convert_to_tensor(x)
    return _remember_logits(activation_ops.sigmoid(x), x)


def softmax(x, axis=-1):
    """exp(x) / sum(exp(x)) along `axis`.

    Raises:
      ValueError: if `x` has rank 1 (Keras needs a batch dimension).
    """
    x = convert_to_tensor(x)
    if x.shape.rank is not None and x.shape.rank <= 1:
        raise ValueError("Cannot apply softmax to a tensor that is 1D. Received input: %s" % x)
    return _remember_logits(nn_ops.softmax(x, axis=axis), x)


def tanh(x):
    return activation_ops.tanh(x)


def elu(x):
    return activation_ops.elu(x)


def selu(x):
    return activation_ops.selu(x)


def softplus(x):
    return activation_ops.softplus(x)


def gelu(x, approximate=False):
    return activation_ops.gelu(x, approximate=approximate)


def swish(x):
    return activation_ops.silu(x)


_BY_NAME = {"linear": linear, "relu": relu, "sigmoid": sigmoid, "softmax": softmax,
            "tanh": tanh, "elu": elu, "selu": selu, "softplus": softplus, "gelu": gelu,
            "swish": swish, "silu": swish}


def get(identifier):
    """The activation function for `identifier`: a name, a callable (returned as is), or None
    (the identity).

    Raises:
      ValueError: for an unknown name.

    >>> minitf.keras.activations.get("relu")(minitf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
    """
    if identifier is None:
        return linear
    if callable(identifier):
        return identifier
    if isinstance(identifier, str) and identifier in _BY_NAME:
        return _BY_NAME[identifier]
    raise ValueError("Unknown activation function '%s' cannot be deserialized." % (identifier,))

"""`minitf.keras.backend`: the little process state Keras keeps: the counters that name layers
("dense", "dense_1", ...), the fuzz factor `epsilon`, and the stack of layer calls in progress,
which carries the `training` flag from a model down to the layers it calls.
"""
import collections
import contextlib
import re

_uids = collections.defaultdict(int)
_training = []  # the `training` value of each layer call in progress, innermost last


def epsilon():
    """The fuzz factor that keeps logarithms and divisions finite: 1e-7."""
    return 1e-7


def floatx():
    """The default float type of layers and metrics: "float32"."""
    return "float32"


def clear_session():
    """Forgets the layer names used so far: the next Dense is "dense" again.

    >>> minitf.keras.backend.clear_session()
    >>> minitf.keras.layers.Dense(1).name, minitf.keras.layers.Dense(1).name
    ('dense', 'dense_1')
    """
    _uids.clear()


def unique_object_name(base, zero_based=True):
    """`base` the first time, then `base_1`, `base_2` ... (from `base_1` when not
    `zero_based`)."""
    n = _uids[base]
    _uids[base] += 1
    if zero_based and n == 0:
        return base
    return "%s_%d" % (base, n if zero_based else n + 1)


def to_snake_case(name):
    """'MyModel' -> 'my_model', 'ReLU' -> 're_lu', as Keras names layers after their class."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
    return "private" + name if name[0] == "_" else name


def in_layer_call():
    """Whether a layer call is in progress (so the call being made is not the outermost)."""
    return bool(_training)


def outer_training():
    """The `training` value of the innermost layer call in progress that has one, or None."""
    return next((t for t in reversed(_training) if t is not None), None)


@contextlib.contextmanager
def layer_call(training):
    _training.append(training)
    try:
        yield
    finally:
        _training.pop()

"""Whether AutoGraph is on for the code being traced now: off inside a `function` traced with
`autograph=False`, on inside one traced with `autograph=True`, and on elsewhere (a TF1 graph),
as TensorFlow's `control_status_ctx`. Keras reads it to convert a custom layer's `call` when
the layer is called while a graph is built.
"""
import contextlib
import threading

_state = threading.local()


def conversion_enabled():
    """Whether code called now (while a graph is built) is to be converted."""
    return getattr(_state, "enabled", True)


@contextlib.contextmanager
def conversion(enabled):
    """Sets `conversion_enabled()` inside the `with`, restoring it after."""
    saved = conversion_enabled()
    _state.enabled = bool(enabled)
    try:
        yield
    finally:
        _state.enabled = saved

"""The warning that a `function` traces too often, counted as TensorFlow counts: per Python
function (its code, so that a `function` made anew in a loop around the same code counts too),
over the calls since the oldest of its last traces that fit in a window of 10 calls; it warns
when 5 traces fall in that window, at most twice per Python function. The warning is a log
record of the "tensorflow" logger, in TensorFlow's words."""
from .framework.tf_logging import get_logger

_THRESHOLD, _WINDOW, _MOST_WARNINGS = 5, 10, 2


class _Calls:
    def __init__(self):
        self.per_trace = []  # for each recent trace: the calls it served, its own included
        self.count = 0       # the calls those traces served
        self.warnings = 0


_calls = {}


def _key(python_function):
    f = python_function
    while hasattr(f, "__wrapped__"):
        f = f.__wrapped__
    f = getattr(f, "__func__", f)
    return getattr(f, "__code__", f)


def record_call(python_function, traced):
    """Counts one call of a function of `python_function`; `traced` if it made a new trace.
    Logs a warning when the function traces too often."""
    calls = _calls.setdefault(_key(python_function), _Calls())
    calls.count += 1
    if not traced:
        if not calls.per_trace:
            calls.per_trace.append(0)
        calls.per_trace[-1] += 1
        return
    calls.per_trace.append(1)
    while calls.count - calls.per_trace[0] > _WINDOW:
        calls.count -= calls.per_trace.pop(0)
    if len(calls.per_trace) >= _THRESHOLD and calls.warnings < _MOST_WARNINGS:
        calls.warnings += 1
        get_logger().warning(
            "%d out of the last %d calls to %s triggered tf.function retracing. Tracing is "
            "expensive and the excessive number of tracings could be due to (1) creating "
            "@tf.function repeatedly in a loop, (2) passing tensors with different shapes, (3) "
            "passing Python objects instead of tensors. For (1), please define your "
            "@tf.function outside of the loop. For (2), @tf.function has reduce_retracing=True "
            "option that can avoid unnecessary retracing. For (3), please refer to "
            "https://www.tensorflow.org/guide/function#controlling_retracing and "
            "https://www.tensorflow.org/api_docs/python/tf/function for  more details.",
            len(calls.per_trace), calls.count, python_function)

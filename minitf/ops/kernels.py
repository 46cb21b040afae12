"""Helpers for writing numpy kernels: `quiet` for kernels that may give inf or nan (TensorFlow
gives them silently, numpy warns), `numpy_silenced` for a whole plan's run, and `scipy_special`,
imported on first use.
"""
import functools
import threading

import numpy as np


try:  # numpy 2 keeps its error state in a context variable: silencing it is one set and reset
    from numpy._core.umath import _extobj_contextvar, _make_extobj
    _silence = functools.partial(_extobj_contextvar.set, _make_extobj(all="ignore"))
    _restore = _extobj_contextvar.reset
except ImportError:  # numpy 1, where np.errstate itself calls np.seterr
    _silence = functools.partial(np.seterr, all="ignore")
    _restore = lambda old: np.seterr(**old)  # noqa: E731


class _NumpySilenced(threading.local):
    """A context with numpy's floating-point warnings off (TensorFlow gives inf and nan
    silently); `depth` tells kernels whether they run inside one. Per thread, like numpy's
    own error state."""

    def __init__(self):
        self.depth = 0

    def __enter__(self):
        if self.depth == 0:
            self._token = _silence()
        self.depth += 1

    def __exit__(self, *exc):
        self.depth -= 1
        if self.depth == 0:
            _restore(self._token)


numpy_silenced = _NumpySilenced()


def quiet(kernel):
    """A kernel that returns inf/nan where numpy would also warn (as TensorFlow does). A plan
    silences numpy once for its whole run (`numpy_silenced`) and calls the kernel itself
    (`plan_kernel`); kernels called eagerly inside such a run skip this wrapper's own
    silencing, and so do kernels given an integer or boolean array first, which numpy never
    warns about. The wrapper sets numpy's error state directly: `np.errstate` does the
    same at five times the cost."""
    @functools.wraps(kernel)
    def run(*args, **kwargs):
        first = args[0]
        if numpy_silenced.depth or type(first) is np.ndarray and first.dtype.kind in "biu":
            return kernel(*args, **kwargs)
        token = _silence()
        try:
            return kernel(*args, **kwargs)
        finally:
            _restore(token)
    run.plan_kernel = getattr(kernel, "plan_kernel", kernel)
    return run


@functools.lru_cache(maxsize=None)
def scipy_special():
    """scipy.special, imported on first use: importing it takes longer than all of minitf."""
    from scipy import special
    return special

"""Helpers for writing numpy kernels: `quiet` for kernels that may give inf or nan (TensorFlow
gives them silently, numpy warns), `silence_numpy` / `restore_numpy` for a whole plan's run,
and `scipy_special`, imported on first use.
"""
import functools

import numpy as np


# silence_numpy() turns numpy's floating-point warnings off for this thread (TensorFlow gives inf
# and nan silently) and returns the token with which restore_numpy(token) turns them back.
try:  # numpy 2 keeps its error state in a context variable: silencing it is one set and reset
    from numpy._core.umath import _extobj_contextvar, _make_extobj
    silence_numpy = functools.partial(_extobj_contextvar.set, _make_extobj(all="ignore"))
    restore_numpy = _extobj_contextvar.reset
except ImportError:  # numpy 1, where np.errstate itself calls np.seterr
    silence_numpy = functools.partial(np.seterr, all="ignore")
    restore_numpy = lambda old: np.seterr(**old)  # noqa: E731

_LOUD = {}  # each `quiet` kernel -> the kernel it wraps


def quiet(kernel):
    """A kernel that returns inf/nan where numpy would also warn (as TensorFlow does). A plan
    silences numpy once for its whole run and calls the kernel itself (`plan_kernel`); this
    wrapper skips silencing for kernels given an integer or boolean array first, which numpy
    never warns about. Eager dispatch does the same around `loud(kernel)` without calling the
    wrapper. It sets numpy's error state directly: `np.errstate` does the same at five times
    the cost."""
    @functools.wraps(kernel)
    def run(*args, **kwargs):
        first = args[0]
        if type(first) is np.ndarray and first.dtype.kind in "biu":
            return kernel(*args, **kwargs)
        token = silence_numpy()
        try:
            return kernel(*args, **kwargs)
        finally:
            restore_numpy(token)
    run.plan_kernel = getattr(kernel, "plan_kernel", kernel)
    _LOUD[run] = kernel
    return run


def loud(kernel):
    """The kernel that `kernel` silences, if it is a `quiet` one (not wrapped again); else None.
    (Not an attribute of the wrapper: `functools.wraps` would copy it to a wrapper around it.)"""
    return _LOUD.get(kernel)


@functools.lru_cache(maxsize=None)
def scipy_special():
    """scipy.special, imported on first use: importing it takes longer than all of minitf."""
    from scipy import special
    return special

"""`minitf.autograph.experimental`: directives for code that AutoGraph converts."""
import functools


def do_not_convert(func=None):
    """Marks `func` to be called as it is, never converted (also usable as a decorator)."""
    if func is None:
        return do_not_convert

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    wrapper.__ag_do_not_convert__ = True
    return wrapper


def set_loop_options(parallel_iterations=None, swap_memory=None, maximum_iterations=None,
                     shape_invariants=None):
    """Options of the loop whose body starts with this call: AutoGraph reads them from the
    source (e.g. `shape_invariants=[(x, minitf.TensorShape([None]))]` lets `x` change shape);
    called as code, it does nothing."""

"""`minitf.config`: switches that change how programs run."""

_run_functions_eagerly = False


def run_functions_eagerly(run_eagerly):
    """With True, every `minitf.function` runs its Python code eagerly instead of a traced
    graph: for debugging with print and breakpoints."""
    global _run_functions_eagerly
    _run_functions_eagerly = bool(run_eagerly)


def functions_run_eagerly():
    return _run_functions_eagerly

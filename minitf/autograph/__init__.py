"""AutoGraph: Python control flow in a traced `function` made into graph control flow.

`function` converts the Python function it traces (unless `autograph=False`): a source
transformation turns `if`, `while` and `for` (with `break`, `continue` and `return` inside)
into calls that run as Python when the condition or iterable is a Python value, and build
`cond` / `while_loop` when it is a tensor, as TensorFlow's AutoGraph does.
"""
from . import ag_ctx, experimental  # noqa: F401
from .experimental import do_not_convert  # noqa: F401
from .transpiler import convert, source_of


def to_code(entity, recursive=True, experimental_optional_features=None):
    """The source code AutoGraph makes of `entity` (a function, or a `minitf.function`).

    Raises:
      ValueError: if its source is not available.

    >>> def f(x):
    ...     if x > 0:
    ...         x = -x
    ...     return x
    >>> "ag__.if_stmt" in minitf.autograph.to_code(f)
    True
    """
    return source_of(getattr(entity, "python_function", entity))


def to_graph(entity, recursive=True, experimental_optional_features=None):
    """The converted version of function `entity`: called while a graph is built, its tensor
    conditions and loops become graph control flow."""
    return convert(getattr(entity, "python_function", entity))

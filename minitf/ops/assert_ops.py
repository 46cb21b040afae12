"""`Assert`: raises InvalidArgumentError when its condition is false where it runs, eagerly or
each time a graph runs it (it runs for its effect, like `print`).
"""
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import Tensor
from .logging_ops import format_value
from .registry import execute, register


def _assert_kernel(condition, *values, template, summarize):
    if condition.all():
        return
    it = iter(values)
    shown = []
    for t in template:  # each item in brackets: a string or scalar in its own, a list in its
        v = None if t is not None else next(it)
        text = t if t is not None else format_value(v, summarize)
        shown.append(text if v is not None and v.ndim else "[%s]" % text)
    raise InvalidArgumentError(None, None, "assertion failed: %s" % " ".join(shown))


register("Assert", "condition: bool, data: N*any", _assert_kernel, lambda inputs, **_: [],
         None, writes=True)


def Assert(condition, data, summarize=None, name=None):  # noqa: N802 - TensorFlow's name
    """Checks that `condition` (a bool tensor) is all true when the op runs; if not, raises
    InvalidArgumentError showing `data` (tensors and strings). In a graph it returns the op,
    to run or to add as a control dependency; eagerly it checks at once and returns None.

    Raises:
      InvalidArgumentError: when the condition is false.

    >>> minitf.Assert(minitf.constant(1) > 0, ["one is positive"])
    """
    data = list(data)
    template = [None if isinstance(d, Tensor) or hasattr(d, "_to_tensor") else str(d)
                for d in data]
    tensors = [d for d, t in zip(data, template) if t is None]
    return execute("Assert", [condition, tensors],
                   {"template": template, "summarize": 3 if summarize is None else summarize},
                   name=name or "Assert")

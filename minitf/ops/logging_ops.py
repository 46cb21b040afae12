"""`print`: writes tensor values when the op runs, eagerly or on every call of a graph.

Values are written as TensorFlow writes them: integers plainly, booleans as 1/0, floats with
the fewest digits that read back to the same number, strings quoted (with C escapes), complex
numbers as "?", and only the first and last `summarize` entries of each dimension. A lone
scalar string tensor is written as its text.
"""
import sys

import numpy as np

from .. import nest
from ..framework import dtypes
from ..framework.tensor import Tensor
from .registry import convert_to_tensor, execute, register


class _Shown:
    """A formatted value that shows as itself inside a printed list or dict."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text

    __str__ = __repr__


def format_value(a, summarize=3):
    a = np.asarray(a)
    if a.ndim == 0:
        return _scalar(a[()])
    return _format(a, summarize, 1)


def _scalar(v):
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, bytes):
        return '"%s"' % "".join(map(_escaped, v.decode("utf-8", errors="replace")))
    if isinstance(v, np.complexfloating):
        return "?"
    if isinstance(v, np.floating):
        short, full = (15, 17) if v.dtype == np.float64 else (6, 9)
        text = "%.*g" % (short, v)
        return text if type(v)(text) == v else "%.*g" % (full, v)
    return str(v)


def _format(a, summarize, depth):
    n = len(a)
    if summarize < 0 or n <= 2 * summarize:
        parts = [_item(x, summarize, depth) for x in a]
    else:
        parts = [_item(x, summarize, depth) for x in a[:summarize]] + ["..."] + \
                [_item(x, summarize, depth) for x in a[n - summarize:]]
    sep = " " if a.ndim == 1 else "\n" + " " * depth
    return "[" + sep.join(parts) + "]"


def _item(x, summarize, depth):
    return _scalar(x) if np.ndim(x) == 0 else _format(x, summarize, depth + 1)


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "'": "\\'", "\\": "\\\\"}


def _escaped(c):
    if c in _ESCAPES:
        return _ESCAPES[c]
    return "\\%03o" % ord(c) if ord(c) < 32 or ord(c) == 127 else c


# Mark where a tensor's value goes in what print was given (TEXT_SLOT: a lone scalar string
# tensor, written as its text); public because saved_model encodes them.
TENSOR_SLOT = object()
TEXT_SLOT = object()


def _print_kernel(*values, template, output_stream, sep, end, summarize):
    it = iter(values)
    texts = []
    for structure, leaves in template:
        filled = [_Shown(format_value(next(it), summarize)) if leaf is TENSOR_SLOT else
                  _Shown(next(it)[()].decode("utf-8", errors="replace")) if leaf is TEXT_SLOT else leaf
                  for leaf in leaves]
        texts.append(str(nest.pack_sequence_as(structure, filled)))
    output_stream.write(sep.join(texts) + end)


register("PrintV2", "inputs: N*any", _print_kernel, lambda inputs, **_: [], None, writes=True)


def print(*inputs, output_stream=None, summarize=3, sep=" ", end="\n", name=None):  # noqa: A001
    """Prints `inputs` (tensors, Python values, or structures of them) when it runs: at once
    when executing eagerly, on every run or call in a graph or function (where it returns the
    op to run). Writes to standard error unless `output_stream` is given.

    >>> import sys
    >>> minitf.print("x =", minitf.constant([1.0, 2.5]), output_stream=sys.stdout)
    x = [1 2.5]
    """
    tensors, template = [], []
    for x in inputs:
        leaves = []
        for leaf in nest.flatten(x):
            if isinstance(leaf, Tensor) or hasattr(leaf, "_to_tensor"):
                t = convert_to_tensor(leaf)
                tensors.append(t)
                lone_text = len(inputs) == 1 and t.dtype is dtypes.string and t.shape.rank == 0
                leaves.append(TEXT_SLOT if lone_text and leaf is x else TENSOR_SLOT)
            else:
                leaves.append(leaf)
        template.append((x, leaves))
    return execute("PrintV2", [tensors], {
        "template": template, "output_stream": sys.stderr if output_stream is None else
        output_stream, "sep": sep, "end": end, "summarize": summarize}, name=name or "PrintV2")

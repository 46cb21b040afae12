"""`py_function`: eager Python code as one op of a graph, a traced function or a tape.

The op (EagerPyFunc, in ops/script_ops.py) holds an `_EagerFunc`. Each run calls the Python
function on eager tensors, executing eagerly whatever the mode around it, under a tape of its
own that watches the floating inputs; the tape of the latest run is kept, and the op's gradient
is a second EagerPyFunc whose `_EagerFunc` asks that tape for the gradients. In a graph the
gradient op takes the forward outputs as inputs too, so it always runs after the forward op of
the same run. Errors raised by the Python code surface as UnknownError (a wrong output dtype as
InvalidArgumentError), as in TensorFlow.
"""
import numpy as np

from . import nest
from .autodiff.tape import GradientTape
from .framework import dtypes
from .framework.context import eager_mode
from .framework.errors import InvalidArgumentError, OpError, UnknownError
from .framework.tensor import EagerTensor, SymbolicTensor
from .ops import fill_ops, script_ops  # noqa: F401 (script_ops registers EagerPyFunc)
from .ops.registry import convert_to_tensor, execute


class _EagerFunc:
    """A Python function of eager tensors with the dtypes of its outputs; `last` holds the tape,
    arguments and outputs of its latest run."""

    def __init__(self, fn, tout):
        self.fn, self.tout, self.last = fn, tout, None

    def run(self, arrays):
        tape = GradientTape(persistent=True)
        with eager_mode(), tape:
            args = [EagerTensor(a) for a in arrays]
            for a in args:
                if a.dtype.is_floating:
                    tape.watch(a)
            try:
                out = self.fn(*args)
            except OpError:
                raise
            except Exception as e:
                raise UnknownError(None, None, "%s: %s" % (type(e).__name__, e)) from None
            outs = [] if out is None else nest.flatten(out)
            if len(outs) != len(self.tout):
                raise InvalidArgumentError(None, None, "The Python function returned %d values, "
                                           "but %d were declared in Tout." % (len(outs),
                                                                              len(self.tout)))
            try:
                outs = [convert_to_tensor(v, d) for v, d in zip(outs, self.tout)]
            except (TypeError, ValueError) as e:
                raise InvalidArgumentError(None, None, "%s: %s" % (type(e).__name__, e)) from None
        self.last = (tape, args, outs)
        return [np.asarray(t.numpy()) for t in outs]

    def gradient(self, op, dys):
        sources = [t for t in op.inputs if t.dtype.is_floating]
        if not sources:
            return [None] * len(op.inputs)
        dys = [fill_ops.zeros_like(y) if dy is None else dy for y, dy in zip(op.outputs, dys)]
        grads = execute("EagerPyFunc", [list(dys) + list(op.outputs)],
                        {"func": _GradientFunc(self, len(dys)),
                         "Tout": [t.dtype for t in sources]})
        for g, t in zip(grads, sources):
            if isinstance(g, SymbolicTensor):
                g.set_shape(t.shape)
        grads = iter(grads)
        return [next(grads) if t.dtype.is_floating else None for t in op.inputs]


class _GradientFunc:
    """The gradient of the latest run of an `_EagerFunc`, for output gradients `dys`."""

    def __init__(self, forward, n):
        self.forward, self.n = forward, n

    def run(self, arrays):
        tape, args, outs = self.forward.last
        dys = [EagerTensor(a) for a in arrays[:self.n]]
        with eager_mode():
            grads = tape.gradient(outs, [a for a in args if a.dtype.is_floating],
                                  output_gradients=dys, unconnected_gradients="zero")
        return [np.asarray(g.numpy()) for g in grads]

    def gradient(self, op, dys):
        raise NotImplementedError("minitf does not differentiate the gradient of a py_function.")


def py_function(func, inp, Tout, name=None):
    """Runs the Python function `func` on eager tensors as one op: at once when executing
    eagerly, and on every run of the graph or traced function it is part of. Gradients flow
    to the floating inputs through the minitf ops that `func` runs.

    Args:
      func: a Python function of len(inp) tensors returning a tensor, or a list of them.
      inp: the input tensors (or values convertible to tensors).
      Tout: the dtype of the output, or a list of dtypes (then a list is returned).

    Returns:
      A tensor (of unknown shape in a graph), or a list of them when `Tout` is a list.

    Raises:
      UnknownError: when `func` raises (InvalidArgumentError for an output of another dtype).

    >>> minitf.py_function(lambda x: x * 2.0, [minitf.constant([1.0, 2.0])], minitf.float32)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>
    """
    single = not isinstance(Tout, (list, tuple))
    tout = [dtypes.as_dtype(d) for d in ([Tout] if single else Tout)]
    outs = execute("EagerPyFunc", [list(inp)], {"func": _EagerFunc(func, tout), "Tout": tout},
                   name=name or "EagerPyFunc")
    return outs[0] if single else outs

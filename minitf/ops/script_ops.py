"""EagerPyFunc, the op that runs Python code (`py_function`) inside a graph or a function.

Its behaviour is an object (attr `func`, see minitf/py_function.py): the kernel calls
`func.run(arrays)`, and the gradient calls `func.gradient(op, dys)`, which builds another
EagerPyFunc that differentiates the tape of the forward run. So the Python code runs eagerly in
every mode, and gradients flow through it when it is written with minitf ops.
"""
from ..framework.shapes import TensorShape
from .registry import register

register("EagerPyFunc", "input: N*any", lambda *args, func, Tout: func.run(args),
         lambda inputs, func, Tout: [(d, TensorShape(None)) for d in Tout],
         lambda op, *dys: op.get_attr("func").gradient(op, dys), multi=True, writes=True,
         none_for_unused=True)

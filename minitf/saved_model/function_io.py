"""Traced functions to and from plain data: the graph part of minitf's SavedModel format.

A ConcreteFunction becomes a JSON-ready dict (format described in saved_model/__init__.py):
its ops in creation order (each: name, type, inputs as "op:index", control inputs, attrs), its
argument placeholders, what each captured value is (a saved variable, or a constant), and its
output structure. Attr values are encoded by `_encode`: numbers, strings, bytes (base64), lists,
dtypes and shapes as JSON, arrays as keys into the arrays saved beside (npz), nested functions
by name. Python objects that cannot be saved as data (the function of a py_function, say) are
refused with a ValueError naming the op. Restoring adds the ops again, in the same order and
with the same names, through `execute` into a new FuncGraph, so shape rules, dtypes and
gradients are those of the registry.
"""
import base64
import sys

import numpy as np

from ..control_flow.graph_function import GraphFunction
from ..framework import dtypes
from ..framework.shapes import TensorShape
from ..framework.tensor import EagerTensor, Tensor
from ..func_graph import FuncGraph
from ..function import ConcreteFunction
from ..ops.logging_ops import TENSOR_SLOT, TEXT_SLOT
from ..ops.registry import execute
from ..ops.strided_slice_ops import Bound

_STREAMS = {"stdout": lambda: sys.stdout, "stderr": lambda: sys.stderr}


class Writer:
    """Collects the functions and arrays of one SavedModel while they are encoded.

    Args:
      variable_index: maps id(handle) of each saved variable's eager handle to its index.
    """

    def __init__(self, variable_index):
        self.variable_index = variable_index
        self.functions = {}   # name -> encoded function
        self.arrays = {}      # key -> numpy array
        self._names = {}      # id(ConcreteFunction) -> name

    def add_function(self, f):
        """Encodes ConcreteFunction `f` (and the functions it calls); returns its name."""
        name = self._names.get(id(f))
        if name is None:
            name = self._names[id(f)] = "%s_%d" % (f.name, len(self._names))
            self.functions[name] = None  # reserved: a function may call itself only once
            self.functions[name] = self._encode_function(f)
        return name

    def add_array(self, a):
        """Keeps array `a` for the npz file; strings (object arrays of bytes) as bytes arrays,
        which need no pickle."""
        key = "a%d" % len(self.arrays)
        a = np.asarray(a)
        self.arrays[key] = a.astype(bytes) if a.dtype == object else a
        return key

    def _encode_ops(self, graph):
        return [{"name": op.name, "type": op.type, "inputs": _grouped_inputs(op),
                 "control_inputs": [c.name for c in op.control_inputs],
                 "attrs": {k: self._encode(v, op, k) for k, v in sorted(op.attrs.items())}}
                for op in graph.get_operations()]

    def _encode_function(self, f):
        graph = f.graph
        return {"ops": self._encode_ops(graph), "args": [t.name for t in f.args],
                "captures": [[p.name, self._capture(v, p)] for v, p in graph.captures],
                "outputs": [t.name for t in f.outputs],
                "structured_outputs": _encode_structure(f.structured_outputs),
                "effects": [op.name for op in f.effects],
                "variables": [self.variable_index[id(v.handle)] for v in graph.variables
                              if id(v.handle) in self.variable_index]}

    def _capture(self, value, placeholder):
        if id(value) in self.variable_index:
            return {"variable": self.variable_index[id(value)]}
        if isinstance(value, EagerTensor) and value.dtype is not dtypes.resource:
            return {"constant": self.add_array(value.numpy())}
        raise ValueError("The function captures %r (as %s), which is not a variable of the "
                         "object being saved: track it as an attribute of the object."
                         % (value, placeholder.name))

    def _encode(self, v, op, attr):
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, bytes):
            return {"bytes": base64.b64encode(v).decode("ascii")}
        if isinstance(v, (list, tuple)):
            items = [self._encode(x, op, attr) for x in v]
            return items if isinstance(v, list) else {"tuple": items}
        if isinstance(v, dtypes.DType):
            return {"dtype": v.name}
        if isinstance(v, TensorShape):
            return {"shape": v.as_list() if v.rank is not None else None}
        if isinstance(v, (np.ndarray, np.generic)):
            return {"array": self.add_array(v)}
        if isinstance(v, slice):
            return {"slice": [self._encode(x, op, attr) for x in (v.start, v.stop, v.step)]}
        if v is Ellipsis:
            return {"ellipsis": True}
        if isinstance(v, Bound):
            return {"bound": v.i}
        if isinstance(v, ConcreteFunction):
            return {"function": self.add_function(v)}
        if isinstance(v, GraphFunction):  # a branch or loop body: its captures are inputs
            return {"graph_function": {"name": v.name, "ops": self._encode_ops(v.graph),
                                       "inputs": [t.name for t in v.inputs],
                                       "outputs": [t.name for t in v.outputs]}}
        if v is TENSOR_SLOT or v is TEXT_SLOT:
            return {"printed": "text" if v is TEXT_SLOT else "tensor"}
        if isinstance(v, Tensor) and op.type == "PrintV2":  # a place in a printed structure
            return {"printed": "tensor"}
        for name, stream in _STREAMS.items():
            if v is stream():
                return {"stream": name}
        if op.type == "IdentityN" and attr == "grad_fn":
            return {"custom_gradient": True}
        raise ValueError("Cannot save op %s (%s): its attr %r holds a Python object (%r), not "
                         "data." % (op.name, op.type, attr, v))


def _grouped_inputs(op):
    """The names of op's inputs, those of its list input (at most one) as a list."""
    specs = op.op_def.inputs
    n = len(op.inputs) - sum(1 for _, _, is_list in specs if not is_list)
    names, i = [], 0
    for _, _, is_list in specs:
        if is_list:
            names.append([t.name for t in op.inputs[i:i + n]])
            i += n
        else:
            names.append(op.inputs[i].name)
            i += 1
    return names


def _encode_structure(s):
    if isinstance(s, Tensor):
        return {"tensor": s.name}
    if isinstance(s, dict):
        return {"dict": [[k, _encode_structure(v)] for k, v in s.items()]}
    if isinstance(s, (list, tuple)):
        items = [_encode_structure(x) for x in s]
        return items if isinstance(s, list) else {"tuple": items}
    if s is None or isinstance(s, (bool, int, float, str)):
        return s
    raise ValueError("Cannot save a function returning %r." % (s,))


# -- restoring --------------------------------------------------------------------------------
def _not_saved(*dys):
    raise LookupError("This function was restored from a SavedModel, which does not keep "
                      "custom gradients.")


class Reader:
    """Restores the functions of one SavedModel, each once, given its variables and arrays."""

    def __init__(self, encoded_functions, arrays, variables):
        self.encoded, self.variables = encoded_functions, variables
        self.arrays = {k: a.astype(object) if a.dtype.kind == "S" else a
                       for k, a in arrays.items()}
        self.restored = {}

    def function(self, name):
        f = self.restored.get(name)
        if f is None:
            f = self.restored[name] = self._restore(name, self.encoded[name])
        return f

    def _decode(self, v):
        if isinstance(v, list):
            return [self._decode(x) for x in v]
        if not isinstance(v, dict):
            return v
        (kind, x), = v.items()
        if kind == "tuple":
            return tuple(self._decode(i) for i in x)
        if kind == "bytes":
            return base64.b64decode(x)
        if kind == "dtype":
            return dtypes.as_dtype(x)
        if kind == "shape":
            return TensorShape(x)
        if kind == "array":
            return self.arrays[x]
        if kind == "slice":
            return slice(*(self._decode(i) for i in x))
        if kind == "ellipsis":
            return Ellipsis
        if kind == "bound":
            return Bound(x)
        if kind == "function":
            return self.function(x)
        if kind == "graph_function":
            graph = FuncGraph(x["name"])
            tensors = self._add_ops(graph, x["ops"], {})
            return GraphFunction(graph, [tensors[t] for t in x["inputs"]],
                                 [tensors[t] for t in x["outputs"]])
        if kind == "stream":
            return _STREAMS[x]()
        if kind == "custom_gradient":
            return _not_saved
        if kind == "printed":
            return TEXT_SLOT if x == "text" else TENSOR_SLOT
        raise ValueError("Unknown attr encoding %r in the SavedModel." % (v,))

    def _add_ops(self, graph, ops, captures):
        """Adds encoded `ops` to `graph`; a placeholder named in `captures` is made by
        capturing its value instead. Returns the tensors by name."""
        tensors = {}
        with graph.as_default():
            for op in ops:
                source = captures.get(op["name"] + ":0")
                if source is not None:
                    value = (self.variables[source["variable"]].handle if "variable" in source
                             else EagerTensor(self.arrays[source["constant"]]))
                    tensors[op["name"] + ":0"] = graph.capture(value)
                    continue
                controls = [graph.get_operation_by_name(c) for c in op["control_inputs"]]
                attrs = {k: self._decode(v) for k, v in op["attrs"].items()}
                with graph.control_dependencies(controls):
                    execute(op["type"], _inputs(op, tensors), attrs, name=op["name"] + "/")
                made = graph.get_operation_by_name(op["name"])
                tensors.update((t.name, t) for t in made.outputs)
        return tensors

    def _restore(self, name, enc):
        graph = FuncGraph(name.rsplit("_", 1)[0])
        tensors = self._add_ops(graph, enc["ops"], dict(enc["captures"]))
        for i in enc["variables"]:
            graph.watch_variable(self.variables[i])
        outputs = [tensors[t] for t in enc["outputs"]]
        structured = _decode_structure(enc["structured_outputs"], tensors)
        effects = [graph.get_operation_by_name(n) for n in enc["effects"]]
        return ConcreteFunction(graph, [tensors[t] for t in enc["args"]], structured, effects,
                                outputs)


def _inputs(enc, tensors):
    """The inputs of an encoded op as `execute` takes them (a list input as a list)."""
    return [[tensors[t] for t in x] if isinstance(x, list) else tensors[x]
            for x in enc["inputs"]]


def _decode_structure(s, tensors):
    if isinstance(s, list):
        return [_decode_structure(x, tensors) for x in s]
    if isinstance(s, dict):
        (kind, x), = s.items()
        if kind == "tensor":
            return tensors[x]
        if kind == "tuple":
            return tuple(_decode_structure(i, tensors) for i in x)
        return {k: _decode_structure(v, tensors) for k, v in x}
    return s


"""`saved_model.save`: a Module's traced functions and its variables, written to a directory.

The object is walked as a Checkpoint walks it (`Module._trackable_children`: variables,
modules and containers of them), and each `function` reachable as an attribute (on the object
or its class) is saved with its traces: the one of its input_signature, or else every trace
made so far. Each trace's graph is encoded by function_io. What is written:
`saved_model.json` (the format, the object tree, the variables' names, dtypes and shapes, the
functions' graphs and the signatures) and `variables.npz` and `arrays.npz` (numpy's format, no
pickles): all three first under temporary names, then renamed.
"""
import json
import os
import tempfile

import numpy as np

from ..function import ConcreteFunction, Function
from ..module import Module
from ..variables import Variable
from .function_io import Writer

FORMAT, VERSION = "minitf.saved_model", 1


def _traces(f):
    """The ConcreteFunctions of Function `f` to save: that of its input_signature, or all."""
    if f.input_signature is not None:
        return [f.get_concrete_function()]
    return list(f._traces.values())


def _functions_of(obj):
    """(attribute name, Function) of `obj`, bound to it, from its class and its own attributes."""
    names = {n for klass in type(obj).__mro__ for n, v in vars(klass).items()
             if isinstance(v, Function)}
    names |= {n for n, v in vars(obj).items() if isinstance(v, Function)}
    return [(n, getattr(obj, n)) for n in sorted(names)]


class _Saver:
    def __init__(self):
        self.variables = []       # the saved Variables, in the order found
        self.index = {}           # id(handle) -> index into `variables`
        self.writer = Writer(self.index)

    def variable(self, v):
        if id(v.handle) not in self.index:
            self.index[id(v.handle)] = len(self.variables)
            self.variables.append(v)
        return {"variable": self.index[id(v.handle)]}

    def collect_variables(self, obj):
        for v in obj.variables:
            self.variable(v)

    def tree(self, x):
        """The encoded object tree below `x` (a Module, Variable, Function or container)."""
        if isinstance(x, Variable):
            return self.variable(x)
        if isinstance(x, (list, tuple)):
            return {"list": [self.tree(v) for v in x]}
        if isinstance(x, dict):
            return {"dict": [[k, self.tree(x[k])] for k in sorted(x)]}
        if isinstance(x, Function):
            return {"function": [self.concrete(c, x.input_signature) for c in _traces(x)]}
        node = {k: self.tree(v) for k, v in x._trackable_children()}
        node.update((k, self.tree(f)) for k, f in _functions_of(x) if _traces(f))
        return {"object": node}

    def concrete(self, c, input_signature=None):
        specs = [{"dtype": p.dtype.name, "shape": p.shape.as_list() if p.shape.rank is not None
                  else None, "name": p.op.name} for p in c.args]
        return {"name": self.writer.add_function(c), "args": specs}


def _signature_functions(signatures):
    if signatures is None:
        return {}
    if not isinstance(signatures, dict):
        signatures = {"serving_default": signatures}
    return {k: (f.get_concrete_function() if isinstance(f, Function) else f)
            for k, f in signatures.items()}


def save(obj, export_dir, signatures=None, options=None):
    """Writes `obj`, a Module, to directory `export_dir` in minitf's SavedModel format: its
    variables, and the traced graphs of its functions, which `load` runs in any process
    without the Python code that made them.

    Args:
      obj: a `Module` (Keras layers and models are Modules).
      export_dir: the directory to write (made if missing; its files are replaced).
      signatures: a function with an input_signature or a ConcreteFunction, or a dict of
        them by name, available as `loaded.signatures[name]` (a lone one is
        "serving_default").
      options: accepted for TensorFlow's signature; ignored.

    Raises:
      TypeError: if `obj` is not a Module.
      ValueError: if a function uses something that cannot be saved as data (a tensor or
        variable not tracked by `obj`, a py_function).

    >>> import os, tempfile
    >>> class Doubler(minitf.Module):
    ...     @minitf.function(input_signature=[minitf.TensorSpec([None], minitf.float32)])
    ...     def __call__(self, x):
    ...         return 2.0 * x
    >>> path = os.path.join(tempfile.mkdtemp(), "doubler")
    >>> minitf.saved_model.save(Doubler(), path)
    >>> minitf.saved_model.load(path)(minitf.constant([1.0, 2.0])).numpy()
    array([2., 4.], dtype=float32)
    """
    if not isinstance(obj, Module):
        raise TypeError("Expected a Module (or a Keras layer or model) to save, got %r." % (obj,))
    saver = _Saver()
    saver.collect_variables(obj)
    tree = saver.tree(obj)
    sigs = {k: saver.concrete(c) for k, c in _signature_functions(signatures).items()
            if isinstance(c, ConcreteFunction)}
    meta = {"format": FORMAT, "version": VERSION, "object": tree, "signatures": sigs,
            "variables": [{"name": v.name, "dtype": v.dtype.name, "shape": v.shape.as_list(),
                           "trainable": v.trainable} for v in saver.variables],
            "functions": saver.writer.functions}
    os.makedirs(export_dir, exist_ok=True)
    values = {"v%d" % i: v.numpy() for i, v in enumerate(saver.variables)}
    _replace(export_dir, "variables.npz", lambda f: np.savez(f, **values))
    _replace(export_dir, "arrays.npz", lambda f: np.savez(f, **saver.writer.arrays))
    _replace(export_dir, "saved_model.json",
             lambda f: f.write(json.dumps(meta, indent=1).encode()))


def _replace(directory, name, write):
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, os.path.join(directory, name))
    except BaseException:
        os.remove(tmp)
        raise

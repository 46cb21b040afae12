"""`saved_model.load`: a SavedModel directory back as an object whose attributes are the saved
variables, submodules and functions, in a process that need not have the original code.

Variables are made anew (eager, with their saved names and values); each saved trace becomes a
ConcreteFunction over a FuncGraph rebuilt by function_io, capturing the new variables, so
calls run the traced graph through the executor and `GradientTape` differentiates them.
"""
import json
import os

import numpy as np

from .. import nest
from ..framework import dtypes
from ..framework.errors import NotFoundError
from ..framework.tensor_spec import TensorSpec
from ..ops.registry import convert_to_tensor
from ..variables import Variable
from .function_io import Reader
from .save import FORMAT, VERSION


class RestoredFunction:
    """A saved function: called with tensors that fit one of its saved traces (the first that
    fits is run)."""

    def __init__(self, concretes):
        self._concretes = concretes   # (ConcreteFunction, [TensorSpec, ...]) pairs

    def __call__(self, *args):
        for concrete, specs in self._concretes:
            if len(args) != len(specs):
                continue
            try:
                tensors = [_fit(a, p) for a, p in zip(args, concrete.args)]
            except (TypeError, ValueError):
                continue
            return concrete._call_structured(tensors)
        raise TypeError("Binding inputs to the restored function failed: %r fits none of its "
                        "saved input signatures %s." % (args, [s for _, s in self._concretes]))

    @property
    def concrete_functions(self):
        return [c for c, _ in self._concretes]


class _Signature:
    """A saved signature: called with keyword arguments (the argument names), it returns a
    dict of outputs ("output_0", ... for outputs that are not a dict)."""

    def __init__(self, concrete, names):
        self._concrete, self._names = concrete, names

    def __call__(self, **kwargs):
        if sorted(kwargs) != sorted(self._names):
            raise TypeError("The signature takes arguments %s, got %s."
                            % (self._names, sorted(kwargs)))
        out = self._concrete._call_structured([
            _fit(kwargs[n], p) for n, p in zip(self._names, self._concrete.args)])
        if isinstance(out, dict):
            return out
        return {"output_%d" % i: t for i, t in enumerate(nest.flatten(out))}


class Loaded:
    """An object restored from a SavedModel: its attributes are what was saved under the same
    names; `variables` and `trainable_variables` list every restored variable."""

    def __call__(self, *args):
        call = self.__dict__.get("__call__")
        if call is None:
            raise TypeError("The restored object was saved without a traced __call__.")
        return call(*args)


def _fit(value, placeholder):
    """`value` as a tensor that fits `placeholder` (TypeError or ValueError if it cannot)."""
    t = convert_to_tensor(value, dtype_hint=placeholder.dtype)
    if t.dtype is not placeholder.dtype or not placeholder.shape.is_compatible_with(t.shape):
        raise TypeError("%r does not fit %s" % (t, TensorSpec.from_tensor(placeholder)))
    return t


def load(export_dir, tags=None, options=None):
    """The object saved in `export_dir` by `saved_model.save`.

    Args:
      export_dir: the SavedModel directory.
      tags, options: accepted for TensorFlow's signature; ignored.

    Returns:
      An object with the saved attributes: variables, submodules, and functions callable with
      tensors that fit their saved input signatures; `signatures` holds the saved signatures.

    Raises:
      NotFoundError: if `export_dir` holds no minitf SavedModel.
      ValueError: if it was written by another format or version.
    """
    path = os.path.join(export_dir, "saved_model.json")
    if not os.path.exists(path):
        raise NotFoundError(None, None, "No minitf SavedModel (saved_model.json) found in %s"
                            % export_dir)
    with open(path) as f:
        meta = json.load(f)
    if meta.get("format") != FORMAT or meta.get("version") != VERSION:
        raise ValueError("%s holds format %r version %r; this minitf reads %r version %d."
                         % (export_dir, meta.get("format"), meta.get("version"), FORMAT,
                            VERSION))
    with np.load(os.path.join(export_dir, "variables.npz"), allow_pickle=False) as values:
        variables = [Variable(values["v%d" % i], trainable=v["trainable"],
                              name=v["name"].split(":")[0])
                     for i, v in enumerate(meta["variables"])]
    with np.load(os.path.join(export_dir, "arrays.npz"), allow_pickle=False) as arrays:
        reader = Reader(meta["functions"], dict(arrays.items()), variables)
    root = _build(meta["object"], reader, variables)
    root.signatures = {k: _Signature(reader.function(s["name"]), [a["name"] for a in s["args"]])
                       for k, s in meta["signatures"].items()}
    root.variables = tuple(variables)
    root.trainable_variables = tuple(v for v in variables if v.trainable)
    return root


def _build(node, reader, variables):
    (kind, x), = node.items()
    if kind == "variable":
        return variables[x]
    if kind == "list":
        return [_build(v, reader, variables) for v in x]
    if kind == "dict":
        return {k: _build(v, reader, variables) for k, v in x}
    if kind == "function":
        return RestoredFunction([(reader.function(c["name"]),
                                  [TensorSpec(a["shape"], dtypes.as_dtype(a["dtype"]), a["name"])
                                   for a in c["args"]]) for c in x])
    obj = Loaded()
    for k, v in x.items():
        setattr(obj, k, _build(v, reader, variables))
    return obj

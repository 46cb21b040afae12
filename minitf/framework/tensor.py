"""Tensors: `Tensor` (the common base), `SymbolicTensor` (an output of a graph operation) and
`EagerTensor` (a value computed at once), with their printed forms.

The arithmetic operators (`+`, `@`, `[]`, ...) are attached by `minitf.ops.operators`, which maps
each to its op; nothing in this module computes.
"""
import itertools
import weakref

import numpy as np

from . import dtypes
from .context import executing_eagerly_outside_functions, run_in_default_session
from .errors import OperatorNotAllowedInGraphError
from .shapes import TensorShape


_next_id = itertools.count(1).__next__  # each tensor's `_id`: unique for the life of the process
_assigners = {}  # tensor `_id` -> the `assign` of a tensor sliced from a variable


class Tensor:
    """A multi-dimensional array of one dtype: either symbolic (in a graph) or eager (a value).

    Every tensor has an `_id` never given to another, by which tapes and the backprop walk know
    it even after it is gone.

    >>> a = minitf.constant([1, 2, 3])
    >>> isinstance(a, minitf.Tensor), a.dtype, a.shape
    (True, tf.int32, TensorShape([3]))
    """

    __slots__ = ("__weakref__",)
    __array_priority__ = 100

    @property
    def ndim(self):
        return self.shape.rank

    def get_shape(self):
        return self.shape

    def ref(self):
        """A hashable reference to this tensor, usable as a dict key in every mode."""
        return Reference(self)

    @property
    def assign(self):
        """Only a tensor sliced from a variable has it (`v[0].assign(1.0)`, see
        `Variable.__getitem__`), as in TensorFlow: other tensors raise AttributeError."""
        try:
            return _assigners[self._id]
        except KeyError:
            raise AttributeError("'%s' object has no attribute 'assign'"
                                 % type(self).__name__) from None


def give_assign(tensor, assign):
    """Gives `tensor` its `assign` (a function), for as long as it lives."""
    _assigners[tensor._id] = assign
    weakref.finalize(tensor, _assigners.pop, tensor._id, None)


def is_tensor(x):
    """Whether `x` is a tensor (eager or graph) or a variable.

    >>> minitf.is_tensor(minitf.constant(1)), minitf.is_tensor(1)
    (True, False)
    """
    return isinstance(x, Tensor) or hasattr(x, "_to_tensor")


class Reference:
    """What `Tensor.ref()` and `Variable.ref()` return: hashes and compares by identity."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def deref(self):
        return self._obj

    def __hash__(self):
        return id(self._obj)

    def __eq__(self, other):
        return isinstance(other, Reference) and other._obj is self._obj


class SymbolicTensor(Tensor):
    """Output `value_index` of the graph operation `op`; it has a value only inside a run."""

    __slots__ = ("_op", "_index", "_dtype", "_shape", "_id")

    def __init__(self, op, index, dtype, shape):
        self._op = op
        self._index = index
        self._dtype = dtype
        self._shape = shape
        self._id = _next_id()

    op = property(lambda self: self._op)
    value_index = property(lambda self: self._index)
    dtype = property(lambda self: self._dtype)
    shape = property(lambda self: self._shape)
    graph = property(lambda self: self._op.graph)
    device = property(lambda self: self._op.device)

    @property
    def name(self):
        return "%s:%d" % (self._op.name, self._index)

    def set_shape(self, shape):
        """Refines the static shape; raises ValueError if `shape` contradicts it."""
        self._shape = self._shape.merge_with(shape)

    def consumers(self):
        return [op for op in self.graph.get_operations() if any(t is self for t in op.inputs)]

    def eval(self, feed_dict=None, session=None):
        """The value of this tensor in `session` (default: the default session)."""
        return run_in_default_session(self, feed_dict, session)

    def __bool__(self):
        if self.graph.is_function:
            advice = ("In a function, write tf.cond / tf.while_loop, or leave AutoGraph on "
                      "(autograph=True) to convert Python `if` and `while` on tensors.")
        else:
            advice = "Run it with Session.run, or use eager execution."
        raise OperatorNotAllowedInGraphError(
            "Using a symbolic `tf.Tensor` (%s) as a Python `bool` is not allowed: its value is "
            "only known when the graph runs. %s" % (self.name, advice))

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError(
            "Cannot convert a symbolic tf.Tensor (%s) to a numpy array: it only has a value inside "
            "Session.run." % self.name)

    def __len__(self):
        raise TypeError("len is not well defined for a symbolic Tensor (%s). Please call `x.shape` "
                        "rather than `len(x)` for shape information." % self.name)

    def __iter__(self):
        raise OperatorNotAllowedInGraphError(
            "Iterating over a symbolic `tf.Tensor` (%s) is not allowed: its elements exist only "
            "when the graph runs. Use tf.unstack, or eager execution." % self.name)

    def __hash__(self):
        if self.graph.is_function and executing_eagerly_outside_functions():
            raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")
        return id(self)

    def __str__(self):
        shape = "" if self._shape.rank is None else "shape=%s, " % (self._shape,)
        return 'Tensor("%s", %sdtype=%s)' % (self.name, shape, self._dtype.name)

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self._shape, self._dtype.name)


class EagerTensor(Tensor):
    """A tensor holding a computed numpy value; immutable."""

    __slots__ = ("_value", "_dtype", "_id")

    device = "/job:localhost/replica:0/task:0/device:CPU:0"

    def __init__(self, value, dtype=None):
        self._value = value
        self._dtype = dtype or _from_numpy(value.dtype)
        self._id = _next_id()

    dtype = property(lambda self: self._dtype)

    @property
    def shape(self):
        s = _new_shape(TensorShape)
        s._dims = self._value.shape
        return s

    def numpy(self):
        """A copy of the value as a numpy array (a numpy scalar for a 0-d tensor).

        >>> minitf.constant([1, 2]).numpy()
        array([1, 2], dtype=int32)
        """
        v = self._value
        return v[()] if v.ndim == 0 else np.array(v)

    def _undefined(what):
        def get(self):
            raise AttributeError("Tensor.%s is undefined when eager execution is enabled." % what)
        return property(get)

    name = _undefined("name")
    op = _undefined("op")
    graph = _undefined("graph")
    del _undefined

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self._value, dtype=dtype)

    def __bool__(self):
        return bool(self._value)

    def __int__(self):
        return int(self._value)

    def __float__(self):
        return float(self._value)

    def __index__(self):
        return self._value.__index__()

    def __len__(self):
        if self._value.ndim == 0:
            raise TypeError("Scalar tensor has no `len()`")
        return len(self._value)

    def __iter__(self):
        if self._value.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        return (self[i] for i in range(len(self._value)))

    def __format__(self, spec):
        return format(self.numpy(), spec)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __hash__(self):  # eager tensors compare elementwise, so they cannot be dict keys
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __str__(self):
        if self._dtype in _OPAQUE:
            return "tf.Tensor(%r, shape=(), dtype=%s)" % (self._value, self._dtype.name)
        return "tf.Tensor(%s, shape=%s, dtype=%s)" % (
            numpy_text(self._value, False), self.shape, self._dtype.name)

    def __repr__(self):
        if self._dtype in _OPAQUE:  # a variable's storage cell, a TensorList
            return "<tf.Tensor: shape=(), dtype=%s, value=%r>" % (self._dtype.name, self._value)
        return "<tf.Tensor: shape=%s, dtype=%s, numpy=%s>" % (
            self.shape, self._dtype.name, numpy_text(self._value, True))


_OPAQUE = (dtypes.resource, dtypes.variant)  # dtypes whose values are Python objects
_from_numpy = dtypes.from_numpy
_new_shape = object.__new__  # a TensorShape made without checks, as TensorShape.from_tuple


def numpy_text(value, is_repr):
    """How TensorFlow shows a value inside a printed tensor or variable."""
    if value.ndim == 0:
        text = repr(value.item()) if is_repr else str(value)
    else:
        text = repr(value) if is_repr else str(value)
    return "\n" + text if "\n" in text else text

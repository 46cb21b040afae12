"""Session: runs parts of a graph, keeping its own values of the graph's variables.

`Session.run(fetches, feed_dict)` maps any nesting of fetches (tensors, operations, variables,
names) to a flat list, gets a cached `executor.Plan` for (fetches, fed tensors), runs it and
rebuilds the nesting from the results. The default-session stack serves `Tensor.eval` and
`Operation.run`.
"""
import collections
import types

import numpy as np

from .executor import Plan
from .framework import dtypes, string_values
from .framework.composite_tensor import CompositeTensor
from .framework.context import default_session
from .framework.graph import Operation, get_default_graph
from .framework.shapes import TensorShape
from .framework.tensor import SymbolicTensor, Tensor


class ConfigProto:
    """Session options (TensorFlow 1.x): accepted for compatibility; minitf has none to set.

    >>> config = minitf.compat.v1.ConfigProto(log_device_placement=False)
    >>> config.gpu_options.allow_growth = True
    """

    def __init__(self, **options):
        self.__dict__.update(options)
        self.gpu_options = types.SimpleNamespace()


class Session:
    """A place to run a graph (TensorFlow 1.x style).

    Args:
      graph: the graph to run (default: the default graph).

    >>> with minitf.Graph().as_default():
    ...     x = minitf.compat.v1.placeholder(minitf.float32)
    ...     y = x * 2
    ...     with minitf.compat.v1.Session() as sess:
    ...         print(sess.run(y, feed_dict={x: [1, 2]}))
    [2. 4.]
    """

    def __init__(self, target="", graph=None, config=None):
        self.graph = graph or get_default_graph()
        self._state = {}
        self._plans = {}
        self._closed = False
        self._contexts = []

    def _state_for(self, op):
        state = self._state.get(id(op))
        if state is None:  # setdefault: two threads compiling at once get the same state
            state = self._state.setdefault(id(op), op.op_def.make_state(op))
        return state

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Computes `fetches` (a tensor, operation, variable, name, or a list / tuple /
        namedtuple / dict of them); returns the values in the same structure, `None` for
        operations.

        Raises:
          RuntimeError: if the session is closed.
          TypeError: for a fetch of None or of a type that is not a graph element, or a feed
            value that is a tensor.
          ValueError: for a feed whose shape does not fit its tensor.
          InvalidArgumentError: if a needed placeholder is not fed.
        """
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if type(fetches) is list and all(map(self._is_element, fetches)):
            elements, rebuild = fetches, None  # the common case: the results as they come
        else:
            elements = []
            rebuild = self._fetch_structure(fetches, elements)
        feeds, values = self._feeds(feed_dict)
        key = (tuple(map(id, elements)), tuple(map(id, feeds)))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = Plan(elements, feeds, self._state_for)
        results = [_fetched(v) for v in plan.run(values)]
        return results if rebuild is None else rebuild(results)

    def _is_element(self, fetch):
        """Whether `fetch` is a tensor or operation of this graph, as `as_graph_element` would
        return it (the common case, told by exact types)."""
        return (type(fetch) is SymbolicTensor or type(fetch) is Operation) and \
            fetch.graph is self.graph

    def make_callable(self, fetches, feed_list=None):
        """A function that runs `fetches`, taking the values for `feed_list` as arguments."""
        feed_list = list(feed_list or [])

        def run(*values):
            return self.run(fetches, dict(zip(feed_list, values)))
        return run

    def _fetch_structure(self, fetch, elements):
        """Appends the graph elements in `fetch` to `elements`; returns results -> structure."""
        if fetch is None:
            raise TypeError("Argument `fetch` = None has invalid type \"NoneType\". Cannot be None")
        if self._is_element(fetch):
            index = len(elements)
            elements.append(fetch)
            return lambda r: r[index]
        if isinstance(fetch, (list, tuple)):
            parts = [self._fetch_structure(f, elements) for f in fetch]
            if hasattr(fetch, "_fields"):
                return lambda r: type(fetch)(*[p(r) for p in parts])
            return lambda r: type(fetch)(p(r) for p in parts)
        if isinstance(fetch, collections.abc.Mapping):
            parts = [(k, self._fetch_structure(v, elements)) for k, v in fetch.items()]
            return lambda r: type(fetch)((k, p(r)) for k, p in parts)
        if isinstance(fetch, CompositeTensor):  # a RaggedTensor or SparseTensor: its value form
            components = self._fetch_structure(list(fetch._components()), elements)
            return lambda r: fetch._fetched(components(r))
        try:
            element = self.graph.as_graph_element(fetch)
        except TypeError as e:
            raise TypeError("Argument `fetch` = %r has invalid type \"%s\", must be a string or "
                            "Tensor. (%s)" % (fetch, type(fetch).__name__, e)) from None
        except (KeyError, ValueError) as e:
            raise ValueError("Argument `fetch` = %s cannot be interpreted as a Tensor. (%s)"
                             % (fetch, e.args[0])) from None
        index = len(elements)
        elements.append(element)
        return lambda r: r[index]

    def _feeds(self, feed_dict):
        feeds, values = [], []
        for key, value in (feed_dict or {}).items():
            if type(key) is SymbolicTensor and key.graph is self.graph:
                t = key  # the common case, told by exact type
            else:
                try:
                    t = self.graph.as_graph_element(key)
                except (TypeError, KeyError, ValueError) as e:
                    raise TypeError("Cannot interpret feed_dict key %r as a Tensor: %s"
                                    % (key, e)) from None
                if not isinstance(t, SymbolicTensor):
                    raise TypeError("Cannot feed %r: only tensors can be fed." % (key,))
            if type(value) is not np.ndarray and (isinstance(value, (Tensor, Operation))
                                                  or hasattr(value, "_to_tensor")):
                raise TypeError(
                    "The value of a feed cannot be a tf.Tensor object. Acceptable feed values "
                    "include Python scalars, strings, lists, numpy ndarrays, or TensorHandles. For "
                    "reference, the tensor object was %s which was passed to the argument "
                    "`feed_dict` with key %s." % (value, t))
            a = string_values.bytes_array(value) if t.dtype is dtypes.string \
                else _feed_value(value, t.dtype.np)
            if not t.shape.is_compatible_with(TensorShape.from_tuple(a.shape)):
                raise ValueError("Cannot feed value of shape %s for Tensor %s, which has shape %s"
                                 % (a.shape, t.name, t.shape))
            feeds.append(t)
            values.append(a)
        return feeds, values

    def close(self):
        self._closed = True
        self._state.clear()
        self._plans.clear()

    def as_default(self):
        """A context in which this session is the default one (for `eval` and `run`)."""
        return default_session(self)

    def __enter__(self):
        self._enter_defaults()
        return self

    def __exit__(self, *exc):
        self._exit_defaults()
        self.close()

    def _enter_defaults(self):
        ctxs = [self.graph.as_default(), self.as_default()]
        for c in ctxs:
            c.__enter__()
        self._contexts.append(ctxs)

    def _exit_defaults(self):
        for c in reversed(self._contexts.pop()):
            c.__exit__(None, None, None)


class InteractiveSession(Session):
    """A Session that makes itself (and its graph) the default when created, for shells and
    notebooks: `t.eval()` and `op.run()` then need no session argument."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._enter_defaults()

    def close(self):
        if self._contexts:
            self._exit_defaults()
        super().close()


def _feed_value(value, dtype):
    """A fed value as the plan takes it: a numpy array of the right dtype as it is (no copy),
    seen through a read-only view so that no kernel and no fetch changes the caller's array;
    anything else converted."""
    if type(value) is np.ndarray and value.dtype == dtype:
        if not value.flags.writeable:
            return value
        view = value.view()
        view.flags.writeable = False
        return view
    return np.array(value, dtype=dtype)


def _fetched(v):
    """A fetched value as TensorFlow returns it: a numpy scalar for 0-d, else an array the
    caller may change (stored constants and variable values are read-only, so copy those)."""
    if v is None:
        return None
    if v.ndim == 0:
        return v[()]
    return v if v.flags.writeable else v.copy()

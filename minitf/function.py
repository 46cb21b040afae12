"""`function`: eager Python code traced once per input signature into a graph, then run by the
same executor that runs `Session.run`.

Tracing calls the Python function with placeholders in a FuncGraph, so its ops are recorded
instead of computed; the result is a ConcreteFunction. A call runs the ConcreteFunction's plan
through one op, `StatefulPartitionedCall`, which tapes and `gradients` differentiate like any
other op: its gradient runs a backward ConcreteFunction built (once) from the same graph with
`gradients`, fed with the intermediate values the forward call saved. Eager tensors and
variables used inside are captured: each call feeds their current value (a variable's storage
cell), so reads see the variable as it is now and assignments change it.
"""
import collections
import functools
import inspect
import weakref

import numpy as np

from . import autograph, config, function_signature, nest, retracing
from .autodiff.gradients import gradients
from .executor import Plan
from .framework import dtypes
from .framework.composite_tensor import CompositeTensor
from .framework.context import ctx, executing_eagerly
from .framework.errors import InvalidArgumentError
from .framework.graph import get_default_graph
from .framework.shapes import TensorShape
from .framework.tensor import EagerTensor, Tensor
from .framework.tensor_spec import TensorSpec
from .func_graph import FuncGraph
from .ops import array_ops, fill_ops, functional_ops
from .ops.registry import convert_to_tensor


class ConcreteFunction:
    """One trace of a function: a FuncGraph with its inputs and outputs, callable with tensors.

    `graph` can be inspected: `f.get_concrete_function(x).graph.get_operations()`. `args` are
    the tensors that the explicit arguments feed (placeholders, mostly), `inputs` those and the
    placeholders of the captured values, `effects` the stateful ops a call runs for their
    effects alone.
    """

    def __init__(self, graph, args, structured_outputs, effects, outputs=None, signature=None):
        self.graph = graph
        self.args = list(args)
        self.structured_outputs = structured_outputs
        self.outputs = outputs if outputs is not None else \
            [t for t in nest.flatten(structured_outputs) if isinstance(t, Tensor)]
        self.effects = effects
        self._signature = signature  # (Function, its arguments with placeholders) when traced
        self._plan = None
        self._plan_feeds = 0
        self._state = {}
        self._gradient = None   # the _Gradient of this function, built when first needed
        self._origin = self     # the function whose gradient serves calls of this one

    @property
    def name(self):
        return self.graph.name

    @property
    def inputs(self):
        """The placeholders of the arguments, then those of the captured values."""
        return self.args + [p for _, p in self.graph.captures]

    @property
    def captured_inputs(self):
        return [v for v, _ in self.graph.captures]

    @property
    def variables(self):
        return tuple(self.graph.variables)

    @property
    def output_shapes(self):
        return nest.map_structure(lambda t: t.shape if isinstance(t, Tensor) else None,
                                  self.structured_outputs)

    @property
    def output_dtypes(self):
        return nest.map_structure(lambda t: t.dtype if isinstance(t, Tensor) else None,
                                  self.structured_outputs)

    def pretty_printed_signature(self, verbose=True):
        """The parameters with what they were traced with, the output type and the captured
        inputs, as TensorFlow prints them.

        >>> f = minitf.function(lambda x, n=2: x * n)
        >>> print(f.get_concrete_function(minitf.constant(1.0)).pretty_printed_signature())
        Input Parameters:
          x (POSITIONAL_OR_KEYWORD): TensorSpec(shape=(), dtype=tf.float32, name=None)
          n (POSITIONAL_OR_KEYWORD): Literal[2]
        Output Type:
          TensorSpec(shape=(), dtype=tf.float32, name=None)
        Captures:
          None
        """
        function, traced = self._signature
        return function_signature.pretty_printed(
            function._signature.parameters, traced, function.input_signature,
            self.structured_outputs, self.graph.captures)

    def __call__(self, *args, **kwargs):
        """Calls with the arguments of the trace: tensors (or values convertible to them)
        that fit the placeholders, in the structure the function was traced with."""
        function, traced = self._signature
        values = function._bind(args, kwargs)
        tensors = []
        for name, structure in traced.items():
            try:
                given = nest.flatten_up_to(structure, values[name])
            except ValueError as e:
                raise TypeError("%s(): argument %r does not have the structure it was traced "
                                "with: %s" % (self.name, name, e)) from None
            tensors += [_fit(x, p, self.name) for x, p in zip(given, nest.flatten(structure))
                        if _is_tensor(p)]
        return self._call_structured(tensors)

    def _call_structured(self, args):
        if isinstance(self.structured_outputs, Tensor):  # one tensor: nothing to pack
            return self._call(args)[0]
        it = iter(self._call(args))
        return nest.pack_sequence_as(self.structured_outputs, [
            next(it) if isinstance(x, Tensor) else x for x in nest.flatten(self.structured_outputs)])

    def _call(self, args):
        """Calls with the argument tensors; the captured values are added here."""
        eager = executing_eagerly()
        outer = None if eager else get_default_graph()
        if ctx.tapes or outer is not None:
            for v in self.graph.variables:
                for tape in ctx.tapes:
                    tape.variable_accessed(v)
                if outer is not None and outer.is_function:
                    outer.watch_variable(v)
        # Under a tape the call keeps the values its gradient needs; otherwise (no tape, or a
        # graph, where a later `gradients` call may still come) the gradient recomputes them.
        saving = bool(ctx.tapes) and eager and self.outputs
        f = self._gradient_functions().forward if saving else self
        outs = functional_ops.call(f, list(args) + self.captured_inputs)
        return outs[:len(self.outputs)]

    def run(self, values):
        """The kernel of the call op: runs the plan on argument and captured values (arrays)."""
        if self._plan is None or len(values) != self._plan_feeds:
            feeds = self.inputs
            self._plan = Plan(self.outputs + self.effects, feeds, self._state_for)
            self._plan_feeds = len(feeds)
        return self._plan.run(list(values))[:len(self.outputs)]

    def _state_for(self, op):
        state = self._state.get(id(op))
        if state is None:  # setdefault: two threads compiling at once get the same state
            state = self._state.setdefault(id(op), op.op_def.make_state(op))
        return state

    def call_gradients(self, op, dys):
        """The gradients for the inputs of `op`, a call op of this function, given those of
        its outputs (None for an output that got none): the call op's registered gradient."""
        return self._origin._gradient_functions().call_grads(op, dys)

    def _gradient_functions(self):
        """The functions that differentiate calls of this one, built once (see _Gradient)."""
        if self._gradient is None:
            self._gradient = _Gradient(self)
        return self._gradient

    def __repr__(self):
        if self._signature is None:  # a function built inside minitf, not traced from Python
            params = ", ".join("%s: %r" % (p.op.name, TensorSpec.from_tensor(p))
                               for p in self.args)
            return "<ConcreteFunction %s(%s)>" % (self.name, params)
        function, traced = self._signature
        return "<ConcreteFunction %s at 0x%X>" % (function_signature.summary(
            function._signature.parameters, traced, function.input_signature,
            self.structured_outputs), id(self))

    def __str__(self):
        if self._signature is None:
            return repr(self)
        return "ConcreteFunction " + self.pretty_printed_signature()


def _is_tensor(x):
    return isinstance(x, Tensor)


def _fit(value, placeholder, name):
    """An argument of a ConcreteFunction call as a tensor fitting its placeholder."""
    if isinstance(value, Tensor) and value.dtype is not placeholder.dtype:
        raise InvalidArgumentError(None, None, "%s(): expected a %s tensor for argument %s, got "
                                   "%r." % (name, placeholder.dtype.name, placeholder.op.name,
                                            value))
    t = convert_to_tensor(value, dtype=placeholder.dtype)
    if not placeholder.shape.is_compatible_with(t.shape):
        raise TypeError("%s(): argument %s has shape %s, which does not fit the traced shape %s."
                        % (name, placeholder.op.name, t.shape, placeholder.shape))
    return t


class _Gradient:
    """Gradients of a ConcreteFunction f, added to its graph by `gradients` when first needed:

    forward: f, also returning the intermediate values that its gradient ops use (`saved`);
    first_saved(args, saved, dys) and first_recomputed(args, dys): the gradient of f's outputs,
      the first fed with the values a call of `forward` saved, the second computing them anew;
    full(args, dys, dsaved): the gradient of the outputs and the saved values together, for a
      call of `forward` whose saved values are themselves differentiated (second derivatives);
    each comes with, for every call input (arguments, then captured values), whether it gets
    a gradient.
    """

    def __init__(self, f):
        self._f = f
        graph = f.graph
        start = graph.version
        dys, grads = self._differentiate(f.outputs, "backward")
        added = graph.get_operations(since=start)
        created = {id(op) for op in added}
        self.saved, seen = [], set()
        for op in added:
            for t in op.inputs:
                if id(t.op) not in created and not _recomputable(t.op) and id(t) not in seen:
                    seen.add(id(t))
                    self.saved.append(t)
        self.forward = ConcreteFunction(graph, f.args, f.structured_outputs, f.effects,
                                        f.outputs + self.saved)
        self.forward._origin = f
        outputs = [g for g in grads if g is not None]
        needed = [g is not None for g in grads]
        self.first_saved = (ConcreteFunction(graph, f.args + self.saved + dys, None, [],
                                             outputs), needed)
        self.first_recomputed = (ConcreteFunction(graph, f.args + dys, None, [], outputs),
                                 needed)
        self._full = None

    def _differentiate(self, targets, name):
        """Adds to f's graph the gradients of `targets` for f's inputs, given placeholders for
        the targets' gradients; returns (those placeholders, the gradients)."""
        graph = self._f.graph
        tapes, ctx.tapes = ctx.tapes, []
        try:
            with graph.as_default(), graph.name_scope(name):
                dys = [array_ops.placeholder(t.dtype, t.shape, name="dy") for t in targets]
                # A fed intermediate (an argument of a backward function) is an input like
                # any other: what computed it in the shared graph does not count.
                fed = [t for t in self._f.args if t.op.type != "Placeholder"]
                return dys, gradients(targets, self._f.inputs, grad_ys=dys, stop_gradients=fed)
        finally:
            ctx.tapes = tapes

    def full(self):
        if self._full is None:
            f = self._f
            dys, grads = self._differentiate(f.outputs + self.saved, "backward_full")
            self._full = (ConcreteFunction(f.graph, f.args + dys, None, [],
                                           [g for g in grads if g is not None]),
                          [g is not None for g in grads])
        return self._full

    def call_grads(self, op, dys):
        """The gradients of call op `op` (a call of f or of `forward`) for its inputs; an
        output that got no gradient has None in `dys`."""
        f = self._f
        args, n_out = list(op.inputs[:len(f.args)]), len(f.outputs)

        def filled(n):  # the first n output gradients, zeros for the missing ones
            return [fill_ops.zeros_like(t) if d is None else d for d, t in zip(dys[:n], op.outputs)]

        if op.get_attr("f") is not self.forward:
            backward, inputs = self.first_recomputed[0], args + filled(n_out)
            needed = self.first_recomputed[1]
        elif all(d is None for d in dys[n_out:]):
            backward, needed = self.first_saved
            inputs = args + op.outputs[n_out:] + filled(n_out)
        else:
            (backward, needed), inputs = self.full(), args + filled(len(dys))
        grads = iter(backward._call(inputs))
        return [next(grads) if n else None for n in needed]


class Function:
    """A Python function traced into graphs (see `function`)."""

    def __init__(self, python_function, input_signature=None, reduce_retracing=False,
                 name=None, autograph=True):
        self._python_function = python_function
        self._autograph = autograph
        self._signature = inspect.signature(python_function)
        # The parameters when all are positional without defaults (else None): a call with
        # one argument for each binds them in order.
        simple = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        params = self._signature.parameters.values()
        self._positional = tuple(p.name for p in params) if all(
            p.kind in simple and p.default is inspect.Parameter.empty for p in params) else None
        if input_signature is not None and not all(
                isinstance(s, TensorSpec) for s in nest.flatten(list(input_signature))):
            raise TypeError("input_signature must be a possibly nested sequence of TensorSpec "
                            "objects, got %r." % (input_signature,))
        self._input_signature = None if input_signature is None else tuple(input_signature)
        self._reduce_retracing = reduce_retracing
        self._name = name or getattr(python_function, "__name__", "function")
        self._traces = {}
        self._general = {}  # reduce_retracing: shapeless key -> (specs, trace) of the last trace
        self._tracing_count = 0
        self._made_variables = False  # the first trace made variables
        self._bound = weakref.WeakKeyDictionary()
        functools.update_wrapper(self, python_function)

    @property
    def python_function(self):
        return self._python_function

    @property
    def input_signature(self):
        return self._input_signature

    def __get__(self, instance, owner):
        if instance is None:
            return self
        bound = self._bound.get(instance)
        if bound is None:
            bound = Function(self._python_function.__get__(instance, owner),
                             self._input_signature, self._reduce_retracing, self._name,
                             self._autograph)
            self._bound[instance] = bound
        return bound

    def pretty_printed_concrete_signatures(self, verbose=True):
        """The `pretty_printed_signature` of each trace, in the order they were made, separated
        by blank lines."""
        if self._input_signature is not None and not self._traces:
            self.get_concrete_function()  # as TensorFlow, which traces such a function early
        traces = list({id(c): c for c in self._traces.values()}.values())
        return "\n\n".join(c.pretty_printed_signature(verbose) for c in traces)

    def experimental_get_tracing_count(self):
        """How many times the Python function was traced (twice for a first call that made
        variables, as in TensorFlow)."""
        return self._tracing_count

    def __call__(self, *args, **kwargs):
        if config.functions_run_eagerly():
            return self._python_function(*args, **kwargs)
        count = self._tracing_count
        concrete, tensors = self._concrete(args, kwargs)
        retracing.record_call(self._python_function, self._tracing_count > count)
        return concrete._call_structured(tensors)

    def get_concrete_function(self, *args, **kwargs):
        """The trace for these arguments (tensors, TensorSpecs or Python values), made if new.

        >>> f = minitf.function(lambda x: x * 2.0)
        >>> [op.name for op in f.get_concrete_function(minitf.constant(1.0)).graph.get_operations()]
        ['x', 'mul/y', 'mul', 'Identity']
        """
        if self._input_signature is not None and not args and not kwargs:
            args = self._input_signature
        return self._concrete(args, kwargs)[0]

    def _concrete(self, args, kwargs):
        values = self._bind(args, kwargs)
        specs = None
        if self._input_signature is not None:
            values = self._against_signature(values)
            key = "input_signature"  # one trace serves every call that fits
        else:
            key = _key(values, False)
        concrete = self._traces.get(key)
        if concrete is None and self._reduce_retracing and self._input_signature is None:
            concrete, specs = self._relaxed(values)
        if concrete is None:
            concrete = self._trace(values, specs)
            if self._reduce_retracing:
                self._general[_key(values, True)] = (specs or _arg_specs(values), concrete)
        self._traces[key] = concrete
        tensors = [convert_to_tensor(x) for x in nest.flatten(list(values.values()))
                   if _is_tensor_arg(x) and not isinstance(x, TensorSpec)]
        return concrete, tensors

    def _relaxed(self, values):
        """With reduce_retracing, as in TensorFlow: the last trace of these arguments' kind
        (their dtypes and Python values) if its shapes accept them; else (None, the specs of a
        new trace whose dimensions, or ranks, are unknown where its and these arguments'
        differ)."""
        found = self._general.get(_key(values, True))
        if found is None:
            return None, None  # the first of its kind is traced with its exact shapes
        specs, concrete = found
        mine = _arg_specs(values)
        if all(s.is_compatible_with(m) for s, m in zip(specs, mine)):
            return concrete, None
        return None, [TensorSpec(_common_shape(s.shape, m.shape), s.dtype)
                      for s, m in zip(specs, mine)]

    def _bind(self, args, kwargs):
        names = self._positional
        if names is not None and len(args) == len(names) and not kwargs:  # the common case
            return collections.OrderedDict(zip(names, args))
        try:
            bound = self._signature.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError("%s() got arguments that do not fit its signature: %s"
                            % (self._name, e)) from None
        bound.apply_defaults()
        return collections.OrderedDict(bound.arguments)

    def _against_signature(self, values):
        """`values` (by parameter) fitted to the input_signature, which has one spec per
        positional argument, those that a `*args` parameter takes included."""
        def spread(name):
            return self._signature.parameters[name].kind is inspect.Parameter.VAR_POSITIONAL
        slots = [(name, x) for name, v in values.items() for x in (v if spread(name) else [v])]
        if len(slots) != len(self._input_signature):
            raise TypeError("%s() takes %d arguments by its input_signature, got %d."
                            % (self._name, len(self._input_signature), len(slots)))
        fitted = {}
        for (name, x), spec in zip(slots, self._input_signature):
            x = self._fit(x, spec)
            fitted[name] = fitted.get(name, ()) + (x,) if spread(name) else x
        return collections.OrderedDict((name, fitted.get(name, ())) for name in values)

    def _fit(self, value, spec):
        """`value` converted to what `spec` (a TensorSpec or a nesting of them) describes."""
        if isinstance(spec, TensorSpec):
            if isinstance(value, TensorSpec):
                return value
            t = convert_to_tensor(value, dtype_hint=spec.dtype)
            if not spec.is_compatible_with(t):
                raise TypeError("Binding inputs to %s() failed: %r does not fit %r of the "
                                "input_signature." % (self._name, TensorSpec.from_tensor(t), spec))
            return t
        if isinstance(spec, dict):
            return {k: self._fit(value[k], spec[k]) for k in spec}
        if len(value) != len(spec):
            raise TypeError("Binding inputs to %s() failed: %r does not have the structure of "
                            "%r." % (self._name, value, spec))
        return type(value)(self._fit(v, s) for v, s in zip(value, spec))

    def _trace(self, values, arg_specs=None):
        """The trace for `values`, made as TensorFlow does as to variables: a first trace that
        made some is traced once more refusing any (so a body that makes a variable on every
        call fails on its first call), and so are all later traces; when the first trace made
        none, a later trace that makes one is an error too."""
        made = ctx.variables_made
        concrete = self._trace_once(values, self._made_variables, arg_specs)
        if ctx.variables_made != made:
            if self._traces:
                raise ValueError("Creating variables on a non-first call to a function "
                                 "decorated with tf.function.")
            self._made_variables = True
            concrete = self._trace_once(values, True, arg_specs)
        return concrete

    def _trace_once(self, values, refuse_variables, arg_specs):
        self._tracing_count += 1
        graph = FuncGraph(self._name)
        specs = iter(arg_specs or nest.flatten(self._input_signature or []))
        placeholders = []
        tapes, ctx.tapes = ctx.tapes, []
        refused = ctx.refuse_variables
        ctx.refuse_variables = refused or refuse_variables
        try:
            with graph.as_default():
                def leaf(name):
                    def make(x):
                        if not _is_tensor_arg(x):
                            return x
                        spec = next(specs, None) or _spec(x, False)
                        p = array_ops.placeholder(spec.dtype, spec.shape, name=spec.name or name)
                        placeholders.append(p)
                        if isinstance(x, EagerTensor):
                            graph.arg_values.append((p, x._value))
                        elif isinstance(x, (np.ndarray, np.generic)):
                            graph.arg_values.append((p, np.asarray(x, p.dtype.np)))
                        return p
                    return make
                args = collections.OrderedDict(
                    (name, nest.map_structure(leaf(name), v)) for name, v in values.items())
                bound = inspect.BoundArguments(self._signature, args)
                traced = autograph.convert(self._python_function) if self._autograph \
                    else self._python_function
                with autograph.ag_ctx.conversion(self._autograph):
                    result = traced(*bound.args, **bound.kwargs)
                outputs = nest.map_structure(_output, result)
            effects = [op for op in graph.get_operations() if op.op_def.writes]
        finally:
            ctx.tapes = tapes
            ctx.refuse_variables = refused
        graph.arg_values = []  # the first call's arguments are needed only while tracing
        return ConcreteFunction(graph, placeholders, outputs, effects, signature=(self, args))

    def __repr__(self):
        return "<minitf.function %s>" % self._name


def _recomputable(op):
    return op.type == "Placeholder" or op.op_def.hoist


def _is_tensor_arg(x):
    return isinstance(x, (Tensor, np.ndarray, np.generic, TensorSpec))


def _spec(x, reduce_retracing):
    if isinstance(x, TensorSpec):
        return x
    shape = TensorShape(None) if reduce_retracing else TensorShape(x.shape)
    return TensorSpec(shape, x.dtype if isinstance(x, Tensor) else dtypes.from_numpy(x.dtype))


def _common_shape(a, b):
    if a.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


def _arg_specs(values):
    return [_spec(x, False) for x in nest.flatten(list(values.values())) if _is_tensor_arg(x)]


def _key(x, reduce_retracing):
    """A hashable summary of the arguments: a new one means a new trace."""
    if isinstance(x, dict):
        return ("dict", tuple((k, _key(x[k], reduce_retracing)) for k in sorted(x)))
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, tuple(_key(v, reduce_retracing) for v in x))
    if _is_tensor_arg(x):
        spec = _spec(x, reduce_retracing)
        return ("tensor", spec.dtype.name, tuple(spec.shape.as_list())
                if spec.shape.rank is not None else None)
    try:
        hash(x)
    except TypeError:
        return ("object", id(x))
    return ("python", type(x).__name__, x)


def _output(x):
    """A traced result as the function returns it: tensors, variables and numbers become
    output tensors; other Python values (None, strings, objects) are returned as they are."""
    if isinstance(x, (Tensor, int, float, np.ndarray, np.generic)) or hasattr(x, "_to_tensor"):
        return array_ops.identity(x)
    if isinstance(x, CompositeTensor):
        raise TypeError("A minitf.function cannot return a %s yet: return its parts (such as "
                        ".values and .row_splits) or a dense tensor (.to_tensor())."
                        % type(x).__name__)
    return x


def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_relax_shapes=None, name=None):
    """Compiles a Python function into a graph that runs like an op.

    The first call with a new signature (the shape and dtype of each tensor argument, the value
    of each Python argument) traces `func`: Python side effects such as `print` happen then, and
    only then (`minitf.print` runs on every call). Later calls with that signature run the graph.

    Args:
      func: the function (omit it to use `function(...)` as a decorator with arguments).
      input_signature: a list of TensorSpec; None dimensions accept any size, so one trace
        serves every call, and a call that does not fit raises TypeError.
      autograph: convert the Python `if`, `while` and `for` statements on tensors to graph
        control flow (`cond`, `while_loop`) while tracing, as TensorFlow's AutoGraph does.
      reduce_retracing: when arguments of new shapes come, trace once more with the shapes
        unknown where they differ (dimensions, or ranks), so that later shapes share a trace.

    >>> @minitf.function
    ... def f(x, y):
    ...     return x * y + 1
    >>> f(minitf.constant(2.0), minitf.constant(3.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=7.0>
    """
    relax = reduce_retracing or bool(experimental_relax_shapes)

    def decorate(fn):
        return Function(fn, input_signature, relax, name, autograph)
    return decorate if func is None else decorate(func)

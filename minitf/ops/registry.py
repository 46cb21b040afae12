"""The op registry and `execute()`, the single point through which every op runs or is built.

An op is registered once with `register(...)`: its type name, its inputs, its numpy kernel, its
static shape/dtype rule and its gradient. `execute()` converts the arguments (Python values,
numpy arrays, variables) to tensors with TensorFlow's dtype rules, then either runs the kernel at
once (eager mode, recording on active tapes) or adds an Operation to the default graph.
`convert_to_tensor` lives here because argument conversion is part of dispatch.
"""
import contextlib

import numpy as np

from ..framework import dtypes, string_values
from ..framework.context import ctx
from ..framework.errors import InvalidArgumentError, OpError
from ..framework.graph import describe_inputs, get_default_graph
from ..framework.shapes import IncompatibleShapesError, dims_str
from ..framework.tensor import EagerTensor, SymbolicTensor, Tensor

OPS = {}


class OpDef:
    """Everything minitf knows about one op type.

    inputs: names with their type, e.g. "x: T, y: T" (T a type variable shared by the inputs that
      name it), "shape: int32", "values: N*T" (a list), "resource: resource".
    kernel(*arrays, **attrs) -> array, or a tuple of arrays when `multi`. The arrays are the
      inputs in order, a list input spread out; stateful ops whose `make_state(op)` is set get
      their per-session state as the first argument in a graph, and `eager_state(attrs)` when
      run eagerly.
    infer(inputs, **attrs) -> [(dtype, TensorShape), ...]: the static rule used in graph mode; it
      raises ValueError for inputs that can never work.
    grad(op, *output_grads) -> one gradient (or None) per input, written with minitf ops;
      `grad=None` declares the op not differentiable.
    types: allowed dtypes per type variable.
    hoist: the output is fixed for a session (constants, variable handles), so a plan computes it
      once when it is compiled instead of on every run.
    writes: the op changes state beyond its outputs (a variable, an output stream): a traced
      function runs it even when no output needs it, and a plan that has it is a transaction.
    none_for_unused: `grad` takes None (instead of zeros) for an output that got no gradient.
    """

    __slots__ = ("type", "inputs", "kernel", "infer", "grad", "types", "multi", "hoist",
                 "make_state", "eager_state", "writes", "none_for_unused", "checks")

    def __init__(self, type, inputs, kernel, infer, grad, types, multi, hoist, make_state,
                 eager_state, writes, none_for_unused):
        self.type = type
        self.inputs = inputs
        self.kernel = kernel
        self.infer = infer
        self.grad = grad
        self.types = types
        self.multi = multi
        self.hoist = hoist
        self.make_state = make_state
        self.eager_state = eager_state
        self.writes = writes
        self.none_for_unused = none_for_unused
        # For the eager fast path (`_ready`): per input, the dtypes it accepts, or None for
        # "the dtype of the type variable"; set only when the inputs are plain (no list) and
        # name at most one type variable.
        free = {kind for _, kind, _ in inputs if kind not in _FIXED}
        plain = len(free) <= 1 and not any(is_list for _, _, is_list in inputs)
        self.checks = tuple(_FIXED[k][0] if k in _FIXED else None for _, k, _ in inputs) \
            if plain else None


def register(type, inputs, kernel, infer, grad, types=None, multi=False, hoist=False,
             make_state=None, eager_state=None, writes=False, none_for_unused=False):
    """Adds an op type to the registry (once: a second registration of a type is a bug)."""
    if type in OPS:
        raise KeyError("Op type %s is registered twice." % type)
    spec = []
    for item in filter(None, (s.strip() for s in inputs.split(","))):
        arg, kind = (p.strip() for p in item.split(":"))
        is_list = kind.startswith("N*")
        spec.append((arg, kind[2:] if is_list else kind, is_list))
    OPS[type] = OpDef(type, tuple(spec), kernel, infer, grad, types or {}, multi, hoist,
                      make_state, eager_state, writes, none_for_unused)
    return OPS[type]


# -- argument conversion ----------------------------------------------------------------------
def _infer_python_dtype(value, a):
    kind = a.dtype.kind
    if kind == "b":
        return dtypes.bool
    if kind in "iu":
        if a.dtype == np.uint64 and a.max() >= 2 ** 63:
            raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor: "
                             "%r does not fit int64." % (value,))
        if a.size and (a.min() < -2 ** 31 or a.max() >= 2 ** 31):
            return dtypes.int64
        return dtypes.int32
    if kind == "f":
        return dtypes.float64 if _holds_float64(value) else dtypes.float32
    if kind == "c":
        return dtypes.complex128
    raise TypeError("Cannot convert %r to a tensor: values of type %s are not supported."
                    % (value, a.dtype))


def _holds_float64(value):
    if isinstance(value, (list, tuple)):
        return any(_holds_float64(v) for v in value)
    return isinstance(value, (np.ndarray, np.generic)) and value.dtype == np.float64


def _python_to_numpy(value, dtype, graph_mode):
    """A Python value (scalar or nested list) as an array of `dtype` (inferred when None)."""
    first = _first_leaf(value)
    if string_values.is_text(first):
        if dtype is None or dtype is dtypes.string:
            return string_values.bytes_array(value)
        _refuse(value, dtype, graph_mode)
    try:
        a = np.array(value)
    except ValueError:
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.") from None
    kind = a.dtype.kind
    # TensorFlow's rule: a complex number after a real one is mixed ([1, 2j], but not [1j, 2])
    complex_after_real = kind == "c" and not isinstance(first, (complex, np.complexfloating))
    if isinstance(value, (list, tuple)) and (kind not in "biufc" or complex_after_real):
        raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
    if dtype is None:
        dtype = _infer_python_dtype(value, a)
    elif kind not in "biufc" or a.size and (  # an empty `[]` fits any dtype
            dtype.is_integer and kind in "fc" or dtype.is_bool and kind != "b"
            or dtype.is_floating and kind == "c" or dtype.is_complex and kind == "b"
            or dtype is dtypes.string):
        _refuse(value, dtype, graph_mode)
    return a.astype(dtype.np, copy=False)


def _first_leaf(value):
    """The first scalar of a (nested) list, or the value itself."""
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    return value


def _refuse(value, dtype, graph_mode):
    if graph_mode:
        raise TypeError("Expected %s, but got %r of type '%s'."
                        % (dtype.name, value, type(value).__name__))
    raise TypeError("Cannot convert %r to EagerTensor of dtype %s" % (value, dtype.name))


def contains_tensor(value):
    if isinstance(value, (list, tuple)):
        return any(contains_tensor(v) for v in value)
    return isinstance(value, Tensor) or hasattr(value, "_to_tensor")


def convert_to_tensor(value, dtype=None, name=None, dtype_hint=None):
    """Converts a Python value, numpy array, Tensor or Variable to a Tensor.

    Python ints become int32 (int64 when too large), floats float32; numpy arrays keep their
    dtype; a Tensor is returned as is (its dtype must equal `dtype`, if given). `dtype_hint`
    is used for Python values when it fits them, and ignored otherwise.

    Raises:
      TypeError: if a value cannot be represented in `dtype`.
      ValueError: if a Tensor's dtype differs from `dtype`, or a sequence is ragged or mixed.

    >>> minitf.convert_to_tensor([1, 2])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    """
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    if isinstance(value, Tensor) or hasattr(value, "_to_tensor"):
        t = value if isinstance(value, Tensor) else value._to_tensor()
        if dtype is not None and t.dtype is not dtype:
            raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                             % (dtype.name, t.dtype.name, t))
        return in_current_graph(t)
    graph_mode = bool(ctx.graphs) or not ctx.eager_default
    if isinstance(value, (list, tuple)) and contains_tensor(value):
        return _pack(value, dtype, graph_mode, name)
    if dtype is None and dtype_hint is not None:
        try:
            return convert_to_tensor(value, dtype_hint, name)
        except (TypeError, ValueError):
            pass
    a = as_array(value, dtype, graph_mode)
    if not graph_mode:
        return EagerTensor(a)
    return execute("Const", [], {"value": a, "dtype": dtypes.from_numpy(a.dtype)},
                   name=name or "Const")


def as_array(value, dtype=None, graph_mode=False):
    """A fresh numpy array holding a Python value or numpy array, with TensorFlow's dtype rules."""
    if isinstance(value, (np.ndarray, np.generic)):
        kind = value.dtype.kind
        if dtype is None or dtype is dtypes.string:
            if kind in "USO":
                return string_values.bytes_array(np.asarray(value))
            if dtype is not None:
                raise ValueError("Failed to convert a NumPy array to a Tensor (Unsupported object "
                                 "type %s)." % value.dtype)
        if kind not in "biufcUS":
            raise TypeError("Cannot convert a numpy array of dtype %s to a tensor." % value.dtype)
        return np.array(value, None if dtype is None else dtype.np)
    if type(value) is float and dtype is not None and dtype.is_floating:
        return np.array(value, dtype.np)
    return _python_to_numpy(value, dtype, graph_mode)


def _pack(values, dtype, graph_mode, name):
    """A nested list holding tensors: stacked (the Pack op) in a graph, read out eagerly."""
    if not graph_mode:
        def unwrap(v):
            if isinstance(v, (list, tuple)):
                return [unwrap(x) for x in v]
            return convert_to_tensor(v).numpy() if contains_tensor(v) else v
        first = next(_leaves(values))
        dtype = dtype or convert_to_tensor(first).dtype
        return convert_to_tensor(np.asarray(unwrap(values), dtype.np))
    parts = [_pack(v, dtype, graph_mode, None) if isinstance(v, (list, tuple))
             else v for v in values]
    return execute("Pack", [parts], {"axis": 0}, name=name or "packed")


def _leaves(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)
    elif contains_tensor(value):
        yield value


def in_current_graph(t):
    """`t` made usable in the current mode: a function's graph captures outside tensors."""
    if ctx.graphs or not ctx.eager_default:
        g = get_default_graph()
        if isinstance(t, EagerTensor) or (g.is_function and t.graph is not g):
            return g.capture(t)
    elif isinstance(t, SymbolicTensor):
        raise TypeError("%s is a graph tensor and cannot be used in eager execution: build the "
                        "whole computation in the graph, or compute %s eagerly."
                        % (t, t.name))
    return t


# Inputs of a fixed kind: the dtypes they accept, and the dtype a Python value becomes.
_FIXED = {"int32": ({dtypes.int32}, dtypes.int32),
          "index": ({dtypes.int32, dtypes.int64}, dtypes.int32),
          "bool": ({dtypes.bool}, dtypes.bool),
          "string": ({dtypes.string}, dtypes.string),
          "int64": ({dtypes.int64}, dtypes.int64),
          "resource": ({dtypes.resource}, None),
          "any": (set(dtypes._ALL), None)}
_FREE = (None, None)  # a type variable: any dtype, the same for all inputs that name it


def _convert_inputs(op_def, values, eager, op_name):
    """Converts `values` to a flat list of tensors following `op_def.inputs` (a list input
    spread out); checks that dtypes agree.

    The inputs that name one type variable share a dtype: eagerly (and within a list input),
    that of the first of them that is a tensor or variable; otherwise, in a graph, that of the
    first of them. Python values are converted to it (`x * 2` with `x` float64 is float64), and
    refused with a TypeError when they do not fit it (`int_tensor * 1.5`).
    """
    items = []
    for (arg, kind, is_list), value in zip(op_def.inputs, values):
        items.extend((arg, kind, is_list, item) for item in (value if is_list else (value,)))
    bound, first_arg = {}, {}
    for arg, kind, is_list, item in items:
        if (eager or is_list) and kind not in bound and kind not in _FIXED \
                and _is_tensor_like(item):
            bound[kind], first_arg[kind] = item.dtype, arg
    flat = []
    for arg, kind, _, item in items:
        allowed, hint = _FIXED.get(kind, _FREE)
        want = None if allowed else bound.get(kind)
        if eager and type(item) is EagerTensor:
            t = item
        elif _is_tensor_like(item):
            t = convert_to_tensor(item)
        elif want is not None:
            t = _convert_strictly(item, want, arg, op_def, eager)
        else:
            t = convert_to_tensor(item, dtype_hint=hint, name=arg)
        if allowed:
            if t.dtype not in allowed:
                _dtype_mismatch(op_def, op_name, eager, arg, len(flat), t.dtype, allowed, None)
        elif want is None:
            bound[kind] = t.dtype
            first_arg[kind] = arg
        elif t.dtype is not want:
            _dtype_mismatch(op_def, op_name, eager, arg, len(flat), t.dtype, want,
                            first_arg[kind])
        flat.append(t)
    for kind, allowed in op_def.types.items():
        if kind in bound and bound[kind] not in allowed:
            names = ", ".join(sorted(d.name for d in allowed))
            if eager:
                raise InvalidArgumentError(None, None, "Value for attr '%s' of %s is not in the "
                                           "list of allowed values: %s [Op:%s]"
                                           % (kind, bound[kind].name, names, op_def.type))
            raise TypeError("Value passed to parameter '%s' has DataType %s not in list of "
                            "allowed values: %s (op %s '%s')"
                            % (first_arg[kind], bound[kind].name, names, op_def.type, op_name))
    return flat


def _is_tensor_like(x):
    return isinstance(x, Tensor) or hasattr(x, "_to_tensor")


def _convert_strictly(value, dtype, arg, op_def, eager):
    """A Python value as a tensor of exactly `dtype`, or TensorFlow's TypeError."""
    try:
        return convert_to_tensor(value, dtype, name=arg)
    except TypeError as e:
        if eager:
            raise
        raise TypeError("Expected %s passed to parameter '%s' of op '%s', got %r of type '%s' "
                        "instead. Error: %s" % (dtype.name, arg, op_def.type, value,
                                               type(value).__name__, e)) from None


def _dtype_mismatch(op_def, op_name, eager, arg, index, got, want, first):
    if eager:
        want = "/".join(d.name for d in want) if isinstance(want, set) else want.name
        raise InvalidArgumentError(None, None, "cannot compute %s as input #%d(zero-based) was "
                                   "expected to be a %s tensor but is a %s tensor [Op:%s]"
                                   % (op_def.type, index, want, got.name, op_def.type))
    if isinstance(want, set):
        raise TypeError("Input '%s' of '%s' Op has type %s that is not one of the allowed types "
                        "%s (op '%s')." % (arg, op_def.type, got.name,
                                           ", ".join(sorted(d.name for d in want)), op_name))
    raise TypeError("Input '%s' of '%s' Op has type %s that does not match type %s of argument "
                    "'%s'." % (arg, op_def.type, got.name, want.name, first))


# -- dispatch ---------------------------------------------------------------------------------
def execute(op_type, inputs, attrs=None, name=None):
    """Runs op `op_type` on `inputs` now (eager mode) or adds it to the default graph.

    Returns the output tensor, a list of them for a multi-output op, or (for an op without
    outputs) None in eager mode and the Operation in a graph.
    """
    op_def = OPS[op_type]
    attrs = attrs or {}
    if not ctx.graphs and ctx.eager_default:
        return _run_eagerly(op_def, inputs, attrs, name)
    return _add_to_graph(op_def, inputs, attrs, name)


def _ready(op_def, inputs):
    """Whether `inputs` are eager tensors that already fit `op_def` (the common case)."""
    checks = op_def.checks
    if checks is None:
        return False
    bound = None
    for allowed, t in zip(checks, inputs):
        if type(t) is not EagerTensor:
            return False
        if allowed is not None:
            if t._dtype not in allowed:
                return False
        elif bound is None:
            bound = t._dtype
        elif t._dtype is not bound:
            return False
    return bound is None or all(bound in allowed for allowed in op_def.types.values())


def _run_eagerly(op_def, inputs, attrs, name):
    flat = inputs if _ready(op_def, inputs) else _convert_inputs(op_def, inputs, True, name)
    args = [t._value for t in flat]
    if op_def.eager_state is not None:
        args.insert(0, op_def.eager_state(attrs))
    try:
        out = op_def.kernel(*args, **attrs)
    except OpError as e:
        raise type(e)(None, None, "%s [Op:%s]" % (e.message, op_def.type)) from None
    except Exception as e:  # numpy's error, reported as TensorFlow reports a bad argument
        raise InvalidArgumentError(None, None, "%s [Op:%s]" % (
            _static_error(op_def, flat, attrs) or e, op_def.type)) from None
    if out is None:
        outputs = []
    elif op_def.multi:
        outputs = [EagerTensor(v) for v in out]
    else:
        outputs = [EagerTensor(out)]
    if ctx.tapes:
        for tape in ctx.tapes:
            tape._record_eager(op_def, flat, outputs, attrs)
    if op_def.multi:
        return outputs
    return outputs[0] if outputs else None


def _static_error(op_def, flat, attrs):
    """The message of the static shape rule for these inputs, if it rejects them."""
    try:
        op_def.infer(flat, **attrs)
    except IncompatibleShapesError as e:
        return "Incompatible shapes: %s vs. %s" % tuple(dims_str(s) for s in e.shapes)
    except (ValueError, TypeError) as e:
        return str(e)
    return None


def _add_to_graph(op_def, inputs, attrs, name):
    g = get_default_graph()
    with g.name_scope(name or op_def.type) as scope:
        flat = _convert_inputs(op_def, inputs, False, scope[:-1])
    op_name = scope[:-1]
    for t in flat:
        if t.graph is not g:
            other = next((x for x in flat if x.graph is g), "the default graph")
            raise ValueError("%s must be from the same graph as %s (graphs are %r and %r)."
                             % (t, other, t.graph, g))
    try:
        specs = op_def.infer(flat, **attrs)
    except ValueError as e:
        raise ValueError("%s for '{{node %s}} = %s(%s)' with input shapes: %s." % (
            str(e).rstrip("."), op_name, op_def.type, ", ".join(t.op.name for t in flat),
            describe_inputs(flat))) from None
    op = g._create_op(op_def, op_name, flat, attrs, specs)
    for tape in ctx.tapes:
        tape._record_op(op)
    if op_def.multi:
        return op.outputs
    return op.outputs[0] if op.outputs else op


@contextlib.contextmanager
def scope(name):
    """For an op function made of several ops: in a graph, opens name scope `name` and yields its
    prefix (e.g. "truediv_1/"), which `execute(..., name=prefix)` takes as the op's own name so
    that helper ops nest under it; when executing eagerly, yields None."""
    if not ctx.graphs and ctx.eager_default:
        yield None
    else:
        with get_default_graph().name_scope(name) as prefix:
            yield prefix

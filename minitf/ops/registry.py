"""The op registry and `execute()`, the single point through which every op runs or is built.

An op is registered once with `register(...)`: its type name, its inputs, its numpy kernel, its
static shape/dtype rule and its gradient. `execute()` converts the arguments (Python values,
numpy arrays, variables) to tensors with TensorFlow's dtype rules, then either runs the kernel at
once (eager mode, recording on active tapes) or adds an Operation to the default graph.
`convert_to_tensor` lives here because argument conversion is part of dispatch; the dtype rules
for plain Python values and numpy arrays are in `framework/conversion.py`.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import ctx
from ..framework.conversion import as_array
from ..framework.errors import InvalidArgumentError, OpError
from ..framework.graph import describe_inputs, get_default_graph
from ..framework.shapes import IncompatibleShapesError, dims_str
from ..framework.tensor import EagerTensor, SymbolicTensor, Tensor
from .kernels import loud, restore_numpy, silence_numpy

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
    grad_uses: which values `grad` reads, so that a tape keeps only those (of the others it keeps
      the dtype and shape): "inputs and outputs" (the default), "inputs", "outputs", "none", or
      "other inputs" (the gradient for each input reads the other inputs, as in `x * y`; `grad`
      must then skip the inputs whose `op.needs` is False).
    """

    __slots__ = ("type", "inputs", "kernel", "infer", "grad", "types", "multi", "hoist",
                 "make_state", "eager_state", "writes", "none_for_unused", "grad_uses", "ready",
                 "allowed", "fixed", "loud")

    def __init__(self, type, inputs, kernel, infer, grad, types, multi, hoist, make_state,
                 eager_state, writes, none_for_unused, grad_uses):
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
        self.grad_uses = grad_uses
        # The short path of dispatch: whether the inputs are tensors that need no conversion;
        # the names of the dtypes that the type variables allow (all of them if none).
        self.allowed = frozenset(d.name for d in frozenset(dtypes._ALL).intersection(
            *types.values()))
        self.ready = _ready_check(inputs, self.allowed)
        # Per input, for `_plain_inputs`: the names of the dtypes a fixed kind of input takes
        # (None for a type variable's), and the dtype a Python value for it becomes.
        self.fixed = tuple((_FIXED_NAMES.get(kind), _FIXED.get(kind, _FREE)[1])
                           for _, kind, _ in inputs)
        # A `quiet` kernel's own kernel, which eager dispatch silences itself (see `quiet`).
        self.loud = loud(kernel) if eager_state is None and inputs else None


_GRAD_USES = ("inputs and outputs", "inputs", "outputs", "none", "other inputs")


def register(type, inputs, kernel, infer, grad, types=None, multi=False, hoist=False,
             make_state=None, eager_state=None, writes=False, none_for_unused=False,
             grad_uses="inputs and outputs"):
    """Adds an op type to the registry (once: a second registration of a type is a bug)."""
    if type in OPS:
        raise KeyError("Op type %s is registered twice." % type)
    if grad_uses not in _GRAD_USES:
        raise ValueError("grad_uses of %s must be one of %s, not %r." % (type, _GRAD_USES,
                                                                         grad_uses))
    spec = []
    for item in filter(None, (s.strip() for s in inputs.split(","))):
        arg, kind = (p.strip() for p in item.split(":"))
        is_list = kind.startswith("N*")
        spec.append((arg, kind[2:] if is_list else kind, is_list))
    OPS[type] = OpDef(type, tuple(spec), kernel, infer, grad, types or {}, multi, hoist,
                      make_state, eager_state, writes, none_for_unused, grad_uses)
    return OPS[type]


def contains_tensor(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            if type(v) not in _PYTHON_SCALARS and contains_tensor(v):
                return True
        return False
    return isinstance(value, Tensor) or hasattr(value, "_to_tensor")


_PYTHON_SCALARS = frozenset((int, float, bool))


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
    if not ctx.graphs and ctx.eager_default:  # the common eager cases, in short
        if type(value) is EagerTensor and (dtype is None or dtype is value._dtype):
            return value
        if type(value) is float or type(value) is int or type(value) is list:
            t = _eager_plain(value, dtype or dtype_hint and dtypes.as_dtype(dtype_hint))
            if t is not None:
                return t
    if isinstance(value, Tensor) or hasattr(value, "_to_tensor"):
        t = value if isinstance(value, Tensor) else value._to_tensor()
        if dtype is not None and t.dtype is not dtype:
            raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                             % (dtype.name, t.dtype.name, t))
        return in_current_graph(t)
    graph_mode = bool(ctx.graphs) or not ctx.eager_default
    if isinstance(value, (list, tuple)) and contains_tensor(value):
        return _pack(value, dtype, graph_mode, name)
    a = None
    if dtype is None and dtype_hint is not None:
        try:
            a = as_array(value, dtypes.as_dtype(dtype_hint), graph_mode)
        except (TypeError, ValueError):
            pass
    if a is None:
        a = as_array(value, dtype, graph_mode)
    if not graph_mode:
        return EagerTensor(a)
    return execute("Const", [], {"value": a, "dtype": dtypes.from_numpy(a.dtype)},
                   name=name or "Const")


_PLAIN_FOR_INTS = frozenset(d.name for d in (dtypes.int32, dtypes.int64, dtypes.float32,
                                              dtypes.float64))


def _eager_plain(value, dtype):
    """A Python float, an int that fits int32, or a flat list of such ints (axes, shapes) as an
    eager tensor of `dtype` (by default float32 or int32), where that needs no rule beyond a
    cast; None for what the full rules decide."""
    if type(value) is float:
        dtype = dtype or dtypes.float32
        if dtype.is_floating:
            return EagerTensor(np.array(value, dtype.np), dtype)
    elif type(value) is int:
        if -2 ** 31 <= value < 2 ** 31:
            dtype = dtype or dtypes.int32
            if dtype.name in _PLAIN_FOR_INTS:
                return EagerTensor(np.array(value, dtype.np), dtype)
    elif value and (dtype is None or dtype is dtypes.int32 or dtype is dtypes.int64):
        for v in value:
            if type(v) is not int or not -2 ** 31 <= v < 2 ** 31:
                return None
        dtype = dtype or dtypes.int32
        return EagerTensor(np.array(value, dtype.np), dtype)
    return None


def plain_operand(value, dtype):
    """A Python value that a gradient passes to an op beside tensors, for an input of `dtype`
    (the type bound by those tensors, or an integer input's int32): eagerly, when it is what
    `_eager_plain` takes, the tensor that dispatch would make of it, made here so that dispatch
    takes its shortest path; otherwise, and in a graph (where the op's conversion names its
    constant), the value itself."""
    if type(value) in _PLAIN and not ctx.graphs and ctx.eager_default:
        t = _eager_plain(value, dtype)
        if t is not None:
            return t
    return value


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
_FIXED_NAMES = {k: frozenset(d.name for d in allowed) for k, (allowed, _) in _FIXED.items()}


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
        want = "/".join(sorted(d.name for d in want)) if isinstance(want, set) else want.name
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
_NO_ATTRS = {}  # shared by the calls without attrs; never changed


def execute(op_type, inputs, attrs=None, name=None):
    """Runs op `op_type` on `inputs` now (eager mode) or adds it to the default graph.

    Returns the output tensor, a list of them for a multi-output op, or (for an op without
    outputs) None in eager mode and the Operation in a graph.
    """
    op_def = OPS[op_type]
    if ctx.graphs or not ctx.eager_default:
        return _add_to_graph(op_def, inputs, attrs or _NO_ATTRS, name)
    ready = op_def.ready
    flat = ready(inputs, EagerTensor) if ready else None
    if flat is None:
        flat = ready and _plain_inputs(op_def, inputs) or _convert_inputs(op_def, inputs, True,
                                                                          name)
    return _run_eagerly(op_def, flat, attrs or _NO_ATTRS)


_PLAIN = frozenset((float, int, list))  # the Python values `_eager_plain` may take


def _plain_inputs(op_def, values):
    """The flat tensors `_convert_inputs` would make eagerly of `values`, when each is an eager
    tensor, a variable, or a Python value that `_eager_plain` converts (a number for a typed
    input once a tensor or variable has bound its type, a small int or flat list of them for an
    integer input); None for anything else, or when dtypes do not agree, which the full rules
    then decide (and report). For ops whose `ready` check exists: one type variable, no lists."""
    bound = None
    for (fits, hint), v in zip(op_def.fixed, values):
        if type(v) is EagerTensor:
            if bound is None and fits is None:
                bound = v._dtype
        elif type(v) in _PLAIN:
            if fits is not None and hint is None:
                return None
        elif isinstance(v, Tensor) or not hasattr(v, "_to_tensor"):
            return None
        elif bound is None and fits is None:
            bound = v.dtype
    if bound is not None and bound.name not in op_def.allowed:
        return None
    flat = []
    for (fits, hint), v in zip(op_def.fixed, values):
        if type(v) is EagerTensor:
            t = v
        elif type(v) in _PLAIN:
            t = _eager_plain(v, bound if fits is None else hint)
            if t is None:
                return None
        else:
            t = v._to_tensor()
            if type(t) is not EagerTensor:
                return None
        if (t._dtype is not bound) if fits is None else (t._dtype.name not in fits):
            return None
        flat.append(t)
    return flat


def _ready_check(inputs, allowed):
    """A function `ready(values, cls)` giving `values` as the flat list of tensors that
    `_convert_inputs` would make of them, when they are already tensors of class `cls` that fit
    the op (the common case), and None otherwise; None (never ready) for ops whose inputs have
    more than one type variable, or a list among others. (Dtypes are compared by name: a name
    hashes faster than a DType.)"""
    free = {kind for _, kind, _ in inputs if kind not in _FIXED}
    if len(inputs) == 1 and inputs[0][1:] == ("any", True):  # a list of any tensors
        return lambda values, cls: values[0] if all(type(t) is cls for t in values[0]) else None
    if len(free) > 1 or any(is_list for _, _, is_list in inputs):
        return None
    checks = tuple(_FIXED_NAMES.get(k) for _, k, _ in inputs)
    if len(checks) == 1:
        fits = checks[0] or allowed

        def ready(values, cls):
            x, = values
            return values if type(x) is cls and x._dtype.name in fits else None
        return ready

    if checks == (None, None):
        def ready(values, cls):
            x, y = values
            return values if type(x) is cls and type(y) is cls and x._dtype is y._dtype and \
                x._dtype.name in allowed else None
        return ready

    if len(checks) == 2:  # one input of a fixed kind (axes, a shape, a handle) and one other
        first, second = (fits or allowed for fits in checks)

        def ready(values, cls):
            x, y = values
            return values if type(x) is cls and type(y) is cls and x._dtype.name in first and \
                y._dtype.name in second else None
        return ready

    def ready(values, cls):
        bound = None
        for fits, t in zip(checks, values):
            if type(t) is not cls:
                return None
            if fits is not None:
                if t._dtype.name not in fits:
                    return None
            elif bound is None:
                bound = t._dtype
            elif t._dtype is not bound:
                return None
        return values if bound is None or bound.name in allowed else None
    return ready


def _run_eagerly(op_def, flat, attrs):
    kernel = op_def.loud
    if kernel is None:
        kernel, token = op_def.kernel, None
    else:  # what `quiet` does, without its call: numpy never warns about integers and booleans
        first = flat[0]._value
        quiet = type(first) is np.ndarray and first.dtype.kind in "biu"
        token = None if quiet else silence_numpy()
    try:
        if op_def.eager_state is not None:
            out = kernel(op_def.eager_state(attrs), *[t._value for t in flat], **attrs)
        elif len(flat) == 2:
            out = kernel(flat[0]._value, flat[1]._value, **attrs)
        elif len(flat) == 1:
            out = kernel(flat[0]._value, **attrs)
        else:
            out = kernel(*[t._value for t in flat], **attrs)
    except OpError as e:
        raise type(e)(None, None, "%s [Op:%s]" % (e.message, op_def.type)) from None
    except Exception as e:  # numpy's error, reported as TensorFlow reports a bad argument
        raise InvalidArgumentError(None, None, "%s [Op:%s]" % (
            _static_error(op_def, flat, attrs) or e, op_def.type)) from None
    finally:
        if token is not None:
            restore_numpy(token)
    if op_def.multi:
        result = outputs = [EagerTensor(v) for v in out]
    elif out is None:
        result, outputs = None, ()
    else:
        result = EagerTensor(out)
        outputs = (result,)
    tapes = ctx.tapes
    if tapes:
        for tape in tapes:
            tape._record_eager(op_def, flat, outputs, attrs)
    return result


def record(op_type, inputs, outputs, attrs):
    """Records on the active tapes an op whose outputs were computed at once without `execute`
    (a short path giving what its kernel gives), as `execute` would have recorded it."""
    op_def = OPS[op_type]
    for tape in ctx.tapes:
        tape._record_eager(op_def, inputs, outputs, attrs)


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
    name = name or op_def.type
    ready = op_def.ready
    flat = ready(inputs, SymbolicTensor) if ready else None
    if flat is not None and all(t._op.graph is g for t in flat):
        # nothing to convert, so no scope for conversions to open
        op_name = name[:-1] if name[-1] == "/" else g.unique_name(name)
    else:
        with g.name_scope(name) as scope:
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


class _NoScope:
    """What `scope` gives when executing eagerly: a context that does nothing and yields None."""

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


_NO_SCOPE = _NoScope()


def scope(name):
    """For an op function made of several ops: in a graph, opens name scope `name` and yields its
    prefix (e.g. "truediv_1/"), which `execute(..., name=prefix)` takes as the op's own name so
    that helper ops nest under it; when executing eagerly, yields None."""
    if not ctx.graphs and ctx.eager_default:
        return _NO_SCOPE
    return get_default_graph().name_scope(name)

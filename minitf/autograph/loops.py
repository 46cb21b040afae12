"""The loops of converted code: `while_stmt` and `for_stmt` (part of `ag__`, see operators.py).

A loop whose test (first checked in a throwaway graph) or iterable is a tensor of the graph
being built is staged as a `while_loop` over its state: `for x in tensor` reads the rows from a
TensorArray, `for i in range(...)` of tensors counts without making the range. Otherwise it is a
Python loop; over a `minitf.data.Dataset`, which unrolls itself in a traced function, a `break`
on a tensor makes each later element's iteration a cond. A variable first assigned inside a
staged loop gets a placeholder start value, found by tracing the body once, and the loop must
run at least once (checked when it runs).
"""
import functools

from .. import nest
from ..control_flow import graph_function
from ..control_flow.cond import cond
from ..control_flow.tensor_array import TensorArray
from ..control_flow.while_loop import while_loop
from ..framework.context import executing_eagerly
from ..framework.shapes import TensorShape, as_shape, dim_at
from ..framework.tensor import Tensor
from ..ops import array_ops, assert_ops, fill_ops, logical_ops
from ..ops.control_flow_ops import control_dependencies
from ..ops.constant_folding import constant_value
from ..ops.registry import convert_to_tensor
from .operators import (Undefined, UndefinedReturnValue, condition, dtype_of, if_stmt, located,
                        staged)


def while_stmt(test, body, get_state, set_state, names, opts, where):
    """`while test(): body()` over the variables of `get_state`/`set_state`."""
    if not executing_eagerly():
        _, _, first = graph_function.trace("loop_test", lambda _: test(), [])
        if staged(first):
            _staged_while(test, body, get_state, set_state, names, opts, where)
            return
    value = test()
    while value:
        body()
        value = test()
        if staged(value):
            raise located(NotImplementedError, "The condition of while loop started as "
                          "non-Tensor, then changed to Tensor. This may happen either because "
                          "variables changed type, or when a break or return statement inside "
                          "the loop depends on a Tensor condition. In both cases, changing to a "
                          "TF loop should remove the error.", where)


def for_stmt(iterable, extra_test, body, get_state, set_state, names, opts, where):
    """`for x in iterable: body(x)`, stopping early when `extra_test()` is false."""
    if staged(iterable):
        t = convert_to_tensor(iterable)
        if t.op.type == "Range":
            _range_for(t, extra_test, body, get_state, set_state, names, opts, where)
        else:
            _tensor_for(t, extra_test, body, get_state, set_state, names, opts, where)
        return
    dataset = hasattr(iterable, "element_spec")  # a minitf.data.Dataset: unrolled while traced
    for x in iterable:
        go = True if extra_test is None else extra_test()
        if not staged(go):
            if not go:
                break
            body(x)
        elif dataset:  # after a tensor `break`, each later element runs under a cond
            if_stmt(go, functools.partial(body, x), lambda: None, get_state, set_state, names,
                    len(names), where)
        else:
            raise located(NotImplementedError, "break and return statements which depend on a "
                          "TF condition are not supported in Python for loops. Did you intend to "
                          "make it a TF loop?", where)


def _tensor_for(t, extra_test, body, get_state, set_state, names, opts, where):
    if t.shape.rank == 0:
        raise located(ValueError, "cannot iterate over the scalar tensor %s" % (t,), where)
    n = dim_at(t.shape, 0)
    if n is None:
        n = array_ops.shape(t)[0]
    rows = TensorArray(t.dtype, size=n).unstack(t)
    index = [0]

    def step():
        body(rows.read(index[0]))
        index[0] += 1

    _counted(index, lambda i: i < n, step, extra_test, get_state, set_state, names, opts, where)


def _range_for(t, extra_test, body, get_state, set_state, names, opts, where):
    start, limit, delta = t.op.inputs
    step_value = constant_value(delta)
    index = [start]

    def more(i):
        if step_value is not None:
            return i < limit if step_value >= 0 else i > limit
        return logical_ops.logical_or(logical_ops.logical_and(delta >= 0, i < limit),
                                      logical_ops.logical_and(delta < 0, i > limit))

    def step():
        body(index[0])
        index[0] += delta

    target = opts.get("iterate_names")
    state = get_state()
    if target in names and isinstance(state[names.index(target)], Undefined):
        set_state(tuple(start if n == target else v for n, v in zip(names, state)))
    _counted(index, more, step, extra_test, get_state, set_state, names, opts, where)


def _counted(index, more, step, extra_test, get_state, set_state, names, opts, where):
    """A staged loop over `index[0]` and the state, while `more(index)` (and the extra test)."""
    def test():
        main = more(index[0])
        return main if extra_test is None else cond(main, extra_test, lambda: False)

    def get():
        return (index[0],) + tuple(get_state())

    def put(values):
        index[0] = values[0]
        set_state(tuple(values[1:]))

    opts = {k: v for k, v in opts.items() if k != "iterate_names"}
    _staged_while(test, step, get, put, ("<internal iterate>",) + tuple(names), opts, where)


def _staged_while(test, body, get_state, set_state, names, opts, where):
    init = original = tuple(get_state())
    invariants = _invariants(init, opts)
    missing = [isinstance(v, (Undefined, UndefinedReturnValue)) or v is None for v in init]
    once = any(missing)
    if once:
        init, invariants = _placeholder_start(body, get_state, set_state, init, invariants,
                                              names, where)

    def loop_test(*values):
        set_state(values[once:])
        return condition(test(), "while loop", where)

    def loop_body(*values):
        set_state(values[once:])
        body()
        new = tuple(get_state())
        _check_iteration(names, init, values[once:], new, invariants, where)
        return ((True,) if once else ()) + new

    start = ((False,) if once else ()) + init
    shapes = ([TensorShape([])] if once else []) + invariants
    final = while_loop(loop_test, loop_body, list(start), shape_invariants=shapes,
                       maximum_iterations=opts.get("maximum_iterations"))
    if once:
        message = "loop must iterate at least once to initialize %s" % ", ".join(
            "the function return value" if isinstance(v, UndefinedReturnValue) else n
            for n, v, m in zip(names, original, missing) if m)
        with control_dependencies([assert_ops.Assert(final[0], [message])]):
            final = [array_ops.identity(v) if isinstance(v, Tensor) else v for v in final[1:]]
    set_state(tuple(final))


def _invariants(init, opts):
    """The shape invariant of each state variable (None where none was set), from the loop's
    `set_loop_options(shape_invariants=[(variable, shape), ...])`."""
    given = {id(v): s for v, s in opts.get("shape_invariants", ())}
    return [nest.map_structure(lambda x: None, v) if id(v) not in given else
            nest.map_structure(as_shape, given[id(v)]) for v in init]


def _placeholder_start(body, get_state, set_state, init, invariants, names, where):
    """Start values for the variables first assigned in the body: zeros like what one traced
    iteration gives them (an unknown dimension starts at 0 and may vary)."""
    failure = None
    try:
        def one_iteration(_):
            set_state(tuple(v if isinstance(v, (Undefined, UndefinedReturnValue)) or v is None
                            else _traced_like(v) for v in init))
            body()
            return tuple(get_state())
        _, _, first = graph_function.trace("tmp", one_iteration, [])
    except (UnboundLocalError, TypeError, ValueError, KeyError) as e:
        first, failure = (None,) * len(init), "%s: %s" % (type(e).__name__, e)
    finally:
        set_state(init)
    values, shapes = [], []
    for name, v, after, inv in zip(names, init, first, invariants):
        if not (isinstance(v, (Undefined, UndefinedReturnValue)) or v is None):
            values.append(v)
            shapes.append(inv)
            continue
        if isinstance(v, UndefinedReturnValue):
            raise located(NotImplementedError, "a return statement cannot be placed inside this "
                          "TensorFlow loop; this may happen if a return statement depends on a "
                          "static Python condition such as a hyperparameter", where)
        if after is None or isinstance(after, Undefined):
            message = "'%s' must be defined before the loop" % name if v is not None else \
                "'%s' is not allowed to be None before the loop" % name
            if failure:
                message += ("\nNote: AutoGraph tried to define it automatically, but ran into "
                            "a " + failure)
            raise located(ValueError, message, where)
        zeros = [_zeros_like(x) for x in nest.flatten(after)]
        values.append(nest.pack_sequence_as(after, [z for z, _ in zeros]))
        shapes.append(nest.pack_sequence_as(after, [s for _, s in zeros]))
    return tuple(values), shapes


def _traced_like(v):
    """A stand-in for a loop variable in the traced iteration (Python values as placeholders,
    so that their values do not leak into it)."""
    if isinstance(v, (Tensor, TensorArray)) or dtype_of(v) is None:
        return v

    def placeholder(x):
        t = convert_to_tensor(x)
        return array_ops.placeholder(t.dtype, t.shape)
    return nest.map_structure(placeholder, v)


def _zeros_like(x):
    """(a start value like `x`, its shape invariant or None)."""
    if isinstance(x, (bool, int, float)):
        return type(x)(0), None
    x = convert_to_tensor(x)
    if x.shape.rank is None:
        return fill_ops.zeros([], x.dtype), TensorShape(None)
    dims = [0 if d is None else d for d in x.shape.as_list()]
    return fill_ops.zeros(dims, x.dtype), x.shape if None in x.shape.as_list() else None


def _check_iteration(names, init, entry, exit_, invariants, where):
    """TensorFlow's checks that a staged loop keeps each variable's structure, dtype and shape."""
    for name, start, a, b, inv in zip(names, init, entry, exit_, invariants):
        try:
            nest.assert_same_structure(a, b)
        except (TypeError, ValueError) as e:
            raise located(TypeError, "'%s' does not have the same nested structure after one "
                          "iteration.\n\n%s" % (name, e), where) from None
        for x, y, s in zip(nest.flatten(a), nest.flatten(b), nest.flatten(inv)):
            if y is None:
                raise located(ValueError, "'%s' is None at the end of the iteration." % name,
                              where)
            if not isinstance(x, Tensor) or dtype_of(y) is None:
                continue
            y = convert_to_tensor(y)
            if x.dtype is not y.dtype:
                raise located(TypeError, "'%s' has dtype %s before the loop, but dtype %s after "
                              "one iteration" % (name, x.dtype.name, y.dtype.name), where)
            if s is None and not _fits(y.shape, x.shape):
                raise located(ValueError, "'%s' has shape %s before the loop, but shape %s after "
                              "one iteration. Use tf.autograph.experimental.set_loop_options to "
                              "set shape invariants." % (name, x.shape, y.shape), where)
            if s is not None and not _fits(y.shape, s):
                raise located(ValueError, "'%s' has shape %s after one iteration, which does not "
                              "conform with the shape invariant %s." % (name, y.shape, s), where)


def _fits(shape, invariant):
    if invariant.rank is None:
        return True
    return shape.rank == invariant.rank and all(
        b is None or a == b for a, b in zip(shape.as_list(), invariant.as_list()))

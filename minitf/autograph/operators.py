"""The runtime of converted code (with loops.py and `converted_call` in transpiler.py, the `ag__`
it calls): undefined variables, `if` statements and expressions, boolean operators.

Each operator looks at the value that decides (a condition, an operand): a tensor of a graph
being built (a symbolic tensor, or a variable while tracing) is staged as `cond`; anything else
runs as plain Python. Errors about the user's code name the variable and show the statement,
as TensorFlow's do ("in user code: File ..., line ...").
"""
import linecache

from .. import nest
from ..control_flow.cond import cond
from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.conversion import as_array
from ..framework.tensor import Tensor
from ..ops import array_ops, logical_ops
from ..ops.registry import convert_to_tensor


class Undefined:
    """The value of a variable that has not been assigned (yet)."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "<undefined %s>" % self.name


class UndefinedReturnValue:
    """The return value of a function before any `return` ran."""


def ld(value):
    """A read of a variable: raises UnboundLocalError if it was never assigned."""
    if isinstance(value, Undefined):
        raise UnboundLocalError("'%s' is used before assignment" % value.name)
    return value


def retval(value):
    return None if isinstance(value, UndefinedReturnValue) else value


def staged(x):
    """Whether `x` is a tensor (or variable) while a graph is built: Python cannot branch on
    its value, a cond or while_loop must."""
    return not executing_eagerly() and (isinstance(x, Tensor) or hasattr(x, "_to_tensor"))


def located(cls, message, where):
    """An error of class `cls` whose message shows the user's statement at `where`."""
    filename, line, function = where
    source = linecache.getline(filename, line).strip()
    message = "\n    ".join(("%s: %s" % (cls.__name__, message)).split("\n"))
    return cls("in user code:\n\n    File \"%s\", line %d, in %s  *\n        %s\n\n    %s\n"
               % (filename, line, function, source, message))


def condition(value, what, where):
    """`value` checked as the condition of a staged statement: a bool tensor of one element."""
    t = convert_to_tensor(value)
    if t.dtype is not dtypes.bool or t.shape.num_elements() not in (1, None):
        raise located(ValueError, "condition of %s expected to be `tf.bool` scalar, got %s; to "
                      "use as boolean Tensor, use `tf.cast`; to check for None, use `is not "
                      "None`" % (what, t), where)
    return t if t.shape.rank == 0 else array_ops.reshape(t, [])


# -- boolean operators and conditional expressions ----------------------------------------------
def not_(x):
    return logical_ops.logical_not(x) if staged(x) else not x


def and_(a, b):
    x = a()
    return cond(x, b, lambda: x) if staged(x) else x and b()


def or_(a, b):
    x = a()
    return cond(x, lambda: x, b) if staged(x) else x or b()


def if_exp(test, if_true, if_false):
    if staged(test):
        return cond(test, if_true, if_false)
    return if_true() if test else if_false()


# -- if statements ------------------------------------------------------------------------------
def if_stmt(test, body, orelse, get_state, set_state, names, n_outputs, where):
    """`if test: body() else: orelse()`; staged as a cond whose outputs are the first
    `n_outputs` variables of the state."""
    if not staged(test):
        body() if test else orelse()
        return
    test = condition(test, "if statement", where)
    init = get_state()
    branches = {}

    def branch(fn, kind):
        def run():
            set_state(init)
            fn()
            outs = get_state()[:n_outputs]
            for name, v in zip(names, outs):
                if isinstance(v, Undefined):
                    raise located(ValueError, "'%s' must also be initialized in the %s branch"
                                  % (name, kind), where)
                if isinstance(v, UndefinedReturnValue):
                    raise located(ValueError, "the %s branch must also have a return statement."
                                  % kind, where)
            branches[kind] = outs
            if len(branches) == 2:
                _check_branches(names, branches["main"], branches["else"], where)
            return outs
        return run

    outs = cond(test, branch(body, "main"), branch(orelse, "else"))
    set_state(tuple(outs) + tuple(init[n_outputs:]))


def _check_branches(names, main, other, where):
    for name, a, b in zip(names, main, other):
        try:
            nest.assert_same_structure(a, b)
        except (TypeError, ValueError) as e:
            raise located(TypeError, "'%s' must have the same nested structure in the main and "
                          "else branches:\n\n%s" % (name, e), where) from None
        for x, y in zip(nest.flatten(a), nest.flatten(b)):
            for v, kind in ((x, "main"), (y, "else")):
                if v is None:
                    raise located(ValueError, "'%s' is None at the end of the %s branch."
                                  % (name, kind), where)
            dx, dy = dtype_of(x), dtype_of(y)
            if dx is not dy:
                raise located(TypeError, "'%s' has dtype %s in the main branch, but dtype %s in "
                              "the else branch" % (name, _dtype_name(dx, x), _dtype_name(dy, y)),
                              where)


def dtype_of(x):
    """The dtype a value has as a tensor (None for what is no tensor)."""
    if isinstance(x, Tensor) or hasattr(x, "_to_tensor"):
        return x.dtype
    try:
        return dtypes.from_numpy(as_array(x).dtype)
    except (TypeError, ValueError, KeyError):
        return None


def _dtype_name(dtype, value):
    return dtype.name if dtype is not None else type(value).__name__

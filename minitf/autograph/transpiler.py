"""Converting a Python function: its source is parsed (`inspect`, `ast`), lowered and rewritten
(see lowering.py and functional.py), compiled, and made into a function that shares the
original's globals, defaults and closure cells, so it sees the same variables. The rewrite is
cached per code object. Converted code calls the operators through `ag__`, and calls other
functions through `converted_call`, which converts user code (not minitf's, numpy's, the
standard library's or installed packages') on the way.
"""
import ast
import functools
import inspect
import os
import sysconfig
import textwrap
import types
import warnings

from ..framework.shapes import dim_at
from ..ops import array_ops, sequence_ops
from ..ops.registry import convert_to_tensor
from . import loops, operators
from .functional import convert_function

_CONVERTED = {}   # code object -> (converted code object, its source), or None: not convertible
_LIBRARIES = tuple(os.path.realpath(p) + os.sep for p in {
    sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"],
    sysconfig.get_paths()["platlib"], os.path.dirname(os.path.dirname(__file__))})


def convert(f, warn=True):
    """The AutoGraph version of function `f` (a method stays bound); `f` itself when it cannot
    be converted (no source, a generator) or says `do_not_convert`."""
    if isinstance(f, types.MethodType):
        inner = convert(f.__func__, warn)
        return f if inner is f.__func__ else types.MethodType(inner, f.__self__)
    if not isinstance(f, types.FunctionType) or getattr(f, "__ag_do_not_convert__", False) \
            or "ag__" in f.__code__.co_freevars:  # converted code, its nested functions too
        return f
    if f.__code__ not in _CONVERTED:
        _CONVERTED[f.__code__] = _transform(f, warn)
    entry = _CONVERTED[f.__code__]
    return f if entry is None else _instantiate(f, entry[0])


def source_of(f):
    """The converted source of function `f`.

    Raises:
      ValueError: if `f` cannot be converted.
    """
    f = getattr(f, "__func__", f)
    entry = _CONVERTED.get(getattr(f, "__code__", None)) or _transform(f, False)
    if entry is None:
        raise ValueError("AutoGraph cannot convert %r: its source is not available or it is not "
                         "a plain function." % (f,))
    return entry[1]


def _transform(f, warn):
    try:
        source = textwrap.dedent(inspect.getsource(f.__code__))  # not a wrapped function's
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError) as e:
        if warn:
            warnings.warn("AutoGraph could not transform %r and will run it as-is: %s" % (f, e),
                          stacklevel=4)
        return None
    node = _definition(tree, f.__code__)
    if node is None or any(isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await))
                           for n in ast.walk(node)):
        return None  # a generator, or source that is not (only) this function's
    ast.increment_lineno(tree, f.__code__.co_firstlineno - 1)  # the first line, decorators'
    taken = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
        {n.arg for n in ast.walk(node) if isinstance(n, ast.arg)}
    convert_function(node, _namer(taken), f.__code__.co_filename)
    node.decorator_list = []
    if "__class__" in f.__code__.co_freevars:
        _explicit_super(node)
    params = [ast.arg(p) for p in ("ag__",) + f.__code__.co_freevars]
    factory = ast.FunctionDef("__ag_factory", ast.arguments(
        posonlyargs=[], args=params, vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
        defaults=[]), [node, ast.Return(ast.Name(node.name, ast.Load()))], [], None, None)
    module = ast.fix_missing_locations(ast.Module([ast.copy_location(factory, node)], []))
    code = compile(module, f.__code__.co_filename, "exec")
    factory_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    converted = next(c for c in factory_code.co_consts
                     if isinstance(c, types.CodeType) and c.co_name == node.name)
    return converted, ast.unparse(node)


def _definition(tree, code):
    """The FunctionDef of `code` in its parsed source; a lambda's, as a def returning its
    expression (when its line holds one lambda with its parameters)."""
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.FunctionDef) and first.name == code.co_name:
        return first
    if code.co_name != "<lambda>":
        return None
    params = list(code.co_varnames[:code.co_argcount])
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Lambda) and n.lineno == 1
             and [a.arg for a in n.args.args] == params]
    if len(found) != 1:
        return None
    return ast.copy_location(ast.FunctionDef("__ag_lambda", found[0].args, [
        ast.copy_location(ast.Return(found[0].body), found[0])], [], None, None), found[0])


def _namer(taken):
    def fresh(base):
        name, i = base, 0
        while name in taken:
            i += 1
            name = "%s_%d" % (base, i)
        taken.add(name)
        return name
    return fresh


def _explicit_super(function):
    """`super()` made `super(__class__, self)`: the converted code is not in a class body."""
    if not function.args.args:
        return
    first = function.args.args[0].arg
    for n in ast.walk(function):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "super" \
                and not n.args:
            n.args = [ast.Name("__class__", ast.Load()), ast.Name(first, ast.Load())]


def _instantiate(f, code):
    cells = dict(zip(f.__code__.co_freevars, f.__closure__ or ()))
    closure = tuple(_AG_CELL if name == "ag__" else cells[name] for name in code.co_freevars)
    new = types.FunctionType(code, f.__globals__, f.__name__, f.__defaults__, closure)
    new.__kwdefaults__ = f.__kwdefaults__
    functools.update_wrapper(new, f)
    return new


def converted_call(f, args, kwargs):
    """`f(*args, **kwargs)` from converted code: user functions are converted first; `range`
    and `len` of tensors being traced become `minitf.range` and the first dimension."""
    if f is range and any(operators.staged(a) for a in args):
        return sequence_ops.range(*args)
    if f is len and len(args) == 1 and operators.staged(args[0]):
        return _len(args[0])
    if _is_user_code(f):
        f = convert(f, warn=False)
    return f(*args, **(kwargs or {}))


def _is_user_code(f):
    code = getattr(getattr(f, "__func__", f), "__code__", None)
    return code is not None and not os.path.realpath(code.co_filename).startswith(_LIBRARIES)


def _len(x):
    x = convert_to_tensor(x)
    if x.shape.rank == 0:
        raise ValueError("len requires a non-scalar tensor, got one of shape %s" % (x.shape,))
    if x.shape.rank is not None and dim_at(x.shape, 0) is not None:
        return dim_at(x.shape, 0)
    return array_ops.shape(x)[0]


AG = types.SimpleNamespace(
    Undefined=operators.Undefined, UndefinedReturnValue=operators.UndefinedReturnValue,
    ld=operators.ld, retval=operators.retval, not_=operators.not_, and_=operators.and_,
    or_=operators.or_, if_exp=operators.if_exp, if_stmt=operators.if_stmt,
    while_stmt=loops.while_stmt, for_stmt=loops.for_stmt, converted_call=converted_call)
_AG_CELL = types.CellType(AG)

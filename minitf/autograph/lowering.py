"""The jumps AutoGraph cannot stage as they are, lowered to flags (a rewrite of the AST):

    return v   ->  do_return = True; retval_ = v   (loops also test `not do_return`)
    break      ->  break_ = True                   (the loop also tests `not break_`)
    continue   ->  continue_ = True                (reset at the top of each iteration)

and the statements a jump would have skipped are guarded by `if not flag:`. A loop's `else:`
runs after the loop when it did not break. Before returns are lowered, an `if` whose one branch
always returns takes the statements after it into its other branch, so that a function that
returns from both branches of a tensor `if` needs no "undefined" return value. What remains is
straight code, `if`, `while` and `for`, which the conversion to functional form handles.
A `for` loop's extra test is kept as the attribute `extra_test` of its node.
"""
import ast

from .analysis import SCOPES

_LOOPS = (ast.While, ast.For)


def lower(function, fresh):
    """Lowers the jumps of `function` (an ast.FunctionDef, changed in place); `fresh(base)`
    gives names unused in it."""
    body = function.body
    if any(_contains(s, ast.Return, True) for s in body if not isinstance(s, ast.Return)):
        body = _lower_returns(_restructure(body), fresh("do_return"), fresh("retval_"))
    function.body = _lower_loops(body, fresh)


# -- return -------------------------------------------------------------------------------------
def _returns(stmts):
    """Whether a block always ends in a return."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, ast.Return):
        return True
    if isinstance(last, ast.If):
        return _returns(last.body) and _returns(last.orelse)
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return _returns(last.body)
    return False


def _restructure(stmts):
    out = []
    for i, s in enumerate(stmts):
        for node, field in blocks(s):
            setattr(node, field, _restructure(getattr(node, field)))
        rest = stmts[i + 1:]
        if isinstance(s, ast.If) and rest and (_returns(s.body) or _returns(s.orelse)):
            if _returns(s.body):
                s.orelse = _restructure(s.orelse + rest)
            else:
                s.body = _restructure(s.body + rest)
            out.append(s)
            return out
        out.append(s)
    return out


def _lower_returns(body, do_return, retval):
    def replace(node):
        value = node.value or ast.Constant(None)
        return [_assign(do_return, ast.Constant(True), node), _assign(retval, value, node)]

    start = [_assign(do_return, ast.Constant(False), body[0]),
             _assign(retval, _ag_call("UndefinedReturnValue", []), body[0])]
    lowered = _guard(body, ast.Return, replace, do_return, into_loops=True)
    end = ast.Return(_ag_call("retval", [_name(retval)]))
    return start + lowered + [ast.copy_location(end, body[-1])]


# -- break and continue ---------------------------------------------------------------------------
def _lower_loops(stmts, fresh):
    out = []
    for s in stmts:
        for node, field in blocks(s):
            setattr(node, field, _lower_loops(getattr(node, field), fresh))
        out.extend(_lower_loop(s, fresh) if isinstance(s, _LOOPS) else [s])
    return out


def _lower_loop(loop, fresh):
    before, after = [], []
    if any(_contains(s, ast.Continue, False) for s in loop.body):
        flag = fresh("continue_")
        loop.body = [_assign(flag, ast.Constant(False), loop)] + _guard(
            loop.body, ast.Continue, lambda n: [_assign(flag, ast.Constant(True), n)], flag)
    broke = None
    if any(_contains(s, ast.Break, False) for s in loop.body):
        broke = fresh("break_")
        loop.body = _guard(loop.body, ast.Break,
                           lambda n: [_assign(broke, ast.Constant(True), n)], broke)
        before.append(_assign(broke, ast.Constant(False), loop))
        add_test(loop, _not(broke))
    if loop.orelse:
        after = [ast.copy_location(ast.If(_not(broke), loop.orelse, []), loop.orelse[0])] \
            if broke else loop.orelse
        loop.orelse = []
    return before + [loop] + after


def add_test(loop, test):
    """Makes `loop` also stop when `test` is false (checked first)."""
    if isinstance(loop, ast.While):
        loop.test = ast.BoolOp(ast.And(), [test, loop.test])
    else:
        extra = getattr(loop, "extra_test", None)
        loop.extra_test = test if extra is None else ast.BoolOp(ast.And(), [test, extra])


# -- shared ---------------------------------------------------------------------------------------
def _guard(stmts, kind, replace, flag, into_loops=False):
    """`stmts` with each jump of `kind` replaced by `replace(jump)`, and what follows a statement
    that may jump guarded by `if not flag`."""
    out = []
    for i, s in enumerate(stmts):
        jumps = _contains(s, kind, into_loops)
        if isinstance(s, kind):
            out.extend(replace(s))
        else:
            if jumps:
                for node, field in blocks(s, into_loops):
                    setattr(node, field, _guard(getattr(node, field), kind, replace, flag,
                                                into_loops))
                if isinstance(s, _LOOPS):
                    add_test(s, _not(flag))
            out.append(s)
        if jumps and i + 1 < len(stmts):
            rest = _guard(stmts[i + 1:], kind, replace, flag, into_loops)
            out.append(ast.copy_location(ast.If(_not(flag), rest, []), stmts[i + 1]))
            break
    return out


def _contains(node, kind, into_loops):
    """Whether `node` has a jump of `kind` in its scope (in nested loops only if `into_loops`)."""
    if isinstance(node, kind):
        return True
    if isinstance(node, SCOPES) or (isinstance(node, _LOOPS) and not into_loops):
        return False
    return any(_contains(n, kind, into_loops) for n in ast.iter_child_nodes(node))


def blocks(s, into_loops=True):
    """The statement lists inside statement `s`, as (node, field) pairs."""
    if isinstance(s, ast.If) or (into_loops and isinstance(s, _LOOPS)):
        return [(s, "body"), (s, "orelse")]
    if isinstance(s, (ast.With, ast.AsyncWith)):
        return [(s, "body")]
    if isinstance(s, ast.Try):
        return [(s, "body"), (s, "orelse"), (s, "finalbody")] + [(h, "body") for h in s.handlers]
    return []


def _name(name, ctx=None):
    return ast.Name(name, ctx or ast.Load())


def _not(name):
    return ast.UnaryOp(ast.Not(), _name(name))


def _assign(name, value, where):
    return ast.copy_location(ast.Assign([_name(name, ast.Store())], value), where)


def _ag_call(name, args):
    return ast.Call(ast.Attribute(_name("ag__"), name, ast.Load()), args, [])

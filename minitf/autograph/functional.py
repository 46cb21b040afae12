"""The conversion of a lowered function body to functional form, AutoGraph's core rewrite.

    if test: A else: B   ->  def if_body(): A / def else_body(): B / get_state, set_state /
                             ag__.if_stmt(test, if_body, else_body, get_state, set_state,
                                          names, n_outputs, where)
    while test: A        ->  def loop_test(): return test / def loop_body(): A / ...
                             ag__.while_stmt(loop_test, loop_body, get_state, set_state, names,
                                             opts, where)
    for x in it: A       ->  def loop_body(itr): x = itr; A / ...
                             ag__.for_stmt(it, extra_test, loop_body, ..., names, opts, where)

The state of a statement is the variables it binds (an if's outputs, those live after it, come
first; a loop's are those live at its head), read by get_state and written by set_state, which
reach the function's variables by `nonlocal`. The operators (see operators.py) run these as
Python when the test or iterable is a Python value and as cond/while_loop when it is a tensor.
Also: `a and b`, `a or b`, `not a`, `x if t else y` become operator calls that stage tensors;
calls go through `ag__.converted_call` (so helper functions are converted too); reads of the
function's own variables go through `ag__.ld`, which raises for one never assigned.
"""
import ast

from .analysis import Liveness, bound, declared, loop_test
from .lowering import lower

_FRAME_BUILTINS = {"super", "locals", "globals", "vars", "eval", "exec", "dir", "__import__"}


def convert_function(function, fresh, filename):
    """Rewrites `function` (an ast.FunctionDef) in place; `fresh(base)` gives unused names."""
    lower(function, fresh)
    args = function.args
    params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    params |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    global_names = declared(function, ast.Global)
    outer = declared(function, ast.Nonlocal)
    local = sorted(bound(function.body) - params - global_names - outer)
    converter = _Converter(function, fresh, filename, set(local) | params | outer, global_names)
    body = converter.block(function.body)
    init = [_at(ast.Assign([_store(n)], _ag("Undefined", [ast.Constant(n)])), function)
            for n in local]
    function.body = init + body


class _Converter:
    def __init__(self, function, fresh, filename, variables, global_names):
        self.name = function.name
        self.fresh = fresh
        self.filename = filename
        self.variables = variables        # the function's own variables: state, and ld
        self.globals = global_names
        self.live = Liveness(function.body)

    def block(self, stmts):
        out = []
        for s in stmts:
            out.extend(self.stmt(s))
        return out

    def stmt(self, s):
        if isinstance(s, ast.If):
            return self._if(s)
        if isinstance(s, ast.While):
            return self._while(s)
        if isinstance(s, ast.For):
            return self._for(s)
        if isinstance(s, ast.FunctionDef):
            s.decorator_list = [self.expr(d) for d in s.decorator_list]
            convert_function(s, self.fresh, self.filename)
            return [s]
        if isinstance(s, (ast.AsyncFunctionDef, ast.ClassDef)):
            return [s]
        if isinstance(s, (ast.With, ast.AsyncWith)):
            s.items = [self.expr(item) for item in s.items]
            s.body = self.block(s.body)
            return [s]
        if isinstance(s, ast.Try):
            for h in s.handlers:
                if h.type is not None:
                    h.type = self.expr(h.type)
                h.body = self.block(h.body)
            s.body, s.orelse = self.block(s.body), self.block(s.orelse)
            s.finalbody = self.block(s.finalbody)
            return [s]
        prefix = []
        if isinstance(s, ast.AugAssign) and isinstance(s.target, ast.Name) and \
                s.target.id in self.variables:
            prefix = [_at(ast.Assign([_store(s.target.id)], self._ld(s.target.id)), s)]
        return prefix + [_Expressions(self).visit(s)]

    def expr(self, e):
        return _Expressions(self).visit(e)

    # -- statements ---------------------------------------------------------------------------
    def _if(self, s):
        changed = self._state(bound(s.body) | bound(s.orelse))
        outs = [n for n in changed if n in self.live.after[s]]
        state = outs + [n for n in changed if n not in outs]
        body = self._def(self.fresh("if_body"), [], self._nonlocal(bound(s.body)) +
                         self.block(s.body), s)
        orelse = self._def(self.fresh("else_body"), [], self._nonlocal(bound(s.orelse)) +
                           (self.block(s.orelse) or [ast.Pass()]), s)
        get, put = self._state_functions(state, s)
        call = _ag("if_stmt", [self.expr(s.test), _load(body.name), _load(orelse.name),
                               _load(get.name), _load(put.name), _names(state),
                               ast.Constant(len(outs)), self._where(s)])
        return [get, put, body, orelse, _at(ast.Expr(call), s)]

    def _while(self, s):
        opts = self._options(s)
        state = [n for n in self._state(bound(s.body)) if n in self.live.head[s]]
        test = self._def(self.fresh("loop_test"), [], [ast.Return(self.expr(s.test))], s)
        body = self._def(self.fresh("loop_body"), [], self._nonlocal(bound(s.body)) +
                         self.block(s.body), s)
        get, put = self._state_functions(state, s)
        call = _ag("while_stmt", [_load(test.name), _load(body.name), _load(get.name),
                                  _load(put.name), _names(state), opts, self._where(s)])
        return [get, put, body, test, _at(ast.Expr(call), s)]

    def _for(self, s):
        opts = self._options(s)
        targets = bound(s.target)
        changed = bound(s.body) | targets
        state = [n for n in self._state(changed) if n in self.live.head[s]]
        item = self.fresh("itr")
        assign = _at(ast.Assign([s.target], _load(item)), s)
        body = self._def(self.fresh("loop_body"), [item], self._nonlocal(changed) + [assign] +
                         self.block(s.body), s)
        defs = [body]
        extra = loop_test(s)
        if extra is not None:
            test = self._def(self.fresh("extra_test"), [], [ast.Return(self.expr(extra))], s)
            defs.append(test)
        if isinstance(s.target, ast.Name):
            opts.keys.append(ast.Constant("iterate_names"))
            opts.values.append(ast.Constant(s.target.id))
        get, put = self._state_functions(state, s)
        call = _ag("for_stmt", [self.expr(s.iter), _load(defs[-1].name) if extra is not None
                                else ast.Constant(None), _load(body.name), _load(get.name),
                                _load(put.name), _names(state), opts, self._where(s)])
        return [get, put] + defs + [_at(ast.Expr(call), s)]

    # -- pieces -------------------------------------------------------------------------------
    def _state(self, names):
        return sorted(n for n in names if n in self.variables and n not in self.globals)

    def _nonlocal(self, names):
        mine = sorted(n for n in names if n in self.variables and n not in self.globals)
        theirs = sorted(n for n in names if n in self.globals)
        return ([ast.Nonlocal(mine)] if mine else []) + ([ast.Global(theirs)] if theirs else [])

    def _state_functions(self, state, where):
        get = self._def(self.fresh("get_state"), [], [ast.Return(
            ast.Tuple([_load(n) for n in state], ast.Load()))], where)
        values = self.fresh("vars_")
        put_body = self._nonlocal(state) + [ast.Assign([ast.Tuple(
            [_store(n) for n in state], ast.Store())], _load(values))] if state else [ast.Pass()]
        return get, self._def(self.fresh("set_state"), [values], put_body, where)

    def _def(self, name, params, body, where):
        args = ast.arguments(posonlyargs=[], args=[ast.arg(p) for p in params], vararg=None,
                             kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
        return _at(ast.FunctionDef(name, args, body, [], None, None), where)

    def _options(self, loop):
        """The loop's `set_loop_options(...)` directive (its first statement) as a dict."""
        keys, values = [], []
        first = loop.body[0] if loop.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Call) and \
                _called(first.value) == "set_loop_options":
            loop.body = loop.body[1:] or [ast.Pass()]
            for k in first.value.keywords:
                keys.append(ast.Constant(k.arg))
                values.append(self.expr(k.value))
        return ast.Dict(keys, values)

    def _where(self, s):
        return ast.Tuple([ast.Constant(self.filename), ast.Constant(s.lineno),
                          ast.Constant(self.name)], ast.Load())

    def _ld(self, name):
        return _ag("ld", [_load(name)])


class _Expressions(ast.NodeTransformer):
    """The rewrite of expressions: reads through `ld`, boolean operators, conditional
    expressions and calls through the operators. Nested functions are left alone."""

    def __init__(self, converter):
        self.c = converter

    def visit_FunctionDef(self, node):
        return node

    visit_ClassDef = visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load) and node.id in self.c.variables:
            return ast.copy_location(self.c._ld(node.id), node)
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        op = "and_" if isinstance(node.op, ast.And) else "or_"
        out = node.values[-1]
        for v in reversed(node.values[:-1]):
            out = _ag(op, [_thunk(v), _thunk(out)])
        return ast.copy_location(out, node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return ast.copy_location(_ag("not_", [node.operand]), node)
        return node

    def visit_IfExp(self, node):
        self.generic_visit(node)
        return ast.copy_location(_ag("if_exp", [node.test, _thunk(node.body),
                                                _thunk(node.orelse)]), node)

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id in _FRAME_BUILTINS:
            return node
        if _called(node) == "set_loop_options" or _is_ag(node.func):
            return node
        self.generic_visit(node)
        args = ast.Tuple(node.args, ast.Load())
        plain = [k for k in node.keywords if k.arg is not None]
        kwargs = ast.Dict([ast.Constant(k.arg) for k in plain] + [None] * (len(node.keywords) -
                                                                          len(plain)),
                          [k.value for k in plain] + [k.value for k in node.keywords
                                                      if k.arg is None])
        return ast.copy_location(_ag("converted_call", [node.func, args, kwargs]), node)


def _is_ag(f):
    return isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "ag__"


def _called(call):
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def _thunk(expr):
    args = ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                         kwarg=None, defaults=[])
    return ast.copy_location(ast.Lambda(args, expr), expr)


def _ag(name, args):
    return ast.Call(ast.Attribute(_load("ag__"), name, ast.Load()), args, [])


def _load(name):
    return ast.Name(name, ast.Load())


def _store(name):
    return ast.Name(name, ast.Store())


def _names(names):
    return ast.Tuple([ast.Constant(n) for n in names], ast.Load())


def _at(node, where):
    return ast.copy_location(node, where)

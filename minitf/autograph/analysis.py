"""What the AutoGraph conversion needs to know about names: which a statement binds, which it
reads, and which are live (read later, before being bound again) after each if and loop.

Liveness decides what a converted statement outputs: the variables an `if` binds that are live
after it, the variables a loop binds that are live at its head (read by the test, by a later
iteration, or after the loop). It runs after break/continue/return were lowered, so control only
falls through, branches and loops. Reads inside nested functions, lambdas and comprehensions
count where they are defined, which can only make more variables live.
"""
import ast

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp,
          ast.SetComp, ast.DictComp, ast.GeneratorExp)


def bound(node):
    """The names `node` (a statement or a list of them) binds in the current scope."""
    out = set()
    for n in _walk_scope(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            out.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, ast.alias):
            out.add((n.asname or n.name).split(".")[0])
        elif isinstance(n, ast.ExceptHandler) and n.name:
            out.add(n.name)
    return out


def read(node):
    """The names read anywhere in `node`, nested scopes included."""
    nodes = node if isinstance(node, list) else [node]
    return {n.id for x in nodes for n in ast.walk(x)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def declared(function, kind):
    """The names a function declares `global` or `nonlocal` (kind: ast.Global or ast.Nonlocal)."""
    return {name for n in _walk_scope(function.body) if isinstance(n, kind) for name in n.names}


def loop_test(loop):
    """A While's test, or the test a For checks before each iteration (see lowering)."""
    return loop.test if isinstance(loop, ast.While) else getattr(loop, "extra_test", None)


def _walk_scope(node):
    """The nodes of `node` that are in its scope: a nested function or class shows only its name
    and decorators, a lambda or comprehension nothing."""
    stack = list(node) if isinstance(node, list) else [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stack.extend(n.decorator_list)
        elif not isinstance(n, SCOPES):
            stack.extend(ast.iter_child_nodes(n))


class Liveness:
    """Live variables after each If, While and For of a function body: `after[node]`, and for
    loops `head[node]` (live where the test is checked)."""

    def __init__(self, body):
        self.after, self.head = {}, {}
        self.block(body, set())

    def block(self, stmts, live):
        for s in reversed(stmts):
            live = self.stmt(s, live)
        return live

    def stmt(self, s, live):
        if isinstance(s, ast.If):
            self.after[s] = set(live)
            return read(s.test) | self.block(s.body, live) | self.block(s.orelse, live)
        if isinstance(s, (ast.While, ast.For)):
            return self._loop(s, live)
        if isinstance(s, ast.Try):
            final = self.block(s.finalbody, live)
            handlers = set().union(*[self.block(h.body, final) | read(h.type or [])
                                     for h in s.handlers])
            return self.block(s.body, self.block(s.orelse, final) | handlers) | handlers
        if isinstance(s, (ast.With, ast.AsyncWith)):
            inner = self.block(s.body, live)
            return inner - bound([i.optional_vars for i in s.items if i.optional_vars]) | \
                read([i.context_expr for i in s.items])
        if isinstance(s, ast.AugAssign):
            return live | read(s)
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return (live - {s.name}) | read(s)
        return (live - bound(s)) | read(s)

    def _loop(self, s, live):
        after = self.block(s.orelse, live)
        self.after[s] = set(after)
        targets = bound(s.target) if isinstance(s, ast.For) else set()
        test = read(loop_test(s) or [])
        head = after | test
        while True:
            new = after | test | (self.block(s.body, head) - targets)
            if new == head:
                break
            head = new
        self.head[s] = head
        return head | (read(s.iter) if isinstance(s, ast.For) else set())

"""The package's import graph: no cycles, no imports hidden inside functions to dodge one, and
no module importing another's private names. Built from the source with `ast`, not by importing."""
import ast
import functools
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "minitf"


def _modules():
    """{dotted module name: its path} for every module of minitf."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


@functools.lru_cache(maxsize=None)
def _tree(path):
    return ast.parse(path.read_text())


def _imports(name, path):
    """(node, imported module, imported names) for each import of minitf modules in a file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "minitf":
                    yield node, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            if target.split(".")[0] == "minitf":
                yield node, target, [alias.name for alias in node.names]


@functools.lru_cache(maxsize=None)
def _edges():
    edges = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for _, target, names in _imports(name, path):
            subs = [target + "." + n for n in names if target + "." + n in MODULES]
            if len(subs) < len(names) or not names:
                edges[name].add(target)  # names from the module itself (or `import x`)
            edges[name].update(subs)
    return edges


def _cycle(edges):
    """One import cycle as a list of modules, or None."""
    state, stack = {}, []

    def visit(m):
        state[m] = "open"
        stack.append(m)
        for n in sorted(edges.get(m, ())):
            if n == m or n not in edges:
                continue
            if state.get(n) == "open":
                return stack[stack.index(n):] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        state[m] = "done"
        stack.pop()
        return None

    for m in sorted(edges):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_the_import_graph_has_no_cycle():
    assert _cycle(_edges()) is None


def test_a_cycle_is_found_when_there_is_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_the_framework_imports_nothing_above_it():
    above = {name: sorted(t for t in targets if not t.startswith("minitf.framework"))
             for name, targets in _edges().items() if name.startswith("minitf.framework")}
    assert {name: targets for name, targets in above.items() if targets} == {}


def test_no_minitf_import_is_inside_a_function():
    hidden = []
    for name, path in MODULES.items():
        for fn in ast.walk(_tree(path)):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and (node.level or
                                                              (node.module or "").startswith("minitf")):
                        hidden.append("%s:%d" % (name, node.lineno))
    assert hidden == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_private_name_of_another(name):
    private = [(target, n) for _, target, names in _imports(name, MODULES[name]) for n in names
               if n.startswith("_") and not n.startswith("__")]
    assert private == []

"""`Module`: the base class of models in TensorFlow 2.x style, which finds its variables and
its submodules by walking its attributes.

The walk is TensorFlow's: at each module, the attributes in sorted order of their names, each
flattened as `nest` does (lists and tuples in order, dicts by sorted key); first every match
found among them, then, in the order they were found, the same walk inside each submodule.
Each object is reported once. `Checkpoint` follows the same attributes (`_trackable_children`)
to name what it saves, so `Checkpoint(model=m)` saves `m.layer.w` as "model/layer/w".
"""
import functools
import re

from .framework.name_scope import name_scope
from .optimizers.optimizer_v2 import Optimizer
from .variables import Variable

_CAMEL_TO_SNAKE = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def camel_to_snake(name):
    """'CamelCaseHTTPThing' -> 'camel_case_http_thing', as TensorFlow names modules."""
    return _CAMEL_TO_SNAKE.sub(r"_\1", name).lower()


class Module:
    """A named container of variables and other modules, found through its attributes.

    Args:
      name: the module's name (default: the class name in snake_case); it opens `name_scope`,
        which is made once, inside the name scope current at construction.

    Raises:
      ValueError: if `name` is not a valid Python identifier.

    >>> class Scale(minitf.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.w = minitf.Variable(2.0, name="w")
    ...     def __call__(self, x):
    ...         return self.w * x
    >>> m = Scale()
    >>> m.name, [v.name for v in m.trainable_variables], float(m(3.0))
    ('scale', ['w:0'], 6.0)
    """

    def __init__(self, name=None):
        if name is None:
            name = camel_to_snake(type(self).__name__)
        elif not _IDENTIFIER.match(name):
            raise ValueError("'%s' is not a valid module name. Module names must be valid Python "
                             "identifiers (e.g. a valid class name)." % name)
        self._init_name(name)

    def _init_name(self, name):
        self._name = name
        with name_scope(name) as scope:
            self._scope_name = scope

    @property
    def name(self):
        return self._name

    @property
    def name_scope(self):
        """A fresh `name_scope` that reopens this module's scope (e.g. "outer/dense/")."""
        return name_scope(self._scope_name)

    @property
    def variables(self):
        """Every variable of this module and its submodules, each once, in walking order."""
        return tuple(self._flatten(lambda x: isinstance(x, Variable)))

    @property
    def trainable_variables(self):
        """The variables with `trainable=True`, in walking order."""
        return tuple(self._flatten(lambda x: isinstance(x, Variable) and x.trainable))

    @property
    def non_trainable_variables(self):
        return tuple(self._flatten(lambda x: isinstance(x, Variable) and not x.trainable))

    @property
    def submodules(self):
        """Every module reachable through attributes (not this one), in walking order."""
        return tuple(self._flatten(lambda x: isinstance(x, Module)))

    def _flatten(self, predicate, with_path=False):
        """The objects found by the walk for which `predicate` holds; with paths (tuples of
        attribute names and indices) when `with_path`."""
        return _walk(self, predicate, with_path, (), {id(self)})

    def _trackable_children(self):
        """(attribute name, value) for the attributes a Checkpoint follows: those holding
        variables, modules, optimizers or containers of them, in assignment order."""
        return [(k, v) for k, v in vars(self).items() if _holds_trackable(v)]

    @classmethod
    def with_name_scope(cls, method):
        """Decorates `method` so that it runs inside the module's `name_scope`.

        >>> class Net(minitf.Module):
        ...     @minitf.Module.with_name_scope
        ...     def __call__(self, x):
        ...         if not hasattr(self, "w"):
        ...             self.w = minitf.Variable(1.0, name="w")
        ...         return self.w * x
        >>> net = Net()
        >>> _ = net(2.0)
        >>> net.w.name
        'net/w:0'
        """
        @functools.wraps(method)
        def in_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)
        return in_scope


def _walk(module, predicate, with_path, path, seen):
    below = []
    for leaf_path, leaf in _attribute_leaves(module):
        if id(leaf) in seen:
            continue
        seen.add(id(leaf))
        if predicate(leaf):
            yield (path + leaf_path, leaf) if with_path else leaf
        if isinstance(leaf, Module):
            below.append((path + leaf_path, leaf))
    for sub_path, sub in below:
        yield from _walk(sub, predicate, with_path, sub_path, seen)


def _attribute_leaves(module):
    """(path, leaf) of every attribute, sorted by name, flattened as nest does."""
    attributes = vars(module)
    for key in sorted(attributes):
        for path, leaf in _leaves(attributes[key]):
            yield (key,) + path, leaf


def _leaves(x):
    if isinstance(x, dict):
        for k in sorted(x):
            for path, leaf in _leaves(x[k]):
                yield (k,) + path, leaf
    elif isinstance(x, (list, tuple)):
        for i, v in enumerate(x):
            for path, leaf in _leaves(v):
                yield (i,) + path, leaf
    else:
        yield (), x


def _holds_trackable(x):
    if isinstance(x, dict):
        return any(_holds_trackable(v) for v in x.values())
    if isinstance(x, (list, tuple)):
        return any(_holds_trackable(v) for v in x)
    return isinstance(x, (Variable, Module, Optimizer))

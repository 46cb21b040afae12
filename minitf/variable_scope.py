"""TensorFlow 1.x variable sharing: `variable_scope` and `get_variable`.

`get_variable(name, ...)` makes a variable named `<scope>/<name>` the first time and, inside a
scope opened with `reuse=True` or `AUTO_REUSE`, returns that same variable afterwards. The
variables are kept per graph (one store for eager code), by their full name.
"""
import contextlib
import weakref

from .framework import dtypes
from .framework.context import executing_eagerly
from .framework.graph import get_default_graph
from .framework.name_scope import name_scope
from .framework.shapes import TensorShape
from .ops import init_ops
from .variables import Variable

AUTO_REUSE = "AUTO_REUSE"


class _Scope:
    """The variable scope in force: its name, reuse mode and defaults."""

    def __init__(self, name="", reuse=None, initializer=None, dtype=dtypes.float32):
        self.name = name
        self.reuse = reuse
        self.initializer = initializer
        self.dtype = dtype

    def reuse_variables(self):
        """Makes `get_variable` in the rest of this scope return existing variables."""
        self.reuse = True


_stores = weakref.WeakKeyDictionary()  # Graph -> {full name: Variable}
_eager_store = {}
_scopes = [_Scope()]


def _store():
    if executing_eagerly():
        return _eager_store
    return _stores.setdefault(get_default_graph(), {})


def get_variable_scope():
    return _scopes[-1]


@contextlib.contextmanager
def variable_scope(name_or_scope, default_name=None, values=None, initializer=None,
                   reuse=None, dtype=None):
    """Opens variable scope `name_or_scope` (or `default_name`, made unique): `get_variable`
    names start with it, and ops built inside get the same name scope.

    Args:
      reuse: True (only return existing variables), `AUTO_REUSE` (return or make), or None
        (inherit from the enclosing scope; the outermost does not reuse).
      initializer, dtype: defaults for `get_variable` inside.

    >>> with minitf.Graph().as_default():
    ...     with minitf.compat.v1.variable_scope("layer"):
    ...         w = minitf.compat.v1.get_variable("w", [2])
    ...     with minitf.compat.v1.variable_scope("layer", reuse=True):
    ...         same = minitf.compat.v1.get_variable("w")
    >>> w.name, same is w
    ('layer/w:0', True)
    """
    outer = _scopes[-1]
    if isinstance(name_or_scope, _Scope):
        name = name_or_scope.name
    elif name_or_scope:
        name = _join(outer.name, name_or_scope)
    else:
        if default_name is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        taken = {key.rsplit("/", 1)[0] for key in _store()}
        name, n = _join(outer.name, default_name), 0
        while name in taken:
            n += 1
            name = _join(outer.name, "%s_%d" % (default_name, n))
    scope = _Scope(name, outer.reuse if reuse is None else reuse,
                   initializer or outer.initializer, dtype or outer.dtype)
    _scopes.append(scope)
    try:
        with name_scope(name.rsplit("/", 1)[-1]) if name else contextlib.nullcontext():
            yield scope
    finally:
        _scopes.pop()


def _join(scope, name):
    return "%s/%s" % (scope, name) if scope else name


def get_variable(name, shape=None, dtype=None, initializer=None, trainable=None,
                 collections=None):
    """The variable `<scope>/<name>`: made now, or the existing one when the scope reuses.

    Raises:
      ValueError: when the variable exists and the scope does not reuse, or does not exist and
        the scope has `reuse=True`, or when shape/dtype disagree with the existing one.
    """
    scope = _scopes[-1]
    full = _join(scope.name, name)
    store = _store()
    existing = store.get(full)
    if existing is not None:
        if not scope.reuse:
            raise ValueError("Variable %s already exists, disallowed. Did you mean to set "
                             "reuse=True or reuse=tf.AUTO_REUSE in VarScope?" % full)
        if shape is not None and not existing.shape.is_compatible_with(shape):
            raise ValueError("Trying to share variable %s, but specified shape %s and found "
                             "shape %s." % (full, TensorShape(shape), existing.shape))
        if dtype is not None and dtypes.as_dtype(dtype) is not existing.dtype:
            raise ValueError("Trying to share variable %s, but specified dtype %s and found "
                             "dtype %s." % (full, dtypes.as_dtype(dtype).name,
                                            existing.dtype.name))
        return existing
    if scope.reuse is True:
        raise ValueError("Variable %s does not exist, or was not created with "
                         "tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in "
                         "VarScope?" % full)
    dtype = dtypes.as_dtype(dtype or scope.dtype)
    initializer = initializer if initializer is not None else scope.initializer
    if initializer is None:
        initializer = init_ops.GlorotUniform() if dtype.is_floating else init_ops.Zeros()
    if callable(initializer):
        if shape is None:
            raise ValueError("The shape of a new variable (%s) must be fully defined, but "
                             "instead was None." % full)
        initial_value = lambda: initializer(TensorShape(shape).as_list(), dtype=dtype)  # noqa
    else:
        initial_value = initializer
    with name_scope(""):  # the variable's name is the full one, whatever the op name scope
        variable = Variable(initial_value, trainable=trainable, name=full, dtype=dtype,
                            collections=collections)
    store[full] = variable
    return variable

"""`name_scope`: prefixes the names of the ops (and variables) created inside it."""
from .context import ctx, executing_eagerly
from .graph import get_default_graph


class name_scope:
    """A context that puts new op names under `name/` (made unique in a graph, e.g. `layer_1/`).

    >>> with minitf.Graph().as_default():
    ...     with minitf.name_scope("layer"):
    ...         a = minitf.constant(1.0)
    >>> a.name
    'layer/Const:0'
    """

    def __init__(self, name):
        if not isinstance(name, str):
            raise ValueError("name for name_scope must be a string, got %r." % (name,))
        self._name = name
        self._exit = None

    @property
    def name(self):
        return self._name

    def __enter__(self):
        if executing_eagerly():
            old = ctx.eager_scope
            if not self._name:
                ctx.eager_scope = ""
            elif self._name.endswith("/"):  # a name ending in "/" is a whole scope, as is
                ctx.eager_scope = self._name
            else:
                ctx.eager_scope = old + self._name + "/"
            scope = ctx.eager_scope

            def restore():
                ctx.eager_scope = old
            self._exit = restore
            return scope
        cm = get_default_graph().name_scope(self._name)
        scope = cm.__enter__()
        self._exit = lambda: cm.__exit__(None, None, None)
        return scope

    def __exit__(self, *exc):
        self._exit()


def name_scope_v1(name, default_name=None, values=None):
    """The TensorFlow 1.x form: `name_scope(name, default_name, values)`."""
    return name_scope(name or default_name or "")

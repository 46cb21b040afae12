"""Graph and Operation: the lazy program that ops build when not executing eagerly.

A Graph holds its Operations in creation order (which is always a topological order), gives them
unique names (case-insensitively, inside name scopes), keeps collections (variables, the global
step, ...) and the stack of `control_dependencies`. It computes nothing: `Session.run` and traced
functions hand graphs to `minitf.executor`.
"""
import contextlib

from . import context
from .device import merged_name
from .shapes import dims_str
from .tensor import SymbolicTensor


class GraphKeys:
    """Standard collection names, as in `tf.compat.v1.GraphKeys`."""
    GLOBAL_VARIABLES = "variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    LOCAL_VARIABLES = "local_variables"
    GLOBAL_STEP = "global_step"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    SUMMARIES = "summaries"
    TRAIN_OP = "train_op"


class Operation:
    """A node of a graph: an op type applied to input tensors, giving output tensors.

    Graph operations and eager tape records share the interface `type`, `inputs`, `outputs`,
    `get_attr`, so that one backprop walk serves both.
    """

    def __init__(self, graph, op_def, name, inputs, attrs, out_specs, control_inputs):
        self.graph = graph
        self.op_def = op_def
        self.type = op_def.type
        self.name = name
        self.inputs = tuple(inputs)
        self.attrs = attrs
        self._control_inputs = tuple(control_inputs)  # (), shared, for most ops
        self.outputs = [SymbolicTensor(self, i, dtype, shape)
                        for i, (dtype, shape) in enumerate(out_specs)]
        self._id = len(graph._ops)

    device = ""

    @property
    def control_inputs(self):
        """The ops that must run before this one (a new list)."""
        return list(self._control_inputs)

    def get_attr(self, name):
        try:
            return self.attrs[name]
        except KeyError:
            raise ValueError("Operation '%s' has no attr named '%s'." % (self.name, name)) from None

    def values(self):
        return tuple(self.outputs)

    def _set_attr(self, name, value):
        """Replaces an attr (a control-flow op's gradient swaps in functions that give more)."""
        self.attrs = dict(self.attrs, **{name: value})

    def _add_inputs(self, tensors):
        """Appends inputs; how a while loop's gradient adds its accumulators to the loop."""
        self.inputs = self.inputs + tuple(tensors)

    def _add_outputs(self, specs):
        """Appends outputs, one per (dtype, shape): the values a control-flow op's gradient
        needs it to give (plans compiled before keep the outputs they knew)."""
        n = len(self.outputs)
        self.outputs += [SymbolicTensor(self, n + i, dtype, shape)
                         for i, (dtype, shape) in enumerate(specs)]

    def run(self, feed_dict=None, session=None):
        """Runs this operation in `session` (default: the default session)."""
        context.run_in_default_session(self, feed_dict, session)

    @property
    def node_def(self):
        """A text description in the layout of TensorFlow's NodeDef."""
        lines = ['name: "%s"' % self.name, 'op: "%s"' % self.type]
        lines += ['input: "%s"' % (t.name[:-2] if t.name.endswith(":0") else t.name)
                  for t in self.inputs]
        lines += ['input: "^%s"' % op.name for op in self.control_inputs]
        return "\n".join(lines) + "\n"

    def __str__(self):
        return self.node_def

    def __repr__(self):
        return "<tf.Operation '%s' type=%s>" % (self.name, self.type)


class Graph:
    """A TensorFlow computation: Operations and the Tensors that flow between them.

    >>> g = minitf.Graph()
    >>> with g.as_default():
    ...     c = minitf.constant(1.0)
    >>> c.graph is g, [op.name for op in g.get_operations()]
    (True, ['Const'])
    """

    is_function = False

    def __init__(self):
        self._ops = []
        self._by_name = {}
        self._names_in_use = {}
        self._name_stack = ""
        self._control_deps = []
        self._collections = {}
        self._finalized = False
        self._device = ""  # the device name that `device` scopes give new ops

    # -- building ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def as_default(self):
        """Makes this graph the one that ops are added to, for the duration of the `with`."""
        context.ctx.graphs.append(self)
        try:
            yield self
        finally:
            context.ctx.graphs.pop()

    def unique_name(self, name, mark_as_used=True):
        """`name` inside the current scope, with `_1`, `_2`, ... appended if already taken."""
        if self._name_stack:
            name = self._name_stack + "/" + name
        key = name.lower()
        i = self._names_in_use.get(key, 0)
        if mark_as_used:
            self._names_in_use[key] = i + 1
        if i > 0:
            base = key
            while key in self._names_in_use:
                key = "%s_%d" % (base, i)
                i += 1
            if mark_as_used:
                self._names_in_use[key] = 1
            name = "%s_%d" % (name, i - 1)
        return name

    def get_name_scope(self):
        return self._name_stack

    @contextlib.contextmanager
    def name_scope(self, name):
        """Opens scope `name` (made unique; a name ending in "/" is taken as is; "" or None
        returns to the top level) and yields its prefix, e.g. `"layer_1/"`."""
        old = self._name_stack
        if not name:
            new = ""
        elif name[-1] == "/":
            new = name[:-1]
        else:
            new = self.unique_name(name)
        self._name_stack = new
        try:
            yield new + "/" if new else ""
        finally:
            self._name_stack = old

    @contextlib.contextmanager
    def device(self, device_name):
        """Ops made inside get `device_name` (merged into the enclosing scope's) as `op.device`;
        None clears it. minitf runs every op on the CPU whatever the name."""
        saved = self._device
        self._device = merged_name(saved, device_name)
        try:
            yield
        finally:
            self._device = saved

    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        """Ops created inside run only after `control_inputs`; `None` clears outer ones."""
        if control_inputs is None:
            saved, self._control_deps = self._control_deps, []
            try:
                yield
            finally:
                self._control_deps = saved
            return
        ops = []
        for c in control_inputs:
            c = getattr(c, "_as_control_input", lambda: c)()
            op = c.op if isinstance(c, SymbolicTensor) else c
            if not isinstance(op, Operation):
                raise TypeError("Control input must be an Operation or a Tensor: %r" % (c,))
            if op.graph is not self:
                raise ValueError("Control input %s is from a different graph." % op.name)
            ops.append(op)
        self._control_deps.append(ops)
        try:
            yield
        finally:
            self._control_deps.pop()

    def _current_control_inputs(self):
        if not self._control_deps:
            return ()
        seen, out = set(), []
        for ops in self._control_deps:
            for op in ops:
                if id(op) not in seen:
                    seen.add(id(op))
                    out.append(op)
        return out

    def _create_op(self, op_def, name, inputs, attrs, out_specs):
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        if name in self._by_name:
            raise ValueError("Duplicate node name in graph: '%s'" % name)
        op = Operation(self, op_def, name, inputs, attrs, out_specs,
                       self._current_control_inputs())
        if self._device:
            op.device = self._device
        self._ops.append(op)
        self._by_name[name] = op
        return op

    def capture(self, tensor):
        """How an eager tensor enters this graph: only a function's graph can take one in."""
        raise RuntimeError("Attempting to capture an EagerTensor without building a function: "
                           "%r cannot be used in graph %r. Create it inside the graph instead."
                           % (tensor, self))

    def finalize(self):
        self._finalized = True

    @property
    def finalized(self):
        return self._finalized

    # -- looking up ----------------------------------------------------------------------------
    @property
    def version(self):
        """Grows with every op added: a cheap way to tell that the graph changed."""
        return len(self._ops)

    def get_operations(self, since=0):
        """The operations in creation order; with `since` (a `version` read earlier), only
        those added after it."""
        return self._ops[since:]

    def get_operation_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError("Operation names are strings (or similar), not %s." % type(name).__name__)
        if ":" in name:
            raise ValueError("The name %r looks like a Tensor name, not an Operation name: "
                             "Tensor names are of the form \"<op_name>:<output_index>\"." % name)
        op = self._by_name.get(name)
        if op is None:
            raise KeyError("The name %r refers to an Operation not in the graph." % name)
        return op

    def get_tensor_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError("Tensor names are strings (or similar), not %s." % type(name).__name__)
        op_name, sep, index = name.rpartition(":")
        if not sep or not index.isdigit():
            raise ValueError("The name %r looks like an (invalid) Operation name, not a Tensor. "
                             "Tensor names must be of the form \"<op_name>:<output_index>\"." % name)
        op = self._by_name.get(op_name)
        if op is None:
            raise KeyError("The name %r refers to a Tensor which does not exist. The operation, "
                           "%r, does not exist in the graph." % (name, op_name))
        if int(index) >= len(op.outputs):
            raise KeyError("The name %r refers to a Tensor which does not exist. The operation, "
                           "%r, exists but only has %d outputs."
                           % (name, op_name, len(op.outputs)))
        return op.outputs[int(index)]

    def as_graph_element(self, obj):
        """The Tensor or Operation that `obj` (one of them, a Variable, or a name) stands for."""
        if isinstance(obj, str):
            return self.get_tensor_by_name(obj) if ":" in obj else self.get_operation_by_name(obj)
        obj = getattr(obj, "_graph_element", obj)
        if isinstance(obj, (SymbolicTensor, Operation)):
            if obj.graph is not self:
                raise ValueError("%s is not an element of this graph." % (obj,))
            return obj
        raise TypeError("Can not convert a %s into a Tensor or Operation." % type(obj).__name__)

    # -- collections ---------------------------------------------------------------------------
    def add_to_collection(self, name, value):
        self._collections.setdefault(name, []).append(value)

    def get_collection_ref(self, name):
        return self._collections.setdefault(name, [])

    def get_collection(self, name, scope=None):
        items = list(self._collections.get(name, []))
        if scope is not None:
            items = [x for x in items if getattr(x, "name", "").startswith(scope)]
        return items

    def get_all_collection_keys(self):
        return list(self._collections)


def get_default_graph():
    """The graph that new ops go to when not executing eagerly: the innermost one made default
    with `as_default()`, else the process-wide default graph (made on first use)."""
    ctx = context.ctx
    if ctx.graphs:
        return ctx.graphs[-1]
    if ctx.global_graph is None:
        ctx.global_graph = Graph()
    return ctx.global_graph


@contextlib.contextmanager
def device(device_name):
    """Asks for the ops made inside to run on `device_name` ("/CPU:0", "/GPU:0", a DeviceSpec,
    or None for no device). minitf runs everything on the CPU: in a graph the name is recorded
    on the ops (`op.device`), eagerly it is only checked.

    Raises:
      ValueError: for a name that is not a device name.
      RuntimeError: for a function (TensorFlow 2.x takes names only).

    >>> with minitf.Graph().as_default():
    ...     with minitf.device("/GPU:0"):
    ...         c = minitf.constant(1.0)
    >>> c.device
    '/device:GPU:0'
    """
    if callable(device_name):
        raise RuntimeError("tf.device does not support functions.")
    if context.ctx.graphs or not context.ctx.eager_default:
        with get_default_graph().device(device_name):
            yield
        return
    merged_name("", device_name)
    yield


def reset_default_graph():
    """Replaces the process-wide default graph by a new, empty one."""
    if context.ctx.graphs:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you "
                             "need a cleared graph, exit the nesting and create a new graph.")
    context.ctx.global_graph = None


def describe_inputs(tensors):
    """Input shapes as TensorFlow's shape errors list them: `[2], [3]`."""
    return ", ".join(dims_str(t.shape) for t in tensors)

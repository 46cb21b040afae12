"""Variable: mutable state, one class for both modes; and the v1 collection helpers.

In eager mode a variable holds its value in its own `Ref`. In a graph it is a `VarHandleOp`
(named like the variable) plus an initializer op (`<name>/Assign`); its value lives in each
Session. Every use as an op input reads it through a `ReadVariableOp`, so gradients and control
dependencies treat variables exactly like other tensors.
"""
import numpy as np

from .framework import dtypes, variable_enums
from .framework.context import ctx, executing_eagerly, init_scope, run_in_default_session
from .framework.graph import GraphKeys, get_default_graph
from .framework.resource import Ref
from .framework.shapes import TensorShape, dim_list
from .framework.tensor import EagerTensor, Reference, Tensor, numpy_text
from .framework.variable_enums import VariableSynchronization
from .indexed_slices import IndexedSlices
from .ops import control_flow_ops, operators, partial_assign_ops, strided_slice_ops
from .ops.registry import convert_to_tensor, execute, in_current_graph, record, scope


class Variable:
    """A tensor-like value that persists and changes: model parameters, counters.

    Args:
      initial_value: a value convertible to a tensor, or a callable returning one.
      trainable: whether GradientTape watches it automatically and optimizers update it.
      name: the name (default "Variable"; made unique in a graph).
      dtype: converts `initial_value` to this type.
      shape: the static shape, when it should be less specific than the initial value's.
      collections: (graph mode) the collections to add it to, default the global variables
        and, when trainable, the trainable ones.
      synchronization, aggregation: a `VariableSynchronization` and a `VariableAggregation`
        for distributed training: kept, but minitf has one copy of each variable. A variable
        synchronized ON_READ is not trainable unless `trainable` says so.

    Raises:
      ValueError: for no initial value, or a synchronization or aggregation that is not one.

    >>> v = minitf.Variable([[1.], [2.]])
    >>> v
    <tf.Variable 'Variable:0' shape=(2, 1) dtype=float32, numpy=
    array([[1.],
           [2.]], dtype=float32)>
    """

    __array_priority__ = 100

    def __new__(cls, *args, **kwargs):
        # As in TensorFlow, `Variable(...)` makes a ResourceVariable, a subclass of Variable.
        return super().__new__(ResourceVariable if cls is Variable else cls)

    def __init__(self, initial_value=None, trainable=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None,
                 import_scope=None, constraint=None, synchronization=None, aggregation=None,
                 shape=None, collections=None):
        if initial_value is None:
            raise ValueError("The initial value of a Variable must be specified.")
        if ctx.refuse_variables:
            raise ValueError("tf.function only supports singleton tf.Variables created on the "
                             "first call. Make sure the tf.Variable is only created once or "
                             "created outside tf.function. See https://www.tensorflow.org/guide/"
                             "function#creating_tfvariables for more information.")
        self._synchronization, self._aggregation = variable_enums.checked(
            synchronization, aggregation, name)
        if trainable is None:  # a variable read from several replicas is not trained
            trainable = self._synchronization is not VariableSynchronization.ON_READ
        self._trainable = bool(trainable)
        self._constraint = constraint
        if executing_eagerly():
            self._init_eager(initial_value, name, dtype, shape)
            return
        g = get_default_graph()
        if not g.is_function:
            self._init_graph(initial_value, name, dtype, shape, collections)
            return
        if isinstance(initial_value, Tensor) and getattr(initial_value, "graph", None) is g:
            initial_value = g.lift(initial_value)
        with init_scope():  # a function's variables live outside it, like any captured value
            self.__init__(initial_value, trainable, name=name, dtype=dtype, shape=shape,
                          collections=collections, synchronization=synchronization,
                          aggregation=aggregation)

    def _init_eager(self, initial_value, name, dtype, shape):
        ctx.variables_made += 1
        if callable(initial_value):
            initial_value = initial_value()
        value = convert_to_tensor(initial_value, dtype)
        self._dtype = value.dtype
        self._shape = value.shape if shape is None else TensorShape(shape)
        name = name or "Variable"
        self._name = (name[:-1] if name.endswith("/") else ctx.eager_scope + name) + ":0"
        self._graph = None
        self._ref = Ref(self._name[:-2], value._value)
        self._handle = EagerTensor(self._ref, dtypes.resource)
        self._initial_value = value
        self._initializer_op = None
        self._graph_element = None

    def _init_graph(self, initial_value, name, dtype, shape, collections):
        ctx.variables_made += 1
        g = get_default_graph()
        with g.control_dependencies(None), g.name_scope(name or "Variable") as scope:
            with g.name_scope("Initializer"):
                if callable(initial_value):
                    initial_value = initial_value()
                value = convert_to_tensor(initial_value, dtype, name="initial_value")
            self._dtype = value.dtype
            self._shape = value.shape if shape is None else TensorShape(shape)
            self._name = scope[:-1] + ":0"
            self._graph = g
            self._handle = execute("VarHandleOp", [], {
                "dtype": self._dtype, "shape": self._shape, "shared_name": scope[:-1]}, name=scope)
            with g.name_scope("IsInitialized"):
                self._is_initialized = execute("VarIsInitializedOp", [self._handle])
            self._initializer_op = execute("AssignVariableOp", [self._handle, value],
                                           name="Assign")
            with g.name_scope("Read"):
                self._graph_element = self._read()
        self._initial_value = value
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
            if self._trainable:
                collections.append(GraphKeys.TRAINABLE_VARIABLES)
        for c in collections:
            g.add_to_collection(c, self)

    # -- properties ----------------------------------------------------------------------------
    name = property(lambda self: self._name)
    dtype = property(lambda self: self._dtype)
    shape = property(lambda self: self._shape)
    trainable = property(lambda self: self._trainable)
    handle = property(lambda self: self._handle)
    initializer = property(lambda self: self._initializer_op)
    initial_value = property(lambda self: self._initial_value)
    constraint = property(lambda self: self._constraint)
    synchronization = property(lambda self: self._synchronization)
    aggregation = property(lambda self: self._aggregation)

    @property
    def device(self):
        return self._handle.device

    @property
    def graph(self):
        return self._graph

    @property
    def op(self):
        if self._graph is None:
            raise AttributeError("Variable.op is undefined when eager execution is enabled.")
        return self._handle.op

    def get_shape(self):
        return self._shape

    def ref(self):
        return Reference(self)

    # -- reading -------------------------------------------------------------------------------
    def _current_handle(self):
        """The handle as the current graph sees it (a function captures the outside one)."""
        return in_current_graph(self._handle)

    def _read(self):
        if ctx.graphs and ctx.graphs[-1].is_function:
            ctx.graphs[-1].watch_variable(self)
        tapes = ctx.tapes
        if tapes:
            for tape in tapes:
                tape.variable_accessed(self)
        if self._graph is None and not ctx.graphs and ctx.eager_default:
            # what ReadVariableOp gives, in short (recorded as it, when a tape is active)
            t = EagerTensor(self._ref.read(), self._dtype)
            if tapes:
                record("ReadVariableOp", [self._handle], (t,), self._read_attrs())
            return t
        return execute("ReadVariableOp", [self._handle], self._read_attrs(),
                       name="ReadVariableOp")

    def _read_attrs(self):
        return {"dtype": self._dtype, "shape": self._shape}

    _to_tensor = _read

    def read_value(self):
        """The current value, as a tensor (in a graph: a new read op)."""
        return self._read()

    def value(self):
        return self._read()

    def numpy(self):
        if self._graph is not None:
            raise NotImplementedError("numpy() is only available when eager execution is enabled; "
                                      "in a graph, run the variable in a Session.")
        return EagerTensor(self._ref.read()).numpy()

    def eval(self, session=None):
        """(Graph mode) the value of this variable in `session` (default: the default one)."""
        return run_in_default_session(self, None, session)

    def load(self, value, session=None):
        """(Graph mode) sets the value in `session` without adding ops to the graph."""
        run_in_default_session(self._initializer_op,
                               {self._initializer_op.inputs[1]: value}, session)

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.numpy(), dtype=dtype)

    def __float__(self):
        return float(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __bool__(self):
        return bool(self.numpy())

    def __index__(self):
        return self.numpy().__index__()

    def __iter__(self):
        return iter(self._read())

    # -- writing -------------------------------------------------------------------------------
    def _update(self, op_type, value, name, read_value):
        value = convert_to_tensor(value, dtype=self._dtype)
        if (type(value) is not EagerTensor or value._value.shape != self._shape._dims) and \
                not self._shape.is_compatible_with(value.shape):  # equal shapes, in short
            raise ValueError("Cannot assign value to variable '%s': Shape mismatch. The variable "
                             "shape %s, and the assigned value shape %s are incompatible."
                             % (self._name, self._shape, value.shape))
        op = execute(op_type, [self._handle, value], name=name or op_type)
        if not read_value:
            return op
        return _UnreadVariable(self, op)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Sets the value. Returns the variable as it is after the assignment (in a graph, an
        object to run for the assignment to happen, whose reads wait for it); with
        `read_value=False`, the assignment op (None when eager).

        Raises:
          ValueError: if the shape of `value` does not fit the variable's.
        """
        return self._update("AssignVariableOp", value, name, read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        """Adds `delta` to the value (see `assign`)."""
        return self._update("AssignAddVariableOp", delta, name, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        """Subtracts `delta` from the value (see `assign`)."""
        return self._update("AssignSubVariableOp", delta, name, read_value)

    # -- writing parts -------------------------------------------------------------------------
    def __getitem__(self, key):
        """`self.read_value()[key]`, which also has `assign(value, name=None)`: it writes
        `value` (broadcast to the slice's shape) to that part of the variable and returns the
        variable as `assign` does. Only `assign`: a slice has no `assign_add`, as in TensorFlow.

        >>> v = minitf.Variable([[1, 2], [3, 4]])
        >>> v[0, 1].assign(9).numpy()
        array([[1, 9],
               [3, 4]], dtype=int32)
        """
        return strided_slice_ops.strided_slice(self._read(), key, var=self)

    def _strided_slice_assign(self, key, bounds, value, name):
        value = convert_to_tensor(value, dtype=self._dtype)
        op = execute("ResourceStridedSliceAssign", [self._handle, bounds, value], {"key": key},
                     name=name)
        return _UnreadVariable(self, op)

    def scatter_nd_update(self, indices, updates, name=None):
        """Sets the elements or slices at `indices` (an int tensor whose last dimension is a
        position in the variable) to `updates`, of shape indices.shape[:-1] +
        shape[indices.shape[-1]:]. Returns the variable as `assign` does.

        Raises:
          ValueError: if the shapes do not fit (InvalidArgumentError when executing eagerly,
            where a position outside the variable is one too).

        >>> v = minitf.Variable([1.0, 2.0, 3.0])
        >>> v.scatter_nd_update([[0], [2]], [7.0, 9.0]).numpy()
        array([7., 2., 9.], dtype=float32)
        """
        return self._scatter("ResourceScatterNdUpdate", indices, updates, name)

    def scatter_nd_add(self, indices, updates, name=None):
        """Adds `updates` at `indices` (repeated positions add up); see `scatter_nd_update`."""
        return self._scatter("ResourceScatterNdAdd", indices, updates, name)

    def scatter_nd_sub(self, indices, updates, name=None):
        """Subtracts `updates` at `indices`; see `scatter_nd_update`."""
        return self._scatter("ResourceScatterNdSub", indices, updates, name)

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        """Sets the rows `sparse_delta.indices` (of the first dimension) to
        `sparse_delta.values`, an `IndexedSlices` (values of shape indices.shape + shape[1:],
        or a scalar). Returns the variable as `assign` does.

        Raises:
          TypeError: if `sparse_delta` is not an IndexedSlices.
          ValueError: if the shapes do not fit (InvalidArgumentError when executing eagerly,
            where a row outside the variable is one too).

        >>> v = minitf.Variable([[1.0, 2.0], [3.0, 4.0]])
        >>> v.scatter_update(minitf.IndexedSlices([[0.0, 0.0]], [1])).numpy()
        array([[1., 2.],
               [0., 0.]], dtype=float32)
        """
        return self._scatter_rows("ResourceScatterUpdate", sparse_delta, name)

    def scatter_add(self, sparse_delta, use_locking=False, name=None):
        """Adds `sparse_delta.values` to the rows `sparse_delta.indices`; see `scatter_update`."""
        return self._scatter_rows("ResourceScatterAdd", sparse_delta, name)

    def scatter_sub(self, sparse_delta, use_locking=False, name=None):
        """Subtracts `sparse_delta.values` from its rows; see `scatter_update`."""
        return self._scatter_rows("ResourceScatterSub", sparse_delta, name)

    def _scatter_rows(self, op_type, sparse_delta, name):
        if not isinstance(sparse_delta, IndexedSlices):
            raise TypeError("Argument `sparse_delta` must be a `tf.IndexedSlices`. Received "
                            "arg: %s" % (sparse_delta,))
        return self._scatter(op_type, sparse_delta.indices, sparse_delta.values, name)

    def _scatter(self, op_type, indices, updates, name):
        updates = convert_to_tensor(updates, dtype=self._dtype)
        with scope(name or op_type) as op_name:
            if op_name is not None:  # building a graph: the shapes are checked now
                indices = convert_to_tensor(indices, dtype_hint=dtypes.int32, name="indices")
                shapes = dim_list(self._shape), dim_list(indices.shape), dim_list(updates.shape)
                if "Nd" in op_type:
                    partial_assign_ops.check_nd_updates(*shapes)
                else:
                    partial_assign_ops.check_row_updates(*shapes, building=True)
            op = execute(op_type, [self._handle, indices, updates], name=op_name)
        return _UnreadVariable(self, op)

    # -- printing and hashing ------------------------------------------------------------------
    def __repr__(self):
        head = "<tf.Variable '%s' shape=%s dtype=%s" % (self._name, self._shape, self._dtype.name)
        if self._graph is not None:
            return head + ">"
        return "%s, numpy=%s>" % (head, numpy_text(self._ref.read(), True))

    def __hash__(self):
        if self._graph is None:
            raise TypeError("Variable is unhashable. Instead, use variable.ref() as the key. "
                            "(Variable: %r)" % (self,))
        return id(self)

    def _as_control_input(self):
        return self._graph_element.op


class ResourceVariable(Variable):
    """The class of the variables `Variable(...)` makes (TensorFlow's name for it: a variable
    whose ops read and write it through a resource handle)."""


class _UnreadVariable(Variable):
    """What `assign`, `assign_add` and `assign_sub` return: the same variable, named after the
    assignment; in a graph its reads wait for the assignment, and running it runs it."""

    def __init__(self, variable, assign_op):  # shares the variable's state; creates nothing
        self.__dict__.update(variable.__dict__)
        self._assign_op = assign_op
        if self._graph is None:
            self._name = "UnreadVariable"
        else:
            self._name = assign_op.name
            self._graph_element = self._read()

    @property
    def op(self):
        return self._assign_op

    def _read(self):
        if self._assign_op is None:  # eagerly, the assignment is done already
            return super()._read()
        with control_flow_ops.control_dependencies([self._assign_op]):
            return super()._read()

    def _as_control_input(self):
        return self._assign_op


operators.install(Variable)


def global_variables(scope=None):
    """(Graph mode) the variables of the default graph's global collection."""
    return get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


def trainable_variables(scope=None):
    """(Graph mode) the trainable variables of the default graph."""
    return get_default_graph().get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


def local_variables(scope=None):
    """(Graph mode) the variables of the default graph's local collection."""
    return get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES, scope)


def local_variables_initializer():
    """One op (named "init") that initializes the local variables."""
    return variables_initializer(local_variables())


def is_variable_initialized(variable):
    """(Graph mode) a bool tensor: whether `variable` has a value in the running session."""
    return execute("VarIsInitializedOp", [variable.handle])


def assign(ref, value, name=None):
    """`ref.assign(value)` (TensorFlow 1.x's function form)."""
    return ref.assign(value, name=name)


def assign_add(ref, value, name=None):
    """`ref.assign_add(value)` (TensorFlow 1.x's function form)."""
    return ref.assign_add(value, name=name)


def assign_sub(ref, value, name=None):
    """`ref.assign_sub(value)` (TensorFlow 1.x's function form)."""
    return ref.assign_sub(value, name=name)


def variables_initializer(var_list, name="init"):
    """One op that runs the initializers of `var_list`."""
    if not var_list or executing_eagerly():
        return control_flow_ops.no_op(name=name)
    return control_flow_ops.group(*[v.initializer for v in var_list], name=name)


def global_variables_initializer():
    """One op (named "init") that initializes the global variables that exist now.

    >>> with minitf.Graph().as_default():
    ...     v = minitf.Variable(1.0)
    ...     init = minitf.compat.v1.global_variables_initializer()
    ...     with minitf.compat.v1.Session() as sess:
    ...         _ = sess.run(init)
    ...         print(sess.run(v))
    1.0
    """
    return variables_initializer(global_variables())


def scatter_update(ref, indices, updates, use_locking=True, name=None):
    """`ref.scatter_update(IndexedSlices(updates, indices))` (TensorFlow 1.x's function form)."""
    return ref.scatter_update(IndexedSlices(updates, indices), name=name)


def scatter_add(ref, indices, updates, use_locking=False, name=None):
    """`ref.scatter_add(IndexedSlices(updates, indices))` (TensorFlow 1.x's function form)."""
    return ref.scatter_add(IndexedSlices(updates, indices), name=name)


def scatter_sub(ref, indices, updates, use_locking=False, name=None):
    """`ref.scatter_sub(IndexedSlices(updates, indices))` (TensorFlow 1.x's function form)."""
    return ref.scatter_sub(IndexedSlices(updates, indices), name=name)


def scatter_nd_update(ref, indices, updates, use_locking=True, name=None):
    """`ref.scatter_nd_update(indices, updates)` (TensorFlow 1.x's function form)."""
    return ref.scatter_nd_update(indices, updates, name=name)


def scatter_nd_add(ref, indices, updates, use_locking=False, name=None):
    """`ref.scatter_nd_add(indices, updates)` (TensorFlow 1.x's function form)."""
    return ref.scatter_nd_add(indices, updates, name=name)


def scatter_nd_sub(ref, indices, updates, use_locking=False, name=None):
    """`ref.scatter_nd_sub(indices, updates)` (TensorFlow 1.x's function form)."""
    return ref.scatter_nd_sub(indices, updates, name=name)

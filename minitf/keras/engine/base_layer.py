"""`Layer`, the base class of every Keras layer, model and metric: a `Module` that builds its
weights on the first call, from the shape of its input.

A call (`layer(x)`) converts numpy inputs to tensors, checks them against the layer's
`input_spec` (before anything changes), opens the layer's name scope (so its weights are
"dense/kernel:0", or "my_model/dense/kernel:0" inside a model), builds the layer if it is not
built (in `init_scope`, so weights made while a `function` is traced are ordinary eager
variables), casts floating inputs to the layer's dtype and runs `call` (a custom layer's
converted by AutoGraph while a graph is built, as Keras does). The `training`
argument, when `call` takes one and it is not given, comes from the enclosing layer call. A
call on symbolic Keras inputs (`keras.Input`) is recorded instead (see `engine.keras_tensor`).

Weights are tracked as Keras does: those made with `add_weight` or assigned as attributes, in
order, then those of the layers found in attributes (in assignment order). So are the losses a
layer adds while it is called (`add_loss`): an outermost call first forgets those of the call
before, in the layer and in all its sublayers.
"""
import inspect
import types
import weakref

import numpy as np

from ... import autograph, nest
from ...framework import dtypes
from ...framework.context import executing_eagerly, init_scope
from ...framework.name_scope import name_scope
from ...framework.shapes import TensorShape
from ...framework.tensor import Tensor
from ...module import Module
from ...ops import arithmetic_ops
from ...ops.registry import convert_to_tensor
from ...variables import Variable
from .. import backend, initializers
from . import input_spec, keras_tensor

_CONVERTED_CALLS = weakref.WeakKeyDictionary()  # a layer class's `call` -> its AutoGraph version
_OWN_MODULES = "minitf."  # layers whose `call` is minitf's are not converted
_BOOKKEEPING = ("_trainable_weights", "_non_trainable_weights", "_named_weights", "_losses")
_LAYER_KWARGS = ("input_shape", "batch_input_shape", "batch_size", "input_dim", "autocast")


class Layer(Module):
    """The base class of layers: override `build(input_shape)` to make weights with
    `add_weight`, and `call(inputs)` to compute.

    Args:
      trainable: whether the layer's weights are trained (`trainable_weights`).
      name: the layer's name (default: the class name in snake_case, made unique: "dense",
        "dense_1", ...).
      dtype: the dtype of the weights and of the computation (default float32).
      input_shape: the shape of one example (without the batch dimension), for the first layer
        of a `Sequential` model (`input_dim=n` is `input_shape=(n,)`).

    Raises:
      TypeError: for a keyword argument that layers do not take.

    >>> class Scale(minitf.keras.layers.Layer):
    ...     def build(self, input_shape):
    ...         self.w = self.add_weight("w", shape=(input_shape[-1],), initializer="ones")
    ...     def call(self, x):
    ...         return x * self.w
    >>> layer = Scale()
    >>> layer(minitf.constant([[1.0, 2.0]]))
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[1., 2.]], dtype=float32)>
    >>> [w.name for w in layer.weights]
    ['scale/w:0']
    """

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        for key in kwargs:
            if key not in _LAYER_KWARGS:
                raise TypeError("Keyword argument not understood:", key)
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._named_weights = []  # (name, weight) for each add_weight: the checkpoint's names
        self._losses = []  # what add_loss was given during the last call
        self._trainable = bool(trainable)
        # Unlike a Module's, a layer's name scope is opened when it is called, not made now.
        self._name = name or backend.unique_object_name(backend.to_snake_case(type(self).__name__))
        self._scope_name = self._name + "/"
        self._dtype = dtypes.as_dtype(dtype or backend.floatx())
        self._autocast = kwargs.get("autocast", True)
        self.built = False
        self.input_spec = None  # what `__call__` checks its inputs against (an InputSpec)
        self._inbound_nodes = []  # the calls recorded on Keras inputs (keras_tensor.Node)
        self._output_shapes = []  # and their output shapes
        shape = kwargs.get("batch_input_shape")
        if shape is None and kwargs.get("input_dim") is not None:
            shape = (kwargs.get("batch_size"), kwargs["input_dim"])
        if shape is None and kwargs.get("input_shape") is not None:
            shape = (kwargs.get("batch_size"),) + tuple(kwargs["input_shape"])
        self._batch_input_shape = None if shape is None else tuple(shape)
        self._call_takes_training = "training" in inspect.signature(self.call).parameters

    def __setattr__(self, name, value):
        own = self.__dict__.get("_trainable_weights")
        if own is not None:
            for v in nest.flatten(value):
                if isinstance(v, Variable) and not any(v is w for w in self._own_weights()):
                    (own if v.trainable else self._non_trainable_weights).append(v)
        super().__setattr__(name, value)

    # -- properties ----------------------------------------------------------------------------
    @property
    def dtype(self):
        """The dtype of the weights, as a string ("float32")."""
        return self._dtype.name

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def trainable_weights(self):
        """The trainable weights, this layer's and its sublayers'; none if `trainable` is
        False."""
        if not self._trainable:
            return []
        return self._gather(self._trainable_weights, "trainable_weights")

    @property
    def non_trainable_weights(self):
        """The weights that training leaves alone: all of them if `trainable` is False."""
        if self._trainable:
            return self._gather(self._non_trainable_weights, "non_trainable_weights")
        return self._gather(self._own_weights(), "weights")

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    variables = weights
    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def losses(self):
        """The losses this layer and its sublayers added with `add_loss` during their last
        call, as scalar tensors (a callable given to `add_loss` is called now)."""
        own = [loss() if callable(loss) else loss for loss in self._losses]
        return own + [loss for layer in self._sublayers() for loss in layer.losses]

    def add_loss(self, losses, **kwargs):
        """Adds a loss (a tensor, a zero-argument callable returning one, or a list of them)
        to `losses`, which `fit` adds to the compiled loss.

        >>> class Penalty(minitf.keras.layers.Layer):
        ...     def call(self, x):
        ...         self.add_loss(0.5 * minitf.reduce_sum(x))
        ...         return x
        >>> layer = Penalty()
        >>> _ = layer(minitf.ones([2]))
        >>> layer.losses
        [<tf.Tensor: shape=(), dtype=float32, numpy=1.0>]
        """
        for loss in nest.flatten(losses):
            self._losses.append(loss if callable(loss) else convert_to_tensor(loss))

    def _clear_losses(self):
        self._losses = []
        for layer in self._sublayers():
            layer._clear_losses()

    @property
    def output_shape(self):
        """The output shape of the call recorded on Keras inputs (`keras.Input`).

        Raises:
          AttributeError: if there is no such call, or calls with different output shapes.
        """
        if not self._output_shapes:
            raise AttributeError('The layer "%s" has never been called and thus has no defined '
                                 'output shape.' % self.name)
        if any(s != self._output_shapes[0] for s in self._output_shapes):
            raise AttributeError('The layer "%s" has multiple inbound nodes, with different '
                                 'output shapes. Hence the notion of "output shape" is '
                                 'ill-defined for the layer.' % self.name)
        return self._output_shapes[0]

    _children_first = False  # a layer lists its own weights before its sublayers'

    def _own_weights(self):
        return self._trainable_weights + self._non_trainable_weights

    def _gather(self, own, attribute):
        """`own` and the `attribute` weights of the sublayers, each once."""
        children = [w for layer in self._sublayers() for w in getattr(layer, attribute)]
        return _dedup(children + own if self._children_first else own + children)

    def _sublayers(self):
        """The layers in this layer's attributes, in assignment order, each once."""
        found, seen = [], set()
        for value in vars(self).values():
            for x in nest.flatten(value):
                if isinstance(x, Layer) and x is not self and id(x) not in seen:
                    seen.add(id(x))
                    found.append(x)
        return found

    def _trackable_children(self):
        """What a Checkpoint follows: the weights by their `add_weight` names, then the
        attributes holding trackable objects."""
        return self._named_weights + [(k, v) for k, v in super()._trackable_children()
                                      if k not in _BOOKKEEPING]

    # -- weights -------------------------------------------------------------------------------
    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, **kwargs):
        """Makes a weight of this layer: an eager variable named after the layer's scope.

        Args:
          name: the weight's name ("kernel").
          shape: its shape (default: a scalar).
          dtype: its dtype (default: the layer's).
          initializer: an initializer or its name (default: "glorot_uniform" for floating
            types, "zeros" for others).
          trainable: whether training updates it (default True).

        Raises:
          NotImplementedError: for a regularizer or constraint.
        """
        if regularizer is not None or constraint is not None:
            raise NotImplementedError("add_weight: regularizers and constraints are not "
                                      "supported.")
        dtype = dtypes.as_dtype(dtype or self._dtype)
        if initializer is None:
            initializer = "glorot_uniform" if dtype.is_floating else "zeros"
        init = initializers.get(initializer)
        trainable = True if trainable is None else bool(trainable)
        shape = () if shape is None else tuple(TensorShape(shape).as_list())
        with init_scope():
            variable = Variable(lambda: init(shape, dtype=dtype), trainable=trainable,
                                name=name, dtype=dtype)
        (self._trainable_weights if trainable else self._non_trainable_weights).append(variable)
        self._named_weights.append((name, variable))
        return variable

    def get_weights(self):
        """The values of `weights`, as numpy arrays."""
        return [w.numpy() for w in self.weights]

    def set_weights(self, weights):
        """Sets `weights` from numpy arrays, in the order of `get_weights()`.

        Raises:
          ValueError: if the number of arrays or a shape does not match.
        """
        params = self.weights
        if len(params) != len(weights):
            raise ValueError("You called `set_weights(weights)` on layer \"%s\" with a weight list "
                             "of length %d, but the layer was expecting %d weights."
                             % (self.name, len(weights), len(params)))
        for p, w in zip(params, weights):
            if not p.shape.is_compatible_with(np.shape(w)):
                raise ValueError("Layer %s weight shape %s is not compatible with provided "
                                 "weight shape %s." % (self.name, p.shape, np.shape(w)))
        for p, w in zip(params, weights):
            p.assign(w)

    def count_params(self):
        """The number of scalars in the layer's weights.

        Raises:
          ValueError: if the layer is not built.
        """
        if not self.built:
            raise ValueError("You tried to call `count_params` on layer %s, but the layer isn't "
                             "built. You can build it manually via: `%s.build(batch_input_shape)`."
                             % (self.name, self.name))
        return int(sum(np.prod(w.shape.as_list(), dtype=np.int64) for w in self.weights))

    # -- calling -------------------------------------------------------------------------------
    def build(self, input_shape):
        """Makes the weights, given the input shape (a TensorShape, or a nesting of them)."""
        self.built = True

    def call(self, inputs, *args, **kwargs):
        """The layer's computation (the base class returns `inputs`)."""
        return inputs

    def __call__(self, inputs, *args, **kwargs):
        if keras_tensor.any_keras_tensor(inputs):
            return keras_tensor.record_call(self, inputs, args, kwargs)
        inputs = nest.map_structure(_to_tensor, inputs)
        input_spec.assert_input_compatibility(self.input_spec, inputs, self.name)
        training = kwargs.pop("training", None)  # dropped when `call` does not take it
        if self._call_takes_training:
            if training is None:
                training = backend.outer_training()
            if training is not None:
                kwargs["training"] = training
        if not backend.in_layer_call():
            self._clear_losses()
        with name_scope(self.name), backend.layer_call(training):
            if not self.built:
                self._build_for(inputs)
            if self._autocast:
                inputs = nest.map_structure(self._cast, inputs)
            return self._call_function()(inputs, *args, **kwargs)

    def _call_function(self):
        """`self.call`; converted by AutoGraph while a graph is built (unless the `function`
        being traced says `autograph=False`) when it is a custom layer's, as in Keras, so that
        its Python `if` and `while` on tensors become graph control flow."""
        call = type(self).call
        if executing_eagerly() or not autograph.ag_ctx.conversion_enabled() \
                or (getattr(call, "__module__", None) or "").startswith(_OWN_MODULES):
            return self.call
        if call not in _CONVERTED_CALLS:
            _CONVERTED_CALLS[call] = autograph.convert(call)
        return types.MethodType(_CONVERTED_CALLS[call], self)

    def _build_for(self, inputs):
        shapes = nest.map_structure(lambda t: t.shape, inputs)
        with init_scope():
            self.build(shapes)
        self.built = True

    def _cast(self, x):
        if isinstance(x, Tensor) and x.dtype.is_floating and x.dtype is not self._dtype:
            return arithmetic_ops.cast(x, self._dtype)
        return x


def _to_tensor(x):
    if isinstance(x, (np.ndarray, np.generic, float, int)) and not isinstance(x, bool):
        return convert_to_tensor(x)
    return x


def _dedup(weights):
    seen, kept = set(), []
    for w in weights:
        if id(w) not in seen:
            seen.add(id(w))
            kept.append(w)
    return kept

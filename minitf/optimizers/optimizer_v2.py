"""The TensorFlow 2.x optimizers (`minitf.optimizers.*`, also `minitf.keras.optimizers.*`), in
the style of tf.keras 2's OptimizerV2.

`apply_gradients(zip(grads, vars))` checks every pair first (dtype, shape), clips the gradients
(`clipnorm`, `clipvalue` or `global_clipnorm`), makes the slots of variables it has not seen
before, runs one update op per variable (`ops/training_ops.py`, shared with the v1 optimizers)
and counts the step in `iterations`, all in one transaction (`framework/resource.py`): a step
that raises changes nothing, as a failed Session run. A step is built from minitf ops and
variables only, so it runs the same eagerly, in a graph, or in a traced `function`; slots and
`iterations` are always made as eager variables, outside any function being traced, so a traced
step never makes variables.
"""
import warnings

import numpy as np

from ..autodiff.tape import GradientTape
from ..framework import dtypes
from ..framework.context import init_scope
from ..framework.errors import InvalidArgumentError
from ..framework.name_scope import name_scope
from ..framework.resource import transaction
from ..framework.tensor import EagerTensor
from ..ops import arithmetic_ops, array_ops, clip_ops, control_flow_ops, training_ops
from ..ops.registry import contains_tensor, convert_to_tensor, scope
from ..variables import Variable
from .schedules import LearningRateSchedule


class Optimizer:
    """Base class of the v2 optimizers. A subclass gives `_create_slots(var_list)` (with
    `_add_slot`), `_update_step(grad, var, hyper)` and, if it has hyperparameters beyond the
    learning rate, `_hyper(lr, dtype)`.

    Args:
      name: the name scope of the optimizer's variables and ops.
      learning_rate: a float, a `schedules.LearningRateSchedule` (called with `iterations`) or
        a callable taking no arguments.
      clipnorm: clip each gradient to this L2 norm.
      clipvalue: clip each gradient element to [-clipvalue, clipvalue].
      global_clipnorm: scale all gradients together so their joint L2 norm is at most this.

    Raises:
      ValueError: if more than one of the clipping arguments is set.
    """

    def __init__(self, name, learning_rate, clipnorm=None, clipvalue=None, global_clipnorm=None):
        if sum(c is not None for c in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be "
                             "set. Received: clipnorm=%s, clipvalue=%s, global_clipnorm=%s"
                             % (clipnorm, clipvalue, global_clipnorm))
        self.name = name
        self._learning_rate = learning_rate
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self._iterations = None
        self._slots = {}          # variable ref -> {slot name: slot variable}
        self._slot_names = []
        self._slot_variables = []  # in creation order

    @property
    def iterations(self):
        """The number of steps applied so far (an int64 variable named "<name>/iter")."""
        if self._iterations is None:
            with init_scope(), name_scope(self.name):
                self._iterations = Variable(0, trainable=False, dtype=dtypes.int64, name="iter")
        return self._iterations

    @property
    def learning_rate(self):
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        self._learning_rate = value

    def variables(self):
        """The optimizer's variables: `iterations`, then the slots in the order they were made."""
        return ([] if self._iterations is None else [self._iterations]) + self._slot_variables

    def get_slot_names(self):
        """The names of the slots, in the order they were first made (e.g. ["m", "v"])."""
        return list(self._slot_names)

    def get_slot(self, var, slot_name):
        """The slot variable `slot_name` of `var`.

        Raises:
          KeyError: if there is no such slot (yet: slots are made by `apply_gradients`).
        """
        slot = self._slots.get(var.ref(), {}).get(slot_name)
        if slot is None:
            raise KeyError("Optimizer %s has no slot %r for variable %s."
                           % (self.name, slot_name, var.name))
        return slot

    def apply_gradients(self, grads_and_vars, name=None):
        """Applies one step: each (gradient, variable) pair updates its variable.

        Every pair is checked before anything changes, and a step that raises while it updates
        leaves every variable, slot and `iterations` as it was. Pairs with a None gradient are
        skipped with a warning.

        Returns:
          The increment of `iterations` (in a graph, an op that runs the whole step).

        Raises:
          ValueError: if no pair has a gradient; in a graph, if a gradient's shape cannot be
            its variable's.
          TypeError: in a graph, if a gradient's dtype is not its variable's.
          InvalidArgumentError: when executing eagerly, for a gradient of the wrong shape or
            dtype.
        """
        grads, var_list = _checked_pairs(list(grads_and_vars))
        grads = self._clip(grads)
        with transaction():  # one step at a time, when threads share the optimizer
            iterations = self.iterations
            self._create_slots(var_list)
            with scope(name or self.name):
                lr = self._current_learning_rate()
                hyper = {}  # per dtype name, made once for all its variables (as Keras's
                updates = []  # apply_state); a name hashes faster than a DType
                for g, v in zip(grads, var_list):
                    dtype = v.dtype
                    per_dtype = hyper.get(dtype.name)
                    if per_dtype is None:
                        per_dtype = hyper[dtype.name] = self._hyper(lr, dtype)
                    updates.append(self._update_step(g, v, per_dtype))
                with control_flow_ops.control_dependencies(updates):
                    return iterations.assign_add(1)

    def minimize(self, loss, var_list, tape=None):
        """Computes the gradients of `loss` for `var_list` with a GradientTape and applies them.

        Args:
          loss: a callable returning the loss; or the loss tensor, when `tape` recorded it.
          var_list: the variables to update.
          tape: the GradientTape to use (default: a new one).

        >>> w = minitf.Variable(1.0)
        >>> _ = minitf.optimizers.SGD(0.25).minimize(lambda: w * w, [w])
        >>> w.numpy()
        np.float32(0.5)
        """
        var_list = list(var_list)
        if tape is None and not callable(loss):
            raise ValueError("`tape` is required when a `Tensor` loss is passed.")
        tape = tape or GradientTape()
        if callable(loss):
            with tape:
                tape.watch(var_list)
                loss = loss()
        grads = tape.gradient(loss, var_list)
        return self.apply_gradients(zip(grads, var_list))

    # -- for subclasses ------------------------------------------------------------------------
    def _add_slot(self, var, slot_name, value=0.0):
        """Slot `slot_name` of `var`, made filled with `value` (a number, or an array of var's
        shape) unless it exists."""
        per_var = self._slots.setdefault(var.ref(), {})
        if slot_name not in per_var:
            with init_scope(), name_scope(self.name):
                name = "%s/%s" % (var.name.rpartition(":")[0], slot_name)
                slot = Variable(array_ops.constant(value, var.dtype, shape=var.shape),
                                trainable=False, name=name)
            per_var[slot_name] = slot
            self._slot_variables.append(slot)
            if slot_name not in self._slot_names:
                self._slot_names.append(slot_name)
        return per_var[slot_name]

    def _hyper(self, lr, dtype):
        """The hyperparameters of this step for variables of `dtype`, as tensors by name."""
        return {"lr": _as(lr, dtype)}

    def _current_learning_rate(self):
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            return lr(self.iterations)
        return lr() if callable(lr) else lr

    def _clip(self, grads):
        if self.clipnorm is not None:
            return [clip_ops.clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm is not None:
            return clip_ops.clip_by_global_norm(grads, self.global_clipnorm)[0]
        if self.clipvalue is not None:
            return [clip_ops.clip_by_value(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads


def _checked_pairs(pairs):
    """The gradients (as tensors) and variables of the pairs that have a gradient, once every
    gradient has its variable's dtype and shape; warns about the pairs without one."""
    grads, var_list, missing = [], [], []
    for g, v in pairs:
        if g is None:
            missing.append(v.name)
            continue
        if type(g) is EagerTensor and g._dtype is v.dtype and g._value.shape == v.shape._dims:
            grads.append(g)  # the common case, which the checks below would pass
            var_list.append(v)
            continue
        keeps_dtype = isinstance(g, (np.ndarray, np.generic))  # as TensorFlow's update ops
        g = convert_to_tensor(g, dtype_hint=None if keeps_dtype else v.dtype)
        if g.dtype is not v.dtype:  # DTypes are singletons
            _refuse(g, TypeError, "Cannot apply the gradient of variable %s: it was expected to "
                    "be a %s tensor but is a %s tensor." % (v.name, v.dtype.name, g.dtype.name))
        if not g.shape.is_compatible_with(v.shape):
            _refuse(g, ValueError, "Cannot apply the gradient of variable %s: var and grad do not "
                    "have the same shape%s %s." % (v.name, v.shape.as_list(), g.shape.as_list()))
        grads.append(g)
        var_list.append(v)
    if not grads:
        raise ValueError("No gradients provided for any variable: %s."
                         % ([v.name for _, v in pairs],))
    if missing:
        warnings.warn("Gradients do not exist for variables %s when minimizing the loss. If "
                      "you're using `model.compile()`, did you forget to provide a `loss` "
                      "argument?" % (missing,), stacklevel=3)
    return grads, var_list


def _refuse(g, graph_error, message):
    """Raises TensorFlow's error for a gradient that does not fit: at run time (eagerly) an
    InvalidArgumentError, while building a graph `graph_error`."""
    if isinstance(g, EagerTensor):
        raise InvalidArgumentError(None, None, message)
    raise graph_error(message)


def _as(value, dtype):
    """A hyperparameter (a Python number or a tensor) as a tensor of `dtype`."""
    if type(value) is not float and contains_tensor(value):
        return arithmetic_ops.cast(value, dtype)
    return convert_to_tensor(value, dtype)


# -- the update rules ---------------------------------------------------------------------------
class SGD(Optimizer):
    """Stochastic gradient descent, with optional (Nesterov) momentum: `var -= lr * grad`, or
    `m = momentum * m - lr * grad; var += m` (Nesterov: `var += momentum * m - lr * grad`).
    Slot (with momentum): "momentum".

    >>> w = minitf.Variable(1.0)
    >>> opt = minitf.optimizers.SGD(0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     _ = opt.minimize(lambda: w * w, [w])
    >>> print(w.numpy(), opt.get_slot(w, "momentum").numpy())
    0.46 -0.34
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, name="SGD", **kwargs):
        if isinstance(momentum, (int, float)) and not 0 <= momentum <= 1:
            raise ValueError("`momentum` must be between [0, 1].")
        super().__init__(name, learning_rate, **kwargs)
        self.momentum = momentum
        self.nesterov = nesterov

    def _create_slots(self, var_list):
        if self.momentum:
            for v in var_list:
                self._add_slot(v, "momentum")

    def _hyper(self, lr, dtype):
        hyper = super()._hyper(lr, dtype)
        if self.momentum:
            hyper["momentum"] = _as(self.momentum, dtype)
        return hyper

    def _update_step(self, grad, var, hyper):
        if not self.momentum:
            return training_ops.apply_gradient_descent(var, hyper["lr"], grad)
        return training_ops.apply_keras_momentum(var, self.get_slot(var, "momentum"),
                                                 hyper["lr"], grad, hyper["momentum"],
                                                 self.nesterov)


class Adam(Optimizer):
    """Adam: moving averages `m` of the gradient and `v` of its square; step t (from 1) moves
    `var` by `lr * sqrt(1 - beta_2^t) / (1 - beta_1^t) * m / (sqrt(v) + epsilon)`. With
    `amsgrad`, `v` is replaced by its running maximum. Slots: "m", "v" (and "vhat").

    >>> w = minitf.Variable([1.0, -2.0], name="w")
    >>> opt = minitf.optimizers.Adam(0.1)
    >>> _ = opt.minimize(lambda: minitf.reduce_sum(w * w), [w])
    >>> w.numpy(), [v.name for v in opt.variables()]
    (array([ 0.90000015, -1.9000001 ], dtype=float32), ['Adam/iter:0', 'Adam/w/m:0', 'Adam/w/v:0'])
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, name="Adam", **kwargs):
        super().__init__(name, learning_rate, **kwargs)
        self.beta_1, self.beta_2, self.epsilon, self.amsgrad = beta_1, beta_2, epsilon, amsgrad

    def _create_slots(self, var_list):
        for slot_name in ("m", "v", "vhat") if self.amsgrad else ("m", "v"):
            for v in var_list:
                self._add_slot(v, slot_name)

    def _hyper(self, lr, dtype):
        hyper = super()._hyper(lr, dtype)
        step = arithmetic_ops.cast(self.iterations + 1, dtype)
        beta_1, beta_2 = _as(self.beta_1, dtype), _as(self.beta_2, dtype)
        hyper["args"] = [arithmetic_ops.pow(beta_1, step), arithmetic_ops.pow(beta_2, step),
                         hyper["lr"], beta_1, beta_2, _as(self.epsilon, dtype)]
        return hyper

    def _update_step(self, grad, var, hyper):
        args = hyper["args"] + [grad]
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        if self.amsgrad:
            return training_ops.apply_adam_with_amsgrad(var, m, v, self.get_slot(var, "vhat"),
                                                        *args)
        return training_ops.apply_adam(var, m, v, *args)


class RMSprop(Optimizer):
    """RMSprop: `ms = rho * ms + (1 - rho) * grad**2` (starting at zeros), and the step
    `lr * grad / sqrt(ms + epsilon)`, accumulated as `mom = momentum * mom + step` when
    `momentum` is set. With `centered`, the moving average `mg` of the gradient is also kept and
    `ms - mg**2` replaces `ms`. Slots: "rms" (and "momentum", "mg").

    >>> w = minitf.Variable(1.0)
    >>> _ = minitf.optimizers.RMSprop(0.01).minimize(lambda: w * w, [w])
    >>> print(w.numpy())
    0.96837723
    """

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
                 name="RMSprop", **kwargs):
        super().__init__(name, learning_rate, **kwargs)
        self.rho, self.momentum, self.epsilon, self.centered = rho, momentum, epsilon, centered

    def _create_slots(self, var_list):
        names = ["rms"] + ["momentum"] * bool(self.momentum) + ["mg"] * self.centered
        for slot_name in names:
            for v in var_list:
                self._add_slot(v, slot_name)

    def _hyper(self, lr, dtype):
        hyper = super()._hyper(lr, dtype)
        hyper["args"] = [hyper["lr"], _as(self.rho, dtype), _as(self.momentum, dtype),
                         _as(self.epsilon, dtype)]
        return hyper

    def _update_step(self, grad, var, hyper):
        mg = self.get_slot(var, "mg") if self.centered else None
        mom = self.get_slot(var, "momentum") if self.momentum else None
        return training_ops.apply_keras_rms_prop(var, self.get_slot(var, "rms"), mg, mom,
                                                 *hyper["args"], grad)


class Adagrad(Optimizer):
    """Adagrad: `accum += grad**2` (starting at `initial_accumulator_value`);
    `var -= lr * grad / sqrt(accum + epsilon)`, as tf.keras 2 puts epsilon. Slot: "accumulator".

    Raises:
      ValueError: if `initial_accumulator_value` is negative.

    >>> w = minitf.Variable(1.0)
    >>> _ = minitf.optimizers.Adagrad(0.1).minimize(lambda: w * w, [w])
    >>> print(w.numpy())
    0.90122706
    """

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 name="Adagrad", **kwargs):
        if initial_accumulator_value < 0.0:
            raise ValueError("initial_accumulator_value must be non-negative: %s"
                             % initial_accumulator_value)
        super().__init__(name, learning_rate, **kwargs)
        self.initial_accumulator_value, self.epsilon = initial_accumulator_value, epsilon

    def _create_slots(self, var_list):
        for v in var_list:
            self._add_slot(v, "accumulator", self.initial_accumulator_value)

    def _hyper(self, lr, dtype):
        hyper = super()._hyper(lr, dtype)
        hyper["epsilon"] = _as(self.epsilon, dtype)
        return hyper

    def _update_step(self, grad, var, hyper):
        return training_ops.apply_keras_adagrad(var, self.get_slot(var, "accumulator"),
                                                hyper["lr"], hyper["epsilon"], grad)

"""The TensorFlow 1.x optimizers (`compat.v1.train.*Optimizer`): they add update ops to a graph.

`minimize(loss)` = `compute_gradients` (symbolic `gradients`) + `apply_gradients`, which makes
the optimizer's slot variables (named `<variable>/<optimizer>`, `<variable>/<optimizer>_1`, ...,
outside any name scope, so a `global_variables_initializer()` built afterwards initializes them),
adds one update op per variable (the stateful ops of `ops/training_ops.py`, shared with the v2
optimizers) and groups them into the train op, named after the optimizer.
"""
import warnings

from ..autodiff.gradients import gradients
from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.graph import GraphKeys, get_default_graph
from ..ops import arithmetic_ops, array_ops, control_flow_ops, fill_ops, training_ops
from ..ops.registry import convert_to_tensor
from ..variables import Variable, trainable_variables


class Optimizer:
    """Base class of the v1 optimizers.

    A subclass sets `_hyper` (its hyperparameters by tensor name, learning rate first) and gives
    `_create_slots(var_list)` and `_apply_dense(grad, var)`; `_finish` may add ops that run after
    the updates.
    """

    def __init__(self, use_locking, name):
        self._name = name
        self._hyper = {}
        self._tensors = {}
        self._slots = {}       # slot name -> {variable ref: slot variable}
        self._non_slots = {}   # (name, graph) -> variable

    def get_name(self):
        return self._name

    def get_slot_names(self):
        """The names of this optimizer's slots, sorted (e.g. ["m", "v"] for Adam)."""
        return sorted(self._slots)

    def get_slot(self, var, name):
        """The slot variable `name` made for `var`, or None."""
        return self._slots.get(name, {}).get(var.ref())

    def variables(self):
        """The optimizer's variables in the default graph (slots and others, like Adam's beta
        powers), sorted by name."""
        g = get_default_graph()
        slots = [s for per_var in self._slots.values() for s in per_var.values()]
        found = [v for (_, graph), v in self._non_slots.items() if graph is g]
        return sorted(found + [s for s in slots if s.graph is g], key=lambda v: v.name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=1, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        """A list of (gradient, variable) pairs for `var_list` (default: all trainable
        variables); the gradient is None for a variable that `loss` does not depend on."""
        var_list = list(trainable_variables() if var_list is None else var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        grads = gradients(loss, var_list, grad_ys=None if grad_loss is None else [grad_loss])
        return list(zip(grads, var_list))

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """An op that applies the gradients (and then increments `global_step`, if given).

        Pairs whose gradient is None are skipped (silently, as in TensorFlow).

        Raises:
          ValueError: if no variable has a gradient.
        """
        grads_and_vars = list(grads_and_vars)
        usable = [(g, v) for g, v in grads_and_vars if g is not None]
        if not usable:
            raise ValueError("No gradients provided for any variable: %s."
                             % ([v.name for _, v in grads_and_vars],))
        g = get_default_graph()
        with g.name_scope(""), g.control_dependencies(None):
            self._create_slots([v for _, v in usable])
        with g.name_scope(name or self._name) as scope:
            self._tensors = {k: convert_to_tensor(v, name=k) for k, v in self._hyper.items()}
            updates = []
            for grad, var in usable:
                with g.name_scope("update_" + var.op.name):
                    updates.append(self._apply_dense(grad, var))
            if global_step is None:
                return self._finish(updates, scope)
            with control_flow_ops.control_dependencies([self._finish(updates, "update")]):
                return global_step.assign_add(1, name=scope, read_value=False)

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None,
                 grad_loss=None):
        """The train op: one step of this optimizer on `loss`.

        Warns about the variables of a given `var_list` that `loss` does not depend on (not
        about the other trainable variables of the graph, when `var_list` is None).

        Raises:
          ValueError: if `loss` depends on none of the variables.

        >>> with minitf.Graph().as_default():
        ...     w = minitf.Variable(1.0)
        ...     train = minitf.compat.v1.train.GradientDescentOptimizer(0.25).minimize(w * w)
        ...     with minitf.compat.v1.Session() as sess:
        ...         sess.run(minitf.compat.v1.global_variables_initializer())
        ...         sess.run(train)
        ...         print(sess.run(w))
        0.5
        """
        grads_and_vars = self.compute_gradients(loss, var_list, grad_loss=grad_loss)
        missing = [v.name for g, v in grads_and_vars if g is None]
        if len(missing) == len(grads_and_vars):
            raise ValueError("No gradients provided for any variable, check your graph for ops "
                             "that do not support gradients, between variables %s and loss %s."
                             % (missing, loss))
        if missing and var_list is not None:
            warnings.warn("Gradients do not exist for variables %s when minimizing the loss."
                          % (missing,), stacklevel=2)
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    # -- for subclasses ------------------------------------------------------------------------
    def _create_slots(self, var_list):
        pass

    def _finish(self, updates, name):
        return control_flow_ops.group(*updates, name=name)

    def _get(self, name, var):
        """Hyperparameter `name` as a tensor of `var`'s dtype."""
        return arithmetic_ops.cast(self._tensors[name], var.dtype)

    def _slot(self, var, slot_name, make_value):
        """Makes slot `slot_name` of `var` (unless it exists) from `make_value()`."""
        per_var = self._slots.setdefault(slot_name, {})
        if var.ref() not in per_var:
            per_var[var.ref()] = Variable(make_value, trainable=False, dtype=var.dtype,
                                          name="%s/%s" % (var.op.name, self._name))
        return per_var[var.ref()]

    def _zeros_slot(self, var, slot_name):
        return self._slot(var, slot_name, lambda: fill_ops.zeros(var.shape, var.dtype))

    def _non_slot(self, name, initial_value):
        """An extra variable of the optimizer (one per graph), made on first use."""
        key = (name, get_default_graph())
        if key not in self._non_slots:
            self._non_slots[key] = Variable(initial_value, trainable=False, name=name)
        return self._non_slots[key]


class GradientDescentOptimizer(Optimizer):
    """Plain gradient descent: `var -= learning_rate * grad`."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._hyper = {"learning_rate": learning_rate}

    def _apply_dense(self, grad, var):
        return training_ops.apply_gradient_descent(var, self._get("learning_rate", var), grad)


class MomentumOptimizer(Optimizer):
    """Gradient descent with momentum: `accum = momentum * accum + grad; var -= lr * accum`
    (with `use_nesterov`, `var -= lr * (grad + momentum * accum)`). Slot: "momentum".

    >>> with minitf.Graph().as_default():
    ...     w = minitf.Variable(1.0)
    ...     opt = minitf.compat.v1.train.MomentumOptimizer(0.1, momentum=0.9)
    ...     train = opt.minimize(w * w)
    ...     with minitf.compat.v1.Session() as sess:
    ...         sess.run(minitf.compat.v1.global_variables_initializer())
    ...         for _ in range(2):
    ...             sess.run(train)
    ...         print(*sess.run([w, opt.get_slot(w, "momentum")]))
    0.46 3.4
    """

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
                 use_nesterov=False):
        super().__init__(use_locking, name)
        self._hyper = {"learning_rate": learning_rate, "momentum": momentum}
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "momentum")

    def _apply_dense(self, grad, var):
        return training_ops.apply_momentum(
            var, self.get_slot(var, "momentum"), self._get("learning_rate", var), grad,
            self._get("momentum", var), use_nesterov=self._use_nesterov)


class AdamOptimizer(Optimizer):
    """Adam (Kingma & Ba): moving averages `m` of the gradient and `v` of its square, and the
    step `lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)`. Slots: "m", "v";
    the powers beta1^t and beta2^t live in the variables "beta1_power" and "beta2_power".

    >>> with minitf.Graph().as_default():
    ...     w = minitf.Variable([1.0, -2.0], name="w")
    ...     opt = minitf.compat.v1.train.AdamOptimizer(0.1)
    ...     train = opt.minimize(minitf.reduce_sum(w * w))
    ...     print([v.name for v in opt.variables()])
    ...     with minitf.compat.v1.Session() as sess:
    ...         sess.run(minitf.compat.v1.global_variables_initializer())
    ...         sess.run(train)
    ...         print(sess.run(w))
    ['beta1_power:0', 'beta2_power:0', 'w/Adam:0', 'w/Adam_1:0']
    [ 0.90000004 -1.9       ]
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._hyper = {"learning_rate": learning_rate, "beta1": beta1, "beta2": beta2,
                       "epsilon": epsilon}

    def _beta_powers(self):
        return self._non_slot("beta1_power", self._hyper["beta1"]), \
            self._non_slot("beta2_power", self._hyper["beta2"])

    def _create_slots(self, var_list):
        self._beta_powers()
        for v in var_list:
            self._zeros_slot(v, "m")
            self._zeros_slot(v, "v")

    def _apply_dense(self, grad, var):
        beta1_power, beta2_power = self._beta_powers()
        return training_ops.apply_adam(
            var, self.get_slot(var, "m"), self.get_slot(var, "v"),
            arithmetic_ops.cast(beta1_power, var.dtype), arithmetic_ops.cast(beta2_power, var.dtype),
            self._get("learning_rate", var), self._get("beta1", var), self._get("beta2", var),
            self._get("epsilon", var), grad)

    def _finish(self, updates, name):
        beta1_power, beta2_power = self._beta_powers()
        with control_flow_ops.control_dependencies(updates):
            powers = [beta1_power.assign(beta1_power * self._tensors["beta1"], read_value=False),
                      beta2_power.assign(beta2_power * self._tensors["beta2"], read_value=False)]
        return control_flow_ops.group(*updates, *powers, name=name)


class RMSPropOptimizer(Optimizer):
    """RMSProp: `ms` is a moving average (weight `decay`) of the squared gradient, starting at
    ones; `mom = momentum * mom + lr * grad / sqrt(ms + epsilon)`; `var -= mom`. With `centered`,
    the moving average `mg` of the gradient is also kept and `ms - mg**2` replaces `ms`.
    Slots: "rms", "momentum" (and "mg").
    """

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
                 centered=False, name="RMSProp"):
        super().__init__(use_locking, name)
        self._hyper = {"learning_rate": learning_rate, "decay": decay, "momentum": momentum,
                       "epsilon": epsilon}
        self._centered = centered

    def _create_slots(self, var_list):
        for v in var_list:
            self._slot(v, "rms", lambda: fill_ops.ones(v.shape, v.dtype))
            if self._centered:
                self._zeros_slot(v, "mg")
            self._zeros_slot(v, "momentum")

    def _apply_dense(self, grad, var):
        slots = [self.get_slot(var, "rms"), self.get_slot(var, "momentum")]
        args = [self._get(k, var) for k in ("learning_rate", "decay", "momentum", "epsilon")]
        if self._centered:
            return training_ops.apply_centered_rms_prop(var, self.get_slot(var, "mg"), *slots,
                                                        *args, grad)
        return training_ops.apply_rms_prop(var, *slots, *args, grad)


class AdagradOptimizer(Optimizer):
    """Adagrad: `accum += grad**2; var -= lr * grad / sqrt(accum)`, the accumulator starting at
    `initial_accumulator_value`. Slot: "accumulator".

    Raises:
      ValueError: if `initial_accumulator_value` is not positive.
    """

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False,
                 name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._hyper = {"learning_rate": learning_rate}
        self._initial = initial_accumulator_value

    def _create_slots(self, var_list):
        for v in var_list:
            self._slot(v, "accumulator",
                       lambda: array_ops.constant(self._initial, v.dtype, shape=v.shape))

    def _apply_dense(self, grad, var):
        return training_ops.apply_adagrad_v2(var, self.get_slot(var, "accumulator"),
                                             self._get("learning_rate", var),
                                             fill_ops.zeros([], var.dtype), grad)


def get_global_step(graph=None):
    """The global step variable of `graph` (default: the default graph), or None."""
    steps = (graph or get_default_graph()).get_collection(GraphKeys.GLOBAL_STEP)
    return steps[0] if steps else None


def get_or_create_global_step(graph=None):
    """The graph's global step: an int64 counter named "global_step", made on first use."""
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    if step is not None:
        return step
    if executing_eagerly():
        step = Variable(0, trainable=False, name="global_step", dtype=dtypes.int64)
        graph.add_to_collection(GraphKeys.GLOBAL_STEP, step)
        return step
    with graph.as_default():
        return Variable(0, trainable=False, name="global_step", dtype=dtypes.int64,
                        collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP])

"""The TensorFlow 1.x optimizers (`compat.v1.train.*Optimizer`): they add update ops to a graph.

`minimize(loss)` = `compute_gradients` (symbolic `gradients`) + `apply_gradients`, which adds
one update op per variable (the same stateful op the v2 optimizers run eagerly) and groups them
into the train op, named after the optimizer.
"""
import warnings

from ..autodiff.gradients import gradients
from ..framework import dtypes
from ..framework.context import executing_eagerly, get_default_graph
from ..framework.graph import GraphKeys
from ..ops import control_flow_ops, math_ops, training_ops
from ..ops.registry import convert_to_tensor
from ..variables import Variable, trainable_variables


class Optimizer:
    """Base class of the v1 optimizers; a subclass gives `_apply_dense(grad, var, lr)`."""

    def __init__(self, learning_rate, use_locking=False, name="Optimizer"):
        self._learning_rate = learning_rate
        self._name = name

    def get_name(self):
        return self._name

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
        """An op that applies the gradients (and increments `global_step`, if given).

        Raises:
          ValueError: if no variable has a gradient.
        """
        grads_and_vars = list(grads_and_vars)
        usable = _with_gradients(grads_and_vars, None)
        g = get_default_graph()
        with g.name_scope(name or self._name) as scope:
            lr = convert_to_tensor(self._learning_rate, name="learning_rate")
            updates = []
            for grad, var in usable:
                with g.name_scope("update_" + var.op.name):
                    updates.append(self._apply_dense(grad, var, math_ops.cast(lr, var.dtype)))
            if global_step is None:
                return control_flow_ops.group(*updates, name=scope)
            with control_flow_ops.control_dependencies(updates):
                return global_step.assign_add(1, name=scope, read_value=False)

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None,
                 grad_loss=None):
        """The train op: one step of this optimizer on `loss`.

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
        _with_gradients(grads_and_vars, loss)
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)


def _with_gradients(grads_and_vars, loss):
    """The pairs that have a gradient; warns about the others, raises if there are none."""
    usable = [(g, v) for g, v in grads_and_vars if g is not None]
    if not usable:
        raise ValueError("No gradients provided for any variable, check your graph for ops that "
                         "do not support gradients, between variables %s and loss %s."
                         % ([v.name for _, v in grads_and_vars], loss))
    for g, v in grads_and_vars:
        if g is None and loss is None:
            warnings.warn("Gradients do not exist for variable %s: it is skipped." % v.name,
                          stacklevel=3)
    return usable


class GradientDescentOptimizer(Optimizer):
    """Plain gradient descent: `var -= learning_rate * grad`."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(learning_rate, use_locking, name)

    def _apply_dense(self, grad, var, lr):
        return training_ops.apply_gradient_descent(var, lr, grad)


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

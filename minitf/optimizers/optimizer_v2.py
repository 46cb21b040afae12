"""The TensorFlow 2.x optimizers (`minitf.optimizers.*`, also `minitf.keras.optimizers.*`).

They run the same update ops as the v1 optimizers, eagerly (or inside a traced function):
`apply_gradients(zip(grads, vars))` applies one step and counts it in `iterations`.
"""
import warnings

from ..autodiff.tape import GradientTape
from ..framework import dtypes
from ..ops import math_ops, training_ops
from ..ops.registry import convert_to_tensor
from ..variables import Variable


class Optimizer:
    """Base class of the v2 optimizers; a subclass gives `_update_step(grad, var, lr)`."""

    def __init__(self, learning_rate, name):
        self._learning_rate = learning_rate
        self.name = name
        self._iterations = None

    @property
    def iterations(self):
        """The number of steps applied so far (an int64 variable)."""
        if self._iterations is None:
            self._iterations = Variable(0, trainable=False, dtype=dtypes.int64,
                                        name="iteration")
        return self._iterations

    @property
    def learning_rate(self):
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        self._learning_rate = value

    def apply_gradients(self, grads_and_vars, name=None):
        """Applies one step: each (gradient, variable) pair updates its variable.

        Pairs with a None gradient are skipped with a warning.

        Raises:
          ValueError: if no pair has a gradient.
        """
        pairs = list(grads_and_vars)
        usable = [(g, v) for g, v in pairs if g is not None]
        for g, v in pairs:
            if g is None:
                warnings.warn("Gradients do not exist for variable %s when minimizing the loss: "
                              "it is skipped." % v.name, stacklevel=2)
        if not usable:
            raise ValueError("No gradients provided for any variable: %s."
                             % ([v.name for _, v in pairs],))
        lr = convert_to_tensor(self._learning_rate)
        for g, v in usable:
            self._update_step(convert_to_tensor(g, dtype=v.dtype), v, math_ops.cast(lr, v.dtype))
        return self.iterations.assign_add(1)

    def minimize(self, loss, var_list, tape=None):
        """Computes the gradients of `loss` (a callable returning the loss) for `var_list` with
        a GradientTape and applies them.

        >>> w = minitf.Variable(1.0)
        >>> _ = minitf.optimizers.SGD(0.25).minimize(lambda: w * w, [w])
        >>> w.numpy()
        np.float32(0.5)
        """
        var_list = list(var_list)
        with GradientTape() as tape:
            value = loss() if callable(loss) else loss
        grads = tape.gradient(value, var_list)
        return self.apply_gradients(zip(grads, var_list))


class SGD(Optimizer):
    """Stochastic gradient descent: `var -= learning_rate * grad`."""

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, name="SGD"):
        if momentum:
            raise NotImplementedError("SGD with momentum is not implemented yet.")
        super().__init__(learning_rate, name)
        self.momentum = momentum
        self.nesterov = nesterov

    def _update_step(self, grad, var, lr):
        training_ops.apply_gradient_descent(var, lr, grad)

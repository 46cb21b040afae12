"""Minimizing a loss with `scipy.optimize.minimize` (L-BFGS-B by default) and minitf's gradients.

scipy sees one float64 vector: the variables, flattened and concatenated. Each evaluation sets
the variables from it, computes the loss and its gradient (in a Session for the v1
`ScipyOptimizerInterface`, under a GradientTape for `scipy_minimize`) and hands both back packed
the same way; at the end the variables hold scipy's solution.
"""
import numpy as np

from ..autodiff.gradients import gradients
from ..autodiff.tape import GradientTape
from ..framework.context import get_default_session
from ..ops import array_ops, control_flow_ops
from ..variables import trainable_variables


def _pack(arrays):
    return np.concatenate([np.ravel(a).astype(np.float64) for a in arrays])


def _unpack(x, var_list):
    out, start = [], 0
    for v in var_list:
        size = int(np.prod(v.shape.as_list()))
        out.append(x[start:start + size].reshape(v.shape.as_list()).astype(v.dtype.np))
        start += size
    return out


def _minimize(fun_and_grad, x0, method, **kwargs):
    import scipy.optimize
    return scipy.optimize.minimize(fun_and_grad, x0, method=method, jac=True, **kwargs)


class ScipyOptimizerInterface:
    """(TensorFlow 1.x, `compat.v1.contrib.opt`) minimizes `loss` over `var_list` (default: all
    trainable variables) with `scipy.optimize.minimize`, running the graph in a Session.

    Args:
      loss: the scalar loss tensor.
      var_list: the variables to optimize; their shapes must be fully defined.
      **optimizer_kwargs: passed to `scipy.optimize.minimize`: `method` (default "L-BFGS-B"),
        `options`, `tol`, ...

    >>> with minitf.Graph().as_default():
    ...     w = minitf.Variable([0.0, 0.0])
    ...     loss = minitf.reduce_sum(minitf.square(w - [1.0, -2.0]))
    ...     opt = minitf.compat.v1.contrib.opt.ScipyOptimizerInterface(loss)
    ...     with minitf.compat.v1.Session() as sess:
    ...         sess.run(minitf.compat.v1.global_variables_initializer())
    ...         opt.minimize(sess)
    ...         print(sess.run(w).round(4))
    [ 1. -2.]
    """

    def __init__(self, loss, var_list=None, **optimizer_kwargs):
        self._loss = loss
        self._vars = list(trainable_variables() if var_list is None else var_list)
        if not self._vars:
            raise ValueError("No variables to optimize.")
        self._grads = gradients(loss, self._vars, unconnected_gradients="zero")
        self._kwargs = dict(optimizer_kwargs)
        self._method = self._kwargs.pop("method", "L-BFGS-B")
        self._placeholders = [array_ops.placeholder(v.dtype, v.shape) for v in self._vars]
        self._set = control_flow_ops.group(*[v.assign(p, read_value=False)
                                             for v, p in zip(self._vars, self._placeholders)])

    def minimize(self, session=None, feed_dict=None, fetches=None, step_callback=None,
                 loss_callback=None):
        """Runs the optimization in `session` (default: the default session), feeding
        `feed_dict` to every evaluation; leaves the solution in the variables.

        Args:
          fetches: tensors passed, evaluated, to `loss_callback` after each evaluation.
          step_callback: called with the packed variable vector after each iteration.
        """
        session = session or get_default_session()
        fetches = list(fetches or [])

        def assign(x):
            session.run(self._set, dict(zip(self._placeholders, _unpack(x, self._vars))))

        def fun_and_grad(x):
            assign(x)
            loss, grads, *extra = session.run([self._loss, self._grads] + fetches, feed_dict)
            if loss_callback is not None:
                loss_callback(*extra)
            return float(loss), _pack(grads)

        x0 = _pack(session.run(self._vars))
        result = _minimize(fun_and_grad, x0, self._method, callback=step_callback,
                           **self._kwargs)
        assign(result.x)


def scipy_minimize(loss_fn, var_list, method="L-BFGS-B", **kwargs):
    """Minimizes `loss_fn()` (a callable returning a scalar tensor) over the eager variables
    `var_list` with `scipy.optimize.minimize`, gradients from a GradientTape.

    Args:
      method: the scipy method; it must use gradients (L-BFGS-B, BFGS, CG, ...).
      **kwargs: passed to `scipy.optimize.minimize` (`options`, `tol`, `callback`, ...).

    Returns:
      scipy's `OptimizeResult`; the variables hold its solution `x`.

    >>> w = minitf.Variable([0.0, 0.0])
    >>> result = minitf.optimizers.scipy_minimize(
    ...     lambda: minitf.reduce_sum(minitf.square(w - [1.0, -2.0])), [w])
    >>> bool(result.success), w.numpy().round(4)
    (True, array([ 1., -2.], dtype=float32))
    """
    var_list = list(var_list)

    def assign(x):
        for v, value in zip(var_list, _unpack(x, var_list)):
            v.assign(value)

    def fun_and_grad(x):
        assign(x)
        with GradientTape() as tape:
            tape.watch(var_list)
            loss = loss_fn()
        grads = tape.gradient(loss, var_list, unconnected_gradients="zero")
        return float(loss), _pack([g.numpy() for g in grads])

    result = _minimize(fun_and_grad, _pack([v.numpy() for v in var_list]), method, **kwargs)
    assign(result.x)
    return result

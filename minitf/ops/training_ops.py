"""Optimizer update rules, each one stateful op that replaces the values of a variable and its
slots (the optimizer's per-variable state), computed in the variable's dtype.

The v1 optimizers (`compat.v1.train`) add these ops to a graph; the v2 optimizers
(`minitf.optimizers`) run them eagerly or in a traced function. Both fronts share an op wherever
TensorFlow's two formulas agree. The differences, all here in one place:

* gradient descent: one op, `ResourceApplyGradientDescent`.
* momentum: v1 `ResourceApplyMomentum` (a = m*a + g; var -= lr*a), v2
  `ResourceApplyKerasMomentum` (a = m*a - lr*g; var += a): the same path while lr is constant.
* Adam: one op, `ResourceApplyAdam` (amsgrad, v2 only: `ResourceApplyAdamWithAmsgrad`). v1 keeps
  beta1**t and beta2**t in variables multiplied by beta each step, v2 computes the powers from
  `iterations`; epsilon defaults to 1e-8 in v1, 1e-7 in v2.
* RMSProp: v1 `ResourceApplyRMSProp` / `ResourceApplyCenteredRMSProp`, the mean square starting
  at ones; v2 `ResourceApplyKerasRMSProp`, starting at zeros (tf.keras 2). Both put epsilon
  inside the square root.
* Adagrad: v1 `ResourceApplyAdagradV2` with epsilon 0 (TensorFlow's op adds epsilon after the
  square root); v2 `ResourceApplyKerasAdagrad`, epsilon inside the square root (tf.keras 2, as
  for RMSProp). The two differ only where the accumulated squares are as small as epsilon.

Keras 3 (shipped with TensorFlow 2.16+) takes Adam's 1 - beta in double precision but beta**t in
float32, so its bias correction is off by about 1e-5 relative; minitf's Adam is TensorFlow's
`ResourceApplyAdam`, computed in the variable's dtype throughout.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.resource import exclusive
from .kernels import quiet
from .registry import execute, register


def _no_outputs(inputs, **_):
    return []


def _read(ref, grad):
    """The value of the variable behind `ref`, checked against the shape of its gradient."""
    var = ref.read()
    if var.shape != grad.shape:
        raise InvalidArgumentError(None, None, "var and grad do not have the same shape%s %s"
                                   % (list(var.shape), list(grad.shape)))
    return var


def _update(pairs):
    """Assigns all new values at once, after every one of them has been computed."""
    for ref, value in pairs:
        ref.assign(np.asarray(value))


def _register(op_type, inputs, kernel):
    register(op_type, inputs, exclusive(quiet(kernel)), _no_outputs, None,
             types={"T": dtypes.FLOATS}, writes=True)


def _apply(op_type, variables, tensors, attrs=None, name=None):
    return execute(op_type, [v.handle for v in variables] + list(tensors), attrs,
                   name=name or op_type)


# -- gradient descent ---------------------------------------------------------------------------
def _apply_gradient_descent(ref, alpha, delta):
    _update([(ref, _read(ref, delta) - alpha * delta)])


_register("ResourceApplyGradientDescent", "var: resource, alpha: T, delta: T",
          _apply_gradient_descent)


def apply_gradient_descent(var, alpha, delta, name=None):
    """var -= alpha * delta."""
    return _apply("ResourceApplyGradientDescent", [var], [alpha, delta], name=name)


# -- momentum -----------------------------------------------------------------------------------
def _apply_momentum(var_ref, accum_ref, lr, grad, momentum, use_nesterov):
    var = _read(var_ref, grad)
    accum = accum_ref.read() * momentum + grad
    step = grad * lr + accum * momentum * lr if use_nesterov else accum * lr
    _update([(accum_ref, accum), (var_ref, var - step)])


def _apply_keras_momentum(var_ref, accum_ref, lr, grad, momentum, use_nesterov):
    var = _read(var_ref, grad)
    accum = accum_ref.read() * momentum - grad * lr
    step = accum * momentum - grad * lr if use_nesterov else accum
    _update([(accum_ref, accum), (var_ref, var + step)])


_MOMENTUM = "var: resource, accum: resource, lr: T, grad: T, momentum: T"
_register("ResourceApplyMomentum", _MOMENTUM, _apply_momentum)
_register("ResourceApplyKerasMomentum", _MOMENTUM, _apply_keras_momentum)


def apply_momentum(var, accum, lr, grad, momentum, use_nesterov=False, name=None):
    """accum = accum * momentum + grad; var -= lr * accum (Nesterov: lr * (grad + momentum *
    accum))."""
    return _apply("ResourceApplyMomentum", [var, accum], [lr, grad, momentum],
                  {"use_nesterov": use_nesterov}, name)


def apply_keras_momentum(var, accum, lr, grad, momentum, use_nesterov=False, name=None):
    """accum = accum * momentum - lr * grad; var += accum (Nesterov: momentum * accum - lr *
    grad)."""
    return _apply("ResourceApplyKerasMomentum", [var, accum], [lr, grad, momentum],
                  {"use_nesterov": use_nesterov}, name)


# -- Adam ---------------------------------------------------------------------------------------
def _adam_moments(m_ref, v_ref, beta1_power, beta2_power, lr, beta1, beta2, grad):
    """alpha, m + (grad - m) * (1 - beta1) and v + (grad**2 - v) * (1 - beta2), each formula
    worked in place on one fresh array (the same operations, so the same numbers)."""
    alpha = lr * np.sqrt(1 - beta2_power) / (1 - beta1_power)
    m, v = m_ref.read(), v_ref.read()
    new_m = np.subtract(grad, m)
    new_m *= 1 - beta1
    new_m += m
    new_v = np.square(grad)
    new_v -= v
    new_v *= 1 - beta2
    new_v += v
    return alpha, new_m, new_v


def _adam_step(var, m, alpha, root, epsilon):
    """var - m * alpha / (root + epsilon), with as few fresh arrays as the formula allows."""
    step = np.multiply(m, alpha)
    root += epsilon
    step /= root
    if type(step) is not np.ndarray:  # 0-d values come back as numpy scalars
        return var - step
    return np.subtract(var, step, out=step)


def _apply_adam(var_ref, m_ref, v_ref, beta1_power, beta2_power, lr, beta1, beta2, epsilon,
                grad):
    var = _read(var_ref, grad)
    alpha, m, v = _adam_moments(m_ref, v_ref, beta1_power, beta2_power, lr, beta1, beta2, grad)
    _update([(m_ref, m), (v_ref, v), (var_ref, _adam_step(var, m, alpha, np.sqrt(v), epsilon))])


def _apply_adam_with_amsgrad(var_ref, m_ref, v_ref, vhat_ref, beta1_power, beta2_power, lr,
                             beta1, beta2, epsilon, grad):
    var = _read(var_ref, grad)
    alpha, m, v = _adam_moments(m_ref, v_ref, beta1_power, beta2_power, lr, beta1, beta2, grad)
    vhat = np.maximum(vhat_ref.read(), v)
    _update([(m_ref, m), (v_ref, v), (vhat_ref, vhat),
             (var_ref, _adam_step(var, m, alpha, np.sqrt(vhat), epsilon))])


_ADAM = "beta1_power: T, beta2_power: T, lr: T, beta1: T, beta2: T, epsilon: T, grad: T"
_register("ResourceApplyAdam", "var: resource, m: resource, v: resource, " + _ADAM, _apply_adam)
_register("ResourceApplyAdamWithAmsgrad",
          "var: resource, m: resource, v: resource, vhat: resource, " + _ADAM,
          _apply_adam_with_amsgrad)


def apply_adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad, name=None):
    """m += (grad - m) * (1 - beta1); v += (grad**2 - v) * (1 - beta2);
    var -= lr * sqrt(1 - beta2_power) / (1 - beta1_power) * m / (sqrt(v) + epsilon)."""
    return _apply("ResourceApplyAdam", [var, m, v],
                  [beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad], name=name)


def apply_adam_with_amsgrad(var, m, v, vhat, beta1_power, beta2_power, lr, beta1, beta2, epsilon,
                            grad, name=None):
    """Adam that divides by the running maximum `vhat` of `v` instead of by `v`."""
    return _apply("ResourceApplyAdamWithAmsgrad", [var, m, v, vhat],
                  [beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad], name=name)


# -- RMSProp ------------------------------------------------------------------------------------
def _apply_rms_prop(var_ref, ms_ref, mom_ref, lr, rho, momentum, epsilon, grad):
    """ms + (grad**2 - ms) * (1 - rho), mom * momentum + grad * lr / sqrt(ms + epsilon) and
    var - mom, each formula worked in place on fresh arrays (the same operations, so the
    same numbers; `+=` on a 0-d value makes a new scalar)."""
    var = _read(var_ref, grad)
    ms = ms_ref.read()
    new_ms = np.square(grad)
    new_ms -= ms
    new_ms *= 1 - rho
    new_ms += ms
    step = np.multiply(grad, lr)
    root = np.add(new_ms, epsilon)
    step /= np.sqrt(root, out=root) if type(root) is np.ndarray else np.sqrt(root)
    mom = np.multiply(mom_ref.read(), momentum)
    mom += step
    new_var = np.subtract(var, mom, out=step) if type(step) is np.ndarray else var - mom
    _update([(ms_ref, new_ms), (mom_ref, mom), (var_ref, new_var)])


def _apply_centered_rms_prop(var_ref, mg_ref, ms_ref, mom_ref, lr, rho, momentum, epsilon, grad):
    var = _read(var_ref, grad)
    ms, mg = ms_ref.read(), mg_ref.read()
    ms = ms + (np.square(grad) - ms) * (1 - rho)
    mg = mg + (grad - mg) * (1 - rho)
    mom = mom_ref.read() * momentum + grad * lr / np.sqrt(ms - np.square(mg) + epsilon)
    _update([(ms_ref, ms), (mg_ref, mg), (mom_ref, mom), (var_ref, var - mom)])


def _apply_keras_rms_prop(var_ref, *args, centered):
    """`args`: the slots [ms, mg if centered, mom if momentum is used], lr, rho, momentum,
    epsilon, grad."""
    *slots, lr, rho, momentum, epsilon, grad = args
    var = _read(var_ref, grad)
    ms = rho * slots[0].read() + (1 - rho) * np.square(grad)
    updates = [(slots[0], ms)]
    if centered:
        mg = rho * slots[1].read() + (1 - rho) * grad
        updates.append((slots[1], mg))
        ms = ms - np.square(mg)
    step = lr * grad / np.sqrt(ms + epsilon)
    if len(slots) > 1 + centered:
        step = momentum * slots[-1].read() + step
        updates.append((slots[-1], step))
    _update(updates + [(var_ref, var - step)])


_RMS = "lr: T, rho: T, momentum: T, epsilon: T, grad: T"
_register("ResourceApplyRMSProp", "var: resource, ms: resource, mom: resource, " + _RMS,
          _apply_rms_prop)
_register("ResourceApplyCenteredRMSProp",
          "var: resource, mg: resource, ms: resource, mom: resource, " + _RMS,
          _apply_centered_rms_prop)
_register("ResourceApplyKerasRMSProp", "var: resource, slots: N*resource, " + _RMS,
          _apply_keras_rms_prop)


def apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, name=None):
    """ms += (grad**2 - ms) * (1 - rho); mom = mom * momentum + lr * grad / sqrt(ms + epsilon);
    var -= mom."""
    return _apply("ResourceApplyRMSProp", [var, ms, mom], [lr, rho, momentum, epsilon, grad],
                  name=name)


def apply_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, name=None):
    """RMSProp that also tracks the mean gradient `mg` and divides by
    sqrt(ms - mg**2 + epsilon)."""
    return _apply("ResourceApplyCenteredRMSProp", [var, mg, ms, mom],
                  [lr, rho, momentum, epsilon, grad], name=name)


def apply_keras_rms_prop(var, ms, mg, mom, lr, rho, momentum, epsilon, grad, name=None):
    """ms = rho * ms + (1 - rho) * grad**2 (centered, with `mg`: minus the squared mean
    gradient); step = lr * grad / sqrt(ms + epsilon), accumulated in `mom` when given;
    var -= step. `mg` and `mom` may be None."""
    slots = [s for s in (ms, mg, mom) if s is not None]
    return execute("ResourceApplyKerasRMSProp",
                   [var.handle, [s.handle for s in slots], lr, rho, momentum, epsilon, grad],
                   {"centered": mg is not None}, name=name or "ResourceApplyKerasRMSProp")


# -- Adagrad ------------------------------------------------------------------------------------
def _apply_adagrad_v2(var_ref, accum_ref, lr, epsilon, grad):
    var = _read(var_ref, grad)
    accum = accum_ref.read() + np.square(grad)
    _update([(accum_ref, accum), (var_ref, var - grad * lr / (np.sqrt(accum) + epsilon))])


_register("ResourceApplyAdagradV2", "var: resource, accum: resource, lr: T, epsilon: T, grad: T",
          _apply_adagrad_v2)


def apply_adagrad_v2(var, accum, lr, epsilon, grad, name=None):
    """accum += grad**2; var -= lr * grad / (sqrt(accum) + epsilon)."""
    return _apply("ResourceApplyAdagradV2", [var, accum], [lr, epsilon, grad], name=name)


def _apply_keras_adagrad(var_ref, accum_ref, lr, epsilon, grad):
    var = _read(var_ref, grad)
    accum = accum_ref.read() + np.square(grad)
    _update([(accum_ref, accum), (var_ref, var - grad * lr / np.sqrt(accum + epsilon))])


_register("ResourceApplyKerasAdagrad",
          "var: resource, accum: resource, lr: T, epsilon: T, grad: T", _apply_keras_adagrad)


def apply_keras_adagrad(var, accum, lr, epsilon, grad, name=None):
    """accum += grad**2; var -= lr * grad / sqrt(accum + epsilon) (tf.keras 2)."""
    return _apply("ResourceApplyKerasAdagrad", [var, accum], [lr, epsilon, grad], name=name)

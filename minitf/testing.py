"""Numerical gradient checks for users' own tests (public as `minitf.test`), and the device
questions tests ask (`is_gpu_available`: no).

`compute_gradient(f, x)` returns, like TensorFlow's, the Jacobians that minitf's autodiff gives
(theoretical) and those of central differences (numerical). It works in the current mode: with
a GradientTape when executing eagerly, with `gradients` and a Session in a fresh graph otherwise.
"""
import numpy as np

from .autodiff.gradients import gradients
from .autodiff.tape import GradientTape
from .framework.context import executing_eagerly
from .framework.conversion import as_array
from .framework.graph import Graph
from .ops import array_ops
from .ops.registry import convert_to_tensor
from .session import Session


def compute_gradient(f, x, delta=None):
    """The theoretical and numerical Jacobians of `f` at `x`.

    Args:
      f: a function of tensors returning one tensor.
      x: a list or tuple with the arguments of `f` (values convertible to tensors).
      delta: the step of the central differences (default 1/1024, exact in binary).

    Returns:
      A pair (theoretical, numerical) of tuples with one 2-D array per argument; each has one
      row per element of f(x) and one column per element of the argument.

    Raises:
      ValueError: if `x` is not a list or tuple.

    >>> minitf.test.compute_gradient(lambda x: x * x, [3.0])
    ((array([[6.]], dtype=float32),), (array([[6.]], dtype=float32),))
    """
    if not isinstance(x, (list, tuple)):
        raise ValueError("`x` must be a list or tuple of values convertible to a Tensor "
                         "(arguments to `f`), not a %s" % type(x))
    delta = 1.0 / 1024 if delta is None else delta
    xs = [_as_numpy(v) for v in x]
    value, jacobian_rows = _eager(f, xs) if executing_eagerly() else _graph(f, xs)
    y = value(xs)
    theoretical = []
    for i, xi in enumerate(xs):
        jac = np.zeros((y.size, xi.size), dtype=xi.dtype)
        for j, row in enumerate(jacobian_rows(y, i)):
            if row is not None:
                jac[j] = np.reshape(row, -1)
        theoretical.append(jac)
    numerical = [_numerical(value, xs, i, y.size, delta) for i in range(len(xs))]
    return tuple(theoretical), tuple(numerical)


def check_gradients(f, xs, delta=None):
    """The largest absolute difference between the theoretical and numerical Jacobians of `f`
    at `xs`; use float64 inputs for tight tolerances.

    >>> err = minitf.test.check_gradients(minitf.exp, [np.array([0.5, 1.0])])
    >>> bool(err < 1e-5)
    True
    """
    theoretical, numerical = compute_gradient(f, list(xs), delta)
    return max((float(np.max(np.abs(t - n), initial=0.0))
                for t, n in zip(theoretical, numerical)), default=0.0)


def _as_numpy(v):
    if hasattr(v, "numpy"):
        return np.array(v.numpy())
    return as_array(v)


def _numerical(value, xs, i, y_size, delta):
    xi = xs[i]
    jac = np.zeros((y_size, xi.size), dtype=xi.dtype)
    for k in range(xi.size):
        plus, minus = xi.copy(), xi.copy()
        plus.reshape(-1)[k] += delta
        minus.reshape(-1)[k] -= delta
        args_p = xs[:i] + [plus] + xs[i + 1:]
        args_m = xs[:i] + [minus] + xs[i + 1:]
        jac[:, k] = np.reshape((value(args_p) - value(args_m)) / (2 * delta), -1)
    return jac


def _one_hot_rows(y):
    for j in range(y.size):
        seed = np.zeros(y.size, y.dtype)
        seed[j] = 1
        yield seed.reshape(y.shape)


def _eager(f, xs):
    def value(args):
        return np.asarray(f(*[convert_to_tensor(a) for a in args]))

    def jacobian_rows(y, i):
        args = [convert_to_tensor(a) for a in xs]
        with GradientTape(persistent=True) as tape:
            tape.watch(args[i])
            out = f(*args)
        for seed in _one_hot_rows(y):
            g = tape.gradient(out, args[i], output_gradients=seed)
            yield None if g is None else g.numpy()

    return value, jacobian_rows


def _graph(f, xs):
    graph = Graph()
    with graph.as_default():
        args = [array_ops.placeholder(a.dtype, a.shape) for a in xs]
        out = convert_to_tensor(f(*args))
        seed = array_ops.placeholder(out.dtype, out.shape)
        grads = gradients(out, args, grad_ys=[seed])
    sess = Session(graph=graph)

    def value(values):
        return np.asarray(sess.run(out, dict(zip(args, values))))

    def jacobian_rows(y, i):
        feed = dict(zip(args, xs))
        for s in _one_hot_rows(y):
            feed[seed] = s
            yield None if grads[i] is None else sess.run(grads[i], feed)

    return value, jacobian_rows


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
    """False: minitf computes on the CPU only (use `config.list_physical_devices("GPU")`)."""
    return False


def is_built_with_cuda():
    """False: minitf is numpy, without CUDA."""
    return False


def gpu_device_name():
    """The name of a GPU device: "" as there is none."""
    return ""

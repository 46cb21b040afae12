"""`gradients(ys, xs)`: symbolic gradients added to a graph (TensorFlow 1.x style)."""
from .. import nest
from ..framework.context import executing_eagerly
from ..framework.graph import get_default_graph
from ..ops import fill_ops
from ..ops.registry import convert_to_tensor
from .backprop import backprop
from .tape import UnconnectedGradients, graph_gradient_scope


def gradients(ys, xs, grad_ys=None, name="gradients", gate_gradients=False,
              aggregation_method=None, stop_gradients=None,
              unconnected_gradients=UnconnectedGradients.NONE):
    """Adds ops computing d(sum(ys))/dx for each x in `xs` (tensors or variables).

    Args:
      ys: a tensor or list of tensors to differentiate.
      xs: a tensor, variable or list of them.
      grad_ys: gradients flowing into each of `ys` (default: ones).
      name: the name scope of the gradient ops.
      stop_gradients: tensors held constant: no gradient passes through them.
      unconnected_gradients: "none" (None for an x that no y depends on) or "zero".

    Returns:
      A list with one gradient tensor (or None) per x.

    Raises:
      RuntimeError: when executing eagerly (use GradientTape).

    >>> with minitf.Graph().as_default():
    ...     x = minitf.constant(3.0)
    ...     dx, = minitf.gradients(x * x, x)
    ...     print(minitf.compat.v1.Session().run(dx))
    6.0
    """
    if executing_eagerly():
        raise RuntimeError("tf.gradients is not supported when eager execution is enabled. Use "
                           "tf.GradientTape instead.")
    zero = UnconnectedGradients(unconnected_gradients) is UnconnectedGradients.ZERO
    ys = [convert_to_tensor(y) for y in nest.flatten(ys)]
    xs = nest.flatten(xs)
    nodes = get_default_graph().get_operations()
    grad_ys = [None] * len(ys) if grad_ys is None else nest.flatten(grad_ys)
    with graph_gradient_scope(name, "_grad") as scope:
        seeds = [fill_ops.ones_like(y, name="grad_ys_%d" % i) if g is None
                 else convert_to_tensor(g, dtype=y.dtype) for i, (y, g) in enumerate(zip(ys, grad_ys))]
        return backprop(nodes, ys, [x._current_handle() if hasattr(x, "handle") else x
                                    for x in xs], seeds,
                        xs if zero else None, scope, nest.flatten(stop_gradients or []))

"""Clipping: `clip_by_value`, `clip_by_norm` and `clip_by_global_norm` (with `global_norm`),
composed from other ops so that their gradients are those TensorFlow gives (including to
tensor-valued bounds and norms)."""
import numpy as np

from .arithmetic_ops import cast, maximum, minimum
from .array_ops import identity
from .comparison_ops import where
from .fill_ops import ones_like
from .join_ops import stack
from .math_ops import sqrt
from .reduction_ops import reduce_sum
from .registry import convert_to_tensor, scope


def _same_shape(values, result):
    """Clipping must not broadcast `values` to a larger shape."""
    if not values.shape.is_compatible_with(result.shape):
        raise ValueError("Shapes %s and %s are incompatible" % (values.shape, result.shape))


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """`t` with each element limited to [clip_value_min, clip_value_max]: `maximum(minimum(t,
    max), min)`. The gradient passes to `t` where it is inside the bounds or on one, and to
    a tensor bound where `t` is strictly beyond it.

    Raises:
      ValueError: if the bounds would broadcast `t` to a larger shape.

    >>> minitf.clip_by_value(minitf.constant([-2., 0.5, 3.]), -1., 1.)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([-1. ,  0.5,  1. ], dtype=float32)>
    """
    with scope(name or "clip_by_value") as s:
        values = convert_to_tensor(t, name="t")
        t_min = minimum(values, clip_value_max)
        _same_shape(values, t_min)
        t_max = maximum(t_min, clip_value_min, name=s)
        _same_shape(values, t_max)
        return t_max


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """`t` scaled down so that its L2 norm (over `axes`, all by default) is at most
    `clip_norm`: `t * clip_norm / maximum(norm(t), clip_norm)`. A zero `t` stays zero with
    finite gradients; a negative `clip_norm` counts as 0 (the result is zeros).

    Raises:
      ValueError: if `clip_norm` would broadcast `t` to a larger shape.

    >>> minitf.clip_by_norm(minitf.constant([3., 4.]), 1.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>
    """
    with scope(name or "clip_by_norm") as s:
        values = convert_to_tensor(t, name="t")
        if np.isscalar(clip_norm):
            clip_norm = max(clip_norm, 0)
        else:
            clip_norm = cast(maximum(clip_norm, 0), values.dtype)
        l2sum = reduce_sum(values * values, axes, keepdims=True)
        nonzero = l2sum > 0
        # sqrt only of positive sums, so that no NaN reaches the gradient at zero
        l2norm = where(nonzero, sqrt(where(nonzero, l2sum, ones_like(l2sum))), l2sum)
        intermediate = values * clip_norm
        _same_shape(values, intermediate)
        return identity(intermediate / maximum(l2norm, clip_norm), name=s)


def global_norm(t_list, name=None):
    """The L2 norm of all the tensors of `t_list` taken together (None entries are skipped).

    >>> minitf.linalg.global_norm([minitf.constant([3.0]), minitf.constant([4.0])])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    with scope(name or "global_norm") as s:
        values = [convert_to_tensor(t) for t in t_list if t is not None]
        return sqrt(reduce_sum(stack([reduce_sum(v * v) for v in values])), name=s)


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """The tensors of `t_list` scaled by one factor so that their global norm is at most
    `clip_norm`: each times `clip_norm / maximum(global_norm, clip_norm)`. None entries stay
    None; an infinite or nan global norm makes every result nan.

    Args:
      use_norm: the global norm to use, if already computed.

    Returns:
      The clipped list and the global norm (before clipping).

    Raises:
      TypeError: if `t_list` is not a list or tuple.

    >>> t = [minitf.constant([3.0]), minitf.constant([4.0])]
    >>> clipped, norm = minitf.clip_by_global_norm(t, 1.0)
    >>> [float(c[0]) for c in clipped], float(norm)
    ([0.6000000238418579, 0.800000011920929], 5.0)
    """
    if not isinstance(t_list, (list, tuple)):
        raise TypeError("`t_list` should be a sequence of tensors. Received %s." % type(t_list))
    with scope(name or "clip_by_global_norm"):
        use_norm = global_norm(t_list) if use_norm is None else convert_to_tensor(use_norm)
        clip_norm = convert_to_tensor(clip_norm, use_norm.dtype, name="clip_norm")
        scale = clip_norm * minimum(1.0 / use_norm, 1.0 / clip_norm)
        scale = scale + (use_norm - use_norm)  # nan, not a finite scale, for an inf or nan norm
        return [None if t is None else convert_to_tensor(t) * scale for t in t_list], use_norm

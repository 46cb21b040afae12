"""Clipping: `clip_by_value` and `clip_by_norm`, composed from other ops so that their gradients
are those TensorFlow gives (including to tensor-valued bounds and norms)."""
from .array_ops import identity, ones_like, where
from .math_ops import maximum, minimum, reduce_sum, sqrt
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
    finite gradients.

    Raises:
      ValueError: if `clip_norm` would broadcast `t` to a larger shape.

    >>> minitf.clip_by_norm(minitf.constant([3., 4.]), 1.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>
    """
    with scope(name or "clip_by_norm") as s:
        values = convert_to_tensor(t, name="t")
        l2sum = reduce_sum(values * values, axes, keepdims=True)
        nonzero = l2sum > 0
        # sqrt only of positive sums, so that no NaN reaches the gradient at zero
        l2norm = where(nonzero, sqrt(where(nonzero, l2sum, ones_like(l2sum))), l2sum)
        intermediate = values * clip_norm
        _same_shape(values, intermediate)
        return identity(intermediate / maximum(l2norm, clip_norm), name=s)

"""Batch normalization as TensorFlow composes it from other ops (no op of its own):
`batch_normalization`, which applies given moments; `moments` (in nn_impl) computes them."""
from .arithmetic_ops import cast
from .math_ops import rsqrt
from .registry import convert_to_tensor, scope


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """`(x - mean) * scale / sqrt(variance + variance_epsilon) + offset`, computed as
    TensorFlow does, as `x * inv + (offset - mean * inv)` with
    `inv = scale * rsqrt(variance + variance_epsilon)`.

    Args:
      x: the input tensor.
      mean, variance: the moments to normalize with; they broadcast against `x`.
      offset: the shift (beta), or None for none.
      scale: the factor (gamma), or None for 1.
      variance_epsilon: a small float that keeps the division finite.

    Returns:
      The normalized tensor, of `x`'s shape and dtype.

    >>> y = minitf.nn.batch_normalization(minitf.constant([[1.0], [3.0]]), 2.0, 1.0, None,
    ...                                   None, 0.0)
    >>> y.numpy().ravel()
    array([-1.,  1.], dtype=float32)
    """
    with scope(name or "batchnorm"):
        x = convert_to_tensor(x, name="x")
        inv = rsqrt(variance + variance_epsilon)
        if scale is not None:
            inv *= scale
        return x * cast(inv, x.dtype) + cast(
            offset - mean * inv if offset is not None else -mean * inv, x.dtype)

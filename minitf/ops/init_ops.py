"""TensorFlow 1.x initializers (`compat.v1.zeros_initializer`, ...): objects that, called with a
shape, return a tensor of initial values for a Variable; and the shape rules they share with
the 2.x initializers (init_ops_v2.py).

A 1.x initializer fixes its dtype when it is made (float32 by default); a seeded one draws with a
stateful random op, so each call (and each graph op it makes, in each Session) continues that
op seed's sequence, as in TensorFlow 1.x.
"""
import math

from ..framework import dtypes
from ..framework.shapes import TensorShape
from . import array_ops, fill_ops, random_ops


def fans(shape):
    """(fan_in, fan_out) of a weight of `shape`: a matrix [in, out], or a convolution kernel
    [..., in, out] whose spatial dimensions multiply both."""
    dims = TensorShape(shape).as_list()
    if not dims:
        return 1, 1
    if len(dims) == 1:
        return dims[0], dims[0]
    receptive = math.prod(dims[:-2])
    return dims[-2] * receptive, dims[-1] * receptive


def glorot_limit(shape):
    """The bound `sqrt(6 / (fan_in + fan_out))` of Glorot (Xavier) uniform initialization."""
    fan_in, fan_out = fans(shape)
    return math.sqrt(6.0 / max(1, fan_in + fan_out))


def floating(dtype):
    """`dtype` as a DType, checked to be floating point (as random initializers need)."""
    dtype = dtypes.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError("Argument `dtype` is expected to be floating point. Received: %s."
                         % dtype)
    return dtype


class Zeros:
    """Initializer of zeros.

    >>> minitf.compat.v1.zeros_initializer()([2])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 0.], dtype=float32)>
    """

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return fill_ops.zeros(shape, dtype or self.dtype)


class Ones:
    """Initializer of ones.

    >>> minitf.compat.v1.ones_initializer(dtype=minitf.int32)([2])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 1], dtype=int32)>
    """

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return fill_ops.ones(shape, dtype or self.dtype)


class Constant:
    """Initializer of one value everywhere (a scalar), or of `value` reshaped to the shape.

    Raises:
      TypeError: when called with a shape whose number of elements differs from `value`'s.

    >>> minitf.compat.v1.constant_initializer([1, 2, 3, 4])([2, 2]).numpy().tolist()
    [[1.0, 2.0], [3.0, 4.0]]
    """

    def __init__(self, value=0, dtype=dtypes.float32, verify_shape=False):
        self.value = value
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return array_ops.constant(self.value, dtype or self.dtype, shape)


class RandomNormal:
    """Initializer of normal samples (TensorFlow 1.x: stddev 1 by default).

    Raises:
      ValueError: if `dtype` is not floating point.

    >>> minitf.compat.v1.random_normal_initializer(seed=1)([2, 3]).shape
    TensorShape([2, 3])
    """

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        self.mean, self.stddev, self.seed = mean, stddev, seed
        self.dtype = floating(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_normal(shape, self.mean, self.stddev,
                                        floating(dtype or self.dtype), self.seed)


class GlorotUniform:
    """Initializer of uniform samples in [-limit, limit), limit = sqrt(6 / (fan_in + fan_out)).

    >>> w = minitf.compat.v1.glorot_uniform_initializer(seed=1)([20, 30])
    >>> bool(abs(w.numpy()).max() <= (6 / 50) ** 0.5)
    True
    """

    def __init__(self, seed=None, dtype=dtypes.float32):
        self.seed = seed
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        limit = glorot_limit(shape)
        return random_ops.random_uniform(shape, -limit, limit, floating(dtype or self.dtype),
                                         self.seed)

"""TensorFlow 2.x / Keras initializers (`keras.initializers.GlorotUniform`, `zeros_initializer`,
...): called as `init(shape, dtype=None)` they return a tensor of initial values, e.g.
`Variable(init([2, 3]))` or `Variable(lambda: init([2, 3]))`.

The dtype is chosen per call (float32 by default). A seeded 2.x initializer is stateless: every
call with the same shape gives the same values (a StatelessRandom op seeded with [seed, 0]). An
unseeded one draws with the stateful random ops, so `random.set_seed` makes it reproducible.
"""
from ..framework import dtypes
from . import array_ops, fill_ops, random_ops
from .init_ops import floating, glorot_limit


class Initializer:
    """The base class: `init(shape, dtype=None)` returns a tensor of `shape`."""

    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError("Initializer subclasses implement __call__(shape, dtype).")


class Zeros(Initializer):
    """Initializer of zeros.

    >>> minitf.keras.initializers.Zeros()([2])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 0.], dtype=float32)>
    """

    def __call__(self, shape, dtype=None, **kwargs):
        return fill_ops.zeros(shape, dtype or dtypes.float32)


class Ones(Initializer):
    """Initializer of ones.

    >>> minitf.Variable(minitf.ones_initializer()([2], minitf.float64))
    <tf.Variable 'Variable:0' shape=(2,) dtype=float64, numpy=array([1., 1.])>
    """

    def __call__(self, shape, dtype=None, **kwargs):
        return fill_ops.ones(shape, dtype or dtypes.float32)


class Constant(Initializer):
    """Initializer of `value`: a scalar everywhere, or an array reshaped to the shape
    (`keras.initializers.Constant`, `constant_initializer`).

    Raises:
      TypeError: when called with a shape whose number of elements differs from `value`'s.

    >>> minitf.keras.initializers.Constant(0.5)([2])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 0.5], dtype=float32)>
    """

    def __init__(self, value=0):
        self.value = value

    def __call__(self, shape, dtype=None, **kwargs):
        return array_ops.constant(self.value, dtype or dtypes.float32, shape)

    def get_config(self):
        return {"value": self.value}


class RandomNormal(Initializer):
    """Initializer of normal samples (stddev 0.05 by default).

    Raises:
      ValueError: if called with a dtype that is not floating point.

    >>> init = minitf.keras.initializers.RandomNormal(seed=1)
    >>> bool((init([3]).numpy() == init([3]).numpy()).all())
    True
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = floating(dtype or dtypes.float32)
        if self.seed is None:
            return random_ops.random_normal(shape, self.mean, self.stddev, dtype)
        draw = random_ops.stateless("StatelessRandomNormal", shape, [self.seed, 0], dtype,
                                    "stateless_random_normal")
        return draw * self.stddev + self.mean


class GlorotUniform(Initializer):
    """Initializer of uniform samples in [-limit, limit), limit = sqrt(6 / (fan_in + fan_out))
    (Glorot / Xavier).

    >>> w = minitf.keras.initializers.GlorotUniform(seed=1)(shape=[20, 30])
    >>> bool(abs(w.numpy()).max() <= (6 / 50) ** 0.5)
    True
    """

    def __init__(self, seed=None):
        self.seed = seed

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = floating(dtype or dtypes.float32)
        limit = glorot_limit(shape)
        if self.seed is None:
            return random_ops.random_uniform(shape, -limit, limit, dtype)
        draw = random_ops.stateless("StatelessRandomUniform", shape, [self.seed, 0], dtype,
                                    "stateless_random_uniform")
        return draw * (2 * limit) - limit

"""`tf.random.stateless_normal` and `stateless_uniform`: draws that depend only on a seed pair
given as a tensor, the same on every call, in every run and in both modes.

They take TensorFlow's arguments and give its shapes and dtypes; the numbers come from numpy's
generator seeded with the pair, not from TensorFlow's Philox stream. The ops are
StatelessRandomNormal/Uniform/UniformInt of random_ops.
"""
from ..framework import dtypes
from ..framework.shapes import TensorShape
from .arithmetic_ops import add
from .registry import convert_to_tensor, execute, scope

_UNIFORM_DTYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64)


def _shape(shape):
    if isinstance(shape, TensorShape) and shape.is_fully_defined():  # else TF's error
        shape = shape.as_list()
    return convert_to_tensor(shape, name="shape", dtype_hint=dtypes.int32)


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None,
                     alg="auto_select"):
    """Normal draws determined by `seed`.

    Args:
      shape: the shape of the result (a list, TensorShape or 1-D int tensor).
      seed: two ints (a shape [2] int32 or int64 tensor).
      mean, stddev: the distribution's mean and standard deviation.
      dtype: a floating dtype.
      alg: accepted for TensorFlow's signature; minitf has one generator.

    Raises:
      InvalidArgumentError: if `seed` does not hold two values (ValueError in a graph).

    >>> a = minitf.random.stateless_normal([2], seed=[1, 2])
    >>> bool((a.numpy() == minitf.random.stateless_normal([2], seed=[1, 2]).numpy()).all())
    True
    """
    dtype = dtypes.as_dtype(dtype)
    with scope(name or "stateless_random_normal") as s:
        shape = _shape(shape)
        mean = convert_to_tensor(mean, dtype, name="mean")
        stddev = convert_to_tensor(stddev, dtype, name="stddev")
        draw = execute("StatelessRandomNormal", [shape, seed], {"dtype": dtype})
        return add(draw * stddev, mean, name=s)


def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=dtypes.float32, name=None,
                      alg="auto_select"):
    """Uniform draws over [minval, maxval) determined by `seed`.

    Args:
      shape, seed, alg: as for `stateless_normal`.
      minval, maxval: the range; `maxval` defaults to 1 for floats. Integer dtypes need both.
      dtype: float16, float32, float64, int32 or int64.

    Raises:
      ValueError: for another dtype, or an integer dtype without `maxval`.
      InvalidArgumentError: for integer bounds with minval >= maxval.

    >>> minitf.random.stateless_uniform([3], [4, 2], maxval=10, dtype=minitf.int32).shape
    TensorShape([3])
    """
    dtype = dtypes.as_dtype(dtype)
    if dtype not in _UNIFORM_DTYPES:
        raise ValueError("Argument `dtype` got invalid value %s. Accepted dtypes are (%s)."
                         % (dtype, ", ".join(map(repr, _UNIFORM_DTYPES))))
    if dtype.is_integer and maxval is None:
        raise ValueError("minitf's stateless_uniform needs `minval` and `maxval` for integer "
                         "`dtype` %r; got `maxval`=None." % dtype)
    with scope(name or "stateless_random_uniform") as s:
        shape = _shape(shape)
        lo = convert_to_tensor(minval, dtype, name="min")
        hi = convert_to_tensor(1 if maxval is None else maxval, dtype, name="max")
        if dtype.is_integer:
            return execute("StatelessRandomUniformInt", [shape, seed, lo, hi], name=s)
        draw = execute("StatelessRandomUniform", [shape, seed], {"dtype": dtype})
        return add(draw * (hi - lo), lo, name=s)

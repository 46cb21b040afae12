"""`random.Generator`: a random-number generator whose state is a variable, so that draws
continue one stream eagerly, in graphs and in functions alike.

Its numbers are TensorFlow's, bit for bit: the same seed gives the same normals, uniforms and
integers as `tf.random.Generator.from_seed(seed)` in TensorFlow (Philox algorithm; the ops are
in ops/philox_ops.py), and the state moves on as TensorFlow's does. The generator is unrelated
to the global seed of `random.set_seed`, which the other random ops use.
"""
import os

import numpy as np

from .framework import dtypes
from .ops import arithmetic_ops, fill_ops, join_ops, philox_ops, reduction_ops
from .ops.random_ops import shape_tensor
from .ops.registry import convert_to_tensor, scope
from .variables import Variable

PHILOX = 1
_ALGORITHMS = {"philox": PHILOX, PHILOX: PHILOX, "auto_select": PHILOX, 3: PHILOX}


def _algorithm(alg):
    key = alg.lower() if isinstance(alg, str) else alg
    if alg is None or key in _ALGORITHMS:
        return PHILOX
    raise ValueError("Unsupported random algorithm %r: minitf implements Philox only "
                     "(\"philox\" or 1, and \"auto_select\")." % (alg,))


def _state_from_seed(seed):
    """The three int64 words of a state: an int seed cut into 64-bit pieces, low first (so a
    small seed sets the counter and leaves the key 0, as in TensorFlow)."""
    if isinstance(seed, (int, np.integer)):
        words = [(int(seed) >> (64 * i)) & (2 ** 64 - 1) for i in range(3)]
        return np.array(words, np.uint64).view(np.int64)
    words = np.reshape(np.asarray(seed, np.int64), [-1])[:3]
    return np.concatenate([np.zeros(3 - len(words), np.int64), words])


class Generator:
    """A random-number generator with its own state (a `Variable` of three int64s).

    Args:
      copy_from: a Generator whose state to copy.
      state: the initial state (three int64s: the 128-bit counter, then the key).
      alg: the algorithm: "philox" (the default, and what "auto_select" picks).

    Raises:
      ValueError: for another algorithm, or a state of the wrong shape.

    >>> g = minitf.random.Generator.from_seed(1)
    >>> g.normal([3]).numpy()
    array([ 0.43842274, -0.53439844, -0.07710262], dtype=float32)
    """

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            state, alg = copy_from.state.read_value(), copy_from.algorithm
        self._alg = _algorithm(alg)
        with scope("random_generator"):
            self._state = Variable(state, dtype=dtypes.int64, trainable=False, name="StateVar")
        if not self._state.shape.is_compatible_with([3]):
            raise ValueError("The state of a Philox generator has shape [3], not %s."
                             % (self._state.shape,))

    @classmethod
    def from_seed(cls, seed, alg=None):
        """A generator whose state comes from `seed` (an int, or up to three int64s).

        >>> minitf.random.Generator.from_seed(12345).state.numpy()
        array([12345,     0,     0])
        """
        return cls(state=_state_from_seed(seed), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        """A generator with a state drawn from the operating system's entropy."""
        return cls(state=np.frombuffer(os.urandom(24), np.int64).copy(), alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        """A generator with this key (one int64) and counter (two int64s)."""
        state = np.concatenate([np.reshape(np.asarray(counter, np.int64), [2]),
                                np.reshape(np.asarray(key, np.int64), [1])])
        return cls(state=state, alg=alg)

    state = property(lambda self: self._state)
    algorithm = property(lambda self: self._alg)

    @property
    def key(self):
        return self._state[-1]

    # -- drawing -------------------------------------------------------------------------------
    def skip(self, delta):
        """Moves the state on by what `delta` numbers use; returns the state before."""
        return philox_ops.rng_read_and_skip(self._state.handle, delta, self._alg)

    def _key_counter(self, shape):
        state = self.skip(reduction_ops.reduce_prod(shape))
        return state[2:], state[:2]

    def _draw(self, op_type, shape, dtype, **bounds):
        shape = shape_tensor(shape)
        key, counter = self._key_counter(shape)
        return philox_ops.stateless_draw(op_type, shape, key, counter, dtype, alg=self._alg,
                                         **bounds)

    def normal(self, shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None):
        """Normal numbers of `shape` with this `mean` and `stddev` (a float dtype).

        >>> minitf.random.Generator.from_seed(1).normal([2], mean=10.0)
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([10.438423,  9.465602], dtype=float32)>
        """
        dtype = dtypes.as_dtype(dtype)
        with scope(name or "stateful_normal") as s:
            mean = convert_to_tensor(mean, dtype, name="mean")
            stddev = convert_to_tensor(stddev, dtype, name="stddev")
            rnd = self._draw("StatelessRandomNormalV2", shape, dtype)
            return arithmetic_ops.add(rnd * stddev, mean, name=s)

    def uniform(self, shape, minval=0, maxval=None, dtype=dtypes.float32, name=None):
        """Uniform numbers of `shape` in [minval, maxval): floats (maxval defaults to 1), or
        integers (both bounds needed).

        Raises:
          ValueError: for an integer dtype without both bounds.

        >>> minitf.random.Generator.from_seed(1).uniform([3], maxval=10, dtype=minitf.int32)
        <tf.Tensor: shape=(3,), dtype=int32, numpy=array([4, 9, 3], dtype=int32)>
        """
        dtype = dtypes.as_dtype(dtype)
        if dtype.is_integer and (minval is None or maxval is None):
            raise ValueError("For integer dtype %s, minval and maxval must be both `None` or both "
                             "non-`None`; got minval=%s and maxval=%s" % (dtype, minval, maxval))
        with scope(name or "stateful_uniform") as s:
            if dtype.is_integer:
                lo = convert_to_tensor(minval, dtype, name="min")
                hi = convert_to_tensor(maxval, dtype, name="max")
                return self._draw("StatelessRandomUniformIntV2", shape, None, minval=lo,
                                  maxval=hi)
            lo = convert_to_tensor(minval, dtype, name="min")
            hi = convert_to_tensor(1 if maxval is None else maxval, dtype, name="max")
            rnd = self._draw("StatelessRandomUniformV2", shape, dtype)
            return arithmetic_ops.add(rnd * (hi - lo), lo, name=s)

    def uniform_full_int(self, shape, dtype=dtypes.uint64, name=None):
        """Integers of `shape` taking every value of `dtype` equally often."""
        with scope(name or "stateful_uniform_full_int"):
            return self._draw("StatelessRandomUniformFullIntV2", shape, dtypes.as_dtype(dtype))

    def make_seeds(self, count=1):
        """Seeds for stateless random ops: an int64 tensor of shape [2, count].

        >>> minitf.random.Generator.from_seed(1).make_seeds(1).shape
        TensorShape([2, 1])
        """
        keys = self.uniform_full_int([count], dtypes.int64)
        return join_ops.stack([keys, fill_ops.zeros_like(keys)])

    def split(self, count=1):
        """`count` new generators, independent of each other and of this one (whose state
        moves on).

        >>> a, b = minitf.random.Generator.from_seed(1).split(2)
        >>> a.state.numpy()
        array([                  0,                   0, 6679402142117448868])
        """
        keys = self.uniform_full_int([count], dtypes.int64)
        zeros = convert_to_tensor(np.zeros([2], np.int64))
        return [Generator(state=join_ops.concat([zeros, keys[i:i + 1]], 0), alg=self._alg)
                for i in range(count)]


"""Random ops: normal, uniform and truncated-normal draws and shuffles, with TensorFlow's seeds.

The rule. When a random op is created it gets a seed pair (seed, seed2):
  * a global seed (`set_seed`) and `seed=`: (global seed, seed);
  * only the global seed: (global seed, 2**31 - 1 + n), where n counts the random ops created
    since the global seed was set, per graph in graph mode and per process when executing
    eagerly (the offset keeps these apart from the op seeds, which are taken mod 2**31 - 1);
  * only `seed=`: (87654321, seed), TensorFlow's default global seed;
  * neither: no seeds, and the op draws from fresh entropy (nondeterministic).
The op draws from a numpy Generator seeded with its pair. In a graph every Session keeps one
generator per op (`make_state`), so each run continues that op's sequence and two sessions of one
graph repeat the same sequence. Eagerly, one generator per (op type, seed pair) lives until the
next `set_seed`, so repeated calls with the same seeds continue one sequence: the numbers a graph
op gives in its successive runs. The stateless ops (StatelessRandomNormal/Uniform/UniformInt) take
their seed pair as an input and give the same numbers on every run; seeded v2 initializers and
`tf.random.stateless_*` (stateless_random_ops) use them. No random op is differentiable.
"""
import functools
import numbers
import weakref

import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.errors import InvalidArgumentError
from ..framework.graph import get_default_graph
from ..framework.shapes import TensorShape
from .arithmetic_ops import add
from .constant_folding import constant_shape
from .registry import convert_to_tensor, execute, register, scope

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2 ** 31 - 1


# -- seeds ------------------------------------------------------------------------------------
class _Seeds:
    """One context's global seed and the count of random ops made there without an op seed."""

    __slots__ = ("seed", "count")

    def __init__(self, seed=None):
        self.seed = seed
        self.count = 0


_eager = _Seeds()
_graphs = weakref.WeakKeyDictionary()  # Graph -> _Seeds
_streams = {}  # eager generators by (op type, seed, seed2); emptied by set_seed
_entropy = np.random.default_rng()  # for eager ops without seeds


def set_seed(seed):
    """Sets the global random seed: of the process when executing eagerly, else of the default
    graph. It also restarts the count that gives op seeds to random ops created without one, and
    (eagerly) the sequences of seeded ops, so the same program draws the same numbers again.

    >>> minitf.random.set_seed(7)
    >>> a = minitf.random.uniform([2])
    >>> minitf.random.set_seed(7)
    >>> bool((a.numpy() == minitf.random.uniform([2]).numpy()).all())
    True
    """
    seeds = _Seeds(None if seed is None else _truncate(seed))
    if executing_eagerly():
        global _eager
        _eager = seeds
        _streams.clear()
    else:
        _graphs[get_default_graph()] = seeds


def _truncate(seed):
    return int(seed) % _MAXINT32


def op_seeds(seed):
    """The (seed, seed2) attrs of a random op (or the seeds of a dataset shuffle) being created
    with op seed `seed`."""
    if executing_eagerly():
        context = _eager
    else:
        graph = get_default_graph()  # a function's graph starts from the eager global seed
        context = _graphs.setdefault(graph, _Seeds(_eager.seed if graph.is_function else None))
    if context.seed is None:
        return (None, None) if seed is None else (DEFAULT_GRAPH_SEED, _truncate(seed))
    if seed is None:
        context.count += 1
        return context.seed, _MAXINT32 + context.count - 1
    return context.seed, _truncate(seed)


def _generator(seed, seed2):
    return np.random.default_rng(None if seed is None else [seed, seed2])


def _session_stream(op):
    return _generator(op.get_attr("seed"), op.get_attr("seed2"))


def _eager_stream(op_type, attrs):
    seed, seed2 = attrs["seed"], attrs["seed2"]
    if seed is None:
        return _entropy
    key = (op_type, seed, seed2)
    gen = _streams.get(key)
    if gen is None:
        gen = _streams[key] = _generator(seed, seed2)
    return gen


def _stateful(type, inputs, kernel, infer, types=None):
    register(type, inputs, kernel, infer, None, types=types, make_state=_session_stream,
             eager_state=functools.partial(_eager_stream, type))


# -- shapes -----------------------------------------------------------------------------------
def shape_dims(shape):
    """The dims of a draw, from the numpy value of its shape input (checked)."""
    if shape.ndim != 1:
        raise InvalidArgumentError(None, None, "shape must be a vector of {int32,int64}, got "
                                   "shape [%s]" % ",".join(map(str, shape.shape)))
    for d in shape:
        if d < 0:
            raise InvalidArgumentError(None, None, "Dimension %d must be >= 0" % d)
    return tuple(int(d) for d in shape)


def drawn_shape(inputs, dtype, **_):
    """The static rule of a draw whose first input is its shape."""
    if inputs[0].shape.rank not in (None, 1):
        raise ValueError("Shape must be rank 1 but is rank %d" % inputs[0].shape.rank)
    return [(dtype, constant_shape(inputs[0]))]


def shape_tensor(shape):
    """A draw's `shape` argument as an int tensor (named "shape" in a graph)."""
    if isinstance(shape, TensorShape) and shape.is_fully_defined():  # else TF's error
        shape = shape.as_list()
    return convert_to_tensor(shape, name="shape", dtype_hint=dtypes.int32)


# -- draws ------------------------------------------------------------------------------------
def _as(a, dtype):
    return a.astype(dtype.np, copy=False)


def _float_draw(dtype, draw):
    """Draws in float64 for float64 and float32 otherwise (numpy has no float16 draws)."""
    return _as(draw(np.float64 if dtype is dtypes.float64 else np.float32), dtype)


def _normal(gen, shape, dtype, seed, seed2):
    dims = shape_dims(shape)
    return _float_draw(dtype, lambda t: gen.standard_normal(dims, t))


def _unit(gen, dims, t, dtype):
    """Uniform draws in [0, 1) of type t, on the grid of `dtype` (so rounding never gives 1)."""
    u = gen.random(dims, t)
    return np.floor(u * 2048) / 2048 if dtype is dtypes.float16 else u


def _uniform(gen, shape, dtype, seed, seed2):
    dims = shape_dims(shape)
    return _float_draw(dtype, lambda t: _unit(gen, dims, t, dtype))


def _truncated_normal(gen, shape, dtype, seed, seed2):
    """Standard normal draws, each one beyond two standard deviations drawn again."""
    dims = shape_dims(shape)
    x = gen.standard_normal(dims)
    bad = np.abs(x) > 2
    while bad.any():
        x[bad] = gen.standard_normal(int(bad.sum()))
        bad = np.abs(x) > 2
    return _as(x, dtype)


def _uniform_int(gen, shape, minval, maxval, seed, seed2):
    dims = shape_dims(shape)
    for what, v in (("minval", minval), ("maxval", maxval)):
        if v.ndim:
            raise InvalidArgumentError(None, None, "%s must be 0-D, got shape [%s]"
                                       % (what, ",".join(map(str, v.shape))))
    if minval >= maxval:
        raise InvalidArgumentError(None, None, "Need minval < maxval, got %d >= %d"
                                   % (minval, maxval))
    return gen.integers(minval, maxval, dims, dtype=minval.dtype)


def _shuffle(gen, value, seed, seed2):
    return gen.permutation(value) if value.ndim else value.copy()


_stateful("RandomStandardNormal", "shape: index", _normal, drawn_shape)
_stateful("RandomUniform", "shape: index", _uniform, drawn_shape)
_stateful("TruncatedNormal", "shape: index", _truncated_normal, drawn_shape)
_stateful("RandomUniformInt", "shape: index, minval: Tout, maxval: Tout", _uniform_int,
          lambda inputs, **_: drawn_shape(inputs, inputs[1].dtype),
          types={"Tout": {dtypes.int32, dtypes.int64}})
_stateful("RandomShuffle", "value: T", _shuffle,
          lambda inputs, **_: [(inputs[0].dtype, inputs[0].shape)])


def _seeded(seed):
    """The generator of a stateless op's seed pair."""
    if np.shape(seed) != (2,):
        raise InvalidArgumentError(None, None, "seed must have shape [2], not [%s]"
                                   % ",".join(map(str, np.shape(seed))))
    return np.random.default_rng([_truncate(s) for s in seed])


def _stateless(draw):
    def kernel(shape, seed, dtype):
        dims, gen = shape_dims(shape), _seeded(seed)
        return _float_draw(dtype, lambda t: draw(gen, dims, t, dtype))
    return kernel


def _stateless_infer(inputs, dtype=None):
    if inputs[1].shape.rank is not None and inputs[1].shape.as_list() not in ([2], [None]):
        raise ValueError("seed must have shape [2], not %s" % (inputs[1].shape,))
    return drawn_shape(inputs[:1], dtype or inputs[2].dtype)


register("StatelessRandomNormal", "shape: index, seed: index",
         _stateless(lambda gen, dims, t, dtype: gen.standard_normal(dims, t)), _stateless_infer,
         None)
register("StatelessRandomUniform", "shape: index, seed: index", _stateless(_unit),
         _stateless_infer, None)
register("StatelessRandomUniformInt", "shape: index, seed: index, minval: T, maxval: T",
         lambda shape, seed, minval, maxval: _uniform_int(_seeded(seed), shape, minval, maxval,
                                                          None, None),
         _stateless_infer, None, types={"T": {dtypes.int32, dtypes.int64}})


# -- the functions ----------------------------------------------------------------------------
def _scaled(op_type, shape, mean, stddev, dtype, seed, name):
    """`mean + stddev * draw` for a standard draw of `op_type` (normal or truncated normal)."""
    dtype = dtypes.as_dtype(dtype)
    with scope(name) as s:
        shape = shape_tensor(shape)
        mean = convert_to_tensor(mean, dtype, name="mean")
        stddev = convert_to_tensor(stddev, dtype, name="stddev")
        seed, seed2 = op_seeds(seed)
        draw = execute(op_type, [shape], {"dtype": dtype, "seed": seed, "seed2": seed2})
        return add(draw * stddev, mean, name=s)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Samples of a normal distribution.

    Args:
      shape: the shape of the result (a list, TensorShape or 1-D int tensor).
      mean, stddev: the distribution's mean and standard deviation (scalars or tensors that
        broadcast with `shape`).
      dtype: a floating dtype.
      seed: the op seed (see the module docstring for how it combines with `set_seed`).

    >>> minitf.random.normal([2, 3], seed=1).shape
    TensorShape([2, 3])
    """
    return _scaled("RandomStandardNormal", shape, mean, stddev, dtype, seed,
                   name or "random_normal")


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Samples of a normal distribution, where values more than two standard deviations from
    the mean are drawn again (see `random_normal` for the arguments).

    >>> bool(abs(minitf.random.truncated_normal([100], seed=3).numpy()).max() <= 2)
    True
    """
    return _scaled("TruncatedNormal", shape, mean, stddev, dtype, seed,
                   name or "truncated_normal")


_UNIFORM_DTYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64)


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """Samples of a uniform distribution over [minval, maxval).

    Args:
      shape: the shape of the result.
      minval, maxval: the range; `maxval` defaults to 1 for floats and must be given for ints.
      dtype: float16, float32, float64, int32 or int64.
      seed: the op seed.

    Raises:
      ValueError: for another dtype, or an integer dtype without `maxval`.

    >>> minitf.random.uniform([3], maxval=10, dtype=minitf.int32, seed=1).dtype
    tf.int32
    """
    dtype = dtypes.as_dtype(dtype)
    if dtype not in _UNIFORM_DTYPES:
        raise ValueError("Argument `dtype` got invalid value %s. Accepted dtypes are (%s)."
                         % (dtype, ", ".join(map(repr, _UNIFORM_DTYPES))))
    if maxval is None:
        if dtype.is_integer:
            raise ValueError("Must specify maxval for integer dtype %r" % dtype)
        maxval = 1
    with scope(name or "random_uniform") as s:
        shape = shape_tensor(shape)
        lo_is_zero = _is_number(minval) and minval == 0
        hi_is_one = _is_number(maxval) and maxval == 1
        if dtype.is_integer or not lo_is_zero:
            minval = convert_to_tensor(minval, dtype, name="min")
            maxval = convert_to_tensor(maxval, dtype, name="max")
        seed, seed2 = op_seeds(seed)
        attrs = {"seed": seed, "seed2": seed2}
        if dtype.is_integer:
            return execute("RandomUniformInt", [shape, minval, maxval], attrs, name=s)
        draw = execute("RandomUniform", [shape], dict(attrs, dtype=dtype))
        if lo_is_zero:
            return draw if hi_is_one else draw * maxval
        return add(draw * (maxval - minval), minval, name=s)


def _is_number(x):
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def random_shuffle(value, seed=None, name=None):
    """`value` with its first dimension in random order.

    >>> sorted(minitf.random.shuffle([1, 2, 3], seed=4).numpy().tolist())
    [1, 2, 3]
    """
    seed, seed2 = op_seeds(seed)
    return execute("RandomShuffle", [value], {"seed": seed, "seed2": seed2},
                   name=name or "RandomShuffle")


def stateless(op_type, shape, seed, dtype, name):
    """A draw of `op_type` (StatelessRandomNormal/Uniform) that depends only on `seed` (two
    ints): the same numbers on every call and run."""
    with scope(name) as s:
        return execute(op_type, [shape_tensor(shape), seed], {"dtype": dtypes.as_dtype(dtype)},
                       name=s)

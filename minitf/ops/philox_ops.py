"""Counter-based random numbers, bit for bit TensorFlow's: the Philox4x32-10 generator, the
ops that draw from a (key, counter) pair (StatelessRandomUniformV2, StatelessRandomNormalV2,
StatelessRandomUniformIntV2, StatelessRandomUniformFullIntV2), and RngReadAndSkip, which reads a
generator's state variable and moves its counter on.

A state is three int64s: a 128-bit counter (low word first) and a 64-bit key. One Philox call
turns a counter into four 32-bit words; successive counters give successive words, from which
each dtype takes one (16- and 32-bit) or two (64-bit) words per number: floats from the mantissa
bits, normals by Box-Muller on pairs, integers modulo the range. A draw of n numbers moves the
state's counter on by 256 n (TensorFlow's step), so later draws never reuse its words. None of
these ops is differentiable. The `random.Generator` class that uses them is in
minitf/random_generator.py.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import TensorShape
from .random_ops import drawn_shape, shape_dims
from .registry import execute, register

_M0, _M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
_W0, _W1 = 0x9E3779B9, 0xBB67AE85
_LOW = np.uint64(0xFFFFFFFF)
_32 = np.uint64(32)


def _philox(counters, key):
    """Philox4x32-10 of each row of `counters` ((n, 4) uint64 holding 32-bit words) under `key`
    (two 32-bit ints): (n, 4) words."""
    c = [counters[:, i] for i in range(4)]
    k0, k1 = key
    for _ in range(10):
        p0, p1 = _M0 * c[0], _M1 * c[2]
        c = [(p1 >> _32) ^ c[1] ^ np.uint64(k0), p1 & _LOW, (p0 >> _32) ^ c[3] ^ np.uint64(k1),
             p0 & _LOW]
        k0, k1 = (k0 + _W0) & 0xFFFFFFFF, (k1 + _W1) & 0xFFFFFFFF
    return np.stack(c, 1).astype(np.uint32)


def _words(key, counter, n):
    """The first n 32-bit words of the stream of (key, counter): int64 arrays of 1 and 2."""
    start = np.asarray(counter).view(np.uint64)
    with np.errstate(over="ignore"):
        lo = start[0] + np.arange(-(-n // 4), dtype=np.uint64)
        hi = start[1] + (lo < start[0]).astype(np.uint64)  # the carry of the 128-bit increment
    counters = np.stack([lo & _LOW, lo >> _32, hi & _LOW, hi >> _32], 1)
    k = int(np.asarray(key).view(np.uint64)[0])
    return _philox(counters, (k & 0xFFFFFFFF, k >> 32)).reshape(-1)[:n]


# -- from words to numbers --------------------------------------------------------------------
def _unit_float(w):
    """[0, 1) float32s from the low 23 bits of 32-bit words."""
    return ((w & np.uint32(0x7FFFFF)) | np.uint32(0x3F800000)).view(np.float32) - np.float32(1)


def _unit_half(w):
    return ((w & np.uint32(0x3FF)) | np.uint32(0x3C00)).astype(np.uint16).view(np.float16) \
        - np.float16(1)


def _unit_double(hi, lo):
    """[0, 1) float64s from 52 bits: 20 of the words `hi` and all of the words `lo`."""
    man = (hi.astype(np.uint64) & np.uint64(0xFFFFF)) << _32 | lo.astype(np.uint64)
    return (man | np.uint64(1023) << np.uint64(52)).view(np.float64) - 1.0


def _box_muller(u1, u2, dtype):
    """Pairs of standard normals from pairs of uniforms, as TensorFlow computes them: in the
    precision of `dtype` (float32 steps rounded from exact values)."""
    wide, np_dtype = np.float64, np.dtype(dtype)
    r2 = (-2.0 * np.log(np.maximum(u1, np_dtype.type(1e-7)).astype(wide)).astype(np_dtype))
    r = np.sqrt(r2.astype(wide)).astype(np_dtype)
    angle = (2 * np.pi * u2.astype(wide)).astype(np_dtype).astype(wide)
    return np.stack([np.sin(angle).astype(np_dtype) * r, np.cos(angle).astype(np_dtype) * r],
                    1).reshape(-1)


def _uniform_kernel(shape, key, counter, alg, dtype):
    dims = shape_dims(shape)
    n = int(np.prod(dims))
    if dtype is dtypes.float64:
        w = _words(key, counter, 2 * n)
        return _unit_double(w[0::2], w[1::2]).reshape(dims)
    w = _words(key, counter, n)
    return (_unit_half(w) if dtype is dtypes.float16 else _unit_float(w)).reshape(dims)


def _normal_kernel(shape, key, counter, alg, dtype):
    dims = shape_dims(shape)
    n = int(np.prod(dims))
    m = n + n % 2  # normals come in pairs
    if dtype is dtypes.float64:
        w = _words(key, counter, 2 * m)
        out = _box_muller(_unit_double(w[0::4], w[1::4]), _unit_double(w[2::4], w[3::4]),
                          np.float64)
    else:
        w = _words(key, counter, m)
        out = _box_muller(_unit_float(w[0::2]), _unit_float(w[1::2]), np.float32)
    return out[:n].astype(dtype.np).reshape(dims)


def _bits(key, counter, n, dtype):
    """n random integers of `dtype`'s width, as uint32 or uint64."""
    if dtype.size == 8:
        w = _words(key, counter, 2 * n).astype(np.uint64)
        return w[0::2] | w[1::2] << _32
    return _words(key, counter, n)


def _uniform_int_kernel(shape, key, counter, alg, minval, maxval):
    dims = shape_dims(shape)
    dtype = dtypes.from_numpy(minval.dtype)
    span = (int(maxval) - int(minval)) % (1 << (8 * dtype.size))
    bits = _bits(key, counter, int(np.prod(dims)), dtype)
    return (int(minval) + (bits % bits.dtype.type(span)).astype(np.int64)).astype(
        dtype.np).reshape(dims)


def _full_int_kernel(shape, key, counter, alg, dtype):
    dims = shape_dims(shape)
    return _bits(key, counter, int(np.prod(dims)), dtype).view(dtype.np).reshape(dims)


_STATELESS = "shape: index, key: int64, counter: int64, alg: int32"
register("StatelessRandomUniformV2", _STATELESS, _uniform_kernel, drawn_shape, None)
register("StatelessRandomNormalV2", _STATELESS, _normal_kernel, drawn_shape, None)
register("StatelessRandomUniformFullIntV2", _STATELESS, _full_int_kernel, drawn_shape, None)
register("StatelessRandomUniformIntV2", _STATELESS + ", minval: T, maxval: T",
         _uniform_int_kernel, lambda inputs: drawn_shape(inputs, inputs[4].dtype), None,
         types={"T": {dtypes.int32, dtypes.int64, dtypes.uint32, dtypes.uint64}})


# -- the state --------------------------------------------------------------------------------
def _read_and_skip_kernel(ref, alg, delta):
    state = ref.read()
    words = [int(w) for w in state.view(np.uint64)]
    counter = (words[0] | words[1] << 64) + 256 * int(delta)
    moved = np.array([counter & (2 ** 64 - 1), (counter >> 64) & (2 ** 64 - 1), words[2]],
                     np.uint64).view(np.int64)
    ref.assign(moved)
    return state


register("RngReadAndSkip", "resource: resource, alg: int32, delta: index", _read_and_skip_kernel,
         lambda inputs: [(dtypes.int64, TensorShape([3]))], None, writes=True)


def rng_read_and_skip(resource, delta, alg=1):
    """The state in `resource` (a generator's state variable), whose counter is then moved on
    by what `delta` numbers use."""
    return execute("RngReadAndSkip", [resource, alg, delta], name="RngReadAndSkip")


def stateless_draw(op_type, shape, key, counter, dtype=None, minval=None, maxval=None, alg=1):
    """The numbers of one of the stateless V2 ops for (key, counter)."""
    if op_type == "StatelessRandomUniformIntV2":
        return execute(op_type, [shape, key, counter, alg, minval, maxval], name=op_type)
    return execute(op_type, [shape, key, counter, alg], {"dtype": dtype}, name=op_type)

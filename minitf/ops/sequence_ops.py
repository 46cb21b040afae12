"""Ops that make evenly spaced sequences: range (a step) and linspace (a number of points); and
meshgrid, the coordinate grids of such sequences.

Each op's kernel, shape rule and gradient stand together below its banner. `range` is named
after TensorFlow's function, so below its definition this module's `range` is that function.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import TensorShape, broadcast_shapes
from ..framework.tensor import Tensor
from .arithmetic_ops import cast
from .array_ops import reshape, size
from .constant_folding import constant_value
from .fill_ops import ones
from .registry import convert_to_tensor, execute, register, scope
from .shape_rules import sum_to

_RANGE_TYPES = (dtypes.int32, dtypes.int64, dtypes.float16, dtypes.float32, dtypes.float64)


def _num(v):
    v = v.item()
    return int(v) if v == int(v) else v


# -- range ------------------------------------------------------------------------------------
def _range_size(start, limit, delta):
    """The number of elements of range(start, limit, delta), computed in their dtype as
    TensorFlow does; raises ValueError for an empty direction or a zero step."""
    if delta == 0:
        raise ValueError("Requires delta != 0: %s" % _num(delta))
    if delta > 0 and start > limit:
        raise ValueError("Requires start <= limit when delta > 0: %s/%s"
                         % (_num(start), _num(limit)))
    if delta < 0 and start < limit:
        raise ValueError("Requires start >= limit when delta < 0: %s/%s"
                         % (_num(start), _num(limit)))
    if start.dtype.kind in "iu":
        return int((abs(limit - start) + abs(delta) - 1) // abs(delta))
    return int(np.ceil(np.abs((limit - start) / delta)))


def _range_kernel(start, limit, delta):
    return start + np.arange(_range_size(start, limit, delta), dtype=start.dtype) * delta


def _range_infer(inputs):
    values = [constant_value(t) for t in inputs]
    n = None if any(v is None for v in values) else _range_size(*values)
    return [(inputs[0].dtype, TensorShape([n]))]


register("Range", "start: T, limit: T, delta: T", _range_kernel, _range_infer, None,
         types={"T": frozenset(_RANGE_TYPES)})


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's name
    """The numbers `start, start + delta, ...` up to but not including `limit`.

    With one argument it counts from 0 to `start`. Without `dtype`, the result has the widest
    dtype of the arguments in the order int32, int64, float16, float32, float64 (Python ints
    are int32, floats float32).

    Raises:
      InvalidArgumentError (eager) / ValueError (graph): if `delta` is 0 or points away from
        `limit`.

    >>> minitf.range(1, 5.0, 2)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    if limit is None:
        start, limit = 0, start
    with scope(name) as s:
        args = [convert_to_tensor(v, None if isinstance(v, Tensor) else dtype, name=n)
                for v, n in zip((start, limit, delta), ("start", "limit", "delta"))]
        if dtype is None:
            dtype = max((t.dtype for t in args), key=_RANGE_TYPES.index)
        return execute("Range", [cast(t, dtype) for t in args], name=s)


# -- linspace ---------------------------------------------------------------------------------
def _linspace_kernel(start, stop, num, axis):
    n = int(num)
    if n < 0:
        raise ValueError("Requires num >= 0: %d" % n)
    start, stop = np.broadcast_arrays(start, stop)
    delta = (stop - start) / np.asarray(max(n - 1, 1), start.dtype)
    out = start + delta * np.arange(n, dtype=start.dtype).reshape((n,) + (1,) * start.ndim)
    if n > 1:
        out[-1] = stop
    return np.moveaxis(out, 0, axis)


def _linspace_infer(inputs, axis):
    start, stop, num = inputs
    s = broadcast_shapes(start.shape, stop.shape)
    if s.rank is None:
        return [(start.dtype, TensorShape(None))]
    dims, n = s.as_list(), constant_value(num)
    if n is not None and n < 0:
        raise ValueError("Requires num >= 0: %d" % n)
    a = axis + len(dims) + 1 if axis < 0 else axis
    return [(start.dtype, TensorShape(dims[:a] + [None if n is None else int(n)] + dims[a:]))]


def _linspace_grad(op, dy):
    """Point i is start + t_i (stop - start), with t = linspace(0, 1, num)."""
    start, stop, num = op.inputs
    r, axis = dy.shape.rank, op.get_attr("axis")
    a = axis + r if axis < 0 else axis
    t = execute("LinSpace", [np.zeros((), dy.dtype.np), np.ones((), dy.dtype.np), num],
                {"axis": 0})
    t = reshape(t, [-1] + [1] * (r - 1 - a))
    d_stop = execute("Sum", [dy * t, a], {"keepdims": False})
    d_start = execute("Sum", [dy, a], {"keepdims": False}) - d_stop
    return [sum_to(d_start, start), sum_to(d_stop, stop), None]


register("LinSpace", "start: T, stop: T, num: index", _linspace_kernel, _linspace_infer,
         _linspace_grad, types={"T": dtypes.FLOATS})


def linspace(start, stop, num, name=None, axis=0):
    """`num` evenly spaced points from `start` to `stop`, both included.

    `start` and `stop` may be tensors (broadcast together); the points then run along the new
    dimension `axis`. Integer inputs give float64 points.

    >>> minitf.linspace(0.0, 1.0, 5)
    <tf.Tensor: shape=(5,), dtype=float32, numpy=array([0.  , 0.25, 0.5 , 0.75, 1.  ],
    dtype=float32)>
    """
    with scope(name or "linspace") as s:
        start = convert_to_tensor(start, name="start")
        stop = convert_to_tensor(stop, name="stop", dtype_hint=start.dtype)
        if start.dtype.is_integer:
            start, stop = cast(start, dtypes.float64), cast(stop, dtypes.float64)
        return execute("LinSpace", [start, stop, num], {"axis": axis}, name=s)


# -- meshgrid ---------------------------------------------------------------------------------
def meshgrid(*args, **kwargs):
    """Coordinate grids from N vectors (each flattened): N tensors of one shape, the i-th
    repeating vector i along its dimension. `indexing="xy"` (the default) gives shape
    (len(args[1]), len(args[0]), len(args[2]), ...), as for a plot's x and y; `"ij"` gives
    (len(args[0]), len(args[1]), ...). Keyword arguments: `indexing` and `name`.

    Raises:
      ValueError: for another indexing.
      TypeError: for another keyword argument, or vectors of different dtypes.

    >>> x, y = minitf.meshgrid([1, 2], [3, 4, 5])
    >>> y.numpy()
    array([[3, 3],
           [4, 4],
           [5, 5]], dtype=int32)
    """
    indexing = kwargs.pop("indexing", "xy")
    name = kwargs.pop("name", "meshgrid")
    if kwargs:
        raise TypeError("'%s' is an invalid keyword argument for this function"
                        % next(iter(kwargs)))
    if indexing not in ("xy", "ij"):
        raise ValueError("Argument `indexing` parameter must be either 'xy' or 'ij', got '%s'"
                         % (indexing,))
    n = len(args)
    if not n:
        return []
    with scope(name):
        vectors = [convert_to_tensor(x, name="stack") for x in args]
        grids = [reshape(x, [1] * i + [-1] + [1] * (n - i - 1)) for i, x in enumerate(vectors)]
        sizes = [size(x) for x in vectors]
        if indexing == "xy" and n > 1:
            grids[0] = reshape(grids[0], [1, -1] + [1] * (n - 2))
            grids[1] = reshape(grids[1], [-1, 1] + [1] * (n - 2))
            sizes[0], sizes[1] = sizes[1], sizes[0]
        spread = ones(sizes, vectors[0].dtype)
        return [x * spread for x in grids]

"""Cumulative sums and products along an axis (cumsum, cumprod), with `exclusive` and `reverse`.

Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework.dtypes import NUMBERS
from ..framework.errors import InvalidArgumentError
from .arithmetic_ops import divide_no_nan
from .kernels import quiet
from .registry import execute, register


def _scan_kernel(ufunc, start):
    def run(x, axis, exclusive, reverse):
        if np.ndim(axis):
            raise InvalidArgumentError(None, None, "ScanOp: axis must be a scalar, not %s"
                                       % np.asarray(axis).tolist())
        a = int(axis)
        if not -x.ndim <= a < x.ndim:
            raise InvalidArgumentError(None, None, "ScanOp: Expected scan axis in the range "
                                       "[%d, %d), but got %d" % (-x.ndim, x.ndim, a))
        y = np.moveaxis(x, a, 0)
        if reverse:
            y = y[::-1]
        if exclusive and len(y):
            y = np.concatenate([np.full((1,) + y.shape[1:], start, x.dtype), y[:-1]])
        out = ufunc.accumulate(y, axis=0, dtype=x.dtype)
        return np.moveaxis(out[::-1] if reverse else out, 0, a)
    return run


def _cumsum_grad(op, dy):
    return [cumsum(dy, op.inputs[1], exclusive=op.get_attr("exclusive"),
                   reverse=not op.get_attr("reverse")), None]


def _cumprod_grad(op, dy):
    """TensorFlow's rule: exact where x != 0, and 0 (not NaN) where x == 0."""
    x, axis = op.inputs
    exclusive, reverse = op.get_attr("exclusive"), op.get_attr("reverse")
    out = cumsum(op.outputs[0] * dy, axis, exclusive=exclusive, reverse=not reverse)
    return [divide_no_nan(out, x), None]


def _scan_infer(inputs, exclusive, reverse):
    return [(inputs[0].dtype, inputs[0].shape)]


register("Cumsum", "x: T, axis: index", quiet(_scan_kernel(np.add, 0)), _scan_infer, _cumsum_grad,
         types={"T": NUMBERS})
register("Cumprod", "x: T, axis: index", quiet(_scan_kernel(np.multiply, 1)), _scan_infer,
         _cumprod_grad, types={"T": NUMBERS})


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running sums along `axis`: `[a, a + b, a + b + c]`; `exclusive` leaves out each element
    itself (`[0, a, a + b]`), `reverse` runs from the end.

    >>> minitf.cumsum(minitf.constant([1, 2, 3]), exclusive=True, reverse=True)
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([5, 3, 0], dtype=int32)>
    """
    return execute("Cumsum", [x, axis], {"exclusive": bool(exclusive), "reverse": bool(reverse)},
                   name=name or "Cumsum")


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running products along `axis` (see `cumsum`; an exclusive product starts at 1).

    >>> minitf.math.cumprod(minitf.constant([1., 2., 3.]), exclusive=True)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 1., 2.], dtype=float32)>
    """
    return execute("Cumprod", [x, axis], {"exclusive": bool(exclusive), "reverse": bool(reverse)},
                   name=name or "Cumprod")

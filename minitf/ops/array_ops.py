"""Tensors from values, and the shapes of tensors: constant, placeholder, placeholder_with_default,
identity, stop_gradient; shape, size, rank; reshape, expand_dims and squeeze.

Each op's kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.conversion import as_array
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import SCALAR, TensorShape, as_shape
from ..framework.tensor import Tensor
from .constant_folding import constant_shape, constant_value
from .registry import convert_to_tensor, execute, register
from .shape_rules import same, shape_of


# -- constants and placeholders ---------------------------------------------------------------
def _const_kernel(value, dtype):
    return value


register("Const", "", _const_kernel,  # scalars share one shape: fewer objects per graph op
         lambda inputs, value, dtype: [(dtype, TensorShape(value.shape) if value.ndim else SCALAR)],
         None, hoist=True)


def constant(value, dtype=None, shape=None, name="Const"):
    """A tensor holding `value` (a Python scalar or list, or a numpy array).

    Args:
      value: the value; Python ints become int32, floats float32, numpy arrays keep their dtype.
      dtype: the element type to convert to.
      shape: if given, a scalar `value` is broadcast to it, or `value` is reshaped to it.
      name: the op name in a graph.

    Raises:
      TypeError: if `value` cannot be converted to `dtype`, or does not fit `shape`.

    >>> minitf.constant([[1., 2.]], shape=[2, 1]).shape
    TensorShape([2, 1])
    """
    if shape is None:
        return convert_to_tensor(value, dtype, name=name)
    if isinstance(value, Tensor):
        value = value.numpy()
    a = as_array(value, dtype and dtypes.as_dtype(dtype), not executing_eagerly())
    dims = as_shape(shape).as_list()
    n = int(np.prod(dims))
    if a.size == 1:
        a = np.full(dims, a.reshape(()), a.dtype)
    elif a.size == n:
        a = a.reshape(dims)
    else:
        raise TypeError("tf.constant with unsupported shape: the value %s has %d elements, but "
                        "`shape` %s has %d elements." % (a, a.size, tuple(dims), n))
    return convert_to_tensor(a, name=name)


def _placeholder_kernel(dtype, shape):
    raise AssertionError("a placeholder is fed, never run")


register("Placeholder", "", _placeholder_kernel,
         lambda inputs, dtype, shape: [(dtype, shape)], None)


def placeholder(dtype, shape=None, name=None):
    """A graph input whose value is given in `Session.run(..., feed_dict={p: value})`.

    Raises:
      RuntimeError: when executing eagerly (placeholders need graph mode).

    >>> with minitf.Graph().as_default():
    ...     x = minitf.compat.v1.placeholder(minitf.float32, shape=(None, 2))
    >>> x
    <tf.Tensor 'Placeholder:0' shape=(None, 2) dtype=float32>
    """
    if executing_eagerly():
        raise RuntimeError("tf.placeholder() is not compatible with eager execution: placeholders "
                           "need graph mode. Call tf.compat.v1.disable_eager_execution() first, or "
                           "build inside `with tf.Graph().as_default():`.")
    return execute("Placeholder", [], {"dtype": dtypes.as_dtype(dtype),
                                       "shape": TensorShape(shape)}, name=name or "Placeholder")


register("PlaceholderWithDefault", "input: T", lambda x, shape: x,
         lambda inputs, shape: [(inputs[0].dtype, shape)], lambda op, dy: [dy], grad_uses="none")


def placeholder_with_default(input, shape, name=None):
    """`input`, unless a value is fed for the result; its static shape is the (possibly less
    specific) `shape`, e.g. `[None, 3]`."""
    t = convert_to_tensor(input)
    shape = TensorShape(shape)
    if not shape.is_compatible_with(t.shape):
        raise ValueError("Shape %s of the default is not compatible with %s" % (t.shape, shape))
    return execute("PlaceholderWithDefault", [t], {"shape": shape},
                   name=name or "PlaceholderWithDefault")


# -- identity ---------------------------------------------------------------------------------
def _identity_kernel(x):
    return x


register("Identity", "input: any", _identity_kernel, same, lambda op, dy: [dy], grad_uses="none")
register("StopGradient", "input: any", _identity_kernel, same, None)


def identity(input, name=None):
    """A tensor with the same value as `input` (in a graph: a new node, e.g. to order effects)."""
    return execute("Identity", [input], name=name or "Identity")


def stop_gradient(input, name=None):
    """Returns `input`; gradients do not flow back through it.

    >>> x = minitf.constant(3.0)
    >>> with minitf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = x * minitf.stop_gradient(x)
    >>> float(tape.gradient(y, x))
    3.0
    """
    return execute("StopGradient", [input], name=name or "StopGradient")


# -- shapes -----------------------------------------------------------------------------------
def _shape_infer(inputs, out_type):
    rank = inputs[0].shape.rank
    return [(out_type, TensorShape([rank]))]


register("Shape", "input: any",
         lambda x, out_type: np.array(np.shape(x), out_type.np), _shape_infer, None)
register("Size", "input: any", lambda x, out_type: np.array(np.size(x), out_type.np),
         lambda inputs, out_type: [(out_type, SCALAR)], None)


def shape(input, out_type=dtypes.int32, name=None):
    """The shape of `input` as a 1-D int32 tensor (known at run time even when static dims are
    not; a constant when they are).

    >>> minitf.shape(minitf.zeros([2, 3]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    x, out_type = convert_to_tensor(input), dtypes.as_dtype(out_type)
    if x.shape.is_fully_defined():
        return convert_to_tensor(np.array(x.shape.as_list(), out_type.np), name=name or "Shape")
    return execute("Shape", [x], {"out_type": out_type}, name=name or "Shape")


def size(input, out_type=dtypes.int32, name=None):
    """The number of elements of `input` as a scalar tensor (a constant when the static shape
    tells it)."""
    x, out_type = convert_to_tensor(input), dtypes.as_dtype(out_type)
    dims = x.shape.as_list() if x.shape.rank is not None else [None]
    if None not in dims or 0 in dims:
        n = 0 if 0 in dims else int(np.prod(dims))
        return convert_to_tensor(np.array(n, out_type.np), name=name or "Size")
    return execute("Size", [x], {"out_type": out_type}, name=name or "Size")


register("Rank", "input: any", lambda x: np.array(np.ndim(x), np.int32),
         lambda inputs: [(dtypes.int32, SCALAR)], None)


def rank(input, name=None):
    """The number of dimensions of `input` as a scalar int32 tensor (a constant when the static
    rank is known).

    >>> minitf.rank(minitf.zeros([2, 3]))
    <tf.Tensor: shape=(), dtype=int32, numpy=2>
    """
    x = convert_to_tensor(input)
    if x.shape.rank is not None:
        return convert_to_tensor(np.int32(x.shape.rank), name=name or "Rank")
    return execute("Rank", [x], name=name or "Rank")


# -- reshape, expand_dims, squeeze ------------------------------------------------------------
def _reshape_kernel(x, shape):
    try:
        return np.reshape(x, shape)
    except ValueError:
        raise InvalidArgumentError(None, None, "Input to reshape is a tensor with %d values, but "
                                   "the requested shape has %d" % (np.size(x), np.prod(shape)))


def _reshape_infer(inputs):
    x, s = inputs
    out = constant_shape(s)  # a -1 comes back as None
    n, v = x.shape.num_elements(), constant_value(s)
    if out.rank is None or n is None or v is None:
        return [(x.dtype, out)]
    dims = out.as_list()
    known = int(np.prod([d for d in dims if d is not None]))
    if None in dims and known and n % known == 0:
        dims[dims.index(None)] = n // known
    elif None in dims or known != n:
        raise ValueError("Cannot reshape a tensor with %d elements to shape %s" % (n, v.tolist()))
    return [(x.dtype, TensorShape(dims))]


register("Reshape", "tensor: T, shape: index", _reshape_kernel, _reshape_infer,
         lambda op, dy: [reshape(dy, shape_of(op.inputs[0])), None], grad_uses="none")


def reshape(tensor, shape, name=None):
    """`tensor` with its elements laid out in `shape` (one dimension may be -1).

    >>> minitf.reshape(minitf.zeros([6]), [-1, 3]).shape
    TensorShape([2, 3])
    """
    return execute("Reshape", [tensor, shape], name=name or "Reshape")


def _expand_dims_shape(s, axis):
    """Shape `s` with a new dimension of size 1 at `axis` (None: not known statically)."""
    if s.rank is None:
        return TensorShape(None)
    dims = s.as_list()
    if axis is None:
        return TensorShape([None] * (len(dims) + 1))
    if not -len(dims) - 1 <= axis <= len(dims):
        raise ValueError("dim %d not in the interval [%d, %d]." % (axis, -len(dims) - 1, len(dims)))
    a = axis % (len(dims) + 1)
    return TensorShape(dims[:a] + [1] + dims[a:])


def _single_axis(axis):
    """ExpandDims' axis, a tensor that holds one int (a scalar, or e.g. `[1]`)."""
    a = np.ravel(axis)
    if a.size != 1:
        raise ValueError("'dim' input must be a tensor with a single value")
    return int(a[0])


def _expand_dims_infer(inputs):
    x, axis = inputs
    if axis.shape.num_elements() not in (None, 1):
        raise ValueError("'dim' input must be a tensor with a single value")
    a = constant_value(axis)
    return [(x.dtype, _expand_dims_shape(x.shape, None if a is None else _single_axis(a)))]


register("ExpandDims", "input: T, axis: index",
         lambda x, axis: np.reshape(x, _expand_dims_shape(TensorShape(x.shape),
                                                          _single_axis(axis)).as_list()),
         _expand_dims_infer, lambda op, dy: [reshape(dy, shape_of(op.inputs[0])), None],
         grad_uses="none")


def expand_dims(input, axis, name=None):
    """`input` with a new dimension of size 1 inserted at `axis`."""
    return execute("ExpandDims", [input, axis], name=name or "ExpandDims")


def _squeeze_shape(s, squeeze_dims):
    """Shape `s` without the dimensions `squeeze_dims` (all of size 1 when empty)."""
    if s.rank is None:
        return s
    dims = s.as_list()
    if not squeeze_dims:
        return TensorShape(None if None in dims else [d for d in dims if d != 1])
    rank, axes = len(dims), set()
    for i, a in enumerate(squeeze_dims):
        if not -rank <= a < rank:
            raise ValueError("squeeze_dims[%d] not in [%d,%d)" % (i, -rank, rank))
        a %= rank
        if dims[a] not in (None, 1):
            raise ValueError("Can not squeeze dim[%d], expected a dimension of 1, got %d"
                             % (a, dims[a]))
        axes.add(a)
    return TensorShape([d for i, d in enumerate(dims) if i not in axes])


register("Squeeze", "input: T",
         lambda x, squeeze_dims: np.reshape(x, _squeeze_shape(TensorShape(x.shape),
                                                              squeeze_dims).as_list()),
         lambda inputs, squeeze_dims: [(inputs[0].dtype,
                                        _squeeze_shape(inputs[0].shape, squeeze_dims))],
         lambda op, dy: [reshape(dy, shape_of(op.inputs[0]))], grad_uses="none")


def squeeze(input, axis=None, name=None):
    """`input` without its dimensions of size 1 (only those in `axis`, if given).

    Raises:
      InvalidArgumentError (eager) / ValueError (graph): if a dimension in `axis` is not 1.

    >>> minitf.squeeze(minitf.zeros([1, 3, 1]), axis=[0]).shape
    TensorShape([3, 1])
    """
    axis = [] if axis is None else [int(a) for a in np.reshape(axis, [-1])]
    return execute("Squeeze", [input], {"squeeze_dims": axis}, name=name or "Squeeze")


def squeeze_v1(input, axis=None, name=None, squeeze_dims=None):
    """TensorFlow 1.x's `squeeze`, which also takes `axis` as `squeeze_dims`."""
    return squeeze(input, squeeze_dims if axis is None else axis, name)


def expand_dims_v1(input, axis=None, name=None, dim=None):
    """TensorFlow 1.x's `expand_dims`, which also takes `dim`, the older name of `axis`.

    Raises:
      ValueError: unless exactly one of `axis` and `dim` is given.
    """
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'dim' and 'axis'.")
    if axis is None and dim is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    return expand_dims(input, dim if axis is None else axis, name)

"""Ops that pick elements by index: gather, gather_nd, scatter_nd, boolean_mask, one_hot.

Each op's kernel, shape rule and gradient stand together below its banner. The gradient of a
gather is dense: an op that adds dy into zeros of the params' shape at the gathered places
(GatherV2Grad, ScatterNd), itself differentiable by gathering again.
"""
import numpy as np

from ..framework import dtypes
from ..framework.shapes import TensorShape, dim_at, dims_str
from .array_ops import reshape, shape, squeeze
from .comparison_ops import where
from .constant_folding import constant_shape, constant_value
from .join_ops import concat
from .registry import convert_to_tensor, execute, register, scope
from .shape_rules import shape_of


def _where_text(position):
    return ",".join(str(i) for i in position)


# -- gather -----------------------------------------------------------------------------------
def _gather_shape(p, i, axis, batch_dims):
    """The shape of `gather(params, indices, axis, batch_dims)` from the shapes p of params and
    i of indices (axis: None if unknown); raises for an axis or batch_dims that cannot fit."""
    if p.rank is None or i.rank is None:
        return TensorShape(None)
    b = batch_dims + i.rank if batch_dims < 0 else batch_dims
    if axis is None:
        return TensorShape([None] * (p.rank + i.rank - 1 - b))
    if not -p.rank <= axis < p.rank:
        raise ValueError("Shape must be at least rank %d but is rank %d"
                         % (axis + 1 if axis >= 0 else -axis, p.rank))
    a = axis % p.rank
    if b >= p.rank:
        raise ValueError("batch_dims (%d) must be less than rank(params) (%d)." % (b, p.rank))
    if b > a:
        raise ValueError("batch_dims (%d) must be less than or equal to axis (%d)." % (b, a))
    for d in range(b):
        m, n = dim_at(p, d), dim_at(i, d)
        if None not in (m, n) and m != n:
            raise ValueError("params.shape[%d]: %d should be equal to indices.shape[%d]: %d"
                             % (d, m, d, n))
    dims = p.as_list()
    return TensorShape(dims[:a] + i.as_list()[b:] + dims[a + 1:])


def _gather_plan(shape, indices, axis, batch_dims):
    """How `gather` reads params of `shape`: it moves the gathered axis a right after the b
    batch dimensions, indexes with (batch positions..., indices), then transposes the result by
    `perm` into TensorFlow's order: batch, outer, index and inner dimensions."""
    _gather_shape(TensorShape(shape), TensorShape(indices.shape), axis, batch_dims)
    r, k = len(shape), indices.ndim
    a, b = axis % r, batch_dims + k if batch_dims < 0 else batch_dims
    bad = (indices < 0) | (indices >= shape[a])
    if bad.any():
        at = tuple(np.argwhere(bad)[0])
        raise ValueError("indices[%s] = %d is not in [0, %d)"
                         % (_where_text(at), indices[at], shape[a]))
    grid = tuple(np.arange(shape[i]).reshape([-1 if j == i else 1 for j in range(k)])
                 for i in range(b))
    o = a - b
    perm = [*range(b), *range(k, k + o), *range(b, k), *range(k + o, k + r - 1 - b)]
    return a, b, grid + (indices,), perm


def _gather_kernel(params, indices, axis, batch_dims):
    a, b, key, perm = _gather_plan(params.shape, indices, int(axis), batch_dims)
    return np.transpose(np.moveaxis(params, a, b)[key], perm)


def _gather_grad_kernel(params_shape, indices, dy, axis, batch_dims):
    out = np.zeros(tuple(params_shape), dy.dtype)
    a, b, key, perm = _gather_plan(out.shape, indices, int(axis), batch_dims)
    np.add.at(np.moveaxis(out, a, b), key, np.transpose(dy, np.argsort(perm)))
    return out


def _gather_infer(inputs, batch_dims):
    params, indices, axis = inputs
    a = constant_value(axis)
    return [(params.dtype, _gather_shape(params.shape, indices.shape,
                                         None if a is None else int(a), batch_dims))]


register("GatherV2", "params: T, indices: index, axis: index", _gather_kernel, _gather_infer,
         lambda op, dy: [execute("GatherV2Grad", [shape_of(op.inputs[0]), op.inputs[1], dy,
                                                  op.inputs[2]],
                                 {"batch_dims": op.get_attr("batch_dims")}), None, None],
         grad_uses="none")
register("GatherV2Grad", "params_shape: index, indices: index, updates: T, axis: index",
         _gather_grad_kernel,
         lambda inputs, batch_dims: [(inputs[2].dtype, constant_shape(inputs[0]))],
         lambda op, ddx: [None, None, gather(ddx, op.inputs[1], axis=op.inputs[3],
                                             batch_dims=op.get_attr("batch_dims")), None],
         grad_uses="none")


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """The slices of `params` along `axis` at `indices`.

    The result has shape params.shape[:axis] + indices.shape[batch_dims:] +
    params.shape[axis + 1:]; with `batch_dims` b, the first b dimensions of params and indices
    are matched up instead of combined.

    Args:
      params: the tensor to read from.
      indices: an int32/int64 tensor of positions in [0, params.shape[axis]).
      validate_indices: ignored (as in TensorFlow); indices are always checked.
      axis: the dimension to gather along; defaults to `batch_dims`.
      batch_dims: the number of leading batch dimensions.
      name: the op name.

    Raises:
      InvalidArgumentError: for an index out of range.

    >>> minitf.gather(minitf.constant([[1, 2, 3], [4, 5, 6]]), [2, 0], axis=1)
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[3, 1],
           [6, 4]], dtype=int32)>
    """
    del validate_indices
    axis = batch_dims if axis is None else axis
    return execute("GatherV2", [params, indices, axis], {"batch_dims": batch_dims},
                   name=name or "GatherV2")


def gather_v1(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0):
    """TensorFlow 1.x's `gather` (its `name` comes before `axis`)."""
    return gather(params, indices, validate_indices, axis, batch_dims, name)


# -- gather_nd and scatter_nd -----------------------------------------------------------------
def _check_depth(k, rank):
    if k > rank:
        raise ValueError("index innermost dimension length must be <= params rank; saw: %d vs. %d"
                         % (k, rank))


def _nd_key(indices, shape):
    """`indices` (last dimension: a position in `shape`) as a numpy index tuple; checked."""
    k = indices.shape[-1]
    _check_depth(k, len(shape))
    bad = np.any((indices < 0) | (indices >= np.array(shape[:k], indices.dtype)), axis=-1)
    if bad.any():
        at = tuple(np.argwhere(bad)[0])
        raise ValueError("indices[%s] = [%s] does not index into param shape %s"
                         % (_where_text(at), ", ".join(map(str, indices[at])),
                            dims_str(TensorShape(shape))))
    return tuple(np.moveaxis(indices, -1, 0))


def _gather_nd_infer(inputs):
    params, indices = inputs
    p, i = params.shape, indices.shape
    if i.rank is None or dim_at(i, -1) is None or p.rank is None:
        return [(params.dtype, TensorShape(None))]
    _check_depth(dim_at(i, -1), p.rank)
    return [(params.dtype, TensorShape(i.as_list()[:-1] + p.as_list()[dim_at(i, -1):]))]


def _scatter_nd_kernel(indices, updates, shape):
    out = np.zeros(tuple(shape), updates.dtype)
    np.add.at(out, _nd_key(indices, out.shape), updates)
    return out


register("GatherNd", "params: T, indices: index",
         lambda params, indices: np.asarray(params[_nd_key(indices, params.shape)]),
         _gather_nd_infer,
         lambda op, dy: [scatter_nd(op.inputs[1], dy, shape_of(op.inputs[0])), None],
         grad_uses="none")
register("ScatterNd", "indices: index, updates: T, shape: index", _scatter_nd_kernel,
         lambda inputs: [(inputs[1].dtype, constant_shape(inputs[2]))],
         lambda op, dy: [None, gather_nd(dy, op.inputs[0]), None], grad_uses="none")


def gather_nd(params, indices, batch_dims=0, name=None):
    """The elements or slices of `params` at the positions in the last dimension of `indices`.

    The result has shape indices.shape[:-1] + params.shape[indices.shape[-1]:].

    Raises:
      InvalidArgumentError: for a position outside `params`.
      NotImplementedError: for `batch_dims` other than 0.

    >>> minitf.gather_nd(minitf.constant([[1, 2], [3, 4]]), [[0, 1], [1, 0]])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    if batch_dims:
        raise NotImplementedError("minitf's gather_nd supports batch_dims=0 only.")
    return execute("GatherNd", [params, indices], name=name or "GatherNd")


def scatter_nd(indices, updates, shape, name=None):
    """Zeros of `shape` with `updates` added at the positions in the last dimension of `indices`
    (updates to the same position add up).

    >>> minitf.scatter_nd([[1], [1], [3]], [1., 2., 5.], [4])
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0., 3., 0., 5.], dtype=float32)>
    """
    return execute("ScatterNd", [indices, updates, shape], name=name or "ScatterNd")


# -- boolean_mask -----------------------------------------------------------------------------
def _dims(t, lo, hi):
    """Dimensions lo..hi-1 of `t`: ints where static, else scalar tensors read at run time."""
    dims = [dim_at(t.shape, i) for i in range(lo, hi)]
    return [d if d is not None else shape(t)[i] for i, d in zip(range(lo, hi), dims)]


def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    """The slices of `tensor` where the bool `mask` is true, flattened into one dimension.

    `mask` covers dimensions axis..axis+mask.rank-1 of `tensor` and must match their shape.

    Raises:
      ValueError: for a scalar mask, or one whose shape does not match `tensor`.

    >>> minitf.boolean_mask(minitf.constant([[1, 2], [3, 4]]), [False, True])
    <tf.Tensor: shape=(1, 2), dtype=int32, numpy=array([[3, 4]], dtype=int32)>
    """
    with scope(name):
        tensor = convert_to_tensor(tensor, name="tensor")
        mask = convert_to_tensor(mask, name="mask")
        k, r = mask.shape.rank, tensor.shape.rank
        if k is None:
            raise ValueError("Number of mask dimensions must be specified, even if some "
                             "dimensions are None.  E.g. shape=[None] is ok, but shape=None is "
                             "not.")
        if k == 0:
            raise ValueError("mask cannot be scalar.")
        axis = 0 if axis is None else axis
        if axis < 0:
            if r is None:
                raise ValueError("A negative axis needs the rank of %s." % (tensor,))
            axis += r
        masked = tensor.shape[axis:axis + k]
        if not masked.is_compatible_with(mask.shape):
            raise ValueError("Shapes %s and %s are incompatible" % (masked, mask.shape))
        n = masked.num_elements()
        if r is None:
            s = shape(tensor)
            flat = reshape(tensor, concat([s[:axis], [-1], s[axis + k:]], 0))
        else:
            flat = reshape(tensor, _dims(tensor, 0, axis) + [-1 if n is None else n] +
                           _dims(tensor, axis + k, r))
        indices = squeeze(where(reshape(mask, [-1])), axis=[1])
        return execute("GatherV2", [flat, indices, axis], {"batch_dims": 0}, name="GatherV2")


def boolean_mask_v1(tensor, mask, name="boolean_mask", axis=None):
    """TensorFlow 1.x's `boolean_mask` (its `name` comes before `axis`)."""
    return boolean_mask(tensor, mask, axis, name)


# -- one_hot ----------------------------------------------------------------------------------
def _one_hot_shape(s, depth_shape, depth, axis):
    """The shape of `one_hot(indices, depth, axis=axis)` for indices of shape `s` (depth: None
    when unknown)."""
    if depth_shape.rank:
        raise ValueError("depth must be a scalar, but got: %s" % dims_str(depth_shape))
    depth = None if depth is None else int(depth)
    if depth is not None and depth < 0:
        raise ValueError("depth must be non-negative, got: %d" % depth)
    if s.rank is None:
        return TensorShape(None)
    if not -1 <= axis <= s.rank:
        raise ValueError("Expected axis to be -1 or between [0, %d).  But received: %d"
                         % (s.rank + 1, axis))
    dims = s.as_list()
    a = len(dims) if axis == -1 else axis
    return TensorShape(dims[:a] + [depth] + dims[a:])


def _one_hot_kernel(indices, depth, on_value, off_value, axis):
    _one_hot_shape(TensorShape(indices.shape), TensorShape(np.shape(depth)), depth, axis)
    hot = indices[..., None] == np.arange(depth)
    return np.moveaxis(np.where(hot, on_value, off_value).astype(on_value.dtype), -1, axis)


def _one_hot_infer(inputs, axis):
    indices, depth, on_value, _ = inputs
    return [(on_value.dtype, _one_hot_shape(indices.shape, depth.shape, constant_value(depth),
                                            axis))]


register("OneHot", "indices: index, depth: int32, on_value: T, off_value: T", _one_hot_kernel,
         _one_hot_infer, None)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """For each index, a vector of length `depth` holding `on_value` at that index and
    `off_value` elsewhere (an index outside [0, depth) gives all `off_value`).

    Args:
      indices: an int tensor.
      depth: the length of each vector.
      on_value, off_value: the two values (default 1 and 0).
      axis: where the new dimension goes (default -1, last).
      dtype: the result's dtype; by default that of `on_value` or `off_value`, else float32.
      name: the op name.

    Raises:
      TypeError: if `on_value`, `off_value` and `dtype` disagree.

    >>> minitf.one_hot([0, 2], 3)
    <tf.Tensor: shape=(2, 3), dtype=float32, numpy=
    array([[1., 0., 0.],
           [0., 0., 1.]], dtype=float32)>
    """
    with scope(name or "one_hot") as s:
        dtype = None if dtype is None else dtypes.as_dtype(dtype)
        given = {}
        for key, v in (("on_value", on_value), ("off_value", off_value)):
            if v is not None:
                given[key] = convert_to_tensor(v, dtype, name=key)
        kinds = {t.dtype for t in given.values()}
        if len(kinds) > 1:
            raise TypeError("dtype %s of on_value does not match dtype %s of off_value"
                            % (given["on_value"].dtype, given["off_value"].dtype))
        dtype = dtype or (kinds.pop() if kinds else dtypes.float32)
        for key, v in (("on_value", 1), ("off_value", 0)):
            if key not in given:
                given[key] = convert_to_tensor(np.array(v, dtype.np), name=key)
        return execute("OneHot", [indices, depth, given["on_value"], given["off_value"]],
                       {"axis": -1 if axis is None else axis}, name=s)

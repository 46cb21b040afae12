"""Losses: the softmax cross entropies (labels as distributions, or as class indices), the
logistic loss sigmoid_cross_entropy_with_logits, and l2_loss.

The softmax cross entropies are computed like log_softmax (from nn_ops' `shifted`) and the
logistic loss from softplus, so they stay finite and >= 0 at extreme logits (+-1000). Each op's
kernel, shape rule and gradient stand together below its banner.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import SCALAR, TensorShape, broadcast_shapes, dim_list, dims_str
from .activation_ops import softplus
from .arithmetic_ops import add, cast, negative
from .array_ops import expand_dims, stop_gradient
from .comparison_ops import where
from .deprecation import deprecated_alias
from .fill_ops import zeros_like
from .kernels import quiet
from .nn_ops import check_rank, class_axis, log_softmax, shifted, softmax
from .registry import convert_to_tensor, execute, register, scope
from .shape_rules import sum_to

FLOATS = dtypes.FLOATS


# -- cross-entropy losses ---------------------------------------------------------------------
def _check_xent(logits_dims, labels_dims):
    """Raises ValueError unless labels broadcast to the shape of logits (rank >= 1)."""
    if logits_dims is None:
        return
    check_rank(len(logits_dims))
    if labels_dims is None:
        return
    lead = len(logits_dims) - len(labels_dims)
    if lead < 0 or any(b not in (None, 1) and a is not None and a != b
                       for a, b in zip(logits_dims[lead:], labels_dims)):
        raise ValueError("logits and labels must be broadcastable: logits_size=%s labels_size=%s"
                         % (dims_str(TensorShape(logits_dims)), dims_str(TensorShape(labels_dims))))


def _without(dims, axis):
    return TensorShape(None if dims is None else dims[:axis % len(dims)]
                       + dims[axis % len(dims) + 1:])


def _xent_kernel(features, labels, axis):
    _check_xent(features.shape, labels.shape)
    y, log_sum = shifted(features, axis)
    return np.sum(labels * (log_sum - y), axis, dtype=features.dtype)


def _xent_infer(inputs, axis):
    logits, labels = inputs
    _check_xent(dim_list(logits.shape), dim_list(labels.shape))
    s = logits.shape if labels.shape.rank is None else broadcast_shapes(logits.shape, labels.shape)
    return [(logits.dtype, _without(dim_list(s), axis))]


def _xent_grad(op, dy):
    logits, labels = op.inputs
    axis = op.get_attr("axis")
    dy = expand_dims(dy, axis)
    return [dy * (softmax(logits, axis) - labels),
            sum_to(dy * negative(log_softmax(logits, axis)), labels)]


register("SoftmaxCrossEntropyWithLogits", "features: T, labels: T", quiet(_xent_kernel),
         _xent_infer, _xent_grad, types={"T": FLOATS}, grad_uses="inputs")


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """The cross-entropy `-sum(labels * log_softmax(logits), axis)` of each example.

    Args:
      labels: a probability distribution along `axis` per example, broadcast to the shape of
        `logits` and cast to its dtype. The gradient flows to it too. As in TensorFlow, the
        gradient for `logits` is `softmax(logits) - labels`, exact when labels sum to 1.
      logits: unscaled log-probabilities, rank >= 1.
      axis: the class dimension.

    Returns:
      A tensor with the shape of `logits` without `axis`.

    >>> minitf.nn.softmax_cross_entropy_with_logits([0.0, 1.0], [-1000.0, 1000.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    with scope(name or "softmax_cross_entropy_with_logits") as s:
        logits = convert_to_tensor(logits, name="logits")
        labels = cast(convert_to_tensor(labels, name="labels", dtype_hint=logits.dtype),
                      logits.dtype)
        return execute("SoftmaxCrossEntropyWithLogits", [logits, labels],
                       {"axis": class_axis(logits, axis)}, name=s)


def softmax_cross_entropy_with_logits_v1(labels=None, logits=None, dim=-1, name=None,
                                         axis=None):
    """TensorFlow 1.x's form of `softmax_cross_entropy_with_logits`: no gradient reaches
    `labels`; `dim` is the old name of `axis`."""
    with scope(name or "softmax_cross_entropy_with_logits_sg") as s:
        labels = stop_gradient(labels, name="labels_stop_gradient")
        return softmax_cross_entropy_with_logits(labels, logits, dim if axis is None else axis,
                                                 name=s)


def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None):
    """TensorFlow 1.x's name for the 2.x `softmax_cross_entropy_with_logits` (the gradient
    reaches `labels`), which also takes `dim`, the older name of `axis`."""
    axis = deprecated_alias(axis, dim, "axis", "dim")
    return softmax_cross_entropy_with_logits(labels, logits, -1 if axis is None else axis, name)


def _check_sparse(labels_dims, logits_dims):
    if logits_dims is not None and not logits_dims:
        raise ValueError("`logits` cannot be a scalar.")
    if labels_dims is None or logits_dims is None:
        return
    labels, logits = TensorShape(labels_dims), TensorShape(logits_dims)
    if labels.rank != logits.rank - 1:
        raise ValueError("`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                         "labels.shape=%s of rank %d and logits.shape=%s of rank %d"
                         % (labels, labels.rank, logits, logits.rank))
    if not labels.is_compatible_with(logits_dims[:-1]):
        raise ValueError("`labels.shape` must equal `logits.shape` except for the last dimension. "
                         "Received: labels.shape=%s and logits.shape=%s" % (labels, logits))


def _sparse_xent_kernel(features, labels):
    """The loss, and the labels one-hot (which the gradient needs)."""
    n = features.shape[-1]
    if labels.size and (labels.min() < 0 or labels.max() >= n):
        bad = labels[(labels < 0) | (labels >= n)].flat[0]
        raise InvalidArgumentError(None, None, "Received a label value of %d which is outside "
                                   "the valid range of [0, %d).  Label values: %s"
                                   % (bad, n, " ".join(map(str, labels.flat))))
    one_hot = np.zeros_like(features)
    np.put_along_axis(one_hot, labels[..., None], 1, axis=-1)
    y, log_sum = shifted(features, -1)
    return (log_sum - np.take_along_axis(y, labels[..., None], axis=-1))[..., 0], one_hot


def _sparse_xent_infer(inputs):
    logits, labels = inputs
    _check_sparse(dim_list(labels.shape), dim_list(logits.shape))
    s = logits.shape if labels.shape.rank is None else logits.shape.merge_with(
        labels.shape.as_list() + [None])
    return [(logits.dtype, _without(dim_list(s), -1)), (logits.dtype, s)]


def _sparse_xent_grad(op, dy, _):
    logits, one_hot = op.inputs[0], op.outputs[1]
    return [expand_dims(dy, -1) * (softmax(logits) - one_hot), None]


register("SparseSoftmaxCrossEntropyWithLogits", "features: T, labels: Tlabels",
         quiet(_sparse_xent_kernel), _sparse_xent_infer, _sparse_xent_grad, multi=True,
         types={"T": FLOATS, "Tlabels": {dtypes.int32, dtypes.int64}})


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    """The cross-entropy `-log_softmax(logits)[label]` of each example; `labels` hold class
    indices and get no gradient.

    Args:
      labels: int32/int64 indices in [0, classes), of shape `logits.shape[:-1]`.
      logits: unscaled log-probabilities, classes along the last dimension.

    Raises:
      ValueError: if the shapes do not fit. InvalidArgumentError: for a label out of range.

    >>> minitf.nn.sparse_softmax_cross_entropy_with_logits([0], [[-1000.0, 1000.0]])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([2000.], dtype=float32)>
    """
    with scope(name or "SparseSoftmaxCrossEntropyWithLogits"):
        labels = convert_to_tensor(labels, name="labels")
        logits = convert_to_tensor(logits, name="logits")
        _check_sparse(dim_list(labels.shape), dim_list(logits.shape))
        return execute("SparseSoftmaxCrossEntropyWithLogits", [logits, labels],
                       name="SparseSoftmaxCrossEntropyWithLogits")[0]


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """The elementwise logistic loss `-labels * log(sigmoid(logits)) - (1 - labels) *
    log(1 - sigmoid(logits))`, computed as `max(x, 0) - x * z + softplus(-|x|)`.

    Raises:
      ValueError: if `labels` and `logits` have different shapes.

    >>> minitf.nn.sigmoid_cross_entropy_with_logits([0.0, 1.0], [-1000.0, 1000.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 0.], dtype=float32)>
    """
    with scope(name or "logistic_loss") as s:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        if not labels.shape.is_compatible_with(logits.shape):
            raise ValueError("`logits` and `labels` must have the same shape, received (%s vs "
                             "%s)." % (logits.shape, labels.shape))
        zeros = zeros_like(logits)
        positive = logits >= zeros
        relu_logits = where(positive, logits, zeros)
        neg_abs_logits = where(positive, negative(logits), logits)
        return add(relu_logits - logits * labels, softplus(neg_abs_logits), name=s)


# -- l2_loss ----------------------------------------------------------------------------------
register("L2Loss", "t: T", quiet(lambda t: np.asarray(np.sum(t * t, dtype=t.dtype) / 2, t.dtype)),
         lambda inputs: [(inputs[0].dtype, SCALAR)], lambda op, dy: [op.inputs[0] * dy],
         types={"T": FLOATS}, grad_uses="inputs")


def l2_loss(t, name=None):
    """`sum(t ** 2) / 2`, a scalar.

    >>> minitf.nn.l2_loss([1.0, 2.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
    """
    return execute("L2Loss", [t], name=name or "L2Loss")

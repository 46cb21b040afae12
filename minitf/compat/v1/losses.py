"""`tf.compat.v1.losses`: TensorFlow 1.x's loss functions. Each takes labels, predictions (or
logits) and `weights`, and reduces the weighted elementwise losses to a scalar, by default the
sum divided by the number of nonzero weights (`Reduction.SUM_BY_NONZERO_WEIGHTS`); in a graph
the loss is also added to the `GraphKeys.LOSSES` collection, which `get_total_loss` adds up.
"""
from ...framework import dtypes
from ...framework.context import executing_eagerly
from ...framework.graph import GraphKeys, get_default_graph
from ...framework.name_scope import name_scope_v1 as name_scope
from ...ops import arithmetic_ops, array_ops, fill_ops, loss_ops, reduction_ops
from ...ops.registry import convert_to_tensor


class Reduction:
    """How `compute_weighted_loss` reduces the weighted losses."""
    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE,
                cls.SUM_OVER_NONZERO_WEIGHTS, cls.SUM_BY_NONZERO_WEIGHTS)


def compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """`losses * weights`, reduced as `reduction` says (the reduced value is the op "value").

    Raises:
      ValueError: for an unknown reduction.

    >>> float(minitf.compat.v1.losses.compute_weighted_loss([1.0, 3.0], weights=[1.0, 0.0]))
    1.0
    """
    if reduction not in Reduction.all():
        raise ValueError("Invalid Reduction Key %s." % (reduction,))
    with name_scope(scope, "weighted_loss"):
        losses = convert_to_tensor(losses)
        input_dtype = losses.dtype
        losses = arithmetic_ops.cast(losses, dtypes.float32)
        weights = arithmetic_ops.cast(weights, dtypes.float32)
        loss = arithmetic_ops.multiply(losses, weights)
        if reduction != Reduction.NONE:
            loss = reduction_ops.reduce_sum(loss)
            if reduction == Reduction.MEAN:
                count = reduction_ops.reduce_sum(fill_ops.ones_like(losses) * weights)
            elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
                with name_scope(None, "num_present"):
                    present = fill_ops.broadcast_to(weights, array_ops.shape(losses))
                    count = arithmetic_ops.cast(reduction_ops.count_nonzero(present),
                                                dtypes.float32)
            elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
                count = arithmetic_ops.cast(array_ops.size(losses), dtypes.float32)
            if reduction != Reduction.SUM:
                loss = arithmetic_ops.divide_no_nan(reduction_ops.reduce_sum(loss), count,
                                                    name="value")
        loss = arithmetic_ops.cast(loss, input_dtype)
        if loss_collection and not executing_eagerly():
            get_default_graph().add_to_collection(loss_collection, loss)
        return loss


def _pair(labels, predictions, what):
    if labels is None:
        raise ValueError("Argument `labels` must not be None.")
    if predictions is None:
        raise ValueError("Argument `%s` must not be None." % what)
    predictions = arithmetic_ops.cast(predictions, dtypes.float32)
    labels = arithmetic_ops.cast(labels, dtypes.float32)
    predictions.shape.assert_is_compatible_with(labels.shape)
    return labels, predictions


def mean_squared_error(labels, predictions, weights=1.0, scope=None,
                       loss_collection=GraphKeys.LOSSES,
                       reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The weighted mean of `(predictions - labels)**2`.

    Raises:
      ValueError: if labels or predictions are None, or their shapes differ.

    >>> float(minitf.compat.v1.losses.mean_squared_error([1.0, 2.0], [1.0, 4.0]))
    2.0
    """
    with name_scope(scope, "mean_squared_error") as scope:
        labels, predictions = _pair(labels, predictions, "predictions")
        losses = arithmetic_ops.squared_difference(predictions, labels)
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def absolute_difference(labels, predictions, weights=1.0, scope=None,
                        loss_collection=GraphKeys.LOSSES,
                        reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The weighted mean of `|predictions - labels|`.

    >>> float(minitf.compat.v1.losses.absolute_difference([1.0, 2.0], [1.0, 4.0]))
    1.0
    """
    with name_scope(scope, "absolute_difference") as scope:
        labels, predictions = _pair(labels, predictions, "predictions")
        losses = arithmetic_ops.abs(arithmetic_ops.subtract(predictions, labels))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None,
                                 loss_collection=GraphKeys.LOSSES,
                                 reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The weighted mean of the softmax cross entropy of `logits` against class indices.

    >>> round(float(minitf.compat.v1.losses.sparse_softmax_cross_entropy([0], [[0.0, 0.0]])), 4)
    0.6931
    """
    with name_scope(scope, "sparse_softmax_cross_entropy_loss") as scope:
        losses = loss_ops.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits,
                                                                   name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The weighted mean of the softmax cross entropy of `logits` against one-hot labels,
    smoothed towards `1 / num_classes` by `label_smoothing`.

    >>> round(float(minitf.compat.v1.losses.softmax_cross_entropy([[1.0, 0.0]], [[0.0, 0.0]])), 4)
    0.6931
    """
    with name_scope(scope, "softmax_cross_entropy_loss") as scope:
        logits = convert_to_tensor(logits)
        labels = arithmetic_ops.cast(onehot_labels, logits.dtype)
        if label_smoothing:
            classes = arithmetic_ops.cast(array_ops.shape(labels)[-1], logits.dtype)
            labels = labels * (1.0 - label_smoothing) + label_smoothing / classes
        losses = loss_ops.softmax_cross_entropy_with_logits_v2(
            labels=array_ops.stop_gradient(labels), logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The weighted mean of the sigmoid cross entropy of `logits` against 0/1 labels, smoothed
    towards 1/2 by `label_smoothing`.

    >>> round(float(minitf.compat.v1.losses.sigmoid_cross_entropy([[1.0]], [[0.0]])), 4)
    0.6931
    """
    with name_scope(scope, "sigmoid_cross_entropy_loss") as scope:
        logits = convert_to_tensor(logits)
        labels = arithmetic_ops.cast(multi_class_labels, logits.dtype)
        if label_smoothing:
            labels = labels * (1.0 - label_smoothing) + 0.5 * label_smoothing
        losses = loss_ops.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits,
                                                            name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES):
    """The losses added to `loss_collection` (of ops under `scope`) in the default graph."""
    return get_default_graph().get_collection(loss_collection, scope)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
    """The sum of `get_losses(scope)` (minitf has no regularization losses to add).

    Raises:
      ValueError: if no loss was added.
    """
    losses = get_losses(scope)
    if not losses:
        raise ValueError("No losses found in the default graph: the losses of "
                         "tf.compat.v1.losses functions are collected when built in a graph.")
    return arithmetic_ops.add_n(losses, name=name)

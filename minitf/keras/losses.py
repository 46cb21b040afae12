"""`minitf.keras.losses`: loss functions (one value per example) and the `Loss` classes that
weight and reduce them to a scalar, as Keras 2 does.

A `Loss(y_true, y_pred, sample_weight)` computes the per-example losses (the mean over the
last axis, for the elementwise ones), multiplies them by `sample_weight` and reduces them by
its `reduction`: "sum_over_batch_size" (the default "auto": the sum divided by the number of
elements), "sum", or "none". When both arguments are tensors, a trailing axis of size 1 that
one has and the other lacks is squeezed first, as Keras does (numpy arguments are taken as
they are). The crossentropies of a `sigmoid`/`softmax` output use its logits (see
`keras.activations`).
"""
import warnings

from ..framework.name_scope import name_scope
from ..framework.shapes import dim_at
from ..framework.tensor import Tensor
from ..ops import (arithmetic_ops, array_ops, clip_ops, join_ops, loss_ops, math_ops,
                   reduction_ops)
from ..ops.registry import convert_to_tensor
from . import activations, backend


class Reduction:
    """The ways a `Loss` reduces the weighted per-example losses."""
    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError('Invalid Reduction Key: %s. Expected keys are "%s"'
                             % (key, cls.all()))


# -- shapes and weighting -----------------------------------------------------------------------
def squeeze_or_expand_dimensions(y_pred, y_true=None, sample_weight=None):
    """Keras' shape reconciliation: drops a trailing axis of size 1 from `y_pred` or `y_true`
    when their ranks differ by one, and fits the rank of `sample_weight` to `y_pred`'s."""
    pred_rank = y_pred.shape.rank
    if y_true is not None:
        true_rank = y_true.shape.rank
        if pred_rank is not None and true_rank is not None:
            diff = pred_rank - true_rank
            if diff == 1 and _last_may_be_one(y_pred):
                y_pred = array_ops.squeeze(y_pred, [-1])
            elif diff == -1 and _last_may_be_one(y_true):
                y_true = array_ops.squeeze(y_true, [-1])
    if sample_weight is None:
        return y_pred, y_true
    weight_rank = sample_weight.shape.rank
    if weight_rank and pred_rank is not None:
        if weight_rank - pred_rank == 1:
            sample_weight = array_ops.squeeze(sample_weight, [-1])
        elif pred_rank - weight_rank == 1:
            sample_weight = array_ops.expand_dims(sample_weight, -1)
    return y_pred, y_true, sample_weight


def _last_may_be_one(t):
    return t.shape.rank > 0 and dim_at(t.shape, -1) in (None, 1)


def compute_weighted_loss(losses, sample_weight=None, reduction=Reduction.SUM_OVER_BATCH_SIZE):
    """`losses * sample_weight`, reduced by `reduction` (see `Reduction`)."""
    Reduction.validate(reduction)
    if reduction == Reduction.AUTO:
        reduction = Reduction.SUM_OVER_BATCH_SIZE
    losses = convert_to_tensor(losses)
    if not losses.dtype.is_floating:
        losses = arithmetic_ops.cast(losses, "float32")
    weight = convert_to_tensor(1.0 if sample_weight is None else sample_weight)
    weight = arithmetic_ops.cast(weight, losses.dtype)
    losses, _, weight = squeeze_or_expand_dimensions(losses, None, weight)
    weighted = arithmetic_ops.multiply(losses, weight)
    if reduction == Reduction.NONE:
        return weighted
    total = reduction_ops.reduce_sum(weighted)
    if reduction == Reduction.SUM:
        return total
    count = arithmetic_ops.cast(array_ops.size(weighted), losses.dtype)
    return arithmetic_ops.divide_no_nan(total, count, name="value")


# -- the loss functions -------------------------------------------------------------------------
def _prepare(y_true, y_pred):
    y_pred = convert_to_tensor(y_pred)
    return arithmetic_ops.cast(y_true, y_pred.dtype), y_pred


def mean_squared_error(y_true, y_pred):
    """`mean((y_pred - y_true) ** 2)` over the last axis.

    >>> minitf.keras.losses.mean_squared_error([[0.0, 1.0]], [[1.0, 1.0]])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5], dtype=float32)>
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    return reduction_ops.reduce_mean(arithmetic_ops.squared_difference(y_pred, y_true), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """`mean(|y_pred - y_true|)` over the last axis."""
    y_true, y_pred = _prepare(y_true, y_pred)
    return reduction_ops.reduce_mean(arithmetic_ops.abs(y_pred - y_true), axis=-1)


def _logits(output, from_logits, op_type, fn_name):
    """(the tensor to compute from, whether it holds logits), Keras' way."""
    logits = activations.logits_of(output, op_type)
    if logits is None:
        return output, from_logits
    if from_logits:
        warnings.warn('"`%s` received `from_logits=True`, but the `output` argument was produced '
                      'by a %s activation and thus does not represent logits. Was this '
                      'intended?' % (fn_name, op_type), stacklevel=3)
    return logits, True


def _epsilon(dtype):
    return convert_to_tensor(backend.epsilon(), dtype)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """The mean over `axis` of `-(y log p + (1 - y) log(1 - p))`, p = `y_pred` clipped to
    [eps, 1 - eps] (or `sigmoid(y_pred)` when `from_logits`).

    >>> float(minitf.keras.losses.binary_crossentropy([[1.0]], [[0.0]], from_logits=True)[0])
    0.6931471824645996
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    output, from_logits = _logits(y_pred, from_logits, "Sigmoid", "binary_crossentropy")
    if from_logits:
        elementwise = loss_ops.sigmoid_cross_entropy_with_logits(labels=y_true, logits=output)
    else:
        eps = _epsilon(output.dtype)
        output = clip_ops.clip_by_value(output, eps, 1.0 - eps)
        bce = y_true * math_ops.log(output + backend.epsilon())
        bce += (1 - y_true) * math_ops.log(1 - output + backend.epsilon())
        elementwise = -bce
    return reduction_ops.reduce_mean(elementwise, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """`-sum(y_true * log(p))` over `axis`, p = `y_pred` normalized to sum to 1 and clipped to
    [eps, 1 - eps] (or `softmax(y_pred)` when `from_logits`).

    Raises:
      ValueError: if the shapes of `y_true` and `y_pred` differ.
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    y_true.shape.assert_is_compatible_with(y_pred.shape)
    if label_smoothing:
        classes = arithmetic_ops.cast(array_ops.shape(y_true)[-1], y_pred.dtype)
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / classes
    output, from_logits = _logits(y_pred, from_logits, "Softmax", "categorical_crossentropy")
    if from_logits:
        return loss_ops.softmax_cross_entropy_with_logits(labels=y_true, logits=output,
                                                          axis=axis)
    output = output / reduction_ops.reduce_sum(output, axis, keepdims=True)
    eps = _epsilon(output.dtype)
    output = clip_ops.clip_by_value(output, eps, 1.0 - eps)
    return -reduction_ops.reduce_sum(y_true * math_ops.log(output), axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1):
    """`-log(p[y_true])`, with integer class labels `y_true` (of shape `y_pred.shape[:-1]`, or
    with a trailing axis of size 1) and p as in `categorical_crossentropy`.

    Raises:
      ValueError: if `axis` is not the last axis.
    """
    y_pred = convert_to_tensor(y_pred)
    target = arithmetic_ops.cast(y_true, "int64")
    rank = y_pred.shape.rank
    if axis not in (-1, None if rank is None else rank - 1):
        raise ValueError("sparse_categorical_crossentropy supports only the last axis here "
                         "(axis=-1), got axis=%s." % axis)
    output, from_logits = _logits(y_pred, from_logits, "Softmax",
                                  "sparse_categorical_crossentropy")
    if not from_logits:
        eps = _epsilon(output.dtype)
        output = math_ops.log(clip_ops.clip_by_value(output, eps, 1 - eps))
    reshape = target.shape.rank is not None and rank is not None and target.shape.rank != rank - 1
    if reshape:
        target = array_ops.reshape(target, [-1])
        output_shape = array_ops.shape(output)
        output = array_ops.reshape(output, join_ops.stack([-1, output_shape[-1]]))
    result = loss_ops.sparse_softmax_cross_entropy_with_logits(labels=target, logits=output)
    if reshape and rank >= 3:
        result = array_ops.reshape(result, output_shape[:-1])
    return result


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error


# -- the Loss classes ---------------------------------------------------------------------------
class Loss:
    """The base class: `call(y_true, y_pred)` gives per-example losses; calling the object
    weights and reduces them.

    Args:
      reduction: one of `Reduction.all()`.
      name: the name scope of its ops.

    Raises:
      ValueError: for an unknown reduction.
    """

    def __init__(self, reduction=Reduction.AUTO, name=None):
        Reduction.validate(reduction)
        self.reduction = reduction
        self.name = name

    def __call__(self, y_true, y_pred, sample_weight=None):
        with name_scope(self.name or type(self).__name__):
            losses = self.call(y_true, y_pred)
            return compute_weighted_loss(losses, sample_weight, self.reduction)

    def call(self, y_true, y_pred):
        raise NotImplementedError("Loss subclasses implement call(y_true, y_pred).")


class LossFunctionWrapper(Loss):
    """A Loss from a loss function `fn(y_true, y_pred, **kwargs)`."""

    def __init__(self, fn, reduction=Reduction.AUTO, name=None, **kwargs):
        super().__init__(reduction, name)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        if isinstance(y_pred, Tensor) and isinstance(y_true, Tensor):
            y_pred, y_true = squeeze_or_expand_dimensions(y_pred, y_true)
        return self.fn(y_true, y_pred, **self._fn_kwargs)


class MeanSquaredError(LossFunctionWrapper):
    """The mean of squared errors.

    >>> minitf.keras.losses.MeanSquaredError()([[0.0, 1.0]], [[1.0, 1.0]])
    <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
    """

    def __init__(self, reduction=Reduction.AUTO, name="mean_squared_error"):
        super().__init__(mean_squared_error, reduction, name)


class MeanAbsoluteError(LossFunctionWrapper):
    """The mean of absolute errors."""

    def __init__(self, reduction=Reduction.AUTO, name="mean_absolute_error"):
        super().__init__(mean_absolute_error, reduction, name)


class BinaryCrossentropy(LossFunctionWrapper):
    """Binary crossentropy between labels in {0, 1} and probabilities (or logits, with
    `from_logits=True`)."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction=Reduction.AUTO,
                 name="binary_crossentropy"):
        super().__init__(binary_crossentropy, reduction, name, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


class CategoricalCrossentropy(LossFunctionWrapper):
    """Crossentropy between one-hot labels and class probabilities (or logits, with
    `from_logits=True`)."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction=Reduction.AUTO,
                 name="categorical_crossentropy"):
        super().__init__(categorical_crossentropy, reduction, name, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Crossentropy between integer class labels and class probabilities (or logits, with
    `from_logits=True`).

    >>> loss = minitf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    >>> float(loss([1], [[0.0, 0.0]]))
    0.6931471824645996
    """

    def __init__(self, from_logits=False, reduction=Reduction.AUTO,
                 name="sparse_categorical_crossentropy"):
        super().__init__(sparse_categorical_crossentropy, reduction, name,
                         from_logits=from_logits)


_FUNCTIONS = {"mean_squared_error": mean_squared_error, "mse": mse, "MSE": mse,
              "mean_absolute_error": mean_absolute_error, "mae": mae, "MAE": mae,
              "binary_crossentropy": binary_crossentropy,
              "categorical_crossentropy": categorical_crossentropy,
              "sparse_categorical_crossentropy": sparse_categorical_crossentropy}
_CLASSES = {cls.__name__: cls for cls in (MeanSquaredError, MeanAbsoluteError, BinaryCrossentropy,
                                          CategoricalCrossentropy, SparseCategoricalCrossentropy)}


def get(identifier):
    """A loss from its name: a function's name ("mse", "binary_crossentropy") gives the
    function, a class name ("MeanSquaredError") an instance; a callable is returned as is.

    Raises:
      ValueError: for an unknown name, or what is neither a name nor callable.
    """
    if callable(identifier):
        return identifier
    if not isinstance(identifier, str):
        raise ValueError("Could not interpret loss function identifier: %s" % (identifier,))
    if identifier in _FUNCTIONS:
        return _FUNCTIONS[identifier]
    if identifier in _CLASSES:
        return _CLASSES[identifier]()
    raise ValueError("Unknown loss function: '%s'. Please ensure you are using a "
                     "`keras.utils.custom_object_scope` and that this object is included in the "
                     "scope. See https://www.tensorflow.org/guide/keras/save_and_serialize"
                     "#registering_the_custom_object for details." % (identifier,))

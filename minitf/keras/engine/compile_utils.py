"""What `compile(loss=..., metrics=...)` turns into: `LossesContainer` (the loss, and the
running mean "loss" of its values over the batches, weighted by batch size) and
`MetricsContainer` (the metrics, resolved from names on the first batch, when the shapes of
labels and predictions tell which "accuracy" is meant)."""
from ...framework.shapes import dim_at
from ...ops import arithmetic_ops, array_ops
from ...ops.registry import convert_to_tensor
from .. import losses as losses_mod
from .. import metrics as metrics_mod


class LossesContainer:
    """The compiled loss: `container(y_true, y_pred, sample_weight)` is the loss to minimize,
    and updates the "loss" metric."""

    def __init__(self, loss):
        loss = losses_mod.get(loss)
        if not isinstance(loss, losses_mod.Loss):
            loss = losses_mod.LossFunctionWrapper(loss, name=getattr(loss, "__name__", None))
        self._loss = loss
        self._loss_metric = metrics_mod.Mean(name="loss")
        self._called = False

    @property
    def metrics(self):
        """The "loss" metric, once the loss has been computed."""
        return [self._loss_metric] if self._called else []

    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        _check_single(y_pred)
        self._called = True
        y_true = convert_to_tensor(y_true)
        value = self._loss(y_true, y_pred, sample_weight)
        for extra in regularization_losses or []:  # the "loss" metric includes them, as in Keras
            value = value + arithmetic_ops.cast(extra, value.dtype)
        self._loss_metric.update_state(value, sample_weight=array_ops.shape(y_true)[0])
        return value


class MetricsContainer:
    """The compiled metrics, updated with each batch's labels and predictions."""

    def __init__(self, metrics):
        self._given = [metrics] if isinstance(metrics, str) else list(metrics or [])
        self._metrics = None
        for m in self._given:  # an unknown name fails now, not in the middle of a step
            if not callable(m) and not _is_accuracy(m):
                metrics_mod.get(m)

    @property
    def metrics(self):
        return list(self._metrics or [])

    def update_state(self, y_true, y_pred, sample_weight=None):
        _check_single(y_pred)
        y_true, y_pred = convert_to_tensor(y_true), convert_to_tensor(y_pred)
        if self._metrics is None:
            self._metrics = [_metric_object(m, y_true, y_pred) for m in self._given]
        for m in self._metrics:
            m.update_state(y_true, y_pred, sample_weight)


def _check_single(y_pred):
    if isinstance(y_pred, (list, tuple, dict)):
        raise NotImplementedError("The compiled loss supports models with one output; this "
                                  "model returned %d. Compute the losses in a custom "
                                  "`train_step` instead." % len(y_pred))


def _metric_object(metric, y_true, y_pred):
    """A Metric from what `compile` was given: a Metric, a function, or a name; "accuracy" is
    binary, sparse categorical or categorical by the shapes, as in Keras."""
    if isinstance(metric, metrics_mod.Metric):
        return metric
    if _is_accuracy(metric):
        binary = dim_at(y_pred.shape, -1) == 1 if y_pred.shape.rank else False
        sparse = y_true.shape.rank < y_pred.shape.rank or (
            dim_at(y_true.shape, -1) == 1 and dim_at(y_pred.shape, -1) != 1)
        fn = metrics_mod.binary_accuracy if binary else \
            metrics_mod.sparse_categorical_accuracy if sparse else metrics_mod.categorical_accuracy
    else:
        fn = metrics_mod.get(metric)
        if isinstance(fn, metrics_mod.Metric):
            return fn
    name = metric if isinstance(metric, str) else getattr(fn, "__name__", None)
    if name is None:
        raise ValueError("Metric should be a callable, received: %r" % (metric,))
    return metrics_mod.MeanMetricWrapper(fn, name=name)


def _is_accuracy(metric):
    return str(metric).lower() in ("accuracy", "acc")

"""`minitf.keras.metrics`: running averages over batches, as Keras keeps them.

A metric is a layer with two non-trainable float32 weights, `total` and `count`:
`update_state(...)` adds a batch to them (with ops, so it also runs inside a traced training
step), `result()` is `total / count` (0 when empty), `reset_state()` zeroes them. The
accuracy-like metrics average the per-example matches that their function computes.
"""
from ..framework import dtypes
from ..ops import (arithmetic_ops, array_ops, comparison_ops, control_flow_ops, fill_ops,
                   reduction_ops)
from ..ops.registry import convert_to_tensor
from . import losses
from .engine.base_layer import Layer


class Metric(Layer):
    """The base class: `update_state(*args)` accumulates, `result()` reads, `reset_state()`
    starts over; calling the metric updates it and returns the result."""

    def __init__(self, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype, **kwargs)
        self.built = True

    def __call__(self, *args, **kwargs):
        update = self.update_state(*args, **kwargs)
        with control_flow_ops.control_dependencies([update] if update is not None else []):
            return self.result()

    def add_weight(self, name, shape=(), dtype=None, initializer="zeros", **kwargs):
        return super().add_weight(name=name, shape=shape, dtype=dtype, initializer=initializer,
                                  trainable=False, **kwargs)

    def reset_state(self):
        """Sets every weight back to zero."""
        for v in self.variables:
            v.assign(array_ops.constant(0, v.dtype, shape=v.shape))

    def reset_states(self):
        self.reset_state()

    def update_state(self, *args, **kwargs):
        raise NotImplementedError("Metric subclasses implement update_state().")

    def result(self):
        raise NotImplementedError("Metric subclasses implement result().")


class Mean(Metric):
    """The (weighted) mean of the values seen.

    >>> m = minitf.keras.metrics.Mean()
    >>> _ = m.update_state([1.0, 2.0, 3.0])
    >>> _ = m.update_state([10.0], sample_weight=[2.0])
    >>> float(m.result())
    5.199999809265137
    """

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_weight("total")
        self.count = self.add_weight("count")

    def update_state(self, values, sample_weight=None):
        """Adds `sum(values * sample_weight)` to `total` and `sum(sample_weight)` (or the
        number of values) to `count`; returns the updated `count`."""
        values = arithmetic_ops.cast(values, self._dtype)
        if sample_weight is None:
            count = arithmetic_ops.cast(array_ops.size(values), self._dtype)
        else:
            weight = arithmetic_ops.cast(sample_weight, self._dtype)
            values, _, weight = losses.squeeze_or_expand_dimensions(values, None, weight)
            weight = fill_ops.ones_like(values) * weight  # broadcast (exactly) to values
            values = arithmetic_ops.multiply(values, weight)
            count = reduction_ops.reduce_sum(weight)
        update_total = self.total.assign_add(reduction_ops.reduce_sum(values))
        with control_flow_ops.control_dependencies([update_total]):
            return self.count.assign_add(count)

    def result(self):
        return arithmetic_ops.divide_no_nan(self.total, self.count)


class MeanMetricWrapper(Mean):
    """The mean of `fn(y_true, y_pred, **kwargs)` over the examples seen."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = arithmetic_ops.cast(y_true, self._dtype)
        y_pred = arithmetic_ops.cast(y_pred, self._dtype)
        y_pred, y_true = losses.squeeze_or_expand_dimensions(y_pred, y_true)
        matches = self._fn(y_true, y_pred, **self._fn_kwargs)
        return super().update_state(matches, sample_weight)


# -- the match functions ------------------------------------------------------------------------
def accuracy(y_true, y_pred):
    """1.0 where `y_pred == y_true`, else 0.0.

    Raises:
      ValueError: if the shapes of `y_true` and `y_pred` differ.
    """
    y_true, y_pred = convert_to_tensor(y_true), convert_to_tensor(y_pred)
    y_true.shape.assert_is_compatible_with(y_pred.shape)
    if y_true.dtype is not y_pred.dtype:
        y_pred = arithmetic_ops.cast(y_pred, y_true.dtype)
    return arithmetic_ops.cast(comparison_ops.equal(y_true, y_pred), dtypes.float32)


def binary_matches(y_true, y_pred, threshold=0.5):
    """1.0 where `y_pred > threshold` agrees with `y_true`, else 0.0."""
    y_pred = convert_to_tensor(y_pred)
    above = y_pred > arithmetic_ops.cast(threshold, y_pred.dtype)
    predicted = arithmetic_ops.cast(above, y_pred.dtype)
    agree = comparison_ops.equal(arithmetic_ops.cast(y_true, y_pred.dtype), predicted)
    return arithmetic_ops.cast(agree, dtypes.float32)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """The mean over the last axis of `binary_matches`."""
    return reduction_ops.reduce_mean(binary_matches(y_true, y_pred, threshold), axis=-1)


def sparse_categorical_matches(y_true, y_pred):
    """1.0 where the class with the largest `y_pred` is the label `y_true`, else 0.0."""
    y_true, y_pred = convert_to_tensor(y_true), convert_to_tensor(y_pred)
    true_shape = array_ops.shape(y_true)
    squeezed = y_true.shape.rank is not None and y_true.shape.rank == y_pred.shape.rank
    if squeezed:
        y_true = array_ops.squeeze(y_true, [-1])
    predicted = reduction_ops.argmax(y_pred, axis=-1)
    if predicted.dtype is not y_true.dtype:
        predicted = arithmetic_ops.cast(predicted, y_true.dtype)
    matches = arithmetic_ops.cast(comparison_ops.equal(y_true, predicted), dtypes.float32)
    return array_ops.reshape(matches, true_shape) if squeezed else matches


def sparse_categorical_accuracy(y_true, y_pred):
    return sparse_categorical_matches(y_true, y_pred)


def categorical_accuracy(y_true, y_pred):
    """1.0 where the largest entries of one-hot `y_true` and of `y_pred` agree, else 0.0."""
    return sparse_categorical_matches(reduction_ops.argmax(y_true, axis=-1), y_pred)


# -- the metric classes -------------------------------------------------------------------------
class MeanSquaredError(MeanMetricWrapper):
    """The mean of squared errors over the examples seen."""

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(losses.mean_squared_error, name, dtype)


class Accuracy(MeanMetricWrapper):
    """How often `y_pred` equals `y_true`.

    >>> m = minitf.keras.metrics.Accuracy()
    >>> _ = m.update_state([[1], [2], [3], [4]], [[0], [2], [3], [4]])
    >>> float(m.result())
    0.75
    """

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name, dtype)


class BinaryAccuracy(MeanMetricWrapper):
    """How often `y_pred > threshold` agrees with the 0/1 label."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_matches, name, dtype, threshold=threshold)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often the class with the largest score is the integer label."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_matches, name, dtype)


class CategoricalAccuracy(MeanMetricWrapper):
    """How often the class with the largest score is the one-hot label's."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name, dtype)


_FUNCTIONS = {"accuracy": accuracy, "acc": accuracy, "binary_accuracy": binary_accuracy,
              "sparse_categorical_accuracy": sparse_categorical_accuracy,
              "categorical_accuracy": categorical_accuracy,
              "mean_squared_error": losses.mean_squared_error, "mse": losses.mse,
              "mean_absolute_error": losses.mean_absolute_error, "mae": losses.mae,
              "binary_crossentropy": losses.binary_crossentropy,
              "categorical_crossentropy": losses.categorical_crossentropy,
              "sparse_categorical_crossentropy": losses.sparse_categorical_crossentropy}
_CLASSES = {cls.__name__: cls for cls in (Mean, MeanSquaredError, Accuracy, BinaryAccuracy,
                                          SparseCategoricalAccuracy, CategoricalAccuracy)}


def get(identifier):
    """A metric from its name: a function's name ("accuracy", "mse") gives the function, a
    class name an instance; a callable or Metric is returned as is.

    Raises:
      ValueError: for an unknown name, or what is neither a name nor callable.
    """
    if callable(identifier):
        return identifier
    if not isinstance(identifier, str):
        raise ValueError("Could not interpret metric identifier: %s" % (identifier,))
    if identifier in _FUNCTIONS:
        return _FUNCTIONS[identifier]
    if identifier in _CLASSES:
        return _CLASSES[identifier]()
    raise ValueError("Unknown metric function: '%s'. Please ensure you are using a "
                     "`keras.utils.custom_object_scope` and that this object is included in the "
                     "scope." % (identifier,))

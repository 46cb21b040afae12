"""Keras's `BatchNormalization`: normalizes with the batch's moments while training (and
moves the running averages towards them), with the running averages otherwise."""
import numpy as np

from ...framework.context import executing_eagerly
from ...framework.shapes import dim_at
from ...ops import arithmetic_ops, array_ops, control_flow_ops, nn_ops, normalization
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec


class BatchNormalization(Layer):
    """`gamma * (x - mean) / sqrt(var + epsilon) + beta` per feature of `axis`.

    While training (`training=True`, as `fit` calls it) mean and var are the batch's, and each
    call moves `moving_mean` and `moving_variance` towards them by a factor 1 - momentum; for
    4-D inputs normalized over their last axis the variance that moves `moving_variance` is
    the unbiased one (n / (n - 1) times the batch's), as in tf.keras's fused kernel. Otherwise
    (and always when the layer is not trainable) the moving averages are used.

    Args:
      axis: the feature axis (default -1).
      momentum: the decay of the moving averages.
      epsilon: added to the variance.
      center, scale: whether to learn `beta` and `gamma`.
      beta_initializer, gamma_initializer, moving_mean_initializer,
        moving_variance_initializer: initializers or their names.

    Raises:
      NotImplementedError: for regularizers, constraints, renorm and virtual batches.

    >>> bn = minitf.keras.layers.BatchNormalization()
    >>> bn(minitf.constant([[1.0], [3.0]]), training=True).numpy().ravel()
    array([-0.9995004,  0.9995005], dtype=float32)
    >>> bn.moving_mean.numpy()
    array([0.02], dtype=float32)
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, virtual_batch_size=None, **kwargs):
        if renorm or virtual_batch_size or any(r is not None for r in (
                beta_regularizer, gamma_regularizer, beta_constraint, gamma_constraint)):
            raise NotImplementedError("BatchNormalization: renorm, virtual batches, "
                                      "regularizers and constraints are not supported.")
        kwargs.pop("fused", None)
        super().__init__(**kwargs)
        self.axis, self.momentum, self.epsilon = axis, momentum, epsilon
        self.center, self.scale = center, scale
        self.initializers = {"beta": beta_initializer, "gamma": gamma_initializer,
                             "moving_mean": moving_mean_initializer,
                             "moving_variance": moving_variance_initializer}

    def build(self, input_shape):
        rank = input_shape.rank
        self._axis = self.axis % rank
        size = dim_at(input_shape, self._axis)
        if size is None:
            raise ValueError("Axis %d of input tensor should have a defined dimension but the "
                             "layer received an input with shape %s." % (self.axis, input_shape))

        def weight(name, trainable=True):
            return self.add_weight(name, shape=[size], initializer=self.initializers[name],
                                   trainable=trainable)
        self.gamma = weight("gamma") if self.scale else None
        self.beta = weight("beta") if self.center else None
        self.moving_mean = weight("moving_mean", False)
        self.moving_variance = weight("moving_variance", False)
        self.input_spec = InputSpec(ndim=rank, axes={self._axis: size})
        self.built = True

    def call(self, inputs, training=None):
        rank = inputs.shape.rank
        axes = [i for i in range(rank) if i != self._axis]
        shape = [1] * rank
        shape[self._axis] = -1

        def per_feature(v):
            return None if v is None else array_ops.reshape(v, shape)
        if not training or not self.trainable:
            return normalization.batch_normalization(
                inputs, per_feature(self.moving_mean), per_feature(self.moving_variance),
                per_feature(self.beta), per_feature(self.gamma), self.epsilon)
        mean, variance = nn_ops.moments(inputs, axes)
        moved = variance
        if rank == 4 and self._axis == 3:
            n = _count(inputs, axes)
            moved = variance * arithmetic_ops.cast(n / (n - 1), variance.dtype)
        decay = 1.0 - self.momentum
        updates = [self.moving_mean.assign_sub((self.moving_mean - mean) * decay),
                   self.moving_variance.assign_sub((self.moving_variance - moved) * decay)]
        deps = [] if executing_eagerly() else updates
        with control_flow_ops.control_dependencies(deps):
            return normalization.batch_normalization(
                inputs, per_feature(mean), per_feature(variance), per_feature(self.beta),
                per_feature(self.gamma), self.epsilon)


def _count(x, axes):
    """How many values each feature's moments were taken over (float64; a tensor when a
    reduced dimension is unknown)."""
    dims = [dim_at(x.shape, i) for i in axes]
    if None not in dims:
        return float(np.prod(dims))
    return arithmetic_ops.cast(array_ops.size(x), "float64") / arithmetic_ops.cast(
        array_ops.shape(x)[-1], "float64")

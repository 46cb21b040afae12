"""The `minitf.nn` namespace (TensorFlow's `tf.nn`)."""
from .ops.nn_ops import (bias_add, dropout, elu, gelu, l2_loss, leaky_relu,  # noqa: F401
                         log_softmax, relu, relu6, selu, sigmoid,
                         sigmoid_cross_entropy_with_logits, silu, softmax,
                         softmax_cross_entropy_with_logits, softplus,
                         sparse_softmax_cross_entropy_with_logits, swish, tanh)
from .ops.nn_impl import embedding_lookup, l2_normalize, moments  # noqa: F401

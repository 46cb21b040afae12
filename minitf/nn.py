"""The `minitf.nn` namespace (TensorFlow's `tf.nn`)."""
from .ops.activation_ops import (elu, gelu, leaky_relu, relu, relu6, selu, sigmoid,  # noqa: F401
                                 silu, softplus, swish, tanh)
from .ops.loss_ops import (l2_loss, sigmoid_cross_entropy_with_logits,  # noqa: F401
                           softmax_cross_entropy_with_logits,
                           sparse_softmax_cross_entropy_with_logits)
from .ops.nn_ops import (bias_add, dropout, embedding_lookup, l2_normalize,  # noqa: F401
                         log_softmax, moments, softmax)

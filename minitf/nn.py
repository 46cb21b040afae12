"""The `minitf.nn` namespace (TensorFlow's `tf.nn`)."""
from .ops.loss_ops import (l2_loss, sigmoid_cross_entropy_with_logits,  # noqa: F401
                           softmax_cross_entropy_with_logits,
                           sparse_softmax_cross_entropy_with_logits)
from .ops.nn_ops import (bias_add, elu, gelu, leaky_relu, log_softmax, relu, relu6,  # noqa: F401
                         selu, sigmoid, silu, softmax, softplus, swish, tanh)
from .ops.nn_impl import dropout, embedding_lookup, l2_normalize, moments  # noqa: F401
from .ops.conv_ops import conv1d, conv2d, conv2d_transpose  # noqa: F401
from .ops.depthwise_conv_ops import depthwise_conv2d  # noqa: F401
from .ops.pooling_ops import avg_pool, avg_pool2d, max_pool, max_pool2d  # noqa: F401
from .ops.normalization import batch_normalization  # noqa: F401

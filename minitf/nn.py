"""The `minitf.nn` namespace (TensorFlow's `tf.nn`)."""
from .ops.activation_ops import (elu, gelu, leaky_relu, relu, relu6, selu, sigmoid,  # noqa: F401
                                 silu, softplus, swish, tanh)
from .ops.conv_ops import conv1d, conv2d, conv2d_transpose  # noqa: F401
from .ops.depthwise_conv_ops import depthwise_conv2d  # noqa: F401
from .ops.loss_ops import (l2_loss, sigmoid_cross_entropy_with_logits,  # noqa: F401
                           softmax_cross_entropy_with_logits,
                           sparse_softmax_cross_entropy_with_logits)
from .ops.nn_ops import (bias_add, dropout, embedding_lookup, l2_normalize,  # noqa: F401
                         log_softmax, moments, softmax)
from .ops.normalization import batch_normalization  # noqa: F401
from .ops.pooling_ops import avg_pool, avg_pool2d, max_pool, max_pool2d  # noqa: F401
from .ops.sort_ops import top_k  # noqa: F401

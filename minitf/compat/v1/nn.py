"""`minitf.compat.v1.nn`: TensorFlow 1.x's `tf.nn`, where dropout takes `keep_prob`, softmax
takes `dim`, and the labels of `softmax_cross_entropy_with_logits` get no gradient (`..._v2` is
the 2.x form)."""
from ...ops import conv_ops as _conv, loss_ops as _loss, nn_ops as _nn, pooling_ops as _pool
from ...ops.activation_ops import (elu, leaky_relu, relu, relu6, selu, sigmoid, silu,  # noqa: F401
                                   softplus, swish, tanh)
from ...ops.conv_ops import conv1d, conv2d_transpose  # noqa: F401
from ...ops.depthwise_conv_ops import depthwise_conv2d  # noqa: F401
from ...ops.loss_ops import (l2_loss, sigmoid_cross_entropy_with_logits,  # noqa: F401
                             softmax_cross_entropy_with_logits_v2,
                             sparse_softmax_cross_entropy_with_logits)
from ...ops.nn_ops import (bias_add, embedding_lookup_v1 as embedding_lookup,  # noqa: F401
                           l2_normalize, moments_v1 as moments, xw_plus_b)
from ...ops.normalization import batch_normalization  # noqa: F401
from ...ops.pooling_ops import avg_pool2d, max_pool2d  # noqa: F401
from ...ops.sort_ops import top_k  # noqa: F401

avg_pool, max_pool = _pool.avg_pool_v1, _pool.max_pool_v1
conv2d = _conv.conv2d_v1
dropout = _nn.dropout_v1
log_softmax, softmax = _nn.log_softmax_v1, _nn.softmax_v1
softmax_cross_entropy_with_logits = _loss.softmax_cross_entropy_with_logits_v1

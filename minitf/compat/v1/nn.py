"""`minitf.compat.v1.nn`: TensorFlow 1.x's `tf.nn`, where dropout takes `keep_prob` and the
labels of `softmax_cross_entropy_with_logits` get no gradient (`..._v2` is the 2.x form)."""
from ...ops import nn_ops as _nn
from ...ops.nn_ops import (bias_add, elu, l2_loss, leaky_relu, log_softmax, relu,  # noqa: F401
                           relu6, selu, sigmoid, sigmoid_cross_entropy_with_logits, silu,
                           softmax, softplus, sparse_softmax_cross_entropy_with_logits, swish,
                           tanh)

dropout = _nn.dropout_v1
softmax_cross_entropy_with_logits = _nn.softmax_cross_entropy_with_logits_v1
softmax_cross_entropy_with_logits_v2 = _nn.softmax_cross_entropy_with_logits

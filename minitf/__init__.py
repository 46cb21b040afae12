"""minitf: a numpy-based autodiff and training framework that speaks TensorFlow's API.

This is the TensorFlow 2.x-style namespace, eager by default (`import minitf as tf`). The 1.x
namespace is `minitf.compat.v1`.
"""
from . import nest  # noqa: F401
from .autodiff.custom_gradient import custom_gradient
from .autodiff.gradients import gradients
from .autodiff.tape import GradientTape, UnconnectedGradients
from .control_flow import TensorArray, case, cond, switch_case, while_loop
from .framework import dtypes, errors
from .framework.context import executing_eagerly, init_scope
from .framework.dtypes import (DType, as_dtype, bool, complex64, complex128, double, float16,
                               float32, float64, half, int8, int16, int32, int64, resource, string,
                               uint8, uint16, uint32, uint64, variant)
from .framework.device import DeviceSpec
from .framework.graph import Graph, Operation, device
from .framework.variable_enums import VariableAggregationV2 as VariableAggregation
from .framework.variable_enums import VariableSynchronization
from .framework.name_scope import name_scope
from .framework.shapes import TensorShape
from .framework.tensor import Tensor, is_tensor
from .framework.tensor_spec import TensorSpec
from .framework.tf_logging import get_logger
from .function import function
from .indexed_slices import IndexedSlices
from .module import Module
from .ops.activation_ops import sigmoid, tanh
from .ops.arithmetic_ops import (abs, add, add_n, cast, divide, maximum, minimum, multiply,
                                 negative, pow, sign, square, subtract, truediv)
from .ops.assert_ops import Assert
from .ops.array_ops import (constant, expand_dims, identity, rank, reshape, shape, size, squeeze,
                            stop_gradient)
from .ops.clip_ops import clip_by_global_norm, clip_by_norm, clip_by_value
from .ops.comparison_ops import equal, greater, greater_equal, less, less_equal, not_equal, where
from .ops.complex_ops import complex
from .ops.control_flow_ops import control_dependencies, group, no_op, tuple
from .ops.counting_ops import unique, unique_with_counts
from .ops.diag_ops import eye
from .ops.fill_ops import broadcast_to, fill, ones, ones_like, zeros, zeros_like
from .ops.indexing_ops import boolean_mask, gather, gather_nd, one_hot, scatter_nd
from .ops.init_ops_v2 import (Constant as constant_initializer, Ones as ones_initializer,
                              RandomNormal as random_normal_initializer,
                              Zeros as zeros_initializer)
from .ops.join_ops import concat, split, stack, unstack
from .ops.linalg_ops import matmul, norm, tensordot
from .ops.logging_ops import print
from .ops.logical_ops import logical_and, logical_not, logical_or
from .ops.manip_ops import reverse, roll, tile, transpose
from .ops.math_ops import (acos, asin, atan, atan2, cos, cosh, exp, floor, round, sin, sinh, sqrt,
                           tan)
from .ops.pad_ops import pad, slice
from .ops.reduction_ops import (argmax, argmin, reduce_all, reduce_any, reduce_logsumexp,
                                reduce_max, reduce_mean, reduce_min, reduce_prod, reduce_sum)
from .ops.registry import convert_to_tensor
from .ops.scan_ops import cumsum
from .ops.scatter_ops import tensor_scatter_nd_add, tensor_scatter_nd_sub, tensor_scatter_nd_update
from .ops.sequence_ops import linspace, meshgrid, range
from .ops.sort_ops import argsort, sort
from .ops.strided_slice_ops import strided_slice_masked as strided_slice
from .py_function import py_function
from .variables import Variable
from . import testing as test  # noqa: E402
from . import (autograph, bitwise, compat, config, data, image, keras, linalg,  # noqa: E402,F401
               math, nn, optimizers, ragged, random, saved_model, sparse, strings, summary,
               train)
from .ragged.ragged_tensor import RaggedTensor  # noqa: E402
from .sparse.sparse_tensor import SparseTensor  # noqa: E402
from .keras import initializers  # noqa: E402,F401

newaxis = None

__version__ = "0.1.0"

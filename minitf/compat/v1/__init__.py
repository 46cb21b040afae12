"""The TensorFlow 1.x namespace: `import minitf.compat.v1 as tf`, then
`tf.disable_eager_execution()`, and a TF 1.x script runs with graphs, placeholders and Sessions.
"""
from ... import nest  # noqa: F401
from ...autodiff.custom_gradient import custom_gradient
from ...autodiff.gradients import gradients
from ...autodiff.tape import GradientTape, UnconnectedGradients
from ...control_flow import TensorArray, case, cond_v1 as cond, switch_case
from ...control_flow import while_loop_v1 as while_loop
from ...framework import dtypes, errors
from ...framework.context import (disable_eager_execution, enable_eager_execution,
                                  executing_eagerly, get_default_session, init_scope)
from ...framework.device import DeviceSpec
from ...framework.dimension import Dimension, dimension_value
from ...framework.dtypes import (DType, as_dtype, bool, complex64, complex128, double, float16,
                                 float32, float64, half, int8, int16, int32, int64, resource,
                                 string, uint8, uint16, uint32, uint64, variant)
from ...framework.graph import (Graph, GraphKeys, Operation, device, get_default_graph,
                                reset_default_graph)
from ...framework.name_scope import name_scope_v1 as name_scope
from ...framework.shapes import (TensorShape, dimension_at_index, disable_v2_tensorshape,
                                 enable_v2_tensorshape)
from ...framework.tensor import Tensor, is_tensor
from ...framework.tensor_spec import TensorSpec
from ...framework.tf_logging import get_logger
from ...function import function
from ...indexed_slices import IndexedSlices
from ...ops.activation_ops import log_sigmoid, sigmoid, tanh
from ...ops.arithmetic_ops import (abs, add, add_n, cast, div, divide, divide_no_nan as div_no_nan,
                                   floor_div, floordiv, floormod, floormod as mod, maximum, minimum,
                                   multiply, negative, pow, sign, square, squared_difference,
                                   subtract, to_double, to_float, to_int32, to_int64, truediv)
from ...ops.assert_ops import Assert
from ...ops.array_ops import (constant, expand_dims_v1 as expand_dims, identity, placeholder,
                              placeholder_with_default, rank, reshape, shape, size,
                              squeeze_v1 as squeeze, stop_gradient)
from ...ops.clip_ops import clip_by_global_norm, clip_by_norm, clip_by_value, global_norm
from ...ops.complex_ops import angle, complex, conj, imag, real
from ...ops.comparison_ops import (equal, greater, greater_equal, is_finite, is_inf, is_nan, less,
                                   less_equal, not_equal, where as where_v2, where_v1 as where)
from ...ops.control_flow_ops import control_dependencies, group, no_op, tuple
from ...ops.counting_ops import bincount_v1 as bincount, unique, unique_with_counts
from ...ops.diag_ops import (diag as matrix_diag, diag_part as matrix_diag_part, eye,
                             tensor_diag as diag, tensor_diag_part as diag_part, trace)
from ...ops.fill_ops import broadcast_to, fill, ones, ones_like, zeros, zeros_like
from ...ops.indexing_ops import (boolean_mask_v1 as boolean_mask, gather_nd, gather_v1 as gather,
                                 one_hot, scatter_nd)
from ...ops.init_ops import (Constant as constant_initializer,
                             GlorotUniform as glorot_uniform_initializer, Ones as ones_initializer,
                             RandomNormal as random_normal_initializer, Zeros as zeros_initializer)
from ...ops.join_ops import concat, split, stack, unstack
from ...ops.linalg_ops import (matmul, matrix_determinant, matrix_inverse, matrix_transpose,
                               norm_v1 as norm, tensordot)
from ...ops.logging_ops import print
from ...ops.logical_ops import logical_and, logical_not, logical_or, logical_xor
from ...ops.manip_ops import (invert_permutation, reverse, reverse as reverse_v2, roll, tile,
                              transpose_v1 as transpose)
from ...ops.math_ops import (acos, asin, atan, atan2, ceil, cos, cosh, erf, exp, expm1, floor, log,
                             log1p, reciprocal, round, rsqrt, sin, sinh, sqrt, tan)
from ...ops.pad_ops import pad_v1 as pad, slice
from ...ops.random_ops import (random_normal, random_shuffle, random_uniform,
                               set_seed as set_random_seed, truncated_normal)
from ...ops.reduction_ops import (arg_max, arg_min, argmax_v1 as argmax, argmin_v1 as argmin,
                                  count_nonzero_v1 as count_nonzero, reduce_all_v1 as reduce_all,
                                  reduce_any_v1 as reduce_any,
                                  reduce_logsumexp_v1 as reduce_logsumexp,
                                  reduce_max_v1 as reduce_max, reduce_mean_v1 as reduce_mean,
                                  reduce_min_v1 as reduce_min, reduce_prod_v1 as reduce_prod,
                                  reduce_sum_v1 as reduce_sum)
from ...ops.registry import convert_to_tensor
from ...ops.scan_ops import cumprod, cumsum
from ...ops.scatter_ops import (tensor_scatter_nd_add, tensor_scatter_nd_sub,  # noqa: F401
                                tensor_scatter_nd_update)
from ...ops.segment_ops import (segment_max, segment_mean, segment_min, segment_sum,
                                unsorted_segment_max, unsorted_segment_mean,
                                unsorted_segment_min, unsorted_segment_sum)
from ...ops.sequence_ops import linspace, meshgrid, range
from ...ops.sort_ops import argsort, sort
from ...ops.strided_slice_ops import strided_slice_masked as strided_slice
from ...ops.string_ops import as_string, join as string_join, reduce_join, strip as string_strip
from ...ops.string_ops import to_number as string_to_number
from ...session import ConfigProto, InteractiveSession, Session
from ...variable_scope import AUTO_REUSE, get_variable, get_variable_scope, variable_scope
from ...py_function import py_function
from ...variables import (Variable, assign, assign_add, assign_sub, global_variables,
                          global_variables_initializer, is_variable_initialized, local_variables,
                          local_variables_initializer, scatter_add, scatter_nd_add,
                          scatter_nd_sub, scatter_nd_update, scatter_sub, scatter_update,
                          trainable_variables, variables_initializer)
from ...framework.variable_enums import VariableAggregation, VariableSynchronization
from ...ragged.ragged_string_ops import string_split
from ...ragged.ragged_tensor import RaggedTensor
from ...sparse.sparse_ops import add as sparse_add, reorder as sparse_reorder
from ...sparse.sparse_ops import to_dense as sparse_tensor_to_dense
from ...sparse.sparse_tensor import SparseTensor, SparseTensorValue
from ... import bitwise, config, linalg, math, ragged, sparse  # noqa: F401
from ... import testing as test  # noqa: F401
from . import (contrib, data, initializers, layers, losses, nn, random, strings,  # noqa: F401
               summary, train)

newaxis = None


def disable_v2_behavior():
    """Switches to TensorFlow 1.x behaviour: graphs and Sessions instead of eager execution,
    and shapes printed as 1.x prints them (`(?, 3)`). With `import minitf.compat.v1 as tf`, it
    is the first line a 1.x script needs.

    >>> import minitf.compat.v1 as tf
    >>> tf.disable_v2_behavior()
    >>> tf.executing_eagerly()
    False
    >>> tf.enable_v2_behavior()
    """
    disable_eager_execution()
    disable_v2_tensorshape()


def enable_v2_behavior():
    """Switches back to TensorFlow 2.x behaviour: eager execution."""
    enable_eager_execution()
    enable_v2_tensorshape()


def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


def get_collection(key, scope=None):
    return get_default_graph().get_collection(key, scope)

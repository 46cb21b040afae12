"""The TensorFlow 1.x namespace: `import minitf.compat.v1 as tf`, then
`tf.disable_eager_execution()`, and a TF 1.x script runs with graphs, placeholders and Sessions.
"""
from ... import nest  # noqa: F401
from ...autodiff.gradients import gradients
from ...autodiff.tape import GradientTape, UnconnectedGradients
from ...framework import dtypes, errors
from ...framework.context import (disable_eager_execution, enable_eager_execution,
                                  executing_eagerly, get_default_graph, reset_default_graph)
from ...framework.dtypes import (DType, as_dtype, bool, double, float16, float32, float64, half,
                                 int8, int16, int32, int64, resource, uint8)
from ...framework.graph import Graph, GraphKeys, Operation
from ...framework.name_scope import name_scope_v1 as name_scope
from ...framework.shapes import TensorShape
from ...framework.tensor import Tensor
from ...ops.array_ops import (broadcast_to, constant, expand_dims, fill, identity, ones,
                              ones_like, placeholder, placeholder_with_default, rank, reshape,
                              shape, size, squeeze_v1 as squeeze, stack, stop_gradient, unstack,
                              where, zeros, zeros_like)
from ...ops.control_flow_ops import control_dependencies, group, no_op
from ...ops.indexing_ops import (boolean_mask_v1 as boolean_mask, gather_nd, gather_v1 as gather,
                                 one_hot, scatter_nd)
from ...ops.linalg_ops import (diag as matrix_diag, diag_part as matrix_diag_part, eye,
                               matrix_determinant, matrix_inverse, matrix_transpose,
                               tensor_diag as diag, tensor_diag_part as diag_part, tensordot,
                               trace)
from ...ops.manip_ops import concat, invert_permutation, split, tile, transpose_v1 as transpose
from ...ops.math_ops import (abs, add, add_n, cast, divide, equal, exp, greater, greater_equal,
                             less, less_equal, log, matmul, multiply, negative, not_equal, pow,
                             reduce_mean, reduce_sum, sign, sqrt, square, subtract, truediv)
from ...ops.pad_ops import pad_v1 as pad, slice
from ...ops.registry import convert_to_tensor
from ...ops.sequence_ops import linspace, range
from ...session import InteractiveSession, Session, get_default_session
from ...variables import (Variable, global_variables, global_variables_initializer,
                          trainable_variables, variables_initializer)
from ... import linalg, math, nn, random, test  # noqa: F401
from . import train  # noqa: F401

newaxis = None


def disable_v2_behavior():
    """Switches to TensorFlow 1.x behaviour: here, graph building instead of eager execution."""
    disable_eager_execution()


def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


def get_collection(key, scope=None):
    return get_default_graph().get_collection(key, scope)

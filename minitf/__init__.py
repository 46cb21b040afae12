"""minitf: a numpy-based autodiff and training framework that speaks TensorFlow's API.

This is the TensorFlow 2.x-style namespace, eager by default (`import minitf as tf`). The 1.x
namespace is `minitf.compat.v1`.
"""
from . import nest  # noqa: F401
from .autodiff.gradients import gradients
from .autodiff.tape import GradientTape, UnconnectedGradients
from .framework import dtypes, errors
from .framework.context import executing_eagerly
from .framework.dtypes import (DType, as_dtype, bool, double, float16, float32, float64, half,
                               int8, int16, int32, int64, resource, uint8)
from .framework.graph import Graph, Operation
from .framework.name_scope import name_scope
from .framework.shapes import TensorShape
from .framework.tensor import Tensor
from .ops.array_ops import (broadcast_to, constant, expand_dims, fill, identity, ones, ones_like,
                            rank, reshape, shape, size, squeeze, stack, stop_gradient, unstack,
                            where, zeros, zeros_like)
from .ops.control_flow_ops import control_dependencies, group, no_op
from .ops.indexing_ops import boolean_mask, gather, gather_nd, one_hot, scatter_nd
from .ops.linalg_ops import eye, tensordot
from .ops.manip_ops import concat, split, tile, transpose
from .ops.math_ops import (abs, add, add_n, cast, divide, equal, exp, greater, greater_equal,
                           less, less_equal, matmul, multiply, negative, not_equal, pow,
                           reduce_mean, reduce_sum, sign, sqrt, square, subtract, truediv)
from .ops.pad_ops import pad, slice
from .ops.registry import convert_to_tensor
from .ops.sequence_ops import linspace, range
from .variables import Variable
from . import testing as test  # noqa: E402
from . import compat, keras, linalg, math, nn, optimizers, random  # noqa: E402,F401

newaxis = None

__version__ = "0.1.0"

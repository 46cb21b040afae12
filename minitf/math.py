"""The `minitf.math` namespace (TensorFlow's `tf.math`)."""
from .ops.activation_ops import log_sigmoid, sigmoid, softplus, tanh  # noqa: F401
from .ops.arithmetic_ops import (abs, add, add_n, cast, divide, divide_no_nan,  # noqa: F401
                                 floordiv, floormod, maximum, minimum, multiply, negative, pow,
                                 sign, square, squared_difference, subtract, truediv)
from .ops.complex_ops import angle, conj, imag, real  # noqa: F401
from .ops.counting_ops import bincount  # noqa: F401
from .ops.comparison_ops import (equal, greater, greater_equal, is_finite, is_inf,  # noqa: F401
                                 is_nan, less, less_equal, not_equal)
from .ops.linalg_ops import matmul  # noqa: F401
from .ops.logical_ops import logical_and, logical_not, logical_or, logical_xor  # noqa: F401
from .ops.manip_ops import invert_permutation  # noqa: F401
from .ops.math_ops import (acos, asin, atan, atan2, ceil, cos, cosh, erf, exp, expm1,  # noqa: F401
                           floor, log, log1p, reciprocal, round, rsqrt, sin, sinh, sqrt, tan, xlogy)
from .ops.nn_ops import l2_normalize, log_softmax, softmax  # noqa: F401
from .ops.reduction_ops import (argmax, argmin, count_nonzero, reduce_all, reduce_any,  # noqa: F401
                                reduce_euclidean_norm, reduce_logsumexp, reduce_max, reduce_mean,
                                reduce_min, reduce_prod, reduce_std, reduce_sum, reduce_variance)
from .ops.scan_ops import cumprod, cumsum  # noqa: F401
from .ops.segment_ops import (segment_max, segment_mean, segment_min,  # noqa: F401
                              segment_sum, unsorted_segment_max, unsorted_segment_mean,
                              unsorted_segment_min, unsorted_segment_sum)
from .ops.sort_ops import top_k  # noqa: F401

mod = floormod

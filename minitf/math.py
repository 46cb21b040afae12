"""The `minitf.math` namespace (TensorFlow's `tf.math`)."""
from .ops.logical_ops import logical_and, logical_not, logical_or, logical_xor  # noqa: F401
from .ops.comparison_ops import (equal, greater, greater_equal, is_finite, is_inf,  # noqa: F401
                                 is_nan, less, less_equal, not_equal)
from .ops.math_ops import (abs, add, add_n, cast, divide, divide_no_nan, exp, floordiv,  # noqa
                           floormod, log, maximum, minimum, multiply, negative, pow, sign, sqrt,
                           square, squared_difference, subtract, truediv)
from .ops.matmul_ops import matmul  # noqa: F401
from .ops.reduction_ops import (argmax, argmin, count_nonzero, cumprod, cumsum,  # noqa: F401
                                reduce_all, reduce_any, reduce_euclidean_norm, reduce_logsumexp,
                                reduce_max, reduce_min, reduce_prod, reduce_std, reduce_variance)
from .ops.sum_ops import reduce_mean, reduce_sum  # noqa: F401
from .ops.unary_ops import (acos, asin, atan, atan2, ceil, cos, cosh, erf, expm1,  # noqa: F401
                            floor, log1p, reciprocal, round, rsqrt, sin, sinh, tan, xlogy)
from .ops.nn_ops import log_softmax, sigmoid, softmax, softplus, tanh  # noqa: F401
from .ops.nn_impl import l2_normalize, log_sigmoid  # noqa: F401
from .ops.manip_ops import invert_permutation  # noqa: F401
from .ops.complex_ops import angle, conj, imag, real  # noqa: F401

mod = floormod

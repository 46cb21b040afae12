"""The `minitf.linalg` namespace (TensorFlow's `tf.linalg`)."""
from .ops.clip_ops import global_norm  # noqa: F401
from .ops.linalg_ops import (diag, diag_part, eye, matrix_determinant as det,  # noqa: F401
                             matrix_inverse as inv, matrix_transpose, matvec, tensor_diag,
                             tensor_diag_part, tensordot, trace)
from .ops.linalg_decompositions import qr, svd  # noqa: F401
from .ops.linalg_solvers import (band_part, cholesky, cholesky_solve, lstsq, solve,  # noqa: F401
                                 triangular_solve)
from .ops.matmul_ops import matmul  # noqa: F401
from .ops.nn_impl import l2_normalize  # noqa: F401
from .ops.reduction_ops import norm  # noqa: F401

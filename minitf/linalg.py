"""The `minitf.linalg` namespace (TensorFlow's `tf.linalg`)."""
from .ops.clip_ops import global_norm  # noqa: F401
from .ops.diag_ops import diag, diag_part, eye, tensor_diag, tensor_diag_part, trace  # noqa: F401
from .ops.linalg_decompositions import qr, svd  # noqa: F401
from .ops.linalg_ops import (matmul, matrix_determinant as det, matrix_inverse as inv,  # noqa: F401
                             matrix_transpose, matvec, norm, tensordot)
from .ops.linalg_solvers import (band_part, cholesky, cholesky_solve, lstsq, solve,  # noqa: F401
                                 triangular_solve)
from .ops.nn_ops import l2_normalize  # noqa: F401

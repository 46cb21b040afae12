"""The ops: each module registers its ops (kernel, shape rule, gradient) and defines the
Python functions that call them. Importing this package registers them all."""
from . import (array_ops, control_flow_ops, indexing_ops, linalg_ops, manip_ops,  # noqa: F401
               math_ops, operators, pad_ops, sequence_ops, state_ops, training_ops)

"""The ops: each module registers its ops (kernel, shape rule, gradient) and defines the
Python functions that call them. Importing this package registers them all."""
from . import (array_ops, control_flow_ops, functional_ops, indexing_ops, linalg_ops,  # noqa
               logging_ops, manip_ops, math_ops, nn_ops, operators, pad_ops, random_ops,
               sequence_ops, state_ops, training_ops)

"""The ops: each module registers its ops (kernel, shape rule, gradient) and defines the
Python functions that call them. Importing this package registers them all."""
from . import (array_ops, comparison_ops, control_flow_ops, fill_ops, functional_ops,  # noqa
               indexing_ops, linalg_ops, logging_ops, loss_ops, manip_ops, math_ops, matmul_ops,
               nn_ops, operators, pad_ops, random_ops, sequence_ops, state_ops, sum_ops,
               training_ops, where_ops)

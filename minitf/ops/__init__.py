"""The ops: each module registers its ops (kernel, shape rule, gradient) and defines the
Python functions that call them. Importing this package registers them all."""
from . import (array_ops, control_flow_ops, functional_ops, logging_ops, math_ops,  # noqa
               nn_ops, operators, random_ops, state_ops, training_ops)

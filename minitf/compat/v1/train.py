"""`tf.compat.v1.train`: the TensorFlow 1.x optimizers and the global step."""
from ...optimizers.optimizer_v1 import (GradientDescentOptimizer, Optimizer,  # noqa: F401
                                        get_global_step, get_or_create_global_step)

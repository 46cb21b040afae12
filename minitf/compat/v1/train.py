"""`tf.compat.v1.train`: the TensorFlow 1.x optimizers, the global step, learning-rate decay and
checkpoints."""
from ...checkpoint.checkpoint_utils import (list_variables, load_checkpoint,  # noqa: F401
                                            load_variable)
from ...checkpoint.files import get_checkpoint_state, latest_checkpoint  # noqa: F401
from ...checkpoint.saver import Saver  # noqa: F401
from ...optimizers.optimizer_v1 import (AdagradOptimizer, AdamOptimizer,  # noqa: F401
                                        GradientDescentOptimizer, MomentumOptimizer, Optimizer,
                                        RMSPropOptimizer, get_global_step,
                                        get_or_create_global_step)
from ...optimizers.schedules import exponential_decay  # noqa: F401

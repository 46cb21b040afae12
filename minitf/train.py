"""`minitf.train` (TensorFlow 2.x's `tf.train`): object-based checkpoints."""
from .checkpoint.checkpoint import Checkpoint, CheckpointManager  # noqa: F401
from .checkpoint.checkpoint_utils import (CheckpointReader, list_variables,  # noqa: F401
                                          load_checkpoint, load_variable)
from .checkpoint.files import get_checkpoint_state, latest_checkpoint  # noqa: F401

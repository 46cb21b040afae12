"""`minitf.keras.initializers` (also `minitf.initializers`): the TensorFlow 2.x initializers."""
from ..ops.init_ops_v2 import GlorotUniform, Initializer, Ones, RandomNormal, Zeros  # noqa: F401

glorot_uniform, ones, random_normal, zeros = GlorotUniform, Ones, RandomNormal, Zeros

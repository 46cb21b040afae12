"""`tf.compat.v1.contrib.opt`: optimizers outside the core, here the scipy interface."""
from ....optimizers.scipy_optimizer import ScipyOptimizerInterface  # noqa: F401

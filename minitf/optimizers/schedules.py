"""Learning-rate schedules (`minitf.optimizers.schedules`): callables from the step number to
the learning rate, built from minitf ops so they work eagerly, in a graph and in a function.
A v2 optimizer calls its schedule with its `iterations` (0 at the first step); the v1 function
`exponential_decay` applies one to a global step.
"""
import functools

from ..framework.context import executing_eagerly
from ..ops import arithmetic_ops, comparison_ops, math_ops
from ..ops.registry import convert_to_tensor, scope


class LearningRateSchedule:
    """Base class of the schedules: `schedule(step)` is the learning rate at `step`."""

    def __call__(self, step):
        raise NotImplementedError("A LearningRateSchedule subclass must implement __call__.")


class ExponentialDecay(LearningRateSchedule):
    """`initial_learning_rate * decay_rate ** (step / decay_steps)`; with `staircase`, the
    exponent is rounded down to an integer, so the rate drops every `decay_steps` steps.

    >>> lr = minitf.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    >>> print(lr(20).numpy())
    0.025
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        with scope(self.name or "ExponentialDecay") as name:
            lr = convert_to_tensor(self.initial_learning_rate, name="initial_learning_rate")
            step = arithmetic_ops.cast(step, lr.dtype)
            decay_steps = arithmetic_ops.cast(self.decay_steps, lr.dtype)
            p = step / decay_steps
            if self.staircase:
                p = math_ops.floor(p)
            return arithmetic_ops.multiply(lr, arithmetic_ops.pow(arithmetic_ops.cast(self.decay_rate, lr.dtype), p),
                                     name=name)


class PiecewiseConstantDecay(LearningRateSchedule):
    """`values[0]` while `step <= boundaries[0]`, `values[1]` while `step <= boundaries[1]`,
    ..., and `values[-1]` after the last boundary.

    Raises:
      ValueError: unless there is one more value than boundaries.

    >>> lr = minitf.optimizers.schedules.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])
    >>> [float(lr(s)) for s in (10, 11, 21)]
    [1.0, 0.5, 0.10000000149011612]
    """

    def __init__(self, boundaries, values, name=None):
        if len(boundaries) != len(values) - 1:
            raise ValueError("The length of boundaries should be 1 less than the length of "
                             "values")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        with scope(self.name or "PiecewiseConstant"):
            step = convert_to_tensor(step)
            values = [convert_to_tensor(v) for v in self.values]
            rate = values[-1]
            for b, v in reversed(list(zip(self.boundaries, values))):
                rate = comparison_ops.where(
                    comparison_ops.less_equal(step, arithmetic_ops.cast(b, step.dtype)), v, rate)
            return rate


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    """(TensorFlow 1.x) `ExponentialDecay` applied to `global_step`: in a graph, the decayed
    learning rate as a tensor; when executing eagerly, a function of no arguments returning it.

    Raises:
      ValueError: if `global_step` is None.
    """
    if global_step is None:
        raise ValueError("global_step is required for exponential_decay.")
    schedule = ExponentialDecay(learning_rate, decay_steps, decay_rate, staircase, name)
    if executing_eagerly():
        return functools.partial(schedule, global_step)
    return schedule(global_step)

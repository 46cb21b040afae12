"""Control flow as TensorFlow 2.x builds it: `cond`, `case`, `switch_case` and `while_loop` trace
their branches and bodies into graphs held by one functional op (If, Case, While), which the one
executor runs and the one backprop walk differentiates; and `TensorArray`.
"""
from .cond import case, cond, cond_v1, switch_case  # noqa: F401
from .tensor_array import TensorArray  # noqa: F401
from .while_loop import while_loop, while_loop_v1  # noqa: F401

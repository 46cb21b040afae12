"""`minitf.compat.v1.layers` (TensorFlow 1.x's `tf.layers`): `dense`, the fully connected layer
of TF1 scripts, with its variables made by `get_variable` in a variable scope named after the
layer ("dense/kernel:0", then "dense_1/...") and shared through `reuse`."""
from ...framework.shapes import TensorShape
from ...ops import init_ops, linalg_ops, nn_ops
from ...ops.registry import convert_to_tensor
from ...variable_scope import get_variable, variable_scope


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=init_ops.Zeros(), kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
          trainable=True, name=None, reuse=None):
    """`activation(inputs @ kernel + bias)` over the last axis of `inputs`.

    Args:
      inputs: a tensor whose last dimension is known.
      units: the size of the output's last axis.
      activation: a function such as `nn.relu`, or None (linear).
      kernel_initializer: default Glorot uniform (`get_variable`'s default).
      name: the variable scope (default "dense", made unique: "dense_1", ...).
      reuse: True to take the variables of an earlier call with the same `name`.

    Raises:
      ValueError: if the last dimension of `inputs` is unknown, or by `get_variable` when
        variables exist and `reuse` is not set (or do not exist and it is).
      NotImplementedError: for regularizers and constraints.

    >>> with minitf.Graph().as_default():
    ...     x = minitf.compat.v1.placeholder(minitf.float32, [None, 3])
    ...     y = minitf.compat.v1.layers.dense(x, 4, activation=minitf.nn.relu)
    ...     names = [v.name for v in minitf.compat.v1.global_variables()]
    >>> y.name, names
    ('dense/Relu:0', ['dense/kernel:0', 'dense/bias:0'])
    """
    if any(r is not None for r in (kernel_regularizer, bias_regularizer, activity_regularizer,
                                   kernel_constraint, bias_constraint)):
        raise NotImplementedError("layers.dense: regularizers and constraints are not "
                                  "supported.")
    inputs = convert_to_tensor(inputs)
    shape = TensorShape(inputs.shape)
    if shape.rank is None or shape[-1] is None:
        raise ValueError("The last dimension of the inputs to a Dense layer should be defined. "
                         "Found None. Full input shape received: %s" % shape)
    with variable_scope(name, default_name="dense", reuse=reuse):
        kernel = get_variable("kernel", [shape[-1], units], dtype=inputs.dtype,
                              initializer=kernel_initializer, trainable=trainable)
        if shape.rank == 2:
            outputs = linalg_ops.matmul(inputs, kernel)
        else:
            outputs = linalg_ops.tensordot(inputs, kernel, [[shape.rank - 1], [0]])
        if use_bias:
            bias = get_variable("bias", [units], dtype=inputs.dtype,
                                initializer=bias_initializer, trainable=trainable)
            outputs = nn_ops.bias_add(outputs, bias)
        return outputs if activation is None else activation(outputs)

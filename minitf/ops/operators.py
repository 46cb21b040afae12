"""Python operators on tensors and variables (`+`, `@`, `<`, `&`, `[]`, ...), each mapped to
its op.

`install(cls)` attaches them; it is called for Tensor here and for Variable in variables.py, so
both take part in arithmetic the same way. Names follow TensorFlow: `a + b` is op "add",
`tf.add(a, b)` is "Add". As in TensorFlow, `& | ^ ~` are logical on bool tensors and bitwise
on integer ones.
"""
from ..framework.context import executing_eagerly_outside_functions
from ..framework.shapes import broadcast_shapes
from ..framework.tensor import Tensor
from . import arithmetic_ops, comparison_ops, linalg_ops, logical_ops, strided_slice_ops
from .registry import contains_tensor, convert_to_tensor, scope


def _forward(fn, name):
    def op(self, other):
        return fn(self, other, name=name)
    op.__name__ = name
    return op


def _reverse(fn, name):
    def op(self, other):
        with scope(name) as s:
            other = convert_to_tensor(other, dtype=self.dtype, name="x")
            return fn(other, self, name=s)
    op.__name__ = "r" + name
    return op


def elementwise_equality(x):
    """Whether `==` on `x` compares values (eager tensors and variables, and tensors of a
    function being traced in an eager program) rather than identity (graph tensors)."""
    g = getattr(x, "graph", None)
    return executing_eagerly_outside_functions() and (g is None or g.is_function)


def _eq(self, other):
    if other is None:
        return False
    if not elementwise_equality(self):
        return self is other
    return _compare_if_broadcastable(comparison_ops.equal, self, other, False)


def _ne(self, other):
    if other is None:
        return True
    if not elementwise_equality(self):
        return self is not other
    return _compare_if_broadcastable(comparison_ops.not_equal, self, other, True)


def _compare_if_broadcastable(compare, x, y, otherwise):
    """compare(x, y), or the bool scalar tensor `otherwise` when x and y have one dtype and
    shapes that cannot broadcast (TensorFlow's `==` does not raise for those)."""
    x = convert_to_tensor(x)
    y = convert_to_tensor(y) if contains_tensor(y) else convert_to_tensor(y, dtype=x.dtype)
    if x.dtype is y.dtype:
        try:
            broadcast_shapes(x.shape, y.shape)
        except ValueError:
            return convert_to_tensor(otherwise)
    return compare(x, y)


def _logical_or_bitwise(logical, bitwise):
    def op(x, y, name=None):
        with scope(name) as s:
            if x.dtype.is_bool:
                return logical(x, y, name=s)
            return bitwise(x, y)
    return op


def _invert(x):
    if x.dtype.is_bool:
        return logical_ops.logical_not(x)
    return logical_ops.invert(x)


_BINARY = {"add": arithmetic_ops.add, "sub": arithmetic_ops.subtract,
           "mul": arithmetic_ops.multiply, "truediv": arithmetic_ops.truediv,
           "floordiv": arithmetic_ops.floordiv, "mod": arithmetic_ops.floormod,
           "pow": arithmetic_ops.pow, "matmul": linalg_ops.matmul,
           "and": _logical_or_bitwise(logical_ops.logical_and, logical_ops.bitwise_and),
           "or": _logical_or_bitwise(logical_ops.logical_or, logical_ops.bitwise_or),
           "xor": _logical_or_bitwise(logical_ops.logical_xor, logical_ops.bitwise_xor)}

OPERATORS = {
    "__neg__": lambda self: arithmetic_ops.negative(self),
    "__abs__": lambda self: arithmetic_ops.abs(self),
    "__invert__": _invert,
    "__lt__": lambda self, other: comparison_ops.less(self, other),
    "__le__": lambda self, other: comparison_ops.less_equal(self, other),
    "__gt__": lambda self, other: comparison_ops.greater(self, other),
    "__ge__": lambda self, other: comparison_ops.greater_equal(self, other),
    "__eq__": _eq,
    "__ne__": _ne,
    "__getitem__": lambda self, key: strided_slice_ops.strided_slice(self, key),
}
for _name, _fn in _BINARY.items():
    OPERATORS["__%s__" % _name] = _forward(_fn, _name)
    OPERATORS["__r%s__" % _name] = _reverse(_fn, _name)


def install(cls):
    """Gives `cls` the operators it does not define itself."""
    for name, fn in OPERATORS.items():
        if name not in vars(cls):
            setattr(cls, name, fn)


install(Tensor)

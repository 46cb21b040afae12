"""`while_loop`: repeat `body` while `cond` holds, over a structure of loop variables.

Executing eagerly it is a Python loop. In a graph (and while tracing a function) the condition
and the body are each traced once, with one placeholder per loop variable (its shape the
variable's shape invariant), into the `While` op of while_v2; its outputs pass through Identity
ops in its name scope (`while/Identity`, ...). Loop variables keep their structure and dtype
from one iteration to the next; their shapes may only change where `shape_invariants` allows.
"""
import numpy as np

from .. import nest
from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.shapes import SCALAR, TensorShape
from ..ops import array_ops, logical_ops
from ..ops.registry import convert_to_tensor, scope
from . import while_v2
from .graph_function import GraphFunction, capture_all, flatten, pack, trace
from .tensor_array import TensorArray


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, maximum_iterations=None, name=None):
    """Runs `loop_vars = body(*loop_vars)` while `cond(*loop_vars)` is true.

    Args:
      cond: a function of the loop variables returning a bool scalar tensor.
      body: a function of the loop variables returning new values of the same structure
        (a single value for a single loop variable).
      loop_vars: a list or tuple (possibly nested) of tensors, numbers and TensorArrays.
      shape_invariants: the same structure of TensorShapes: the shapes each loop variable may
        take (None dimensions vary); by default the initial shapes.
      maximum_iterations: at most this many iterations (an int32 scalar).
      name: the name scope of the ops (default "while").

    Returns:
      The loop variables after the last iteration, in the structure of `loop_vars`.

    Raises:
      TypeError: if `cond` or `body` is not callable, or a loop variable changes dtype.
      ValueError: if the body returns another structure, or a shape outside its invariant.

    >>> i, s = minitf.while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s * 2), [0, 1.0])
    >>> s
    <tf.Tensor: shape=(), dtype=float32, numpy=16.0>
    """
    return _while_loop(cond, body, loop_vars, shape_invariants, maximum_iterations, name, True)


def while_loop_v1(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
                  back_prop=True, swap_memory=False, name=None, maximum_iterations=None,
                  return_same_structure=False):
    """TensorFlow 1.x's `while_loop`: unless `return_same_structure`, a single loop variable
    is returned on its own rather than in a list."""
    return _while_loop(cond, body, loop_vars, shape_invariants, maximum_iterations, name,
                       return_same_structure)


def _while_loop(cond, body, loop_vars, shape_invariants, maximum_iterations, name, same):
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    single = isinstance(loop_vars, (list, tuple)) and len(loop_vars) == 1
    if executing_eagerly():
        result = _eager(cond, body, loop_vars, maximum_iterations)
    else:
        result = _graph(cond, body, loop_vars, shape_invariants, maximum_iterations, name)
    return result[0] if single and not same else result


def _args(loop_vars):
    return list(loop_vars) if isinstance(loop_vars, (list, tuple)) else [loop_vars]


def _next(body, loop_vars):
    """The body's result; for one loop variable it may be that variable's new value alone."""
    result = body(*_args(loop_vars))
    if isinstance(loop_vars, (list, tuple)) and len(loop_vars) == 1 and \
            not isinstance(result, (list, tuple)):
        result = [result]
    nest.assert_same_structure(loop_vars, result, check_types=False)
    return result


def _eager(cond, body, loop_vars, maximum_iterations):
    limit = None if maximum_iterations is None else int(maximum_iterations)
    i = 0
    while (limit is None or i < limit) and cond(*_args(loop_vars)):
        loop_vars = _next(body, loop_vars)
        i += 1
    return nest.map_structure(
        lambda x: x if isinstance(x, TensorArray) else convert_to_tensor(x), loop_vars)


def _graph(cond, body, loop_vars, shape_invariants, maximum_iterations, name):
    structure, init, arrays = flatten(loop_vars)
    shapes = _invariants(loop_vars, shape_invariants, init, arrays)
    with scope(name or "while") as prefix:
        limit = convert_to_tensor(-1 if maximum_iterations is None else maximum_iterations,
                                  dtype=dtypes.int32, name="maximum_iterations")
        if limit.shape.rank != 0:
            raise ValueError("'maximum_iterations' must be a scalar. Received shape: %s"
                             % (limit.shape,))
        counter = convert_to_tensor(np.int32(0), name="loop_counter")
        specs = [(dtypes.int32, SCALAR)] * 2 + [(t.dtype, s) for t, s in zip(init, shapes)]

        def loop_cond(placeholders):
            i, n = placeholders[:2]
            pred = convert_to_tensor(cond(*_args(pack(structure, arrays, placeholders[2:]))))
            if maximum_iterations is not None:
                pred = logical_ops.logical_and(i < n, pred)
            return pred

        def loop_body(placeholders):
            i, n = placeholders[:2]
            result = _next(body, pack(structure, arrays, placeholders[2:]))
            _, flat, _ = flatten(result)
            _check_iteration(init, shapes, flat)
            return [i + 1, n] + flat

        cond_graph, cond_inputs, pred = trace(prefix + "cond", loop_cond, specs)
        body_graph, body_inputs, outputs = trace(prefix + "body", loop_body, specs)
        values, (cond_captures, body_captures) = capture_all([cond_graph, body_graph])
        outs = while_v2.build(GraphFunction(cond_graph, cond_inputs + cond_captures, [pred]),
                              GraphFunction(body_graph, body_inputs + body_captures,
                                            outputs + body_captures),
                              [counter, limit] + init + values, len(init), name=prefix)
        outs = [array_ops.identity(t, name="Identity") for t in outs]
    return pack(structure, arrays, outs[2:2 + len(init)])


def _invariants(loop_vars, shape_invariants, init, arrays):
    """The shape each flat loop variable keeps: its invariant, else its initial shape."""
    if shape_invariants is None:
        return [t.shape for t in init]
    try:
        nest.assert_same_structure(loop_vars, shape_invariants, check_types=False)
    except (TypeError, ValueError) as e:
        raise ValueError("shape_invariants must have the structure of loop_vars: %s" % e) \
            from None
    shapes = []
    for t, s, ta in zip(init, nest.flatten(shape_invariants), arrays):
        s = t.shape if s is None or ta is not None else TensorShape(s)
        if not _fits(t.shape, s):
            raise ValueError("The shape invariant specified for %s is not compatible with the "
                             "initial shape of the loop variable. It enters the loop with shape "
                             "%s, but the specified shape invariant is %s." % (t.name, t.shape, s))
        shapes.append(s)
    return shapes


def _fits(shape, invariant):
    """Whether `shape` is at least as specific as `invariant`."""
    if invariant.rank is None:
        return True
    if shape.rank != invariant.rank:
        return False
    return all(b is None or a == b for a, b in zip(shape.as_list(), invariant.as_list()))


def _check_iteration(init, shapes, flat):
    for t, s, out in zip(init, shapes, flat):
        if out.dtype is not t.dtype:
            raise TypeError("Loop var %s enters the loop with type %s but has type %s after 1 "
                            "iteration. %s type should remain constant."
                            % (t.name, t.dtype, out.dtype, t.name))
        if not _fits(out.shape, s):
            raise ValueError("Input tensor `%s` enters the loop with shape %s, but has shape %s "
                             "after one iteration. To allow the shape to vary across iterations, "
                             "use the `shape_invariants` argument of tf.while_loop to specify a "
                             "less-specific shape." % (t.name, s, out.shape))

"""`cond`, `case` and `switch_case`: the value of one of several branches, chosen by a tensor.

Executing eagerly, the chosen branch just runs. In a graph (and while tracing a function) every
branch is traced into a GraphFunction and one op (see cond_v2) holds them all and runs the one
chosen; its outputs pass through Identity ops in its name scope (`cond/Identity`, ...). Branches
must return the same structure of tensors of the same dtypes; a dimension they disagree on is
unknown in the result.
"""
import functools

from .. import nest
from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.tensor import Tensor
from ..ops import array_ops, arithmetic_ops, assert_ops, comparison_ops, join_ops
from ..ops.control_flow_ops import control_dependencies
from ..ops.registry import convert_to_tensor, scope
from ..ops.reduction_ops import reduce_sum
from . import cond_v2
from .graph_function import GraphFunction, capture_all, flatten, pack, trace


def cond(pred, true_fn=None, false_fn=None, name=None):
    """`true_fn()` if `pred` is true, else `false_fn()`.

    In a graph or function both functions are traced and the `If` op runs one of them.

    Args:
      pred: a scalar bool tensor (a Python bool only when executing eagerly).
      true_fn, false_fn: functions of no arguments returning the same structure of tensors.
      name: the name scope of the ops (default "cond").

    Returns:
      What the chosen function returns.

    Raises:
      TypeError: if a function is missing or not callable, `pred` is a Python bool in a graph,
        or the two functions return different structures or dtypes.
      AssertionError: (as TensorFlow) if they return different numbers of values.
      ValueError: if one returns None where the other returns a tensor.

    >>> x = minitf.constant(2.0)
    >>> minitf.cond(x > 0, lambda: x * 10, lambda: -x)
    <tf.Tensor: shape=(), dtype=float32, numpy=20.0>
    """
    for arg, fn in (("true_fn", true_fn), ("false_fn", false_fn)):
        if fn is None:
            raise TypeError("cond(): '%s' argument required" % arg)
        if not callable(fn):
            raise TypeError("'%s' must be callable." % arg)
    if executing_eagerly():
        return true_fn() if convert_to_tensor(pred) else false_fn()
    if isinstance(pred, bool):
        raise TypeError("pred must not be a Python bool", pred)
    with scope(name or "cond") as prefix:
        pred = convert_to_tensor(pred)
        return branches("If", pred, [true_fn, false_fn], prefix, _cond_message)


def cond_v1(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
    """TensorFlow 1.x's `cond`: also takes the old names `fn1`/`fn2`; unless `strict`, a
    one-element list or tuple result is returned as its element."""
    if fn1 is not None:
        if true_fn is not None:
            raise TypeError("cond(): true_fn and fn1 may not be set simultaneously.")
        true_fn = fn1
    if fn2 is not None:
        if false_fn is not None:
            raise TypeError("cond(): false_fn and fn2 may not be set simultaneously.")
        false_fn = fn2
    result = cond(pred, true_fn, false_fn, name)
    if not strict and isinstance(result, (list, tuple)) and len(result) == 1:
        return result[0]
    return result


def _cond_message(i, j):
    names = ["true_fn", "false_fn"]
    return ("true_fn and false_fn arguments to tf.cond must have the same number, type, and "
            "overall structure of return values.", names[i], names[j])


def _switch_message(i, j):
    return ("branches[%d] and branches[%d] arguments to tf.switch_case must have the same number, "
            "type, and overall structure of return values." % (i, j),
            "branches[%d]" % i, "branches[%d]" % j)


def branches(kind, selector, fns, prefix, message):
    """Traces each of `fns`, checks that they agree, and adds the op choosing among them (named
    by the scope `prefix`); returns the chosen function's result, as a structure."""
    traced = [trace("%s_branch_%d" % (prefix[:-1], i), lambda _, fn=fn: flatten(fn()), [])
              for i, fn in enumerate(fns)]
    results = [r for _, _, r in traced]
    for j in range(1, len(fns)):
        _check_same(results[0], results[j], message(0, j))
    graphs = [g for g, _, _ in traced]
    values, placeholders = capture_all(graphs)
    functions = [GraphFunction(g, p, flat) for g, p, (_, flat, _) in zip(graphs, placeholders,
                                                                          results)]
    outs = cond_v2.build(kind, selector, functions, values, prefix)
    structure, _, arrays = results[0]
    return pack(structure, arrays, [array_ops.identity(t, name="Identity") for t in outs])


def _check_same(a, b, message):
    """Raises TensorFlow's error when two branch results differ: AssertionError for different
    numbers of values, ValueError for None against a tensor, TypeError for another structure
    or dtype."""
    header, name_a, name_b = message
    (sa, fa, _), (sb, fb, _) = a, b

    def shown(s, flat):
        return nest.map_structure(lambda i: None if i is None else flat[i], s)

    def fail(error, details):
        raise error("%s\n\n%s output: %s\n%s output: %s\n\nError details:\n%s" % (
            header, name_a, shown(sa, fa), name_b, shown(sb, fb), details))

    counts = [len(nest.flatten(sa)), len(nest.flatten(sb))]
    if counts[0] != counts[1]:
        fail(AssertionError, "%s returns %d values and %s %d: %s"
             % (name_a, counts[0], name_b, counts[1], counts))
    try:
        nest.assert_same_structure(sa, sb)
    except (ValueError, TypeError) as e:
        fail(TypeError, e)
    if [i is None for i in nest.flatten(sa)] != [i is None for i in nest.flatten(sb)]:
        fail(ValueError, "One returns None where the other returns a tensor: they give %d and %d "
             "tensors." % (len(fa), len(fb)))
    for x, y in zip(fa, fb):
        if x.dtype is not y.dtype:
            fail(TypeError, "%s and %s have different types" % (x, y))


def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    """`branch_fns[branch_index]()`; an index out of range runs `default` (if given, else the
    last branch).

    Args:
      branch_index: an int32 scalar tensor.
      branch_fns: a list of functions, or of (index, function) pairs, or a dict from index to
        function; the indices must be 0, 1, ..., n-1.
      default: the function for an index out of range.

    Raises:
      TypeError: if `branch_index` is not a tensor, or the branches disagree in structure or
        dtype (AssertionError, as in TensorFlow, when they return different numbers of values).
      ValueError: if the indices are not 0 ... n-1, or one branch returns None where another
        returns a tensor.

    >>> minitf.switch_case(minitf.constant(1), [lambda: 10, lambda: 20])  # eagerly: as is
    20
    """
    if not isinstance(branch_index, Tensor):
        raise TypeError("'branch_index' must be a Tensor, got %s" % type(branch_index))
    fns = _indexed_branches(branch_fns) + ([default] if default is not None else [])
    if executing_eagerly():
        i = int(branch_index)
        return fns[i if 0 <= i < len(fns) else -1]()
    with scope(name or "switch_case"), scope("indexed_case") as prefix:
        index = convert_to_tensor(branch_index, dtype=dtypes.int32)
        return branches("Case", index, fns, prefix, _switch_message)


def _indexed_branches(branch_fns):
    items = branch_fns.items() if isinstance(branch_fns, dict) else branch_fns
    items = list(items)
    if not items or not all(isinstance(x, tuple) for x in items):
        pairs = list(enumerate(items))
    else:
        pairs = items
    keys = [k for k, _ in pairs]
    if sorted(keys) != list(range(len(keys))):
        raise ValueError("branch indices (keys) must form contiguous range of [0 to %d) but "
                         "found {%s}" % (len(keys), ",".join(str(k) for k in sorted(keys))))
    for k, fn in pairs:
        if not callable(fn):
            raise TypeError("fn for branch %s must be callable." % (k,))
    return [fn for _, fn in sorted(pairs, key=lambda p: p[0])]


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """The function of the first true predicate of `pred_fn_pairs`, or `default`'s.

    Built from nested `cond`s. Without a default the last pair's function serves as one, and
    running it when its predicate is false raises InvalidArgumentError; with `exclusive`, more
    than one true predicate raises too.

    Args:
      pred_fn_pairs: a list of (bool scalar tensor, function) pairs (or a dict).
      default: the function to call when no predicate is true.

    >>> x = minitf.constant(3)
    >>> minitf.case([(x < 0, lambda: -1), (x < 5, lambda: 5)], default=lambda: 9)
    5
    """
    pairs = list(pred_fn_pairs.items() if isinstance(pred_fn_pairs, dict) else pred_fn_pairs)
    for p in pairs:
        if not isinstance(p, tuple) or len(p) != 2:
            raise TypeError("Each entry in pred_fn_pairs must be a 2-tuple, got %r" % (p,))
        if not callable(p[1]):
            raise TypeError("fn for pred %s must be callable." % (p[0],))
    preds = [p for p, _ in pairs]
    fns = [f for _, f in pairs]
    with scope(name or "case"):
        if default is None:
            default = _checked_default(preds, fns[-1])
            preds, fns = preds[:-1], fns[:-1]
        fn = default
        for pred, action in reversed(list(zip(preds, fns))):
            fn = functools.partial(cond_v1, pred, action, fn, strict=strict)
        if not exclusive:
            return fn()
        with _control_dependencies([_at_most(preds, 1, "Input error: exclusive=True")]):
            return fn()


def _checked_default(preds, action):
    def run():
        check = assert_ops.Assert(preds[-1], ["Input error: None of conditions evaluated as "
                                              "True:", join_ops.stack(preds)])
        with _control_dependencies([check]):
            return action()
    return run


def _at_most(preds, n, message):
    stacked = join_ops.stack(preds)
    count = reduce_sum(arithmetic_ops.cast(stacked, dtypes.int32))
    return assert_ops.Assert(comparison_ops.less_equal(count, n), [message, stacked])


def _control_dependencies(ops):
    return control_dependencies([op for op in ops if op is not None])  # eagerly: None

"""Small random programs for the fuzz test (`test_fuzz.py`): the op catalogue, a hypothesis
strategy drawing programs over random shapes and dtypes, and one interpreter that runs a program
with minitf or with numpy (the reference).

A program is a list of nodes: inputs (shape, dtype) and steps, each step one op of the catalogue
applied to earlier values with drawn parameters (axes, keepdims, a slice, a new shape, ...). Its
printed form is Python-like code, so a failing example reads as a script.
"""
import math
import warnings

import numpy as np
from hypothesis import strategies as st
from scipy import special

FLOATS = ("float16", "float32", "float64")
INTS = ("int32", "int64")


def _np_softmax(x, axis):
    if x.size == 0:
        return x.copy()
    e = np.exp(x - np.max(x, axis, keepdims=True))
    return e / np.sum(e, axis, keepdims=True)


def _np_mean(x, axis, keepdims):
    total = np.sum(x, axis, keepdims=keepdims)
    count = x.size // max(total.size, 1)
    if x.dtype.kind in "iu":  # TensorFlow's integer mean divides the sum, truncating (0 if empty)
        return np.trunc(total / max(count, 1)).astype(x.dtype)
    return (total / count if count else np.full_like(total, np.nan)).astype(x.dtype)


def _np_logsumexp(x, axis, keepdims):
    m = np.max(x, axis, keepdims=True, initial=-np.inf)
    m = np.where(np.isfinite(m), m, 0)
    out = np.log(np.sum(np.exp(x - m), axis, keepdims=True)) + m
    return (out if keepdims else np.squeeze(out, axis)).astype(x.dtype)


def _limit(x, low):
    """The lowest (or highest) value of x's dtype: an empty max (min) in TensorFlow."""
    if x.dtype.kind == "f":
        return -np.inf if low else np.inf
    info = np.iinfo(x.dtype)
    return info.min if low else info.max


# name: (dtypes it takes, minitf function of tf, numpy function)
UNARY = {
    "negative": (FLOATS + INTS, lambda tf: tf.negative, np.negative),
    "square": (FLOATS + INTS, lambda tf: tf.square, np.square),
    "abs": (FLOATS + INTS, lambda tf: tf.abs, np.abs),
    "relu": (FLOATS + INTS, lambda tf: tf.nn.relu, lambda x: np.maximum(x, 0).astype(x.dtype)),
    "tanh": (FLOATS, lambda tf: tf.tanh, np.tanh),
    "sigmoid": (FLOATS, lambda tf: tf.sigmoid, lambda x: special.expit(x).astype(x.dtype)),
    "exp": (FLOATS, lambda tf: tf.exp, np.exp),
    "sin": (FLOATS, lambda tf: tf.sin, np.sin),
    "softplus": (FLOATS, lambda tf: tf.nn.softplus, lambda x: np.logaddexp(0, x).astype(x.dtype)),
}
BINARY = {
    "add": (lambda tf: tf.add, np.add),
    "subtract": (lambda tf: tf.subtract, np.subtract),
    "multiply": (lambda tf: tf.multiply, np.multiply),
    "maximum": (lambda tf: tf.maximum, np.maximum),
    "minimum": (lambda tf: tf.minimum, np.minimum),
}
REDUCTIONS = {
    "reduce_sum": (FLOATS + INTS, np.sum),
    "reduce_mean": (FLOATS + INTS, _np_mean),
    "reduce_max": (FLOATS + INTS, lambda x, axis, keepdims: np.max(
        x, axis, keepdims=keepdims, initial=_limit(x, True))),
    "reduce_min": (FLOATS + INTS, lambda x, axis, keepdims: np.min(
        x, axis, keepdims=keepdims, initial=_limit(x, False))),
    "reduce_prod": (FLOATS + INTS, np.prod),
    "reduce_logsumexp": (FLOATS, _np_logsumexp),
}


class Input:
    """An argument of the program."""

    def __init__(self, shape, dtype):
        self.shape, self.dtype = shape, dtype

    def __repr__(self):
        return "input(%s, %s)" % (list(self.shape), self.dtype)


class Step:
    """`op` applied to the values numbered `args`, with parameters `params` (a dict)."""

    def __init__(self, op, args, params=None):
        self.op, self.args, self.params = op, tuple(args), dict(params or {})

    def __repr__(self):
        args = ["v%d" % a for a in self.args]
        args += ["%s=%r" % kv for kv in sorted(self.params.items())]
        return "%s(%s)" % (self.op, ", ".join(args))


class Program:
    """Nodes (Inputs and Steps) in order; value i is what node i gives."""

    def __init__(self, nodes):
        self.nodes = nodes
        self.inputs = [n for n in nodes if isinstance(n, Input)]

    @property
    def dtype(self):
        return self.inputs[0].dtype

    def __repr__(self):
        return "\n" + "\n".join("v%d = %r" % (i, n) for i, n in enumerate(self.nodes))


def run(program, inputs, tf=None):
    """Every value of `program`, one per node: computed with minitf ops when `tf` is given (the
    inputs are then tensors), else with numpy (the inputs are arrays; numpy's warnings off, as
    minitf gives inf and nan silently)."""
    if tf is None:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _run(program, inputs, None)
    return _run(program, inputs, tf)


def _run(program, inputs, tf):
    values, given = [], iter(inputs)
    for node in program.nodes:
        if isinstance(node, Input):
            values.append(next(given))
        else:
            values.append(_apply(node, [values[a] for a in node.args], tf))
    return values


def _apply(step, xs, tf):
    op, p = step.op, step.params
    if op in UNARY:
        return UNARY[op][1](tf)(*xs) if tf else UNARY[op][2](*xs)
    if op in BINARY:
        return BINARY[op][0](tf)(*xs) if tf else BINARY[op][1](*xs)
    if op in REDUCTIONS:
        if tf:
            fn = getattr(tf, op, None) or getattr(tf.math, op)
            return fn(xs[0], axis=p["axis"], keepdims=p["keepdims"])
        axis = p["axis"] if p["axis"] is None else tuple(np.atleast_1d(p["axis"]))
        return REDUCTIONS[op][1](xs[0], axis, keepdims=p["keepdims"])
    if op == "reshape":
        return tf.reshape(xs[0], p["shape"]) if tf else np.reshape(xs[0], p["shape"])
    if op == "matmul":
        if tf:
            return tf.matmul(*xs, transpose_a=p["transpose_a"], transpose_b=p["transpose_b"])
        a, b = xs
        a = np.swapaxes(a, -1, -2) if p["transpose_a"] else a
        b = np.swapaxes(b, -1, -2) if p["transpose_b"] else b
        return np.matmul(a, b)
    if op == "slice":
        return xs[0][_key(p["key"])]
    if op == "softmax":
        return tf.nn.softmax(xs[0], axis=p["axis"]) if tf else _np_softmax(xs[0], p["axis"])
    if op == "transpose":
        return tf.transpose(xs[0], p["perm"]) if tf else np.transpose(xs[0], p["perm"])
    if op == "expand_dims":
        return tf.expand_dims(xs[0], p["axis"]) if tf else np.expand_dims(xs[0], p["axis"])
    if op == "where":  # where(a > b, c, d)
        if tf:
            return tf.where(tf.greater(xs[0], xs[1]), xs[2], xs[3])
        return np.where(xs[0] > xs[1], xs[2], xs[3])
    raise KeyError(op)


def _key(key):
    """A key as Python spells it: (start, stop, step) triples become slices, "..." Ellipsis."""
    return tuple(slice(*k) if isinstance(k, tuple) else Ellipsis if k == "..." else k
                 for k in key)


# -- the strategy -------------------------------------------------------------------------------
def _shapes(max_rank=3, max_dim=3):
    return st.lists(st.integers(1, max_dim), max_size=max_rank).map(tuple)


@st.composite
def programs(draw, dtypes=FLOATS + INTS, max_steps=6):
    """A random program: 1 or 2 inputs of one of `dtypes`, then up to `max_steps` steps; an op that
    needs a partner of a given shape (a broadcasting operand, a matmul factor) reuses a fitting
    value or adds an input for it."""
    dtype = draw(st.sampled_from(dtypes))
    nodes = [Input(s, dtype) for s in draw(st.lists(_shapes(), min_size=1, max_size=2))]
    shapes = [n.shape for n in nodes]

    def add(node, shape):
        nodes.append(node)
        shapes.append(shape)
        return len(nodes) - 1

    def partner(shape):
        """The number of a value that broadcasts with `shape`: an earlier one, or a new input."""
        fits = [i for i, s in enumerate(shapes) if _broadcasts(s, shape)]
        if fits and draw(st.booleans()):
            return draw(st.sampled_from(fits))
        rank = draw(st.integers(0, len(shape)))
        new = tuple(d if draw(st.booleans()) else 1 for d in shape[len(shape) - rank:])
        return add(Input(new, dtype), new)

    def factor(shape):
        """The number of a value of `shape` (for matmul): an earlier one, or a new input."""
        fits = [i for i, s in enumerate(shapes) if s == shape]
        if fits and draw(st.booleans()):
            return draw(st.sampled_from(fits))
        return add(Input(shape, dtype), shape)

    for _ in range(draw(st.integers(1, max_steps))):
        x = draw(st.integers(0, len(shapes) - 1))
        shape = shapes[x]
        kinds = ["unary", "binary", "reduce", "reshape", "slice", "where", "transpose",
                 "expand_dims"]
        kinds += ["softmax"] * (dtype in FLOATS and len(shape) > 0)
        kinds += ["matmul"] * (len(shape) >= 2)
        kind = draw(st.sampled_from(kinds))
        if kind == "unary":
            step = Step(draw(st.sampled_from([k for k, v in UNARY.items() if dtype in v[0]])), [x])
        elif kind == "binary":
            step = Step(draw(st.sampled_from(sorted(BINARY))), [x, partner(shape)])
        elif kind == "reduce":
            op = draw(st.sampled_from([k for k, v in REDUCTIONS.items() if dtype in v[0]]))
            step = Step(op, [x], {"axis": draw(_axes(len(shape))),
                                  "keepdims": draw(st.booleans())})
        elif kind == "reshape":
            step = Step("reshape", [x], {"shape": draw(_reshape_to(shape))})
        elif kind == "slice":
            step = Step("slice", [x], {"key": draw(_slice_key(shape))})
        elif kind == "transpose":
            step = Step("transpose", [x], {"perm": draw(st.permutations(range(len(shape))))})
        elif kind == "expand_dims":
            step = Step("expand_dims", [x], {"axis": draw(st.integers(-len(shape) - 1,
                                                                      len(shape)))})
        elif kind == "softmax":
            step = Step("softmax", [x], {"axis": draw(st.integers(-len(shape), len(shape) - 1))})
        elif kind == "where":
            args = [x]
            for _ in range(3):  # each operand broadcasts with all before it
                args.append(partner(np.broadcast_shapes(*[shapes[a] for a in args])))
            step = Step("where", args)
        else:
            ta, tb, n = draw(st.booleans()), draw(st.booleans()), draw(st.integers(1, 3))
            k = shape[-2] if ta else shape[-1]
            y = factor(shape[:-2] + ((n, k) if tb else (k, n)))
            step = Step("matmul", [x, y], {"transpose_a": ta, "transpose_b": tb})
        add(step, _result_shape(step, shapes))
    return Program(nodes)


def _broadcasts(a, b):
    return all(p == q or p == 1 or q == 1 for p, q in zip(reversed(a), reversed(b)))


def _axes(rank):
    """None, one axis, or a list of distinct axes (negative ones too)."""
    if rank == 0:
        return st.none()
    return st.one_of(st.none(), st.integers(-rank, rank - 1),
                     st.lists(st.integers(-rank, rank - 1), min_size=1, max_size=rank,
                              unique_by=lambda a: a % rank))


@st.composite
def _reshape_to(draw, shape):
    """A shape with as many elements as `shape`, possibly with one -1 (not for an empty one)."""
    size = math.prod(shape)
    if size == 0:
        return draw(st.permutations([0] + draw(st.lists(st.integers(0, 3), max_size=2))))
    dims, rest = [], size
    for _ in range(draw(st.integers(0, 3))):
        d = draw(st.sampled_from([d for d in range(1, rest + 1) if rest % d == 0]))
        dims.append(d)
        rest //= d
    dims = draw(st.permutations(dims + [rest]))
    if draw(st.booleans()):
        dims[draw(st.integers(0, len(dims) - 1))] = -1
    return dims


@st.composite
def _slice_key(draw, shape):
    """A key for x[...]: for some dims an index or a (start, stop, step) slice; maybe an
    Ellipsis ("...") standing for the dims between the leading and the trailing ones given, and
    maybe a new axis (None) anywhere."""
    rank = len(shape)
    given = draw(st.integers(0, rank))
    lead = draw(st.integers(0, given))
    ellipsis = draw(st.integers(0, 3)) == 0
    dims = shape[:lead] + (shape[rank - (given - lead):] if ellipsis else shape[lead:given])
    key = [draw(_index(d)) for d in dims]
    if ellipsis:
        key.insert(lead, "...")
    if draw(st.integers(0, 3)) == 0:
        key.insert(draw(st.integers(0, len(key))), None)
    return key


def _index(d):
    """An index into a dim of size d, or a (start, stop, step) slice of it."""
    bound = st.one_of(st.none(), st.integers(-d - 1, d + 1))
    part = st.tuples(bound, bound, st.sampled_from([None, 1, 2, -1]))
    return st.one_of(st.integers(-d, d - 1), part) if d else part


def _result_shape(step, shapes):
    """The shape of a step's result, found by running its numpy form on zeros."""
    xs = [np.zeros(shapes[a]) for a in step.args]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.shape(_apply(step, xs, None))

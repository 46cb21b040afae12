"""String ops (`tf.strings`): join, length, upper, lower, strip, as_string, to_number, format,
reduce_join, and the two split kernels.

String tensors hold numpy object arrays of `bytes` (see framework/string_values.py). None of
these ops is differentiable. `tf.strings.split` returns a RaggedTensor, so the function lives
with the ragged tensors (ragged/ragged_string_ops.py); its kernels are here.
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import SCALAR, TensorShape
from .logging_ops import format_value
from .registry import convert_to_tensor, execute, register
from .shape_rules import all_axes, reduce_infer, reduction_axes

STRING = dtypes.string


def _elementwise(fn, out_dtype=object):
    """A kernel applying `fn` to each element of a string array."""
    def kernel(x, **attrs):
        out = np.empty(x.shape, out_dtype)
        flat = out.reshape(-1)
        for i, s in enumerate(x.reshape(-1)):
            flat[i] = fn(s, **attrs)
        return out
    return kernel


def _strings(inputs, **_):
    return [(STRING, inputs[0].shape)]


# -- joining ----------------------------------------------------------------------------------
def _join_kernel(*parts, separator):
    shapes = {p.shape for p in parts if p.ndim}
    if len(shapes) > 1:
        a, b = sorted(shapes, key=len)[:2]
        raise InvalidArgumentError(None, None, "Input shapes do not match: %s vs. %s"
                                   % (list(a), list(b)))
    shape = shapes.pop() if shapes else ()
    out = np.full(shape, b"", dtype=object)
    for i, p in enumerate(parts):
        out = out + (separator if i else b"") + np.broadcast_to(p, shape)
    return np.asarray(out, dtype=object)


def _join_infer(inputs, separator):
    """The shape the non-scalar inputs share (scalars are repeated to it)."""
    shape = None
    for t in inputs:
        if t.shape.rank != 0:
            shape = t.shape if shape is None else shape.merge_with(t.shape)
    return [(STRING, SCALAR if shape is None else shape)]


register("StringJoin", "inputs: N*string", _join_kernel, _join_infer, None)


def join(inputs, separator="", name=None):
    """Joins string tensors elementwise (scalars are repeated to the others' shape).

    Args:
      inputs: a list of string tensors of one shape, or scalars.
      separator: put between the joined parts.

    Raises:
      InvalidArgumentError: if the non-scalar inputs' shapes differ.

    >>> minitf.strings.join(["a", minitf.constant(["b", "c"])], separator="-")
    <tf.Tensor: shape=(2,), dtype=string, numpy=array([b'a-b', b'a-c'], dtype=object)>
    """
    if not inputs:
        return convert_to_tensor(b"", name=name or "StringJoin")
    return execute("StringJoin", [list(inputs)], {"separator": _bytes(separator)},
                   name=name or "StringJoin")


def _reduce_join_kernel(x, axes, keepdims, separator):
    axes = tuple(a % x.ndim for a in reduction_axes(axes)) if x.ndim else ()
    keep = [a for a in range(x.ndim) if a not in axes]
    moved = np.transpose(x, keep + list(axes)).reshape([x.shape[a] for a in keep] + [-1])
    out = np.empty(moved.shape[:-1], object)
    flat, rows = out.reshape(-1), moved.reshape(-1, moved.shape[-1])
    for i, row in enumerate(rows):
        flat[i] = separator.join(row)
    if keepdims:
        out = out.reshape([1 if a in axes else d for a, d in enumerate(x.shape)])
    return out


register("ReduceJoin", "inputs: string, reduction_indices: index", _reduce_join_kernel,
         lambda inputs, keepdims, separator: reduce_infer(inputs, keepdims), None)


def reduce_join(inputs, axis=None, keepdims=False, separator="", name=None):
    """Joins the strings of `inputs` along `axis` (all axes when None).

    >>> minitf.strings.reduce_join([["a", "b"], ["c", "d"]], axis=1, separator="-")
    <tf.Tensor: shape=(2,), dtype=string, numpy=array([b'a-b', b'c-d'], dtype=object)>
    """
    x = convert_to_tensor(inputs, dtype_hint=dtypes.string)
    return execute("ReduceJoin", [x, all_axes(x) if axis is None else axis],
                   {"keepdims": bool(keepdims), "separator": _bytes(separator)},
                   name=name or "ReduceJoin")


def _bytes(s):
    return s.encode("utf-8") if isinstance(s, str) else bytes(s)


# -- per-string functions ---------------------------------------------------------------------
def _length(s, unit):
    return len(s) if unit == "BYTE" else len(s.decode("utf-8", errors="replace"))


def _case(change):
    def fn(s, encoding):
        if encoding:  # utf-8: every letter; otherwise only ASCII letters change
            return change(s.decode("utf-8")).encode("utf-8")
        return change(s)
    return fn


register("StringLength", "input: string", _elementwise(_length, np.int32),
         lambda inputs, unit: [(dtypes.int32, inputs[0].shape)], None)
register("StringUpper", "input: string", _elementwise(_case(lambda s: s.upper())), _strings, None)
register("StringLower", "input: string", _elementwise(_case(lambda s: s.lower())), _strings, None)
register("StringStrip", "input: string", _elementwise(lambda s: s.strip()), _strings, None)


def length(input, unit="BYTE", name=None):
    """The length of each string: in bytes, or in UTF-8 characters with `unit="UTF8_CHAR"`.

    Raises:
      InvalidArgumentError: for another `unit`.

    >>> minitf.strings.length(["a", "héllo"], unit="UTF8_CHAR")
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 5], dtype=int32)>
    """
    if unit not in ("BYTE", "UTF8_CHAR"):
        raise InvalidArgumentError(None, None, "Value for attr 'unit' of \"%s\" is not in the list "
                                   "of allowed values: \"BYTE\", \"UTF8_CHAR\"" % unit)
    return execute("StringLength", [input], {"unit": unit},
                   name=name or "StringLength")


def upper(input, encoding="", name=None):
    """Each string in upper case: ASCII letters only, or all letters with `encoding="utf-8"`.

    >>> minitf.strings.upper("Hello")
    <tf.Tensor: shape=(), dtype=string, numpy=b'HELLO'>
    """
    return execute("StringUpper", [input], {"encoding": encoding},
                   name=name or "StringUpper")


def lower(input, encoding="", name=None):
    """Each string in lower case (see `upper`)."""
    return execute("StringLower", [input], {"encoding": encoding},
                   name=name or "StringLower")


def strip(input, name=None):
    """Each string without its leading and trailing whitespace."""
    return execute("StringStrip", [input], name=name or "StringStrip")


# -- numbers to strings and back --------------------------------------------------------------
def _as_string_kernel(x, precision, scientific, shortest, width, fill):
    if x.dtype.kind == "O":
        return x.copy()
    spec = "%" + fill + ("%d" % width if width >= 0 else "")
    if x.dtype.kind == "b":
        return _elementwise(lambda v: b"true" if v else b"false")(x)
    if x.dtype.kind in "iu":
        if precision >= 0:
            raise InvalidArgumentError(None, None, "precision not supported for datatype %s"
                                       % dtypes.from_numpy(x.dtype).name)
        return _elementwise(lambda v: ((spec + "d") % v).encode())(x)
    spec += ".%d" % precision if precision >= 0 else ""
    spec += "e" if scientific else "g" if shortest else "f"
    if x.dtype.kind == "c":
        return _elementwise(lambda v: ("(%s,%s)" % (spec % v.real, spec % v.imag)).encode())(x)
    return _elementwise(lambda v: (spec % v).encode())(x)


register("AsString", "input: any", _as_string_kernel, _strings, None)


def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="",
              name=None):
    """Each number as a string: integers plainly, floats as "%f" (6 decimals, or `precision`),
    or "%e" (`scientific`) or "%g" (`shortest`); booleans as "true"/"false". A `width` pads on
    the left with spaces, or with `fill` ("0").

    Raises:
      InvalidArgumentError: if `precision` is given for integers.

    >>> minitf.strings.as_string([1.5, 2.25], precision=2)
    <tf.Tensor: shape=(2,), dtype=string, numpy=array([b'1.50', b'2.25'], dtype=object)>
    """
    return execute("AsString", [input], {"precision": precision, "scientific": scientific,
                                         "shortest": shortest, "width": width, "fill": fill},
                   name=name or "AsString")


_NUMBER_TYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.uint32,
                 dtypes.uint64)


def _to_number(s, out_type):
    text = s.decode("utf-8", errors="replace")
    try:
        if "_" in text:
            raise ValueError(text)
        if out_type.is_integer:
            v = int(text)
            if not out_type.min <= v <= out_type.max:
                raise ValueError(text)
            return v
        return float(text)
    except ValueError:
        raise InvalidArgumentError(None, None, "StringToNumberOp could not correctly convert "
                                   "string: %s" % text) from None


register("StringToNumber", "string_tensor: string",
         lambda x, out_type: _elementwise(_to_number, out_type.np)(x, out_type=out_type),
         lambda inputs, out_type: [(out_type, inputs[0].shape)], None)


def to_number(input, out_type=dtypes.float32, name=None):
    """Each string parsed as a number of `out_type` (float32, float64, int32, int64, uint32 or
    uint64).

    Raises:
      InvalidArgumentError: for a string that is not a number of that type, or another type.

    >>> minitf.strings.to_number(["1", "2.5"])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1. , 2.5], dtype=float32)>
    """
    out_type = dtypes.as_dtype(out_type)
    if out_type not in _NUMBER_TYPES:
        raise InvalidArgumentError(None, None, "Value for attr 'out_type' of %s is not in the list "
                                   "of allowed values: float, double, int32, int64, uint32, "
                                   "uint64" % out_type.name)
    return execute("StringToNumber", [input],
                   {"out_type": out_type}, name=name or "StringToNumber")


# -- formatting -------------------------------------------------------------------------------
def _format_kernel(*values, template, placeholder, summarize):
    pieces = template.split(placeholder)
    text = pieces[0]
    for v, piece in zip(values, pieces[1:]):
        text += format_value(v, summarize) + piece
    return np.array(text.encode("utf-8"), dtype=object)


register("StringFormat", "inputs: N*any", _format_kernel,
         lambda inputs, **_: [(STRING, SCALAR)], None)


def format(template, inputs, placeholder="{}", summarize=3, name=None):  # noqa: A001
    """`template` with each `placeholder` replaced by the value of one of `inputs`, written as
    `tf.print` writes it (the first and last `summarize` entries of each dimension).

    Raises:
      ValueError: if the number of placeholders and of inputs differ.

    >>> minitf.strings.format("x={} y={}", (1, minitf.constant(["a", "b"])))
    <tf.Tensor: shape=(), dtype=string, numpy=b'x=1 y=["a" "b"]'>
    """
    if not isinstance(inputs, (list, tuple)):
        inputs = [inputs]
    if template.count(placeholder) != len(inputs):
        raise ValueError("The template expects %d tensors, but the inputs only has %d. Please "
                         "ensure the number of placeholders in template matches inputs length."
                         % (template.count(placeholder), len(inputs)))
    return execute("StringFormat", [[convert_to_tensor(x) for x in inputs]],
                   {"template": template, "placeholder": placeholder, "summarize": summarize},
                   name=name or "StringFormat")


# -- split kernels (the functions are in ragged/ragged_string_ops.py) -------------------------
def _sparse_tokens(rows):
    """(indices, values, dense_shape) of a SparseTensor with one row of tokens per string."""
    indices = [(i, j) for i, row in enumerate(rows) for j in range(len(row))]
    values = np.empty(len(indices), object)
    values[:] = [t for row in rows for t in row]
    width = max((len(row) for row in rows), default=0)
    return (np.array(indices, np.int64).reshape(-1, 2), values,
            np.array([len(rows), width], np.int64))


def _split_v2_kernel(x, sep, maxsplit):
    sep = sep[()] or None  # an empty separator: split on runs of whitespace
    return _sparse_tokens([s.split(sep, maxsplit) for s in x.reshape(-1)])


def _split_v1_kernel(x, delimiter, skip_empty):
    delims = delimiter[()]
    rows = []
    for s in x.reshape(-1):
        if not delims:
            tokens = [bytes([c]) for c in s]
        else:
            tokens, start = [], 0
            for k, c in enumerate(s):
                if c in delims:
                    tokens.append(s[start:k])
                    start = k + 1
            tokens.append(s[start:])
        rows.append([t for t in tokens if t or not skip_empty])
    return _sparse_tokens(rows)


def _split_infer(inputs, **_):
    return [(dtypes.int64, TensorShape([None, 2])), (STRING, TensorShape([None])),
            (dtypes.int64, TensorShape([2]))]


register("StringSplitV2", "input: string, sep: string", _split_v2_kernel, _split_infer, None,
         multi=True)
register("StringSplit", "input: string, delimiter: string", _split_v1_kernel, _split_infer, None,
         multi=True)


def string_split_v2(input, sep, maxsplit):
    """(indices, values, shape): the tokens of each string of a 1-D `input`, as a sparse
    tensor's parts."""
    return execute("StringSplitV2", [input, sep], {"maxsplit": maxsplit})


def string_split_v1(input, delimiter, skip_empty):
    """The same with TensorFlow 1.x's rule: each character of `delimiter` separates tokens."""
    return execute("StringSplit", [input, delimiter], {"skip_empty": skip_empty})

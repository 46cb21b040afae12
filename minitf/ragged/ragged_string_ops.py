"""`tf.strings.split` and `bytes_split`, which give RaggedTensors of tokens, and TensorFlow 1.x's
splits, which give a SparseTensor; the split kernels are in ops/string_ops.py."""
from ..framework import dtypes
from ..ops import string_ops
from ..ops.registry import convert_to_tensor, scope
from ..sparse.sparse_tensor import SparseTensor
from .ragged_tensor import RaggedTensor


def split(input, sep=None, maxsplit=-1, name=None):
    """Splits each string into tokens: on `sep`, or on runs of whitespace (dropping empty
    tokens) when `sep` is None; at most `maxsplit` times when it is not -1.

    Returns:
      For a scalar string, a 1-D string tensor of its tokens; for a 1-D tensor, a RaggedTensor
      with one row of tokens per string.

    Raises:
      ValueError: for input of rank 2 or more (minitf splits scalars and vectors).

    >>> minitf.strings.split(["hello world", "a"])
    <tf.RaggedTensor [[b'hello', b'world'], [b'a']]>
    """
    return _split_v2(input, sep, maxsplit, "RaggedTensor", name)


def bytes_split(input, name=None):
    """Splits each string into its bytes.

    Returns:
      For a scalar string, a 1-D string tensor of its bytes; for a 1-D tensor, a RaggedTensor
      with one row of bytes per string.

    Raises:
      ValueError: for input of rank 2 or more.

    >>> minitf.strings.bytes_split("abc")
    <tf.Tensor: shape=(3,), dtype=string, numpy=array([b'a', b'b', b'c'], dtype=object)>
    """
    with scope(name or "BytesSplit"):
        x = convert_to_tensor(input, dtype_hint=dtypes.string, name="input")
        if x.shape.rank not in (0, 1):
            raise ValueError("minitf's tf.strings.bytes_split takes a scalar or a 1-D tensor; "
                             "got shape %s. Reshape it to 1-D first." % (x.shape,))
        parts = string_ops.string_split_v1(x, "", False)  # an empty delimiter splits bytes
        return parts[1] if x.shape.rank == 0 else _tokens(parts, "RaggedTensor")


def split_v1(input=None, sep=None, maxsplit=-1, result_type="SparseTensor", source=None,
             name=None):
    """TensorFlow 1.x's `strings.split`: `split`, but the tokens of a 1-D tensor come as a
    SparseTensor unless `result_type="RaggedTensor"` (`source` is the old name of `input`).

    >>> minitf.compat.v1.strings.split(["a b", "c"]).indices.shape
    TensorShape([3, 2])
    """
    return _split_v2(source if input is None else input, sep, maxsplit, result_type, name)


def _split_v2(input, sep, maxsplit, result_type, name):
    with scope(name or "StringSplit"):
        x = convert_to_tensor(input, dtype_hint=dtypes.string, name="input")
        if x.shape.rank not in (0, 1):
            raise ValueError("minitf's tf.strings.split takes a scalar or a 1-D tensor; got "
                             "shape %s. Reshape it to 1-D first." % (x.shape,))
        parts = string_ops.string_split_v2(x if x.shape.rank else [x], sep or "", maxsplit)
        return parts[1] if x.shape.rank == 0 else _tokens(parts, result_type)


def string_split(source, sep=None, skip_empty=True, delimiter=None, result_type="SparseTensor",
                 name=None):
    """TensorFlow 1.x's `string_split` of a 1-D string tensor: every character of `delimiter`
    (default " ") separates tokens, empty tokens are dropped with `skip_empty`, and the tokens
    come as a SparseTensor (or a RaggedTensor with `result_type="RaggedTensor"`).

    >>> minitf.compat.v1.string_split(["a b", "c"]).values
    <tf.Tensor: shape=(3,), dtype=string, numpy=array([b'a', b'b', b'c'], dtype=object)>
    """
    delimiter = " " if sep is None and delimiter is None else delimiter or sep
    with scope(name or "StringSplit"):
        x = convert_to_tensor(source, dtype_hint=dtypes.string, name="source")
        return _tokens(string_ops.string_split_v1(x, delimiter, bool(skip_empty)), result_type)


def _tokens(parts, result_type):
    """The tokens of a split, given as the parts of a sparse tensor, in the form asked for."""
    indices, values, shape = parts
    if result_type == "RaggedTensor":
        return RaggedTensor.from_value_rowids(values, indices[:, 0], nrows=shape[0],
                                              validate=False)
    return SparseTensor(indices, values, shape)

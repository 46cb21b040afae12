"""How string values are held: numpy object arrays of `bytes`, as TensorFlow hands them out.

A Python `str` is encoded as UTF-8 on the way in; `bytes` are kept. This module only converts
values; the string ops are in `minitf/ops/string_ops.py`.
"""
import numpy as np

_TEXT = (str, bytes)


def is_text(x):
    return isinstance(x, _TEXT)


def to_bytes(x):
    return x.encode("utf-8") if isinstance(x, str) else bytes(x)


def bytes_array(value):
    """A fresh object array of bytes holding `value`: a str/bytes, a rectangular nested list of
    them, or a numpy array of str, bytes or objects that are str/bytes.

    Raises:
      ValueError: for a ragged list, or an item that is not a str or bytes.
    """
    a = value if isinstance(value, np.ndarray) else np.array(value, dtype=object)
    out = np.empty(a.shape, dtype=object)
    flat = out.reshape(-1)
    for i, x in enumerate(a.reshape(-1)):
        if not isinstance(x, _TEXT):
            if isinstance(x, (list, tuple)):
                raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
            if isinstance(value, np.ndarray):
                raise ValueError("Failed to convert a NumPy array to a Tensor (Unsupported object "
                                 "type %s)." % type(x).__name__)
            raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
        flat[i] = to_bytes(x)
    return out

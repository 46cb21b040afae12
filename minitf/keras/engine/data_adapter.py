"""What `fit`, `evaluate` and `predict` take as data, turned into batches.

Arrays and tensors (`x`, `y`, `sample_weight`, each possibly a list or dict of them) are cut
into batches of `batch_size` along the first axis, in a new random order each epoch when
shuffling (drawn with `minitf.random`, so `random.set_seed` makes it repeatable); floating
arrays become float32, as in Keras. Anything else given as `x` alone that can be iterated (a
`minitf.data.Dataset`, a list or generator of `(x, y)` batches) is a dataset: each epoch
iterates it afresh (or, with `steps_per_epoch`, one iterator serves the whole run).
"""
import math

import numpy as np

from ... import nest
from ...framework import dtypes
from ...framework.tensor import Tensor
from ...ops import random_ops, sequence_ops
from ...ops.registry import convert_to_tensor


def unpack_x_y_sample_weight(data):
    """(x, y, sample_weight) from a batch: a tuple of one to three items, or x alone.

    Raises:
      ValueError: for a tuple of more than three items.
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) > 3:
        raise ValueError("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
                         "`(x, y, sample_weight)`, found: %s" % (data,))
    return tuple(data) + (None,) * (3 - len(data))


def is_dataset(x):
    """Whether `x` is to be iterated for its batches rather than sliced: not a tensor, array,
    number, string or dict, and iterable (a tuple or list counts only when it holds tuples)."""
    if x is None or isinstance(x, (Tensor, np.ndarray, np.generic, str, bytes, dict, int, float)):
        return False
    if isinstance(x, (list, tuple)):
        return bool(x) and all(isinstance(item, tuple) for item in x)
    return hasattr(x, "__iter__")


class DataHandler:
    """The batches of one `fit`/`evaluate`/`predict` call, epoch by epoch.

    Args:
      x, y, sample_weight: arrays or tensors; or `x` a dataset (then y and sample_weight must
        be None).
      batch_size: the batch size for arrays (default 32).
      steps: batches per epoch (default: all of the data, each epoch); for a dataset, one
        iterator then serves all epochs.
      shuffle: whether to shuffle arrays each epoch.

    Raises:
      ValueError: if `batch_size` is not positive, if y or sample_weight come with a dataset,
        if `batch_size` comes with a dataset, or the arrays have different numbers of examples.
    """

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps=None,
                 shuffle=False):
        if batch_size is not None and batch_size <= 0:
            raise ValueError("Expected batch_size to be positive. Received is %s." % (batch_size,))
        self._dataset = x if is_dataset(x) else None
        self._steps_arg = steps
        self._iterator = None
        if self._dataset is not None:
            if y is not None or sample_weight is not None:
                raise ValueError("`y` argument is not supported when using dataset as input.")
            if batch_size is not None:
                raise ValueError("The `batch_size` argument must not be specified when using a "
                                 "dataset or an iterable of batches as input.")
            self.steps = steps if steps is not None else _length(x)
            return
        given = [(k, a) for k, a in zip(("x", "y", "sample_weight"), (x, y, sample_weight))
                 if a is not None]
        self._arrays = tuple(nest.map_structure(as_array, a) for _, a in given)
        self.size = _check_cardinality([k for k, _ in given], self._arrays)
        self.batch_size = batch_size or 32
        self.steps = math.ceil(self.size / self.batch_size)
        if steps is not None:
            self.steps = min(self.steps, steps)
        self._shuffle = shuffle

    def epoch(self):
        """The batches of one epoch, each a tuple of tensors (or a dataset's element)."""
        if self._dataset is None:
            return self._array_batches()
        if self._steps_arg is None:
            return (nest.map_structure(as_tensor, b) for b in self._dataset)
        if self._iterator is None:
            self._iterator = iter(self._dataset)
        return (nest.map_structure(as_tensor, b)
                for _, b in zip(range(self._steps_arg), self._iterator))

    def _array_batches(self):
        order = None
        if self._shuffle:
            order = random_ops.random_shuffle(sequence_ops.range(self.size)).numpy()
        for start in range(0, self.steps * self.batch_size, self.batch_size):
            rows = slice(start, start + self.batch_size) if order is None \
                else order[start:start + self.batch_size]
            yield nest.map_structure(lambda a: convert_to_tensor(a[rows]), self._arrays)


def _check_cardinality(labels, data):
    """The number of examples in `data` (x, y, sample_weight, as `labels` name them: arrays,
    or nestings of them).

    Raises:
      ValueError: listing the sizes of each, if they differ.
    """
    sizes = [[len(a) for a in nest.flatten(part)] for part in data]
    if len({n for part in sizes for n in part}) > 1:
        raise ValueError("Data cardinality is ambiguous:\n%sMake sure all arrays contain the same "
                         "number of samples." % "".join(
                             "  %s sizes: %s\n" % (label, ", ".join(map(str, part)))
                             for label, part in zip(labels, sizes)))
    return sizes[0][0]


def _length(x):
    try:
        return len(x)
    except TypeError:
        return None


def as_array(a):
    """`a` as a numpy array, floating types as float32 (Keras' floatx)."""
    a = a.numpy() if isinstance(a, Tensor) else np.asarray(a)
    if np.issubdtype(a.dtype, np.floating):
        a = a.astype(dtypes.float32.np)
    return a


def as_tensor(x):
    """`x` as a tensor (a numpy array converted by `as_array`)."""
    if isinstance(x, Tensor):
        return x
    return convert_to_tensor(as_array(x))

"""Reading a checkpoint without a program to restore into: `train.load_checkpoint` (a reader of
its tensors by name), `train.list_variables` and `train.load_variable`, for checkpoints written
by a `Saver` or a `Checkpoint`."""
import os

from ..framework import dtypes
from ..framework.shapes import TensorShape
from . import files


def _prefix(ckpt_dir_or_file):
    if os.path.isdir(ckpt_dir_or_file):
        prefix = files.latest_checkpoint(ckpt_dir_or_file)
        if prefix is None:
            raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given directory "
                             "%s" % ckpt_dir_or_file)
        return prefix
    return ckpt_dir_or_file


class CheckpointReader:
    """The tensors of one checkpoint, by their saved names (a `Checkpoint`'s are paths such as
    "model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE", a `Saver`'s the variables' names)."""

    def __init__(self, prefix):
        self._reader = files.Reader(prefix)

    def has_tensor(self, name):
        return name in self._reader.tensors

    def get_tensor(self, name):
        """The saved value of `name`, a numpy array.

        Raises:
          NotFoundError: if the checkpoint has no tensor of that name.
          DataLossError: if its data file is damaged.
        """
        dtype, shape = self._reader.tensors.get(name, (None, None))
        if dtype is None:
            return self._reader.load({name: (None, None)})[name]  # raises NotFoundError
        return self._reader.load({name: (dtypes.as_dtype(dtype), TensorShape(shape))})[name]

    def get_variable_to_shape_map(self):
        """{name: shape as a list of ints} for every saved tensor."""
        return {name: list(shape) for name, (_, shape) in self._reader.tensors.items()}

    def get_variable_to_dtype_map(self):
        """{name: DType} for every saved tensor."""
        return {name: dtypes.as_dtype(dtype) for name, (dtype, _) in self._reader.tensors.items()}


def load_checkpoint(ckpt_dir_or_file):
    """A `CheckpointReader` of checkpoint `ckpt_dir_or_file` (a prefix, or a directory whose
    latest checkpoint is read).

    Raises:
      ValueError: for a directory without checkpoints.
      NotFoundError: if there is no such checkpoint.

    >>> import os, tempfile
    >>> path = minitf.train.Checkpoint(v=minitf.Variable(2.0)).write(
    ...     os.path.join(tempfile.mkdtemp(), "ckpt"))
    >>> print(minitf.train.load_checkpoint(path).get_tensor("v/.ATTRIBUTES/VARIABLE_VALUE"))
    2.0
    """
    return CheckpointReader(_prefix(ckpt_dir_or_file))


def list_variables(ckpt_dir_or_file):
    """(name, shape as a list) of every tensor in the checkpoint, sorted by name.

    Raises:
      ValueError, NotFoundError: as `load_checkpoint`.
    """
    shapes = load_checkpoint(ckpt_dir_or_file).get_variable_to_shape_map()
    return [(name, shapes[name]) for name in sorted(shapes)]


def load_variable(ckpt_dir_or_file, name):
    """The saved value of tensor `name` (a numpy array); a trailing ":0" is ignored.

    Raises:
      ValueError, NotFoundError: as `load_checkpoint`, or when there is no such tensor.
    """
    if name.endswith(":0"):
        name = name[:-2]
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name)

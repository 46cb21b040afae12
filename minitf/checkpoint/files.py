"""The checkpoint format on disk, shared by the v1 `Saver` and the v2 `Checkpoint`.

A checkpoint `<prefix>` is two files: `<prefix>.index`, a small JSON file listing each saved
tensor's name, dtype and shape and naming the data file, and that data file,
`<prefix>.data-<token>.npz`, in numpy's format (one `<name>.npy` member per tensor). A save
writes the data under a new name, then replaces the index in one `os.replace`: that is the
commit, so a crash at any point leaves the previous checkpoint (index and data) whole; the
temporary files of a write killed midway are deleted by the next write of the same files.
Restoring checks everything (names, dtypes, shapes, readable data) before any variable changes.

A directory's `checkpoint` file lists its checkpoints (oldest first) in TensorFlow's layout:
`model_checkpoint_path: "ckpt-3"`, `all_model_checkpoint_paths: "ckpt-2"`, ...
"""
import collections
import contextlib
import glob
import json
import os
import tempfile
import uuid
import zipfile

import numpy as np

from ..framework import errors
from ..framework.resource import transaction

FORMAT = "minitf checkpoint 1"
STATE_FILE = "checkpoint"

CheckpointState = collections.namedtuple(
    "CheckpointState", ["model_checkpoint_path", "all_model_checkpoint_paths"])


# -- writing --------------------------------------------------------------------------------------
def _atomic_write(path, write):
    """Calls `write(file)` on a temporary file next to `path`, then renames it to `path`."""
    _remove_temporaries(path)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".",
                               prefix=os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def _remove_temporaries(path):
    """Deletes the temporary files that writes of `path` (or, for a checkpoint prefix, of its
    files) left behind when their process was killed."""
    for tmp in glob.glob(glob.escape(path) + ".*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)


def _write_npz(f, arrays):
    with zipfile.ZipFile(f, "w") as z:
        for name, a in arrays.items():
            with z.open(name + ".npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, a, allow_pickle=False)


def _data_files(prefix):
    return glob.glob(glob.escape(prefix) + ".data-*.npz")


def write(prefix, arrays):
    """Writes `arrays` (name -> numpy array) as checkpoint `prefix`, replacing one that is
    there; returns `prefix`."""
    arrays = {name: np.asarray(a) for name, a in arrays.items()}
    data = "%s.data-%s.npz" % (os.path.basename(prefix), uuid.uuid4().hex[:8])
    data_path = os.path.join(os.path.dirname(prefix), data)
    old = _data_files(prefix)
    _remove_temporaries(prefix)
    _atomic_write(data_path, lambda f: _write_npz(f, arrays))
    lines = ",\n".join(" %s: %s" % (json.dumps(name), json.dumps(
        {"dtype": a.dtype.name, "shape": list(a.shape)})) for name, a in arrays.items())
    index = '{"format": %s, "data": %s, "tensors": {\n%s\n}}\n' % (
        json.dumps(FORMAT), json.dumps(data), lines)
    try:
        _atomic_write(prefix + ".index", lambda f: f.write(index.encode()))
    except BaseException:
        os.remove(data_path)
        raise
    for path in old:
        os.remove(path)
    return prefix


def remove(prefix):
    """Deletes checkpoint `prefix`: its data files, then its index (so that a checkpoint half
    deleted by a crash still exists, and is deleted again)."""
    for path in _data_files(prefix) + [prefix + ".index"]:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


def exists(prefix):
    return os.path.isfile(prefix + ".index")


# -- reading --------------------------------------------------------------------------------------
class Reader:
    """Checkpoint `prefix`, opened by reading its index.

    Raises:
      NotFoundError: if there is no index file.
      DataLossError: if the index cannot be parsed.
    """

    def __init__(self, prefix):
        self.prefix = prefix
        path = prefix + ".index"
        try:
            with open(path, "rb") as f:
                index = json.loads(f.read().decode())
            if index.get("format") != FORMAT:
                raise ValueError("it is not a %s index" % FORMAT)
            self._data = os.path.join(os.path.dirname(prefix), index["data"])
            self.tensors = {name: (np.dtype(t["dtype"]), tuple(t["shape"]))
                            for name, t in index["tensors"].items()}
        except FileNotFoundError:
            raise errors.NotFoundError(
                None, None, "Failed to find any matching files for %s: there is no index file "
                "%s. You may be missing the checkpoint suffix (e.g. the '-1' in "
                "'path/to/ckpt-1')." % (prefix, path)) from None
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as e:
            raise errors.DataLossError(None, None, "Checkpoint index %s is corrupt: %s."
                                       % (path, e)) from None

    def load(self, specs):
        """The saved arrays for `specs` ({name: (dtype, shape) the variable needs}), each
        checked against it.

        Raises:
          NotFoundError: for a name that is not in the checkpoint.
          ValueError: for a saved shape that does not fit the variable's.
          InvalidArgumentError: for a saved dtype that differs from the variable's.
          DataLossError: if the data file is truncated or corrupt.
        """
        for name, (dtype, shape) in specs.items():
            if name not in self.tensors:
                raise errors.NotFoundError(
                    None, None, "Key %s not found in checkpoint %s (it holds: %s)."
                    % (name, self.prefix, ", ".join(sorted(self.tensors))))
            saved_dtype, saved_shape = self.tensors[name]
            if not shape.is_compatible_with(saved_shape):
                raise ValueError("Received incompatible tensor with shape %s when attempting to "
                                 "restore variable with shape %s and name %s from checkpoint %s."
                                 % (saved_shape, tuple(shape.as_list()), name, self.prefix))
            if saved_dtype != dtype.np:
                raise errors.InvalidArgumentError(
                    None, None, "Restoring variable %s from checkpoint %s failed: it was saved "
                    "as %s, the variable is %s." % (name, self.prefix, saved_dtype, dtype.name))
        try:
            data = np.load(self._data, allow_pickle=False)
        except FileNotFoundError:
            raise errors.NotFoundError(None, None, "The data file %s of checkpoint %s is missing."
                                       % (self._data, self.prefix)) from None
        except Exception as e:  # zip and numpy errors: the file is damaged
            raise self._damaged("", repr(e)) from None
        if not isinstance(data, np.lib.npyio.NpzFile):
            raise self._damaged("", "not an .npz file")
        with data:
            return {name: self._member(data, name) for name in specs}

    def _member(self, data, name):
        try:
            a = data[name]
        except Exception as e:  # zip, zlib and numpy errors
            raise self._damaged("variable %s of " % name, repr(e)) from None
        if (a.dtype, a.shape) != self.tensors[name]:
            raise self._damaged("variable %s of " % name, "it does not match the index")
        return a

    def _damaged(self, what, cause):
        return errors.DataLossError(None, None, "Cannot read %s%s: the file is truncated or "
                                    "corrupt (%s)." % (what, self._data, cause))


def assign(variables, arrays):
    """Sets eager variables to `arrays`, all or (if one fails) none."""
    with transaction():
        for v, a in zip(variables, arrays):
            v.assign(a)


# -- the directory's list of checkpoints --------------------------------------------------------
def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The `checkpoint` file of `checkpoint_dir` (paths made absolute), or None if absent.

    Raises:
      DataLossError: if the file cannot be parsed.
    """
    path = os.path.join(checkpoint_dir, latest_filename or STATE_FILE)
    if not os.path.isfile(path):
        return None
    latest, paths = None, []
    with open(path) as f:
        for line in filter(None, (s.strip() for s in f)):
            key, _, value = line.partition(":")
            try:
                value = os.path.join(checkpoint_dir, json.loads(value))
            except ValueError:
                raise errors.DataLossError(None, None, "Cannot parse the line %r of checkpoint "
                                           "state file %s." % (line, path)) from None
            if key == "model_checkpoint_path":
                latest = value
            elif key == "all_model_checkpoint_paths":
                paths.append(value)
    return CheckpointState(latest, paths)


def update_checkpoint_state(checkpoint_dir, latest, paths, latest_filename=None):
    """Atomically rewrites the `checkpoint` file of `checkpoint_dir`."""
    def line(key, p):
        if os.path.dirname(os.path.abspath(p)) == os.path.abspath(checkpoint_dir):
            p = os.path.basename(p)
        return "%s: %s\n" % (key, json.dumps(p))
    text = line("model_checkpoint_path", latest)
    text += "".join(line("all_model_checkpoint_paths", p) for p in paths)
    _atomic_write(os.path.join(checkpoint_dir, latest_filename or STATE_FILE),
                  lambda f: f.write(text.encode()))


def list_and_prune(checkpoint_dir, latest, listed, max_to_keep, latest_filename=None):
    """Makes `latest` the newest of the checkpoints `listed` in `checkpoint_dir`'s `checkpoint`
    file, then deletes the oldest beyond `max_to_keep` (None: keep all); returns those kept.
    The file names the checkpoints to delete until they are gone, so a crash in between leaves
    them listed, for the next save to delete, rather than forgotten on disk."""
    listed = [p for p in listed if p != latest] + [latest]
    dropped = listed[:-max_to_keep] if max_to_keep else []
    update_checkpoint_state(checkpoint_dir, latest, listed, latest_filename)
    for prefix in dropped:
        remove(prefix)
    if dropped:
        listed = listed[len(dropped):]
        update_checkpoint_state(checkpoint_dir, latest, listed, latest_filename)
    return listed


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The prefix of the newest checkpoint listed in `checkpoint_dir`, or None if there is none
    (or its files are gone).

    >>> import tempfile
    >>> print(minitf.train.latest_checkpoint(tempfile.mkdtemp()))
    None
    """
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state is None or state.model_checkpoint_path is None:
        return None
    return state.model_checkpoint_path if exists(state.model_checkpoint_path) else None

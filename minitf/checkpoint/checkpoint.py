"""The TensorFlow 2.x object-based checkpoints (`minitf.train.Checkpoint`, `CheckpointManager`).

A Checkpoint names each eager variable by the path of attributes that reaches it from the
Checkpoint (a Module's attributes, see `minitf.module`, are followed too), as TensorFlow does:
`Checkpoint(model=Checkpoint(w=w), opt=adam)` saves "model/w/.ATTRIBUTES/VARIABLE_VALUE",
"opt/iter/.ATTRIBUTES/VARIABLE_VALUE" and Adam's slots of w as
"model/w/.OPTIMIZER_SLOT/opt/m/.ATTRIBUTES/VARIABLE_VALUE" and ".../v/..." (an object reached
twice is saved once, under its shortest path), and "save_counter/.ATTRIBUTES/VARIABLE_VALUE"
once `save` has counted a save. Restoring makes the slots an optimizer has not made yet,
so training resumes exactly where it stopped.
"""
import collections
import os

import numpy as np

from ..framework import dtypes
from ..framework.resource import transaction
from ..module import Module
from ..optimizers.optimizer_v2 import Optimizer
from ..variables import Variable
from . import files

SLOT = "/.OPTIMIZER_SLOT/"
VALUE = "/.ATTRIBUTES/VARIABLE_VALUE"
COUNTER = "save_counter" + VALUE


class Checkpoint:
    """Saves and restores eager variables, v2 optimizers (with their slots), Modules (Keras
    layers and models among them), other Checkpoints, and lists or dicts of them, given as
    keyword arguments (also readable as attributes).

    Raises:
      ValueError: for an argument that is none of these.

    >>> import os, tempfile
    >>> w = minitf.Variable(1.0)
    >>> ckpt = minitf.train.Checkpoint(w=w)
    >>> path = ckpt.save(os.path.join(tempfile.mkdtemp(), "ckpt"))
    >>> _ = w.assign(5.0)
    >>> _ = ckpt.restore(path)
    >>> os.path.basename(path), float(w)
    ('ckpt-1', 1.0)
    """

    def __init__(self, **kwargs):
        for name, obj in kwargs.items():
            _check_trackable(obj)
            setattr(self, name, obj)
        self._children = kwargs
        self.save_counter = Variable(0, trainable=False, dtype=dtypes.int64, name="save_counter")

    def write(self, file_prefix):
        """Writes checkpoint `file_prefix` (no numbering, no `checkpoint` file); returns it."""
        variables = self._variables()
        if int(self.save_counter) == 0:  # TensorFlow makes the counter at the first save
            del variables[COUNTER]
        directory = os.path.dirname(file_prefix)
        if directory:
            os.makedirs(directory, exist_ok=True)
        return files.write(file_prefix, {k: np.asarray(v.numpy()) for k, v in variables.items()})

    def save(self, file_prefix):
        """Counts the save in `save_counter`, writes checkpoint `<file_prefix>-<save_counter>`
        and makes it the directory's latest; returns its prefix."""
        with transaction():
            self.save_counter.assign_add(1)
            path = self.write("%s-%d" % (file_prefix, int(self.save_counter)))
        files.update_checkpoint_state(os.path.dirname(file_prefix), path, [path])
        return path

    def restore(self, save_path):
        """Sets every variable (and slot) to its value in checkpoint `save_path`, making the
        optimizer slots that do not exist yet. Everything is checked first: on any error no
        variable changes. `restore(None)` does nothing.

        Returns:
          A status whose `assert_consumed()` raises if some saved values matched nothing.

        Raises:
          NotFoundError: if there is no such checkpoint, or a variable is not in it.
          ValueError: if a saved shape does not fit its variable.
          InvalidArgumentError: if a saved dtype differs from its variable's.
          DataLossError: if the checkpoint's files are corrupt or truncated.
        """
        if save_path is None:
            return LoadStatus(None)
        reader = files.Reader(save_path)
        variables = self._variables()
        if COUNTER not in reader.tensors:
            del variables[COUNTER]
        new_slots = self._missing_slots(reader.tensors)
        specs = {k: (v.dtype, v.shape) for k, v in variables.items()}
        specs.update({k: (var.dtype, var.shape) for k, (_, var, _) in new_slots.items()})
        arrays = reader.load(specs)
        files.assign(variables.values(), [arrays[k] for k in variables])
        for key, (opt, var, slot_name) in new_slots.items():
            opt._add_slot(var, slot_name, arrays[key])
        return LoadStatus(set(reader.tensors) - set(specs))

    # -- the object graph ----------------------------------------------------------------------
    def _objects(self):
        """(path, object) for everything reachable, breadth first, each object once."""
        seen, found = set(), []
        queue = collections.deque(self._children.items())
        while queue:
            path, obj = queue.popleft()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            found.append((path, obj))
            queue.extend((path + "/" + name, child) for name, child in _children(obj))
        return found

    def _variables(self):
        """{key: variable} for every variable and existing slot, and the save counter."""
        objects = self._objects()
        owned = [(p, o) for p, o in objects if isinstance(o, Variable)]
        variables = {p + VALUE: o for p, o in owned}
        for opt_path, opt in ((p, o) for p, o in objects if isinstance(o, Optimizer)):
            for var_path, var in owned:
                for slot_name, slot in opt._slots.get(var.ref(), {}).items():
                    variables[var_path + SLOT + opt_path + "/" + slot_name + VALUE] = slot
        variables[COUNTER] = self.save_counter
        return variables

    def _missing_slots(self, saved):
        """{key: (optimizer, variable, slot name)} for the slots saved in the checkpoint that
        the optimizers here have not made."""
        objects = dict(self._objects())
        missing = {}
        for key in saved:
            var_path, _, rest = key.partition(SLOT)
            opt_path, _, slot_name = rest[:-len(VALUE)].rpartition("/")
            var, opt = objects.get(var_path), objects.get(opt_path)
            if isinstance(var, Variable) and isinstance(opt, Optimizer) and \
                    slot_name not in opt._slots.get(var.ref(), {}):
                missing[key] = (opt, var, slot_name)
        return missing


def _children(obj):
    if isinstance(obj, Checkpoint):
        return obj._children.items()
    if isinstance(obj, Optimizer):
        return [("iter", obj.iterations)]
    if isinstance(obj, Module):
        return obj._trackable_children()
    if isinstance(obj, dict):
        return [(str(k), v) for k, v in obj.items()]
    if isinstance(obj, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(obj)]
    return []


def _check_trackable(obj):
    if isinstance(obj, (dict, list, tuple)):
        for child in (obj.values() if isinstance(obj, dict) else obj):
            _check_trackable(child)
    elif not isinstance(obj, (Variable, Optimizer, Checkpoint, Module)):
        raise ValueError("`Checkpoint` was expecting a trackable object (a Variable, a v2 "
                         "optimizer, a Module, a Checkpoint, or a list or dict of them), got "
                         "%r." % (obj,))


class LoadStatus:
    """What `Checkpoint.restore` returns. The values are already restored; this only reports."""

    def __init__(self, unused):
        self._unused = unused  # saved keys that matched nothing; None when nothing was restored

    def assert_consumed(self):
        """Raises AssertionError unless every saved value was restored."""
        self.assert_existing_objects_matched()
        if self._unused:
            raise AssertionError("Unresolved values in checkpoint: %s" % sorted(self._unused))
        return self

    def assert_existing_objects_matched(self):
        """Raises AssertionError if nothing was restored (`restore(None)`)."""
        if self._unused is None:
            raise AssertionError("No checkpoint specified (save_path=None); nothing is being "
                                 "restored.")
        return self

    def expect_partial(self):
        return self


class CheckpointManager:
    """Numbers, lists and prunes the checkpoints of `checkpoint` in `directory`.

    Args:
      checkpoint: the Checkpoint to save.
      directory: where to write (made if needed); its existing `checkpoint` file is read, so a
        new manager continues the list.
      max_to_keep: how many checkpoints to keep (None: all); `save` deletes older ones.
      checkpoint_name: the prefix of the file names: "<checkpoint_name>-<number>".

    Raises:
      ValueError: if `max_to_keep` is not positive.

    >>> import os, tempfile
    >>> ckpt = minitf.train.Checkpoint(w=minitf.Variable(1.0))
    >>> manager = minitf.train.CheckpointManager(ckpt, tempfile.mkdtemp(), max_to_keep=2)
    >>> paths = [manager.save() for _ in range(3)]
    >>> [os.path.basename(p) for p in manager.checkpoints]
    ['ckpt-2', 'ckpt-3']
    """

    def __init__(self, checkpoint, directory, max_to_keep, checkpoint_name="ckpt"):
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError("Expected a positive integer or `None` for `max_to_keep`, got %d."
                             % max_to_keep)
        self._checkpoint = checkpoint
        self._directory = directory
        self._max_to_keep = max_to_keep
        self._prefix = os.path.join(directory, checkpoint_name)
        state = files.get_checkpoint_state(directory)
        self._checkpoints = [] if state is None else \
            [p for p in state.all_model_checkpoint_paths if files.exists(p)]

    @property
    def directory(self):
        return self._directory

    @property
    def checkpoints(self):
        """The kept checkpoints, oldest first."""
        return list(self._checkpoints)

    @property
    def latest_checkpoint(self):
        """The newest checkpoint's prefix, or None."""
        return self._checkpoints[-1] if self._checkpoints else None

    def save(self, checkpoint_number=None):
        """Writes checkpoint "<checkpoint_name>-<number>" (default number: the checkpoint's
        `save_counter`, counted up first) and deletes the ones beyond `max_to_keep`; returns
        its prefix."""
        with transaction():
            self._checkpoint.save_counter.assign_add(1)
            number = self._checkpoint.save_counter if checkpoint_number is None \
                else checkpoint_number
            path = self._checkpoint.write("%s-%d" % (self._prefix, int(number)))
        self._checkpoints = files.list_and_prune(
            self._directory, path, self._checkpoints, self._max_to_keep)
        return path

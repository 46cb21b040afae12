"""The TensorFlow 1.x `Saver` (`compat.v1.train.Saver`): saves and restores variables by name.

The name of a variable in the checkpoint is its own name without ":0" ("w", "w/Adam"), so a
checkpoint written from a graph restores into eager variables of the same names, and the other
way. In a graph the values are read and set in a Session (the Saver adds, when it is made, the
placeholders and assignments that restoring feeds, under the name scope "save").
"""
import numbers
import os

import numpy as np

from ..framework.context import executing_eagerly
from ..ops import array_ops, control_flow_ops
from ..variables import global_variables
from . import files


class Saver:
    """Saves and restores variables (TensorFlow 1.x style).

    Args:
      var_list: the variables: a list (saved under their names) or a dict {name: variable};
        default, in a graph, all global variables that exist now.
      max_to_keep: how many recent checkpoints `save` keeps; older ones are deleted (None or 0:
        keep all).

    Raises:
      RuntimeError: when executing eagerly without `var_list`.
      ValueError: if there are no variables, or two share a name.

    >>> import os, tempfile
    >>> w = minitf.Variable([1.0, 2.0], name="w")
    >>> saver = minitf.compat.v1.train.Saver([w])
    >>> path = saver.save(None, os.path.join(tempfile.mkdtemp(), "model"), global_step=3)
    >>> _ = w.assign([0.0, 0.0])
    >>> saver.restore(None, path)
    >>> os.path.basename(path), w.numpy()
    ('model-3', array([1., 2.], dtype=float32))
    """

    def __init__(self, var_list=None, max_to_keep=5):
        if var_list is None:
            if executing_eagerly():
                raise RuntimeError("When eager execution is enabled, `var_list` must specify a "
                                   "list or dict of variables to save")
            var_list = global_variables()
        if not isinstance(var_list, dict):
            named = {}
            for v in var_list:
                name = v.name.rpartition(":")[0]
                if name in named:
                    raise ValueError("At least two variables have the same name: %s" % name)
                named[name] = v
            var_list = named
        if not var_list:
            raise ValueError("No variables to save")
        self._vars = var_list
        self._max_to_keep = max_to_keep
        self._last = []
        self._graph = next(iter(var_list.values())).graph
        if self._graph is not None:
            with self._graph.as_default(), self._graph.name_scope("save"):
                self._feeds = {name: array_ops.placeholder(v.dtype, v.shape)
                               for name, v in var_list.items()}
                self._restore_op = control_flow_ops.group(
                    *[v.assign(self._feeds[name], read_value=False)
                      for name, v in var_list.items()], name="restore_all")

    @property
    def last_checkpoints(self):
        """The checkpoints this Saver wrote and keeps, oldest first."""
        return list(self._last)

    def save(self, sess, save_path, global_step=None, latest_filename=None,
             write_meta_graph=True, write_state=True):
        """Writes the variables' values (in a graph: their values in `sess`) to checkpoint
        `save_path`, or `save_path-<global_step>`; lists it in the directory's `checkpoint`
        file, deleting the checkpoints beyond `max_to_keep`. No meta graph is written.

        Returns:
          The checkpoint's prefix.

        Raises:
          ValueError: if the directory of `save_path` does not exist.
        """
        if global_step is not None:
            if not isinstance(global_step, numbers.Integral):
                global_step = self._values(sess, [global_step])[0]
            save_path = "%s-%d" % (save_path, global_step)
        directory = os.path.dirname(save_path)
        if directory and not os.path.isdir(directory):
            try:  # TensorFlow makes the last directory level, but not more
                os.mkdir(directory)
            except FileNotFoundError:
                raise ValueError("Parent directory of %s doesn't exist, can't save."
                                 % save_path) from None
        files.write(save_path, dict(zip(self._vars, self._values(sess, self._vars.values()))))
        if write_state:
            self._last = files.list_and_prune(directory, save_path, self._last,
                                              self._max_to_keep, latest_filename)
        return save_path

    def restore(self, sess, save_path):
        """Sets the variables (in a graph: in `sess`) to their values in checkpoint `save_path`.
        Everything is checked first: on any error no variable changes.

        Raises:
          ValueError: if `save_path` is None or not a checkpoint, or a saved shape does not fit.
          NotFoundError: if a variable is not in the checkpoint.
          InvalidArgumentError: if a saved dtype differs from its variable's.
          DataLossError: if the checkpoint's files are corrupt or truncated.
        """
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        if not files.exists(save_path):
            raise ValueError("The passed save_path is not a valid checkpoint: %s" % save_path)
        arrays = files.Reader(save_path).load(
            {name: (v.dtype, v.shape) for name, v in self._vars.items()})
        if self._graph is None:
            files.assign(self._vars.values(), arrays.values())
        else:
            _session(sess).run(self._restore_op,
                               {self._feeds[name]: a for name, a in arrays.items()})

    def _values(self, sess, tensors):
        if self._graph is None:
            return [np.asarray(t.numpy()) for t in tensors]
        return _session(sess).run(list(tensors))


def _session(sess):
    if sess is None:
        raise TypeError("'sess' must be a Session; None")
    return sess

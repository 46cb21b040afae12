"""Summary writers (2.x) and the default writer, step and recording condition they share.

A `SummaryWriter` appends events to one TensorBoard event file through the `tensorboard`
package's own `EventFileWriter` (TFRecord framing, `Event` protos). `as_default(step=...)` makes
it the writer that `minitf.summary.scalar` and friends use; the default step and the
`record_if` condition are process-wide, as in TensorFlow's eager context.
"""
import contextlib
import time

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.tensor import Tensor
from ..ops.registry import convert_to_tensor
from ..ops.summary_ops import flush_writer
from ..ops.summary_protos import tensorboard
from ..variables import Variable


class _State:
    writer = None    # the default writer
    step = None      # the default step: an int, a tensor or a Variable
    record = True    # the record_if condition: a bool, a bool tensor, or a callable of them


_state = _State()


class SummaryWriter:
    """Writes summaries for TensorBoard into an event file in `logdir` (see
    `create_file_writer`)."""

    def __init__(self, logdir, max_queue, flush_secs, filename_suffix):
        self._logdir = logdir
        self._events = tensorboard().EventFileWriter(logdir, max_queue, flush_secs,
                                                     filename_suffix)
        self._closed = False

    @contextlib.contextmanager
    def as_default(self, step=None):
        """Makes this the default writer inside the `with` (and `step`, if given, the default
        step); on leaving, restores the previous ones and flushes."""
        self._check_open()
        saved = _state.writer, _state.step
        _state.writer = self
        if step is not None:
            _state.step = step
        try:
            yield self
        finally:
            _state.writer, _state.step = saved
            if not self._closed:
                self.flush()

    def set_as_default(self, step=None):
        """Makes this the default writer (and `step`, if given, the default step) from now on."""
        self._check_open()
        _state.writer = self
        if step is not None:
            _state.step = step

    def init(self):
        """Nothing to do: the event file is made when the writer is created."""

    def flush(self):
        """Writes the pending events to disk."""
        if not self._closed:
            self._events.flush()

    def close(self):
        """Flushes and closes the event file; the writer cannot be used afterwards."""
        if not self._closed:
            self._events.close()
            self._closed = True

    def write_summary(self, summary, step):
        """Appends a `Summary` proto as an event at `step` (the kernel of `WriteSummary`)."""
        self.write_event(step=step, summary=summary)

    def write_event(self, **fields):
        """Appends an `Event` proto with `fields` (`summary=`, `graph_def=`, `step=` ...)."""
        self._check_open()
        self._events.add_event(tensorboard().event_pb2.Event(wall_time=time.time(), **fields))

    def _check_open(self):
        if self._closed:
            raise RuntimeError("SummaryWriter for %r is already closed." % self._logdir)

    def __repr__(self):
        return "<minitf.summary.SummaryWriter logdir=%r>" % self._logdir


class _NoopSummaryWriter:
    """A writer that writes nothing: summaries under it are not recorded."""

    @contextlib.contextmanager
    def as_default(self, step=None):
        yield self

    def set_as_default(self, step=None):
        pass

    def init(self):
        pass

    def flush(self):
        pass

    def close(self):
        pass


def create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None,
                       name=None, experimental_trackable=False):
    """A SummaryWriter writing a new event file in `logdir` (made if missing).

    Args:
      logdir: the folder; TensorBoard shows one run per folder.
      max_queue: events kept in memory before they are written (default 10).
      flush_millis: how often pending events are written, in ms (default 120000).
      filename_suffix: ends the event file's name (default ".v2").

    Raises:
      ImportError: if the `tensorboard` package is not installed.

    >>> import tempfile
    >>> writer = minitf.summary.create_file_writer(tempfile.mkdtemp())
    >>> with writer.as_default(step=1):
    ...     print(minitf.summary.scalar("loss", 0.25))
    tf.Tensor(True, shape=(), dtype=bool)
    """
    return SummaryWriter(logdir, 10 if max_queue is None else max_queue,
                         120.0 if flush_millis is None else flush_millis / 1000.0,
                         ".v2" if filename_suffix is None else filename_suffix)


def create_noop_writer():
    """A writer that writes nothing (so code that expects a writer can run without one)."""
    return _NoopSummaryWriter()


def default_writer():
    return _state.writer


def set_step(step):
    """Sets the default step for summaries: an int, an int tensor or an int Variable (read on
    every write, so `set_step(optimizer.iterations)` follows training)."""
    _state.step = step


def get_step():
    """The default step set by `set_step` or `as_default(step=)`, or None."""
    return _state.step


def resolve_step(step):
    """`step`, or the default step: an integer tensor or Variable as it is, anything else
    converted to int64 (TypeError or ValueError, as in TensorFlow, for what is not an
    integer); ValueError when neither is set."""
    if step is None:
        step = _state.step
    if step is None:
        raise ValueError("No step set. Please specify one either through the `step` argument "
                         "or through minitf.summary.experimental.set_step()")
    if not isinstance(step, (Tensor, Variable)) or not step.dtype.is_integer:
        step = convert_to_tensor(step, dtypes.int64)
    return step


@contextlib.contextmanager
def record_if(condition):
    """Summaries inside are written only when `condition` (a bool, a bool tensor, or a
    function returning one, called when each summary is made) holds.

    >>> import tempfile
    >>> with minitf.summary.create_file_writer(tempfile.mkdtemp()).as_default(step=1):
    ...     with minitf.summary.record_if(False):
    ...         print(minitf.summary.scalar("loss", 0.25))
    tf.Tensor(False, shape=(), dtype=bool)
    """
    saved, _state.record = _state.record, condition
    try:
        yield
    finally:
        _state.record = saved


def should_record_summaries():
    """A bool tensor: whether a summary made here would be written (a default writer is set
    and the `record_if` condition holds)."""
    if _state.writer is None:
        return convert_to_tensor(False)
    condition = _state.record() if callable(_state.record) else _state.record
    return convert_to_tensor(condition, dtypes.bool)


def flush(writer=None, name=None):
    """Writes the pending events of `writer` (default: the default writer) to disk; in a graph
    or function, returns the op that does it."""
    writer = writer or _state.writer
    if writer is None or isinstance(writer, _NoopSummaryWriter):
        return None
    if executing_eagerly():
        return writer.flush()
    return flush_writer(writer)

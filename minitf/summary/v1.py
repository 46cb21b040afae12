"""The 1.x summary API: summary ops in a graph, and `FileWriter`, which writes what they return.

`scalar` and `histogram` add an op whose value is a serialized `Summary` (fetched with
`Session.run` as `bytes`) and put it in the `summaries` collection; `merge` and `merge_all`
join several into one. A `FileWriter` writes those, and graphs, into an event file with the
`tensorboard` package's `EventFileWriter`. Exposed as `minitf.compat.v1.summary`.
"""
import time

from ..framework.context import executing_eagerly
from ..framework.graph import GraphKeys, get_default_graph
from ..ops import summary_ops
from ..ops.summary_protos import tensorboard
from .graph_def import graph_def as _graph_def  # `graph_def` is also an argument below


def _summary_op(op_type, name, values, collections):
    op = summary_ops.serialized_summary(op_type, name, values)
    for key in [GraphKeys.SUMMARIES] if collections is None else collections:
        get_default_graph().add_to_collection(key, op)
    return op


def scalar(name, tensor, collections=None, family=None):
    """A graph op whose value is a serialized Summary of the scalar `tensor`, tagged with the
    op's name (`name` made unique, inside the current name scope).

    Args:
      collections: the collections the op is added to (default: `[GraphKeys.SUMMARIES]`).
      family: a prefix for the tag and the name (`family/name`).

    Raises:
      RuntimeError: when executing eagerly (use `minitf.summary.scalar` there).
      ValueError: if `tensor` is not a scalar.

    >>> with minitf.Graph().as_default():
    ...     minitf.compat.v1.summary.scalar("loss", minitf.constant(0.5))
    <tf.Tensor 'loss:0' shape=() dtype=string>
    """
    name = family + "/" + name if family else name
    return _summary_op("ScalarSummary", name, tensor, collections)


def histogram(name, values, collections=None, family=None):
    """A graph op whose value is a serialized histogram Summary of `values` (any shape), over
    TensorFlow's default buckets. Arguments and errors as `scalar`; a run raises
    InvalidArgumentError for NaN or infinite values."""
    name = family + "/" + name if family else name
    return _summary_op("HistogramSummary", name, values, collections)


def merge(inputs, collections=None, name=None):
    """One serialized Summary holding all the values of the summaries `inputs` (op
    `Merge/MergeSummary`); a run raises InvalidArgumentError when two have the same tag."""
    if executing_eagerly():
        raise RuntimeError("Merging minitf.compat.v1.summary ops is not compatible with eager "
                           "execution: use minitf.summary and a writer's as_default().")
    with get_default_graph().name_scope(name or "Merge"):
        op = summary_ops.merge_summaries(inputs, "MergeSummary")
    for key in collections or []:
        get_default_graph().add_to_collection(key, op)
    return op


def merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None):
    """`merge` of every summary op in collection `key` (optionally only those whose name
    starts with `scope`), or None if there is none.

    >>> with minitf.Graph().as_default():
    ...     loss = minitf.compat.v1.summary.scalar("loss", minitf.constant(0.5))
    ...     minitf.compat.v1.summary.merge_all()
    <tf.Tensor 'Merge/MergeSummary:0' shape=() dtype=string>
    """
    if executing_eagerly():
        raise RuntimeError("Merging minitf.compat.v1.summary ops is not compatible with eager "
                           "execution: use minitf.summary and a writer's as_default().")
    summaries = get_default_graph().get_collection(key, scope)
    return merge(summaries, name=name) if summaries else None


class FileWriter:
    """Writes summaries, graphs and events into a new event file in `logdir` (made if missing).

    Args:
      logdir: the folder; TensorBoard shows one run per folder.
      graph: a Graph to write at once (as `add_graph` does), e.g. `sess.graph`.
      max_queue: events kept in memory before they are written.
      flush_secs: how often pending events are written, in seconds.

    Raises:
      RuntimeError: when executing eagerly (use `minitf.summary.create_file_writer`).
      ImportError: if the `tensorboard` package is not installed.

    >>> import tempfile
    >>> with minitf.Graph().as_default() as g:
    ...     with minitf.compat.v1.summary.FileWriter(tempfile.mkdtemp(), graph=g) as writer:
    ...         writer.add_summary(minitf.compat.v1.Session().run(
    ...             minitf.compat.v1.summary.scalar("loss", minitf.constant(0.5))), 1)
    """

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None,
                 filename_suffix=None, session=None):
        if executing_eagerly():
            raise RuntimeError("v1.summary.FileWriter is not compatible with eager execution. "
                               "Use minitf.summary.create_file_writer, or a "
                               "`with minitf.Graph().as_default():` context.")
        self._logdir = logdir
        self._options = (max_queue, flush_secs, filename_suffix or "")
        self._events = tensorboard().EventFileWriter(logdir, *self._options)
        self._closed = False
        if graph is not None or graph_def is not None:
            self.add_graph(graph, graph_def=graph_def)

    def get_logdir(self):
        return self._logdir

    def add_event(self, event):
        """Writes an `Event` proto as it is."""
        if self._closed:
            raise RuntimeError("FileWriter for %r is closed: reopen() it first." % self._logdir)
        self._events.add_event(event)

    def _add(self, global_step, **fields):
        event = tensorboard().event_pb2.Event(wall_time=time.time(), **fields)
        if global_step is not None:
            event.step = int(global_step)
        self.add_event(event)

    def add_summary(self, summary, global_step=None):
        """Writes `summary`: the bytes a summary op returned from `Session.run`, or a
        `Summary` proto."""
        if isinstance(summary, bytes):
            summary = tensorboard().summary_pb2.Summary.FromString(summary)
        self._add(global_step, summary=summary)

    def add_graph(self, graph, global_step=None, graph_def=None):
        """Writes `graph` (a Graph), or `graph_def` (a GraphDef), for TensorBoard's Graphs tab."""
        proto = graph_def if graph_def is not None else _graph_def(graph)
        self._add(global_step, graph_def=proto.SerializeToString())

    def flush(self):
        if not self._closed:
            self._events.flush()

    def close(self):
        """Flushes and closes the event file; `reopen()` starts a new one."""
        if not self._closed:
            self._events.close()
            self._closed = True

    def reopen(self):
        """After `close()`, opens a new event file in the same folder."""
        if self._closed:
            self._events = tensorboard().EventFileWriter(self._logdir, *self._options)
            self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


"""The summary ops: writing a summary to a TensorBoard file (2.x), and serializing one (1.x).

`WriteSummary` is stateful, like `PrintV2`: eagerly it writes at once, in a traced function it
writes on every call. Its attrs are the writer and `make(tag, *values)`, which builds the
`Summary` (see `summary_protos`); its inputs are the step, whether to record, and the values.
`ScalarSummary`, `HistogramSummary` and `MergeSummary` are the pure 1.x ops: their output is a
serialized `Summary` that a script fetches with `Session.run` and hands to a `FileWriter`.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import executing_eagerly
from ..framework.graph import get_default_graph
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape
from . import summary_protos
from .registry import execute, register

_SCALAR = TensorShape([])


# -- 2.x: writing --------------------------------------------------------------------------
def _write_kernel(step, record, *values, writer, tag, make):
    if record:
        writer.write_summary(make(tag, *values), int(step))
    return np.asarray(record)


register("WriteSummary", "step: index, record: bool, values: N*any", _write_kernel,
         lambda inputs, **_: [(dtypes.bool, _SCALAR)], None, writes=True)


def _flush_kernel(writer):
    writer.flush()


register("FlushSummaryWriter", "", _flush_kernel, lambda inputs, **_: [], None, writes=True)


def write_summary(writer, tag, make, values, step, record, name):
    """Writes `make(tag, *values)` at `step` with `writer` when `record` holds (now, or on
    every run of the graph); returns `record` as a bool tensor."""
    return execute("WriteSummary", [step, record, list(values)],
                   {"writer": writer, "tag": tag, "make": make}, name=name)


def flush_writer(writer):
    return execute("FlushSummaryWriter", [], {"writer": writer}, name="FlushSummaryWriter")


# -- 1.x: serialized summaries ---------------------------------------------------------------
def _serialized(summary):
    return np.array(summary.SerializeToString(), dtype=object)


def _scalar_kernel(values, tag):
    if values.ndim != 0:
        raise InvalidArgumentError(None, None, "tags and values are not the same shape: [] != "
                                   "[%s] (tag '%s')" % (",".join(map(str, values.shape)), tag))
    return _serialized(summary_protos.scalar_v1(tag, values))


def _histogram_kernel(values, tag):
    if np.isnan(values).any():
        raise InvalidArgumentError(None, None, "Nan in summary histogram for: %s" % tag)
    if np.isinf(values).any():
        raise InvalidArgumentError(None, None, "Infinity in Histogram for: %s" % tag)
    return _serialized(summary_protos.histogram_v1(tag, values))


def _merge_kernel(*inputs):
    summary = summary_protos.tensorboard().summary_pb2.Summary()
    tags = set()
    for serialized in inputs:
        part = summary_protos.tensorboard().summary_pb2.Summary.FromString(serialized[()])
        for value in part.value:
            if value.tag in tags:
                raise InvalidArgumentError(None, None, "Duplicate tag %s found in summary "
                                           "inputs " % value.tag)
            tags.add(value.tag)
        summary.value.extend(part.value)
    return _serialized(summary)


def _serialized_infer(inputs, **_):
    return [(dtypes.string, _SCALAR)]


def _scalar_infer(inputs, tag):
    if inputs[0].shape.rank not in (None, 0):
        raise ValueError("Summary %r needs a scalar, got shape %s" % (tag, inputs[0].shape))
    return _serialized_infer(inputs)


_NUMBERS = {"T": dtypes.NUMBERS}
register("ScalarSummary", "values: T", _scalar_kernel, _scalar_infer, None, types=_NUMBERS)
register("HistogramSummary", "values: T", _histogram_kernel, _serialized_infer, None,
         types=_NUMBERS)
register("MergeSummary", "inputs: N*T", _merge_kernel, _serialized_infer, None)


def serialized_summary(op_type, name, values):
    """A 1.x summary op in the default graph, named (and tagged) `name` made unique."""
    if executing_eagerly():
        raise RuntimeError("compat.v1.summary ops build graph ops whose value is a serialized "
                           "summary, to run in a Session. When executing eagerly, write "
                           "summaries with minitf.summary.create_file_writer and "
                           "minitf.summary.scalar.")
    return execute(op_type, [values], {"tag": _unique_tag(name)}, name=name)


def _unique_tag(name):
    """The name the op will get: 1.x tags are op names (`loss`, `loss_1`, `scope/loss`)."""
    return get_default_graph().unique_name(name, mark_as_used=False)


def merge_summaries(inputs, name):
    return execute("MergeSummary", [list(inputs)], name=name)

"""Graphs for TensorBoard's Graphs tab: `graph` writes one; `trace_on` / `trace_export` write
the graphs of the functions called in between.

While a trace is on, every `function` call made eagerly adds its traced graph (once) to
`ctx.function_graphs`; `trace_export` writes them, as TensorFlow does, in a `RunMetadata` proto
(one `function_graphs` entry each) that TensorBoard's Graphs tab shows under the trace's name.
"""
import warnings

import numpy as np

from ..framework.context import ctx, executing_eagerly
from ..ops.registry import convert_to_tensor
from ..ops.summary_protos import tensorboard
from .graph_def import graph_def
from .writer import default_writer, resolve_step


def graph(graph_data):
    """Writes `graph_data` (a Graph, or a GraphDef) with the default writer, eagerly; returns
    True, or False when there is no default writer.

    >>> minitf.summary.graph(minitf.Graph())   # no default writer here
    False
    """
    if not executing_eagerly():
        raise ValueError("minitf.summary.graph() must be called eagerly.")
    writer = default_writer()
    if writer is None or not hasattr(writer, "write_event"):
        return False
    proto = graph_data if hasattr(graph_data, "SerializeToString") else graph_def(graph_data)
    writer.write_event(graph_def=proto.SerializeToString())
    return True


def trace_on(graph=True, profiler=False, profiler_outdir=None):
    """Starts collecting the graphs of the functions called from now on (until `trace_export`
    or `trace_off`). minitf has no profiler: `profiler=True` only warns.

    >>> minitf.summary.trace_on(graph=True)
    >>> minitf.summary.trace_off()
    """
    if not executing_eagerly():
        raise RuntimeError("minitf.summary.trace_on must be called eagerly, not inside a graph "
                           "or a function being traced.")
    if profiler:
        warnings.warn("minitf has no profiler: trace_on(profiler=True) traces graphs only.",
                      stacklevel=2)
    if ctx.function_graphs is not None:
        warnings.warn("A trace is already on: trace_on() keeps collecting into it.",
                      stacklevel=2)
        return
    if graph:
        ctx.function_graphs = []


def trace_off():
    """Stops collecting graphs and forgets those collected."""
    ctx.function_graphs = None


def trace_export(name, step=None, profiler_outdir=None):
    """Writes the graphs collected since `trace_on` with the default writer under tag `name`
    at `step` (default: the default step), then stops the trace.

    Raises:
      ValueError: if no trace is on, or no step is known.

    >>> @minitf.function
    ... def double(x):
    ...     return 2.0 * x
    >>> import tempfile
    >>> with minitf.summary.create_file_writer(tempfile.mkdtemp()).as_default(step=0):
    ...     minitf.summary.trace_on(graph=True)
    ...     _ = double(minitf.constant(1.0))
    ...     minitf.summary.trace_export("double")
    """
    if ctx.function_graphs is None:
        raise ValueError("Must enable trace before export through minitf.summary.trace_on.")
    if not executing_eagerly():
        raise RuntimeError("minitf.summary.trace_export must be called eagerly.")
    graphs = ctx.function_graphs
    trace_off()
    writer = default_writer()
    if writer is None or not hasattr(writer, "write_event"):
        return
    step = resolve_step(step)
    tb = tensorboard()
    run_metadata = tb.config_pb2.RunMetadata()
    for g in graphs:
        run_metadata.function_graphs.add().pre_optimization_graph.CopyFrom(graph_def(g))
    summary = tb.summary_pb2.Summary()
    value = summary.value.add(tag=name, tensor=tb.tensor_util.make_tensor_proto(
        np.array([run_metadata.SerializeToString()], dtype=object)))
    value.metadata.plugin_data.plugin_name = "graph_run_metadata_graph"
    value.metadata.plugin_data.content = b"1"
    value.metadata.data_class = tb.summary_pb2.DATA_CLASS_BLOB_SEQUENCE
    writer.write_summary(summary, int(convert_to_tensor(step).numpy()))

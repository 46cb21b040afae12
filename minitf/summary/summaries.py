"""The 2.x summaries: `scalar`, `histogram`, `text` and `image`, written by the default writer.

Each is one `WriteSummary` op: eagerly it writes at once; in a traced `function` it writes on
every call (with the step and the `record_if` condition as they are then, when they are
tensors or Variables). Without a default writer a summary writes nothing and returns False.
"""
import numpy as np

from ..framework import dtypes
from ..framework.context import ctx, executing_eagerly
from ..framework.graph import get_default_graph
from ..framework.shapes import dim_at
from ..ops import arithmetic_ops, summary_protos
from ..ops.registry import convert_to_tensor
from ..ops.summary_ops import write_summary
from .writer import default_writer, resolve_step, should_record_summaries


def _write(name, make, values, step):
    if default_writer() is None:
        return convert_to_tensor(False)
    step = resolve_step(step)
    if executing_eagerly():
        tag = ctx.eager_scope + name
    else:
        scope = get_default_graph().get_name_scope()
        tag = scope + "/" + name if scope else name
    return write_summary(default_writer(), tag, make, values, step, should_record_summaries(),
                         name)


def scalar(name, data, step=None, description=None):
    """Writes the scalar `data` under tag `name` (inside the current name scope) at `step`.

    Args:
      name: the tag; TensorBoard's Scalars tab draws one chart per tag.
      data: a number or a scalar tensor (written as float32).
      step: the step (default: the default step, see `experimental.set_step`).
      description: Markdown shown with the chart.

    Returns:
      A bool tensor: True if the summary was written, False if there is no default writer or
      `record_if` is off.

    Raises:
      ValueError: if `data` is not a scalar, or no step is known.
      UnimplementedError: if `data` is a string.
      TypeError: if `step` is not an integer.

    >>> import tempfile
    >>> with minitf.summary.create_file_writer(tempfile.mkdtemp()).as_default(step=3):
    ...     minitf.summary.scalar("loss", 0.5)
    <tf.Tensor: shape=(), dtype=bool, numpy=True>
    """
    data = convert_to_tensor(data)
    if data.shape.rank not in (None, 0):
        raise ValueError("Expected scalar shape for summary %r, saw shape: %s."
                         % (name, data.shape))
    data = arithmetic_ops.cast(data, dtypes.float32)
    return _write(name, lambda tag, v: summary_protos.scalar(tag, v, description), [data], step)


def histogram(name, data, step=None, buckets=None, description=None):
    """Writes the distribution of the values of `data` (any shape) in `buckets` equal-width
    buckets (default 30) between its minimum and maximum, for TensorBoard's Histograms and
    Distributions tabs. Returns and raises as `scalar`.

    >>> import tempfile
    >>> with minitf.summary.create_file_writer(tempfile.mkdtemp()).as_default(step=3):
    ...     print(minitf.summary.histogram("weights", minitf.random.normal([100])))
    tf.Tensor(True, shape=(), dtype=bool)
    """
    return _write(name, lambda tag, v: summary_protos.histogram(tag, v, buckets, description),
                  [convert_to_tensor(data)], step)


def text(name, data, step=None, description=None):
    """Writes `data`, a string (Markdown) or a list or array of strings, for TensorBoard's Text
    tab. Returns and raises as `scalar`.

    Raises:
      TypeError: if `data` is not made of Python strings (the text is a Python value, fixed
        when a function is traced; string tensors are not taken here yet).

    >>> import tempfile
    >>> with minitf.summary.create_file_writer(tempfile.mkdtemp()).as_default(step=3):
    ...     print(minitf.summary.text("notes", "learning rate **0.1**"))
    tf.Tensor(True, shape=(), dtype=bool)
    """
    value = np.array(data, dtype=object)
    if not all(isinstance(s, (str, bytes)) for s in value.reshape(-1)):
        raise TypeError("Text summary %r needs a string, bytes, or a list or array of them, got "
                        "%r." % (name, data))
    return _write(name, lambda tag: summary_protos.text(tag, value, description), [], step)


def image(name, data, step=None, max_outputs=3, description=None):
    """Writes the first `max_outputs` images of `data` for TensorBoard's Images tab.

    Args:
      data: shape [k, h, w, c] with c = 1 (grey), 3 (RGB) or 4 (RGBA); uint8 values, or floats
        in [0, 1] (clipped).
    Returns and raises as `scalar`, and ValueError for a shape that is not a batch of images.

    >>> import tempfile
    >>> with minitf.summary.create_file_writer(tempfile.mkdtemp()).as_default(step=3):
    ...     print(minitf.summary.image("noise", minitf.random.uniform([2, 8, 8, 1])))
    tf.Tensor(True, shape=(), dtype=bool)
    """
    data = convert_to_tensor(data)
    shape = data.shape
    if shape.rank is not None and (shape.rank != 4 or dim_at(shape, 3) not in (1, 3, 4, None)):
        raise ValueError("Image summary %r needs a batch of images of shape [k, h, w, c] with c "
                         "1, 3 or 4, got shape %s." % (name, shape))
    if data.dtype is not dtypes.uint8 and not data.dtype.is_floating:
        raise TypeError("Image summary %r needs uint8 images or floats in [0, 1], got %s."
                        % (name, data.dtype.name))
    return _write(name, lambda tag, v: summary_protos.image(tag, v, max_outputs, description),
                  [data], step)

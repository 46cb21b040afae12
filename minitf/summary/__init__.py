"""`minitf.summary`: TensorFlow 2.x summaries, written for TensorBoard.

Needs the optional `tensorboard` package (`pip install "minitf[tensorboard]"`), imported when a
writer or a summary is first made, so `import minitf` works without it. The 1.x API (graph ops
that return serialized summaries, `FileWriter`) is `minitf.compat.v1.summary`.

>>> import tempfile
>>> writer = minitf.summary.create_file_writer(tempfile.mkdtemp())
>>> with writer.as_default(step=0):
...     print(minitf.summary.scalar("loss", 0.25))
tf.Tensor(True, shape=(), dtype=bool)
"""
from . import experimental, graph_def  # noqa: F401
from .summaries import histogram, image, scalar, text  # noqa: F401
from .trace import graph, trace_export, trace_off, trace_on  # noqa: F401
from .writer import (SummaryWriter, create_file_writer, create_noop_writer, flush,  # noqa: F401
                     record_if, should_record_summaries)

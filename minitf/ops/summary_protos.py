"""Summary protocol buffers made from numpy values, with the `tensorboard` package's classes.

TensorBoard is an optional extra (`pip install "minitf[tensorboard]"`): `tensorboard()` imports
it on first use and says which extra to install when it is missing, so `import minitf` never
needs it. The builders here turn a value into a `Summary` as TensorFlow writes it: the 2.x kinds
(scalar, histogram, text, image: a tensor with the plugin's metadata) and the 1.x ones (a
`simple_value`, a `HistogramProto` over TensorFlow's default buckets). Nothing here writes files.
"""
import io
import types

import numpy as np

_modules = None


def tensorboard():
    """The tensorboard modules minitf uses; ImportError naming the extra when it is missing."""
    global _modules
    if _modules is None:
        try:
            from tensorboard.compat.proto import (attr_value_pb2, config_pb2, event_pb2,
                                                  graph_pb2, summary_pb2, tensor_shape_pb2,
                                                  types_pb2)
            from tensorboard.plugins.histogram.summary_v2 import histogram_pb
            from tensorboard.plugins.image import metadata as image_metadata
            from tensorboard.plugins.scalar.summary_v2 import scalar_pb
            from tensorboard.plugins.text.summary_v2 import text_pb
            from tensorboard.summary.writer.event_file_writer import EventFileWriter
            from tensorboard.util import tensor_util
        except ImportError as e:
            raise ImportError("minitf.summary writes TensorBoard files with the `tensorboard` "
                              "package, which is not installed (%s). Install it with: "
                              "pip install \"minitf[tensorboard]\"" % e) from None
        _modules = types.SimpleNamespace(
            attr_value_pb2=attr_value_pb2, config_pb2=config_pb2, event_pb2=event_pb2,
            graph_pb2=graph_pb2, summary_pb2=summary_pb2, tensor_shape_pb2=tensor_shape_pb2,
            types_pb2=types_pb2, histogram_pb=histogram_pb, image_metadata=image_metadata,
            scalar_pb=scalar_pb, text_pb=text_pb, EventFileWriter=EventFileWriter,
            tensor_util=tensor_util)
    return _modules


# -- TensorFlow 2.x kinds: a tensor and the metadata of the plugin that shows it ---------------
def scalar(tag, data, description=None):
    data = np.asarray(data)
    if data.shape != ():
        raise ValueError("Expected scalar shape for summary %r, saw shape: %s."
                         % (tag, data.shape))
    return tensorboard().scalar_pb(tag, data, description)


def histogram(tag, data, buckets=None, description=None):
    return tensorboard().histogram_pb(tag, data, buckets, description)


def text(tag, data, description=None):
    return tensorboard().text_pb(tag, data, description)


def image(tag, data, max_outputs=3, description=None):
    """`data`: [k, h, w, c] with c 1, 3 or 4; uint8, or floats in [0, 1]. Written as TensorFlow
    writes it: width, height, then the first `max_outputs` images as PNG."""
    tb = tensorboard()
    data = as_uint8_images(tag, data)
    k, h, w, _ = data.shape
    pngs = [encode_png(data[i]) for i in range(min(k, max_outputs))]
    tensor = tb.tensor_util.make_tensor_proto(
        np.array([str(w).encode(), str(h).encode()] + pngs, dtype=object))
    meta = tb.image_metadata.create_summary_metadata(display_name=None, description=description)
    meta.data_class = tb.summary_pb2.DATA_CLASS_BLOB_SEQUENCE
    summary = tb.summary_pb2.Summary()
    summary.value.add(tag=tag, metadata=meta, tensor=tensor)
    return summary


def as_uint8_images(tag, data):
    data = np.asarray(data)
    if data.ndim != 4 or data.shape[-1] not in (1, 3, 4):
        raise ValueError("Image summary %r needs a batch of images of shape [k, h, w, c] with c "
                         "1, 3 or 4, got shape %s." % (tag, data.shape))
    if data.dtype == np.uint8:
        return data
    if data.dtype.kind != "f":
        raise TypeError("Image summary %r needs uint8 images or floats in [0, 1], got %s."
                        % (tag, data.dtype))
    return (np.clip(data, 0.0, 1.0) * 255.5).astype(np.uint8)  # as convert_image_dtype does


def encode_png(image):
    """One [h, w, c] uint8 image as PNG bytes (with Pillow, which matplotlib installs)."""
    from PIL import Image
    buf = io.BytesIO()
    Image.fromarray(image[..., 0] if image.shape[-1] == 1 else image).save(buf, format="PNG")
    return buf.getvalue()


# -- TensorFlow 1.x kinds: what ScalarSummary and HistogramSummary serialize -------------------
def scalar_v1(tag, value):
    summary = tensorboard().summary_pb2.Summary()
    summary.value.add(tag=tag, simple_value=float(value))
    return summary


def _default_bucket_limits():
    positive = [1e-12]
    while positive[-1] * 1.1 < 1e20:
        positive.append(positive[-1] * 1.1)
    limits = [-v for v in reversed(positive)] + [0.0] + positive + [np.finfo(np.float64).max]
    return np.array(limits)


_LIMITS = _default_bucket_limits()


def histogram_v1(tag, values):
    """A HistogramProto over TensorFlow's default buckets (limits growing by 10% from 1e-12,
    both signs); runs of empty buckets are merged into one, as TensorFlow does."""
    tb = tensorboard()
    v = np.asarray(values, np.float64).reshape(-1)
    counts = np.bincount(np.searchsorted(_LIMITS, v, side="right"), minlength=len(_LIMITS))
    histo = tb.summary_pb2.HistogramProto(
        min=v.min() if v.size else np.finfo(np.float64).max,
        max=v.max() if v.size else -np.finfo(np.float64).max,
        num=v.size, sum=v.sum(), sum_squares=np.dot(v, v))
    i = 0
    while i < len(_LIMITS):
        end, count = _LIMITS[i], counts[i]
        i += 1
        if count == 0:
            while i < len(_LIMITS) and counts[i] == 0:
                end = _LIMITS[i]
                i += 1
        histo.bucket_limit.append(end)
        histo.bucket.append(count)
    summary = tb.summary_pb2.Summary()
    summary.value.add(tag=tag, histo=histo)
    return summary

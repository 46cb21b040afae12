"""Image ops on NHWC batches (or single HWC images): ResizeBilinear and ResizeNearestNeighbor
with their gradient ops, and the functions `image.resize`, `flip_left_right`, `flip_up_down`.

Resizing follows TensorFlow 2's half-pixel rule: output pixel i samples the input at
(i + 0.5) * in / out - 0.5 (bilinear, clamped to the edges) or at floor((i + 0.5) * in / out)
(nearest). Bilinear interpolation is gathers and lerps in float32, in TensorFlow's order, so the
values agree to the last bit; the gradients are products with one matrix of interpolation
weights per axis (they agree to float32 rounding).
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.shapes import TensorShape, dim_at
from .array_ops import expand_dims, squeeze
from .constant_folding import constant_value
from .manip_ops import reverse
from .registry import convert_to_tensor, execute, register, scope
from .shape_rules import shape_of

REAL = {dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int8, dtypes.int16,
        dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16}
ATTRS = ("align_corners", "half_pixel_centers")


def _scale(n_in, n_out, align_corners):
    if align_corners and n_out > 1:
        return np.float32((n_in - 1) / (n_out - 1))
    return np.float32(n_in / n_out)


def _linear(n_in, n_out, align_corners, half_pixel_centers):
    """Per output index: the lower and upper input indices and the weight of the upper one."""
    i = np.arange(n_out, dtype=np.float32)
    scale = _scale(n_in, n_out, align_corners)
    x = (i + np.float32(0.5)) * scale - np.float32(0.5) if half_pixel_centers else i * scale
    lo = np.floor(x)
    return (np.maximum(lo, 0).astype(np.intp), np.minimum(np.ceil(x), n_in - 1).astype(np.intp),
            (x - lo).astype(np.float32))


def _nearest(n_in, n_out, align_corners, half_pixel_centers):
    i = np.arange(n_out, dtype=np.float32)
    scale = _scale(n_in, n_out, align_corners)
    if align_corners:
        x = np.round(i * scale)
    elif half_pixel_centers:
        x = np.floor((i + np.float32(0.5)) * scale)
    else:
        x = np.floor(i * scale)
    return np.clip(x.astype(np.intp), 0, n_in - 1)


def _out_size(size):
    h, w = (int(v) for v in size)
    if h <= 0 or w <= 0:
        raise InvalidArgumentError(None, None, "output dimensions must be positive")
    return h, w


def _bilinear(images, size, align_corners, half_pixel_centers):
    (h, w), x = _out_size(size), images.astype(np.float32, copy=False)
    y0, y1, ly = _linear(x.shape[1], h, align_corners, half_pixel_centers)
    x0, x1, lx = _linear(x.shape[2], w, align_corners, half_pixel_centers)
    lx = lx[:, None]
    top, bottom = x[:, y0], x[:, y1]
    top = top[:, :, x0] + (top[:, :, x1] - top[:, :, x0]) * lx
    bottom = bottom[:, :, x0] + (bottom[:, :, x1] - bottom[:, :, x0]) * lx
    return top + (bottom - top) * ly[:, None, None]


def _weights(n_in, n_out, attrs):
    """The (n_out, n_in) matrix of bilinear weights along one axis."""
    lo, hi, t = _linear(n_in, n_out, **attrs)
    m = np.zeros((n_out, n_in), np.float32)
    np.add.at(m, (np.arange(n_out), lo), 1 - t)
    np.add.at(m, (np.arange(n_out), hi), t)
    return m


def _bilinear_grad(grads, original, **attrs):
    wy = _weights(original.shape[1], grads.shape[1], attrs)
    wx = _weights(original.shape[2], grads.shape[2], attrs)
    g = np.einsum("oh,nopc,pw->nhwc", wy, grads, wx, optimize=True)
    return g.astype(original.dtype, copy=False)


def _one_hot(n_in, n_out, attrs):
    m = np.zeros((n_out, n_in), np.float32)
    m[np.arange(n_out), _nearest(n_in, n_out, **attrs)] = 1
    return m


def _nearest_kernel(images, size, **attrs):
    h, w = _out_size(size)
    ys = _nearest(images.shape[1], h, **attrs)
    return images[:, ys][:, :, _nearest(images.shape[2], w, **attrs)]


def _nearest_grad(grads, size, **attrs):
    wy = _one_hot(int(size[0]), grads.shape[1], attrs)
    wx = _one_hot(int(size[1]), grads.shape[2], attrs)
    return np.einsum("oh,nopc,pw->nhwc", wy, grads, wx, optimize=True).astype(grads.dtype)


def _resized(inputs, dtype):
    images, size = inputs
    s = images.shape.with_rank(4)
    hw = constant_value(size)
    hw = [None, None] if hw is None else [int(v) for v in hw]
    return [(dtype or images.dtype, TensorShape([dim_at(s, 0)] + hw + [dim_at(s, 3)]))]


def _attrs(op):
    return {k: op.get_attr(k) for k in ATTRS}


register("ResizeBilinear", "images: T, size: int32", _bilinear,
         lambda inputs, **_: _resized(inputs, dtypes.float32),
         lambda op, dy: [execute("ResizeBilinearGrad", [dy, op.inputs[0]], _attrs(op)), None],
         types={"T": REAL})
register("ResizeBilinearGrad", "grads: float32, original_image: T", _bilinear_grad,
         lambda inputs, **_: [(inputs[1].dtype, inputs[1].shape)], None,
         types={"T": dtypes.FLOATS})
register("ResizeNearestNeighbor", "images: T, size: int32", _nearest_kernel,
         lambda inputs, **_: _resized(inputs, None),
         lambda op, dy: [execute("ResizeNearestNeighborGrad",
                                 [dy, shape_of(op.inputs[0])[1:3]], _attrs(op)), None],
         types={"T": REAL})
register("ResizeNearestNeighborGrad", "grads: T, size: int32", _nearest_grad,
         lambda inputs, **_: _resized(inputs, None), None, types={"T": dtypes.FLOATS})


_OPS = {"bilinear": "ResizeBilinear", "nearest": "ResizeNearestNeighbor"}


def resize(images, size, method="bilinear", preserve_aspect_ratio=False, antialias=False,
           name=None):
    """`images` resized to `size` (TensorFlow 2's `tf.image.resize`, half-pixel centers).

    Args:
      images: a 4-D tensor (batch, height, width, channels) or a 3-D one (one image).
      size: [new_height, new_width].
      method: "bilinear" (the result is float32) or "nearest" (the result keeps the dtype).
      preserve_aspect_ratio: shrink the target so that the image keeps its aspect ratio (the
        image's size must be known while building).
      antialias: must be False (minitf has no antialiasing filter).

    Raises:
      ValueError: for `images` not of rank 3 or 4, a `size` that is not 2 ints, or another
        method.
      InvalidArgumentError: for a size that is not positive.

    >>> x = minitf.reshape(minitf.range(4.0), [1, 2, 2, 1])
    >>> minitf.image.resize(x, [4, 4]).numpy()[0, :, 0, 0]
    array([0. , 0.5, 1.5, 2. ], dtype=float32)
    """
    if method not in _OPS:
        raise ValueError("Resize method is not implemented: %s" % method)
    if antialias:
        raise NotImplementedError("minitf's image.resize has no antialiasing.")
    with scope(name or "resize"):
        images = convert_to_tensor(images, name="images")
        rank = images.shape.rank
        if rank not in (3, 4):
            raise ValueError("'images' must have either 3 or 4 dimensions.")
        if rank == 3:
            images = expand_dims(images, 0)
        size = convert_to_tensor(size, dtypes.int32, name="size")
        if size.shape.as_list() != [2]:
            raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
        if preserve_aspect_ratio:
            size = _fitted(images, size)
        y = execute(_OPS[method], [images, size],
                    {"align_corners": False, "half_pixel_centers": True})
        return squeeze(y, [0]) if rank == 3 else y


def _fitted(images, size):
    """The largest size within `size` that keeps the aspect ratio of `images`."""
    h, w = dim_at(images.shape, 1), dim_at(images.shape, 2)
    target = constant_value(size)
    if None in (h, w) or target is None:
        raise ValueError("preserve_aspect_ratio needs the image size and `size` known while "
                         "building.")
    f = min(np.float32(target[0]) / np.float32(h), np.float32(target[1]) / np.float32(w))
    return convert_to_tensor([int(np.round(f * np.float32(h))),
                              int(np.round(f * np.float32(w)))], dtypes.int32, name="size")


def _flip(image, axis, name):
    with scope(name):
        image = convert_to_tensor(image, name="image")
        rank = image.shape.rank
        if rank not in (3, 4):
            raise ValueError("'image' (shape %s) must have either 3 or 4 dimensions."
                             % image.shape)
        return reverse(image, [axis + rank - 3])


def flip_left_right(image):
    """`image` (HWC or NHWC) mirrored horizontally: its width dimension reversed.

    >>> minitf.image.flip_left_right(minitf.reshape(minitf.range(3), [1, 3, 1])).numpy().ravel()
    array([2, 1, 0], dtype=int32)
    """
    return _flip(image, 1, "flip_left_right")


def flip_up_down(image):
    """`image` (HWC or NHWC) mirrored vertically: its height dimension reversed.

    >>> minitf.image.flip_up_down(minitf.reshape(minitf.range(3), [3, 1, 1])).numpy().ravel()
    array([2, 1, 0], dtype=int32)
    """
    return _flip(image, 0, "flip_up_down")

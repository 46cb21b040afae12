"""Sliding windows over NHWC images: the geometry, and the numpy moves that every
convolution and pooling kernel is made of.

`Window` holds what TensorFlow derives from a padding mode, window size, strides and dilations
(output size and the padding before and after, per spatial dimension). A window *tap* (i, j) is
one position inside the window; `Window.taps()` gives, per tap, the index of the strided slice
of the padded input that the tap sees at every output position. Kernels work tap by tap on those
slices (one vectorized numpy call per tap, never a loop over pixels): `columns(x)` is the
im2col matrix that turns a convolution into one matrix product, `patches(x)` a strided view of
all windows, and `fold(parts)` the adjoint of taking the taps, which adds per-tap values back
onto the input positions they came from. The ops live in conv_ops, depthwise_conv_ops and
pooling_ops.
"""
import numpy as np

from ..framework.errors import InvalidArgumentError


def output_size(n, k, stride, dilation, padding, pads=(0, 0)):
    """(output size, pad before, pad after) of one spatial dimension of input size `n` (which
    may be None: then the output size is None too)."""
    reach = (k - 1) * dilation + 1
    if n is None:
        return None, 0, 0
    if padding == "SAME":
        out = -(-n // stride)
        total = max((out - 1) * stride + reach - n, 0)
        return out, total // 2, total - total // 2
    before, after = pads if padding == "EXPLICIT" else (0, 0)
    out = int((n + before + after - reach + stride) / stride)  # C's division, as TensorFlow's
    if out < 0:
        raise InvalidArgumentError(None, None, "Computed output size would be negative: %d "
                                   "[input_size: %d, effective_filter_size: %d, stride: %d]"
                                   % (out, n, reach, stride))
    return out, before, after


def add_at(x, index, value):
    """x[index] += value, in place (the augmented assignment would copy the slice back)."""
    view = x[index]
    np.add(view, value, out=view)


class Window:
    """The geometry of a window sliding over the spatial dimensions (1 and 2) of NHWC data."""

    __slots__ = ("size", "strides", "dilations", "out", "pads", "input_hw")

    def __init__(self, input_hw, size, strides, dilations, padding, explicit_paddings=()):
        pairs = [tuple(explicit_paddings[2 * d:2 * d + 2]) for d in (1, 2)] \
            if padding == "EXPLICIT" else [(0, 0)] * 2
        dims = [output_size(n, k, s, d, padding, p) for n, k, s, d, p
                in zip(input_hw, size, strides, dilations, pairs)]
        self.input_hw = tuple(input_hw)
        self.size, self.strides, self.dilations = tuple(size), tuple(strides), tuple(dilations)
        self.out = tuple(d[0] for d in dims)
        self.pads = tuple(d[1:] for d in dims)

    @property
    def num_taps(self):
        return self.size[0] * self.size[1]

    def pad(self, x, value=0):
        """x (NHWC) with this window's padding, filled with `value`."""
        if not any(b or a for b, a in self.pads):
            return x
        return np.pad(x, ((0, 0),) + self.pads + ((0, 0),), constant_values=value)

    def taps(self):
        """Per tap, in row-major order, the index into the padded input of the slice
        (N, out_h, out_w, C) that the tap sees at every output position (the index works on
        any layout with height and width as axes 1 and 2)."""
        (oh, ow), (sh, sw), (dh, dw) = self.out, self.strides, self.dilations
        return [(slice(None), slice(i * dh, i * dh + sh * (oh - 1) + 1, sh),
                 slice(j * dw, j * dw + sw * (ow - 1) + 1, sw))
                for i in range(self.size[0]) for j in range(self.size[1])]

    def patches(self, x, value=0, taps_first=False):
        """A read-only view (N, out_h, out_w, k_h, k_w, C) of padded `x`: the window at each
        output position; with `taps_first`, the same view as (k_h, k_w, C, N, out_h, out_w)."""
        xp = self.pad(x, value)
        n, _, _, c = xp.shape
        (sh, sw), (dh, dw), (kh, kw) = self.strides, self.dilations, self.size
        s = xp.strides
        shape = (n, self.out[0], self.out[1], kh, kw, c)
        strides = (s[0], s[1] * sh, s[2] * sw, s[1] * dh, s[2] * dw, s[3])
        order = (3, 4, 5, 0, 1, 2) if taps_first else range(6)
        return np.lib.stride_tricks.as_strided(xp, [shape[i] for i in order],
                                               [strides[i] for i in order], writeable=False)

    def columns(self, x):
        """The im2col matrix of `x`: one row per output position, holding its window in (k_h,
        k_w, C) order. With one channel it is copied taps first (rows of out_w numbers rather
        than of k_w) and returned as the transpose of that (taps, positions) array."""
        if x.shape[3] == 1:
            return self.patches(x, taps_first=True).reshape(self.num_taps, -1).T
        return self.patches(x).reshape(-1, self.num_taps * x.shape[3])

    def fold(self, parts, batch_last=False):
        """The adjoint of taking the taps: `parts` holds per tap (first axis) an array of shape
        (N, out_h, out_w, C), or with `batch_last` (C, out_h, out_w, N), where each tap adds
        rows of out_w * N numbers rather than out_w * C; the result, an NHWC array of the
        input's size, holds at each input position the sum of the parts taken from it."""
        (bh, ah), (bw, aw) = self.pads
        h, w = self.input_hw
        dx = np.zeros((parts.shape[1], h + bh + ah, w + bw + aw, parts.shape[4]), parts.dtype)
        for part, index in zip(parts, self.taps()):
            add_at(dx, index, part)
        dx = self.unpad(dx)
        return np.ascontiguousarray(dx.transpose(3, 1, 2, 0)) if batch_last else dx

    def unpad(self, xp):
        """The part of a padded array that covers the input."""
        (bh, _), (bw, _) = self.pads
        h, w = self.input_hw
        return xp[:, bh:bh + h, bw:bw + w]

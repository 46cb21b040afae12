"""Sliding windows over NHWC images: the geometry and the two numpy moves that every
convolution and pooling kernel is made of.

`Window` holds what TensorFlow derives from a padding mode, window size, strides and dilations
(output size and the padding before and after, per spatial dimension). `Window.patches(x)` is a
strided view of the padded input with shape (N, out_h, out_w, k_h, k_w, C), no copy;
`Window.fold(patches)` is its adjoint: it adds patch values back onto the input positions they
came from, one vectorized add per window tap (never a loop over pixels). The ops themselves live
in conv_ops, depthwise_conv_ops and pooling_ops.
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

    def pad(self, x, value=0):
        """x (NHWC) with this window's padding, filled with `value`."""
        if not any(b or a for b, a in self.pads):
            return x
        return np.pad(x, ((0, 0),) + self.pads + ((0, 0),), constant_values=value)

    def patches(self, x, value=0):
        """A read-only view (N, out_h, out_w, k_h, k_w, C) of padded `x`: the window at each
        output position."""
        xp = self.pad(x, value)
        n, _, _, c = xp.shape
        (sh, sw), (dh, dw), (kh, kw) = self.strides, self.dilations, self.size
        s = xp.strides
        return np.lib.stride_tricks.as_strided(
            xp, (n, self.out[0], self.out[1], kh, kw, c),
            (s[0], s[1] * sh, s[2] * sw, s[1] * dh, s[2] * dw, s[3]), writeable=False)

    def fold(self, patches):
        """The adjoint of `patches`: an NHWC array of the input's size in which each input
        position holds the sum of the patch values taken from it."""
        n, oh, ow, kh, kw, c = patches.shape
        (bh, ah), (bw, aw) = self.pads
        (sh, sw), (dh, dw) = self.strides, self.dilations
        h, w = self.input_hw
        dx = np.zeros((n, h + bh + ah, w + bw + aw, c), patches.dtype)
        for i in range(kh):
            for j in range(kw):
                dx[:, i * dh:i * dh + sh * (oh - 1) + 1:sh,
                   j * dw:j * dw + sw * (ow - 1) + 1:sw] += patches[:, :, :, i, j]
        return dx[:, bh:bh + h, bw:bw + w]

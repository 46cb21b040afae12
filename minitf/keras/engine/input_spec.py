"""`InputSpec`: what a layer accepts as input (rank, dtype, the size of some axes, a whole
shape), and the check a layer call makes against it before anything is computed, so a call
with the wrong input fails with Keras' ValueError naming the layer, the expected and the
received shape, and leaves the layer as it was.

A Dense layer states its input's last axis once built; a functional or Sequential model built
for a known input shape states that shape (any batch size).
"""
from ... import nest
from ...framework import dtypes
from ...framework.shapes import TensorShape


class InputSpec:
    """The rank, dtype and shape a layer's input must have (None: anything).

    Args:
      dtype: the input's dtype.
      shape: the whole shape (a None dimension matches any size).
      ndim, max_ndim, min_ndim: the rank, exactly or at most or at least.
      axes: a dict from axis (negative counts from the end) to the size it must have.
      allow_last_axis_squeeze: a last axis of size 1 on either side is ignored when matching
        `shape`.
      name: the name of the input (a model's dict inputs are matched by it).

    >>> spec = minitf.keras.layers.InputSpec(min_ndim=2, axes={-1: 3})
    >>> spec
    InputSpec(min_ndim=2, axes={-1: 3})
    """

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None, allow_last_axis_squeeze=False, name=None):
        self.dtype = dtypes.as_dtype(dtype).name if dtype is not None else None
        self.shape = None if shape is None else tuple(TensorShape(shape).as_list())
        self.ndim = len(self.shape) if self.shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = dict(axes or {})
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        self.name = name

    def __repr__(self):
        fields = [("dtype", self.dtype), ("shape", self.shape), ("ndim", self.ndim),
                  ("max_ndim", self.max_ndim), ("min_ndim", self.min_ndim),
                  ("axes", self.axes or None)]
        return "InputSpec(%s)" % ", ".join("%s=%s" % f for f in fields if f[1] is not None)


def from_inputs(keras_inputs):
    """The specs of a model whose inputs are `keras_inputs` (KerasTensors): their shapes with
    any batch size, by their layers' names."""
    return [InputSpec(shape=(None,) + tuple(kt.shape.as_list()[1:]), allow_last_axis_squeeze=True,
                      name=kt.node.layer.name) for kt in keras_inputs]


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Checks `inputs` (a tensor or a nesting of them) against `input_spec` (an InputSpec, a
    list of them, or None).

    Raises:
      ValueError: naming the layer and the input, for a wrong number of inputs, rank, dtype,
        axis size or shape.
    """
    if input_spec is None:
        return
    specs = nest.flatten(input_spec)
    if isinstance(inputs, dict) and all(s.name in inputs for s in specs):
        flat = [inputs.get(s.name) for s in specs]
    else:
        flat = nest.flatten(inputs)
    if len(flat) != len(specs):
        raise ValueError('Layer "%s" expects %d input(s), but it received %d input tensors. '
                         'Inputs received: %s' % (layer_name, len(specs), len(flat), flat))
    for i, (x, spec) in enumerate(zip(flat, specs)):
        shape = TensorShape(getattr(x, "shape", None))
        if spec is None or shape.rank is None:
            continue
        _check_one(spec, shape, getattr(x, "dtype", None),
                   'Input %d of layer "%s" is incompatible with the layer: ' % (i, layer_name))


def _check_one(spec, shape, dtype, prefix):
    rank, shown = shape.rank, _shown(shape)
    if spec.ndim is not None and not spec.allow_last_axis_squeeze and rank != spec.ndim:
        raise ValueError(prefix + "expected ndim=%d, found ndim=%d. Full shape received: %s"
                         % (spec.ndim, rank, shown))
    if spec.max_ndim is not None and rank > spec.max_ndim:
        raise ValueError(prefix + "expected max_ndim=%d, found ndim=%d" % (spec.max_ndim, rank))
    if spec.min_ndim is not None and rank < spec.min_ndim:
        raise ValueError(prefix + "expected min_ndim=%d, found ndim=%d. Full shape received: %s"
                         % (spec.min_ndim, rank, shown))
    if spec.dtype is not None and dtype is not None and dtypes.as_dtype(dtype).name != spec.dtype:
        raise ValueError(prefix + "expected dtype=%s, found dtype=%s"
                         % (spec.dtype, dtypes.as_dtype(dtype).name))
    dims = shape.as_list()
    for axis, size in spec.axes.items():
        if size is not None and -rank <= axis < rank and dims[axis] not in (size, None):
            raise ValueError(prefix + "expected axis %d of input shape to have value %d, but "
                             "received input with shape %s" % (axis, size, shown))
    if spec.shape is not None:
        expected = list(spec.shape)
        if spec.allow_last_axis_squeeze:
            expected, dims = _squeezed(expected), _squeezed(dims)
        if any(e is not None and d is not None and e != d for e, d in zip(expected, dims)):
            raise ValueError(prefix + "expected shape=%s, found shape=%s"
                             % (_shown(TensorShape(spec.shape)), shown))


def _squeezed(dims):
    return dims[:-1] if dims and dims[-1] == 1 else dims


def _shown(shape):
    return str(tuple(shape.as_list()))

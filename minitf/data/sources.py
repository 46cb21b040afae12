"""The nodes that start a pipeline or join several: `Dataset.from_tensor_slices`,
`from_tensors`, `range`, `zip` and `concatenate`, each with the element spec and cardinality
TensorFlow gives it and the generator of its elements."""
import builtins
import itertools

import numpy as np

from .. import nest
from ..framework.shapes import TensorShape, dim_at
from ..framework.tensor_spec import TensorSpec
from . import pipeline, structure
from .node import INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, DatasetBase, Node, invalid, node_of


class TensorSlices(Node):
    kind = "_TensorSliceDataset"

    def __init__(self, element):
        flat = nest.flatten(element)
        n = None
        for t in flat:
            if t.shape.rank == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            d = dim_at(t.shape, 0)
            if n is not None and d is not None and d != n:
                raise ValueError("Dimensions %d and %d are not compatible" % (n, d))
            n = d if n is None else n
        spec = nest.map_structure(lambda t: TensorSpec(t.shape[1:], t.dtype), element)
        super().__init__(spec, UNKNOWN_CARDINALITY if n is None else n, tensors=flat)

    def generate(self, run):
        return pipeline.slices([run.value(t) for t in self.tensors])


class Tensors(Node):
    kind = "_TensorDataset"

    def __init__(self, element):
        spec = nest.map_structure(TensorSpec.from_tensor, element)
        super().__init__(spec, 1, tensors=nest.flatten(element))

    def generate(self, run):
        return iter([[run.value(t) for t in self.tensors]])


class Range(Node):
    kind = "_RangeDataset"

    def __init__(self, bounds, dtype):
        if len(bounds) == 3 and bounds[2] == 0:
            invalid("step must be a non-zero integer.", "RangeDataset")
        numbers = builtins.range(*bounds)
        n = max(0, -((numbers.start - numbers.stop) // numbers.step))
        if numbers.stop == np.iinfo(np.int64).max and numbers.step > 0:
            n = INFINITE_CARDINALITY  # as TensorFlow counts a range up to the largest int64
        super().__init__(TensorSpec([], dtype), n)
        self._numbers = numbers

    def generate(self, run):
        return pipeline.count(self._numbers, self.element_spec.dtype)


class Zip(Node):
    kind = "_ZipDataset"

    def __init__(self, datasets):
        flat = nest.flatten(datasets)
        wanted = "Invalid input to `zip`. Inputs are expected to be (nested) structures of " \
                 "`tf.data.Dataset` objects"
        if structure.has_list(datasets):
            raise TypeError(wanted + ". Python `list` is not supported and you should use "
                            "`tuple` instead.")
        for d in flat:
            if not isinstance(d, DatasetBase):
                raise TypeError(wanted + " but encountered object of type %s." % type(d))
        nodes = [node_of(d) for d in flat]
        counts = [node.cardinality for node in nodes]
        finite = [n for n in counts if n >= 0]
        if UNKNOWN_CARDINALITY in counts:
            n = UNKNOWN_CARDINALITY
        else:
            n = min(finite) if finite else INFINITE_CARDINALITY
        spec = nest.pack_sequence_as(datasets, [node.element_spec for node in nodes])
        super().__init__(spec, n, inputs=nodes)

    def generate(self, run):
        return pipeline.zipped([node.generate(run) for node in self.inputs])


class Concatenate(Node):
    kind = "_ConcatenateDataset"

    def __init__(self, input, other):  # two datasets
        a, b = input.element_spec, other.element_spec
        try:
            nest.assert_same_structure(a, b)
        except (TypeError, ValueError):
            raise TypeError("Incompatible dataset elements:\n  %s vs.\n  %s" % (a, b)) from None
        if any(x.dtype is not y.dtype for x, y in zip(nest.flatten(a), nest.flatten(b))):
            raise TypeError("Incompatible dataset elements:\n  %s vs.\n  %s" % (a, b))
        spec = nest.map_structure(lambda x, y: TensorSpec(_common_shape(x.shape, y.shape),
                                                          x.dtype), a, b)
        nodes = [node_of(input), node_of(other)]
        counts = [node.cardinality for node in nodes]
        if INFINITE_CARDINALITY in counts:
            n = INFINITE_CARDINALITY
        elif UNKNOWN_CARDINALITY in counts:
            n = UNKNOWN_CARDINALITY
        else:
            n = sum(counts)
        super().__init__(spec, n, inputs=nodes)

    def generate(self, run):
        return itertools.chain(self.inputs[0].generate(run), self.inputs[1].generate(run))


def _common_shape(a, b):
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])

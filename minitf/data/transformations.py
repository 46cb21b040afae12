"""The nodes that transform one dataset: shuffle, batch, padded_batch, unbatch, repeat, map,
flat_map, filter, take, skip, prefetch and cache, each with the element spec and cardinality
TensorFlow gives it and the generator of its elements.

Map, filter and flat_map functions are traced once, when the node is made, to learn what they
return (as TensorFlow traces them), and then called on the eager tensors of each element.
"""
import numpy as np

from .. import nest
from ..framework import dtypes
from ..framework.conversion import as_array
from ..framework.shapes import TensorShape, dim_at
from ..framework.tensor_spec import TensorSpec
from ..ops.random_ops import op_seeds
from . import pipeline, structure
from .node import INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, DatasetBase, Node, invalid, node_of


class Shuffle(Node):
    kind = "_ShuffleDataset"

    def __init__(self, input, buffer_size, seed, reshuffle):
        if buffer_size < 1 and buffer_size != UNKNOWN_CARDINALITY:
            invalid("buffer_size must be greater than zero or UNKNOWN_CARDINALITY",
                    "ShuffleDatasetV3")
        super().__init__(input.element_spec, input.cardinality, inputs=[input])
        self._buffer_size = np.inf if buffer_size == UNKNOWN_CARDINALITY else buffer_size
        self._reshuffle = reshuffle is None or bool(reshuffle)
        seeds = op_seeds(seed)
        # Without seeds the orders are random, but drawn once here, so that a dataset that
        # does not reshuffle repeats its one order.
        self._seeds = seeds if seeds[0] is not None else \
            tuple(np.random.default_rng().integers(2 ** 31, size=2))

    def generate(self, run):
        epoch = run.next_epoch(self) if self._reshuffle else 0
        rng = np.random.default_rng([*self._seeds, epoch])
        return pipeline.shuffled(self.inputs[0].generate(run), self._buffer_size, rng)


def _batches(n, batch_size, drop_remainder):
    """The cardinality of `n` elements in batches."""
    if n < 0:
        return n
    return n // batch_size if drop_remainder else -(-n // batch_size)


class Batch(Node):
    kind = "_BatchDataset"

    def __init__(self, input, batch_size, drop_remainder):
        if batch_size < 1:
            invalid("Batch size must be greater than zero.", "BatchDatasetV2")
        dim = TensorShape([batch_size if drop_remainder else None])
        spec = nest.map_structure(lambda s: TensorSpec(dim.concatenate(s.shape), s.dtype),
                                  input.element_spec)
        super().__init__(spec, _batches(input.cardinality, batch_size, drop_remainder),
                         inputs=[input])
        self._batch = (batch_size, drop_remainder)

    def generate(self, run):
        return pipeline.batched(self.inputs[0].generate(run), *self._batch)


class PaddedBatch(Node):
    kind = "_PaddedBatchDataset"

    def __init__(self, input, batch_size, padded_shapes, padding_values, drop_remainder):
        if batch_size < 1:
            invalid("Batch size must be greater than zero.", "PaddedBatchDatasetV2")
        specs = input.element_spec
        if padded_shapes is None:
            padded_shapes = nest.map_structure(lambda s: s.shape, specs)
        shapes = [TensorShape(p) for p in nest.flatten_up_to(specs, padded_shapes)]
        for s, p in zip(nest.flatten(specs), shapes):
            if not _fits(s.shape, p):
                raise ValueError("The padded shape %s is not compatible with the shape %s of the "
                                 "corresponding input component." % (p, s.shape))
        if padding_values is None:
            padding_values = nest.map_structure(
                lambda s: b"" if s.dtype is dtypes.string else 0, specs)
        pads = [as_array(v, s.dtype, False) for s, v in
                zip(nest.flatten(specs), nest.flatten_up_to(specs, padding_values))]
        dim = TensorShape([batch_size if drop_remainder else None])
        spec = nest.pack_sequence_as(specs, [TensorSpec(dim.concatenate(p), s.dtype) for s, p in
                                             zip(nest.flatten(specs), shapes)])
        super().__init__(spec, _batches(input.cardinality, batch_size, drop_remainder),
                         inputs=[input])
        self._batch = (batch_size, drop_remainder, shapes, pads)

    def generate(self, run):
        return pipeline.padded_batched(self.inputs[0].generate(run), *self._batch)


def _fits(shape, padded):
    if shape.rank is None or padded.rank is None:
        return True
    return shape.rank == padded.rank and all(
        d is None or p is None or d <= p for d, p in zip(shape.as_list(), padded.as_list()))


class Unbatch(Node):
    kind = "_UnbatchDataset"

    def __init__(self, input):
        for s in nest.flatten(input.element_spec):
            if s.shape.rank == 0:
                raise ValueError("Cannot unbatch an input with scalar components.")
        spec = nest.map_structure(lambda s: TensorSpec(s.shape[1:], s.dtype), input.element_spec)
        rows = {dim_at(s.shape, 0) for s in nest.flatten(input.element_spec)}
        n = input.cardinality
        if n >= 0:
            n = n * rows.pop() if len(rows) == 1 and None not in rows else UNKNOWN_CARDINALITY
        super().__init__(spec, n, inputs=[input])

    def generate(self, run):
        return pipeline.unbatched(self.inputs[0].generate(run))


class Repeat(Node):
    kind = "_RepeatDataset"

    def __init__(self, input, count):
        n = input.cardinality
        if count < 0:
            n = 0 if n == 0 else INFINITE_CARDINALITY
        elif count == 0:
            n = 0
        elif n >= 0:
            n *= count
        super().__init__(input.element_spec, n, inputs=[input])
        self._count = count

    def generate(self, run):
        return pipeline.repeated(lambda: self.inputs[0].generate(run), self._count)


class Map(Node):
    kind = "_MapDataset"

    def __init__(self, input, fn):
        super().__init__(structure.traced_spec(fn, input.element_spec), input.cardinality,
                         inputs=[input])
        self._fn = fn

    def generate(self, run):
        input = self.inputs[0]
        for flat in input.generate(run):
            result = structure.returned(structure.call(self._fn, input.pack(flat)))
            yield [t._value for t in nest.flatten(result)]


class ParallelMap(Map):
    kind = "_ParallelMapDataset"  # a map with num_parallel_calls; minitf maps sequentially


class FlatMap(Node):
    kind = "_FlatMapDataset"

    def __init__(self, input, fn):
        dataset = structure.traced_result(fn, input.element_spec)
        if not isinstance(dataset, DatasetBase):
            raise TypeError("The `map_func` argument of `flat_map` must return a `Dataset` "
                            "object, not %s." % type(dataset).__name__)
        super().__init__(node_of(dataset).element_spec, UNKNOWN_CARDINALITY, inputs=[input])
        self._fn = fn

    def generate(self, run):
        input = self.inputs[0]
        for flat in input.generate(run):
            yield from node_of(structure.call(self._fn, input.pack(flat))).generate(run)


class Filter(Node):
    kind = "_FilterDataset"

    def __init__(self, input, predicate):
        spec = structure.traced_spec(predicate, input.element_spec)
        if not (isinstance(spec, TensorSpec) and spec.dtype is dtypes.bool
                and spec.shape == TensorShape([])):
            raise ValueError("Invalid `predicate`. `predicate` must return a `tf.bool` scalar "
                             "tensor, but its return type is %s." % (spec,))
        super().__init__(input.element_spec, UNKNOWN_CARDINALITY, inputs=[input])
        self._predicate = predicate

    def generate(self, run):
        input = self.inputs[0]
        for flat in input.generate(run):
            if bool(structure.call(self._predicate, input.pack(flat))):
                yield flat


class Take(Node):
    kind = "_TakeDataset"

    def __init__(self, input, count):
        n = input.cardinality
        if count >= 0 and n != UNKNOWN_CARDINALITY:
            n = count if n == INFINITE_CARDINALITY else min(n, count)
        super().__init__(input.element_spec, n, inputs=[input])
        self._count = count

    def generate(self, run):
        return pipeline.taken(self.inputs[0].generate(run), self._count)


class Skip(Node):
    kind = "_SkipDataset"

    def __init__(self, input, count):
        n = input.cardinality
        if count < 0:
            n = 0
        elif n >= 0:
            n = max(0, n - count)
        super().__init__(input.element_spec, n, inputs=[input])
        self._count = count

    def generate(self, run):
        return pipeline.skipped(self.inputs[0].generate(run), self._count)


class Prefetch(Node):
    kind = "_PrefetchDataset"

    def __init__(self, input):
        super().__init__(input.element_spec, input.cardinality, inputs=[input])

    def generate(self, run):
        return self.inputs[0].generate(run)


class Cache(Prefetch):
    kind = "CacheDataset"  # TensorFlow's name for it has no underscore

    def generate(self, run):
        kept = run.caches.get(self)
        if kept is not None:
            return iter(kept)
        return pipeline.cached(self.inputs[0].generate(run), self.cardinality,
                               lambda elements: run.caches.setdefault(self, elements))

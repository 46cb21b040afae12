"""`Dataset`, TensorFlow's input pipeline: a source (slices, one element, a range) and a chain of
transformations (shuffle, batch, padded_batch, unbatch, repeat, map, flat_map, filter, take,
skip, zip, concatenate, enumerate, cache, prefetch), and `reduce`.

A Dataset knows statically what its elements look like (`element_spec`, a structure of
TensorSpec, as TensorFlow computes it) and how many there are (`cardinality`); the generators
of `pipeline.py` compute the elements. Map and filter functions are traced once, when the
dataset is made, to learn the structure they return (as TensorFlow traces them), and then run
eagerly on the eager tensors of each element. Iterating eagerly goes through the iterator ops
of `iterator_ops.py`, which also serve TF1 graphs; inside a traced `function`, a `for` loop over
a dataset is unrolled when the function is traced (see `Dataset.__iter__`).
"""
import builtins
import itertools

import numpy as np

from .. import nest
from ..framework import dtypes
from ..framework.context import eager_mode, executing_eagerly
from ..framework.conversion import as_array
from ..framework.errors import InvalidArgumentError
from ..framework.graph import get_default_graph
from ..framework.shapes import TensorShape
from ..framework.tensor import EagerTensor
from ..framework.tensor_spec import TensorSpec
from ..ops.random_ops import op_seeds
from ..ops.registry import convert_to_tensor
from . import iterator_ops, pipeline, structure

INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2
AUTOTUNE = -1
_UNROLL_LIMIT = 1000  # the most elements a `for` loop in a traced function unrolls


class Dataset:
    """A sequence of elements, each a structure (tensor, tuple, dict, nesting) of tensors.

    Make one with `from_tensor_slices`, `from_tensors` or `range`, and transform it with the
    methods below; each returns a new Dataset. Iterate over it eagerly with `for`, or in a TF1
    graph through `compat.v1.data.make_one_shot_iterator` / `make_initializable_iterator`.

    >>> ds = minitf.data.Dataset.range(5).map(lambda x: x * 2).batch(2)
    >>> [b.tolist() for b in ds.as_numpy_iterator()]
    [[0, 2], [4, 6], [8]]
    """

    def __init__(self, element_spec, cardinality, inputs=(), tensors=()):
        self._element_spec = element_spec
        self._cardinality = cardinality
        self._inputs = tuple(inputs)   # the datasets this one transforms
        self._tensors = list(tensors)  # the tensors it reads itself (a source's components)

    @property
    def element_spec(self):
        """The structure of TensorSpec that describes each element.

        >>> minitf.data.Dataset.range(3).batch(2).element_spec
        TensorSpec(shape=(None,), dtype=tf.int64, name=None)
        """
        return self._element_spec

    def _sources(self):
        """The tensors the whole pipeline reads, in a fixed order."""
        out = list(self._tensors)
        for d in self._inputs:
            out += d._sources()
        return out

    def _generate(self, run):
        """The elements of one pass (`run`, a pipeline.Run), as flat lists of arrays."""
        raise NotImplementedError

    def _pack(self, flat):
        return nest.pack_sequence_as(self._element_spec, [EagerTensor(a) for a in flat])

    # -- iterating ------------------------------------------------------------------------------
    def __iter__(self):
        """An iterator over the elements as eager tensors.

        Inside a `function` being traced, minitf unrolls the loop: it computes the elements
        when the function is traced and the traced graph holds one copy of the loop body per
        element, each reading its element as a captured value. So the dataset must be finite and
        small (at most 1000 elements), built from values (not from the function's arguments),
        and every call of the function sees the elements of that one pass. TensorFlow's guides
        iterate outside and trace the step: `for x, y in ds: train_step(x, y)`.

        Raises:
          RuntimeError: in a TF1 graph (use an iterator from `compat.v1.data`).
          ValueError: inside a traced function, for an infinite or large dataset.
        """
        if executing_eagerly():
            return iterator_ops.OwnedIterator(self)
        if get_default_graph().is_function:
            return iter(self._unrolled())
        raise RuntimeError("`tf.data.Dataset` only supports Python-style iteration in eager mode "
                           "or within tf.function.")

    def _unrolled(self):
        if self._cardinality == INFINITE_CARDINALITY:
            raise ValueError("Cannot unroll a loop over the infinite %r in a traced function: "
                             "iterate over it outside the function, or take() a few elements."
                             % self)
        run = pipeline.Run(epochs=pipeline.EAGER_EPOCHS, caches=pipeline.EAGER_CACHES)
        with eager_mode():
            flats = list(itertools.islice(self._generate(run), _UNROLL_LIMIT + 1))
        if len(flats) > _UNROLL_LIMIT:
            raise ValueError("%r has more than %d elements, too many to unroll a loop over it in a "
                             "traced function: iterate over it outside the function and call the "
                             "function on each element." % (self, _UNROLL_LIMIT))
        return [self._pack(f) for f in flats]

    def as_numpy_iterator(self):
        """An iterator over the elements as numpy values (arrays, numpy scalars for 0-d), in the
        element's structure.

        Raises:
          RuntimeError: unless executing eagerly.

        >>> list(minitf.data.Dataset.from_tensor_slices({"a": [1, 2]}).as_numpy_iterator())
        [{'a': np.int32(1)}, {'a': np.int32(2)}]
        """
        if not executing_eagerly():
            raise RuntimeError("`tf.data.Dataset.as_numpy_iterator()` is only supported in eager "
                               "mode.")
        return iterator_ops.NumpyIterator(iterator_ops.OwnedIterator(self))

    def cardinality(self):
        """The number of elements as a scalar int64 tensor; `INFINITE_CARDINALITY` (-1) or
        `UNKNOWN_CARDINALITY` (-2, after a filter) when it is not a count.

        >>> minitf.data.Dataset.range(10).batch(3).cardinality()
        <tf.Tensor: shape=(), dtype=int64, numpy=4>
        """
        return convert_to_tensor(np.int64(self._cardinality), name="DatasetCardinality")

    def __len__(self):
        """The number of elements (a Python int).

        Raises:
          TypeError: in a TF1 graph, or when the dataset is infinite or its length unknown.
        """
        if not executing_eagerly() and not get_default_graph().is_function:
            raise TypeError("`tf.data.Dataset` only supports `len` in eager mode. Use "
                            "`tf.data.Dataset.cardinality()` instead.")
        if self._cardinality == INFINITE_CARDINALITY:
            raise TypeError("The dataset is infinite.")
        if self._cardinality == UNKNOWN_CARDINALITY:
            raise TypeError("The dataset length is unknown.")
        return self._cardinality

    def __bool__(self):
        return True  # a dataset is true even when empty, or when `len` would raise

    def __repr__(self):
        return "<%s element_spec=%s>" % (type(self).__name__, self._element_spec)

    def make_one_shot_iterator(self):
        """TF1: see `compat.v1.data.make_one_shot_iterator`."""
        return iterator_ops.make_one_shot_iterator(self)

    def make_initializable_iterator(self, shared_name=None):
        """TF1: see `compat.v1.data.make_initializable_iterator`."""
        return iterator_ops.make_initializable_iterator(self, shared_name)

    # -- sources --------------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        """The slices of `tensors` along their first dimension: element i holds row i of each.

        Args:
          tensors: a tensor, array or list (one tensor), or a tuple / dict / nesting of them,
            all with the same first dimension.

        Raises:
          ValueError: for a scalar, or for components whose first dimensions differ.

        >>> ds = minitf.data.Dataset.from_tensor_slices(([1, 2], [3.0, 4.0]))
        >>> ds
        <_TensorSliceDataset element_spec=(TensorSpec(shape=(), dtype=tf.int32, name=None), \
TensorSpec(shape=(), dtype=tf.float32, name=None))>
        """
        return _TensorSliceDataset(structure.normalize(tensors))

    @staticmethod
    def from_tensors(tensors, name=None):
        """One element: `tensors` (a tensor, tuple, dict or nesting) as a whole.

        >>> minitf.data.Dataset.from_tensors([1, 2]).element_spec
        TensorSpec(shape=(2,), dtype=tf.int32, name=None)
        """
        return _TensorDataset(structure.normalize(tensors))

    @staticmethod
    def range(*args, output_type=dtypes.int64, name=None):
        """The numbers of Python's `range(stop)`, `range(start, stop)` or
        `range(start, stop, step)`, as scalars of `output_type` (int64 by default).

        Raises:
          ValueError: for no argument or more than three.
          InvalidArgumentError: for a step of 0.

        >>> list(minitf.data.Dataset.range(5, 1, -2).as_numpy_iterator())
        [np.int64(5), np.int64(3)]
        """
        if not 1 <= len(args) <= 3:
            raise ValueError("Invalid `args`. The length of `args` should be between 1 and 3 but "
                             "was %d." % len(args))
        output_type = dtypes.as_dtype(output_type)
        bounds = [int(as_array(a, dtypes.int64, not executing_eagerly())) for a in args]
        if len(bounds) == 3 and bounds[2] == 0:
            _invalid("step must be a non-zero integer.", "RangeDataset")
        return _RangeDataset(builtins.range(*bounds), output_type)

    @staticmethod
    def zip(*args, datasets=None, name=None):
        """Elements made of one element of each dataset, in the structure the datasets are given
        in; it ends with the shortest.

        Args:
          *args: datasets, or one tuple / dict / nesting of them.
          datasets: the same, as a keyword.

        Raises:
          TypeError: for anything but (nested tuples or dicts of) datasets.

        >>> a = minitf.data.Dataset.range(3)
        >>> list(minitf.data.Dataset.zip(a, a.skip(1)).as_numpy_iterator())
        [(np.int64(0), np.int64(1)), (np.int64(1), np.int64(2))]
        """
        if datasets is None:
            datasets = args[0] if len(args) == 1 else args
        return _ZipDataset(datasets)

    # -- transformations ------------------------------------------------------------------------
    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        """The elements in random order, drawn from a buffer of `buffer_size` elements that is
        refilled from the input as it empties (a buffer as large as the dataset shuffles it
        uniformly).

        Args:
          buffer_size: how many elements the buffer holds.
          seed: the op seed; with the global seed (`random.set_seed`) it fixes the orders, so
            a program gives the same ones on every run.
          reshuffle_each_iteration: whether each pass (each iteration, each repeat) draws a new
            order; if False every pass gives the first one.

        Raises:
          InvalidArgumentError: for a buffer size below 1.

        >>> minitf.random.set_seed(1)
        >>> sorted(minitf.data.Dataset.range(4).shuffle(4).as_numpy_iterator())
        [np.int64(0), np.int64(1), np.int64(2), np.int64(3)]
        """
        return _ShuffleDataset(self, int(buffer_size), seed, reshuffle_each_iteration)

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None,
              deterministic=None, name=None):
        """Stacks `batch_size` consecutive elements into one, component by component; the last
        batch may be smaller unless `drop_remainder`. The batch dimension of `element_spec` is
        `batch_size` with `drop_remainder=True` and None otherwise.

        Raises:
          InvalidArgumentError: for a batch size below 1; when iterating, for elements whose
            shapes differ.

        >>> [b.tolist() for b in minitf.data.Dataset.range(7).batch(3).as_numpy_iterator()]
        [[0, 1, 2], [3, 4, 5], [6]]
        """
        return _BatchDataset(self, int(batch_size), bool(drop_remainder))

    def repeat(self, count=None, name=None):
        """The elements `count` times over (forever when None or -1), each pass a new pass over
        the input (so a shuffle before it reshuffles).

        >>> minitf.data.Dataset.range(2).repeat(2).cardinality().numpy()
        np.int64(4)
        """
        return _RepeatDataset(self, -1 if count is None else int(count))

    def map(self, map_func, num_parallel_calls=None, deterministic=None, synchronous=None,
            use_unbounded_threadpool=False, name=None):
        """`map_func` applied to each element; a tuple element is spread as its arguments, any
        other element (a tensor, a dict) is one argument. `map_func` is traced once now, to
        learn what it returns, and then run eagerly on each element's tensors; a list it returns
        becomes a tuple (a list inside one tensor). `num_parallel_calls` is accepted; minitf
        computes one element at a time.

        >>> ds = minitf.data.Dataset.from_tensor_slices(([1, 2], [10, 20])).map(lambda x, y: x + y)
        >>> list(ds.as_numpy_iterator())
        [np.int32(11), np.int32(22)]
        """
        cls = _MapDataset if num_parallel_calls is None else _ParallelMapDataset
        return cls(self, map_func)

    def filter(self, predicate, name=None):
        """The elements for which `predicate` (called like a map function) is true.

        Raises:
          ValueError: if `predicate` does not return a scalar bool tensor.

        >>> ds = minitf.data.Dataset.range(6).filter(lambda x: x % 2 == 0)
        >>> list(ds.as_numpy_iterator())
        [np.int64(0), np.int64(2), np.int64(4)]
        """
        return _FilterDataset(self, predicate)

    def take(self, count, name=None):
        """The first `count` elements (all of them when -1).

        >>> len(minitf.data.Dataset.range(10).take(3))
        3
        """
        return _TakeDataset(self, int(count))

    def skip(self, count, name=None):
        """The elements after the first `count` (none when -1).

        >>> len(minitf.data.Dataset.range(10).skip(3))
        7
        """
        return _SkipDataset(self, int(count))

    def prefetch(self, buffer_size, name=None):
        """The same elements (TensorFlow computes them ahead in the background; minitf computes
        each when it is asked for).

        >>> minitf.data.Dataset.range(3).prefetch(minitf.data.AUTOTUNE).cardinality().numpy()
        np.int64(3)
        """
        return _PrefetchDataset(self)

    def cache(self, filename="", name=None):
        """The same elements, kept in memory by the first pass that reads them all and replayed
        by the later ones (so a shuffle before the cache shuffles once). Eagerly the cache
        lasts as long as the dataset; an iterator in a graph fills its own each time it is
        initialized, as TensorFlow 1.x's do. minitf keeps it in memory even for a `filename`.

        >>> minitf.data.Dataset.range(3).cache().cardinality().numpy()
        np.int64(3)
        """
        return CacheDataset(self)

    def concatenate(self, dataset, name=None):
        """The elements of this dataset, then those of `dataset` (of the same structure and
        dtypes; a dimension where the two differ becomes unknown).

        Raises:
          TypeError: if the structures or dtypes of the elements differ.

        >>> a = minitf.data.Dataset.range(2)
        >>> list(a.concatenate(a).as_numpy_iterator())
        [np.int64(0), np.int64(1), np.int64(0), np.int64(1)]
        """
        return _ConcatenateDataset(self, dataset)

    def enumerate(self, start=0, name=None):
        """Pairs `(i, element)`, i an int64 counting from `start`.

        >>> list(minitf.data.Dataset.range(5, 7).enumerate().as_numpy_iterator())
        [(np.int64(0), np.int64(5)), (np.int64(1), np.int64(6))]
        """
        return Dataset.zip((Dataset.range(int(start), np.iinfo(np.int64).max), self))

    def unbatch(self, name=None):
        """The rows of each element: an element whose components have first dimension n
        becomes n elements.

        Raises:
          ValueError: for a component of rank 0.

        >>> list(minitf.data.Dataset.from_tensors([1, 2]).unbatch().as_numpy_iterator())
        [np.int32(1), np.int32(2)]
        """
        return _UnbatchDataset(self)

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder=False, name=None):
        """`batch`, for elements whose shapes differ: each component is padded (with
        `padding_values`, 0 or b"" by default) to `padded_shapes`, or where that or a
        dimension of it is None, to the largest in its batch.

        Raises:
          InvalidArgumentError: for a batch size below 1; when iterating, for an element
            larger than its padded shape.

        >>> ds = minitf.data.Dataset.range(1, 3).map(lambda n: minitf.fill([n], n))
        >>> [b.tolist() for b in ds.padded_batch(2).as_numpy_iterator()]
        [[[1, 0], [2, 2]]]
        """
        return _PaddedBatchDataset(self, int(batch_size), padded_shapes, padding_values,
                                   bool(drop_remainder))

    def flat_map(self, map_func, name=None):
        """The elements of the datasets `map_func` returns, one dataset per element (called
        like a `map` function; traced once now, to learn what the datasets hold).

        >>> ds = minitf.data.Dataset.range(2).flat_map(
        ...     lambda x: minitf.data.Dataset.from_tensors(x).repeat(2))
        >>> list(ds.as_numpy_iterator())
        [np.int64(0), np.int64(0), np.int64(1), np.int64(1)]
        """
        return _FlatMapDataset(self, map_func)

    def reduce(self, initial_state, reduce_func, name=None):
        """`reduce_func(state, element)` folded over the elements from `initial_state` (a
        structure of tensors, which each call must return again); the final state.

        Raises:
          RuntimeError: in a TF1 graph (iterate with an iterator from `compat.v1.data`).

        >>> minitf.data.Dataset.range(5).reduce(np.int64(0), lambda s, x: s + x).numpy()
        np.int64(10)
        """
        state = nest.map_structure(convert_to_tensor, initial_state)
        for element in self:
            state = reduce_func(state, element)
        return nest.map_structure(convert_to_tensor, state)


def _invalid(message, op_type):
    """TensorFlow checks these arguments in the dataset op, which runs at once when eager."""
    if executing_eagerly():
        message += " [Op:%s]" % op_type
    raise InvalidArgumentError(None, None, message)


# -- sources ----------------------------------------------------------------------------------
class _TensorSliceDataset(Dataset):
    def __init__(self, element):
        flat = nest.flatten(element)
        n = None
        for t in flat:
            if t.shape.rank == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            d = t.shape[0]
            if n is not None and d is not None and d != n:
                raise ValueError("Dimensions %d and %d are not compatible" % (n, d))
            n = d if n is None else n
        spec = nest.map_structure(lambda t: TensorSpec(t.shape[1:], t.dtype), element)
        super().__init__(spec, UNKNOWN_CARDINALITY if n is None else n, tensors=flat)

    def _generate(self, run):
        return pipeline.slices([run.value(t) for t in self._tensors])


class _TensorDataset(Dataset):
    def __init__(self, element):
        spec = nest.map_structure(TensorSpec.from_tensor, element)
        super().__init__(spec, 1, tensors=nest.flatten(element))

    def _generate(self, run):
        return iter([[run.value(t) for t in self._tensors]])


class _RangeDataset(Dataset):
    def __init__(self, numbers, dtype):
        n = max(0, -((numbers.start - numbers.stop) // numbers.step))
        if numbers.stop == np.iinfo(np.int64).max and numbers.step > 0:
            n = INFINITE_CARDINALITY  # as TensorFlow counts a range up to the largest int64
        super().__init__(TensorSpec([], dtype), n)
        self._numbers = numbers

    def _generate(self, run):
        return pipeline.count(self._numbers, self._element_spec.dtype)


class _ZipDataset(Dataset):
    def __init__(self, datasets):
        flat = nest.flatten(datasets)
        wanted = "Invalid input to `zip`. Inputs are expected to be (nested) structures of " \
                 "`tf.data.Dataset` objects"
        if structure.has_list(datasets):
            raise TypeError(wanted + ". Python `list` is not supported and you should use "
                            "`tuple` instead.")
        for d in flat:
            if not isinstance(d, Dataset):
                raise TypeError(wanted + " but encountered object of type %s." % type(d))
        counts = [d._cardinality for d in flat]
        finite = [n for n in counts if n >= 0]
        if UNKNOWN_CARDINALITY in counts:
            n = UNKNOWN_CARDINALITY
        else:
            n = min(finite) if finite else INFINITE_CARDINALITY
        spec = nest.pack_sequence_as(datasets, [d.element_spec for d in flat])
        super().__init__(spec, n, inputs=flat)

    def _generate(self, run):
        return pipeline.zipped([d._generate(run) for d in self._inputs])


# -- transformations --------------------------------------------------------------------------
class _ShuffleDataset(Dataset):
    def __init__(self, input, buffer_size, seed, reshuffle):
        if buffer_size < 1 and buffer_size != UNKNOWN_CARDINALITY:
            _invalid("buffer_size must be greater than zero or UNKNOWN_CARDINALITY",
                     "ShuffleDatasetV3")
        super().__init__(input.element_spec, input._cardinality, inputs=[input])
        self._buffer_size = np.inf if buffer_size == UNKNOWN_CARDINALITY else buffer_size
        self._reshuffle = reshuffle is None or bool(reshuffle)
        seeds = op_seeds(seed)
        # Without seeds the orders are random, but drawn once here, so that a dataset that
        # does not reshuffle repeats its one order.
        self._seeds = seeds if seeds[0] is not None else \
            tuple(np.random.default_rng().integers(2 ** 31, size=2))

    def _generate(self, run):
        epoch = run.next_epoch(self) if self._reshuffle else 0
        rng = np.random.default_rng([*self._seeds, epoch])
        return pipeline.shuffled(self._inputs[0]._generate(run), self._buffer_size, rng)


class _BatchDataset(Dataset):
    def __init__(self, input, batch_size, drop_remainder):
        if batch_size < 1:
            _invalid("Batch size must be greater than zero.", "BatchDatasetV2")
        dim = TensorShape([batch_size if drop_remainder else None])
        spec = nest.map_structure(lambda s: TensorSpec(dim.concatenate(s.shape), s.dtype),
                                  input.element_spec)
        n = input._cardinality
        if n >= 0:
            n = n // batch_size if drop_remainder else -(-n // batch_size)
        super().__init__(spec, n, inputs=[input])
        self._batch = (batch_size, drop_remainder)

    def _generate(self, run):
        return pipeline.batched(self._inputs[0]._generate(run), *self._batch)


class _RepeatDataset(Dataset):
    def __init__(self, input, count):
        n = input._cardinality
        if count < 0:
            n = 0 if n == 0 else INFINITE_CARDINALITY
        elif count == 0:
            n = 0
        elif n >= 0:
            n *= count
        super().__init__(input.element_spec, n, inputs=[input])
        self._count = count

    def _generate(self, run):
        return pipeline.repeated(lambda: self._inputs[0]._generate(run), self._count)


class _MapDataset(Dataset):
    def __init__(self, input, fn):
        super().__init__(structure.traced_spec(fn, input.element_spec), input._cardinality,
                         inputs=[input])
        self._fn = fn

    def _generate(self, run):
        input = self._inputs[0]
        for flat in input._generate(run):
            yield [t._value for t in nest.flatten(structure.returned(structure.call(self._fn, input._pack(flat))))]


class _ParallelMapDataset(_MapDataset):
    pass  # TensorFlow's name for a map with num_parallel_calls; minitf maps sequentially


class _FilterDataset(Dataset):
    def __init__(self, input, predicate):
        spec = structure.traced_spec(predicate, input.element_spec)
        if not (isinstance(spec, TensorSpec) and spec.dtype is dtypes.bool
                and spec.shape == TensorShape([])):
            raise ValueError("Invalid `predicate`. `predicate` must return a `tf.bool` scalar "
                             "tensor, but its return type is %s." % (spec,))
        super().__init__(input.element_spec, UNKNOWN_CARDINALITY, inputs=[input])
        self._predicate = predicate

    def _generate(self, run):
        input = self._inputs[0]
        for flat in input._generate(run):
            if bool(structure.call(self._predicate, input._pack(flat))):
                yield flat


class _TakeDataset(Dataset):
    def __init__(self, input, count):
        n = input._cardinality
        if count >= 0 and n != UNKNOWN_CARDINALITY:
            n = count if n == INFINITE_CARDINALITY else min(n, count)
        super().__init__(input.element_spec, n, inputs=[input])
        self._count = count

    def _generate(self, run):
        return pipeline.taken(self._inputs[0]._generate(run), self._count)


class _SkipDataset(Dataset):
    def __init__(self, input, count):
        n = input._cardinality
        if count < 0:
            n = 0
        elif n >= 0:
            n = max(0, n - count)
        super().__init__(input.element_spec, n, inputs=[input])
        self._count = count

    def _generate(self, run):
        return pipeline.skipped(self._inputs[0]._generate(run), self._count)


class _PrefetchDataset(Dataset):
    def __init__(self, input):
        super().__init__(input.element_spec, input._cardinality, inputs=[input])

    def _generate(self, run):
        return self._inputs[0]._generate(run)


class CacheDataset(_PrefetchDataset):  # TensorFlow's name for it has no underscore
    def _generate(self, run):
        kept = run.caches.get(self)
        if kept is not None:
            return iter(kept)
        return pipeline.cached(self._inputs[0]._generate(run), self._cardinality,
                               lambda elements: run.caches.setdefault(self, elements))


class _ConcatenateDataset(Dataset):
    def __init__(self, input, other):
        a, b = input.element_spec, other.element_spec
        try:
            nest.assert_same_structure(a, b)
        except (TypeError, ValueError):
            raise TypeError("Incompatible dataset elements:\n  %s vs.\n  %s" % (a, b)) from None
        if any(x.dtype is not y.dtype for x, y in zip(nest.flatten(a), nest.flatten(b))):
            raise TypeError("Incompatible dataset elements:\n  %s vs.\n  %s" % (a, b))
        spec = nest.map_structure(lambda x, y: TensorSpec(_common_shape(x.shape, y.shape),
                                                          x.dtype), a, b)
        counts = (input._cardinality, other._cardinality)
        if INFINITE_CARDINALITY in counts:
            n = INFINITE_CARDINALITY
        elif UNKNOWN_CARDINALITY in counts:
            n = UNKNOWN_CARDINALITY
        else:
            n = sum(counts)
        super().__init__(spec, n, inputs=[input, other])

    def _generate(self, run):
        return itertools.chain(self._inputs[0]._generate(run), self._inputs[1]._generate(run))


def _common_shape(a, b):
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


class _UnbatchDataset(Dataset):
    def __init__(self, input):
        for s in nest.flatten(input.element_spec):
            if s.shape.rank == 0:
                raise ValueError("Cannot unbatch an input with scalar components.")
        spec = nest.map_structure(lambda s: TensorSpec(s.shape[1:], s.dtype), input.element_spec)
        rows = {s.shape[0] for s in nest.flatten(input.element_spec)}
        n = input._cardinality
        if n >= 0:
            n = n * rows.pop() if len(rows) == 1 and None not in rows else UNKNOWN_CARDINALITY
        super().__init__(spec, n, inputs=[input])

    def _generate(self, run):
        return pipeline.unbatched(self._inputs[0]._generate(run))


class _PaddedBatchDataset(Dataset):
    def __init__(self, input, batch_size, padded_shapes, padding_values, drop_remainder):
        if batch_size < 1:
            _invalid("Batch size must be greater than zero.", "PaddedBatchDatasetV2")
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
        n = input._cardinality
        if n >= 0:
            n = n // batch_size if drop_remainder else -(-n // batch_size)
        super().__init__(spec, n, inputs=[input])
        self._batch = (batch_size, drop_remainder, shapes, pads)

    def _generate(self, run):
        return pipeline.padded_batched(self._inputs[0]._generate(run), *self._batch)


def _fits(shape, padded):
    if shape.rank is None or padded.rank is None:
        return True
    return shape.rank == padded.rank and all(
        d is None or p is None or d <= p for d, p in zip(shape.as_list(), padded.as_list()))


class _FlatMapDataset(Dataset):
    def __init__(self, input, fn):
        dataset = structure.traced_result(fn, input.element_spec)
        if not isinstance(dataset, Dataset):
            raise TypeError("The `map_func` argument of `flat_map` must return a `Dataset` "
                            "object, not %s." % type(dataset).__name__)
        super().__init__(dataset.element_spec, UNKNOWN_CARDINALITY, inputs=[input])
        self._fn = fn

    def _generate(self, run):
        input = self._inputs[0]
        for flat in input._generate(run):
            yield from structure.call(self._fn, input._pack(flat))._generate(run)

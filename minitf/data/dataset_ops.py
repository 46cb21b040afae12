"""`Dataset`, TensorFlow's input pipeline: a source (slices, one element, a range) and a chain of
transformations (shuffle, batch, padded_batch, unbatch, repeat, map, flat_map, filter, take,
skip, zip, concatenate, enumerate, cache, prefetch), and `reduce`.

A Dataset wraps a node (`node.py`) of `sources.py` or `transformations.py`, which knows
statically what its elements look like (`element_spec`, a structure of TensorSpec, as TensorFlow
computes it) and how many there are (`cardinality`), and generates them over the generators of
`pipeline.py`; its class is a subclass of Dataset named as TensorFlow names that kind of dataset
(`_BatchDataset`, ...), as `type()` and the repr show. Iterating eagerly goes through the iterator ops of `iterator_ops.py`, which also
serve TF1 graphs; inside a traced `function`, a `for` loop over a dataset is unrolled when the
function is traced (see `Dataset.__iter__`).
"""
import itertools

import numpy as np

from .. import nest
from ..framework import dtypes
from ..framework.context import eager_mode, executing_eagerly
from ..framework.conversion import as_array
from ..framework.graph import get_default_graph
from ..ops.registry import convert_to_tensor
from . import iterator_ops, pipeline, sources, structure, transformations
from .node import INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, DatasetBase

AUTOTUNE = -1
_UNROLL_LIMIT = 1000  # the most elements a `for` loop in a traced function unrolls
_CLASSES = {}  # node kind: the Dataset subclass of that name


class Dataset(DatasetBase):
    """A sequence of elements, each a structure (tensor, tuple, dict, nesting) of tensors.

    Make one with `from_tensor_slices`, `from_tensors` or `range`, and transform it with the
    methods below; each returns a new Dataset. Iterate over it eagerly with `for`, or in a TF1
    graph through `compat.v1.data.make_one_shot_iterator` / `make_initializable_iterator`.

    >>> ds = minitf.data.Dataset.range(5).map(lambda x: x * 2).batch(2)
    >>> [b.tolist() for b in ds.as_numpy_iterator()]
    [[0, 2], [4, 6], [8]]
    """

    @property
    def element_spec(self):
        """The structure of TensorSpec that describes each element.

        >>> minitf.data.Dataset.range(3).batch(2).element_spec
        TensorSpec(shape=(None,), dtype=tf.int64, name=None)
        """
        return self._node.element_spec

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
        node = self._node
        if node.cardinality == INFINITE_CARDINALITY:
            raise ValueError("Cannot unroll a loop over the infinite %r in a traced function: "
                             "iterate over it outside the function, or take() a few elements."
                             % self)
        run = pipeline.Run(epochs=pipeline.EAGER_EPOCHS, caches=pipeline.EAGER_CACHES)
        with eager_mode():
            flats = list(itertools.islice(node.generate(run), _UNROLL_LIMIT + 1))
        if len(flats) > _UNROLL_LIMIT:
            raise ValueError("%r has more than %d elements, too many to unroll a loop over it in a "
                             "traced function: iterate over it outside the function and call the "
                             "function on each element." % (self, _UNROLL_LIMIT))
        return [node.pack(f) for f in flats]

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
        return convert_to_tensor(np.int64(self._node.cardinality), name="DatasetCardinality")

    def __len__(self):
        """The number of elements (a Python int).

        Raises:
          TypeError: in a TF1 graph, or when the dataset is infinite or its length unknown.
        """
        if not executing_eagerly() and not get_default_graph().is_function:
            raise TypeError("`tf.data.Dataset` only supports `len` in eager mode. Use "
                            "`tf.data.Dataset.cardinality()` instead.")
        n = self._node.cardinality
        if n == INFINITE_CARDINALITY:
            raise TypeError("The dataset is infinite.")
        if n == UNKNOWN_CARDINALITY:
            raise TypeError("The dataset length is unknown.")
        return n

    def __bool__(self):
        return True  # a dataset is true even when empty, or when `len` would raise

    def __repr__(self):
        return repr(self._node)

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
        return _dataset(sources.TensorSlices(structure.normalize(tensors)))

    @staticmethod
    def from_tensors(tensors, name=None):
        """One element: `tensors` (a tensor, tuple, dict or nesting) as a whole.

        >>> minitf.data.Dataset.from_tensors([1, 2]).element_spec
        TensorSpec(shape=(2,), dtype=tf.int32, name=None)
        """
        return _dataset(sources.Tensors(structure.normalize(tensors)))

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
        return _dataset(sources.Range(bounds, output_type))

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
        return _dataset(sources.Zip(datasets))

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
        return _dataset(transformations.Shuffle(self._node, int(buffer_size), seed,
                                                reshuffle_each_iteration))

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
        return _dataset(transformations.Batch(self._node, int(batch_size), bool(drop_remainder)))

    def repeat(self, count=None, name=None):
        """The elements `count` times over (forever when None or -1), each pass a new pass over
        the input (so a shuffle before it reshuffles).

        >>> minitf.data.Dataset.range(2).repeat(2).cardinality().numpy()
        np.int64(4)
        """
        return _dataset(transformations.Repeat(self._node, -1 if count is None else int(count)))

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
        cls = transformations.Map if num_parallel_calls is None else transformations.ParallelMap
        return _dataset(cls(self._node, map_func))

    def filter(self, predicate, name=None):
        """The elements for which `predicate` (called like a map function) is true.

        Raises:
          ValueError: if `predicate` does not return a scalar bool tensor.

        >>> ds = minitf.data.Dataset.range(6).filter(lambda x: x % 2 == 0)
        >>> list(ds.as_numpy_iterator())
        [np.int64(0), np.int64(2), np.int64(4)]
        """
        return _dataset(transformations.Filter(self._node, predicate))

    def take(self, count, name=None):
        """The first `count` elements (all of them when -1).

        >>> len(minitf.data.Dataset.range(10).take(3))
        3
        """
        return _dataset(transformations.Take(self._node, int(count)))

    def skip(self, count, name=None):
        """The elements after the first `count` (none when -1).

        >>> len(minitf.data.Dataset.range(10).skip(3))
        7
        """
        return _dataset(transformations.Skip(self._node, int(count)))

    def prefetch(self, buffer_size, name=None):
        """The same elements (TensorFlow computes them ahead in the background; minitf computes
        each when it is asked for).

        >>> minitf.data.Dataset.range(3).prefetch(minitf.data.AUTOTUNE).cardinality().numpy()
        np.int64(3)
        """
        return _dataset(transformations.Prefetch(self._node))

    def cache(self, filename="", name=None):
        """The same elements, kept in memory by the first pass that reads them all and replayed
        by the later ones (so a shuffle before the cache shuffles once). Eagerly the cache
        lasts as long as the dataset; an iterator in a graph fills its own each time it is
        initialized, as TensorFlow 1.x's do. minitf keeps it in memory even for a `filename`.

        >>> minitf.data.Dataset.range(3).cache().cardinality().numpy()
        np.int64(3)
        """
        return _dataset(transformations.Cache(self._node))

    def concatenate(self, dataset, name=None):
        """The elements of this dataset, then those of `dataset` (of the same structure and
        dtypes; a dimension where the two differ becomes unknown).

        Raises:
          TypeError: if the structures or dtypes of the elements differ.

        >>> a = minitf.data.Dataset.range(2)
        >>> list(a.concatenate(a).as_numpy_iterator())
        [np.int64(0), np.int64(1), np.int64(0), np.int64(1)]
        """
        return _dataset(sources.Concatenate(self, dataset))

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
        return _dataset(transformations.Unbatch(self._node))

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
        return _dataset(transformations.PaddedBatch(self._node, int(batch_size), padded_shapes,
                                                    padding_values, bool(drop_remainder)))

    def flat_map(self, map_func, name=None):
        """The elements of the datasets `map_func` returns, one dataset per element (called
        like a `map` function; traced once now, to learn what the datasets hold).

        >>> ds = minitf.data.Dataset.range(2).flat_map(
        ...     lambda x: minitf.data.Dataset.from_tensors(x).repeat(2))
        >>> list(ds.as_numpy_iterator())
        [np.int64(0), np.int64(0), np.int64(1), np.int64(1)]
        """
        return _dataset(transformations.FlatMap(self._node, map_func))

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


def _dataset(node):
    """A Dataset wrapping `node`, of a subclass named as TensorFlow names the kind of dataset
    (`_BatchDataset`, ...), which `type()` shows; all of them are `Dataset`s."""
    cls = _CLASSES.get(node.kind)
    if cls is None:
        cls = _CLASSES[node.kind] = type(node.kind, (Dataset,), {"__module__": __name__})
    return cls(node)

"""How a `minitf.data` pipeline computes its elements: one numpy generator per transformation.

An element travels as a flat list of numpy arrays, the components of its structure in
`nest.flatten` order. A `Run` is one pass over a pipeline: it knows the values of the pipeline's
source tensors (eager values, graph constants, or what an iterator op was fed), how many
passes each shuffle has begun, which seeds its next order, and the elements each cache has
kept. The generators are lazy; the caller
advances them in eager mode (`context.eager_mode`), so the map functions they call compute at
once on eager tensors. The static side (element specs, cardinalities) is in `dataset_ops.py`.
"""
import itertools
import weakref

import numpy as np

from ..framework.errors import InvalidArgumentError
from ..framework.tensor import EagerTensor
from ..ops.constant_folding import constant_value

# How many passes each shuffle of an eager pipeline has begun, over the life of the program:
# TensorFlow reshuffles a dataset each time it is iterated again, in a seeded order.
EAGER_EPOCHS = weakref.WeakKeyDictionary()
# The elements of the first full pass of each eager `cache()`, replayed by the later ones.
EAGER_CACHES = weakref.WeakKeyDictionary()


class Run:
    """One pass over a pipeline: `values` maps id(source tensor) to its array; `epochs` maps a
    shuffle dataset to the number of passes it has begun; `caches` maps a cache dataset to the
    elements of its first full pass. Eagerly the last two outlive the pass (EAGER_EPOCHS and
    EAGER_CACHES); an iterator in a graph starts both anew each time it is initialized."""

    def __init__(self, values=None, epochs=None, caches=None):
        self.values = values or {}
        self.epochs = {} if epochs is None else epochs
        self.caches = {} if caches is None else caches

    def value(self, t):
        """The array of source tensor `t`.

        Raises:
          ValueError: for a graph tensor that is neither given nor a constant.
        """
        if id(t) in self.values:
            return self.values[id(t)]
        if isinstance(t, EagerTensor):
            return t._value
        v = constant_value(t)
        if v is None:
            raise ValueError("The dataset reads %s, whose value is known only when a graph runs: "
                             "iterate over it with an initializable iterator and feed it, or "
                             "build the dataset from values." % (t,))
        return v

    def next_epoch(self, dataset):
        n = self.epochs.get(dataset, 0)
        self.epochs[dataset] = n + 1
        return n


def slices(arrays):
    for i in range(len(arrays[0])):
        yield [a[i, ...] for a in arrays]


def count(numbers, dtype):
    for i in numbers:
        yield [np.array(i, dtype.np)]


def shuffled(elements, buffer_size, rng):
    """TensorFlow's buffer shuffle: fill a buffer of `buffer_size` elements, then give a random
    one of them each time, refilling its place with the next input element."""
    buffer, u = [], _uniforms(rng)
    for e in elements:
        if len(buffer) < buffer_size:
            buffer.append(e)
            continue
        i = int(next(u) * len(buffer))
        yield buffer[i]
        buffer[i] = e
    while buffer:
        i = int(next(u) * len(buffer))
        yield buffer[i]
        buffer[i] = buffer[-1]
        buffer.pop()


def _uniforms(rng):
    """Draws in [0, 1), a block at a time (one call per element would cost more than all the
    rest of a shuffle)."""
    while True:
        yield from rng.random(1024).tolist()


def batched(elements, batch_size, drop_remainder, stack=None):
    return _Batches(elements, batch_size, drop_remainder, stack or _stack)


class _Batches:
    """The elements stacked (by `stack`) `batch_size` at a time. An iterator object, not a
    generator: a batch of elements that cannot be stacked raises once its elements are taken,
    and the next call gives the next batch, as TensorFlow's iterators do."""

    def __init__(self, elements, batch_size, drop_remainder, stack):
        self._elements = iter(elements)
        self._size, self._drop, self._stack = batch_size, drop_remainder, stack

    def __iter__(self):
        return self

    def __next__(self):
        batch = list(itertools.islice(self._elements, self._size))
        if not batch or (self._drop and len(batch) < self._size):
            raise StopIteration
        return self._stack(batch)


def _stack(batch):
    out = []
    for c, parts in enumerate(zip(*batch)):
        for k, p in enumerate(parts):
            if p.shape != parts[0].shape:
                raise InvalidArgumentError(
                    None, None, "Cannot batch tensors with different shapes in component %d. "
                    "First element had shape %s and element %d had shape %s."
                    % (c, _dims(parts[0].shape), k, _dims(p.shape)))
        out.append(np.stack(parts))
    return out


def _dims(shape):
    return "[%s]" % ",".join(map(str, shape))


def unbatched(elements):
    for e in elements:
        n = len(e[0])
        if any(len(a) != n for a in e):
            raise InvalidArgumentError(None, None, "Input element components must have the same "
                                       "leading dimension to unbatch: %s."
                                       % ", ".join(_dims(a.shape) for a in e))
        for i in range(n):
            yield [a[i] for a in e]


def padded_batched(elements, batch_size, drop_remainder, shapes, pads):
    """`batched`, each component padded with `pads` to `shapes` (TensorShapes whose unknown
    dimensions take the largest of the batch)."""
    return batched(elements, batch_size, drop_remainder, lambda b: _padded(b, shapes, pads))


def _padded(batch, shapes, pads):
    out = []
    for parts, shape, pad in zip(zip(*batch), shapes, pads):
        dims = [max(p.shape[i] for p in parts) if d is None else d
                for i, d in enumerate(shape.as_list())]
        stacked = np.full([len(parts)] + dims, pad, parts[0].dtype)
        for k, p in enumerate(parts):
            if any(n > d for n, d in zip(p.shape, dims)):
                raise InvalidArgumentError(
                    None, None, "Attempted to pad to a smaller size than the input element: "
                    "element %s, padded shape %s." % (_dims(p.shape), _dims(dims)))
            stacked[(k,) + tuple(slice(0, n) for n in p.shape)] = p
        out.append(stacked)
    return out


def cached(elements, count, store):
    """The elements, also kept: `store(kept)` once the pass has given them all (when it ends, or
    with the `count`-th element if the count is known). A pass left unfinished keeps nothing, as
    TensorFlow discards a partial cache."""
    kept = []
    for e in elements:
        kept.append(e)
        if len(kept) == count:
            store(kept)
        yield e
    if count < 0:
        store(kept)


def repeated(start_pass, count):
    """The elements of `start_pass()`, a new pass each time, `count` times (forever if < 0);
    it stops early when a pass gives nothing, so an empty dataset repeated forever ends."""
    done = 0
    while count < 0 or done < count:
        empty = True
        for e in start_pass():
            empty = False
            yield e
        if empty:
            return
        done += 1


def taken(elements, n):
    return elements if n < 0 else itertools.islice(elements, n)


def skipped(elements, n):
    return iter(()) if n < 0 else itertools.islice(elements, n, None)


def zipped(parts):
    for elements in zip(*parts):
        yield [a for e in elements for a in e]

"""Iterators over a `Dataset`, built on four stateful ops of the one registry.

* `IteratorV2` and `OneShotIterator` give a handle to an iterator resource: in a graph one per
  Session (their `make_state`), so each session iterates on its own; an eager iterator owns one.
* `MakeIterator(iterator, sources...)` starts a pass of the dataset (an attr) over the values of
  the tensors the pipeline reads (fed placeholders, for a TF1 initializable iterator).
* `IteratorGetNext(iterator)` gives the next element, or raises OutOfRangeError at the end. Its
  kernel advances the pipeline with eager execution (`context.eager_mode`), map functions too:
  minitf does not trace a pipeline into graph ops.

`iter(dataset)` runs these ops eagerly (`OwnedIterator`). The TF1 `Iterator` adds them to a
graph, so each `Session.run` that fetches `get_next()` advances the iterator once. `next()` on an
eager iterator inside a traced `function` adds an `IteratorGetNext` on the captured handle, so
each call of the function advances it.
"""
from .. import nest
from ..framework import dtypes
from ..framework.context import eager_mode, executing_eagerly
from ..framework.errors import FailedPreconditionError, OutOfRangeError
from ..framework.shapes import SCALAR, TensorShape
from ..framework.tensor import EagerTensor, SymbolicTensor, Tensor
from ..framework.tensor_spec import TensorSpec
from ..ops.constant_folding import constant_value
from ..ops.registry import execute, register
from . import pipeline


class _IteratorResource:
    """The state of one iterator: its current pass over a dataset (a generator), once begun."""

    __slots__ = ("name", "elements", "epochs", "caches")

    # A resource travels as the value of a resource-dtype tensor, which looks like a 0-d array.
    shape = ()
    ndim = 0

    def __init__(self, name, epochs=None, caches=None):
        self.name = name
        self.elements = None
        self.epochs = epochs  # shuffle pass counts kept across passes (eager), or None
        self.caches = caches  # the elements kept by caches across passes (eager), or None

    def start(self, dataset, values):
        self.elements = dataset._generate(pipeline.Run(values, self.epochs, self.caches))

    def __repr__(self):
        return "<IteratorResource name=%r>" % self.name


# -- the ops ----------------------------------------------------------------------------------
def _handle(resource, **_):
    return resource


def _one_shot(op):
    resource = _IteratorResource(op.name)
    resource.start(op.get_attr("dataset"), {})
    return resource


def _make_iterator(resource, *arrays, dataset):
    resource.start(dataset, dict(zip(map(id, dataset._sources()), arrays)))


def _get_next(resource, output_types, output_shapes):
    if resource.elements is None:
        raise FailedPreconditionError(
            None, None, "GetNext() failed because the iterator has not been initialized. Ensure "
            "that you have run the initializer operation for this iterator before getting the "
            "next element.")
    with eager_mode():
        element = next(resource.elements, None)
    if element is None:
        raise OutOfRangeError(None, None, "End of sequence")
    return element


def _handle_infer(inputs, **_):
    return [(dtypes.resource, SCALAR)]


register("IteratorV2", "", _handle, _handle_infer, None, hoist=True,
         make_state=lambda op: _IteratorResource(op.name))
register("OneShotIterator", "", _handle, _handle_infer, None, hoist=True, make_state=_one_shot)
register("MakeIterator", "iterator: resource, sources: N*any", _make_iterator,
         lambda inputs, dataset: [], None, writes=True)
register("IteratorGetNext", "iterator: resource", _get_next,
         lambda inputs, output_types, output_shapes: list(zip(output_types, output_shapes)),
         None, multi=True, writes=True)


def _output_attrs(spec):
    flat = nest.flatten(spec)
    return {"output_types": tuple(s.dtype for s in flat),
            "output_shapes": tuple(s.shape for s in flat)}


def _get_next_op(handle, spec, name=None):
    flat = execute("IteratorGetNext", [handle], _output_attrs(spec), name=name or "IteratorGetNext")
    return nest.pack_sequence_as(spec, flat)


# -- eager ------------------------------------------------------------------------------------
class OwnedIterator:
    """What `iter(dataset)` gives when executing eagerly: the elements as eager tensors.

    >>> it = iter(minitf.data.Dataset.range(2))
    >>> next(it)
    <tf.Tensor: shape=(), dtype=int64, numpy=0>
    """

    def __init__(self, dataset):
        self._element_spec = dataset.element_spec
        resource = _IteratorResource("Iterator", pipeline.EAGER_EPOCHS, pipeline.EAGER_CACHES)
        self._handle = EagerTensor(resource, dtypes.resource)
        execute("MakeIterator", [self._handle, dataset._sources()], {"dataset": dataset})

    @property
    def element_spec(self):
        return self._element_spec

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return self.get_next()
        except OutOfRangeError:
            raise StopIteration from None

    def get_next(self):
        """The next element.

        Raises:
          OutOfRangeError: at the end of the dataset ("End of sequence").
        """
        return _get_next_op(self._handle, self._element_spec)


class NumpyIterator:
    """What `Dataset.as_numpy_iterator()` gives: the elements as numpy values."""

    def __init__(self, iterator):
        self._iterator = iterator

    def __iter__(self):
        return self

    def __next__(self):
        return nest.map_structure(lambda t: t.numpy(), next(self._iterator))

    def __repr__(self):
        return "NumpyIterator(iterator=%r)" % (self._iterator,)


# -- TF1 --------------------------------------------------------------------------------------
class Iterator:
    """A TF1 iterator: `get_next()` gives graph tensors; each `Session.run` that fetches them
    computes the next element, in that session's own pass over the dataset.

    >>> with minitf.Graph().as_default():
    ...     it = minitf.compat.v1.data.make_one_shot_iterator(minitf.data.Dataset.range(2))
    ...     x = it.get_next()
    ...     with minitf.compat.v1.Session() as sess:
    ...         print(sess.run(x), sess.run(x))
    0 1
    """

    def __init__(self, handle, initializer, element_spec):
        self._handle = handle
        self._initializer = initializer
        self._element_spec = element_spec

    @staticmethod
    def from_structure(output_types, output_shapes=None, shared_name=None, output_classes=None):
        """An iterator with no dataset yet, for elements of these dtypes and shapes (unknown
        when not given); `make_initializer(dataset)` gives the op that starts a dataset on it."""
        if output_shapes is None:
            output_shapes = nest.map_structure(lambda _: TensorShape(None), output_types)
        flat = [TensorSpec(s, t) for t, s in zip(nest.flatten(output_types),
                                                  nest.flatten_up_to(output_types, output_shapes))]
        spec = nest.pack_sequence_as(output_types, flat)
        return Iterator(_handle_op(spec, shared_name), None, spec)

    @property
    def initializer(self):
        """The op that starts (or restarts) the pass over the dataset.

        Raises:
          ValueError: for a one-shot iterator, or one from `from_structure`.
        """
        if self._initializer is None:
            raise ValueError("The iterator does not have an initializer. This means it was "
                             "likely created using `tf.data.Dataset.make_one_shot_iterator()`. "
                             "For an initializable iterator, use "
                             "`tf.data.Dataset.make_initializable_iterator()` instead.")
        return self._initializer

    def make_initializer(self, dataset, name=None):
        """An op that starts a pass over `dataset` on this iterator.

        Raises:
          ValueError: if the dataset's elements have another structure.
          TypeError: if the dataset's dtypes differ from the iterator's, or its shapes do not
            fit them.
        """
        if _structure(dataset.element_spec) != _structure(self._element_spec):
            raise ValueError("The two structures don't have the same nested structure: the "
                             "iterator's %s, the dataset's %s."
                             % (self._element_spec, dataset.element_spec))
        mine, theirs = nest.flatten(self._element_spec), nest.flatten(dataset.element_spec)
        if [s.dtype for s in theirs] != [s.dtype for s in mine]:
            raise TypeError("Expected output types %r but got dataset with output types %r."
                            % (self.output_types, _types(dataset.element_spec)))
        if not all(m.shape.is_compatible_with(t.shape) for m, t in zip(mine, theirs)):
            raise TypeError("Expected output shapes compatible with %r but got dataset with "
                            "output shapes %r."
                            % (self.output_shapes, _shapes(dataset.element_spec)))
        return _make_iterator_op(self._handle, dataset, name or "make_initializer")

    def get_next(self, name=None):
        """The next element, as graph tensors in the element's structure: one new
        `IteratorGetNext` op per call."""
        return _get_next_op(self._handle, self._element_spec, name)

    @property
    def element_spec(self):
        return self._element_spec

    @property
    def output_types(self):
        return _types(self._element_spec)

    @property
    def output_shapes(self):
        return _shapes(self._element_spec)

    @property
    def output_classes(self):
        return nest.map_structure(lambda _: Tensor, self._element_spec)


def _types(spec):
    return nest.map_structure(lambda s: s.dtype, spec)


def _shapes(spec):
    return nest.map_structure(lambda s: s.shape, spec)


def _structure(spec):
    return nest.map_structure(lambda _: None, spec)


def _handle_op(spec, shared_name):
    return execute("IteratorV2", [], dict(_output_attrs(spec), shared_name=shared_name or ""),
                   name="IteratorV2")


def _make_iterator_op(handle, dataset, name):
    return execute("MakeIterator", [handle, dataset._sources()], {"dataset": dataset}, name=name)


def make_one_shot_iterator(dataset):
    """TF1: an iterator that starts by itself, the first time a session asks for an element.

    When executing eagerly it is `iter(dataset)`.

    Raises:
      ValueError: if the dataset reads a tensor that is not a constant (a placeholder: use
        `make_initializable_iterator` and feed it when running the initializer).
    """
    if executing_eagerly():
        return OwnedIterator(dataset)
    for t in dataset._sources():
        if isinstance(t, SymbolicTensor) and constant_value(t) is None:
            raise ValueError("Cannot capture a placeholder (name:%s, type:%s) by value."
                             % (t.op.name, t.op.type))
    handle = execute("OneShotIterator", [], dict(_output_attrs(dataset.element_spec),
                                                 dataset=dataset), name="OneShotIterator")
    return Iterator(handle, None, dataset.element_spec)


def make_initializable_iterator(dataset, shared_name=None):
    """TF1: an iterator whose `initializer` op starts (and restarts) a pass over the dataset;
    placeholders the dataset reads are fed when running it.

    Raises:
      RuntimeError: when executing eagerly.

    >>> with minitf.Graph().as_default():
    ...     p = minitf.compat.v1.placeholder(minitf.float32, [None])
    ...     it = minitf.compat.v1.data.make_initializable_iterator(
    ...         minitf.data.Dataset.from_tensor_slices(p))
    ...     x = it.get_next()
    ...     with minitf.compat.v1.Session() as sess:
    ...         sess.run(it.initializer, feed_dict={p: [5.0, 6.0]})
    ...         print(sess.run(x))
    5.0
    """
    if executing_eagerly():
        raise RuntimeError("`make_initializable_iterator()` is not supported in eager mode. Use "
                           "Python-style iteration instead.")
    handle = _handle_op(dataset.element_spec, shared_name)
    return Iterator(handle, _make_iterator_op(handle, dataset, "MakeIterator"),
                    dataset.element_spec)

"""`Model`: a layer that trains. Subclass it (layers as attributes, the computation in `call`)
or give it Keras inputs and outputs (`Model(inputs, outputs)`); `compile`, then `fit`,
`evaluate`, `predict`, `train_on_batch`.

Each step of `fit` is `train_step(data)`: the forward pass and the loss under a GradientTape,
`optimizer.minimize`, the metrics' updates. It runs as one traced `minitf.function` per kind
of step and structure of batch (traced with the batch dimension unknown, so the last, smaller
batch reuses the trace), unless `compile(run_eagerly=True)`. `train_step`, `test_step` and
`predict_step` can be overridden, as in Keras.
"""
import os

import numpy as np

from ... import nest
from ...autodiff.tape import GradientTape
from ...checkpoint import files as checkpoint_files
from ...checkpoint.checkpoint import Checkpoint
from ...framework.shapes import TensorShape
from ...framework.tensor_spec import TensorSpec
from ...function import FuncGraph, function
from ...ops import array_ops
from .. import callbacks as callbacks_mod
from .. import optimizers
from ..metrics import Metric
from . import data_adapter, functional, input_spec, summary
from .base_layer import Layer
from .compile_utils import LossesContainer, MetricsContainer


class Model(Layer):
    """A trainable stack of layers.

    Args:
      inputs, outputs: for the functional form, Keras inputs (`keras.Input`) and the outputs
        computed from them by layer calls (each a KerasTensor, or a list or dict of them).
      name: the model's name (default: the class name in snake_case, made unique).

    >>> class TwoLayers(minitf.keras.Model):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.hidden = minitf.keras.layers.Dense(4, activation="relu")
    ...         self.out = minitf.keras.layers.Dense(1)
    ...     def call(self, x):
    ...         return self.out(self.hidden(x))
    >>> model = TwoLayers()
    >>> model(np.ones((2, 3))).shape
    TensorShape([2, 1])
    >>> len(model.trainable_weights)
    4
    """

    _children_first = True  # a model lists its layers' weights before its own, as Keras does

    def __init__(self, *args, **kwargs):
        inputs = kwargs.pop("inputs", args[0] if args else None)
        outputs = kwargs.pop("outputs", args[1] if len(args) > 1 else None)
        super().__init__(**kwargs)
        self.optimizer = self.loss = None
        self.compiled_loss = self.compiled_metrics = None
        self.run_eagerly = False
        self.stop_training = False
        self.history = None
        self._is_compiled = False
        self._step_functions = {}
        self._nodes = None
        if inputs is not None:
            self.inputs, self.outputs = nest.flatten(inputs), nest.flatten(outputs)
            self._structure = (inputs, outputs)
            self._nodes = functional.graph_nodes(inputs, outputs)
            self._graph_layers = functional.layers_in_order(inputs, outputs)
            self.input_spec = input_spec.from_inputs(self.inputs)
            self.built = True

    # -- structure -----------------------------------------------------------------------------
    def _is_graph_network(self):
        return self._nodes is not None

    @property
    def layers(self):
        """The model's layers, in order (for a subclassed model: as assigned)."""
        if self._nodes is not None:
            return list(self._graph_layers)
        return [layer for layer in self._sublayers() if not isinstance(layer, Metric)]

    def get_layer(self, name=None, index=None):
        """The layer called `name` (or at `index` in `layers`).

        Raises:
          ValueError: if there is no such layer.
        """
        if index is not None:
            if index >= len(self.layers):
                raise ValueError("Was asked to retrieve layer at index %d but model only has %d "
                                 "layers." % (index, len(self.layers)))
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError("No such layer: %s. Existing layers are: %s."
                         % (name, [layer.name for layer in self.layers]))

    @property
    def input_shape(self):
        """The shape of the model's Keras input, batch dimension first (a list of shapes for
        several inputs).

        Raises:
          AttributeError: for a model that has no Keras inputs (a subclassed model).
        """
        return _symbolic_shapes(self, "inputs", "input")

    @property
    def output_shape(self):
        """The shape of the model's Keras output (a list of shapes for several outputs).

        Raises:
          AttributeError: for a model that has no Keras inputs (a subclassed model).
        """
        return _symbolic_shapes(self, "outputs", "output")

    @property
    def weights(self):
        return self._gather(self._own_weights(), "weights")

    variables = weights

    def _trackable_children(self):
        if not self._is_graph_network():
            return super()._trackable_children()
        with_weights = [layer for layer in self.layers if layer.weights]
        children = [("layer_with_weights-%d" % i, layer) for i, layer in enumerate(with_weights)]
        return children + ([("optimizer", self.optimizer)] if self.optimizer is not None else [])

    def call(self, inputs, training=None, mask=None):
        if self._nodes is None:
            raise NotImplementedError("Unimplemented `tf.keras.Model.call()`: if you intend to "
                                      "create a `Model` with the Functional API, please provide "
                                      "`inputs` and `outputs` arguments. Otherwise, subclass "
                                      "`Model` with an overridden `call()` method.")
        return functional.run_nodes(self._nodes, self._structure[0], self._structure[1], inputs)

    def build(self, input_shape):
        """Builds the weights by calling the model once on placeholders of `input_shape` (a
        shape with the batch dimension, or a list or dict of shapes).

        Raises:
          ValueError: if `input_shape` is None for a subclassed model.
        """
        if self._is_graph_network():
            self.built = True
            return
        if input_shape is None:
            raise ValueError("Input shape must be defined when calling `build()` on a `Model` "
                             "subclass.")
        graph = FuncGraph("build_graph")
        with graph.as_default():
            self(_map_shapes(lambda s: array_ops.placeholder("float32", s), input_shape))
        self.built = True

    def _build_for(self, inputs):
        if type(self).build is Model.build:  # Keras skips its default build on a first call
            self.built = True
        else:
            super()._build_for(inputs)

    def save_weights(self, filepath, overwrite=True, save_format=None, options=None):
        """Writes the weights (and the optimizer's state) as checkpoint `filepath`, named from
        the model as TensorFlow names them ("layer_with_weights-0/kernel/.ATTRIBUTES/..."),
        and makes it the latest of its directory.

        Raises:
          NotImplementedError: for the HDF5 format (a ".h5" or ".keras" path).
        """
        if save_format == "h5" or str(filepath).endswith((".h5", ".hdf5", ".keras")):
            raise NotImplementedError("minitf saves weights in TensorFlow's checkpoint format "
                                      "only, not HDF5: use a path without the .h5 suffix.")
        directory = os.path.dirname(str(filepath))
        Checkpoint(**dict(self._trackable_children())).write(str(filepath))
        checkpoint_files.update_checkpoint_state(directory, str(filepath), [str(filepath)])

    def load_weights(self, filepath, skip_mismatch=False, by_name=False, options=None):
        """Restores the weights (and the optimizer's state) that `save_weights` wrote to
        `filepath`; the model must be built. Returns the status of the restore.

        Raises:
          NotFoundError: if there is no such checkpoint, or a weight is not in it.
          ValueError: if a saved shape does not fit its weight.
        """
        return Checkpoint(**dict(self._trackable_children())).restore(str(filepath))

    def summary(self, line_length=None, positions=None, print_fn=None):
        """Prints the table of layers, output shapes and parameter counts.

        Raises:
          ValueError: if the model is not built.
        """
        if not self.built:
            raise ValueError("This model has not yet been built. Build the model first by "
                             "calling `build()` or by calling the model on a batch of data.")
        summary.print_summary(self, line_length, positions, print_fn)

    # -- compiling -----------------------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, metrics=None, loss_weights=None,
                weighted_metrics=None, run_eagerly=None, steps_per_execution=None,
                jit_compile=None, **kwargs):
        """Sets the optimizer (an Optimizer or a name), the loss (a Loss, function or name)
        and the metrics (Metrics, functions or names; "accuracy" is chosen from the shapes)
        that `fit` and `evaluate` use.

        Raises:
          ValueError: for an unknown optimizer, loss or metric name (the model is left as it
            was).
          NotImplementedError: for loss_weights or weighted_metrics.
        """
        if loss_weights is not None or weighted_metrics is not None:
            raise NotImplementedError("compile: loss_weights and weighted_metrics are not "
                                      "supported.")
        optimizer = optimizers.get(optimizer)  # all resolved before any is set
        compiled_loss = LossesContainer(loss) if loss is not None else None
        compiled_metrics = MetricsContainer(metrics)
        self.optimizer, self.loss = optimizer, loss
        self.compiled_loss, self.compiled_metrics = compiled_loss, compiled_metrics
        self.run_eagerly = bool(run_eagerly)
        self._step_functions = {}
        self._is_compiled = True

    @property
    def metrics(self):
        """The loss tracker and compiled metrics (once a batch has been seen), then the metrics
        held in attributes."""
        found = []
        if self._is_compiled:
            if self.compiled_loss is not None:
                found += self.compiled_loss.metrics
            found += self.compiled_metrics.metrics
        return found + [layer for layer in self._sublayers() if isinstance(layer, Metric)]

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    def reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    # -- the steps -----------------------------------------------------------------------------
    def train_step(self, data):
        """One training step on a batch; returns the metrics' results by name."""
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred, sample_weight)
        self.optimizer.minimize(loss, self.trainable_variables, tape=tape)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def test_step(self, data):
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        self.compute_loss(x, y, y_pred, sample_weight)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        x, _, _ = data_adapter.unpack_x_y_sample_weight(data)
        return self(x, training=False)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
        """The compiled loss of `y_pred` against `y` (and updates the "loss" metric).

        Raises:
          ValueError: if `compile` was given no loss.
        """
        if self.compiled_loss is None:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        return self.compiled_loss(y, y_pred, sample_weight, regularization_losses=self.losses)

    def compute_metrics(self, x, y, y_pred, sample_weight):
        self.compiled_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self):
        return {m.name: m.result() for m in self.metrics}

    def _run_step(self, kind, data):
        step = getattr(self, kind + "_step")
        if self.run_eagerly:
            return step(data)
        specs = nest.map_structure(_batch_spec, data)
        key = (kind, repr(specs))
        traced = self._step_functions.get(key)
        if traced is None:
            traced = self._step_functions[key] = function(step, input_signature=[specs])
        return traced(data)

    def _assert_compiled(self):
        if not self._is_compiled:
            raise RuntimeError("You must compile your model before training/testing. Use "
                               "`model.compile(optimizer, loss)`.")

    # -- the loops -----------------------------------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_batch_size=None, validation_freq=1, **kwargs):
        """Trains for `epochs` passes over the data; returns a `History`.

        Args:
          x, y, sample_weight: arrays or tensors (or lists/dicts of them), cut into batches of
            `batch_size` (default 32), shuffled each epoch when `shuffle`; or `x` alone, any
            iterable of `(x, y)` or `(x, y, sample_weight)` batches (a `data.Dataset`).
          verbose: 0 silent, 1 a progress bar, 2 one line per epoch ("auto": 1).
          callbacks: Callbacks to call along the way.
          validation_split: the fraction of the arrays, from the end, to validate on instead.
          validation_data: `(x, y)` (or with sample weights), or a dataset, evaluated after
            each `validation_freq`-th epoch; its results are logged with a "val_" prefix.
          steps_per_epoch: how many batches make an epoch (for an iterable, one iterator then
            serves all epochs; for arrays, each epoch takes its first batches).

        Raises:
          RuntimeError: if the model is not compiled.
          ValueError: for data that does not fit (see `engine.data_adapter`), or an epoch with
            no batch.
        """
        self._assert_compiled()
        if class_weight is not None:
            raise NotImplementedError("fit: class_weight is not supported.")
        verbose = 1 if verbose == "auto" else verbose
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = _split(x, y, sample_weight, validation_split)
        data = data_adapter.DataHandler(x, y, sample_weight, batch_size, steps_per_epoch,
                                        shuffle)
        cbs = callbacks_mod.CallbackList(callbacks, add_history=True, add_progbar=verbose != 0,
                                         model=self, verbose=verbose, epochs=epochs,
                                         steps=data.steps)
        self.stop_training = False
        cbs.on_train_begin()
        epoch_logs = None
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            cbs.on_epoch_begin(epoch)
            logs = {}
            for step, batch in enumerate(data.epoch()):
                cbs.on_train_batch_begin(step)
                logs = _floats(self._run_step("train", batch))
                cbs.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            if not logs:
                raise ValueError("Unexpected result of `train_function` (Empty logs): the data "
                                 "gave no batch in epoch %d." % (epoch + 1))
            epoch_logs = dict(logs)
            if validation_data is not None and (epoch + 1) % validation_freq == 0:
                epoch_logs.update(self._validate(validation_data, validation_batch_size or
                                                 batch_size, validation_steps, cbs))
            cbs.on_epoch_end(epoch, epoch_logs)
            if self.stop_training:
                break
        cbs.on_train_end(epoch_logs)
        return cbs.history

    def _validate(self, validation_data, batch_size, steps, cbs):
        if data_adapter.is_dataset(validation_data):
            x, y, sample_weight, batch_size = validation_data, None, None, None
        else:
            x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(validation_data)
        logs = self.evaluate(x, y, batch_size=batch_size, sample_weight=sample_weight,
                             steps=steps, callbacks=cbs, return_dict=True)
        return {"val_" + name: value for name, value in logs.items()}

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, return_dict=False, **kwargs):
        """The loss and metrics over the data (taken as by `fit`, not shuffled): the loss
        alone when there are no metrics, else a list in `metrics_names` order, or a dict.

        Raises:
          RuntimeError: if the model is not compiled.
        """
        self._assert_compiled()
        verbose = 1 if verbose == "auto" else verbose
        data = data_adapter.DataHandler(x, y, sample_weight, batch_size, steps)
        cbs = callbacks if isinstance(callbacks, callbacks_mod.CallbackList) else \
            callbacks_mod.CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                       verbose=verbose, epochs=1, steps=data.steps)
        self.reset_metrics()
        cbs.on_test_begin()
        logs = {}
        for step, batch in enumerate(data.epoch()):
            cbs.on_test_batch_begin(step)
            logs = _floats(self._run_step("test", batch))
            cbs.on_test_batch_end(step, logs)
        cbs.on_test_end(logs)
        return logs if return_dict else _in_order(logs, self.metrics_names)

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None, **kwargs):
        """The model's outputs on `x` (batched as by `fit`), as numpy arrays.

        Raises:
          ValueError: if the data gave no batch.
        """
        verbose = 1 if verbose == "auto" else verbose
        data = data_adapter.DataHandler(x, batch_size=batch_size, steps=steps)
        cbs = callbacks_mod.CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                         verbose=verbose, epochs=1, steps=data.steps)
        cbs.on_predict_begin()
        outputs = []
        for step, batch in enumerate(data.epoch()):
            cbs.on_predict_batch_begin(step)
            outputs.append(nest.map_structure(lambda t: t.numpy(),
                                              self._run_step("predict", batch)))
            cbs.on_predict_batch_end(step, {"outputs": outputs[-1]})
        if not outputs:
            raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs): "
                             "the data gave no batch.")
        cbs.on_predict_end()
        return nest.map_structure(lambda *parts: np.concatenate(parts), *outputs)

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       reset_metrics=True, return_dict=False):
        """One training step on one batch; returns the loss (and metrics) as `evaluate` does.

        Raises:
          RuntimeError: if the model is not compiled.
        """
        self._assert_compiled()
        if reset_metrics:
            self.reset_metrics()
        logs = _floats(self._run_step("train", _batch(x, y, sample_weight)))
        return logs if return_dict else _in_order(logs, self.metrics_names)

    def test_on_batch(self, x, y=None, sample_weight=None, reset_metrics=True,
                      return_dict=False):
        self._assert_compiled()
        if reset_metrics:
            self.reset_metrics()
        logs = _floats(self._run_step("test", _batch(x, y, sample_weight)))
        return logs if return_dict else _in_order(logs, self.metrics_names)

    def predict_on_batch(self, x):
        return nest.map_structure(lambda t: t.numpy(), self._run_step("predict", _batch(x)))


def _symbolic_shapes(model, attribute, what):
    tensors = getattr(model, attribute, None) if model._is_graph_network() else None
    if not tensors:
        raise AttributeError("The model %s has no Keras %ss, so no defined %s shape: it is not "
                             "a functional model, or a Sequential model not yet built."
                             % (model.name, what, what))
    shapes = [tuple(t.shape.as_list()) for t in tensors]
    return shapes[0] if len(shapes) == 1 else shapes


def _batch(*arrays):
    return tuple(nest.map_structure(data_adapter.as_tensor, a) for a in arrays
                 if a is not None)


def _batch_spec(t):
    shape = t.shape
    if shape.rank:
        shape = TensorShape([None] + shape.as_list()[1:])
    return TensorSpec(shape, t.dtype)


def _floats(logs):
    return {name: float(np.asarray(value)) for name, value in logs.items()}


def _in_order(logs, names):
    """The values of `logs`, those in `names` first, in that order; one value alone."""
    values = [logs[n] for n in names if n in logs] + [logs[k] for k in sorted(logs)
                                                      if k not in names]
    return values[0] if len(values) == 1 else values


def _split(x, y, sample_weight, fraction):
    """((x, y, sample_weight) for training, the same for validation): the last `fraction`
    of the examples are held out.

    Raises:
      ValueError: if the data is a dataset.
    """
    if data_adapter.is_dataset(x):
        raise ValueError("`validation_split` is only supported for Tensors or NumPy arrays, "
                         "found following types in the input: %s" % type(x))
    arrays = [nest.map_structure(data_adapter.as_array, a) if a is not None else None
              for a in (x, y, sample_weight)]
    size = len(nest.flatten(arrays[0])[0])
    cut = int(np.floor(size * (1.0 - fraction)))
    head = [None if a is None else nest.map_structure(lambda v: v[:cut], a) for a in arrays]
    tail = [None if a is None else nest.map_structure(lambda v: v[cut:], a) for a in arrays]
    return tuple(head), tuple(a for a in tail if a is not None)


def _map_shapes(fn, shape):
    if isinstance(shape, dict):
        return {k: _map_shapes(fn, v) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and shape and \
            isinstance(shape[0], (list, tuple, TensorShape)):
        return [_map_shapes(fn, s) for s in shape]
    return fn(TensorShape(shape))

"""`minitf.keras.callbacks`: hooks that `fit`, `evaluate` and `predict` call as they go.

`fit` runs its callbacks in a `CallbackList`: the progress bar first (unless verbose=0), then
the user's, then the `History` that `fit` returns. Logs are dicts of Python floats: per batch,
the running loss and metrics; per epoch, their final values and the `val_` ones.
"""
import logging

import numpy as np

from .progbar import Progbar


class Callback:
    """The base class: override the `on_...` methods you need; `self.model` is the model
    being trained and `self.params` holds verbose, epochs and steps.

    >>> class Count(minitf.keras.callbacks.Callback):
    ...     def on_epoch_end(self, epoch, logs=None):
    ...         print("epoch", epoch, sorted(logs))
    >>> model = minitf.keras.Sequential([minitf.keras.layers.Dense(1, input_shape=(1,))])
    >>> model.compile("sgd", "mse")
    >>> _ = model.fit(np.ones((4, 1)), np.ones((4, 1)), epochs=2, verbose=0, callbacks=[Count()])
    epoch 0 ['loss']
    epoch 1 ['loss']
    """

    def __init__(self):
        self.model = None
        self.params = {}

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_train_begin(self, logs=None): pass
    def on_train_end(self, logs=None): pass
    def on_epoch_begin(self, epoch, logs=None): pass
    def on_epoch_end(self, epoch, logs=None): pass
    def on_train_batch_begin(self, batch, logs=None): pass
    def on_train_batch_end(self, batch, logs=None): pass
    def on_test_begin(self, logs=None): pass
    def on_test_end(self, logs=None): pass
    def on_test_batch_begin(self, batch, logs=None): pass
    def on_test_batch_end(self, batch, logs=None): pass
    def on_predict_begin(self, logs=None): pass
    def on_predict_end(self, logs=None): pass
    def on_predict_batch_begin(self, batch, logs=None): pass
    def on_predict_batch_end(self, batch, logs=None): pass


class CallbackList:
    """Calls each hook on every callback in order (the progress bar first, History last)."""

    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None,
                 **params):
        self.callbacks = list(callbacks or [])
        self.history = None
        if add_progbar:
            self.callbacks.insert(0, ProgbarLogger())
        if add_history:
            self.history = History()
            self.callbacks.append(self.history)
        for c in self.callbacks:
            c.set_model(model)
            c.set_params(dict(params))

    def __getattr__(self, hook):
        if not hook.startswith("on_"):
            raise AttributeError(hook)

        def call(*args, logs=None):  # (logs) or (epoch or batch, logs); as in Keras, a dict
            if len(args) > (hook.startswith("on_epoch") or "batch" in hook):
                *args, logs = args
            logs = {} if logs is None else logs
            for c in self.callbacks:
                getattr(c, hook)(*args, logs)
        return call


class History(Callback):
    """Records the epoch logs: `history[name]` is the list of per-epoch values; `fit` returns
    it."""

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for name, value in (logs or {}).items():
            self.history.setdefault(name, []).append(value)
        self.model.history = self


class ProgbarLogger(Callback):
    """Prints Keras' progress bar: "Epoch i/n" (when n > 1) and a `Progbar` per epoch, and for
    `evaluate` and `predict` run on their own."""

    def __init__(self):
        super().__init__()
        self._bar = None
        self._target = None
        self._seen = 0
        self._in_fit = False

    def set_params(self, params):
        super().set_params(params)
        self._target = params.get("steps")

    def _new_bar(self):
        self._bar = Progbar(self._target, verbose=self.params.get("verbose", 1))
        self._seen = 0

    def _update(self, current, logs, finalize):
        if self.model is not None:  # metrics made on the first batch count too
            self._bar.stateful_metrics.update(m.name for m in self.model.metrics)
        self._bar.update(current, list((logs or {}).items()), finalize=finalize)

    def on_train_begin(self, logs=None):
        self._in_fit = True

    def on_epoch_begin(self, epoch, logs=None):
        self._new_bar()
        epochs = self.params.get("epochs", 1)
        if self.params.get("verbose") and epochs > 1:
            print("Epoch %d/%d" % (epoch + 1, epochs))

    def on_epoch_end(self, epoch, logs=None):
        self._finish(logs)

    def on_train_batch_end(self, batch, logs=None):
        self._step(batch, logs)

    def on_test_begin(self, logs=None):
        if not self._in_fit:
            self._new_bar()

    def on_test_batch_end(self, batch, logs=None):
        if not self._in_fit:
            self._step(batch, logs)

    def on_test_end(self, logs=None):
        if not self._in_fit:
            self._finish(logs)

    def on_predict_begin(self, logs=None):
        self._new_bar()

    def on_predict_batch_end(self, batch, logs=None):
        self._step(batch, None)

    def on_predict_end(self, logs=None):
        self._finish(None)

    def _step(self, batch, logs):
        self._seen = batch + 1
        if self.params.get("verbose") == 1:
            self._update(self._seen, logs, False)

    def _finish(self, logs):
        if self._target is None:  # learned at the end of the first pass over the data
            self._target = self._bar.target = self._seen
        self._update(self._target, logs, True)


class EarlyStopping(Callback):
    """Stops training when `monitor` has not improved for `patience` epochs.

    Args:
      monitor: the log to watch ("val_loss"; a name ending in "acc"/"accuracy" is maximized
        in mode "auto").
      min_delta: the least change that counts as an improvement.
      patience: how many epochs without improvement to wait.
      verbose: 1 prints when it stops (and when it restores weights).
      mode: "min", "max" or "auto".
      baseline: a value the monitor must beat for waiting to restart.
      restore_best_weights: at the end, set the weights of the best epoch.
      start_from_epoch: epochs to let pass before watching.
    """

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__()
        self.monitor, self.patience, self.verbose = monitor, patience, verbose
        self.baseline, self.restore_best_weights = baseline, restore_best_weights
        self.start_from_epoch = start_from_epoch
        if mode not in ("auto", "min", "max"):
            logging.warning("EarlyStopping mode %s is unknown, fallback to auto mode.", mode)
            mode = "auto"
        maximize = mode == "max" or (mode == "auto" and monitor.endswith(("acc", "accuracy",
                                                                          "auc")))
        self.monitor_op = np.greater if maximize else np.less
        self.min_delta = abs(min_delta) if maximize else -abs(min_delta)
        self.wait = self.stopped_epoch = self.best_epoch = 0
        self.best = None
        self.best_weights = None

    def on_train_begin(self, logs=None):
        self.wait = self.stopped_epoch = self.best_epoch = 0
        self.best = np.inf if self.monitor_op is np.less else -np.inf
        self.best_weights = None

    def on_epoch_end(self, epoch, logs=None):
        current = (logs or {}).get(self.monitor)
        if current is None:
            logging.warning("Early stopping conditioned on metric `%s` which is not available. "
                            "Available metrics are: %s", self.monitor, ",".join(logs or {}))
            return
        if epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights, self.best_epoch = self.model.get_weights(), epoch
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best, self.best_epoch = current, epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print("Epoch %d: early stopping" % (self.stopped_epoch + 1))
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                print("Restoring model weights from the end of the best epoch: %d."
                      % (self.best_epoch + 1))
            self.model.set_weights(self.best_weights)

    def _is_improvement(self, value, reference):
        return bool(self.monitor_op(value - self.min_delta, reference))


class LambdaCallback(Callback):
    """A callback made of functions: `LambdaCallback(on_epoch_end=lambda epoch, logs: ...)`."""

    def __init__(self, **hooks):
        super().__init__()
        for name, fn in hooks.items():
            if not name.startswith("on_"):
                raise TypeError("LambdaCallback got an unexpected argument %r." % name)
            setattr(self, name, fn)

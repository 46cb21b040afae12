"""`Progbar`, the progress line Keras prints during `fit`, `evaluate` and `predict`.

verbose=1 redraws one line in place (backspaces and a carriage return, at most every
`interval` seconds and at the end): `3/4 [=====>...] - ETA: 0s - loss: 0.6931`, finished as
`4/4 [==========] - 0s 5ms/step - loss: 0.6931`. verbose=2 prints only the finished line,
`4/4 - 0s - loss: 0.6931 - 20ms/epoch - 5ms/step`. Values of names in `stateful_metrics` are
shown as given; others are averaged over the steps.
"""
import sys
import time

import numpy as np


class Progbar:
    """A progress bar over `target` steps (None: unknown until the end).

    >>> import io, contextlib
    >>> out = io.StringIO()
    >>> with contextlib.redirect_stdout(out):
    ...     bar = minitf.keras.utils.Progbar(4, verbose=2, stateful_metrics=["loss"])
    ...     bar.update(4, [("loss", 0.5)])
    >>> out.getvalue().startswith("4/4 - ")
    True
    """

    def __init__(self, target, width=30, verbose=1, interval=0.05, stateful_metrics=None,
                 unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics = set(stateful_metrics or ())
        self._values = {}          # name -> [sum, count] (averaged) or value (stateful)
        self._order = []
        self._seen = 0
        self._total_width = 0
        self._start = self._epoch_start = time.time()
        self._last_update = 0.0
        self._after_first_step = None

    def update(self, current, values=None, finalize=None):
        """Shows step `current` with `values`, a list of (name, value)."""
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        for name, value in values or []:
            if name not in self._order:
                self._order.append(name)
            if name in self.stateful_metrics:
                self._values[name] = value
            else:
                steps = max(current - self._seen, 1)
                total = self._values.setdefault(name, [0.0, 0])
                total[0] += value * steps
                total[1] += steps
        self._seen = current
        now = time.time()
        if current == 1 and self._after_first_step is None:
            self._after_first_step = now
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            self._draw(current, now, finalize)
        elif self.verbose == 2 and finalize:
            self._print_final(current, now)
        self._last_update = now

    def _draw(self, current, now, finalize):
        previous = self._total_width
        if self.target is not None:
            digits = int(np.log10(self.target)) + 1
            bar = "%*d/%d [" % (digits, current, self.target)
            filled = int(self.width * current / self.target)
            if filled > 0:
                bar += "=" * (filled - 1) + (">" if current < self.target else "=")
            bar += "." * (self.width - filled) + "]"
        else:
            bar = "%7d/Unknown" % current
        self._total_width = len(bar)
        per_step = self._step_time(current, now)
        if self.target is None or finalize:
            info = " - %.0fs%s" % (now - self._start, _duration(per_step, self.unit_name))
        else:
            info = " - ETA: %s" % _eta(per_step * (self.target - current))
        info += self._values_text(lambda avg: abs(avg) > 1e-3)
        self._total_width += len(info)
        if previous > self._total_width:
            info += " " * (previous - self._total_width)
        if finalize:
            info += "\n"
        sys.stdout.write("\b" * previous + "\r" + bar + info)
        sys.stdout.flush()

    def _print_final(self, current, now):
        digits = int(np.log10(self.target)) + 1
        line = "%*d/%d - %.0fs" % (digits, current, self.target, now - self._start)
        line += self._values_text(lambda avg: avg > 1e-3)
        epoch_time = now - self._epoch_start
        self._epoch_start = now
        line += " -%s -%s\n" % (_duration(epoch_time, "epoch"),
                                _duration(epoch_time / self.target, self.unit_name))
        sys.stdout.write(line)
        sys.stdout.flush()

    def _values_text(self, use_fixed):
        text = ""
        for name in self._order:
            value = self._values[name]
            avg = value[0] / max(1, value[1]) if isinstance(value, list) else value
            text += " - %s: %s" % (name, "%.4f" % avg if use_fixed(avg) else "%.4e" % avg)
        return text

    def _step_time(self, current, now):
        if not current:
            return 0.0
        if self._after_first_step is not None and current > 1:
            return (now - self._after_first_step) / (current - 1)
        return (now - self._start) / current


def _duration(seconds, unit):
    if seconds >= 1 or seconds == 0:
        return " %.0fs/%s" % (seconds, unit)
    if seconds >= 1e-3:
        return " %.0fms/%s" % (seconds * 1e3, unit)
    return " %.0fus/%s" % (seconds * 1e6, unit)


def _eta(seconds):
    if seconds > 3600:
        return "%d:%02d:%02d" % (seconds // 3600, (seconds % 3600) // 60, seconds % 60)
    if seconds > 60:
        return "%d:%02d" % (seconds // 60, seconds % 60)
    return "%ds" % seconds

"""Long runs keep a flat memory: the steps of `benchmarks/long_run.py` (eager, `function` and
Session linear regression; the last two also with a batch size changing every step, so traces
and plans must not pile up) hold no more after 2,000 steps than after 1,000, beyond numpy's
small caches settling."""
import importlib.util
import os

import pytest

import minitf as tf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEPS, WARMUP = 2000, 1000
# Bytes over 1,000 steps. numpy's small-array caches move by up to about 10 KB (more in a long
# test session); a leak of one small Python object a step holds 32 KB or more.
ALLOWED_GROWTH = 24 * 1024


def _load_benchmark():
    path = os.path.join(ROOT, "benchmarks", "long_run.py")
    spec = importlib.util.spec_from_file_location("long_run", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


long_run = _load_benchmark()


@pytest.mark.parametrize("name", long_run.RUNS)
def test_memory_is_flat_after_the_first_thousand_steps(name):
    step = long_run.make(name, tf, 300)

    start, end = long_run.growth(step, STEPS, WARMUP)

    assert end - start < ALLOWED_GROWTH, "%s grew by %d bytes" % (name, end - start)

"""docs/reliability.md quotes the tests' own figures: each one is rebuilt here from the constant
of the test that tries it, and must appear on the page."""
import pathlib

from hypothesis import settings

import test_atomic_steps
import test_checkpoint
import test_crash_saving
import test_long_runs
import test_threads

DOC = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "reliability.md").read_text()


def n(x):
    return format(x, ",")


def test_the_reliability_table_quotes_the_tests():
    figures = [
        "%s programs (the `long` profile: %s)" % (n(settings.get_profile("suite").max_examples),
                                                   n(settings.get_profile("long").max_examples)),
        "%d optimizers x %d clippings x 2 modes" % (len(test_atomic_steps.OPTIMIZERS),
                                                    len(test_atomic_steps.CLIPPING)),
        "%d runs x %s steps" % (len(test_long_runs.long_run.RUNS), n(test_long_runs.STEPS)),
        "past the first %s steps beyond %d KB" % (n(test_long_runs.WARMUP),
                                                  test_long_runs.ALLOWED_GROWTH // 1024),
        "from %d threads with different feeds | %d runs a thread" % (
            test_threads.THREADS, test_threads.SESSION_RUNS),
        "| %s, %s and %s a thread |" % (n(test_threads.TRAIN_RUNS), n(test_threads.ASSIGNS),
                                       n(test_threads.STEPS)),
        "3 kinds x %d kills" % test_crash_saving.KILLS,
        "%d damages, %d mismatches, x 2" % (len(test_checkpoint.DAMAGE),
                                           len(test_checkpoint.MISMATCH)),
    ]
    assert [f for f in figures if f not in DOC] == []

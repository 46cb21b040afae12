"""The timer of the small benchmark scripts (`data_bench.py`, `control_flow_bench.py`)."""
import statistics
import time


def median_time(fn, repeats):
    """The median wall time of `repeats` calls of fn, after one call to warm up."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

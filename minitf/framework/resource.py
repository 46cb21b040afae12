"""Ref, the storage cell behind a variable, and the journal that makes a run's writes atomic.

An eager variable owns one Ref; in a graph, each Session makes one Ref per variable. Values are
replaced, never changed in place, and stored read-only, so a tensor read from a variable keeps
its value after later assignments. While `transaction()` is open, every replacement is journaled
and undone if the run raises. Writes are applied whole when threads run at once: a transaction
holds `write_lock` (one per process) from start to end, and so does every kernel that writes
(`exclusive`), so two updates never interleave and no rollback undoes another thread's write.
"""
import functools
import threading

from .errors import FailedPreconditionError

write_lock = threading.RLock()


class _Journals(threading.local):
    def __init__(self):
        self.open = []  # one list of (ref, old value) per open transaction, innermost last


_journals = _Journals()


class Ref:
    __slots__ = ("name", "value")

    # A Ref travels as the value of a resource-dtype tensor, which looks like a 0-d array.
    shape = ()
    ndim = 0

    def __init__(self, name, value=None):
        self.name = name
        if value is not None and value.flags.writeable:
            value.flags.writeable = False
        self.value = value  # a new cell's first value is not journaled: undoing gives it none

    def read(self):
        if self.value is None:
            raise FailedPreconditionError(
                None, None, "Attempting to use uninitialized value %s: the variable has not been "
                "initialized in this session. Run its initializer first, e.g. "
                "sess.run(tf.compat.v1.global_variables_initializer()) built after the variable "
                "was created (an optimizer creates its slots in minimize)." % self.name)
        return self.value

    def assign(self, value):
        journals = _journals.open
        if journals:
            journals[-1].append((self, self.value))
        flags = value.flags
        if flags.writeable:
            flags.writeable = False
        elif value.base is not None and value.base.flags.writeable:
            value = value.copy()  # a read-only view of memory that its owner may still change
            value.flags.writeable = False
        self.value = value

    def __repr__(self):
        return "<ResourceHandle name=%r>" % self.name


def transaction():
    """A context that undoes every Ref.assign made inside (by this thread) if the block
    raises; it holds `write_lock` throughout."""
    return _Transaction()


class _Transaction:
    """A class rather than a generator: every Session.run that writes variables opens one."""

    def __enter__(self):
        write_lock.acquire()
        _journals.open.append([])

    def __exit__(self, kind, exc, tb):
        journals = _journals.open
        journal = journals.pop()
        if kind is not None:
            for ref, old in reversed(journal):
                ref.value = old
        elif journals:
            journals[-1].extend(journal)
        write_lock.release()
        return False


def exclusive(kernel):
    """`kernel`, run while holding `write_lock` (for the kernels of ops that write). A plan
    that runs such ops holds the lock for its whole run, in its transaction, and calls the
    kernel itself (`plan_kernel`)."""
    @functools.wraps(kernel)
    def run(*args, **kwargs):
        with write_lock:
            return kernel(*args, **kwargs)
    run.plan_kernel = getattr(kernel, "plan_kernel", kernel)
    return run

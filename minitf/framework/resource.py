"""Ref, the storage cell behind a variable, and the journal that makes a run's writes atomic.

An eager variable owns one Ref; in a graph, each Session makes one Ref per variable. Values are
replaced, never changed in place, and stored read-only, so a tensor read from a variable keeps
its value after later assignments. While `transaction()` is open, every replacement is journaled
and undone if the run raises.
"""
from .errors import FailedPreconditionError

_journals = []  # one list of (ref, old value) per open transaction, innermost last


class Ref:
    __slots__ = ("name", "value")

    # A Ref travels as the value of a resource-dtype tensor, which looks like a 0-d array.
    shape = ()
    ndim = 0

    def __init__(self, name, value=None):
        self.name = name
        self.value = value

    def read(self):
        if self.value is None:
            raise FailedPreconditionError(
                None, None, "Attempting to use uninitialized value %s: the variable has not been "
                "initialized in this session. Run its initializer first, e.g. "
                "sess.run(tf.compat.v1.global_variables_initializer()) built after the variable "
                "was created (an optimizer creates its slots in minimize)." % self.name)
        return self.value

    def assign(self, value):
        if _journals:
            _journals[-1].append((self, self.value))
        if value.flags.writeable:
            value.flags.writeable = False
        elif value.base is not None and value.base.flags.writeable:
            value = value.copy()  # a read-only view of memory that its owner may still change
            value.flags.writeable = False
        self.value = value

    def __repr__(self):
        return "<ResourceHandle name=%r>" % self.name


def transaction():
    """A context that undoes every Ref.assign made inside if the block raises."""
    return _Transaction()


class _Transaction:
    """A class rather than a generator: every Session.run that writes variables opens one."""

    def __enter__(self):
        _journals.append([])

    def __exit__(self, kind, exc, tb):
        journal = _journals.pop()
        if kind is not None:
            for ref, old in reversed(journal):
                ref.value = old
        elif _journals:
            _journals[-1].extend(journal)
        return False

"""The error classes of `minitf.errors`, with TensorFlow's names, codes and constructor.

Errors raised while an op computes (in eager mode or in `Session.run`) are `OpError`s; errors in
how a program is put together (wrong dtypes while building a graph, bad fetches) are Python's own
`TypeError` / `ValueError`, as in TensorFlow.
"""


class OpError(Exception):
    """An error raised while running an op: `node_def` and `op` name where, `message` says what."""

    def __init__(self, node_def, op, message, error_code=2):
        super().__init__(message)
        self.node_def = node_def
        self.op = op
        self.message = message
        self.error_code = error_code

    def __str__(self):
        return self.message


def _error(name, code):
    def __init__(self, node_def, op, message, *args):
        OpError.__init__(self, node_def, op, message, code)
    return type(name, (OpError,), {"__init__": __init__, "__doc__": "OpError with code %d." % code})


CancelledError = _error("CancelledError", 1)
UnknownError = _error("UnknownError", 2)
InvalidArgumentError = _error("InvalidArgumentError", 3)
DeadlineExceededError = _error("DeadlineExceededError", 4)
NotFoundError = _error("NotFoundError", 5)
AlreadyExistsError = _error("AlreadyExistsError", 6)
PermissionDeniedError = _error("PermissionDeniedError", 7)
ResourceExhaustedError = _error("ResourceExhaustedError", 8)
FailedPreconditionError = _error("FailedPreconditionError", 9)
AbortedError = _error("AbortedError", 10)
OutOfRangeError = _error("OutOfRangeError", 11)
UnimplementedError = _error("UnimplementedError", 12)
InternalError = _error("InternalError", 13)
UnavailableError = _error("UnavailableError", 14)
DataLossError = _error("DataLossError", 15)
UnauthenticatedError = _error("UnauthenticatedError", 16)


class OperatorNotAllowedInGraphError(TypeError):
    """A graph tensor was used where Python needs a concrete value (e.g. as a `bool`)."""

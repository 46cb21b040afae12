"""The logger TensorFlow writes its Python warnings to: the standard `logging` logger named
"tensorflow" (so that `logging.getLogger("tensorflow").setLevel(...)` and the filters a user
sets on it work for minitf too), as `get_logger()` returns it.

As TensorFlow does, it gets a handler writing `LEVEL:tensorflow:message` lines to stderr when
the program has configured no logging of its own (the root logger has no handler) at import;
otherwise its records go to the program's handlers.
"""
import logging
import sys

_logger = logging.getLogger("tensorflow")
if not logging.getLogger().handlers and not _logger.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter(logging.BASIC_FORMAT))
    _logger.addHandler(_handler)


def get_logger():
    """The logger named "tensorflow" (a `logging.Logger`), where minitf logs its warnings.

    >>> minitf.get_logger().name
    'tensorflow'
    """
    return _logger

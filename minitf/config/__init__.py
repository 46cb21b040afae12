"""`minitf.config`: switches that change how programs run, and the devices there are (one CPU,
no GPU: minitf computes with numpy)."""
from ..framework.device import (LogicalDevice, PhysicalDevice,  # noqa: F401
                                get_visible_devices, list_logical_devices,
                                list_physical_devices, set_visible_devices)
from . import experimental  # noqa: F401

_run_functions_eagerly = False


def run_functions_eagerly(run_eagerly):
    """With True, every `minitf.function` runs its Python code eagerly instead of a traced
    graph: for debugging with print and breakpoints."""
    global _run_functions_eagerly
    _run_functions_eagerly = bool(run_eagerly)


def functions_run_eagerly():
    return _run_functions_eagerly


def get_soft_device_placement():
    """Whether ops asked to run on a missing device run elsewhere: always, in minitf (every op
    runs on the CPU)."""
    return True


def set_soft_device_placement(enabled):
    """Accepted for compatibility: minitf always places ops on the CPU."""

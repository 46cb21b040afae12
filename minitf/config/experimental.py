"""`minitf.config.experimental`: the device functions under their older names, and the GPU
memory settings (which no device of minitf has)."""
from ..framework.device import (get_device_details, get_memory_growth,  # noqa: F401
                                 get_visible_devices, list_logical_devices,
                                 list_physical_devices, set_memory_growth, set_visible_devices)

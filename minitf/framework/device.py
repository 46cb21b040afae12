"""Devices: `DeviceSpec` (parsing and merging device names such as "/job:w/device:GPU:0") and
the devices the `config` functions report (the `device` scope itself is in graph.py).

minitf computes on the CPU with numpy, so there is exactly one device, the CPU. A `device`
scope changes nothing about where ops run; in a graph it only records the requested name on
the ops made inside it (`op.device`, `tensor.device`), as TensorFlow prints them. Eager
tensors always report the CPU.
"""
import collections

CPU_NAME = "/job:localhost/replica:0/task:0/device:CPU:0"

PhysicalDevice = collections.namedtuple("PhysicalDevice", ["name", "device_type"])
PhysicalDevice.__doc__ = "A device of the machine, as `config.list_physical_devices` lists it."
LogicalDevice = collections.namedtuple("LogicalDevice", ["name", "device_type"])
LogicalDevice.__doc__ = "A device as the runtime sees it (`config.list_logical_devices`)."

PHYSICAL_CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")
LOGICAL_CPU = LogicalDevice("/device:CPU:0", "CPU")


class DeviceSpec:
    """A (partial) device name: job, replica, task, device type and index, any of them unset.

    >>> spec = minitf.DeviceSpec.from_string("/job:worker/gpu:1")
    >>> spec.to_string(), spec.device_type, spec.device_index
    ('/job:worker/device:GPU:1', 'GPU', 1)
    """

    __slots__ = ("job", "replica", "task", "device_type", "device_index")

    def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
        self.job = job
        self.replica = None if replica is None else int(replica)
        self.task = None if task is None else int(task)
        self.device_type = device_type
        self.device_index = None if device_index is None else int(device_index)

    @classmethod
    def from_string(cls, spec):
        """Parses "/job:<name>/replica:<n>/task:<n>/device:<TYPE>:<n>" (each part optional;
        "cpu:0" / "GPU:1" stand for the device part; an index "*" means any).

        Raises:
          ValueError: for a part that is none of these.
        """
        fields = {}
        for part in filter(None, spec.split("/")):
            words = part.split(":")
            key = words[0]
            if len(words) == 2 and key in ("job", "replica", "task"):
                fields[key] = words[1]
            elif len(words) in (1, 2) and key.upper() in ("CPU", "GPU"):
                fields["device_type"] = key.upper()
                fields["device_index"] = words[1] if len(words) == 2 else "*"
            elif len(words) == 3 and key == "device":
                fields["device_type"], fields["device_index"] = words[1], words[2]
            else:
                raise ValueError("Unknown attribute '%s' is encountered while parsing the device "
                                 "spec: '%s'." % (key, spec))
        if fields.get("device_index") == "*":
            fields["device_index"] = None
        return cls(**fields)

    def make_merged_spec(self, dev):
        """This spec with every field that `dev` sets taken from `dev`."""
        merged = DeviceSpec(self.job, self.replica, self.task, self.device_type,
                            self.device_index)
        for field in self.__slots__:
            if getattr(dev, field) is not None:
                setattr(merged, field, getattr(dev, field))
        if dev.device_type is not None and dev.device_index is None:
            merged.device_index = None
        return merged

    def to_string(self):
        text = "".join("/%s:%s" % (f, getattr(self, f)) for f in ("job", "replica", "task")
                       if getattr(self, f) is not None)
        if self.device_type is not None:
            index = "*" if self.device_index is None else self.device_index
            text += "/device:%s:%s" % (self.device_type, index)
        return text

    def __eq__(self, other):
        return isinstance(other, DeviceSpec) and self.to_string() == other.to_string()

    def __hash__(self):
        return hash(self.to_string())

    def __repr__(self):
        return "<DeviceSpec(job=%s, replica=%s, task=%s, device_type=%s, device_index=%s)>" % (
            self.job, self.replica, self.task, self.device_type, self.device_index)


def merged_name(outer, spec):
    """The device name of ops inside `device(spec)` within a scope named `outer`: None clears
    it; other specs override the parts they set."""
    if spec is None:
        return ""
    if not isinstance(spec, DeviceSpec):
        spec = DeviceSpec.from_string(spec)
    return DeviceSpec.from_string(outer).make_merged_spec(spec).to_string()


# -- the devices config reports ---------------------------------------------------------------
def list_physical_devices(device_type=None):
    """The devices of the machine: one CPU; none of any other type (no GPU).

    >>> minitf.config.list_physical_devices("GPU")
    []
    """
    return [PHYSICAL_CPU] if device_type in (None, "CPU") else []


def list_logical_devices(device_type=None):
    """The devices ops can run on: the CPU.

    >>> minitf.config.list_logical_devices()
    [LogicalDevice(name='/device:CPU:0', device_type='CPU')]
    """
    return [LOGICAL_CPU] if device_type in (None, "CPU") else []


def get_visible_devices(device_type=None):
    """The physical devices in use: the CPU."""
    return list_physical_devices(device_type)


def set_visible_devices(devices, device_type=None):
    """Accepts the devices minitf has (the CPU, or none of another type).

    Raises:
      ValueError: for a device minitf does not have.
      RuntimeError: for hiding the CPU, which minitf cannot run without.
    """
    devices = devices if isinstance(devices, (list, tuple)) else [devices]
    for d in devices:
        if d != PHYSICAL_CPU:
            raise ValueError("Unrecognized device: %r" % (d,))
    if device_type in (None, "CPU") and PHYSICAL_CPU not in devices:
        raise RuntimeError("Visible devices cannot be modified after being initialized")


def get_memory_growth(device):
    """Memory growth is a setting of GPUs; minitf has none, so no device has it.

    Raises:
      KeyError: for the CPU (as TensorFlow); ValueError for a device minitf does not have.
    """
    if device == PHYSICAL_CPU:
        raise KeyError(device)
    raise ValueError("Unrecognized device: %r" % (device,))


def set_memory_growth(device, enable):
    """Raises: ValueError, as there is no GPU whose memory could grow."""
    if device == PHYSICAL_CPU:
        raise ValueError("Cannot set memory growth on non-GPU and non-Pluggable devices")
    raise ValueError("Unrecognized device: %r" % (device,))


def get_device_details(device):
    """Details of a physical device: none for the CPU."""
    if device != PHYSICAL_CPU:
        raise ValueError("Unrecognized device: %r" % (device,))
    return {}

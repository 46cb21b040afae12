"""The node under every `Dataset`: one source or transformation of a pipeline, with what it
knows statically (its element spec and cardinality, as TensorFlow computes them; the nodes it
reads; the source tensors it reads itself; TensorFlow's class name for it, which a dataset's repr
shows) and `generate(run)`, the generator of its elements over those of `pipeline.py`. The nodes
themselves are in `sources.py` and `transformations.py`. `DatasetBase` is what a dataset is to
the modules under `dataset_ops.py` (the iterators, `zip`, `flat_map`): the wrapper of a node,
which `node_of` opens."""
from .. import nest
from ..framework.context import executing_eagerly
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import EagerTensor

INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2


class Node:
    """One step of a pipeline: `inputs` are the nodes it reads, `tensors` the tensors it reads
    itself (a source's components)."""

    kind = None  # TensorFlow's class name for the dataset, e.g. "_BatchDataset"

    def __init__(self, element_spec, cardinality, inputs=(), tensors=()):
        self.element_spec = element_spec
        self.cardinality = cardinality
        self.inputs = tuple(inputs)
        self.tensors = list(tensors)

    def sources(self):
        """The tensors the whole pipeline reads, in a fixed order."""
        out = list(self.tensors)
        for node in self.inputs:
            out += node.sources()
        return out

    def generate(self, run):
        """The elements of one pass (`run`, a pipeline.Run), as flat lists of arrays."""
        raise NotImplementedError

    def pack(self, flat):
        """An element (a flat list of arrays) as eager tensors in the element's structure."""
        return nest.pack_sequence_as(self.element_spec, [EagerTensor(a) for a in flat])

    def __repr__(self):  # the dataset's printed form, also where an op's attr shows the node
        return "<%s element_spec=%s>" % (self.kind, self.element_spec)


class DatasetBase:
    """What every `Dataset` is to the modules under `dataset_ops.py`: a wrapper of a node."""

    def __init__(self, node):
        self._node = node


def node_of(dataset):
    """The node that `dataset` (a `Dataset`) wraps."""
    return dataset._node


def invalid(message, op_type):
    """Raises InvalidArgumentError for an argument TensorFlow checks in the dataset op, which
    runs at once (and so names itself in the message) when eager."""
    if executing_eagerly():
        message += " [Op:%s]" % op_type
    raise InvalidArgumentError(None, None, message)

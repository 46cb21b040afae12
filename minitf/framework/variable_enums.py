"""How a variable is kept in step across replicas (`VariableSynchronization`) and how replicas'
updates combine (`VariableAggregation`): TensorFlow's enums for distributed training.

minitf runs in one process on one device, so a variable has one copy: the settings are checked
and kept (`Variable.synchronization`, `Variable.aggregation`) but change nothing.
"""
import enum


class VariableSynchronization(enum.Enum):
    """When a distributed variable's copies are made to agree.

    >>> minitf.VariableSynchronization.ON_READ
    <VariableSynchronization.ON_READ: 3>
    """
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    """TensorFlow 1.x's enum of how replicas' updates combine (`compat.v1.VariableAggregation`;
    ONLY_FIRST_TOWER is the old name of ONLY_FIRST_REPLICA)."""
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3

    def __eq__(self, other):
        return self is other or isinstance(other, VariableAggregationV2) and other == self

    __hash__ = enum.Enum.__hash__


class VariableAggregationV2(enum.Enum):
    """How replicas' updates to a variable combine (`minitf.VariableAggregation`); its members
    equal those of the 1.x enum with the same value.

    >>> minitf.VariableAggregation.SUM == minitf.compat.v1.VariableAggregation.SUM
    True
    """
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3

    def __eq__(self, other):
        if isinstance(other, (VariableAggregation, VariableAggregationV2)):
            return self.value == other.value
        return NotImplemented

    __hash__ = enum.Enum.__hash__


def checked(synchronization, aggregation, name):
    """The two settings with their defaults (AUTO; the 1.x NONE, as TensorFlow has it).

    Raises:
      ValueError: for a value that is not a member of its enum.
    """
    synchronization = VariableSynchronization.AUTO if synchronization is None \
        else synchronization
    aggregation = VariableAggregation.NONE if aggregation is None else aggregation
    if not isinstance(synchronization, VariableSynchronization):
        raise ValueError("Invalid variable synchronization mode: %s for variable: %s"
                         % (synchronization, name))
    if not isinstance(aggregation, (VariableAggregation, VariableAggregationV2)):
        raise ValueError("Invalid variable aggregation mode: %s for variable: %s"
                         % (aggregation, name))
    return synchronization, aggregation

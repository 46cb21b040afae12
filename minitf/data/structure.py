"""Element structures: how the values given to a dataset, and those its functions return,
become structures (tuples, dicts, nestings) of tensors, and what TensorSpecs describe them."""
import collections.abc
import itertools

from .. import nest
from ..framework.tensor_spec import TensorSpec
from ..function import function
from ..ops.registry import convert_to_tensor, scope


def normalize(value):
    """The tensors given to a source: tuples and dicts are structure; anything else, a list
    too, is one tensor (in a graph, a constant named `normalize_element/component_<i>`)."""
    counter = itertools.count()

    def walk(v):
        if isinstance(v, collections.abc.Mapping):
            return type(v)((k, walk(x)) for k, x in v.items())
        if isinstance(v, tuple):
            items = [walk(x) for x in v]
            return type(v)(*items) if hasattr(v, "_fields") else tuple(items)
        return convert_to_tensor(v, name="component_%d" % next(counter))
    with scope("normalize_element"):
        return walk(value)


def returned(value):
    """What a map function returned, as TensorFlow takes it: a list it returns is a tuple,
    and then, as for the sources, tuples and dicts are structure and anything else (a list
    inside, too) one tensor."""
    return normalize(tuple(value) if isinstance(value, list) else value)


def call(fn, element):
    """`fn` on an element, as TensorFlow calls dataset functions: a tuple spread as arguments,
    anything else (a tensor, a dict) as one."""
    return fn(*element) if type(element) is tuple else fn(element)


def traced_spec(fn, spec):
    """The structure of TensorSpec that `fn` returns for elements of `spec`, from one trace."""
    args = spec if type(spec) is tuple else (spec,)
    traced = function(lambda *a: returned(fn(*a))).get_concrete_function(*args)
    return nest.map_structure(TensorSpec.from_tensor, traced.structured_outputs)


def traced_result(fn, spec):
    """What `fn` returns, in one trace, for elements of `spec` (for a function that returns a
    dataset rather than tensors)."""
    results = []
    args = spec if type(spec) is tuple else (spec,)
    function(lambda *a: results.append(fn(*a))).get_concrete_function(*args)
    return results[0]


def has_list(structure):
    if isinstance(structure, list):
        return True
    if isinstance(structure, collections.abc.Mapping):
        return any(has_list(v) for v in structure.values())
    return isinstance(structure, tuple) and any(has_list(v) for v in structure)

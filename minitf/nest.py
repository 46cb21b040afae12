"""Nested structures (lists, tuples, namedtuples, dicts) of leaves: flatten and rebuild.

Session fetches, tape targets and sources, and function arguments all accept any nesting; this
is the one place that knows how to walk one. Dicts are walked in sorted key order, as in
TensorFlow's `tf.nest`.
"""
import collections.abc


def flatten(structure):
    """The leaves of `structure`, depth first; a leaf on its own gives `[leaf]`.

    >>> minitf.nest.flatten({"b": [1, 2], "a": 3})
    [3, 1, 2]
    """
    if isinstance(structure, collections.abc.Mapping):
        return [leaf for k in sorted(structure) for leaf in flatten(structure[k])]
    if isinstance(structure, (list, tuple)):
        return [leaf for x in structure for leaf in flatten(x)]
    return [structure]


def flatten_up_to(shallow, structure):
    """`structure` flattened only as deep as `shallow` goes: where `shallow` has a leaf, the
    whole corresponding part of `structure` is one item.

    Raises:
      ValueError: if `structure` does not have the nesting of `shallow`.
    """
    if isinstance(shallow, collections.abc.Mapping):
        if not isinstance(structure, collections.abc.Mapping) or set(structure) != set(shallow):
            raise ValueError("%r does not have the structure of %r" % (structure, shallow))
        return [x for k in sorted(shallow) for x in flatten_up_to(shallow[k], structure[k])]
    if isinstance(shallow, (list, tuple)):
        if not isinstance(structure, (list, tuple)) or len(structure) != len(shallow):
            raise ValueError("%r does not have the structure of %r" % (structure, shallow))
        return [x for s, v in zip(shallow, structure) for x in flatten_up_to(s, v)]
    return [structure]


def pack_sequence_as(structure, flat):
    """`structure` with its leaves replaced, in order, by the items of `flat`."""
    return _pack(structure, iter(flat))


def _pack(s, it):
    if isinstance(s, collections.abc.Mapping):
        values = {k: _pack(s[k], it) for k in sorted(s)}
        return type(s)((k, values[k]) for k in s)
    if isinstance(s, (list, tuple)):
        items = [_pack(x, it) for x in s]
        if hasattr(s, "_fields"):
            return type(s)(*items)
        return type(s)(items)
    return next(it)


def map_structure(fn, *structures):
    """`fn` applied to corresponding leaves, in the shape of the first structure."""
    flats = [flatten(s) for s in structures]
    return pack_sequence_as(structures[0], [fn(*xs) for xs in zip(*flats)])

"""Nested structures (lists, tuples, namedtuples, dicts) of leaves: flatten and rebuild.

Session fetches, tape targets and sources, and function arguments all accept any nesting; this
is the one place that knows how to walk one. Dicts are walked in sorted key order, as in
TensorFlow's `tf.nest`.
"""
import collections.abc


def is_nested(x):
    """Whether `x` is a structure (a list, tuple or dict) rather than a leaf."""
    return isinstance(x, (list, tuple)) or _is_mapping(x)


_MAPPINGS = {dict: True}  # type -> whether it is a Mapping (an ABC check costs a dict look-up)


def _is_mapping(x):
    kind = _MAPPINGS.get(type(x))
    if kind is None:
        kind = _MAPPINGS[type(x)] = isinstance(x, collections.abc.Mapping)
    return kind


def flatten(structure):
    """The leaves of `structure`, depth first; a leaf on its own gives `[leaf]`.

    >>> minitf.nest.flatten({"b": [1, 2], "a": 3})
    [3, 1, 2]
    """
    if isinstance(structure, (list, tuple)):
        out = []
        for x in structure:
            if isinstance(x, (list, tuple)) or _is_mapping(x):
                out.extend(flatten(x))
            else:
                out.append(x)
        return out
    if _is_mapping(structure):
        return [leaf for k in sorted(structure) for leaf in flatten(structure[k])]
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
    if isinstance(s, (list, tuple)):
        items = [_pack(x, it) for x in s]
        if hasattr(s, "_fields"):
            return type(s)(*items)
        return type(s)(items)
    if _is_mapping(s):
        values = {k: _pack(s[k], it) for k in sorted(s)}
        return type(s)((k, values[k]) for k in s)
    return next(it)


def map_structure(fn, *structures):
    """`fn` applied to corresponding leaves, in the shape of the first structure."""
    flats = [flatten(s) for s in structures]
    return pack_sequence_as(structures[0], [fn(*xs) for xs in zip(*flats)])


def assert_same_structure(nest1, nest2, check_types=True):
    """Raises unless `nest1` and `nest2` have the same nesting (leaves may differ).

    Args:
      check_types: also require each pair of sequences to be of one type (a list is not a
        tuple); dicts always need the same keys.

    Raises:
      ValueError: if the nestings differ (a sequence against a leaf, different lengths or keys).
      TypeError: if `check_types` and two corresponding sequences differ in type.

    >>> minitf.nest.assert_same_structure([1, (2, 3)], ["a", ("b", "c")])
    """
    def walk(a, b):
        a_map = isinstance(a, collections.abc.Mapping)
        b_map = isinstance(b, collections.abc.Mapping)
        a_seq, b_seq = is_nested(a), is_nested(b)
        if a_seq != b_seq or a_map != b_map:
            raise ValueError("The two structures don't have the same nested structure: %r is %s "
                             "where %r is %s." % (a, _kind(a), b, _kind(b)))
        if not a_seq:
            return
        if check_types and type(a) is not type(b) and not (a_map and b_map):
            raise TypeError("The two structures don't have the same sequence type: %s %r against "
                            "%s %r." % (type(a).__name__, a, type(b).__name__, b))
        if a_map:
            if set(a) != set(b):
                raise ValueError("The two structures don't have the same keys: %s against %s."
                                 % (sorted(a), sorted(b)))
            for k in sorted(a):
                walk(a[k], b[k])
            return
        if len(a) != len(b):
            raise ValueError("The two structures don't have the same number of elements: %r has "
                             "%d, %r has %d." % (a, len(a), b, len(b)))
        for x, y in zip(a, b):
            walk(x, y)

    walk(nest1, nest2)


def _kind(x):
    return "a sequence" if is_nested(x) else "not a sequence"

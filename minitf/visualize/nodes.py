"""What a picture shows: boxes (`Box`) and edges read off a Graph, a traced function or a tape.

A graph gives one box per operation, classified as input (placeholder), variable, constant,
forward op, gradient op (under a `gradients` or `backward` name scope) or state update (an op
that writes: assignments, optimizer steps, summaries, print); edges are data or control
inputs. A GradientTape gives one box per recorded op, numbered in the order it ran, and a box
for each tensor that entered the record from outside (a watched variable, a watched tensor, a
constant). Big graphs are collapsed by name scope so that a picture stays readable.
"""
import collections
import re

from ..framework.shapes import dims_str
from ..framework.tensor import EagerTensor
from ..ops.logging_ops import format_value

_GRADIENT_SCOPE = re.compile(r"^(gradients|gradient_tape|backward|backward_full)(_\d+)?$")
KINDS = ("input", "variable", "constant", "op", "gradient", "update")


class Box:
    """One box: `key` (unique), `lines` (name, type, output), `kind` (one of KINDS), `order`
    (creation order, the starting point for the left-to-right order in a layer), `scope` (of
    an op), `collapsed` (a name scope drawn as one box)."""

    __slots__ = ("key", "lines", "kind", "order", "scope", "collapsed")

    def __init__(self, key, lines, kind, order, scope="", collapsed=False):
        self.key = key
        self.lines = lines
        self.kind = kind
        self.order = order
        self.scope = scope
        self.collapsed = collapsed


def describe(t):
    """A tensor's dtype and shape, as a box shows them: `float32 [?,1]`."""
    return "%s %s" % (t.dtype.name, dims_str(t.shape) if t.shape.rank is not None else "?")


def _outputs(outputs):
    if not outputs:
        return "no output"
    more = " (+%d more)" % (len(outputs) - 1) if len(outputs) > 1 else ""
    return describe(outputs[0]) + more


def _with_value(text, value):
    """`text = value` for a value of at most 4 numbers, as `minitf.print` writes them."""
    if value is None or value.size > 4 or value.dtype.kind not in "biuf":
        return text
    return "%s = %s" % (text, " ".join(format_value(value).split()))


def _short(name, width=30):
    if len(name) <= width:
        return name
    parts = name.split("/")
    while len(parts) > 1 and len("…/" + "/".join(parts)) > width:
        parts.pop(0)
    return "…/" + "/".join(parts)


def _graph_kind(op):
    if op.type == "Placeholder":
        return "input"
    if op.type == "VarHandleOp":
        return "variable"
    if _GRADIENT_SCOPE.match(op.name.split("/")[0]):
        return "gradient"
    if op.type == "Const":
        return "constant"
    return "update" if op.op_def.writes else "op"


def from_graph(graph):
    """(boxes, edges) of a Graph: edges are (from key, to key, is_control). In a function's
    graph, a placeholder that captures a variable is named and marked as that variable."""
    variables = {id(v.handle): v for v in getattr(graph, "variables", [])}
    captured = {id(p): variables.get(id(value)) for value, p in getattr(graph, "captures", [])}
    boxes, edges = [], []
    for index, op in enumerate(graph.get_operations()):
        output, kind, title = _outputs(op.outputs), _graph_kind(op), _short(op.name)
        if op.type == "Const":
            output = _with_value(output, op.get_attr("value"))
        if op.outputs and captured.get(id(op.outputs[0])) is not None:
            title = "captured variable " + captured[id(op.outputs[0])].name.rpartition(":")[0]
            kind = "variable"
        boxes.append(Box(op.name, [title, op.type, output], kind, index,
                         op.name.rpartition("/")[0]))
        edges += [(t.op.name, op.name, False) for t in op.inputs]
        edges += [(c.name, op.name, True) for c in op.control_inputs]
    return boxes, edges


def from_tape(tape):
    """(boxes, edges) of what `tape` recorded, in order; raises ValueError when the tape has
    released its records (a non-persistent tape after `gradient`)."""
    records = tape._records
    if records is None:
        raise ValueError("This GradientTape has released its records (a non-persistent tape "
                         "does so in `gradient`): draw it before, or use "
                         "GradientTape(persistent=True).")
    variables = {v.handle._id: v for v in tape.watched_variables()}
    made, boxes, edges = {}, [], []
    for i, record in enumerate(records, 1):
        key = "op %d" % i
        for t in record.inputs:  # a tensor is known by its `_id` (the tape may keep a shell)
            if t._id not in made:
                made[t._id] = _outside(t, variables, tape._sources, len(boxes), boxes)
            edges.append((made[t._id], key, False))
        boxes.append(Box(key, ["%d. %s" % (i, record.type), _outputs(record.outputs)],
                         "op", len(boxes)))
        made.update((t._id, key) for t in record.outputs)
    return boxes, edges


def _outside(t, variables, watched, order, boxes):
    """A box for a tensor that entered the tape's record from outside; returns its key."""
    key = "in %d" % order
    if t._id in variables:
        v = variables[t._id]
        lines, kind = ["variable %s" % v.name.rpartition(":")[0], describe(v)], "variable"
    elif t._id in watched:
        lines, kind = ["watched tensor", describe(t)], "input"
    else:
        value = t.numpy() if isinstance(t, EagerTensor) else None
        lines, kind = ["tensor", _with_value(describe(t), value)], "constant"
    boxes.append(Box(key, lines, kind, order))
    return key


def collapse(boxes, edges, max_boxes):
    """When there are more than `max_boxes` boxes, boxes grouped by name scope, at the deepest
    scope level that leaves at most half as many (level 1 if none does); an op named like a scope (a
    variable `w` and its `w/Assign`) joins it. Returns (boxes, edges), the edges without
    repeats (a data edge wins over a control edge between the same boxes)."""
    where = {b.key: b.key for b in boxes}
    if len(boxes) > max_boxes:
        boxes, where = _grouped(boxes, max_boxes)
    merged = {}
    for a, b, control in edges:
        a, b = where[a], where[b]
        if a != b:
            merged[a, b] = merged.get((a, b), True) and control
    return boxes, [(a, b, c) for (a, b), c in merged.items()]


def _grouped(boxes, max_boxes):
    for depth in (3, 2, 1):
        groups = _groups(boxes, depth)
        if len(groups) <= max_boxes // 2:
            break
    where, result = {}, []
    for key, members in groups.items():
        if len(members) == 1:
            box = members[0]
        else:
            types = collections.Counter(b.lines[1] for b in members).most_common(2)
            kinds = collections.Counter(b.kind for b in members)
            kind = next((k for k in ("variable", "update", "gradient") if kinds[k]),
                        kinds.most_common(1)[0][0])
            box = Box(key + "/", [_short(key + "/"), "%d ops" % len(members),
                                  ", ".join("%s ×%d" % t for t in types)], kind,
                      min(b.order for b in members), collapsed=True)
        result.append(box)
        where.update((b.key, box.key) for b in members)
    return result, where


def _groups(boxes, depth):
    """Boxes by their name scope cut to `depth` levels; a box alone in its scope goes to the
    scope above instead (down to standing alone at the top)."""
    def key(b, d):
        return "/".join(b.scope.split("/")[:d]) if b.scope and d else b.key
    ordered = sorted(boxes, key=lambda b: b.order)
    level = {b.key: depth for b in ordered}
    for d in range(depth, 0, -1):
        sizes = collections.Counter(key(b, level[b.key]) for b in ordered)
        for b in ordered:
            if level[b.key] == d and sizes[key(b, d)] == 1:
                level[b.key] = d - 1
    groups = collections.OrderedDict()
    for b in ordered:
        groups.setdefault(key(b, level[b.key]), []).append(b)
    return groups

"""`minitf.visualize.draw`: a picture of a graph, a traced function or a GradientTape's record.

Boxes are ops (name, type, output dtype and shape), coloured by kind: inputs, variables,
constants, forward ops, gradient ops, ops that change state; a name scope collapsed into one box
has a dashed border. Solid
arrows carry tensors, dashed arrows are control dependencies; data flows top to bottom. The
layout needs the optional `networkx` package (`pip install "minitf[visualize]"`); the drawing is
matplotlib's, on a figure of its own (pyplot's state is left alone). Import it with
`from minitf import visualize`: `import minitf` leaves it out, as matplotlib takes a while to load.
"""
import os

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch
from matplotlib.path import Path

from . import layout, nodes

FONT = 8                      # points
LINE = FONT * 1.3 / 72        # inches per text line
PAD, GAP, ROW_GAP = 0.08, 0.22, 0.5   # inches: inside a box, between boxes, between rows
TOP = 1.25                    # inches above the boxes, for the title and the legend
WAYPOINT = 0.08               # inches: the width of the lane an edge takes through a row

STYLE = {  # kind: (fill, edge colour, legend label)
    "input": ("#b2f2bb", "#2b8a3e", "input: placeholder or argument"),
    "variable": ("#ffd8a8", "#d9480f", "variable"),
    "constant": ("#e9ecef", "#868e96", "constant"),
    "op": ("#d0ebff", "#1971c2", "forward op"),
    "gradient": ("#eebefa", "#862e9c", "gradient op"),
    "update": ("#ffc9c9", "#c92a2a", "changes state (assign, train step, summary, print)"),
}
_BOLD = FontProperties(size=FONT, weight="bold")
_PLAIN = FontProperties(size=FONT)


def draw(graph_or_function_or_tape, path, title=None, max_boxes=60):
    """Draws a Graph, a traced function or what a GradientTape recorded into `path`.

    Args:
      graph_or_function_or_tape: a Graph (e.g. `sess.graph`), a ConcreteFunction (or a
        `function` traced exactly once), or a GradientTape that still holds its records (a
        persistent tape, or one that has not computed its gradient yet).
      path: the file to write; its suffix, `.png` or `.svg`, chooses the format.
      title: the picture's title (default: what is drawn and how many ops it has).
      max_boxes: above this many ops, ops are grouped by name scope into one box each.

    Returns:
      `path`.

    Raises:
      ValueError: for another suffix, a function with no or several traces, or a tape that
        released its records.
      TypeError: for anything else to draw.
      ImportError: if networkx is not installed.

    >>> import os, tempfile
    >>> from minitf import visualize
    >>> f = minitf.function(lambda x: 2.0 * x + 1.0)
    >>> path = visualize.draw(f.get_concrete_function(minitf.constant(1.0)),
    ...                       os.path.join(tempfile.mkdtemp(), "f.png"))
    """
    fmt = os.path.splitext(path)[1].lower()
    if fmt not in (".png", ".svg"):
        raise ValueError("minitf.visualize.draw writes .png or .svg files, got %r." % path)
    boxes, edges, what = _read(graph_or_function_or_tape)
    boxes, edges = nodes.collapse(boxes, edges, max_boxes)
    fig = _render(boxes, edges, title or what)
    fig.savefig(path, format=fmt[1:], dpi=100)
    return path


def _read(obj):
    if hasattr(obj, "get_concrete_function"):  # a Function: its one trace
        traces = list(getattr(obj, "_traces", {}).values())
        if len(traces) != 1:
            raise ValueError("%r has %d traces: draw one of them, "
                             "f.get_concrete_function(...)." % (obj, len(traces)))
        obj = traces[0]
    if hasattr(obj, "graph") and hasattr(obj, "structured_outputs"):  # a ConcreteFunction
        boxes, edges = nodes.from_graph(obj.graph)
        return boxes, edges, "Graph traced by function %s (%d ops)" % (obj.name, len(boxes))
    if hasattr(obj, "get_operations"):
        boxes, edges = nodes.from_graph(obj)
        return boxes, edges, "Graph (%d ops)" % len(boxes)
    if hasattr(obj, "watched_variables"):
        boxes, edges = nodes.from_tape(obj)
        n = sum(b.kind == "op" for b in boxes)
        return boxes, edges, "What the GradientTape recorded (%d ops, numbered in order)" % n
    raise TypeError("minitf.visualize.draw draws a Graph, a ConcreteFunction or a "
                    "GradientTape, not %r." % (obj,))


def _size(box, renderer):
    """(width, height) of a box in inches, from its text (`renderer` measures in points)."""
    widths = [renderer.get_text_width_height_descent(line, _BOLD if i == 0 else _PLAIN,
                                                     ismath=False)[0]
              for i, line in enumerate(box.lines)]
    return max(widths) / 72 + 2 * PAD, len(box.lines) * LINE + 2 * PAD


def _render(boxes, edges, title):
    keys = [b.key for b in boxes]
    by_key = {b.key: b for b in boxes}
    layer = layout.layers(keys, [(a, b) for a, b, _ in edges])
    rows = layout.order(keys, [(a, b) for a, b, _ in edges], layer,
                        {b.key: b.order for b in boxes})
    renderer = RendererAgg(1, 1, 72)
    size = {k: _size(by_key[k], renderer) if k in by_key else (WAYPOINT, 0.0)
            for row in rows for k in row}
    row_h = max([h for w, h in size.values()] + [LINE]) + ROW_GAP
    widths = [sum(size[k][0] for k in row) + GAP * (len(row) - 1) for row in rows]
    width = max(widths + [7.0]) + 2 * GAP
    height = len(rows) * row_h + TOP
    at = {}
    for d, (row, w) in enumerate(zip(rows, widths)):
        x = (width - w) / 2
        for k in row:
            at[k] = (x + size[k][0] / 2, height - TOP - (d + 0.5) * row_h)
            x += size[k][0] + GAP
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set(xlim=(0, width), ylim=(0, height))
    ax.axis("off")
    for i, (a, b, control) in enumerate(edges):
        ax.add_patch(_arrow(a, b, i, layer, at, size, control))
    for box in boxes:
        _box(ax, box, at[box.key], size[box.key])
    fig.text(0.5, 1 - 0.3 / height, title, ha="center", va="top", fontsize=12,
             fontweight="bold")
    _legend(fig, boxes, {c for _, _, c in edges}, height)
    return fig


def _box(ax, box, center, size):
    (x, y), (w, h) = center, size
    fill, edge, _ = STYLE[box.kind]
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0,rounding_size=0.05", fc=fill, ec=edge,
                                lw=1.6 if box.collapsed else 1.0,
                                ls="--" if box.collapsed else "-", zorder=2))
    for i, line in enumerate(box.lines):
        ax.text(x, y + h / 2 - PAD - (i + 0.5) * LINE, line, ha="center", va="center",
                fontproperties=_BOLD if i == 0 else _PLAIN, zorder=3)


def _arrow(a, b, i, layer, at, size, control):
    """An edge from the bottom of box a to the top of box b, through its waypoints, as smooth
    vertical curves."""
    down = layer[a] < layer[b]
    top, bottom = sorted((layer[a], layer[b]))
    points = [at[(i, d)] for d in range(top + 1, bottom)]
    if not down:
        points.reverse()
    sign = 1 if down else -1
    start = (at[a][0], at[a][1] - sign * size[a][1] / 2)
    end = (at[b][0], at[b][1] + sign * size[b][1] / 2)
    points = [start] + points + [end]
    verts, codes = [start], [Path.MOVETO]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        dy = (y0 - y1) / 2
        verts += [(x0, y0 - dy), (x1, y1 + dy), (x1, y1)]
        codes += [Path.CURVE4] * 3
    return FancyArrowPatch(path=Path(verts, codes), arrowstyle="-|>", mutation_scale=9,
                           lw=0.8, color="#868e96" if control else "#343a40",
                           ls=(0, (4, 3)) if control else "-", zorder=1)


def _legend(fig, boxes, controls, height):
    kinds = {b.kind for b in boxes}
    handles = [Patch(fc=STYLE[k][0], ec=STYLE[k][1], label=STYLE[k][2])
               for k in nodes.KINDS if k in kinds]
    if any(b.collapsed for b in boxes):
        handles.append(Patch(fc="white", ec="#495057", ls="--", lw=1.4,
                             label="dashed box: a name scope drawn as one box"))
    handles.append(Line2D([], [], color="#343a40", lw=1, label="tensor (data) edge"))
    if True in controls:
        handles.append(Line2D([], [], color="#868e96", lw=1, ls=(0, (4, 3)),
                              label="control edge: runs after"))
    fig.legend(handles=handles, loc="upper center", ncol=min(4, len(handles)), fontsize=FONT,
               frameon=False, bbox_to_anchor=(0.5, 1 - 0.6 / height))

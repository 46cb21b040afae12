"""Where the boxes go: layers top to bottom by data flow, and an order within each layer.

The layering is networkx's: `topological_generations` of the graph's condensation (so that the
cycles a collapsed graph can have share a layer). A box without inputs (a constant, a
placeholder) moves down to just above the first box that uses it. Edges that skip layers get a
waypoint in each layer they cross, and a few barycenter sweeps (each box moves towards the mean
position of its neighbours in the layer above, then below) order the layers so that few edges
cross. networkx is an optional extra, imported here on first use.
"""


def networkx():
    try:
        import networkx
    except ImportError as e:
        raise ImportError("minitf.visualize lays graphs out with the `networkx` package, which "
                          "is not installed (%s). Install it with: "
                          "pip install \"minitf[visualize]\"" % e) from None
    return networkx


def layers(keys, edges):
    """{key: layer} for the boxes `keys` and the edges (a, b): b's layer is below a's."""
    nx = networkx()
    g = nx.DiGraph()
    g.add_nodes_from(keys)
    g.add_edges_from((a, b) for a, b in edges if a != b)
    condensed = nx.condensation(g)
    layer = {}
    for depth, generation in enumerate(nx.topological_generations(condensed)):
        for c in generation:
            for key in condensed.nodes[c]["members"]:
                layer[key] = depth
    for key in keys:
        below = [layer[b] for b in g.successors(key) if layer[b] > layer[key]]
        if g.in_degree(key) == 0 and below:
            layer[key] = min(below) - 1
    return layer


def order(keys, edges, layer, start):
    """Rows of keys top to bottom, each ordered left to right, with waypoints (tuples
    `(edge index, layer)`) for edges that skip layers. `start[key]` breaks ties."""
    up, down = {}, {}
    rows = {}
    for key in keys:
        rows.setdefault(layer[key], []).append(key)
    for i, (a, b) in enumerate(edges):
        top, bottom = sorted((layer[a], layer[b]))
        chain = [a] + [(i, d) for d in range(top + 1, bottom)] + [b]
        if layer[a] > layer[b]:
            chain.reverse()
        for u, v in zip(chain, chain[1:]):
            down.setdefault(u, []).append(v)
            up.setdefault(v, []).append(u)
        for w in chain[1:-1]:
            rows[w[1]].append(w)
            start[w] = start[a]
    rows = [sorted(rows.get(d, []), key=lambda k: start[k]) for d in range(max(rows) + 1)]
    for _ in range(4):
        for sweep, neighbours in ((rows[1:], up), (rows[-2::-1], down)):
            for row in sweep:
                _reorder(row, neighbours, rows)
    return rows


def _reorder(row, neighbours, rows):
    position = {k: (i + 0.5) / len(r) for r in rows for i, k in enumerate(r)}
    here = {k: position[k] for k in row}

    def barycenter(k):
        ns = neighbours.get(k, [])
        return sum(position[n] for n in ns) / len(ns) if ns else here[k]
    row.sort(key=lambda k: (barycenter(k), here[k]))

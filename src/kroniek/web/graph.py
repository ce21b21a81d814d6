"""Web app (read side): the relation graph of actors, laid out on the server and drawn as SVG.

Nodes are the actors that take part in the relations kept by the predicate filter, edges the
relations, coloured by predicate. The largest connected group is laid out on top with networkx's
spring layout, the smaller groups each in a cell of their own in rows below it; every layout has a
fixed seed over nodes and edges added in sorted order, so the same knowledge base always gives the
same picture. It is computed once per loaded knowledge base and filter.
"""
from __future__ import annotations

import math
from collections import Counter

import networkx as nx

from .queries import View, href_actor, words

WIDTH, HEIGHT, MARGIN = 1100, 640, 60
CELL_W, CELL_H = 180, 110  # the room of each small group of actors, in rows under the largest one
MAX_NODES = 300  # networkx lays out more than 500 nodes with scipy, which kroniek does not need otherwise
PALETTE = ("#1f6fb4", "#d0621b", "#2d8a4e", "#9b3fa3", "#b3261e", "#8c7a1a", "#2a8a8a", "#555555", "#e0a100",
           "#6a5acd", "#c2185b", "#00838f")  # one per predicate; kroniek has nine
TYPE_COLOUR = {"ORG": "#1f6fb4", "PER": "#d0621b", "LOC": "#2d8a4e", "MISC": "#777777"}


def predicate_colours(view: View) -> dict[str, str]:
    names = sorted({r.predicate for r in view.kb.relations})
    return {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(names)}


def graph_page(view: View, predicates: list[str]) -> dict:
    """The graph for the relations whose predicate is in `predicates` (all when empty)."""
    colours = predicate_colours(view)
    counts = Counter(r.predicate for r in view.kb.relations)
    chosen = tuple(sorted(p for p in predicates if p in colours)) or tuple(sorted(colours))
    if chosen not in view.graphs:
        view.graphs[chosen] = _layout(view, set(chosen), colours)
    return {**view.graphs[chosen], "predicates": [{"name": p, "label": words(p), "colour": c, "count": counts[p],
                                              "on": p in chosen} for p, c in colours.items()],
            "all": len(chosen) == len(colours), "width": WIDTH}


def _layout(view: View, chosen: set[str], colours: dict[str, str]) -> dict:
    relations = sorted((r for r in view.kb.relations if r.predicate in chosen and r.subject in view.entities
                        and r.object in view.entities and r.subject != r.object),
                       key=lambda r: (r.subject, r.predicate, r.object))
    degree = Counter(x for r in relations for x in (r.subject, r.object))
    note = ""
    if len(degree) > MAX_NODES:
        keep = {n for n, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_NODES]}
        note = f"Showing the {MAX_NODES} most connected of {len(degree)} actors."
        relations = [r for r in relations if r.subject in keep and r.object in keep]
        degree = Counter(x for r in relations for x in (r.subject, r.object))
    g = nx.Graph()
    g.add_nodes_from(sorted(degree))
    for r in relations:
        g.add_edge(r.subject, r.object)
    placed, height, divider = _pack(g)

    def at(n: str) -> tuple[float, float]:
        return placed[n]
    nodes = []
    for n in sorted(degree, key=lambda n: (degree[n], n)):  # the best connected drawn last, on top
        e = view.entities[n]
        x, y = at(n)
        name = e.name if len(e.name) <= 28 else e.name[:27] + "…"
        nodes.append({"id": n, "x": x, "y": y, "r": round(4 + 2.2 * math.sqrt(degree[n]), 1), "label": name,
                      "title": f"{e.name} ({e.type}): {degree[n]} relation{'s' if degree[n] != 1 else ''}",
                      "colour": TYPE_COLOUR.get(e.type, "#777777"), "href": href_actor(n), "degree": degree[n],
                      "labelled": degree[n] >= 2 or len(degree) <= 60})
    edges = []
    for r in relations:
        (ax, ay), (bx, by) = at(r.subject), at(r.object)
        edges.append({"x1": ax, "y1": ay, "x2": bx, "y2": by, "colour": colours[r.predicate],
                      "mx": round((ax + bx) / 2, 1), "my": round((ay + by) / 2, 1),
                      "subject": r.subject, "object": r.object, "predicate": words(r.predicate),
                      "sources": len({s.doc for s in r.evidence}),
                      "title": f"{view.name(r.subject)} {words(r.predicate)} {view.name(r.object)} "
                               f"({len(r.evidence)} sentence{'s' if len(r.evidence) != 1 else ''})"})
    return {"nodes": nodes, "edges": edges, "note": note, "edge_labels": len(edges) <= 40, "height": height,
            "divider": divider,
            "types": [{"type": t, "colour": c} for t, c in TYPE_COLOUR.items() if any(
                view.entities[n].type == t for n in degree)]}


def _spring(g: nx.Graph, x0: float, y0: float, w: float, h: float) -> dict[str, tuple[float, float]]:
    """`g` laid out in the box (x0, y0, w, h)."""
    if len(g) == 1:
        return {n: (round(x0 + w / 2, 1), round(y0 + h / 2, 1)) for n in g}
    pos = nx.spring_layout(g, seed=7, k=1.8 / math.sqrt(len(g)), iterations=100)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    lo_x, hi_x, lo_y, hi_y = min(xs), max(xs), min(ys), max(ys)
    return {n: (round(x0 + (x - lo_x) / ((hi_x - lo_x) or 1) * w, 1), round(y0 + (y - lo_y) / ((hi_y - lo_y) or 1) * h, 1))
            for n, (x, y) in pos.items()}


def _pack(g: nx.Graph) -> tuple[dict[str, tuple[float, float]], int, int]:
    """Positions of every node, the picture's height and where the smaller groups start (0: no largest
    group drawn apart): the largest group on top, the others in cells."""
    groups = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    if not groups:
        return {}, 120, 0
    main, rest = groups[0], groups[1:]
    big = len(main) > 12 or not rest
    placed: dict[str, tuple[float, float]] = {}
    top = 0.0
    if big:
        placed.update(_spring(g.subgraph(main), MARGIN, MARGIN / 2, WIDTH - 2.6 * MARGIN, HEIGHT - MARGIN))
        top = HEIGHT
    else:
        rest = groups
    per_row = int((WIDTH - MARGIN) // CELL_W)
    for i, c in enumerate(rest):
        row, col = divmod(i, per_row)
        placed.update(_spring(g.subgraph(c), MARGIN / 2 + col * CELL_W + 14, top + row * CELL_H + 24,
                              CELL_W - 70, CELL_H - 48))
    rows = -(-len(rest) // per_row) if rest else 0
    return placed, int(top + rows * CELL_H + (20 if rows else 0)), int(top) if big and rows else 0

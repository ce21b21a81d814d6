"""Export stage: actors and their relations as a GraphML graph (networkx), to open in Gephi or yEd.

Nodes are the persons and organisations, and every other entity a relation touches (the places
groups are active in); each carries `label` (Gephi shows it), `type`, `name`, `aliases` joined by
"; ", its gazetteer `key`, `country`, coordinates, and how many mentions and documents it has.
Edges are directed subject -> object, keyed by predicate (a pair may have several), with the number
of documents that state the relation (`sources`), whether the predicate is `symmetric`, the first
evidence sentence and its span (`doc`, `start`, `end`), and every document (`docs`). GraphML has no
null: an absent value is an absent attribute.
"""
from __future__ import annotations

from typing import TextIO

from ..model import KnowledgeBase
from .tables import Lookup, country_code

ACTOR_TYPES = ("PER", "ORG")
SYMMETRIC = ("rival_of", "allied_with")


def _networkx():
    try:
        import networkx
    except ImportError as err:  # pragma: no cover - depends on the installation
        from . import MissingDependency

        raise MissingDependency("graphml", "networkx") from err
    return networkx


def to_graph(kb: KnowledgeBase):
    """A networkx `MultiDiGraph` of actors and relations, node ids being kroniek's entity ids."""
    nx = _networkx()
    look = Lookup(kb)
    graph = nx.MultiDiGraph(name="kroniek actors and relations")
    ends = {x for r in kb.relations for x in (r.subject, r.object)}
    for e in sorted(kb.entities, key=lambda e: (e.type, e.name, e.id)):
        if e.type not in ACTOR_TYPES and e.id not in ends:
            continue
        attrs = {"label": e.name, "name": e.name, "type": e.type, "aliases": "; ".join(e.aliases),
                 "mentions": len(e.mentions), "documents": len(e.documents), "key": e.key,
                 "country": country_code(e), "lat": e.lat, "lon": e.lon}
        graph.add_node(e.id, **{k: v for k, v in attrs.items() if v is not None})
    for r in kb.relations:
        if r.subject not in graph or r.object not in graph:
            continue
        first = r.evidence[0] if r.evidence else None
        docs = sorted({s.doc for s in r.evidence})
        attrs = {"predicate": r.predicate, "label": r.predicate, "symmetric": r.predicate in SYMMETRIC,
                 "sources": len(docs), "docs": "; ".join(docs), "evidence": look.text(first) if first else None,
                 "doc": first.doc if first else None, "start": first.start if first else None,
                 "end": first.end if first else None}
        graph.add_edge(r.subject, r.object, key=r.predicate, **{k: v for k, v in attrs.items() if v is not None})
    return graph


def write_graphml(kb: KnowledgeBase, out: TextIO) -> None:
    """The graph as a GraphML document (UTF-8, with its XML declaration, as `networkx.write_graphml` writes it)."""
    nx = _networkx()
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.writelines(line + "\n" for line in nx.generate_graphml(to_graph(kb), encoding="utf-8", prettyprint=True))

"""Export stage: `KnowledgeBase` to the JSON object that EXPORT.md specifies.

Every list is present even while the stages that fill it produce nothing yet, so a consumer can
rely on the shape. Entities are ordered by type and name, so exports of the same corpus diff cleanly.
"""
from __future__ import annotations

from typing import Any

from ..model import Document, Entity, KnowledgeBase, Range

FORMAT = "kroniek-kb/1"


def _range(r: Range | None) -> dict | None:
    if r is None:
        return None
    out = {"low": r.low, "high": r.high}
    if r.best is not None:
        out["best"] = r.best
    return out


def _value(v):
    return _range(v) if isinstance(v, Range) else v


def _span(s) -> dict:
    return {"doc": s.doc, "start": s.start, "end": s.end}


def _document(d: Document) -> dict[str, Any]:
    return {"id": d.id, "language": d.language, "published": d.published.value if d.published else None,
            "published_source": d.published.source if d.published else None,
            "header_date": d.header_date.value if d.header_date else None,
            "title": d.title, "path": d.path, "sources": list(d.sources), "url": d.url, "flags": list(d.flags)}


def _entity(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
                           "mentions": [{"id": m.id, "doc": m.span.doc, "start": m.span.start, "end": m.span.end}
                                        for m in e.mentions]}
    if e.key:
        out["key"] = e.key
    if e.lat is not None:
        out["coordinates"] = {"lat": e.lat, "lon": e.lon}
    if e.country:
        out["country"] = e.country
    return out


def to_json(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "documents": [_document(d) for d in sorted(kb.documents, key=lambda d: d.id)],
        "entities": [_entity(e) for e in sorted(kb.entities, key=lambda e: (e.type, e.name, e.id))],
        "events": [{"id": v.id, "type": v.type, "subtype": v.subtype, "date": v.date, "location": v.location,
                    "perpetrator": v.perpetrator, "claimed_by": v.claimed_by, "killed": _range(v.killed),
                    "injured": _range(v.injured), "flags": list(v.flags), "suspects": list(v.suspects),
                    "reports": [{"doc": r.doc, "killed": _range(r.killed), "injured": _range(r.injured),
                                 "date": r.date, "evidence": {"start": r.evidence.start, "end": r.evidence.end},
                                 "subtype": r.subtype, "location": r.location,
                                 "attributions": [{"entity": a.entity, "status": a.status, "channel": a.channel,
                                                   "evidence": _span(a.evidence)} for a in r.attributions],
                                 "perpetrator_unknown": r.perpetrator_unknown,
                                 "mentions": [_span(s) for s in r.mentions]}
                                for r in v.reports]} for v in kb.events],
        "claims": [{"id": c.id, "subject": c.subject, "attribute": c.attribute, "value": _range(c.value),
                    "as_of": c.as_of, "attributed_to": c.attributed_to, "doc": c.evidence.doc,
                    "evidence": {"start": c.evidence.start, "end": c.evidence.end}} for c in kb.claims],
        "relations": [{"subject": r.subject, "predicate": r.predicate, "object": r.object,
                       "evidence": [_span(s) for s in r.evidence]} for r in kb.relations],
        "quotes": [{"speaker": q.speaker, "doc": q.span.doc, "start": q.span.start, "end": q.span.end,
                    "passages": [{"start": s.start, "end": s.end} for s in q.passages]} for q in kb.quotes],
        "conflicts": [{"about": c.about, "field": c.field, "attribute": c.attribute, "as_of": c.as_of,
                       "values": [{"doc": doc, "value": _value(v)} for doc, v in c.values]} for c in kb.conflicts],
    }

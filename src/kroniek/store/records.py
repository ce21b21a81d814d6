"""Facts to and from the JSON records the store keeps them as (spans, ranges and attributions
included), so what is read back equals what was written."""
from __future__ import annotations

from typing import Any

from ..model import Attribution, Claim, Conflict, DocFacts, Event, Quote, Range, Relation, Report, Span


def span_json(s: Span) -> list:
    return [s.doc, s.start, s.end]


def span_from(raw: list) -> Span:
    return Span(raw[0], raw[1], raw[2])


def range_json(r: Range | None) -> dict | None:
    return None if r is None else {"low": r.low, "high": r.high, "best": r.best}


def range_from(raw: dict | None) -> Range | None:
    return None if raw is None else Range(raw["low"], raw["high"], raw.get("best"))


def _attribution_json(a: Attribution) -> dict:
    return {"entity": a.entity, "status": a.status, "evidence": span_json(a.evidence), "channel": a.channel}


def report_json(r: Report) -> dict[str, Any]:
    return {"doc": r.doc, "evidence": span_json(r.evidence), "killed": range_json(r.killed),
            "injured": range_json(r.injured), "date": r.date, "type": r.type, "subtype": r.subtype,
            "location": r.location, "sites": list(r.sites), "attributions": [_attribution_json(a) for a in r.attributions],
            "perpetrator_unknown": r.perpetrator_unknown, "mentions": [span_json(s) for s in r.mentions],
            "country": r.country, "retrospective": r.retrospective}


def report_from(raw: dict) -> Report:
    return Report(raw["doc"], span_from(raw["evidence"]), range_from(raw["killed"]), range_from(raw["injured"]),
                  raw["date"], raw["type"], raw["subtype"], raw["location"], tuple(raw["sites"]),
                  tuple(Attribution(a["entity"], a["status"], span_from(a["evidence"]), a["channel"])
                        for a in raw["attributions"]),
                  raw["perpetrator_unknown"], tuple(span_from(s) for s in raw["mentions"]), raw.get("country"),
                  raw.get("retrospective", False))


def event_json(v: Event) -> dict[str, Any]:
    return {"id": v.id, "type": v.type, "subtype": v.subtype, "date": v.date, "location": v.location,
            "perpetrator": v.perpetrator, "claimed_by": v.claimed_by, "reports": [report_json(r) for r in v.reports],
            "killed": range_json(v.killed), "injured": range_json(v.injured), "flags": list(v.flags),
            "suspects": list(v.suspects)}


def event_from(raw: dict) -> Event:
    return Event(raw["id"], raw["type"], raw["subtype"], raw["date"], raw["location"], raw["perpetrator"],
                 raw["claimed_by"], tuple(report_from(r) for r in raw["reports"]), range_from(raw["killed"]),
                 range_from(raw["injured"]), tuple(raw["flags"]), tuple(raw["suspects"]))


def claim_json(c: Claim) -> dict[str, Any]:
    return {"id": c.id, "subject": c.subject, "attribute": c.attribute, "value": range_json(c.value),
            "evidence": span_json(c.evidence), "as_of": c.as_of, "attributed_to": c.attributed_to}


def claim_from(raw: dict) -> Claim:
    return Claim(raw["id"], raw["subject"], raw["attribute"], range_from(raw["value"]), span_from(raw["evidence"]),
                 raw["as_of"], raw["attributed_to"])


def relation_json(r: Relation) -> dict[str, Any]:
    return {"subject": r.subject, "predicate": r.predicate, "object": r.object,
            "evidence": [span_json(s) for s in r.evidence]}


def relation_from(raw: dict) -> Relation:
    return Relation(raw["subject"], raw["predicate"], raw["object"], tuple(span_from(s) for s in raw["evidence"]))


def quote_json(q: Quote) -> dict[str, Any]:
    return {"speaker": q.speaker, "span": span_json(q.span), "passages": [span_json(s) for s in q.passages]}


def quote_from(raw: dict) -> Quote:
    return Quote(raw["speaker"], span_from(raw["span"]), tuple(span_from(s) for s in raw["passages"]))


def conflict_json(c: Conflict) -> dict[str, Any]:
    return {"about": c.about, "field": c.field, "attribute": c.attribute, "as_of": c.as_of,
            "values": [[doc, range_json(v) if isinstance(v, Range) else v] for doc, v in c.values]}


def conflict_from(raw: dict) -> Conflict:
    return Conflict(raw["about"], raw["field"],
                    tuple((doc, range_from(v) if isinstance(v, dict) else v) for doc, v in raw["values"]),
                    raw.get("attribute"), raw.get("as_of"))


def facts_json(f: DocFacts) -> dict[str, Any]:
    return {"reports": [report_json(r) for r in f.reports], "claims": [claim_json(c) for c in f.claims],
            "relations": [relation_json(r) for r in f.relations], "quotes": [quote_json(q) for q in f.quotes]}


def facts_from(raw: dict) -> DocFacts:
    return DocFacts([report_from(r) for r in raw["reports"]], [claim_from(c) for c in raw["claims"]],
                    [relation_from(r) for r in raw["relations"]], [quote_from(q) for q in raw["quotes"]])

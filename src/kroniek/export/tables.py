"""Export stage: the knowledge base as flat tables (CSV) for spreadsheets, pandas and R.

`events`: one row per fused event, ACLED-style, with the killed and injured figures as UCDP's
low / best / high, and a second table with one row per report (what each source says). `claims`,
`quotes`, `conflicts`: one row per claim, quote, and disagreeing value. Every row carries the span
it rests on as `doc`, `start`, `end` (half-open code-point offsets into the document's text) and
that span's text with its whitespace collapsed. Rows are plain dicts, so the same functions serve a
CSV file, a DataFrame or a web page.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from ..model import Document, Entity, Event, KnowledgeBase, Range, Span

EVENT_COLUMNS = ("event_id", "event_date", "date_precision", "year", "event_type", "sub_event_type",
                 "location", "location_id", "location_key", "country", "country_code", "latitude", "longitude",
                 "perpetrator", "perpetrator_id", "claimed_by", "claimed_by_id", "suspects",
                 "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
                 "number_of_sources", "number_of_reports", "outlets", "flags", "notes", "doc", "start", "end")
REPORT_COLUMNS = ("event_id", "doc", "start", "end", "outlet", "url", "title", "published", "language",
                  "report_date", "event_type", "sub_event_type", "location", "location_id", "attributions",
                  "perpetrator_unknown", "killed_low", "killed_high", "injured_low", "injured_high", "text")
CLAIM_COLUMNS = ("claim_id", "subject_id", "subject", "attribute", "value_low", "value_best", "value_high",
                 "as_of", "attributed_to_id", "attributed_to", "doc", "start", "end", "text")
QUOTE_COLUMNS = ("speaker_id", "speaker", "doc", "start", "end", "passages", "text")
CONFLICT_COLUMNS = ("about_id", "about_kind", "about", "field", "attribute", "as_of", "value", "value_id",
                    "value_low", "value_high", "doc", "start", "end", "text")
PRECISION = {4: "year", 7: "month", 10: "day"}


class Lookup:
    """The knowledge base's entities and documents by id, and the text of a span."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in kb.entities}
        self.documents: dict[str, Document] = {d.id: d for d in kb.documents}

    def name(self, entity_id: str | None) -> str | None:
        e = self.entities.get(entity_id) if entity_id else None
        return e.name if e else None

    def text(self, span: Span | None) -> str:
        doc = self.documents.get(span.doc) if span else None
        return " ".join(span.slice(doc.text).split()) if doc else ""

    def outlet(self, doc_id: str) -> str | None:
        """The web site a document was published on: the host of its URL without "www.", where one is known."""
        doc = self.documents.get(doc_id)
        urls = [u for u in ((doc.url,) + doc.sources if doc else ()) if u and u.startswith(("http://", "https://"))]
        host = urlsplit(urls[0]).hostname if urls else None
        return host[4:] if host and host.startswith("www.") else host


def country_code(e: Entity | None) -> str | None:
    """ISO 3166 alpha-2 code of a place: its own for a country, else the country the gazetteer puts it in."""
    if e is None:
        return None
    if e.key and e.key.startswith("country:"):
        return e.key.split(":", 1)[1]
    return e.country


def country_name(code: str | None) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=code) if code and len(code) == 2 else None
    return found.name if found else None


def _span(span: Span | None) -> dict[str, Any]:
    return {"doc": span.doc if span else None, "start": span.start if span else None, "end": span.end if span else None}


def _bounds(prefix: str, r: Range | None, best: bool = True) -> dict[str, Any]:
    out = {f"{prefix}_low": r.low if r else None, f"{prefix}_high": r.high if r else None}
    if best:
        out[f"{prefix}_best"] = r.best if r else None
    return out


def event_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One row per fused event: date with its precision, place with country and coordinates, who did and
    who claimed it, killed and injured as low / best / high, how many documents report it, and the
    first report's sentence as `notes` with its span."""
    look = Lookup(kb)
    rows = []
    for v in kb.events:
        place = look.entities.get(v.location) if v.location else None
        code = country_code(place)
        first = v.reports[0].evidence if v.reports else None
        docs = sorted({r.doc for r in v.reports})
        rows.append({
            "event_id": v.id, "event_date": v.date, "date_precision": PRECISION.get(len(v.date)) if v.date else None,
            "year": int(v.date[:4]) if v.date and v.date[:4].isdigit() else None,
            "event_type": v.type, "sub_event_type": v.subtype,
            "location": place.name if place else None, "location_id": v.location, "location_key": place.key if place else None,
            "country": country_name(code), "country_code": code,
            "latitude": place.lat if place else None, "longitude": place.lon if place else None,
            "perpetrator": look.name(v.perpetrator), "perpetrator_id": v.perpetrator,
            "claimed_by": look.name(v.claimed_by), "claimed_by_id": v.claimed_by,
            "suspects": [look.name(s) or s for s in v.suspects],
            **_bounds("killed", v.killed), **_bounds("injured", v.injured),
            "number_of_sources": len(docs), "number_of_reports": len(v.reports),
            "outlets": sorted({o for o in map(look.outlet, docs) if o}), "flags": list(v.flags),
            "notes": look.text(first), **_span(first)})
    return rows


def _attributions(look: Lookup, report) -> list[str]:
    return [f"{look.name(a.entity) or a.entity} ({a.status}{' via ' + a.channel if a.channel else ''})"
            for a in report.attributions]


def report_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One row per report: which event, which document and outlet, and that document's own figures,
    date, place and attributions, with the span of its evidence sentence."""
    look = Lookup(kb)
    rows = []
    for v in kb.events:
        for r in v.reports:
            doc = look.documents.get(r.doc)
            rows.append({
                "event_id": v.id, **_span(r.evidence), "outlet": look.outlet(r.doc), "url": doc.url if doc else None,
                "title": doc.title if doc else None,
                "published": doc.published.value if doc and doc.published else None,
                "language": doc.language if doc else None, "report_date": r.date,
                "event_type": r.type, "sub_event_type": r.subtype,
                "location": look.name(r.location), "location_id": r.location,
                "attributions": _attributions(look, r), "perpetrator_unknown": r.perpetrator_unknown,
                **_bounds("killed", r.killed, best=False), **_bounds("injured", r.injured, best=False),
                "text": look.text(r.evidence)})
    return rows


def claim_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One row per claim about an actor (fighters, attacks, money, founding): value bounds, time, who
    gives it (an entity, or the words of the text where it is none), and its sentence."""
    look = Lookup(kb)
    rows = []
    for c in kb.claims:
        source_is_entity = c.attributed_to in look.entities
        rows.append({"claim_id": c.id, "subject_id": c.subject, "subject": look.name(c.subject),
                     "attribute": c.attribute, **_bounds("value", c.value), "as_of": c.as_of,
                     "attributed_to_id": c.attributed_to if source_is_entity else None,
                     "attributed_to": look.name(c.attributed_to) if source_is_entity else c.attributed_to,
                     **_span(c.evidence), "text": look.text(c.evidence)})
    return rows


def quote_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One row per quote: the speaker, the span from first to last quoted passage, the passages as
    `start:end` pairs, and their text joined by " … "."""
    look = Lookup(kb)
    return [{"speaker_id": q.speaker, "speaker": look.name(q.speaker), **_span(q.span),
             "passages": [f"{p.start}:{p.end}" for p in q.passages],
             "text": " … ".join(look.text(p) for p in (q.passages or (q.span,)))} for q in kb.quotes]


def conflict_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One row per value in a conflict: what it is about (an event, or an actor's claim at a time), the
    field, the value one document gives, and the sentence of that document's report or claim."""
    look = Lookup(kb)
    events: dict[str, Event] = {v.id: v for v in kb.events}
    rows = []
    for c in kb.conflicts:
        event = events.get(c.about)
        for doc, value in c.values:
            if event is not None:
                span = next((r.evidence for r in event.reports if r.doc == doc), None)
                about = " ".join(x for x in (event.type, look.name(event.location), event.date) if x)
            else:
                span = next((x.evidence for x in kb.claims if x.subject == c.about and x.attribute == c.attribute
                             and x.as_of == c.as_of and x.evidence.doc == doc), None)
                about = look.name(c.about)
            is_range = isinstance(value, Range)
            value_id = value if not is_range and value in look.entities else None
            rows.append({"about_id": c.about, "about_kind": "event" if event is not None else "entity", "about": about,
                         "field": c.field, "attribute": c.attribute, "as_of": c.as_of,
                         "value": figure(value) if is_range else (look.name(value_id) if value_id else value),
                         "value_id": value_id, "value_low": value.low if is_range else None,
                         "value_high": value.high if is_range else None,
                         **_span(span), "doc": doc, "text": look.text(span)})
    return rows


def figure(r: Range) -> str:
    """A range as people write it: "12", "12–15", "≥12", "≤200"."""
    if r.high is None:
        return f"≥{r.low}"
    if r.low is None:
        return f"≤{r.high}"
    return str(r.low) if r.low == r.high else f"{r.low}–{r.high}"


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> int:
    """Rows as CSV with a header (UTF-8 text, "," and '"' as the csv module writes them): None is an
    empty cell, a list is joined with "; ", a bool is true/false. Returns the number of rows."""
    def cell(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return "; ".join(map(str, value))
        return value

    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: cell(row.get(k)) for k in columns})
        n += 1
    return n


def reports_path(events_path: Path) -> Path:
    """Where the report table goes beside the event table: `events.csv` -> `events.reports.csv`."""
    return events_path.with_name(f"{events_path.stem}.reports{events_path.suffix or '.csv'}")


def write_events(kb: KnowledgeBase, out: TextIO, reports_out: TextIO) -> None:
    write_csv(event_rows(kb), EVENT_COLUMNS, out)
    write_csv(report_rows(kb), REPORT_COLUMNS, reports_out)


def write_claims(kb: KnowledgeBase, out: TextIO) -> None:
    write_csv(claim_rows(kb), CLAIM_COLUMNS, out)


def write_quotes(kb: KnowledgeBase, out: TextIO) -> None:
    write_csv(quote_rows(kb), QUOTE_COLUMNS, out)


def write_conflicts(kb: KnowledgeBase, out: TextIO) -> None:
    write_csv(conflict_rows(kb), CONFLICT_COLUMNS, out)

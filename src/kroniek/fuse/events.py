"""Cross-document fusion of event reports.

Reports of different documents are one event when nothing tells them apart: the same type, a
subtype that is the same or a kind of the other, places that are equal or nested (a city inside a
country), dates that can be the same day, and the same kind of site where both name one. Each
document reports an event at most once, so two reports from one document never fuse. Reports are
taken most precisely dated first, so vague ones ("in 2021") join the event their precise
neighbours have already formed, and the largest compatible event wins a tie.

Fused values follow UCDP and GTD practice: killed is a low / best / high range over the reports;
the perpetrator is what a source asserts, else who claimed it, else a suspect flagged as such,
and none where a source says it is not known. A branch's claim is more specific than its parent
organisation's claim of the same attack, so the branch is kept. Disagreements become `Conflict`s.
"""
from __future__ import annotations

from collections import Counter
from statistics import median

from .. import gazetteer
from ..extract.dates import compatible
from ..extract.lexicon import cues, subtype_compatible
from ..model import Conflict, Document, Entity, Event, Range, Report, stable_id


class _Cluster:
    def __init__(self, report: Report) -> None:
        self.reports = [report]

    @property
    def docs(self) -> set[str]:
        return {r.doc for r in self.reports}

    @property
    def date(self) -> str | None:
        return max((r.date for r in self.reports if r.date), key=len, default=None)

    @property
    def subtype(self) -> str | None:
        return next((r.subtype for r in self.reports if r.subtype), None)


def _places_fit(a: str | None, b: str | None, entities: dict[str, Entity]) -> bool:
    if a is None or b is None or a == b:
        return True
    ea, eb = entities.get(a), entities.get(b)
    return bool(ea and ea.contains(eb)) or bool(eb and eb.contains(ea))


def _fits(c: _Cluster, r: Report, entities: dict[str, Entity]) -> bool:
    if r.doc in c.docs or any(x.type != r.type for x in c.reports):
        return False
    if not all(subtype_compatible(x.subtype, r.subtype) for x in c.reports):
        return False
    if not all(_places_fit(x.location, r.location, entities) for x in c.reports):
        return False
    if not all(compatible(x.date, r.date) for x in c.reports):
        return False
    sites = set().union(*(x.sites for x in c.reports))
    return not (sites and r.sites and not sites & set(r.sites))


def cluster_reports(reports: list[Report], entities: dict[str, Entity]) -> list[list[Report]]:
    order = sorted(reports, key=lambda r: (-len(r.date or ""), -len(r.mentions), r.doc, r.evidence.start))
    clusters: list[_Cluster] = []
    for r in order:
        fitting = [c for c in clusters if _fits(c, r, entities)]
        if fitting:
            best = max(fitting, key=lambda c: (bool(r.sites and set(r.sites) & set().union(*(x.sites for x in c.reports))),
                                               r.subtype is not None and r.subtype == c.subtype, len(c.reports)))
            best.reports.append(r)
        else:
            clusters.append(_Cluster(r))
    return [sorted(c.reports, key=lambda r: (r.doc, r.evidence.start)) for c in clusters]


def _without_parents(ids: list[str], entities: dict[str, Entity]) -> list[str]:
    """Drop an organisation when one of its own branches is also named ("IS" beside "ISKP")."""
    keys = {entities[i].key: i for i in ids if i in entities and entities[i].key}
    parents = set()
    for i in ids:
        e = entities.get(i)
        parent = _parent_key(e)
        if parent and parent in keys:
            parents.add(keys[parent])
    return [i for i in ids if i not in parents]


def _parent_key(e: Entity | None) -> str | None:
    if e is None or not e.key:
        return None
    entry = gazetteer.load().entries.get(e.key)
    return f"group:{entry.parent}" if entry and entry.parent else None


def _most_specific(subtypes: list[str]) -> str | None:
    """"suicide_bombing" over "bombing" when both are reported; else the most reported."""
    return _most_common([s for s in subtypes if not _is_parent_of_any(s, subtypes)] or subtypes)


def _is_parent_of_any(s: str, subtypes: list[str]) -> bool:
    return any(cues().get("subtype_parents", {}).get(t) == s for t in subtypes)


def _most_common(ids: list[str]) -> str | None:
    return Counter(ids).most_common(1)[0][0] if ids else None


def _fused_range(values: list[Range]) -> Range | None:
    """low / best / high over what the reports say: an open "at least N" counts as N."""
    if not values:
        return None
    points = [v.low if v.low is not None else v.high for v in values]
    highs = [v.high if v.high is not None else v.low for v in values]
    lows = [v.low if v.low is not None else 0 for v in values]
    return Range(min(lows), max(highs), median(points))


def _fused_date(reports: list[Report], docs: dict[str, Document]) -> tuple[str | None, list[str]]:
    dates = [r.date for r in reports if r.date]
    if dates:
        longest = max(map(len, dates))
        best = Counter(d for d in dates if len(d) == longest).most_common()
        return sorted(best, key=lambda x: (-x[1], x[0]))[0][0], []
    published = sorted(docs[r.doc].published.value for r in reports if r.doc in docs and docs[r.doc].published)
    return (published[0][:7], ["date-from-publication"]) if published else (None, [])


def fuse_events(reports: list[Report], entities: list[Entity], docs: list[Document]) -> tuple[list[Event], list[Conflict]]:
    by_id = {e.id: e for e in entities}
    by_doc = {d.id: d for d in docs}
    events, conflicts = [], []
    for group in cluster_reports(reports, by_id):
        flags: list[str] = []
        claims = _without_parents([a.entity for r in group for a in r.attributions if a.status == "claimed"], by_id)
        claimed_by = _most_common(claims)
        if len(set(claims)) > 1:
            flags.append("competing-claims")
        asserted = _without_parents([a.entity for r in group for a in r.attributions if a.status == "asserted"], by_id)
        suspected = _without_parents([a.entity for r in group for a in r.attributions if a.status == "suspected"], by_id)
        unknown = any(r.perpetrator_unknown for r in group)
        if asserted:
            perpetrator = _most_common(asserted)
        elif unknown:
            perpetrator = None
            flags.append("perpetrator-unknown")
        elif claimed_by:
            perpetrator = claimed_by
        else:
            perpetrator = _most_common(suspected)
            if perpetrator:
                flags.append("perpetrator-suspected")
        date, date_flags = _fused_date(group, by_doc)
        location = None
        for r in group:
            outer = by_id.get(location) if location else None
            if r.location and (location is None or (outer is not None and outer.contains(by_id.get(r.location)))):
                location = r.location
        subtype = _most_specific([r.subtype for r in group if r.subtype])
        first = group[0]
        event_id = stable_id("V", first.doc, first.evidence.start, first.evidence.end)
        event = Event(event_id, first.type, subtype, date, location, perpetrator, claimed_by, tuple(group),
                      _fused_range([r.killed for r in group if r.killed]),
                      _fused_range([r.injured for r in group if r.injured]),
                      tuple(flags + date_flags), tuple(sorted(set(suspected + claims) - {perpetrator} if unknown else ())))
        events.append(event)
        conflicts += _conflicts(event)
    events.sort(key=lambda v: (v.date or "9999", v.id))
    return events, conflicts


def _conflicts(event: Event) -> list[Conflict]:
    out = []
    for field in ("killed", "injured"):
        values = [(r.doc, getattr(r, field)) for r in event.reports if getattr(r, field) is not None]
        if any(not a.overlaps(b) for i, (_, a) in enumerate(values) for _, b in values[i + 1:]):
            out.append(Conflict(event.id, field, tuple(values)))
    days = [(r.doc, r.date) for r in event.reports if r.date and len(r.date) == 10]
    if len({d for _, d in days}) > 1:
        out.append(Conflict(event.id, "date", tuple(days)))
    claims = [(r.doc, a.entity) for r in event.reports for a in r.attributions if a.status == "claimed"]
    if "competing-claims" in event.flags:
        out.append(Conflict(event.id, "claimed_by", tuple(claims)))
    return out

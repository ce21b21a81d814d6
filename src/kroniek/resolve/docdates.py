"""Resolve stage: publication dates that only the corpus as a whole can settle.

An article that reports "yesterday's attack at the airport in X" is dated by another article that
gives that attack a calendar date. Each document's violent-event sentences become anchors: the
places named in and around them, the kind of site (airport, embassy, ...), and either the calendar
dates beside them or a relative day ("gisteren", "vorige week donderdag", "yesterday"). A relative
anchor that matches a dated anchor elsewhere (same place, same kind of site, the weekday right)
bounds its own document's publication date. The result competes with the document's own header:
where they disagree, the document is flagged "date-conflict" and the text-based date is used, since
a header line is metadata that anyone could have set wrong, while the text dates itself.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from .. import dates, gazetteer
from ..data import load_yaml
from ..model import DateValue, Document, Entity, Mention, Span, stage
from ..text import SpanIndex, TextLayer

PRIORITY = {"dateline": 0, "metadata": 1, "content": 2, "header": 3}


@dataclass(frozen=True)
class Anchor:
    doc: str
    places: frozenset[str]
    sites: frozenset[str]
    span: Span
    dates: tuple[str, ...] = ()  # calendar dates near the event (ISO prefixes)
    offset: tuple[int, int] | None = None  # days from publication, for a relative date
    weekday: int | None = None  # 0 = Monday, when the relative date names one

    def to_json(self) -> dict:
        return {"places": sorted(self.places), "sites": sorted(self.sites), "span": [self.span.start, self.span.end],
                "dates": list(self.dates), "offset": list(self.offset) if self.offset else None, "weekday": self.weekday}

    @classmethod
    def from_json(cls, doc: str, raw: dict) -> "Anchor":
        return cls(doc, frozenset(raw["places"]), frozenset(raw["sites"]), Span(doc, *raw["span"]),
                   tuple(raw["dates"]), tuple(raw["offset"]) if raw["offset"] else None, raw["weekday"])


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> dict:
    """The document language's cues first, then the other languages' (articles quote across languages)."""
    order = [lang] + [x for x in ("nl", "en") if x != lang] if lang in ("nl", "en") else ["nl", "en"]
    merged: dict = {"event_triggers": [], "facilities": {}}
    for code in order:
        lex = load_yaml(f"lexicon/{code}.yaml")
        merged["event_triggers"] += lex["event_triggers"]
        for site, words in lex["facilities"].items():
            merged["facilities"].setdefault(site, []).extend(words)
    return merged


def calendar_dates(text: str, lang: str | None = None) -> list[str]:
    """Dates written in `text` (`kroniek.dates.calendar_dates`; every language's names count)."""
    return dates.calendar_dates(text)


def relative_day(text: str, lang: str | None = None) -> tuple[tuple[int, int], int | None] | None:
    """Days from publication and the weekday named (`kroniek.dates.relative_day`; every language's words count)."""
    return dates.relative_day(text)


def _places_in(doc_mentions: SpanIndex[tuple[Mention, Entity]], start: int, end: int,
               places: dict[str, str]) -> set[str]:
    found = set()
    for m, e in doc_mentions.starting_in(start, end):
        if e.type == "LOC":
            found.add(e.id)
        elif (first := places.get(gazetteer.fold(m.text.split()[0]))) is not None:
            found.add(first)  # "Lagos Airport" is at Lagos
    return found


def find_anchors(doc: Document, entities: list[Entity], places: dict[str, str] | None = None,
                 doc_mentions: list[tuple[Mention, Entity]] | None = None, layer: TextLayer | None = None) -> list[Anchor]:
    lang = doc.language or "nl"
    lex = _lexicon(lang)
    if places is None:
        places = _place_names(entities)
    if doc_mentions is None:
        doc_mentions = [(m, e) for e in entities for m in e.mentions if m.span.doc == doc.id]
    # in text order, so that each sentence finds its mentions without reading all of them
    by_position = SpanIndex(sorted(doc_mentions, key=lambda me: me[0].span.start),
                            lambda me: (me[0].span.start, me[0].span.end))
    sents = (layer or TextLayer.plain(doc.text, doc.language)).sentences
    anchors = []
    for i, (s, e) in enumerate(sents):
        low = doc.text[s:e].lower()
        if not any(t in low for t in lex["event_triggers"]):
            continue
        lo, hi = sents[max(0, i - 1)][0], sents[min(len(sents) - 1, i + 1)][1]
        where = _places_in(by_position, s, e, places)
        # a sentence that names no place is about the place its neighbours name, and the kind of site
        # they name comes with it ("the attack ... at the airport." then "The bomber ...")
        around = low if where else doc.text[lo:hi].lower()
        where = where or _places_in(by_position, lo, hi, places)
        if not where:
            continue
        sites = frozenset(k for k, words in lex["facilities"].items() if any(w in around for w in words))
        span = Span(doc.id, s, e)
        relative = dates.relative_day(doc.text[s:e])
        written = (dates.calendar_dates(doc.text[s:e])
                   or [d for d in dates.calendar_dates(doc.text[lo:hi]) if len(d) == 10])
        if relative and not written:
            anchors.append(Anchor(doc.id, frozenset(where), sites, span, offset=relative[0], weekday=relative[1]))
        elif written:
            anchors.append(Anchor(doc.id, frozenset(where), sites, span, dates=tuple(written)))
    return anchors


def _same_event(rel: Anchor, dated: Anchor) -> bool:
    if rel.doc == dated.doc or not rel.places & dated.places:
        return False
    return not rel.sites or bool(rel.sites & dated.sites)


def date_from_anchors(rel: Anchor, dated: list[Anchor]) -> tuple[date, date, Span] | None:
    """Publication range of `rel`'s document from the most precise matching dated anchor."""
    days = []
    for a in dated:
        if _same_event(rel, a):
            days += [(d, a.span) for d in a.dates if len(d) == 10]
    for iso, span in sorted(days):
        event_day = date.fromisoformat(iso)
        if rel.weekday is not None and event_day.weekday() != rel.weekday:
            continue
        lo, hi = rel.offset or (0, 0)
        first, last = event_day - timedelta(days=hi), event_day - timedelta(days=lo)
        if rel.weekday is not None and lo <= -8:  # "last week Thursday": publication falls in the next week
            monday_after = event_day + timedelta(days=7 - event_day.weekday())
            first, last = monday_after, monday_after + timedelta(days=6)
        return first, last, span
    return None


def _content_date(first: date, last: date, evidence: Span) -> DateValue:
    """Publication is most likely soon after what it reports: the earliest possible day, to the month
    unless the range is a single day."""
    value = first.isoformat() if first == last else first.isoformat()[:7]
    return DateValue(value, "content", evidence, first.isoformat(), last.isoformat())


def _place_names(entities: list[Entity]) -> dict[str, str]:
    return {gazetteer.fold(n): e.id for e in entities if e.type == "LOC" for n in (e.name, *e.aliases)}


@stage("docdates", ("stored", "entities"), ("published",))
def date_documents(docs: list[Document], entities: list[Entity],
                   anchors: dict[str, list[Anchor]] | None = None) -> list[Document]:
    """Each document with its publication date decided, checked against the other documents' dated
    reports of the same events. `anchors` holds documents' anchors found before (`anchors_of`)."""
    anchors = {d.id: (anchors or {})[d.id] for d in docs if d.id in (anchors or {})}
    anchors.update(anchors_of([d for d in docs if d.id not in anchors], entities))
    dated = [a for found in anchors.values() for a in found if a.dates]
    # place -> document -> dated anchors: a relative anchor only ever matches another document's
    # anchor at one of its places, and reading all of them for each one made a long article quadratic
    at_place: dict[str, dict[str, list[int]]] = {}
    for k, a in enumerate(dated):
        for place in a.places:
            at_place.setdefault(place, {}).setdefault(a.doc, []).append(k)
    out = []
    for doc in docs:
        cands = [c for c in doc.date_candidates if c.source != "content"]
        for rel in (a for a in anchors[doc.id] if a.offset is not None):
            near = {k for place in rel.places for other, ks in at_place.get(place, {}).items() if other != rel.doc
                    for k in ks}
            found = date_from_anchors(rel, [dated[k] for k in sorted(near)])
            if found:
                cands.append(_content_date(*found[:2], rel.span))
                break
        out.append(_decide(doc, cands))
    return out


def anchors_of(docs: list[Document], entities: list[Entity],
               layers: dict[str, TextLayer] | None = None) -> dict[str, list[Anchor]]:
    """The anchors of each document: its violent-event sentences (from its stored text layer) with
    their places and dates."""
    layers = layers or {}
    places = _place_names(entities)
    by_doc: dict[str, list[tuple[Mention, Entity]]] = {}
    for e in entities:
        for m in e.mentions:
            by_doc.setdefault(m.span.doc, []).append((m, e))
    return {d.id: find_anchors(d, entities, places, by_doc.get(d.id, []), layers.get(d.id)) for d in docs}


def _decide(doc: Document, cands: list[DateValue]) -> Document:
    cands.sort(key=lambda c: PRIORITY.get(c.source, 9))
    best = cands[0] if cands else None
    flags = [f for f in doc.flags if f != "date-conflict"]
    header = next((c for c in cands if c.source == "header"), None)
    if best is not None and header is not None and best is not header:
        if not (best.value.startswith(header.value) or header.value.startswith(best.value)):
            flags.append("date-conflict")
    return replace(doc, published=best, date_candidates=tuple(cands), flags=tuple(flags))

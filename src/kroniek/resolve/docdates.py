"""Resolve stage: publication dates that only the corpus as a whole can settle.

An article that reports "yesterday's attack at the airport in X" is dated by another article that
gives that attack a calendar date. Each document's violent-event sentences become anchors: the
places named in and around them, the kind of site (airport, embassy, ...), and either the calendar
dates beside them or a relative day ("gisteren", "vorige week donderdag", "yesterday"). A relative
anchor that matches a dated anchor elsewhere (same place, same kind of site, the weekday right)
bounds its own document's publication date. The result competes with the document's own header:
where they disagree, the document is flagged "date-conflict" and the text-based date is used, since
a header line is metadata that anyone could have set wrong, while the text dates itself.

A document that dates itself to the day turns its own relative anchors into dated ones ("on Monday" in
an article of Tuesday 3 March is 2 March), so that an article that only says "yesterday" is dated by one
that only says "on Monday"; a document dated so to the day does the same for the next round.

What else ties and dates reports (each a class of its own, with the precision it gives):
- a feast day ("Eerste Paasdag", "Christmas Day") is a written day in the year the document's own date
  gives (`kroniek.dates.holiday_dates`): day precision, as a written date is;
- a sentence that names no place, nor do its neighbours, is about the place of the article's lead;
- a place and the country it lies in, or a country both name, are one event's place where the two
  documents share a name few others give (a suspect, a ship): a country alone holds too many events;
- an article that tells its story by weekdays ("maandagavond", "on Tuesday") was written on the last
  day of the story it names, no later than STORY_DAYS after the event: day precision, the range it was
  chosen from kept in `earliest`/`latest`, and such a chosen day dates no other document;
- in an article that gives its own month, a weekday that is not the event's is a later day of the
  story ("the minister said on Tuesday" about a Sunday attack): publication is on it or in the week after;
- a day written without its year ("the February 14 attack") is the day of a dated report of that event
  (a tie as strong as a rare name): publication on or after it, never against the document's own date;
- of event days close together that reports give, the first is the event's: later ones are its
  aftermath (a vigil, the end of a siege, a claim).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from .. import dates, gazetteer
from ..data import load_yaml
from ..dates import TimeExpr
from ..model import DateValue, Document, Entity, Mention, Span, stage
from ..text import SpanIndex, TextLayer

PRIORITY = {"dateline": 0, "metadata": 1, "url": 1, "content": 2, "header": 3, "embed": 4}
STORY_DAYS = 3  # days after an event that a report still names by bare weekday as later days of it
ROUNDS = 3  # documents dated by others date others in turn; each round reaches one step further
WINDOW_BEFORE, WINDOW_AFTER = 45, 14  # days around an article's own date where the events it dates lie
CROWDED = 300  # dated reports at a place beyond which an undated article's relative day dates nothing


@dataclass(frozen=True)
class Anchor:
    doc: str
    places: frozenset[str]
    sites: frozenset[str]
    span: Span
    dates: tuple[str, ...] = ()  # calendar dates near the event (ISO prefixes)
    offset: tuple[int, int] | None = None  # days from publication, for a relative date
    weekday: int | None = None  # 0 = Monday, when the relative date names one
    relative: TimeExpr | None = None  # the relative date itself, to read against a publication day
    derived: bool = False  # dated by its document's publication day, not by a date written beside it

    def to_json(self) -> dict:
        return {"places": sorted(self.places), "sites": sorted(self.sites), "span": [self.span.start, self.span.end],
                "dates": list(self.dates), "offset": list(self.offset) if self.offset else None, "weekday": self.weekday,
                "relative": asdict(self.relative) if self.relative else None}

    @classmethod
    def from_json(cls, doc: str, raw: dict) -> "Anchor":
        rel = raw.get("relative")
        if rel:
            rel = TimeExpr(**{**rel, "offset": tuple(rel["offset"])})
        return cls(doc, frozenset(raw["places"]), frozenset(raw["sites"]), Span(doc, *raw["span"]),
                   tuple(raw["dates"]), tuple(raw["offset"]) if raw["offset"] else None, raw["weekday"], rel or None)


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
    # the `date` header line is no date the text gives an event: blanked, the offsets hold
    text = doc.text
    if (head := doc.header_date) is not None and head.evidence is not None:
        text = text[:head.evidence.start] + " " * (head.evidence.end - head.evidence.start) + text[head.evidence.end:]
    # a feast day is written without its year: the document's own date gives it ("Eerste Paasdag" in 2019)
    year = next((int(c.value[:4]) for c in doc.date_candidates if c.source != "content"), None)
    lead: set[str] | None = None
    anchors = []
    for i, (s, e) in enumerate(sents):
        low = text[s:e].lower()
        if not any(t in low for t in lex["event_triggers"]):
            continue
        lo, hi = sents[max(0, i - 1)][0], sents[min(len(sents) - 1, i + 1)][1]
        where = _places_in(by_position, s, e, places)
        # a sentence that names no place is about the place its neighbours name, and the kind of site
        # they name comes with it ("the attack ... at the airport." then "The bomber ...")
        around = low if where else text[lo:hi].lower()
        where = where or _places_in(by_position, lo, hi, places)
        if not where:
            # nor do they: then it is about the place the article's lead names, where its story happens
            # ("Attack in X" as the title, then "On Monday a man shot two fans ...")
            if lead is None:
                lead = next((found for s0, e0 in sents if (found := _places_in(by_position, s0, e0, places))), set())
            where = lead
        if not where:
            continue
        sites = frozenset(k for k, words in lex["facilities"].items() if any(w in around for w in words))
        span = Span(doc.id, s, e)
        relative = dates.relative_day(text[s:e])
        written = (dates.calendar_dates(text[s:e])
                   or [d for d in dates.calendar_dates(text[lo:hi]) if len(d) == 10]
                   or (dates.holiday_dates(text[s:e], year) if year else []))
        if relative and not written:
            anchors.append(Anchor(doc.id, frozenset(where), sites, span, offset=relative[0], weekday=relative[1],
                                  relative=dates.relative_time(text[s:e])))
        elif not written and (yearless := dates.yearless_day(text[s:e])) is not None:
            # "the February 14 attack": the day of a dated report of it, in the year that report gives
            anchors.append(Anchor(doc.id, frozenset(where), sites, span, relative=yearless))
        elif written:
            anchors.append(Anchor(doc.id, frozenset(where), sites, span, dates=tuple(written)))
    return anchors


@dataclass(frozen=True)
class Kin:
    """What ties two documents' anchors beyond a place both name: the country each place lies in, and
    the names (people, organisations, vessels) each document shares with few others."""
    within: dict[str, str]  # place entity -> its country's entity
    rare: dict[str, frozenset[str]]  # document -> its names that at most RARE documents give


RARE = 3  # a name given by so few articles is their story's own (a suspect, a ship), not a country's news


def kin_of(entities: list[Entity]) -> Kin:
    country = {e.country: e.id for e in entities if e.type == "LOC" and e.nation}
    within = {e.id: country[e.country] for e in entities
              if e.type == "LOC" and e.country in country and country[e.country] != e.id}
    docs_of = {e.id: {m.span.doc for m in e.mentions} for e in entities if e.type != "LOC"}
    rare: dict[str, set[str]] = {}
    for eid, found in docs_of.items():
        if 1 < len(found) <= RARE:
            for doc in found:
                rare.setdefault(doc, set()).add(eid)
    return Kin(within, {doc: frozenset(ids) for doc, ids in rare.items()})


def _same_event(rel: Anchor, dated: Anchor, countries: frozenset[str] = frozenset(), kin: Kin | None = None) -> bool:
    """Two anchors can be one event: other documents, a place in common and no kind of site apart. A
    country alone holds too many events at once: there the kind of site must be named and the same, or
    the two documents must share a name few others give. So too where one names a place in the country
    the other names ("off Aden" and "off the coast of Yemen", both about the same ship)."""
    if rel.doc == dated.doc:
        return False
    apart = bool(rel.sites) and bool(dated.sites) and not rel.sites & dated.sites
    tied = kin is not None and bool(kin.rare.get(rel.doc, frozenset()) & kin.rare.get(dated.doc, frozenset()))
    # a day and month written out that must be the other's (`date_from_anchors` checks) tie as a rare name does
    tied = tied or (kin is not None and _yearless(rel))
    shared = rel.places & dated.places
    if not shared:
        if kin is None or not tied or apart:
            return False
        return bool({kin.within.get(p) for p in rel.places} & dated.places
                    or {kin.within.get(p) for p in dated.places} & rel.places)
    if not shared - countries:
        return bool(rel.sites & dated.sites) or (tied and not apart)
    return not rel.sites or bool(rel.sites & dated.sites)


def _publication_days(rel: Anchor, event_day: date) -> list[date]:
    """The days `rel`'s document may have been published on, given the day of the event it tells."""
    if rel.relative is not None:
        return dates.publication_days(rel.relative, event_day)
    lo, hi = rel.offset or (0, 0)  # an anchor stored before the expression was kept
    if rel.weekday is not None and lo <= -8:  # "last week Thursday": publication falls in the next week
        monday_after = event_day + timedelta(days=7 - event_day.weekday())
        return [monday_after + timedelta(days=k) for k in range(7)]
    return [event_day + timedelta(days=k) for k in range(-hi, -lo + 1)]


def date_from_anchors(rel: Anchor, dated: list[Anchor], countries: frozenset[str] = frozenset(),
                      own: str | None = None, kin: Kin | None = None) -> tuple[date, date, Span, date] | None:
    """Publication range of `rel`'s document from the matching dated anchors: the event day most of
    them give (a date written beside the event before one derived from a publication day, then the
    earliest), if the relative date fits it (a weekday must be that day's). With `own`, the date the
    document gives itself, a day that disagrees with it comes last, and only a written date may say so:
    a date derived from another document's publication day is a guess already. The event's day comes last."""
    votes: dict[str, list[Anchor]] = {}
    for a in dated:
        if _same_event(rel, a, countries, kin):
            for d in {d for d in a.dates if len(d) == 10}:
                votes.setdefault(d, []).append(a)
    found = []
    for iso, by in votes.items():
        event_day = date.fromisoformat(iso)
        later = rel.weekday is not None and event_day.weekday() != rel.weekday
        if later:
            # the weekday is not the event's: in an article that dates itself to the month, it is a later day
            # of the same story ("the minister said on Tuesday" after a Sunday attack), the first such day
            # after the event; the article was written on it or within the week after. "Vorige week
            # dinsdag" is no day of this week's story.
            if own is None or len(own) < 7 or _last_week(rel):
                continue
            said = event_day + timedelta(days=(rel.weekday - event_day.weekday()) % 7)
            days = [said + timedelta(days=k) for k in range(7)]
        else:
            days = _publication_days(rel, event_day)
        derived = all(a.derived for a in by)
        agrees = own is None or any(dates.compatible(d.isoformat(), own) for d in days)
        if (later or _yearless(rel)) and not agrees:
            continue  # a day without its year is as often a past year's: it narrows the own date, never overrules it
        # reports of one event also date what followed it (a vigil the next day, the end of a siege, the
        # claim): of days close together the first is the event's, however many anchors give the later one
        aftermath = any((event_day - timedelta(days=k)).isoformat() in votes for k in range(1, STORY_DAYS + 1))
        if days and (agrees or not derived):
            found.append(((not agrees, later, aftermath, -len(by), derived, iso), days, by[0].span))
    if not found:
        return None
    (*_, iso), days, span = min(found, key=lambda f: f[0])
    return days[0], days[-1], span, date.fromisoformat(iso)


def _yearless(rel: Anchor) -> bool:
    """`rel` writes its day without a year ("the February 14 attack")."""
    return rel.relative is not None and rel.relative.kind == "parsed"


def _last_week(rel: Anchor) -> bool:
    """`rel` names a weekday of the week before publication's ("vorige week dinsdag")."""
    return (rel.relative.last_week if rel.relative is not None else (rel.offset or (0, 0))[0] <= -8)


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
    countries = frozenset(e.id for e in entities if e.type == "LOC" and e.nation)
    kin = kin_of(entities)
    written = [a for found in anchors.values() for a in found if a.dates]
    own = {d.id: _decide(d, [c for c in d.date_candidates if c.source != "content"]) for d in docs}
    # read only where a weekday decides the day: reading every text each resolve cost more than the rest
    named = {d.id: _once(named_weekdays, d.text) for d in docs}
    out = list(own.values())
    # the places where each document's relative anchors look for dated ones (`_Dated` files them so)
    within = kin.within
    looks = {d.id: {q for a in anchors[d.id] if a.offset is not None or a.relative is not None
                    for p in a.places for q in (p, within.get(p)) if q} for d in docs}
    found: list[DateValue | None] = []
    moved: set[str] | None = None  # places whose dated anchors changed in the last round; None: all
    for _ in range(ROUNDS):
        dated = written + [a for d in out if (day := _day(d.published)) for a in _derived(anchors[d.id], day)]
        index = _Dated(dated, countries, kin)
        # a document none of whose places gained or lost a dated anchor finds what it found the round before:
        # after the first round only the neighbours of the documents newly dated are read again
        found = [found[i] if moved is not None and not looks[d.id] & moved else
                 _from_others(anchors[d.id], dated, countries, own[d.id].published, named[d.id], kin, index)
                 for i, d in enumerate(docs)]
        decided = [_decide(own[d.id], [*own[d.id].date_candidates, *([c] if c else [])]) for d, c in zip(docs, found)]
        if decided == out:
            break
        # a document whose day changed changes the anchors it dates: its own places' (`looks`)
        moved = {p for d, old, new in zip(docs, out, decided) if _day(old.published) != _day(new.published)
                 for p in looks[d.id]}
        out = decided
    return out


def named_weekdays(text: str) -> tuple[int, ...]:
    """The weekdays `text` names as days of its own week (0 = Monday); "vorige week dinsdag" and "last
    Tuesday" name a day of another week."""
    return tuple(sorted({t.weekday for t in dates.find_times(text, search=False)
                         if t.kind == "weekday" and t.weekday is not None and not t.last_week
                         and not t.strictly_before}))


def _chosen(value: DateValue) -> bool:
    """A day picked from a range of possible ones (`_weekday_date`), not given outright."""
    return len(value.value) == 10 and bool(value.earliest) and value.earliest != value.latest


def _day(value: DateValue | None) -> date | None:
    if value is None or len(value.value) != 10 or _chosen(value):
        return None  # no day, or one chosen from several, which dates no other article
    try:
        return date.fromisoformat(value.value)
    except ValueError:  # a header that names no real day
        return None


def _derived(found: list[Anchor], published: date) -> list[Anchor]:
    """The relative anchors of a document published on `published`, dated by it."""
    out = []
    for a in found:
        if a.relative is not None and (day := dates.day_of(a.relative, published)) is not None:
            out.append(replace(a, dates=(day.isoformat(),), offset=None, weekday=None, relative=None, derived=True))
    return out


def _once(fn: Callable, *args) -> Callable[[], object]:
    """`fn(*args)`, computed at the first call and kept."""
    kept: list = []

    def get():
        if not kept:
            kept.append(fn(*args))
        return kept[0]
    return get


class _Dated:
    """The dated anchors filed by place, for the relative anchors that look for theirs (`_same_event`
    decides). At a town every anchor there is read; at a country, which holds a share of the whole
    corpus, only those that can match without a town in common: an anchor of the same kind of site,
    one of a document that shares a rare name, or (a yearless day ties as a rare name does) all. Reading
    every anchor in the country made dating quadratic in the corpus."""

    def __init__(self, dated: list[Anchor], countries: frozenset[str], kin: Kin | None = None) -> None:
        self.dated = dated
        self.countries = countries
        self.kin = kin
        within = kin.within if kin else {}
        self.at_place: dict[str, list[int]] = {}
        self.by_site: dict[tuple[str, str], list[int]] = {}
        self.by_doc: dict[tuple[str, str], list[int]] = {}
        for k, a in enumerate(dated):
            for place in {*a.places, *(within[p] for p in a.places if p in within)}:
                self.at_place.setdefault(place, []).append(k)
                if place in countries:
                    for site in a.sites:
                        self.by_site.setdefault((place, site), []).append(k)
                    self.by_doc.setdefault((place, a.doc), []).append(k)
        self.docs_naming: dict[str, set[str]] = {}  # a rare name -> the documents that give it
        for doc, names in (kin.rare.items() if kin else ()):
            for name in names:
                self.docs_naming.setdefault(name, set()).add(doc)
        # each place's anchors by the days they give (only a day votes in `date_from_anchors`), for a window
        self.days: dict[str, tuple[list[str], list[int]]] = {}
        for place, ks in self.at_place.items():
            pairs = sorted((d, k) for k in ks for d in set(dated[k].dates) if len(d) == 10)
            self.days[place] = ([d for d, _ in pairs], [k for _, k in pairs])

    def near(self, rel: Anchor, window: tuple[str, str] | None = None) -> list[Anchor]:
        """The dated anchors that `_same_event` may match with `rel`, in their order; with `window` (first
        and last ISO day) only those that give a day within it."""
        kin = self.kin
        within = kin.within if kin else {}
        found: set[int] = set()
        for place in {*rel.places, *(within[p] for p in rel.places if p in within)}:
            if place not in self.countries or (kin is not None and _yearless(rel)):
                if window is None:
                    found.update(self.at_place.get(place, ()))
                else:
                    days, ks = self.days.get(place, ([], []))
                    found.update(ks[bisect_left(days, window[0]):bisect_right(days, window[1])])
                continue
            some: set[int] = set()
            for site in rel.sites:
                some.update(self.by_site.get((place, site), ()))
            rare = kin.rare.get(rel.doc, frozenset()) if kin else frozenset()
            for doc in {d for name in rare for d in self.docs_naming.get(name, ())}:
                some.update(self.by_doc.get((place, doc), ()))
            found |= {k for k in some if window is None
                      or any(window[0] <= d <= window[1] for d in self.dated[k].dates if len(d) == 10)}
        return [self.dated[k] for k in sorted(found)]


def _from_others(found: list[Anchor], dated: list[Anchor], countries: frozenset[str],
                 own: DateValue | None = None, named: tuple[int, ...] | Callable[[], tuple[int, ...]] = (),
                 kin: Kin | None = None, index: _Dated | None = None) -> DateValue | None:
    """A document's publication date from its relative anchors that other documents date: the days
    every matched anchor allows (the first one's alone where they disagree). `index` is `_Dated(dated)`,
    made once for all documents: a relative anchor only ever matches an anchor at one of its places, and
    indexing them again for each document made dating quadratic in the corpus."""
    if not any(a.offset is not None or a.relative is not None for a in found):
        return None
    index = _Dated(dated, countries, kin) if index is None else index
    window = _window(own)
    best: tuple[date, date, Span, date] | None = None
    by_weekday = False
    for rel in (a for a in found if a.offset is not None or a.relative is not None):
        # the days around the article's own date first: a day there that agrees with it is what reading every
        # anchor would choose, since a day outside can only disagree
        hit = date_from_anchors(rel, index.near(rel, window), countries, own.value, kin) if window else None
        if hit is None or not _agrees(hit, own):
            near = index.near(rel)
            if len(near) > CROWDED:
                if hit is None:
                    continue  # "yesterday" at a place of hundreds of dated reports, none of its own time: no telling
            else:
                hit = date_from_anchors(rel, near, countries, own.value if own else None, kin)
        if hit is None:
            continue
        # "vorige week maandag" leaves the whole next week open: no day of it is likelier
        by_weekday = by_weekday or (rel.weekday is not None and not _last_week(rel))
        if best is None:
            best = hit
        elif max(best[0], hit[0]) <= min(best[1], hit[1]):
            best = (max(best[0], hit[0]), min(best[1], hit[1]), best[2], max(best[3], hit[3]))
    if best is None:
        return None
    if by_weekday and best[0] < best[1]:
        return _weekday_date(*best, named() if callable(named) else named, own.value if own else None)
    return _content_date(*best[:3])


def _agrees(hit: tuple[date, date, Span, date], own: DateValue | None) -> bool:
    """Some publication day `hit` allows fits the article's own date."""
    first, last = hit[0], hit[1]
    return own is None or any(dates.compatible((first + timedelta(days=k)).isoformat(), own.value)
                              for k in range((last - first).days + 1))


def _window(own: DateValue | None) -> tuple[str, str] | None:
    """The days an event may lie on that an article dated `own` (a month or a day) tells of as "yesterday"
    or "last week": from WINDOW_BEFORE days before its first day to WINDOW_AFTER after its last. A day
    outside could only contradict the article's own date, which a report of another time should not."""
    if own is None or len(own.value) < 7:
        return None
    try:
        first = date.fromisoformat(own.value if len(own.value) == 10 else own.value + "-01")
    except ValueError:
        return None
    last = first if len(own.value) == 10 else (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return (first - timedelta(days=WINDOW_BEFORE)).isoformat(), (last + timedelta(days=WINDOW_AFTER)).isoformat()


def _weekday_date(first: date, last: date, evidence: Span, event: date | None = None,
                  named: tuple[int, ...] = (), own: str | None = None) -> DateValue:
    """The day an article that tells its story by weekdays was written: the last day of the story it names.
    A news report names the days from the event on by their weekday ("the attack on Monday evening ...
    on Tuesday morning the police said") up to the day it is written, so each weekday it names is a day
    from `event` on, and the earliest day from `first` after all of them is the likeliest. The range stays
    in `earliest`/`latest`: a day so chosen dates no other article (`_derived` reads only exact days).
    A weekday that falls more than STORY_DAYS after the event is more likely a day before it (the Tuesday
    strike before Wednesday's attack), which bounds nothing."""
    day, event = first, min(event or first, first)
    for weekday in named:
        seen = event + timedelta(days=(weekday - event.weekday()) % 7)
        if day < seen <= min(last, event + timedelta(days=STORY_DAYS)):
            day = seen
    # the date the document gives itself has the last word: its day where it gives one in the range, else
    # the first day from the chosen one in its month
    if (given := _day(DateValue(own, "own")) if own else None) is not None and first <= given <= last:
        day = given
    elif own:
        later = (day + timedelta(days=k) for k in range((last - day).days + 1))
        day = next((d for d in later if d.isoformat().startswith(own)), day)
    return DateValue(day.isoformat(), "content", evidence, day.isoformat(), last.isoformat())


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
    """The surest candidate, made more precise by a less sure one that agrees with it (an address that
    gives the month and a report of "yesterday" that gives the day)."""
    cands.sort(key=lambda c: PRIORITY.get(c.source, 9))
    best = cands[0] if cands else None
    if best is not None:
        best = next((c for c in cands if c.value.startswith(best.value) and len(c.value) > len(best.value)), best)
        # the same day, given outright rather than chosen from a range, dates the articles that lean on it
        best = next((c for c in cands if c.value == best.value and not _chosen(c)), best)
    flags = [f for f in doc.flags if f != "date-conflict"]
    header = next((c for c in cands if c.source == "header"), None)
    if best is not None and header is not None and best is not header:
        if not (best.value.startswith(header.value) or header.value.startswith(best.value)):
            flags.append("date-conflict")
    return replace(doc, published=best, date_candidates=tuple(cands), flags=tuple(flags))

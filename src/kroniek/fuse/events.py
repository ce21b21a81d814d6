"""Cross-document fusion of event reports.

Reports of different documents are one event when nothing tells them apart and something ties
them together. Nothing may tell them apart: the same type, a subtype that is the same or a kind of
the other, places that are equal or nested (a city inside a country), dates that can be the same
day, and the same kind of site where both name one. Each document reports an event at most once,
so two reports from one document never fuse. What ties them is a place both name and a time both
give: a report's own date, or, where the text gives none, the month its article was published (an
article cannot report what happened after it, and an undated line is the news of the weeks before it:
no evidence for an event months or years earlier), unless the article looks back on the event (a
trial, an anniversary): then it only cannot be of a later time. Where one side has no time at all (an undated line in an undated article), a
detail must agree besides the place: the kind of site, a named subtype, the same death toll, or the
group or person who did or claimed it.
A report without a place joins an event that has one only where its own article names that place
elsewhere, or puts it in that place's country by an adjective alone ("a Kenyan mall"), their times
agree and a date or detail of its own ties it (and the other way round);
otherwise such reports join only each other, on the same day and at the same kind of site.
Reports are compared only with the events that share their type, year, month, day and country or
leave them open (`_Blocks`), since reports that differ in any of these never fuse.
Reports are taken most precisely dated first (and those of an undated article last), so vague
ones ("in 2021") join the event their precise neighbours have already formed; where several fit,
a shared site, subtype or death toll decides, then the largest event.

Fused values follow UCDP and GTD practice: killed is a low / best / high range over the reports;
the perpetrator is what a source asserts (a named attacker before a group), else a named suspect
flagged as such, else a suspected group flagged as such, and none where a source says it is not
known. A claim of responsibility is the claimant's word, not a source's assertion of who did it: a
group that only claimed the attack is `claimed_by`, not the perpetrator. A branch's claim is more specific than its parent
organisation's claim of the same attack, so the branch is kept. Disagreements become `Conflict`s.
"""
from __future__ import annotations

import re
from collections import Counter
from math import asin, cos, radians, sin, sqrt
from dataclasses import replace
from statistics import median

from .. import gazetteer
from ..dates import compatible
from ..extract.lexicon import cues, subtype_compatible
from ..model import (Conflict, Document, Entity, Event, Override, Range, Report, countries_by_code, stable_id,
                     stage)


class _Cluster:
    def __init__(self, report: Report, index: int = 0) -> None:
        self.reports = [report]
        self.index = index  # order of creation: ties go to the earlier cluster
        self.docs = {report.doc}  # asked of every candidate for every report: kept, not rebuilt

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.docs.add(report.doc)

    @property
    def subtype(self) -> str | None:
        return next((r.subtype for r in self.reports if r.subtype), None)


# how two reports stand on one dimension (place, time)
AGREE, UNKNOWN, DISAGREE = "agree", "unknown", "disagree"


def _place_relation(a: Report, b: Report, entities: dict[str, Entity]) -> str:
    """Equal or nested places (a city inside a country) agree."""
    if a.location is None or b.location is None:
        return UNKNOWN
    if a.location == b.location:
        return AGREE
    ea, eb = entities.get(a.location), entities.get(b.location)
    if (ea and ea.contains(eb)) or (eb and eb.contains(ea)) or _named_after(ea, eb) or _named_after(eb, ea) \
            or _around(ea, eb) or _around(eb, ea):
        return AGREE
    return DISAGREE


def _holds(outer: Entity | None, inner: Entity | None) -> bool:
    return outer is not None and inner is not None and outer.id != inner.id and (
        outer.contains(inner) or _named_after(outer, inner) or _around(outer, inner))


def _innermost(reports: list[Report], entities: dict[str, Entity]) -> list[Report]:
    """The reports of an event less those whose place only holds another report's place: an event at
    Pulwama, in India, is at Pulwama, so "in Kashmir" agrees with it though nothing puts Kashmir in India."""
    return [x for x in reports if x.location is None or not any(
        y.location and _holds(entities.get(x.location), entities.get(y.location)) for y in reports)]


AREA_RADIUS_KM = 400  # how far from its label point a region or sea the gazetteer knows as a point still reaches


def _around(area: Entity | None, place: Entity | None) -> bool:
    """A region or sea that no country holds ("Kashmir", "the Gulf of Aden") and a town near its label
    point: "an attack in Kashmir" can be the attack in a Kashmiri district. Only within a few hundred
    kilometres, so a continent, whose label point is far from most of it, never agrees this way."""
    if area is None or place is None or not (area.key or "").startswith(("region:", "sea:")) or area.country:
        return False
    if None in (area.lat, area.lon, place.lat, place.lon) or (place.key or "").startswith(("region:", "sea:")):
        return False
    lat1, lon1, lat2, lon2 = map(radians, (area.lat, area.lon, place.lat, place.lon))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * asin(sqrt(h)) <= AREA_RADIUS_KM


def _named_after(sea: Entity | None, place: Entity | None) -> bool:
    """A gulf or sea named after the place beside it ("Gulf of Aden" and Aden, "Golf van Oman" and Oman):
    a ship attacked "off the coast of Aden" is in the Gulf of Aden."""
    if sea is None or place is None or not (sea.key or "").startswith("sea:"):
        return False
    names = {gazetteer.fold(n) for n in (place.name, *place.aliases)}
    after = [m.group(1) for m in (re.search(r"\b(?:of|van)\s+(.+)$", n, re.IGNORECASE) for n in (sea.name, *sea.aliases))
             if m is not None]
    if any(gazetteer.fold(name) in names for name in after):
        return True
    # the country of that place: a ship hit in the Gulf of Aden was hit off Yemen
    if code := place.nation:
        return any((port := gazetteer.load().place(name)) is not None and port.country == code for name in after)
    return False


def _in_country(place: Entity | None, code: str) -> bool:
    return place is not None and (place.country == code or place.key == f"country:{code}")


def _before(a: str, b: str) -> bool:
    """ISO prefix `a` is surely earlier than `b`, compared at the precision both have."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _time_relation(a: Report, b: Report, published: dict[str, str]) -> str:
    """Whether two reports can be of the same time, judged on the dates their texts give, else on
    their articles' publication: weaker evidence, so it must give the same year, months no further
    apart than NEWS_MONTHS, and never a publication before the other report's own date."""
    if a.date and b.date:
        return AGREE if compatible(a.date, b.date) else DISAGREE
    pa, pb = a.date or published.get(a.doc), b.date or published.get(b.doc)
    if not pa or not pb:
        return UNKNOWN
    # an article on a trial or an anniversary tells of an event before it, in any year: no later than it
    for x, px, other in ((a, pa, pb), (b, pb, pa)):
        if x.retrospective and not x.date:
            return DISAGREE if _before(px, other) else UNKNOWN
    if pa[:4] != pb[:4]:
        return DISAGREE
    if (a.date and _before(pb, a.date)) or (b.date and _before(pa, b.date)):
        return DISAGREE
    # an undated report is the news of the weeks before its article: not an event months earlier
    if len(pa) >= 7 and len(pb) >= 7 and abs(int(pa[5:7]) - int(pb[5:7])) > NEWS_MONTHS:
        return DISAGREE
    return AGREE


NEWS_MONTHS = 1  # how many calendar months an undated report may lie from the time it is compared with


def _details(c: _Cluster, r: Report) -> tuple[bool, bool, bool]:
    """What the report shares with the event beyond type, place and time: a kind of site, a named way
    of attacking (subtypes are already known to fit), the same closed death toll."""
    sites = set().union(*(x.sites for x in c.reports))
    toll = r.killed is not None and r.killed.low == r.killed.high and any(x.killed == r.killed for x in c.reports)
    return bool(sites & set(r.sites)), bool(r.subtype) and any(x.subtype for x in c.reports), toll


def _same_actor(c: _Cluster, r: Report) -> bool:
    """A group or person both name as the one who did or claimed it."""
    named = {a.entity for x in c.reports for a in x.attributions if a.status in ("asserted", "claimed")}
    return any(a.entity in named for a in r.attributions if a.status in ("asserted", "claimed"))


def _fits(c: _Cluster, r: Report, entities: dict[str, Entity], published: dict[str, str],
          doc_places: dict[str, set[str]] | None = None) -> bool:
    if r.doc in c.docs or any(x.type != r.type for x in c.reports):
        return False
    if not all(subtype_compatible(x.subtype, r.subtype) for x in c.reports):
        return False
    places = {_place_relation(x, r, entities) for x in _innermost(c.reports, entities)}
    times = {_time_relation(x, r, published) for x in c.reports}
    if DISAGREE in places or DISAGREE in times:
        return False
    sites = set().union(*(x.sites for x in c.reports))
    if sites and r.sites and not sites & set(r.sites):
        return False
    same_site, same_method, same_toll = _details(c, r)
    if AGREE not in places:
        # a matching type is no evidence: without a place only the same day and site tie two reports.
        # A report without a place joins an event that has one only where its own document names that
        # place elsewhere, their times agree and a date or a detail of its own ties it
        doc_places = doc_places or {}
        named = {x.location for x in c.reports} & doc_places.get(r.doc, set())
        tied = bool(r.date or same_site or same_method or same_toll)
        if r.location is None and all(x.location for x in c.reports) and named and AGREE in times and tied:
            return True
        # a report placed only by a country adjective ("a Kenyan mall") meets an event in that country
        if r.location is None and r.country and AGREE in times and tied \
                and all(x.location and _in_country(entities.get(x.location), r.country) for x in c.reports):
            return True
        if r.location is not None and AGREE in times and all(
                x.location is None and x.country and _in_country(entities.get(r.location), x.country)
                and (x.date or same_site or same_method or same_toll) for x in c.reports):
            return True
        # the same the other way round: placed reports meet an event told only by unplaced ones
        if r.location is not None and all(x.location is None and r.location in doc_places.get(x.doc, set())
                                          and (x.date or same_site or same_method or same_toll)
                                          for x in c.reports) and AGREE in times:
            return True
        same_day = bool(r.date) and len(r.date) == 10 and all(x.date == r.date for x in c.reports)
        return r.location is None and all(x.location is None for x in c.reports) and same_day and same_site
    # with no time to compare, the place alone could be any event there: a detail or the actor must agree as well
    return AGREE in times or same_site or same_method or same_toll or _same_actor(c, r)


def cluster_reports(reports: list[Report], entities: dict[str, Entity],
                    published: dict[str, str] | None = None,
                    doc_places: dict[str, set[str]] | None = None) -> list[list[Report]]:
    """Reports grouped by event. `published` maps a document id to its publication date (ISO prefix)."""
    published = published or {}
    order = sorted(reports, key=lambda r: (-len(r.date or ""), r.doc not in published, -len(r.mentions), r.doc,
                                           r.evidence.start))
    clusters: list[_Cluster] = []
    index = _Blocks(entities, published, doc_places)
    for r in order:
        fitting = [c for c in index.candidates(r, clusters) if _fits(c, r, entities, published, doc_places)]
        if fitting:
            def rank(c: _Cluster) -> tuple:
                same_site, _, same_toll = _details(c, r)
                return same_site, r.subtype is not None and r.subtype == c.subtype, same_toll, len(c.reports)
            chosen = max(fitting, key=rank)
            index.remove(chosen)
            chosen.add(r)
            index.add(chosen)
        else:
            clusters.append(_Cluster(r, len(clusters)))
            index.add(clusters[-1])
    return [sorted(c.reports, key=lambda r: (r.doc, r.evidence.start)) for c in clusters]


def _only(values: set[str]) -> str | None:
    """The one value of a set, or None (no value, or several) where an event leaves its slot open."""
    return next(iter(values)) if len(values) == 1 else None


class _Blocks:
    """Blocking, so fusion is not quadratic in the reports: events filed by type, year, month and country.
    Two reports whose times are known fit only in the same year, two dated to the month only in the same
    month, and two placed in different countries never (`_time_relation`, `_place_relation`): a report is
    compared only with the events of its own slots and those that leave a slot open (no year, no month, no
    place in a country), which gives exactly the events a scan of all would find to fit."""

    def __init__(self, entities: dict[str, Entity], published: dict[str, str],
                 doc_places: dict[str, set[str]] | None = None) -> None:
        self.entities, self.published, self.doc_places = entities, published, doc_places or {}
        # (type, year) -> (month, day) -> country -> the events of that slot by index
        self.slots: dict[tuple, dict[tuple, dict[str | None, dict[int, _Cluster]]]] = {}
        self.of: dict[int, tuple] = {}
        # for reports with no time at all, which only the place can tie: the events by place, by country,
        # and those at a region or sea (which can lie around a town of any country)
        self.by_type: dict[str, dict[int, _Cluster]] = {}
        self.by_place: dict[str, set[int]] = {}
        self.by_country: dict[str, set[int]] = {}
        self.areas: set[int] = set()
        self.placed: set[int] = set()
        self.nations = {code: [e.id for e in es] for code, es in countries_by_code(entities.values()).items()}

    def year(self, r: Report) -> str | None:
        when = r.date or (None if r.retrospective else self.published.get(r.doc))
        return when[:4] if when else None

    def country(self, r: Report) -> str | None:
        place = self.entities.get(r.location) if r.location else None
        if place is None:
            return None
        return place.nation or place.country

    def slot(self, c: _Cluster) -> tuple:
        years = {y for x in c.reports if (y := self.year(x))}
        months = {x.date[:7] for x in c.reports if x.date and len(x.date) >= 7}
        days = {x.date for x in c.reports if x.date and len(x.date) == 10}
        countries = {k for x in c.reports if (k := self.country(x))}
        return c.reports[0].type, _only(years), (_only(months), _only(days)), _only(countries)

    def add(self, c: _Cluster) -> None:
        kind, year, month, country = self.of[c.index] = self.slot(c)
        self.slots.setdefault((kind, year), {}).setdefault(month, {}).setdefault(country, {})[c.index] = c
        self.by_type.setdefault(kind, {})[c.index] = c
        for x in c.reports:
            if x.location:
                self.placed.add(c.index)
                self.by_place.setdefault(x.location, set()).add(c.index)
                if (self.entities.get(x.location) and self.entities[x.location].key or "").startswith(("region:", "sea:")):
                    self.areas.add(c.index)
            if k := self.country(x):
                self.by_country.setdefault(k, set()).add(c.index)

    def remove(self, c: _Cluster) -> None:
        kind, year, month, country = self.of.pop(c.index)
        del self.slots[(kind, year)][month][country][c.index]  # the place indexes only grow, as events do

    def untimed(self, r: Report) -> list[_Cluster]:
        """The events a report with no time can join. With no time of its own, nor a publication, its time
        agrees with none (`_time_relation`), so only an agreeing place can tie it (`_fits`): a report
        without a place joins none, one at a region or sea may meet any event, one elsewhere those near
        its place (`near`)."""
        if r.location is None:
            return []
        kind = self.by_type.get(r.type, {})
        near = self.near(r)
        if near is None:
            return [kind[i] for i in sorted(kind)]
        return [kind[i] for i in sorted(set().union(*near)) if i in kind]

    def near(self, r: Report) -> list[set[int]] | None:
        """The placed events a report's place can agree with (`_fits`), as sets to look in: at its place,
        at a region or sea, and at its country (for a country, in it); for a report without a place, at a
        place its document names or in the country its adjective gives. None: any (a report at a region
        or sea). A town's events never agree with another town's of its country (`_place_relation`), so
        a town looks only at its own and its country's. Not joined into one set: a country's events grow
        with the corpus, and a dated report looks up only its slot's few."""
        if r.location is None:
            return [*(self.by_place.get(p, set()) for p in self.doc_places.get(r.doc, ())),
                    self.by_country.get(r.country, set()) if r.country else set()]
        place = self.entities.get(r.location)
        if place is None or (place.key or "").startswith(("region:", "sea:")):
            return None
        if place.nation:
            return [self.by_place.get(place.id, set()), self.areas, self.by_country.get(self.country(r) or "", set())]
        return [self.by_place.get(place.id, set()), self.areas,
                *(self.by_place.get(n, set()) for n in self.nations.get(place.country or "", ()))]

    def candidates(self, r: Report, clusters: list[_Cluster]) -> list[_Cluster]:
        y = self.year(r)
        if y is None:
            return self.untimed(r)
        month = r.date[:7] if r.date and len(r.date) >= 7 else None
        country = self.country(r)
        day = r.date if r.date and len(r.date) == 10 else None
        # an undated report of a dated article meets events of the months around its publication only
        news = None if r.date or r.retrospective else self.published.get(r.doc)
        window = {f"{m:02d}" for m in range(int(news[5:7]) - NEWS_MONTHS, int(news[5:7]) + NEWS_MONTHS + 1)} \
            if news and len(news) >= 7 else None
        out: dict[int, _Cluster] = {}
        for year in (y, None):
            by_month = self.slots.get((r.type, year), {})
            # a report of a day meets events of that day or of no day yet, in its month or of no month
            keys = [(m, d) for m, d in by_month if (month is None or m in (month, None)) and (day is None or d in (day, None))] \
                if month else [(m, d) for m, d in by_month if m is None or window is None or m[5:7] in window]
            for key in keys:
                by_country = by_month.get(key, {})
                for k in ((country, None) if country else tuple(by_country)):
                    out.update(by_country.get(k, {}))
        near = self.near(r)
        # a report meets an event at an agreeing place, or one no report has placed yet
        return [out[i] for i in sorted(out) if near is None or any(i in ids for ids in near) or i not in self.placed]


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
    """The most precise date the reports give, the most common where they differ. Where they give only a
    year, an undated report in an article of that year dates the event to its publication month: an undated
    report is the news of the weeks before its article."""
    dates = [r.date for r in reports if r.date]
    news = sorted(docs[r.doc].published.value[:7] for r in reports
                  if not r.date and r.doc in docs and docs[r.doc].published and len(docs[r.doc].published.value) >= 7)
    if dates:
        longest = max(map(len, dates))
        best = Counter(d for d in dates if len(d) == longest).most_common()
        date = sorted(best, key=lambda x: (-x[1], x[0]))[0][0]
        months = [m for m in news if m.startswith(date)]
        if len(date) == 4 and months:
            return months[0], ["date-from-publication"]
        return date, []
    return (news[0], ["date-from-publication"]) if news else (None, [])


FIELDS = ("killed", "injured", "date", "location", "perpetrator")  # what an analyst can choose a report for


def report_value(r: Report, field: str, entities: dict[str, Entity] | None = None):
    """What one report says of `field`, as an event would show it, or None where it says nothing: the
    perpetrator is the attacker it asserts (a person before a group), else the one it suspects."""
    if field in ("killed", "injured"):
        v = getattr(r, field)
        return None if v is None else Range(v.low, v.high, _stated(v))
    if field == "perpetrator":
        entities = entities or {}
        for status in ("asserted", "suspected"):
            named = [a.entity for a in r.attributions if a.status == status]
            people = [i for i in named if i in entities and entities[i].type == "PER"]
            if named:
                return (people or named)[0]
        return None
    return getattr(r, field)


def _chosen(event: Event, overrides: list[Override], by_id: dict[str, Entity]) -> Event:
    """The event with each field an analyst chose a report for set to that report's value (a later choice
    wins) and flagged `chosen-by-analyst`; the conflicts stay as the reports give them."""
    spans = {r.evidence: r for r in event.reports}
    values = {}
    for o in overrides:
        r = spans.get(o.evidence)
        value = report_value(r, o.field, by_id) if r is not None and o.field in FIELDS else None
        if value is not None:
            values[o.field] = value
    if not values:
        return event
    # a chosen perpetrator is a suspect still where its report only suspects them
    asserted = any(a.entity == values.get("perpetrator") and a.status == "asserted" for r in event.reports
                   for a in r.attributions)
    gone = {"date": ("date-from-publication",),
            "perpetrator": ("perpetrator-unknown", "perpetrator-suspected") if asserted else ("perpetrator-unknown",)}
    flags = [f for f in event.flags if not any(f in gone.get(k, ()) for k in values)]
    if "perpetrator" in values and not asserted and "perpetrator-suspected" not in flags:
        flags.append("perpetrator-suspected")
    return replace(event, **values, flags=tuple(flags + ["chosen-by-analyst"]))


@stage("fuse", ("reports", "claims", "relations"), ("events", "conflicts"))
def fuse_events(reports: list[Report], entities: list[Entity], docs: list[Document],
                overrides: list[Override] | tuple = ()) -> tuple[list[Event], list[Conflict]]:
    """Events from the reports of every document, and where their sources disagree. `overrides`: the
    reports an analyst chose for a field of their event (`_chosen`)."""
    by_id = {e.id: e for e in entities}
    by_doc = {d.id: d for d in docs}
    events, conflicts = [], []
    published = {d.id: d.published.value for d in docs if d.published}
    doc_places: dict[str, set[str]] = {}
    for e in entities:
        if e.type == "LOC":
            for m in e.mentions:
                doc_places.setdefault(m.span.doc, set()).add(e.id)
    for group in cluster_reports(reports, by_id, published, doc_places):
        flags: list[str] = []
        claims = _without_parents([a.entity for r in group for a in r.attributions if a.status == "claimed"], by_id)
        claimed_by = _most_common(claims)
        if len(set(claims)) > 1:
            flags.append("competing-claims")
        asserted = _without_parents([a.entity for r in group for a in r.attributions if a.status == "asserted"], by_id)
        suspected = _without_parents([a.entity for r in group for a in r.attributions if a.status == "suspected"], by_id)
        unknown = any(r.perpetrator_unknown for r in group)
        # the attacker a source names is the perpetrator, the group behind them the claimant (GTD);
        # a named suspect comes before a group's claim, flagged as a suspect
        people = [i for i in asserted if i in by_id and by_id[i].type == "PER"]
        suspects = [i for i in suspected if i in by_id and by_id[i].type == "PER"]
        if asserted:
            perpetrator = _most_common(people or asserted)
        elif unknown:
            perpetrator = None
            flags.append("perpetrator-unknown")
        elif suspects:
            perpetrator = _most_common(suspects)
            flags.append("perpetrator-suspected")
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
        if overrides:
            event = _chosen(event, list(overrides), by_id)
        events.append(event)
        conflicts += _conflicts(event)
    events.sort(key=lambda v: (v.date or "9999", v.id))
    return events, conflicts


def _stated(r: Range) -> int | float | None:
    """The number a source printed: the bound it gave, or the lower end of its range."""
    return r.low if r.low is not None else r.high


def _conflicts(event: Event) -> list[Conflict]:
    out = []
    vague = {tuple(v) for v in cues().get("vague_amounts", {}).values()}
    for field in ("killed", "injured"):
        values = [(r.doc, getattr(r, field)) for r in event.reports if getattr(r, field) is not None]
        # sources that give different numbers disagree, even where "at least 3" and "4" could both be
        # true: which number a source printed is what an analyst checks. An order of magnitude ("dozens",
        # "honderden") printed no number: it disagrees only with a figure outside it
        counts = [v for _, v in values if (v.low, v.high) not in vague]
        sizes = [v for _, v in values if (v.low, v.high) in vague]
        if len({_stated(v) for v in counts}) > 1 or any(not a.overlaps(b) for a in sizes for b in counts + sizes):
            out.append(Conflict(event.id, field, tuple(values)))
    days = [(r.doc, r.date) for r in event.reports if r.date and len(r.date) == 10]
    if len({d for _, d in days}) > 1:
        out.append(Conflict(event.id, "date", tuple(days)))
    claims = [(r.doc, a.entity) for r in event.reports for a in r.attributions if a.status == "claimed"]
    if "competing-claims" in event.flags:
        out.append(Conflict(event.id, "claimed_by", tuple(claims)))
    return out

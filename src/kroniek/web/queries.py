"""Web app (read side): what each page shows, read from one loaded `KnowledgeBase`.

`Desk` holds the knowledge base of a store and loads it again when the SQLite file changes (a build
or a merge while the app runs); `View` is one loaded state with its indices (by id, facts by
document, the search index). Each page is a plain function `View` + request values -> a dict for its
template, or None for an id that is not there; nothing here knows about HTTP. These reading queries
repeat what `kroniek show` computes inside `cli.py`; both should move into one `query` module later.
"""
from __future__ import annotations

import os
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import itemgetter
from urllib.parse import quote, urlencode

from ..fuse.events import report_value
from ..gazetteer import fold
from ..model import Claim, Document, Entity, Event, KnowledgeBase, Mention, Range, Span, countries_by_code
from .highlight import Mark, nest
from .search import SearchIndex, first_line


# -- formatting shared by the pages ------------------------------------------------------------------
def figure(r: Range | None) -> str:
    """A count as a source states it: "12", "≥12", "≤12", "12–15"; "" when there is none."""
    if r is None:
        return ""
    if r.high is None:
        return f"≥{num(r.low)}"
    if r.low is None:
        return f"≤{num(r.high)}"
    return num(r.low) if r.low == r.high else f"{num(r.low)}–{num(r.high)}"


def num(x) -> str:
    """A figure as people write it: 4.0 as 4, 12000 as 12 000."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}".replace(",", " ") if isinstance(x, int) and abs(x) >= 10000 else str(x)


def precision(date: str | None) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(date or ""), "")


def words(s: str | None) -> str:
    return (s or "").replace("_", " ")


def squeeze(text: str) -> str:
    return " ".join(text.split())


# -- one loaded knowledge base -----------------------------------------------------------------------
@dataclass
class View:
    kb: KnowledgeBase
    docs: dict[str, Document] = field(init=False)
    entities: dict[str, Entity] = field(init=False)
    events: dict[str, Event] = field(init=False)
    names: dict[str, str] = field(init=False)
    folded: dict[str, set[str]] = field(init=False)  # folded name or alias -> entity ids
    index: SearchIndex = field(init=False)
    graphs: dict = field(init=False, default_factory=dict)  # relation graph layouts by predicate filter

    def __post_init__(self) -> None:
        kb = self.kb
        self.docs = {d.id: d for d in kb.documents}
        self.entities = {e.id: e for e in kb.entities}
        self.events = {v.id: v for v in kb.events}
        self.names = {e.id: e.name for e in kb.entities}
        self.folded = defaultdict(set)
        for e in kb.entities:
            for n in (e.name, *e.aliases):
                self.folded[fold(n)].add(e.id)
        self._marks: dict[str, list[Mark]] | None = None
        self._countries: dict[str, list[Entity]] | None = None  # country code -> its country entities
        self._titles = {v.id: self._title(v) for v in kb.events}  # a timeline sorts thousands by title
        self.index = SearchIndex(kb, self.names, self._titles)

    # what a dossier and a timeline look up, made once per loaded state: reading every event, claim and
    # relation for each page (and every entity for each event's place) made them grow with the archive
    @cached_property
    def by_entity(self) -> "_Facts":
        return _Facts(self)

    def countries_of(self, place: Entity | None) -> list[Entity]:
        """The entities that contain `place` (`Entity.contains`): the countries the gazetteer puts it in."""
        if place is None or not place.country:
            return []
        if self._countries is None:
            self._countries = countries_by_code(self.kb.entities)
        return [c for c in self._countries.get(place.country, ()) if c.id != place.id]

    # naming ----------------------------------------------------------------------------------------
    def name(self, ref: str | None) -> str:
        return "" if ref is None else self.names.get(ref, ref)

    def doc_title(self, doc_id: str) -> str:
        d = self.docs.get(doc_id)
        return doc_id if d is None else (d.title or first_line(d) or doc_id)

    def event_title(self, v: Event) -> str:
        return self._titles.get(v.id) or self._title(v)

    def _title(self, v: Event) -> str:
        what = words(v.subtype or v.type)
        where = f" in {self.name(v.location)}" if v.location else ""
        return f"{what}{where}, {v.date}" if v.date else f"{what}{where}, undated"

    def said(self, span: Span) -> str:
        d = self.docs.get(span.doc)
        return squeeze(span.slice(d.text)) if d else ""

    def find(self, name_or_id: str) -> set[str]:
        """The entities `name_or_id` names: an id, or any name or alias folded."""
        if name_or_id in self.entities:
            return {name_or_id}
        return set(self.folded.get(fold(name_or_id), ()))

    # facts by document -----------------------------------------------------------------------------
    def marks(self, doc_id: str) -> list[Mark]:
        """Every highlight of a document: mentions, event evidence and attributions, claims,
        relations and quotes, each with its link and anchor."""
        if self._marks is None:
            self._marks = self._all_marks()
        return self._marks.get(doc_id, [])

    def _all_marks(self) -> dict[str, list[Mark]]:
        out: dict[str, list[Mark]] = defaultdict(list)
        for e in self.kb.entities:
            for m in e.mentions:
                out[m.span.doc].append(Mark(m.span.start, m.span.end, "mention", href_actor(e.id), f"m-{m.id}",
                                            f"{e.name} ({e.type})"))
        for v in self.kb.events:
            title = self.event_title(v)
            for r in v.reports:
                tip = f"{title}; this report: killed {figure(r.killed) or '–'}, injured {figure(r.injured) or '–'}"
                out[r.doc].append(Mark(r.evidence.start, r.evidence.end, "event", href_event(v.id),
                                       anchor_report(v.id, r.evidence), tip))
                for a in r.attributions:
                    out[r.doc].append(Mark(a.evidence.start, a.evidence.end, "attribution", href_event(v.id),
                                           f"at-{v.id}-{a.evidence.start}", f"{a.status}: {self.name(a.entity)} ({title})"))
        for c in self.kb.claims:
            out[c.evidence.doc].append(Mark(c.evidence.start, c.evidence.end, "claim", href_actor(c.subject) + "#claims",
                                            f"c-{c.id}", f"{self.name(c.subject)}: {words(c.attribute)} {figure(c.value)}"
                                            + (f" (as of {c.as_of})" if c.as_of else "")))
        for r in self.kb.relations:
            for s in r.evidence:
                out[s.doc].append(Mark(s.start, s.end, "relation", href_actor(r.subject) + "#relations",
                                       anchor_relation(r.subject, r.predicate, r.object, s),
                                       f"{self.name(r.subject)} {words(r.predicate)} {self.name(r.object)}"))
        for q in self.kb.quotes:  # the quoted passages themselves; the first carries the quote's anchor
            for i, p in enumerate(q.passages or (q.span,)):
                out[p.doc].append(Mark(p.start, p.end, "quote", href_actor(q.speaker) + "#quotes",
                                       f"q-{q.span.start}" + (f"-{i}" if i else ""), f"quote: {self.name(q.speaker)}"))
        return out


class _Facts:
    """The facts of a loaded knowledge base by the entity they are about, each list in the knowledge
    base's own order, so a page built from them lists what a full scan would, in the same order."""

    def __init__(self, view: View) -> None:
        kb = view.kb
        self.order = {v.id: n for n, v in enumerate(kb.events)}
        self.acting: dict[str, list[Event]] = defaultdict(list)  # who did, claimed, is suspected or named
        self.placed: dict[str, list[Event]] = defaultdict(list)  # a place, and each country holding it
        for v in kb.events:
            who = {v.perpetrator, v.claimed_by, *v.suspects, *(a.entity for r in v.reports for a in r.attributions)}
            for x in who - {None}:
                self.acting[x].append(v)
            if v.location:
                for x in [v.location, *(c.id for c in view.countries_of(view.entities.get(v.location)))]:
                    self.placed[x].append(v)
        self.relations: dict[str, list] = defaultdict(list)
        for r in kb.relations:
            for x in dict.fromkeys((r.subject, r.object)):
                self.relations[x].append(r)
        self.claims: dict[str, list[Claim]] = defaultdict(list)
        for c in kb.claims:
            self.claims[c.subject].append(c)
        self._names: dict[tuple[str, int | None], tuple[list[dict], list[str]]] = {}
        self.quotes: dict[str, list] = defaultdict(list)
        for q in kb.quotes:
            self.quotes[q.speaker].append(q)
        self.conflicts: dict[str, list[int]] = defaultdict(list)  # by position, to list them in the kb's order
        for n, c in enumerate(kb.conflicts):
            self.conflicts[c.about].append(n)
        self.kinds = sorted({v.type for v in kb.events} | {v.subtype for v in kb.events if v.subtype})
        self.actor_names = sorted({view.name(x) for v in kb.events for x in (v.perpetrator, v.claimed_by, *v.suspects)
                                   if x})
        located = {v.location for v in kb.events if v.location}
        self.place_names = sorted({view.name(x) for x in located}
                                  | {c.name for x in located for c in view.countries_of(view.entities.get(x))})

    def names(self, e: Entity, limit: int | None) -> tuple[list[dict], list[str]]:
        """`_names`, made once per entity and loaded state: reading an actor's names off tens of thousands
        of mentions is most of a dossier's cost, and the mentions only change with a new state."""
        if (e.id, limit) not in self._names:
            self._names[e.id, limit] = _names(e, limit)
        return self._names[e.id, limit]

    def events(self, ids: str | set[str], actors: bool = True, places: bool = False) -> list[Event]:
        """The events any of `ids` did, claimed or is named in (`actors`), or that happened there or in a
        place within it (`places`): once each, in the knowledge base's order."""
        ids = {ids} if isinstance(ids, str) else ids
        found = {v.id: v for x in ids for index in (self.acting if actors else {}, self.placed if places else {})
                 for v in index.get(x, ())}
        return sorted(found.values(), key=lambda v: self.order[v.id])


def href_actor(ref: str) -> str:
    return "/actor/" + quote(ref, safe="")


def href_event(ref: str) -> str:
    return "/event/" + quote(ref, safe="")


def _quoted(text: str, safe: str) -> str:
    return text if _PLAIN.fullmatch(text) else quote(text, safe=safe)


# what `quote` leaves as it is: most ids and anchors, which a page links thousands of times
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*")


def href_doc(ref: str, anchor: str | None = None) -> str:
    return "/document/" + _quoted(ref, "/") + (f"#{_quoted(anchor, '')}" if anchor else "")


def anchor_report(event_id: str, evidence: Span) -> str:
    return f"ev-{event_id}-{evidence.start}"


def anchor_relation(subject: str, predicate: str, obj: str, s: Span) -> str:
    return f"r-{predicate}-{subject}-{obj}-{s.start}"


class Desk:
    """The knowledge base of one store, loaded once and again whenever its SQLite file changes."""

    def __init__(self, store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._view: View | None = None
        self._stamp: tuple | None = None
        url = str(store.url)
        self._path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else None

    def _current_stamp(self) -> tuple | None:
        if self._path is None:
            return None  # another database: loaded once
        stamp = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self._path + suffix)
                stamp.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamp.append(None)
        return tuple(stamp)

    def forget(self) -> None:
        """Load the knowledge base again at the next request (after a correction wrote to it)."""
        with self._lock:
            self._view = None

    def loaded(self) -> View:
        """The view the last `view()` call loaded (or loads one)."""
        return self._view if self._view is not None else self.view()

    def view(self) -> View:
        stamp = self._current_stamp()
        with self._lock:
            if self._view is None or stamp != self._stamp:
                self._view = View(self.store.knowledge_base())
                self._stamp = stamp
            return self._view


# -- pages -------------------------------------------------------------------------------------------
def overview(view: View) -> dict:
    kb = view.kb
    counts = {"documents": len(kb.documents), "actors": len(kb.entities), "events": len(kb.events),
              "claims": len(kb.claims), "relations": len(kb.relations), "quotes": len(kb.quotes),
              "conflicts": len(kb.conflicts)}
    actors = sorted((e for e in kb.entities if e.type in ("ORG", "PER")), key=lambda e: (-len(e.mentions), e.name))[:16]
    return {"counts": counts, "actors": [{"id": e.id, "name": e.name, "type": e.type, "mentions": len(e.mentions),
                                          "documents": len(e.documents)} for e in actors]}


def search_page(view: View, q: str) -> dict:
    hits = view.index.search(q) if q.strip() else {}
    return {"q": q, "hits": hits, "total": sum(len(h) for h in hits.values()), **overview(view)}


def _roles(view: View, v: Event, wanted: set[str], places: bool = True) -> list[str]:
    roles = [role for role, who in (("perpetrator", v.perpetrator), ("claimed", v.claimed_by)) if who in wanted]
    roles += ["suspected" for s in v.suspects if s in wanted and "perpetrator" not in roles][:1]
    # read only where no role is known yet: an actor's timeline weighs thousands of events of many reports
    if not roles and any(a.entity in wanted for r in v.reports for a in r.attributions):
        roles.append("named in a report")
    if places and v.location:
        loc = view.entities.get(v.location)
        if v.location in wanted:
            roles.append("place")
        elif any(c.id in wanted for c in view.countries_of(loc)):
            roles.append("place (within)")
    return roles


# rows of each long list (names' documents, relations' evidence, figures, events, quotes, conflicts,
# documents) that a dossier shows: an actor of a large archive is in thousands of documents, and a page
# that lists them all takes seconds to make and to read; `?all=1` lists every one
DOSSIER_ROWS = 100


def dossier(view: View, entity_id: str, limit: int | None = DOSSIER_ROWS) -> dict | None:
    """An actor's page: names, relations, figures, events, quotes, conflicts and documents, each list cut
    to `limit` rows (None: every row) and its full length in `totals`. Rows are made only for what is
    shown, so the page costs the same for an actor of ten documents and of ten thousand."""
    e = view.entities.get(entity_id)
    if e is None:
        return None

    def cut(rows):
        return rows if limit is None else rows[:limit]

    kb = view.kb
    facts = view.by_entity
    names, documents = facts.names(e, limit)
    mine = facts.relations.get(entity_id, ())
    relations = [{"subject": r.subject, "predicate": words(r.predicate), "object": r.object,
                  "evidence_total": len(r.evidence),
                  "evidence": [{"doc": s.doc, "text": view.said(s),
                                "href": href_doc(s.doc, anchor_relation(r.subject, r.predicate, r.object, s))}
                               for s in cut(r.evidence)]}
                 for r in mine]
    leaders = sorted({r.subject for r in mine if r.predicate == "leader_of" and r.object == entity_id})
    founders = sorted({r.object for r in mine if r.predicate == "founded_by" and r.subject == entity_id})

    claims = sorted(facts.claims.get(entity_id, ()),
                    key=lambda c: (c.attribute, c.as_of or "", view.name(c.attributed_to), c.evidence.doc))
    claim_rows = [_claim_row(view, c) for c in cut(claims)]
    founded = sorted({figure(c.value) for c in claims if c.attribute == "founded"})
    charts = [chart for attribute in dict.fromkeys(c.attribute for c in claims if c.attribute != "founded")
              if (chart := claim_chart(view, [c for c in claims if c.attribute == attribute], attribute))]

    # every event the index gives for an actor or a place has a role here (it is indexed by the roles
    # `_roles` names), so the count needs no row; rows are made for the ones shown, by date
    wanted = {entity_id}
    found = facts.events(entity_id, places=True)
    found.sort(key=lambda v: (v.date is None, v.date or "", view.event_title(v)))
    events = [{**event_row(view, v), "roles": roles} for v in cut(found) if (roles := _roles(view, v, wanted))]
    quotes = [{"doc": q.span.doc, "title": view.doc_title(q.span.doc), "href": href_doc(q.span.doc, f"q-{q.span.start}"),
               "passages": [view.said(p) for p in (q.passages or (q.span,))]}
              for q in cut(facts.quotes.get(entity_id, []))]
    about = sorted({n for x in (entity_id, *(v.id for v in found)) for n in facts.conflicts.get(x, ())})
    conflicts = [conflict_row(view, kb.conflicts[n]) for n in cut(about)]
    totals = {"claims": len(claims), "events": len(found), "quotes": len(facts.quotes.get(entity_id, ())),
              "conflicts": len(about), "documents": len(documents)}
    documents = [{"id": d, "title": view.doc_title(d)} for d in cut(documents)]
    return {"e": e, "names": names, "relations": relations, "leaders": leaders, "founders": founders,
            "founded": founded, "claims": claim_rows, "charts": charts, "events": events, "quotes": quotes,
            "conflicts": conflicts, "documents": documents, "totals": totals, "limit": limit,
            "cut": limit is not None and any(n > limit for n in totals.values())
            or any(len(n["where"]) < n["documents"] for n in names)
            or any(len(r["evidence"]) < r["evidence_total"] for r in relations)}


def _names(e: Entity, limit: int | None) -> tuple[list[dict], list[str]]:
    """The names an entity goes by, most used first, each with its count, its number of documents and
    (up to `limit`) the documents it is in, in order, each linked to the name's first mention there; and
    every document that names the entity, in order. Read off the mentions in their order (`Entity`) in
    one pass: an actor of a large archive has tens of thousands, and sorting them, or walking them once
    per name or per figure, made a page that shows a hundred rows grow with the archive."""
    # in the mentions' order, so each name's documents come in order and its first mention there first
    per_document: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], Mention] = {}
    for m in e.mentions:
        key = (m.text, m.span.doc)
        if key in per_document:
            per_document[key] += 1
        else:
            per_document[key] = 1
            first[key] = m
    by_name: dict[str, list[tuple[str, int]]] = defaultdict(list)
    counts: Counter = Counter()
    for (t, d), n in per_document.items():
        by_name[t].append((d, n))
        counts[t] += n
    names = [{"text": t, "count": counts[t], "documents": len(there), "main": t == e.name, "alias": t in e.aliases,
              "where": [{"doc": d, "href": href_doc(d, f"m-{first[t, d].id}"), "n": n}
                        for d, n in (there if limit is None else there[:limit])]}
             for t, there in sorted(by_name.items(), key=lambda kv: (-counts[kv[0]], kv[0]))]
    for alias in e.aliases:  # an alias known only from the gazetteer or an alias link
        if alias not in by_name:
            names.append({"text": alias, "count": 0, "where": [], "documents": 0, "main": False, "alias": True})
    return names, list(dict.fromkeys(map(itemgetter(1), per_document)))


def _claim_row(view: View, c: Claim) -> dict:
    return {"attribute": words(c.attribute), "value": figure(c.value), "as_of": c.as_of,
            "source": view.name(c.attributed_to), "source_id": c.attributed_to if c.attributed_to in view.entities else None,
            "doc": c.evidence.doc, "text": view.said(c.evidence), "href": href_doc(c.evidence.doc, f"c-{c.id}")}


def event_row(view: View, v: Event, title: str | None = None) -> dict:
    return {"id": v.id, "title": view.event_title(v) if title is None else title, "date": v.date, "precision": precision(v.date),
            "type": v.type, "subtype": words(v.subtype), "location": v.location, "perpetrator": v.perpetrator,
            "claimed_by": v.claimed_by, "killed": figure(v.killed), "injured": figure(v.injured),
            "sources": len({r.doc for r in v.reports}), "flags": [words(f) for f in v.flags]}


def _window(text: str, span: Span, width: int = 320) -> tuple[int, int]:
    """The paragraph around `span`, cut to about `width` characters either side at word boundaries."""
    lo = text.rfind("\n", 0, span.start) + 1
    hi = text.find("\n", span.end)
    hi = len(text) if hi < 0 else hi
    if span.start - lo > width:
        lo = text.find(" ", span.start - width, span.start) + 1 or span.start - width
    if hi - span.end > width:
        cut = text.rfind(" ", span.end, span.end + width)
        hi = cut if cut > span.end else span.end + width
    return lo, hi


def event_page(view: View, event_id: str) -> dict | None:
    v = view.events.get(event_id)
    if v is None:
        return None
    reports = []
    for r in v.reports:
        d = view.docs.get(r.doc)
        if d is None:
            continue
        lo, hi = _window(d.text, r.evidence)
        marks = [Mark(r.evidence.start, r.evidence.end, "event", "", "", "this report's evidence")]
        marks += [m for m in view.marks(r.doc) if m.kind == "mention"]
        choices = []  # what an analyst can make the event show: the values this report gives
        for what, label in (("killed", "killed"), ("injured", "injured"), ("date", "date"), ("location", "place"),
                             ("perpetrator", "perpetrator")):
            value = report_value(r, what, view.entities)
            if value is not None:
                shown = figure(value) if isinstance(value, Range) else view.name(value) if what != "date" else value
                choices.append({"field": what, "label": f"{label}: {shown}"})
        reports.append({"doc": r.doc, "title": view.doc_title(r.doc), "published": d.published,
                        "start": r.evidence.start, "end": r.evidence.end, "choices": choices,
                        "href": href_doc(r.doc, anchor_report(v.id, r.evidence)),
                        "killed": figure(r.killed), "injured": figure(r.injured), "date": r.date,
                        "precision": precision(r.date), "location": r.location, "subtype": words(r.subtype),
                        "sites": [words(s) for s in r.sites], "perpetrator_unknown": r.perpetrator_unknown,
                        "attributions": [{"entity": a.entity, "status": a.status, "channel": a.channel,
                                          "text": view.said(a.evidence),
                                          "href": href_doc(r.doc, f"at-{v.id}-{a.evidence.start}")}
                                         for a in r.attributions],
                        "before": lo > 0 and d.text[lo - 1] != "\n", "after": hi < len(d.text) and d.text[hi] != "\n", "steps": nest(d.text, marks, lo, hi)})
    conflicts = [conflict_row(view, view.kb.conflicts[n]) for n in view.by_entity.conflicts.get(event_id, ())]
    return {"v": v, "row": event_row(view, v), "reports": reports, "conflicts": conflicts,
            "killed": v.killed, "injured": v.injured}


def conflict_row(view: View, c) -> dict:
    event = view.events.get(c.about)
    # the first report of each document, or the group's claims: scanning every report for each value (or
    # every claim of the archive) made a conflict of many sources slow to show
    first = {} if event is None else {r.doc: r for r in reversed(event.reports)}
    claims = view.by_entity.claims.get(c.about, ()) if event is None else ()
    values = []
    for doc, value in c.values:
        shown = figure(value) if isinstance(value, Range) else view.name(value)
        evidence, href = "", href_doc(doc)
        if event is not None:
            r = first.get(doc)
            if r is not None:
                evidence, href = view.said(r.evidence), href_doc(doc, anchor_report(event.id, r.evidence))
        else:
            cl = next((cl for cl in claims if cl.evidence.doc == doc
                       and (c.attribute is None or cl.attribute == c.attribute)), None)
            if cl is not None:
                evidence, href = view.said(cl.evidence), href_doc(doc, f"c-{cl.id}")
        values.append({"doc": doc, "title": view.doc_title(doc), "value": shown,
                       "entity": value if isinstance(value, str) and value in view.entities else None,
                       "evidence": evidence, "href": href})
    return {"about": c.about, "is_event": event is not None,
            "title": view.event_title(event) if event else view.name(c.about),
            "field": words(c.field), "attribute": words(c.attribute), "as_of": c.as_of, "values": values}


def document_page(view: View, doc_id: str) -> dict | None:
    d = view.docs.get(doc_id)
    if d is None:
        return None
    marks = view.marks(doc_id)
    counts = defaultdict(int)
    for m in marks:
        counts[m.kind] += 1
    actors = sorted(((e, sum(1 for m in e.mentions if m.span.doc == doc_id)) for e in view.kb.entities
                     if any(m.span.doc == doc_id for m in e.mentions)), key=lambda p: (-p[1], p[0].name))
    events = [event_row(view, v) for v in view.kb.events if any(r.doc == doc_id for r in v.reports)]
    # the claims, relations and quotes read in it, each named by its kind and evidence span for a rejection
    facts = [("claim", c.evidence, f"{view.name(c.subject)}: {words(c.attribute)} {figure(c.value)}")
             for c in view.kb.claims if c.evidence.doc == doc_id]
    facts += [("relation", s, f"{view.name(r.subject)} {words(r.predicate)} {view.name(r.object)}")
              for r in view.kb.relations for s in r.evidence if s.doc == doc_id]
    facts += [("quote", q.span, f"quote: {view.name(q.speaker)}") for q in view.kb.quotes if q.span.doc == doc_id]
    return {"d": d, "title": view.doc_title(doc_id), "steps": nest(d.text, marks), "counts": dict(counts),
            "facts": [{"value": f"{kind} {s.start} {s.end}", "label": label, "text": squeeze(view.said(s))[:120]}
                      for kind, s, label in sorted(facts, key=lambda f: (f[1].start, f[0]))],
            "actors": [{"id": e.id, "name": e.name, "type": e.type, "count": n} for e, n in actors],
            "events": events, "precision": precision(d.published.value) if d.published else ""}


def _pad(date: str, high: bool) -> str:
    parts = date.split("-")
    parts += ["99" if high else "00"] * (3 - len(parts))
    return "-".join(parts)


# rows a timeline shows before "show all": an actor of a large archive has thousands of events, and a
# row costs more to make and to read than the page's other parts together
TIMELINE_ROWS = 200


def timeline(view: View, actor: str = "", place: str = "", kind: str = "", start: str = "", end: str = "",
             limit: int | None = TIMELINE_ROWS) -> dict:
    """Events in date order (undated last), kept by who did or claimed them, where (a country keeps
    the places within it), their type or subtype, and a date range of ISO prefixes. Rows are made for
    the first `limit` of them (None: all); `matched` counts them all, and the time strip shows them all."""
    notes = []
    actors = view.find(actor.strip()) if actor.strip() else None
    if actors is not None and not actors:
        notes.append(f"No actor is called “{actor.strip()}”.")
    places = view.find(place.strip()) if place.strip() else None
    if places is not None and not places:
        notes.append(f"No place is called “{place.strip()}”.")
    start, end = start.strip(), end.strip()
    facts = view.by_entity
    # the indexes hold exactly the events an actor has a role in and those in a place or its country,
    # so what they give needs no second check by role or place
    if actors is not None and places is not None:
        there = {v.id for v in facts.events(places, actors=False, places=True)}
        candidates = [v for v in facts.events(actors) if v.id in there]
    elif actors is not None:
        candidates = facts.events(actors)
    elif places is not None:
        candidates = facts.events(places, actors=False, places=True)
    else:
        candidates = view.kb.events
    low, high = _pad(start, False) if start else "", _pad(end, True) if end else ""
    kept = []
    for v in candidates:
        if kind and kind not in (v.type, v.subtype):
            continue
        if start or end:
            if not v.date or (low and _pad(v.date, True) < low) or (high and _pad(v.date, False) > high):
                continue
        kept.append((v.date is None, v.date or "", view.event_title(v), len(kept), v))
    kept.sort()
    shown = kept if limit is None else kept[:limit]
    rows = [event_row(view, v, title) for _, _, title, _, v in shown]
    groups: list[tuple[str, list[dict]]] = []
    for r in rows:
        label = r["date"][:4] if r["date"] else "undated"
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(r)
    filters = {"actor": actor, "place": place, "type": kind, "from": start, "to": end}
    return {"rows": rows, "groups": groups, "notes": notes, "kinds": list(facts.kinds), "matched": len(kept),
            "cut": len(rows) < len(kept), "actor_names": list(facts.actor_names),
            "place_names": list(facts.place_names), "total": len(view.kb.events),
            "filters": filters, "all_href": "/timeline?" + urlencode({**{k: x for k, x in filters.items() if x}, "all": 1}),
            "strip": time_strip([(v, title) for _, _, title, _, v in kept])}


def conflicts_page(view: View) -> dict:
    rows = [conflict_row(view, c) for c in view.kb.conflicts]
    rows.sort(key=lambda r: (not r["is_event"], r["title"], r["field"] != "killed", r["field"]))
    return {"rows": rows}


# -- charts (inline SVG geometry; the template writes the elements) ----------------------------------
PALETTE = ("#1f6fb4", "#d0621b", "#2d8a4e", "#9b3fa3", "#b3261e", "#6b6b2a", "#2a8a8a", "#555555")


@lru_cache(maxsize=8192)  # an archive's events share a few thousand dates, and a strip places them all
def _year(date: str) -> float:
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1 + (parts[2] - 0.5) / 31) / 12


def _nice(x: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above `x`."""
    if x <= 0:
        return 1
    p = 10 ** len(str(int(x))) / 10
    for step in (1, 2, 5, 10):
        if step * p >= x:
            return step * p
    return 10 * p


def claim_chart(view: View, claims: list[Claim], attribute: str, width: int = 560, height: int = 180) -> dict | None:
    """A size-over-time chart of one attribute's claims that have a date: per claim a bar from low to
    high (dashed where open-ended), a dot at the stated value, one colour per source."""
    dated = [c for c in claims if c.as_of and any(isinstance(x, (int, float)) for x in (c.value.low, c.value.high))]
    if not dated:
        return None
    left, right, top, bottom = 56, 16, 12, 28
    xs = [_year(c.as_of) for c in dated]
    x0, x1 = min(xs), max(xs)
    pad = max(0.75, (x1 - x0) * 0.08)
    x0, x1 = x0 - pad, x1 + pad
    y1 = _nice(max(max(x for x in (c.value.low, c.value.high) if x is not None) for c in dated) * 1.1)

    def px(x: float) -> float:
        return round(left + (x - x0) / (x1 - x0) * (width - left - right), 1)

    def py(y: float) -> float:
        return round(height - bottom - y / y1 * (height - top - bottom), 1)
    sources: dict[str, str] = {}
    marks = []
    for c, x in zip(dated, xs):
        source = view.name(c.attributed_to) or view.doc_title(c.evidence.doc)
        colour = sources.setdefault(source, PALETTE[len(sources) % len(PALETTE)])
        low, high = c.value.low, c.value.high
        dot = low if low is not None else high
        marks.append({"x": px(x), "y_low": py(low if low is not None else 0), "y_high": py(high if high is not None else y1),
                      "y_dot": py(dot), "dashed": low is None or high is None, "colour": colour,
                      "label": f"{figure(c.value)} as of {c.as_of} ({source})"})
    years = range(int(x0) + (x0 % 1 > 0.01), int(x1) + 1)
    step = max(1, len(years) // 8)
    xticks = [{"x": px(y), "label": str(y)} for y in list(years)[::step]]
    yticks = [{"y": py(y1 * k / 4), "label": num(int(y1 * k / 4) if float(y1 * k / 4).is_integer() else y1 * k / 4)}
              for k in range(5)]
    return {"attribute": words(attribute), "width": width, "height": height, "left": left, "right": width - right,
            "top": top, "bottom": height - bottom, "marks": marks, "xticks": xticks, "yticks": yticks,
            "legend": [{"label": s, "colour": c} for s, c in sources.items()]}


def time_strip(events: list[tuple[Event, str]], width: int = 960, height: int = 56) -> dict | None:
    """A strip of the dated events (each with its title) over time, taller for more deaths: one tick per
    pixel column, for the deadliest event there, its label saying how many others share the column.
    Thousands of events, each a tick of its own, would draw the same strip at many times the cost."""
    dated = [(v, title) for v, title in events if v.date]
    if not dated:
        return None
    xs = [_year(v.date) for v, _ in dated]
    x0, x1 = min(xs), max(xs)
    if x1 - x0 < 1:
        x0, x1 = x0 - 0.5, x1 + 0.5
    left, right = 8, 8

    scale = (width - left - right) / (x1 - x0)

    def px(x: float) -> float:
        return round(left + (x - x0) * scale, 1)
    columns: dict[int, list] = {}
    for (v, title), x in zip(dated, xs):
        k = v.killed
        dead = (k.low if k.low is not None else k.high or 0) if k else 0
        column = columns.setdefault(round(left + (x - x0) * scale), [-1, None, None, 0])  # px(x), rounded once
        if dead > column[0]:
            column[:3] = dead, v, title
        column[3] += 1
    ticks = []
    for x, (dead, v, title, n) in sorted(columns.items()):
        label = title if n == 1 else f"{title} (and {n - 1} more event{'s' if n > 2 else ''} here)"
        ticks.append({"x": x, "h": round(8 + min(28, dead ** 0.5 * 3), 1), "id": v.id, "label": label})
    years = range(int(x0) + (x0 % 1 > 0.01), int(x1) + 1)
    step = max(1, len(years) // 10)
    return {"width": width, "height": height, "base": 38, "ticks": ticks,
            "years": [{"x": px(y), "label": str(y)} for y in list(years)[::step]]}

"""The dossier and timeline queries read only the facts about what they are asked for (the loaded
knowledge base's indexes by entity), and list exactly what reading every event would: checked by
counting the events each query looks at, not by timing it."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kroniek.model import Attribution, Event, KnowledgeBase
from kroniek.web import queries
from kroniek.web.queries import View, dossier, timeline

from .desk import desk_kb


def _archive() -> KnowledgeBase:
    """The desk's knowledge base with many more events, most by another group, some undated or placeless."""
    kb = desk_kb()
    others = [Event(f"V-other-{n:03d}", "attack", "shooting" if n % 2 else "bombing",
                    None if n % 7 == 0 else f"2022-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
                    None if n % 5 == 0 else ("E-kismayo", "E-somalia")[n % 2],
                    "E-iss" if n % 3 else None, None, suspects=("E-ali",) if n % 11 == 0 else ())
              for n in range(120)]
    # events whose only tie to an actor is a report naming it
    report = kb.events[0].reports[0]
    named = [Event(f"V-named-{n}", "attack", None, f"2021-0{n + 1}-01", "E-kismayo", None, None,
                   (replace(report, attributions=(Attribution("E-abdi", "suspected", report.evidence, "statement"),)),))
             for n in range(3)]
    return replace(kb, events=kb.events + others + named)


def _scanned(view: View, actor: set[str] | None, place: set[str] | None) -> list[str]:
    """The ids a timeline shows when it reads every event (what the page did before its indexes)."""
    out = []
    for v in view.kb.events:
        if actor is not None and not queries._roles(view, v, actor, places=False):
            continue
        if place is not None:
            loc = view.entities.get(v.location) if v.location else None
            if loc is None or not (loc.id in place or any(view.entities[p].contains(loc) for p in place)):
                continue
        out.append(v.id)
    return out


def _counting(monkeypatch) -> list[str]:
    seen: list[str] = []
    original = queries._roles

    def roles(view, v, wanted, places=True):
        seen.append(v.id)
        return original(view, v, wanted, places)
    monkeypatch.setattr(queries, "_roles", roles)
    return seen


@pytest.mark.parametrize("actor,place", [("al-Shabaab", ""), ("Islamic State in Somalia", ""), ("Ali Dheere", ""), ("Abdi Noor", ""),
                                         ("", "Somalia"), ("", "Kismayo"), ("Islamic State in Somalia", "Kismayo"),
                                         ("al-Shabaab", "Somalia")])
def test_query_timeline_lists_what_a_full_scan_lists_reading_only_its_actors_events(monkeypatch, actor, place):
    view = View(_archive())
    wanted = view.find(actor) if actor else None
    there = view.find(place) if place else None
    expected = _scanned(view, wanted, there)
    assert expected  # each filter keeps some events, and (below) leaves others out
    seen = _titled(monkeypatch, view)
    page = timeline(view, actor=actor, place=place, limit=None)
    rows = [r["id"] for r in page["rows"]]
    assert sorted(rows) == sorted(expected) and len(rows) < len(view.kb.events)
    assert sorted(seen) == sorted(expected)  # the indexed events are weighed, no others
    assert page["total"] == len(view.kb.events) and page["matched"] == len(expected) and not page["cut"]


def _titled(monkeypatch, view: View) -> list[str]:
    """The ids of the events a query names, each time it names one."""
    seen: list[str] = []
    original = view.event_title

    def title(v):
        seen.append(v.id)
        return original(v)
    monkeypatch.setattr(view, "event_title", title)
    return seen


@pytest.mark.parametrize("actor,place", [("", ""), ("Islamic State in Somalia", ""), ("", "Somalia")])
def test_query_timeline_cut_to_a_limit_lists_the_first_rows_and_draws_every_event(monkeypatch, actor, place):
    view = View(_archive())
    whole = timeline(view, actor=actor, place=place, limit=None)
    assert whole["matched"] > 10 and not whole["cut"]
    made = []
    original = queries.event_row
    monkeypatch.setattr(queries, "event_row", lambda view, v, title=None: made.append(v.id) or original(view, v, title))
    page = timeline(view, actor=actor, place=place, limit=10)
    assert page["rows"] == whole["rows"][:10] and page["cut"] and page["matched"] == whole["matched"]
    assert made == [r["id"] for r in page["rows"]]  # rows are made for the shown events only
    assert page["strip"] == whole["strip"]
    assert [r["id"] for rows in (g[1] for g in page["groups"]) for r in rows] == made


def test_query_timeline_strip_draws_one_tick_per_column_for_its_deadliest_event():
    from kroniek.model import Range

    base = Event("V-a", "attack", "bombing", "2020-01-01", None, None, None, killed=Range(2, 2))
    same_day = [replace(base, id="V-b", killed=Range(9, None)), replace(base, id="V-c", killed=None),
                replace(base, id="V-d", killed=Range(None, 30))]
    later = replace(base, id="V-e", date="2021-06", killed=Range(1, 1))
    undated = replace(base, id="V-f", date=None, killed=Range(500, 500))
    strip = queries.time_strip([(v, v.id) for v in [base, *same_day, later, undated]])
    assert [(t["id"], t["label"]) for t in strip["ticks"]] == [("V-d", "V-d (and 3 more events here)"), ("V-e", "V-e")]
    assert strip["ticks"][0]["x"] < strip["ticks"][1]["x"]
    assert strip["ticks"][0]["h"] > strip["ticks"][1]["h"]  # 30 dead (an "at most" figure) against 1
    assert queries.time_strip([(undated, "x")]) is None


def test_query_timeline_lists_choices_of_every_event():
    view = View(_archive())
    page = timeline(view)
    assert len(page["rows"]) == len(view.kb.events)
    assert page["kinds"] == sorted({v.type for v in view.kb.events} | {v.subtype for v in view.kb.events if v.subtype})
    assert page["place_names"] == ["Kismayo", "Somalia"]  # Kismayo's country offered beside it
    assert page["actor_names"] == ["Ali Dheere", "Islamic State in Somalia", "al-Shabaab"]


@pytest.mark.parametrize("entity", ["E-shabaab", "E-iss", "E-ali", "E-kismayo", "E-somalia", "E-abdi"])
def test_query_dossier_reads_only_the_events_about_its_actor(monkeypatch, entity):
    view = View(_archive())
    expected = [v.id for v in view.kb.events if queries._roles(view, v, {entity})]
    seen = _counting(monkeypatch)
    page = dossier(view, entity, limit=None)
    assert sorted(r["id"] for r in page["events"]) == sorted(expected)
    assert page["totals"]["events"] == len(expected) and not page["cut"]
    assert sorted(seen) == sorted(expected)  # an actor in none of the other group's attacks never reads them
    assert page["claims"] == [queries._claim_row(view, c) for c in sorted(
        (c for c in view.kb.claims if c.subject == entity),
        key=lambda c: (c.attribute, c.as_of or "", view.name(c.attributed_to), c.evidence.doc))]
    assert [r["subject"] + r["predicate"] + r["object"] for r in page["relations"]] == [
        r.subject + queries.words(r.predicate) + r.object for r in view.kb.relations if entity in (r.subject, r.object)]
    assert len(page["quotes"]) == sum(q.speaker == entity for q in view.kb.quotes)


@pytest.mark.parametrize("entity", ["E-iss", "E-somalia", "E-kismayo"])
def test_query_dossier_cut_to_a_limit_makes_rows_only_for_what_it_shows(monkeypatch, entity):
    view = View(_archive())
    whole = dossier(view, entity, limit=None)
    assert len(whole["events"]) > 4
    seen = _counting(monkeypatch)
    page = dossier(view, entity, limit=4)
    assert [r["id"] for r in page["events"]] == [r["id"] for r in whole["events"]][:4]
    assert len(seen) == 4  # the roles of the events not shown are never weighed
    assert page["totals"] == whole["totals"] and page["cut"]
    assert page["conflicts"] == whole["conflicts"][:4] and page["documents"] == whole["documents"][:4]
    for cut, full in zip(page["names"], whole["names"]):
        assert (cut["text"], cut["count"], cut["documents"]) == (full["text"], full["count"], full["documents"])
        assert cut["where"] == full["where"][:4]


def _names_by_sorting(e, limit):
    """What the dossier listed before it stopped sorting an entity's mentions: each name's documents in
    order, with the name's first mention there and its count, and the documents that name the entity."""
    from collections import Counter

    ordered = sorted(e.mentions, key=lambda m: (m.span.doc, m.span.start))
    counts = Counter(m.text for m in ordered)
    rows = {}
    for t in sorted(counts, key=lambda t: (-counts[t], t)):
        mine = [m for m in ordered if m.text == t]
        docs = list(dict.fromkeys(m.span.doc for m in mine))
        shown = docs if limit is None else docs[:limit]
        rows[t] = (counts[t], len(docs), [(d, next(m.id for m in mine if m.span.doc == d),
                                           sum(m.span.doc == d for m in mine)) for d in shown])
    return rows, sorted({m.span.doc for m in e.mentions})


@given(st.lists(st.tuples(st.sampled_from(["IS", "Islamic State", "ISIS"]), st.integers(0, 6), st.integers(0, 50)),
                min_size=1, max_size=40, unique_by=lambda x: (x[1], x[2])),
       st.sampled_from([None, 1, 2, 5]))
def test_query_dossier_names_list_what_sorting_every_mention_did(mentions, limit):
    from kroniek.model import Entity, Mention, Span

    e = Entity("E-is", "ORG", "Islamic State", ("IS", "Daesh"),
               tuple(Mention(f"m{n}", Span(f"doc-{d}", s, s + len(t)), t, "ORG", "test")
                     for n, (t, d, s) in enumerate(mentions)))
    names, documents = queries._names(e, limit)
    rows, expected_documents = _names_by_sorting(e, limit)
    assert documents == expected_documents
    listed = [n for n in names if n["count"]]
    assert [n["text"] for n in listed] == list(rows)
    for n in listed:
        count, docs, where = rows[n["text"]]
        assert (n["count"], n["documents"]) == (count, docs)
        assert [(w["doc"], w["href"].rsplit("#m-", 1)[1], w["n"]) for w in n["where"]] == where
    assert [n["text"] for n in names if not n["count"]] == [a for a in e.aliases if a not in rows]
    assert all(n["alias"] == (n["text"] in e.aliases) and n["main"] == (n["text"] == e.name) for n in names)


@given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=20)))
def test_query_document_links_quote_as_urllib_does(ref, anchor):
    from urllib.parse import quote

    expected = "/document/" + quote(ref, safe="/") + (f"#{quote(anchor, safe='')}" if anchor else "")
    assert queries.href_doc(ref, anchor) == expected

"""Corrections of facts through the pipeline: a rejected report, claim, relation or quote is left out of
every resolve, a chosen report sets its event's value; both hold through a rebuild from nothing and
can be taken back."""
from __future__ import annotations

import pytest

from kroniek import pipeline
from kroniek.model import Range, Span
from kroniek.pipeline import build
from kroniek.store import Store

# sentences written for these tests: two articles on one attack, with different death tolls
A = (" date 2023-03\nBij een aanslag in Gao zijn dinsdag twaalf mensen om het leven gekomen. JNIM heeft de aanslag "
     "opgeëist. JNIM is een bondgenoot van Ansar Dine. \"We zullen de dorpen beschermen\", zei burgemeester "
     "Karim Diallo.")
B = " date 2023-03\nBij de aanslag in Gao vielen dinsdag veertien doden, meldt de regering."


def _write(folder):
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")


@pytest.fixture
def built(tmp_path):
    folder = tmp_path / "in"
    _write(folder)
    store = Store(tmp_path / "kb.db")
    build([folder], store, backend="lite")
    return store, folder


def _rebuild_from_nothing(store, folder):
    for f in folder.iterdir():
        f.unlink()
    build([folder], store, backend="lite", prune=True)
    assert store.count("documents") == 0 and store.count("events") == 0
    _write(folder)
    build([folder], store, backend="lite")


def _event(store):
    [event] = store.knowledge_base().events
    return event


def _report(store, doc):
    return next(r for r in _event(store).reports if r.doc == doc)


def test_a_rejected_report_leaves_its_event_and_conflict_and_stays_rejected_after_a_rebuild(built):
    store, folder = built
    b = _report(store, "b").evidence
    assert [c.field for c in store.knowledge_base().conflicts] == ["killed"]
    pipeline.reject(store, "report", b.doc, b.start, b.end, by="Test Analyst", reason="a later count corrected it")
    [rejection] = store.rejections()
    assert (rejection.kind, rejection.evidence, rejection.by) == ("report", b, "Test Analyst")
    assert rejection.made_at.endswith("Z")

    def rejected():
        event = _event(store)
        assert [r.doc for r in event.reports] == ["a"] and event.killed == Range(12, 12, 12)
        assert store.knowledge_base().conflicts == []
    rejected()
    _rebuild_from_nothing(store, folder)
    rejected()
    pipeline.unreject(store, "report", b.doc, b.start, b.end)
    assert sorted(r.doc for r in _event(store).reports) == ["a", "b"]
    assert [c.field for c in store.knowledge_base().conflicts] == ["killed"] and store.rejections() == []


def test_a_chosen_report_sets_the_events_figure_keeps_the_conflict_and_survives_a_rebuild(built):
    store, folder = built
    assert _event(store).killed == Range(12, 14, 13)
    b = _report(store, "b").evidence
    pipeline.choose(store, "killed", b.doc, b.start, b.end, by="Test Analyst", reason="the government's count")

    def chosen():
        event = _event(store)
        assert event.killed == Range(14, 14, 14) and "chosen-by-analyst" in event.flags
        assert [c.field for c in store.knowledge_base().conflicts] == ["killed"]  # the disagreement stays listed
    chosen()
    _rebuild_from_nothing(store, folder)
    chosen()
    a = _report(store, "a").evidence  # a second choice for the same field of the same event replaces the first
    pipeline.choose(store, "killed", a.doc, a.start, a.end, by="Test Analyst", reason="the mayor's count")
    assert [o.evidence for o in store.overrides()] == [a] and _event(store).killed == Range(12, 12, 12)
    pipeline.unchoose(store, "killed", a.doc, a.start, a.end)
    event = _event(store)
    assert event.killed == Range(12, 14, 13) and "chosen-by-analyst" not in event.flags and store.overrides() == []


def test_a_rejected_relation_quote_and_an_unknown_fact_or_field(built):
    store, _ = built
    kb = store.knowledge_base()
    [relation], [quote] = kb.relations, kb.quotes
    ev = relation.evidence[0]
    pipeline.reject(store, "relation", ev.doc, ev.start, ev.end, by="Test Analyst", reason="not an alliance")
    pipeline.reject(store, "quote", quote.span.doc, quote.span.start, quote.span.end, by="Test Analyst", reason="misread")
    kb = store.knowledge_base()
    assert kb.relations == [] and kb.quotes == []
    pipeline.unreject(store, "relation", ev.doc, ev.start, ev.end)
    assert store.knowledge_base().relations == [relation]
    with pytest.raises(KeyError, match="E033"):
        pipeline.reject(store, "report", "a", 0, 3)
    with pytest.raises(KeyError, match="E033"):
        pipeline.reject(store, "rumour", ev.doc, ev.start, ev.end)
    b = _report(store, "b").evidence
    with pytest.raises(KeyError, match="E034"):
        pipeline.choose(store, "injured", b.doc, b.start, b.end)  # the report gives no injured
    with pytest.raises(KeyError, match="E032"):
        pipeline.unchoose(store, "killed", b.doc, b.start, b.end)
    assert [r.kind for r in store.rejections()] == ["quote"] and store.overrides() == []
    assert Span("a", 0, 3) not in {r.evidence for r in store.rejections()}

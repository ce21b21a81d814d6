"""A resolve writes only what changed (a merge a few entities and the events around them, a resolve
of an unchanged corpus nothing), and leaves the store exactly as writing everything afresh would; a
rejected fact or a chosen report resolves neither entities nor dates again. On SQLite and PostgreSQL."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event, select

from kroniek import pipeline
from kroniek.export.json_export import to_json
from kroniek.model import Claim, Conflict, Entity, Event, KnowledgeBase, Quote, Range, Relation, Report, Span
from kroniek.pipeline import build, judge, reject, resolve_corpus, unreject
from kroniek.store import Store
from kroniek.store.sql import FACT_TABLES, conflicts, entities, entity_mentions, judgements

from .corpus import write_corpus

DERIVED = ("entities", "entity_mentions", "judgements", "documents", *FACT_TABLES)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(tmp_path / "kb.db")
    return Store(request.getfixturevalue("pg_url"))


def _writes(store: Store, rows: dict[str, int] | None = None) -> list[str]:
    """The INSERT, UPDATE and DELETE statements the store runs from now on, on the tables a resolve
    derives; `rows` counts the rows each table's DELETEs removed."""
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        words = statement.split()
        verb = words[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE"):
            table = words[2 if verb != "UPDATE" else 1].strip('"')
            if table in DERIVED:
                seen.append(f"{verb} {table}")
                if verb == "DELETE" and rows is not None:
                    rows[table] = rows.get(table, 0) + cursor.rowcount
    event.listen(store.engine, "after_cursor_execute", note)
    return seen


def _stored(store: Store) -> tuple:
    """Everything a resolve derives, as read back (conflicts in the order they are listed)."""
    with store.engine.connect() as conn:
        links = sorted(conn.execute(select(entity_mentions)).all())
        machine = sorted(conn.execute(select(judgements)).all())
        listed = [r.record for r in conn.execute(select(conflicts).order_by(conflicts.c.id))]
    return to_json(store.knowledge_base()), links, machine, listed


def _afresh(store: Store) -> None:
    """Empty the derived tables, so the next resolve writes every row anew."""
    from kroniek.store.sql import FACT_TABLES as names, metadata

    with store.engine.begin() as conn:
        for name in ("event_reports", *[n for n in names if n != "event_reports"], "entity_mentions", "entities"):
            conn.execute(metadata.tables[name].delete())
        conn.execute(judgements.delete().where(judgements.c.by == "kroniek"))


def test_store_a_merge_writes_few_rows_and_what_a_full_rewrite_would(store, tmp_path):
    build([write_corpus(tmp_path / "in")], store, backend="lite")
    deleted: dict[str, int] = {}
    seen = _writes(store, deleted)
    resolve_corpus(store)
    assert seen == []  # nothing changed, nothing written
    before = store.count("entities")
    groups = sorted((e for e in store.entities() if e.type == "ORG"), key=lambda e: (-len(e.mentions), e.id))
    judge(store, groups[0].id, groups[1].id, "positive")
    assert store.count("entities") == before - 1
    # the two entities merged go (one may come back under its id), the others stay where they are
    assert 1 <= deleted.get("entities", 0) <= 2 and deleted.get("entity_mentions", 0) < len(store.mentions())
    merged = _stored(store)
    _afresh(store)
    resolve_corpus(store)
    assert _stored(store) == merged


def _kb(killed: int, with_quote: bool = True) -> KnowledgeBase:
    """Facts made by hand, of every kind a resolve stores; `killed` changes one event and its conflict."""
    ev = Span("d1", 0, 20)
    events = [Event("V-a", "attack", "bombing", "2024-02-09", "E-gao", "E-jnim", None,
                    (Report("d1", ev, killed=Range(killed, killed), location="E-gao"),), killed=Range(killed, killed)),
              Event("V-b", "attack", None, None, None, None, None, (Report("d2", Span("d2", 5, 9)),))]
    kb = KnowledgeBase(
        events=events,
        claims=[Claim("C-1", "E-jnim", "fighters", Range(6000, 6000), Span("d1", 30, 60), "2023")],
        relations=[Relation("E-jnim", "allied_with", "E-ansar", (Span("d2", 10, 40),)),
                   Relation("E-jnim", "rival_of", "E-iss", (Span("d1", 70, 90),))],
        quotes=[Quote("E-keita", Span("d1", 100, 130), (Span("d1", 101, 129),))] if with_quote else [],
        conflicts=[Conflict("V-a", "killed", (("d1", Range(killed, killed)), ("d2", Range(19, 19))))])
    return kb


def _documents(store: Store) -> Store:
    from kroniek.model import Document

    store.write_batch([Document(d, "x" * 200, d * 20) for d in ("d1", "d2")], [], [], "test")
    return store


def test_store_replace_facts_writes_only_changed_rows_and_reads_back_as_a_fresh_write(store, tmp_path):
    _documents(store).replace_facts(_kb(14))
    seen = _writes(store)
    store.replace_facts(_kb(14))
    assert seen == []
    changed = replace(_kb(15, with_quote=False), relations=_kb(15).relations[1:])
    store.replace_facts(changed)
    # V-a and its report go and come back; V-b, the claim and the other relation stay untouched
    assert sorted(set(seen)) == ["DELETE conflicts", "DELETE event_reports", "DELETE events", "DELETE quotes",
                                 "DELETE relations", "INSERT conflicts", "INSERT event_reports", "INSERT events"]
    fresh = _documents(Store(tmp_path / "fresh.db"))
    fresh.replace_facts(changed)
    assert _stored(store)[0] == _stored(fresh)[0]
    assert [v.id for v in store.knowledge_base().events] == ["V-b", "V-a"]  # undated first, as SQLite sorts NULLs


def test_store_replace_entities_updates_moves_and_drops_rows_in_place(store):
    from kroniek.model import Judgement, Mention

    def mention(n: int) -> Mention:
        return Mention(f"M{n}", Span("d1", n * 10, n * 10 + 4), f"Name{n}", "ORG", "test")
    from kroniek.model import Document

    store.write_batch([Document("d1", "x" * 100, "1" * 40)], [mention(n) for n in range(4)], [], "test")
    first = [Entity("E-a", "ORG", "Name0", (), (mention(0), mention(1))), Entity("E-b", "ORG", "Name2", (), (mention(2),)),
             Entity("E-c", "ORG", "Name3", (), (mention(3),))]
    store.replace_entities(first, [Judgement("M0", "M1", "positive", "same name", "kroniek")])
    seen = _writes(store)
    store.replace_entities(first, [Judgement("M0", "M1", "positive", "same name", "kroniek")])
    assert seen == []
    # E-a is renamed, M1 moves to E-b, E-c goes
    second = [Entity("E-a", "ORG", "Name0 Long", ("Name0",), (mention(0),)),
              Entity("E-b", "ORG", "Name2", (), (mention(1), mention(2), mention(3)))]
    store.replace_entities(second, [Judgement("M1", "M2", "positive", "spelling", "kroniek")])
    assert sorted(set(seen)) == ["DELETE entities", "DELETE entity_mentions", "DELETE judgements", "INSERT entity_mentions",
                                 "INSERT judgements", "UPDATE entities"]
    assert [(e.id, e.name, e.aliases, [m.id for m in e.mentions]) for e in store.entities()] == [
        ("E-a", "Name0 Long", ("Name0",), ["M0"]), ("E-b", "Name2", (), ["M1", "M2", "M3"])]
    assert [(j.a, j.b, j.reason) for j in store.judgements()] == [("M1", "M2", "spelling")]
    with store.engine.connect() as conn:
        assert conn.execute(select(entities.c.id).order_by(entities.c.id)).scalars().all() == ["E-a", "E-b"]


def test_store_a_rejection_resolves_only_facts(tmp_path, monkeypatch):
    store = Store(tmp_path / "kb.db")
    build([write_corpus(tmp_path / "in")], store, backend="lite")
    claim = store.knowledge_base().claims[0]
    before = store.entities(), [(d.id, d.published) for d in store.documents()]

    def refuse(*args, **kwargs):
        raise AssertionError("a rejection resolved entities or dates again")
    monkeypatch.setattr(pipeline, "resolve_entities", refuse)
    monkeypatch.setattr(pipeline, "date_documents", refuse)
    ev = claim.evidence
    reject(store, "claim", ev.doc, ev.start, ev.end)
    assert claim not in store.knowledge_base().claims
    unreject(store, "claim", ev.doc, ev.start, ev.end)
    assert claim in store.knowledge_base().claims
    assert (store.entities(), [(d.id, d.published) for d in store.documents()]) == before

"""The store's record of analysts' corrections of facts: rejections and chosen reports, on SQLite and on
PostgreSQL, kept apart from the documents so a rebuild from nothing finds them again; and the
migration of a version 5 database, which gains their tables."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from kroniek.model import Document, Override, Rejection, Span
from kroniek.store import SCHEMA_VERSION, Store
from kroniek.store.sql import meta


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(tmp_path / "kb.db")
    return Store(request.getfixturevalue("pg_url"))


def test_store_rejections_are_added_replaced_listed_oldest_first_and_removed(store):
    first = Rejection("report", Span("doc-b", 14, 85), "Ann", "a later count corrected it", "2026-11-24T10:00:00Z")
    second = Rejection("quote", Span("doc-a", 3, 9), "Bert", "misread", "2026-11-24T11:00:00Z")
    store.add_rejection(second)
    store.add_rejection(first)
    assert store.rejections() == [first, second]
    again = Rejection("report", Span("doc-b", 14, 85), "Ann", "said better", "2026-11-24T12:00:00Z")
    store.add_rejection(again)  # the same fact again: replaces, never duplicates
    assert store.rejections() == [second, again]
    assert store.remove_rejection("report", Span("doc-b", 14, 85))
    assert not store.remove_rejection("report", Span("doc-b", 14, 85))
    assert not store.remove_rejection("claim", Span("doc-a", 3, 9))  # another kind on the same span
    assert store.rejections() == [second]


def test_store_overrides_are_keyed_on_field_and_span_and_outlive_their_documents(store):
    killed = Override("killed", Span("doc-b", 14, 85), "Ann", "the government's count", "2026-11-24T10:00:00Z")
    date = Override("date", Span("doc-b", 14, 85), "Ann", "the dateline", "2026-11-24T10:05:00Z")
    store.add_override(killed)
    store.add_override(date)
    assert store.overrides() == [killed, date]
    store.add_rejection(Rejection("claim", Span("doc-b", 0, 5), "Ann", "", "2026-11-24T10:00:00Z"))
    doc = Document("doc-b", "Een zin die hier alleen voor de test staat.", "0" * 40)
    store.write_batch([doc], [], [], "test")
    store.write_batch([doc], [], [], "test")  # a document replaced in place keeps the corrections on it
    assert store.overrides() == [killed, date] and len(store.rejections()) == 1
    assert store.remove_override("killed", Span("doc-b", 14, 85)) and store.overrides() == [date]


def test_store_a_version_5_database_gains_the_correction_tables(tmp_path):
    store = Store(tmp_path / "kb.db")
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE rejections"))
        conn.execute(text("DROP TABLE overrides"))
        conn.execute(meta.update().where(meta.c.key == "schema_version").values(value="5"))
    reopened = Store(tmp_path / "kb.db", create=False)
    assert {"rejections", "overrides"} <= set(inspect(reopened.engine).get_table_names())
    assert reopened._version() == SCHEMA_VERSION == 6
    assert reopened.rejections() == [] and reopened.overrides() == []

"""The store on a real PostgreSQL server (started by `conftest.pg_server`): migrations, a build that
gives the same knowledge base as SQLite, a second build that changes nothing, the reading commands."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.export import to_json
from kroniek.pipeline import build
from kroniek.store import SCHEMA_VERSION, Store, StoreError
from kroniek.store.sql import meta, metadata

from .corpus import write_corpus

runner = CliRunner()


def _indexes(store: Store) -> set[str]:
    found = inspect(store.engine)
    return {ix["name"] for table in metadata.tables for ix in found.get_indexes(table)}


def test_postgres_migrations_on_an_empty_database(pg_url):
    store = Store(pg_url)
    assert store.dialect == "postgresql" and store.url.startswith("postgresql+psycopg://")
    assert set(inspect(store.engine).get_table_names()) == set(metadata.tables)
    assert {"ix_events_date", "ix_event_reports_doc", "ix_relations_object", "ix_entity_mentions_entity_id",
            "ix_mentions_doc", "ix_claims_subject"} <= _indexes(store)
    Store(pg_url).migrate()  # again: nothing to do
    assert store.table_counts()["meta"] == 1
    # a version 4 database (no timeline indexes yet) gets them on the next open
    with store.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_events_date"))
        conn.execute(meta.update().where(meta.c.key == "schema_version").values(value="4"))
    assert "ix_events_date" not in _indexes(store)
    reopened = Store(pg_url, create=False)
    assert "ix_events_date" in _indexes(reopened)
    with reopened.engine.connect() as conn:
        assert conn.execute(meta.select().where(meta.c.key == "schema_version")).one().value == str(SCHEMA_VERSION)


def test_postgres_database_of_another_program_is_refused(pg_server):
    url = pg_server.url()
    with pytest.raises(StoreError, match="E012"):
        Store(url, create=False)  # empty: a reading command does not make a knowledge base of it
    store = Store(url)
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE meta"))
    with pytest.raises(StoreError, match="E012"):
        Store(url)


def test_postgres_unreachable_server_is_one_line_without_the_password(pg_server):
    url = f"postgresql://kroniek:geheim@127.0.0.1:{pg_server.port}/bestaat_niet"
    with pytest.raises(StoreError, match="E013") as err:
        Store(url)
    assert "geheim" not in str(err.value) and "\n" not in str(err.value)
    shown = Store(pg_server.url("kb_shown").replace("kroniek@", "kroniek:geheim@")).shown
    assert shown == f"postgresql+psycopg://kroniek:***@127.0.0.1:{pg_server.port}/kb_shown"


@pytest.mark.parametrize("backend", ["kroniek", "lite"])
def test_postgres_builds_the_knowledge_base_sqlite_builds(pg_url, tmp_path, backend):
    folder = write_corpus(tmp_path / "in")
    lite = Store(tmp_path / "kb.db")
    pg = Store(pg_url)
    first = build([folder], lite, backend=backend)
    second = build([folder], pg, backend=backend)
    assert (first.documents, first.entities, first.events) == (second.documents, second.entities, second.events)
    assert second.documents == 6 and second.events > 0
    kb = to_json(pg.knowledge_base())
    assert kb == to_json(lite.knowledge_base())
    assert any(v["date"] is None for v in kb["events"]) and kb["claims"] and kb["quotes"] and kb["conflicts"]
    # bytewise order, whatever the database's locale
    assert [d.id for d in pg.documents()] == sorted(d.id for d in pg.documents())
    assert pg.table_counts() == lite.table_counts()
    # the reports of an event are found by their document
    event = kb["events"][-1]
    assert event["id"] in pg.events_reported_in(event["reports"][0]["doc"])


def test_postgres_second_build_of_the_same_folder_changes_nothing(pg_url, tmp_path):
    folder = write_corpus(tmp_path / "in")
    store = Store(pg_url)
    build([folder], store, backend="lite")
    before, counts = to_json(store.knowledge_base()), store.table_counts()
    again = build([folder], Store(pg_url), backend="lite")
    assert (again.documents, again.unchanged, again.removed, again.skipped) == (0, 6, [], [])
    assert again.facts_reused == 6
    assert to_json(store.knowledge_base()) == before and store.table_counts() == counts
    assert not store.resolve_pending() and store.generation() == 2


def test_postgres_edits_and_prune_work_as_on_sqlite(pg_url, tmp_path):
    folder = write_corpus(tmp_path / "in")
    store = Store(pg_url)
    build([folder], store, backend="lite")
    (folder / "gao_markt.txt").write_text((folder / "gao_markt.txt").read_text(encoding="utf-8").replace("19", "21"),
                                          encoding="utf-8")
    (folder / "zz-bamako.txt").unlink()
    report = build([folder], store, backend="lite", prune=True)
    assert (report.documents, report.removed) == (1, ["zz-bamako"])
    assert sorted(d.id for d in store.documents()) == sorted(["GAO_EN", "Gao-aanval", "_menaka", "gao_markt",
                                                              "Ärztin-mopti"])


def test_postgres_reading_commands_work(pg_url, tmp_path):
    folder = write_corpus(tmp_path / "in")
    result = runner.invoke(app, ["build", str(folder), "--db", pg_url, "--backend", "lite"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["entities", "--db", pg_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    names = {e["name"] for e in json.loads(result.stdout)}
    assert {"Moussa Keita", "Gao", "Mopti"} <= names
    result = runner.invoke(app, ["events", "--db", pg_url, "--format", "csv"])
    assert result.exit_code == 0 and "Gao" in result.stdout
    result = runner.invoke(app, ["show", "Moussa Keita", "--db", pg_url, "--format", "json"])
    assert result.exit_code == 0 and "quote" in {r["part"] for r in json.loads(result.stdout)}
    result = runner.invoke(app, ["export", "--db", pg_url])
    assert result.exit_code == 0 and json.loads(result.stdout) == to_json(Store(pg_url).knowledge_base())
    result = runner.invoke(app, ["entities", "--db", pg_url.rsplit("/", 1)[0] + "/postgres"])
    assert result.exit_code == 2 and "E012" in result.output

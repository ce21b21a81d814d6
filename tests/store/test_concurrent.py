"""Two builds on one knowledge base at once serialise on the store's writer lock, and the summary
each prints is what the database holds (issue 11: one reported 46 entities while the database held
118). On SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import re
import subprocess
import sys
import threading

import pytest

from kroniek.pipeline import build
from kroniek.store import Store

from .corpus import write_corpus

SUMMARY = re.compile(r"built (\d+) new documents \((\d+) unchanged, .*?: (\d+) mentions, (\d+) entities, (\d+) events")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """A new knowledge base's --db: a SQLite file that does not exist yet, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_server").url()


def test_concurrent_build_waits_for_the_writer_lock(db, tmp_path):
    folder = write_corpus(tmp_path / "in")
    holder, builder = Store(db), Store(db)
    waited, done = threading.Event(), threading.Event()
    reports = []

    def run() -> None:
        reports.append(build([folder], builder, backend="lite", on_wait=waited.set))
        done.set()
    with holder.writing():
        thread = threading.Thread(target=run)
        thread.start()
        assert waited.wait(60), "the build did not see the lock held"
        assert not done.wait(0.5) and builder.count("documents") == 0  # it waits, and has written nothing
    thread.join(120)
    [report] = reports
    assert report.documents == 6 and report.entities == builder.count("entities") > 0
    with holder.writing():  # released again: it can be taken at once
        pass


def test_concurrent_writer_lock_is_reentrant_in_one_store(db):
    store = Store(db)
    with store.writing(), store.writing():
        store.mark_resolved()
    assert store.generation() == 1


def test_concurrent_builds_serialise_and_each_summary_is_true(tmp_path):
    """Two `kroniek build` processes on one new SQLite file (the PostgreSQL lock is the same code
    path as in the test above, whichever process holds it)."""
    folder, db = write_corpus(tmp_path / "in"), str(tmp_path / "kb.db")
    command = [sys.executable, "-m", "kroniek.cli", "build", str(folder), "--db", db, "--backend", "lite"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
    summaries = [tuple(map(int, SUMMARY.search(err).groups())) for _, err in outputs]
    store = Store(db, create=False)
    # one build stored the six articles, the other found them all stored
    assert sorted((new, unchanged) for new, unchanged, *_ in summaries) == [(0, 6), (6, 0)]
    assert store.count("documents") == 6
    for _, _, _, entities, events in summaries:
        assert (entities, events) == (store.count("entities"), store.count("events"))
    assert not store.resolve_pending() and store.generation() == 2


def _busy_at_first(monkeypatch, times: int) -> list[int]:
    """Make the first `times` connections to a SQLite file fail as SQLite does when another process
    is switching the file to WAL: "database is locked", at once, with no busy handler run."""
    import sqlite3

    from kroniek.store import sql

    calls, real = [], sql._sqlite_pragmas

    def pragmas(dbapi_conn, record):
        calls.append(1)
        if len(calls) <= times:
            err = sqlite3.OperationalError("database is locked")
            err.sqlite_errorname = "SQLITE_BUSY"
            raise err
        real(dbapi_conn, record)
    monkeypatch.setattr(sql, "_sqlite_pragmas", pragmas)
    return calls


def test_opening_a_database_another_process_is_creating_waits_instead_of_failing(tmp_path, monkeypatch):
    calls = _busy_at_first(monkeypatch, 3)
    store = Store(tmp_path / "kb.db")
    assert len(calls) == 4 and store.generation() == 0
    assert Store(tmp_path / "kb.db", create=False).count("documents") == 0


def test_a_database_locked_for_longer_than_the_wait_fails_with_a_clear_message(tmp_path, monkeypatch):
    from kroniek.store import StoreError, sql

    monkeypatch.setattr(sql, "OPEN_WAIT_S", 0.3)
    calls = _busy_at_first(monkeypatch, 10**6)
    with pytest.raises(StoreError, match=r"E013: cannot open .*kb\.db: database is locked"):
        Store(tmp_path / "kb.db")
    assert 2 <= len(calls) < 20  # it tried again, pausing between tries

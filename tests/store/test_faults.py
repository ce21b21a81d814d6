"""`kill -9` of a build at random points, then the same build again, gives the knowledge base of an
uninterrupted build, export for export (issue 11, item 4).

The killed builds are real `kroniek build` processes with `--batch-size 2` on twelve synthetic articles
(`scripts/synth_corpus.py`, lite backend). Each is killed when the database reaches a chosen state,
read by polling the SQLite file read-only: after k documents are stored (k drawn at random), once the
corpus-level stages have stored entities, once dating has stored its anchors, and after a random
delay. The seed is printed with every failure; KRONIEK_FAULT_SEED=N runs other kill points.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.pipeline import build
from kroniek.store import Store
from ..conftest import synth_corpus

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("KRONIEK_FAULT_SEED", "11"))
ARTICLES, BATCH = 12, 2



@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("faults") / "in"
    synth_corpus().generate(folder, ARTICLES, seed=SEED)
    return folder


def export_json(db: str) -> str:
    """`kroniek export` of the knowledge base: the kroniek-kb/1 JSON text."""
    result = CliRunner().invoke(app, ["export", "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("reference") / "kb.db")
    build([corpus], Store(db), backend="lite", batch_size=BATCH)
    return export_json(db)


def _count(db: str, table: str) -> int:
    """Rows in a table of the SQLite file, read without writing to it; 0 while it does not exist yet."""
    if not os.path.exists(db):
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as conn:
            return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    except sqlite3.Error:  # not created yet, or locked for a moment
        return 0


def kill_points(rng: random.Random) -> list[tuple[str, object]]:
    """Where to kill: in the per-batch stages after k stored documents (two draws of k), in the
    corpus-level stages (entities stored, facts not; anchors stored), and after a random delay."""
    ks = rng.sample(range(BATCH, ARTICLES, BATCH), 2)
    return [("documents", ks[0]), ("documents", ks[1]), ("entities", 1), ("doc_anchors", 1),
            ("delay", round(rng.uniform(3.0, 6.0), 2))]


def build_killed(corpus: Path, db: str, point: tuple[str, object], timeout: float = 60) -> bool:
    """Run `kroniek build` and SIGKILL it at `point`; False where it finished first."""
    command = [sys.executable, "-m", "kroniek.cli", "build", str(corpus), "--db", db, "--backend", "lite",
               "--batch-size", str(BATCH)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    what, n = point
    start = time.monotonic()
    try:
        while proc.poll() is None:
            elapsed = time.monotonic() - start
            if what == "delay" and elapsed >= n or what != "delay" and _count(db, what) >= n:
                os.kill(proc.pid, signal.SIGKILL)
                break
            assert elapsed < timeout, f"the build did not reach {point} in {timeout} s"
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    return proc.returncode == -signal.SIGKILL


def test_faults_kill_points_cover_batches_and_corpus_stages():
    points = kill_points(random.Random(SEED))
    assert len(points) >= 4 and len({p for p in points}) == len(points)
    assert {what for what, _ in points} == {"documents", "entities", "doc_anchors", "delay"}
    assert all(0 < n < ARTICLES for what, n in points if what == "documents")


def test_faults_kill_9_then_rebuild_gives_the_uninterrupted_export(corpus, uninterrupted, tmp_path):
    assert json.loads(uninterrupted)["events"], "the synthetic corpus should give events"
    killed = 0
    for i, point in enumerate(kill_points(random.Random(SEED))):
        db = str(tmp_path / f"kb{i}.db")
        was_killed = build_killed(corpus, db, point)
        killed += was_killed
        if was_killed and point[0] != "delay":  # killed where it was meant to be: the build is unfinished
            assert Store(db, create=False).resolve_pending(), f"seed {SEED}, {point}: nothing left to do?"
        report = build([corpus], Store(db), backend="lite", batch_size=BATCH)  # the same build again
        assert not report.skipped, f"seed {SEED}, {point}: {report.skipped}"
        store = Store(db, create=False)
        assert not store.resolve_pending()
        assert export_json(db) == uninterrupted, f"seed {SEED}: killed at {point}, the rebuild differs"
        assert (report.entities, report.events) == (store.count("entities"), store.count("events"))
    assert killed >= 4, f"seed {SEED}: only {killed} builds were killed before they finished"

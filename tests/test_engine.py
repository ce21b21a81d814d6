"""Build engines (`kroniek.engine`): the per-document stages in this process or as Ray tasks give the same
knowledge base, byte for byte in the JSON export, on SQLite and PostgreSQL, and a Ray worker lost
mid-build is retried. One local Ray cluster of two CPUs serves the whole module (it takes seconds to
start); the articles are synthetic (`scripts/synth_corpus.py`, our own templates) or the store tests'
own sentences."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.engine import EngineUnavailable, LocalEngine, RayEngine, current_engine, make_engine, using
from kroniek.pipeline import build
from kroniek.store import Store

from .store.conftest import pg_server, pg_url  # noqa: F401  (the store tests' throwaway PostgreSQL server)
from .store.corpus import write_corpus
from .conftest import synth_corpus

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 36
runner = CliRunner()



def _export(db: str, out: Path) -> bytes:
    result = runner.invoke(app, ["export", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def ray_engine():
    engine = RayEngine(workers=2)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    synth_corpus().generate(folder, ARTICLES, seed=7)
    return folder


@pytest.fixture(scope="module")
def local_export(corpus, tmp_path_factory) -> bytes:
    """The JSON export of the corpus built by the local engine, the default."""
    work = tmp_path_factory.mktemp("local")
    report = build([corpus], Store(work / "kb.db"), backend="lite")
    assert report.documents == ARTICLES and report.events > 0
    return _export(str(work / "kb.db"), work / "kb.json")


class FirstTaskDies:
    """The Ray engine, except that the first task of each of `stages` kills the worker process running
    it (`os._exit`, as a worker killed by the kernel would go): a fault injected by the test, not a path
    of kroniek's. A marker file per stage says it happened once, across the workers' processes."""

    def __init__(self, engine: RayEngine, markers: Path, stages: tuple[str, ...]) -> None:
        self.engine, self.markers, self.stages = engine, markers, stages
        self.name, self.in_process = engine.name, engine.in_process

    def chunk_size(self, n, most=None):
        return self.engine.chunk_size(n, most)

    def map(self, fn, jobs, *shared):
        if fn.__name__ not in self.stages:
            return self.engine.map(fn, jobs, *shared)
        marker = str(self.markers / fn.__name__)

        def first_dies(*args):
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return fn(*args)
            os._exit(1)
        first_dies.__name__ = fn.__name__
        return self.engine.map(first_dies, jobs, *shared)

    def warm(self, fn, *args):
        self.engine.warm(fn, *args)

    def close(self):
        pass


def test_local_engine_maps_in_order_and_lazily():
    engine, seen = LocalEngine(), []
    results = engine.map(lambda x, k: seen.append(x) or x * k, [(1,), (2,), (3,)], 10)
    assert next(results) == 10 and seen == [1]  # the second job waits until its result is asked for
    assert list(results) == [20, 30]
    assert engine.chunk_size(500, 200) == 200 and engine.chunk_size(40) == 40


def test_the_engine_of_a_build_is_the_one_in_use_and_local_outside_it():
    assert current_engine().name == "local"
    marker = LocalEngine()
    with using(marker):
        assert current_engine() is marker
    assert current_engine() is not marker
    with pytest.raises(EngineUnavailable, match="E052"):
        make_engine("spark")


def test_ray_engine_spreads_documents_over_tasks_and_keeps_their_order(ray_engine):
    assert ray_engine.workers == 2
    size = ray_engine.chunk_size(ARTICLES, 200)
    assert 1 <= size < ARTICLES // 2  # more tasks than workers, so neither waits for a long last one
    assert ray_engine.chunk_size(ARTICLES, 3) == 3  # never more than a batch
    jobs = [(i,) for i in range(20)]
    assert list(ray_engine.map(pow, jobs, 2)) == [i * i for i in range(20)]


def test_a_ray_worker_loads_its_backend_once_for_all_its_tasks(ray_engine):
    def annotating_and_counting(batch, backend):
        from kroniek import pipeline
        from kroniek.nlp import lite

        if not hasattr(lite, "made"):  # the first of these tasks in this process counts the backends made
            lite.made, real = 0, lite.LiteBackend.__init__

            def counted(self, **options):
                lite.made += 1
                real(self, **options)
            lite.LiteBackend.__init__ = counted
        out = pipeline.annotate_batch(batch, backend)
        return os.getpid(), lite.made, len(out.docs)

    from .conftest import make_doc

    docs = [make_doc(f"Bericht {i}.\n\nIn Gao viel een aanslag.", f"d{i}", "nl") for i in range(12)]
    seen = list(ray_engine.map(annotating_and_counting, [(docs[i:i + 1],) for i in range(12)], "lite"))
    assert sum(n for _, _, n in seen) == 12
    made = {pid: n for pid, n, _ in seen}  # the count after each process's last task
    assert len(seen) > len(made)  # some process ran several tasks
    assert all(n <= 1 for n in made.values())  # and made its backend once at most (before, if it had one)


def test_ray_build_gives_the_local_build_byte_for_byte(ray_engine, corpus, local_export, tmp_path):
    db = str(tmp_path / "kb.db")
    report = build([corpus], Store(db), backend="lite", engine=ray_engine)
    assert (report.documents, report.skipped) == (ARTICLES, [])
    assert _export(db, tmp_path / "kb.json") == local_export
    # a second build on Ray adds nothing and finds every document's facts still hold
    again = build([corpus], Store(db), backend="lite", engine=ray_engine)
    assert (again.documents, again.unchanged) == (0, ARTICLES)
    assert _export(db, tmp_path / "again.json") == local_export


def test_a_worker_lost_mid_build_is_retried_and_the_build_completes(ray_engine, corpus, local_export, tmp_path):
    markers = tmp_path / "died"
    markers.mkdir()
    db = str(tmp_path / "kb.db")
    # a worker dies in NLP and mentions, and in facts (dating anchors go the same way as facts)
    stages = ("annotate_batch", "facts_batch")
    report = build([corpus], Store(db), backend="lite", engine=FirstTaskDies(ray_engine, markers, stages))
    assert sorted(p.name for p in markers.iterdir()) == list(stages)
    assert (report.documents, report.skipped) == (ARTICLES, [])
    assert _export(db, tmp_path / "kb.json") == local_export


def test_ray_build_writes_postgresql_as_a_local_build_writes_sqlite(ray_engine, pg_url, tmp_path):  # noqa: F811
    folder = write_corpus(tmp_path / "in")
    build([folder], Store(tmp_path / "kb.db"), backend="kroniek")
    report = build([folder], Store(pg_url), backend="kroniek", engine=ray_engine)
    assert report.backend == "kroniek" and report.documents == 6 and report.events > 0
    assert _export(pg_url, tmp_path / "pg.json") == _export(str(tmp_path / "kb.db"), tmp_path / "kb.json")


def test_build_command_runs_on_ray(ray_engine, tmp_path):
    folder = write_corpus(tmp_path / "in")
    db = str(tmp_path / "kb.db")
    # the engine joins the Ray session this process has, and leaves it running
    result = runner.invoke(app, ["build", str(folder), "--db", db, "--backend", "lite", "--engine", "ray",
                                 "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "built 6 new documents" in result.output
    import ray

    assert ray.is_initialized()
    local = runner.invoke(app, ["build", str(folder), "--db", str(tmp_path / "local.db"), "--backend", "lite"])
    assert local.exit_code == 0, local.output
    assert _export(db, tmp_path / "ray.json") == _export(str(tmp_path / "local.db"), tmp_path / "local.json")


def test_ray_options_without_the_ray_engine_are_a_usage_error(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path), "--db", str(tmp_path / "kb.db"), "--workers", "2"])
    assert result.exit_code == 2 and "--engine ray" in result.output

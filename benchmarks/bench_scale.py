"""Benchmark (not a test): build time per 1,000 articles as a synthetic corpus grows, peak memory, and
the median latency of a dossier and an events-timeline query on the result (issue 11, item 3).

    .venv/bin/python benchmarks/bench_scale.py                 # 1k and 10k articles
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000    # 1k only
    .venv/bin/python benchmarks/bench_scale.py --full          # 1k, 10k and 100k (hours on 2 cores)
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000 --db-url postgresql://user@host/empty_db

The corpora come from `scripts/synth_corpus.py` (same seed, so 1k is the first thousand articles of
10k). Each size is built by a process of its own with the lite backend into a fresh SQLite file, so
its peak memory (getrusage, maximum resident set) is its own. The queries are the web app's
(`kroniek.web.queries.dossier` and `timeline`) on the knowledge base as the app loads it; loading it
is timed apart (a timeline by actor and one by place, the place of most events). Generating the
corpus is not counted in the build time. At the end a table gives each stage's seconds per 1,000
articles at each size and how that grew: a stage whose cost per article grows does not scale.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _synth():
    spec = importlib.util.spec_from_file_location("synth_corpus", ROOT / "scripts" / "synth_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def one(size: int, seed: int, batch_size: int, repeat: int, work: Path, db_url: str | None = None) -> dict:
    """Build `size` synthetic articles and query the result; the figures as a dict. With `db_url` (an empty
    PostgreSQL database) the knowledge base is built there instead of in a SQLite file."""
    from kroniek.pipeline import build
    from kroniek.store import Store

    corpus = work / f"corpus-{size}"
    t = time.perf_counter()
    _synth().generate(corpus, size, seed=seed)
    generated = time.perf_counter() - t
    db = work / f"kb-{size}.db"
    store = Store(db_url or str(db))
    done = [0]

    def progress(n: int) -> None:  # to stderr, so a run stopped early still tells how far it got
        done[0] += n
        if done[0] % 5000 < n:
            print(f"{time.strftime('%H:%M:%S')} {done[0]} documents annotated", file=sys.stderr, flush=True)
    t = time.perf_counter()
    report = build([corpus], store, backend="lite", batch_size=batch_size, on_progress=progress)
    seconds = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": size, "documents": report.documents, "skipped": len(report.skipped),
        "warnings": len(report.warnings), "entities": report.entities, "events": report.events,
        "build_s": round(seconds, 2), "s_per_1000": round(seconds / size * 1000, 2),
        "stages_s": {k: round(v, 2) for k, v in report.seconds.items()}, "peak_rss_mb": round(peak_mb),
        "store": "postgresql" if db_url else "sqlite",
        "db_mb": None if db_url else round(db.stat().st_size / 2**20, 1), "generate_s": round(generated, 2),
        **query_figures(store, repeat),
    }


def query_figures(store, repeat: int) -> dict:
    """Median milliseconds of the web app's dossier and timeline queries on a built knowledge base, for
    the actor of most mentions and the place (a country, where one holds events) of most events."""
    from kroniek.web.queries import View, dossier, timeline

    t = time.perf_counter()
    view = View(store.knowledge_base())
    load_s = time.perf_counter() - t
    actors = sorted((e for e in view.kb.entities if e.type == "ORG"), key=lambda e: (-len(e.mentions), e.id))
    actor = actors[0] if actors else max(view.kb.entities, key=lambda e: len(e.mentions))
    # the place of most events: a filter that keeps many, and (a country) the places within it
    places = Counter(v.location for v in view.kb.events if v.location)
    nations = [e for e in view.kb.entities if (e.key or "").startswith("country:")]
    countries = Counter(c.id for v in view.kb.events for c in nations if c.contains(view.entities.get(v.location)))
    place = view.entities[(countries or places).most_common(1)[0][0]] if (countries or places) else actor
    # the first query of a loaded state also makes the view's indexes by entity: timed apart
    t = time.perf_counter()
    page = dossier(view, actor.id)
    first_ms = (time.perf_counter() - t) * 1000
    return {
        "load_kb_s": round(load_s, 2), "query_actor": actor.name, "query_place": place.name,
        "first_query_ms": round(first_ms, 1),
        "dossier_ms": round(_median_ms(lambda: dossier(view, actor.id), repeat), 2),
        # the same page on a first visit: the view keeps each actor's names once read (`_Facts.names`)
        "dossier_cold_ms": round(_median_ms(lambda: (view.by_entity._names.clear(), dossier(view, actor.id)), repeat), 2),
        "dossier_events": page["totals"]["events"], "dossier_documents": page["totals"]["documents"],
        "timeline_ms": round(_median_ms(lambda: timeline(view, actor=actor.name), repeat), 2),
        "timeline_place_ms": round(_median_ms(lambda: timeline(view, place=place.name), repeat), 2),
        # events each timeline matches (it makes rows for the first `TIMELINE_ROWS`; `?all=1`: every row)
        "timeline_events": timeline(view, actor=actor.name)["matched"],
        "timeline_place_events": timeline(view, place=place.name)["matched"],
        "timeline_all_ms": round(_median_ms(lambda: timeline(view), repeat), 2),
        "timeline_every_row_ms": round(_median_ms(lambda: timeline(view, actor=actor.name, limit=None), repeat), 2),
    }


def stage_table(results: list[dict]) -> str:
    """Seconds per 1,000 articles of each stage at each size, and how that grew from the first size:
    a stage whose cost per document grows is one that does not scale."""
    stages = list(dict.fromkeys(k for r in results for k in r["stages_s"]))
    head = f"{'stage':<10}" + "".join(f"{r['articles']:>10} s/1k" for r in results) + "   growth"
    lines = [head, "-" * len(head)]
    for stage in [*stages, "total"]:
        per = [(r["build_s"] if stage == "total" else r["stages_s"].get(stage, 0.0)) / r["articles"] * 1000
               for r in results]
        growth = f"{per[-1] / per[0]:.2f}x" if len(per) > 1 and per[0] else ""
        lines.append(f"{stage:<10}" + "".join(f"{p:>15.2f}" for p in per) + f"   {growth}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--full", action="store_true", help="add the 100,000-article corpus")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=21, help="runs of each query; the median is reported")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--db-url", help="build into this empty PostgreSQL database (one size only) instead of SQLite")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, in a process of its own
    ap.add_argument("--work", help=argparse.SUPPRESS)
    ap.add_argument("--query", metavar="DB", help="only time the queries on this built knowledge base (a path or URL)")
    a = ap.parse_args(argv)

    if a.query:
        from kroniek.store import Store

        print(json.dumps(query_figures(Store(a.query), a.repeat)))
        return 0
    if a.one:
        # --work kept by its caller: the knowledge base stays there, for --query
        print(json.dumps(one(a.one, a.seed, a.batch_size, a.repeat, Path(a.work), a.db_url)))
        return 0
    sizes = [int(s) for s in a.sizes.split(",") if s]
    if a.db_url and len(sizes) > 1:
        ap.error("--db-url takes one size: each size needs an empty database")
    if a.full and 100_000 not in sizes:
        sizes.append(100_000)
    results = []
    with tempfile.TemporaryDirectory(prefix="kroniek-scale-") as work:
        for size in sizes:
            out = subprocess.run([sys.executable, __file__, "--one", str(size), "--seed", str(a.seed),
                                  "--batch-size", str(a.batch_size), "--repeat", str(a.repeat), "--work", work,
                                  *(["--db-url", a.db_url] if a.db_url else [])],
                                 check=True, capture_output=True, text=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(r)
            print(f"{size:>7} articles: {r['build_s']:.1f} s = {r['s_per_1000']:.1f} s per 1,000; peak {r['peak_rss_mb']} MB; "
                  f"{r['entities']} entities, {r['events']} events; load {r['load_kb_s']:.2f} s; "
                  f"dossier {r['dossier_ms']:.1f} ms (first visit {r['dossier_cold_ms']:.1f} ms), timeline {r['timeline_ms']:.1f} ms ({r['timeline_events']} events; "
                  f"by place {r['query_place']} {r['timeline_place_ms']:.1f} ms, {r['timeline_place_events']} events) "
                  f"(all events {r['timeline_all_ms']:.1f} ms)", flush=True)
            print(f"         stages (s): {r['stages_s']}", flush=True)
    base = results[0]["s_per_1000"]
    for r in results[1:]:
        print(f"ratio s/1000 at {r['articles']} vs {results[0]['articles']}: {r['s_per_1000'] / base:.2f}")
    print(stage_table(results))
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

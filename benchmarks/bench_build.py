"""Benchmark (not a test): words/second and peak memory of a build, split by stage, and of the backend alone.

    .venv/bin/python benchmarks/bench_build.py ../shared/corpus/seeds --backend frog --repeat 3

Each repeat builds into a fresh SQLite file. Peak memory is the maximum resident set size of this
process (Python stages, the lite backend) and of its children (Frog), from getrusage.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--backend", default="auto")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args(argv)

    from kroniek import gazetteer
    from kroniek.ingest import read_paths
    from kroniek.model import Document
    from kroniek.pipeline import build, pick_backend
    from kroniek.store import Store

    t = time.perf_counter()
    gazetteer.load()
    warmup = time.perf_counter() - t
    builds = []
    for _ in range(a.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            report = build(a.paths, Store(Path(tmp) / "bench.db"), backend=a.backend)
            wall = time.perf_counter() - t
        builds.append((wall, report))
    docs = [d for d in read_paths(a.paths) if isinstance(d, Document)]
    alone = []
    for _ in range(a.repeat):
        backend = pick_backend(a.backend)
        t = time.perf_counter()
        backend.annotate(docs)
        alone.append(time.perf_counter() - t)
        backend.close()

    words = builds[0][1].words
    wall = statistics.median(w for w, _ in builds)
    stages = {s: statistics.median(r.seconds.get(s, 0.0) for _, r in builds) for s in builds[0][1].seconds}
    nlp = stages.get("nlp", 0.0)
    own = wall - nlp
    out = {
        "backend": builds[0][1].backend, "documents": len(docs), "words": words, "repeats": a.repeat,
        "build_wall_s": round(wall, 3), "build_words_per_s": round(words / wall, 1),
        "stages_s": {k: round(v, 3) for k, v in stages.items()},
        "stage_words_per_s": {k: round(words / v, 1) for k, v in stages.items() if v > 0},
        "kroniek_own_share_of_wall": round(own / wall, 3),
        "backend_alone_s": round(statistics.median(alone), 3),
        "backend_alone_words_per_s": round(words / statistics.median(alone), 1),
        "knowledge_load_s (once per process, not in the build)": round(warmup, 3),
        "peak_rss_mb_python": round(_rss_mb(resource.RUSAGE_SELF), 1),
        "peak_rss_mb_children (frog)": round(_rss_mb(resource.RUSAGE_CHILDREN), 1),
    }
    print(json.dumps(out, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

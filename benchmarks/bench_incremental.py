"""Benchmark (not a test): what adding a few articles to a large knowledge base costs, against
building it whole.

    .venv/bin/python benchmarks/bench_incremental.py ../shared/corpus/seeds ../shared/corpus/dev \
        --size 1000 --add 10 --backend kroniek

The archive is made of the given articles, copied until it holds `size` distinct texts (each copy
gets a line of its own at the end, so every text is new to the store). It is built into a fresh
SQLite file; then `add` more copies are built into the same file. Prints both times by stage and
their ratio. The copies live in a temporary folder, never in the repository.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def _copies(paths: list[str], n: int, start: int, folder: Path) -> Path:
    from kroniek.ingest import read_paths
    from kroniek.model import Document

    texts = [d.text for d in read_paths(paths) if isinstance(d, Document)]
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(start, start + n):
        (folder / f"copy{k:05d}.txt").write_text(f"{texts[k % len(texts)]}\n\n(archive copy {k})\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--add", type=int, default=10)
    ap.add_argument("--backend", default="kroniek")
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args(argv)

    from kroniek import gazetteer
    from kroniek.pipeline import build
    from kroniek.store import Store

    gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        archive = _copies(a.paths, a.size, 0, Path(tmp) / "archive")
        store = Store(Path(tmp) / "bench.db")
        t = time.perf_counter()
        full = build([archive], store, backend=a.backend)
        full_s = time.perf_counter() - t
        _copies(a.paths, a.add, a.size, archive)
        t = time.perf_counter()
        added = build([archive], store, backend=a.backend)
        add_s = time.perf_counter() - t
    out = {
        "backend": full.backend, "size": a.size, "added": a.add,
        "full_build_s": round(full_s, 2), "full_stages_s": {k: round(v, 2) for k, v in full.seconds.items()},
        "full_words_per_s": round(full.words / full_s, 1),
        "add_build_s": round(add_s, 2), "add_stages_s": {k: round(v, 2) for k, v in added.seconds.items()},
        "facts_reused": added.facts_reused,
        "add_share_of_full": round(add_s / full_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(out, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

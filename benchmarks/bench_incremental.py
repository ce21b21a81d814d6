"""Benchmark (not a test): what adding a few articles to a large knowledge base costs, against
building it whole.

    .venv/bin/python benchmarks/bench_incremental.py ../shared/corpus/seeds ../shared/corpus/dev \
        --size 1000 --add 10 --backend kroniek

The archive is made of the given articles, copied until it holds `size` distinct texts (each copy
gets a line of its own at the end, so every text is new to the store). It is built into a fresh
SQLite file; then `add` more copies are built into the same file. Prints both times by stage and
their ratio. With `--merge`, an analyst's merge of two entities on the archive is timed as well (the
two largest people that share a family name, else the two largest organisations), the time `kroniek
merge` spends after opening the database. The copies live in a temporary folder, never in the repository.

    .venv/bin/python scripts/synth_corpus.py /tmp/synth --articles 1000
    .venv/bin/python benchmarks/bench_incremental.py /tmp/synth --size 1000 --add 10 --backend lite --merge
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


def _pair(entities) -> tuple[str, str]:
    """Two entities an analyst would merge: the two largest people of one family name (the name written
    out and with an initial), else the two largest organisations."""
    from collections import defaultdict

    from kroniek.gazetteer import fold

    size = {e.id: len(e.mentions) for e in entities}
    families = defaultdict(list)
    for e in entities:
        if e.type == "PER" and len(e.name.split()) >= 2:
            families[fold(e.name.split()[-1])].append(e.id)
    groups = [sorted(ids, key=lambda i: (-size[i], i)) for ids in families.values() if len(ids) >= 2]
    if not groups:
        groups = [sorted((e.id for e in entities if e.type == "ORG"), key=lambda i: (-size[i], i))]
    best = max(groups, key=lambda ids: (size[ids[0]] + size[ids[1]], ids))
    return best[0], best[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--add", type=int, default=10)
    ap.add_argument("--backend", default="kroniek")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--merge", action="store_true", help="also time a merge of two entities on the archive")
    a = ap.parse_args(argv)

    from kroniek import gazetteer, pipeline
    from kroniek.pipeline import build
    from kroniek.store import Store

    gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        archive = _copies(a.paths, a.size, 0, Path(tmp) / "archive")
        store = Store(Path(tmp) / "bench.db")
        t = time.perf_counter()
        full = build([archive], store, backend=a.backend)
        full_s = time.perf_counter() - t
        merged = {}
        if a.merge:
            from kroniek.pipeline import BuildReport, judge

            first, second = _pair(store.entities())
            seconds = BuildReport()
            original = pipeline._resolve_corpus

            def timed(store, report, *args, **kwargs):  # the stages of the merge's resolve, by name
                return original(store, seconds, *args, **kwargs)
            pipeline._resolve_corpus = timed
            t = time.perf_counter()
            judge(store, first, second, "positive")
            merged = {"merge": [first, second], "merge_s": round(time.perf_counter() - t, 2),
                      "merge_stages_s": {k: round(v, 2) for k, v in seconds.seconds.items()},
                      "merge_facts_reused": seconds.facts_reused}
            pipeline._resolve_corpus = original
        _copies(a.paths, a.add, a.size, archive)
        t = time.perf_counter()
        added = build([archive], store, backend=a.backend)
        add_s = time.perf_counter() - t
    out = {
        "backend": full.backend, "size": a.size, "added": a.add,
        "full_build_s": round(full_s, 2), "full_stages_s": {k: round(v, 2) for k, v in full.seconds.items()},
        "full_words_per_s": round(full.words / full_s, 1),
        "add_build_s": round(add_s, 2), "add_stages_s": {k: round(v, 2) for k, v in added.seconds.items()},
        "facts_reused": added.facts_reused, **merged,
        "add_share_of_full": round(add_s / full_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(out, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

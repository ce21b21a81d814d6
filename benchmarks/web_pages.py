"""Benchmark (not a test): the server time of each page of `kroniek serve`, median over repeated requests.

    .venv/bin/python benchmarks/web_pages.py --db /tmp/hw_all.db ../shared/corpus/seeds ../shared/corpus/dev

Builds the knowledge base from the given articles first when `--db` does not exist yet (one
`kroniek build`), then asks every kind of page `--requests` times through Starlette's TestClient
(in process: no network, the time is the app's), each time for another actor, event or document
where there are enough, and prints the median and the slowest per page kind in milliseconds (the
map, the relation graph, the audit list and the correction forms included; the graph's layout is
made on its first request and kept for the loaded knowledge base, so its slowest is that first one).
The issue asks for a median of at most 200 ms per page on the seeds + dev corpora.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="articles to build from when --db does not exist")
    ap.add_argument("--db", default="/tmp/kroniek-web-bench.db")
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args(argv)

    from starlette.testclient import TestClient

    from kroniek.store import Store
    from kroniek.web import create_app

    if not Path(a.db).exists():
        if not a.paths:
            ap.error(f"{a.db} does not exist: give the articles to build it from")
        from kroniek.pipeline import build

        t = time.perf_counter()
        build(a.paths, Store(a.db), backend="kroniek")
        print(f"built {a.db} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    app = create_app(Store(a.db, create=False))
    client = TestClient(app, base_url="http://127.0.0.1")
    t = time.perf_counter()
    kb = app.state.desk.view().kb
    load_s = time.perf_counter() - t

    def cycle(ids: list[str]) -> list[str]:
        return [ids[k % len(ids)] for k in range(a.requests)] if ids else []
    actors = sorted(kb.entities, key=lambda e: -len(e.mentions))
    words = ["shabaab", "kabul", "aanslag", "islamitische staat", "somalie", "killed", "taliban", "bomb"]
    pages = {
        "search": [f"/search?q={w}" for w in cycle(words)],
        "actor": [f"/actor/{e}" for e in cycle([e.id for e in actors[:a.requests]])],
        "event": [f"/event/{v}" for v in cycle([v.id for v in sorted(kb.events, key=lambda v: -len(v.reports))])],
        "document": [f"/document/{d}" for d in cycle([d.id for d in sorted(kb.documents, key=lambda d: -len(d.text))])],
        "timeline": ["/timeline"] * (a.requests // 2) + ["/timeline?type=bombing&from=2015&to=2022"] * (a.requests // 2),
        "conflicts": ["/conflicts"] * a.requests,
        "map": ["/map"] * (a.requests // 2) + ["/map?type=bombing&from=2015&to=2022"] * (a.requests // 2),
        "graph": ["/graph"] * (a.requests // 2) + ["/graph?p=leader_of&p=allied_with"] * (a.requests // 2),
        "judgements": ["/judgements"] * a.requests,
        "merge form": [f"/actor/{e}/merge" for e in cycle([e.id for e in actors[:a.requests]])],
        "split form": [f"/actor/{e}/split" for e in cycle([e.id for e in actors[:a.requests]])],
    }
    out = {"db": a.db, "documents": len(kb.documents), "entities": len(kb.entities), "events": len(kb.events),
           "load_s": round(load_s, 3), "requests": a.requests, "pages_ms": {}}
    for kind, urls in pages.items():
        times = []
        for url in urls:
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (url, r.status_code)
        out["pages_ms"][kind] = {"median": round(statistics.median(times), 1), "max": round(max(times), 1)}
    print(json.dumps(out, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

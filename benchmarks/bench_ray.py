"""Benchmark (not a test): a build on the local engine against the same build on Ray at 1, 2, ... workers
(issue 11, item 2): seconds, seconds per 1,000 articles, the speed-up over the local engine, peak memory.

    .venv/bin/python benchmarks/bench_ray.py                                # 300 articles; local, Ray 1 and 2
    .venv/bin/python benchmarks/bench_ray.py --sizes 1000,10000 --workers 1,2,8,16   # a bigger machine
    .venv/bin/python benchmarks/bench_ray.py --sizes 100000 --workers 2 --no-local --keep DIR  # Ray alone

The corpus comes from `scripts/synth_corpus.py` (our own templates), written once per size before any
build and not timed. Every build runs in a process of its own into a fresh SQLite file, with the
lite backend unless `--backend` says otherwise. Ray builds start a local cluster of that many CPUs;
its start-up is timed apart (`start_s`), since a standing cluster has paid it already, and the
speed-up is over the build alone (`speedup`) and with the start-up (`speedup_with_start`). Peak
memory is the driver's maximum resident set (`driver_peak_mb`), and the largest sum of resident sets
of the driver and every process under it, Ray's servers and workers included, sampled every 0.2 s
(`tree_peak_mb`; Linux /proc); `cpu_s` is the CPU time of those processes at the end of the build,
Ray's start-up included: CPU seconds that come to no more than the wall seconds mean the build had
about one core's worth of CPU, however many workers it ran (a machine shared with other work).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_scale import _synth  # the same loader: both scripts run from benchmarks/

ROOT = Path(__file__).resolve().parents[1]


def _tree(root: int) -> tuple[float, float]:
    """The resident memory (MB) of `root` and every process under it, and the CPU seconds they have
    used so far (the living ones: a worker that has exited is not counted)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                rss[int(entry)] = int(f.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
        children.setdefault(int(fields[1]), []).append(int(entry))
    memory, seconds, todo = 0, 0.0, [root]
    while todo:
        pid = todo.pop()
        memory += rss.get(pid, 0)
        seconds += cpu.get(pid, 0.0)
        todo += children.get(pid, [])
    return memory / 2**20, seconds


def _tree_rss_mb(root: int) -> float:
    return _tree(root)[0]


class _PeakSampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak, self._done = 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))
            self._done.wait(0.2)

    def stop(self) -> float:
        self._done.set()
        self.join()
        return max(self.peak, _tree_rss_mb(os.getpid()))


def one(corpus: Path, size: int, engine_name: str, workers: int | None, backend: str, batch_size: int,
        work: Path) -> dict:
    """Build `corpus` on one engine; the figures as a dict."""
    from kroniek.engine import make_engine
    from kroniek.pipeline import build
    from kroniek.store import Store

    sampler = _PeakSampler()
    sampler.start()
    t = time.perf_counter()
    engine = make_engine(engine_name, workers=workers)
    start_s = time.perf_counter() - t
    db = work / f"kb-{engine_name}-{workers or 0}-{size}.db"
    db.unlink(missing_ok=True)
    try:
        t = time.perf_counter()
        report = build([corpus], Store(str(db)), backend=backend, batch_size=batch_size, engine=engine)
        build_s = time.perf_counter() - t
        tree_peak = sampler.stop()
        cpu_s = _tree(os.getpid())[1]
    finally:
        engine.close()
    return {
        "articles": size, "engine": engine_name, "workers": workers, "backend": report.backend,
        "documents": report.documents, "skipped": len(report.skipped), "entities": report.entities,
        "events": report.events, "start_s": round(start_s, 2), "build_s": round(build_s, 2),
        "s_per_1000": round(build_s / size * 1000, 2),
        "stages_s": {k: round(v, 2) for k, v in report.seconds.items()},
        "driver_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "tree_peak_mb": round(tree_peak), "cpu_s": round(cpu_s, 1), "db": str(db),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="300", help="comma-separated corpus sizes (default 300)")
    ap.add_argument("--workers", default="1,2", help="comma-separated Ray worker counts (default 1,2)")
    ap.add_argument("--backend", default="lite", help="NLP backend (default lite)")
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-check", action="store_true", help="skip comparing each Ray build's export with the local one's")
    ap.add_argument("--no-local", action="store_true",
                    help="build on Ray only: no local baseline, so no speed-up and no export check (a size whose "
                         "local build has been timed before and would take hours)")
    ap.add_argument("--keep", metavar="DIR", help="write corpora and databases here and keep them (default: a "
                                                  "temporary folder, removed at the end)")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--one", nargs=4, metavar=("CORPUS", "SIZE", "ENGINE", "WORKERS"), help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)

    if a.one:
        corpus, size, engine, workers = a.one
        print(json.dumps(one(Path(corpus), int(size), engine, int(workers) or None, a.backend, a.batch_size,
                             Path(a.work))))
        return 0
    sizes = [int(s) for s in a.sizes.split(",") if s]
    workers = [int(w) for w in a.workers.split(",") if w]
    results = []
    with tempfile.TemporaryDirectory(prefix="kroniek-bench-ray-") as tmp:
        if a.keep:
            Path(a.keep).mkdir(parents=True, exist_ok=True)
            tmp = a.keep
        work = Path(tmp)
        for size in sizes:
            corpus = work / f"corpus-{size}"
            _synth().generate(corpus, size, seed=a.seed)
            local = None
            for engine, n in ([] if a.no_local else [("local", 0)]) + [("ray", w) for w in workers]:
                out = subprocess.run([sys.executable, __file__, "--one", str(corpus), str(size), engine, str(n),
                                      "--work", tmp, "--backend", a.backend, "--batch-size", str(a.batch_size)],
                                     check=True, stdout=subprocess.PIPE, text=True)
                row = json.loads(out.stdout.strip().splitlines()[-1])
                if engine == "local":
                    local = row
                elif local is not None:
                    row["speedup"] = round(local["build_s"] / row["build_s"], 2)
                    row["speedup_with_start"] = round(local["build_s"] / (row["build_s"] + row["start_s"]), 2)
                    if not a.no_check:
                        row["same_export"] = _export(row["db"]) == _export(local["db"])
                results.append(row)
                print(json.dumps({k: v for k, v in row.items() if k != "db"}), flush=True)
    print(f"\n{'articles':>8} {'engine':>6} {'workers':>7} {'start s':>7} {'build s':>8} {'s/1000':>7} "
          f"{'speed-up':>8} {'driver MB':>9} {'tree MB':>8} {'CPU s':>6}")
    for r in results:
        print(f"{r['articles']:>8} {r['engine']:>6} {r['workers'] or '':>7} {r['start_s']:>7} {r['build_s']:>8} "
              f"{r['s_per_1000']:>7} {r.get('speedup', ''):>8} {r['driver_peak_mb']:>9} {r['tree_peak_mb']:>8} {r['cpu_s']:>6}")
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


def _export(db: str) -> bytes:
    from kroniek.export import export
    from kroniek.store import Store

    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        export(Store(db).knowledge_base(), "json", Path(f.name), sys.stdout)
        return Path(f.name).read_bytes()


if __name__ == "__main__":
    raise SystemExit(main())

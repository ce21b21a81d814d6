"""Score a corpus batch by batch: the articles whose file names share a prefix (dA, dB, ...) are built
into a knowledge base of their own and scored against the gold facts of those articles only.

Rules are tuned on some batches and checked on the one left out; the spread of the per-batch scores
says how far they hold on articles nobody tuned them on.

    python scripts/score_batches.py ../shared/corpus/dev ../shared/eval/dev.gold.yaml --backend kroniek

Gold entities are kept for a batch when one of their names occurs in its articles; conflicts when at
least two of their documents are in it. A table of names and addresses beside the articles (such as
SOURCES.tsv) is copied into every batch, as a build reads it.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml


def batch_gold(gold: dict, prefix: str, texts: str) -> dict:
    def mine(doc: str) -> bool:
        return doc.startswith(prefix)
    events = [{**e, "reports": [r for r in e["reports"] if mine(r["doc"])]} for e in gold.get("events", [])]
    events = [e for e in events if e["reports"]]
    keys = {e["key"] for e in events}
    return {
        "documents": [d for d in gold.get("documents", []) if mine(d["doc"])],
        "entities": [e for e in gold.get("entities", []) if any(n.lower() in texts for n in e["names"])],
        "events": events,
        "claims": [c for c in gold.get("claims", []) if mine(c["doc"])],
        "quotes": [q for q in gold.get("quotes", []) if mine(q["doc"])],
        "relations": [r for r in gold.get("relations", []) if any(mine(d) for d in r[3])],
        "conflicts": [c for c in gold.get("conflicts", []) if c["about"] in keys
                      and sum(mine(d) for d in c.get("docs", [])) >= 2],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--backend", default="kroniek")
    parser.add_argument("--prefix-length", type=int, default=2, help="characters of the file name that name its batch")
    parser.add_argument("--scorer", type=Path, default=None, help="score.py (default: beside the gold file)")
    args = parser.parse_args(argv)
    scorer = args.scorer or args.gold.parent / "score.py"
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    files = sorted(args.corpus.glob("*.txt"))
    tables = [f for f in args.corpus.iterdir() if f.suffix in (".tsv", ".csv")]
    prefixes = sorted({f.name[:args.prefix_length] for f in files})
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for prefix in prefixes:
            folder = Path(tmp) / prefix
            folder.mkdir()
            for f in files:
                if f.name.startswith(prefix):
                    shutil.copy(f, folder / f.name)
            for t in tables:
                shutil.copy(t, folder / t.name)
            texts = " ".join(f.read_text(encoding="utf-8", errors="replace").lower() for f in folder.glob("*.txt"))
            gold_file = Path(tmp) / f"{prefix}.gold.yaml"
            gold_file.write_text(yaml.safe_dump(batch_gold(gold, prefix, texts), allow_unicode=True), encoding="utf-8")
            db, kb = Path(tmp) / f"{prefix}.db", Path(tmp) / f"{prefix}.json"
            kroniek = [sys.executable, "-m", "kroniek.cli"]
            subprocess.run([*kroniek, "build", str(folder), "--db", str(db), "--backend", args.backend],
                           check=True, capture_output=True)
            subprocess.run([*kroniek, "export", "--db", str(db), "-o", str(kb)], check=True, capture_output=True)
            out = subprocess.run([sys.executable, str(scorer), "--gold", str(gold_file), "--corpus", str(folder),
                                  "--kb", str(kb)], check=True, capture_output=True, text=True).stdout
            parts = {name: float(m.group(1)) for name in ("entities", "events", "claims", "relations", "quotes",
                                                           "conflicts")
                     if (m := re.search(rf"^{name}\s.*F1 ([\d.]+)", out, re.M))}
            fields = re.search(r"^event fields (.*)$", out, re.M)
            values = [float(v) for v in re.findall(r"([\d.]+)", fields.group(1))] if fields else []
            parts["fields"] = round(sum(values) / len(values), 3) if values else 0.0
            parts["overall"] = float(re.search(r"OVERALL ([\d.]+)", out).group(1))
            rows.append((prefix, parts))
    names = ["overall", "entities", "events", "claims", "relations", "quotes", "conflicts", "fields"]
    print("| batch | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for prefix, parts in rows:
        print(f"| {prefix} | " + " | ".join(f"{parts.get(n, 0):.3f}" for n in names) + " |")
    overall = [p["overall"] for _, p in rows]
    print(json.dumps({"min": min(overall), "max": max(overall), "mean": round(sum(overall) / len(overall), 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Export stage: the knowledge base in the formats analysts' tools read.

`json` (kroniek-kb/1, EXPORT.md) is the reference; the others are views of the same
`KnowledgeBase`: CSV tables (`tables.py`), FollowTheMoney entities for Aleph (`ftm.py`), a GraphML
graph for Gephi (`graphml.py`). `ftm` and `graphml` need the `export` extra
(`pip install 'kroniek[export]'`); the rest needs nothing beyond kroniek itself.
"""
from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from ..model import KnowledgeBase
from .json_export import to_json

FORMATS: dict[str, str] = {
    "json": "the kroniek-kb/1 JSON object (EXPORT.md)",
    "events": "ACLED/UCDP-style CSV, two tables: one row per event in FILE (killed low/best/high, source count), "
              "one row per report in FILE's name + .reports.csv (events.csv -> events.reports.csv); needs -o",
    "ftm": "FollowTheMoney entities, one JSON object per line, for Aleph",
    "graphml": "actors and relations as a GraphML graph, for Gephi",
    "claims": "CSV, one row per claim with its span (doc, start, end)",
    "quotes": "CSV, one row per quote with its span",
    "conflicts": "CSV, one row per value a source gives in a conflict, with its span",
}


class ExportError(Exception):
    """An export that cannot be written as asked; `str()` is one line with its code."""


class MissingDependency(ExportError):
    def __init__(self, fmt: str, package: str) -> None:
        super().__init__(f"E041: the {fmt} export needs the {package} package: pip install 'kroniek[export]'")


def check(fmt: str, output: Path | None) -> None:
    """Raise ExportError before any work is done where `fmt` cannot be written to `output` (None: stdout)."""
    if fmt not in FORMATS:
        raise ExportError(f"E040: unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if fmt == "events" and output is None:
        raise ExportError("E042: the events format writes two tables; name the first with -o (e.g. -o events.csv)")
    if fmt == "ftm":
        from .ftm import _model

        _model()
    if fmt == "graphml":
        from .graphml import _networkx

        _networkx()


def export(kb: KnowledgeBase, fmt: str, output: Path | None, stdout: TextIO) -> list[Path]:
    """Write `kb` as `fmt` to the file `output` (to `stdout` where it is None); returns the files written.

    Files are UTF-8; CSV files are opened with newline="" as the csv module asks."""
    check(fmt, output)
    from . import ftm, graphml, tables

    single = {"json": lambda kb, out: out.write(json.dumps(to_json(kb), ensure_ascii=False, indent=1) + "\n"),
              "ftm": ftm.write_ftm, "graphml": graphml.write_graphml, "claims": tables.write_claims,
              "quotes": tables.write_quotes, "conflicts": tables.write_conflicts}
    if output is None:
        single[fmt](kb, stdout)
        return []
    paths = [output, tables.reports_path(output)] if fmt == "events" else [output]
    try:
        with ExitStack() as stack:
            files = [stack.enter_context(open(p, "w", encoding="utf-8", newline="")) for p in paths]
            if fmt == "events":
                tables.write_events(kb, *files)
            else:
                single[fmt](kb, files[0])
    except OSError as err:
        raise ExportError(f"E043: cannot write {err.filename or output}: {err.strerror or err}") from None
    return paths


__all__ = ["FORMATS", "ExportError", "MissingDependency", "export", "to_json"]

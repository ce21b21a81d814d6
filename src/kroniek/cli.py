"""Command line: a thin Typer shell over `kroniek.pipeline`, the store and the exporters."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(help="kroniek: news articles in, a sourced knowledge base of actors and events out.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console(stderr=True)
DB_OPTION = typer.Option("kroniek.db", "--db", help="SQLite file or SQLAlchemy URL of the knowledge base.")


class BackendName(str, Enum):
    auto = "auto"
    frog = "frog"
    lite = "lite"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command("build")
def build_cli(paths: list[Path] = typer.Argument(..., help="Article files or folders (searched recursively)."),
              db: str = DB_OPTION,
              backend: BackendName = typer.Option(BackendName.auto, help="NLP backend; auto = frog if installed."),
              batch_size: int = typer.Option(200, min=1, help="Documents per NLP run and per transaction.")) -> None:
    """Read articles into the knowledge base, then resolve entities and dates over the whole corpus."""
    from .nlp import BackendUnavailable
    from .pipeline import build
    from .store import Store

    store = Store(db)
    with Progress(TextColumn("[bold]build"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("documents", total=None)
        try:
            report = build(paths, store, backend=backend.value, batch_size=batch_size,
                           on_total=lambda n: progress.update(task, total=n),
                           on_progress=lambda n: progress.advance(task, n))
        except BackendUnavailable as err:
            console.print(f"[red]{err}[/red] (try --backend lite)")
            raise typer.Exit(2) from err
    for skipped in report.skipped:
        console.print(f"[yellow]skipped[/yellow] {skipped.path}: {skipped.reason}")
    total = sum(report.seconds.values())
    console.print(f"[green]built[/green] {report.documents} new documents ({report.unchanged} unchanged, "
                  f"{len(report.skipped)} skipped) with {report.backend}: {report.mentions} mentions, "
                  f"{report.entities} entities in {total:.1f} s -> {db}")


@app.command("export")
def export_cli(db: str = DB_OPTION,
               format: str = typer.Option("json", "--format", help="Export format (json: EXPORT.md)."),
               output: Path | None = typer.Option(None, "--output", "-o", help="File to write; default stdout.")) -> None:
    """Write the knowledge base in the kroniek-kb/1 JSON format."""
    from .export import to_json
    from .store import Store

    if format != "json":
        console.print(f"[red]unknown format {format!r}[/red]; known: json")
        raise typer.Exit(2)
    text = json.dumps(to_json(Store(db).knowledge_base()), ensure_ascii=False, indent=1)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


@app.command("entities")
def entities_cli(db: str = DB_OPTION,
                 type: str | None = typer.Option(None, "--type", help="Only PER, ORG, LOC or MISC."),
                 output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
                 limit: int = typer.Option(0, min=0, help="Show at most this many (0: all).")) -> None:
    """List entities: name, type, aliases, mentions and documents."""
    from .store import Store

    rows = [e for e in Store(db).entities() if type is None or e.type == type.upper()]
    rows.sort(key=lambda e: (-len(e.mentions), e.type, e.name))
    if limit:
        rows = rows[:limit]
    records = [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                "mentions": len(e.mentions), "documents": len(e.documents)} for e in rows]
    _emit(records, ("name", "type", "aliases", "mentions", "documents"), "entities", output)


def _emit(records: list[dict], columns: tuple[str, ...], what: str, output: OutputFormat) -> None:
    """Records as a Rich table, JSON or CSV; lists are joined with "; " outside JSON."""
    def flat(value) -> str:
        if isinstance(value, list):
            return "; ".join(map(str, value))
        return "" if value is None else str(value)

    if output is OutputFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif output is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]) if records else list(columns))
        writer.writeheader()
        for r in records:
            writer.writerow({k: flat(v) for k, v in r.items()})
    else:
        table = Table(*columns, title=f"{len(records)} {what}")
        for r in records:
            table.add_row(*(flat(r[c]) for c in columns))
        Console().print(table)


def _figure(r) -> str | None:
    if r is None:
        return None
    if r.high is None:
        return f"≥{r.low}"
    if r.low is None:
        return f"≤{r.high}"
    return str(r.low) if r.low == r.high else f"{r.low}–{r.high}"


@app.command("events")
def events_cli(db: str = DB_OPTION,
               output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """The timeline: one row per event, with its fused figures and the documents that report it."""
    from .store import Store

    kb = Store(db).knowledge_base()
    names = {e.id: e.name for e in kb.entities}
    records = [{"id": v.id, "date": v.date, "type": v.type, "subtype": v.subtype, "location": names.get(v.location),
                "perpetrator": names.get(v.perpetrator), "claimed_by": names.get(v.claimed_by),
                "killed": _figure(v.killed), "injured": _figure(v.injured), "flags": list(v.flags),
                "reports": [f"{r.doc}: {_figure(r.killed) or '-'}" for r in v.reports]} for v in kb.events]
    _emit(records, ("date", "type", "subtype", "location", "perpetrator", "claimed_by", "killed", "flags", "reports"),
          "events", output)


@app.command("conflicts")
def conflicts_cli(db: str = DB_OPTION,
                  output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """Where sources disagree: each value with the document that gives it."""
    from .model import Range
    from .store import Store

    kb = Store(db).knowledge_base()
    names = {e.id: e.name for e in kb.entities}
    events = {v.id: v for v in kb.events}

    def about(c) -> str:
        if c.about in events:
            v = events[c.about]
            return f"{v.type} {names.get(v.location, '?')} {v.date or ''}".strip()
        return f"{names.get(c.about, c.about)} {c.attribute or ''} {c.as_of or ''}".strip()
    records = [{"about": about(c), "field": c.field,
                "values": [f"{doc}: {_figure(v) if isinstance(v, Range) else names.get(v, v)}" for doc, v in c.values]}
               for c in kb.conflicts]
    _emit(records, ("about", "field", "values"), "conflicts", output)


@app.command("claims")
def claims_cli(actor: str = typer.Argument(..., help="Entity id or any name the actor goes by."),
               db: str = DB_OPTION,
               output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """What sources say about one actor's size, attacks, money and founding, over time and per source."""
    from .gazetteer import fold
    from .store import Store

    kb = Store(db).knowledge_base()
    names = {e.id: e.name for e in kb.entities}
    wanted = {e.id for e in kb.entities if actor == e.id or fold(actor) in {fold(n) for n in (e.name, *e.aliases)}}
    if not wanted:
        console.print(f"[red]E031: no entity named {actor!r}[/red]")
        raise typer.Exit(2)
    rows = sorted((c for c in kb.claims if c.subject in wanted), key=lambda c: (c.attribute, c.as_of or "", c.evidence.doc))
    records = [{"attribute": c.attribute, "value": _figure(c.value), "as_of": c.as_of,
                "source": names.get(c.attributed_to, c.attributed_to), "doc": c.evidence.doc,
                "evidence": kb_text(kb, c.evidence)} for c in rows]
    _emit(records, ("attribute", "value", "as_of", "source", "doc", "evidence"), f"claims about {actor}", output)


def kb_text(kb, span) -> str:
    doc = next((d for d in kb.documents if d.id == span.doc), None)
    return " ".join(span.slice(doc.text).split()) if doc else ""


def _judge(first: str, second: str, verdict: str, db: str, by: str) -> None:
    from .pipeline import judge
    from .store import Store

    try:
        judge(Store(db), first, second, verdict, by=by)
    except KeyError as err:
        console.print(f"[red]{err.args[0]}[/red]")
        raise typer.Exit(2) from err
    console.print(f"[green]recorded[/green] {first} {'=' if verdict == 'positive' else '≠'} {second}; entities resolved again")


@app.command("merge")
def merge_cli(first: str = typer.Argument(..., help="Entity id (or mention id) from `kroniek entities --format json`."),
              second: str = typer.Argument(..., help="The other entity or mention id."),
              db: str = DB_OPTION, by: str = typer.Option("analyst", help="Who decides.")) -> None:
    """Say that two entities are one; kept as a judgement that survives rebuilds."""
    _judge(first, second, "positive", db, by)


@app.command("separate")
def separate_cli(first: str = typer.Argument(..., help="Entity id or mention id."),
                 second: str = typer.Argument(..., help="The other entity or mention id."),
                 db: str = DB_OPTION, by: str = typer.Option("analyst", help="Who decides.")) -> None:
    """Say that two entities or mentions must never be merged; kept as a judgement that survives rebuilds."""
    _judge(first, second, "negative", db, by)


def main() -> None:  # pragma: no cover - console script entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

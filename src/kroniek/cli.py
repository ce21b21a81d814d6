"""Command line: a thin Typer shell over `kroniek.pipeline`, the store and the exporters."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

app = typer.Typer(help="kroniek: news articles in, a sourced knowledge base of actors and events out.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console(stderr=True, soft_wrap=True)  # a message is one line, however long its path
DB_OPTION = typer.Option("kroniek.db", "--db", help="SQLite file or SQLAlchemy URL of the knowledge base.")


class BackendName(str, Enum):
    kroniek = "kroniek"
    frog = "frog"
    lite = "lite"
    auto = "auto"


class EngineName(str, Enum):
    local = "local"
    ray = "ray"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def open_store(db: str, create: bool = False):
    """The knowledge base at `db`, or a one-line error and exit code 2. Reading commands never create
    one; they warn when the last build stopped before its corpus-level stages finished."""
    from .store import Store, StoreError

    try:
        store = Store(db, create=create)
    except StoreError as err:
        console.print(f"[red]error:[/red] {escape(str(err))}")
        raise typer.Exit(2) from None
    if not create and store.resolve_pending():
        console.print("[yellow]warning:[/yellow] the last build stopped before it finished; entities, events "
                      "and conflicts may be out of date (run `kroniek build` again)")
    return store


@app.command("build")
def build_cli(paths: list[Path] = typer.Argument(..., help="Article files or folders (searched recursively)."),
              db: str = DB_OPTION,
              backend: BackendName = typer.Option(BackendName.kroniek, help="NLP backend: kroniek's own pipelines (default), frog, lite (tokenizer and cues only); auto = kroniek."),
              batch_size: int = typer.Option(200, min=1, help="Documents per NLP run and per transaction."),
              prune: bool = typer.Option(False, "--prune", help="Drop documents whose files under PATHS are gone."),
              engine: EngineName = typer.Option(EngineName.local, help="Where the per-document stages run: in this "
                                                "process (local, default) or as Ray tasks (ray; the ray extra)."),
              address: str | None = typer.Option(None, help="With --engine ray: the Ray cluster to use (\"auto\", "
                                                 "\"ray://head:10001\"); default: start one on this machine."),
              workers: int | None = typer.Option(None, min=1, help="With --engine ray: CPUs of the cluster started "
                                                 "here (default: all), or tasks at once on the cluster at --address.")
              ) -> None:
    """Read articles into the knowledge base, then resolve entities, dates, events and conflicts.

    Exits 1 when not one input could be built, 2 on a usage or database error."""
    from .engine import EngineUnavailable, make_engine
    from .nlp import BackendUnavailable
    from .pipeline import build

    if engine is EngineName.local and (address or workers):
        console.print("[red]error:[/red] --address and --workers are for --engine ray")
        raise typer.Exit(2)
    store = open_store(db, create=True)
    try:
        runner = make_engine(engine.value, address, workers)
    except EngineUnavailable as err:
        console.print(f"[red]error:[/red] {escape(str(err))}")
        raise typer.Exit(2) from None
    with Progress(TextColumn("[bold]build"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console, transient=True) as progress:
        task = progress.add_task("", total=None)

        def showing(path: str) -> None:
            progress.update(task, description=escape(_tail(path)))
        try:
            report = build(paths, store, backend=backend.value, batch_size=batch_size, prune=prune,
                           on_total=lambda n: progress.update(task, total=n),
                           on_progress=lambda n: progress.advance(task, n), on_file=showing,
                           on_wait=lambda: console.print(f"waiting for another build on {escape(store.shown)} to finish"),
                           engine=runner)
        except BackendUnavailable as err:
            console.print(f"[red]error:[/red] {escape(str(err))} (try --backend lite)")
            raise typer.Exit(2) from None
        finally:
            runner.close()
    for skipped in report.skipped:
        console.print(f"[yellow]skipped[/yellow] {escape(skipped.path)}: {escape(skipped.reason)}")
    for warning in report.warnings:
        console.print(f"[yellow]warning[/yellow] {escape(warning)}")
    for locator, name in report.also_at:
        console.print(f"[cyan]known[/cyan] {escape(locator)}: same text as {escape(name)}")
    for name in report.removed:
        console.print(f"[cyan]removed[/cyan] {escape(name)}")
    total = sum(report.seconds.values())
    console.print(f"[green]built[/green] {report.documents} new documents ({report.unchanged} unchanged, "
                  f"{len(report.removed)} removed, {len(report.skipped)} skipped) with {report.backend}: "
                  f"{report.mentions} mentions, {report.entities} entities, {report.events} events in {total:.1f} s "
                  f"-> {escape(store.shown)}")
    if report.failed:
        console.print("[red]error:[/red] nothing could be built from the given paths")
        raise typer.Exit(1)


def _tail(path: str, width: int = 60) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]


@app.command("export")
def export_cli(db: str = DB_OPTION,
               format: str = typer.Option("json", "--format",
                                          help="json (default), events, ftm, graphml, claims, quotes or conflicts."),
               output: Path | None = typer.Option(None, "--output", "-o",
                                                  help="File to write; default stdout. events writes FILE and, beside "
                                                       "it, FILE's name + .reports.csv.")) -> None:
    """Write the knowledge base for other tools, in one of these formats.

    \b
    json       kroniek-kb/1 JSON (EXPORT.md), the default
    events     ACLED/UCDP-style CSV, one row per event (killed low/best/high,
               number of sources); -o events.csv also writes events.reports.csv,
               one row per report with its figures and doc/start/end
    ftm        FollowTheMoney entities, one JSON object per line (Aleph)
    graphml    actors and relations as GraphML (Gephi)
    claims     CSV, one row per claim, with doc/start/end
    quotes     CSV, one row per quote, with doc/start/end
    conflicts  CSV, one row per disagreeing value, with doc/start/end

    ftm and graphml need the export extra (pip install 'kroniek\\[export]').
    """
    from .export import ExportError, check, export

    try:
        check(format, output)
        written = export(open_store(db).knowledge_base(), format, output, sys.stdout)
    except ExportError as err:
        console.print(f"[red]error:[/red] {escape(str(err))}")
        raise typer.Exit(2) from None
    for path in written[1:]:
        console.print(f"[green]wrote[/green] {escape(str(path))}")


@app.command("entities")
def entities_cli(db: str = DB_OPTION,
                 type: str | None = typer.Option(None, "--type", help="Only PER, ORG, LOC or MISC."),
                 output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
                 limit: int = typer.Option(0, min=0, help="Show at most this many (0: all).")) -> None:
    """List entities: name, type, aliases, mentions and documents."""
    rows = [e for e in open_store(db).entities() if type is None or e.type == type.upper()]
    rows.sort(key=lambda e: (-len(e.mentions), e.type, e.name))
    if limit:
        rows = rows[:limit]
    records = [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                "mentions": len(e.mentions), "documents": len(e.documents)} for e in rows]
    _emit(records, ("id", "name", "type", "aliases", "mentions", "documents"), "entities", output)


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
        # article text may hold "[...]", which Rich would read as markup: every cell is a Text. Cells
        # fold instead of being cut short, so ids and evidence stay whole when the table is piped.
        table = Table(title=Text(f"{len(records)} {what}"))
        for c in columns:
            table.add_column(c, overflow="fold", no_wrap=c == "id")
        for r in records:
            table.add_row(*(Text(flat(r[c])) for c in columns))
        Console(width=None if sys.stdout.isatty() else 200).print(table)


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
    kb = open_store(db).knowledge_base()
    names = {e.id: e.name for e in kb.entities}
    records = [{"id": v.id, "date": v.date, "type": v.type, "subtype": v.subtype, "location": names.get(v.location),
                "perpetrator": names.get(v.perpetrator), "claimed_by": names.get(v.claimed_by),
                "killed": _figure(v.killed), "injured": _figure(v.injured), "flags": list(v.flags),
                "reports": [f"{r.doc}: {_figure(r.killed) or '-'}" for r in v.reports]} for v in kb.events]
    _emit(records, ("id", "date", "type", "subtype", "location", "perpetrator", "claimed_by", "killed", "injured", "flags",
                    "reports"), "events", output)


@app.command("conflicts")
def conflicts_cli(db: str = DB_OPTION,
                  output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """Where sources disagree: each value with the document that gives it."""
    from .model import Range

    kb = open_store(db).knowledge_base()
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


def _actors(kb, actor: str) -> set[str]:
    """The ids of the entities `actor` names (an id or any name they go by), or error E031 and exit 2."""
    from .gazetteer import fold

    wanted = {e.id for e in kb.entities if actor == e.id or fold(actor) in {fold(n) for n in (e.name, *e.aliases)}}
    if not wanted:
        console.print(f"[red]error:[/red] E031: no entity named {escape(repr(actor))}")
        raise typer.Exit(2)
    return wanted


@app.command("claims")
def claims_cli(actor: str = typer.Argument(..., help="Entity id or any name the actor goes by."),
               db: str = DB_OPTION,
               output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """What sources say about one actor's size, attacks, money and founding, over time and per source."""
    kb = open_store(db).knowledge_base()
    names = {e.id: e.name for e in kb.entities}
    wanted = _actors(kb, actor)
    rows = sorted((c for c in kb.claims if c.subject in wanted), key=lambda c: (c.attribute, c.as_of or "", c.evidence.doc))
    records = [{"attribute": c.attribute, "value": _figure(c.value), "as_of": c.as_of,
                "source": names.get(c.attributed_to, c.attributed_to), "doc": c.evidence.doc,
                "evidence": kb_text(kb, c.evidence)} for c in rows]
    _emit(records, ("attribute", "value", "as_of", "source", "doc", "evidence"), f"claims about {actor}", output)


@app.command("relations")
def relations_cli(actor: str | None = typer.Argument(None, help="Only the relations of this entity (id or name)."),
                  db: str = DB_OPTION,
                  predicate: str | None = typer.Option(None, help="Only this predicate (part_of, allied_with, ...)."),
                  output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """Who is allied with, rival of, leader of whom: each relation with the sentence that says it."""
    kb = open_store(db).knowledge_base()
    names = {e.id: e.name for e in kb.entities}
    wanted = _actors(kb, actor) if actor else None
    rows = [r for r in kb.relations if (wanted is None or {r.subject, r.object} & wanted)
            and (predicate is None or r.predicate == predicate)]
    records = [{"subject": names.get(r.subject, r.subject), "predicate": r.predicate,
                "object": names.get(r.object, r.object), "docs": sorted({s.doc for s in r.evidence}),
                "evidence": _said(kb, r.evidence)} for r in rows]
    _emit(records, ("subject", "predicate", "object", "docs", "evidence"), "relations", output)


@app.command("quotes")
def quotes_cli(speaker: str | None = typer.Argument(None, help="Only what this person said (id or name)."),
               db: str = DB_OPTION,
               output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """Who said what, in which article: each quote with its passage."""
    kb = open_store(db).knowledge_base()
    names = {e.id: e.name for e in kb.entities}
    wanted = _actors(kb, speaker) if speaker else None
    rows = [q for q in kb.quotes if wanted is None or q.speaker in wanted]
    records = [{"speaker": names.get(q.speaker, q.speaker), "doc": q.span.doc,
                "passage": _said(kb, q.passages or (q.span,))} for q in rows]
    _emit(records, ("speaker", "doc", "passage"), "quotes", output)


@app.command("show")
def show_cli(what: str = typer.Argument(..., help="An event id (from `kroniek events`), or an entity's id or name."),
             db: str = DB_OPTION,
             output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """One event with each source's report and its evidence sentence, or one actor's dossier: its names,
    relations, figures, events and quotes."""
    kb = open_store(db).knowledge_base()
    names = {e.id: e.name for e in kb.entities}
    event = next((v for v in kb.events if v.id == what), None)
    if event is not None:
        records = [{"doc": r.doc, "start": r.evidence.start, "end": r.evidence.end, "date": r.date,
                    "location": names.get(r.location), "killed": _figure(r.killed), "injured": _figure(r.injured),
                    "evidence": kb_text(kb, r.evidence)} for r in event.reports]
        title = (f"{event.type} {event.date or ''} {names.get(event.location, '')}: killed {_figure(event.killed) or '-'},"
                 f" perpetrator {names.get(event.perpetrator, '-')}, claimed by {names.get(event.claimed_by, '-')}")
        _emit(records, ("doc", "start", "end", "date", "location", "killed", "injured", "evidence"),
              f"reports of {title}", output)
        return
    wanted = _actors(kb, what)
    records = []
    for e in (e for e in kb.entities if e.id in wanted):
        records.append({"part": "names", "what": f"{e.name} ({e.type})", "docs": sorted(e.documents),
                        "evidence": "; ".join(e.aliases)})
    for r in kb.relations:
        if {r.subject, r.object} & wanted:
            records.append({"part": "relation", "what": f"{names.get(r.subject)} {r.predicate} {names.get(r.object)}",
                            "docs": sorted({s.doc for s in r.evidence}),
                            "evidence": _said(kb, r.evidence)})
    for c in kb.claims:
        if c.subject in wanted:
            records.append({"part": "figure", "what": f"{c.attribute} {_figure(c.value)} {c.as_of or ''}".strip(),
                            "docs": [c.evidence.doc], "evidence": kb_text(kb, c.evidence)})
    for v in kb.events:
        roles = [role for role, who in (("perpetrator", v.perpetrator), ("claimed by", v.claimed_by), ("place", v.location))
                 if who in wanted]
        if roles:
            records.append({"part": "event", "what": f"{v.id} {v.type} {v.date or ''} ({', '.join(roles)})",
                            "docs": sorted({r.doc for r in v.reports}), "evidence": kb_text(kb, v.reports[0].evidence)})
    for q in kb.quotes:
        if q.speaker in wanted:
            records.append({"part": "quote", "what": names.get(q.speaker), "docs": [q.span.doc],
                            "evidence": _said(kb, q.passages or (q.span,))})
    _emit(records, ("part", "what", "docs", "evidence"), f"about {what}", output)


def _said(kb, spans) -> str:
    """The first of `spans` as the article writes it (a relation's evidence, a quote's first passage)."""
    return kb_text(kb, spans[0]) if spans else ""


def kb_text(kb, span) -> str:
    doc = next((d for d in kb.documents if d.id == span.doc), None)
    return " ".join(span.slice(doc.text).split()) if doc else ""


def _judge(first: str, second: str, verdict: str, db: str, by: str) -> None:
    from .pipeline import judge

    try:
        judge(open_store(db), first, second, verdict, by=by)
    except KeyError as err:
        console.print(f"[red]error:[/red] {escape(err.args[0])}")
        raise typer.Exit(2) from None
    console.print(f"[green]recorded[/green] {escape(first)} {'=' if verdict == 'positive' else '≠'} {escape(second)}; "
                  "entities resolved again")


@app.command("judgements")
def judgements_cli(db: str = DB_OPTION,
                   undo: str = typer.Option("", help="Take back decision N (a merge or separate), RN (a rejected fact) "
                                                     "or CN (a chosen report) of the list, and resolve again."),
                   output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")) -> None:
    """The corrections of analysts on record (who, why, on what): merge and separate decisions numbered
    1, 2, ..., rejected facts R1, R2, ..., chosen reports C1, C2, ...; and undoing one. kroniek's own
    decisions are made again on every resolve and are not listed."""
    from .pipeline import unchoose, undo_judgement, unreject

    store = open_store(db)
    decided = [j for j in store.judgements() if j.by != "kroniek"]
    rejected, chosen = store.rejections(), store.overrides()
    if undo:
        prefix, number = (undo[0].upper(), undo[1:]) if undo[:1].isalpha() else ("", undo)
        listed = {"": decided, "R": rejected, "C": chosen}.get(prefix)
        if listed is None or not number.isdigit() or not 1 <= int(number) <= len(listed):
            console.print(f"[red]error:[/red] E032: no correction {escape(undo)} (there are {len(decided)} judgements, "
                          f"{len(rejected)} rejections R1.., {len(chosen)} chosen reports C1..)")
            raise typer.Exit(2)
        picked = listed[int(number) - 1]
        if prefix == "R":
            unreject(store, picked.kind, picked.evidence.doc, picked.evidence.start, picked.evidence.end)
        elif prefix == "C":
            unchoose(store, picked.field, picked.evidence.doc, picked.evidence.start, picked.evidence.end)
        else:
            undo_judgement(store, picked)
        console.print(f"[green]taken back[/green] {escape(undo)}; the knowledge base resolved again")
        return
    mentions = {m.id: m for m in store.mentions()}

    def shown(ref: str) -> str:
        m = mentions.get(ref)
        return f"{m.text} ({m.span.doc})" if m else ref
    records = [{"n": i, "verdict": "same" if j.verdict == "positive" else "apart" if j.verdict == "negative" else j.verdict,
                "first": shown(j.a), "second": shown(j.b), "by": j.by, "reason": j.reason}
               for i, j in enumerate(decided, 1)]
    if rejected or chosen:
        texts = {d.id: d.text for d in store.documents()}

        def said(span) -> str:
            words = " ".join(span.slice(texts.get(span.doc, "")).split())
            return words[:77] + "…" if len(words) > 80 else words or "(document not in the knowledge base now)"
        records += [{"n": f"R{i}", "verdict": f"reject {r.kind}", "first": f"{r.evidence.doc} {r.evidence.start} "
                     f"{r.evidence.end}", "second": said(r.evidence), "by": r.by, "reason": f"{r.reason} [{r.made_at}]"}
                    for i, r in enumerate(rejected, 1)]
        records += [{"n": f"C{i}", "verdict": f"choose {o.field}", "first": f"{o.evidence.doc} {o.evidence.start} "
                     f"{o.evidence.end}", "second": said(o.evidence), "by": o.by, "reason": f"{o.reason} [{o.made_at}]"}
                    for i, o in enumerate(chosen, 1)]
    _emit(records, ("n", "verdict", "first", "second", "by", "reason"), "judgements", output)


def _correct_fact(work, what: str, doc: str, start: int, end: int, db: str, by: str, why: str) -> None:
    """Run `pipeline.reject` or `pipeline.choose`, or say in one line why not (exit 2)."""
    by, why = " ".join(by.split()), " ".join(why.split())
    if not by or by.lower() == "kroniek" or not why:
        console.print("[red]error:[/red] E035: say who you are (--by, not \"kroniek\") and why (--why)")
        raise typer.Exit(2)
    try:
        work(open_store(db), what, doc, start, end, by=by, reason=why)
    except KeyError as err:
        console.print(f"[red]error:[/red] {escape(err.args[0])}")
        raise typer.Exit(2) from None


FACT_ARGS = dict(doc=typer.Argument(..., help="The document the fact is in."),
                 start=typer.Argument(..., min=0, help="Start of its evidence span (`kroniek show EVENT`, the export)."),
                 end=typer.Argument(..., min=0, help="End of its evidence span."))


@app.command("reject")
def reject_cli(kind: str = typer.Argument(..., help="report, claim, relation or quote."),
               doc: str = FACT_ARGS["doc"], start: int = FACT_ARGS["start"], end: int = FACT_ARGS["end"],
               db: str = DB_OPTION, by: str = typer.Option(..., "--by", help="Who decides."),
               why: str = typer.Option(..., "--why", help="Why the fact is wrong (kept with it).")) -> None:
    """Say that a fact is wrong: it is left out of events, relations, quotes and conflicts from now on,
    through every rebuild. Known by its kind and evidence span; `kroniek judgements --undo RN` takes it back."""
    from .pipeline import reject

    _correct_fact(reject, kind, doc, start, end, db, by, why)
    console.print(f"[green]rejected[/green] the {escape(kind)} at {escape(doc)} {start}-{end}; the knowledge base "
                  "resolved again")


@app.command("choose")
def choose_cli(field: str = typer.Argument(..., help="killed, injured, date, location or perpetrator."),
               doc: str = FACT_ARGS["doc"], start: int = FACT_ARGS["start"], end: int = FACT_ARGS["end"],
               db: str = DB_OPTION, by: str = typer.Option(..., "--by", help="Who decides."),
               why: str = typer.Option(..., "--why", help="Why this report's value (kept with it).")) -> None:
    """Say which report's value an event shows for one field: the report with this evidence span (from
    `kroniek show EVENT`). The event is flagged chosen-by-analyst, the conflict stays listed; it holds
    through every rebuild, and `kroniek judgements --undo CN` takes it back."""
    from .pipeline import choose

    _correct_fact(choose, field, doc, start, end, db, by, why)
    console.print(f"[green]chosen[/green] the {escape(field)} of the report at {escape(doc)} {start}-{end}; the "
                  "knowledge base resolved again")


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


@app.command("serve")
def serve_cli(db: str = DB_OPTION,
              port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
              host: str = typer.Option("127.0.0.1", help="Address to listen on. The default keeps the app to this "
                                                         "machine; 0.0.0.0 opens it to every network it is on.")) -> None:
    """Read the knowledge base in a browser: search, actor dossiers, events, documents with their facts
    highlighted, timeline and conflicts. Loads nothing from the network; Ctrl+C stops it."""
    try:
        import uvicorn

        from .web import create_app
        from .web.app import LOCAL_HOSTS
    except ImportError as err:
        console.print(f"[red]error:[/red] the web app needs the web extra: pip install 'kroniek\\[web]' ({escape(str(err))})")
        raise typer.Exit(2) from None
    store = open_store(db)
    anywhere = host in ("0.0.0.0", "::", "")
    if host not in LOCAL_HOSTS:
        console.print(f"[yellow]warning:[/yellow] listening on {escape(host)}: whoever reaches this machine there can read "
                      "the knowledge base")
    console.print(f"[green]serving[/green] {escape(db)} at http://{'127.0.0.1' if anywhere else escape(host)}:{port}/ "
                  "(Ctrl+C stops)")
    uvicorn.run(create_app(store, allowed_hosts=["*"] if anywhere else sorted({host, *LOCAL_HOSTS})),
                host=host, port=port, log_level="warning", server_header=False)


def main() -> None:  # pragma: no cover - console script entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

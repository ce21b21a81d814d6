"""The build: ingest -> nlp -> extract -> store per batch, then resolve over the whole corpus.

Each stage declares what it requires and assigns where it is defined (`model.stage`); before any
document is processed, `check_chain` checks the stages this build is about to run, the backend's
included, so a reordered or third-party stage fails early with a clear message.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from .data import has_lexicon
from .engine import Engine, current_engine, using
from .extract import extract_alias_links, extract_mentions
from .extract.claims import extract_claims
from .extract.context import DocContext
from .extract.events import extract_events
from .extract.ids import stable_mention_ids
from .extract.quotes import extract_quotes
from .extract.relations import active_where_they_struck, extract_relations, merge_relations
from .fuse import claim_conflicts, fuse_events
from .fuse.events import FIELDS, report_value
from .ingest import Skipped, Undescribed, read_paths
from .ingest.readers import display_path, failure
from .model import (AliasLink, Annotation, DocFacts, Document, Entity, Judgement, KnowledgeBase, Mention, Override,
                    Rejection, Span, StageSpec, stage)
from .nlp import get_backend
from .nlp.base import NLP_STAGE
from .resolve import resolve_entities
from .resolve.docdates import Anchor, anchors_of, date_documents
from .store import Store
from .text import TextLayer, layer_bytes

# documents per chunk of a corpus-level pass (dating anchors, facts): only a chunk's text layers are
# decoded at a time (~0.1 MB each with what the stages derive from them), so memory stays flat as the
# corpus grows; decoding a layer again for the second pass costs ~1 ms
RESOLVE_CHUNK_DOCS = 200


def stages(backend=None) -> list[StageSpec]:
    """The stages a build runs, in order, each as declared where it is defined."""
    nlp = getattr(backend, "stage", None) or NLP_STAGE
    return [read_paths.stage, nlp, extract_mentions.stage, Store.write_batch.stage, resolve_entities.stage,
            date_documents.stage, extract_facts.stage, fuse_events.stage]


def check_chain(chain: Sequence[StageSpec] | None = None) -> None:
    """Raise ValueError (E020) when a stage requires something no earlier stage assigns."""
    have: set[str] = set()
    for spec in stages() if chain is None else chain:
        missing = [r for r in spec.requires if r not in have]
        if missing:
            raise ValueError(f"E020: stage {spec.name!r} requires {missing} before it")
        have.update(spec.assigns)


@dataclass
class BuildReport:
    backend: str = ""
    documents: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # documents whose every source is gone or changed
    also_at: list[tuple[str, str]] = field(default_factory=list)  # (locator, name): a known text under another name
    warnings: list[str] = field(default_factory=list)  # a document stored, but a later stage failed on it
    mentions: int = 0
    entities: int = 0
    events: int = 0
    facts_reused: int = 0  # documents whose stored facts still held
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def add_time(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @property
    def failed(self) -> bool:
        """Nothing could be built: every input was skipped."""
        return bool(self.skipped) and not (self.documents or self.unchanged or self.also_at)


def pick_backend(name: str):
    """The named backend; "auto" is kroniek's own pipelines."""
    return get_backend("kroniek" if name == "auto" else name)


@dataclass
class _Plan:
    """What one build does to the store: new texts to process, sources to add and to drop."""

    todo: list[Undescribed] = field(default_factory=list)  # described by the per-document stages
    files: dict[str, str] = field(default_factory=dict)  # locator -> the file it lies in
    seen: dict[str, set[str]] = field(default_factory=dict)  # locator -> names read from it this run
    extra_sources: list[tuple[str, str, str]] = field(default_factory=list)
    read_files: set[str] = field(default_factory=set)


def plan_build(paths: Sequence[str | Path], store: Store, report: BuildReport,
               on_file: Callable[[str], None] | None = None) -> _Plan:
    """Read every input and decide what each is: a known text (perhaps under a new name), a new
    text, or an edited version of a stored one, which takes over the old one's name."""
    known = store.known_hashes()
    stored = store.sources()
    sources_of: dict[str, set[str]] = {}
    for locator, names in stored.items():
        for name in names:
            sources_of.setdefault(name, set()).add(locator)
    taken = set(known.values())
    new_by_sha: dict[str, str] = {}
    inherited: set[str] = set()  # stored names an edited text has taken over in this run
    plan = _Plan()
    current = [""]

    def note(file: str) -> None:
        current[0] = file
        plan.read_files.add(file)
        if on_file:
            on_file(file)

    for item in read_paths(paths, on_file=note, known=known, describe_new=False):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        locator = item.path or item.id
        plan.files[locator] = current[0]
        name = known.get(item.sha1) or new_by_sha.get(item.sha1)
        if name is None:
            # an edited article: the only text ever read from this locator is replaced, under its name
            previous = [x for x in sorted(stored.get(locator, ())) if sources_of.get(x) == {locator}
                        and x not in inherited]
            name = previous[0] if previous else _unique_name(item.id, item.sha1, taken)
            inherited.update(previous[:1])
            taken.add(name)
            new_by_sha[item.sha1] = name
            plan.todo.append(item.named(name))
        elif item.sha1 in known:
            report.unchanged += 1
            if name not in stored.get(locator, ()):
                plan.extra_sources.append((locator, name, current[0]))
                report.also_at.append((locator, name))
        else:
            plan.extra_sources.append((locator, name, current[0]))
            report.also_at.append((locator, name))
        plan.seen.setdefault(locator, set()).add(name)
    return plan


def _unique_name(stem: str, sha1: str, taken: set[str]) -> str:
    """The file stem, or with the text's hash beside it when another text already has that name."""
    name, n = stem, 8
    while name in taken:
        name, n = f"{stem}-{sha1[:n]}", n + 4
    return name


def stale_sources(plan: _Plan, store: Store, paths: Sequence[str | Path], prune: bool) -> list[tuple[str, str]]:
    """(locator, name) pairs that no longer hold: a locator read this run that now gives other text,
    and, with `prune`, every locator under the built paths whose file is gone or no longer holds it."""
    stored = store.sources()
    stale = [(loc, name) for loc, names in plan.seen.items() for name in stored.get(loc, set()) - names]
    if prune:
        roots = [display_path(p) for p in paths]
        for locator, file in store.source_files().items():
            file = file or locator
            inside = any(file == root or file.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
            if inside and locator not in plan.seen and (file in plan.read_files or not os.path.exists(file)):
                stale += [(locator, name) for name in stored.get(locator, ())]
    return stale


def build(paths: Iterable[str | Path], store: Store, backend: str = "kroniek", batch_size: int = 200,
          prune: bool = False, on_progress: Callable[[int], None] | None = None,
          on_total: Callable[[int], None] | None = None, on_file: Callable[[str], None] | None = None,
          on_wait: Callable[[], None] | None = None, engine: Engine | None = None) -> BuildReport:
    """Add what is new under `paths` to the knowledge base and resolve the corpus again.

    Every document is processed on its own: whatever fails on one (reading, NLP, extraction) is
    reported in `BuildReport.skipped` with its reason, and the build goes on with the others.
    Builds on one database serialise: this one holds the store's writer lock from planning to its
    last resolve (`on_wait` is called if another build holds it first), and its entity and event
    counts are read from the database at the end.

    The per-document stages run on `engine` (`kroniek.engine`: local by default, or Ray); this
    process plans, writes the store and runs the corpus-level stages either way."""
    with store.writing(on_wait), using(engine):
        report = _build(list(paths), store, backend, batch_size, prune, on_progress, on_total, on_file)
        report.entities, report.events = store.count("entities"), store.count("events")
    return report


def _build(paths: list, store: Store, backend: str, batch_size: int, prune: bool, on_progress, on_total,
           on_file) -> BuildReport:
    report = BuildReport()
    current_engine().warm(warm_up, backend)  # workers load their tables while this process reads the articles
    t0 = time.perf_counter()
    plan = plan_build(paths, store, report, on_file)
    todo = plan.todo
    report.add_time("ingest", time.perf_counter() - t0)
    if on_total:
        on_total(len(todo))
    nlp = pick_backend(backend) if todo else None
    check_chain(stages(nlp))
    report.backend = nlp.name if nlp else backend
    engine = current_engine()
    size = engine.chunk_size(len(todo), batch_size)
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]
    if nlp:
        _BACKENDS[backend] = nlp  # an in-process engine annotates with this one
    try:
        t = time.perf_counter()
        for batch, out in zip(batches, engine.map(annotate_batch, ((b,) for b in batches), backend)):
            if engine.in_process:
                for name, seconds in out.seconds.items():
                    report.add_time(name, seconds)
            else:
                # the workers' NLP and extraction overlap each other and the driver's writes: what the
                # driver waited for them is booked as "nlp", so the stages still add up to the build's time
                report.add_time("nlp", time.perf_counter() - t)
            if on_file:
                on_file(batch[0].path or batch[0].id)
            report.skipped += out.skipped
            t = time.perf_counter()
            if out.docs:
                store.write_batch(out.docs, out.mentions, out.links, nlp.name, files=plan.files, doc_layers=out.layers)
            report.add_time("store", time.perf_counter() - t)
            report.documents += len(out.docs)
            report.mentions += len(out.mentions)
            report.words += sum(len(d.text.split()) for d in out.docs)
            if on_progress:
                on_progress(len(batch))
            t = time.perf_counter()
    finally:
        if nlp:
            _BACKENDS.pop(backend, None)
            nlp.close()
    store.add_sources(plan.extra_sources)
    report.removed = store.drop_sources(stale_sources(plan, store, paths, prune))
    resolve_corpus(store, report)
    return report


@dataclass
class Annotated:
    """What the per-document stages of a build made of one batch, ready to be stored."""

    docs: list[Document] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    links: list[AliasLink] = field(default_factory=list)
    layers: dict[str, bytes] = field(default_factory=dict)  # document -> its text layer (DocBin bytes)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


# backends by the name a build asked for: the build's own while one runs in this process, else one
# loaded on first use and kept, so a Ray worker loads a backend's models once, not once per task
_BACKENDS: dict[str, object] = {}


def worker_backend(name: str):
    """The backend `name` of this process, loaded once."""
    nlp = _BACKENDS.get(name)
    if nlp is None:
        nlp = _BACKENDS[name] = pick_backend(name)
        atexit.register(nlp.close)
    return nlp


# a sentence of our own per language, to load what annotating reads before the first real batch
_WARM_UP = {"nl": "Aanslag in Gao\n\nBij een aanslag in Gao zijn gisteren twee mensen gedood, zei het leger.",
            "en": "Attack in Gao\n\nTwo people were killed in an attack in Gao on Monday, the army said."}


def warm_up(backend: str) -> None:
    """Load the backend and what annotating reads (lexicons, gazetteer) into this process by annotating
    a sentence per language; a failure is left to the first real batch, which reports it per document."""
    docs = [Document(f"warm-up-{lang}", text, hashlib.sha1(text.encode()).hexdigest(), language=lang)
            for lang, text in _WARM_UP.items()]
    try:
        annotate_batch(docs, backend)
    except Exception:  # noqa: BLE001
        pass


def annotate_batch(batch: list[Document | Undescribed], backend: str) -> Annotated:
    """The per-document stages of a build over one batch: each new text's title, language and dates, NLP, mentions and alias links with their
    stable ids, and the text layer to store. A document that fails is skipped with its reason. The
    same function on either engine: it reads nothing but its arguments and the backend."""
    out = Annotated()
    nlp = worker_backend(backend)
    t = time.perf_counter()
    docs = []
    for item in batch:
        doc = item.described() if isinstance(item, Undescribed) else item
        (out.skipped if isinstance(doc, Skipped) else docs).append(doc)
    out.seconds["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    annotated = _annotate(nlp, docs, out.skipped)
    out.seconds["nlp"] = time.perf_counter() - t
    t = time.perf_counter()
    for doc, ann in annotated:
        try:
            found = extract_mentions(doc, ann)
            doc_links, added = extract_alias_links(doc, ann, found)
        except Exception as err:  # noqa: BLE001 - one document must not stop the build
            out.skipped.append(Skipped(doc.path or doc.id, f"extraction failed: {failure(err)}"))
            continue
        doc_mentions, doc_links = stable_mention_ids(found + added, doc_links)
        if ann.layer is not None:
            out.layers[doc.id] = layer_bytes(ann.layer)
        out.docs.append(doc)
        out.mentions += doc_mentions
        out.links += doc_links
    out.seconds["extract"] = time.perf_counter() - t
    return out


def _annotate(nlp, batch: list[Document], skipped: list[Skipped]) -> list[tuple[Document, Annotation]]:
    """The batch through the backend in one run; when that fails, each document on its own, so only
    the document that breaks the backend is skipped."""
    try:
        return list(zip(batch, nlp.annotate(batch)))
    except Exception:  # noqa: BLE001 - retried one by one below, and each failure reported
        pass
    out = []
    for doc in batch:
        try:
            [ann] = nlp.annotate([doc])
        except Exception as err:  # noqa: BLE001
            skipped.append(Skipped(doc.path or doc.id, f"NLP ({nlp.name}) failed: {failure(err)}"))
            continue
        out.append((doc, ann))
    return out


def judge(store: Store, first: str, second: str, verdict: str, by: str = "analyst", reason: str = "") -> None:
    """Record that two entities (or mentions) are the same (`positive`) or must stay apart (`negative`),
    then resolve again. Stored on mention ids, which are content hashes, so it survives rebuilds."""
    def representative(ref: str) -> str:
        found = store.representative_mention(ref)  # one lookup: reading every entity cost a merge seconds
        if found is None:
            raise KeyError(f"E030: no entity or mention with id {ref!r}")
        return found

    a, b = representative(first), representative(second)
    with store.writing():
        store.add_judgement(Judgement(a, b, verdict, reason or f"{by}: {first} {verdict} {second}", by))
        resolve_corpus(store)


def undo_judgement(store: Store, judgement: Judgement) -> None:
    """Take a judgement back and resolve again, as if it had never been made."""
    with store.writing():
        if not store.remove_judgement(judgement):
            raise KeyError(f"E032: no such judgement: {judgement.a} {judgement.verdict} {judgement.b}")
        resolve_corpus(store)


FACT_KINDS = ("report", "claim", "relation", "quote")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _evidence(kind: str, found: DocFacts) -> list[tuple[Span, object]]:
    """The facts of one kind with the span each is known by: a report's, claim's evidence, each evidence
    span of a relation, a quote's span."""
    if kind == "report":
        return [(r.evidence, r) for r in found.reports]
    if kind == "claim":
        return [(c.evidence, c) for c in found.claims]
    if kind == "relation":
        return [(s, r) for r in found.relations for s in r.evidence]
    return [(q.span, q) for q in found.quotes]


def without_rejected(found: DocFacts, rejected: Iterable[Rejection]) -> DocFacts:
    """The facts less the ones an analyst rejected; a relation loses the rejected evidence spans and is
    dropped when none is left."""
    gone = {(r.kind, r.evidence) for r in rejected}
    if not gone:
        return found
    relations = []
    for r in found.relations:
        kept = tuple(s for s in r.evidence if ("relation", s) not in gone)
        if kept:
            relations.append(r if kept == r.evidence else replace(r, evidence=kept))
    return DocFacts([r for r in found.reports if ("report", r.evidence) not in gone],
                    [c for c in found.claims if ("claim", c.evidence) not in gone], relations,
                    [q for q in found.quotes if ("quote", q.span) not in gone])


def reject(store: Store, kind: str, doc: str, start: int, end: int, by: str = "analyst", reason: str = "") -> None:
    """Record that a fact (a report, claim, relation or quote, known by its evidence span) is wrong, and
    resolve again without it. Kept on the span, so it holds through every rebuild of the same text."""
    if kind not in FACT_KINDS:
        raise KeyError(f"E033: a fact is a {', '.join(FACT_KINDS)}, not {kind!r}")
    span = Span(doc, start, end)
    with store.writing():
        if not any(s == span for s, _ in _evidence(kind, _facts_of(store, doc))):
            raise KeyError(f"E033: no {kind} with evidence {doc} {start}-{end}")
        store.add_rejection(Rejection(kind, span, by, reason, _now()))
        resolve_corpus(store, facts_only=True)


def _facts_of(store: Store, doc: str) -> DocFacts:
    """One document's facts as the facts stage found them, rejected ones included."""
    return next(iter(store.doc_facts([doc]).values()), ("", DocFacts()))[1]


def unreject(store: Store, kind: str, doc: str, start: int, end: int) -> None:
    """Take a rejection back and resolve again."""
    with store.writing():
        if not store.remove_rejection(kind, Span(doc, start, end)):
            raise KeyError(f"E032: no rejected {kind} at {doc} {start}-{end}")
        resolve_corpus(store, facts_only=True)


def choose(store: Store, field: str, doc: str, start: int, end: int, by: str = "analyst", reason: str = "") -> None:
    """Record that the event holding the report with this evidence span shows that report's value of
    `field` (killed, injured, date, location, perpetrator), replacing an earlier choice for the field
    of that event, and resolve again."""
    if field not in FIELDS:
        raise KeyError(f"E034: one chooses a report for {', '.join(FIELDS)}, not {field!r}")
    span = Span(doc, start, end)
    with store.writing():
        report = next((r for s, r in _evidence("report", _facts_of(store, doc)) if s == span), None)
        if report is None:
            raise KeyError(f"E034: no report with evidence {doc} {start}-{end}")
        if report_value(report, field, {e.id: e for e in store.entities()}) is None:
            raise KeyError(f"E034: the report at {doc} {start}-{end} gives no {field}")
        event = store.event_with_report(span)
        for o in store.overrides():  # one choice per field of an event
            if event is not None and o.field == field and any(r.evidence == o.evidence for r in event.reports):
                store.remove_override(field, o.evidence)
        store.add_override(Override(field, span, by, reason, _now()))
        resolve_corpus(store, facts_only=True)


def unchoose(store: Store, field: str, doc: str, start: int, end: int) -> None:
    """Take a chosen report back and resolve again."""
    with store.writing():
        if not store.remove_override(field, Span(doc, start, end)):
            raise KeyError(f"E032: no report chosen for {field} at {doc} {start}-{end}")
        resolve_corpus(store, facts_only=True)


def resolve_corpus(store: Store, report: BuildReport | None = None, facts_only: bool = False) -> None:
    """The corpus-level stages: entities across documents, then publication dates. Holds the store's
    writer lock, so it never runs beside a build. With `facts_only` (a fact rejected or a report
    chosen, which neither entities nor dates read) entities and dates stay as stored, unless a build
    left the knowledge base unresolved."""
    with store.writing():
        _resolve_corpus(store, report or BuildReport(), facts_only and not store.resolve_pending())


def _resolve_corpus(store: Store, report: BuildReport, facts_only: bool = False) -> None:
    if facts_only:
        _facts_and_fusion(store, report, store.entities(), store.documents())
        store.mark_resolved()
        return
    t = time.perf_counter()
    analyst = [j for j in store.judgements() if j.by != "kroniek"]
    entities, judgements = resolve_entities(store.mentions(), store.alias_links(), analyst)
    store.replace_entities(entities, judgements)
    report.entities = len(entities)
    report.add_time("resolve", time.perf_counter() - t)
    t = time.perf_counter()
    entities = store.entities()
    docs = store.documents()
    docs = date_documents(docs, entities, anchors_for_corpus(store, docs, entities))
    store.update_dates(docs)
    report.add_time("docdates", time.perf_counter() - t)
    _facts_and_fusion(store, report, entities, docs)
    store.mark_resolved()


def _facts_and_fusion(store: Store, report: BuildReport, entities: list[Entity], docs: list[Document]) -> None:
    t = time.perf_counter()
    found = without_rejected(facts_for_corpus(store, docs, entities, report), store.rejections())
    report.add_time("facts", time.perf_counter() - t)
    t = time.perf_counter()
    events, conflicts = fuse_events(found.reports, entities, docs, store.overrides())
    relations = merge_relations(found.relations)
    store.replace_facts(KnowledgeBase(events=events, claims=found.claims, relations=relations, quotes=found.quotes,
                                      conflicts=conflicts + claim_conflicts(found.claims)))
    report.events = len(events)
    report.add_time("fuse", time.perf_counter() - t)


def anchors_for_corpus(store: Store, docs: list[Document], entities: list[Entity]) -> dict[str, list[Anchor]]:
    """Every document's dating anchors: stored ones while the document reads as it did (same text and
    entities), found again for the others."""
    fingerprints = _fingerprints(docs, entities, with_date=False)
    cached = store.doc_anchors()
    out = {d.id: [Anchor.from_json(d.id, a) for a in cached[d.id][1]] for d in docs
           if d.id in cached and cached[d.id][0] == fingerprints[d.id]}
    todo = [d for d in docs if d.id not in out]
    fresh: dict[str, list[Anchor]] = {}
    for found in _map_documents(anchors_batch, store, todo, entities, places=True):
        fresh.update(found)
    store.save_doc_anchors({doc: (fingerprints[doc], [a.to_json() for a in found]) for doc, found in fresh.items()})
    return out | fresh


def facts_for_corpus(store: Store, docs: list[Document], entities: list[Entity], report: BuildReport) -> DocFacts:
    """Every document's facts: the stored ones where the document reads as it did when they were
    found (same text, date and entities), freshly extracted for the others, which are stored for the
    next build. So adding articles costs the facts of the documents they touch, not of the corpus."""
    fingerprints = _fingerprints(docs, entities)
    cached = store.doc_facts()
    names_only = [d for d in docs if not has_lexicon(d.language)]
    for d in names_only:
        if d.id not in cached:  # said once, when the document is added
            report.warnings.append(f"{d.id}: read for names only (kroniek has no lexicon for language {d.language!r})")
        cached[d.id] = (fingerprints[d.id], DocFacts())
    todo = [d for d in docs if cached.get(d.id, ("",))[0] != fingerprints[d.id]]
    fresh: dict[str, DocFacts] = {}
    for found, warnings in _map_documents(facts_batch, store, todo, entities):
        fresh.update(found)
        report.warnings += warnings
    store.save_doc_facts({doc: (fingerprints[doc], f) for doc, f in fresh.items()}
                         | {d.id: cached[d.id] for d in names_only})
    out = DocFacts()
    for d in docs:
        out.add(fresh[d.id] if d.id in fresh else cached[d.id][1])
    report.facts_reused = len(docs) - len(todo)
    return out


def anchors_batch(docs: list[Document], entities: list[Entity],
                  layers: dict[str, TextLayer | bytes]) -> dict[str, list[Anchor]]:
    """The dating anchors of a chunk of documents (`_map_documents` gives the arguments)."""
    return anchors_of(docs, entities, _decoded(docs, layers))


def facts_batch(docs: list[Document], entities: list[Entity],
                layers: dict[str, TextLayer | bytes]) -> tuple[dict[str, DocFacts], list[str]]:
    """The facts of a chunk of documents, and the warnings of those on which extraction failed."""
    warnings: list[str] = []
    return extract_facts(docs, entities, warnings, _decoded(docs, layers), per_document=True), warnings


def _decoded(docs: list[Document], layers: dict[str, TextLayer | bytes]) -> dict[str, TextLayer]:
    language = {d.id: d.language for d in docs}
    return {doc: TextLayer.from_bytes(x, language.get(doc)) if isinstance(x, bytes) else x for doc, x in layers.items()}


def _map_documents(fn: Callable, store: Store, docs: list[Document], entities: list[Entity], places: bool = False):
    """`fn(chunk, its entities, its layers)` over chunks of `docs` on the build's engine, results in
    order. Each chunk gets the entities its documents mention, with only those mentions, and with
    `places` every place besides (dating reads every place name): all that a per-document stage reads
    of the corpus, so a Ray task's arguments grow with its chunk, not with the corpus. An in-process
    engine gets the chunk's text layers decoded; Ray workers get the stored bytes and decode their own."""
    if not docs:
        return
    engine = current_engine()
    by_doc: dict[str, list[tuple[int, Mention]]] = {}
    for i, e in enumerate(entities):
        for m in e.mentions:
            by_doc.setdefault(m.span.doc, []).append((i, m))
    # a place no document of a chunk mentions still names a place: made once, without mentions
    bare = {i: replace(e, mentions=()) for i, e in enumerate(entities) if e.type == "LOC"} if places else {}

    def job(chunk: list[Document]) -> tuple:
        mentioned: dict[int, list[Mention]] = {}
        for d in chunk:
            for i, m in by_doc.get(d.id, ()):
                mentioned.setdefault(i, []).append(m)
        # in corpus order, each entity's mentions in theirs (`Entity` keeps them so): the stages see them as
        # they would the whole
        seen = [replace(entities[i], mentions=tuple(mentioned[i])) if i in mentioned else bare[i]
                for i in sorted(mentioned.keys() | bare.keys())]
        chunk_layers = (stored_layers(store, chunk) if engine.in_process
                        else store.layers(d.id for d in chunk))
        return chunk, seen, chunk_layers

    size = engine.chunk_size(len(docs), RESOLVE_CHUNK_DOCS)
    yield from engine.map(fn, (job(docs[i:i + size]) for i in range(0, len(docs), size)))


@lru_cache(maxsize=1)
def _facts_version() -> str:
    """Facts found by other code or with other cue files are found again: the hash of the facts and
    dating code and of the data files they read (a version number is not bumped for every change)."""
    from importlib import resources

    package = resources.files(__package__)
    files = [package / "dates.py", package / "text.py", package / "resolve" / "docdates.py"]
    files += sorted((f for f in (package / "extract").iterdir() if f.name.endswith(".py")), key=lambda f: f.name)
    for folder in ("facts", "lexicon", "gazetteer"):
        files += sorted((package / "data" / folder).iterdir(), key=lambda f: f.name)
    return hashlib.sha1(b"".join(hashlib.sha1(f.read_bytes()).digest() for f in files)).hexdigest()


def _fingerprints(docs: list[Document], entities: list[Entity], with_date: bool = True) -> dict[str, str]:
    """What a document's facts depend on: its text, language and date, and the entity each of its
    mentions was resolved to (id, type, name, key, country). Its dating anchors depend on the same,
    less the date (`with_date=False`), which they help decide."""
    by_doc: dict[str, list[str]] = {}
    for e in entities:
        about = f"{e.id}|{e.type}|{e.name}|{e.key}|{e.country}"
        for m in e.mentions:
            by_doc.setdefault(m.span.doc, []).append(f"{m.id}>{about}")
    out = {}
    for d in docs:
        date = f"{d.published.value}|{d.published.source}" if d.published and with_date else ""
        parts = [_facts_version(), d.sha1, d.language or "", date, *sorted(by_doc.get(d.id, ()))]
        out[d.id] = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()
    return out


def stored_layers(store: Store, docs: list[Document]) -> dict[str, TextLayer]:
    """The text layer of each of `docs`, as its backend made it when the document was added."""
    language = {d.id: d.language for d in docs}
    return {doc: TextLayer.from_bytes(data, language.get(doc)) for doc, data in store.layers(language).items()}


@stage("facts", ("entities", "published", "layers"), ("reports", "claims", "relations", "quotes"))
def extract_facts(docs: list[Document], entities: list[Entity], warnings: list[str] | None = None,
                  layers: dict[str, TextLayer] | None = None, per_document: bool = False):
    """Per document: event reports, claims, relations and quotes over the resolved entities. A
    document on which this fails keeps its entities and adds no facts; the failure goes to
    `warnings`. Returns all facts together, or with `per_document` a DocFacts per document name."""
    out: dict[str, DocFacts] = {}
    for ctx in DocContext.for_documents(docs, entities, layers):
        try:
            reports = extract_events(ctx)
            found = DocFacts(reports, extract_claims(ctx), extract_relations(ctx) + active_where_they_struck(ctx, reports),
                             extract_quotes(ctx))
        except Exception as err:  # noqa: BLE001 - one document must not cost the corpus its facts
            if warnings is not None:
                warnings.append(f"{ctx.doc.id}: facts not extracted ({failure(err)})")
            found = DocFacts()
        out[ctx.doc.id] = found
    if per_document:
        return out
    merged = DocFacts()
    for found in out.values():
        merged.add(found)
    return merged

"""The build: ingest -> nlp -> extract -> store per batch, then resolve over the whole corpus.

Stages declare what they require and assign; `check_chain` verifies the order before any document
is processed, so a reordered or third-party stage fails early with a clear message.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .extract import extract_alias_links, extract_mentions
from .extract.claims import extract_claims
from .extract.context import DocContext
from .extract.events import extract_events
from .extract.quotes import extract_quotes
from .extract.relations import extract_relations, merge_relations
from .fuse import claim_conflicts, fuse_events
from .ingest import Skipped, read_paths
from .model import Claim, Document, Entity, Judgement, KnowledgeBase, Quote, Relation, Report
from .nlp import BackendUnavailable, get_backend
from .resolve import resolve_entities
from .resolve.docdates import date_documents
from .store import Store


@dataclass(frozen=True)
class StageSpec:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES = (
    StageSpec("ingest", (), ("documents",)),
    StageSpec("nlp", ("documents",), ("annotations",)),
    StageSpec("extract", ("documents", "annotations"), ("mentions", "alias_links")),
    StageSpec("store", ("documents", "mentions", "alias_links"), ("stored",)),
    StageSpec("resolve", ("stored",), ("entities", "judgements")),
    StageSpec("docdates", ("stored", "entities"), ("published",)),
    StageSpec("facts", ("entities", "published"), ("reports", "claims", "relations", "quotes")),
    StageSpec("fuse", ("reports", "claims", "relations"), ("events", "conflicts")),
)


def check_chain(stages: Sequence[StageSpec] = STAGES) -> None:
    """Raise ValueError (E020) when a stage requires something no earlier stage assigns."""
    have: set[str] = set()
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise ValueError(f"E020: stage {stage.name!r} requires {missing} before it")
        have.update(stage.assigns)


@dataclass
class BuildReport:
    backend: str = ""
    documents: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    mentions: int = 0
    entities: int = 0
    events: int = 0
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def add_time(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


def pick_backend(name: str):
    """The named backend; "auto" takes Frog where it is installed and `lite` otherwise."""
    if name != "auto":
        return get_backend(name)
    try:
        return get_backend("frog")
    except BackendUnavailable:
        return get_backend("lite")


def build(paths: Iterable[str | Path], store: Store, backend: str = "auto", batch_size: int = 200,
          on_progress: Callable[[int], None] | None = None, on_total: Callable[[int], None] | None = None) -> BuildReport:
    check_chain()
    report = BuildReport()
    t0 = time.perf_counter()
    known = store.known_hashes()
    todo: list[Document] = []
    for item in read_paths(paths):
        if isinstance(item, Skipped):
            report.skipped.append(item)
        elif known.get(item.sha1) == item.id:
            report.unchanged += 1
        elif item.sha1 in known:
            report.skipped.append(Skipped(item.path or item.id, f"duplicate of {known[item.sha1]}"))
        else:
            todo.append(item)
    report.add_time("ingest", time.perf_counter() - t0)
    if on_total:
        on_total(len(todo))
    nlp = pick_backend(backend)
    report.backend = nlp.name
    try:
        for i in range(0, len(todo), batch_size):
            batch = todo[i:i + batch_size]
            t = time.perf_counter()
            annotations = nlp.annotate(batch)
            report.add_time("nlp", time.perf_counter() - t)
            t = time.perf_counter()
            mentions, links = [], []
            for doc, ann in zip(batch, annotations):
                found = extract_mentions(doc, ann)
                doc_links, added = extract_alias_links(doc, ann, found)
                mentions += found + added
                links += doc_links
            report.add_time("extract", time.perf_counter() - t)
            t = time.perf_counter()
            store.write_batch(batch, mentions, links, nlp.name)
            report.add_time("store", time.perf_counter() - t)
            report.documents += len(batch)
            report.mentions += len(mentions)
            report.words += sum(len(d.text.split()) for d in batch)
            if on_progress:
                on_progress(len(batch))
    finally:
        nlp.close()
    resolve_corpus(store, report)
    return report


def judge(store: Store, first: str, second: str, verdict: str, by: str = "analyst", reason: str = "") -> None:
    """Record that two entities (or mentions) are the same (`positive`) or must stay apart (`negative`),
    then resolve again. Stored on mention ids, which are content hashes, so it survives rebuilds."""
    entities = {e.id: e for e in store.entities()}
    mention_ids = {m.id for m in store.mentions()}

    def representative(ref: str) -> str:
        if ref in entities and entities[ref].mentions:
            return entities[ref].mentions[0].id
        if ref in mention_ids:
            return ref
        raise KeyError(f"E030: no entity or mention with id {ref!r}")

    a, b = representative(first), representative(second)
    store.add_judgement(Judgement(a, b, verdict, reason or f"{by}: {first} {verdict} {second}", by))
    resolve_corpus(store)


def resolve_corpus(store: Store, report: BuildReport | None = None) -> None:
    """The corpus-level stages: entities across documents, then publication dates."""
    report = report or BuildReport()
    t = time.perf_counter()
    analyst = [j for j in store.judgements() if j.by != "kroniek"]
    entities, judgements = resolve_entities(store.mentions(), store.alias_links(), analyst)
    store.replace_entities(entities, judgements)
    report.entities = len(entities)
    report.add_time("resolve", time.perf_counter() - t)
    t = time.perf_counter()
    entities = store.entities()
    docs = date_documents(store.documents(), entities)
    store.update_dates(docs)
    report.add_time("docdates", time.perf_counter() - t)
    t = time.perf_counter()
    found = extract_facts(docs, entities)
    report.add_time("facts", time.perf_counter() - t)
    t = time.perf_counter()
    events, conflicts = fuse_events(found.reports, entities, docs)
    relations = merge_relations(found.relations)
    store.replace_facts(KnowledgeBase(events=events, claims=found.claims, relations=relations, quotes=found.quotes,
                                      conflicts=conflicts + claim_conflicts(found.claims)))
    report.events = len(events)
    report.add_time("fuse", time.perf_counter() - t)


@dataclass
class Facts:
    reports: list[Report] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def extract_facts(docs: list[Document], entities: list[Entity]) -> Facts:
    """Per document: event reports, claims, relations and quotes over the resolved entities."""
    out = Facts()
    for ctx in DocContext.for_documents(docs, entities):
        out.reports += extract_events(ctx)
        out.claims += extract_claims(ctx)
        out.relations += extract_relations(ctx)
        out.quotes += extract_quotes(ctx)
    return out

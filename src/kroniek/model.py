"""The core data model that every pipeline stage takes and returns.

This module imports nothing else from kroniek. Every fact carries its provenance as a `Span`
(document id plus half-open code-point offsets into `Document.text`, which is never rewritten).
Ids are derived from content, so rebuilding the same corpus gives the same ids.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


def stable_id(prefix: str, *parts: object) -> str:
    """A deterministic id: `prefix` plus the first 12 hex digits of the sha1 of `parts`."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:12]}"


@dataclass(frozen=True)
class StageSpec:
    """What a pipeline stage reads and what it adds: the build checks, before any document is read,
    that every stage it is about to run finds what it requires."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


def stage(name: str, requires: tuple[str, ...], assigns: tuple[str, ...]):
    """Declare the function (or class) that carries out a stage, where it is defined."""
    def mark(fn):
        fn.stage = StageSpec(name, requires, assigns)
        return fn
    return mark


class Grounding(str, Enum):
    """How a span was tied to the text."""

    EXACT = "exact"  # the span slices the text to the surface form the stage saw
    ALIGNED = "aligned"  # a backend's token was found again in the text (e.g. Frog's tokens)


@dataclass(frozen=True, order=True)
class Span:
    doc: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}:{self.end}")

    def slice(self, text: str) -> str:
        return text[self.start:self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.doc == other.doc and self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.doc == other.doc and self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class DateValue:
    """A date as an ISO prefix whose length is its precision: "2021", "2021-08", "2021-08-26"."""

    value: str
    source: str  # header | dateline | content | metadata | ...
    evidence: Span | None = None
    earliest: str | None = None  # the day range the value stands for, when the text narrows it
    latest: str | None = None

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}.get(len(self.value), "unknown")


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    sha1: str
    title: str | None = None
    language: str | None = None
    path: str | None = None
    url: str | None = None
    published: DateValue | None = None
    header_date: DateValue | None = None
    date_candidates: tuple[DateValue, ...] = ()
    flags: tuple[str, ...] = ()  # e.g. "date-conflict"
    sources: tuple[str, ...] = ()  # every file, JSONL record or URL this text was read from


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    tag: str = ""  # coarse part of speech as the backend gives it (Frog: CGN tag, lite: "")
    lemma: str = ""


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    language: str | None = None


@dataclass(frozen=True)
class NerSpan:
    """A named-entity span as a backend proposes it, before kroniek's correction layer."""

    start: int
    end: int
    label: str
    source: str  # frog | lite | gazetteer | ...


@dataclass(frozen=True)
class Annotation:
    """What an NLP backend says about one document: tokens, sentences, entity spans, and the text
    layer (a spaCy `Doc` over the unchanged text, with lemmas, tags and parse where the backend
    gives them) that is stored with the document for every later stage."""

    doc: str
    backend: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    ents: tuple[NerSpan, ...]
    layer: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Mention:
    id: str
    span: Span
    text: str
    label: str  # PER | ORG | LOC | MISC
    source: str  # which step proposed it
    key: str | None = None  # gazetteer key ("group:iskp", "country:AF", "geo:1138958") when known
    grounding: Grounding = Grounding.EXACT


@dataclass(frozen=True)
class AliasLink:
    """The text states that two mentions name the same thing ("X, also known as Y")."""

    a: str  # mention id
    b: str  # mention id
    cue: str
    evidence: Span


@dataclass(frozen=True)
class Judgement:
    """A merge decision between two mentions or entities, kept as data so it can be reversed."""

    a: str
    b: str
    verdict: str  # positive | negative | unsure
    reason: str
    by: str = "kroniek"


@dataclass(frozen=True)
class Rejection:
    """An analyst's word that a fact is wrong: the fact (`kind` report, claim, relation or quote) is known
    by its evidence span, which is the same on every rebuild of the same text, and left out of every resolve."""

    kind: str  # report | claim | relation | quote
    evidence: Span
    by: str
    reason: str = ""
    made_at: str = ""  # ISO 8601 UTC, "2026-11-24T10:32:05Z"


@dataclass(frozen=True)
class Override:
    """An analyst's choice of the report whose value an event shows for one field (killed, injured, date,
    location, perpetrator): kept on the report's evidence span, since event ids follow the first report."""

    field: str
    evidence: Span  # the chosen report's
    by: str
    reason: str = ""
    made_at: str = ""


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]  # in the order of the texts: by document, then offset
    key: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None

    def __post_init__(self) -> None:
        # one order, kept here, so an entity's first mention is the same whoever made it, and a page can
        # read an actor's names and documents off its mentions without sorting tens of thousands again
        object.__setattr__(self, "mentions", tuple(sorted(self.mentions, key=lambda m: (m.span.doc, m.span.start))))

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.span.doc for m in self.mentions))

    @property
    def nation(self) -> str | None:
        """The country code this entity is the country of (its gazetteer key "country:CODE"), else None."""
        return self.key.split(":", 1)[1] if self.key and self.key.startswith("country:") else None

    def contains(self, other: "Entity | None") -> bool:
        """A country contains the places the gazetteer puts in it (a city's `country` code)."""
        return bool(other is not None and other.country and self.nation == other.country and self.id != other.id)


def countries_by_code(entities: Iterable[Entity]) -> dict[str, list[Entity]]:
    """Country code -> the entities that are that country, for finding what `Entity.contains` a place
    without testing every entity."""
    out: dict[str, list[Entity]] = {}
    for e in entities:
        if e.nation:
            out.setdefault(e.nation, []).append(e)
    return out


@dataclass(frozen=True)
class Range:
    """A count as a source states it: exact (low == high), at least (high is None), at most (low is
    None), or a range. `best` is a single best estimate where one was derived (fused figures)."""

    low: int | float | None
    high: int | float | None
    best: int | float | None = None

    def overlaps(self, other: "Range") -> bool:
        lo = max(x for x in (self.low, other.low, float("-inf")) if x is not None)
        hi = min(x for x in (self.high, other.high, float("inf")) if x is not None)
        return lo <= hi


@dataclass(frozen=True)
class Attribution:
    """Who a source says did or claimed something, and how sure it is.

    status: "asserted" (stated as fact), "suspected" (hedged: "zou", "seems to"), "claimed" (a claim
    of responsibility), "disputed" (the source says it is not known, or names alternatives)."""

    entity: str  # entity id
    status: str
    evidence: Span
    channel: str | None = None  # for claims: "Amaq", "Telegram", "statement"


@dataclass(frozen=True)
class Report:
    """What one document says about one event: its figures, date, place and attributions."""

    doc: str
    evidence: Span
    killed: Range | None = None
    injured: Range | None = None
    date: str | None = None
    type: str = "attack"
    subtype: str | None = None
    location: str | None = None  # entity id
    sites: tuple[str, ...] = ()  # kinds of place (airport, embassy, ...) the document names
    attributions: tuple[Attribution, ...] = ()
    perpetrator_unknown: bool = False  # the document says the perpetrator is not (yet) known
    mentions: tuple[Span, ...] = ()  # every passage of the document about this event
    # where no place is named: the country the document puts the event in by an adjective alone ("an
    # upscale Kenyan mall", "de Somalische hoofdstad"), as an ISO code
    country: str | None = None
    # the article looks back on the event (a trial, an anniversary), so its publication does not date it
    retrospective: bool = False


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # attack | execution | seizure | other
    subtype: str | None
    date: str | None
    location: str | None  # entity id
    perpetrator: str | None
    claimed_by: str | None
    reports: tuple[Report, ...] = ()
    killed: Range | None = None
    injured: Range | None = None
    flags: tuple[str, ...] = ()  # perpetrator-suspected, competing-claims, date-from-publication, ...
    suspects: tuple[str, ...] = ()  # entity ids named with doubt


@dataclass(frozen=True)
class Claim:
    id: str
    subject: str  # entity id
    attribute: str  # fighters | attacks | funding_usd | founded | killed | other
    value: Range
    evidence: Span
    as_of: str | None = None
    attributed_to: str | None = None


@dataclass(frozen=True)
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Quote:
    """What one speaker is quoted as saying in one document: `span` runs from the first to the last
    passage, `passages` are the quoted stretches themselves."""

    speaker: str  # entity id
    span: Span
    passages: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree about one field of one event or claim: (document, value) pairs."""

    about: str  # event id, or claim subject entity id
    field: str
    values: tuple[tuple[str, Range | str], ...] = ()
    attribute: str | None = None  # for claims: the attribute and the time they describe
    as_of: str | None = None


@dataclass
class DocFacts:
    """What the facts stage found in one document (or several, added together)."""

    reports: list[Report] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def add(self, other: "DocFacts") -> None:
        self.reports += other.reports
        self.claims += other.claims
        self.relations += other.relations
        self.quotes += other.quotes


@dataclass
class KnowledgeBase:
    """Everything a build produced, as the export stage reads it."""

    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

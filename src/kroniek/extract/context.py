"""One document as the fact extractors see it: its text layer (units, tokens with lemmas, tags and
parse), and the resolved entity mentions in reading order, with small position queries over them."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Document, Entity, Mention
from ..text import TextLayer, Tok, Unit
from .lexicon import cues as lexicon_cues


@dataclass(frozen=True)
class Placed:
    """A mention with the entity it was resolved to."""

    mention: Mention
    entity: Entity

    @property
    def start(self) -> int:
        return self.mention.span.start

    @property
    def end(self) -> int:
        return self.mention.span.end

    @property
    def type(self) -> str:
        return self.entity.type


@dataclass
class DocContext:
    doc: Document
    placed: list[Placed]
    layer: TextLayer | None = None
    units: list[Unit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.placed.sort(key=lambda p: p.start)
        self._starts = [p.start for p in self.placed]
        if self.layer is None:
            self.layer = TextLayer.plain(self.doc.text, self.doc.language)
        if not self.units:
            self.units = self.layer.units

    @classmethod
    def for_documents(cls, docs: list[Document], entities: list[Entity],
                      layers: dict[str, TextLayer] | None = None) -> list["DocContext"]:
        """One context per document, the corpus's mentions sorted into them in one pass. A document
        without a stored layer gets tokens and sentences from spaCy's rules."""
        by_doc: dict[str, list[Placed]] = {}
        for e in entities:
            for m in e.mentions:
                by_doc.setdefault(m.span.doc, []).append(Placed(m, e))
        layers = layers or {}
        return [cls(doc, by_doc.get(doc.id, []), layers.get(doc.id)) for doc in docs]

    @classmethod
    def build(cls, doc: Document, entities: list[Entity], layer: TextLayer | None = None) -> "DocContext":
        return cls.for_documents([doc], entities, {doc.id: layer} if layer else None)[0]

    @property
    def lang(self) -> str:
        return self.doc.language or "nl"

    def text(self, start: int, end: int) -> str:
        return self.doc.text[start:end]

    def unit_text(self, unit: Unit) -> str:
        return self.doc.text[unit.start:unit.end]

    @property
    def toks(self) -> list[Tok]:
        return self.layer.tokens

    @cached_property
    def _tok_starts(self) -> list[int]:
        return [t.start for t in self.toks]

    def tokens_in(self, start: int, end: int) -> list[Tok]:
        """The tokens that start in [start, end)."""
        return self.toks[bisect_left(self._tok_starts, start):bisect_left(self._tok_starts, end)]

    def mentions_in(self, start: int, end: int, types: tuple[str, ...] = ("PER", "ORG", "LOC")) -> list[Placed]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.placed) and self.placed[i].start < end:
            if self.placed[i].type in types and self.placed[i].end <= end:
                out.append(self.placed[i])
            i += 1
        return out

    def nearest(self, pos: int, start: int, end: int, types: tuple[str, ...], side: str) -> Placed | None:
        """The mention of `types` closest to `pos` within [start, end), before or after it."""
        found = self.mentions_in(start, end, types)
        if side == "before":
            found = [p for p in found if p.end <= pos]
            return found[-1] if found else None
        found = [p for p in found if p.start >= pos]
        return found[0] if found else None

    def actor_of(self, start: int, end: int, types: tuple[str, ...] = ("ORG",),
                 skip: frozenset[str] = frozenset()) -> Placed | None:
        """The mention that the parse makes the subject of the verb in [start, end), or the agent of
        that verb in the passive ("door X", "by X"). None where the layer has no parse or names no one;
        `skip` holds mention ids that cannot be actors (the channel a claim came through)."""
        if not self.layer.parsed:
            return None
        verbs = [t for t in self.tokens_in(start, end) if t.pos in ("VERB", "AUX", "NOUN")]
        agent_words = set(lexicon_cues()["by"])
        for verb in verbs:
            subjects, obliques = self.layer.arguments(verb)
            agents = [o for o in obliques if any(c.dep == "case" and c.low in agent_words
                                                 for c in self.layer.children(o))]
            for arg in agents + subjects:
                lo, hi = self.layer.phrase(arg)
                found = [p for p in self.mentions_in(lo, hi, types) if p.mention.id not in skip]
                if found:
                    return found[0]
        return None

    def is_group(self, p: Placed) -> bool:
        """An armed group: one the gazetteer knows, or an organisation it does not know that the document
        introduces as one ("de rebellengroep X", "X, a militia linked to Y") or whose name says so ("the
        X Liberation Front")."""
        return p.type == "ORG" and ((p.entity.key or "").startswith("group:") or p.entity.id in self._new_groups)

    @cached_property
    def _new_groups(self) -> set[str]:
        cue = lexicon_cues()
        nouns = tuple(w.lower() for w in cue["armed_group_nouns"])
        name_words = set(cue["group_name_words"])
        out = set()
        for p in self.placed:
            if p.type != "ORG" or p.entity.key or p.entity.id in out:
                continue
            if name_words & set(re.split(r"[\s-]+", p.entity.name)):
                out.add(p.entity.id)
                continue
            before = self.text(max(0, p.start - 40), p.start).lower().replace(",", " ").split()[-3:]
            after = self.text(p.end, min(len(self.doc.text), p.end + 40)).lower().replace(",", " ").split()[:3]
            if any(w.endswith(nouns) for w in before) or (self.text(p.end, p.end + 1) == "," and any(w.endswith(nouns) for w in after)):
                out.add(p.entity.id)
        return out

    @cached_property
    def dominant_group(self) -> Entity | None:
        """The armed group (else organisation) the document names most: who "de groep" and "ze" are."""
        counts = Counter(p.entity.id for p in self.placed if self.is_group(p))
        if not counts:
            counts = Counter(p.entity.id for p in self.placed if p.type == "ORG")
        if not counts:
            return None
        best = counts.most_common(1)[0][0]
        return next(p.entity for p in self.placed if p.entity.id == best)

"""The text layer: one spaCy `Doc` per document, over the unchanged text, that every stage after NLP reads.

A backend annotates each document once (tokens, sentences, lemmas, UPOS and morphology, dependency
heads and labels, entity spans); the layer is stored with the document as `DocBin` bytes, so dates,
facts and fusion never run the backend again. `TextLayer` gives the stages what they read from it:
tokens with their lemma, tag and head, and units (a sentence, or a whole list item, whose sentences
belong together: "Attack on X. 12 dead."). `SpanIndex` answers position queries over any stage's
tokens or mentions (what lies within, before, after or across a span) without reading them all.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

OPENING = {"“", "„", "‘", "«", "\"", "'", "—", "–", "(", "["}
BULLET = re.compile(r"^[ \t]*(?:[•·▪◦‣*–-]|\d{1,2}[.)])[ \t]+", re.MULTILINE)
# what the layer keeps of a spaCy Doc; entity spans are kroniek's own (mentions), not the backend's
LAYER_ATTRS = ("ORTH", "LEMMA", "POS", "TAG", "MORPH", "HEAD", "DEP", "SENT_START", "SPACY", "ENT_IOB", "ENT_TYPE")


@dataclass(frozen=True)
class Unit:
    """A sentence, or a whole list item (whose sentences belong together: "Attack on X. 12 dead.")."""

    start: int
    end: int
    paragraph: int
    bullet: bool = False


@dataclass(frozen=True)
class Tok:
    """A token of the layer: offsets into the document, lemma, universal part of speech, and its
    syntactic head (an index into the layer's tokens; its own index at a sentence root)."""

    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = ""
    dep: str = ""
    head: int = -1
    i: int = -1

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def lem(self) -> str:
        """The lemma in lower case, or the word itself where the backend gives none."""
        return (self.lemma or self.text).lower()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines: the texts kroniek reads put one paragraph (or heading, or list item) per line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


class TextLayer:
    """What the stages after NLP read of one document, from its spaCy `Doc`."""

    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        self.text = doc.text

    @cached_property
    def tokens(self) -> list[Tok]:
        # whitespace tokens (spaCy keeps runs of spaces and line breaks as tokens) are no words
        keep = [t for t in self.doc if not t.is_space]
        return [Tok(t.idx, t.idx + len(t.text), t.text, t.lemma_, t.pos_, t.dep_, t.head.i, t.i) for t in keep]

    @cached_property
    def by_index(self) -> dict[int, Tok]:
        return {t.i: t for t in self.tokens}

    def head(self, tok: Tok) -> Tok | None:
        """The token's syntactic head; None at a root or where the backend gave no parse."""
        return None if tok.head == tok.i or tok.head < 0 else self.by_index.get(tok.head)

    @cached_property
    def _children(self) -> dict[int, list[Tok]]:
        out: dict[int, list[Tok]] = {}
        for t in self.tokens:
            if t.head != t.i and t.head >= 0:
                out.setdefault(t.head, []).append(t)
        return out

    def children(self, tok: Tok) -> list[Tok]:
        return self._children.get(tok.i, [])

    def phrase(self, tok: Tok) -> tuple[int, int]:
        """(start, end) of the words that hang on `tok`, itself included (its subtree), clauses left out."""
        start, end, todo = tok.start, tok.end, [tok]
        while todo:
            for child in self.children(todo.pop()):
                if child.dep in ("acl", "relcl", "ccomp", "advcl", "parataxis", "punct"):
                    continue
                start, end = min(start, child.start), max(end, child.end)
                todo.append(child)
        return start, end

    def arguments(self, verb: Tok) -> tuple[list[Tok], list[Tok]]:
        """The verb's subjects, and the agents of a passive ("opgeëist door X", "claimed by X"): an
        oblique whose preposition is `agent_words`. A participle under an auxiliary (Frog's parse)
        takes the auxiliary's subject."""
        heads = [verb]
        if verb.dep in ("xcomp", "aux", "conj") and (up := self.head(verb)) is not None:
            heads.append(up)
        subjects = [c for h in heads for c in self.children(h) if c.dep in ("nsubj", "csubj")]
        obliques = [c for h in heads for c in self.children(h) if c.dep in ("obl", "nmod")]
        return subjects, obliques

    @property
    def parsed(self) -> bool:
        return self.doc.has_annotation("DEP")

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentences, cut at line breaks as well (headlines and list items have no full stop), with
        the surrounding whitespace left out."""
        out = []
        doc = self.doc
        starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        for k in range(1, len(starts)):
            # an opening quote or dash after a full stop opens the next sentence, though spaCy's
            # rules (and a parser trained on text without them) leave it at the end of the last one
            cut = starts[k]
            while cut - 1 > starts[k - 1] and doc[cut - 1].text in OPENING and doc[cut - 2].whitespace_:
                cut -= 1
            starts[k] = cut
        bounds = [(doc[a:b].start_char, doc[a:b].end_char) for a, b in zip(starts, starts[1:] + [len(doc)]) if b > a]
        for start_char, end_char in bounds:
            pos = start_char
            for piece in re.finditer(r"[^\n]+", self.text[start_char:end_char]):
                s, e = pos + piece.start(), pos + piece.end()
                chunk = self.text[s:e]
                if chunk.strip():
                    out.append((s + len(chunk) - len(chunk.lstrip()), s + len(chunk.rstrip())))
        return out

    @cached_property
    def units(self) -> list[Unit]:
        out = []
        sents = SpanIndex(self.sentences, lambda x: x)
        for number, (p_start, p_end) in enumerate(paragraphs(self.text)):
            line = self.text[p_start:p_end]
            bullet = BULLET.match(line)
            if bullet:
                out.append(Unit(p_start + bullet.end(), p_start + len(line.rstrip()), number, True))
                continue
            for s, e in sents.overlapping(p_start, p_end):
                out.append(Unit(max(s, p_start), min(e, p_end), number))
        return out

    def to_bytes(self) -> bytes:
        return layer_bytes(self.doc)

    @classmethod
    def from_bytes(cls, data: bytes, lang: str | None) -> "TextLayer":
        from spacy.tokens import DocBin

        [doc] = DocBin().from_bytes(data).get_docs(_vocab(lang or "xx"))
        return cls(doc)

    @classmethod
    def plain(cls, text: str, lang: str | None) -> "TextLayer":
        """A layer of tokens and sentences only (spaCy's rules), for a document stored without one."""
        return cls(blank_pipeline(lang or "xx")(text))


def layer_bytes(doc: "Doc") -> bytes:
    from spacy.tokens import DocBin

    return DocBin(attrs=list(LAYER_ATTRS), docs=[doc], store_user_data=False).to_bytes()


@lru_cache(maxsize=8)
def _vocab(lang: str):
    return blank_pipeline(lang).vocab


@lru_cache(maxsize=8)
def blank_pipeline(lang: str):
    """spaCy's rule-based tokenizer and sentencizer for `lang` ("xx": any language)."""
    import spacy

    try:
        nlp = spacy.blank(lang)
    except Exception:  # noqa: BLE001 - a language spaCy has no rules for gets the multilingual ones
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    # spaCy refuses texts over a million characters to spare the memory of its parser and NER models;
    # a tokenizer and sentencizer need memory in proportion to the text, so an article of any length is read
    nlp.max_length = 2**31 - 1
    return nlp


def doc_from_tokens(text: str, lang: str | None, tokens: Sequence, sentence_starts: set[int] = frozenset(),
                    lemmas: Sequence[str] | None = None, pos: Sequence[str] | None = None,
                    heads: Sequence[int] | None = None, deps: Sequence[str] | None = None) -> "Doc":
    """A layer `Doc` from another tool's tokens (offsets into `text`, in order, not overlapping):
    the gaps between them become spaCy's whitespace tokens, so the Doc's text is `text` exactly.
    `heads` index into `tokens`."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    where: list[int | None] = []  # the index in `tokens` of each word; None for text between them

    def gap(chunk: str) -> None:
        # text the tool's tokens leave out: its whitespace, and any words it could not place
        for piece in re.findall(r"\S+|\s+", chunk):
            if piece == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                continue
            if piece[0] == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1], piece = True, piece[1:]
            words.append(piece)
            spaces.append(False)
            where.append(None)

    pos_ = 0
    for k, tok in enumerate(tokens):
        gap(text[pos_:tok.start])
        where.append(k)
        words.append(text[tok.start:tok.end])
        spaces.append(False)
        pos_ = tok.end
    gap(text[pos_:])
    index = {k: i for i, k in enumerate(where) if k is not None}
    kw = {}
    if lemmas is not None:
        kw["lemmas"] = [lemmas[k] if k is not None else w for w, k in zip(words, where)]
    if pos is not None:
        kw["pos"] = [pos[k] if k is not None else ("SPACE" if w.isspace() else "X") for w, k in zip(words, where)]
    if heads is not None and deps is not None:
        # a parse makes the sentences (one tree each), so the text between the tool's tokens hangs on
        # the word before it (the first word, at the start): alone it would be a sentence of its own
        words_at = [i for i, k in enumerate(where) if k is not None]
        kw["heads"] = [index.get(heads[k], i) if k is not None
                       else (max((w for w in words_at if w < i), default=min(words_at, default=i)))
                       for i, k in enumerate(where)]
        kw["deps"] = [deps[k] if k is not None else "dep" for k in where]
    else:
        starts = {tokens[k].start for k in where if k is not None}
        kw["sent_starts"] = [(tokens[k].start in sentence_starts) if k is not None and tokens[k].start in starts
                             else False for k in where]
    doc = Doc(_vocab(lang or "xx"), words=words, spaces=spaces, **kw)
    assert doc.text == text
    return doc


class _Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T")


def _bounds(x: _Located) -> tuple[int, int]:
    return x.start, x.end


class SpanIndex(Generic[T]):
    """Position queries over tokens or mentions in O(log n + answer) instead of a scan of the
    whole document, which made long articles quadratic.

    Each query answers exactly what the scan in its docstring would, in the sequence's own order.
    Binary search needs the items in text order, which is what every backend gives; a sequence
    out of order is scanned, so the answer never depends on it.

    Args:
        items: the tokens, mentions, ... to query.
        bounds: (start, end) of an item; `.start` and `.end` by default.
    """

    def __init__(self, items: Sequence[T], bounds: Callable[[T], tuple[int, int]] = _bounds) -> None:
        self.items = items
        pairs = [bounds(x) for x in items]
        self._starts = [s for s, _ in pairs]
        self._ends = [e for _, e in pairs]
        self.by_start = all(s <= e for s, e in pairs) and all(a <= b for a, b in zip(self._starts, self._starts[1:]))
        self.by_end = all(a <= b for a, b in zip(self._ends, self._ends[1:]))

    def _scan(self, keep: Callable[[int, int], bool]) -> list[T]:
        return [x for x, s, e in zip(self.items, self._starts, self._ends) if keep(s, e)]

    def within(self, start: int, end: int) -> list[T]:
        """`[x for x in items if x.start >= start and x.end <= end]`"""
        if not self.by_start:
            return self._scan(lambda s, e: s >= start and e <= end)
        # an item that ends by `end` also starts by it
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [self.items[i] for i in range(lo, hi) if self._ends[i] <= end]

    def starting_in(self, start: int, end: int) -> list[T]:
        """`[x for x in items if start <= x.start < end]`"""
        if not self.by_start:
            return self._scan(lambda s, e: start <= s < end)
        return list(self.items[bisect_left(self._starts, start):bisect_left(self._starts, end)])

    def first_from(self, pos: int, n: int = 1) -> list[T]:
        """`[x for x in items if x.start >= pos][:n]`"""
        if not self.by_start:
            return self._scan(lambda s, e: s >= pos)[:n]
        i = bisect_left(self._starts, pos)
        return list(self.items[i:i + n])

    def last_before(self, pos: int) -> list[T]:
        """`[x for x in items if x.end <= pos][-1:]`"""
        if not self.by_end:
            return self._scan(lambda s, e: e <= pos)[-1:]
        i = bisect_right(self._ends, pos)
        return [self.items[i - 1]] if i else []

    def overlapping(self, start: int, end: int) -> list[T]:
        """`[x for x in items if x.start < end and start < x.end]`"""
        if not (self.by_start and self.by_end):
            return self._scan(lambda s, e: s < end and start < e)
        # the items ending after `start` are a suffix; of those, the ones starting before `end` a prefix
        return list(self.items[bisect_right(self._ends, start):bisect_left(self._starts, end)])

"""Plain-text segmentation shared by the corpus-level stages: sentences, list items, paragraphs, tokens.

Offsets are always into the original text. The NLP backends segment too, but their annotations are
not stored; the corpus-level stages (dates, facts) run after a rebuild from the store, so they use
this cheap, deterministic splitter instead. `SpanIndex` answers position queries over any stage's
tokens or mentions (what lies within, before, after or across a span) without reading them all.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'„(]?[A-Z0-9#])|\n+")
BULLET = re.compile(r"^[ \t]*(?:[•·▪◦‣*–-]|\d{1,2}[.)])[ \t]+", re.MULTILINE)
TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Unit:
    """A sentence, or a whole list item (whose sentences belong together: "Attack on X. 12 dead.")."""

    start: int
    end: int
    paragraph: int
    bullet: bool = False


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines: the texts kroniek reads put one paragraph (or heading, or list item) per line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def units(text: str) -> list[Unit]:
    out = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        line = text[p_start:p_end]
        bullet = BULLET.match(line)
        if bullet:
            body = p_start + bullet.end()
            out.append(Unit(body, p_start + len(line.rstrip()), number, True))
            continue
        for s, e in sentences(line):
            # a sentence is never blank, so its own ends are where the stripping stops
            sentence = line[s:e]
            lead = len(sentence) - len(sentence.lstrip())
            out.append(Unit(p_start + s + lead, p_start + s + len(sentence.rstrip()), number))
    return out


def tokens(text: str, offset: int = 0) -> list[Tok]:
    return [Tok(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN.finditer(text)]


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

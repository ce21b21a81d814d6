"""Plain-text segmentation shared by the corpus-level stages: sentences, list items, paragraphs, tokens.

Offsets are always into the original text. The NLP backends segment too, but their annotations are
not stored; the corpus-level stages (dates, facts) run after a rebuild from the store, so they use
this cheap, deterministic splitter instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
            lead = len(line[s:e]) - len(line[s:e].lstrip())
            out.append(Unit(p_start + s + lead, p_start + len(line[:e].rstrip()), number))
    return out


def tokens(text: str, offset: int = 0) -> list[Tok]:
    return [Tok(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN.finditer(text)]

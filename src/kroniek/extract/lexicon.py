"""The fact cues of every language as one lookup, and phrase matching over them.

Articles mix languages (an English tweet inside a Dutch article), so the facts extractors use the
cues of all languages at once; collisions between Dutch and English cue words are rare and listed
nowhere on purpose. A cue "dook ... op" allows up to four words in the gap.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import LANGUAGES, load_yaml


@lru_cache(maxsize=1)
def cues() -> dict:
    merged: dict = {}
    for code in LANGUAGES:
        for key, value in load_yaml(f"facts/{code}.yaml").items():
            if isinstance(value, dict):
                target = merged.setdefault(key, {})
                for k, v in value.items():
                    if isinstance(v, list) and isinstance(target.get(k), list):
                        target[k] = target[k] + v
                    else:
                        target.setdefault(k, v)
            else:
                merged[key] = merged.get(key, []) + list(value)
    return merged


@lru_cache(maxsize=256)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern:
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w) for w in phrase.lower().split()]
        piece = r"\s+".join(words).replace(r"\s+\.\.\.\s+", r"(?:\s+\S+){0,4}?\s+")
        parts.append(piece)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def find(text: str, key: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, matched text) of each cue of list `key` in `text`, lower-cased match."""
    return find_phrases(text, _phrases(key), offset)


@lru_cache(maxsize=None)
def _phrases(key: str) -> tuple[str, ...]:
    return tuple(p for p in cues().get(key, []) if p)


def find_phrases(text: str, phrases: tuple[str, ...], offset: int = 0) -> list[tuple[int, int, str]]:
    if not phrases:
        return []
    return [(s + offset, e + offset, m) for s, e, m in _matches(text, phrases)]


@lru_cache(maxsize=4096)
def _matches(text: str, phrases: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    # the extractors ask one sentence for many cue lists, and several of them for the same list
    return tuple((m.start(), m.end(), m.group()) for m in _pattern(phrases).finditer(text.lower()))


def ends_with(text: str, key: str) -> bool:
    """`text` ends with a cue of list `key` (trailing spaces aside)."""
    return any(not text[end:].strip() for _, end, _ in find(text, key))


def has(text: str, key: str) -> bool:
    return bool(find(text, key))


def subtype_compatible(a: str | None, b: str | None) -> bool:
    """Two event subtypes can describe one event: equal, unknown, or one a kind of the other."""
    parents = cues().get("subtype_parents", {})
    return not a or not b or a == b or parents.get(a) == b or parents.get(b) == a

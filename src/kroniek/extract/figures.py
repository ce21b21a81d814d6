"""Figures as sources write them: exact ("96 doden"), lower bounds ("zeker 170", "at least 26"),
upper bounds ("hooguit 50"), ranges ("8 tot 10", "tussen de 1500 en 2000"), sums ("170 burgers en
13 militairen") and number words ("dertien"), each kept with its character span.

`figures` finds the counted phrases in a clause; `casualties` assigns them to killed and injured.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Range
from ..text import tokens
from . import lexicon
from .dates import find_times
from .numbers import Number, find_numbers


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: Range
    noun: str | None  # the word counted ("mensen", "strijders"), lower case, when one follows
    subset: bool = False  # "onder wie dertien ...": part of a figure already given


def _words_after(text: str, pos: int, n: int) -> list[str]:
    return [t.low for t in tokens(text[pos:pos + 80])][:n]


def figures(text: str, lang: str = "nl", offset: int = 0) -> list[Figure]:
    """Counted figures in `text` (offsets shifted by `offset`); years and ages are left out."""
    found = _figures(text, lang)
    if not offset:
        return list(found)
    return [replace(f, start=f.start + offset, end=f.end + offset) for f in found]


@lru_cache(maxsize=256)
def _figures(text: str, lang: str) -> tuple[Figure, ...]:
    """`figures` at offset 0. Cached because the claims reader asks for one sentence's figures
    twice in a row (its casualties, then the rest); only the latest sentences are asked again."""
    cue = lexicon.cues()
    times = find_times(text)
    nums = [n for n in find_numbers(text, lang)
            if not any(t.start <= n.start < t.end for t in times)]
    out: list[Figure] = []
    i = 0
    while i < len(nums):
        n = nums[i]
        low, high, start, end = n.value, n.value, n.start, n.end
        nxt = nums[i + 1] if i + 1 < len(nums) else None
        between = text[n.end:nxt.start].strip().lower() if nxt else None
        if nxt and (between in cue["range_joiners"] or (between in cue["sum_joiners"]
                                                          and lexicon.ends_with(text[:n.start], "range_open"))):
            high, end = nxt.value, nxt.end
            i += 1
            if high < low:
                i += 1
                continue  # "2019-02", "10-8": a date or a score, no range of a count
        i += 1
        after = _words_after(text, end, 4)
        if after and after[0] in cue["not_counts"]:
            continue
        before = text[max(0, start - 40):start]
        opener = [m for m in lexicon.find(before, "range_open") if not before[m[1]:].strip()]
        if opener:  # the figure starts at "tussen de" / "between"
            start -= len(before) - opener[-1][0]
        if low == high and not lexicon.ends_with(before, "approximate"):
            if lexicon.ends_with(before, "upper_bound"):
                low = None
            elif lexicon.ends_with(before, "lower_bound"):
                high = None
        noun = next((w for w in after[:3] if w in cue["persons"] or w in cue["killed"] or w in cue["injured"]
                     or any(w in nouns for nouns in cue["claim_nouns"].values())), None)
        subset = lexicon.ends_with(text[max(0, start - 30):start], "subset")
        out.append(Figure(start, end, Range(low, high), noun, subset))
    return tuple(out)


def _sum(parts: list[Figure]) -> Range:
    lows = [p.value.low for p in parts]
    highs = [p.value.high for p in parts]
    low = sum(x for x in lows if x is not None) if any(x is not None for x in lows) else None
    high = sum(highs) if all(x is not None for x in highs) else None
    return Range(low, high)


def casualties(text: str, lang: str = "nl", offset: int = 0) -> dict[str, tuple[Range, int, int]]:
    """{"killed": (range, start, end), "injured": ...} for the figures in a clause that count people
    and stand nearest a casualty cue. Figures joined by "en"/"and" on the same cue are added up."""
    found = [f for f in figures(text, lang) if f.noun and not f.subset]
    cues = [(s, e, kind) for kind in ("killed", "injured") for s, e, _ in lexicon.find(text, kind)]
    if not found or not cues:
        return {}
    assigned: dict[str, list[Figure]] = {}
    for f in found:
        def distance(c):
            s, e, _ = c
            if e <= f.start:
                return f.start - e
            if s >= f.end:
                return s - f.end
            return 0
        near = min(cues, key=distance)
        if distance(near) <= 90:
            assigned.setdefault(near[2], []).append(f)
    out = {}
    for kind, parts in assigned.items():
        run = [parts[0]]
        for f in parts[1:]:
            gap = text[run[-1].end:f.start].lower()
            if re.fullmatch(r"[^,;.]*\b(?:en|and|plus)\b[^,;.]*", gap) and len(gap) < 40:
                run.append(f)
            else:
                break
        value = _sum(run) if len(run) > 1 else run[0].value
        if len(run) > 1 and any(p.value.high is None for p in run):
            value = Range(value.low, None)
        out[kind] = (value, run[0].start + offset, run[-1].end + offset)
    return out


__all__ = ["Figure", "Number", "casualties", "figures"]

"""Figures as sources write them: exact ("96 doden"), lower bounds ("zeker 170", "at least 26"),
upper bounds ("hooguit 50", "nearly 200"), ranges ("8 tot 10", "tussen de 1500 en 2000"), orders of
magnitude ("honderden", "dozens": a range), sums ("170 burgers en 13 militairen") and number words
("dertien"), each kept with its character span.

`figures` finds the counted phrases in a clause; `casualties` assigns them to killed and injured.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..dates import find_times
from ..model import Range
from . import lexicon
from .numbers import Number, find_numbers


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: Range
    noun: str | None  # the word counted ("mensen", "strijders"), lower case, when one follows
    subset: bool = False  # "onder wie dertien ...": part of a figure already given


WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def _words_after(text: str, pos: int, n: int) -> list[str]:
    """The next `n` words (and punctuation marks) after `pos`, in lower case: what a figure counts
    ("12 doden", "200 fighters"). Figures read a sentence's characters, not its tokens."""
    return [m.group().lower() for m, _ in zip(WORD.finditer(text, pos, min(len(text), pos + 80)), range(n))]


def _bound(before: str) -> str | None:
    """Which bound the words just before a number set: "lower_bound", "upper_bound", "approximate" or None.

    Where cues of two kinds end there, the longer one speaks: "no fewer than" is a lower bound though
    "fewer than" is an upper one, "niet meer dan" an upper bound though "meer dan" is a lower one.
    """
    ends = [(start, kind) for kind in ("approximate", "upper_bound", "lower_bound")
            for start, end, _ in lexicon.find(before, kind) if not before[end:].strip()]
    return min(ends)[1] if ends else None


def _vague(text: str) -> list[tuple[int, int, Range]]:
    """Orders of magnitude written as words ("honderden", "tens of thousands") and the range each stands for."""
    table = lexicon.cues()["vague_amounts"]
    return [(s, e, Range(*table[" ".join(m.split())])) for s, e, m in lexicon.find(text, "vague_amounts")]


def is_vague(text: str) -> bool:
    """`text` (a figure's span) gives an order of magnitude ("honderden", "dozens of"), not a count."""
    return bool(_vague(text))


def _counted(word: str) -> bool:
    cue = lexicon.cues()
    return (_counts_people(word) or word in cue["killed"] or word in cue["injured"]
            or any(word in nouns for nouns in cue["claim_nouns"].values()))


def _counts_people(word: str) -> bool:
    """A noun that counts people: listed, or a compound ending in one ("veiligheidsmanschappen")."""
    cue = lexicon.cues()
    return word in cue["persons"] or any(word.endswith(h) and len(word) > len(h) + 2 for h in cue.get("person_heads", ()))


def is_count_not_year(text: str, t) -> bool:
    """A bare year-like number that counts something ("1500 tot 2000 strijders", "2000 leden"): a
    counted noun follows and no time preposition ("in", "sinds", "by") stands before it."""
    if not t.text.isdigit():
        return False
    after = _words_after(text, t.end, 1)
    before = [m.group().lower() for m in WORD.finditer(text, max(0, t.start - 20), t.start)][-1:]
    return bool(after) and _counted(after[0]) and not (before and before[0] in lexicon.cues()["as_of"])


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
    times = [t for t in find_times(text) if not is_count_not_year(text, t)]
    vague = _vague(text)
    # text2num reads "hundreds" as 100 and "tens of thousands" as 10 and 1000: the words are one vague figure
    nums = [n for n in find_numbers(text, lang)
            if not any(t.start <= n.start < t.end for t in times) and not any(s <= n.start < e for s, e, _ in vague)]
    out: list[Figure] = [f for s, e, value in vague if (f := _figure(text, s, e, value))]
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
        before = text[max(0, start - 40):start]
        opener = [m for m in lexicon.find(before, "range_open") if not before[m[1]:].strip()]
        if opener:  # the figure starts at "tussen de" / "between"
            start -= len(before) - opener[-1][0]
        if low == high:
            bound = _bound(before)
            if bound == "upper_bound":
                low = None
            elif bound == "lower_bound":
                high = None
        if figure := _figure(text, start, end, Range(low, high)):
            out.append(figure)
    return tuple(sorted(out, key=lambda f: f.start))


def _figure(text: str, start: int, end: int, value: Range) -> Figure | None:
    """The figure text[start:end] with the noun it counts, or None when it counts years, hours or money."""
    cue = lexicon.cues()
    after = _words_after(text, end, 4)
    if after and after[0] in cue["not_counts"]:
        return None
    # "a city of around two million people": a population, not people something befell
    before = text[max(0, start - 40):start].lower().split()
    while before and before[-1] in cue.get("approximators", ()):
        before.pop()
    if lexicon.ends_with(" ".join(before), "population_before"):
        return None
    noun = next((w for w in after[:3] if _counted(w)), None)
    subset = lexicon.ends_with(text[max(0, start - 30):start], "subset")
    first, _, rest = text[start:end].partition(" ")
    if rest and first.lower() in cue["sum_joiners"]:
        start += len(first) + 1  # text2num reads "en tien" as one number: the figure is "tien"
    return Figure(start, end, value, noun, subset)


def _sum(parts: list[Figure]) -> Range:
    lows = [p.value.low for p in parts]
    highs = [p.value.high for p in parts]
    low = sum(x for x in lows if x is not None) if any(x is not None for x in lows) else None
    high = sum(highs) if all(x is not None for x in highs) else None
    return Range(low, high)


def _cue_distance(text: str, f: Figure, cue: tuple[int, int, str]) -> tuple[int, int]:
    """(rank, characters) from a figure to a casualty cue. A cue right after the counted noun is
    nearest ("tien anderen gewond", "12 people killed"); one across a comma is further than its
    characters ("5 killed, 22 others wounded")."""
    s, e, _ = cue
    if s < f.end and f.start < e:
        return 0, 0
    gap = text[e:f.start] if e <= f.start else text[f.end:s]
    comma = bool(re.search(r"[,;]", gap))
    if e <= f.start and not comma and (not gap.strip() or _bound(gap) and len(gap.split()) <= 3):
        return 0, len(gap)  # "killing at least 15"
    if s >= f.end and not comma and len(gap.split()) <= 3 \
            and not set(gap.lower().split()) & set(lexicon.cues()["sum_joiners"]):
        return 0, len(gap)
    return len(gap) + 40 * comma, len(gap)


def _after_verb(text: str, f: Figure) -> bool:
    """A bare number right after a verb of killing or wounding counts people: "killing three"."""
    if f.noun:
        return False
    before = text[max(0, f.start - 30):f.start]
    verbs = [m for m in lexicon.find(before, "casualty_verbs") if not before[m[1]:].strip(" ") or
             lexicon.find(before[m[1]:], "lower_bound") or lexicon.find(before[m[1]:], "upper_bound")]
    return bool(verbs) and len(before[verbs[-1][1]:].split()) <= 2


def _after_toll(text: str, f: Figure) -> bool:
    """A bare number in the clause after "death toll" / "dodental" ("rose to 21") is the toll."""
    before = text[max(0, f.start - 90):f.start]
    tolls = lexicon.find(before, "toll_nouns")
    after = _words_after(text, f.end, 1)
    # the toll itself stands alone ("naar 87.", "to 21 on Friday"), not before a noun ("in de drie steden")
    alone = not after or not after[0].isalpha() or after[0] in lexicon.cues()["prepositions"]
    return bool(tolls) and alone and not re.search(r"[;.:]", before[tolls[-1][1]:])


def _difference(text: str, f: Figure) -> bool:
    """"100 mensen minder ... dan eerder gemeld", "100 fewer people than": the figure is a difference."""
    after = _words_after(text, f.end, 6)
    cue = lexicon.cues()["comparatives"]
    return any(w in cue for w in after[:3]) and any(w in ("dan", "than") for w in after)


def casualties(text: str, lang: str = "nl", offset: int = 0) -> dict[str, tuple[Range, int, int]]:
    """{"killed": (range, start, end), "injured": ...} for the figures in a clause that count people
    and stand nearest a casualty cue. Figures joined by "en"/"and" on the same cue are added up."""
    # "acht aanslagen", "$5 million": counts that are no people are never a toll
    not_people = {w for kind in ("attacks", "funding_usd") for w in lexicon.cues()["claim_nouns"].get(kind, ())}
    held = set(lexicon.cues()["held_words"])
    found = [f for f in figures(text, lang)
             if (f.noun and f.noun not in not_people or _after_toll(text, f) or _after_verb(text, f)) and not f.subset
             and not held & set(_words_after(text, f.end, 3)[1 if f.noun else 0:]) and not _difference(text, f)]
    # "het dodental is opgelopen naar 321": a toll stated as such is the toll, whatever else the clause counts
    tolls = [f for f in found if _after_toll(text, f)]
    if tolls:
        found = [f for f in found if f is tolls[0] or lexicon.find(text[f.end:f.end + 40], "injured")]
    cues = [(s, e, kind) for kind in ("killed", "injured") for s, e, _ in lexicon.find(text, kind)]
    cues += [(s, e, "killed") for s, e, _ in lexicon.find(text, "toll_nouns")]
    if not found or not cues:
        return {}
    assigned: dict[str, list[Figure]] = {}
    for f in found:
        (_, characters), near = min(((_cue_distance(text, f, c), c) for c in cues), key=lambda x: x[0])
        if characters <= 90:
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
        start, end = run[0].start, run[-1].end
        if (revised := _revised(text, end, lang)) is not None:
            value, start, end = revised
        out[kind] = (value, start + offset, end + offset)
    return out


def _revised(text: str, end: int, lang: str) -> tuple[Range, int, int] | None:
    """A bare number after ", later (van)" that corrects the figure ending at `end` (a few words such as
    its noun between)."""
    m = re.match(r"(?:\s+\w+){0,3}\s*,\s*(\w+)\s+(?:(?:van|tot|op|to)\s+)?", text[end:end + 60])
    if not m or not any(m.group(1).lower() == w for w in lexicon.cues()["revised_words"]):
        return None
    numbers = find_numbers(text[end + m.end():end + m.end() + 30], lang, end + m.end())
    if not numbers or numbers[0].start != end + m.end() or not isinstance(numbers[0].value, int):
        return None
    rest = text[numbers[0].end:numbers[0].end + 2]
    if rest[:1].isalpha() or rest.strip()[:1].isalpha():
        return None  # "later 7 soldiers": a new count of its own
    n = numbers[0]
    return Range(n.value, n.value), n.start, n.end


__all__ = ["Figure", "Number", "casualties", "figures", "is_count_not_year", "is_vague"]

"""Time expressions in a sentence, and their resolution against a document's publication date.

Explicit dates are read by dateparser, which also says how precise they are (day, month, year):
"september 2022" stays "2022-09". Relative expressions ("gisteren", "vorige week donderdag",
"maandagochtend", "yesterday", "een jaar later", "juni dit jaar") are kept symbolic until the
document's publication date, or a previous date in the text, is known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from ..data import LANGUAGES, load_yaml
from ..model import DateValue
from . import lexicon
from .numbers import word_value

PRECISION = {"day": 10, "month": 7, "year": 4}


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    kind: str  # absolute | days | weekday | this_year | later
    value: str | None = None  # ISO prefix, for absolute expressions
    days: int = 0  # offset from publication, for "days"; years, for "later"
    weekday: int | None = None
    last_week: bool = False  # "vorige week donderdag": the named day of the week before publication
    strictly_before: bool = False  # "last Monday": never the publication day itself
    month: int | None = None  # for this_year ("juni dit jaar"); years back in `days`


@lru_cache(maxsize=1)
def _calendar() -> dict:
    months = load_yaml("lexicon/months.yaml")
    number = {}
    for code in LANGUAGES:
        full = [m.lower() for m in months[code]]
        number.update({name: i + 1 for i, name in enumerate(full)})
        for i, abbr in enumerate(a.lower() for a in months.get(f"{code}_abbr", [])):
            # an abbreviation is numbered by the name it shortens ("sept" beside "sep"), else by its place ("mrt")
            number.setdefault(abbr, next((j + 1 for j, name in enumerate(full) if name.startswith(abbr)), i + 1))
    rel, weekdays, last_week = {}, {}, []
    for code in LANGUAGES:
        lex = load_yaml(f"lexicon/{code}.yaml")
        rel.update({k.lower(): v for k, v in lex["relative_days"].items()})
        weekdays.update({d.lower(): i for i, d in enumerate(lex["weekdays"])})
        last_week += lex["last_week"]
    return {"months": number, "relative": rel, "weekdays": weekdays, "last_week": last_week}


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(languages=list(LANGUAGES), settings={"PREFER_DAY_OF_MONTH": "first"})


@lru_cache(maxsize=4096)
def parse_explicit(text: str) -> str | None:
    """An explicit date as an ISO prefix as precise as the text: "26 augustus 2021" -> "2021-08-26".

    Cached: dateparser is the slowest step of reading a sentence, and news repeats its dates."""
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date().isoformat()[:PRECISION.get(data.period or "day", 10)]


@lru_cache(maxsize=1)
def _patterns() -> dict:
    """The expressions `find_times` looks for, compiled once rather than for every sentence."""
    cal, cue = _calendar(), lexicon.cues()
    months = "|".join(sorted(map(re.escape, cal["months"]), key=len, reverse=True))
    preps = "|".join(map(re.escape, cue["year_prepositions"]))
    later = "|".join(map(re.escape, cue["years_later"]))
    unit_words = "|".join(map(re.escape, cue["year_words"]))
    return {
        "explicit": [re.compile(p) for p in (rf"(?<!\d)\d{{1,2}}\s+(?:{months})\.?\s+\d{{4}}",
                                             rf"\b(?:{months})\.?\s+\d{{1,2}},?\s+\d{{4}}",
                                             rf"\b(?:{months})\.?\s+\d{{4}}")],
        "this_year": [(re.compile(rf"\b({months})\s+{re.escape(phrase)}\b"), back)
                      for key, back in (("this_year", 0), ("last_year", 1)) for phrase in cue.get(key, [])],
        "year": re.compile(rf"\b(?:{preps})\s+(?:de\s+|het\s+|the\s+)?((?:1[89]|20)\d\d)(?![\d.,]?\d)"),
        "line_year": re.compile(r"^((?:1[89]|20)\d\d)\b"),
        "later": re.compile(rf"\b([^\W\d_]+|\d+)\s+(?:{unit_words})\s+(?:{later})\b"),
        "relative": [(re.compile(rf"\b{re.escape(word)}\b"), lo) for word, (lo, _hi) in cal["relative"].items()],
        "word": re.compile(r"\b[^\W\d_]+"),
        "weekdays": tuple(cal["weekdays"]),
        "last": re.compile(r"\b(?:last|afgelopen)\s*$"),
    }


def find_times(text: str, offset: int = 0) -> list[TimeExpr]:
    found = _times(text)
    if not offset:
        return list(found)
    return [replace(t, start=t.start + offset, end=t.end + offset) for t in found]


@lru_cache(maxsize=256)
def _times(text: str) -> tuple[TimeExpr, ...]:
    """`find_times` at offset 0. Cached because a sentence's times are asked for again right after
    (by `figures`, for the same sentence); only the latest sentences are asked again."""
    cal, pat = _calendar(), _patterns()
    low = text.lower()
    found: list[TimeExpr] = []

    def add(start: int, end: int, kind: str, **kw) -> None:
        if any(start < e.end and e.start < end for e in found):
            return
        found.append(TimeExpr(start, end, text[start:end], kind, **kw))

    for pattern in pat["explicit"]:
        for m in pattern.finditer(low):
            value = parse_explicit(text[m.start():m.end()])
            if value:
                add(m.start(), m.end(), "absolute", value=value)
    for pattern, back in pat["this_year"]:
        for m in pattern.finditer(low):
            add(m.start(), m.end(), "this_year", month=cal["months"][m.group(1)], days=back)
    for m in pat["year"].finditer(low):
        add(m.start(1), m.end(1), "absolute", value=m.group(1))
    for m in pat["line_year"].finditer(low):  # a line or list item that starts with its year
        add(m.start(), m.end(), "absolute", value=m.group(1))
    for m in pat["later"].finditer(low):
        word = m.group(1)
        n = int(word) if word.isdigit() else (word_value(word, "nl") or word_value(word, "en")
                                              or (1 if word in ("een", "a", "één") else None))
        if n:
            add(m.start(), m.end(), "later", days=n)
    for pattern, lo in pat["relative"]:
        for m in pattern.finditer(low):
            add(m.start(), m.end(), "days", days=lo)
    weekdays = pat["weekdays"]
    for m in pat["word"].finditer(low):
        if not m.group().startswith(weekdays):
            continue
        name = next(n for n in weekdays if m.group().startswith(n))
        if len(m.group()) > len(name) + 7:  # "maandagochtend", not a longer compound
            continue
        day = cal["weekdays"][name]
        before = low[max(0, m.start() - 14):m.start()]
        is_last_week = any(before.rstrip().endswith(w) for w in cal["last_week"])
        strictly = bool(pat["last"].search(before))
        add(m.start(), m.end(), "weekday", weekday=day, last_week=is_last_week, strictly_before=strictly)
    return tuple(sorted(found, key=lambda e: e.start))


def _day(expr: TimeExpr, ref: date) -> date:
    if expr.kind == "days":
        return ref + timedelta(days=expr.days)
    if expr.last_week:
        return ref - timedelta(days=ref.weekday() + 7) + timedelta(days=expr.weekday)
    back = (ref.weekday() - expr.weekday) % 7
    if back == 0 and expr.strictly_before:
        back = 7
    return ref - timedelta(days=back)


def resolve(expr: TimeExpr, reference: DateValue | None, previous: str | None = None) -> str | None:
    """The ISO prefix `expr` stands for, given the document's publication date and the last date the
    text gave before it. Relative days resolve to the day when the publication day is known (or the
    range the text narrows it to gives one answer), else to the month."""
    if expr.kind == "absolute":
        return expr.value
    if expr.kind == "later":
        if not previous:
            return None
        return f"{int(previous[:4]) + expr.days:04d}{previous[4:]}"
    if reference is None:
        return None
    if expr.kind == "this_year":
        return f"{int(reference.value[:4]) - expr.days:04d}-{expr.month:02d}"
    ends = [reference.earliest, reference.latest] if reference.earliest and reference.latest else (
        [reference.value] * 2 if len(reference.value) == 10 else None)
    if ends is None:
        return reference.value[:7] if len(reference.value) >= 7 else None
    days = {_day(expr, date.fromisoformat(e)) for e in ends}
    if len(days) == 1:
        return days.pop().isoformat()
    months = {d.isoformat()[:7] for d in days}
    return months.pop() if len(months) == 1 else None


def last_explicit(times: list[TimeExpr], previous: str | None) -> str | None:
    """The last explicit date among `times`, else `previous`: what "een jaar later" counts from."""
    for t in times:
        if t.kind == "absolute" and t.value:
            previous = t.value
    return previous


def compatible(a: str | None, b: str | None) -> bool:
    """Two ISO prefixes can describe the same day: one is a prefix of the other (or one is unknown)."""
    return not a or not b or a.startswith(b) or b.startswith(a)

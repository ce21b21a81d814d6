"""Dates, for every stage: the header or dateline that dates a document, the time expressions in its
sentences, and their resolution against the document's publication date.

Two steps, so that a sentence is read once whatever its document's publication date turns out to be:
`find_times` finds the expressions and keeps the relative ones symbolic; `resolve_value` (or `resolve`,
for the ISO prefix alone) reads one against the publication date and the last date the text gave.
`find_dates` does both for a span of text and returns `DateValue`s with their evidence.

What is read, and by whom:
- written dates ("3 Oct. 2021", "12 maart", "March 2020", "2024-03-12") are found by kroniek's patterns
  over the month names of `data/lexicon/months.yaml` and read by dateparser, which says how precise
  they are ("september 2022" stays "2022-09") and which year a date without one falls in
  (RELATIVE_BASE = the publication day, PREFER_DATES_FROM past);
- kroniek's own rules, with their words from `data/lexicon/{nl,en}.yaml`, read what dateparser reads
  otherwise or not at all: a weekday is the last such day on or before publication (dateparser takes
  the week before when publication falls on that day), "vorige week donderdag", "gisteren",
  "twee dagen geleden" (Dutch number words), "juni dit jaar", "een jaar later" (from the last date the
  text gave), a year only after a time word ("in 2015", never "2000 strijders"), decades;
- dateparser's `search_dates` finds the rest ("last month", "eerder deze maand", "in mei"). Only its
  spans are kept at this step, the spans do not depend on the base date; each is read again with
  RELATIVE_BASE = the publication day when it is resolved. A hit counts only with a month name or a
  calendar unit in it: `search_dates` also takes "2000" in "2000 strijders" or "may" the verb for dates.

Ranges. `DateValue.value` is always an ISO prefix whose length is its precision; when an expression
stands for a range of days the value does not say exactly, `earliest`/`latest` give the days. The
value is then the ISO prefix all those days share, as in `resolve.docdates` (a publication week in one
month is that month plus its days). A decade shares no prefix ("199" is no ISO prefix): its value is its
first year, its range the ten years ("in de jaren negentig" = "1990", 1990-01-01 .. 1999-12-31). Where
only the value is kept (an event report's date) the decade reads as its first year.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from text_to_num import text2num

from .data import LANGUAGES, load_yaml
from .model import DateValue, Span

PRECISION = {"day": 10, "month": 7, "year": 4}
ISO_PREFIX = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class TimeExpr:
    """A time expression at [start, end) of the text it was found in, resolved or still symbolic."""

    start: int
    end: int
    text: str
    kind: str  # absolute | parsed | days | weekday | this_year | later | ago | decade | search
    value: str | None = None  # ISO prefix of an absolute date; a decade's first year when written in full
    offset: tuple[int, int] = (0, 0)  # days: the days from publication it may stand for (first, last)
    count: int = 0  # ago, later: how many units; this_year: years back; decade: its two digits ("jaren 90")
    unit: str | None = None  # ago: day | week | month | year
    weekday: int | None = None  # 0 = Monday; for a parsed date, the weekday written before it
    last_week: bool = False  # "vorige week donderdag": the named day of the week before publication's
    strictly_before: bool = False  # "last Monday": never the publication day itself
    month: int | None = None  # this_year: "juni dit jaar"
    day: int | None = None  # this_year: "26 oktober vorig jaar"


# -- knowledge -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """Every language's date words merged: articles quote across languages. A language whose files
    lack some of them contributes none of those."""
    months = load_yaml("lexicon/months.yaml")
    number: dict[str, int] = {}
    for code in LANGUAGES:
        full = [m.lower() for m in months.get(code, [])]
        number.update({name: i + 1 for i, name in enumerate(full)})
        for i, abbr in enumerate(a.lower() for a in months.get(f"{code}_abbr", [])):
            # an abbreviation is numbered by the name it shortens ("sept" beside "sep"), else by its place ("mrt")
            number.setdefault(abbr, next((j + 1 for j, name in enumerate(full) if name.startswith(abbr)), i + 1))
    lists = ("last_week", "last_weekday", "year_prepositions", "year_articles", "this_year", "last_year",
             "years_later", "year_words", "ago", "one")
    merged: dict = {key: [] for key in lists}
    merged.update({"months": number, "written_months": sorted({m for forms in months.values() for m in forms}),
                   "relative": {}, "weekdays": {}, "units": {}, "decades": {}, "decade_forms": []})
    for code in LANGUAGES:
        lex = load_yaml(f"lexicon/{code}.yaml")
        for key in lists:
            merged[key] += [w.lower() for w in lex.get(key, [])]
        merged["relative"].update({k.lower(): tuple(v) for k, v in lex.get("relative_days", {}).items()})
        merged["weekdays"].update({d.lower(): i for i, d in enumerate(lex.get("weekdays", []))})
        merged["units"].update({w.lower(): unit for unit, words in lex.get("date_units", {}).items() for w in words})
        merged["decades"].update({w.lower(): n for w, n in lex.get("decades", {}).items()})
        if lex.get("decade_prefix"):
            merged["decade_forms"].append((lex["decade_prefix"], lex.get("decade_digits", [])))
    return merged


def _digit_form(form: str) -> str:
    """A decade's two-digit form from a lexicon ("'{d}0s") as a regex capturing the decade's digit."""
    return r"(\d)".join(re.escape(part) for part in form.split("{d}"))


def _alt(words) -> str:
    """A regex alternation of `words`, longest first so that "sept" wins over "sep"; no words match nothing."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=1)
def _patterns() -> dict:
    """The expressions `find_times` looks for, compiled once rather than for every sentence."""
    lex = _lexicon()
    months = _alt(lex["months"])
    # Without a year, "10 may" could be a count and a verb: a month counts only as written in the data file
    # (Dutch lower case, English capitalised), capitalised or in capitals.
    written = _alt({f for m in lex["written_months"] for f in (m, m.capitalize(), m.upper())})
    count = r"\d+|[^\W\d_]+"
    return {
        # lower-cased text; dateparser reads each match
        "explicit": [re.compile(p) for p in (rf"(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{months})\b\.?\s+\d{{4}}(?!\d)",
                                             rf"\b(?:{months})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)",
                                             rf"\b(?:{months})\b\.?\s+\d{{4}}(?!\d)",
                                             r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")],
        # original text: a day and a month without a year, resolved against publication
        "day_month": re.compile(rf"(?<![\d.,])\d{{1,2}}\.?\s+(?:{written})\b\.?(?!\s*\d)"),
        # English order, "the February 14 attack", "on March 3rd"; "In March 12 fishermen ..." counts them
        "month_day": re.compile(rf"(?<![Ii]n\s)\b(?:{_alt(m for m in lex['written_months'] if m[0].isupper())})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s*\d)"),
        "this_year": [(re.compile(rf"(?:(?<![\d.,])(\d{{1,2}})\.?\s+)?\b({months})\s+(?:{_alt(lex[key])})\b"), back)
                      for key, back in (("this_year", 0), ("last_year", 1))],
        "year": re.compile(rf"\b(?:{_alt(lex['year_prepositions'])})\s+(?:(?:{_alt(lex['year_articles'])})\s+)?"
                           r"((?:1[89]|20)\d\d)(?![\d.,]?\d)(?!'?s\b)(?!-[^\W\d_])"),  # not "a 2000-strong force"
        "line_year": re.compile(r"^((?:1[89]|20)\d\d)\b(?!'?s\b)"),
        # "the 2015 Paris attacks", "de 2008 Mumbai-aanslagen": a year an article sets before a name
        "name_year": re.compile(rf"\b(?:{_alt(lex['year_articles'])})\s+((?:1[89]|20)\d\d)\s+(?=\S)"),
        "later": re.compile(rf"\b({count})\s+(?:{_alt(lex['year_words'])})\s+(?:{_alt(lex['years_later'])})\b"),
        "ago": re.compile(rf"\b({count})\s+({_alt(lex['units'])})\s+(?:{_alt(lex['ago'])})\b"),
        "decade_full": re.compile(r"\b((?:1[0-9]|20)\d0)'?s\b"),
        # "jaren 90", "the '90s", "the nineties", each language's two-digit forms from its lexicon
        "decade_short": [re.compile(rf"\b(?:{_alt(prefixes)})\s+(?:(?:{'|'.join(map(_digit_form, forms)) or '(?!)'})\b|"
                                    rf"({_alt(lex['decades'])})\b)") for prefixes, forms in lex["decade_forms"]],
        "relative": [(re.compile(rf"\b{re.escape(word)}\b"), span) for word, span in lex["relative"].items()],
        "word": re.compile(r"\b[^\W\d_]+"),
        "weekdays": tuple(lex["weekdays"]),
        "last_week": re.compile(rf"\b(?:{_alt(lex['last_week'])})\s*$"),
        "last_weekday": re.compile(rf"\b(?:{_alt(lex['last_weekday'])})\s*$"),
        "search_words": re.compile(rf"\b(?:{months}|{_alt(lex['units'])})\b"),
        "bare_month": re.compile(rf"^(?:{months})\.?$"),
        "any_month": re.compile(rf"\b(?:{months})\b"),
        "written_month": re.compile(rf"\b(?:{written})\b"),
        "duration": re.compile(rf"(?:^|\s)({count})[\s-]+(?:{_alt(lex['units'])})$"),
        "month_then_number": re.compile(rf"^(?:{months})\.?\s+\d{{1,2}}$"),
        "before_month": re.compile(rf"\b(?:{_alt(lex['year_prepositions'])})\s*$"),
    }


def _count(word: str) -> int | None:
    """A count written as digits or as a number word of either language ("twee", "three", "een")."""
    low = word.lower()
    if low.isdigit():
        return int(low)
    if low in _lexicon()["one"]:
        return 1
    for code in LANGUAGES:
        try:
            return int(text2num(low, code))
        except (ValueError, KeyError, IndexError):
            continue
    return None


# -- dateparser ------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
@lru_cache(maxsize=64)
def _parser(base: date | None, languages: tuple[str, ...] = LANGUAGES):
    """One parser per base and language order: building one loads and compiles its locales again."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=list(languages), settings=settings)


@lru_cache(maxsize=8192)
def _read(text: str, base: date | None, languages: tuple[str, ...] = LANGUAGES) -> tuple[date, str] | None:
    """(day, period) dateparser reads in `text` against `base`; period is day, week, month or year.

    Cached: dateparser is the slowest step of reading a sentence, and news repeats its dates."""
    try:
        data = _parser(base, languages).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data is None or data.date_obj is None or data.period == "time":
        return None
    return data.date_obj.date(), data.period or "day"


# Two bases far apart: a written date that reads the same against both does not depend on publication.
_PROBES = (date(2001, 6, 15), date(2013, 2, 15))


def _absolute(text: str) -> str | None:
    """The ISO prefix of `text` when it is a date whatever the publication date, else None."""
    first, second = (_read(text, b) for b in _PROBES)
    if first is None or first != second:
        return None
    day, period = first
    return day.isoformat()[:PRECISION.get(period, 10)]


def parse_explicit(text: str) -> str | None:
    """An explicit date as an ISO prefix as precise as the text: "26 augustus 2021" -> "2021-08-26"."""
    return _absolute(text)


def parse_date(text: str, language: str | None = None) -> str | None:
    """A header or dateline date read to the day ("26 maart 2024", "August 26, 2021"), else None.

    The document's language is tried first: dateparser takes the first language whose words fit."""
    order = (language,) + tuple(x for x in LANGUAGES if x != language) if language in LANGUAGES else LANGUAGES
    read = _read(text, _PROBES[0], order)
    if read is None or read[1] != "day" or read != _read(text, _PROBES[1], order):
        return None
    return read[0].isoformat()


def iso_prefix(value: object) -> str | None:
    """A metadata date ("2021-08-27T10:00:00Z", "2021-08") as an ISO prefix, or None."""
    if value is None:
        return None
    m = ISO_PREFIX.match(str(value))
    return "-".join(g for g in m.groups() if g) if m else None


# -- finding ---------------------------------------------------------------------------------------

def _lower(text: str) -> str:
    """`text` in lower case, letter for letter: "İ".lower() is two characters, and offsets found in the
    lower-case text must hold in the text itself."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def find_times(text: str, offset: int = 0, search: bool = True) -> list[TimeExpr]:
    """Time expressions in `text`, in text order, offsets shifted by `offset`. `search=False` leaves out
    dateparser's search (the slow part), for callers that only want written dates."""
    found = _times(text, search)
    if not offset:
        return list(found)
    return [replace(t, start=t.start + offset, end=t.end + offset) for t in found]


@lru_cache(maxsize=256)
def _times(text: str, search: bool = True) -> tuple[TimeExpr, ...]:
    """`find_times` at offset 0. Cached because a sentence's times are asked for again right after (by
    the figures and claims readers, for the same sentence); only the latest sentences are asked again."""
    lex, pat = _lexicon(), _patterns()
    low = _lower(text)
    found: list[TimeExpr] = []

    def add(start: int, end: int, kind: str, **kw) -> None:
        # the first reading of a stretch of text wins: the rules come in order of how sure they are
        if start < end and not any(start < e.end and e.start < end for e in found):
            found.append(TimeExpr(start, end, text[start:end], kind, **kw))

    for pattern in pat["explicit"]:
        for m in pattern.finditer(low):
            if value := _absolute(text[m.start():m.end()]):
                add(m.start(), m.end(), "absolute", value=value)
    for pattern, back in pat["this_year"]:
        for m in pattern.finditer(low):
            add(m.start(), m.end(), "this_year", month=lex["months"][m.group(2)], count=back,
                day=int(m.group(1)) if m.group(1) else None)
    for m in (*pat["day_month"].finditer(text), *pat["month_day"].finditer(text)):
        if _read(m.group(), _PROBES[0]):
            add(m.start(), m.end(), "parsed")
    for m in pat["decade_full"].finditer(low):
        add(m.start(), m.end(), "decade", value=m.group(1))
    for pattern in pat["decade_short"]:
        for m in pattern.finditer(low):
            digit = next((g for g in m.groups()[:-1] if g), None)
            add(m.start(), m.end(), "decade", count=int(digit) * 10 if digit else lex["decades"][m.groups()[-1]])
    for m in pat["year"].finditer(low):
        add(m.start(1), m.end(1), "absolute", value=m.group(1))
    for m in pat["line_year"].finditer(low):  # a line or list item that starts with its year
        add(m.start(), m.end(), "absolute", value=m.group(1))
    for m in pat["name_year"].finditer(low):
        if text[m.end()].isupper():  # a count of a named thing has its thousands marked ("the 2,000 Wagner men")
            add(m.start(1), m.end(1), "absolute", value=m.group(1))
    for m in pat["later"].finditer(low):
        if n := _count(m.group(1)):
            add(m.start(), m.end(), "later", count=n)
    for m in pat["ago"].finditer(low):
        if n := _count(m.group(1)):
            add(m.start(), m.end(), "ago", count=n, unit=lex["units"][m.group(2)])
    for pattern, span in pat["relative"]:
        for m in pattern.finditer(low):
            add(m.start(), m.end(), "days", offset=span)
    for m in pat["word"].finditer(low):
        _weekday(m, low, add)
    # dateparser's search is slow, and a hit that overlaps a rule's reading is dropped: it runs only
    # where a month or unit word stands outside every expression the rules read
    if search and any(not any(e.start <= m.start() < e.end for e in found)
                      for m in pat["search_words"].finditer(low)):
        for start, end in _searched(text):
            add(start, end, "search")
    return tuple(_dated_weekdays(text, sorted(found, key=lambda e: e.start)))


def _dated_weekdays(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """"zaterdag 14 oktober", "Saturday, October 14": one date; the weekday tells the year where the text
    does not (`resolve_value`)."""
    out: list[TimeExpr] = []
    for t in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "weekday" and not prev.last_week and not prev.strictly_before
                and t.kind in ("absolute", "parsed", "this_year") and not text[prev.end:t.start].strip(" ,")):
            out[-1] = replace(t, start=prev.start, text=text[prev.start:t.end], weekday=prev.weekday)
        else:
            out.append(t)
    return out


def _weekday(m: re.Match, low: str, add) -> None:
    pat, weekdays = _patterns(), _lexicon()["weekdays"]
    name = next((n for n in pat["weekdays"] if m.group().startswith(n)), None)
    if name is None or len(m.group()) > len(name) + 7:  # "maandagochtend", not a longer compound
        return
    before = low[max(0, m.start() - 20):m.start()]
    start, kw = m.start(), {}
    if cue := pat["last_week"].search(before):
        start, kw = m.start() - len(before) + cue.start(), {"last_week": True}
    elif cue := pat["last_weekday"].search(before):
        start, kw = m.start() - len(before) + cue.start(), {"strictly_before": True}
    add(start, m.end(), "weekday", weekday=weekdays[name], **kw)


@lru_cache(maxsize=256)
def _searched(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of `text` that dateparser's search reads as dates and that name a month or a calendar unit."""
    from dateparser.search import search_dates

    if not _patterns()["search_words"].search(text.lower()):
        return ()  # every hit must name a month or a unit: without one, dateparser's slow search finds nothing kept
    try:
        hits = search_dates(text, languages=list(LANGUAGES), settings={"PREFER_DATES_FROM": "past"}) or []
    except (ValueError, OverflowError):
        return ()
    pat, out, cursor = _patterns(), [], 0
    for hit, _ in hits:
        at = text.find(hit, cursor)
        if at < 0:
            continue
        cursor = at + len(hit)
        if _read(hit, _PROBES[0]) is None:
            continue  # search and parser disagree: nothing to trim against
        start, end = _trim(text, at, at + len(hit))
        core = text[start:end].lower()
        if not pat["search_words"].search(core) or pat["month_then_number"].match(core):
            continue  # "2000 strijders"; "March 12 people", where the number counts
        if pat["any_month"].search(core) and not pat["written_month"].search(text[start:end]):
            continue  # "10 may have died": a month is written as in the data file or capitalised
        if (m := pat["duration"].search(core)) and _count(m.group(1)) is not None:
            continue  # "al 3 jaar actief", "a three-year period" are durations; "3 jaar geleden" is read by the rules
        if pat["bare_month"].match(core) and not pat["before_month"].search(text[:start].lower()):
            continue  # "may" the verb: a month alone counts only after a time word ("in mei", "since May")
        out.append((start, end))
    return tuple(out)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The hit without the words at its edges that do not change its reading: "two days ago in the"."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    reading = _read(text[start:end], _PROBES[0])
    while len(words) > 1 and _read(text[words[0][0]:words[-2][1]], _PROBES[0]) == reading:
        words.pop()
    while len(words) > 1 and _read(text[words[1][0]:words[-1][1]], _PROBES[0]) == reading:
        words.pop(0)
    return words[0][0], words[-1][1]


# -- resolving -------------------------------------------------------------------------------------

def _month_back(day: date, months: int) -> tuple[int, int]:
    n = day.year * 12 + day.month - 1 - months
    return n // 12, n % 12 + 1


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _range_of(value: str) -> tuple[date, date]:
    """The days an ISO prefix stands for."""
    if len(value) >= 10:
        day = date.fromisoformat(value[:10])
        return day, day
    if len(value) >= 7:
        return _month_range(int(value[:4]), int(value[5:7]))
    return _year_range(int(value[:4]))


def _at(expr: TimeExpr, ref: date) -> tuple[date, date] | None:
    """The days `expr` stands for when the document was published on `ref`."""
    if expr.kind == "days":
        # "vannacht" (the night before publication, [-1, 0]) is dated to the day it began: an event is
        # told as of the evening it happened
        day = ref + timedelta(days=expr.offset[0])
        return day, day
    if expr.kind == "weekday":
        if expr.last_week:
            day = ref - timedelta(days=ref.weekday() + 7) + timedelta(days=expr.weekday)
        else:
            back = (ref.weekday() - expr.weekday) % 7
            day = ref - timedelta(days=7 if back == 0 and expr.strictly_before else back)
        return day, day
    if expr.kind == "ago":
        if expr.unit in ("day", "week"):
            day = ref - timedelta(days=expr.count * (7 if expr.unit == "week" else 1))
            return day, day
        if expr.unit == "month":
            return _month_range(*_month_back(ref, expr.count))
        return _year_range(ref.year - expr.count)
    if expr.kind in ("parsed", "search"):
        read = _read(expr.text, ref)
        if read is None:
            return None
        day, period = read
        if day > ref:
            return None  # dateparser's future reading of a past-tense report ("morgen" is also "morning")
        if period == "week":
            monday = day - timedelta(days=day.weekday())
            return monday, monday + timedelta(days=6)
        if period == "month":
            return _month_range(day.year, day.month)
        if period == "year":
            return _year_range(day.year)
        return day, day
    return None


def _shared(first: date, last: date) -> str | None:
    """The ISO prefix every day from `first` to `last` shares: the day, the month or the year."""
    a, b = first.isoformat(), last.isoformat()
    return next((a[:n] for n in (10, 7, 4) if a[:n] == b[:n]), None)


def _value(first: date, last: date, source: str, coarsest: int = 7, decade: bool = False) -> DateValue | None:
    """A DateValue for the days `first`..`last`; None when they share less than `coarsest` characters
    (a "yesterday" whose publication may lie in either of two months is no date)."""
    value = _shared(first, last)
    if value is None and decade:
        value = first.isoformat()[:4]
    if value is None or (len(value) < coarsest and not decade):
        return None
    if (first, last) == _range_of(value):
        return DateValue(value, source)
    return DateValue(value, source, None, first.isoformat(), last.isoformat())


def _ends(reference: DateValue, widen: bool) -> list[date] | None:
    """The first and last day the publication may be: the range the text narrowed it to, its day, or (when
    `widen`) every day its month or year stands for."""
    if reference.earliest and reference.latest:
        return [date.fromisoformat(reference.earliest), date.fromisoformat(reference.latest)]
    if len(reference.value) == 10:
        return [date.fromisoformat(reference.value)] * 2
    return list(_range_of(reference.value)) if widen else None


def resolve_value(expr: TimeExpr, reference: DateValue | None, previous: str | None = None,
                  source: str = "content") -> DateValue | None:
    """The date `expr` stands for, given the document's publication date and the last date the text gave
    before it (what "een jaar later" counts from). Relative days resolve to the day when the publication
    day is known (or the range the text narrows it to gives one answer), else to the publication month.
    None for a date outside the calendar ("2021 years ago")."""
    try:
        return _resolve_value(expr, reference, previous, source)
    except (ValueError, OverflowError):
        return None


def _resolve_value(expr: TimeExpr, reference: DateValue | None, previous: str | None, source: str) -> DateValue | None:
    if expr.kind == "absolute":
        return DateValue(expr.value, source) if expr.value else None
    if expr.kind == "decade" and expr.value:
        first = int(expr.value)
        return _value(date(first, 1, 1), date(first + 9, 12, 31), source, decade=True)
    if expr.kind == "later":
        if not previous:
            return None
        return DateValue(f"{int(previous[:4]) + expr.count:04d}{previous[4:]}", source)
    if reference is None or iso_prefix(reference.value) is None:
        return None
    year = int(reference.value[:4])
    if expr.kind == "this_year":
        month = f"{year - expr.count:04d}-{expr.month:02d}"
        if expr.day is None:
            return DateValue(month, source)
        try:
            return DateValue(date.fromisoformat(f"{month}-{expr.day:02d}").isoformat(), source)
        except ValueError:  # "31 juni dit jaar"
            return DateValue(month, source)
    if expr.kind == "decade":  # the latest such decade that began by publication: "jaren twintig" in 2024 is the 2020s
        first = year - (year - expr.count) % 100
        return _value(date(first, 1, 1), date(first + 9, 12, 31), source, decade=True)
    coarse_unit = expr.kind == "ago" and expr.unit in ("month", "year")
    try:
        ends = _ends(reference, widen=expr.kind in ("parsed", "search") or coarse_unit)
    except ValueError:  # a header that names no real day ("2021-02-30")
        return None
    if ends is None:
        # a day near publication in a document dated to its month: most likely that month
        return DateValue(reference.value[:7], source) if len(reference.value) >= 7 else None
    spans = [_at(expr, e) for e in ends]
    if expr.kind == "parsed" and expr.weekday is not None:
        # "maandag 18 maart" in an article of March 2019: 18 March 2018 was a Sunday, so it is 2019
        spans = [s for s in spans if s is not None and s[0].weekday() == expr.weekday] or [None]
    if any(s is None for s in spans):
        return None
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    # an expression that is itself a year ("last year", "twee jaar geleden") may resolve to a year; a nearer
    # one that the publication range leaves in either of two months resolves to nothing
    own_year = (spans[0][1] - spans[0][0]).days >= 364
    return _value(first, last, source, coarsest=4 if own_year else 7)


def resolve(expr: TimeExpr, reference: DateValue | None, previous: str | None = None) -> str | None:
    """The ISO prefix `expr` stands for (see `resolve_value`)."""
    found = resolve_value(expr, reference, previous)
    return found.value if found else None


def last_explicit(times: list[TimeExpr], previous: str | None) -> str | None:
    """The last explicit date among `times`, else `previous`: what "een jaar later" counts from."""
    for t in times:
        if t.kind == "absolute" and t.value:
            previous = t.value
    return previous


def find_dates(text: str, published: DateValue | str | None = None, previous: str | None = None,
               doc: str = "", offset: int = 0, source: str = "content") -> list[DateValue]:
    """Every date in `text` that can be resolved, in text order, each with its evidence span.

    Args:
        text: the span of text to read.
        published: the document's publication date (a DateValue, or an ISO prefix).
        previous: the last date the text gave before `text`, for "een jaar later".
        doc, offset: the document the text is from and where in it the text starts, for the evidence.
        source: the `DateValue.source` to give the dates.
    """
    if isinstance(published, str):
        published = DateValue(published, "header") if iso_prefix(published) else None
    out = []
    for t in find_times(text, offset):
        found = resolve_value(t, published, previous, source)
        previous = last_explicit([t], previous)
        if found is not None:
            out.append(replace(found, evidence=Span(doc, t.start, t.end)))
    return out


def compatible(a: str | None, b: str | None) -> bool:
    """Two ISO prefixes can describe the same day: one is a prefix of the other (or one is unknown)."""
    return not a or not b or a.startswith(b) or b.startswith(a)


# -- what resolve.docdates asks ---------------------------------------------------------------------

def calendar_dates(text: str) -> list[str]:
    """Dates written in `text` whatever its publication date: the full days if any, else months, else years."""
    # dateparser's search adds no written date: its hits come after every rule's (first reading wins)
    written = [t.value for t in find_times(text, search=False) if t.kind == "absolute" and t.value]
    for n in (10, 7, 4):
        if found := [v for v in written if len(v) == n]:
            return found
    return []


def relative_day(text: str) -> tuple[tuple[int, int], int | None] | None:
    """Days from publication (first, last) and the weekday named, for the first relative day in `text`:
    a day word ("gisteren", "twee dagen geleden") before a weekday, as the first is exact."""
    times = find_times(text, search=False)
    for t in times:
        if t.kind == "days":
            return t.offset, None
        if t.kind == "ago" and t.unit == "day":
            return (-t.count, -t.count), None
    for t in times:
        if t.kind == "weekday":
            # narrowed by the weekday once the event's date is known
            return ((-13, -1) if t.last_week else (-7, -1)), t.weekday
    return None


def easter(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar (the anonymous algorithm of 1876, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


@lru_cache(maxsize=1)
def _holidays() -> tuple[tuple[re.Pattern, str], ...]:
    """Every language's feast-day names (`holidays` in `data/lexicon/{lang}.yaml`) with the day each names."""
    found: dict[str, str] = {}
    for code in LANGUAGES:
        found.update({k.lower(): str(v) for k, v in load_yaml(f"lexicon/{code}.yaml").get("holidays", {}).items()})
    return tuple((re.compile(rf"\b{re.escape(name)}\b"), rule)
                 for name, rule in sorted(found.items(), key=lambda kv: -len(kv[0])))


def holiday_dates(text: str, year: int) -> list[str]:
    """The days the feast days named in `text` fall on in `year` ("Eerste Paasdag" and 2019: "2019-04-21").
    The year is the caller's: a feast day is written without one, its document's own date gives it."""
    low, out = _lower(text), []
    for pattern, rule in _holidays():
        if not pattern.search(low):
            continue
        if rule.startswith("easter"):
            day = easter(year) + timedelta(days=int(rule[len("easter"):] or 0))
        else:
            day = date(year, *map(int, rule.split("-")))
        if day.isoformat() not in out:
            out.append(day.isoformat())
    return out


# -- what ingest asks -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _url_patterns() -> tuple[tuple[re.Pattern, int], ...]:
    """Dates as publishers write them in article paths, most precise first: "/2024/09/20/", "/2019/feb/14/",
    "-2025-03-12", "/20190121-", "/abc20230813_", "-Nov2020"; the number is the ISO prefix length each one gives."""
    month = rf"(\d{{1,2}}|{_alt(_lexicon()['months'])})"
    year = r"((?:19|20)\d\d)"
    return ((re.compile(rf"(?<![\da-z]){year}[/_.-]{month}[/_.-](\d{{1,2}})(?!\d)"), 10),
            # eight digits may follow letters ("dmf20230813"): ids that are no real day fail the calendar below
            (re.compile(rf"(?<!\d){year}(\d\d)(\d\d)(?!\d)"), 10),
            (re.compile(rf"(?<![\da-z]){year}/{month}(?:/|$)"), 7),
            (re.compile(rf"(?<![a-z]){month}[_-]?{year}(?!\d)"), 7))


def url_date(url: str | None) -> str | None:
    """The publication date an article's address gives ("https://example.org/news/2021/03/29/slug" ->
    "2021-03-29"), as an ISO prefix, else None. Only the path is read: a host name holds no date."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.IGNORECASE).lower()
    months = _lexicon()["months"]
    for pattern, length in _url_patterns():
        for m in pattern.finditer(path):
            groups = m.groups()
            if length == 7 and not groups[0].isdigit():  # "nov2020": the month comes first
                groups = (groups[1], groups[0])
            year, month = int(groups[0]), groups[1]
            month_no = int(month) if month.isdigit() else months.get(month)
            try:
                day = date(year, month_no or 0, int(groups[2]) if length == 10 else 1)
            except (ValueError, TypeError):
                continue  # "/2019/15/..." is an id, not a date
            return day.isoformat()[:length]
    return None


def url_day_in_month(url: str | None, month: str) -> str | None:
    """The day of `month` ("2024-12") that a short date in the address gives: six digits "yymmdd" at the
    start of a run of digits ("/abc24122503641" -> "2024-12-25"), as ids of some publishers begin. Six
    digits alone could be any number: only the year and month the caller already knows make them a date."""
    if not url or len(month) != 7:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.IGNORECASE)
    for m in re.finditer(rf"(?<!\d){month[2:4]}{month[5:7]}(\d\d)", path):
        try:
            return date(int(month[:4]), int(month[5:7]), int(m.group(1))).isoformat()
        except ValueError:
            continue
    return None


def relative_time(text: str) -> TimeExpr | None:
    """The first relative day in `text` that `relative_day` reads, as the expression itself, so that
    `day_of` can read it against any publication day (a day word before a weekday, as it is exact)."""
    times = find_times(text, search=False)
    return (next((t for t in times if t.kind == "days" or (t.kind == "ago" and t.unit == "day")), None)
            or next((t for t in times if t.kind == "weekday"), None))


def yearless_day(text: str) -> TimeExpr | None:
    """The first day written without its year in `text` ("the February 14 attack", "op 14 februari"):
    the publication day that `day_of` reads it against gives the year."""
    return next((t for t in find_times(text, search=False) if t.kind == "parsed"), None)


def day_of(expr: TimeExpr, published: date) -> date | None:
    """The day `expr` stands for in a text published on `published`, when it stands for one day."""
    try:
        span = _at(expr, published)
    except (ValueError, OverflowError):
        return None
    return span[0] if span is not None and span[0] == span[1] else None


def publication_days(expr: TimeExpr, day: date, within: int = 14) -> list[date]:
    """The publication days on which `expr` stands for `day` ("gisteren" and 4 March: 5 March; "maandag"
    and Monday 4 March: 4 to 10 March), looking up to `within` days after it."""
    if expr.kind == "parsed":
        # a day without its year is `day` from that day on: read once, not by dateparser for every day
        read = _read(expr.text, _PROBES[0])
        if (read is None or (read[0].month, read[0].day) != (day.month, day.day)
                or (expr.weekday is not None and day.weekday() != expr.weekday)):
            return []
        return [day + timedelta(days=k) for k in range(within + 1)]
    # the days after `day` that read it so, counted rather than read one by one (corpus dating asks this
    # for every pair of a relative and a dated report at one place)
    if expr.kind == "days":
        after = [-expr.offset[0]]
    elif expr.kind == "ago" and expr.unit in ("day", "week"):
        after = [expr.count * (7 if expr.unit == "week" else 1)]
    elif expr.kind == "weekday" and expr.weekday is not None:
        if day.weekday() != expr.weekday:
            return []
        # "vorige week maandag": every day of the next week, Monday to Sunday; "last Monday": the seven days
        # after it; "maandag": that day and the six after it
        first = 7 - day.weekday() if expr.last_week else (1 if expr.strictly_before else 0)
        after = list(range(first, first + 7))
    else:
        return [ref for k in range(-1, within + 1) if day_of(expr, ref := day + timedelta(days=k)) == day]
    return [day + timedelta(days=k) for k in after if -1 <= k <= within]

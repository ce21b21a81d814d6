"""Ingest stage: a document's title, language and the dates its own text and header give.

The publication date is decided from what one document shows (a dateline beats a metadata field or
the date in the article's address, which beat the `date` header line, which beats the day of a post
the article embeds). Dates that only the corpus as a whole can settle (an article
that calls a dated attack "yesterday") are the `resolve.docdates` stage's work.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .. import dates
from ..lang import detect_language
from ..model import DateValue, Document, Span

HEADER_RE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?!\d)")
MAX_TITLE = 160
DATELINE_PLACE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:\([A-Za-z]+\))?,\s*$")  # "KABUL, " or "GAO (Reuters), "
TOP_URL = re.compile(r"https?://[^\s<>\"')\]]+")
TOP_LINES = 3
# the signature under an embedded post: "— Name (@handle) October 26, 2022", "- Naam (@naam) 26 oktober 2022"
EMBED_SIGNATURE = re.compile(r"^[ \t]*[\u2014\u2013-]+[ \t]*[^\n]*?\(@[\w.@-]+\)[ \t]*([^\n]+?)[ \t]*$", re.MULTILINE)


def parse_date(text: str, language: str | None) -> str | None:
    """An ISO day from a written date ("26 maart 2024", "August 26, 2021"): `kroniek.dates.parse_date`."""
    return dates.parse_date(text, language)


def find_dateline(doc: Document, language: str | None, head: int = 600) -> DateValue | None:
    """A date standing at the start of a line (or alone on a short line) near the top of the text.

    `language` is no longer needed: `kroniek.dates` reads every language's month names."""
    window = doc.text[:head]
    for t in dates.find_times(window, search=False):  # a dateline is a written day
        if t.kind != "absolute" or not t.value or len(t.value) != 10:
            continue
        line_start = window.rfind("\n", 0, t.start) + 1
        line_end = window.find("\n", t.end)
        line = window[line_start:(line_end if line_end >= 0 else len(window))]
        prefix = window[line_start:t.start]
        if prefix.strip() and len(line.strip()) > 45 and not DATELINE_PLACE.match(prefix):
            continue  # "Gao, 3 mei 2022" or "OUAGADOUGOU, March 14, 2023 -" but not a date inside prose
        if EMBED_SIGNATURE.match(line):
            continue  # the day of a post the article embeds, not the article's (`embed_date`)
        return DateValue(t.value, "dateline", Span(doc.id, t.start, t.end))
    return _numeric_stamp(doc, window)


# "12-03-2024, 14:05", "12.03.2024", "Laatste update: 12/03/24 - 14:05", "03/12/2024 2:05 PM": a date in
# figures on a short line of its own near the top, the stamp many sites print above an article
NUMERIC_STAMP = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-])")
YEAR_FIRST_STAMP = re.compile(r"(?<![\d./-])((?:19|20)\d\d)([./])(\d{1,2})\2(\d{1,2})(?![\d./-])")  # "2024/03/12"
TWELVE_HOUR = re.compile(r"\d\s*[AaPp]\.?[Mm]\b")
MAX_STAMP_LINE = 45


def _numeric_stamp(doc: Document, window: str) -> DateValue | None:
    """The day of a date written in figures on a short line near the top. Day first, as Europe writes it,
    unless the line keeps time by the twelve-hour clock (American: month first) or only the other order
    is a date."""
    found = sorted([*NUMERIC_STAMP.finditer(window), *YEAR_FIRST_STAMP.finditer(window)], key=lambda m: m.start())
    for m in found:
        line_start = window.rfind("\n", 0, m.start()) + 1
        line_end = window.find("\n", m.end())
        line = window[line_start:(line_end if line_end >= 0 else len(window))]
        if len(line.strip()) > MAX_STAMP_LINE:
            continue
        if m.re is YEAR_FIRST_STAMP:
            year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        else:
            first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
            year += (2000 if year < 70 else 1900) if len(m.group(4)) == 2 else 0
            day, month = (second, first) if TWELVE_HOUR.search(line) or first <= 12 < second else (first, second)
        if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100:
            try:
                value = date(year, month, day).isoformat()
            except ValueError:
                continue
            return DateValue(value, "dateline", Span(doc.id, m.start(), m.end()))
    return None


def address_date(doc: Document, month: str | None = None) -> DateValue | None:
    """The date in the article's address: the one its source gave (`Document.url`), else one written on
    the first lines of the text ("Bron: https://example.org/2021/03/29/..."), where a copied page keeps it.
    With `month`, the month the header gives, an address that writes that month's day in short
    ("...-enn24122503641" under a header of 2024-12) gives the day (`kroniek.dates.url_day_in_month`)."""
    head = "\n".join(HEADER_RE.sub("", doc.text, count=1).lstrip().splitlines()[:TOP_LINES])
    written = [(m.group(), Span(doc.id, *_offsets(doc.text, m.group()))) for m in TOP_URL.finditer(head)]
    addresses = ([(doc.url, None)] if doc.url else []) + written
    for url, span in addresses:
        if found := dates.url_date(url):
            return DateValue(found, "url", span)
    for url, span in addresses if month else ():
        if found := dates.url_day_in_month(url, month):
            return DateValue(found, "url", span)
    return None


def embed_date(doc: Document) -> DateValue | None:
    """The day of the latest post the article embeds, read from the signature line under it. An article
    that embeds a post was written on or after the day it was posted, and a post embedded in a news
    report is that day's news: the day dates the article where nothing surer does."""
    latest: DateValue | None = None
    for m in EMBED_SIGNATURE.finditer(doc.text):
        for t in dates.find_times(m.group(1), m.start(1), search=False):
            if t.kind == "absolute" and t.value and len(t.value) == 10 and (latest is None or t.value > latest.value):
                latest = DateValue(t.value, "embed", Span(doc.id, t.start, t.end))
    return latest


def _offsets(text: str, part: str) -> tuple[int, int]:
    at = text.find(part)
    return at, at + len(part)


def guess_title(text: str) -> str | None:
    body = HEADER_RE.sub("", text, count=1)
    for line in body.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= MAX_TITLE else None
    return None


def normalise_iso(value: object) -> str | None:
    """A metadata date ("2021-08-27T10:00:00Z", "2021-08") as an ISO prefix: `kroniek.dates.iso_prefix`."""
    return dates.iso_prefix(value)


def describe(doc: Document, title: str | None = None, published: object = None) -> Document:
    """Fill in title, language, header date and the document's own best publication date."""
    language = detect_language(HEADER_RE.sub("", doc.text, count=1), default="nl")
    header = None
    if m := HEADER_RE.match(doc.text):
        header = DateValue(m.group(1), "header", Span(doc.id, m.start(1), m.end(1)))
    candidates: list[DateValue] = []
    if dateline := find_dateline(doc, language):
        candidates.append(dateline)
    if iso := normalise_iso(published):
        candidates.append(DateValue(iso, "metadata"))
    if found := address_date(doc, header.value if header and len(header.value) == 7 else None):
        candidates.append(found)
    if header:
        candidates.append(header)
    if embedded := embed_date(doc):
        candidates.append(embedded)
    return replace(doc, title=title or guess_title(doc.text), language=language, header_date=header,
                   date_candidates=tuple(candidates), published=candidates[0] if candidates else None)

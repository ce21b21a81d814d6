"""Numbers as news writes them: numerals with either thousands separator, and number words
("dertien", "two hundred") through text2num, which knows Dutch and English.

`find_numbers` returns every number in a text with its offsets; the casualty and claim extractors
decide what the numbers count. The article "een"/"a" is never read as 1 here: too many false hits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from . import lexicon

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,]\d{3})*(?:[.,]\d+)?")
GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})+")
SCALES = {1000, 1_000_000, 1_000_000_000}
ARTICLES = {"een", "één", "a", "an"}  # "één" with accents is a numeral in Dutch, but rare enough to skip too
MAX_WORDS = 4


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: int | float
    text: str


def parse_numeral(text: str, lang: str = "nl") -> int | float | None:
    """ "1.500" (Dutch) and "1,500" (English) are 1500; "1,5" (Dutch) is 1.5; "170" is 170."""
    s = text.strip()
    if GROUPED.fullmatch(s):
        sep = GROUPED.fullmatch(s).group(1)
        decimal = "," if lang == "nl" else "."
        if sep != decimal or len(s.split(sep)) > 2:
            return int(re.sub(r"\D", "", s))
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+[.,]\d+", s):
        value = float(s.replace(",", "."))
        return int(value) if value.is_integer() else value
    return None


@lru_cache(maxsize=4096)
def word_value(words: str, lang: str) -> int | None:
    """The value of number words ("dertien", "twenty-five", "two hundred"), or None."""
    low = words.lower()
    if low in ARTICLES:
        return None
    try:  # only the text's own language: Dutch "ten minste" is not English "ten"
        return int(text2num(low, lang if lang in ("nl", "en") else "nl"))
    except (ValueError, KeyError, IndexError):
        return None


def find_numbers(text: str, lang: str = "nl", offset: int = 0) -> list[Number]:
    amounts = lexicon.cues().get("word_amounts", {})
    fixed = [Number(s + offset, e + offset, amounts[" ".join(m.split())], text[s:e])
             for s, e, m in lexicon.find(text, "word_amounts")]  # "a dozen", "een tiental"
    words = [w for w in WORD.finditer(text) if not any(n.start - offset <= w.start() < n.end - offset for n in fixed)]
    out, i = list(fixed), 0
    while i < len(words):
        w = words[i]
        if w.group()[0].isdigit():
            value = parse_numeral(w.group(), lang)
            end = w.end()
            i += 1
            if value is not None and i < len(words) and word_value(words[i].group(), lang) in SCALES:
                value, end = value * word_value(words[i].group(), lang), words[i].end()  # "1,5 miljoen"
                value = int(value) if float(value).is_integer() else value
                i += 1
            if value is not None:
                out.append(Number(w.start() + offset, end + offset, value, text[w.start():end]))
            continue
        best = None
        if word_value(w.group(), lang) is None and not (i + 1 < len(words) and word_value(words[i + 1].group(), lang)):
            i += 1  # number words start at or right before a number word ("two hundred", "en drie"): a cheap test first
            continue
        for j in range(i + 1, min(len(words), i + MAX_WORDS) + 1):
            piece = text[w.start():words[j - 1].end()]
            if "\n" in piece or words[j - 1].group()[0].isdigit():
                break
            value = word_value(piece, lang)
            if value is not None:
                best = (j, value, piece)
        if best:
            j, value, piece = best
            out.append(Number(w.start() + offset, words[j - 1].end() + offset, value, piece))
            i = j
        else:
            i += 1
    return sorted(out, key=lambda n: n.start) if fixed else out

"""Extract stage: entity mentions, i.e. a backend's NER spans after kroniek's correction layer.

Backends err in classes, and each class has a general fix here:
- names the gazetteer knows (armed groups, organisations, countries, regions) are found in the
  text whatever the backend said ("IS" tagged as the verb *is*, "Daesh" tagged as a person);
- nationality adjectives ("Afghaanse") and compounds ("PKK-leider", "VN-rapport") are not names;
- spans are trimmed of words that are not part of the name ("de splinterpartij X", "X vandaan");
- Frog splits some names in two ("Department of Social" + "Sciences"): adjacent spans are joined;
- one surface form gets one label per document (majority vote, gazetteer first).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import gazetteer
from ..data import calendar_words, is_particle_name, lexicon_words
from ..model import Annotation, Document, Mention, NerSpan, Span, stable_id

COMPASS = re.compile(r"^(Noord|Oost|Zuid|West|Centraal|Midden|Zuidoost|Noordoost|Zuidwest|Noordwest)-")
LABEL_ORDER = {"LOC": 0, "ORG": 1, "PER": 2, "MISC": 3}


@lru_cache(maxsize=1)
def _person_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """Words before a name that make it a person; Dutch compounds end in one ("politiewoordvoerder")."""
    cues = {c.lower().rstrip(".") for c in lexicon_words("person_cues")}
    return frozenset(cues), tuple(c for c in cues if len(c) >= 7)


def is_person_cue(word: str) -> bool:
    exact, suffixes = _person_cues()
    word = word.lower().rstrip(".")
    return word in exact or word.endswith(suffixes)


def _compound_boundary(text: str, start: int, end: int) -> bool:
    """True where text[start:end] is only part of a hyphenated compound ("VN-rapport", "Oost-Afghanistan")."""
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return True
    if end < len(text) and text[end] == "-" and end + 1 < len(text) and text[end + 1].isalpha():
        return True
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


def _shouting(text: str, start: int) -> bool:
    """The line around `start` is written in capitals, so a short acronym may be an ordinary word."""
    a, b = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    letters = [c for c in text[a:(b if b >= 0 else len(text))] if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6


def detect_known(doc: Document, ann: Annotation) -> list[tuple[int, int, gazetteer.Entry]]:
    """Longest non-overlapping gazetteer names in the text, on token boundaries."""
    gaz, text, tokens = gazetteer.load(), doc.text, ann.tokens
    hits, i, n = [], 0, len(tokens)
    while i < n:
        found = None
        for j in range(min(n, i + gaz.max_tokens), i, -1):
            start, end = tokens[i].start, tokens[j - 1].end
            surface = text[start:end]
            if "\n\n" in surface or not surface[:1].isalnum():
                continue
            entry = gaz.match(surface)
            if entry is None and surface.endswith(".") and len(surface) > 2:
                end -= 1  # "VN." at the end of a sentence, kept whole by the tokenizer
                entry = gaz.match(text[start:end])
            if entry is None or _compound_boundary(text, start, end):
                continue
            if gazetteer.is_acronym(surface) and len(surface) <= 3 and _shouting(text, start):
                continue
            found = (start, end, entry, j)
            break
        if found:
            hits.append(found[:3])
            i = found[3]
        else:
            i += 1
    return hits


def _tokens_in(ann: Annotation, start: int, end: int):
    return [t for t in ann.tokens if t.start >= start and t.end <= end]


def clean_span(span: NerSpan, doc: Document, ann: Annotation) -> NerSpan | None:
    """Trim a backend span to the name it holds, or None when it holds no name."""
    gaz, text = gazetteer.load(), doc.text
    toks = _tokens_in(ann, span.start, span.end)
    while toks and (toks[0].text[:1].islower() or toks[0].text in "#@\"'“‘„(" or gaz.demonym(toks[0].text)
                    and toks[0].text.endswith("e") and len(toks) > 1 and span.label in ("ORG", "MISC")):
        toks = toks[1:]  # "het Franse Instituut voor ...": an inflected adjective, unlike "Syrisch Nationaal Leger"
    after = [t for t in ann.tokens if t.start >= (toks[-1].end if toks else span.end)][:2]
    while toks and after and is_particle_name(after[0].text) and after[0].start == toks[-1].end + 1:
        toks.append(after.pop(0))  # Frog stops before "al-Assad" in "Bashar al-Assad"
    while toks and (toks[-1].text[:1].islower() and not is_particle_name(toks[-1].text)
                    or not toks[-1].text[:1].isalnum()):
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    surface = text[start:end]
    if len(surface) < 2 or not any(c.isalpha() for c in surface) or surface.lower() in calendar_words() \
            or surface.endswith("-"):
        return None
    if gaz.demonym(surface) or gaz.demonym(COMPASS.sub("", surface)):
        return None
    if len(toks) == 1 and toks[0].tag.startswith("ADJ") and not (span.source == "lite" and span.label == "PER"):
        return None  # "Westerse"; but Frog also tags surnames such as "Lister" as adjectives
    tail = surface.rsplit("-", 1)
    if len(tail) == 2 and tail[1][:1].islower() and len(tail[1]) >= 3:
        return None  # a compound noun about the name ("PKK-leider"), not the name itself
    label = span.label
    if label == "PER" and gazetteer.is_acronym(surface):
        label = "ORG"
    if label == "PER" and len(toks) > 2 and is_person_cue(toks[0].text):
        toks = toks[1:]  # "Captain Ibrahim Traoré": the title is not the name
        start, surface = toks[0].start, text[toks[0].start:end]
    before = [t for t in ann.tokens if t.end <= start][-1:]
    if label != "LOC" and len(toks) == 1 and before and before[0].text.lower() in lexicon_words("place_prepositions") \
            and (place := gaz.place(surface)) is not None and (place.population >= 100_000 or not place.key.startswith("geo:")):
        label = "LOC"  # "richting Hama": a known city after a place preposition
    if label in ("ORG", "MISC") and before and is_person_cue(before[0].text) and not gazetteer.is_acronym(surface) \
            and 2 <= len(toks) <= 4 and all(t.text[:1].isupper() for t in toks):
        label = "PER"  # "politiewoordvoerder Abdifatah Aden Hassan"
    if label in ("PER", "MISC") and COMPASS.match(surface) and gaz.place(COMPASS.sub("", surface)):
        label = "LOC"  # "Oost-Afghanistan": a part of a known place
    return NerSpan(start, end, label, span.source)


def join_adjacent(spans: list[NerSpan], text: str) -> list[NerSpan]:
    """Join spans separated by one space: a backend that split one name in two."""
    out: list[NerSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and text[out[-1].end:span.start] == " " and span.source == out[-1].source \
                and (span.label == out[-1].label or "MISC" in (span.label, out[-1].label)):
            prev = out[-1]
            longer = prev if prev.end - prev.start >= span.end - span.start else span
            label = "ORG" if "ORG" in (prev.label, span.label) else longer.label
            out[-1] = NerSpan(prev.start, span.end, label, prev.source)
        else:
            out.append(span)
    return out


def _yields_to(span: NerSpan, hits: list[tuple], text: str) -> bool:
    """Known places inside a longer proposed name ("Reuters Nederland", "Bank of England") are part of that name,
    unless the rest of it is only other known names ("VS en Israël")."""
    if any(label != "LOC" or not (span.start <= s and e <= span.end) or (span.start, span.end) == (s, e)
           for s, e, label, _src, _key in hits):
        return False
    rest = list(text[span.start:span.end])
    for s, e, *_ in hits:
        rest[s - span.start:e - span.start] = " " * (e - s)
    return any(w[:1].isupper() for w in "".join(rest).split())


def extract_mentions(doc: Document, ann: Annotation) -> list[Mention]:
    """Corrected, typed entity mentions of one document."""
    gaz, text = gazetteer.load(), doc.text
    known = detect_known(doc, ann)
    proposed = [c for s in ann.ents if (c := clean_span(s, doc, ann))]
    proposed = join_adjacent(proposed, text)
    hits: list[tuple[int, int, str, str, str | None]] = [(s, e, entry.type, "gazetteer", entry.key)
                                                       for s, e, entry in known]
    names: list[tuple[int, int, str, str, str | None]] = []
    for span in proposed:
        inside = [h for h in hits if span.start < h[1] and h[0] < span.end]
        if inside and not _yields_to(span, inside, text):
            continue
        hits = [h for h in hits if h not in inside]
        names.append((span.start, span.end, span.label, span.source, None))
    mentions = hits + names
    votes: dict[str, Counter] = {}
    for s, e, label, _source, key in mentions:
        votes.setdefault(gazetteer.fold(text[s:e]), Counter())[label] += 100 if key else 1
    out = []
    for s, e, label, source, key in sorted(mentions):
        surface = text[s:e]
        if key is None:
            counts = votes[gazetteer.fold(surface)]
            label = min(counts, key=lambda lab: (-counts[lab], LABEL_ORDER.get(lab, 9)))
            if label == "LOC" and (place := gaz.place(surface)):
                key = place.key
        out.append(Mention(stable_id("M", doc.id, s, e), Span(doc.id, s, e), surface, label, source, key))
    return out

"""Extract stage: entity mentions, i.e. a backend's NER spans after kroniek's correction layer.

Backends err in classes, and each class has a general fix here:
- names the gazetteer knows (armed groups, organisations, countries, regions) are found in the
  text whatever the backend said ("IS" tagged as the verb *is*, "Daesh" tagged as a person);
- nationality adjectives ("Afghaanse") and compounds ("PKK-leider", "VN-rapport") are not names;
- spans are trimmed of words that are not part of the name ("de splinterpartij X", "X vandaan");
- a word in capitals is not always an acronym: a place written in capitals ("NAIROBI (Reuters) -")
  stays a place, and a name that ends in "State", "Province", "District" is a place, not a person;
- Frog splits some names in two ("Department of Social" + "Sciences"): adjacent spans are joined;
- one surface form gets one label per document (majority vote, gazetteer first);
- a group followed by a country one of its branches is named after is that branch ("al-Qaida in Jemen");
- "de provincie Utrecht" is the province, not the city; a group's name less "group" ("Wagner") is the group
  the document named in full; an untyped name in a list of places after a place preposition is a place;
- acronyms and titles before a name with initials ("NPF DG R R Jansen"), and a photo agency before a
  caption's name, are not part of the name.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from .. import gazetteer
from ..data import calendar_words, is_particle_name, lexicon_words, name_particles
from ..model import Annotation, Document, Mention, NerSpan, Span, Token, stable_id, stage
from ..text import SpanIndex
from .lexicon import cues

COMPASS = re.compile(r"^(Noord|Oost|Zuid|West|Centraal|Midden|Zuidoost|Noordoost|Zuidwest|Noordwest)-")
LABEL_ORDER = {"LOC": 0, "ORG": 1, "PER": 2, "MISC": 3}


@lru_cache(maxsize=1)
def _person_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """Words before a name that make it a person; Dutch compounds end in one ("politiewoordvoerder")."""
    cues = {c.lower().rstrip(".") for c in lexicon_words("person_cues")}
    return frozenset(cues), tuple(c for c in cues if len(c) >= 7)


@lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    """News and photo agencies' names in lower case (facts lexicon `news_agencies`)."""
    return frozenset(cues().get("news_agencies", ()))


def is_person_cue(word: str) -> bool:
    exact, suffixes = _person_cues()
    word = word.lower().rstrip(".")
    return word in exact or word.endswith(suffixes)


def _compound_boundary(text: str, start: int, end: int) -> bool:
    """True where text[start:end] is only part of a hyphenated compound ("VN-rapport", "Oost-Afghanistan"),
    unless the rest says who the name's holder is tied to ("al-Qaeda-linked", "IS-gezinde")."""
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return True
    if end < len(text) and text[end] == "-" and end + 1 < len(text) and text[end + 1].isalpha():
        suffix = FIRST_WORD.match(text, end + 1).group().rstrip(".,;:")
        return suffix not in lexicon_words("affiliation_suffixes")
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


def _shouted(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6


class _Lines:
    """Whether the line around a position is written in capitals, so that a short acronym there may
    be an ordinary word ("HET IS VOORBIJ"). Each line is read once, however many acronyms it holds:
    searching for the line's ends from every acronym made a text without line breaks quadratic."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.seen: dict[int, bool] = {}

    def shouting(self, start: int) -> bool:
        k = bisect_left(self.breaks, start)  # the first line break at or after `start`
        if k not in self.seen:
            a = self.breaks[k - 1] + 1 if k else 0
            b = self.breaks[k] if k < len(self.breaks) else len(self.text)
            self.seen[k] = _shouted(self.text[a:b])
        return self.seen[k]


FIRST_WORD = re.compile(r"\S*")
INITIAL_TOKEN = re.compile(r"[A-Z]\.?")
CLOSER = re.compile(r"[)\]]")
# after a dateline's place: "(Reuters) -", ", 3 March (AP) -", ", 3 mei 2022 - "
DATELINE_TAIL = re.compile(r"(?:,[^\n()]{1,30}?)?\s*\([A-Z][^()\n]{0,30}\)\s*[-–—:]|,[^\n()]{1,30}?\s[-–—]\s")


def _in_capitals(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _capital_place(surface: str, text: str, start: int, end: int) -> bool:
    """A name in capitals that is a place: a dateline's place, or a known place under its own name.

    Capitals make `is_acronym` take any short word for an organisation ("BOGOTA"). Only a place's
    own name counts, not one of its alternate names (news agencies "SANA" and "IRNA" are alternate
    names of Sanaa and Salerno), and a short one only for a large or well-known place ("OAS", the
    Organization of American States, is also a town of 65,000).
    """
    gaz = gazetteer.load()
    if not _in_capitals(surface) or gaz.match(surface):
        return False
    line_start = not text[text.rfind("\n", 0, start) + 1:start].strip()
    if line_start and DATELINE_TAIL.match(text, end):
        return True
    place = gaz.place(surface)
    if place is None or place.key.startswith("geo:") and gazetteer.fold(place.name) != gazetteer.fold(surface):
        return False
    return not place.key.startswith("geo:") or place.population >= 100_000 or len(gazetteer.fold(surface)) >= 5


def _particle_opens(toks: list[Token]) -> bool:
    """"al-Murabitoon", "al - Murabitoon": a lower-case particle glued to a name is that name's first word."""
    if is_particle_name(toks[0].text):
        return True
    return (len(toks) >= 3 and toks[0].text.lower() in name_particles() and toks[1].text == "-"
            and toks[1].start == toks[0].end and toks[2].start == toks[1].end and toks[2].text[:1].isupper())


def _apostrophe_tail(toks: list[Token]) -> bool:
    """"Matiang’i", "Jama'ath": a short lower-case ending glued to a name by an apostrophe belongs to it."""
    return (len(toks) >= 3 and len(toks[-1].text) <= 4 and toks[-2].text in "'’" and toks[-1].start == toks[-2].end
            and toks[-2].start == toks[-3].end and toks[-3].text[:1].isupper())


def _initials_start(toks: list[Token]) -> int | None:
    """Where a person's name with initials ("R R Jansen", "K. Smit") starts after acronyms and titles that are not
    part of it ("NPF DG R R Jansen"): the index of its first initial, or None."""
    for k in range(1, len(toks) - 1):
        rest = [t.text for t in toks[k:] if t.text != "."]
        n = next((i for i, w in enumerate(rest) if not INITIAL_TOKEN.fullmatch(w)), len(rest))
        if n and len(rest) - n == 1 and rest[-1][:1].isupper() and rest[-1][1:].islower() and len(rest[-1]) > 2 \
                and all(gazetteer.is_acronym(t.text) or is_person_cue(t.text) for t in toks[:k]):
            return k
    return None


def _place_named(surface: str, before: list[Token]) -> bool:
    """A single word typed as a place that is one: a place the gazetteer knows well, or a word after a noun for
    a kind of place ("de wijk X")."""
    place = gazetteer.load().place(surface)
    if place is not None and (not place.key.startswith("geo:") or place.population >= 100_000):
        return True
    return bool(before) and before[-1].text.lower() in lexicon_words("place_nouns")


def _place_keyword_name(toks: list[Token], place_keywords: frozenset[str]) -> bool:
    """"Borno State", "Helmand Province": a name, then a word for a kind of region (lexicon `place_keywords`)."""
    if len(toks) < 2 or toks[-1].text not in place_keywords:
        return False
    return toks[-2].text[:1].isupper() and not is_person_cue(toks[-2].text)


def _branch_named(text: str, tokens: list[Token], j: int, found: tuple) -> tuple:
    """"al-Qaida in Jemen", "Al-Qaida Jemen": a group, then a country one of its branches is named after, is that
    branch (gazetteer `area`), not the parent group."""
    gaz, (start, end, entry, _) = gazetteer.load(), found
    if not entry.key.startswith("group:"):
        return found
    k = j + (j < len(tokens) and tokens[j].text.lower() in lexicon_words("branch_prepositions"))
    for m in range(min(len(tokens), k + 3), k, -1):
        if "\n" in text[end:tokens[m - 1].end]:
            continue
        place = gaz.match(text[tokens[k].start:tokens[m - 1].end])
        if place and place.key.startswith("country:") and (branch := gaz.branch(entry.key, place.country)):
            return (start, tokens[m - 1].end, branch, m)
    return found


def detect_known(doc: Document, ann: Annotation, index: SpanIndex[Token] | None = None
                 ) -> list[tuple[int, int, gazetteer.Entry]]:
    """Longest non-overlapping gazetteer names in the text, on token boundaries.

    Args:
        index: `SpanIndex(ann.tokens)`, when the caller has one.
    """
    gaz, text, tokens = gazetteer.load(), doc.text, ann.tokens
    index = index if index is not None else SpanIndex(tokens)
    lines = _Lines(text)
    hits, i, n = [], 0, len(tokens)
    while i < n:
        found = None
        # every stretch tried from token i starts with its first word (less a final full stop) when the
        # tokens are in text order; most words start no name at all, and then none needs looking up
        if index.by_start and index.by_end and not gaz.may_start(
                FIRST_WORD.match(text, tokens[i].start, tokens[i].end).group().rstrip(".")):
            i += 1
            continue
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
            if gazetteer.is_acronym(surface) and len(surface) <= 3 and lines.shouting(start):
                continue
            found = _branch_named(text, tokens, j, (start, end, entry, j))
            break
        if found is None and "-" in tokens[i].text:
            # one token for "al-Qaeda-linked" (a tokenizer that keeps hyphens): the name before the suffix
            head, _, suffix = text[tokens[i].start:tokens[i].end].rpartition("-")
            entry = gaz.match(head) if suffix in lexicon_words("affiliation_suffixes") else None
            if entry is not None:
                found = (tokens[i].start, tokens[i].start + len(head), entry, i + 1)
        if found:
            hits.append(found[:3])
            i = found[3]
        else:
            i += 1
    return hits


def clean_span(span: NerSpan, doc: Document, ann: Annotation, index: SpanIndex[Token] | None = None) -> NerSpan | None:
    """Trim a backend span to the name it holds, or None when it holds no name.

    Args:
        index: `SpanIndex(ann.tokens)`, built once per document by the caller; without it this
            call builds its own, which costs a pass over the document.
    """
    gaz, text = gazetteer.load(), doc.text
    index = index if index is not None else SpanIndex(ann.tokens)
    toks = index.within(span.start, span.end)
    label = span.label
    while toks and (toks[0].text[:1].islower() and not _particle_opens(toks) or toks[0].text in "#@\"'“‘„("
                    or gaz.demonym(toks[0].text) and toks[0].text.endswith("e") and len(toks) > 1):
        # "het Franse Instituut voor ...", "het Oegandese Mpondwe": an inflected adjective, unlike "Syrisch
        # Nationaal Leger"; no person's name opens with one, so what is left is named by its other mentions
        label = "MISC" if label == "PER" and gaz.demonym(toks[0].text) else label
        toks = toks[1:]
    after = index.first_from(toks[-1].end if toks else span.end, 2)
    while toks and after and is_particle_name(after[0].text) and after[0].start == toks[-1].end + 1:
        toks.append(after.pop(0))  # Frog stops before "al-Assad" in "Bashar al-Assad"
    while toks and (toks[-1].text[:1].islower() and not is_particle_name(toks[-1].text) and not _apostrophe_tail(toks)
                    or not toks[-1].text[:1].isalnum()):
        toks = toks[:-1]
    if not toks:
        return None
    if len(toks) >= 3 and (k := _initials_start(toks)) is not None:
        toks, label = toks[k:], "PER"
    if len(toks) >= 3 and toks[0].text.lower() in _agencies() and gazetteer.is_acronym(toks[0].text) \
            and not text[text.rfind("\n", 0, toks[0].start) + 1:toks[0].start].strip():
        toks = toks[1:]  # a photo credit before a caption's name: "ANP Jan de Vries (links) ..."
    start, end = toks[0].start, toks[-1].end
    if (close := CLOSER.search(text, start, end)) is not None and "(" not in text[start:close.start()]:
        end = close.start()  # "(FATA)—a": a token that runs over a closing bracket ends at it
    surface = text[start:end]
    if len(surface) < 2 or not any(c.isalpha() for c in surface) or surface.lower() in calendar_words() \
            or surface.endswith("-"):
        return None
    if gaz.demonym(surface) or gaz.demonym(COMPASS.sub("", surface)) or surface in lexicon_words("languages"):
        return None  # "in Arabic" is no place
    if len(toks) == 1 and toks[0].tag.startswith("ADJ") and not (span.source == "lite" and span.label == "PER") \
            and not (span.label == "LOC" and _place_named(surface, index.last_before(start))):
        return None  # "Westerse"; but Frog also tags surnames such as "Lister" as adjectives, and the tagger places ("Nice")
    if len(toks) == 1 and surface in lexicon_words("org_keywords") and not gaz.match(surface):
        return None  # "Group", "Partij" alone: the keyword of a name that is not there
    if len(toks) > 1 and (gaz.demonym(toks[-1].text) or gaz.demonym(text[toks[-2].start:end])):
        return None  # "Vredesmars Koerdische", "Yemeni American": a name does not end in a nationality
    if label == "PER" and len(toks) > 1 and gaz.demonym(toks[0].text):
        label = "MISC"  # "Turkish Republic", "Syrian Kurdish People": no person's name opens with a nationality
    tail = surface.rsplit("-", 1)
    if len(tail) == 2 and tail[1][:1].islower() and len(tail[1]) >= 3:
        return None  # a compound noun about the name ("PKK-leider"), not the name itself
    if label == "PER" and gazetteer.is_acronym(surface):
        label = "ORG"
    if label != "LOC" and _capital_place(surface, text, start, end):
        label = "LOC"  # "BOGOTA (Reuters) -": capitals of a dateline or a headline, not an acronym
    place_keywords = lexicon_words("place_keywords")  # every language's: articles quote names as written
    if label in ("PER", "MISC") and _place_keyword_name(toks, place_keywords):
        label = "LOC"
    elif label == "LOC" and len(toks) >= 3 and toks[-1].text in place_keywords and toks[-2].text.islower() \
            and gaz.place(surface) is None:
        label = "MISC"  # "Secretary of State", "Minister of State": an office, not a place
    if label == "PER" and len(toks) > 2 and is_person_cue(toks[0].text):
        toks = toks[1:]  # "Captain Ibrahim Traoré": the title is not the name
        start, surface = toks[0].start, text[toks[0].start:end]
    before = index.last_before(start)
    if label != "LOC" and len(toks) == 1 and before and before[0].text.lower() in lexicon_words("place_prepositions") \
            and (place := gaz.place(surface)) is not None and (place.population >= 100_000 or not place.key.startswith("geo:")):
        label = "LOC"  # "richting Hama": a known city after a place preposition
    if label == "MISC" and len(toks) == 1 and (place := gaz.place(surface)) is not None and (
            place.key.startswith("country:") or (before and gaz.demonym(before[0].text) and place.population >= 100_000)):
        label = "LOC"  # "Indonesia-based", "het Russische Kazan": a country, or a known city after its nationality
    if label in ("ORG", "MISC") and before and is_person_cue(before[0].text) and not gazetteer.is_acronym(surface) \
            and 2 <= len(toks) <= 4 and all(t.text[:1].isupper() for t in toks):
        label = "PER"  # "politiewoordvoerder Abdifatah Aden Hassan"
    if label in ("PER", "MISC") and COMPASS.match(surface) and gaz.place(COMPASS.sub("", surface)):
        label = "LOC"  # "Oost-Afghanistan": a part of a known place
    return NerSpan(start, end, label, span.source)


def join_adjacent(spans: list[NerSpan], text: str) -> list[NerSpan]:
    """Join spans separated by one space, or by a lower-case name particle where the whole is a place the
    gazetteer knows ("Mocímboa da Praia", "Rio de Janeiro"): a backend that split one name in two."""
    out: list[NerSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        gap = text[out[-1].end:span.start] if out else ""
        if out and gap != " " and gap.startswith(" ") and gap.endswith(" ") and gap.strip() in name_particles() \
                and {out[-1].label, span.label} <= {"LOC", "MISC"} \
                and gazetteer.load().place(text[out[-1].start:span.end]) is not None:
            out[-1] = NerSpan(out[-1].start, span.end, "LOC", out[-1].source)
        elif out and gap == " " and span.source == out[-1].source \
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


class _Hit(NamedTuple):
    start: int
    end: int
    label: str
    source: str
    key: str | None


def _province_named(hit: _Hit, text: str, tokens: SpanIndex[Token]) -> _Hit:
    """"de provincie Utrecht", "the province of Kabul": a name after a noun for a province is the province,
    even where a city of that name is the usual meaning; then the noun is kept in the name, as the one word that
    tells the two apart."""
    if hit.label not in ("LOC", "MISC") or hit.key and not hit.key.startswith("geo:"):
        return hit
    for noun in lexicon_words("province_nouns"):
        n = noun.count(" ") + 1
        before: list[Token] = []
        while len(before) < n and (prev := tokens.last_before(before[0].start if before else hit.start)):
            before.insert(0, prev[0])
        if len(before) == n and " ".join(t.text.lower() for t in before) == noun \
                and not text[before[0].start:hit.start].count("\n") \
                and (province := gazetteer.load().province(text[hit.start:hit.end])) is not None:
            if (usual := gazetteer.load().place(text[hit.start:hit.end])) is not None and usual.key == province.key:
                return hit  # "de provincie Cabo Delgado": the name alone says it
            return _Hit(before[0].start, hit.end, "LOC", hit.source, province.key)
    return hit


def _group_without_keyword(surface: str, named: dict[str, str]) -> gazetteer.Entry | None:
    """"Wagner" where the document names the "Wagner Group": a known group's name less the word for a group
    (lexicon `group_suffixes`) is that group, once the document has named it in full."""
    gaz = gazetteer.load()
    for suffix in lexicon_words("group_suffixes"):
        for joined in (f"{surface} {suffix}", f"{surface}-{suffix}", f"{surface}{suffix}"):
            if (entry := gaz.match(joined)) is not None and entry.key in named:
                return entry
    return None


@stage("extract", ("documents", "annotations"), ("mentions", "alias_links"))
def extract_mentions(doc: Document, ann: Annotation) -> list[Mention]:
    """Corrected, typed entity mentions of one document."""
    gaz, text = gazetteer.load(), doc.text
    tokens = SpanIndex(ann.tokens)
    known = detect_known(doc, ann, tokens)
    proposed = [c for s in ann.ents if (c := clean_span(s, doc, ann, tokens))]
    proposed = join_adjacent(proposed, text)
    hits = [_Hit(s, e, entry.type, "gazetteer", entry.key) for s, e, entry in known]
    gazetteer_hits, overruled = SpanIndex(hits), set()
    names: list[_Hit] = []
    for span in proposed:
        inside = [h for h in gazetteer_hits.overlapping(span.start, span.end) if h not in overruled]
        if inside and not _yields_to(span, inside, text):
            continue
        overruled.update(inside)
        names.append(_Hit(span.start, span.end, span.label, span.source, None))
    mentions = [_province_named(h, text, tokens) for h in hits if h not in overruled] + \
        [_province_named(h, text, tokens) for h in names]
    mentions = _surnames_are_people(mentions, text, tokens)
    votes: dict[str, Counter] = {}
    for s, e, label, _source, key in mentions:
        # MISC is "no type found", weaker than a type some cue gave ("zei Okonjo" once, "Okonjo" twice more)
        votes.setdefault(gazetteer.fold(text[s:e]), Counter())[label] += 100 if key else 0.4 if label == "MISC" else 1
    out = []
    named = {key: label for *_, label, _source, key in mentions if key}
    for s, e, label, source, key in sorted(mentions):
        surface = text[s:e]
        if key is None:
            counts = votes[gazetteer.fold(surface)]
            label = min(counts, key=lambda lab: (-counts[lab], LABEL_ORDER.get(lab, 9)))
            if label == "LOC" and (place := gaz.place(surface)):
                key = place.key
            elif label in ("ORG", "MISC") and (group := _group_without_keyword(surface, named)):
                key, label = group.key, group.type
        out.append(Mention(stable_id("M", doc.id, s, e), Span(doc.id, s, e), surface, label, source, key))
    return _typed_by_list(_short_names(out, doc), text)


def _short_names(mentions: list[Mention], doc: Document) -> list[Mention]:
    """"Wagner", "Wagner-strijders" where the document has named the "Wagnergroep": a group's name less its
    word for a group, found again wherever the text uses it and no other name stands (the recogniser
    rarely proposes a bare surname-like word as an organisation)."""
    gaz, text = gazetteer.load(), doc.text
    short: dict[str, str] = {}
    for m in mentions:
        if m.label != "ORG" or not (m.key or "").startswith("group:"):
            continue
        for suffix in lexicon_words("group_suffixes"):
            for joiner in (" ", "-", ""):
                if m.text.endswith(joiner + suffix) and len(stem := m.text[:-len(joiner + suffix)]) >= 4 \
                        and stem[:1].isupper() and (entry := gaz.match(f"{stem}{joiner}{suffix}")) and entry.key == m.key:
                    short[stem] = m.key
    if not short:
        return mentions
    taken = SpanIndex(mentions, lambda m: (m.span.start, m.span.end))
    found = []
    for stem, key in short.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(stem)}(?![\w])", text):
            if not taken.overlapping(hit.start(), hit.end()):
                found.append(Mention(stable_id("M", doc.id, hit.start(), hit.end()), Span(doc.id, hit.start(), hit.end()),
                                     stem, "ORG", "gazetteer", key))
    return sorted(mentions + found, key=lambda m: (m.span.start, m.span.end)) if found else mentions


def _surnames_are_people(mentions: list[_Hit], text: str, tokens: SpanIndex) -> list[_Hit]:
    """"De 56-jarige Rojas werkte ...": the last name of a person the document names in full is that person,
    though a town somewhere bears it, unless a place preposition stands before it ("in Rojas")."""
    surnames = {text[h.start:h.end].split()[-1] for h in mentions if h.label == "PER" and " " in text[h.start:h.end]}
    if not surnames:
        return mentions
    prepositions = {w.lower() for w in lexicon_words("place_prepositions")}
    out = []
    for h in mentions:
        before = tokens.last_before(h.start)
        if h.label in ("LOC", "MISC") and (h.key or "geo:").startswith("geo:") and text[h.start:h.end] in surnames \
                and not (before and before[0].text.lower() in prepositions):
            h = _Hit(h.start, h.end, "PER", h.source, None)
        out.append(h)
    return out


def _typed_by_list(mentions: list[Mention], text: str) -> list[Mention]:
    """"in Kolvadam en Dremskoe": an untyped name in a list after a place preposition is a place when the list's
    other names are places. Only places: a list of people or groups is too often mixed with other names."""
    seps, prepositions = {w.lower() for w in lexicon_words("list_separators")}, lexicon_words("place_prepositions")

    def joined(a: Mention, b: Mention) -> bool:
        between = text[a.span.end:b.span.start].strip().lower()
        return a.span.end <= b.span.start and (between in seps or between[:1] == "," and between[1:].strip() in seps)

    out, i = list(mentions), 0
    while i < len(out):
        j = i + 1
        while j < len(out) and joined(out[j - 1], out[j]):
            j += 1
        chain = out[i:j]
        before = text[:chain[0].span.start].rstrip().rsplit(None, 1)[-1:] if chain else []
        closed = chain and text[chain[-2].span.end:chain[-1].span.start].strip(" ,").lower() in seps - {","} \
            if len(chain) > 1 else False  # "X en Y": a list; "in X, Y" may be an apposition
        if closed and before and before[0].lower() in prepositions and {m.label for m in chain} == {"LOC", "MISC"}:
            out[i:j] = [replace(m, label="LOC") if m.label == "MISC" and not m.key else m for m in chain]
        i = j
    return out

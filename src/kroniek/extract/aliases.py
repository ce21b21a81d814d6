"""Extract stage: statements in the text that two names refer to the same thing.

Three shapes, all general:
- an acronym in brackets after a name, or a name in brackets after an acronym, whose letters fit
  ("Internationaal Instituut voor Strategische Studies (IISS)");
- a quoted translation after a name ("Jaish-e-Mohammed ("het leger van Mohammed")", between brackets or commas);
- a cue from the language's lexicon followed by a list of names ("wordt aangeduid als A, B of C",
  "ook wel A genoemd", "also known as A"), linked to the name the sentence is about: the nearest
  name before the cue, else the last organisation named in the two sentences before.
Names in such a list that no backend proposed become mentions here, with the subject's type.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer
from ..data import NoLexicon, lexicon, lexicon_words
from ..model import AliasLink, Annotation, Document, Mention, Span, stable_id
from ..text import SpanIndex

# a quoted name closes its quote before the bracket: "Bordurian People's Front" (BPF)
BRACKET_AFTER = re.compile(r"[\"'’”»]?\s*\(\s*([^()\n]{2,80}?)\s*\)")
ARTICLES = {"de", "het", "een", "the", "a", "an", "dus", "zelf"}


@lru_cache(maxsize=4)
def _cues(lang: str) -> tuple[re.Pattern[str], set[str], list[str], tuple[str, ...]]:
    try:
        lex = lexicon(lang)
    except NoLexicon:  # no cue words of this language: only brackets and acronyms say "also known as"
        lex = {"alias_cues": [], "alias_closers": [], "list_separators": [","]}
    cues = sorted(lex["alias_cues"], key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(c) for c in cues) + r")(?!\w)" if cues else r"(?!x)x",
                         re.IGNORECASE)
    return pattern, set(lex["alias_closers"]), lex["list_separators"], tuple(lex.get("group_anaphora", ()))


def initials(name: str) -> str:
    words = re.findall(r"[A-Za-zÀ-ÿ][\w'’]*", name)
    return "".join(w[0] for w in words if w[0].isupper())


def acronym_fits(acronym: str, name: str, loose: bool = False) -> bool:
    """The acronym's capitals are the name's initials, in any order (acronyms cross languages). `loose`:
    a long name translated from another language keeps most of them ("Beweging voor de Bevrijding van
    Cabo Delgado (MBCD)", from Portuguese): three of four, with a name of three initials or more."""
    caps = [c for c in acronym if c.isupper()]
    ini = initials(name)
    if len(caps) < 2 or len(ini) < 2:
        return False
    pool = list(ini)
    missing = 0
    for c in caps:
        if c not in pool:
            missing += 1
            continue
        pool.remove(c)
    if not missing:
        return True
    return loose and len(ini) >= 3 and len(caps) >= 3 and missing * 4 <= len(caps)


def _new_mention(doc: Document, start: int, end: int, label: str) -> Mention:
    return Mention(stable_id("M", doc.id, start, end), Span(doc.id, start, end), doc.text[start:end], label, "alias")


def bracket_links(doc: Document, mentions: list[Mention]) -> tuple[list[AliasLink], list[Mention]]:
    text, links, created = doc.text, [], []
    by_start = {m.span.start: m for m in mentions}
    known = {x.id for x in mentions}
    for m in mentions:
        match = BRACKET_AFTER.match(text, m.span.end)
        if not match:
            continue
        inner, s, e = match.group(1), match.start(1), match.end(1)
        if gazetteer.is_acronym(inner) and acronym_fits(inner, m.text, loose=m.label == "ORG"):
            other = by_start.get(s) or _new_mention(doc, s, e, m.label)
        elif gazetteer.is_acronym(m.text) and acronym_fits(m.text, inner) and inner[:1].isupper():
            other = by_start.get(s) or _new_mention(doc, s, e, m.label)
        else:
            continue
        if other.span.end != e:
            continue
        if other.id not in known:
            created.append(other)
        links.append(AliasLink(m.id, other.id, "brackets", Span(doc.id, m.span.start, match.end())))
    return links, created


# a quoted translation after a name, in brackets (after an acronym, maybe) or between commas:
# Name ("het leger van X"), Name (NAME, "the army of X"), Name, "Organisatie voor X", ...
GLOSS = re.compile(r"""\s*(?:\(\s*(?:[A-Z][\w'’-]{1,8}\s*,\s*)?|,\s*)["“„'‘]([^"”“'’\n.!?]{3,80})["”'’]\s*(?P<close>[),])""")
GLOSS_ARTICLES = {"de", "het", "the", "die"}
INDEFINITE = {"een", "a", "an"}


def gloss_links(doc: Document, mentions: list[Mention]) -> tuple[list[AliasLink], list[Mention]]:
    """A quoted translation of an organisation's name after it ("Jaish-e-Mohammed ("het leger van Mohammed")")
    is another name of it. Only a name: the quote holds a word for a kind of organisation ("leger", "front",
    "beweging"), at most eight words, and no indefinite article ("een terreurgroep" describes, it does not name)."""
    text, links, created = doc.text, [], []
    keywords = tuple(k.lower() for k in lexicon_words("org_keywords") if len(k) >= 4)
    for m in mentions:
        if m.label != "ORG" or not (match := GLOSS.match(text, m.span.end)):
            continue
        if match.group(0).lstrip()[:1] == "(" and match.group("close") != ")":
            continue
        s, e = match.span(1)
        while (article := re.compile(r"\s*(\w+)\s+").match(text, s, e)) and article.group(1).lower() in GLOSS_ARTICLES:
            s = article.end()
        e = s + len(text[s:e].rstrip())
        words = text[s:e].split()
        if not 2 <= len(words) <= 8 or words[0].lower() in INDEFINITE \
                or not any(w.lower().endswith(keywords) for w in words):
            continue
        alias = _new_mention(doc, s, e, m.label)
        created.append(alias)
        links.append(AliasLink(m.id, alias.id, "gloss", Span(doc.id, m.span.start, match.end())))
    return links, created


def _list_items(text: str, start: int, end: int, separators: list[str], closers: set[str]):
    """(start, end) of each name in a list like "A, B of C" from `start`, up to a closer or a plain word."""
    seps = "|".join(re.escape(s) for s in separators)
    pos, items = start, []
    while pos < end:
        m = re.compile(rf"\s*(?:(?:{seps})\s+|,\s*)?").match(text, pos)
        pos = m.end() if m and m.end() > pos else pos
        word = re.compile(r"[\w'’.&-]+").match(text, pos)
        if not word:
            break
        if word.group(0).lower() in ARTICLES:
            pos = word.end()
            continue
        if word.group(0).lower().strip(".") in closers or not word.group(0)[:1].isupper():
            break
        # a name runs over capitalised words and the particles between them
        name_end = word.end()
        while True:
            nxt = re.compile(r" ([\w'’&-]+)").match(text, name_end)
            if not nxt or nxt.end() > end:
                break
            w = nxt.group(1)
            if w[:1].isupper():
                name_end = nxt.end()
                continue
            after = re.compile(r" ([\w'’&-]+)").match(text, nxt.end())
            if w in ("van", "de", "der", "the", "for", "voor", "al") and after and after.group(1)[:1].isupper():
                name_end = after.end()
                continue
            break
        items.append((word.start(), name_end))
        pos = name_end
    return items


def cue_links(doc: Document, ann: Annotation, mentions: list[Mention]) -> tuple[list[AliasLink], list[Mention]]:
    text, links, created = doc.text, [], []
    ordered = SpanIndex(sorted(mentions, key=lambda m: m.span.start), lambda m: (m.span.start, m.span.end))
    for si, sent in enumerate(ann.sentences):
        pattern, closers, separators, anaphora = _cues(sent.language or doc.language or "nl")
        for cue in pattern.finditer(text, sent.start, sent.end):
            before = [m for m in ordered.within(sent.start, cue.start()) if m.label != "LOC"]
            lead = text[sent.start:cue.start()].lower()
            if not before and any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", lead) for a in anaphora):
                window_start = ann.sentences[max(0, si - 2)].start
                before = [m for m in ordered.starting_in(window_start, sent.start) if m.label == "ORG"]
            if not before:
                continue
            subject = before[-1]
            for s, e in _list_items(text, cue.end(), sent.end, separators, closers):
                existing = next(iter(ordered.starting_in(s, s + 1)), None)
                if existing is not None and existing.span.end != e:
                    e = existing.span.end
                alias = existing or _new_mention(doc, s, e, subject.label)
                if alias.id == subject.id:
                    continue
                if existing is None:
                    created.append(alias)
                links.append(AliasLink(subject.id, alias.id, cue.group(1).lower(), Span(doc.id, sent.start, sent.end)))
    return links, created


def extract_alias_links(doc: Document, ann: Annotation, mentions: list[Mention]) -> tuple[list[AliasLink], list[Mention]]:
    """Alias statements of one document, and any mentions they add."""
    links, created = bracket_links(doc, mentions)
    glossed, more = gloss_links(doc, mentions)
    links, created = links + glossed, created + more
    more_links, more = cue_links(doc, ann, mentions + created)
    return links + more_links, created + more

"""NLP stage, `lite` backend: spaCy's rule-based tokenizer and sentencizer plus capitalisation cues.

Pure Python, no trained model: it proposes every capitalised name (with its particles: "Anna van
der Berg", "Council on Foreign Relations") and types it from lexicon cues (organisation keywords,
titles and speech verbs before persons, place prepositions) and from the gazetteer. Names it cannot
type come out as MISC, which the later stages do not count as actors. It also serves the Frog
backend for paragraphs in English, which Frog's Dutch models cannot read.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from .. import gazetteer
from ..data import NoLexicon, calendar_words, is_particle_name, lexicon, lexicon_words, name_particles
from ..model import Annotation, Document, NerSpan, Sentence, Token
from ..text import TextLayer, blank_pipeline
from .base import register

# parts of speech of words that are no names, where the backend tags them
COMMON_WORDS = {"NOUN", "VERB", "ADJ", "ADV", "ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ", "NUM", "PART", "INTJ"}
OPENERS = set("\"'“‘„«(•-–—―*#@:")


def _pipeline(lang: str):
    return blank_pipeline(lang if lang in ("nl", "en") else "xx")


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> dict:
    try:
        lex = lexicon(lang)
    except NoLexicon:
        lex = {key: [] for key in ("org_keywords", "person_cues", "place_prepositions", "name_particles", "titles")}
        lex["name_particles"] = sorted(name_particles())  # names cross languages: "bin", "al", "van"
    return {
        "org": set(lex["org_keywords"]),
        "org_suffixes": [k for k in lex["org_keywords"] if len(k) >= 4 and lex.get("compound_keywords")],
        "person": {c.lower() for c in lex["person_cues"]},
        "titles": set(lex.get("titles", ())),
        # names cross languages: "The New York Times" in a Dutch article
        "non_person_starts": set(lexicon_words("non_person_starts")),
        "place": set(lex["place_prepositions"]),
        "particles": {p for p in lex["name_particles"] if " " not in p},
        "groups": set(lexicon_words("group_nouns")),  # "Shia Muslims" quoted in a Dutch article
        "place_words": set(lex.get("place_keywords", [])),
    }


@lru_cache(maxsize=2)
def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(_pipeline(lang).Defaults.stop_words)


def _is_cap(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _candidate_runs(tokens: list[Token], text: str, particles: set[str]) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of capitalised names, joining hyphens and particles inside them."""
    runs, i, n = [], 0, len(tokens)
    while i < n:
        if not _is_cap(tokens[i].text):
            i += 1
            continue
        j = i + 1
        while j < n:
            tok, prev = tokens[j], tokens[j - 1]
            glued = tok.start == prev.end
            if (_is_cap(tok.text) or is_particle_name(tok.text, particles)) and (glued or text[prev.end:tok.start] == " "):
                j += 1
            elif tok.text in "-'’" and glued and j + 1 < n and tokens[j + 1].start == tok.end:
                j += 2  # "ISIS-K", "Al-Azaim", "Haqqani-netwerk"
            elif tok.text.lower() in particles and j + 1 < n and _is_cap(tokens[j + 1].text) \
                    and text[prev.end:tok.start] == " ":
                j += 2
            elif tok.text.lower() in particles and j + 2 < n and tokens[j + 1].text == "-" \
                    and _is_cap(tokens[j + 2].text) and tokens[j + 1].start == tok.end \
                    and tokens[j + 2].start == tokens[j + 1].end:
                j += 3  # "Karim al-Hadi", "Abu al-Masri"
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def propose_names(tokens: list[Token], sentences: Sequence[Sentence], text: str, lang: str) -> list[NerSpan]:
    """Capitalised-name spans with a typed guess (PER, ORG, LOC or MISC)."""
    lex, stops, gaz = _lexicon(lang), _stop_words(lang), gazetteer.load()
    line_starts = {t.start for t in tokens if t.start == 0 or text[t.start - 1] == "\n"}
    starts = sentence_starts(tokens, sentences) | line_starts
    mid_caps = {t.text for t in tokens if _is_cap(t.text) and t.start not in starts}
    runs = _candidate_runs(tokens, text, lex["particles"])
    # a sentence may open with the surname of someone named in full elsewhere ("Warsame sprak ...")
    mid_caps |= {tokens[j - 1].text for i, j in runs if j - i >= 2}
    mid_caps |= {t.partition("-")[2] for t in mid_caps if is_particle_name(t, lex["particles"])}  # "Jolani"
    spans: list[NerSpan] = []
    for i, j in runs:
        while i < j and tokens[i].text.lower() in calendar_words():
            i += 1
        while j > i and tokens[j - 1].text.lower() in calendar_words():
            j -= 1
            while j > i and tokens[j - 1].text in lex["particles"]:
                j -= 1  # the particle joined the name only to reach the month ("Pieter de Groot van Maandag")
        if i >= j:
            continue
        if j - i >= 3 and tokens[i].text.lower() in lex["person"]:
            i += 1  # "Analyst Farea al-Muslimi": a role word opening the sentence
        titled = _after_title(tokens, i, j, text, lex, gaz)
        titled, i = titled > i, titled
        first = tokens[i]
        if first.start in starts and (
                first.text.lower() in stops
                or j - i > 1 and first.text not in mid_caps and not gaz.match(first.text) and not gaz.place(first.text)
                and _known(gaz, text[tokens[i + 1].start:tokens[j - 1].end])):
            i += 1  # a capital that only shows where a sentence or headline starts ("Aanslag Mogadishu")
            if i >= j:
                continue
        words = [t.text.rstrip(".") if k == j - 1 else t.text for k, t in enumerate(tokens[i:j], start=i)]
        start, end = tokens[i].start, tokens[j - 1].end
        if text[end - 1] == "." and end - start > 1:
            end -= 1  # the tokenizer keeps a full stop on abbreviations ("VN.", "U.S.") at a sentence end
        surface = text[start:end]
        at_start = tokens[i].start in starts
        if at_start and j - i == 1 and surface not in mid_caps and not gaz.match(surface) \
                and (not gaz.place(surface) or tokens[i].tag in COMMON_WORDS):
            continue  # a capital that opens a sentence; "Bron: ..." is a word even if a town has its name
        if gaz.demonym(surface) or surface.lower() in stops:
            continue
        before = tokens[i - 1].text.lower() if i > 0 else ""
        split = _affiliation_split(tokens[i:j], text, lex, gaz)
        if split is not None:
            person, org = split
            spans.append(NerSpan(person[0].start, person[-1].end, "PER", "lite"))
            org_text = text[org[0].start:org[-1].end]
            spans.append(NerSpan(org[0].start, org[-1].end,
                                 _guess_label(org_text, [t.text for t in org], "", lex, gaz), "lite"))
            continue
        tags = [t.tag for t in tokens[i:j] if t.tag]
        label = _guess_label(surface, words, before, lex, gaz, tags if len(tags) == j - i else None)
        spans.append(NerSpan(start, end, "PER" if titled and label == "MISC" else label, "lite"))
    # "Lister zegt ...": a lone word that is the surname of a person named in full in this document
    surnames = {text[s.start:s.end].split()[-1] for s in spans if s.label == "PER" and " " in text[s.start:s.end]}
    surnames |= {w.partition("-")[2] for w in surnames if is_particle_name(w, lex["particles"])}
    return [NerSpan(s.start, s.end, "PER", s.source) if s.label == "MISC" and text[s.start:s.end] in surnames else s
            for s in spans]


def _after_title(tokens: list[Token], i: int, j: int, text: str, lex: dict, gaz) -> int:
    """Where the name starts after the title words that open the run ("Interior Minister Annelies
    Verlinden", "Lt Gen Ahmad Sharif", "President Duterte"). A run the gazetteer knows whole, or whose
    rest names an organisation ("General Motors", "Secretary of State"), keeps its first word."""
    k = i
    while k < j - 1 and tokens[k].text in lex["titles"]:
        k += 1
    if k == i or _known(gaz, text[tokens[i].start:tokens[j - 1].end]):
        return i
    rest = [t.text for t in tokens[k:j]]
    if not _is_cap(rest[0]) or any(w in lex["org"] for w in rest) or len(rest) > 4:
        return i
    return k


def sentence_starts(tokens: Sequence[Token], sentences: Sequence[Sentence]) -> set[int]:
    """Where each sentence's first word starts: its first token that is not an opening quote or bullet.

    The same as taking, for every sentence, the first token in `tokens` that starts at or after it
    and is no opener; found by binary search in one pass instead of a scan from the document's
    start per sentence, which made long articles quadratic.
    """
    begins = [t.start for t in tokens]
    if any(a > b for a, b in zip(begins, begins[1:])):  # not in text order: no binary search
        firsts = (next((t for t in tokens if t.start >= s.start and t.text not in OPENERS), None) for s in sentences)
        return {t.start for t in firsts if t is not None}
    word = [len(tokens)] * (len(tokens) + 1)  # word[k]: the first token from k on that is no opener
    for k in range(len(tokens) - 1, -1, -1):
        word[k] = word[k + 1] if tokens[k].text in OPENERS else k
    found = (word[bisect_left(begins, s.start)] for s in sentences)
    return {tokens[k].start for k in found if k < len(tokens)}


def _affiliation_split(run: list[Token], text: str, lex: dict, gaz):
    """"Farea al-Muslimi of Chatham House", "Maria Peters van Clingendael": a person, then their organisation."""
    # a connector that ends the run has no organisation after it: in an all-caps lead "FROM" is just
    # another capitalised word of the run ("FIRST REPORTS FROM last night")
    for k, tok in enumerate(run[:-1]):
        if tok.text.lower() not in ("of", "van", "from") or not 2 <= k <= 5:
            continue
        left, right = run[:k], run[k + 1:]
        right_text = text[right[0].start:right[-1].end]
        left_words = text[left[0].start:left[-1].end].split()
        if any(t.text in lex["org"] for t in left) or gaz.match(" ".join(t.text for t in left)):
            return None
        known = gaz.match(right_text)
        org_like = known is not None and known.type == "ORG" or any(t.text in lex["org"] for t in right)
        if org_like and 2 <= len(left_words) <= 3 \
                and all(_is_cap(w) or is_particle_name(w, lex["particles"]) for w in left_words):
            return left, right
    return None


def _known(gaz, surface: str) -> bool:
    return gaz.match(surface) is not None or gaz.place(surface) is not None


def _guess_label(surface: str, words: list[str], before: str, lex: dict, gaz, tags: list[str] | None = None) -> str:
    """PER, ORG, LOC or MISC for a name, from the gazetteer and the cue words. `tags` are the
    words' universal parts of speech where the backend gives them: a run of capitalised words that
    the tagger reads mostly as common nouns ("Regional Security Office") is no one's name."""
    known = gaz.match(surface)
    if known:
        return known.type
    if words[0] in lex["non_person_starts"] and before in lex["person"]:
        return "MISC"  # "volgens The New York Times": no person's name opens with an article
    if any(w in lex["groups"] for w in words):
        return "MISC"  # "Shia Muslims": a community, not an actor with a name
    if any(w in lex["org"] or any(w.lower().endswith(k.lower()) for k in lex["org_suffixes"]) for w in words):
        return "ORG"  # "Volksleger", "Bevrijdingsfront": Dutch compounds end in the keyword
    if gazetteer.is_acronym(surface):
        return "MISC" if any(c.isdigit() for c in surface) else "ORG"
    if before in lex["person"]:
        return "PER"
    if words[-1] in lex["place_words"] or words[0] in ("Golf", "Gulf") and len(words) > 2:
        return "LOC"  # "Red Sea", "Rode Zee", "Golf van Aden"
    first_place = gaz.place(words[0]) if len(words) > 1 and words[0].lower() not in lex["particles"] else None
    if first_place and (first_place.population >= 100_000 or not first_place.key.startswith("geo:")):
        return "MISC"  # "Schiphol Airport", "Lagos Airport": a facility named after its place
    if gaz.place(surface):
        return "LOC"
    if before in lex["place"] and len(words) == 1:
        return "LOC"
    if words[0] in lex["non_person_starts"]:
        return "MISC"  # "The New York Times": no person's name opens with an article
    words = [w.partition("-")[2] if is_particle_name(w, lex["particles"]) else w for w in words]
    capital_words = [w for w in words if w[:1].isupper()]
    # more common nouns than proper ones: "Regional Security Office". Adjectives do not count against a
    # name: taggers read unknown foreign names as adjectives as often as not
    if tags and sum(t == "NOUN" for t in tags) > sum(t == "PROPN" for t in tags):
        return "MISC"
    if 2 <= len(capital_words) <= 4 and len(capital_words) == len([w for w in words if w.isalpha()]) \
            and all(w[1:].islower() for w in capital_words):
        return "PER"
    if 2 <= len(words) <= 5 and words[0][:1].isupper() and words[-1][:1].isupper() and any(w.islower() for w in words):
        return "PER" if any(w.lower() in ("van", "de", "der", "den", "al", "bin", "ibn") for w in words) else "MISC"
    return "MISC"


def tokenize(text: str, lang: str, offset: int = 0) -> tuple[list[Token], list[Sentence]]:
    """Tokens and sentences of `text` (spaCy rules), with offsets shifted by `offset`."""
    tokens, sentences, _ = _tokenize(text, lang, offset)
    return tokens, sentences


def _tokenize(text: str, lang: str, offset: int = 0):
    doc = _pipeline(lang)(text)
    return (*layer_parts(TextLayer(doc), lang, offset), doc)


def layer_parts(layer: TextLayer, lang: str, offset: int = 0) -> tuple[list[Token], list[Sentence]]:
    """A layer's tokens (with part of speech and lemma where it has them) and sentences, as the names
    layer reads them, offsets shifted by `offset`."""
    tokens = [Token(offset + t.start, offset + t.end, t.text, t.pos, t.lemma) for t in layer.tokens]
    return tokens, [Sentence(offset + s, offset + e, lang) for s, e in layer.sentences]


def annotate_text(text: str, lang: str, offset: int = 0) -> tuple[list[Token], list[Sentence], list[NerSpan]]:
    tokens, sentences = tokenize(text, lang, offset)
    full = " " * offset + text  # propose_names reads characters by document offset
    return tokens, sentences, propose_names(tokens, sentences, full, lang)


@register("lite")
class LiteBackend:
    name = "lite"

    def __init__(self, **_: object) -> None:
        pass

    def annotate(self, docs: Sequence[Document]) -> list[Annotation]:
        out = []
        for doc in docs:
            lang = doc.language or "nl"
            tokens, sentences, layer = _tokenize(doc.text, lang)
            ents = propose_names(tokens, sentences, doc.text, lang)
            out.append(Annotation(doc.id, self.name, tuple(tokens), tuple(sentences), tuple(ents), layer))
        return out

    def close(self) -> None:
        pass

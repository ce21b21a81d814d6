"""NLP stage, `lite` backend: spaCy's rule-based tokenizer and sentencizer plus capitalisation cues.

Pure Python, no trained model: it proposes every capitalised name (with its particles: "Anna van
der Berg", "Council on Foreign Relations") and types it from lexicon cues (organisation keywords,
titles and speech verbs before persons, place prepositions) and from the gazetteer. Names it cannot
type come out as MISC, which the later stages do not count as actors. It also serves the Frog
backend for paragraphs in English, which Frog's Dutch models cannot read.
"""
from __future__ import annotations

import re
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
# parts of speech of words that only open a run of capitals when a headline or byline capitalises them
FUNCTION_WORDS = {"ADP", "CCONJ", "SCONJ", "AUX", "PRON"}
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
        # lower-case nouns that say what kind of thing the next name is ("de rebellengroep X", "the town of X")
        "org_nouns": set(lex.get("org_nouns", ())),
        "place_nouns": set(lex.get("place_nouns", ())),
        "compounds": bool(lex.get("compound_keywords")),
        "person_particles": set(lex.get("person_particles", ())),
        "org_particles": set(lex.get("org_particles", ())),
        # "minister van Binnenlandse Zaken Fred Kamau": the portfolio is no part of the name
        "portfolios": set(lex.get("portfolios", ())),
        "compass": set(lexicon_words("compass_words")),
        "facilities": {w.lower() for words in (lex.get("facilities") or {}).values() for w in words},
    }


@lru_cache(maxsize=2)
def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(_pipeline(lang).Defaults.stop_words)


def _is_cap(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _compound_tail(word: str) -> bool:
    """"Haram-leider", "Zaken-minister": a name glued to a common noun, which ends the name there."""
    tail = word.rpartition("-")[2]
    return "-" in word and len(tail) >= 3 and tail.isalpha() and tail.islower()


def _particle_start(tokens: list[Token], i: int, text: str, particles: set[str]) -> bool:
    """"al-Murabitoon" (one token or three): a lower-case particle glued to a name opens that name."""
    tok = tokens[i]
    if is_particle_name(tok.text, particles):
        return True
    return (tok.text.lower() in particles and i + 2 < len(tokens) and tokens[i + 1].text == "-"
            and tokens[i + 1].start == tok.end and tokens[i + 2].start == tokens[i + 1].end
            and _is_cap(tokens[i + 2].text))


def _candidate_runs(tokens: list[Token], text: str, particles: set[str],
                    org_particles: frozenset[str] | set[str] = frozenset(),
                    org_words: frozenset[str] | set[str] = frozenset()) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of capitalised names, joining hyphens and particles inside them.

    A name glued to a lower-case noun ("Boko Haram-leider Abu Bakar") ends with that compound, so
    the person after it starts a name of their own; `org_particles` join only after an organisation
    keyword ("Committee on Foreign Affairs", but "Smith on Monday" stays apart)."""
    runs, i, n = [], 0, len(tokens)
    while i < n:
        if not _is_cap(tokens[i].text) and not _particle_start(tokens, i, text, particles):
            i += 1
            continue
        if _compound_tail(tokens[i].text):
            runs.append((i, i + 1))
            i += 1
            continue
        j = i + 1
        while j < n:
            tok, prev = tokens[j], tokens[j - 1]
            glued = tok.start == prev.end
            if (_is_cap(tok.text) or is_particle_name(tok.text, particles)) and (glued or text[prev.end:tok.start] == " "):
                j += 1
                if _compound_tail(tok.text):
                    break
            elif (tok.text in ("'s", "’s") or tok.text in "'’" and prev.text.endswith("s")) and glued \
                    and _possessive_in_name(tokens, j, text, org_words):
                j += 1  # "People's Liberation Army", "Workers' Party", where the tokenizer splits off the "'s"
            elif tok.text in "-'’" and glued and j + 1 < n and tokens[j + 1].start == tok.end:
                j += 2  # "ISIS-K", "Al-Azaim", "Haqqani-netwerk"
                if tok.text == "-" and _compound_tail("x-" + tokens[j - 1].text):
                    break
            elif (tok.text.lower() in particles or tok.text in org_particles and prev.text in org_words) \
                    and j + 1 < n and _is_cap(tokens[j + 1].text) and text[prev.end:tok.start] == " ":
                j += 2
            elif tok.text.lower() in particles and j + 2 < n and tokens[j + 1].text.lower() in particles \
                    and _is_cap(tokens[j + 2].text) and not gazetteer.is_acronym(tokens[j + 2].text) \
                    and any(t.text in org_words for t in tokens[i:j]) \
                    and text[prev.end:tok.start] == text[tok.end:tokens[j + 1].start] == " ":
                j += 3  # "Observatorium voor de Mensenrechten"; "Battalion of the TAK" is a part of the TAK
            elif tok.text.lower() in particles and j + 1 < n and text[prev.end:tok.start] == " " \
                    and text[tok.end:tokens[j + 1].start] == " " and _particle_start(tokens, j + 1, text, particles):
                j += 2  # "Nusrat ul-Islam wa al-Muslimin": "and" before a particle glued to a name
            elif tok.text.lower() in particles and j + 2 < n and tokens[j + 1].text == "-" \
                    and _is_cap(tokens[j + 2].text) and tokens[j + 1].start == tok.end \
                    and tokens[j + 2].start == tokens[j + 1].end:
                j += 3  # "Karim al-Hadi", "Abu al-Masri"
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _possessive_in_name(tokens: list[Token], j: int, text: str, org_words) -> bool:
    """"People's Protection Units", "Workers' Party": a possessive inside an organisation's name, which a
    keyword ends. After a place it is the place's own ("Kenya's Defence Forces": two names)."""
    if j + 1 >= len(tokens) or text[tokens[j].end:tokens[j + 1].start] != " " or not _is_cap(tokens[j + 1].text):
        return False
    if gazetteer.load().place(tokens[j - 1].text) or gazetteer.load().match(tokens[j - 1].text):
        return False
    for tok in tokens[j + 1:j + 5]:
        if not _is_cap(tok.text):
            return False
        if tok.text in org_words:
            return True
    return False


def propose_names(tokens: list[Token], sentences: Sequence[Sentence], text: str, lang: str) -> list[NerSpan]:
    """Capitalised-name spans with a typed guess (PER, ORG, LOC or MISC)."""
    lex, stops, gaz = _lexicon(lang), _stop_words(lang), gazetteer.load()
    line_starts = {t.start for t in tokens if t.start == 0 or text[t.start - 1] == "\n"}
    starts = sentence_starts(tokens, sentences) | line_starts
    mid_caps = {t.text for t in tokens if _is_cap(t.text) and t.start not in starts}
    runs = _candidate_runs(tokens, text, lex["particles"], lex["org_particles"], lex["org"])
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
        while j - i > 1 and tokens[j - 1].text.lower() in stops and (
                tokens[j - 1].tag in COMMON_WORDS - {"NOUN"} or not tokens[j - 1].tag
                and tokens[j - 1].text not in lex["org"] | lex["place_words"] | lex["titles"]):
            j -= 1  # "Karin Vos Yesterday's raid": a capitalised word of a headline after the name
        while j - i > 1 and tokens[i].tag in FUNCTION_WORDS and tokens[i].text.lower() in stops:
            i += 1  # "By Jane Doe", mid-line: a preposition that a byline or headline capitalised
        if i >= j:
            continue
        if j - i >= 3 and tokens[i].text.lower() in lex["person"]:
            i += 1  # "Analyst Farea al-Muslimi": a role word opening the sentence
        portfolio = _after_portfolio(tokens, i, j, lex)
        titled = _after_title(tokens, portfolio, j, text, lex, gaz)
        titled, i = titled > i, titled
        first = tokens[i]
        if first.start in starts and (
                first.text.lower() in stops or j - i > 1 and _inflected_word(first) and first.text not in mid_caps
                or j - i > 1 and first.text not in mid_caps and not gaz.match(first.text) and not gaz.place(first.text)
                and _known(gaz, text[tokens[i + 1].start:tokens[j - 1].end])):
            i += 1  # a capital that only shows where a sentence or headline starts ("Aanslag Mogadishu")
            while i < j - 1 and tokens[i].text in lex["particles"]:
                i += 1  # "Inwoners van Rotterdam": the word's "van" was never the name's
            if i >= j:
                continue
        words = [t.text.rstrip(".") if k == j - 1 else t.text for k, t in enumerate(tokens[i:j], start=i)]
        start, end = tokens[i].start, tokens[j - 1].end
        # "Mohammed B.": Dutch and Belgian news name suspects by an initial; that full stop is the name's
        initialled = j - i >= 2 and INITIAL.fullmatch(tokens[j - 1].text) is not None \
            and _person_shaped(text[start:tokens[j - 2].end] + " X", lex)
        if text[end - 1] == "." and end - start > 1 and not initialled:
            end -= 1  # the tokenizer keeps a full stop on abbreviations ("VN.", "U.S.") at a sentence end
        surface = text[start:end]
        at_start = tokens[i].start in starts
        place = gaz.place(surface) if j - i == 1 else None
        if at_start and j - i == 1 and surface not in mid_caps and not gaz.match(surface) \
                and (place is None or tokens[i].tag in COMMON_WORDS and not _prominent(place)
                     or not tokens[i].tag and place.key.startswith("geo:") and place.population < 100_000):
            continue  # a capital that opens a sentence; "Bron: ..." is a word even if a town has its name
            # (without tags, only a large town's name is taken at a sentence start)
        if gaz.demonym(surface) or surface.lower() in stops:
            continue
        before = _cue_before(tokens, i, lex)
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
        if titled and label == "MISC" or initialled and label in ("MISC", "LOC"):
            label = "PER"
        elif label == "PER" and before not in lex["person"] and _quoted(text, start, end):
            label = "MISC"  # "'Lone Wolf' attacks", a book called "Dirty Wars": a term in quotes, no one's name
        elif label in ("MISC", "PER") and not titled and before not in lex["person"] and not gaz.match(surface):
            label = _context_label(tokens, i, j, lex) or label
        spans.append(NerSpan(start, end, label, "lite"))
    # "Lister zegt ...": a lone word that is the surname of a person named in full in this document, also
    # where a preposition made it look like a place ("according to Lister")
    surnames = {text[s.start:s.end].split()[-1] for s in spans if s.label == "PER" and " " in text[s.start:s.end]}
    surnames |= {w.partition("-")[2] for w in surnames if is_particle_name(w, lex["particles"])}
    return [NerSpan(s.start, s.end, "PER", s.source)
            if text[s.start:s.end] in surnames and (s.label == "MISC" or s.label == "LOC" and not _known(gaz, text[s.start:s.end]))
            else s for s in spans]


QUOTES_OPEN, QUOTES_CLOSE = set("\"'‘“„«"), set("\"'’”»")


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] in QUOTES_OPEN and end < len(text) and text[end] in QUOTES_CLOSE


def _inflected_word(tok: Token) -> bool:
    """A word the tagger knows as a common word in an inflected form ("Inwoners", lemma "inwoner"): at a
    sentence start its capital says nothing."""
    return tok.tag in COMMON_WORDS and bool(tok.lemma) and tok.lemma.lower() != tok.text.lower()


INITIAL = re.compile(r"[A-Z]\.")
# places whose name, opening a sentence, is a name even where the tagger reads it as a word ("Islamabad
# frequently says"): countries, regions and cities of half a million or more
PROMINENT_POPULATION = 500_000


def _prominent(place) -> bool:
    return not place.key.startswith("geo:") or place.population >= PROMINENT_POPULATION


def _lower_part(word: str) -> str:
    """"leider" for "Haram-leider": the noun that a Dutch compound ends in."""
    return word.rpartition("-")[2].lower()


def _cue_before(tokens: list[Token], i: int, lex: dict) -> str:
    """The word before a name as the cues read it: a compound's noun ("Boko Haram-leider"), or the
    lemma of an inflected cue ("zei" is "zeggen") where the backend gives lemmas."""
    if i == 0:
        return ""
    tok = tokens[i - 1]
    word = tok.text.lower()
    for form in (word, _lower_part(word), (tok.lemma or "").lower()):
        if form in lex["person"]:
            return form
    return word


def _is_kind(word: str, nouns: set[str], compounds: bool) -> bool:
    """`word` is one of `nouns`, or in a compounding language ends in one ("rebellengroep", "energiebedrijf")."""
    word = word.lower()
    return word in nouns or compounds and any(word.endswith(n) for n in nouns if len(n) >= 4)


def _context_label(tokens: list[Token], i: int, j: int, lex: dict) -> str | None:
    """The type the words around a name give it: a noun for a kind of organisation or place right before
    it ("de rebellengroep X", "the town of X", "de provincie X"), or an apposition after it ("X, an
    affiliate of ...", "X, a Tuareg leader")."""
    k = i - 1
    if k >= 1 and tokens[k].text in ("of", "van") and _is_kind(tokens[k - 1].text, lex["place_nouns"], lex["compounds"]):
        return "LOC"  # "the town of X"
    if k >= 0 and tokens[k].text[:1].islower():
        if _is_kind(tokens[k].text, lex["place_nouns"], lex["compounds"]):
            return "LOC"
        if _is_kind(tokens[k].text, lex["org_nouns"], lex["compounds"]):
            return "ORG"
    if j + 2 < len(tokens) and tokens[j].text == "," and tokens[j + 1].text.lower() in APPOSITION_ARTICLES:
        for tok in tokens[j + 2:j + 6]:
            if not tok.text[:1].isalnum():
                break
            word = tok.text.lower()
            if word in lex["org_nouns"]:
                return "ORG"
            if word in lex["person"]:
                return "PER"
            if word in lex["place_nouns"]:
                return "LOC"
    return None


APPOSITION_ARTICLES = {"a", "an", "the", "een", "de", "het"}


def _after_portfolio(tokens: list[Token], i: int, j: int, lex: dict) -> int:
    """Where the name starts after a portfolio that follows "minister van" ("minister van Binnenlandse
    Zaken Fred Kamau"): the portfolio words are no part of the person's name."""
    if i < 2 or tokens[i - 1].text.lower() not in ("van", "of", "voor", "for") \
            or tokens[i - 2].text.lower() not in lex["person"] or tokens[j - 1].text in lex["portfolios"]:
        return i
    k = i
    while k < j - 1 and tokens[k].text in lex["portfolios"]:
        k += 1
    return k


def _person_shaped(surface: str, lex: dict) -> bool:
    """Two to five words of two to four capitalised names, with the particles persons' names carry
    ("Abu Bakr al-Baghdadi", "Iyad ag Ghali", "Fred Matiang'i", "R R Sharma"); "Bank of England" is not."""
    parts = surface.split()
    if not 2 <= len(parts) <= 5 or not parts[0][:1].isupper() or not any(c.isupper() for c in parts[-1]):
        return False
    names = 0
    for part in parts:
        pieces = re.split(r"([-'’])", part)
        for n, piece in enumerate(pieces):
            if piece in ("-", "'", "’"):
                continue
            if not piece or not piece.isalpha():
                return False
            if piece.lower() in lex["person_particles"]:
                continue
            if n >= 2 and pieces[n - 1] in "'’" and len(piece) <= 2 and piece.islower():
                continue  # "Matiang'i"
            if not piece[:1].isupper() or not (piece[1:].islower() or len(piece) == 1):
                return False
            names += 1
    return 2 <= names <= 4


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
    if first_place and (not first_place.key.startswith("geo:") or first_place.population >= 100_000
                        and (words[-1].lower() in lex["facilities"] or not _person_shaped(surface, lex))):
        return "MISC"  # "Schiphol Airport", "Lagos Airport": a facility named after its place; "Aden Farah" is a person
    if gaz.place(surface):
        return "LOC"
    if before in lex["place"] and len(words) == 1 and words[0] not in lex["compass"]:
        return "LOC"  # "naar Gao"; but "naar West" is a direction
    if words[0] in lex["non_person_starts"]:
        return "MISC"  # "The New York Times": no person's name opens with an article
    # more common nouns than proper ones: "Regional Security Office". Adjectives do not count against a
    # name: taggers read unknown foreign names as adjectives as often as not
    if tags and sum(t == "NOUN" for t in tags) > sum(t == "PROPN" for t in tags):
        return "MISC"
    return "PER" if _person_shaped(surface, lex) else "MISC"


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

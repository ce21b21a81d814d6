"""Where an event happened, as the words of one document say: which names are places of the scene
and which only qualify something, datelines, places the text writes inside others, capitals and
towns pointed at ("de Keniaanse hoofdstad", "die stad"), and which of two places is the more specific.

Read by `events`; everything here is per document.
"""
from __future__ import annotations

import re

from dataclasses import replace
from functools import lru_cache

from .. import gazetteer
from ..data import LANGUAGES, lexicon_words, load_yaml
from ..model import Span
from ..text import Tok, Unit
from . import lexicon
from .context import DocContext, Placed
from .mentions import DATELINE_TAIL
from .numbers import word_value


@lru_cache(maxsize=1)
def place_words() -> tuple[frozenset[str], dict[str, str]]:
    preps: set[str] = set()
    sites: dict[str, str] = {}
    for code in LANGUAGES:
        lex = load_yaml(f"lexicon/{code}.yaml")
        preps.update(w.lower() for w in lex["place_prepositions"])
        for site, words in lex["facilities"].items():
            sites.update({w.lower(): site for w in words})
    return frozenset(preps), sites


def owns(ctx: DocContext, owner: Placed, place: Placed) -> bool:
    """"Y's X", with at most two lower-case words between ("Y's restive X")."""
    between = ctx.text(owner.end, place.start).strip()
    if not between.startswith(("'s", "’s")):
        return False
    rest = between[2:].split()
    return len(rest) <= 2 and all(w.isalpha() and w.islower() for w in rest)


def is_dateline(ctx: DocContext, place: Placed) -> bool:
    """The place opens a line and a dateline's colon, dash or agency follows ("KABUL:", "Lagos (AFP) -")."""
    text = ctx.doc.text
    if text[text.rfind("\n", 0, place.start) + 1:place.start].strip():
        return False
    surface = text[place.start:place.end]
    bare_dash = surface.isupper() and bool(re.match(r"\s+[-–—]\s", text[place.end:place.end + 3]))  # "ISLAMABAD - "
    return text[place.end:place.end + 1] == ":" or bare_dash or bool(DATELINE_TAIL.match(text, place.end))


CAPITAL_OF = re.compile(r"^\s*,?\s*(?:de|the)\s+(?:[\w-]+\s+)?(?:hoofdstad|capital)\s+(?:van|of)\s", re.IGNORECASE)


def capital_of(ctx: DocContext, inner: Placed, outer: Placed) -> bool:
    """"X, de hoofdstad van de regio Y", "X, the provincial capital of Y": the text puts X in Y."""
    return inner.end <= outer.start and bool(CAPITAL_OF.match(ctx.text(inner.end, outer.start)))


def written_inside(ctx: DocContext, inner: Placed, outer: Placed) -> bool:
    """Only "in" (or a place noun and "of"), articles, adjectives and place nouns stand between the two places."""
    between = ctx.tokens_in(inner.end, outer.start)
    if len(between) > 1 and between[0].low in lexicon_words("place_nouns") and between[1].low in ("of", "van"):
        between = between[1:]  # "X district of Y"
        return len(between) <= 4 and all(t.pos in ("ADP", "DET", "ADJ", "NOUN", "VERB", "") for t in between[1:])
    return bool(between) and between[0].low in ("in", "inside", "binnen") and len(between) <= 4 \
        and all(t.pos in ("ADP", "DET", "ADJ", "NOUN", "") for t in between[1:])


def clause_span(ctx: DocContext, toks: list[Tok], at: int) -> tuple[int, int]:
    """The span of the clause around position `at`: cut at semicolons and at "en"/"and"/"maar"/"but"
    or a comma right before a verb (a new clause, not a list of places: "in Irak en Syrië veroverd")."""
    cuts = lexicon.cues()["clause_joiners"]
    relatives = set(lexicon.cues()["relative_pronouns"])
    lo, hi = toks[0].start if toks else at, toks[-1].end if toks else at
    for i, t in enumerate(toks):
        # ", een incident dat ...", ", which ...": a relative clause after a comma tells of something else
        relative = t.low == "," and any(x.low in relatives for x in toks[i + 1:i + 4])
        if t.low == ";" or relative or (t.low in cuts and i + 1 < len(toks) and toks[i + 1].pos in ("VERB", "AUX")):
            if t.end <= at:
                lo = t.end
            elif t.start >= at:
                hi = t.start
                break
    return lo, hi


def not_the_scene(ctx: DocContext, place: Placed) -> bool:
    """A place that only qualifies something ("Panama-flagged", "Iran-backed", "US-led", a group's
    "Al-Qaida Jemen") or that the scene lies away from ("30 km from Srinagar", "ten noorden van X") is not where the event happened."""
    after = ctx.text(place.end, place.end + 2)
    if after.startswith("-") and after[1:2].islower():
        return True
    # "drie Zweden": a counted name is a people ("Zweden" is Sweden and the Swedes), not a place; "by the US",
    # "door Rusland": a name after the agent's preposition is who acts, not where
    before_word = ctx.text(max(0, place.start - 20), place.start).split()[-1:]
    if before_word and before_word[0].lower() in lexicon.cues()["by"]:
        return True
    if before_word and ((before_word[0].isdigit() and int(before_word[0]) < 1000)  # not a year: "in 2014 Mosul"
                        or word_value(before_word[0].lower(), ctx.lang) is not None):
        return True
    # "Al-Qaida Jemen", "IS Sinai": a place right after a group's name is part of what the group is called
    if any(o.end < place.start and not ctx.text(o.end, place.start).strip()
           for o in ctx.mentions_in(max(0, place.start - 60), place.start, ("ORG",))):
        return True
    before = ctx.text(max(0, place.start - 40), place.start).lower()
    # "de regering in Maputo", "the government in Kabul": the seat that speaks for a state, not the scene
    words = before.split()
    if len(words) >= 2 and words[-1] in ("in", "te") and words[-2] in lexicon.cues()["government_nouns"]:
        return True
    # "ten zuiden van de hoofdstad Manila": articles and a kind of place may stand between
    cue = lexicon.cues()
    skip = {*cue["definite"], "the", *cue["town_nouns"], *cue.get("place_nouns", ()), *cue.get("capital_nouns", ())}
    return any(all(w in skip for w in before[e:].split()) for _, e, _ in lexicon.find(before, "away_from"))


def country_of_a_site(ctx: DocContext, toks: list[Tok], site_words: dict[str, str]) -> Placed | None:
    """"an upscale Kenyan mall", "een Nigeriaanse school": a sentence that names no place but a site of a
    country's adjective is in that country, where the document names it."""
    for t, code in site_demonyms(toks, site_words):
        country = country_mention(ctx, code)
        if country is not None:
            return pointed_at(country, t.start, t.end)
    return None


def site_demonyms(toks: list[Tok], site_words: dict[str, str]) -> list[tuple[Tok, str]]:
    """The country adjectives before a site, town or capital noun ("Kenyan mall", "Somalische hoofdstad"),
    with the country's ISO code."""
    gaz = gazetteer.load()
    nouns = {*lexicon.cues()["town_nouns"], *lexicon.cues()["capital_nouns"]}
    out = []
    for i, t in enumerate(toks):
        if not t.text[:1].isupper() or not (code := gaz.demonym(t.text)):
            continue
        if any(n.low in site_words or n.low in nouns or n.low.rsplit("-", 1)[-1] in site_words for n in toks[i + 1:i + 3]):
            out.append((t, code))
    return out


def country_hint(ctx: DocContext) -> str | None:
    """The one country the document puts sites or towns in by adjective ("a Kenyan mall", "de Somalische
    hoofdstad"): what an unplaced report of it can be told apart by."""
    _, site_words = place_words()
    codes = {code for u in ctx.units for _, code in site_demonyms(ctx.tokens_in(u.start, u.end), site_words)}
    return codes.pop() if len(codes) == 1 else None


def country_mention(ctx: DocContext, code: str) -> Placed | None:
    """The document's first mention of the country with ISO code `code`, if it names it."""
    return next((p for p in ctx.placed if p.entity.key == f"country:{code}"), None)


def pointed_at(place: Placed, start: int, end: int) -> Placed:
    """`place`'s entity at the words that point at it ("de Keniaanse hoofdstad", "die stad")."""
    return Placed(replace(place.mention, span=Span(place.mention.span.doc, start, end)), place.entity)


def that_town(ctx: DocContext, unit: Unit, toks: list[Tok], places: list[Placed]) -> Placed | None:
    """"In die stad in Mali", "that city": the town the text named last before, where the
    sentence names no town itself (only, perhaps, the country it lies in); "de stad", "the city": the one
    town the sentence before names, where the sentence names no place at all."""
    if any((p.entity.key or "").startswith("geo:") for p in places):
        return None
    cue = lexicon.cues()
    before = [u for u in ctx.units if u.end <= unit.start][-1:]
    for a, b in zip(toks, toks[1:]):
        if b.low not in cue["town_nouns"]:
            continue
        # "die stad" points back anywhere; "de stad" only at the one town the sentence before names
        if a.low in cue["demonstratives"]:
            countries = {p.entity.country for p in places if p.entity.country}
            earlier = [p for p in ctx.placed if p.end <= unit.start and (p.entity.key or "").startswith("geo:")
                       and (not countries or p.entity.country in countries)]
        elif a.low in cue["definite"] and not places and before and before[0].paragraph == unit.paragraph:
            earlier = [p for p in ctx.mentions_in(before[0].start, before[0].end, ("LOC",))
                       if (p.entity.key or "").startswith("geo:")]
            earlier = earlier if len({p.entity.id for p in earlier}) == 1 else []
        else:
            earlier = []
        if earlier:
            return pointed_at(earlier[-1], a.start, b.end)
    return None


def venue(ctx: DocContext, place: Placed, site_words: dict[str, str], places: list[Placed]) -> bool:
    """A name right before a kind of site names the venue ("het Plaza-hotel", "the Riverside mall"), not
    the place of the event, where no gazetteer knows it or the town it would be lies in another country
    than the sentence's other places."""
    others = {p.entity.country for p in places if p is not place and p.entity.country}
    if place.entity.key and not ((place.entity.key or "").startswith("geo:") and others
                                 and place.entity.country not in others):
        return False
    after = ctx.tokens_in(place.end, place.end + 40)[:1]
    head = ctx.text(place.start, place.end).rsplit("-", 1)[-1].lower()
    # a compound that holds a kind of site ("hotelcomplex", "winkelcentrum") names one too
    return bool(after) and (after[0].low.rsplit("-", 1)[-1] in site_words
                            or any(w in after[0].low for w in site_words if len(w) > 4)) or head in site_words


def named_capital(ctx: DocContext, toks: list[Tok]) -> Placed | None:
    """"de Keniaanse hoofdstad", "the Turkish capital", "Mali's capital", "de hoofdstad van Mali": the
    capital, where the document names it somewhere (the mention stands at the words that point at it)."""
    nouns = lexicon.cues()["capital_nouns"]
    gaz = gazetteer.load()

    def country_at(t: Tok) -> str | None:
        named = [p for p in ctx.mentions_in(t.start, t.end, ("LOC",)) if (p.entity.key or "").startswith("country:")]
        return named[0].entity.key.split(":", 1)[1] if named else None

    for i, (a, b) in enumerate(zip(toks, toks[1:])):
        code = gaz.demonym(a.text) if b.low in nouns else None
        if code is None and b.low in ("'s", "’s") and i + 2 < len(toks) and toks[i + 2].low in nouns:
            code, b = country_at(a), toks[i + 2]  # "Mali's capital"
        if code is None and a.low in nouns and i + 2 < len(toks) and b.low in lexicon.cues()["whole_prepositions"]:
            code, a, b = country_at(toks[i + 2]), a, toks[i + 2]  # "de hoofdstad van Mali"
        if not code or not (name := gazetteer.capital(code)):
            continue
        entry = gaz.place(name)
        for p in ctx.placed:
            if p.entity.type == "LOC" and ((entry and p.entity.key == entry.key) or gazetteer.fold(p.entity.name) == gazetteer.fold(name)):
                return pointed_at(p, a.start, b.end)
    return None


def place_ok(a: Placed | None, b: Placed | None, around: dict[str, list] | None = None) -> bool:
    """Equal or nested places: by the gazetteer (a city in its country), or as the document writes them
    (`around`: "de wijk X in Y", "Y's X district")."""
    if a is None or b is None:
        return True
    if a.entity.id == b.entity.id or a.entity.contains(b.entity) or b.entity.contains(a.entity):
        return True
    # "in het centrum van Mali ... het kamp bij Boulkessi": a place no gazetteer knows may lie in the country
    # the document's event is in
    if any(unknown_place(x) and (y.entity.key or "").startswith("country:") for x, y in ((a, b), (b, a))):
        return True
    return bool(around) and (written_within(b, a, around) or written_within(a, b, around))


def unknown_place(p: Placed) -> bool:
    return not p.entity.key and not p.entity.country


def written_within(inner: Placed, outer: Placed, around: dict[str, list]) -> bool:
    return any(o.id == outer.entity.id or outer.entity.contains(o) for o in around.get(inner.entity.id, ()))


def written_around(ctx: DocContext) -> dict[str, list]:
    """For each place the document writes inside another ("de wijk X in Y", "X district of Y", "Y's X"),
    the places around it, the outer ones' own outer places included."""
    around: dict[str, list] = {}
    for unit in ctx.units:
        places = [p for p in ctx.mentions_in(unit.start, unit.end, ("LOC",)) if not not_the_scene(ctx, p)]
        for p, q in zip(places, places[1:]):
            inner, outer = (p, q) if written_inside(ctx, p, q) else (q, p) if owns(ctx, p, q) else (None, None)
            if inner is not None and inner.entity.id != outer.entity.id:
                around.setdefault(inner.entity.id, []).append(outer.entity)
    for outers in around.values():
        for o in list(outers):
            outers += [x for x in around.get(o.id, ()) if x not in outers]
    return around


def more_specific(a: Placed | None, b: Placed | None) -> Placed | None:
    if a is None or b is None:
        return a or b
    return b if a.entity.contains(b.entity) else a


def prepositioned(ctx: DocContext, unit: Unit, place: Placed | None) -> bool:
    """The place follows a place preposition ("in de Malinese hoofdstad Bamako": only articles,
    adjectives and place nouns between)."""
    if place is None:
        return False
    preps, _ = place_words()
    for t in reversed(ctx.tokens_in(unit.start, place.start)[-5:]):
        if t.low in preps:
            return True
        if t.pos not in ("DET", "ADJ", "NOUN", "X", "") or not t.text[0].isalpha():
            return False
    return False

"""Event reports: what one document says about each attack, execution or seizure it reports.

A unit (sentence or list item) reports an event when it has a trigger word and something that
pins the event down: a casualty figure, or a named place with a date, a definite article or a
singular noun ("een zelfmoordaanslag in X"). Plural triggers without article are generic talk
("aanslagen plegen"), and a trigger over several places or years is a campaign summary, not an
event. A definite mention without a new place ("de aanslag werd opgeëist door ...") adds to an
event the document already reported. List items under a heading that names an actor ("Which
earlier attacks did X carry out?") are events of that actor, each at its own date.

Everything here is per document; `kroniek.fuse` joins the reports of different documents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..dates import compatible, find_times, last_explicit, resolve
from ..model import Attribution, Range, Report, Span
from ..text import Tok, Unit
from . import lexicon
from .actors import (add_attackers, attributions_of, channel_ids, claims_in, deed_by, organisations, state_actor,
                     striking_state, suspected_in)
from .context import DocContext, Placed
from .figures import casualties, is_vague
from .figures import figures as all_figures
from .numbers import word_value
from .places import (capital_of, clause_span, country_hint, country_of_a_site, is_dateline, more_specific, named_capital,
    not_the_scene, owns, place_ok, place_words, prepositioned, that_town, unknown_place, venue, written_around,
    written_inside)

YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
# a dateline opening a sentence: a place in capitals, perhaps a date and an agency, then a dash or colon
DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,40}(?:,[^\n()–—-]{1,30}?)?\s*(?:\([^()\n]{1,30}\))?\s*[-–—:]\s+(?=[A-Z\"“‘'])")
QUOTE_MARKS = frozenset("\"'“”‘’„«»")
MAX_PLACING_WORDS = 9  # words between an event's noun and its place after a verb of happening
MAX_PLACE_DISTANCE = 12  # tokens between a trigger and its place when no figure ties the sentence to an event


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    type: str
    subtype: str | None
    pos: str
    plural: bool
    definite: bool
    indefinite: bool
    negated: bool
    counted: bool = False  # "vijf raketten", "77 aanvallen"
    another: bool = False  # "een andere aanslag", "a second attack": not the event told before

    @property
    def generic(self) -> bool:
        """Talk about attacks in general ("aanslagen plegen"), or a count of many ("77 aanvallen")."""
        if self.pos == "verb" or not self.plural:
            return False
        return not (self.definite or self.counted) or (self.counted and self.subtype is None)


@dataclass
class _Draft:
    """One document's event while its units are read."""

    type: str
    subtype: str | None
    location: Placed | None
    date: str | None
    sites: set[str]
    evidence: Span
    killed: Range | None = None
    injured: Range | None = None
    attributions: list[Attribution] = field(default_factory=list)
    unknown: bool = False
    spans: list[Span] = field(default_factory=list)
    list_id: int | None = None
    another: bool = False
    headline: bool = False  # its toll is a headline's, which the body's own count replaces


class _PlaceIndex:
    """The drafts that `place_ok` may accept for a place: those of the event's type at no place, at
    the place itself, at the country it lies in or, for a country, at a place in it or at a place no
    gazetteer knows (and for such a place, at any country). A draft is filed
    again whenever a sentence moves it to a more specific place. Reading every draft for every
    sentence made a long article quadratic in the events it reports."""

    def __init__(self) -> None:
        self._at: dict[tuple[str, str, str], set[int]] = {}
        self._filed: dict[int, tuple[int, set[tuple[str, str, str]]]] = {}  # id(draft) -> (position, keys)

    @staticmethod
    def _keys(kind: str, place: Placed | None) -> set[tuple[str, str, str]]:
        if place is None:
            return {(kind, "none", "")}
        e = place.entity
        keys = {(kind, "id", e.id)}
        if unknown_place(place):
            keys.add((kind, "unknown", ""))
        if e.country:
            keys.add((kind, "in", e.country))
        if e.key and e.key.startswith("country:"):
            keys.add((kind, "is", e.key.split(":", 1)[1]))
        return keys

    def file(self, draft: _Draft, position: int | None = None) -> None:
        """File a new draft at its position in the list, or file a known one again after `_absorb`."""
        if position is None:
            position, old = self._filed[id(draft)]
            for key in old:
                self._at[key].discard(position)
        keys = self._keys(draft.type, draft.location)
        for key in keys:
            self._at.setdefault(key, set()).add(position)
        self._filed[id(draft)] = (position, keys)

    def near(self, kind: str, place: Placed) -> list[int]:
        """Positions, in order, of the drafts of type `kind` that may be at `place`."""
        e = place.entity
        wanted = {(kind, "none", ""), (kind, "id", e.id)}
        if e.country:
            wanted.add((kind, "is", e.country))  # a draft at the country that contains the place
        if e.key and e.key.startswith("country:"):
            wanted.add((kind, "in", e.key.split(":", 1)[1]))  # a draft at a place inside this country
            wanted.add((kind, "unknown", ""))  # or at a place no gazetteer knows
        if unknown_place(place):
            wanted |= {key for key in self._at if key[0] == kind and key[1] == "is"}
        return sorted(set().union(*(self._at.get(key, set()) for key in wanted)))


_POS_WORD = {"NOUN": "noun", "PROPN": "noun", "VERB": "verb", "AUX": "verb", "ADJ": "adj"}


def find_triggers(ctx: DocContext, unit: Unit) -> list[Trigger]:
    table = lexicon.cues()["triggers"]
    toks = ctx.tokens_in(unit.start, unit.end)
    found: list[tuple[int, int, list]] = []
    multi = tuple(p for p in table if " " in p)
    for s, e, text in _find_phrases(ctx.unit_text(unit), multi, unit.start):
        pattern = text if text in table else _gap_pattern(text, multi)  # "vielen ... aan" matches the words between
        if pattern is not None:
            found.append((s, e, table[pattern]))
    for t in toks:
        if any(s <= t.start < e for s, e, _ in found):
            continue
        if t.low in table:
            found.append((t.start, t.end, table[t.low]))
        elif "-" in t.low and t.low.rsplit("-", 1)[1] in table and table[t.low.rsplit("-", 1)[1]][2] == "noun":
            found.append((t.start, t.end, table[t.low.rsplit("-", 1)[1]]))  # "ADF-aanval", "IS-aanslag"
        elif (head := _compound_head(t.low)) and head in table:
            found.append((t.start, t.end, table[head]))  # "tramaanslag", "schoolontvoering"
        elif t.lemma and t.lem in table and table[t.lem][2] == _POS_WORD.get(t.pos):
            # an inflection the lexicon does not spell out ("bombings", "ontvoerde"), by its lemma and part of speech
            kind, subtype, pos, plural = table[t.lem]
            found.append((t.start, t.end, [kind, subtype, pos, plural or (pos == "noun" and t.low != t.lem)]))
    out = []
    cue = lexicon.cues()
    times = [(t.start, t.end) for t in find_times(ctx.unit_text(unit), unit.start, search=False)]
    for s, e, (kind, subtype, pos, plural) in sorted(found):
        # "the February 14 attack": a date's number counts nothing
        before = [t for t in toks if t.end <= s and not any(a <= t.start < b for a, b in times)][-4:]
        det = _determiner(before) if pos != "verb" else None  # "de stad ingenomen": the article is the object's
        negated = bool(before) and before[-1].low in cue["negations"]
        another = any(t.low in cue["another"] for t in before[-2:])
        out.append(Trigger(s, e, kind, subtype, pos, bool(plural), det == "definite", det == "indefinite", negated,
                           det == "counted", another))
    return out


SUBJECT_WORDS = 4  # the first tokens of a clause, where its subject (the killer) stands


def _killing_by_armed(ctx: DocContext, unit: Unit) -> list[Trigger]:
    """A unit with no word for an attack that tells of a killing by an armed group or armed men ("ADF fighters
    killed 41 people", "were killed by militants"): the verb as an attack's trigger. A state's forces
    killing fighters is not meant: the killer must be a group or armed men, not a state."""
    cue = lexicon.cues()
    toks = ctx.tokens_in(unit.start, unit.end)
    by = set(cue["by"])

    def counted(w: Tok) -> bool:
        return w.text[:1].isdigit() or word_value(w.low, ctx.lang) is not None

    def armed(span: list[Tok]) -> bool:
        """Armed men or a group named in `span`, not counted ("27 (Baloch) fighters" are the dead)."""
        if not span:
            return False
        uncounted = [i for i in range(len(span)) if not any(counted(w) for w in span[max(0, i - 2):i])]
        return any(span[i].low in cue["armed_nouns"] for i in uncounted) or any(
            (p.entity.key or "").startswith("group:") and any(span[i].start <= p.start < span[i].end for i in uncounted)
            for p in organisations(ctx, span[0].start, span[-1].end))

    clause_openers = {",", *cue.get("subordinators", ()), *cue["relative_pronouns"]}
    for k, t in enumerate(toks):
        if t.low not in cue.get("kill_verbs", ()):
            continue
        after = toks[k + 1:k + 3]
        # the killer is the subject, which opens the verb's clause: "Last Friday, ADF fighters killed", "dat
        # militanten ... hebben gedood" (not "dat ze ... 84 Wagner-strijders hebben gedood": the dead)
        clause = toks[next((i + 1 for i in range(k - 1, -1, -1) if toks[i].low in clause_openers), 0):k]
        before = clause[:SUBJECT_WORDS]
        # "were killed", "zijn gedood", a headline's "33 militants killed in ..." (no auxiliary, but no object
        # either; "killed at least 41" has one): who stands before is who died, and only "by X" names the
        # killer. A Dutch participle kills only after "hebben" ("hebben 41 mensen gedood")
        headline = bool(after) and after[0].low in cue["prepositions"] and not any(
            counted(w) for w in toks[k + 1:k + 4])
        passive = any(b.low in cue["passive_aux"] for b in clause) or headline or (
            t.low in cue.get("kill_participles", ()) and not any(b.low in cue.get("perfect_aux", ()) for b in clause))
        killer = not passive and armed(before)
        agent = next((a for a in after if a.low in by), None)
        if not killer and agent is not None:
            killer = armed(ctx.tokens_in(agent.end, unit.end)[:SUBJECT_WORDS])
        if killer and not (clause and clause[-1].low in cue["negations"]):
            return [Trigger(t.start, t.end, "attack", None, "verb", False, False, False, False)]
    return []


def _gap_pattern(matched: str, patterns: tuple[str, ...]) -> str | None:
    """The pattern with a gap ("vielen ... aan") that `matched` ("vielen in X een menigte aan") fits."""
    for p in patterns:
        head, _, tail = p.partition(" ... ")
        if tail and matched.startswith(head + " ") and matched.endswith(" " + tail):
            return p
    return None


def _compound_head(word: str) -> str | None:
    """The trigger a one-word compound ends in ("tramaanslag" -> "aanslag"), with at least three letters before it."""
    cue = lexicon.cues()
    if not word.isalpha() or word in cue.get("compound_trigger_exceptions", ()):
        return None
    return next((h for h in cue.get("compound_trigger_heads", ()) if word.endswith(h) and len(word) >= len(h) + 3), None)


def _find_phrases(text: str, phrases: tuple[str, ...], offset: int) -> list[tuple[int, int, str]]:
    return [(s, e, " ".join(m.split())) for s, e, m in lexicon.find_phrases(text, phrases, offset)]


def _determiner(before: list[Tok]) -> str | None:
    """definite, indefinite or counted ("vijf raketten") for the words before a trigger noun."""
    cue = lexicon.cues()
    for t in reversed([t for t in before if t.text not in QUOTE_MARKS][-3:]):  # 'the "terrorist attack"'
        if t.low in cue["definite"]:
            return "definite"
        if t.low in cue["indefinite"]:
            return "indefinite"
        if t.text[0].isdigit() or word_value(t.low, "nl") is not None:
            return "counted"
        if not t.text[0].isalnum() or t.text[0].isupper() or t.low in cue["prepositions"]:
            return None
    return None


def _location(ctx: DocContext, unit: Unit, at: int, drafts: list[_Draft],
              verb: Trigger | None = None) -> tuple[Placed | None, int]:
    """The most specific place the unit gives the event, and how many separate places it names. A
    state that is the subject of the trigger `verb` ("Korvia struck camps in X"), or that flies the air
    strike it names ("a Korvian drone strike"), is the actor, not the place."""
    preps, site_words = place_words()
    same = lexicon.cues()["same"]
    toks = ctx.tokens_in(unit.start, unit.end)
    for a, b in zip(toks, toks[1:]):
        if a.low in same and b.low in site_words:
            earlier = [d for d in drafts if site_words[b.low] in d.sites and d.location]
            if earlier:
                return earlier[-1].location, 1
    places = [p for p in ctx.mentions_in(unit.start, unit.end, ("LOC",)) if not not_the_scene(ctx, p)]
    places = [p for p in places if not venue(ctx, p, site_words, places)]
    if verb is not None and verb.pos == "verb" and (actor := state_actor(ctx, verb)) is not None:
        places = [p for p in places if p.mention.id != actor.mention.id]
    if verb is not None and verb.subtype == "air_strike" and (striker := striking_state(ctx, unit, verb)) is not None:
        places = [p for p in places if p.mention.id != striker.mention.id]  # "a US drone strike" is flown by the US
    capital = named_capital(ctx, toks) or that_town(ctx, unit, toks, places)
    # the town pointed at, unless the sentence names a place inside it
    if capital is not None and not any(capital.entity.contains(p.entity) for p in places if p.entity is not capital.entity):
        places = [p for p in places if p.entity is not capital.entity] + [capital]
    if not places:
        country = country_of_a_site(ctx, toks, site_words)
        return (country, 1) if country else (None, 0)
    # "KORVA: Twelve died in X": the dateline is where the story was filed
    datelines = {p.entity.id for p in places if is_dateline(ctx, p)}
    if len(datelines) == len({p.entity.id for p in places}):
        datelines = set()
    outer = {p.entity.id for p in places for q in places
             if q is not p and q.entity.id not in datelines and p.entity.contains(q.entity)}
    # "district X in de Nigeriaanse staat Y", "X district of Y": the text puts X in Y though no gazetteer knows X
    outer |= {q.entity.id for p, q in zip(places, places[1:]) if written_inside(ctx, p, q) or capital_of(ctx, p, q)}
    # "Y's X district", "Y's restive X": the owner holds the place
    outer |= {p.entity.id for p, q in zip(places, places[1:]) if owns(ctx, p, q)}
    outer |= datelines
    # places of another clause ("... veroverd en trekt op naar stad Y") do not make the event a campaign
    lo, hi = clause_span(ctx, toks, at)
    distinct = {p.entity.id for p in places if lo <= p.start < hi} - outer

    def rank(p: Placed):
        prev = [t for t in toks if t.end <= p.start][-1:]
        prepositioned = bool(prev) and prev[0].low in preps
        return (p.entity.id in outer, not prepositioned, abs(p.start - at))
    return min(places, key=rank), len(distinct)


def _event_times(ctx: DocContext, unit: Unit, times: list, trigger: int, claimed: bool = False) -> list:
    """The times that can date the event named at `trigger`: not one that opens a period after it
    ("the deadliest attack since the war began in 1989"), though "since the 2020 attack" dates the attack,
    nor one of something that followed it ("funerals were held on Thursday after the attack"), nor, where
    the sentence tells of a `claimed` event told before, the day of the claim ("X eiste zondag de
    aanslag op") or of a reaction to it ("marched on Sunday to condemn the attack"), though "X claimed
    Monday's attack" dates the attack."""
    if any(e <= trigger and len(ctx.tokens_in(e, trigger)) <= 3
           for _, e, _ in lexicon.find(ctx.unit_text(unit), "scene_words", unit.start)):
        # "a vigil near the scene of a car bombing on Friday": the time is the vigil's; only "the scene of
        # Friday's bombing" dates the event
        return [t for t in times if t.end <= trigger and ctx.text(t.end, t.end + 2) in ("'s", "’s")]
    opens = {s for s, _, _ in lexicon.find(ctx.unit_text(unit), "period_start", unit.start) if s > trigger}
    since = {w for w in lexicon.cues()["period_start"] if " " not in w}
    out = []
    after_words = set(lexicon.cues()["after_words"])
    for t in times:
        if t.end <= trigger and any(w.low in after_words for w in ctx.tokens_in(t.end, trigger)):
            continue  # "funerals were held on Thursday after the attack": Thursday is not the attack's
        if claimed and t.end <= trigger and ctx.text(t.end, t.end + 2) not in ("'s", "’s"):
            continue
        before = ctx.tokens_in(unit.start, t.start)[-6:]
        if before and before[-1].low in since and trigger > t.end:
            continue  # "voor het eerst sinds 2016 dat X aanvalt": the year is the last time, not this one
        clause = before[max((i + 1 for i, b in enumerate(before) if not b.text[0].isalnum()), default=0):]
        if not any(b.start in opens for b in clause):
            out.append(t)
    return out


def _sites(ctx: DocContext, unit: Unit) -> set[str]:
    """Kinds of place named in the unit, also as the head of a compound ("Al-Shuhada-school")."""
    _, site_words = place_words()
    heads = (t.low.rsplit("-", 1)[-1] for t in ctx.tokens_in(unit.start, unit.end))
    return {site_words[h] for h in heads if h in site_words}



def _overview(ctx: DocContext, unit: Unit, trig: Trigger, subtype: str | None, times: list) -> list[_Draft]:
    """The events of an overview sentence: after the trigger, each stretch up to a year that names one
    place is an attack there in that year, with that stretch as its evidence."""
    years = sorted((t for t in times if t.kind == "absolute" and t.value and len(t.value) == 4 and t.start > trig.end
                    and ctx.text(max(0, t.start - 4), t.start).strip().lower() in ("in", "of", "van")),
                   key=lambda t: t.start)  # "in 2008", not "since 2011"
    out: list[_Draft] = []
    start = trig.start
    _, site_words = place_words()
    for t in years:
        places = [p for p in ctx.mentions_in(start, t.start, ("LOC",)) if not not_the_scene(ctx, p)]
        if not places:
            places = [q for q in [country_of_a_site(ctx, ctx.tokens_in(start, t.start), site_words)] if q is not None]
        inner = [p for p in places if not any(p is not q and p.entity.contains(q.entity) for q in places)]
        if len({p.entity.id for p in inner}) == 1:
            span = Span(ctx.doc.id, start, t.end)
            out.append(_Draft(trig.type, subtype, inner[0], t.value, _sites(ctx, unit), span, spans=[span],
                              list_id=-unit.start - 1))  # one list: the overview's events stay apart
        start = t.end
    return out


def _list_actor(ctx: DocContext, heading: Unit) -> Placed | None:
    if not find_triggers(ctx, heading):
        return None
    orgs = organisations(ctx, heading.start, heading.end)
    return orgs[0] if orgs else None


def extract_events(ctx: DocContext) -> list[Report]:
    drafts: list[_Draft] = []
    filed = _PlaceIndex()
    previous_date: str | None = None
    list_actor: Placed | None = None
    list_id: int | None = None
    units = ctx.units
    tolls: list[tuple[Unit, dict, set[str], str | None]] = []  # units that give a toll but name no event
    loose_claims: list[tuple[Unit, list[Attribution]]] = []  # claims of an event no trigger names
    waiting: list[tuple[_Draft, _Draft | None]] = []  # references made before the event of the day is told
    # undated news is of the weeks before publication: its month, not its day
    published = ctx.doc.published.value[:7] if ctx.doc.published else None
    around = written_around(ctx)
    claimed = lexicon.has(ctx.doc.text, "claim")
    for i, unit in enumerate(units):
        if unit.bullet:
            if i and not units[i - 1].bullet:
                list_actor = _list_actor(ctx, units[i - 1])
                list_id = i
        else:
            list_actor, list_id = None, None
        text = ctx.unit_text(unit)
        times = find_times(text, unit.start)
        if (line := DATELINE.match(text)) is not None:  # "KABUL, Aug 18 (Reuters) -" dates the story, not the event
            times = [t for t in times if t.start >= unit.start + line.end()]
        triggers = [t for t in find_triggers(ctx, unit) if not t.negated]
        if all(t.generic for t in triggers):  # "Gunmen massacred 30 villagers": the killing is the deed
            triggers = _killing_by_armed(ctx, unit) or triggers
        own_words = claimed and _claimants_words(text)
        if not triggers:
            figures = {} if own_words else casualties(text, ctx.lang, unit.start)
            if figures.get("killed") or figures.get("injured"):
                dated = _event_times(ctx, unit, times, unit.start)
                when = resolve(dated[0], ctx.doc.published, previous_date) if dated else None
                tolls.append((unit, figures, {t.value[:4] for t in times if t.kind == "absolute" and t.value}, when))
            elif lexicon.has(text, "responsibility_nouns") and (claims := claims_in(ctx, unit)):
                # "X eist de verantwoordelijkheid op voor de overname van de wijk": a claim of an
                # event the text names with a word no trigger list has is the claim of the event it tells of
                loose_claims.append((unit, claims))
            elif lexicon.has(text, "suspicion") and (suspect := suspected_in(ctx, unit, channel_ids(ctx, unit))):
                # "No group claimed it, but suspicion fell on X": the suspect of the event the text tells of
                loose_claims.append((unit, [Attribution(suspect.entity.id, "suspected", Span(ctx.doc.id, unit.start, unit.end))]))
            previous_date = last_explicit(times, previous_date)
            continue
        # "Gewapende mannen hebben ... ontvoerd": the word for the attackers is no deed where a deed is named
        deeds = [t for t in triggers if not t.generic and t.pos != "adj"]
        trig = deeds[0] if deeds else next((t for t in triggers if not t.generic), triggers[0])
        verbs = [t for t in triggers if t.pos == "verb" and t.type != trig.type]
        after_words = set(lexicon.cues()["after_words"])
        led_up = trig.pos == "noun" and any(t.low in after_words for t in ctx.tokens_in(unit.start, trig.start)[-3:])
        if verbs and (led_up or trig.definite and all(t.definite or t.pos == "verb" for t in triggers)):
            # "twee mannen, veroordeeld voor de aanval, zijn opgehangen": the verb is the news, the definite
            # noun names an event told before; "na een bestorming ingenomen": the noun led up to the deed
            trig = verbs[0]
        subtype = next((t.subtype for t in sorted(triggers, key=lambda t: t.pos == "adj")
                        if t.subtype and t.type == trig.type), None)
        figures = {} if own_words else casualties(text, ctx.lang, unit.start)
        killed = figures.get("killed")
        injured = figures.get("injured")
        if killed is None and trig.type == "execution" and trig.pos == "verb":
            nxt = ctx.tokens_in(trig.end, unit.end)[:1]
            counted = [f for f in all_figures(text, ctx.lang, unit.start) if f.noun and not f.subset]
            if nxt and nxt[0].low in lexicon.cues()["indefinite"]:
                killed = (Range(1, 1), trig.start, nxt[0].end)
            elif counted:  # "twee mannen zijn opgehangen": the people executed
                killed = (counted[0].value, counted[0].start, counted[0].end)
        place, n_places = _location(ctx, unit, trig.start, drafts, trig)
        claims = lexicon.has(text, "claim")
        reacts = lexicon.has(text, "reaction_words")
        dated = sorted(_event_times(ctx, unit, times, trig.start, (claims or reacts) and trig.definite),
                       key=lambda t: abs(t.start - trig.start))
        when = resolve(dated[0], ctx.doc.published, previous_date) if dated else None
        if when is None and previous_date and lexicon.has(text, "then_words"):
            when = previous_date  # "Gewapende mannen vielen toen ... aan": at the time the text just gave
        years = {t.value[:4] for t in times if t.kind == "absolute" and t.value}
        previous_date = last_explicit(times, previous_date)
        has_figure = killed is not None or injured is not None
        # "thousands killed", "tientallen doden": an order of magnitude is how campaigns are summed up, so
        # alone it pins no single event down; with a place and a date it still counts as the event's toll
        pinned = any(f is not None and not is_vague(ctx.text(f[1], f[2])) for f in (killed, injured))
        # the one place of the document's opening sentence, after "in", is where its news happened
        lead = i <= 1 and n_places == 1 and prepositioned(ctx, unit, place)
        if (place is not None and not pinned and not lead and unit.start <= place.start < unit.end
                and _distance(ctx, trig, place) > MAX_PLACE_DISTANCE):
            place, n_places = None, 0
        # "luchtaanvallen op Aleppo", "air strikes on X": a named kind of attack aimed at one place is one
        # event, however many strikes it counts, and whatever other places the sentence names beside it
        aimed_at = _aimed_at(ctx, unit, trig) if trig.plural and trig.subtype is not None else None
        aimed = aimed_at is not None
        if aimed:
            place = aimed_at
        campaign = not pinned and not aimed and (n_places > 1 or len(years) > 1)
        # "bij acht aanslagen in X zijn 207 doden gevallen": attacks counted with one toll at one place are
        # reported as one (coordinated) event; a count with a year range or many places stays a summary
        coordinated = (trig.counted or bool(when and len(when) >= 7)) and pinned and n_places <= 1 \
            and len(years) <= 1 and place is not None
        generic = trig.generic and not coordinated and not aimed
        # "de ontvoering van 276 schoolmeisjes in april 2014": an event the text dates to another year
        # than its own is a past event of its own, placed or not
        past = bool(when and years and published) and not compatible(when[:4], published[:4]) and not trig.plural \
            and len(set(YEAR.findall(text))) == 1  # "in 2015 en 2016" sums up a campaign
        # "Een bestelbus vol springstof ontplofte zondag ...": the opening's deed on a day is the news,
        # though the text names its town only further on
        opening_deed = i <= 1 and trig.pos == "verb" and when is not None and len(when) == 10
        creates = not generic and not campaign and (pinned or past or opening_deed or (place is not None and (
            when or trig.definite or trig.pos == "verb" or not trig.plural or aimed)))
        refers = not creates and not campaign and (trig.definite or claims) and not generic
        if (generic or campaign) and len(years) > 1:
            # "aanslagen op het parlement in 2001 en op hotels in Mumbai in 2008": an overview gives each
            # year's attack its own place; each is an event of its own
            for past_event in _overview(ctx, unit, trig, subtype, times):
                filed.file(past_event, len(drafts))
                drafts.append(past_event)
            continue
        if not creates and not refers:
            continue
        if lexicon.has(text, "latter_words") and (told := [d for d in drafts if d.type == trig.type]):
            # "bij die laatste aanslagen vielen 174 doden": the event the text named last
            target = max(told, key=lambda d: d.evidence.start)
            _absorb(target, _Draft(trig.type, subtype, None, when, _sites(ctx, unit), Span(ctx.doc.id, unit.start, unit.end),
                                   killed[0] if killed else None, injured[0] if injured else None,
                                   spans=[Span(ctx.doc.id, unit.start, unit.end)]))
            filed.file(target)
            continue
        attributions, unknown = attributions_of(ctx, unit, trig, list_actor)
        if i + 1 < len(units) and units[i + 1].paragraph == unit.paragraph:
            unknown = unknown or lexicon.has(ctx.unit_text(units[i + 1]), "unknown")
        if unknown:
            named = {a.entity for a in attributions}
            attributions += [Attribution(p.entity.id, "suspected", Span(ctx.doc.id, unit.start, unit.end))
                             for p in organisations(ctx, unit.start, unit.end) if p.entity.id not in named]
        span = Span(ctx.doc.id, unit.start, unit.end)
        draft = _Draft(trig.type, subtype, place, when, _sites(ctx, unit), span,
                       killed[0] if killed else None, injured[0] if injured else None,
                       attributions, unknown, [span], list_id if unit.bullet else None, trig.another,
                       headline=i == 0 and not text.rstrip().endswith((".", "!", "?", '"', "”")))
        subtypes = {t.subtype for t in triggers if t.subtype}
        several = [d for d in drafts if d.subtype in subtypes and d.type == trig.type] \
            if len(subtypes) > 1 and not has_figure and not when else []  # read all drafts only when it counts
        if len(several) > 1:
            # "both the rocket attack and the bombing were claimed by X": one sentence, several events
            for target in several:
                _absorb(target, replace(draft, killed=None, injured=None))
                filed.file(target)
            continue
        attached = place is not None and trig.end <= place.start and (
            len(ctx.tokens_in(trig.end, place.start)) <= 3 or _placed_by_verb(ctx, trig.end, place.start))
        target = _merge_target(drafts, draft, refers, subtypes, filed, around, published)
        if target is not None and trig.definite and not attached and not has_figure and not when \
                and target.location is None:
            # a sentence that only refers back ("the minister blamed the attack on rivals, a word the capital uses for ...")
            # places nothing: its place is context, unless it stands with the trigger ("the attack in X")
            draft.location = None
        kind = [d for d in reversed(drafts) if d.type == trig.type]
        current = [d for d in kind if compatible(d.date, published)]  # undated, or of the publication month
        if target is not None and trig.definite and draft.location is None and not when \
                and not compatible(target.date, published):
            waiting.append((draft, target))  # "de aanslagen" may be today's, told of further on
            continue
        # with a figure of its own, only where the document has told of one such event of the day
        unplaced = draft.location is None and not when and len(current) == 1
        if target is None and not trig.another and trig.definite and not attached and (
                unplaced or (not trig.plural and not has_figure and not when and not lead)):
            # "de aanslag" without a place or date of its own is the event the document already reports,
            # whatever figure it adds ("Ruim dertig mensen raakten gewond bij de aanslag"); without a figure or
            # date, a place in the same sentence is more often context ("warned by the US") than the scene.
            # It is the news of the day, not an event the text dates to another month: where the text has
            # told of none yet, it waits for one
            draft.location = None
            if current:
                target = current[0]
            elif kind and not has_figure:
                waiting.append((draft, kind[0]))
                continue
        if target is not None:
            _absorb(target, draft)
            filed.file(target)
        elif creates:
            filed.file(draft, len(drafts))
            drafts.append(draft)
        elif refers and draft.attributions and not kind:
            waiting.append((draft, None))  # "X eiste de aanslag op" before the text tells of the attack
    for draft, fallback in waiting:
        later = [d for d in drafts if d.type == draft.type and d.evidence.start > draft.evidence.start
                 and compatible(d.date, published)]
        if later or fallback is not None:
            _absorb(later[0] if later else fallback, draft)
    _add_tolls(ctx, drafts, tolls, around)
    current = [d for d in drafts if d.list_id is None and compatible(d.date, published)]
    for unit, claims in loose_claims:
        # where the document tells of one event of its day, the claim can only be of that one; else of the
        # one told last before it ("A bomb killed nine ... No group claimed it, but suspicion fell on X")
        told = [d for d in current if d.evidence.start < unit.start]
        target = current[0] if len(current) == 1 else told[-1] if told else None
        if target is not None:
            known = {a.entity for a in target.attributions}
            target.attributions += [a for a in claims if a.entity not in known]
    add_attackers(ctx, drafts)
    hint = country_hint(ctx) if any(d.location is None for d in drafts) else None
    back = any(d.date is None for d in drafts) and lexicon.has(ctx.doc.text, "looking_back")
    return [_report(ctx, d, hint, back) for d in _join_unplaced(drafts, published)]


def _add_tolls(ctx: DocContext, drafts: list[_Draft], tolls: list[tuple[Unit, dict, set[str], str | None]],
               around: dict[str, list] | None = None) -> None:
    """A sentence that only counts the dead ("Er vielen minstens 34 doden", "In all, 189 people were
    killed") gives the toll of the event the document reports before it, or of its only event. It is
    the report's evidence where the event had no death toll yet, or only a headline's: a headline
    shortens, the body states. Where it says where and when ("40 were killed in X on Thursday"), it
    places and dates an event the rest of the text leaves open."""
    if not drafts:
        return
    first = ctx.units[0] if ctx.units else None
    paragraph_of = {u.end: u.paragraph for u in ctx.units}
    # a headline has no full stop; a lead sentence that gives the toll stays the evidence
    headline = first if first is not None and not ctx.unit_text(first).rstrip().endswith((".", "!", "?", '"', "”")) else None
    for unit, figures, years, when in tolls:
        before = [d for d in drafts if d.list_id is None and d.evidence.start < unit.start]
        target = before[-1] if before else (drafts[0] if len(drafts) == 1 else None)
        # "the fighting has killed 327 people": the dead of the fighting are the ground offensive's, not
        # those of the strikes the text told of last
        fought = [d for d in drafts if d.type == "seizure" and d.list_id is None]
        if fought and lexicon.has(ctx.unit_text(unit), "combat_nouns"):
            target = fought[-1]
        if target is None or (years and not any(target.date and target.date.startswith(y) for y in years)):
            continue
        if when and target.date and not compatible(target.date, when):
            continue
        place, n_places = _location(ctx, unit, unit.start, [])
        if place is not None and not place_ok(target.location, place, around):
            continue
        killed, injured = figures.get("killed"), figures.get("injured")
        restated = (headline is not None and target.evidence.start == headline.start and killed is not None
                    and killed[0] == target.killed)  # the body saying what the headline said
        revised = killed is not None and lexicon.has(ctx.unit_text(unit), "toll_revisions")
        if (doer := deed_by(ctx, unit)) is not None and doer.entity.id not in {a.entity for a in target.attributions}:
            status = "suspected" if lexicon.has(ctx.unit_text(unit), "hedge") else "asserted"
            target.attributions.append(Attribution(doer.entity.id, status, Span(ctx.doc.id, unit.start, unit.end)))
        if target.killed is None and (killed is not None or target.injured is None) or restated or revised:
            target.killed = killed[0] if killed else target.killed
            if injured and (target.injured is None or restated):
                target.injured = injured[0]
            if n_places == 1:
                target.location = more_specific(target.location, place)
            if when and (not target.date or len(when) > len(target.date)):
                target.date = when
            # the sentence right after one that tells of the event: the report reads both
            told = None if restated or revised else next(
                (x for x in target.spans if paragraph_of.get(x.end) == unit.paragraph
                 and x.end <= unit.start and not ctx.text(x.end, unit.start).strip()), None)
            target.evidence = Span(ctx.doc.id, told.start if told else unit.start, unit.end)
            target.spans.append(target.evidence)
        elif injured and target.injured is None:  # "at least 20 people were wounded": the toll of the wounded
            target.injured = injured[0]
            target.spans.append(Span(ctx.doc.id, unit.start, unit.end))


def _join_unplaced(drafts: list[_Draft], published: str | None = None) -> list[_Draft]:
    """A passage that names no place ("the shooting left three dead") belongs to the event of its kind
    that the document places, when there is exactly one that fits: only across documents would it
    stand alone, where nothing ties it to any event. An undated event is the news of the day the
    document was `published`, so a passage dated a year before joins no such event."""
    joined: set[int] = set()  # id() of the drafts absorbed; drafts compare by value, so not `remove`
    for d in drafts:
        if d.location is not None or d.list_id is not None or d.another:
            continue
        fits = [x for x in drafts if x is not d and x.location is not None and x.list_id is None
                and x.type == d.type and lexicon.subtype_compatible(x.subtype, d.subtype)
                and compatible(x.date or published, d.date or published)
                and not (x.sites and d.sites and not x.sites & d.sites)]
        if len(fits) == 1:
            target = fits[0]
            evidence = target.evidence
            _absorb(target, d)
            if evidence.start > d.evidence.start and target.killed is d.killed:
                target.evidence = evidence  # the report stays where the document places the event
            joined.add(id(d))
    return [d for d in drafts if id(d) not in joined]


def _claimants_words(text: str) -> bool:
    """A quotation from a statement in a document that tells of a claim ("“… en meer dan 55 militairen
    gedood”, aldus de verklaring"): the claimant's own numbers, which are claims, not a source's toll."""
    return any(q in text for q in "\"“”„‘’") and lexicon.has(text, "statement_sources")


def _aimed_at(ctx: DocContext, unit: Unit, trig: Trigger) -> Placed | None:
    """The one place a trigger's preposition aims it at ("air strikes on X", "luchtaanvallen op X"), unless
    it is the first of several listed there."""
    place = next(iter(ctx.mentions_in(trig.end, unit.end, ("LOC",))), None)
    if place is None or not_the_scene(ctx, place) or _listed_with_another(ctx, unit, place):
        return None
    between = ctx.tokens_in(trig.end, place.start)
    cue = lexicon.cues()
    if len(between) > 4 or not any(t.pos == "ADP" or t.low in cue["prepositions"] for t in between):
        return None
    # "on X", "uitvoert op de stad X"; not "in de drie luxehotels X", where the name is a site's, not the place's
    allowed = set(cue["prepositions"]) | set(cue["definite"]) | set(cue["town_nouns"]) | {"the", "a", "an", "een"}

    def content(t: Tok) -> bool:
        if t.low in allowed:
            return False
        if t.pos:
            return t.pos in ("NOUN", "NUM", "PROPN", "ADJ")
        return len(between) > 2 or t.low.isdigit() or word_value(t.low, ctx.lang) is not None
    return None if any(content(t) for t in between) else place


def _listed_with_another(ctx: DocContext, unit: Unit, place: Placed) -> bool:
    """"air strikes on X and Y", "op X, Y en Z": the place is one of several the strikes were aimed at."""
    nxt = ctx.mentions_in(place.end, unit.end, ("LOC",))[:1]
    return bool(nxt) and ctx.text(place.end, nxt[0].start).strip().lower() in (",", "en", "and", "of", "or", ", en", ", and")


def _placed_by_verb(ctx: DocContext, start: int, end: int) -> bool:
    """"De aanval was in de regio X", "the attack took place in X": a copula or a verb of happening between
    the trigger and the place says where the event was."""
    between = ctx.tokens_in(start, end)
    if len(between) > MAX_PLACING_WORDS or any(t.text in (",", ";", ":") for t in between):
        return False
    cue = lexicon.cues()
    words = " ".join(t.low for t in between)
    # "vond maandagochtend plaats in een school in X": a time may stand inside the verb, and a place
    # preposition follows it (not "vond plaats nadat de VS ...")
    preps, _ = place_words()
    return any(t.low in cue["copulas"] for t in between[:2]) and len(between) <= 6 or any(
        s == 0 and (words[e:].split()[:1] or [""])[0] in preps for s, e, _ in lexicon.find(words, "placing_verbs"))


def _distance(ctx: DocContext, trig: Trigger, place: Placed) -> int:
    lo, hi = sorted((trig.start, place.start))
    return len(ctx.tokens_in(lo, hi))


def _merge_target(drafts: list[_Draft], new: _Draft, reference: bool, subtypes: set[str],
                  filed: _PlaceIndex | None = None, around: dict[str, list] | None = None,
                  published: str | None = None) -> _Draft | None:
    """The first draft `new` is part of, else None.

    Args:
        filed: the drafts filed by place; without it every draft is read.
        around: the places the document writes inside others (`written_around`); the index does not
            know them, so where there are any every draft is read.
        published: the document's publication month: an undated draft with a toll of its own is the news
            of that time, which a deed the text dates to another year is not part of.
    """
    if new.another:
        # "another attack" is new, unless the text has told of another such attack with the same toll
        # ("een andere aanslag ... zeven militairen gedood", "de tweede aanslag ... zeven militairen")
        return next((d for d in drafts if d.another and d.type == new.type and new.killed is not None
                     and d.killed == new.killed and place_ok(d.location, new.location, around)), None)
    if new.location is None and not reference:
        return None  # nothing placed joins an event unless it refers back to one
    # "de aanslag" after a sentence with the subtype: only drafts of that subtype, if there are any
    only_subtypes = reference and bool(subtypes) and new.location is None \
        and any(x.subtype in subtypes for x in drafts)
    near = drafts if filed is None or new.location is None or around else \
        [drafts[i] for i in filed.near(new.type, new.location)]
    for d in near:
        if d.type != new.type or not place_ok(d.location, new.location, around):
            continue
        if d.list_id is not None and d.list_id == new.list_id:
            continue  # items of one list are different events
        if not lexicon.subtype_compatible(new.subtype, d.subtype) and not (reference and d.subtype in subtypes):
            continue
        if not compatible(d.date, new.date) or (d.sites and new.sites and not d.sites & new.sites):
            continue
        if d.date is None and d.killed is not None and new.date and published \
                and not compatible(new.date[:4], published[:4]):
            continue  # today's attack with its dead, and a deed of years ago
        if only_subtypes and d.subtype not in subtypes:
            continue
        return d
    return None


def _absorb(target: _Draft, new: _Draft) -> None:
    if target.location is None and new.location is not None and new.killed is not None and new.killed == target.killed:
        target.evidence = new.evidence  # the same toll, now with its place: the fuller sentence
    target.subtype = target.subtype or new.subtype
    target.location = more_specific(target.location, new.location)
    target.date = target.date if target.date and len(target.date) >= len(new.date or "") else new.date
    target.sites |= new.sites
    if new.killed is not None and (target.killed is None or target.headline):
        # a headline's "more than ten dead" above the body's "at least 15 were killed": a headline shortens
        target.killed, target.evidence, target.headline = new.killed, new.evidence, False
        target.injured = new.injured or target.injured
    target.injured = target.injured or new.injured
    target.attributions += [a for a in new.attributions
                            if (a.entity, a.status) not in {(b.entity, b.status) for b in target.attributions}]
    target.unknown = target.unknown or new.unknown
    target.list_id = target.list_id if target.list_id is not None else new.list_id
    target.spans.append(new.evidence)


def _report(ctx: DocContext, d: _Draft, country: str | None = None, looking_back: bool = False) -> Report:
    return Report(doc=ctx.doc.id, evidence=d.evidence, killed=d.killed, injured=d.injured, date=d.date,
                  type=d.type, subtype=d.subtype, location=d.location.entity.id if d.location else None,
                  sites=tuple(sorted(d.sites)), attributions=tuple(d.attributions), perpetrator_unknown=d.unknown,
                  mentions=tuple(d.spans), country=None if d.location else country,
                  retrospective=looking_back and d.date is None)


__all__ = ["Trigger", "extract_events", "find_triggers"]

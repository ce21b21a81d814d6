"""Quotes: what a named person is quoted as saying, and where.

A passage is text between quotation marks („…”, “…”, "…", ‘…’), a paragraph that opens with a
quotation mark (interview answers run over several such paragraphs), or a tweet ("… — Name
(@handle) date"). Its speaker is, in this order: the name before a colon that opens the paragraph
("Name: ‘…’"); the one who says it in the words after it ("…”, zegt X", "…,” Smith told reporters",
"…,” the statement said": no one named); the one who says it before it in the paragraph ("X vertelde
dat “…”", "Volgens X …"); otherwise whoever was quoted last, if the passage follows straight on.

Reported speech counts too ("X liet weten dat ...", "the minister, Y, said the attack ..."): a
sentence whose verb of saying (by lemma, from the data files) has a named person as its subject in
the parse, or, where the layer has no parse, a person right before or after the verb; and "volgens
X" / "according to (the minister) X". The sentence is the passage; "Dat bevestigt X." takes the
sentence before it too.

Who a subject is: a name; a pronoun ("zei hij", "who said") is the last speaker, else the one person
the sentence before names; a role with a definite article ("de woordvoerder", "the minister") is
the person introduced earlier with that role. An unnamed source ("een adviseur", "the statement")
and an organisation or news agency that the mention stage took for a person are nobody.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Entity, Quote, Span
from ..text import Tok, paragraphs
from . import lexicon
from .context import DocContext, Placed

INLINE = re.compile(r"[“„\"]([^“”„\"\n]{3,})[”“\"]|(?<![\w’'])‘([^‘’\n]{3,}?)’(?!\w)")
OPENERS = "“„\"‘'"
TWEET = re.compile(r"\s[—–]\s")
ARTICLES = {"de", "het", "een", "the", "a", "an"}
DEFINITE = {"de", "het", "the", "zijn", "haar", "hun", "his", "her", "their", "its", "this", "deze", "die"}


@dataclass(frozen=True)
class _Cues:
    say_verbs: frozenset[str]
    lemmas: frozenset[str]
    pairs: dict
    pronouns: frozenset[str]
    relatives: frozenset[str]
    roles: frozenset[str]
    fillers: frozenset[str]
    back_refs: frozenset[str]
    agencies: frozenset[str]
    office_words: frozenset[str]
    complementizers: frozenset[str]
    according_words: frozenset[str]
    media: frozenset[str]
    nouns: dict


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    cue = lexicon.cues()
    pairs: dict[str, set[str]] = {}
    for key in ("say_pairs", "say_pair_forms"):
        for verb, particles in (cue.get(key) or {}).items():
            pairs.setdefault(verb, set()).update(particles)
    return _Cues(frozenset(cue["say_verbs"]), frozenset(cue["say_lemmas"]), pairs, frozenset(cue["pronouns"]),
                 frozenset(cue.get("relative_pronouns", ())), frozenset(cue.get("speaker_roles", ())),
                 frozenset(cue.get("speaker_role_fillers", ())), frozenset(cue.get("say_back_refs", ())),
                 frozenset(cue.get("news_agencies", ())), frozenset(cue.get("office_words", ())),
                 frozenset(cue.get("say_complementizers", ())),
                 frozenset(c.split()[0] for c in cue.get("according_to", ())),
                 frozenset(cue.get("media_nouns", ())),
                 {verb: set(nouns) for verb, nouns in (cue.get("say_nouns") or {}).items()})


def is_speaker(entity: Entity) -> bool:
    """A person who can be quoted: not a news agency, a newspaper or an office that the mention stage
    typed as a person ("Associated Press reported", "the British Embassy said")."""
    if entity.type != "PER":
        return False
    cues = _cues()
    name = entity.name.lower()
    return name not in cues.agencies and not any(w.strip(".,'’") in cues.office_words for w in name.split())


def role_of(word: str) -> str | None:
    """The role noun `word` is or ends with ("woordvoerder", "terrorisme-expert" -> "expert")."""
    low = word.lower().strip(".,")
    roles = _cues().roles
    if low in roles:
        return low
    last = low.rsplit("-", 1)[-1]
    if last in roles:
        return last
    # Dutch writes compounds as one word: "terreurexpert", "legercommandant"
    return next((r for r in roles if len(r) >= 5 and low.endswith(r) and len(low) > len(r) + 2), None)


@dataclass
class _State:
    """The speakers found so far in reading order, for pronouns and passages that follow on."""

    ctx: DocContext
    seen: list[tuple[int, int, str]] = field(default_factory=list)  # (position, paragraph, speaker)

    def people(self, start: int, end: int) -> list[Placed]:
        return [p for p in self.ctx.mentions_in(start, end, ("PER",)) if is_speaker(p.entity) and not self._medium(p)]

    def _medium(self, person: Placed) -> bool:
        """"de krant Le Soir", "the newspaper X": a name the word before makes a medium, not a person."""
        before = self.ctx.tokens_in(max(0, person.start - 30), person.start)
        return bool(before) and before[-1].low in _cues().media

    def last(self, pos: int, paragraph: int, reach: int = 3) -> str | None:
        earlier = [s for s in self.seen if s[0] < pos]
        return earlier[-1][2] if earlier and paragraph - earlier[-1][1] <= reach else None

    def antecedent(self, pos: int, paragraph: int) -> str | None:
        """Who a pronoun at `pos` stands for: the last speaker in this paragraph; else the one person
        named earlier in this sentence or in the sentence before; else the last speaker of the
        paragraphs before (a person named since is more likely: "… — X (@x). / Y gave his view. Volgens
        hem …")."""
        if (who := self.last(pos, paragraph, reach=0)) is not None:
            return who
        units = [u for u in self.ctx.units if u.paragraph == paragraph and u.start <= pos]
        spans = [(units[-1].start, pos)] if units else []
        if len(units) > 1:
            spans.append((units[-2].start, units[-2].end))
        for lo, hi in spans:
            named = {p.entity.id for p in self.people(lo, hi)}
            if len(named) == 1:
                return named.pop()
        return self.last(pos, paragraph)

    def role_holder(self, role: str, pos: int) -> str | None:
        """The person named with `role` before `pos`: "minister X", "X, de woordvoerder van ...",
        "Y-minister X"; the latest such."""
        ctx = self.ctx
        for person in reversed(self.people(0, pos)):
            before = ctx.tokens_in(max(0, person.start - 80), person.start)[-4:]
            ends = [k for k, t in enumerate(before) if t.low in (".", "!", "?")]
            before = before[ends[-1] + 1:] if ends else before  # not across a sentence's end
            after = ctx.tokens_in(person.end, person.end + 60)[:4]
            if any(role_of(t.text) == role for t in before):
                return person.entity.id
            if after and after[0].low == "," and any(role_of(t.text) == role for t in after[1:]):
                return person.entity.id
        return None


def _passages(ctx: DocContext, paras: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of every quoted passage; a tweet's passage ends at its dash."""
    out = []
    for number, (p_start, p_end) in enumerate(paras):
        line = ctx.text(p_start, p_end)
        tweet = TWEET.search(line)
        if tweet and re.search(r"\(@\w+\)", line[tweet.end():]):
            out.append((p_start, p_start + tweet.start(), number))
            continue
        body = line.lstrip()
        lead = len(line) - len(body)
        colon = re.match(r"^[^:‘“„\"]{2,40}:\s*(?=[‘“„\"])", body)
        if colon:
            lead += colon.end()
            body = body[colon.end():]
        if body[:1] in OPENERS and not any(c in body[1:] for c in "’”\"") and len(body) > 60:
            out.append((p_start + lead, p_end, number))
            continue
        for m in INLINE.finditer(line):
            out.append((p_start + m.start(), p_start + m.end(), number))
    return out


def extract_quotes(ctx: DocContext) -> list[Quote]:
    paras = paragraphs(ctx.doc.text)
    state = _State(ctx)
    found: dict[str, list[Span]] = {}
    # passages and sentences in reading order, so that a pronoun finds whoever spoke last in either
    items: list[tuple[int, int, object]] = [(s, 0, (s, e, n)) for s, e, n in _passages(ctx, paras)]
    items += [(u.start, 1, u) for u in ctx.units]
    for pos, kind, item in sorted(items, key=lambda x: (x[0], x[1])):
        if kind == 0:
            start, end, number = item
            speaker = _direct_speaker(ctx, state, start, end, number, paras)
            span = Span(ctx.doc.id, start, end) if speaker else None
        else:
            speaker, span = _reported(ctx, state, item)
            number = item.paragraph
            if speaker and any(x.overlaps(span) for x in found.get(speaker, [])):
                state.seen.append((pos, number, speaker))
                continue
        if speaker is None or span is None:
            continue
        found.setdefault(speaker, []).append(span)
        state.seen.append((pos, number, speaker))
        if kind == 1:
            # "Burgemeester X en president Y spreken beiden van een aanslag": each of them says it
            for other in _joined(ctx, state, item, speaker):
                found.setdefault(other, []).append(span)
    out = []
    for speaker, spans in found.items():
        spans.sort()
        out.append(Quote(speaker, Span(ctx.doc.id, spans[0].start, max(x.end for x in spans)), tuple(spans)))
    return out


def _direct_speaker(ctx: DocContext, state: _State, start: int, end: int, number: int,
                    paras: list[tuple[int, int]]) -> str | None:
    p_start, p_end = paras[number]
    head = ctx.text(p_start, start)
    if re.search(r":\s*$", head) and (who := state.people(p_start, start)):
        return who[0].entity.id
    if TWEET.match(ctx.text(end, end + 3)):
        who = state.people(end, p_end)
        return who[0].entity.id if who else None
    decided, speaker = _after_passage(ctx, state, end, p_end, number)
    if not decided:
        decided, speaker = _before_passage(ctx, state, p_start, start, number)
    if not decided:
        speaker = state.last(start, number, reach=1)
        if speaker is None and not head.strip() and number:
            # a paragraph of quoted speech after "X said:"
            prev = ctx.text(*paras[number - 1]).rstrip()
            who = state.people(*paras[number - 1]) if prev.endswith(":") else []
            speaker = who[-1].entity.id if who else None
    inner = ctx.text(start, end).strip(" “”„\"‘’',")
    short = end - start < 60 and not inner.endswith(tuple(".!?"))
    if speaker is None or (short and not head.strip() and ctx.text(end, p_end).strip() == ""):
        return None
    if short and all(w[:1].isupper() for w in inner.split()):
        return None  # a name or a title in quotation marks ("Islamic Courts Union", ‘Caliphate’)
    return speaker


def _after_passage(ctx: DocContext, state: _State, end: int, p_end: int, number: int) -> tuple[bool, str | None]:
    """'…”, zegt X' / '…,” X told reporters' / '…,” the statement said': (decided, speaker)."""
    cues = _cues()
    tail = ctx.text(end, min(p_end, end + 90))
    stop = re.search(r"[.!?;:]\s|[“„\"‘]", tail)
    tail = tail[:stop.start()] if stop else tail
    verbs = [v for v in lexicon.find(tail, "say_verbs", end) if v[2] not in cues.according_words]
    if not verbs or len(ctx.text(end, verbs[0][0]).split()) > 6:
        return False, None
    v_start, v_end, _ = verbs[0]
    verb = next((t for t in ctx.tokens_in(v_start, v_end)), None)
    if ctx.layer.parsed and verb is not None:
        has_subject, speaker = _speaker_of(ctx, state, verb, number)
        if has_subject:
            return True, speaker
    who = state.people(end, v_start) or state.people(v_end, min(p_end, v_end + 45))
    if who:
        return True, who[0].entity.id
    # "…”, zei hij" / "…,” he said"
    words = ctx.text(end, v_start).lower().split()[-1:] + ctx.text(v_end, min(p_end, v_end + 20)).lower().split()[:1]
    if any(w.strip(",.") in cues.pronouns for w in words):
        return True, state.antecedent(v_start, number)
    role = _role_beside(ctx, v_start, v_end)
    return True, (state.role_holder(role, v_start) if role else None)


def _before_passage(ctx: DocContext, state: _State, p_start: int, start: int, number: int) -> tuple[bool, str | None]:
    """'X vertelde dat “…”' / 'Volgens X …' / 'Smith said: “…”', in the sentence the passage opens in:
    (decided, speaker)."""
    cues = _cues()
    unit = next((u for u in ctx.units if u.start <= start < u.end), None)
    lo = max(p_start, unit.start) if unit else p_start
    toks = ctx.tokens_in(lo, start)
    if unit is not None and (who := _according_to(ctx, state, unit, start)) is not None:
        return True, who
    says = [k for k, t in enumerate(toks) if _says(t, toks[k + 1:], cues, toks[:k])]
    if not says:
        return False, None
    verb = toks[says[-1]]
    # the person the sentence opens with ("X, een expert bij Y, vertelde dat “…”")
    opener = state.people(lo, verb.start)
    opener = opener[0].entity.id if opener and toks and opener[0].start == toks[0].start else None
    if ctx.layer.parsed:
        has_subject, speaker = _speaker_of(ctx, state, verb, number)
        if speaker is not None:
            return True, speaker
        # a subject after the verb that names no one, in a sentence that opens with a person, is the
        # parse's mistake ("X, …, vertelde Insider dat “…”": "Insider" is whom X told)
        subjects = ctx.layer.arguments(verb)[0]
        if opener and subjects and subjects[0].start > verb.start:
            return True, opener
        if has_subject:
            return True, None
    if (who := _person_beside(ctx, state, toks, says[-1])) is not None:
        return True, who
    beside = [toks[j] for j in (says[-1] - 1, says[-1] + 1) if 0 <= j < len(toks)]
    if any(t.low in cues.pronouns for t in beside):
        return True, state.antecedent(verb.start, number)
    return False, None


def _joined(ctx: DocContext, state: _State, unit, speaker: str) -> list[str]:
    """The people named together with `speaker` as one subject: "X en de Peruaanse president Y", "X, Y and
    Z" (only an "en"/"and" or a comma, articles, adjectives and role words between two names)."""
    people = state.people(unit.start, unit.end)
    chain: list[Placed] = people[:1]
    chains = [chain]
    for a, b in zip(people, people[1:]):
        gap = ctx.tokens_in(a.end, b.start)
        words = [t.low for t in gap]
        joined = 0 < len(gap) <= 5 and ("en" in words or "and" in words or words == [","]) and all(
            t.low in ("en", "and", ",") or t.low in ARTICLES or role_of(t.text)
            or (t.text.isalpha() and t.pos in ("", "ADJ") and t.low not in ("die", "dat", "who", "which"))
            for t in gap)
        if joined:
            chain.append(b)
        else:
            chain = [b]
            chains.append(chain)
    mine = next((c for c in chains if any(p.entity.id == speaker for p in c)), [])
    return [p.entity.id for p in mine if p.entity.id != speaker] if len(mine) > 1 else []


def _says(tok: Tok, rest: list[Tok], cues: _Cues, before: list[Tok] = ()) -> bool:
    """`tok` is a verb of saying: by lemma, by form where the layer has no lemmas, with its particle
    later in the sentence ("liet ... weten"), or with a noun of saying beside it ("een oproep deed")."""
    if tok.pos and tok.pos not in ("VERB", "AUX"):
        return False
    # the form as well as the lemma: a backend's lemma of a rarer verb may be off ("ontkende" -> "ontken");
    # "volgens" and "according" are read by _according_to, which knows what may stand after them
    if tok.lem in cues.lemmas or (tok.low in cues.say_verbs and tok.low not in cues.according_words):
        return True
    particles = cues.pairs.get(tok.lem)
    if particles and any(t.lem in particles or t.low in particles for t in rest):
        return True
    nouns = cues.nouns.get(tok.lem) or cues.nouns.get(tok.low)
    return bool(nouns) and any(t.lem in nouns or t.low in nouns for t in [*before[-4:], *rest[:4]])


def _speaker_of(ctx: DocContext, state: _State, verb: Tok, number: int) -> tuple[bool, str | None]:
    """(whether the parse gives the verb a subject, the person it is). The verb's own subject, else the
    one of the verb it is joined to ("X was het eens en vertelde ..."); else the noun phrase the parse
    hung on it as an object before it (a Dutch sentence that opens with its subject: "Zijn advocaat
    benadrukt ..."). A subject inside quotation marks is what was said ("“…”, zegt X"), no subject."""
    subjects = [s for s in ctx.layer.arguments(verb)[0] if not _quoted(ctx, s, verb)]
    if subjects and subjects[0].low in _cues().back_refs and subjects[0].start < verb.start:
        # "Dat meldt minister X": the parse may take the "dat" that opens the sentence for its subject
        subjects = [c for c in ctx.layer.children(verb) if c.dep in ("obj", "nsubj") and c.start > verb.start]
    if verb.dep == "conj" and subjects and subjects[0].start > verb.start:
        # "X was het eens en vertelde Y dat ...": the second of two joined verbs shares the first one's
        # subject; a name after it is whom X told
        subjects = subjects[1:] + subjects[:1]
    if not subjects:
        subjects = [c for c in ctx.layer.children(verb)
                    if c.dep == "obj" and c.end <= verb.start and c.pos in ("NOUN", "PROPN")][:1]
    for subject in subjects:
        if (speaker := _subject(ctx, state, verb, subject, number)) is not None:
            return True, speaker
    return bool(subjects), None


def _quoted(ctx: DocContext, subject: Tok, verb: Tok) -> bool:
    between = ctx.text(subject.end, verb.start) if subject.end <= verb.start else ""
    return bool(re.search(r"[”\"’'],?\s*$", between.rstrip(", ")) or re.search(r"[”\"’']\s*,", between))


def _subject(ctx: DocContext, state: _State, verb: Tok, subject: Tok, number: int) -> str | None:
    """Who the parse's subject of a verb of saying is (see the module's note)."""
    cues = _cues()
    layer = ctx.layer
    if subject.low in cues.relatives:
        # "Minister X, who said ...": the name the relative clause hangs on, wherever the parse puts it
        before = [t for t in ctx.tokens_in(max(0, subject.start - 60), subject.start)][-2:]
        named = [p for p in state.people(max(0, subject.start - 80), subject.start)
                 if before and p.end <= before[-1].start and [t.low for t in before if t.start >= p.end] == [","]]
        return named[-1].entity.id if named else None
    if subject.low in cues.pronouns or subject.low.endswith("zelf") and subject.low[:-4] in cues.pronouns:
        return state.antecedent(subject.start, number)
    else:
        lo, hi = layer.phrase(subject)
    # a name the phrase overlaps: the parse may cut a name in two ("Bin" / "Laden")
    inside = [p for p in state.people(max(0, lo - 80), hi + 80) if p.start < hi and lo < p.end]
    if inside:
        return inside[0].entity.id
    # "zegt terrorisme-expert X": a role the parse took alone, the name right after it
    right = state.people(hi, hi + 40)
    if right and not ctx.text(hi, right[0].start).strip():
        return right[0].entity.id
    words = ctx.tokens_in(lo, hi)
    roles = [t for t in words if role_of(t.text)]
    if roles and words[0].low in DEFINITE:
        return state.role_holder(role_of(roles[-1].text), lo)
    return None


def _role_beside(ctx: DocContext, v_start: int, v_end: int) -> str | None:
    """Without a parse: "de woordvoerder zei" / "zei de woordvoerder" / "the minister said"."""
    before = ctx.tokens_in(max(0, v_start - 40), v_start)[-2:]
    after = ctx.tokens_in(v_end, v_end + 40)[:2]
    for pair in (before, after):
        if len(pair) == 2 and pair[0].low in DEFINITE and (role := role_of(pair[1].text)):
            return role
    return None


def _reported(ctx: DocContext, state: _State, unit) -> tuple[str | None, Span | None]:
    """(speaker, passage) of a sentence in which a named person says something."""
    cues = _cues()
    toks = ctx.tokens_in(unit.start, unit.end)
    if not toks:
        return None, None
    speaker = _according_to(ctx, state, unit)
    for k, tok in enumerate(toks):
        if speaker is not None:
            break
        if not _says(tok, toks[k + 1:], cues, toks[:k]):
            continue
        if tok.low in lexicon.cues()["byline_verbs"] and unit in ctx.units[:3]:
            continue  # "..., writes X" under a headline: the author's byline, not a quote
        has_subject, speaker = _speaker_of(ctx, state, tok, unit.paragraph) if ctx.layer.parsed else (False, None)
        if has_subject:
            # a subject that names no one ("ISIS claimed he ...", "zijn advocaat zei dat X ...") is no
            # licence to take the next person along
            continue
        # no parse, or a parse that finds no subject: the person or pronoun beside the verb
        speaker = _person_beside(ctx, state, toks, k)
        beside = [toks[j] for j in (k - 1, k + 1) if 0 <= j < len(toks)]
        if speaker is None and any(t.low in cues.pronouns or t.low.removesuffix("zelf") in cues.pronouns
                                   for t in beside):
            speaker = state.antecedent(tok.start, unit.paragraph)
        if speaker is None and not ctx.layer.parsed and (role := _role_beside(ctx, tok.start, tok.end)):
            speaker = state.role_holder(role, tok.start)
    if speaker is None:
        return None, None
    start = unit.start
    if toks[0].low in cues.back_refs:
        # "Dat bevestigt X.": what X confirms is the sentence before
        before = [u for u in ctx.units if u.paragraph == unit.paragraph and u.end <= unit.start]
        start = before[-1].start if before else start
    return speaker, Span(ctx.doc.id, start, unit.end)


def _according_to(ctx: DocContext, state: _State, unit, end: int | None = None) -> str | None:
    """"volgens X", "aldus minister X", "according to reporter X", "volgens hem" in the unit (up to `end`)."""
    cues = _cues()
    end = unit.end if end is None else end
    for _, e, _ in lexicon.find(ctx.text(unit.start, end), "according_to", unit.start):
        after = ctx.tokens_in(e, end)
        if after and after[0].low in cues.pronouns:
            return state.antecedent(e, unit.paragraph)
        people = state.people(e, end)
        if not people:
            continue
        gap = [t for t in after if t.end <= people[0].start]
        # a person's name takes no article: "volgens de Beloetsjen" names a people, not a person
        if gap and gap[-1].low in ARTICLES:
            continue
        if len(gap) <= 6 and all(t.low in cues.fillers or role_of(t.text) or t.text[:1].isupper() for t in gap):
            return people[0].entity.id
    return None


def _person_beside(ctx: DocContext, state: _State, toks: list[Tok], k: int) -> str | None:
    """Without a parse: a person named right before the verb ("X zei", "X, who said") or right after
    it ("zei X", "said X")."""
    cues = _cues()
    verb = toks[k]
    people = state.people(toks[0].start, toks[-1].end)
    before = [p for p in people if p.end <= verb.start]
    if before:
        gap = [t for t in toks if before[-1].end <= t.start < verb.start]
        if len(gap) <= 1 or [t.low for t in gap] in ([",", r] for r in cues.relatives):
            return before[-1].entity.id
        # "X, een expert bij Y, vertelde Z dat ...": a sentence that opens with a name and a comma is X's,
        # also where a role opens it ("Security analyst Prof. X, who has written on Y, describes it as ...")
        after_name = [t for t in toks if t.start >= before[0].end][:1]
        opening = [t for t in toks if t.end <= before[0].start]
        if len(opening) <= 6 and not any(t.pos in ("VERB", "AUX") or t.low in cues.say_verbs or t.text in (",", ";", ":")
                                         for t in opening) \
                and after_name and after_name[0].low == ",":
            return before[0].entity.id
    after = [p for p in people if p.start >= verb.end]
    if after:
        gap = [t for t in toks if verb.end <= t.start < after[0].start]
        # "zei dat X ...": X is the subject of what was said, not the one who said it
        if len(gap) <= 1 and not any(t.low in cues.complementizers for t in gap):
            return after[0].entity.id
    return None

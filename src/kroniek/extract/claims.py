"""Claims: the numbers a source gives about a group (fighters, attacks, money, founding year), with
the time they describe and who the text says they come from.

The subject is the group named nearest the number, passing over groups that stand as objects
("trouw aan X"); where "de groep", "ze" or nothing stands closer, it is the group the document is
about (`DocContext.dominant_group`). Figures that count casualties belong to events, not here,
except the deaths a group itself gives: "claimed to have killed 60", "X said it had killed 30",
"..., aldus de verklaring" after X's claim. Its other claimed deeds ("claimed to have taken 212
passengers hostage") are "other" figures. Counts of attacks need a group in their sentence: without
one they tally an event's attacks. A bare number counts what the words before it name ("het aantal
strijders ... op 2000", "a strength of 5,000") or what a question asked for ("How many fighters
...?" and, in the next paragraph, "it's around 7,000").
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..data import lexicon_words
from ..dates import find_times, last_explicit, resolve
from ..model import Claim, Range, Span, stable_id
from ..text import Unit
from . import lexicon
from .context import DocContext, Placed
from .figures import Figure, casualties, figures, is_count_not_year

MAX_FOUNDED_DISTANCE = 6  # tokens between "opgericht" and its year
FIRST_YEAR, LAST_YEAR = 1800, 2100  # a range of numbers within these bounds after "founded" gives years


@lru_cache(maxsize=1)
def _anaphora() -> tuple[str, ...]:
    return tuple(sorted(lexicon_words("group_anaphora"), key=len, reverse=True))


def _subject_groups(ctx: DocContext, unit: Unit) -> list[Placed]:
    """The groups named in `unit` that can own a figure there: a group after a preposition such as
    "aan", "tegen", "to" ("trouw aan X", "allegiance to X") is an object, and so is its alias in
    brackets right after it."""
    oblique = set(lexicon.cues()["claim_oblique"])
    skip = set(lexicon.cues()["definite"]) | set(lexicon.cues()["indefinite"])
    out, previous_oblique, previous_end = [], False, None
    for p in ctx.mentions_in(unit.start, unit.end, ("ORG",)):
        if not ctx.is_group(p):
            continue
        gap = ctx.text(previous_end, p.start).strip() if previous_end is not None else None
        if gap == "(" and previous_end is not None:
            is_oblique = previous_oblique
        else:
            words = [t.low for t in ctx.tokens_in(unit.start, p.start) if t.low not in skip][-1:]
            is_oblique = bool(words) and words[0] in oblique
        previous_oblique, previous_end = is_oblique, p.end
        if not is_oblique:
            out.append(p)
    return out


def subject_near(ctx: DocContext, unit: Unit, pos: int, named_only: bool = False,
                 skip_objects: bool = False) -> str | None:
    """The group a figure at `pos` is about: the nearest named group, unless an anaphor is nearer.

    With `named_only`, a sentence that neither names a group nor refers to one gives None, not the
    group the document is about; with `skip_objects`, groups that stand as objects ("trouw aan X")
    are passed over (see `_subject_groups`)."""
    groups = (_subject_groups(ctx, unit) if skip_objects
              else [p for p in ctx.mentions_in(unit.start, unit.end, ("ORG",)) if ctx.is_group(p)])
    anaphors = lexicon.find_phrases(ctx.unit_text(unit), _anaphora(), unit.start)
    best = min(groups, key=lambda p: abs(p.start - pos), default=None)
    near_anaphor = min((abs(s - pos) for s, _, _ in anaphors), default=None)
    if best is not None and (near_anaphor is None or abs(best.start - pos) <= near_anaphor):
        return best.entity.id
    if named_only and near_anaphor is None:
        return None
    if near_anaphor is not None and (previous := _previous_subject(ctx, unit)) is not None:
        return previous  # "Wagner is sinds 2021 in Mali. De groep werd in 2014 opgericht door ..."
    return ctx.dominant_group.id if ctx.dominant_group else None


def _previous_subject(ctx: DocContext, unit: Unit) -> str | None:
    """The group that opens the sentence before `unit` in its paragraph, which "de groep" or "the group"
    at the start of `unit` refers back to; None where that sentence does not open with one."""
    before = [u for u in ctx.units if u.end <= unit.start and u.paragraph == unit.paragraph]
    if not before or not lexicon.find_phrases(ctx.text(unit.start, unit.start + 20), _anaphora(), unit.start):
        return None
    last = before[-1]
    groups = [p for p in ctx.mentions_in(last.start, last.end, ("ORG",)) if ctx.is_group(p)]
    opening = ctx.tokens_in(last.start, groups[0].start) if groups else None
    return groups[0].entity.id if groups and len(opening) <= 2 else None


def _group_names(ctx: DocContext) -> set[str]:
    return {n.lower() for p in ctx.placed if ctx.is_group(p)
            for n in (p.mention.text, p.entity.name, *p.entity.aliases)}


def _attribute(ctx: DocContext, unit: Unit, start: int, end: int) -> str | None:
    """What the figure at start:end counts, from the (up to three) words after it: a claim noun
    ("strijders", "attacks"), a compound ending in one ("guerrillastrijders"), or a noun such as
    "soldaten" where the sentence says the group has them or the compound names the group."""
    cue = lexicon.cues()
    after = [t.low for t in ctx.tokens_in(end, unit.end)[:3]]
    for attribute, nouns in cue["claim_nouns"].items():
        if any(w in nouns for w in after):
            return attribute
    for attribute, heads in cue["claim_compound_heads"].items():
        if any(w.endswith(h) and len(w) > len(h) + 1 for w in after for h in heads):
            return attribute
    for attribute, nouns in cue["claim_possessed"].items():
        for w in after:
            if w in nouns and any(p.end <= start for p in _subject_groups(ctx, unit)) and (
                    lexicon.find_phrases(ctx.unit_text(unit).lower(), tuple(cue["possession"]))):
                return attribute
            head = next((n for n in nouns if w.endswith(n) and len(w) > len(n) + 1), None)
            if head and w[:-len(head)].rstrip("-") in _group_names(ctx):
                return attribute
    return None


def _casualty_near(text: str, start: int, end: int) -> bool:
    """A killed or injured cue stands right after the figure in its clause ("dozens of men ... were
    killed") or just before it ("killed 18"): a casualty count, which belongs to an event."""
    after = re.split(r"[,;:.!?]", text[end:end + 60])[0]
    before = re.split(r"[,;:.!?]", text[max(0, start - 25):start])[-1]
    return any(lexicon.find(part, kind) for part in (after, before) for kind in ("killed", "injured"))


def _founded(ctx: DocContext, unit: Unit, times: list, figs: list[Figure]) -> list[tuple[Range, int, int]]:
    """(years, start, end) of each founding the unit tells: "opgericht in 1990", "formed on 2 March 2017",
    "richtten in 1964 de X op", "launched X on ...", "in 1980 een van de oprichters van X", "formed
    in some year, but sources put it between 1998 and 2001"."""
    text = ctx.unit_text(unit)
    years = [t for t in times if t.kind == "absolute" and t.value]

    def gap(a: int, b: int) -> int:
        return len(ctx.tokens_in(min(a, b), max(a, b)))

    # "opgericht door X, die sinds 1999 vastzit": a year that opens a period, or one in a clause of its
    # own after the cue, is not the founding's
    since = set(lexicon.cues()["period_start"])
    years = [t for t in years if not any(w.low in since for w in ctx.tokens_in(max(unit.start, t.start - 12), t.start)[-1:])]

    out = []
    for s, e, _ in lexicon.find(text, "founded", unit.start):
        near = [t for t in years if gap(t.start, e if t.start >= e else s) <= MAX_FOUNDED_DISTANCE
                and (t.start < e or "," not in ctx.text(e, t.start))]
        if near:
            out.append((_year(near[0]), min(s, near[0].start), max(e, near[0].end)))
    groups = [p for p in ctx.mentions_in(unit.start, unit.end, ("ORG",)) if ctx.is_group(p)]
    for s, e in _separable(text, "founding_verbs", unit.start):
        if not any(s < p.start <= e + 3 for p in groups):
            continue  # "launched an offensive": the object is no group
        near = [t for t in years if gap(t.start, e if t.start >= e else s) <= MAX_FOUNDED_DISTANCE]
        if near:
            out.append((_year(near[0]), min(s, near[0].start), max(e, near[0].end)))
    founded_cues = lexicon.find(text, "founded", unit.start)
    for f in figs:
        # "sources put it between 1998 and 2001": a founding known only within a span of years
        if (f.noun is None and f.value.low and f.value.high and f.value.low < f.value.high
                and all(FIRST_YEAR <= v <= LAST_YEAR for v in (f.value.low, f.value.high))
                and any(gap(f.start, e) <= MAX_FOUNDED_DISTANCE for s, e, _ in founded_cues if e <= f.start)):
            out.append((f.value, f.start, f.end))
    for s, e, _ in lexicon.find(text, "founder_nouns", unit.start):
        near = [t for t in years if t.end <= s and gap(t.end, s) <= MAX_FOUNDED_DISTANCE]
        if near and any(p.start >= e and gap(e, p.start) <= MAX_FOUNDED_DISTANCE for p in groups):
            out.append((_year(near[-1]), near[-1].start, e))
    return out


def _year(t) -> Range:
    year = int(t.value[:4])
    return Range(year, year)


def _founded_other(ctx: DocContext, unit: Unit, pos: int) -> bool:
    """The founding at `pos` is of a place or a known organisation that is no group and opens the
    clause: "Lorvania was founded in 1948", "de VN werd in 1945 opgericht"."""
    skip = set(lexicon.cues()["definite"])
    dominant = ctx.dominant_group.id if ctx.dominant_group else None
    for p in reversed(ctx.mentions_in(unit.start, pos, ("ORG", "LOC"))):
        if ctx.is_group(p) or p.entity.id == dominant or (p.type == "ORG" and not p.entity.key):
            return False  # an organisation the gazetteer does not know may be a group
        opens = re.search(r"(?:^|[,;:(])\s*$", ctx.text(unit.start, p.start)) or all(
            t.low in skip for t in ctx.tokens_in(unit.start, p.start))
        return bool(opens) and len(ctx.tokens_in(p.end, pos)) <= 3
    return False


MAX_SEPARABLE_GAP = 10  # words between a separable verb and its particle ("richtten ... op")


def _separable(text: str, key: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the cues of `key`; in a cue "richtten ... op" the particle may stand up to
    MAX_SEPARABLE_GAP words on, before the clause ends."""
    out = []
    low = text.lower()
    for phrase in lexicon.cues().get(key, []):
        if " ... " not in phrase:
            out += [(s, e) for s, e, _ in lexicon.find_phrases(text, (phrase,), offset)]
            continue
        first, last = phrase.split(" ... ", 1)
        for m in re.finditer(r"(?<!\w)" + re.escape(first) + r"(?!\w)", low):
            clause = re.split(r"[,;:.!?]", low[m.end():])[0]
            words = list(re.finditer(r"\S+", clause))[:MAX_SEPARABLE_GAP + 1]
            hit = next((w for w in words if w.group() == last), None)
            if hit:
                out.append((m.start() + offset, m.end() + hit.end() + offset))
    return out


def _claimed_killings(ctx: DocContext, unit: Unit, figs: list[Figure]) -> list[Figure]:
    """The figures of the deaths a group says it caused: "claimde 40 soldaten te hebben
    gedood", "said it had killed 45 soldiers"."""
    text = ctx.unit_text(unit)
    claims = lexicon.find(text, "claim", unit.start)
    deeds = lexicon.find(text, "claimed_deed", unit.start)
    kills = lexicon.find(text, "killed", unit.start)
    if not claims or not deeds or not kills:
        return []
    out = []
    for ks, ke, _ in kills:
        if not any(cs < ds < ke for cs, _, _ in claims for ds, _, _ in deeds):
            continue
        after_claim = [f for f in figs if any(ce <= f.start for _, ce, _ in claims)]
        near = min(after_claim, key=lambda f: min(abs(f.start - ke), abs(ks - f.end)), default=None)
        if near is not None and min(abs(near.start - ke), abs(ks - near.end)) <= 60:
            out.append(near)
    return out


MAX_DEED_GAP = 3  # words between "claimed to have" and the figure of what was done ("taken 212 hostages")


def _claimed_deeds(ctx: DocContext, unit: Unit, figs: list[Figure]) -> list[Figure]:
    """The figures of other deeds a group says it did: "said it had taken 90 workers
    hostage", "claimde 30 agenten te hebben ontvoerd". What they count is the attribute's when a
    claim noun says so ("claimed to have carried out 40 attacks"), else "other"."""
    text = ctx.unit_text(unit)
    claims = lexicon.find(text, "claim", unit.start)
    deeds = [(s, e) for s, e, _ in lexicon.find(text, "claimed_deed", unit.start)
             if any(ce <= s for _, ce, _ in claims)]

    def close(a: int, b: int) -> bool:
        between = ctx.text(a, b)
        return not re.search(r"[,;:.!?]", between) and len(between.split()) <= MAX_DEED_GAP

    return [f for f in figs if any(ce <= f.start for _, ce, _ in claims)
            and any((e <= f.start and close(e, f.start)) or (f.end <= s and close(f.end, s)) for s, e in deeds)]


def _speaker(ctx: DocContext, unit: Unit, claimer: str | None, at: int) -> str | None:
    """The group the sentence says the figure at `at` comes from: "X said it had killed 30",
    "according to X", "..., zegt X" after a quotation, "the group said"; a statement ("aldus de
    verklaring") speaks for `claimer`, the group whose claim the sentence or the one before reports.

    A verb of saying speaks the figure only where the figure stands in what it says: the verb opens
    its clause ("said that", "said it had", "zegt 55 ... te hebben") and the figure follows, or an
    inversion after a quotation or comma ("..., said X") follows the figure. "X claimed
    responsibility for the attack that killed 30" and "zegt achter de aanslag te zitten, waarbij 30
    doden vielen" give the event's toll, not the group's count. With a parse, a verb whose subject
    names no group is someone else's."""
    cue = lexicon.cues()
    text = ctx.unit_text(unit)
    skip = set(cue["definite"]) | set(cue["indefinite"])
    openers = set(cue["own_speech_openers"])
    channels = tuple(cue["channel_nouns"])
    groups = [p for p in ctx.mentions_in(unit.start, unit.end, ("ORG",)) if ctx.is_group(p)]
    # "the group said", never "they said" or "it said": a pronoun as often stands for officials
    anaphors = lexicon.find_phrases(text, tuple(a for a in _anaphora() if " " in a), unit.start)
    dominant = ctx.dominant_group.id if ctx.dominant_group else None

    def words(a: int, b: int) -> list[str]:
        return [t.low for t in ctx.tokens_in(a, b) if t.low not in skip]

    def named_after(e: int) -> str | None:
        nxt = next((p for p in groups if p.start >= e), None)
        if nxt is not None and not words(e, nxt.start):
            return nxt.entity.id
        statement = lexicon.find_phrases(ctx.text(e, unit.end), channels, e)
        if statement and not words(e, statement[0][0]):
            return claimer
        return None

    def opens_report(e: int) -> bool:
        following = ctx.tokens_in(e, unit.end)[:3]
        return bool(following) and (following[0].low in openers or any(t.start <= at < t.end for t in following)
                                    or (following[0].start <= at and len(words(e, at)) <= 2))

    def someone_else(s: int, e: int) -> bool:
        if not ctx.layer.parsed:
            return False
        verbs = [t for t in ctx.tokens_in(s, e) if t.pos in ("VERB", "AUX")]
        for verb in verbs:
            for subject in ctx.layer.arguments(verb)[0]:
                lo, hi = ctx.layer.phrase(subject)
                if not any(lo <= p.start < hi for p in groups) and not any(lo <= a < hi for a, _, _ in anaphors):
                    return True
        return False

    for s, e, _ in lexicon.find(text, "source_prepositions", unit.start):
        if (who := named_after(e)) is not None:
            return who
    for s, e, _ in lexicon.find(text, "own_speech", unit.start):
        if someone_else(s, e):
            continue
        if at > e and opens_report(e):
            before = [p for p in groups if p.end <= s]
            if before and len(words(before[-1].end, s)) <= 1 and not re.search(r"[,;:()]", ctx.text(before[-1].end, s)):
                return before[-1].entity.id
            if any(ae <= s and len(words(ae, s)) <= 1 for _, ae, _ in anaphors):
                return dominant
        if at < s:  # "..., zegt X" or "..., X said" after what was said
            before = [p for p in groups if p.end <= s and not words(p.end, s)]
            if before and re.search(r"[,\"”’']\s*$", ctx.text(unit.start, before[-1].start)):
                return before[-1].entity.id
            if re.search(r"[,\"”’']\s*$", ctx.text(unit.start, s)) and (who := named_after(e)) is not None:
                return who
    return None


MAX_SIZE_GAP = 5  # words between "strength" and its figure ("strength is estimated at 5,000")
COUNT_WINDOW = 80  # characters before a figure in which "het aantal aanslagen" or "strength of" names what it counts


def _counted_before(ctx: DocContext, unit: Unit, f: Figure) -> str | None:
    """What a figure counts that the words before it name: "het aantal door X opgeëiste aanvallen
    stond op 21", "the number of its fighters is estimated at 3,000", "an estimated strength of
    5,000" (a group's size); "$5 million" after a word of income ("received", "inkomsten") is its
    funding. A count of the dead or wounded ("the number of fighters killed") is an event's."""
    cue = lexicon.cues()
    window = ctx.text(max(unit.start, f.start - COUNT_WINDOW), f.start)
    low = window.lower()
    if any(lexicon.find(window, kind) for kind in ("killed", "injured")):
        return None
    if re.search(r"(?:us)?\$\s*$", low) and lexicon.find(ctx.unit_text(unit), "funding_cues"):
        return "funding_usd"
    counts = lexicon.find(window, "count_words")

    def named(attribute: str) -> bool:
        heads = cue["claim_compound_heads"].get(attribute, [])
        return any(w in cue["claim_nouns"][attribute] or any(w.endswith(h) for h in heads)
                   for w in low[counts[-1][1]:].split())

    if counts and named("attacks"):
        return "attacks"  # "het aantal ... aanvallen stond op 21"
    if f.noun is not None or _followed_by_word(ctx, unit, f):
        return None  # "strength in the two countries": the number counts what follows it
    if counts and named("fighters"):
        return "fighters"
    if any(not re.search(r"[,;:]", window[e:]) and len(window[e:].split()) <= MAX_SIZE_GAP
           for _, e, _ in lexicon.find(window, "size_nouns")):
        return "fighters"
    return None


def _claimer(ctx: DocContext, unit: Unit) -> str | None:
    """The group the sentence says claimed something ("eist X de aanslag op", "X claimed"), unless
    the claim is denied."""
    text = ctx.unit_text(unit)
    negations = set(lexicon.cues()["claim_negations"])
    for s, e, _ in lexicon.find(text, "claim", unit.start):
        if {t.low for t in ctx.tokens_in(max(unit.start, s - 30), e + 20)} & negations:
            continue
        if (who := subject_near(ctx, unit, s, named_only=True, skip_objects=True)) is not None:
            return who
    return None


def _asked(ctx: DocContext, unit: Unit) -> tuple[str, str, int] | None:
    """(subject, attribute, paragraph) where the sentence asks for a group's figure: "How many
    fighters does X have?", "Hoeveel leden telt de groep?". The answers follow as bare numbers."""
    cue = lexicon.cues()
    text = ctx.unit_text(unit)
    for s, e, _ in lexicon.find(text, "claim_questions", unit.start):
        nouns = ctx.tokens_in(e, unit.end)[:3]
        for attribute, words in list(cue["claim_nouns"].items()) + list(cue["claim_possessed"].items()):
            hit = next((t for t in nouns if t.low in words), None)
            if hit is not None and (who := subject_near(ctx, unit, hit.start, skip_objects=True)):
                return who, attribute, unit.paragraph
    return None


def _followed_by_word(ctx: DocContext, unit: Unit, f: Figure) -> bool:
    """A word follows the figure in its clause: it counts something ("7000 mensen", "5,000 in
    Syria"); a bare answer ("it's around 7,000.") ends its clause."""
    after = ctx.tokens_in(f.end, unit.end)[:1]
    return bool(after) and after[0].text[:1].isalnum()


SOURCE_REACH = 40  # characters after a source cue ("according to") within which its source's name starts


def _source(ctx: DocContext, unit: Unit) -> str | None:
    """Who the figures of a sentence come from: a name right after a source cue ("according to X"), in
    any cue of the sentence, else a name before a cue that is a verb ("X estimated"), though not the
    group the figure counts ("the ADF has an estimated 1,500 fighters, according to the UN")."""
    prepositions = set(lexicon.cues()["source_prepositions"])
    cues = lexicon.find(ctx.unit_text(unit), "source_cues", unit.start)
    for s, e, word in cues:
        # a name that starts near the cue, however long ("the Armed Conflict Location and Event Data Project");
        # after a verb ("with an estimated 6,000 fighters, the group ...") a group is what is counted
        named = [p for p in ctx.mentions_in(e, unit.end, ("ORG", "PER")) if p.start < e + SOURCE_REACH
                 and (word in prepositions or not ctx.is_group(p))]
        if named:
            return named[0].entity.id
    for s, e, word in cues:
        before = [p for p in ctx.mentions_in(max(unit.start, s - 30), s, ("ORG", "PER")) if not ctx.is_group(p)]
        if before and word not in prepositions:
            return before[-1].entity.id
        words = ctx.text(e, unit.end).strip().split()[:3]
        if words and word in prepositions:  # "according to local officials"; not "an estimated 6,000 ..."
            return " ".join(words).strip(",.;:")
    return None


def _times(ctx: DocContext, unit: Unit) -> list:
    text = ctx.unit_text(unit)
    return [t for t in find_times(text, unit.start)
            if not is_count_not_year(text, replace(t, start=t.start - unit.start, end=t.end - unit.start))]


def extract_claims(ctx: DocContext) -> list[Claim]:
    cue = lexicon.cues()
    out: dict[tuple, Claim] = {}
    previous: str | None = None
    last: tuple[str, str] | None = None  # (subject, attribute) of the sentence before's last claim
    claimer: str | None = None  # the group whose claim the sentence before reports
    topic: tuple[str, str, int] | None = None  # (subject, attribute, paragraph) a question asked for
    for unit in ctx.units:
        text = ctx.unit_text(unit)
        times = _times(ctx, unit)
        found: list[tuple[str, Range, int, int]] = []
        subjects: dict[int, str] = {}
        counted = {(v[1], v[2]) for v in casualties(text, ctx.lang, unit.start).values()}
        figs = figures(text, ctx.lang, unit.start)
        killings = _claimed_killings(ctx, unit, figs)
        for f in killings:
            found.append(("killed", f.value, f.start, f.end))
        claimed = _claimer(ctx, unit)
        toll = casualties(text, ctx.lang, unit.start).get("killed")
        speaker = _speaker(ctx, unit, claimed or claimer, toll[1]) if toll else None
        if speaker is not None:
            # the group's own count of whom it killed: its claim, whatever the event's report says
            found.append(("killed", toll[0], toll[1], toll[2]))
            subjects[toll[1]] = speaker
        deeds = _claimed_deeds(ctx, unit, figs)
        topic = topic if topic and unit.paragraph <= topic[2] + 1 else None
        if text.rstrip().endswith("?"):
            topic = _asked(ctx, unit)
        for f in figs:
            if f.subset or f in killings or any(s <= f.start < e for s, e in counted):
                continue
            if f in deeds:
                found.append((_attribute(ctx, unit, f.start, f.end) or "other", f.value, f.start, f.end))
                continue
            if _casualty_near(text, f.start - unit.start, f.end - unit.start):
                continue
            attribute = _attribute(ctx, unit, f.start, f.end)
            if attribute is None:
                attribute = _counted_before(ctx, unit, f)
                # "the army's strength", "the number of foreign fighters": a group must be named or referred to
                if attribute and subject_near(ctx, unit, f.start, named_only=True, skip_objects=True) is None:
                    attribute = None
            if attribute is None and last and f.noun is None and f.value.low == f.value.high:
                before = [t.low for t in ctx.tokens_in(unit.start, f.start)][-1:]
                after = [t.low for t in ctx.tokens_in(f.end, unit.end)][:1]
                if before and before[0] in cue["quantitative"] and not (after and after[0].isalpha()
                                                                        and after[0] not in cue["prepositions"]):
                    attribute = last[1]  # "vorig jaar waren het er 90": the count of the sentence before
                    subjects[f.start] = last[0]
            if attribute is None and topic and f.noun is None and not _followed_by_word(ctx, unit, f):
                attribute = topic[1]  # "How many fighters ...? A former member puts it at 3,500."
                subjects[f.start] = topic[0]
            if attribute:
                found.append((attribute, f.value, f.start, f.end))
        for years, s, e in _founded(ctx, unit, times, figs):
            found.append(("founded", years, s, e))
        if found:
            source = _source(ctx, unit)
        this: tuple[str, str] | None = None
        for attribute, value, s, e in found:
            subject = subjects.get(s) or subject_near(ctx, unit, s, named_only=attribute == "attacks",
                                                      skip_objects=True)
            if subject is None or (attribute == "founded" and _founded_other(ctx, unit, s)):
                continue
            near = sorted((t for t in times if not (s <= t.start < e)), key=lambda t: abs(t.start - s))
            as_of = resolve(near[0], ctx.doc.published, previous) if near and attribute != "founded" else None
            key = (subject, attribute, value.low, value.high)
            if attribute != "founded":
                this = (subject, attribute)
            if key not in out:
                span = Span(ctx.doc.id, unit.start, unit.end)
                own = subject if attribute == "killed" and (source is None or speaker == subject) else None
                out[key] = Claim(stable_id("C", ctx.doc.id, s, attribute), subject, attribute, value, span, as_of,
                                 own or source)
        last = this
        claimer = claimed
        previous = last_explicit(times, previous)
    return list(out.values())

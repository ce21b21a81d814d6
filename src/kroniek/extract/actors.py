"""Who did an event and who claimed it, as the words of one document say: the subject or agent of a
deed, a group named on the attack, the claimant of a claim and the channel it came through, named
attackers and suspects, a state that strikes, and a branch named beside its parent.

Read by `events`; everything here is per document.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .. import gazetteer
from ..model import Attribution, Span
from ..text import Tok, Unit
from . import lexicon
from .context import DocContext, Placed
from .places import country_mention

if TYPE_CHECKING:
    from .events import Trigger, _Draft

MAX_SUBJECT_DISTANCE = 8  # tokens between a verb trigger and the organisation taken as its subject
PRONOUNS = frozenset({"ze", "zij", "hij", "they", "it", "he", "she"})


def state_actor(ctx: DocContext, verb: Trigger) -> Placed | None:
    """The country the parse makes the subject or agent of the trigger verb, else one right before the
    verb ("Korvia on Monday attacked ..."), where it opens its clause: a country after a preposition
    or in a list ("delen van Mali en Niger veroverd") is a place."""
    def opens_clause(p: Placed) -> bool:
        if not (p.entity.key or "").startswith("country:"):
            return False
        ahead = ctx.tokens_in(max(0, p.start - 30), p.start)[-1:]
        return not ahead or ahead[0].low in lexicon.cues()["definite"] or ahead[0].text in (":", ".", ";", "—", "-")
    found = ctx.actor_of(verb.start, verb.end, types=("LOC",))
    if found is not None and found.end <= verb.start and opens_clause(found):
        return found
    before = ctx.mentions_in(max(0, verb.start - 40), verb.start, ("LOC",))[-1:]
    if before and opens_clause(before[0]) and len(ctx.tokens_in(before[0].end, verb.start)) <= 3:
        return before[0]
    return None


def organisations(ctx: DocContext, start: int, end: int, channels: frozenset[str] = frozenset()) -> list[Placed]:
    """Organisations named in [start, end) that may be actors: the channels a claim came through
    (`channels`, their mention ids) are not."""
    return [p for p in ctx.mentions_in(start, end, ("ORG",)) if p.mention.id not in channels and not is_medium(p)]


def is_medium(p: Placed) -> bool:
    """A news agency the gazetteer knows: it reports, it never did or claimed what it reports."""
    return (p.entity.key or "").startswith("media:")


def parsed_actor(ctx: DocContext, start: int, end: int, channels: frozenset[str]) -> Placed | None:
    """The parse's actor of the verb in [start, end) (`DocContext.actor_of`), unless it is a news agency."""
    found = ctx.actor_of(start, end, skip=channels)
    return None if found is not None and is_medium(found) else found


def nearest_org(ctx: DocContext, pos: int, start: int, end: int, side: str,
                 channels: frozenset[str]) -> Placed | None:
    found = [p for p in organisations(ctx, start, end, channels) if (p.end <= pos if side == "before" else p.start >= pos)]
    return (found[-1] if side == "before" else found[0]) if found else None


def claim_channels(ctx: DocContext, unit: Unit) -> tuple[list[Placed], set[int]]:
    """The names a unit gives as the channel of a claim, platforms first, and where each channel cue starts.

    A name right after "via", "through its" or "door middel van" (only articles and channel nouns
    between: "via zijn persbureau Amaq") is the medium a group spoke through, whatever the group.
    """
    cue = lexicon.cues()
    filler = {*cue["definite"], *cue["indefinite"], *(w for n in cue["channel_nouns"] for w in n.split())}
    named = [p for p in ctx.mentions_in(unit.start, unit.end, ("MISC", "ORG"))
             if (p.entity.key or "").startswith("platform:")]
    starts = set()
    for s, e, _ in lexicon.find(ctx.unit_text(unit), "channel", unit.start):
        starts.add(s)
        after = ctx.mentions_in(e, unit.end, ("ORG", "MISC", "PER"))
        if after and after[0] not in named and all(t.low in filler for t in ctx.tokens_in(e, after[0].start)):
            named.append(after[0])
    return named, starts


def claimant(ctx: DocContext, unit: Unit, s: int, e: int, channels: frozenset[str],
              channel_starts: set[int]) -> Placed | None:
    """Who claims: the subject or agent of the claim verb in the parse, else the organisation the
    words around the cue point at."""
    parsed = parsed_actor(ctx, s, e, channels)
    if parsed is not None:
        return parsed
    inside = organisations(ctx, s, e, channels)  # "eist terreurorganisatie IS de verantwoordelijkheid op"
    if inside:
        return inside[0]
    by = lexicon.cues()["by"]
    after = ctx.tokens_in(e, unit.end)[:6]
    if after and after[0].low in by and after[0].start not in channel_starts:  # not "door middel van"
        return nearest_org(ctx, after[0].end, after[0].end, unit.end, "after", channels)
    before = ctx.tokens_in(unit.start, s)[-6:]
    for i, t in enumerate(before):
        if t.low in by and t.start not in channel_starts:
            found = organisations(ctx, t.end, s, channels)
            if found:
                return found[0]
    soon = organisations(ctx, e, min(unit.end, e + 15), channels)
    if soon:
        return soon[0]
    return nearest_org(ctx, s, unit.start, s, "before", channels)


def channel_name(ctx: DocContext, unit: Unit, named: list[Placed]) -> str | None:
    if named:
        return named[0].entity.name
    text = ctx.unit_text(unit)
    nouns = lexicon.find(text, "channel_nouns", unit.start)
    if nouns:
        s, e, word = nouns[0]
        after = [t for t in ctx.tokens_in(e, unit.end)[:2] if t.text[:1].isupper()]
        return after[0].text if after else word
    return None


def claims_in(ctx: DocContext, unit: Unit) -> list[Attribution]:
    """The claims of responsibility the unit makes, less those it denies ("heeft de aanslag nog niet opgeëist")."""
    text = ctx.unit_text(unit)
    span = Span(ctx.doc.id, unit.start, unit.end)
    named, channel_starts = claim_channels(ctx, unit)
    channels = frozenset(p.mention.id for p in named)
    out: list[Attribution] = []
    denials = set(lexicon.cues()["claim_negations"])
    # "Niet veel later eiste X ...", "not long after": a negation that only says when denies nothing
    idioms = [e for _, e, _ in lexicon.find(text, "negation_idioms", unit.start)]
    for s, e, _ in lexicon.find(text, "claim", unit.start):
        if any(t.low in denials and not any(t.start < end <= s for end in idioms)
               for t in ctx.tokens_in(unit.start, s)[-4:]):
            continue
        who = claimant(ctx, unit, s, e, channels, channel_starts)
        if who:
            # one claimant a sentence: a second cue ("eiste X, die ... ziet, de verantwoordelijkheid op")
            # restates the first claim, and its nearest name is seldom the claimant
            return [Attribution(who.entity.id, "claimed", span, channel_name(ctx, unit, named))]
    return out


def channel_ids(ctx: DocContext, unit: Unit) -> frozenset[str]:
    """The mentions a unit names as a claim's channel (`claim_channels`), which are no actors."""
    return frozenset(p.mention.id for p in claim_channels(ctx, unit)[0])


SUSPECT_REACH = 60  # characters after a suspicion cue in which its suspect is named


def suspected_in(ctx: DocContext, unit: Unit, channels: frozenset[str]) -> Placed | None:
    """The group a unit says is suspected ("officials blamed the attack on X", "de politie verdenkt X",
    "X is suspected of"), or None."""
    text = ctx.unit_text(unit)
    of_words = lexicon.cues()["suspect_of"]
    for s, e, _ in lexicon.find(text, "suspicion", unit.start):
        after = ctx.tokens_in(e, unit.end)[:1]
        if after and after[0].low in of_words:  # "X is suspected of", "X wordt verdacht van"
            suspect = nearest_org(ctx, s, unit.start, s, "before", channels)
        else:
            suspect = nearest_org(ctx, e, e, min(unit.end, e + SUSPECT_REACH), "after", channels)
        if suspect is not None:
            return suspect
    return None


def attributions_of(ctx: DocContext, unit: Unit, trig: Trigger, list_actor: Placed | None) -> tuple[list[Attribution], bool]:
    text = ctx.unit_text(unit)
    span = Span(ctx.doc.id, unit.start, unit.end)
    hedged = lexicon.has(text, "hedge")
    named, channel_starts = claim_channels(ctx, unit)
    channels = frozenset(p.mention.id for p in named)
    out = claims_in(ctx, unit)
    claimed = {a.entity for a in out}
    status = "suspected" if hedged else "asserted"
    actor = None
    by_words = lexicon.cues()["by"]
    for s, e, _ in lexicon.find(text, "perpetration", unit.start):
        after = ctx.tokens_in(e, unit.end)[:2]
        cue_words = ctx.tokens_in(s, e)
        if after and after[0].low in by_words and after[0].start not in channel_starts:
            actor = nearest_org(ctx, after[0].end, after[0].end, unit.end, "after", channels)
        else:
            if cue_words and cue_words[-1].low in lexicon.cues()["prepositions"]:  # "het werk van X", "the work of X"
                actor = nearest_org(ctx, e, e, min(unit.end, e + 40), "after", channels)
            # "X is verantwoordelijk voor de aanslag", "dat X verantwoordelijk is": the one named before the cue
            if actor is None:
                inside = organisations(ctx, s, e, channels)  # "zat JNIM achter"
                actor = inside[0] if inside else parsed_actor(ctx, s, e, channels)
            if actor is None:
                actor = nearest_org(ctx, s, unit.start, s, "before", channels)
            if actor is None:  # "In mei pleegde de ADF een aanslag": the subject after the verb
                soon = organisations(ctx, e, min(unit.end, e + 12), channels)
                actor = soon[0] if soon else None
        if actor:
            break
    if actor is None:
        after = ctx.tokens_in(trig.end, unit.end)[:4]
        by = next((t for t in after if t.low in by_words and t.start not in channel_starts), None)
        if by and not lexicon.find(ctx.text(trig.end, by.start), "claim"):
            actor = nearest_org(ctx, by.end, by.end, min(unit.end, by.end + 40), "after", channels) \
                or the_group(ctx, ctx.tokens_in(by.end, unit.end)[:2])
    if actor is None and trig.pos == "verb":
        actor = parsed_actor(ctx, trig.start, trig.end, channels)
    if actor is None and trig.pos == "verb":  # "De beweging heeft delen van X ingenomen"
        actor = the_group(ctx, ctx.tokens_in(unit.start, trig.start)[:2])
    if actor is None and trig.subtype == "air_strike":
        actor = striking_state(ctx, unit, trig)
    if actor is None and trig.pos == "verb":  # "Korvia struck camps in X": a state's deed
        actor = state_actor(ctx, trig)
    if actor is None and trig.pos == "verb":
        actor = nearest_org(ctx, trig.start, unit.start, trig.start, "before", channels)
        between = ctx.tokens_in(actor.end, trig.start) if actor is not None else []
        if len(between) > MAX_SUBJECT_DISTANCE and not any(t.low in PRONOUNS for t in between):
            actor = None  # too far, and no pronoun ("ze ... executeerden") carries it to the verb
        if actor is None and any(t.low in PRONOUNS for t in ctx.tokens_in(unit.start, trig.start)):
            actor = list_actor
    if actor is None and list_actor is not None:
        actor = list_actor
    named_deed = named_on_the_deed(ctx, trig, channels)
    if actor is None:
        actor = named_deed
    if actor is None and (suspect := suspected_in(ctx, unit, channels)) is not None and suspect.entity.id not in claimed:
        out.append(Attribution(suspect.entity.id, "suspected", span))
    if actor is not None and (actor.entity.id not in claimed or actor is named_deed):
        out.append(Attribution(actor.entity.id, status, span))
    unknown = lexicon.has(text, "unknown")
    return branches_for_parents(ctx, unit, out), unknown


def named_on_the_deed(ctx: DocContext, trig: Trigger, channels: frozenset[str]) -> Placed | None:
    """The text itself names who did it on the trigger word: an armed group before it ("a Houthi drone
    strike", "de IS-aanslag"), or any organisation after "van"/"of" with only articles between ("de
    aanslag van al-Shabaab")."""
    if trig.pos != "noun":
        return None
    before = [p for p in organisations(ctx, max(0, trig.start - 40), trig.start, channels)
              if ctx.is_group(p) and len(ctx.tokens_in(p.end, trig.start)) <= 1]
    cue = lexicon.cues()
    # an armed group only: "a NATO convoy attack" names the target; "de door JNIM opgeëiste aanval" is a claim
    # "eiste JNIM de aanslag op": a name inside a claim, or right after its verb, is the claimant, not one on the deed
    lo = max(0, before[-1].start - 40) if before else 0
    inside_claim = bool(before) and any(
        lo + s <= before[-1].start and (before[-1].end <= lo + e or not ctx.text(lo + e, before[-1].start).strip())
        for s, e, _ in lexicon.find(ctx.text(lo, trig.end + 40), "claim"))
    if before and not inside_claim and not lexicon.find(ctx.text(before[-1].end, trig.start), "claim") \
            and not any(t.low in cue["by"] for t in ctx.tokens_in(before[-1].start - 12, before[-1].start)[-1:]):
        return before[-1]
    after = ctx.tokens_in(trig.end, trig.end + 40)[:3]
    if after and after[0].low in ("van", "of"):
        found = organisations(ctx, after[0].end, after[-1].end, channels)
        if found and all(t.low in cue["definite"] for t in ctx.tokens_in(after[0].end, found[0].start)):
            return found[0]
    return None


def the_group(ctx: DocContext, words: list[Tok]) -> Placed | None:
    """"door de terreurbeweging", "by the group": the armed group the document is about."""
    cue = lexicon.cues()
    if len(words) < 2 or words[0].low not in cue["definite"] \
            or not any(words[1].low.endswith(h) for h in cue["group_heads"]):
        return None
    group = ctx.dominant_group
    return next((p for p in ctx.placed if group is not None and p.entity.id == group.id), None)


def striking_state(ctx: DocContext, unit: Unit, trig: Trigger) -> Placed | None:
    """Air strikes are flown by states: the country that is the subject of the strike verb, or whose
    name or adjective stands right before the strikes ("US drone strike", "Russische luchtaanvallen")."""
    def state(p: Placed | None) -> Placed | None:
        return p if p is not None and (p.entity.key or "").startswith("country:") else None
    verbs = [trig, *(t for t in ctx.tokens_in(unit.start, unit.end) if t.pos == "VERB")]
    for verb in verbs:  # the strike word itself first, then the sentence's verbs
        if found := state(ctx.actor_of(verb.start, verb.end, types=("LOC",))):
            return found
    gaz = gazetteer.load()
    for t in ctx.tokens_in(unit.start, trig.start)[-2:]:
        named = [p for p in ctx.mentions_in(t.start, t.end, ("LOC",)) if state(p)]
        if named:
            return named[0]
        if t.text[:1].isupper() and (code := gaz.demonym(t.text)) and (country := country_mention(ctx, code)):
            return country
    return None


def branches_for_parents(ctx: DocContext, unit: Unit, found: list[Attribution]) -> list[Attribution]:
    """"al-Shabaab, een tak van al-Qaeda, eiste de aanslag op": where the sentence names a
    branch beside its parent organisation, the deed is the branch's, not the parent's. So it is where the
    sentence credits "an al-Qaeda affiliate" and the document names a branch of al-Qaeda elsewhere."""
    entries = gazetteer.load().entries
    orgs = organisations(ctx, unit.start, unit.end)
    branch_of: dict[str, str] = {}
    for p in orgs:
        entry = entries.get(p.entity.key or "")
        if entry is not None and entry.parent:
            branch_of.setdefault(f"group:{entry.parent}", p.entity.id)
    nouns = set(lexicon.cues()["affiliate_nouns"])
    for p in orgs:
        after = ctx.tokens_in(p.end, unit.end)[:2]
        joined = ctx.text(p.end, p.end + 1) == "-"  # "IS-gelieerde", "Qaeda-linked"
        if p.entity.key and p.entity.key not in branch_of and any(
                t.low in nouns or (joined and t.low.lstrip("-") in nouns) for t in after[:1 if not joined else 2]):
            branch = next((q for q in ctx.placed if (e := entries.get(q.entity.key or "")) is not None
                           and e.parent and f"group:{e.parent}" == p.entity.key), None)
            if branch is not None:
                branch_of[p.entity.key] = branch.entity.id
    if not branch_of:
        return found
    by_key = {p.entity.id: p.entity.key for p in orgs}
    out: list[Attribution] = []
    for a in found:
        branch = branch_of.get(by_key.get(a.entity) or "")
        a = replace(a, entity=branch) if branch else a
        if all((b.entity, b.status) != (a.entity, a.status) for b in out):
            out.append(a)
    return out


def add_attackers(ctx: DocContext, drafts: list[_Draft]) -> None:
    """A person the text calls the attacker ("de dader, X", "the assailant, X", "X, the gunman") did the
    attack the document reports before that sentence (else its first): asserted, or suspected where
    the text calls them a suspect. The group that claimed it stays the claimant."""
    attacks = [d for d in drafts if d.type == "attack"]
    if not attacks:
        return
    cue = lexicon.cues()
    fillers = set(cue["attacker_fillers"])
    for unit in ctx.units:
        people = ctx.mentions_in(unit.start, unit.end, ("PER",))
        if not people:
            continue
        text = ctx.unit_text(unit)
        nouns = [(s, e, "asserted") for s, e, _ in lexicon.find(text, "attacker_nouns", unit.start)]
        nouns += [(s, e, "suspected") for s, e, _ in lexicon.find(text, "suspect_nouns", unit.start)]
        for s, e, status in sorted(nouns, key=lambda n: (n[0], -n[1])):
            person = person_beside(ctx, people, s, e, fillers)
            if person is None:
                continue
            before = [d for d in attacks if min(x.start for x in d.spans) <= unit.start]
            target = before[-1] if before else attacks[0]
            if not any(a.entity == person.entity.id for a in target.attributions):
                status = "suspected" if status == "suspected" or lexicon.has(text, "hedge") else "asserted"
                target.attributions.append(Attribution(person.entity.id, status, Span(ctx.doc.id, unit.start, unit.end)))
            break


def person_beside(ctx: DocContext, people: list[Placed], s: int, e: int, fillers: set[str]) -> Placed | None:
    """The person named right after the noun at [s, e) ("schutter X", "the assailant, 20-year-old X")
    or right before it ("X, the gunman"), with only fillers, numbers and commas between."""
    def only_fillers(lo: int, hi: int) -> bool:
        return all(t.low in fillers or t.text[0].isdigit() or t.text in {",", "-"} for t in ctx.tokens_in(lo, hi))
    after = [p for p in people if p.start >= e]
    if after and only_fillers(e, after[0].start) and len(ctx.tokens_in(e, after[0].start)) <= 6:
        return after[0]
    before = [p for p in people if p.end <= s]
    if before and ctx.text(before[-1].end, s).strip().startswith(",") and only_fillers(before[-1].end, s):
        return before[-1]
    return None


def deed_by(ctx: DocContext, unit: Unit) -> Placed | None:
    """Who a sentence that counts the dead says did it: the organisation after "killed by" / "gedood door",
    or an armed group named on the attacker ("a Korvian Front gunman opened fire")."""
    text = ctx.unit_text(unit)
    by = set(lexicon.cues()["by"])
    for _, e, _ in lexicon.find(text, "killed", unit.start):
        after = ctx.tokens_in(e, unit.end)[:2]
        if after and after[0].low in by:
            found = organisations(ctx, after[0].end, min(unit.end, after[0].end + 40))
            if found and all(t.low in lexicon.cues()["definite"] for t in ctx.tokens_in(after[0].end, found[0].start)):
                return found[0]
    nouns = {n for n in lexicon.cues()["attacker_nouns"] if " " not in n}
    for p in organisations(ctx, unit.start, unit.end):
        nxt = ctx.tokens_in(p.end, unit.end)[:1]
        if ctx.is_group(p) and nxt and nxt[0].low in nouns:
            return p
    return None

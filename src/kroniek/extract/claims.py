"""Claims: the numbers a source gives about a group (fighters, attacks, money, founding year), with
the time they describe and who the text says they come from.

The subject is the group named nearest the number, passing over groups that stand as objects
("trouw aan X"); where "de groep", "ze" or nothing stands closer, it is the group the document is
about (`DocContext.dominant_group`). Figures that count casualties belong to events, not here,
except the deaths a group itself claims ("claimed to have killed 60"). Counts of attacks need a
group in their sentence: without one they tally an event's attacks.
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


@lru_cache(maxsize=1)
def _anaphora() -> tuple[str, ...]:
    return tuple(sorted(lexicon_words("group_anaphora"), key=len, reverse=True))


def _is_group(p: Placed) -> bool:
    return p.type == "ORG" and (p.entity.key or "").startswith("group:")


def _subject_groups(ctx: DocContext, unit: Unit) -> list[Placed]:
    """The groups named in `unit` that can own a figure there: a group after a preposition such as
    "aan", "tegen", "to" ("trouw aan X", "allegiance to X") is an object, and so is its alias in
    brackets right after it."""
    oblique = set(lexicon.cues()["claim_oblique"])
    skip = set(lexicon.cues()["definite"]) | set(lexicon.cues()["indefinite"])
    out, previous_oblique, previous_end = [], False, None
    for p in ctx.mentions_in(unit.start, unit.end, ("ORG",)):
        if not _is_group(p):
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
              else [p for p in ctx.mentions_in(unit.start, unit.end, ("ORG",)) if _is_group(p)])
    anaphors = lexicon.find_phrases(ctx.unit_text(unit), _anaphora(), unit.start)
    best = min(groups, key=lambda p: abs(p.start - pos), default=None)
    near_anaphor = min((abs(s - pos) for s, _, _ in anaphors), default=None)
    if best is not None and (near_anaphor is None or abs(best.start - pos) <= near_anaphor):
        return best.entity.id
    if named_only and near_anaphor is None:
        return None
    return ctx.dominant_group.id if ctx.dominant_group else None


def _group_names(ctx: DocContext) -> set[str]:
    return {n.lower() for p in ctx.placed if _is_group(p)
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
            if w in nouns:
                if any(p.end <= start for p in _subject_groups(ctx, unit)) and (
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


def _founded(ctx: DocContext, unit: Unit, times: list) -> list[tuple[int, int, int]]:
    """(year, start, end) of each founding the unit tells: "opgericht in 1990", "formed on 2 March 2017",
    "richtten in 1964 de X op", "launched X on ...", "in 1980 een van de oprichters van X"."""
    text = ctx.unit_text(unit)
    years = [t for t in times if t.kind == "absolute" and t.value]

    def gap(a: int, b: int) -> int:
        return len(ctx.tokens_in(min(a, b), max(a, b)))

    out = []
    for s, e, _ in lexicon.find(text, "founded", unit.start):
        near = [t for t in years if gap(t.start, e if t.start >= e else s) <= MAX_FOUNDED_DISTANCE]
        if near:
            out.append((int(near[0].value[:4]), min(s, near[0].start), max(e, near[0].end)))
    groups = [p for p in ctx.mentions_in(unit.start, unit.end, ("ORG",)) if _is_group(p)]
    for s, e in _separable(text, "founding_verbs", unit.start):
        if not any(s < p.start <= e + 3 for p in groups):
            continue  # "launched an offensive": the object is no group
        near = [t for t in years if gap(t.start, e if t.start >= e else s) <= MAX_FOUNDED_DISTANCE]
        if near:
            out.append((int(near[0].value[:4]), min(s, near[0].start), max(e, near[0].end)))
    for s, e, _ in lexicon.find(text, "founder_nouns", unit.start):
        near = [t for t in years if t.end <= s and gap(t.end, s) <= MAX_FOUNDED_DISTANCE]
        if near and any(p.start >= e and gap(e, p.start) <= MAX_FOUNDED_DISTANCE for p in groups):
            out.append((int(near[-1].value[:4]), near[-1].start, e))
    return out


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
    gedood", "claimed to have killed 60 hostages"."""
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


def _source(ctx: DocContext, unit: Unit) -> str | None:
    prepositions = set(lexicon.cues()["source_prepositions"])
    for s, e, word in lexicon.find(ctx.unit_text(unit), "source_cues", unit.start):
        named = ctx.mentions_in(e, min(unit.end, e + 40), ("ORG", "PER"))
        if named:
            return named[0].entity.id
        before = ctx.mentions_in(max(unit.start, s - 30), s, ("ORG", "PER"))
        if before and word not in prepositions:
            return before[-1].entity.id
        words = ctx.text(e, unit.end).strip().split()[:3]
        if words:
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
        for f in figs:
            if f.subset or f in killings or any(s <= f.start < e for s, e in counted):
                continue
            if _casualty_near(text, f.start - unit.start, f.end - unit.start):
                continue
            attribute = _attribute(ctx, unit, f.start, f.end)
            if attribute is None and lexicon.find(ctx.text(unit.start, f.start), "count_words"):
                window = ctx.text(max(unit.start, f.start - 80), f.start).lower()
                attribute = "attacks" if any(n in window.split() for n in cue["claim_nouns"]["attacks"]) else None
            if attribute is None and last and f.noun is None and f.value.low == f.value.high:
                before = [t.low for t in ctx.tokens_in(unit.start, f.start)][-1:]
                after = [t.low for t in ctx.tokens_in(f.end, unit.end)][:1]
                if before and before[0] in cue["quantitative"] and not (after and after[0].isalpha()
                                                                        and after[0] not in cue["prepositions"]):
                    attribute = last[1]  # "vorig jaar waren het er 90": the count of the sentence before
                    subjects[f.start] = last[0]
            if attribute:
                found.append((attribute, f.value, f.start, f.end))
        for year, s, e in _founded(ctx, unit, times):
            found.append(("founded", Range(year, year), s, e))
        if found:
            source = _source(ctx, unit)
        this: tuple[str, str] | None = None
        for attribute, value, s, e in found:
            subject = subjects.get(s) or subject_near(ctx, unit, s, named_only=attribute == "attacks",
                                                      skip_objects=True)
            if subject is None:
                continue
            near = sorted((t for t in times if not (s <= t.start < e)), key=lambda t: abs(t.start - s))
            as_of = resolve(near[0], ctx.doc.published, previous) if near and attribute != "founded" else None
            key = (subject, attribute, value.low, value.high)
            if attribute != "founded":
                this = (subject, attribute)
            if key not in out:
                span = Span(ctx.doc.id, unit.start, unit.end)
                out[key] = Claim(stable_id("C", ctx.doc.id, s, attribute), subject, attribute, value, span, as_of,
                                 subject if attribute == "killed" and source is None else source)
        last = this
        previous = last_explicit(times, previous)
    return list(out.values())

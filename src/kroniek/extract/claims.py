"""Claims: the numbers a source gives about a group (fighters, attacks, money, founding year), with
the time they describe and who the text says they come from.

The subject is the group named nearest the number; where "de groep", "ze" or nothing stands
closer, it is the group the document is about (`DocContext.dominant_group`). Figures that count
casualties belong to events, not here.
"""
from __future__ import annotations

from functools import lru_cache

from ..data import lexicon_words
from ..dates import find_times, last_explicit, resolve
from ..model import Claim, Range, Span, stable_id
from ..text import Unit
from . import lexicon
from .context import DocContext, Placed
from .figures import casualties, figures

MAX_FOUNDED_DISTANCE = 6  # tokens between "opgericht" and its year


@lru_cache(maxsize=1)
def _anaphora() -> tuple[str, ...]:
    return tuple(sorted(lexicon_words("group_anaphora"), key=len, reverse=True))


def _is_group(p: Placed) -> bool:
    return p.type == "ORG" and (p.entity.key or "").startswith("group:")


def subject_near(ctx: DocContext, unit: Unit, pos: int) -> str | None:
    """The group a figure at `pos` is about: the nearest named group, unless an anaphor is nearer."""
    groups = [p for p in ctx.mentions_in(unit.start, unit.end, ("ORG",)) if _is_group(p)]
    anaphors = lexicon.find_phrases(ctx.unit_text(unit), _anaphora(), unit.start)
    best = min(groups, key=lambda p: abs(p.start - pos), default=None)
    near_anaphor = min((abs(s - pos) for s, _, _ in anaphors), default=None)
    if best is not None and (near_anaphor is None or abs(best.start - pos) <= near_anaphor):
        return best.entity.id
    return ctx.dominant_group.id if ctx.dominant_group else None


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


def extract_claims(ctx: DocContext) -> list[Claim]:
    cue = lexicon.cues()
    out: dict[tuple, Claim] = {}
    previous: str | None = None
    for unit in ctx.units:
        text = ctx.unit_text(unit)
        times = find_times(text, unit.start)
        found: list[tuple[str, Range, int, int]] = []
        counted = {(s, e) for s, e in ((v[1], v[2]) for v in casualties(text, ctx.lang, unit.start).values())}
        for f in figures(text, ctx.lang, unit.start):
            if f.subset or any(s <= f.start < e for s, e in counted):
                continue
            after = [t.low for t in ctx.tokens_in(f.end, unit.end)[:3]]
            attribute = next((a for a, nouns in cue["claim_nouns"].items() if any(w in nouns for w in after)), None)
            if attribute is None and lexicon.find(ctx.text(unit.start, f.start), "count_words"):
                window = ctx.text(max(unit.start, f.start - 80), f.start).lower()
                attribute = "attacks" if any(n in window.split() for n in cue["claim_nouns"]["attacks"]) else None
            if attribute:
                found.append((attribute, f.value, f.start, f.end))
        for s, e, _ in lexicon.find(text, "founded", unit.start):
            years = [t for t in times if t.kind == "absolute" and t.value
                     and len(ctx.tokens_in(min(t.start, e), max(t.start, s))) <= MAX_FOUNDED_DISTANCE]
            if years:
                year = int(years[0].value[:4])
                found.append(("founded", Range(year, year), min(s, years[0].start), max(e, years[0].end)))
        if found:
            source = _source(ctx, unit)
        for attribute, value, s, e in found:
            subject = subject_near(ctx, unit, s)
            if subject is None:
                continue
            near = sorted((t for t in times if not (s <= t.start < e)), key=lambda t: abs(t.start - s))
            as_of = resolve(near[0], ctx.doc.published, previous) if near and attribute != "founded" else None
            key = (subject, attribute, value.low, value.high)
            if key not in out:
                span = Span(ctx.doc.id, unit.start, unit.end)
                out[key] = Claim(stable_id("C", ctx.doc.id, s, attribute), subject, attribute, value, span, as_of, source)
        previous = last_explicit(times, previous)
    return list(out.values())

"""Relations between actors and places, from cue phrases in data files.

Each cue names a predicate and where its two ends stand: around the cue (subject before, object
after), both before it ("X en Y zijn gezworen vijanden"), a person and the organisation after the
cue ("leider van X"), a wing named after its owner ("haar mediatak X"), or the places a group is
active in. Affiliations of people follow the pattern "Name, role at Organisation". Symmetric
predicates are stored once, subject and object in id order.
"""
from __future__ import annotations

from ..data import lexicon_words
from ..model import Relation, Report, Span
from ..text import Unit
from . import lexicon
from .claims import subject_near
from .context import DocContext, Placed

SYMMETRIC = frozenset({"rival_of", "allied_with"})
TYPES = {"located_in": ("LOC",)}
WINDOW = 15  # tokens a relation's end may stand from its cue


def _within(ctx: DocContext, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return len(ctx.tokens_in(lo, hi)) <= WINDOW


def _part_object(ctx: DocContext, p: Placed) -> bool:
    """An organisation after "van"/"of" names a whole ("de tak van IS", "leden van X"), not the
    sentence's subject."""
    return lexicon.ends_with(ctx.text(max(0, p.start - 25), p.start), "whole_prepositions")


def _chain(ctx: DocContext, unit: Unit, start: int, types: tuple[str, ...]) -> list[Placed]:
    """Places listed together after `start`: "in Pakistan en Afghanistan"."""
    found = [p for p in ctx.mentions_in(start, unit.end, types)]
    if not found or not _within(ctx, start, found[0].start):
        return []
    out = [found[0]]
    for p in found[1:]:
        gap = ctx.text(out[-1].end, p.start).strip().lower()
        if gap not in (",", "en", "and", "of", "or", ", en", ", and"):
            break
        out.append(p)
    return out


def _relations_in(ctx: DocContext, unit: Unit) -> list[tuple[str, str, str]]:
    text = ctx.unit_text(unit)
    out: list[tuple[str, str, str]] = []
    former = lexicon.cues()["former"]
    for rule in lexicon.cues()["relations"]:
        predicate, args = rule["predicate"], rule["args"]
        types = TYPES.get(predicate, ("ORG",))
        for s, e, _ in lexicon.find_phrases(text, tuple(rule["cue"]), unit.start):
            before = [p for p in ctx.mentions_in(unit.start, s, types) if _within(ctx, p.end, s)]
            after = [p for p in ctx.mentions_in(e, unit.end, types) if _within(ctx, e, p.start)]
            if args == "around":
                subj = next((p for p in reversed(before) if not _part_object(ctx, p)), None)
                if subj and after:
                    out.append((subj.entity.id, predicate, after[0].entity.id))
                elif not subj and len(after) >= 2 and ctx.text(after[0].end, after[1].start).strip(" ,") in ("", "de", "het", "the"):
                    # apposition: "de vijand van X, de Y"
                    out.append((after[1].entity.id, predicate, after[0].entity.id))
                elif subj is None and after and predicate != "located_in":
                    group = subject_near(ctx, unit, s)
                    if group:
                        out.append((group, predicate, after[0].entity.id))
                elif len(before) >= 2 and not after:
                    out.append((before[-2].entity.id, predicate, before[-1].entity.id))
            elif args == "both_before" and len(before) >= 2:
                out.append((before[-2].entity.id, predicate, before[-1].entity.id))
            elif args == "owner" and after:
                owner = next((p for p in reversed(before) if p.entity.id != after[0].entity.id), None)
                owner_id = owner.entity.id if owner else subject_near(ctx, unit, s)
                if owner_id:
                    out.append((after[0].entity.id, predicate, owner_id))
            elif args == "person":
                people = ctx.mentions_in(unit.start, unit.end, ("PER",))
                if after and people:
                    person = min(people, key=lambda p: abs(p.start - s))
                    prefix = ctx.text(max(unit.start, person.start - 12), person.start).lower()
                    if not any(w in prefix.split() for w in former):
                        out.append((person.entity.id, predicate, after[0].entity.id))
            elif args == "place":
                places = _chain(ctx, unit, e, ("LOC",))
                if not places:
                    near = [p for p in ctx.mentions_in(unit.start, s, ("LOC",)) if len(ctx.tokens_in(p.end, s)) <= 3]
                    places = near
                subj = next((p for p in reversed(ctx.mentions_in(unit.start, s, ("ORG",))) if not _part_object(ctx, p)),
                            None)
                group = subj.entity.id if subj else subject_near(ctx, unit, s)
                if group:
                    out += [(group, predicate, p.entity.id) for p in places]
    out += _affiliations(ctx, unit)
    out += _city_in_country(ctx, unit)
    return out


def _affiliations(ctx: DocContext, unit: Unit) -> list[tuple[str, str, str]]:
    cue = lexicon.cues()
    out = []
    for person in ctx.mentions_in(unit.start, unit.end, ("PER",)):
        prefix = ctx.text(max(unit.start, person.start - 14), person.start).lower().split()
        if any(w.rstrip("-") in cue["former"] for w in prefix):
            continue
        if prefix and prefix[-1] in cue["member_titles"]:
            nxt = ctx.tokens_in(person.end, unit.end)[:3]
            orgs = ctx.mentions_in(person.end, min(unit.end, person.end + 20), ("ORG",))
            if nxt and nxt[0].low in ("van", "of") and orgs:
                out.append((person.entity.id, "member_of", orgs[0].entity.id))
        toks = ctx.tokens_in(person.end, unit.end)[:10]
        role = next((i for i, t in enumerate(toks) if any(t.low.endswith(r) for r in cue["role_suffixes"])), None)
        if role is None or any(t.low.rstrip("-") in cue["former"] for t in toks[:role]):
            continue
        prep = next((t for t in toks[role + 1:role + 5] if t.low in cue["affiliation_prepositions"]), None)
        if prep is None:
            continue
        others = ctx.mentions_in(prep.end, unit.end, ("PER",))
        comma = ctx.doc.text.find(",", prep.end, unit.end)
        stop = min(others[0].start if others else unit.end, comma if comma >= 0 else unit.end)
        for org in ctx.mentions_in(prep.end, stop, ("ORG", "LOC")):
            if org.type == "LOC" and not _named_after_place(ctx, org):
                continue
            out.append((person.entity.id, "affiliated_with", org.entity.id))
    return out


def _named_after_place(ctx: DocContext, place: Placed) -> bool:
    """"de militaire academie in West Point": an institution the text names by its place."""
    words = ctx.text(max(0, place.start - 20), place.start).split()
    keywords = {w.lower() for w in lexicon_words("org_keywords")}
    return (len(words) >= 2 and words[-1].lower() in ("in", "at", "te") and words[-2].islower()
            and words[-2] in keywords)


def _city_in_country(ctx: DocContext, unit: Unit) -> list[tuple[str, str, str]]:
    """"Kerman, Iran": a place the gazetteer puts in the country named right after it."""
    places = ctx.mentions_in(unit.start, unit.end, ("LOC",))
    out = []
    for a, b in zip(places, places[1:]):
        if ctx.text(a.end, b.start).strip() == "," and b.entity.key == f"country:{a.entity.country}" and a.entity.country:
            out.append((a.entity.id, "located_in", b.entity.id))
    return out


def _places_in_named_countries(ctx: DocContext) -> list[tuple[str, str, str, Span]]:
    """A city or region the gazetteer puts in a country that the same document names: the reader of
    "an attack in Garissa ... Kenya's government" knows Garissa lies in Kenya, and so does the gazetteer."""
    countries = {p.entity.key.split(":", 1)[1]: p.entity.id for p in ctx.placed
                 if p.type == "LOC" and (p.entity.key or "").startswith("country:")}
    out, seen = [], set()
    for p in ctx.placed:
        e = p.entity
        if p.type != "LOC" or not e.country or (e.key or "").startswith("country:") or e.id in seen:
            continue
        country = countries.get(e.country)
        if country and country != e.id:
            seen.add(e.id)
            unit = next((u for u in ctx.units if u.start <= p.start < u.end), None)
            start, end = (unit.start, unit.end) if unit else (p.start, p.end)
            out.append((e.id, "located_in", country, Span(ctx.doc.id, start, end)))
    return out


def extract_relations(ctx: DocContext) -> list[Relation]:
    found: dict[tuple[str, str, str], list[Span]] = {}
    for s, p, o, evidence in _places_in_named_countries(ctx):
        found.setdefault((s, p, o), []).append(evidence)
    for unit in ctx.units:
        for s, p, o in _relations_in(ctx, unit):
            if s == o:
                continue
            if p in SYMMETRIC:
                s, o = sorted((s, o))
            found.setdefault((s, p, o), []).append(Span(ctx.doc.id, unit.start, unit.end))
    return [Relation(s, p, o, tuple(spans)) for (s, p, o), spans in found.items()]


def active_where_they_struck(reports: list[Report]) -> list[Relation]:
    """A group a document says carried out or claimed an attack is active where it struck (and in the
    country of that place, when the gazetteer knows it): "al-Shabaab claimed the bombing in Garissa"."""
    found: dict[tuple[str, str, str], list[Span]] = {}
    for report in reports:
        if not report.location:
            continue
        for a in report.attributions:
            if a.status in ("asserted", "claimed"):
                found.setdefault((a.entity, "active_in", report.location), []).append(report.evidence)
    return [Relation(s, p, o, tuple(spans)) for (s, p, o), spans in found.items()]


def merge_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object) over the corpus, with every evidence span; an
    alliance or rivalry between a group and its own branch is dropped (the branch is part of it)."""
    merged: dict[tuple[str, str, str], list[Span]] = {}
    for r in relations:
        merged.setdefault((r.subject, r.predicate, r.object), []).extend(r.evidence)
    parts = {frozenset((s, o)) for s, p, o in merged if p == "part_of"}
    return [Relation(s, p, o, tuple(sorted(set(ev)))) for (s, p, o), ev in sorted(merged.items())
            if not (p in SYMMETRIC and frozenset((s, o)) in parts)]

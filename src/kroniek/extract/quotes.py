"""Quotes: what a named person is quoted as saying, and where.

A passage is text between quotation marks („…”, “…”, "…", ‘…’), a paragraph that opens with a
quotation mark (interview answers run over several such paragraphs), or a tweet ("… — Name
(@handle) date"). Its speaker is, in this order: the name before a colon that opens the paragraph
("Name: ‘…’"); the person after a verb of saying right after it ("…”, zegt X", "aldus X"); the
person before it in the same paragraph when a verb of saying stands there ("X vertelde dat “…”",
"Volgens X …"); otherwise whoever was quoted last, if the passage follows straight on. A pronoun
("zei ze") is the last speaker. Unnamed sources ("een adviseur") are not persons and are left out.

Reported speech counts too ("X liet weten dat ...", "the minister, Y, said the attack ..."): a
sentence whose verb of saying (by lemma, from the data files) has a named person as its subject in
the parse, or, where the layer has no parse, a person right before or after the verb; and "volgens
X" / "according to X". The sentence is the passage.
"""
from __future__ import annotations

import re

from ..model import Quote, Span
from ..text import paragraphs
from . import lexicon
from .context import DocContext, Placed

INLINE = re.compile(r"[“„\"]([^“”„\"\n]{3,})[”“\"]|(?<![\w’'])‘([^‘’\n]{3,}?)’(?!\w)")
OPENERS = "“„\"‘'"
TWEET = re.compile(r"\s[—–]\s")


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


def _person_after(ctx: DocContext, start: int, end: int) -> Placed | None:
    people = ctx.mentions_in(start, end, ("PER",))
    return people[0] if people else None


def extract_quotes(ctx: DocContext) -> list[Quote]:
    cue = lexicon.cues()
    pronouns = set(cue["pronouns"])
    paras = paragraphs(ctx.doc.text)
    last: str | None = None
    last_para = -5
    found: dict[str, list[Span]] = {}
    for start, end, number in _passages(ctx, paras):
        p_start, p_end = paras[number]
        speaker: str | None = None
        decided = False
        head = ctx.text(p_start, start)
        if re.search(r":\s*$", head) and (who := _person_after(ctx, p_start, start)):
            speaker, decided = who.entity.id, True
        elif TWEET.match(ctx.text(end, end + 3)):
            who = _person_after(ctx, end, p_end)
            speaker, decided = (who.entity.id if who else None), True
        if not decided:
            tail = ctx.text(end, min(p_end, end + 60))
            verbs = lexicon.find(tail, "say_verbs", end)
            if verbs and ctx.text(end, verbs[0][0]).strip(" ,.") == "":
                v_end = verbs[0][1]
                who = _person_after(ctx, v_end, min(p_end, v_end + 45))
                words = ctx.text(v_end, min(p_end, v_end + 20)).lower().split()
                if who:
                    speaker, decided = who.entity.id, True
                elif words and words[0].strip(",.") in pronouns:
                    speaker, decided = last, True
                else:
                    decided = True  # an unnamed source
        if not decided:
            verbs = lexicon.find(head, "say_verbs", p_start)
            if verbs:
                people = ctx.mentions_in(p_start, start, ("PER",))
                before = ctx.text(verbs[-1][1], start).lower().split()
                if people:
                    speaker, decided = people[-1].entity.id, True
                elif before and before[0].strip(",.") in pronouns:
                    speaker, decided = last, True
        if not decided and number - last_para <= 1 and last is not None:
            speaker = last
        if not decided and speaker is None and not head.strip():
            prev = ctx.mentions_in(paras[number - 1][0], paras[number - 1][1], ("PER",)) if number else []
            if prev:
                speaker = prev[-1].entity.id
        if speaker is None or (end - start < 60 and not ctx.text(start, end).rstrip(" ’”\"'").endswith(tuple(".!?"))
                               and not head.strip() and ctx.text(end, p_end).strip() == ""):
            continue
        found.setdefault(speaker, []).append(Span(ctx.doc.id, start, end))
        last, last_para = speaker, number
    for speaker, span in _reported_speech(ctx):
        spans = found.setdefault(speaker, [])
        if not any(x.overlaps(span) for x in spans):
            spans.append(span)
    out = []
    for speaker, spans in found.items():
        spans.sort()
        out.append(Quote(speaker, Span(ctx.doc.id, spans[0].start, max(x.end for x in spans)), tuple(spans)))
    return out


def _reported_speech(ctx: DocContext) -> list[tuple[str, Span]]:
    """(speaker, sentence) for every sentence in which a named person says something."""
    cue = lexicon.cues()
    lemmas, surfaces = set(cue["say_lemmas"]), set(cue["say_verbs"]) - set(cue["according_to"])
    pairs = {k: set(v) for k, v in cue.get("say_pairs", {}).items()}
    pronouns = set(cue["pronouns"])
    layer = ctx.layer
    out: list[tuple[str, Span]] = []
    last: str | None = None
    for unit in ctx.units:
        toks = ctx.tokens_in(unit.start, unit.end)
        people = ctx.mentions_in(unit.start, unit.end, ("PER",))
        if not toks:
            continue
        speaker = _according_to(ctx, unit, people)
        for k, tok in enumerate(toks):
            if speaker is not None:
                break
            if tok.pos and tok.pos not in ("VERB", "AUX"):
                continue
            saying = tok.lem in lemmas or (not tok.lemma and tok.low in surfaces) or (
                tok.lem in pairs and any(t.lem in pairs[tok.lem] or t.low in pairs[tok.lem] for t in toks[k + 1:]))
            if not saying:
                continue
            subjects = layer.arguments(tok)[0] if layer.parsed else []
            if subjects:
                if subjects[0].low in pronouns:
                    speaker = last
                    continue
                speaker = _person_in(layer.phrase(subjects[0]), people)
                if speaker is not None:
                    continue
            # no parse, or a parse that finds no one: the person beside the verb
            speaker = _person_beside(ctx, toks, k, people)
            if speaker is None and k + 1 < len(toks) and toks[k + 1].low in pronouns:
                speaker = last
        if speaker is not None:
            out.append((speaker, Span(ctx.doc.id, unit.start, unit.end)))
            # "hij zei" is the last speaker, never merely the last person named: that may be anyone
            last = speaker
    return out


def _according_to(ctx: DocContext, unit, people: list[Placed]) -> str | None:
    for _, e, _ in lexicon.find(ctx.unit_text(unit), "according_to", unit.start):
        after = [p for p in people if p.start >= e]
        if after and ctx.text(e, after[0].start).strip(" ,") == "":
            return after[0].entity.id
    return None


def _person_in(phrase: tuple[int, int], people: list[Placed]) -> str | None:
    """The person a subject's phrase names: its own words, or a name inside it ("woordvoerder X",
    "the minister, X,")."""
    lo, hi = phrase
    inside = [p for p in people if p.start < hi and lo < p.end]
    return inside[0].entity.id if inside else None


def _person_beside(ctx: DocContext, toks, k: int, people: list[Placed]) -> str | None:
    """Without a parse: a person named right before the verb ("X zei") or right after it ("zei X",
    "said X")."""
    verb = toks[k]
    before = [p for p in people if p.end <= verb.start]
    if before and len([t for t in toks if before[-1].end <= t.start < verb.start]) <= 1:
        return before[-1].entity.id
    after = [p for p in people if p.start >= verb.end]
    if after and len([t for t in toks if verb.end <= t.start < after[0].start]) <= 1:
        return after[0].entity.id
    return None

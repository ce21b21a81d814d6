"""Quotes: what a named person is quoted as saying, and where.

A passage is text between quotation marks („…”, “…”, "…", ‘…’), a paragraph that opens with a
quotation mark (interview answers run over several such paragraphs), or a tweet ("… — Name
(@handle) date"). Its speaker is, in this order: the name before a colon that opens the paragraph
("Name: ‘…’"); the person after a verb of saying right after it ("…”, zegt X", "aldus X"); the
person before it in the same paragraph when a verb of saying stands there ("X vertelde dat “…”",
"Volgens X …"); otherwise whoever was quoted last, if the passage follows straight on. A pronoun
("zei ze") is the last speaker. Unnamed sources ("een adviseur") are not persons and are left out.
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
    return [Quote(speaker, Span(ctx.doc.id, spans[0].start, spans[-1].end), tuple(spans))
            for speaker, spans in found.items()]

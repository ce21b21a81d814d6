"""Extract stage: mention ids that survive edits of the article around them.

A mention is named by its document, its surface form and which occurrence of that form it is among
the document's mentions, not by its offsets: an analyst's judgement on "Amina Diallo" in an article
still applies after a figure earlier in the article is corrected and every offset after it shifts.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import AliasLink, Mention, stable_id


def stable_mention_ids(mentions: list[Mention], links: list[AliasLink]) -> tuple[list[Mention], list[AliasLink]]:
    """The same mentions and links, with ids from (document, surface, occurrence)."""
    seen: dict[tuple[str, str], int] = {}
    renamed: dict[str, str] = {}
    out = []
    for m in sorted(mentions, key=lambda m: (m.span.doc, m.span.start, m.span.end)):
        n = seen.get((m.span.doc, m.text), 0)
        seen[(m.span.doc, m.text)] = n + 1
        renamed[m.id] = stable_id("M", m.span.doc, m.text, n)
        out.append(replace(m, id=renamed[m.id]))
    return out, [replace(x, a=renamed.get(x.a, x.a), b=renamed.get(x.b, x.b)) for x in links]

"""Disagreements between sources about a group's figures.

Two claims conflict only when they give the same attribute of the same subject for the same time
and their values cannot both be true. Figures for different times (a group's size in 2016 and in
2021) are a time series, and a figure without a time is compared with nothing.
"""
from __future__ import annotations

from collections import defaultdict

from ..model import Claim, Conflict


def claim_conflicts(claims: list[Claim]) -> list[Conflict]:
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.as_of:
            groups[(c.subject, c.attribute, c.as_of)].append(c)
    out = []
    for (subject, attribute, as_of), found in sorted(groups.items()):
        docs = {c.evidence.doc for c in found}
        clash = any(a.evidence.doc != b.evidence.doc and not a.value.overlaps(b.value)
                    for i, a in enumerate(found) for b in found[i + 1:])
        if len(docs) > 1 and clash:
            out.append(Conflict(subject, attribute, tuple((c.evidence.doc, c.value) for c in found), attribute, as_of))
    return out

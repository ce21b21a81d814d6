"""Web app (read side): an article's text cut into plain segments and properly nested highlights.

Facts overlap freely (a mention inside a quote inside an event's evidence; a claim that starts in the
middle of a quote), while HTML needs elements that nest. `nest` cuts the text at every span boundary
and, segment by segment, keeps open exactly the spans that cover it, outer kinds first: a span that
crosses another is split into pieces, and only its first piece carries its anchor and label. The
result is a flat list of open / text / close steps that a template writes out; the text is never
marked safe, so Jinja's autoescaping covers every character of the article.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

# outer to inner: a sentence-level fact wraps the mentions in it; a mention is innermost and is the
# only kind written as a link around its text, so links never nest
RANKS = {"event": 0, "attribution": 1, "claim": 2, "relation": 3, "quote": 4, "mention": 5}


@dataclass(frozen=True)
class Mark:
    """One highlight: `kind` (a key of RANKS), the half-open offsets it covers, where it links, its
    anchor id in the page and a short tooltip."""

    start: int
    end: int
    kind: str
    href: str
    anchor: str
    title: str


@dataclass(frozen=True)
class Step:
    """`op` is "open" (with `mark`, and `first` for the piece that starts the mark), "text" or "close"
    (with the `mark` it ends)."""

    op: str
    text: str = ""
    mark: Mark | None = None
    first: bool = False


def nest(text: str, marks: list[Mark], lo: int = 0, hi: int | None = None) -> list[Step]:
    """The steps that write `text[lo:hi]` with every mark of `marks` (clipped to the window) around its
    stretch. Marks of the same kind that overlap keep the one that starts first (or is longest)."""
    hi = len(text) if hi is None else hi
    marks = [m for m in marks if m.start < hi and m.end > lo and m.start < m.end]
    marks.sort(key=lambda m: (RANKS[m.kind], m.start, -m.end, m.anchor))
    cuts = sorted({lo, hi, *(max(lo, m.start) for m in marks), *(min(hi, m.end) for m in marks)})
    steps: list[Step] = []
    stack: list[Mark] = []
    for a, b in pairwise(cuts):
        covering: list[Mark] = []
        for m in marks:
            if m.start <= a and b <= m.end:
                if covering and (RANKS[covering[-1].kind] == RANKS[m.kind]) and m.kind == "mention":
                    continue  # a link inside a link is not HTML
                covering.append(m)
        keep = 0
        while keep < min(len(stack), len(covering)) and stack[keep] is covering[keep]:
            keep += 1
        steps.extend(Step("close", mark=m) for m in reversed(stack[keep:]))
        stack = stack[:keep]
        for m in covering[keep:]:
            steps.append(Step("open", mark=m, first=m.start == a or (a == lo and m.start < lo)))
            stack.append(m)
        steps.append(Step("text", text[a:b]))
    steps.extend(Step("close", mark=m) for m in reversed(stack))
    return steps

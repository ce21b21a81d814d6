"""Highlights: whatever the facts' spans, the steps write the text unchanged with elements that nest."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kroniek.web.highlight import RANKS, Mark, nest

TEXT = "Al-Shabaab claimed the attack on the market in Kismayo; \"we go on\", a spokesman said."


def check(steps, text, lo, hi, marks) -> None:
    assert "".join(s.text for s in steps if s.op == "text") == text[lo:hi]
    stack = []
    for s in steps:
        if s.op == "open":
            if s.mark.kind == "mention":
                assert all(m.kind != "mention" for m in stack)  # no link inside a link
            assert all(RANKS[m.kind] <= RANKS[s.mark.kind] for m in stack)  # outer kinds stay outside
            stack.append(s.mark)
        elif s.op == "close":
            assert stack.pop() is s.mark
    assert stack == []
    firsts = [s.mark for s in steps if s.op == "open" and s.first]
    assert len(firsts) == len(set(map(id, firsts)))


def test_highlight_crossing_spans_are_split_and_labelled_once():
    marks = [Mark(0, 30, "event", "/event/V", "ev", "event"), Mark(11, 60, "quote", "/actor/A", "q", "quote"),
             Mark(0, 10, "mention", "/actor/S", "m1", "S"), Mark(47, 54, "mention", "/actor/K", "m2", "K")]
    steps = nest(TEXT, marks)
    check(steps, TEXT, 0, len(TEXT), marks)
    quote = [s for s in steps if s.op == "open" and s.mark.kind == "quote"]
    assert len(quote) == 2 and quote[0].first and not quote[1].first  # cut where the event ends


def test_highlight_window_clips_and_keeps_the_first_piece():
    marks = [Mark(0, 30, "event", "/e", "ev", "e"), Mark(47, 54, "mention", "/a", "m", "K")]
    steps = nest(TEXT, marks, 20, 50)
    check(steps, TEXT, 20, 50, marks)
    assert [s.first for s in steps if s.op == "open"] == [True, True]


spans = st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)), st.sampled_from(sorted(RANKS)))


@given(st.lists(spans, max_size=12), st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
def test_highlight_any_spans_nest(raw, a, b):
    marks = [Mark(min(x, y), max(x, y), kind, "/", f"a{i}", "") for i, (x, y, kind) in enumerate(raw)]
    lo, hi = min(a, b), max(a, b)
    check(nest(TEXT, marks, lo, hi), TEXT, lo, hi, marks)

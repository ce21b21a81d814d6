"""`text.SpanIndex`: every query answers what a scan of the whole sequence answers, in order or not."""
from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.model import Token
from kroniek.text import SpanIndex


def _in_text_order(draw_lengths):
    """Tokens laid end to end with gaps, as a tokenizer gives them (empty ones included)."""
    out, pos = [], 0
    for gap, length in draw_lengths:
        pos += gap
        out.append(Token(pos, pos + length, "x" * length))
        pos += length
    return out


spans = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4)), max_size=40).map(_in_text_order)
any_order = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6)), max_size=30).map(
    lambda pairs: [Token(s, s + n, "x" * n) for s, n in pairs])
positions = st.integers(-2, 70)


@settings(max_examples=300, deadline=None)
@given(st.one_of(spans, any_order), positions, positions, st.integers(1, 3))
def test_span_index_answers_what_a_scan_answers(items, a, b, n):
    index = SpanIndex(items)
    assert index.within(a, b) == [x for x in items if x.start >= a and x.end <= b]
    assert index.starting_in(a, b) == [x for x in items if a <= x.start < b]
    assert index.first_from(a, n) == [x for x in items if x.start >= a][:n]
    assert index.last_before(a) == [x for x in items if x.end <= a][-1:]
    assert index.overlapping(a, b) == [x for x in items if x.start < b and a < x.end]


@given(spans)
def test_span_index_uses_binary_search_on_tokens_in_text_order(items):
    index = SpanIndex(items)
    assert index.by_start and index.by_end


def test_span_index_takes_the_bounds_of_other_shapes():
    pairs = [("a", (0, 2)), ("b", (3, 5)), ("c", (6, 9))]
    index = SpanIndex(pairs, lambda p: p[1])
    assert index.within(3, 9) == pairs[1:]
    assert index.last_before(5) == [pairs[1]]

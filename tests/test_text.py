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


# -- the text layer (issue 8) --------------------------------------------------------------------------
from kroniek.model import Token as _Token  # noqa: E402
from kroniek.text import TextLayer, doc_from_tokens  # noqa: E402

ARTICLE = ("Aanval op markt\n\nDe burgemeester, dr. Jansen, zei dat er 4 doden vielen. “Het is vreselijk.”\n"
           "• Eerste punt. Nog een zin.\n")


def test_a_line_break_ends_a_sentence_and_an_abbreviation_does_not():
    layer = TextLayer.plain(ARTICLE, "nl")
    texts = [ARTICLE[s:e] for s, e in layer.sentences]
    assert texts[0] == "Aanval op markt"
    assert texts[1] == "De burgemeester, dr. Jansen, zei dat er 4 doden vielen."


def test_an_opening_quote_starts_the_next_sentence():
    layer = TextLayer.plain(ARTICLE, "nl")
    assert "“Het is vreselijk.”" in [ARTICLE[s:e] for s, e in layer.sentences]


def test_a_list_item_is_one_unit():
    units = TextLayer.plain(ARTICLE, "nl").units
    assert [ARTICLE[u.start:u.end] for u in units if u.bullet] == ["Eerste punt. Nog een zin."]


def test_the_layer_survives_its_bytes_with_offsets_into_the_text():
    layer = TextLayer.plain(ARTICLE, "nl")
    again = TextLayer.from_bytes(layer.to_bytes(), "nl")
    assert again.text == ARTICLE and again.tokens == layer.tokens and again.units == layer.units
    assert all(ARTICLE[t.start:t.end] == t.text for t in again.tokens)


def test_another_tools_tokens_become_a_layer_over_the_same_text():
    text = "Twee  zinnen hier.\nEn  een tweede."
    import re

    toks = [_Token(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    doc = doc_from_tokens(text, "nl", toks, {0, text.index("En")}, lemmas=[t.text.lower() for t in toks])
    layer = TextLayer(doc)
    assert doc.text == text
    assert [t.text for t in layer.tokens] == [t.text for t in toks]
    assert [text[s:e] for s, e in layer.sentences] == ["Twee  zinnen hier.", "En  een tweede."]
    assert layer.tokens[0].lemma == "twee"


def test_a_parsed_layer_from_another_tool_keeps_its_sentences_whole():
    import re

    text = "Twee zinnen  hier.\n\nEn een tweede."
    toks = [_Token(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    # each sentence's first word is its root, the others hang on it
    first = {0: 0, 4: 4}
    heads = [0, 0, 0, 0, 4, 4, 4, 4]
    deps = ["ROOT", "dep", "dep", "punct", "ROOT", "dep", "dep", "punct"]
    layer = TextLayer(doc_from_tokens(text, "nl", toks, set(first), heads=heads, deps=deps))
    assert layer.parsed
    assert [text[s:e] for s, e in layer.sentences] == ["Twee zinnen  hier.", "En een tweede."]

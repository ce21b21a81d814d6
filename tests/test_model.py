import pytest

from kroniek.model import DateValue, Span, stable_id


def test_stable_id_is_deterministic_and_content_based():
    assert stable_id("E", "group:hamas") == stable_id("E", "group:hamas")
    assert stable_id("E", "group:hamas") != stable_id("E", "group:pkk")
    assert stable_id("M", "doc", 1, 2).startswith("M") and len(stable_id("M", "doc", 1, 2)) == 13


def test_span_rejects_inverted_offsets():
    with pytest.raises(ValueError):
        Span("d", 5, 2)


def test_span_overlap_and_containment():
    a, b, c = Span("d", 0, 10), Span("d", 5, 15), Span("d", 2, 4)
    assert a.overlaps(b) and b.overlaps(a)
    assert a.contains(c) and not c.contains(a)
    assert not a.overlaps(Span("other", 0, 10))


def test_date_precision_follows_iso_prefix_length():
    assert DateValue("2021", "x").precision == "year"
    assert DateValue("2021-08", "x").precision == "month"
    assert DateValue("2021-08-26", "x").precision == "day"

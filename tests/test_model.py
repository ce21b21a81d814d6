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


def test_countries_by_code_finds_what_each_country_contains():
    from kroniek.model import Entity, countries_by_code

    mali = Entity("E-ml", "LOC", "Mali", (), (), key="country:ML", country="ML")
    also_mali = Entity("E-ml2", "LOC", "Republiek Mali", (), (), key="country:ML", country="ML")
    gao = Entity("E-gao", "LOC", "Gao", (), (), key="place:gao", country="ML")
    niger = Entity("E-ne", "LOC", "Niger", (), (), key="country:NE", country="NE")
    group = Entity("E-g", "ORG", "Een groep", (), (), key="group:een", country="ML")
    found = countries_by_code([mali, gao, niger, group, also_mali])
    assert {code: [e.id for e in es] for code, es in found.items()} == {"ML": ["E-ml", "E-ml2"], "NE": ["E-ne"]}
    assert (mali.nation, gao.nation, group.nation) == ("ML", None, None)
    everything = [mali, also_mali, gao, niger, group]
    for place in everything:  # the map gives exactly what testing every entity with `contains` gives
        assert [c for c in found.get(place.country, []) if c.id != place.id] == [e for e in everything if e.contains(place)]

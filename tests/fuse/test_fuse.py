from dataclasses import replace

from kroniek.fuse import claim_conflicts, fuse_events
from kroniek.model import Attribution, Claim, DateValue, Document, Entity, Range, Report, Span

CITY = Entity("Ecity", "LOC", "Maiduguri", (), (), key="geo:9", country="NG")
OTHER = Entity("Eother", "LOC", "Kano", (), (), key="geo:8", country="NG")
COUNTRY = Entity("Eng", "LOC", "Nigeria", (), (), key="country:NG")
ISWAP = Entity("Eiswap", "ORG", "ISWAP", (), (), key="group:iswap")
IS = Entity("Eis", "ORG", "Islamic State", (), (), key="group:islamic-state")
ENTITIES = [CITY, OTHER, COUNTRY, ISWAP, IS]
DOCS = [Document(d, "", d, published=DateValue("2024-02-05", "header")) for d in ("a", "b", "c", "d")]


def docs(**published):
    """Documents by id with their publication dates; None for an article without one."""
    return [Document(d, "", d, published=DateValue(p, "header") if p else None) for d, p in published.items()]


def report(doc, date=None, killed=None, location="Ecity", subtype=None, sites=(), claims=(), unknown=False):
    span = Span(doc, 0, 10)
    return Report(doc, span, killed, None, date, "attack", subtype, location, sites,
                  tuple(Attribution(c, "claimed", span) for c in claims), unknown, (span,))


def test_reports_of_one_attack_fuse_and_their_tolls_conflict():
    reports = [report("a", "2024-02-03", Range(20, 20), sites=("market",), claims=("Eiswap",)),
               report("b", None, Range(25, None), location="Eng", claims=("Eis",)),
               report("c", "2024-02", Range(20, 20), subtype="bombing")]
    [event], conflicts = fuse_events(reports, ENTITIES, DOCS)
    assert {r.doc for r in event.reports} == {"a", "b", "c"}
    assert (event.date, event.location, event.claimed_by, event.perpetrator) == ("2024-02-03", "Ecity", "Eiswap", None)  # a claim is no source's assertion
    assert event.killed == Range(20, 25, 20)
    assert [(c.field, len(c.values)) for c in conflicts] == [("killed", 3)]


def test_two_attacks_in_one_city_stay_apart():
    reports = [report("a", "2024-02-03", sites=("market",)), report("b", "2024-02-09", sites=("market",)),
               report("c", "2024-02", sites=("school",)), report("d", "2024-02-03", location="Eother")]
    events, _ = fuse_events(reports, ENTITIES, DOCS)
    assert len(events) == 4


def test_two_reports_of_one_city_and_day_fuse():
    reports = [report("a", "2019-05-12", Range(12, 12)), report("b", "2019-05-12", Range(14, 14))]
    [event], conflicts = fuse_events(reports, ENTITIES, docs(a="2019-05-12", b="2019-05-13"))
    assert {r.doc for r in event.reports} == {"a", "b"} and event.killed == Range(12, 14, 13)
    assert [c.field for c in conflicts] == ["killed"]


def test_an_undated_report_of_an_undated_article_needs_more_than_the_city():
    event = [report("a", "2016-06-01", Range(30, 30), sites=("market",)), report("b", "2016-06-01", Range(31, 31))]
    undated = report("c", None, Range(5, 5))
    events, _ = fuse_events(event + [undated], ENTITIES, docs(a="2016-06-02", b="2016-06-02", c=None))
    assert sorted(len(v.reports) for v in events) == [1, 2]
    assert next(v for v in events if len(v.reports) == 2).killed == Range(30, 31, 30.5)
    at_the_market = report("c", None, Range(5, 5), sites=("market",))
    assert len(fuse_events(event + [at_the_market], ENTITIES, docs(a="2016-06-02", b="2016-06-02", c=None))[0]) == 1
    claimed_alike = [report("a", "2016-06-01", Range(30, 30), claims=("Eiswap",)), report("c", None, Range(5, 5), claims=("Eiswap",))]
    assert len(fuse_events(claimed_alike, ENTITIES, docs(a="2016-06-02", c=None))[0]) == 1
    claimed_otherwise = [claimed_alike[0], report("c", None, Range(5, 5), claims=("Eis",))]
    assert len(fuse_events(claimed_otherwise, ENTITIES, docs(a="2016-06-02", c=None))[0]) == 2


def test_a_report_dated_only_by_its_publication_keeps_to_the_weeks_before_it():
    event = [report("a", "2016-06-01", Range(30, 30)), report("b", "2016", Range(30, 30))]
    later = report("c", None, Range(5, 5))
    events, _ = fuse_events(event + [later], ENTITIES, docs(a="2016-06-02", b="2016-07-01", c="2024-03-10"))
    assert sorted(len(v.reports) for v in events) == [1, 2]
    weeks_later = docs(a="2016-06-02", b="2016-07-01", c="2016-07-15")
    assert len(fuse_events(event + [later], ENTITIES, weeks_later)[0]) == 1
    # an undated line in an article of September is no news of a June attack
    months_later = docs(a="2016-06-02", b="2016-07-01", c="2016-09-01")
    assert len(fuse_events(event + [later], ENTITIES, months_later)[0]) == 2
    earlier = docs(a="2016-06-02", b="2016-07-01", c="2016-05-20")  # published before the event happened
    assert len(fuse_events(event + [later], ENTITIES, earlier)[0]) == 2


def test_a_report_without_a_place_joins_no_event_in_a_place():
    reports = [report("a", "2024-02-03", Range(20, 20)), report("b", "2024-02-03", Range(20, 20), location=None)]
    events, _ = fuse_events(reports, ENTITIES, docs(a="2024-02-04", b="2024-02-04"))
    assert len(events) == 2


def test_reports_without_a_place_do_not_fuse_on_their_type_alone():
    reports = [report("a", None, Range(3, 3), location=None), report("b", None, Range(9, 9), location=None)]
    assert len(fuse_events(reports, ENTITIES, docs(a="2024-02-04", b="2024-02-20"))[0]) == 2
    same_day_and_site = [report(d, "2024-02-03", location=None, sites=("school",)) for d in ("a", "b")]
    assert len(fuse_events(same_day_and_site, ENTITIES, docs(a="2024-02-04", b="2024-02-04"))[0]) == 1


def test_a_perpetrator_a_source_calls_unknown_is_withheld():
    [event], _ = fuse_events([report("a", "2024", claims=("Eiswap",), unknown=True)], ENTITIES, DOCS)
    assert event.claimed_by == "Eiswap" and event.perpetrator is None and "perpetrator-unknown" in event.flags


def test_claims_conflict_only_at_the_same_time():
    span = Span("a", 0, 1)
    claims = [Claim("C1", "Eiswap", "fighters", Range(3000, 3500), span, "2020"),
              Claim("C2", "Eiswap", "fighters", Range(5000, 5000), Span("b", 0, 1), "2020"),
              Claim("C3", "Eiswap", "fighters", Range(8000, 8000), Span("c", 0, 1), "2023"),
              Claim("C4", "Eiswap", "fighters", Range(9000, 9000), Span("d", 0, 1), None)]
    [conflict] = claim_conflicts(claims)
    assert (conflict.about, conflict.field, conflict.as_of, len(conflict.values)) == ("Eiswap", "fighters", "2020", 2)


def test_sources_that_print_different_numbers_disagree_even_where_both_could_be_true():
    reports = [report("a", "2024-02-03", Range(3, None)), report("b", "2024-02-03", Range(4, 4))]
    [event], conflicts = fuse_events(reports, ENTITIES, DOCS)
    assert [(c.field, sorted(d for d, _ in c.values)) for c in conflicts] == [("killed", ["a", "b"])]
    same = [report("a", "2024-02-03", Range(3, None)), report("b", "2024-02-03", Range(3, 3))]
    assert fuse_events(same, ENTITIES, DOCS)[1] == []  # "at least 3" and "3" print the same number


def test_blocking_compares_a_report_only_with_clusters_of_its_type_and_year(monkeypatch):
    """Fusion with blocking groups exactly as comparing with every cluster, with far fewer comparisons."""
    from kroniek.fuse import events as fuse_mod
    from kroniek.model import Report, Span

    reports = [Report(doc=f"d{i}", evidence=Span(f"d{i}", 0, 10), date=f"{2000 + i % 20}-01-0{1 + i % 5}",
                      type="attack", location=None) for i in range(200)]
    calls = []
    real = fuse_mod._fits
    monkeypatch.setattr(fuse_mod, "_fits", lambda *args: calls.append(1) or real(*args))
    groups = fuse_mod.cluster_reports(reports, {})
    # all 200 reports stay apart (no place ties them), yet each is compared only within its year
    assert len(groups) == 200
    assert len(calls) < 200 * 199 / 2 / 10


def test_a_report_without_a_place_joins_the_event_at_a_place_its_document_names():
    from kroniek.fuse.events import cluster_reports
    from kroniek.model import Report, Span

    placed = Report(doc="a", evidence=Span("a", 0, 10), date="2023-04-02", type="attack", location="E1",
                    killed=Range(40, 40))
    unplaced = Report(doc="b", evidence=Span("b", 0, 10), date="2023-04", type="attack", location=None,
                      killed=Range(52, 52))
    published = {"a": "2023-04-03", "b": "2023-04-05"}
    assert len(cluster_reports([placed, unplaced], {}, published, {"b": {"E1"}})) == 1
    # the same report from a document that never names the place stays apart
    assert len(cluster_reports([placed, unplaced], {}, published, {"b": {"E9"}})) == 2


def test_a_placed_report_meets_an_event_told_only_by_a_report_whose_document_names_the_place():
    from kroniek.fuse.events import cluster_reports

    unplaced = Report(doc="b", evidence=Span("b", 0, 10), date="2023-04", type="attack", location=None,
                      killed=Range(52, 52), mentions=(Span("b", 0, 10), Span("b", 20, 30)))
    placed = Report(doc="a", evidence=Span("a", 0, 10), date="2023-04", type="attack", location="E1",
                    killed=Range(40, 40))
    published = {"a": "2023-04-03", "b": "2023-04-05"}
    assert len(cluster_reports([unplaced, placed], {}, published, {"b": {"E1"}})) == 1
    assert len(cluster_reports([unplaced, placed], {}, published, {"b": {"E9"}})) == 2


def test_a_report_placed_by_a_country_adjective_alone_joins_the_event_in_that_country_on_its_day():
    placed = report("a", "2024-02-03", Range(20, 20))
    by_adjective = replace(report("b", "2024-02-03", Range(25, None), location=None), country="NG")
    [event], _ = fuse_events([placed, by_adjective], ENTITIES, DOCS)
    assert {r.doc for r in event.reports} == {"a", "b"}
    elsewhere = replace(by_adjective, country="KE")
    assert len(fuse_events([placed, elsewhere], ENTITIES, DOCS)[0]) == 2


def test_a_year_is_made_a_month_by_an_undated_report_in_an_article_of_that_year():
    year_only = report("a", "2016", Range(30, 30), sites=("market",))
    news = report("b", None, Range(31, 31), sites=("market",))
    [event], _ = fuse_events([year_only, news], ENTITIES, docs(a="2019-01-16", b="2016-06-02"))
    assert event.date == "2016-06" and "date-from-publication" in event.flags
    [event], _ = fuse_events([year_only], ENTITIES, docs(a="2019-01-16"))
    assert event.date == "2016" and "date-from-publication" not in event.flags


def test_a_gulf_named_after_a_port_and_the_port_are_one_place_for_a_ship_attack():
    gulf = Entity("Egulf", "LOC", "Gulf of Maiduguri", ("Golf van Maiduguri",), (), key="sea:gulf-of-maiduguri")
    at_sea = report("a", "2024-02-03", Range(3, 3), location="Egulf")
    off_the_port = report("b", "2024-02-03", Range(2, 2))  # at Maiduguri
    [event], _ = fuse_events([at_sea, off_the_port], ENTITIES + [gulf], DOCS)
    assert {r.doc for r in event.reports} == {"a", "b"}
    elsewhere = report("b", "2024-02-03", Range(2, 2), location="Eother")
    assert len(fuse_events([at_sea, elsewhere], ENTITIES + [gulf], DOCS)[0]) == 2


def test_fuse_an_analysts_chosen_report_sets_each_field_and_keeps_the_conflicts():
    from kroniek.model import Override

    suspect = Entity("Eper", "PER", "Musa Bello", (), (), key=None)
    reports = [report("a", "2024-02-03", Range(20, 20), sites=("market",), claims=("Eiswap",)),
               replace(report("c", "2024-02", Range(30, 30), location="Eng"),
                       attributions=(Attribution("Eper", "suspected", Span("c", 0, 10)),))]
    [plain], conflicts = fuse_events(reports, [*ENTITIES, suspect], DOCS)
    assert plain.killed == Range(20, 30, 25) and "chosen-by-analyst" not in plain.flags
    chosen = [Override(f, Span("c", 0, 10), "Ann") for f in ("killed", "location", "perpetrator", "injured")]
    chosen.append(Override("date", Span("a", 0, 10), "Ann"))
    [event], again = fuse_events(reports, [*ENTITIES, suspect], DOCS, chosen)
    assert event.killed == Range(30, 30, 30) and (event.location, event.perpetrator, event.date) == ("Eng", "Eper", "2024-02-03")
    assert event.injured is None  # the report gives no injured: nothing to choose
    assert event.flags.count("chosen-by-analyst") == 1 and event.id == plain.id
    assert "perpetrator-suspected" in event.flags  # its report only suspects him
    assert again == conflicts and [c.field for c in again] == ["killed"]
    # a choice of a report no event holds changes nothing
    assert fuse_events(reports, [*ENTITIES, suspect], DOCS, [Override("killed", Span("z", 0, 10), "Ann")])[0] == [plain]


def test_an_undated_report_of_an_article_that_looks_back_joins_an_earlier_event_at_its_place():
    earlier = report("a", "2019-03-18", Range(3, 3), subtype="armed_assault")
    trial = replace(report("b", None, Range(4, 4), subtype="armed_assault"), retrospective=True)
    events, _ = fuse_events([earlier, trial], ENTITIES, docs(a="2019-03-18", b="2020-03-02"))
    assert len(events) == 1 and events[0].date == "2019-03-18"
    news = replace(trial, retrospective=False)  # the same report as news of 2020 is another event
    assert len(fuse_events([earlier, news], ENTITIES, docs(a="2019-03-18", b="2020-03-02"))[0]) == 2
    later = report("a", "2021-05-01", Range(3, 3), subtype="armed_assault")  # no article looks forward
    assert len(fuse_events([later, trial], ENTITIES, docs(a="2021-05-01", b="2020-03-02"))[0]) == 2


def test_a_region_the_gazetteer_knows_as_a_point_agrees_with_a_town_near_it_not_far_from_it():
    region = Entity("Ereg", "LOC", "Kashmir", (), (), key="region:kashmir", lat=34.1, lon=74.8)
    near = Entity("Enear", "LOC", "Pulwama", (), (), key="geo:1", lat=33.87, lon=74.90, country="IN")
    far = Entity("Efar", "LOC", "Chennai", (), (), key="geo:2", lat=13.08, lon=80.27, country="IN")
    india = Entity("Ein", "LOC", "India", (), (), key="country:IN")
    found = [report("a", "2019-02-14", Range(40, None), location="Enear"), report("b", "2019", location="Ereg")]
    pub = docs(a="2019-02-14", b="2020-02-12", c="2019-02-15")
    assert len(fuse_events(found, [region, near, far, india], pub)[0]) == 1
    apart = [report("a", "2019-02-14", Range(40, None), location="Efar"), report("b", "2019", location="Ereg")]
    assert len(fuse_events(apart, [region, near, far, india], pub)[0]) == 2
    # the event is at the town, which lies in India: the country a third source gives stands in the way of nothing
    three = found + [report("c", None, Range(34, None), location="Ein")]
    [event], _ = fuse_events(three, [region, near, far, india], pub)
    assert event.location == "Enear" and len(event.reports) == 3


def test_a_sea_named_after_a_port_agrees_with_the_ports_country():
    gulf = Entity("Egulf", "LOC", "Gulf of Aden", ("Golf van Aden",), (), key="sea:gulf-of-aden", lat=12.0, lon=48.0)
    yemen = Entity("Eye", "LOC", "Yemen", (), (), key="country:YE")
    oman = Entity("Eom", "LOC", "Oman", (), (), key="country:OM")
    pub = docs(a="2024-03-07", b="2024-03-07")
    assert len(fuse_events([report("a", "2024-03-06", Range(3, 3), location="Egulf"),
                            report("b", "2024-03-06", Range(3, 3), location="Eye")], [gulf, yemen, oman], pub)[0]) == 1
    assert len(fuse_events([report("a", "2024-03-06", Range(3, 3), location="Egulf"),
                            report("b", "2024-03-06", Range(3, 3), location="Eom")], [gulf, yemen, oman], pub)[0]) == 2


def test_an_order_of_magnitude_disagrees_only_with_a_figure_outside_it():
    pub = docs(a="2024-02-05", b="2024-02-05", c="2024-02-05")
    dozens = Range(24, 99)  # "dozens": an order of magnitude from the cue files, not a printed number
    [event], conflicts = fuse_events([report("a", "2024-02-03", Range(30, 30)), report("b", "2024-02-03", dozens)],
                                     ENTITIES, pub)
    assert conflicts == [] and len(event.reports) == 2
    _, conflicts = fuse_events([report("a", "2024-02-03", Range(130, 130)), report("b", "2024-02-03", dozens)],
                               ENTITIES, pub)
    assert [c.field for c in conflicts] == ["killed"]
    # two printed numbers disagree, whatever order of magnitude a third source gives
    _, conflicts = fuse_events([report("a", "2024-02-03", Range(30, 30)), report("b", "2024-02-03", dozens),
                                report("c", "2024-02-03", Range(31, 31))], ENTITIES, pub)
    assert [c.field for c in conflicts] == ["killed"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kroniek.fuse import events as fuse_module  # noqa: E402

KASHMIR = Entity("Ereg", "LOC", "Kashmir", (), (), key="region:kashmir", lat=34.1, lon=74.8)
PULWAMA = Entity("Etown", "LOC", "Pulwama", (), (), key="geo:7", lat=33.87, lon=74.9, country="IN")
PLACES = [None, "Ecity", "Eother", "Eng", "Ereg", "Etown"]
DAYS = [None, "2024", "2024-02", "2024-02-03", "2024-02-04", "2024-03", "2024-03-09", "2023-11-30"]


@st.composite
def corpora(draw):
    n = draw(st.integers(1, 14))
    published = {f"d{i}": draw(st.sampled_from([None, "2024-02-05", "2024-03-10", "2024-06", "2023-12-01"]))
                 for i in range(n)}
    reports = []
    for i in range(n):
        for k in range(draw(st.integers(1, 2))):
            r = report(f"d{i}", draw(st.sampled_from(DAYS)), draw(st.sampled_from([None, Range(5, 5), Range(7, None)])),
                       location=draw(st.sampled_from(PLACES)), sites=tuple(draw(st.sampled_from([(), ("market",)]))),
                       claims=tuple(draw(st.sampled_from([(), ("Eiswap",)]))))
            reports.append(replace(r, evidence=Span(r.doc, k * 20, k * 20 + 10), country=draw(st.sampled_from([None, "NG"]))))
    return reports, docs(**published)


@settings(max_examples=150, deadline=None)
@given(corpora())
def test_blocking_finds_exactly_the_events_a_scan_of_all_would(corpus):
    reports, documents = corpus
    entities = ENTITIES + [KASHMIR, PULWAMA]
    blocked, _ = fuse_events(reports, entities, documents)
    scan = fuse_module._Blocks.candidates
    try:
        fuse_module._Blocks.candidates = lambda self, r, clusters: [c for c in clusters if c.reports[0].type == r.type]
        scanned, _ = fuse_events(reports, entities, documents)
    finally:
        fuse_module._Blocks.candidates = scan
    assert [[(r.doc, r.evidence.start) for r in e.reports] for e in blocked] == \
        [[(r.doc, r.evidence.start) for r in e.reports] for e in scanned]


def test_blocking_weighs_no_event_for_a_report_without_time_or_place_nor_another_towns_for_a_town(monkeypatch):
    """A report with no date in an article with none can be tied by its place alone: without a place it is
    compared with nothing, and at a town only with the events of that town, its country and areas."""
    undated = docs(**{f"d{i}": None for i in range(12)})
    reports = [report(f"d{i}", location=("Eother", "Ecity")[i % 2], sites=("market",)) for i in range(10)]
    weighed = []
    real = fuse_module._fits
    monkeypatch.setattr(fuse_module, "_fits", lambda c, r, *rest: weighed.append((r.doc, c.reports[0].location))
                        or real(c, r, *rest))
    fuse_events(reports + [report("d10", location=None, sites=("market",))], ENTITIES, undated)
    assert not [doc for doc, _ in weighed if doc == "d10"]
    assert weighed and all(place == r.location for doc, place in weighed for r in reports if r.doc == doc)

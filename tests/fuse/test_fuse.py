from kroniek.fuse import claim_conflicts, fuse_events
from kroniek.model import Attribution, Claim, Document, Entity, Range, Report, Span

CITY = Entity("Ecity", "LOC", "Maiduguri", (), (), key="geo:9", country="NG")
OTHER = Entity("Eother", "LOC", "Kano", (), (), key="geo:8", country="NG")
COUNTRY = Entity("Eng", "LOC", "Nigeria", (), (), key="country:NG")
ISWAP = Entity("Eiswap", "ORG", "ISWAP", (), (), key="group:iswap")
IS = Entity("Eis", "ORG", "Islamic State", (), (), key="group:islamic-state")
ENTITIES = [CITY, OTHER, COUNTRY, ISWAP, IS]
DOCS = [Document(d, "", d, published=None) for d in ("a", "b", "c", "d")]


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
    assert (event.date, event.location, event.claimed_by, event.perpetrator) == ("2024-02-03", "Ecity", "Eiswap", "Eiswap")
    assert event.killed == Range(20, 25, 20)
    assert [(c.field, len(c.values)) for c in conflicts] == [("killed", 3)]


def test_two_attacks_in_one_city_stay_apart():
    reports = [report("a", "2024-02-03", sites=("market",)), report("b", "2024-02-09", sites=("market",)),
               report("c", "2024-02", sites=("school",)), report("d", "2024-02-03", location="Eother")]
    events, _ = fuse_events(reports, ENTITIES, DOCS)
    assert len(events) == 4


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

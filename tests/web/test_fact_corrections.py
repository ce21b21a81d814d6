"""Corrections of facts in the desk: on an event's page, reject a report or make the event show one
report's value; reject a claim, relation or quote by its span; each listed on the audit page with who,
when and why and taken back there, and every such POST without this desk's CSRF token refused."""
from __future__ import annotations

import re

import pytest

from kroniek.model import Range
from kroniek.pipeline import build
from kroniek.store import Store

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
# sentences written for these tests: two articles on one attack, with different death tolls
A = (" date 2023-03\nBij een aanslag in Gao zijn dinsdag twaalf mensen om het leven gekomen. JNIM heeft de aanslag "
     "opgeëist. JNIM is een bondgenoot van Ansar Dine. \"We zullen de dorpen beschermen\", zei burgemeester "
     "Karim Diallo.")
B = " date 2023-03\nBij de aanslag in Gao vielen dinsdag veertien doden, meldt de regering."


@pytest.fixture
def built(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    db = str(tmp_path / "kb.db")
    build([folder], Store(db), backend="lite")
    return db


@pytest.fixture
def desk(built):
    from starlette.testclient import TestClient

    from kroniek.web import create_app

    with TestClient(create_app(Store(built, create=False)), base_url="http://127.0.0.1") as c:
        yield c


def _event(db):
    [event] = Store(db, create=False).knowledge_base().events
    return event


def _report(db, doc):
    return next(r for r in _event(db).reports if r.doc == doc).evidence


def test_web_choose_a_reports_figure_then_undo_it(desk, built):
    event = _event(built)
    page = desk.get(f"/event/{event.id}").text
    assert 'value="killed"' in page and "Use this report's value" in page and "Reject this report" in page
    b = _report(built, "b")
    sent = {"csrf": TOKEN.search(page).group(1), "doc": b.doc, "start": str(b.start), "end": str(b.end),
            "field": "killed", "by": "Test Analyst", "why": "the government's count"}
    for bad, status in (({"field": "size"}, 400), ({"field": "injured"}, 409), ({"by": ""}, 400), ({"start": "x"}, 400)):
        r = desk.post(f"/event/{event.id}/choose", data={**sent, **bad}, follow_redirects=False)
        assert r.status_code == status, bad
        assert f'href="/event/{event.id}"' in r.text  # back to the event, not to the POST's address
    assert Store(built, create=False).overrides() == []
    r = desk.post(f"/event/{event.id}/choose", data=sent, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/event/{event.id}?done=chosen"
    chosen = _event(built)
    assert chosen.killed == Range(14, 14, 14) and "chosen-by-analyst" in chosen.flags
    page = desk.get(r.headers["location"]).text
    assert "Chosen." in page and "chosen-by-analyst" in page
    audit = desk.get("/judgements").text
    assert "Reports chosen" in audit and "Test Analyst" in audit and "the government&#39;s count" in audit
    key = re.search(r'name="key" value="(C-[0-9a-f]+)"', audit).group(1)
    r = desk.post("/judgements/undo", data={"csrf": TOKEN.search(audit).group(1), "key": key}, follow_redirects=False)
    assert r.status_code == 303 and _event(built).killed == Range(12, 14, 13)
    assert "No corrections yet" in desk.get("/judgements").text


def test_web_reject_a_report_and_a_quote_then_undo(desk, built):
    event = _event(built)
    csrf = TOKEN.search(desk.get(f"/event/{event.id}").text).group(1)
    a = _report(built, "a")  # the first report: the event's id follows it, so the event gets a new one
    r = desk.post(f"/event/{event.id}/reject", data={"csrf": csrf, "doc": a.doc, "start": str(a.start), "end": str(a.end),
                                                     "by": "Test Analyst", "why": "misread"}, follow_redirects=False)
    assert r.status_code == 303
    rest = _event(built)
    assert [x.doc for x in rest.reports] == ["b"] and r.headers["location"] == f"/event/{rest.id}?done=rejected"
    assert "Rejected." in desk.get(r.headers["location"]).text
    [quote] = Store(built, create=False).knowledge_base().quotes
    r = desk.post("/reject", data={"csrf": csrf, "kind": "quote", "doc": quote.span.doc, "start": str(quote.span.start),
                                   "end": str(quote.span.end), "back": "/document/a", "by": "Test Analyst",
                                   "why": "not his words"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/document/a?done=rejected"
    assert Store(built, create=False).knowledge_base().quotes == []
    for bad in ({"kind": "rumour"}, {"back": "//elsewhere.example"}):
        r = desk.post("/reject", data={"csrf": csrf, "kind": "quote", "doc": "a", "start": "0", "end": "3", "by": "T",
                                       "why": "w", **bad}, follow_redirects=False)
        assert r.status_code in (400, 409), bad
    audit = desk.get("/judgements").text
    assert "Rejected facts" in audit and 'id="j-R1"' in audit and 'id="j-R2"' in audit
    for key in re.findall(r'name="key" value="(R-[0-9a-f]+)"', audit):
        assert desk.post("/judgements/undo", data={"csrf": csrf, "key": key}, follow_redirects=False).status_code == 303
    kb = Store(built, create=False).knowledge_base()
    assert len(kb.quotes) == 1 and sorted(x.doc for x in kb.events[0].reports) == ["a", "b"]


@pytest.mark.parametrize("url", ["/event/V/choose", "/event/V/reject", "/reject"])
def test_web_fact_corrections_without_this_desks_token_are_refused(desk, built, url):
    b = _report(built, "b")
    desk.get("/")  # the desk's cookie, but not sent in the form
    r = desk.post(url, data={"kind": "report", "field": "killed", "doc": b.doc, "start": str(b.start), "end": str(b.end),
                             "by": "T", "why": "w"}, follow_redirects=False)
    assert r.status_code == 403
    store = Store(built, create=False)
    assert store.rejections() == [] and store.overrides() == []


def test_web_reject_a_relation_from_its_document_page(desk, built):
    page = desk.get("/document/a").text
    [relation] = Store(built, create=False).knowledge_base().relations
    s = relation.evidence[0]
    assert "Reject a fact read here" in page and f'value="relation {s.start} {s.end}"' in page
    r = desk.post("/reject", data={"csrf": TOKEN.search(page).group(1), "doc": "a", "fact": f"relation {s.start} {s.end}",
                                   "back": "/document/a", "by": "Test Analyst", "why": "an alliance long ended"},
                  follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/document/a?done=rejected"
    assert Store(built, create=False).knowledge_base().relations == []
    page = desk.get(r.headers["location"]).text
    assert "Rejected." in page and f'value="relation {s.start} {s.end}"' not in page

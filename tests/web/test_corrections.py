"""Corrections in the desk: merge, keep apart and split a mention off through the forms, each kept as a
judgement with who, when and why, listed on the audit page and taken back there; every POST without
this desk's CSRF token is refused and changes nothing."""
from __future__ import annotations

import re

import pytest

from kroniek.store import Store

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


def token(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, url
    return TOKEN.search(page.text).group(1)


def analyst_judgements(db: str):
    return [j for j in Store(db, create=False).judgements() if j.by != "kroniek"]


def holder(db: str, mention_id: str):
    return next(e for e in Store(db, create=False).entities() if any(m.id == mention_id for m in e.mentions))


def test_web_merge_is_recorded_listed_and_undone(client, web_db):
    form = client.get("/actor/E-abdi/merge", params={"q": "ali"}).text
    assert 'value="E-ali"' in form and 'name="csrf"' in form and "E-abdi" not in re.findall(r'value="(E-[a-z]+)"', form)
    csrf = TOKEN.search(form).group(1)
    r = client.post("/actor/E-abdi/merge", data={"csrf": csrf, "other": "E-ali", "action": "merge",
                                                 "by": "Test Analyst", "why": "same man, two spellings"},
                    follow_redirects=False)
    assert r.status_code == 303
    merged = holder(web_db, "M-vismarkt_nl-112")
    assert r.headers["location"] == f"/actor/{merged.id}?done=merged"
    assert {m.id for m in merged.mentions} >= {"M-vismarkt_nl-112", "M-market-en-233"}  # Abdi Noor and Ali Dheere
    page = client.get(r.headers["location"]).text
    assert "Merged." in page and "Ali Dheere" in page and "Abdi Noor" in page
    [j] = analyst_judgements(web_db)
    assert j.by == "Test Analyst" and j.verdict == "positive" and j.reason.startswith("same man, two spellings [")

    audit = client.get("/judgements").text
    assert "Test Analyst" in audit and "same man, two spellings" in audit and "same</span>" in audit
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", audit)  # when
    assert 'name="by" value="Test Analyst"' in client.get(f"/actor/{merged.id}/merge", params={"q": "kismayo"}).text
    key = re.search(r'name="key" value="([0-9a-f]+)"', audit).group(1)
    r = client.post("/judgements/undo", data={"csrf": TOKEN.search(audit).group(1), "key": key}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/judgements?done=undone"
    assert analyst_judgements(web_db) == []
    assert holder(web_db, "M-vismarkt_nl-112").id != holder(web_db, "M-market-en-233").id
    assert "No corrections yet" in client.get("/judgements").text


def test_web_keep_apart_is_recorded_and_refusals_change_nothing(client, web_db):
    csrf = token(client, "/actor/E-abdi/merge?q=ali")
    sent = {"csrf": csrf, "other": "E-ali", "action": "apart", "by": "Test Analyst", "why": "two different men"}
    for bad, status in (({"by": ""}, 400), ({"by": "kroniek"}, 400), ({"why": "  "}, 400), ({"other": "E-abdi"}, 400),
                        ({"other": "E-nobody"}, 409), ({"action": "delete"}, 400)):
        r = client.post("/actor/E-abdi/merge", data={**sent, **bad}, follow_redirects=False)
        assert r.status_code == status, bad
        assert 'href="/actor/E-abdi/merge"' in r.text  # back to the form
    assert analyst_judgements(web_db) == []
    r = client.post("/actor/E-abdi/merge", data=sent, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("?done=apart")
    [j] = analyst_judgements(web_db)
    assert j.verdict == "negative" and j.by == "Test Analyst"
    assert "apart</span>" in client.get("/judgements").text


def test_web_split_a_mention_off(client, web_db):
    form = client.get("/actor/E-kismayo/split", params={"mention": "M-market-en-122"}).text
    assert 'value="M-market-en-122" id="mention-' in form and "checked" in form
    csrf = TOKEN.search(form).group(1)
    # even the name's first mention by id, the one the others were joined through, comes off alone
    r = client.post("/actor/E-kismayo/split", data={"csrf": csrf, "mention": "M-hostile-en-112", "by": "T",
                                                     "why": "this Kismayo is a ship"}, follow_redirects=False)
    assert r.status_code == 303
    assert [m.id for m in holder(web_db, "M-hostile-en-112").mentions] == ["M-hostile-en-112"]
    rest = holder(web_db, "M-market-en-122")
    assert r.headers["location"] == f"/actor/{rest.id}?done=split"
    assert {m.id for m in rest.mentions} == {"M-market-en-122", "M-hostile-en-57", "M-vismarkt_nl-55"}
    [j] = analyst_judgements(web_db)
    assert j.verdict == "negative" and "M-hostile-en-112" in {j.a, j.b}


@pytest.mark.parametrize("how", ["no token", "no cookie", "other token", "other site", "null origin", "json"])
def test_web_post_without_this_desks_token_is_refused(client, web_db, how):
    csrf = token(client, "/actor/E-abdi/merge?q=ali")
    data = {"csrf": csrf, "other": "E-ali", "action": "merge", "by": "Mallory", "why": "because"}
    headers = {}
    if how == "no token":
        data.pop("csrf")
    elif how == "no cookie":
        client.cookies.clear()
    elif how == "other token":
        data["csrf"] = csrf[:-1] + ("A" if csrf[-1] != "A" else "B")
    elif how == "other site":
        headers["origin"] = "http://attacker.example"
    elif how == "null origin":  # what a browser sends under no-referrer: the token alone decides
        headers["origin"] = "null"
        data.pop("csrf")
    if how == "json":
        r = client.post("/actor/E-abdi/merge", json=data, follow_redirects=False)
    else:
        r = client.post("/actor/E-abdi/merge", data=data, headers=headers, follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/judgements/undo", data={"key": "0" * 16}, follow_redirects=False)
    assert r.status_code == 403
    assert analyst_judgements(web_db) == []


def test_web_csrf_cookie_is_strict_and_http_only(client):
    client.cookies.clear()
    cookie = client.get("/").headers["set-cookie"]
    assert cookie.startswith("kroniek_csrf=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "set-cookie" not in client.get("/").headers  # one token per browser session, kept

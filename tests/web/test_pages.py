"""Web app pages over a hand-made knowledge base: each page shows its key values, links lead to
pages and anchors that exist, unknown ids are 404."""
from __future__ import annotations

import html
import re

import pytest

from .desk import ANCHOR, walk


def text_of(page: str) -> str:
    """What a reader sees of the page's main part: tags dropped, entities decoded, spaces squeezed."""
    main = page[page.index("<main>"):] if "<main>" in page else page
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", main)).split())


def test_web_search_folds_case_and_accents_and_finds_aliases(client):
    page = client.get("/search", params={"q": "SOMALIE"}).text
    assert 'href="/actor/E-somalia"' in page  # "Somalië" is an alias of Somalia
    page = client.get("/search", params={"q": "harakat"}).text
    assert 'href="/actor/E-shabaab"' in page
    assert "<mark>Harakat</mark>" in page
    page = client.get("/search", params={"q": "strijd"}).text  # quotes and documents, by word prefix
    assert 'href="/document/vismarkt_nl#q-' in page and 'href="/document/vismarkt_nl"' in page
    page = client.get("/search", params={"q": "vismarkt"}).text
    assert 'href="/event/V-market"' in page


def test_web_search_reads_any_input_as_words(client):
    for q in ['"', "NEAR(a b)", "al-* OR", "*", "'; DROP TABLE hits; --", "x" * 500]:
        assert client.get("/search", params={"q": q}).status_code == 200
    assert "Nothing found" in client.get("/search", params={"q": "zzzqqq"}).text
    home = text_of(client.get("/").text)
    assert "3 documents" in home and "al-Shabaab" in home


def test_web_actor_dossier_shows_names_relations_figures_events_quotes(client):
    page = client.get("/actor/E-shabaab").text
    seen = text_of(page)
    assert "Harakat al-Shabaab" in seen and 'href="/document/market-en#m-M-market-en-' in page
    assert "Ali Dheere" in seen and "leader of" in seen  # a leader, and the relation with its evidence
    assert "Commander Ali Dheere leads al-Shabaab." in seen
    assert "rival of" in seen and "Islamic State in Somalia" in seen
    assert "≥7000" in seen and "2023-03" in seen and "Abdi Noor" in seen  # the figure, its date and its source
    assert "<svg" in page and "fighters over time" in seen
    assert 'href="/event/V-market"' in page and 'href="/event/V-blast"' in page
    assert "perpetrator, claimed" in seen
    abdi = client.get("/actor/E-abdi").text
    assert "Wij geven niet op" in text_of(abdi) and 'href="/document/vismarkt_nl#q-' in abdi
    kismayo = text_of(client.get("/actor/E-kismayo").text)
    assert "place" in kismayo and "-0.358" in kismayo
    somalia = text_of(client.get("/actor/E-somalia").text)
    assert "place (within)" in somalia  # an event in one of its cities


def test_web_actor_dossier_cuts_long_lists_and_shows_all_on_request(client, monkeypatch):
    from kroniek.web import queries

    monkeypatch.setattr(queries, "DOSSIER_ROWS", 1)
    page = client.get("/actor/E-shabaab").text
    events = page[page.index('id="events"'):page.index('id="quotes"')]
    assert events.count('href="/event/V-') == 1 and "1 of 2 shown" in text_of(events)
    assert 'href="/actor/E-shabaab?all=1"' in page and "Events (2)" in text_of(page)
    whole = client.get("/actor/E-shabaab", params={"all": "1"}).text
    assert 'href="/event/V-market"' in whole and 'href="/event/V-blast"' in whole and "of 2 shown" not in whole


def test_web_timeline_cuts_long_lists_and_shows_all_on_request_keeping_its_filters(client, monkeypatch):
    from kroniek.web import queries

    monkeypatch.setattr(queries, "TIMELINE_ROWS", 1)
    page = client.get("/timeline", params={"actor": "al-Shabaab"}).text
    table = page[page.index('<table class="events">'):]
    assert table.count('href="/event/V-') == 1 and "2 of 2 events" in text_of(page)
    assert 'href="/timeline?actor=al-Shabaab&amp;all=1"' in page
    whole = client.get("/timeline", params={"actor": "al-Shabaab", "all": "1"}).text
    table = whole[whole.index('<table class="events">'):]
    assert table.count('href="/event/V-') == 2 and "Show every row" not in whole


def test_web_event_page_sets_reports_side_by_side(client):
    page = client.get("/event/V-market").text
    seen = text_of(page)
    assert "suicide bombing in Kismayo, 2023-03-04" in seen and "(day)" in seen
    assert re.search(r"Killed\s*</th>\s*<td>12</td><td>13.5</td><td>15</td>", page)
    assert '<article class="report">' in page and page.count('<article class="report">') == 2
    assert "≥12" in seen and "15" in seen and "claimed" in seen and "via radio" in seen
    assert '<span class="hl hl-event"' in page  # the evidence sentence marked in its paragraph
    assert 'href="/document/market-en#ev-V-market-' in page and 'href="/document/vismarkt_nl#ev-V-market-' in page
    assert "killed" in text_of(page[page.index('id="conflicts"'):])


def test_web_document_page_highlights_every_kind(client):
    page = client.get("/document/market-en").text
    for kind in ("mention", "event", "attribution", "relation"):
        assert f'class="hl hl-{kind}"' in page, kind
    assert 'class="tag tag-event" href="/event/V-market"' in page
    assert 'class="hl hl-mention" id="m-M-market-en-' in page and 'href="/actor/E-kismayo"' in page
    nl = client.get("/document/vismarkt_nl").text
    assert 'class="hl hl-claim"' in nl and 'class="hl hl-quote"' in nl
    # the article is written out whole and unchanged, markup aside
    from .desk import desk_kb

    text = next(d.text for d in desk_kb().documents if d.id == "vismarkt_nl")
    article = nl[nl.index('<article class="article"'):nl.index("</article>")]
    article = re.sub(r'<a class="tag[^"]*"[^>]*>[^<]*</a>', "", article[article.index(">") + 1:])
    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == text


def test_web_timeline_filters_by_actor_place_type_and_dates(client):
    def shown(**params):
        page = client.get("/timeline", params=params).text
        return set(re.findall(r'href="/event/(V-[a-z]+)"', page))
    assert shown() == {"V-market", "V-blast"}
    assert shown(type="bombing") == {"V-blast"}
    assert shown(actor="harakat al-shabaab") == {"V-market", "V-blast"}
    assert shown(actor="Ali Dheere") == set()
    assert shown(place="Somalië") == {"V-market", "V-blast"}  # a country holds its cities
    assert shown(**{"from": "2023-03-05"}) == {"V-blast"}
    assert shown(to="2023-03-04") == {"V-market"}
    assert shown(**{"from": "2023-03", "to": "2023"}) == {"V-market", "V-blast"}
    assert "No actor is called" in client.get("/timeline", params={"actor": "nobody"}).text


def test_web_conflicts_page_lists_each_value_with_its_document(client):
    page = client.get("/conflicts").text
    seen = text_of(page)
    assert "killed" in seen and "≥12" in seen and "15" in seen
    assert 'href="/document/market-en#ev-V-market-' in page and 'href="/event/V-market"' in page


@pytest.mark.parametrize("path", ["/actor/E-nobody", "/event/V-nothing", "/document/none", "/document/../etc/passwd",
                                  "/nothing-here"])
def test_web_unknown_ids_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "Not found" in r.text


def test_web_every_link_leads_to_a_page_and_anchor(client):
    """Walk the whole site from the search page: every internal link answers 200 and every #anchor it
    names exists in the page it leads to."""
    def get(url):
        r = client.get(url)
        return r.status_code, r.headers["content-type"], r.text
    pages, wanted = walk(get)
    assert {"/actor/E-shabaab", "/event/V-market", "/document/market-en", "/timeline", "/conflicts"} <= set(pages)
    assert len(pages) > 20
    for url, (status, _) in pages.items():
        assert status == 200, url
    for page, fragment, origin in wanted:
        assert fragment in set(ANCHOR.findall(pages[page][1])), (page, fragment, origin)


def test_web_reads_the_store_again_after_it_changes(client, web_db):
    import time
    from dataclasses import replace

    from kroniek.store import Store

    from .desk import desk_kb

    assert client.get("/event/V-blast").status_code == 200
    time.sleep(0.05)  # past the file system's clock tick
    kb = desk_kb()
    Store(web_db).replace_facts(replace(kb, events=[v for v in kb.events if v.id != "V-blast"]))
    assert client.get("/event/V-blast").status_code == 404
    assert client.get("/event/V-market").status_code == 200


def test_web_map_puts_one_dot_per_event_on_the_shipped_outline(client):
    page = client.get("/map").text
    assert '<image href="/static/world-110m.svg"' in page
    dots = re.findall(r'<a href="/event/(V-[a-z]+)"><circle class="dot" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', page)
    assert sorted(d[0] for d in dots) == ["V-blast", "V-market"]  # both in Kismayo, which has coordinates
    r = {d[0]: float(d[3]) for d in dots}
    assert r["V-market"] > r["V-blast"]  # 13.5 killed against 4
    assert len({(d[1], d[2]) for d in dots}) == 2  # two events at one place do not hide each other
    assert "suicide bombing in Kismayo, 2023-03-04 · killed 12–15</title>" in page
    assert re.findall(r'<a href="/event/(V-[a-z]+)"><circle', client.get("/map", params={"type": "bombing"}).text) == ["V-blast"]
    world = client.get("/map", params={"world": "1"}).text
    assert 'viewBox="0.0 0.0 1000.0 394.4"' in world and 'href="/map"' in world
    outline = client.get("/static/world-110m.svg")
    assert outline.status_code == 200 and outline.headers["content-type"].startswith("image/svg+xml")
    assert 40_000 < len(outline.content) < 300_000 and "<script" not in outline.text


def test_web_map_projection_and_outline():
    from kroniek.web.worldmap import HEIGHT, WIDTH, project

    assert project(0, -180) == (0, round(84 / 142 * HEIGHT, 2))
    assert project(84, 180) == (WIDTH, 0)
    x, y = project(-0.358, 42.546)  # Kismayo: east of the centre, just south of the equator
    assert 600 < x < 630 and 230 < y < 236


def test_web_graph_draws_actors_and_relations_filtered_by_predicate(client, web_db):
    page = client.get("/graph").text
    edges = re.findall(r'<line x1="[\d.]+" y1="[\d.]+" x2="[\d.]+" y2="[\d.]+" stroke="(#[0-9a-f]{6})"[^>]*><title>([^<]*)</title>', page)
    assert len(edges) == 4 and "Ali Dheere leader of al-Shabaab (1 sentence)" in {t for _, t in edges}
    assert len({c for c, _ in edges}) == 4  # one colour per predicate
    for ref in ("E-ali", "E-shabaab", "E-iss", "E-somalia", "E-abdi", "E-office"):
        assert f'<a href="/actor/{ref}"><circle' in page
    narrowed = client.get("/graph", params=[("p", "leader_of"), ("p", "nonsense")]).text
    assert re.findall(r'<a href="/actor/(E-[a-z]+)"><circle', narrowed) in (["E-ali", "E-shabaab"], ["E-shabaab", "E-ali"])
    assert 'value="leader_of" checked' in narrowed

    from starlette.testclient import TestClient

    from kroniek.store import Store
    from kroniek.web import create_app
    with TestClient(create_app(Store(web_db, create=False)), base_url="http://127.0.0.1") as again:
        assert again.get("/graph").text == page  # the same layout every time

"""The desk in a real browser: Debian's chromium through its chromedriver (Selenium) walks search ->
actor dossier -> event -> document with its highlights, and the article's injected script and
onerror image never run. Screenshots of each page go to $KRONIEK_SCREENSHOTS or a temporary folder.
Skipped only where /usr/bin/chromium is not installed (scripts/install.sh installs it)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1280,1000", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER if CHROMEDRIVER.exists()
                                                                   else shutil.which("chromedriver"))), options=options)
    driver.set_page_load_timeout(20)
    driver.implicitly_wait(15)  # a loaded machine (CI, 2 cores) renders slowly: find waits for the element
    yield driver
    driver.quit()


def assert_nothing_ran(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    assert driver.execute_script("return typeof window.__xss") == "undefined"
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text


def test_web_browser_walks_search_dossier_event_document(live_server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    shots = Path(os.environ.get("KRONIEK_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    driver = browser

    driver.get(live_server + "/")
    box = driver.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("shabaab", Keys.ENTER)
    driver.find_element(By.ID, "hits-actor")
    assert driver.current_url.endswith("/search?q=shabaab")
    driver.save_screenshot(str(shots / "1-search.png"))

    driver.find_element(By.CSS_SELECTOR, "#hits-actor a.hit").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "al-Shabaab"
    assert "Harakat al-Shabaab" in driver.find_element(By.ID, "names").text
    assert driver.find_elements(By.CSS_SELECTOR, "figure.chart svg circle")
    driver.save_screenshot(str(shots / "2-actor.png"))

    driver.find_element(By.CSS_SELECTOR, "#events a[href='/event/V-market']").click()
    assert "Kismayo" in driver.find_element(By.TAG_NAME, "h1").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "article.report")) == 2
    assert driver.find_elements(By.CSS_SELECTOR, "article.report .hl-event")
    driver.save_screenshot(str(shots / "3-event.png"))

    driver.find_element(By.PARTIAL_LINK_TEXT, "Read it in the article").click()
    assert "/document/" in driver.current_url and "#ev-V-market-" in driver.current_url
    for kind in ("mention", "event", "attribution", "relation"):
        assert driver.find_elements(By.CSS_SELECTOR, f"article.article .hl-{kind}"), kind
    target = driver.execute_script("return document.querySelector(':target') && document.querySelector(':target').className")
    assert target == "hl hl-event"
    driver.save_screenshot(str(shots / "4-document.png"))

    driver.get(live_server + "/document/hostile-en")
    article = driver.find_element(By.CSS_SELECTOR, "article.article").text
    assert "<script>window.__xss=1;alert(1)</script>" in article
    assert "<img src=x onerror=\"window.__xss=2;alert(2)\">" in article
    driver.implicitly_wait(0)  # an absence is checked at once
    assert not driver.find_elements(By.CSS_SELECTOR, "main img, main script, main b")
    driver.implicitly_wait(15)
    assert_nothing_ran(driver)
    driver.save_screenshot(str(shots / "5-hostile.png"))
    driver.get(live_server + "/event/V-blast")
    assert_nothing_ran(driver)
    driver.get(live_server + "/actor/E-abdi")
    assert_nothing_ran(driver)
    driver.get(live_server + "/timeline?place=Somali%C3%AB")
    assert len(driver.find_elements(By.CSS_SELECTOR, "table.events a[href^='/event/']")) == 2
    driver.save_screenshot(str(shots / "6-timeline.png"))
    driver.get(live_server + "/conflicts")
    driver.save_screenshot(str(shots / "7-conflicts.png"))
    assert len(list(shots.glob("*.png"))) >= 7


def test_web_browser_merge_through_the_form_survives_a_rebuild(browser, tmp_path):
    """Two articles written for these tests are built into a knowledge base; in the browser an analyst
    finds Abdi Noor, merges Ali Dheere into him through the dossier's form, and sees the merge on the
    dossier and the audit page. Then every document is dropped and the corpus built again from its
    files: the merge still holds on the page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.wait import WebDriverWait

    from kroniek.pipeline import build
    from kroniek.store import Store
    from kroniek.web import create_app

    from ..export.sample import EN, NL
    from .conftest import serving

    shots = Path(os.environ.get("KRONIEK_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    corpus, away = tmp_path / "corpus", tmp_path / "away"
    corpus.mkdir()
    away.mkdir()
    (corpus / "market-en.txt").write_text(EN, encoding="utf-8")
    (corpus / "vismarkt-nl.txt").write_text(NL, encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    build([corpus], store)
    assert {e.name for e in store.entities() if e.type == "PER"} >= {"Abdi Noor", "Ali Dheere"}
    driver = browser

    with serving(create_app(Store(tmp_path / "kb.db", create=False))) as url:
        driver.get(url + "/")
        driver.find_element(By.CSS_SELECTOR, "form.search input[name=q]").send_keys("noor", Keys.ENTER)
        driver.find_element(By.CSS_SELECTOR, "#hits-actor a.hit").click()
        assert driver.find_element(By.TAG_NAME, "h1").text == "Abdi Noor"
        dossier = driver.current_url
        driver.find_element(By.CSS_SELECTOR, "form.corrections input[name=q]").send_keys("ali dheere", Keys.ENTER)
        driver.find_element(By.XPATH, "//table[@class='choices']//label[text()='Ali Dheere']").click()
        driver.find_element(By.NAME, "by").send_keys("Browser Analyst")
        driver.find_element(By.NAME, "why").send_keys("the same spokesman under two names")
        driver.save_screenshot(str(shots / "8-merge-form.png"))
        driver.find_element(By.CSS_SELECTOR, "button[value=merge]").click()
        WebDriverWait(driver, 60).until(lambda d: not d.title.startswith("Merge or keep apart"))
        assert driver.find_element(By.TAG_NAME, "main").text.startswith("Merged."), driver.find_element(By.TAG_NAME, "main").text
        assert driver.find_element(By.TAG_NAME, "h1").text == "Abdi Noor"
        assert "Ali Dheere" in driver.find_element(By.ID, "names").text
        merged = driver.current_url.split("?")[0]
        assert merged == dossier  # the surviving page is the dossier the analyst started from
        driver.save_screenshot(str(shots / "9-merged.png"))
        driver.get(url + "/judgements")
        row = driver.find_element(By.ID, "j-1").text
        assert "Browser Analyst" in row and "the same spokesman under two names" in row and "UTC" in row
        driver.save_screenshot(str(shots / "10-corrections.png"))

        for f in corpus.iterdir():  # from scratch: every document dropped, then the corpus built again
            f.rename(away / f.name)
        build([corpus], store, prune=True)
        assert store.documents() == [] and store.entities() == []
        for f in away.iterdir():
            f.rename(corpus / f.name)
        build([corpus], store)

        driver.get(merged)
        assert driver.find_element(By.TAG_NAME, "h1").text == "Abdi Noor"
        assert "Ali Dheere" in driver.find_element(By.ID, "names").text
        assert "Browser Analyst" in (driver.get(url + "/judgements") or driver.find_element(By.ID, "j-1").text)
        driver.get(url + "/map")
        driver.save_screenshot(str(shots / "11-map.png"))
        driver.get(url + "/graph")
        driver.save_screenshot(str(shots / "12-graph.png"))

"""Golden end-to-end test: build the seed articles and score them with the shared scorer.

The floors only rise: when kroniek gets better, raise them to what it reaches.
"""
import json
import subprocess
import sys

import pytest

from kroniek.export import to_json
from kroniek.pipeline import build
from kroniek.store import Store

from .conftest import GOLD, HAS_FROG, SCORER, SEEDS

pytestmark = pytest.mark.slow

# Measured on 2026-11-23 after issue 9 (extraction tuned on the dev articles' batches, never on these five):
# seeds OVERALL 0.920 with kroniek and lite. The floors sit just under what it reaches. "fields" is the lowest
# event field: since a claim alone no longer makes the claimant the perpetrator (issue 9, class 3), one seed
# event whose gold reads the claim as the deed has no perpetrator (0.875).
FLOORS = {
    "kroniek": {"entities_f1": 0.9, "alias_completeness": 0.94, "published": 0.8, "overall": 0.91, "events": 1.0,
                "fields": 0.87, "claims": 1.0, "relations": 0.73, "quotes": 0.79, "conflicts": 1.0, "fusion": 1.0,
                "duplicates": 0},
    "frog": {"entities_f1": 0.95, "alias_completeness": 0.94, "published": 0.8, "overall": 0.95, "events": 1.0,
             "fields": 0.87, "claims": 1.0, "relations": 0.81, "quotes": 0.93, "conflicts": 1.0, "fusion": 1.0,
             "duplicates": 0},
    "lite": {"entities_f1": 0.9, "alias_completeness": 0.94, "published": 0.8, "overall": 0.91, "events": 1.0,
             "fields": 0.87, "claims": 1.0, "relations": 0.73, "quotes": 0.79, "conflicts": 1.0, "fusion": 1.0,
             "duplicates": 0},
}


def _score(tmp_path, backend):
    store = Store(tmp_path / f"{backend}.db")
    build([SEEDS], store, backend=backend)
    kb = to_json(store.knowledge_base())
    path = tmp_path / f"{backend}.json"
    path.write_text(json.dumps(kb, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"{backend}.score.json"
    subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--corpus", str(SEEDS), "--kb", str(path),
                    "--json", str(out)], check=True, capture_output=True)
    return kb, json.loads(out.read_text(encoding="utf-8"))


def texts_of_seeds():
    return {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("backend", ["kroniek", "frog", "lite"])
def test_seed_scores_stay_above_their_floors(tmp_path, backend):
    if backend == "frog" and not HAS_FROG:
        pytest.skip("Frog is not installed here (CI installs it)")
    kb, score = _score(tmp_path, backend)
    floor = FLOORS[backend]
    assert score["entities"]["f1"] >= floor["entities_f1"]
    assert score["entities"]["alias_completeness"] >= floor["alias_completeness"]
    assert score["entities"]["wrong_merges"] == []
    assert score["documents"]["published_date_accuracy"] >= floor["published"]
    assert score["overall"] >= floor["overall"]
    for part in ("events", "claims", "relations", "quotes", "conflicts"):
        assert score[part]["f1"] >= floor[part], part
    assert min(v for v in score["events"]["fields"].values() if v is not None) >= floor["fields"]
    assert score["events"]["cross_doc_fusion"] >= floor["fusion"] and score["events"]["duplicates"] <= floor["duplicates"]
    for v in kb["events"]:  # every report's evidence is a sentence of its document
        for r in v["reports"]:
            assert texts_of_seeds()[r["doc"]][r["evidence"]["start"]:r["evidence"]["end"]].strip()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    surfaces = 0
    for e in kb["entities"]:
        names = {e["name"], *e["aliases"]}
        for m in e["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]].strip()
            surfaces += texts[m["doc"]][m["start"]:m["end"]] in names
    assert surfaces == sum(len(e["mentions"]) for e in kb["entities"] if not e.get("key")) + \
        sum(len(e["mentions"]) for e in kb["entities"] if e.get("key") and
            all(texts[m["doc"]][m["start"]:m["end"]] in {e["name"], *e["aliases"]} for m in e["mentions"]))


@pytest.mark.skipif(not HAS_FROG, reason="Frog is not installed here (CI installs it)")
def test_the_wrong_header_date_is_flagged(tmp_path):
    kb, _ = _score(tmp_path, "frog")
    flagged = [d for d in kb["documents"] if "date-conflict" in d["flags"]]
    assert flagged and all(d["header_date"] and d["published"][:4] != d["header_date"][:4] for d in flagged)


DEV = SEEDS.parent / "dev"
DEV_GOLD = GOLD.parent / "dev.gold.yaml"
# measured on the 60 dev articles (dev OVERALL 0.888 kroniek, 0.867 lite); "fields" is the mean of the event
# fields, "fusion" the share of multi-source events whose reports all fused, "duplicates" the most events
# that one gold event may be split into beyond the first
DEV_FLOORS = {
    "kroniek": {"overall": 0.885, "entities": 0.955, "events": 0.9, "claims": 0.92, "relations": 0.755, "quotes": 0.94,
                "conflicts": 0.89, "fields": 0.805, "fusion": 0.9, "published": 0.93, "duplicates": 0},
    "lite": {"overall": 0.865, "entities": 0.95, "events": 0.89, "claims": 0.92, "relations": 0.735, "quotes": 0.93,
             "conflicts": 0.835, "fields": 0.77, "fusion": 0.8, "published": 0.93, "duplicates": 1},
}


@pytest.mark.skipif(not DEV.is_dir(), reason="the shared dev corpus is not beside this checkout")
@pytest.mark.parametrize("backend", ["kroniek", "lite"])
def test_every_dev_article_builds_and_scores_above_its_floors(tmp_path, backend):
    store = Store(tmp_path / "dev.db")
    report = build([DEV], store, backend=backend)
    articles = len(list(DEV.glob("*.txt")))
    assert (report.documents, report.skipped, report.warnings) == (articles, [], [])
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(to_json(store.knowledge_base()), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "dev.score.json"
    subprocess.run([sys.executable, str(SCORER), "--gold", str(DEV_GOLD), "--corpus", str(DEV), "--kb", str(path),
                    "--json", str(out)], check=True, capture_output=True)
    score = json.loads(out.read_text(encoding="utf-8"))
    floors = DEV_FLOORS[backend]
    assert score["overall"] >= floors["overall"]
    for part in ("entities", "events", "claims", "relations", "quotes", "conflicts"):
        assert score[part]["f1"] >= floors[part], part
    fields = [v for v in score["events"]["fields"].values() if v is not None]
    assert sum(fields) / len(fields) >= floors["fields"]
    assert score["events"]["cross_doc_fusion"] >= floors["fusion"]
    assert score["events"]["duplicates"] <= floors["duplicates"]
    assert score["documents"]["published_date_accuracy"] >= floors["published"]

"""The command line: every command has help and is documented; build, export and entities work end to end."""
import json
import re

import pytest
from typer.testing import CliRunner

from kroniek.cli import app

from .conftest import ROOT

runner = CliRunner()
COMMANDS = ["build", "export", "entities", "merge", "separate", "events", "conflicts", "claims", "relations", "quotes",
            "show", "judgements", "reject", "choose", "serve"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
    assert re.search(rf"kroniek {command}\b", (ROOT / "README.md").read_text(encoding="utf-8"))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "one.txt").write_text(
        " date 2022-05 Aanslag in Mogadishu\n\nAl-Shabaab heeft de aanslag op een hotel in Mogadishu opgeëist. "
        "Volgens woordvoerder Ahmed Warsame van de Afrikaanse Unie (AU) vielen er doden. Warsame vreest meer "
        "aanslagen.", encoding="utf-8")
    (folder / "nested" / "two.md").write_text(
        "Aanslag Mogadishu\n\nDe groep al-Shabab, ook wel Harakat al-Shabaab al-Mujahideen genoemd, is actief in "
        "Somalië. Warsame sprak met de VN.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\x00\x00\x00" * 50)
    return folder


def test_build_export_and_list_entities(corpus, tmp_path):
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["build", str(corpus), "--db", db, "--backend", "lite"])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "empty.txt" in result.output and "image.txt" in result.output
    assert "2 new documents" in result.output

    again = runner.invoke(app, ["build", str(corpus), "--db", db, "--backend", "lite"])
    assert "0 new documents (2 unchanged" in again.output

    out = tmp_path / "kb.json"
    assert runner.invoke(app, ["export", "--db", db, "--output", str(out)]).exit_code == 0
    kb = json.loads(out.read_text(encoding="utf-8"))
    assert kb["format"] == "kroniek-kb/1"
    assert {k for k in kb} >= {"documents", "entities", "events", "claims", "relations", "quotes", "conflicts"}
    texts = {d["id"]: (corpus / "one.txt").read_text(encoding="utf-8") if d["id"] == "one"
             else (corpus / "nested" / "two.md").read_text(encoding="utf-8") for d in kb["documents"]}
    for e in kb["entities"]:
        for m in e["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]] in [e["name"], *e["aliases"]] or e.get("key")
    by_name = {e["name"]: e for e in kb["entities"]}
    assert {"Al-Shabaab", "al-Shabab", "Harakat al-Shabaab al-Mujahideen"} <= set(by_name["al-Shabaab"]["aliases"])
    assert by_name["Ahmed Warsame"]["type"] == "PER" and by_name["Ahmed Warsame"]["aliases"] == ["Warsame"]
    assert by_name["Mogadishu"]["coordinates"]["lat"] == pytest.approx(2.04, abs=0.1)
    assert set(by_name["African Union"]["aliases"]) == {"AU", "Afrikaanse Unie"}

    table = runner.invoke(app, ["entities", "--db", db, "--type", "PER", "--format", "json"])
    names = [r["name"] for r in json.loads(table.output)]
    assert names == ["Ahmed Warsame"]

    # two.md names an attack in Mogadishu but gives no date: nothing says it is the attack of 2022-05
    [event] = [v for v in kb["events"] if v["date"]]
    assert (event["type"], event["claimed_by"]) == ("attack", by_name["al-Shabaab"]["id"])
    assert by_name[next(n for n, e in by_name.items() if e["id"] == event["location"])]["name"] == "Mogadishu"
    listed = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).output)
    assert sorted((e["date"] or "", e["location"], e["claimed_by"] or "") for e in listed) == [
        ("", "Mogadishu", ""), ("2022-05", "Mogadishu", "al-Shabaab")]
    assert runner.invoke(app, ["conflicts", "--db", db]).exit_code == 0


def test_claims_and_conflicts_commands(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Boko Haram had in 2015 zo'n 6000 strijders, volgens de VN.", encoding="utf-8")
    (folder / "b.txt").write_text("Boko Haram had in 2015 niet meer dan 1000 strijders.", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["build", str(folder), "--db", db, "--backend", "lite"]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["claims", "Boko Haram", "--db", db, "--format", "json"]).output)
    assert sorted((r["value"], r["as_of"], r["doc"]) for r in rows) == [("6000", "2015", "a"), ("≤1000", "2015", "b")]
    conflicts = json.loads(runner.invoke(app, ["conflicts", "--db", db, "--format", "json"]).output)
    assert [c["field"] for c in conflicts] == ["fighters"]
    assert runner.invoke(app, ["claims", "Nobody", "--db", db]).exit_code == 2


def test_export_rejects_unknown_formats(tmp_path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "kb.db"), "--format", "xml"])
    assert result.exit_code == 2


def test_an_interrupted_build_loses_and_duplicates_nothing(corpus, tmp_path, monkeypatch):
    from kroniek.nlp import lite
    from kroniek.pipeline import build
    from kroniek.store import Store

    calls = {"n": 0}
    real = lite.LiteBackend.annotate

    def failing_second_batch(self, docs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(self, docs)

    store = Store(tmp_path / "kb.db")
    monkeypatch.setattr(lite.LiteBackend, "annotate", failing_second_batch)
    with pytest.raises(KeyboardInterrupt):
        build([corpus], store, backend="lite", batch_size=1)
    assert store.table_counts()["documents"] == 1  # the first batch was committed, the second not at all
    monkeypatch.setattr(lite.LiteBackend, "annotate", real)
    report = build([corpus], store, backend="lite", batch_size=1)
    assert (report.documents, report.unchanged) == (1, 1)
    counts = store.table_counts()
    assert counts["documents"] == 2
    assert counts["mentions"] == len({m.id for m in store.mentions()})
    assert counts["entity_mentions"] == counts["mentions"]


def test_analyst_judgements_survive_rebuilds(corpus, tmp_path):
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["build", str(corpus), "--db", db, "--backend", "lite"]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["entities", "--db", db, "--format", "json"]).output)
    ids = {r["name"]: r["id"] for r in rows}
    merged = runner.invoke(app, ["merge", ids["Ahmed Warsame"], ids["African Union"], "--db", db])
    assert merged.exit_code == 0, merged.output
    names = {r["name"] for r in json.loads(runner.invoke(app, ["entities", "--db", db, "--format", "json"]).output)}
    assert "Ahmed Warsame" not in names or "African Union" not in names

    kb = json.loads(runner.invoke(app, ["export", "--db", db]).output)
    shabaab = next(e for e in kb["entities"] if e["name"] == "al-Shabaab")
    first, second = shabaab["mentions"][0]["id"], shabaab["mentions"][-1]["id"]
    assert runner.invoke(app, ["separate", first, second, "--db", db]).exit_code == 0
    (corpus / "three.txt").write_text("Een nieuw bericht: de VN sturen hulp naar Somalië.", encoding="utf-8")
    assert runner.invoke(app, ["build", str(corpus), "--db", db, "--backend", "lite"]).exit_code == 0
    kb = json.loads(runner.invoke(app, ["export", "--db", db]).output)
    owner = {m["id"]: e["id"] for e in kb["entities"] for m in e["mentions"]}
    assert owner[first] != owner[second]  # still apart after a rebuild
    warsame = next(e for e in kb["entities"] if "Ahmed Warsame" in [e["name"], *e["aliases"]])
    assert {"Ahmed Warsame", "Afrikaanse Unie"} <= {warsame["name"], *warsame["aliases"]}

    assert runner.invoke(app, ["merge", "E-nope", ids["Mogadishu"], "--db", db]).exit_code == 2


def test_the_same_article_under_another_name_in_a_later_build_is_one_document(corpus, tmp_path):
    db = str(tmp_path / "kb.db")
    runner.invoke(app, ["build", str(corpus), "--db", db, "--backend", "lite"])
    copy = tmp_path / "later"
    copy.mkdir()
    (copy / "renamed.txt").write_text((corpus / "one.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["build", str(copy), "--db", db, "--backend", "lite"])
    assert result.exit_code == 0, result.output
    assert "same text as one" in " ".join(result.output.split())
    [doc] = [d for d in json.loads(runner.invoke(app, ["export", "--db", db]).output)["documents"] if d["id"] == "one"]
    assert doc["path"].endswith("renamed.txt")


# -- errors an analyst can make, and text that looks like markup (issue 7) ------------------------------
def _one_line_error(result, code: str) -> None:
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(" ".join(lines)) < 300 and "Traceback" not in result.output
    assert code in result.output


@pytest.mark.parametrize("command", [["entities"], ["events"], ["conflicts"], ["export"], ["claims", "IS"]])
def test_reading_a_database_that_does_not_exist_is_an_error_and_creates_nothing(tmp_path, command):
    db = tmp_path / "typo.db"
    _one_line_error(runner.invoke(app, [*command, "--db", str(db)]), "E011")
    assert not db.exists()
    _one_line_error(runner.invoke(app, [*command, "--db", str(tmp_path / "no-folder" / "kb.db")]), "E011")


def test_a_file_that_is_no_kroniek_database_is_named_as_such(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("dit is geen database\n" * 100, encoding="utf-8")
    _one_line_error(runner.invoke(app, ["entities", "--db", str(notes)]), "E012")
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    _one_line_error(runner.invoke(app, ["events", "--db", str(other)]), "E012")
    _one_line_error(runner.invoke(app, ["build", str(tmp_path), "--db", str(other), "--backend", "lite"]), "E012")
    _one_line_error(runner.invoke(app, ["build", str(tmp_path), "--db", str(notes), "--backend", "lite"]), "E012")


def test_building_into_a_missing_folder_is_an_error(corpus, tmp_path):
    _one_line_error(runner.invoke(app, ["build", str(corpus), "--db", str(tmp_path / "nope" / "kb.db"),
                                        "--backend", "lite"]), "E013")


def test_a_build_from_which_nothing_could_be_built_exits_non_zero(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "leeg.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), str(tmp_path / "weg"), "--db",
                                 str(tmp_path / "kb.db"), "--backend", "lite"])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output and "nothing could be built" in result.output


def test_an_unfinished_build_is_announced_by_reading_commands(corpus, tmp_path, monkeypatch):
    from kroniek import pipeline

    db = str(tmp_path / "kb.db")

    def interrupted(store, report=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "resolve_corpus", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build([corpus], pipeline.Store(db), backend="lite")
    monkeypatch.undo()
    result = runner.invoke(app, ["events", "--db", db])
    assert result.exit_code == 0 and "stopped before it finished" in result.output
    assert runner.invoke(app, ["build", str(corpus), "--db", db, "--backend", "lite"]).exit_code == 0
    assert "stopped before" not in runner.invoke(app, ["events", "--db", db]).output


def test_square_brackets_in_article_text_are_shown_as_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Boko Haram had in 2015 zo'n 6000 strijders [/noot] [foto: AFP], volgens de VN.",
                                  encoding="utf-8")
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["build", str(folder), "--db", db, "--backend", "lite"]).exit_code == 0
    result = runner.invoke(app, ["claims", "Boko Haram", "--db", db])
    assert result.exit_code == 0, result.output
    shown = "".join(result.output.split())
    assert "[/noot]" in shown and "[foto:AFP]" in shown


def test_piped_tables_keep_ids_whole(corpus, tmp_path):
    db = str(tmp_path / "kb.db")
    runner.invoke(app, ["build", str(corpus), "--db", db, "--backend", "lite"])
    ids = [r["id"] for r in json.loads(runner.invoke(app, ["entities", "--db", db, "--format", "json"]).output)]
    table = runner.invoke(app, ["entities", "--db", db]).output
    assert ids and all(i in table for i in ids)


def test_relations_quotes_and_show_read_the_knowledge_base_in_the_terminal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        " date 2023-03\nBij een aanslag in Gao zijn dinsdag twaalf mensen om het leven gekomen. JNIM heeft de aanslag "
        "opgeëist. JNIM is een bondgenoot van Ansar Dine. \"We zullen de dorpen beschermen\", zei burgemeester "
        "Karim Diallo.", encoding="utf-8")
    (folder / "b.txt").write_text(
        " date 2023-03\nBij de aanslag in Gao vielen dinsdag veertien doden, meldt de regering.", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["build", str(folder), "--db", db, "--backend", "lite"]).exit_code == 0
    relations = json.loads(runner.invoke(app, ["relations", "JNIM", "--db", db, "--format", "json"]).output)
    assert any(r["predicate"] == "allied_with" and r["evidence"] for r in relations)
    quotes = json.loads(runner.invoke(app, ["quotes", "--db", db, "--format", "json"]).output)
    assert [(q["speaker"], q["doc"]) for q in quotes] == [("Karim Diallo", "a")]
    events = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).output)
    [event] = [e for e in events if len(e["reports"]) == 2]
    assert "injured" in event and event["killed"] == "12–14"
    reports = json.loads(runner.invoke(app, ["show", event["id"], "--db", db, "--format", "json"]).output)
    assert sorted((r["doc"], r["killed"]) for r in reports) == [("a", "12"), ("b", "14")]
    assert all(r["evidence"] for r in reports)
    dossier = json.loads(runner.invoke(app, ["show", "JNIM", "--db", db, "--format", "json"]).output)
    assert {"names", "relation", "event"} <= {r["part"] for r in dossier}
    assert runner.invoke(app, ["show", "Nobody", "--db", db]).exit_code == 2


def test_judgements_are_listed_with_their_mentions_and_one_can_be_taken_back(corpus, tmp_path):
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["build", str(corpus), "--db", db, "--backend", "lite"]).exit_code == 0
    ids = {r["name"]: r["id"] for r in json.loads(runner.invoke(app, ["entities", "--db", db, "--format", "json"]).output)}
    assert runner.invoke(app, ["merge", ids["Ahmed Warsame"], ids["African Union"], "--db", db]).exit_code == 0
    [listed] = json.loads(runner.invoke(app, ["judgements", "--db", db, "--format", "json"]).output)
    assert listed["n"] == 1 and listed["verdict"] == "same" and listed["by"] == "analyst"
    assert {listed["first"].split(" (")[0], listed["second"].split(" (")[0]} & {"Ahmed Warsame", "Warsame", "AU",
                                                                             "Afrikaanse Unie"}
    undone = runner.invoke(app, ["judgements", "--undo", "1", "--db", db])
    assert undone.exit_code == 0, undone.output
    names = {r["name"] for r in json.loads(runner.invoke(app, ["entities", "--db", db, "--format", "json"]).output)}
    assert {"Ahmed Warsame", "African Union"} <= names  # apart again, as before the merge
    assert json.loads(runner.invoke(app, ["judgements", "--db", db, "--format", "json"]).output) == []
    assert runner.invoke(app, ["judgements", "--undo", "3", "--db", db]).exit_code == 2


def test_reject_and_choose_are_listed_as_corrections_and_taken_back(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2023-03\nBij een aanslag in Gao zijn dinsdag twaalf mensen om het leven "
                                  "gekomen. JNIM heeft de aanslag opgeëist.", encoding="utf-8")
    (folder / "b.txt").write_text(" date 2023-03\nBij de aanslag in Gao vielen dinsdag veertien doden, meldt de regering.",
                                  encoding="utf-8")
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["build", str(folder), "--db", db, "--backend", "lite"]).exit_code == 0
    [event] = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).output)
    reports = {r["doc"]: r for r in json.loads(runner.invoke(app, ["show", event["id"], "--db", db, "--format",
                                                                   "json"]).output)}
    b = [reports["b"]["doc"], str(reports["b"]["start"]), str(reports["b"]["end"])]
    chose = runner.invoke(app, ["choose", "killed", *b, "--db", db, "--by", "Ann", "--why", "the official count"])
    assert chose.exit_code == 0, chose.output
    [event] = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).output)
    assert event["killed"] == "14" and "chosen-by-analyst" in event["flags"]
    a = [reports["a"]["doc"], str(reports["a"]["start"]), str(reports["a"]["end"])]
    assert runner.invoke(app, ["reject", "report", *a, "--db", db, "--by", "Ann", "--why", "misread"]).exit_code == 0
    [event] = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).output)
    assert event["reports"] == ["b: 14"]
    listed = json.loads(runner.invoke(app, ["judgements", "--db", db, "--format", "json"]).output)
    assert [(x["n"], x["verdict"], x["by"]) for x in listed] == [("R1", "reject report", "Ann"), ("C1", "choose killed", "Ann")]
    assert listed[0]["first"] == " ".join(a) and "twaalf" in listed[0]["second"] and listed[0]["reason"].startswith("misread [")
    for refused in (["reject", "rumour", *a], ["reject", "report", "a", "0", "2"], ["choose", "injured", *b],
                    ["choose", "size", *b]):
        result = runner.invoke(app, [*refused, "--db", db, "--by", "Ann", "--why", "test"])
        assert result.exit_code == 2 and "error" in result.output, refused
    assert runner.invoke(app, ["reject", "report", *a, "--db", db, "--by", "kroniek", "--why", "x"]).exit_code == 2
    assert runner.invoke(app, ["judgements", "--undo", "R1", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["judgements", "--undo", "c1", "--db", db]).exit_code == 0
    [event] = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).output)
    assert event["killed"] == "12–14" and "chosen-by-analyst" not in event["flags"]
    assert json.loads(runner.invoke(app, ["judgements", "--db", db, "--format", "json"]).output) == []
    assert runner.invoke(app, ["judgements", "--undo", "R1", "--db", db]).exit_code == 2

"""`kroniek export --format F` for every format, through the command line, on a stored knowledge base."""
import json

import networkx as nx
import pandas as pd
import pytest
from followthemoney import model
from typer.testing import CliRunner

from kroniek.cli import app

from .sample import small_kb, stored

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    return stored(small_kb(), tmp_path / "kb.db")


def _export(db, fmt, *more):
    result = runner.invoke(app, ["export", "--db", db, "--format", fmt, *more])
    assert result.exit_code == 0, result.output
    return result


def test_cli_export_events_writes_the_event_and_report_tables(db, tmp_path):
    out = tmp_path / "out" / "events.csv"
    out.parent.mkdir()
    result = _export(db, "events", "-o", str(out))
    assert "events.reports.csv" in result.output
    events = pd.read_csv(out)
    reports = pd.read_csv(tmp_path / "out" / "events.reports.csv")
    [row] = events.itertuples()
    assert (row.event_id, row.killed_low, row.killed_best, row.killed_high, row.number_of_sources) == (
        "V-market", 12, 13.5, 15, 2)
    assert sorted(reports.doc) == ["market-en", "vismarkt_nl"] and set(reports.event_id) == {"V-market"}


def test_cli_export_events_needs_a_file_name(db):
    result = runner.invoke(app, ["export", "--db", db, "--format", "events"])
    assert result.exit_code == 2 and "E042" in result.output


def test_cli_export_unknown_format_names_the_known_ones(tmp_path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db"), "--format", "acled"])
    assert result.exit_code == 2 and "E040" in result.output and "graphml" in result.output
    assert not (tmp_path / "none.db").exists()


def test_cli_export_ftm_to_stdout(db):
    lines = _export(db, "ftm").output.splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    assert {p.schema.name for p in proxies} == {"Article", "Person", "Organization", "Address", "Event", "Directorship",
                                                "UnknownLink"}
    [event] = [p for p in proxies if p.schema.name == "Event"]
    assert event.get("organizer") == ["E-shabaab"]


def test_cli_export_graphml_to_a_file(db, tmp_path):
    out = tmp_path / "actors.graphml"
    _export(db, "graphml", "-o", str(out))
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 6 and graph.number_of_edges() == 4
    assert graph.get_edge_data("E-ali", "E-shabaab")["predicate"] == "leader_of"


@pytest.mark.parametrize("fmt, column, value", [("claims", "attribute", "fighters"), ("quotes", "speaker", "Abdi Noor"),
                                                ("conflicts", "value", "≥12")])
def test_cli_export_csv_tables(db, tmp_path, fmt, column, value):
    out = tmp_path / f"{fmt}.csv"
    _export(db, fmt, "-o", str(out))
    frame = pd.read_csv(out)
    assert value in list(frame[column])
    assert {"doc", "start", "end"} <= set(frame.columns) and frame.start.notna().all()


def test_cli_export_a_built_corpus_in_every_format(tmp_path):
    """End to end: articles built with the lite backend export in every format, and agree with the JSON export."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        " date 2024-02 Aanslag in Mogadishu\n\nAl-Shabaab heeft de aanslag op een hotel in Mogadishu opgeëist. "
        "Er vielen minstens 9 doden. Woordvoerder Hassan Ali van de Afrikaanse Unie (AU) sprak van een laffe daad.",
        encoding="utf-8")
    (folder / "b.txt").write_text(
        " date 2024-02 Hotel aangevallen\n\nBij de aanslag op een hotel in Mogadishu vielen 11 doden. "
        "De groep al-Shabaab, ook wel Harakat al-Shabaab al-Mujahideen genoemd, is actief in Somalië.",
        encoding="utf-8")
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["build", str(folder), "--db", db, "--backend", "lite"]).exit_code == 0
    kb = json.loads(_export(db, "json").output)
    _export(db, "events", "-o", str(tmp_path / "events.csv"))
    events = pd.read_csv(tmp_path / "events.csv")
    assert sorted(events.event_id) == sorted(v["id"] for v in kb["events"])
    reports = pd.read_csv(tmp_path / "events.reports.csv")
    assert len(reports) == sum(len(v["reports"]) for v in kb["events"])
    proxies = [model.get_proxy(json.loads(line)) for line in _export(db, "ftm").output.splitlines()]
    assert {p.id for p in proxies} >= {e["id"] for e in kb["entities"] if e["type"] != "MISC"}
    _export(db, "graphml", "-o", str(tmp_path / "g.graphml"))
    assert set(nx.read_graphml(tmp_path / "g.graphml").nodes) >= {e["id"] for e in kb["entities"]
                                                                  if e["type"] in ("PER", "ORG")}
    for fmt in ("claims", "quotes", "conflicts"):
        _export(db, fmt, "-o", str(tmp_path / f"{fmt}.csv"))
        assert (tmp_path / f"{fmt}.csv").read_text(encoding="utf-8").startswith(
            {"claims": "claim_id,", "quotes": "speaker_id,", "conflicts": "about_id,"}[fmt])


def test_cli_export_to_a_folder_that_does_not_exist_is_one_line(db, tmp_path):
    result = runner.invoke(app, ["export", "--db", db, "--format", "claims", "-o", str(tmp_path / "no" / "c.csv")])
    assert result.exit_code == 2 and "E043" in result.output and "Traceback" not in result.output

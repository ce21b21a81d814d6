"""CSV exports read back with pandas, as an analyst would: events with their reports, claims, quotes, conflicts."""
import io

import pandas as pd
import pytest

from kroniek.export import tables

from .sample import small_kb


@pytest.fixture(scope="module")
def kb():
    return small_kb()


def _frame(write, kb) -> pd.DataFrame:
    out = io.StringIO()
    write(kb, out)
    return pd.read_csv(io.StringIO(out.getvalue()))


def _spans_hold(kb, frame: pd.DataFrame) -> None:
    """Every row's doc/start/end slices its document to the row's text (whitespace collapsed)."""
    texts = {d.id: d.text for d in kb.documents}
    column = "notes" if "notes" in frame else "text"
    for row in frame.itertuples():
        assert " ".join(texts[row.doc][int(row.start):int(row.end)].split()) == getattr(row, column)


def test_tables_events_one_row_per_event_with_ucdp_figures_and_source_count(kb):
    out, reports_out = io.StringIO(), io.StringIO()
    tables.write_events(kb, out, reports_out)
    events = pd.read_csv(io.StringIO(out.getvalue()))
    assert tuple(events.columns) == tables.EVENT_COLUMNS
    [event] = kb.events
    assert len(events) == 1
    row = events.set_index("event_id").loc[event.id]
    assert (row.killed_low, row.killed_best, row.killed_high) == (event.killed.low, event.killed.best, event.killed.high)
    assert (row.killed_low, row.killed_best, row.killed_high) == (12, 13.5, 15)
    assert row.number_of_sources == len({r.doc for r in event.reports}) == 2
    assert (row.event_date, row.date_precision, row.year) == ("2023-03-04", "day", 2023)
    assert (row.location, row.country, row.country_code) == ("Kismayo", "Somalia", "SO")
    assert (row.latitude, row.longitude) == pytest.approx((-0.35833, 42.54556))
    assert (row.perpetrator, row.claimed_by, row.claimed_by_id) == ("al-Shabaab", "al-Shabaab", "E-shabaab")
    assert row.outlets == "example-news.org; nieuws.example.nl"
    assert pd.isna(row.suspects)
    _spans_hold(kb, events)

    reports = pd.read_csv(io.StringIO(reports_out.getvalue()))
    assert tuple(reports.columns) == tables.REPORT_COLUMNS
    by_doc = reports.set_index("doc")
    assert list(reports.event_id) == [event.id, event.id]
    assert by_doc.loc["market-en", "killed_low"] == 12 and pd.isna(by_doc.loc["market-en", "killed_high"])  # "at least 12"
    assert by_doc.loc["vismarkt_nl", "killed_low"] == by_doc.loc["vismarkt_nl", "killed_high"] == 15
    assert by_doc.loc["market-en", "attributions"] == "al-Shabaab (claimed via radio)"
    assert by_doc.loc["market-en", "outlet"] == "example-news.org"
    _spans_hold(kb, reports)


def test_tables_claims_quotes_and_conflicts_carry_their_spans(kb):
    claims = _frame(tables.write_claims, kb)
    assert tuple(claims.columns) == tables.CLAIM_COLUMNS
    [claim] = claims.itertuples()
    assert (claim.subject, claim.attribute, claim.value_low, claim.as_of, claim.attributed_to) == (
        "al-Shabaab", "fighters", 7000, "2023-03", "Abdi Noor")
    assert pd.isna(claim.value_high)  # "meer dan 7000": no upper bound
    _spans_hold(kb, claims)

    quotes = _frame(tables.write_quotes, kb)
    [quote] = quotes.itertuples()
    assert quote.speaker == "Abdi Noor" and quote.text == "Wij geven niet op … De strijd gaat door."
    texts = {d.id: d.text for d in kb.documents}
    for pair in quote.passages.split("; "):
        start, end = map(int, pair.split(":"))
        assert texts[quote.doc][start:end] in quote.text

    conflicts = _frame(tables.write_conflicts, kb)
    assert tuple(conflicts.columns) == tables.CONFLICT_COLUMNS
    assert sorted(zip(conflicts.doc, conflicts.value)) == [("market-en", "≥12"), ("vismarkt_nl", "15")]
    assert set(conflicts.about_kind) == {"event"} and set(conflicts.field) == {"killed"}
    _spans_hold(kb, conflicts)


def test_tables_cells_with_commas_quotes_and_newlines_survive_the_round_trip(kb):
    from dataclasses import replace

    awkward = 'Hij zei: "ja, nee",\nen ging.'
    doc = replace(kb.documents[1], text=kb.documents[1].text + awkward)
    span_start = len(kb.documents[1].text)
    quote = replace(kb.quotes[0], span=replace(kb.quotes[0].span, start=span_start, end=len(doc.text)), passages=())
    other = replace(kb, documents=[kb.documents[0], doc], quotes=[quote])
    [row] = _frame(tables.write_quotes, other).itertuples()
    assert row.text == 'Hij zei: "ja, nee", en ging.' and row.start == span_start


def test_tables_reports_file_sits_beside_the_events_file():
    from pathlib import Path

    assert tables.reports_path(Path("out/events.csv")) == Path("out/events.reports.csv")
    assert tables.reports_path(Path("acled")) == Path("acled.reports.csv")

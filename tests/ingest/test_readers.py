import json

import pytest

from hypothesis import given
from hypothesis import strategies as st

from kroniek.ingest import Skipped, read_paths
from kroniek.ingest.metadata import normalise_iso
from kroniek.model import Document


def _read(tmp_path):
    out = list(read_paths([tmp_path]))
    return [d for d in out if isinstance(d, Document)], [s for s in out if isinstance(s, Skipped)]


def test_text_file_with_header_date_and_title(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2019-04 Overstromingen in Limburg\n\nDe rivier trad buiten haar oevers "
                                    "en de burgemeester van Venlo riep de noodtoestand uit.", encoding="utf-8")
    [doc], skipped = _read(tmp_path)
    assert not skipped
    assert doc.id == "a" and doc.language == "nl"
    assert doc.header_date.value == "2019-04"
    assert doc.text[doc.header_date.evidence.start:doc.header_date.evidence.end] == "2019-04"
    assert doc.title == "Overstromingen in Limburg"
    assert doc.published.value == "2019-04" and doc.published.source == "header"


@pytest.mark.parametrize("name,text,language,published", [
    ("dateline beats header", " date 2030-01 Kop van het stuk\n\n14 februari 2022 Leestijd: 3 minuten\n"
     "De gemeenteraad vergaderde gisteren urenlang over de begroting.", "nl", ("2022-02-14", "dateline")),
    ("English dateline", "Storm hits the coast\nMarch 3, 2023\nThe storm flooded several villages "
     "along the coast and thousands of people left their homes.", "en", ("2023-03-03", "dateline")),
    ("agency dateline", "Flood hits the delta\n\nDHAKA (Reuters), June 2, 2024 - Heavy rain flooded "
     "large parts of the delta on Saturday, officials said.", "en", ("2024-06-02", "dateline")),
    ("a date inside prose is no dateline", "De overstroming van 4 maart 2019 in het zuiden van het land zette "
     "hele dorpen onder water, zeggen bewoners.", "nl", None),
])
def test_datelines(tmp_path, name, text, language, published):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    [doc], _ = _read(tmp_path)
    assert doc.language == language, name
    if published is None:
        assert doc.published is None, name
    else:
        assert (doc.published.value, doc.published.source) == published, name


def test_html_main_text_is_extracted(tmp_path):
    body = "<p>" + "De minister van Defensie bezocht de kazerne in Assen en sprak met de militairen. " * 5 + "</p>"
    (tmp_path / "p.html").write_text(f"<html><head><title>Bezoek aan Assen</title></head><body><nav>Menu Home"
                                     f"</nav><article>{body}</article></body></html>", encoding="utf-8")
    [doc], _ = _read(tmp_path)
    assert "kazerne in Assen" in doc.text and "Menu" not in doc.text
    assert doc.title == "Bezoek aan Assen"


def test_jsonl_one_document_per_line(tmp_path):
    lines = [{"text": "Eerste bericht over de haven van Rotterdam en de staking daar.", "title": "Een",
              "published": "2020-05-01T09:00:00Z"},
             {"text": "Tweede bericht over de luchthaven van Eindhoven.", "id": "twee"},
             "not an object", {"title": "no text"}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken", encoding="utf-8")
    docs, skipped = _read(tmp_path)
    assert [d.id for d in docs] == ["feed-1", "twee"]
    assert docs[0].published.value == "2020-05-01" and docs[0].title == "Een"
    assert len(skipped) == 3


def test_bad_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (tmp_path / "huge.txt").write_text("woord " * 1_000_000, encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Het café in Zürich was één dag dicht, zei de eigenaar tegen de "
                                         "verslaggever van de krant.".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    docs, skipped = _read(tmp_path)
    reasons = {s.path.split("/")[-1]: s.reason for s in skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "huge.txt"}
    assert "too large" in reasons["huge.txt"] and "binary" in reasons["binary.txt"]
    [latin] = docs
    assert "café in Zürich was één dag" in latin.text


def test_duplicate_content_is_stored_once(tmp_path):
    text = "Een bericht dat twee keer in de map staat, onder twee namen, met precies dezelfde inhoud."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(text, encoding="utf-8")
    docs, skipped = _read(tmp_path)
    assert len(docs) == 1 and len(skipped) == 1 and "duplicate" in skipped[0].reason


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28), st.sampled_from(["", "T10:00:00Z", " 12:00"]))
def test_normalise_iso_keeps_the_given_precision(year, month, day, tail):
    assert normalise_iso(f"{year}") == f"{year}"
    assert normalise_iso(f"{year}-{month:02d}") == f"{year}-{month:02d}"
    assert normalise_iso(f"{year}-{month:02d}-{day:02d}{tail}") == f"{year}-{month:02d}-{day:02d}"

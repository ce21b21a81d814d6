import json
from dataclasses import replace

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


def test_the_same_text_under_two_names_comes_back_under_both(tmp_path):
    text = "Een bericht dat twee keer in de map staat, onder twee namen, met precies dezelfde inhoud."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(text, encoding="utf-8")
    docs, skipped = _read(tmp_path)
    assert not skipped and len({d.sha1 for d in docs}) == 1
    assert sorted(d.path.rsplit("/", 1)[-1] for d in docs) == ["a.txt", "b.txt"]


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28), st.sampled_from(["", "T10:00:00Z", " 12:00"]))
def test_normalise_iso_keeps_the_given_precision(year, month, day, tail):
    assert normalise_iso(f"{year}") == f"{year}"
    assert normalise_iso(f"{year}-{month:02d}") == f"{year}-{month:02d}"
    assert normalise_iso(f"{year}-{month:02d}-{day:02d}{tail}") == f"{year}-{month:02d}-{day:02d}"


# -- hostile inputs: each is stored or reported, none stops the build (issue 7) -------------------------
ARTICLE = "De burgemeester van Leiden opende vandaag de nieuwe bibliotheek aan de Breestraat in het centrum."


def _by_name(items):
    return {(i.path if isinstance(i, Skipped) else i.path).rsplit("/", 1)[-1]: i for i in items}


def test_a_deeply_nested_jsonl_line_is_reported_and_the_next_line_read(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "feed.jsonl").write_text(deep + "\n" + json.dumps({"id": "ok", "text": ARTICLE}), encoding="utf-8")
    docs, skipped = _read(tmp_path)
    assert [d.id for d in docs] == ["ok"]
    [bad] = skipped
    assert bad.path.endswith("feed.jsonl:1") and "nested too deeply" in bad.reason


def test_lone_surrogates_become_replacement_characters_at_the_same_offsets(tmp_path):
    line = '{"id": "s", "text": "Kop \\ud800 van het bericht. ' + ARTICLE + '", "title": "T\\udfff"}'
    (tmp_path / "feed.jsonl").write_text(line, encoding="utf-8")
    [doc], skipped = _read(tmp_path)
    assert not skipped and doc.text.startswith("Kop \ufffd van") and doc.title == "T\ufffd"
    doc.text.encode("utf-8")  # storable


def test_titles_urls_and_ids_of_the_wrong_type_are_ignored_not_fatal(tmp_path):
    lines = [{"text": ARTICLE, "title": ["a", "b"], "url": {"href": "x"}, "id": ["x"], "published": [2020]},
             {"text": ARTICLE + " Tweede versie.", "title": 5, "url": None, "id": None}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    docs, skipped = _read(tmp_path)
    assert not skipped and len(docs) == 2
    assert all(d.url is None and d.published is None for d in docs)
    assert [d.id for d in docs] == ["feed-1", "feed-2"]


def test_a_file_name_that_is_not_utf8_is_read_under_a_printable_name(tmp_path):
    import os

    name = os.fsdecode(b"artikel-\xff\xfe.txt")
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    [doc], skipped = _read(tmp_path)
    assert not skipped
    doc.path.encode("utf-8") and doc.id.encode("utf-8")  # no lone surrogates left
    assert doc.id.startswith("artikel-") and "\ufffd" in doc.path


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                          ("utf-16-le", b""), ("utf-16-be", b"")])
def test_utf16_with_or_without_bom_is_text(tmp_path, encoding, bom):
    (tmp_path / "a.txt").write_bytes(bom + ARTICLE.encode(encoding))
    [doc], skipped = _read(tmp_path)
    assert not skipped and doc.text == ARTICLE


def test_a_zero_byte_anywhere_marks_a_file_as_binary(tmp_path):
    (tmp_path / "a.txt").write_bytes(((ARTICLE + "\n") * 200).encode() + b"\x00" + ARTICLE.encode())
    docs, [skipped] = _read(tmp_path)
    assert docs == [] and "binary" in skipped.reason


def test_a_missing_path_is_reported_as_missing(tmp_path):
    [skipped] = list(read_paths([tmp_path / "nergens.txt"]))
    assert skipped.reason == "no such file or folder"
    [skipped] = list(read_paths([tmp_path / "geen-suffix"]))
    assert skipped.reason == "no such file or folder"


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=12)
RECORDS = st.dictionaries(st.sampled_from(["id", "text", "title", "url", "published", "x"]),
                          JSON_VALUES | st.text(min_size=1), max_size=6)


@given(st.lists(st.binary(max_size=300), min_size=1, max_size=3),
       st.lists(RECORDS | JSON_VALUES, max_size=4),
       st.lists(st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                          and b not in (b".", b"..")), min_size=1, max_size=3),
       st.sampled_from([".txt", ".jsonl", ".html", ".md", ".pdf", ""]))
def test_ingest_never_raises_and_accounts_for_every_input(tmp_path_factory, blobs, records, raw_names, suffix):
    import os

    folder = tmp_path_factory.mktemp("hostile")
    written = set()
    for i, (blob, raw) in enumerate(zip(blobs, raw_names)):
        path = os.path.join(os.fsencode(folder), raw[:8] + str(i).encode() + suffix.encode())
        with open(path, "wb") as fh:
            fh.write(blob)
        written.add(path)
    lines = [json.dumps(r, ensure_ascii=bool(i % 2)) for i, r in enumerate(records)]
    feed = os.path.join(os.fsencode(folder), b"feed.jsonl")
    with open(feed, "wb") as fh:
        fh.write("\n".join(lines).encode("utf-8", "surrogatepass"))
    written.add(feed)
    items = list(read_paths([folder]))  # nothing may escape
    accounted = {(i.path if isinstance(i, Skipped) else i.path).split(".jsonl")[0] for i in items}
    for path in written:
        shown = os.fsencode(path).decode("utf-8", "replace")
        if not any(shown.endswith(sfx) for sfx in (".txt", ".jsonl", ".html", ".md")):
            continue  # not an article file: find_files does not list it
        assert shown.split(".jsonl")[0] in accounted, shown
    for item in items:
        assert isinstance(item, (Document, Skipped))
        if isinstance(item, Document):
            item.text.encode("utf-8"), item.path.encode("utf-8"), item.id.encode("utf-8")
            assert item.text.strip()


def test_a_manifest_beside_the_files_gives_each_its_address_and_the_address_its_date(tmp_path):
    body = "De haven van Tilburg ging gisteren dicht na een staking van het personeel.\n"
    (tmp_path / "a.txt").write_text(" date 2022-05 Haven dicht\n\n" + body, encoding="utf-8")
    (tmp_path / "b.txt").write_text(" date 2022-05 Haven weer open\n\n" + body.replace("dicht", "open"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(body.replace("Tilburg", "Breda"), encoding="utf-8")
    (tmp_path / "SOURCES.tsv").write_text("file\turl\tnote\n"
                                          "a\thttps://news.example.nl/binnenland/2022/05/17/haven-dicht\tx\n"
                                          "b.txt\thttps://news.example.nl/artikel/48213-haven-open\ty\n",
                                          encoding="utf-8")
    (tmp_path / "other.csv").write_text("city,population\nTilburg,220000\n", encoding="utf-8")  # no manifest
    docs, skipped = _read(tmp_path)
    assert not skipped
    by_id = {d.id: d for d in docs}
    assert by_id["a"].url.endswith("/2022/05/17/haven-dicht")
    assert by_id["a"].published.value == "2022-05-17" and by_id["a"].published.source == "url"
    assert by_id["b"].url.endswith("48213-haven-open") and by_id["b"].published.source == "header"
    assert by_id["c"].url is None and by_id["c"].published is None


def test_an_address_on_the_first_lines_dates_the_text(tmp_path):
    (tmp_path / "a.txt").write_text("Bron: https://example.org/nieuws/2021/10/04/brug-dicht\n\n"
                                    "De brug over de rivier bij Arnhem ging gisteren dicht voor alle verkeer.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("De brug over de rivier bij Arnhem ging gisteren dicht voor alle verkeer.\n\n"
                                    "Lees ook\n\nMeer over bruggen\n\nhttps://example.org/nieuws/2019/01/02/oud",
                                    encoding="utf-8")
    docs, _ = _read(tmp_path)
    by_id = {d.id: d for d in docs}
    assert by_id["a"].published.value == "2021-10-04" and by_id["a"].published.source == "url"
    assert by_id["b"].published is None  # a link further down is not the text's own address


def test_a_new_text_read_undescribed_is_described_later_as_it_would_have_been(tmp_path):
    from kroniek.ingest import Undescribed

    (tmp_path / "a.txt").write_text("Brand in de haven\n\n12 mei 2021 De brandweer blust sinds vannacht een grote "
                                    "brand in een loods aan de kade.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Een tweede bericht over iets anders, zonder datum of titelregel.", encoding="utf-8")
    [a, b] = list(read_paths([tmp_path]))
    [later_a, later_b] = list(read_paths([tmp_path], describe_new=False, known={b.sha1}))
    assert isinstance(later_a, Undescribed) and later_a.doc.language is None and later_a.title is None
    # a known text comes back read, not described
    assert later_b == replace(b, title=None, language=None, published=None, header_date=None, date_candidates=())
    assert later_a.described() == a
    # named first, described after: the date evidence points at the new name
    moved = later_a.named("haven-2021").described()
    assert moved.id == "haven-2021" and moved.published.value == "2021-05-12"
    assert moved.published.evidence.doc == "haven-2021" and moved.published.evidence.start == a.published.evidence.start


def test_a_text_whose_description_fails_is_skipped_with_its_reason(tmp_path, monkeypatch):
    from kroniek.ingest import readers

    (tmp_path / "a.txt").write_text("Een bericht dat de metadata laat struikelen.", encoding="utf-8")
    monkeypatch.setattr(readers, "describe", lambda doc, **meta: 1 / 0)
    [item] = list(read_paths([tmp_path], describe_new=False))
    skipped = item.described()
    assert isinstance(skipped, Skipped) and skipped.path.endswith("a.txt") and "ZeroDivisionError" in skipped.reason
    [skipped] = list(read_paths([tmp_path]))
    assert isinstance(skipped, Skipped) and "ZeroDivisionError" in skipped.reason


def test_a_folder_is_listed_once_for_its_files_and_again_when_its_manifest_changes(tmp_path):
    import os
    import time

    from kroniek.ingest import readers

    for n in range(30):
        (tmp_path / f"bericht-{n}.txt").write_text(f"Bericht {n}: de veerpont vaart weer na een storing.", encoding="utf-8")
    readers._manifest_names.cache_clear()

    def listed():  # times the folder was listed
        return readers._manifest_names.cache_info().misses
    docs, _ = _read(tmp_path)
    assert len(docs) == 30 and all(d.url is None for d in docs) and listed() == 1
    time.sleep(0.01)  # a new manifest changes the folder's time
    (tmp_path / "urls.csv").write_text("file,url\nbericht-3.txt,https://example.org/2020/01/02/pont\n", encoding="utf-8")
    by_id = {d.id: d for d in _read(tmp_path)[0]}
    assert by_id["bericht-3"].url == "https://example.org/2020/01/02/pont" and listed() == 2
    # an edited manifest, the folder's time unchanged: its own time renews what it says
    manifest = tmp_path / "urls.csv"
    manifest.write_text("file,url\nbericht-4.txt,https://example.org/2021/03/04/pont\n", encoding="utf-8")
    os.utime(manifest, ns=(manifest.stat().st_atime_ns, manifest.stat().st_mtime_ns + 10**9))
    by_id = {d.id: d for d in _read(tmp_path)[0]}
    assert by_id["bericht-4"].url.endswith("/2021/03/04/pont") and by_id["bericht-3"].url is None

import pytest
from sqlalchemy.exc import IntegrityError


from kroniek.model import AliasLink, Mention, Span
from kroniek.store import SchemaError, Store
from kroniek.store.sql import meta

from ..conftest import make_doc


def _mention(doc, start, text):
    return Mention(f"M{doc.id}{start}", Span(doc.id, start, start + len(text)), text, "ORG", "t")


def test_rewriting_a_batch_replaces_it_without_duplicates(tmp_path):
    store = Store(tmp_path / "kb.db")
    doc = make_doc("Hamas en de PIJ spraken over een bestand.", "d1")
    ms = [_mention(doc, 0, "Hamas"), _mention(doc, 12, "PIJ")]
    link = AliasLink(ms[0].id, ms[1].id, "test", Span("d1", 0, 10))
    for _ in range(2):
        store.write_batch([doc], ms, [link, link], "lite")
    counts = store.table_counts()
    assert counts["documents"] == 1 and counts["mentions"] == 2 and counts["alias_links"] == 1
    assert store.known_hashes() == {doc.sha1: "d1"}
    [back] = store.documents()
    assert back.text == doc.text and back.language == doc.language


def test_a_failed_batch_leaves_the_store_as_it_was(tmp_path):
    store = Store(tmp_path / "kb.db")
    good = make_doc("Een eerste bericht over Hamas.", "d1")
    store.write_batch([good], [_mention(good, 24, "Hamas")], [], "lite")
    bad = make_doc("Een tweede bericht.", "d2")
    clash = Mention("Md124", Span("d2", 0, 3), "Een", "ORG", "t")  # same id as d1's mention: the insert fails
    with pytest.raises(IntegrityError):
        store.write_batch([bad], [clash], [], "lite")
    assert [d.id for d in store.documents()] == ["d1"]
    assert store.table_counts()["mentions"] == 1


def test_a_newer_schema_is_refused(tmp_path):
    store = Store(tmp_path / "kb.db")
    with store.engine.begin() as conn:
        conn.execute(meta.update().values(value="999"))
    with pytest.raises(SchemaError):
        Store(tmp_path / "kb.db")


def test_migrate_is_safe_to_repeat(tmp_path):
    Store(tmp_path / "kb.db")
    Store(tmp_path / "kb.db").migrate()
    assert Store(tmp_path / "kb.db").table_counts()["meta"] == 1


def test_rewriting_a_document_that_has_facts_replaces_them(tmp_path):
    from kroniek.model import Claim, KnowledgeBase, Quote, Range

    store = Store(tmp_path / "kb.db")
    doc = make_doc("Hamas had in 2020 zo'n 5000 strijders.", "d1")
    store.write_batch([doc], [_mention(doc, 0, "Hamas")], [], "lite")
    store.replace_facts(KnowledgeBase(
        claims=[Claim("C1", "E1", "fighters", Range(5000, 5000), Span("d1", 0, 38))],
        quotes=[Quote("E1", Span("d1", 0, 5))]))
    edited = make_doc("Hamas had in 2020 zo'n 6000 strijders.", "d1")
    store.write_batch([edited], [_mention(edited, 0, "Hamas")], [], "lite")  # raised IntegrityError before
    counts = store.table_counts()
    assert (counts["documents"], counts["claims"], counts["quotes"]) == (1, 0, 0)
    assert store.documents()[0].text == edited.text and store.resolve_pending()


def test_a_version_2_database_gets_its_paths_as_sources(tmp_path):
    from dataclasses import replace

    from kroniek.store.sql import sources

    store = Store(tmp_path / "kb.db")
    doc = replace(make_doc("Een bericht over de haven.", "d1"), path="/archief/d1.txt")
    store.write_batch([doc], [], [], "lite")
    with store.engine.begin() as conn:
        conn.execute(sources.delete())
        conn.execute(meta.update().values(value="2"))
    [back] = Store(tmp_path / "kb.db").documents()
    assert back.sources == ("/archief/d1.txt",)


def test_documents_leave_when_their_last_source_goes(tmp_path):
    from dataclasses import replace

    store = Store(tmp_path / "kb.db")
    doc = replace(make_doc("Een bericht over de haven.", "d1"), path="/a/d1.txt")
    store.write_batch([doc], [_mention(doc, 19, "haven")], [], "lite")
    store.add_sources([("/b/kopie.txt", "d1", "/b/kopie.txt"), ("/c/x.txt", "weg", "/c/x.txt")])
    assert store.documents()[0].sources == ("/a/d1.txt", "/b/kopie.txt")
    assert store.drop_sources([("/a/d1.txt", "d1")]) == []
    assert store.documents()[0].path == "/b/kopie.txt"
    assert store.drop_sources([("/b/kopie.txt", "d1")]) == ["d1"]
    counts = store.table_counts()
    assert (counts["documents"], counts["mentions"], counts["sources"]) == (0, 0, 0)

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

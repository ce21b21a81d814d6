import pytest

from kroniek.model import StageSpec
from kroniek.pipeline import check_chain, stages


def test_builtin_stage_chain_is_complete():
    check_chain()
    assert [s.name for s in stages()] == ["ingest", "nlp", "extract", "store", "resolve", "docdates", "facts", "fuse"]


def test_a_stage_that_runs_before_its_inputs_is_refused():
    with pytest.raises(ValueError, match="E020"):
        check_chain([StageSpec("resolve", ("stored",), ("entities",)), *stages()])


def test_a_backend_that_makes_no_text_layer_is_refused_before_any_document_is_read():
    class NoLayer:
        name = "nolayer"
        stage = StageSpec("nlp", ("documents",), ("annotations",))

    with pytest.raises(ValueError, match="E020: stage 'store' requires \\['layers'\\]"):
        check_chain(stages(NoLayer()))


# -- what an analyst feeds a build: edits, copies, renames, deletions, failures (issue 7) ----------------
import json  # noqa: E402

from kroniek import pipeline  # noqa: E402
from kroniek.export import to_json  # noqa: E402
from kroniek.pipeline import build, judge  # noqa: E402
from kroniek.store import Store  # noqa: E402

ATTACK = ("date 2023-03 Aanslag in Gao\n\nBij een aanslag op de markt van Gao in Mali kwamen gisteren {n} mensen om het leven. "
          "De aanslag werd opgeëist door JNIM. Volgens de VN had JNIM in 2022 zo'n {m} strijders. "
          "Woordvoerder Amina Diallo van de VN sprak van een zware dag.")


def _kb(store):
    return to_json(store.knowledge_base())


def _killed(kb):
    return sorted(r["killed"]["low"] for v in kb["events"] for r in v["reports"] if r["killed"])


def test_an_edited_article_with_facts_replaces_its_old_version(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "gao.txt"
    article.write_text(ATTACK.format(n=12, m=800), encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    build([folder], store, backend="lite")
    kb = _kb(store)
    assert _killed(kb) == [12] and [c["value"]["low"] for c in kb["claims"]] == [800]
    diallo = next(e for e in kb["entities"] if e["name"] == "Amina Diallo")
    jnim = next(e for e in kb["entities"] if e.get("key") == "group:jnim")
    judge(store, diallo["id"], jnim["id"], "positive")  # a wrong merge, but one the edit must not undo

    article.write_text(ATTACK.format(n=120, m=1500), encoding="utf-8")  # longer figures: later offsets shift
    report = build([folder], store, backend="lite")
    assert (report.documents, report.unchanged, report.removed) == (1, 0, [])
    kb = _kb(store)
    assert [d["id"] for d in kb["documents"]] == ["gao"]
    assert _killed(kb) == [120] and [c["value"]["low"] for c in kb["claims"]] == [1500]
    assert store.table_counts()["documents"] == 1
    # the judgement was stored on mentions the edit did not touch, so it still holds
    [merged] = [e for e in kb["entities"] if e.get("key") == "group:jnim"]
    assert "Amina Diallo" in merged["aliases"]
    build([folder], store, backend="lite")  # and the knowledge base stays buildable
    assert _killed(_kb(store)) == [120]


def test_the_same_file_name_in_two_folders_is_two_documents_that_stay_put(tmp_path):
    for sub, town in (("noord", "Gao"), ("zuid", "Ménaka")):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "artikel.txt").write_text(
            f"In {town} hield de burgemeester een toespraak over de nieuwe markt en de wegen.", encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    first = build([tmp_path / "in"], store, backend="lite", batch_size=1)
    names = {d.id: d.text for d in store.documents()}
    assert first.documents == 2 and len(names) == 2 and "artikel" in names
    again = build([tmp_path / "in"], store, backend="lite", batch_size=1)
    assert (again.documents, again.unchanged) == (0, 2)
    assert {d.id: d.text for d in store.documents()} == names


def test_repeated_jsonl_ids_are_kept_apart(tmp_path):
    (tmp_path / "in").mkdir()
    lines = [{"id": "x", "text": "De haven van Rotterdam ligt stil door een staking van de sjorders."},
             {"id": "x", "text": "De luchthaven van Eindhoven is dicht wegens mist boven Brabant."}]
    (tmp_path / "in" / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    build([tmp_path / "in"], store, backend="lite", batch_size=1)
    names = sorted(d.id for d in store.documents())
    assert len(names) == 2 and names[0] == "x"
    again = build([tmp_path / "in"], store, backend="lite", batch_size=1)
    assert (again.documents, again.unchanged, again.removed) == (0, 2, [])
    assert sorted(d.id for d in store.documents()) == names


def test_a_renamed_file_keeps_its_document_and_prune_drops_the_old_path(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "oud.txt").write_text("De gemeenteraad van Utrecht stemde in met het plan voor de wijk.", encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    build([folder], store, backend="lite")
    (folder / "oud.txt").rename(folder / "nieuw.txt")
    report = build([folder], store, backend="lite")
    assert report.documents == 0 and [name for _, name in report.also_at] == ["oud"]
    [doc] = store.documents()
    assert doc.path.endswith("nieuw.txt") and len(doc.sources) == 2
    build([folder], store, backend="lite", prune=True)
    [doc] = store.documents()
    assert doc.id == "oud" and [s.rsplit("/", 1)[-1] for s in doc.sources] == ["nieuw.txt"]


def test_prune_drops_a_deleted_file_and_what_came_from_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ATTACK.format(n=7, m=300), encoding="utf-8")
    (folder / "b.txt").write_text("De burgemeester van Utrecht opende de nieuwe brug over de Vecht.", encoding="utf-8")
    elsewhere = tmp_path / "ander"
    elsewhere.mkdir()
    (elsewhere / "c.txt").write_text("In Gent werd een nieuwe tram in gebruik genomen door het stadsbestuur.",
                                     encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    build([folder, elsewhere], store, backend="lite")
    (folder / "a.txt").unlink()
    (elsewhere / "c.txt").unlink()
    assert build([folder], store, backend="lite").removed == []  # without --prune nothing is dropped
    report = build([folder], store, backend="lite", prune=True)
    assert report.removed == ["a"]  # c.txt lies outside the pruned folder: kept
    kb = _kb(store)
    assert sorted(d["id"] for d in kb["documents"]) == ["b", "c"]
    assert kb["events"] == [] and kb["claims"] == []
    assert all(m["doc"] != "a" for e in kb["entities"] for m in e["mentions"])


def _three_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("een", "twee", "drie"):
        (folder / f"{name}.txt").write_text(f"Bericht {name}: de burgemeester van Utrecht opende een brug.",
                                            encoding="utf-8")
    return folder


def test_a_document_that_breaks_a_stage_is_skipped_and_the_rest_is_built(tmp_path, monkeypatch):
    folder = _three_articles(tmp_path)
    real_mentions = pipeline.extract_mentions
    real_events = pipeline.extract_events

    def mentions_fail_on_twee(doc, ann):
        if doc.id == "twee":
            raise IndexError("list index out of range")
        return real_mentions(doc, ann)

    def events_fail_on_drie(ctx):
        if ctx.doc.id == "drie":
            raise ValueError("kapot")
        return real_events(ctx)

    mentions_fail_on_twee.stage = real_mentions.stage  # a stage that stands in for another declares as much
    monkeypatch.setattr(pipeline, "extract_mentions", mentions_fail_on_twee)
    monkeypatch.setattr(pipeline, "extract_events", events_fail_on_drie)
    store = Store(tmp_path / "kb.db")
    report = build([folder], store, backend="lite")
    assert report.documents == 2 and not report.failed
    [skipped] = report.skipped
    assert skipped.path.endswith("twee.txt") and "IndexError" in skipped.reason
    assert any(w.startswith("drie:") and "ValueError" in w for w in report.warnings)
    assert sorted(d.id for d in store.documents()) == ["drie", "een"]
    assert not store.resolve_pending()


def test_new_texts_are_described_by_the_per_document_stages_not_while_planning(tmp_path, monkeypatch):
    from kroniek.ingest import readers

    folder = _three_articles(tmp_path)
    real_describe, real_plan = readers.describe, pipeline.plan_build
    planning, described = [False], []

    def describe(doc, **meta):
        described.append((doc.id, planning[0]))
        if doc.id == "twee":
            raise ValueError("kapotte metadata")
        return real_describe(doc, **meta)

    def plan(*args, **kwargs):
        planning[0] = True
        try:
            return real_plan(*args, **kwargs)
        finally:
            planning[0] = False
    monkeypatch.setattr(readers, "describe", describe)
    monkeypatch.setattr(pipeline, "plan_build", plan)
    store = Store(tmp_path / "kb.db")
    report = build([folder], store, backend="lite")
    assert sorted(described) == [("drie", False), ("een", False), ("twee", False)]
    assert report.documents == 2 and sorted(d.id for d in store.documents()) == ["drie", "een"]
    [skipped] = report.skipped
    assert skipped.path.endswith("twee.txt") and "ValueError" in skipped.reason
    assert all(d.language == "nl" for d in store.documents())
    assert "ingest" in report.seconds


def test_a_backend_that_fails_on_one_document_costs_only_that_one(tmp_path, monkeypatch):
    from kroniek.nlp import lite

    folder = _three_articles(tmp_path)
    real = lite.LiteBackend.annotate

    def fails_on_twee(self, docs):
        if any(d.id == "twee" for d in docs):
            raise RuntimeError("backend crashed")
        return real(self, docs)

    monkeypatch.setattr(lite.LiteBackend, "annotate", fails_on_twee)
    store = Store(tmp_path / "kb.db")
    report = build([folder], store, backend="lite")
    assert report.documents == 2 and [s.path.rsplit("/", 1)[-1] for s in report.skipped] == ["twee.txt"]
    assert "RuntimeError" in report.skipped[0].reason


def test_a_build_in_which_every_input_failed_says_so(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "leeg.txt").write_text("  \n", encoding="utf-8")
    report = build([tmp_path / "in", tmp_path / "bestaat-niet"], Store(tmp_path / "kb.db"), backend="lite")
    assert report.failed and report.documents == 0
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert reasons["bestaat-niet"] == "no such file or folder"


# -- one text layer, stored; facts found once per document (issue 8) -------------------------------------
def _gao(tmp_path):
    """A folder with one attack article, and an empty knowledge base beside it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gao.txt").write_text(ATTACK.format(n=12, m=800), encoding="utf-8")
    return folder, Store(tmp_path / "kb.db")


def _counting(extract_facts, seen: list):
    """`extract_facts` that notes which documents it was asked about (and declares the same stage)."""
    from functools import wraps

    @wraps(extract_facts)
    def counted(docs, *args, **kwargs):
        seen.extend(d.id for d in docs)
        return extract_facts(docs, *args, **kwargs)
    return counted


def test_the_text_layer_is_stored_and_facts_are_found_once(tmp_path, monkeypatch):
    folder, store = _gao(tmp_path)
    first = build([folder], store, backend="lite")
    assert set(store.layers()) == {"gao"} and first.facts_reused == 0
    before = _kb(store)

    seen = []
    real = pipeline.extract_facts
    monkeypatch.setattr(pipeline, "extract_facts", _counting(real, seen))
    (folder / "other.txt").write_text("Een rustige dag in Utrecht.\n\nEr gebeurde niets bijzonders.", encoding="utf-8")
    second = build([folder], store, backend="lite")
    assert seen == ["other"] and second.facts_reused == 1  # the first article's facts still held
    after = _kb(store)
    assert after["events"] == before["events"] and after["claims"] == before["claims"]


def test_facts_are_found_again_when_a_documents_entities_change(tmp_path, monkeypatch):
    folder, store = _gao(tmp_path)
    build([folder], store, backend="lite")
    kb = _kb(store)
    diallo = next(e for e in kb["entities"] if e["name"] == "Amina Diallo")
    jnim = next(e for e in kb["entities"] if e.get("key") == "group:jnim")
    seen = []
    real = pipeline.extract_facts
    monkeypatch.setattr(pipeline, "extract_facts", _counting(real, seen))
    judge(store, diallo["id"], jnim["id"], "positive")
    assert seen == ["gao"]  # the merge changed what the document's mentions resolve to
    assert build([folder], store, backend="lite").facts_reused == 1


def test_a_language_without_a_lexicon_is_read_for_names_only_and_said_so(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "de.txt").write_text(
        "Anschlag in Gao\n\nBei einem Anschlag auf den Markt von Gao in Mali sind gestern zwölf Menschen getötet "
        "worden. Die Gruppe JNIM hat sich zu dem Anschlag bekannt, sagte ein Sprecher der Regierung in Bamako.",
        encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    report = build([folder], store, backend="lite")
    assert any("names only" in w and "'de'" in w for w in report.warnings)
    kb = _kb(store)
    assert kb["events"] == [] and kb["claims"] == []
    assert any(e.get("key") == "group:jnim" for e in kb["entities"])  # names are still read
    assert not any("names only" in w for w in build([folder], store, backend="lite").warnings)


def test_dating_anchors_are_read_once_per_document(tmp_path, monkeypatch):
    folder, store = _gao(tmp_path)
    build([folder], store, backend="lite")
    seen = []
    real = pipeline.anchors_of
    monkeypatch.setattr(pipeline, "anchors_of", lambda docs, *a: seen.extend(d.id for d in docs) or real(docs, *a))
    (folder / "other.txt").write_text("Een rustige dag in Utrecht.\n\nEr gebeurde niets bijzonders.", encoding="utf-8")
    build([folder], store, backend="lite")
    assert seen == ["other"]

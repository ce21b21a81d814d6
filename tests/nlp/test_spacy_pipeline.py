"""The optional spaCy backend, with a small pipeline saved to disk instead of a downloaded model."""
import pytest
import spacy

from kroniek.nlp import BackendUnavailable, get_backend

from ..conftest import assert_spans_match, make_doc


@pytest.fixture
def saved_pipeline(tmp_path):
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Karin Bakker"}, {"label": "GPE", "pattern": "Rotterdam"},
                        {"label": "NORP", "pattern": "Nederlandse"}])
    path = tmp_path / "fake_model"
    nlp.to_disk(path)
    return str(path)


def test_spacy_pipeline_labels_are_mapped(saved_pipeline):
    doc = make_doc("De Nederlandse minister Karin Bakker bezocht Rotterdam. Daarna sprak ze de pers.")
    [ann] = get_backend("spacy", model=saved_pipeline).annotate([doc])
    assert_spans_match(doc, ann.tokens)
    assert {doc.text[e.start:e.end]: e.label for e in ann.ents} == {
        "Karin Bakker": "PER", "Rotterdam": "LOC", "Nederlandse": "MISC"}
    assert len(ann.sentences) == 2
    assert ann.layer is not None and ann.layer.text == doc.text  # the same text layer as every backend


def test_missing_spacy_pipeline_is_reported():
    with pytest.raises(BackendUnavailable, match="E007"):
        get_backend("spacy", model="xx_no_such_pipeline")

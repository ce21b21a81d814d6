from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.nlp import get_backend
from kroniek.nlp.lite import annotate_text, tokenize

from ..conftest import assert_spans_match, make_doc


def _names(text, lang="nl"):
    _, _, ents = annotate_text(text, lang)
    return {text[e.start:e.end]: e.label for e in ents}


def test_lite_types_names_from_cues():
    names = _names("Volgens hoogleraar Maria de Wit van de Universiteit Utrecht vluchtten de bewoners naar Gao.")
    assert names["Maria de Wit"] == "PER"
    assert names["Universiteit Utrecht"] == "ORG"
    assert names["Gao"] == "LOC"


def test_lite_joins_particles_and_hyphens_but_not_conjunctions():
    names = _names("De commandant Abu al-Masri sprak in Kunar en Nangarhar met het Haqqani-netwerk.")
    assert "Abu al-Masri" in names
    assert "Kunar" in names and "Nangarhar" in names and "Kunar en Nangarhar" not in names


def test_lite_skips_sentence_initial_function_words_and_demonyms():
    names = _names("Maar de Franse regering zweeg. Toch sprak president Macron later.")
    assert "Maar" not in names and "Toch" not in names and "Franse" not in names
    assert names.get("Macron") == "PER"


def test_lite_english_and_facilities():
    names = _names("The blast near Lagos Airport was claimed by the Islamic State, said analyst John Carter.", "en")
    assert names["John Carter"] == "PER"
    assert names["Lagos Airport"] == "MISC"
    assert names["Islamic State"] == "ORG"


def test_backend_annotations_keep_offsets():
    doc = make_doc("Kop zonder punt\n\nDe burgemeester van Gent, Mathias De Clercq, sprak.\nNieuwe regel hier.")
    [ann] = get_backend("lite").annotate([doc])
    assert_spans_match(doc, ann.tokens)
    assert all(doc.text[s.start:s.end].strip() for s in ann.sentences)
    assert not any("\n" in doc.text[s.start:s.end] for s in ann.sentences)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcXYZ .,-'\n\"éÖ(")), max_size=120), st.integers(0, 50))
def test_tokens_slice_the_text_for_any_input(text, offset):
    tokens, sentences = tokenize(text, "nl", offset=offset)
    for t in tokens:
        assert text[t.start - offset:t.end - offset] == t.text
    for s in sentences:
        assert offset <= s.start <= s.end <= offset + len(text)


def test_lite_english_names_with_particles_affiliations_and_seas():
    names = _names("Published March 3, 2024\nThe group was founded by Karim Nasser al-Hadi in the 1990s. "
                   "Analyst Leila ben-Yusuf of Chatham House said ships in the Red Sea were hit.", "en")
    assert names["Karim Nasser al-Hadi"] == "PER"
    assert names["Leila ben-Yusuf"] == "PER" and names["Chatham House"] == "ORG"
    assert names["Red Sea"] == "LOC"
    assert not [n for n in names if "March" in n or "Published" in n or "Analyst" in n]


def test_lite_dutch_affiliation_and_water():
    names = _names("Volgens onderzoeker Maria Peters van Instituut Clingendael liggen er schepen in de Rode Zee.")
    assert names["Maria Peters"] == "PER"
    assert names["Instituut Clingendael"] == "ORG"
    assert names["Rode Zee"] == "LOC"

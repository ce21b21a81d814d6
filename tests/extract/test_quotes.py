"""Quotes (issue 9): who says what, with and without quotation marks, on sentences written for these tests."""
import pytest

from kroniek.extract.quotes import extract_quotes, is_speaker, role_of
from kroniek.model import Entity

from ..conftest import assert_spans_match, make_context

PEOPLE = {"Karin Vos": ("PER", None, None), "Tom Baker": ("PER", None, None), "Vos": ("PER", None, None),
          "Baker": ("PER", None, None)}


def quoted(text, names=PEOPLE, **kw):
    """{speaker name: [passage texts]} of the quotes found in `text`."""
    ctx, ids = make_context(text, names, **kw)
    names_of = {v: k for k, v in ids.items()}
    out = {}
    for q in extract_quotes(ctx):
        assert_spans_match(ctx.doc, [q.span, *q.passages])
        out[names_of[q.speaker]] = [text[p.start:p.end] for p in q.passages]
    return out


def test_quotes_according_to_with_a_role_between_cue_and_name():
    text = ("Volgens de Belgische minister van Justitie Karin Vos is de dader naar het buitenland gevlucht.\n"
            "According to reporter Tom Baker in his book, the group had few fighters left.")
    found = quoted(text)
    assert found["Karin Vos"] == [text.splitlines()[0]]
    assert found["Tom Baker"] == [text.splitlines()[1]]


def test_quotes_a_name_with_an_article_after_according_to_is_a_people_not_a_person():
    names = {"Touareg": ("PER", None, None)}
    assert quoted("Volgens de Touareg, een volk uit de woestijn, is de grond van hen.", names) == {}


def test_quotes_a_news_agency_or_a_newspaper_is_no_speaker():
    names = {"Associated Press": ("PER", None, None), "De Morgen": ("PER", None, None)}
    text = ("Five people died in the blast, Associated Press reported.\n"
            "Volgens de krant De Morgen denkt de politie aan een aanslag.")
    assert quoted(text, names) == {}


def test_quotes_the_role_noun_is_the_person_named_with_it_before():
    text = ("Woordvoerder Karin Vos van de politie was ter plaatse.\n"
            "Later zei de woordvoerder dat er geen gewonden meer in het gebouw waren.")
    found = quoted(text)
    assert list(found) == ["Karin Vos"]
    assert found["Karin Vos"][0].startswith("Later zei de woordvoerder")


def test_quotes_an_unnamed_role_is_nobody():
    text = "Tom Baker werd opgepakt.\nEen woordvoerder zei dat de verdachte zweeg."
    assert quoted(text) == {}


def test_quotes_a_pronoun_is_the_person_the_sentence_before_names():
    text = ("Volgens de aanklagers was Tom Baker het brein achter de aanslagen. Hijzelf ontkende alles. "
            "Later gaf hij toe dat de wapens van hem waren.")
    found = quoted(text)
    assert set(found) == {"Tom Baker"}
    assert any(p.startswith("Hijzelf ontkende") for p in found["Tom Baker"])
    assert any(p.startswith("Later gaf hij toe") for p in found["Tom Baker"])


def test_quotes_the_person_after_dat_is_what_was_said_not_who_said_it():
    assert quoted("De politie zei dat Tom Baker gisteren was opgepakt.") == {}


def test_quotes_the_words_after_a_passage_decide_its_speaker():
    text = ("Tom Baker leads the council.\n"
            "“We will rebuild the market before the winter comes,” the statement said.\n"
            "“Nobody was hurt in the second blast,” Karin Vos told reporters.")
    found = quoted(text)
    assert set(found) == {"Karin Vos"}
    assert found["Karin Vos"][0] == "“Nobody was hurt in the second blast,”"


def test_quotes_a_name_in_quotation_marks_is_no_quote():
    text = "Karin Vos said the siege was over. The fighters took the name \"Noble Front\" in 2006."
    found = quoted(text, language="en")
    assert all("Noble Front" not in p for p in found["Karin Vos"])


def test_quotes_dat_bevestigt_x_takes_the_sentence_before():
    text = "Bij de aanslag kwamen zes mensen om. Dat bevestigt minister Karin Vos."
    assert quoted(text)["Karin Vos"] == [text]


def test_quotes_a_quoted_paragraph_after_x_said_colon():
    text = ("Karin Vos had a clear message for the crowd:\n"
            "“We will not be driven out of our town, not this year and not ever, whatever they do to us.”")
    assert quoted(text, language="en")["Karin Vos"] == [text.splitlines()[1]]


def test_quotes_a_separable_verb_says_with_its_particle():
    found = quoted("Tom Baker liet weten dat de grens dicht blijft. Karin Vos wees op de risico's.")
    assert set(found) == {"Tom Baker", "Karin Vos"}


@pytest.mark.parametrize("word, role", [("woordvoerder", "woordvoerder"), ("terrorisme-expert", "expert"),
                                        ("terreurexpert", "expert"), ("Spokesman", "spokesman"),
                                        ("ministerie", None), ("de", None)])
def test_quotes_role_of_a_word_and_a_compound(word, role):
    assert role_of(word) == role


# -- with the parse ------------------------------------------------------------------------------------


def test_quotes_the_relative_pronoun_is_the_name_before_it():
    text = "The claim contradicts Prime Minister Tom Baker, who said the bomber came from abroad."
    assert set(quoted(text, language="en", parsed=True)) == {"Tom Baker"}


def test_quotes_a_subject_inside_the_quotation_marks_is_what_was_said():
    text = "\"Dit was de kans voor de groep om zich te laten zien\", zegt terrorismedeskundige Karin Vos."
    assert set(quoted(text, parsed=True)) == {"Karin Vos"}


def test_quotes_with_a_parse_an_unnamed_subject_takes_no_one_along():
    text = "The group claimed he attacked the crowd. Tom Baker was shot later."
    assert quoted(text, language="en", parsed=True) == {}


def test_quotes_a_role_noun_in_english_is_the_person_named_with_it_before():
    text = "Interior Minister Karin Vos visited the site on Monday. The minister said the attackers had fled."
    found = quoted(text, language="en")
    assert list(found) == ["Karin Vos"]
    assert found["Karin Vos"] == ["The minister said the attackers had fled."]


@pytest.mark.parametrize("parsed, text", [
    (False, "Tom Baker deed een oproep aan alle strijders om „de burgers van de stad te sparen”."),
    (True, "Het was zo erg dat Tom Baker vorig jaar een oproep deed tot alle strijders om „de burgers te sparen”."),
])
def test_quotes_a_verb_with_a_noun_of_saying_says(parsed, text):
    found = quoted(text, parsed=parsed)
    assert set(found) == {"Tom Baker"}
    assert any(p.startswith("„de burgers") for p in found["Tom Baker"])


def test_quotes_a_pronoun_prefers_the_person_just_named_to_an_earlier_speaker():
    text = ("“The town is quiet again,” Tom Baker said.\n"
            "Later that day the council heard from Karin Vos about the damage. "
            "According to her the market will open again next week.")
    found = quoted(text, language="en")
    assert found["Karin Vos"] == ["According to her the market will open again next week."]
    assert all("market" not in p for p in found["Tom Baker"])


@pytest.mark.parametrize("parsed", [False, True])
def test_quotes_a_sentence_opening_with_a_name_and_a_comma_is_that_persons(parsed):
    names = {**PEOPLE, "Insider": ("PER", None, None)}
    text = ("Karin Vos, een onderzoeker aan de universiteit van Gent, stemde daarmee in en zei tegen Insider dat "
            "de groep \"de komende maanden zeker nieuwe aanslagen zal plegen in de hele regio\".")
    assert set(quoted(text, names, parsed=parsed)) == {"Karin Vos"}


def test_quotes_dat_meldt_x_with_the_parse():
    text = "Bij de aanslag kwamen zeker twintig mensen om. Dat meldt de minister van Defensie Karin Vos."
    found = quoted(text, parsed=True)
    assert found["Karin Vos"] == [text]


@pytest.mark.parametrize("name, speaker", [("Karin Vos", True), ("Michael Bloomberg", True), ("Bloomberg", False),
                                           ("Associated Press", False), ("British Embassy", False),
                                           ("Syrische Observatorium", False)])
def test_quotes_is_speaker_leaves_out_agencies_and_offices_typed_as_persons(name, speaker):
    assert is_speaker(Entity("E1", "PER", name, (), ())) is speaker
    assert not is_speaker(Entity("E2", "ORG", "Karin Vos", (), ()))


def test_quotes_the_byline_of_an_article_is_its_author_not_a_quote():
    text = ("Why the rebels are back\n\nThe movement lost its towns last year but has found new bases, writes Tom Baker.\n\n"
            "Later in the piece the army is named.")
    assert quoted(text, language="en") == {}
    text = "Why the rebels are back\n\nThe rebels are back. A year later, the minister wrote that they had returned, Tom Baker writes."
    assert "Tom Baker" in quoted(text + "\n\nMore.\n\nStill more.\n\nThe movement is strong, writes Tom Baker.", language="en")


def test_quotes_names_joined_as_one_subject_each_say_it():
    text = "Burgemeester Karin Vos en de Britse minister Tom Baker spreken beiden van een aanslag."
    found = quoted(text)
    assert found == {"Karin Vos": [text], "Tom Baker": [text]}
    text = "Mayor Karin Vos and the British minister Tom Baker both spoke of a terrorist attack."
    assert set(quoted(text, language="en")) == {"Karin Vos", "Tom Baker"}
    # a name in another phrase is not one of the speakers
    assert set(quoted("Karin Vos sprak van een aanslag op het huis van Tom Baker.")) == {"Karin Vos"}


def test_quotes_according_to_a_military_rank_and_name():
    text = "Volgens kolonel Karin Vos, een woordvoerder van het leger, was de aanslag goed voorbereid."
    assert quoted(text) == {"Karin Vos": [text]}


def test_quotes_a_sentence_opening_with_a_role_a_name_and_an_aside_is_that_persons():
    text = ("Security analyst Prof. Tom Baker, who has written two books on the movement, describes it as "
            "\u201cthe smallest but the most violent group in the region.\u201d")
    assert set(quoted(text, language="en")) == {"Tom Baker"}
    # a verb before the name makes the name no subject: the aside is not where the sentence's speaker is
    text = "Prosecutors charged Tom Baker, who fled in 2019, and told the court he had been armed."
    assert "Tom Baker" not in quoted(text, language="en", parsed=True)

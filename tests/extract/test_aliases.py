from kroniek.extract import extract_alias_links, extract_mentions
from kroniek.extract.aliases import acronym_fits
from kroniek.nlp import get_backend

from ..conftest import assert_spans_match, make_doc


def _links(text, lang="nl"):
    doc = make_doc(text, language=lang)
    [ann] = get_backend("lite").annotate([doc])
    mentions = extract_mentions(doc, ann)
    links, added = extract_alias_links(doc, ann, mentions)
    assert_spans_match(doc, added)
    by_id = {m.id: m for m in mentions + added}
    return {(by_id[x.a].text, by_id[x.b].text, x.cue) for x in links}


def test_acronym_in_brackets():
    assert ("Nationale Bevrijdingsraad van Borduria", "NBB", "brackets") in \
        _links("De Nationale Bevrijdingsraad van Borduria (NBB) eiste de aanval op.")


def test_name_in_brackets_after_an_acronym():
    assert ("ZRF", "Zuidelijk Revolutionair Front", "brackets") in \
        _links("Het ZRF (Zuidelijk Revolutionair Front) ontkent alles.")


def test_acronym_letters_may_come_in_another_order():
    assert acronym_fits("ISWAP", "Islamitische Staat in de Provincie West-Afrika")
    assert not acronym_fits("NATO", "Verenigde Naties")


def test_dutch_cue_with_a_list():
    links = _links("De beweging Zwarte Vaandel, die ook wel Zwarte Vlag of ZV genoemd wordt, groeit snel.")
    assert {("Zwarte Vaandel", "Zwarte Vlag", "ook wel"), ("Zwarte Vaandel", "ZV", "ook wel")} <= links


def test_cue_refers_back_to_the_group_of_the_previous_sentence():
    links = _links("Het Bordurisch Volksleger viel de stad aan. De groep wordt internationaal aangeduid als BVL.")
    assert ("Bordurisch Volksleger", "BVL", "aangeduid als") in links


def test_english_cue():
    links = _links("Ruritanian Liberation Front, also known as RLF, denied it.", lang="en")
    assert ("Ruritanian Liberation Front", "RLF", "also known as") in links


def test_cue_without_a_group_word_does_not_reach_back():
    links = _links("De Bordurische Unie stuurde troepen. De missie, die ook wel BMV wordt genoemd, is groot.")
    assert not links


def test_an_acronym_in_brackets_after_a_quoted_name_is_its_alias():
    for text in ('Later eiste het "Nationaal Bevrijdingsfront van Borduria" (NBB) de aanval op.',
                 "Later eiste het ‘Nationaal Bevrijdingsfront van Borduria’ (NBB) de aanval op."):
        assert ("Nationaal Bevrijdingsfront van Borduria", "NBB", "brackets") in _links(text)


def test_a_quoted_translation_after_a_group_is_its_alias():
    links = _links('De aanval kwam van Jaysh-e Kalim (JK, "het leger van Kalim") en van het Zuidelijk Front, '
                   '"Organisatie voor de bevrijding van Borduria", dat de stad hield.')
    glosses = {(a, b) for a, b, cue in links if cue == "gloss"}
    assert ("Zuidelijk Front", "Organisatie voor de bevrijding van Borduria") in glosses
    assert any(b == "leger van Kalim" for _a, b in glosses)  # the article is not part of the name


def test_a_quoted_description_after_a_group_is_no_alias():
    links = _links('Het Zuidelijk Front, "een gewelddadige groep", ontkent alles. Het ZRF ("we zijn onschuldig") zweeg.')
    assert not [x for x in links if x[2] == "gloss"]


def test_an_acronym_of_a_long_name_translated_from_another_language_fits_loosely_but_a_stranger_does_not():
    name = "Beweging voor de Bevrijding van Noord-Kordo"  # initials B B N K; acronym from another language
    assert acronym_fits("MBNK", name, loose=True) and not acronym_fits("MBNK", name)
    assert not acronym_fits("XYNK", name, loose=True)  # half its letters missing
    assert not acronym_fits("MBK", "Bond Kordo", loose=True)  # a short name fits only exactly

"""Claims: group figures read from sentences written for these tests (invented groups and places)."""
from kroniek.extract.claims import extract_claims
from kroniek.extract.figures import figures
from kroniek.model import Range

from ..conftest import make_context

GROUPS = {"Rode Vuist|RV": ("ORG", "group:rode-vuist", None),
          "Zwarte Dageraad|ZD": ("ORG", "group:zwarte-dageraad", None),
          "Karim Veldman": ("PER", None, None), "Lorvania": ("LOC", "country:LV", "LV"),
          "VN": ("ORG", "org:un", None)}


def claims(text, language="nl", published="2023-05-10"):
    ctx, ids = make_context(text, GROUPS, published=published, language=language)
    names = {v: k.split("|")[0] for k, v in ids.items()}
    return {(names.get(c.subject, c.subject), c.attribute, c.value) for c in extract_claims(ctx)}


def test_claims_a_range_whose_upper_end_looks_like_a_year_is_a_count():
    assert [f.value for f in figures("die naar schatting 1200 tot 2000 strijders telt")] == [Range(1200, 2000)]
    assert figures("In 2000 strijders") == [] and figures("sinds 2014 leden") == []
    assert claims("De Rode Vuist, die naar schatting 1200 tot 2000 strijders telt, is actief in Lorvania.") == {
        ("Rode Vuist", "fighters", Range(1200, 2000))}


def test_claims_number_words_and_compound_nouns():
    text = "De naar schatting drieduizend nog actieve guerrillastrijders van de Rode Vuist trokken zich terug."
    assert claims(text) == {("Rode Vuist", "fighters", Range(3000, 3000))}
    assert claims("De Rode Vuist voerde vorig jaar 40 bomaanslagen uit.") == {("Rode Vuist", "attacks", Range(40, 40))}


def test_claims_soldiers_count_only_when_the_group_has_them_or_names_them():
    assert claims("Volgens de VN heeft de Rode Vuist naar schatting 9000 soldaten.") == {
        ("Rode Vuist", "fighters", Range(9000, 9000))}
    assert claims("RV is actief in Lorvania. Ruim 800 RVsoldaten zijn getraind.") == {
        ("Rode Vuist", "fighters", Range(800, None))}
    assert claims("Het leger stuurde 900 soldaten naar de grens met de Rode Vuist.") == set()
    assert claims("De Rode Vuist vocht tegen 400 VN-soldaten.") == set()
    assert claims("RV has some 5,000 soldiers.", language="en") == {("Rode Vuist", "fighters", Range(5000, 5000))}


def test_claims_a_group_that_is_an_object_does_not_own_the_figure():
    text = ("De groep heeft trouw gezworen aan de Zwarte Dageraad (ZD) en heeft ongeveer 700 strijders. "
            "De Rode Vuist is de grootste groep in Lorvania. RV werd in 2012 opgericht. RV groeit.")
    assert ("Rode Vuist", "fighters", Range(700, 700)) in claims(text)
    assert claims("The group pledged allegiance to ZD and has over 1,500 members. RV is strong. RV grew.",
                  language="en") >= {("Rode Vuist", "fighters", Range(1500, None))}


def test_claims_founding_by_verb_object_and_founder_noun():
    assert claims("Studenten richtten in 1971 in de hoofdstad de Rode Vuist (RV) op.") == {
        ("Rode Vuist", "founded", Range(1971, 1971))}
    assert claims("Karim Veldman launched RV on 4 May 1999 in Lorvania.", language="en") == {
        ("Rode Vuist", "founded", Range(1999, 1999))}
    assert claims("Karim Veldman was in 1980 een van de oprichters van de Rode Vuist.") == {
        ("Rode Vuist", "founded", Range(1980, 1980))}
    # the object is no group, or the year is a later one
    assert claims("RV launched an offensive on 4 May 2019.", language="en") == set()
    assert claims("De oprichter van de Rode Vuist, die in 2011 werd gedood, was een arts.") == set()


def test_claims_the_deaths_a_group_says_it_caused():
    got = claims("De Rode Vuist claimde „35 vijanden” te hebben omgebracht.")
    assert got == {("Rode Vuist", "killed", Range(35, 35))}
    ctx, ids = make_context("RV claimed to have killed 12 guards at the depot.", GROUPS, language="en")
    [claim] = extract_claims(ctx)
    assert (claim.attribute, claim.value, claim.attributed_to) == ("killed", Range(12, 12), ids["Rode Vuist"])
    # a casualty figure without a claim of the group is an event's, not a claim
    assert claims("Bij de aanval van de Rode Vuist werden 35 soldaten gedood.") == set()
    assert claims("Officials said dozens of men from the RV convoy were killed.", language="en") == set()


def test_claims_quantitative_er_repeats_the_count_before():
    got = claims("De Rode Vuist pleegde dit jaar al 60 aanslagen. Vorig jaar waren het er 45 in totaal.")
    assert got == {("Rode Vuist", "attacks", Range(60, 60)), ("Rode Vuist", "attacks", Range(45, 45))}
    assert claims("De Rode Vuist pleegde dit jaar al 60 aanslagen. Er kwamen er 3 bussen bij.") == {
        ("Rode Vuist", "attacks", Range(60, 60))}


def test_claims_an_attack_count_without_a_group_in_the_sentence_is_an_event_tally():
    text = "De Rode Vuist is actief in Lorvania. Uren later volgden nog twee aanslagen in de hoofdstad."
    assert claims(text) == set()

"""Claims: group figures read from sentences written for these tests (invented groups and places)."""
import pytest

from kroniek.extract.claims import extract_claims
from kroniek.extract.figures import figures
from kroniek.model import Range

from ..conftest import make_context

GROUPS = {"Rode Vuist|RV": ("ORG", "group:rode-vuist", None),
          "Zwarte Dageraad|ZD": ("ORG", "group:zwarte-dageraad", None),
          "Karim Veldman": ("PER", None, None), "Lorvania": ("LOC", "country:LV", "LV"),
          "VN": ("ORG", "org:un", None)}


def claims(text, language="nl", published="2023-05-10", parsed=False):
    ctx, ids = make_context(text, GROUPS, published=published, language=language, parsed=parsed)
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


def test_claims_sizes_founding_and_bounds_read_alike_in_english_and_dutch():
    assert claims("The Red Fist is active in Lorvania. RV has an estimated 2,000 fighters.", language="en") == {
        ("Rode Vuist", "fighters", Range(2000, 2000))}
    assert claims("RV has between 1,500 and 2,000 men.", language="en") == {
        ("Rode Vuist", "fighters", Range(1500, 2000))}
    assert claims("RV carried out more than 300 attacks last year.", language="en") == {
        ("Rode Vuist", "attacks", Range(300, None))}
    assert claims("RV is active in Lorvania. It has nearly 3,000 fighters.", language="en") == {
        ("Rode Vuist", "fighters", Range(None, 3000))}
    assert claims("RV formed in 2009 after a split.", language="en") == {("Rode Vuist", "founded", Range(2009, 2009))}
    assert claims("De Rode Vuist telt naar schatting 4000 strijders.") == {("Rode Vuist", "fighters", Range(4000, 4000))}
    assert claims("De Rode Vuist heeft bijna 900 strijders.") == {("Rode Vuist", "fighters", Range(None, 900))}
    assert claims("De Rode Vuist is actief in Lorvania. De groep telt tientallen strijders.") == {
        ("Rode Vuist", "fighters", Range(20, 99))}
    assert claims("De Rode Vuist ontstond in 2011 in Lorvania.") == {("Rode Vuist", "founded", Range(2011, 2011))}
    assert claims("De Rode Vuist telt zo'n 300 man.") == {("Rode Vuist", "fighters", Range(300, 300))}


def test_claims_men_count_a_group_only_where_it_has_them():
    assert claims("RV is active in Lorvania. Police arrested 12 men in the capital.", language="en") == set()
    assert claims("De Rode Vuist is actief in Lorvania. Agenten hielden 12 mannen aan.") == set()


def test_claims_a_founding_known_within_a_span_of_years():
    text = "Nobody knows when RV was formed; historians put it between 1994 and 1997."
    assert claims(text, language="en") == {("Rode Vuist", "founded", Range(1994, 1997))}
    assert claims("De Rode Vuist ontstond ergens tussen 1994 en 1997.") == {("Rode Vuist", "founded", Range(1994, 1997))}
    # a span of numbers after the founding is no span of years
    assert claims("De Rode Vuist, opgericht in 1994, telt tussen 300 en 400 strijders.") == {
        ("Rode Vuist", "founded", Range(1994, 1994)), ("Rode Vuist", "fighters", Range(300, 400))}


@pytest.mark.parametrize("parsed", [False, True])
def test_claims_the_deaths_a_group_gives_in_its_own_words(parsed):
    def got(text, language="en"):
        return claims(text, language=language, parsed=parsed)

    assert got("RV said it had killed 30 soldiers in the raid.") == {("Rode Vuist", "killed", Range(30, 30))}
    assert got("Thirty guards were killed, RV said in a statement.") == {("Rode Vuist", "killed", Range(30, 30))}
    assert got("According to RV, 14 soldiers were killed in the attack.") == {("Rode Vuist", "killed", Range(14, 14))}
    assert got("De Rode Vuist zegt meer dan 55 soldaten te hebben gedood.", "nl") == {
        ("Rode Vuist", "killed", Range(55, None))}
    # a statement speaks for the group whose claim the sentence before reports
    text = ("In een verklaring eist de Rode Vuist de verantwoordelijkheid op. "
            "\"Strijders van RV hebben meer dan 55 militairen gedood\", aldus de verklaring.")
    assert got(text, "nl") == {("Rode Vuist", "killed", Range(55, None))}
    ctx, ids = make_context("RV said it had killed 30 soldiers in the raid.", GROUPS, language="en", parsed=parsed)
    [claim] = extract_claims(ctx)
    assert claim.attributed_to == ids["Rode Vuist"]


@pytest.mark.parametrize("parsed", [False, True])
def test_claims_the_toll_of_an_attack_a_group_claims_is_no_claim_of_it(parsed):
    def got(text, language="en"):
        return claims(text, language=language, parsed=parsed)

    assert got("RV claimed responsibility for the raid that killed 30 people.") == set()
    assert got("At least 49 soldiers were killed in the attack claimed by RV.") == set()
    assert got("The army said it killed 30 RV fighters.") == set()
    assert got("RV zegt achter de aanval te zitten, waarbij zeker zes burgers stierven.", "nl") == set()
    text = "Het schip dat werd geraakt bij een aanval van de Rode Vuist, meldt dat daarbij drie matrozen zijn omgekomen."
    assert got(text, "nl") == set()


def test_claims_other_deeds_a_group_says_it_did():
    assert claims("RV claimed to have taken 40 passengers hostage.", language="en") == {
        ("Rode Vuist", "other", Range(40, 40))}
    assert claims("De Rode Vuist claimde 12 agenten te hebben ontvoerd.") == {("Rode Vuist", "other", Range(12, 12))}
    assert claims("RV claimed to have carried out 40 attacks.", language="en") == {
        ("Rode Vuist", "attacks", Range(40, 40))}


def test_claims_bare_numbers_answer_the_question_for_a_figure():
    text = ("How many fighters does RV have?\n\nEstimates vary. One analyst says it's around 3,000 to 4,000, "
            "while another puts it at 5,000.")
    assert claims(text, language="en") == {("Rode Vuist", "fighters", Range(3000, 4000)),
                                           ("Rode Vuist", "fighters", Range(5000, 5000))}
    assert claims("Hoeveel strijders heeft de Rode Vuist?\nVolgens de VN zijn het er ongeveer 4000.") == {
        ("Rode Vuist", "fighters", Range(4000, 4000))}
    # without the question a bare number counts nothing; a question about people counts no group
    assert claims("RV is active in Lorvania. One analyst says it's around 3,000.", language="en") == set()
    text = "RV is active in Lorvania. How many people died?\n\nOne official says it's around 300."
    assert claims(text, language="en") == set()


def test_claims_a_size_or_a_count_named_before_a_bare_number():
    assert claims("RV has an estimated strength of 5,000.", language="en") == {("Rode Vuist", "fighters", Range(5000, 5000))}
    assert claims("Het aantal strijders van de Rode Vuist wordt geschat op 2000.") == {
        ("Rode Vuist", "fighters", Range(2000, 2000))}
    assert claims("RV has received $5 million from donors.", language="en") == {
        ("Rode Vuist", "funding_usd", Range(5_000_000, 5_000_000))}
    # no group named, a number that counts what follows it, the dead
    assert claims("RV is active in Lorvania. The army's strength of 200,000 is declining.", language="en") == set()
    assert claims("RV is active in Lorvania. The number of foreign fighters there rose to 20,000.", language="en") == set()
    assert claims("RV's strength in the two provinces is growing.", language="en") == set()
    assert claims("RV is active in Lorvania. The charity received $5 million.", language="en") == set()
    assert claims("RV is active in Lorvania. The number of RV fighters killed rose to 300.", language="en") == set()


def test_claims_the_founding_of_a_place_or_a_known_organisation_is_no_groups():
    assert claims("RV is active in Lorvania. Lorvania was founded in 1948.", language="en") == set()
    assert claims("De Rode Vuist is actief in Lorvania. De VN werd in 1945 opgericht.") == set()
    assert claims("In Lorvania werd in 1990 de Rode Vuist opgericht.") == {("Rode Vuist", "founded", Range(1990, 1990))}
    assert claims("RV is active in Lorvania. Since its founding in 1999, it has grown.", language="en") == {
        ("Rode Vuist", "founded", Range(1999, 1999))}


def test_claims_a_group_no_gazetteer_knows_is_the_group_the_text_introduces_as_one():
    names = {"Beweging voor de Bevrijding van Kordo|BBK": ("ORG", None, None), "Rode Vuist": ("ORG", "group:rode-vuist", None),
             "Karim Veldman": ("PER", None, None)}
    text = ("Een onbekende rebellengroep, de Beweging voor de Bevrijding van Kordo (BBK), eiste de aanslagen op. "
            "Volgens onderzoeker Karim Veldman telt de groep hooguit 300 strijders. Het is een afsplitsing van de Rode Vuist.")
    ctx, ids = make_context(text, names, published="2023-05-10")
    [claim] = extract_claims(ctx)
    assert (claim.subject, claim.attribute, claim.attributed_to) == (ids["Beweging voor de Bevrijding van Kordo"], "fighters",
                                                                      ids["Karim Veldman"])


def test_claims_a_source_with_a_long_name_is_found_where_its_name_starts_near_the_cue():
    names = GROUPS | {"Centre for the Documentation of Armed Violence in the Northern Provinces": ("ORG", None, None)}
    ctx, ids = make_context("The Rode Vuist carried out more than 200 attacks since 2021, according to the Centre for "
                            "the Documentation of Armed Violence in the Northern Provinces.", names,
                            published="2023-05-10", language="en")
    [claim] = extract_claims(ctx)
    assert claim.attributed_to == ids["Centre for the Documentation of Armed Violence in the Northern Provinces"]


def test_claims_a_year_of_a_clause_after_the_founding_or_that_opens_a_period_is_not_the_founding_year():
    ctx, _ = make_context("De Rode Vuist werd opgericht door Karim Veldman, die sinds 1999 gevangen zit.", GROUPS,
                          published="2023-05-10")
    assert [c for c in extract_claims(ctx) if c.attribute == "founded"] == []
    ctx, _ = make_context("In 1984, the Rode Vuist was founded by Karim Veldman.", GROUPS, published="2023-05-10",
                          language="en")
    assert [c.value for c in extract_claims(ctx) if c.attribute == "founded"] == [Range(1984, 1984)]


def test_claims_an_estimate_names_its_source_before_the_verb_and_never_the_group_it_counts():
    ctx, ids = make_context("The Rode Vuist counts 3,000 to 5,000 armed men, VN experts estimate.", GROUPS,
                            published="2023-05-10", language="en")
    assert [(c.value, c.attributed_to) for c in extract_claims(ctx)] == [(Range(3000, 5000), ids["VN"])]
    ctx, _ = make_context("With an estimated 6,000 to 7,000 fighters, the Rode Vuist is the largest group.", GROUPS,
                          published="2023-05-10", language="en")
    assert [(c.value, c.attributed_to) for c in extract_claims(ctx)] == [(Range(6000, 7000), None)]
    ctx, _ = make_context("De Rode Vuist zou over zo'n 1500 man beschikken.", GROUPS, published="2023-05-10")
    assert [(c.attribute, c.value) for c in extract_claims(ctx)] == [("fighters", Range(1500, 1500))]


def test_claims_the_source_is_the_one_after_according_to_not_the_group_counted():
    ctx, ids = make_context("The Rode Vuist has an estimated 1,500 fighters, according to the VN.", GROUPS,
                            published="2023-05-10", language="en")
    [claim] = extract_claims(ctx)
    assert claim.attributed_to == ids["VN"]

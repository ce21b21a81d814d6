"""Relations between people, organisations and places (extract/relations.py), on invented sentences."""
from __future__ import annotations

import pytest

from kroniek.extract.relations import extract_relations
from tests.conftest import make_context

NAMES = {
    "Kamba Front": ("ORG", "group:kamba", None),
    "Red Lions|Rode Leeuwen": ("ORG", "group:redlions", None),
    "Jonas Kiruna": ("PER", None, None),
    "Peter Vos": ("PER", None, None),
    "Ali Berg": ("PER", None, None),
    "Al-Naba": ("ORG", None, None),
    "Reuters": ("ORG", None, None),
}


def triples(text: str, language: str = "nl", parsed: bool = False) -> set[tuple[str, str, str]]:
    ctx, ids = make_context(text, NAMES, language=language, parsed=parsed)
    name = {v: k for k, v in ids.items()}
    return {(name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)}


@pytest.mark.parametrize("text, language", [
    ("De video toont de groep van Kamba Front-leider Jonas Kiruna in het bos.", "nl"),
    ("Jonas Kiruna, een van de leiders van het Kamba Front, werd gisteren gezien.", "nl"),
    ("De huidige leider van het Kamba Front is Jonas Kiruna, meldt de politie.", "nl"),
    ("The Kamba Front and its leader Jonas Kiruna are in the spotlight again.", "en"),
])
def test_relations_role_noun_leader(text, language):
    assert ("Jonas Kiruna", "leader_of", "Kamba Front") in triples(text, language)


@pytest.mark.parametrize("parsed", [False, True])
def test_relations_founder_noun_gives_founded_by(parsed):
    found = triples("Peter Vos, the founder of the Red Lions, spoke on Monday.", "en", parsed)
    assert ("Red Lions", "founded_by", "Peter Vos") in found
    assert not any(p == "leader_of" for _, p, _ in found)


def test_relations_role_noun_member_also_when_former():
    # a knowledge base keeps what someone was, not only what they are
    assert ("Jonas Kiruna", "member_of", "Red Lions") in triples(
        "Jonas Kiruna is a former member of the Red Lions.", "en")
    assert ("Ali Berg", "member_of", "Red Lions") in triples("Ali Berg was a Red Lions fighter, police said.", "en")


def test_relations_role_noun_needs_both_ends():
    assert triples("De leider van het Kamba Front zweeg; Peter Vos sprak.") == set()


def test_relations_role_verb_without_parse_reads_plain_order():
    assert ("Red Lions", "founded_by", "Peter Vos") in triples("Peter Vos founded the Red Lions in 1990.", "en")


def test_relations_role_verb_relative_clause_from_parse():
    found = triples("Police said the driver was Ali Berg from the north, who joined the Red Lions in 2018.", "en",
                    parsed=True)
    assert ("Ali Berg", "member_of", "Red Lions") in found


def test_relations_owner_needs_a_possessive_or_the_owner_before_the_cue():
    assert ("Al-Naba", "part_of", "Kamba Front") in triples(
        "Het Kamba Front verspreidt de video via haar eigen mediatak Al-Naba.")
    # a news agency quoted as a source belongs to no group the article is about
    assert not any(p == "part_of" for _, p, _ in triples(
        "Het Kamba Front viel opnieuw aan. Volgens persbureau Reuters vielen er doden."))


def test_relations_object_stands_in_the_cues_clause():
    found = triples("The Red Lions, formed by a number of students, allied with the Kamba Front in 2006.", "en")
    assert not any(p == "founded_by" for _, p, _ in found)


PLACES = {
    "Kamba Front": ("ORG", "group:kamba", None),
    "Red Lions": ("ORG", "group:redlions", None),
    "Velden Institute": ("ORG", None, None),
    "Norland": ("LOC", "country:NL", "NL"),
    "Sudria": ("LOC", "country:SD", "SD"),
    "Ostmark": ("LOC", "region:ostmark", None),
    "Harbo": ("LOC", "geo:1", "NL"),
    "Lindeval": ("LOC", None, None),
    "Jonas Kiruna": ("PER", None, None),
}


def place_triples(text: str, language: str = "en", parsed: bool = False) -> set[tuple[str, str, str]]:
    ctx, ids = make_context(text, PLACES, language=language, parsed=parsed)
    name = {v: k for k, v in ids.items()}
    return {(name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)}


@pytest.mark.parametrize("text, language", [
    ("Fighting broke out in the Lindeval district in Harbo on Sunday.", "en"),
    ("De aanslag was in de wijk Lindeval in Harbo.", "nl"),
    ("Duizenden mensen ontvluchten Lindeval, in het noorden van Harbo.", "nl"),
])
def test_relations_place_in_place(text, language):
    assert ("Lindeval", "located_in", "Harbo") in place_triples(text, language)


def test_relations_place_north_of_is_outside():
    assert not place_triples("De kerk staat in Lindeval, ten noorden van Harbo.", "nl")


def test_relations_possessive_place_needs_a_country_or_region():
    assert ("Ostmark", "located_in", "Norland") in place_triples("Rebels hijacked a train in Norland's restive Ostmark.")
    # "Norland's war in Ostmark": a preposition between says nothing of where Ostmark lies
    assert not place_triples("They protested against Norland's war in Ostmark.")


def test_relations_a_country_lies_in_no_town():
    assert not any(s == "Norland" for s, _, _ in place_triples("Norland's eastern region of Lindeval was calm."))


def test_relations_gazetteer_country_yields_to_the_province_the_text_names():
    found = place_triples("The blast hit Harbo, the capital of the province Ostmark. Norland mourned.")
    assert ("Harbo", "located_in", "Ostmark") in found
    assert ("Harbo", "located_in", "Norland") not in found
    # without a nearer place the gazetteer's country stands
    assert ("Harbo", "located_in", "Norland") in place_triples("The blast hit Harbo. Norland mourned.")


@pytest.mark.parametrize("text, language", [
    ("Jonas Kiruna works at the Harbo-based Velden Institute.", "en"),
    ("Jonas Kiruna, director of the Velden Institute, a Harbo-based think-tank, spoke.", "en"),
    ("Volgens het in Harbo gevestigde Velden Institute is het rustig.", "nl"),
])
def test_relations_based_in_gives_located_in(text, language):
    assert ("Velden Institute", "located_in", "Harbo") in place_triples(text, language)


def test_relations_prenominal_backing_and_affiliate():
    assert ("Kamba Front", "allied_with", "Norland") in place_triples(
        "Norland has denied it. The Norland-backed Kamba Front fired again.")
    assert ("Kamba Front", "allied_with", "Norland") in place_triples(
        "De door Norland gesteunde Kamba Front vuurde opnieuw.", "nl")
    assert ("Kamba Front", "part_of", "Red Lions") in place_triples(
        "Red Lions affiliate Kamba Front United (Kamba Front) claimed the attack.")
    # words that only describe the group stand between the cue and its name
    assert ("Kamba Front", "allied_with", "Red Lions") in place_triples(
        "The Red Lions-linked militant group Kamba Front fired again.")
    assert not place_triples("The Red Lions-linked attack on the Kamba Front was condemned.")


def test_relations_struck_needs_a_named_group_and_a_country():
    assert {("Kamba Front", "active_in", "Norland"), ("Kamba Front", "active_in", "Sudria")} <= place_triples(
        "Het Kamba Front pleegde vorig jaar 150 aanslagen in Norland en Sudria.", "nl")
    # who struck is not said; the town of one attack is no group's ground
    assert not place_triples("Bij de aanslagen in Norland vielen doden. Het Kamba Front zweeg.", "nl")
    assert ("Kamba Front", "active_in", "Harbo") not in place_triples(
        "The Kamba Front carried out attacks in Harbo.")


def test_relations_denied_link_is_no_alliance():
    assert not any(p == "allied_with" for _, p, _ in place_triples(
        "Het Kamba Front zegt dat de aanval niet gelinkt is aan de Red Lions.", "nl"))
    assert ("Kamba Front", "allied_with", "Red Lions") in place_triples(
        "Het Kamba Front is gelinkt aan de Red Lions.", "nl")


def test_relations_merger_and_emerged_from_give_founded_by():
    found = place_triples("The Kamba Front was formed in 2017 as a merger between the Red Lions and the "
                          "Velden Institute.")
    assert {("Kamba Front", "founded_by", "Red Lions"), ("Kamba Front", "founded_by", "Velden Institute")} <= found
    assert ("Kamba Front", "founded_by", "Red Lions") in place_triples(
        "Het Kamba Front is voortgekomen uit de Red Lions.", "nl")


def test_relations_named_branch_is_part_of():
    names = {"Kamba Front in Ostmark": ("ORG", "group:kamba-ostmark", None),
             "Kamba Front": ("ORG", "group:kamba", None)}
    ctx, ids = make_context("Kamba Front in Ostmark claimed it; the Kamba Front praised it.", names, language="en")
    name = {v: k for k, v in ids.items()}
    assert ("Kamba Front in Ostmark", "part_of", "Kamba Front") in {
        (name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)}


@pytest.mark.parametrize("parsed", [False, True])
def test_relations_spokesman_of_a_group_is_a_member(parsed):
    assert ("Jonas Kiruna", "member_of", "Kamba Front") in place_triples(
        "Kamba Front military spokesman Jonas Kiruna said the attack was planned.", "en", parsed)
    assert ("Jonas Kiruna", "affiliated_with", "Velden Institute") in place_triples(
        "Velden Institute spokesman Jonas Kiruna said the report was ready.", "en", parsed)


def test_relations_merge_keeps_only_the_nearest_holder():
    from kroniek.extract.relations import merge_relations
    from kroniek.model import Relation, Span
    ev = (Span("t1", 0, 1),)
    merged = merge_relations([Relation("city", "located_in", "country", ev),
                              Relation("city", "located_in", "province", ev),
                              Relation("province", "located_in", "country", ev)])
    assert {(r.subject, r.object) for r in merged} == {("city", "province"), ("province", "country")}


def _without_mention_at(text: str, names: dict, surface_at: str, language: str = "nl"):
    """A context in which the recogniser missed the name inside the compound `surface_at`."""
    from kroniek.extract.context import DocContext
    ctx, ids = make_context(text, names, language=language)
    at = text.index(surface_at)
    placed = [p for p in ctx.placed if not (at <= p.start < at + len(surface_at))]
    return DocContext(ctx.doc, placed, ctx.layer), {v: k for k, v in ids.items()}


@pytest.mark.parametrize("text, compound", [
    ("Het Kamba Front zweeg. Later sprak de toenmalige Kamba Front-leider Jonas Kiruna.", "Kamba Front-leider"),
    ("Het Kamba Front zweeg. Kamba-leider Jonas Kiruna sprak.", "Kamba-leider"),
])
def test_relations_compound_role_with_an_organisation_named_elsewhere(text, compound):
    names = {"Kamba Front|Kamba": ("ORG", "group:kamba", None), "Jonas Kiruna": ("PER", None, None)}
    ctx, name = _without_mention_at(text, names, compound)
    assert ("Jonas Kiruna", "leader_of", "Kamba Front") in {
        (name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)}


def test_relations_compound_role_needs_a_known_name():
    names = {"Kamba Front": ("ORG", "group:kamba", None), "Jonas Kiruna": ("PER", None, None)}
    ctx, _ = _without_mention_at("Het Kamba Front zweeg. Rebellen-leider Jonas Kiruna sprak.", names,
                                 "Rebellen-leider")
    assert not any(r.predicate == "leader_of" for r in extract_relations(ctx))


def test_relations_second_role_of_a_list_from_parse():
    found = triples("Jonas Kiruna, a tribal elder and the former leader of the Red Lions, was appointed.", "en",
                    parsed=True)
    assert ("Jonas Kiruna", "leader_of", "Red Lions") in found


@pytest.mark.parametrize("parsed", [False, True])
def test_relations_founder_in_a_relative_clause_with_the_verb_last(parsed):
    found = triples('"Hij ontmoette daar Peter Vos, die later de Red Lions oprichtte", zegt Ali Berg.', "nl", parsed)
    assert ("Red Lions", "founded_by", "Peter Vos") in found


def test_relations_separable_and_coordinated_role_verbs_from_parse():
    assert ("Red Lions", "founded_by", "Peter Vos") in triples("Peter Vos richtte in 1990 de Red Lions op.", "nl", True)
    assert ("Ali Berg", "member_of", "Red Lions") in triples("Later sloot Ali Berg zich aan bij de Red Lions.", "nl", True)
    assert ("Red Lions", "founded_by", "Peter Vos") in triples(
        "Peter Vos went abroad after his release and then launched the Red Lions in 2000.", "en", True)


@pytest.mark.parametrize("parsed", [False, True])
def test_relations_launching_an_operation_against_a_group_founds_nothing(parsed):
    found = triples("The Kamba Front launched an offensive against the Red Lions on Monday.", "en", parsed)
    assert not any(p == "founded_by" for _, p, _ in found)


def test_relations_person_of_an_organisation():
    names = {**PLACES, "Buitenlandse Zaken": ("ORG", None, None)}
    ctx, ids = make_context("Dat bevestigt minister Jonas Kiruna van Buitenlandse Zaken.", names)
    name = {v: k for k, v in ids.items()}
    assert {(name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)} == {
        ("Jonas Kiruna", "leader_of", "Buitenlandse Zaken")}
    assert ("Jonas Kiruna", "affiliated_with", "Velden Institute") in place_triples(
        "Dat zegt kenner Jonas Kiruna van het in Harbo gevestigde Velden Institute.", "nl")
    # an armed group has members
    assert ("Jonas Kiruna", "member_of", "Kamba Front") in place_triples(
        "Jonas Kiruna of the Kamba Front denied it.")
    # a verb between: the person is no part of the organisation
    assert not any(p in ("member_of", "affiliated_with") for _, p, _ in place_triples(
        "Jonas Kiruna of course warned the Kamba Front.", "en"))


def test_relations_a_dash_ends_a_persons_role():
    found = triples("Jonas Kiruna wants to be the next Ali Berg – he now runs Al-Naba as its head.", "en")
    assert ("Ali Berg", "affiliated_with", "Al-Naba") not in found


def test_relations_unit_of_a_group_is_part_of_it():
    names = {**PLACES, "Martyrs Brigade": ("ORG", None, None)}
    ctx, ids = make_context("The attack was carried out by the Martyrs Brigade of the Kamba Front.", names, language="en")
    name = {v: k for k, v in ids.items()}
    assert ("Martyrs Brigade", "part_of", "Kamba Front") in {
        (name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)}
    assert not any(p == "part_of" for _, p, _ in place_triples("The Velden Institute of the Kamba Front spoke."))


@pytest.mark.parametrize("text, language, place", [
    ("De regering houdt de Kamba Front in Norland verantwoordelijk.", "nl", "Norland"),
    ("The Kamba Front in northern Ostmark was quiet.", "en", "Ostmark"),
    ("Norland's leftist Kamba Front claimed the attack.", "en", "Norland"),
])
def test_relations_group_named_with_its_country(text, language, place):
    assert ("Kamba Front", "active_in", place) in place_triples(text, language)


def test_relations_group_named_with_a_place_needs_a_group_and_a_country():
    assert not place_triples("Het Velden Institute in Norland publiceerde een rapport.", "nl")
    assert not any(p == "active_in" for _, p, _ in place_triples("The Kamba Front in Harbo was quiet."))
    # "an offshoot of the Kamba Front in Norland": the place may be where the offshoot works
    assert ("Kamba Front", "active_in", "Norland") not in place_triples(
        "De Red Lions zijn een afsplitsing van het Kamba Front in Norland.", "nl")


def test_relations_active_in_from_advance_and_control():
    assert ("Kamba Front", "active_in", "Norland") in place_triples(
        "Het Kamba Front rukt sinds vorige week op in Norland.", "nl")
    assert ("Kamba Front", "active_in", "Ostmark") in place_triples(
        "The Red Lions' ally, the Kamba Front, has for years controlled two districts in Ostmark.")
    # "a captured army tank": the participle describes a noun
    assert not any(p == "active_in" for _, p, _ in place_triples(
        "The Kamba Front said so. Fighters stand on a captured army tank in Harbo, Norland."))


def test_relations_merger_of_affiliates_names_no_founder():
    found = place_triples("The Kamba Front: a merger of Red Lions affiliates.")
    assert ("Kamba Front", "founded_by", "Red Lions") not in found


def test_relations_active_where_they_struck_needs_two_places():
    from kroniek.extract.relations import active_where_they_struck
    from kroniek.model import Attribution, Report, Span
    names = {**PLACES, "Lindeval": ("LOC", "geo:2", "NL")}
    ctx, ids = make_context("The Kamba Front struck Harbo. Then it struck Lindeval. Norland mourned.", names,
                            language="en")
    ev = Span("t1", 0, 10)

    def report(place):
        return Report("t1", ev, location=ids[place], attributions=(Attribution(ids["Kamba Front"], "asserted", ev),))
    one = active_where_they_struck(ctx, [report("Harbo")])
    two = active_where_they_struck(ctx, [report("Harbo"), report("Lindeval")])
    assert one == []
    assert [(r.subject, r.predicate, r.object) for r in two] == [(ids["Kamba Front"], "active_in", ids["Norland"])]


def test_relations_ally_named_in_apposition_and_kept_contacts():
    found = place_triples("Het Kamba Front staat er sterk voor. Dat komt vooral door bondgenoot Norland.", "nl")
    assert any(p == "allied_with" and {s, o} == {"Kamba Front", "Norland"} for s, p, o in found)
    found = place_triples("Het Kamba Front onderhoudt al jaren contacten met de Red Lions.", "nl")
    assert any(p == "allied_with" and {s, o} == {"Kamba Front", "Red Lions"} for s, p, o in found)


@pytest.mark.parametrize("text, language", [
    ("Ruim honderd jongens werden in het district Lindeval in de Norlandse staat Ostmark ontvoerd.", "nl"),
    ("Fighting broke out in Lindeval in the province of Ostmark.", "en"),
])
def test_relations_place_in_a_kind_of_place(text, language):
    assert ("Lindeval", "located_in", "Ostmark") in place_triples(text, language)


def test_relations_place_of_a_province_with_a_possessive():
    names = {**PLACES, "Westmark": ("LOC", "geo:sub:NL-WM", "NL")}
    ctx, ids = make_context("Soldiers were killed in Westmark's Lindeval district on Thursday.", names, language="en")
    name = {v: k for k, v in ids.items()}
    assert ("Lindeval", "located_in", "Westmark") in {
        (name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)}


@pytest.mark.parametrize("text, language", [
    ("The group has pledged allegiance to the Red Lions and has about 900 fighters.", "en"),
    ("Het Kamba Front zwoer vorig jaar trouw aan de Red Lions.", "nl"),
    ("The Kamba Front has openly pledged loyalty and support to the Red Lions.", "en"),
    ("Het Kamba Front, dat gelieerd is aan de Red Lions, eiste de aanslag op.", "nl"),
])
def test_relations_allegiance_and_affiliation_make_a_group_a_part(text, language):
    ctx, ids = make_context("Het Kamba Front groeit. " + text, PLACES, language=language)
    name = {v: k for k, v in ids.items()}
    found = {(name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)}
    assert ("Kamba Front", "part_of", "Red Lions") in found
    assert not any(p == "allied_with" for _, p, _ in found)


def test_relations_allegiance_of_a_person_makes_a_member():
    found = place_triples("In the video Jonas Kiruna swore allegiance to the Kamba Front.")
    assert found == {("Jonas Kiruna", "member_of", "Kamba Front")}


@pytest.mark.parametrize("text, language", [
    ("Het Kamba Front, dat regelmatig aanslagen pleegt in Norland, zweeg.", "nl"),
    ("Kamba Front-strijders slaan al sinds maart geregeld toe in Norland.", "nl"),
])
def test_relations_struck_in_a_subordinate_clause(text, language):
    assert ("Kamba Front", "active_in", "Norland") in place_triples(text, language)


@pytest.mark.parametrize("text, language", [
    ("Zij trokken naar het district Lindeval, een bolwerk van het Kamba Front.", "nl"),
    ("Lindeval is a stronghold of the Kamba Front, officials said.", "en"),
])
def test_relations_stronghold_of_a_group(text, language):
    assert ("Kamba Front", "active_in", "Lindeval") in place_triples(text, language)


def test_relations_stronghold_needs_the_place_beside_the_cue():
    # a place in another clause is no stronghold: "in Harbo" says where the report was written
    assert not any(p == "active_in" for _, p, _ in place_triples(
        "In Harbo, officials said the army will take the stronghold of the Kamba Front soon."))


@pytest.mark.parametrize("text, language", [
    ("Hij zei dat het Kamba Front naar schatting 3000 strijders heeft in Ostmark.", "nl"),
    ("The Kamba Front has an estimated 3,000 fighters in Ostmark, the report said.", "en"),
])
def test_relations_fighters_somewhere_make_a_group_active_there(text, language):
    assert ("Kamba Front", "active_in", "Ostmark") in place_triples(text, language)


def test_relations_soldiers_of_no_named_group_say_nothing():
    assert not any(p == "active_in" for _, p, _ in place_triples(
        "Het Kamba Front zweeg. Er zijn 3000 soldaten in Ostmark gelegerd.", "nl"))


@pytest.mark.parametrize("parsed", [False, True])
def test_relations_role_of_the_group_referred_back_to(parsed):
    found = triples("Het Kamba Front groeit snel. Dat meldt de oprichter en leider van de groep, Jonas Kiruna, "
                    "graag.", "nl", parsed)
    assert {("Jonas Kiruna", "leader_of", "Kamba Front"), ("Kamba Front", "founded_by", "Jonas Kiruna")} <= found


def test_relations_role_of_a_named_group_is_not_referred_back():
    # "van de Groep Noord" is a name, not a noun that refers back
    found = triples("Het Kamba Front groeit. De leider van de Groep Noord, Jonas Kiruna, zweeg.", "nl")
    assert not any(o == "Kamba Front" or s == "Kamba Front" for s, _, o in found)


@pytest.mark.parametrize("text, language", [
    ("The Kamba Front struck again. A bus carried the troops to Harbo. Norland mourned.", "en"),
    ("Het Kamba Front sloeg toe. De trein was onderweg naar Harbo. Norland rouwt.", "nl"),
    ("The Kamba Front struck again. The freighter sank 90 km off the coast of Harbo. Norland mourned.", "en"),
    ("Het Kamba Front sloeg toe. De regering in Harbo sprak van zeven doden. Norland rouwt.", "nl"),
    ("Harbo: the Kamba Front struck again. Norland mourned.", "en"),
])
def test_relations_gazetteer_country_not_for_a_place_named_in_passing(text, language):
    assert ("Harbo", "located_in", "Norland") not in place_triples(text, language)


def test_relations_gazetteer_country_for_a_place_where_something_happens_too():
    found = place_triples("A bus carried the troops to Harbo. Later a bomb exploded in Harbo. Norland mourned.")
    assert ("Harbo", "located_in", "Norland") in found


def test_relations_place_as_the_acting_government_from_parse():
    assert ("Harbo", "located_in", "Norland") not in place_triples(
        "Harbo has denied the claims, saying the Kamba Front acts alone in Norland.", "en", parsed=True)


def test_relations_group_in_place_not_when_the_place_belongs_to_a_final_verb():
    assert ("Kamba Front", "active_in", "Norland") not in place_triples(
        "Officieel is het Kamba Front in Norland verboden, maar de groep bestaat nog.", "nl", parsed=True)


@pytest.mark.parametrize("text, language", [
    ("Analysts point to the close ties between the Kamba Front and the Red Lions.", "en"),
    ("De banden tussen het Kamba Front en de Red Lions zijn hecht.", "nl"),
])
def test_relations_ties_between_two_groups(text, language):
    found = place_triples(text, language)
    assert any(p == "allied_with" and {s, o} == {"Kamba Front", "Red Lions"} for s, p, o in found)


def test_relations_ties_between_need_two_names_joined():
    assert not any(p == "allied_with" for _, p, _ in place_triples(
        "The ties between the two groups worried the Kamba Front, the Red Lions said."))


@pytest.mark.parametrize("text, language", [
    ("Lindeval lies in Ostmark, close to the border.", "en"),
    ("Lindeval ligt in het noorden van Ostmark.", "nl"),
])
def test_relations_place_said_to_lie_in_another(text, language):
    assert ("Lindeval", "located_in", "Ostmark") in place_triples(text, language)


@pytest.mark.parametrize("text, language", [
    ("Het Kamba Front groeit. De groep werd in 1998 opgericht door Jonas Kiruna en wordt nu geleid door Peter Vos.", "nl"),
    ("The Kamba Front is growing. The group was founded in 1998 by Jonas Kiruna and is now led by Peter Vos.", "en"),
])
def test_relations_founded_and_led_by_a_person_said_of_the_group_referred_back_to(text, language):
    found = triples(text, language)
    assert {("Kamba Front", "founded_by", "Jonas Kiruna"), ("Peter Vos", "leader_of", "Kamba Front")} <= found


def test_relations_led_by_reads_past_a_relative_clause_and_an_apposition_about_the_leader():
    found = triples("The Kamba Front, which split from the Red Lions in 2016, is led by Peter Vos, the son of "
                    "Red Lions founder Jonas Kiruna.", "en")
    assert ("Peter Vos", "leader_of", "Kamba Front") in found
    assert ("Peter Vos", "leader_of", "Red Lions") not in found


def test_relations_their_founder_in_apposition_founded_the_group_the_text_is_about():
    found = triples("The Kamba Front fired again. Officials say one of their original founders, Jonas Kiruna, "
                    "trained abroad.", "en")
    assert ("Kamba Front", "founded_by", "Jonas Kiruna") in found


def test_relations_a_group_that_is_the_object_of_another_verb_is_not_the_one_active_somewhere():
    text = "The Kamba Front, a rebel group that pledged allegiance to the Red Lions in 2019, is active in Sudria."
    found = place_triples(text)
    assert ("Kamba Front", "active_in", "Sudria") in found and ("Red Lions", "active_in", "Sudria") not in found


@pytest.mark.parametrize("text, language", [
    ("The Kamba Front was set up in 1999 under the leadership of Jonas Kiruna, a former teacher.", "en"),
    ("Het Kamba Front is een rebellengroep die in 1999 ontstond onder leiding van Jonas Kiruna.", "nl"),
])
def test_relations_under_the_leadership_of(text, language):
    assert ("Jonas Kiruna", "leader_of", "Kamba Front") in triples(text, language)


@pytest.mark.parametrize("text, language", [
    ("Ali Berg fought for the Kamba Front between 2009 and 2012.", "en"),
    ("Ali Berg vocht tussen 2009 en 2012 voor het Kamba Front.", "nl"),
    ("Later voegde Ali Berg zich bij het Kamba Front.", "nl"),
    ("De politie zegt dat Ali Berg jarenlang voor het Kamba Front vocht.", "nl"),
    ("Ali Berg werkte als explosievenexpert voor het Kamba Front.", "nl"),
])
def test_relations_who_fights_or_works_for_a_group_is_a_member(text, language):
    found = triples(text, language)
    assert ("Ali Berg", "member_of", "Kamba Front") in found
    assert ("Ali Berg", "affiliated_with", "Kamba Front") not in found


def test_relations_who_works_for_another_organisation_is_affiliated():
    assert triples("Peter Vos worked for Reuters in Nairobi for a decade.", "en") == {
        ("Peter Vos", "affiliated_with", "Reuters")}
    assert triples("Peter Vos never worked for Reuters.", "en") == set()


def test_relations_fighting_alongside_a_group_is_no_membership():
    assert triples("Ali Berg vocht als twintiger samen met het Kamba Front.") == {
        ("Ali Berg", "affiliated_with", "Kamba Front")}


def test_relations_funded_by_with_the_subject_referred_back_to():
    found = triples("The Red Lions attacked again. The group is reportedly trained and funded by the Kamba Front.",
                    "en")
    assert ("Kamba Front", "allied_with", "Red Lions") in found or ("Red Lions", "allied_with", "Kamba Front") in found


def test_relations_affiliate_in_apposition_is_a_part():
    assert ("Red Lions", "part_of", "Kamba Front") in triples(
        "They are funded by the Kamba Front and its affiliate, the Red Lions.", "en")
    # an affiliate named far from the noun is not the one it speaks of
    assert ("Al-Naba", "part_of", "Kamba Front") not in triples(
        "He heads a local Kamba Front affiliate with big ambitions, said a fellow at Al-Naba.", "en")


def test_relations_operates_with_words_between_reads_every_place_listed():
    names = NAMES | {"Ayacucho": ("LOC", "region:ayacucho", "PE"), "Junin": ("LOC", "region:junin", "PE"),
                     "Cusco": ("LOC", "region:cusco", "PE")}
    ctx, ids = make_context("The Kamba Front operates mainly in the provinces of Ayacucho, Junin and Cusco.", names,
                            language="en")
    name = {v: k for k, v in ids.items()}
    found = {(name[r.subject], r.predicate, name[r.object]) for r in extract_relations(ctx)}
    assert {("Kamba Front", "active_in", p) for p in ("Ayacucho", "Junin", "Cusco")} <= found


def test_relations_gap_in_a_cue_takes_the_nearest_particle():
    # "operating ... in" must not reach past the place to a later "in"
    names = NAMES | {"Kashmir": ("LOC", "region:kashmir", "IN")}
    ctx, ids = make_context("The Kamba Front was one of the groups operating in Kashmir in the 2000s.", names,
                            language="en")
    name = {v: k for k, v in ids.items()}
    assert ("Kamba Front", "active_in", "Kashmir") in {(name[r.subject], r.predicate, name[r.object])
                                                       for r in extract_relations(ctx)}


@pytest.mark.parametrize("text, expected", [
    ("Het Kamba Front is voortgekomen uit de Rode Leeuwen, die aan Al-Naba gelieerd zijn.",
     ("Red Lions", "part_of", "Al-Naba")),
    ("Het Kamba Front, dat in 1999 door Peter Vos werd opgericht, eist de aanslag op.",
     ("Kamba Front", "founded_by", "Peter Vos")),
    ("Jonas Kiruna, die aan het Kamba Front gelieerd is, werd gearresteerd.",
     ("Jonas Kiruna", "member_of", "Kamba Front")),
])
def test_relations_verb_last_in_a_dutch_subordinate_clause(text, expected):
    assert expected in triples(text)


def test_relations_verb_last_needs_its_preposition_before_the_verb():
    # "opgericht door" after the verb is the ordinary passive, read elsewhere; a lone participle says nothing
    assert triples("Het Kamba Front heeft Peter Vos opgericht gezien.") == set()


def test_relations_verb_last_only_in_a_subordinate_clause():
    # the second "gelinkt" has its own object after it; the "aan" before it belongs to the first
    found = triples("Het Kamba Front is sterk gelinkt aan de Rode Leeuwen, dat weer gelinkt is aan Al-Naba.")
    assert ("Kamba Front", "part_of", "Red Lions") not in found
    assert ("Kamba Front", "allied_with", "Al-Naba") not in found and ("Al-Naba", "allied_with", "Kamba Front") not in found


@pytest.mark.parametrize("text, language, triple", [
    ("Peter Vos, the Kamba Front's spokesman, denied it.", "en", ("Peter Vos", "member_of", "Kamba Front")),
    ("Peter Vos heads the Kamba Front.", "en", ("Peter Vos", "leader_of", "Kamba Front")),
    ("Het Kamba Front en de Rode Leeuwen bevechten elkaar al jaren.", "nl", ("Kamba Front", "rival_of", "Red Lions")),
])
def test_relations_more_ways_to_say_them(text, language, triple):
    assert triple in triples(text, language)


def test_relations_an_object_in_another_clause_is_not_the_cues():
    found = triples("The Red Lions claimed responsibility on Friday for an attack on a bus that carried soldiers in "
                    "the eastern province of Norland that killed 23 soldiers, the group's Kamba Front said.", "en")
    assert not any(p == "part_of" for _, p, _ in found)

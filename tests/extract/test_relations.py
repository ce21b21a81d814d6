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

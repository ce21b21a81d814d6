"""The FollowTheMoney export read back with the followthemoney library, line by line, as Aleph reads it."""
import io
import json

import pytest
from followthemoney import model

from kroniek.export.ftm import document_id, write_ftm

from .sample import small_kb


@pytest.fixture(scope="module")
def kb():
    return small_kb()


@pytest.fixture(scope="module")
def proxies(kb):
    out = io.StringIO()
    write_ftm(kb, out)
    lines = out.getvalue().splitlines()
    return {p.id: p for p in (model.get_proxy(json.loads(line), cleaned=False) for line in lines)}


def test_ftm_every_line_is_a_valid_entity_and_every_reference_resolves(proxies):
    assert len(proxies) == 2 + 6 + 1 + 3  # articles, entities but the MISC one, the event, relations but the MISC one
    for p in proxies.values():
        assert p.schema.name in {"Article", "Person", "Organization", "Address", "Event", "Directorship", "UnknownLink",
                                 "Membership", "Associate"}
        # cleaning again changes nothing: the export holds only values FtM accepts for each property
        assert model.get_proxy(p.to_dict(), cleaned=False).to_dict() == model.get_proxy(p.to_dict()).to_dict()
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                assert value in proxies, (p.schema.name, prop.name, value)
                assert proxies[value].schema.is_a(prop.range), (p.schema.name, prop.name, proxies[value].schema)


def test_ftm_actors_places_and_documents_keep_names_aliases_and_coordinates(kb, proxies):
    shabaab = proxies["E-shabaab"]
    assert shabaab.schema.name == "Organization"
    assert shabaab.get("name") == ["al-Shabaab"] and set(shabaab.get("alias")) == {"Al-Shabaab", "Harakat al-Shabaab"}
    assert proxies["E-ali"].schema.name == "Person"
    kismayo = proxies["E-kismayo"]
    assert kismayo.schema.name == "Address" and kismayo.get("country") == ["so"]
    assert kismayo.get("latitude") == ["-0.35833"] and kismayo.get("longitude") == ["42.54556"]
    assert "E-office" not in proxies  # MISC: an office is no actor
    nl = next(d for d in kb.documents if d.id == "vismarkt_nl")
    article = proxies[document_id(nl)]
    assert article.schema.name == "Article" and article.first("bodyText") == nl.text
    assert article.get("language") == ["nld"] and article.get("publishedAt") == ["2023-03-05"]
    assert document_id(nl) in proxies["E-abdi"].get("proof")


def test_ftm_events_name_their_place_date_and_actors(proxies):
    event = proxies["V-market"]
    assert event.schema.name == "Event"
    assert event.get("date") == ["2023-03-04"] and event.get("addressEntity") == ["E-kismayo"]
    assert event.get("organizer") == ["E-shabaab"] and event.get("involved") == ["E-shabaab"]
    assert event.first("description") == "killed 12–15 (best 13.5); injured 30; 2 sources"
    assert len(event.get("proof")) == 2


def test_ftm_relations_use_the_fitting_interval_schemata(proxies):
    by_schema = {}
    for p in proxies.values():
        if p.schema.is_a("Interval"):
            by_schema.setdefault(p.schema.name, []).append(p)
    [leader] = by_schema["Directorship"]
    assert (leader.get("director"), leader.get("organization"), leader.get("role")) == (["E-ali"], ["E-shabaab"], ["leader"])
    assert leader.first("summary") == "Commander Ali Dheere leads al-Shabaab."
    roles = {(p.first("subject"), p.first("role"), p.first("object")) for p in by_schema["UnknownLink"]}
    assert roles == {("E-shabaab", "rival of", "E-iss"), ("E-shabaab", "active in", "E-somalia")}
    assert "Membership" not in by_schema  # member_of points at the MISC office, which is not exported


def test_ftm_a_person_member_of_a_group_is_a_membership(kb):
    from dataclasses import replace

    from kroniek.model import Relation

    joined = replace(kb, relations=[Relation("E-abdi", "member_of", "E-shabaab", kb.relations[-1].evidence),
                                    Relation("E-abdi", "allied_with", "E-ali", kb.relations[0].evidence)])
    out = io.StringIO()
    write_ftm(joined, out)
    found = [model.get_proxy(json.loads(line)) for line in out.getvalue().splitlines()]
    [member] = [p for p in found if p.schema.name == "Membership"]
    assert (member.get("member"), member.get("organization")) == (["E-abdi"], ["E-shabaab"])
    [ally] = [p for p in found if p.schema.name == "Associate"]
    assert (ally.get("person"), ally.get("associate"), ally.get("relationship")) == (["E-abdi"], ["E-ali"], ["allied with"])

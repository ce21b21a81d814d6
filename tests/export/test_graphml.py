"""The GraphML export read back with networkx, as Gephi users would check it."""
import io

import networkx as nx
import pytest

from kroniek.export.graphml import write_graphml

from .sample import small_kb


@pytest.fixture(scope="module")
def graph():
    out = io.StringIO()
    write_graphml(small_kb(), out)
    assert out.getvalue().startswith('<?xml version="1.0" encoding="utf-8"?>')
    return nx.read_graphml(io.BytesIO(out.getvalue().encode("utf-8")))


def test_graphml_nodes_are_actors_and_the_places_relations_touch(graph):
    # four actors; Somalia and the office because a relation touches them; Kismayo is only an event's place
    assert set(graph.nodes) == {"E-shabaab", "E-iss", "E-ali", "E-abdi", "E-somalia", "E-office"}
    shabaab = graph.nodes["E-shabaab"]
    assert (shabaab["label"], shabaab["type"], shabaab["aliases"]) == ("al-Shabaab", "ORG", "Al-Shabaab; Harakat al-Shabaab")
    assert (shabaab["mentions"], shabaab["documents"]) == (5, 2)
    assert graph.nodes["E-somalia"]["country"] == "SO"


def _edge(graph, u, v) -> dict:
    """The one edge u -> v (networkx reads a file without parallel edges as a simple graph)."""
    data = graph.get_edge_data(u, v)
    if graph.is_multigraph():
        [data] = data.values()
    return data


def test_graphml_edges_carry_predicate_sources_and_evidence(graph):
    assert graph.number_of_edges() == 4
    leader = _edge(graph, "E-ali", "E-shabaab")
    assert leader["predicate"] == "leader_of" and leader["sources"] == 1 and leader["symmetric"] is False
    assert leader["evidence"] == "Commander Ali Dheere leads al-Shabaab."
    rival = _edge(graph, "E-shabaab", "E-iss")
    assert rival["predicate"] == "rival_of" and rival["symmetric"] is True
    assert (rival["doc"], rival["end"] - rival["start"]) == ("market-en", len("The group is a rival of the Islamic State in Somalia."))


def test_graphml_two_predicates_between_one_pair_are_two_edges():
    from dataclasses import replace

    from kroniek.model import Relation

    kb = small_kb()
    kb = replace(kb, relations=kb.relations + [Relation("E-ali", "member_of", "E-shabaab", kb.relations[0].evidence)])
    out = io.StringIO()
    write_graphml(kb, out)
    graph = nx.read_graphml(io.BytesIO(out.getvalue().encode("utf-8")))
    assert graph.is_multigraph() and graph.number_of_edges() == 5
    assert sorted(d["predicate"] for d in graph.get_edge_data("E-ali", "E-shabaab").values()) == ["leader_of", "member_of"]

"""The organisation-level network and the transforms (symmetrize, dichotomize)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from partnet.errors import ParameterError
from partnet.metrics import (
    GraphError,
    block_density,
    density,
    dichotomize,
    organisation_graph,
    organisation_ties,
    symmetrize,
)


def people():
    G = nx.DiGraph(case_id="demo")
    G.add_node("a1", organisation="A", org_type="district council", org_size=120, name="Ada One", role="officer")
    G.add_node("a2", organisation="A", org_type="district council", org_size=120, name="Ada Two", role="councillor")
    G.add_node("b1", organisation="B", org_type="police", org_size=900, name="Bea One", role="officer")
    G.add_node("b2", organisation="B", org_type="police", org_size=900, name="Bea Two", role="officer")
    G.add_node("c1", organisation="C", org_type="fire", org_size=300, name="Cai One", role="officer")
    G.add_edge("a1", "a2", frequency=5)
    G.add_edge("a1", "b1", frequency=2)
    G.add_edge("a2", "b1", frequency=4)
    G.add_edge("b1", "a1", frequency=3)
    G.add_edge("b2", "c1", frequency=1)
    return G


def test_organisation_ties_by_hand():
    t = organisation_ties(people())
    assert t.loc["A"].to_dict() == {"A": 1.0, "B": 2.0, "C": 0.0}
    assert t.loc["B"].to_dict() == {"A": 1.0, "B": 0.0, "C": 1.0}
    assert organisation_ties(people(), weight="frequency").loc["A", "B"] == 6.0


def test_organisation_graph_counts_and_densities():
    O = organisation_graph(people())
    assert isinstance(O, nx.DiGraph)
    assert sorted(O.nodes) == ["A", "B", "C"]
    assert O.edges["A", "B"] == {"ties": 2, "density": 0.5, "weight": 2}
    assert O.edges["B", "A"]["density"] == 0.25
    assert O.edges["B", "C"]["ties"] == 1
    assert not O.has_edge("A", "C")
    a = O.nodes["A"]
    assert (a["people"], a["internal_ties"], a["internal_density"]) == (2, 1, 0.5)
    assert a["org_type"] == "district council" and a["org_size"] == 120
    assert math.isnan(O.nodes["C"]["internal_density"])  # one person


def test_organisation_graph_never_copies_person_attributes():
    O = organisation_graph(people())
    for _, data in O.nodes(data=True):
        assert "name" not in data and "role" not in data
    assert O.nodes["C"].get("org_type") == "fire"  # single-member organisations too


def test_organisation_densities_agree_with_block_density():
    G = people()
    O = organisation_graph(G)
    bd = block_density(G)
    for g, h, d in O.edges(data=True):
        assert d["density"] == pytest.approx(bd.loc[g, h])
    for g, d in O.nodes(data=True):
        assert d["internal_density"] == pytest.approx(bd.loc[g, g], nan_ok=True)


def test_valued_organisation_graph_and_undirected_input():
    O = organisation_graph(people(), weight="frequency")
    assert O.edges["A", "B"]["value"] == 6.0
    U = organisation_graph(nx.karate_club_graph(), "club")
    assert isinstance(U, nx.Graph) and not U.is_directed()
    internal = sum(d["internal_ties"] for _, d in U.nodes(data=True))
    across = sum(d["ties"] for _, _, d in U.edges(data=True))
    assert internal + across == 78


def test_symmetrize_methods():
    G = people()
    mx = symmetrize(G, "max")
    assert isinstance(mx, nx.Graph) and not mx.is_directed()
    assert mx.edges["a1", "b1"]["frequency"] == 3.0
    assert mx.edges["a2", "b1"]["frequency"] == 4.0
    mn = symmetrize(G, "min")
    assert sorted(map(sorted, mn.edges())) == [["a1", "b1"]]
    assert mn.edges["a1", "b1"]["frequency"] == 2.0
    av = symmetrize(G, "average")
    assert av.edges["a1", "b1"]["frequency"] == 2.5
    assert av.edges["a1", "a2"]["frequency"] == 2.5
    assert mx.nodes["a1"]["organisation"] == "A" and mx.graph["case_id"] == "demo"
    assert mx.number_of_nodes() == G.number_of_nodes()


def test_symmetrize_binary_and_density():
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    mx = symmetrize(G, "max", weight=None)
    assert sorted(map(sorted, mx.edges())) == [["a", "b"], ["b", "c"]]
    assert density(mx) == pytest.approx(2 / 3)
    mn = symmetrize(G, "min", weight=None)
    assert sorted(map(sorted, mn.edges())) == [["a", "b"]]


def test_dichotomize_keeps_strong_ties_and_every_person():
    G = people()
    H = dichotomize(G, 4)
    assert sorted(H.edges()) == [("a1", "a2"), ("a2", "b1")]
    assert set(H.nodes) == set(G.nodes)
    assert H.edges["a1", "a2"]["frequency"] == 5
    assert H.graph["dichotomized"] == "frequency >= 4"
    assert dichotomize(G, 1).number_of_edges() == G.number_of_edges()


@pytest.mark.parametrize("call,error,match", [
    (lambda G: symmetrize(G, "mean"), ParameterError, "did you mean"),
    (lambda G: dichotomize(G, "4"), ParameterError, "threshold must be a number"),
    (lambda G: dichotomize(G, 2, weight="strength"), GraphError, "'strength'"),
    (lambda G: symmetrize(G, weight="strength"), GraphError, "'strength'"),
], ids=["method", "threshold", "dichotomize-weight", "symmetrize-weight"])
def test_errors(call, error, match):
    with pytest.raises(error, match=match):
        call(people())


def test_symmetrized_graph_works_with_every_measure():
    from partnet.metrics import node_table, whole_network

    U = symmetrize(people(), "max")
    row = whole_network(U)
    # undirected: no reciprocity (UCINET does not report it for symmetric data)
    assert row["ties"] == 4.0 and "reciprocity_dyad" not in row
    assert np.isfinite(node_table(U)["betweenness"]).all()

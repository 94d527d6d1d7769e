"""E-I index at three levels, its range and rescaling, and the seeded permutation test."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from partnet.errors import ParameterError
from partnet.metrics import EIResult, ei_index


def two_councils():
    """Undirected: a path a1-a2-a3 in A, b1-b2 in B, one tie a3-b1 across."""
    G = nx.Graph([("a1", "a2"), ("a2", "a3"), ("a3", "b1"), ("b1", "b2")])
    nx.set_node_attributes(G, {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"}, "organisation")
    return G


def directed_councils():
    G = nx.DiGraph([("a1", "a2"), ("a2", "a1"), ("a1", "b1"), ("b1", "b2"), ("b2", "a2"), ("a2", "b2")])
    nx.set_node_attributes(G, {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}, "organisation")
    return G


def test_whole_group_individual_by_hand():
    res = ei_index(two_councils(), permutations=0)
    assert isinstance(res, EIResult)
    w = res.whole
    assert (w["internal"], w["external"], w["ei"]) == (3.0, 1.0, -0.5)
    # 4 ties; 4 possible internal pairs (3 in A, 1 in B), 6 external: every value from -1 to 1 is possible
    assert (w["ei_max"], w["ei_min"], w["rescaled"]) == (1.0, -1.0, -0.5)
    assert res.groups.loc["A"].to_dict() == {"size": 3, "internal": 2.0, "external": 1.0, "ei": pytest.approx(-1 / 3)}
    assert res.groups.loc["B"].to_dict() == {"size": 2, "internal": 1.0, "external": 1.0, "ei": 0.0}
    ind = res.individuals
    assert ind.loc["a1"].to_dict() == {"group": "A", "internal": 1.0, "external": 0.0, "ei": -1.0}
    assert ind.loc["a3", "ei"] == 0.0
    assert ind.index.name == "person_id"
    assert math.isnan(w["p_greater"])  # no test asked for


def test_directed_directions():
    G = directed_councils()
    res = ei_index(G, permutations=0)
    # arcs: internal a1->a2, a2->a1, b1->b2; external a1->b1, b2->a2, a2->b2
    assert (res.whole["internal"], res.whole["external"]) == (3.0, 3.0)
    assert res.whole["ei"] == 0.0
    a = {d: ei_index(G, direction=d, permutations=0).groups.loc["A"] for d in ("all", "out", "in")}
    assert (a["all"]["internal"], a["all"]["external"]) == (2.0, 3.0)  # A sends 2, receives 1 across
    assert a["out"]["external"] == 2.0 and a["in"]["external"] == 1.0
    ind = {d: ei_index(G, direction=d, permutations=0).individuals.loc["a2"] for d in ("all", "out", "in")}
    assert (ind["all"]["internal"], ind["all"]["external"]) == (2.0, 2.0)
    assert (ind["out"]["internal"], ind["out"]["external"]) == (1.0, 1.0)
    assert (ind["in"]["internal"], ind["in"]["external"]) == (1.0, 1.0)


def test_undirected_equals_symmetric_digraph():
    G = two_councils()
    D = G.to_directed()
    a, b = ei_index(G, permutations=0), ei_index(D, permutations=0)
    for key in ("ei", "ei_max", "ei_min", "rescaled"):
        assert a.whole[key] == pytest.approx(b.whole[key])
    assert np.allclose(a.groups["ei"], b.groups["ei"])
    assert np.allclose(a.individuals["ei"], b.individuals["ei"], equal_nan=True)


def test_range_is_limited_by_group_sizes_and_rescaled():
    # one big group of 4 and a singleton: only 6 internal pairs (undirected), 4 external
    G = nx.Graph([("a1", "a2"), ("a2", "a3"), ("a3", "a4"), ("a1", "a3"), ("a4", "a2"), ("a1", "a4")])
    nx.set_node_attributes(G, {v: "A" for v in G}, "organisation")
    G.add_node("b1", organisation="B")
    res = ei_index(G, permutations=0)
    w = res.whole
    assert w["ei"] == -1.0
    # 6 ties: at most 4 external -> (4 - 2) / 6; at most 6 internal -> -1
    assert w["ei_max"] == pytest.approx(2 / 6) and w["ei_min"] == -1.0
    assert w["rescaled"] == -1.0
    assert math.isnan(res.individuals.loc["b1", "ei"])  # an isolate has no ties


def test_one_group_cannot_be_rescaled():
    G = nx.path_graph(4)
    nx.set_node_attributes(G, "A", "organisation")
    w = ei_index(G, permutations=10).whole
    assert w["ei"] == -1.0 and w["ei_max"] == w["ei_min"] == -1.0
    assert math.isnan(w["rescaled"])
    assert w["p_greater"] == 1.0 and w["p_less"] == 1.0


def homophilous_graph():
    """Two organisations of 8, dense inside, one tie between."""
    G = nx.disjoint_union(nx.complete_graph(8), nx.complete_graph(8))
    G.add_edge(0, 8)
    nx.set_node_attributes(G, {v: "A" if v < 8 else "B" for v in G}, "organisation")
    return G


def test_permutation_test_detects_homophily_and_is_seeded():
    G = homophilous_graph()
    res = ei_index(G, permutations=2000, seed=7)
    w = res.whole
    assert w["ei"] == pytest.approx((1 - 56) / 57)
    assert w["p_less"] < 0.001 and w["p_greater"] == 1.0
    # the mean of random relabellings approaches the share of external pairs: (64 - 56) / 120
    assert w["expected"] == pytest.approx((64 - 56) / 120, abs=0.02)
    again = ei_index(G, permutations=2000, seed=7).whole
    assert again.equals(w)
    other = ei_index(G, permutations=2000, seed=8).whole
    assert other["expected"] != w["expected"]


def test_partition_as_mapping():
    G = two_councils()
    groups = {v: G.nodes[v]["organisation"] for v in G}
    assert ei_index(G, groups, permutations=0).whole["ei"] == -0.5


@pytest.mark.parametrize("kwargs,match", [
    ({"direction": "both"}, "direction"),
    ({"permutations": -1}, "permutations"),
    ({"permutations": 2.5}, "permutations"),
], ids=["direction", "negative", "fraction"])
def test_bad_options(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ei_index(two_councils(), **kwargs)


def test_no_ties_gives_nan_not_an_error():
    G = nx.Graph()
    G.add_nodes_from(["a", "b"], organisation="A")
    G.add_node("c", organisation="B")
    w = ei_index(G).whole
    assert math.isnan(w["ei"]) and math.isnan(w["rescaled"]) and math.isnan(w["p_less"])


def test_repr_summarises():
    text = repr(ei_index(two_councils(), permutations=10))
    assert text.startswith("EIResult(ei=-0.5000")

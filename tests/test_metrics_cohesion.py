"""Cohesion measures: hand-computed small graphs, published values, networkx references."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from partnet.errors import ParameterError, PartnetError
from partnet.metrics import (
    GraphError,
    average_distance,
    block_density,
    components,
    connectedness,
    density,
    diameter,
    isolates,
    k_cores,
    reciprocity,
    transitivity,
)


def florentine():
    """Padgett's Florentine marriage network with the isolated Pucci family (16 nodes)."""
    G = nx.florentine_families_graph()
    G.add_node("Pucci")
    return G


def random_graphs():
    rng = np.random.default_rng(11)
    out = []
    for k in range(12):
        n = int(rng.integers(4, 20))
        G = nx.gnp_random_graph(n, float(rng.uniform(0.05, 0.35)), seed=int(rng.integers(1e6)),
                                directed=bool(k % 2))
        G.add_node(n)  # an isolate
        out.append(G)
    return out


RANDOM = random_graphs()
RANDOM_IDS = [f"{'di' if G.is_directed() else 'un'}{i}" for i, G in enumerate(RANDOM)]


# published values (UCINET, Borgatti, Everett & Johnson 2013)

def test_florentine_density_and_transitivity_as_ucinet():
    G = florentine()
    assert G.number_of_nodes() == 16
    assert round(density(G), 3) == 0.167
    assert round(transitivity(G), 3) == 0.191
    assert isolates(G) == ["Pucci"]
    assert len(components(G)) == 2


def test_karate_density_and_transitivity_as_ucinet():
    K = nx.karate_club_graph()
    assert K.number_of_edges() == 78
    assert round(density(K), 3) == 0.139
    assert round(transitivity(K), 3) == 0.256


# hand-computed small graphs

def test_star():
    star = nx.star_graph(4)  # centre 0, leaves 1..4
    assert density(star) == pytest.approx(8 / 20)
    assert transitivity(star) == 0.0  # 12 two-paths, none closed
    assert diameter(star) == 2.0
    assert average_distance(star) == pytest.approx((4 * 1 + 6 * 2) / 10)
    assert connectedness(star) == 1.0
    assert reciprocity(star) == 1.0


def test_directed_line():
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    assert density(G) == pytest.approx(3 / 12)
    assert reciprocity(G, "dyad") == 0.0
    assert transitivity(G) == 0.0
    assert average_distance(G) == pytest.approx((1 + 2 + 3 + 1 + 2 + 1) / 6)
    assert diameter(G) == 3.0
    assert connectedness(G) == pytest.approx(6 / 12)
    assert [sorted(c) for c in components(G, "strong")] == [["a"], ["b"], ["c"], ["d"]]


def test_reciprocity_dyad_and_arc_methods():
    # 2 mutual dyads, 2 asymmetric dyads
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"), ("a", "c"), ("b", "d")])
    assert reciprocity(G, "dyad") == pytest.approx(2 / 4)
    assert reciprocity(G, "arc") == pytest.approx(4 / 6)
    assert reciprocity(G, "arc") == pytest.approx(nx.overall_reciprocity(G))


def test_transitivity_counts_ordered_triples():
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("b", "d"), ("c", "d")])
    # two-paths a->b->c (a->c present), a->b->d, a->c->d (no a->d), b->c->d (b->d present)
    assert transitivity(G) == pytest.approx(2 / 4)


def test_valued_density_uses_the_weight():
    G = nx.DiGraph()
    G.add_edge("a", "b", frequency=5)
    G.add_edge("b", "c", frequency=1)
    assert density(G, weight="frequency") == pytest.approx(6 / 6)
    assert density(G) == pytest.approx(2 / 6)


def test_block_density_directed_table():
    G = nx.DiGraph()
    G.add_nodes_from(["a1", "a2", "a3"], organisation="A")
    G.add_nodes_from(["b1", "b2"], organisation="B")
    G.add_node("c1", organisation="C")
    G.add_edges_from([("a1", "a2"), ("a2", "a3"), ("a1", "b1"), ("b1", "a1"), ("b2", "c1")])
    t = block_density(G)
    assert list(t.index) == ["A", "B", "C"] and list(t.columns) == ["A", "B", "C"]
    assert t.loc["A", "A"] == pytest.approx(2 / 6)
    assert t.loc["A", "B"] == pytest.approx(1 / 6)
    assert t.loc["B", "A"] == pytest.approx(1 / 6)
    assert t.loc["B", "C"] == pytest.approx(1 / 2)
    assert t.loc["B", "B"] == 0.0
    assert math.isnan(t.loc["C", "C"])  # one person: no pairs inside


def test_block_density_undirected_is_symmetric_and_matches_density():
    G = nx.karate_club_graph()
    t = block_density(G, "club")
    assert np.allclose(t.to_numpy(), t.to_numpy().T)
    sizes = pd.Series([G.nodes[v]["club"] for v in G]).value_counts()
    ties = sum(t.loc[g, h] * (sizes[g] * (sizes[h] - (g == h))) for g in t.index for h in t.columns)
    assert ties == pytest.approx(2 * G.number_of_edges())


def test_block_density_bad_attribute_names_the_nearest():
    G = nx.DiGraph([("a", "b")])
    nx.set_node_attributes(G, "X", "organisation")
    with pytest.raises(ParameterError, match="did you mean 'organisation'"):
        block_density(G, "organsation")


def test_block_density_missing_group_is_a_clear_error():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    G.nodes["a"]["organisation"] = "X"
    G.nodes["b"]["organisation"] = "X"
    with pytest.raises(GraphError, match="1 node\\(s\\) have none: 'c'"):
        block_density(G)


def test_k_cores_on_underlying_undirected_graph():
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "a"), ("c", "d")])
    # underlying graph: triangle a-b-c plus pendant d; the mutual a<->b counts once
    assert k_cores(G).to_dict() == {"a": 2, "b": 2, "c": 2, "d": 1}


@pytest.mark.parametrize("G", RANDOM, ids=RANDOM_IDS)
def test_against_networkx(G):
    assert density(G) == pytest.approx(nx.density(G))
    lengths = dict(nx.all_pairs_shortest_path_length(G))
    dist = [d for u in G for v, d in lengths[u].items() if u != v]
    n = G.number_of_nodes()
    if dist:
        assert average_distance(G) == pytest.approx(np.mean(dist))
        assert diameter(G) == max(dist)
    else:
        assert math.isnan(average_distance(G)) and math.isnan(diameter(G))
    assert connectedness(G) == pytest.approx(len(dist) / (n * (n - 1)))
    U = G.to_undirected() if G.is_directed() else G
    core = nx.core_number(U)
    assert k_cores(G).to_dict() == core
    if G.is_directed():
        weak = {frozenset(c) for c in nx.weakly_connected_components(G)}
        strong = {frozenset(c) for c in nx.strongly_connected_components(G)}
        assert {frozenset(c) for c in components(G, "strong")} == strong
    else:
        weak = {frozenset(c) for c in nx.connected_components(G)}
        expected = nx.transitivity(G)
        t = transitivity(G)
        assert (math.isnan(t) and expected == 0) or t == pytest.approx(expected)
    assert {frozenset(c) for c in components(G)} == weak
    assert sorted(isolates(G)) == sorted(nx.isolates(G))


@pytest.mark.parametrize("G", [g for g in RANDOM if g.is_directed()],
                         ids=[i for i, g in zip(RANDOM_IDS, RANDOM) if g.is_directed()])
def test_directed_transitivity_against_triple_count(G):
    A = nx.to_numpy_array(G)
    n = len(A)
    two = sum(A[i, j] * A[j, k] for i in range(n) for j in range(n) for k in range(n) if i != k)
    closed = sum(A[i, j] * A[j, k] * A[i, k] for i in range(n) for j in range(n) for k in range(n) if i != k)
    t = transitivity(G)
    assert (two == 0 and math.isnan(t)) or t == pytest.approx(closed / two)


# edge cases

def test_one_node_graph():
    G = nx.DiGraph()
    G.add_node("solo")
    assert math.isnan(density(G))
    assert math.isnan(reciprocity(G))
    assert math.isnan(transitivity(G))
    assert math.isnan(average_distance(G)) and math.isnan(diameter(G))
    assert math.isnan(connectedness(G))
    assert components(G) == [{"solo"}]
    assert isolates(G) == ["solo"]
    assert k_cores(G).to_dict() == {"solo": 0}


def test_no_two_paths_gives_nan_transitivity():
    G = nx.Graph([("a", "b"), ("c", "d")])
    assert math.isnan(transitivity(G))


@pytest.mark.parametrize("func", [density, transitivity, isolates, average_distance, diameter,
                                  connectedness, components, k_cores, reciprocity],
                         ids=lambda f: f.__name__)
def test_empty_graph_is_a_clear_error(func):
    with pytest.raises(GraphError, match="no nodes"):
        func(nx.DiGraph())


@pytest.mark.parametrize("bad", [nx.MultiDiGraph([("a", "b")]), [("a", "b")]], ids=["multigraph", "list"])
def test_not_a_simple_graph_is_a_clear_error(bad):
    with pytest.raises(PartnetError, match="expected a networkx Graph or DiGraph"):
        density(bad)


def test_unknown_option_names_the_nearest():
    with pytest.raises(ParameterError, match="did you mean 'strong'"):
        components(nx.DiGraph([("a", "b")]), "strnog")


def test_self_loops_are_ignored():
    G = nx.DiGraph([("a", "b"), ("a", "a")])
    assert density(G) == pytest.approx(1 / 2)
    H = nx.DiGraph([("a", "a")])
    H.add_node("b")
    assert isolates(H) == ["a", "b"]


def test_valued_density_needs_the_weight_on_every_tie():
    G = nx.DiGraph()
    G.add_edge("a", "b", frequency=3)
    G.add_edge("b", "c")
    with pytest.raises(GraphError, match="'frequency'"):
        density(G, weight="frequency")

"""Centrality and centralization: hand values, published values, and igraph against plain references."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from partnet.errors import ParameterError
from partnet.metrics import (
    betweenness,
    betweenness_centralization,
    clear_cache,
    closeness,
    closeness_centralization,
    degree,
    degree_centralization,
    eigenvector,
    pagerank,
)
from partnet.metrics._geodesic import _reach_counts


def random_graphs():
    rng = np.random.default_rng(5)
    out = []
    for k in range(14):
        n = int(rng.integers(4, 22))
        G = nx.gnp_random_graph(n, float(rng.uniform(0.05, 0.4)), seed=int(rng.integers(1e6)),
                                directed=bool(k % 2))
        G.add_nodes_from([n, n + 1])
        G.add_edge(n, n + 1)  # a separate dyad
        out.append(G)
    return out


RANDOM = random_graphs()
RANDOM_IDS = [f"{'di' if G.is_directed() else 'un'}{i}" for i, G in enumerate(RANDOM)]


def values(series, G):
    return np.array([series[v] for v in G])


# hand-computed values

def test_star_centralities():
    star = nx.star_graph(4)
    assert degree(star).to_dict() == {0: 4.0, 1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0}
    assert betweenness(star, normalized=False)[0] == 6.0  # all C(4, 2) leaf pairs
    assert betweenness(star)[0] == 1.0
    c = closeness(star)
    assert c[0] == 1.0 and c[1] == pytest.approx(4 / 7)


def test_undirected_line():
    G = nx.path_graph(["a", "b", "c", "d"])
    assert betweenness(G, normalized=False).to_dict() == {"a": 0.0, "b": 2.0, "c": 2.0, "d": 0.0}
    assert betweenness(G).to_dict() == pytest.approx({"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0})
    assert closeness(G).to_dict() == pytest.approx({"a": 0.5, "b": 0.75, "c": 0.75, "d": 0.5})


def test_directed_line():
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    assert betweenness(G, normalized=False).to_dict() == {"a": 0.0, "b": 2.0, "c": 2.0, "d": 0.0}
    assert betweenness(G)["b"] == pytest.approx(2 / 6)
    # out: a reaches 3 at 1+2+3; b reaches 2 at 1+2; c reaches 1; d none
    assert closeness(G, "out").to_dict() == pytest.approx({"a": 0.5, "b": 4 / 9, "c": 1 / 3, "d": 0.0})
    assert closeness(G, "in").to_dict() == pytest.approx({"a": 0.0, "b": 1 / 3, "c": 4 / 9, "d": 0.5})
    assert closeness(G, "out", "harmonic").to_dict() == pytest.approx(
        {"a": (1 + 1 / 2 + 1 / 3) / 3, "b": (1 + 1 / 2) / 3, "c": 1 / 3, "d": 0.0})
    assert degree(G, "all").to_dict() == {"a": 1.0, "b": 2.0, "c": 2.0, "d": 1.0}
    assert degree(G, "all", normalized=True)["b"] == pytest.approx(2 / 6)


def test_valued_degree_normalised_by_largest_value():
    G = nx.DiGraph()
    G.add_edge("a", "b", frequency=5)
    G.add_edge("a", "c", frequency=2)
    d = degree(G, "out", weight="frequency")
    assert d["a"] == 7.0
    assert degree(G, "out", normalized=True, weight="frequency")["a"] == pytest.approx(7 / (2 * 5))


def test_florentine_medici_betweenness():
    G = nx.florentine_families_graph()
    G.add_node("Pucci")
    b = betweenness(G, normalized=False)
    assert b["Medici"] == pytest.approx(47.5)
    assert betweenness(G)["Medici"] == pytest.approx(47.5 / (15 * 14 / 2))
    assert b.idxmax() == "Medici"


def test_symmetric_digraph_and_graph_give_the_same_normalised_betweenness():
    K = nx.karate_club_graph()
    D = K.to_directed()
    assert np.allclose(betweenness(K).to_numpy(), betweenness(D).to_numpy())
    assert np.allclose(betweenness(D, normalized=False).to_numpy(), 2 * betweenness(K, normalized=False).to_numpy())


# igraph-backed results equal plain references

@pytest.mark.parametrize("G", RANDOM, ids=RANDOM_IDS)
def test_betweenness_equals_networkx(G):
    clear_cache()
    ref = nx.betweenness_centrality(G, normalized=False)
    assert np.allclose(values(betweenness(G, normalized=False), G), [ref[v] for v in G])
    ref_norm = nx.betweenness_centrality(G, normalized=True)
    assert np.allclose(values(betweenness(G), G), [ref_norm[v] for v in G])


@pytest.mark.parametrize("G", RANDOM, ids=RANDOM_IDS)
def test_closeness_equals_networkx_wasserman_faust(G):
    # networkx closeness_centrality uses incoming distances and wf_improved=True by default
    if G.is_directed():
        ref_in = nx.closeness_centrality(G)
        ref_out = nx.closeness_centrality(G.reverse())
        assert np.allclose(values(closeness(G, "in"), G), [ref_in[v] for v in G])
        assert np.allclose(values(closeness(G, "out"), G), [ref_out[v] for v in G])
        h_out = nx.harmonic_centrality(G.reverse())
        n = G.number_of_nodes()
        assert np.allclose(values(closeness(G, "out", "harmonic"), G), [h_out[v] / (n - 1) for v in G])
    else:
        ref = nx.closeness_centrality(G)
        assert np.allclose(values(closeness(G), G), [ref[v] for v in G])


@pytest.mark.parametrize("G", [g for g in RANDOM if g.is_directed()],
                         ids=[i for i, g in zip(RANDOM_IDS, RANDOM) if g.is_directed()])
def test_reach_counts_equal_descendants(G):
    nodes = list(G)
    idx = {v: i for i, v in enumerate(nodes)}
    src = np.array([idx[u] for u, _ in G.edges()], dtype=np.int64)
    dst = np.array([idx[v] for _, v in G.edges()], dtype=np.int64)
    assert _reach_counts(len(nodes), src, dst).tolist() == [len(nx.descendants(G, v)) for v in nodes]
    assert _reach_counts(len(nodes), dst, src).tolist() == [len(nx.ancestors(G, v)) for v in nodes]


@pytest.mark.parametrize("G", RANDOM, ids=RANDOM_IDS)
def test_pagerank_equals_networkx(G):
    ref = nx.pagerank(G, tol=1e-12, max_iter=10000)
    assert np.allclose(values(pagerank(G), G), [ref[v] for v in G], atol=1e-7)


def test_valued_pagerank_equals_networkx():
    K = nx.karate_club_graph()
    ref = nx.pagerank(K, weight="weight", tol=1e-12, max_iter=10000)
    assert np.allclose(values(pagerank(K, weight="weight"), K), [ref[v] for v in K], atol=1e-8)
    D = nx.DiGraph()
    D.add_edge("a", "b", frequency=5)
    D.add_edge("a", "c", frequency=1)
    D.add_edge("c", "a", frequency=2)
    ref = nx.pagerank(D, weight="frequency", tol=1e-12, max_iter=10000)
    assert np.allclose(values(pagerank(D, weight="frequency"), D), [ref[v] for v in D], atol=1e-8)


def test_eigenvector_equals_networkx_on_a_connected_graph():
    K = nx.karate_club_graph()
    ref = nx.eigenvector_centrality_numpy(K)
    assert np.allclose(values(eigenvector(K), K), [ref[v] for v in K])
    assert np.allclose(values(eigenvector(K, "component"), K), [ref[v] for v in K])


def test_eigenvector_on_a_disconnected_graph():
    K = nx.karate_club_graph()
    G = nx.disjoint_union(K, nx.complete_graph(3))  # karate 0..33, triangle 34..36
    G.add_node(99)
    e = eigenvector(G)
    ref = nx.eigenvector_centrality_numpy(K)
    # the karate club has the larger leading eigenvalue (6.7 > 2): it keeps the vector
    assert np.allclose([e[v] for v in K], [ref[v] for v in K])
    assert e[34] == e[35] == e[36] == 0.0 and e[99] == 0.0
    comp = eigenvector(G, "component")
    assert np.allclose([comp[v] for v in (34, 35, 36)], 1 / np.sqrt(3))
    assert comp[99] == 0.0


def test_eigenvector_tied_components_share_the_vector():
    G = nx.Graph([("a", "b"), ("c", "d")])
    assert eigenvector(G).to_dict() == pytest.approx({v: 0.5 for v in "abcd"})


def test_eigenvector_of_a_digraph_uses_the_underlying_graph():
    D = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")])
    U = nx.Graph(D.to_undirected())
    ref = nx.eigenvector_centrality_numpy(U)
    assert np.allclose(values(eigenvector(D), D), [ref[v] for v in D])


def test_pagerank_by_hand():
    # a <-> b, c -> a; no dangling node. With d = 0.85 and n = 3: c = 0.15 / 3 = 0.05,
    # b = 0.05 + 0.85 a, a = 0.05 + 0.85 (b + c)  ->  a = 18/37, b = 17.15/37, c = 1.85/37
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "a")])
    assert pagerank(G).to_dict() == pytest.approx({"a": 18 / 37, "b": 17.15 / 37, "c": 1.85 / 37}, abs=1e-9)


def test_pagerank_sums_to_one_and_checks_damping():
    G = nx.DiGraph([("a", "b")])
    G.add_node("c")
    assert pagerank(G).sum() == pytest.approx(1.0)
    with pytest.raises(ParameterError, match="damping"):
        pagerank(G, damping=1.0)


# centralization

@pytest.mark.parametrize("func", [degree_centralization, betweenness_centralization, closeness_centralization],
                         ids=lambda f: f.__name__)
def test_star_is_fully_centralized_and_cycle_not_at_all(func):
    assert func(nx.star_graph(5)) == 1.0
    assert func(nx.cycle_graph(6)) == pytest.approx(0.0)


def test_directed_stars():
    out_star = nx.DiGraph([("hub", p) for p in "abcde"])
    assert degree_centralization(out_star, "out") == 1.0
    assert closeness_centralization(out_star, "out") == 1.0
    mutual_star = out_star.to_directed()
    mutual_star.add_edges_from([(p, "hub") for p in "abcde"])
    assert betweenness_centralization(mutual_star) == 1.0
    # in-degree of a mutual star: hub 5, leaves 1 -> sum(4 x 5) / 5^2
    assert degree_centralization(mutual_star, "in") == pytest.approx(20 / 25)


def test_centralization_formulas_by_hand():
    G = nx.path_graph(5)  # betweenness 0, 3, 4, 3, 0 over a maximum of (4)^2 (3) / 2
    assert betweenness_centralization(G) == pytest.approx((4 + 1 + 0 + 1 + 4) / (16 * 3 / 2))
    # degree 1, 2, 2, 2, 1 -> (1 + 0 + 0 + 0 + 1) / (4 x 3)
    assert degree_centralization(G) == pytest.approx(2 / 12)
    c = np.array([4 / 10, 4 / 7, 4 / 6, 4 / 7, 4 / 10])
    assert closeness_centralization(G) == pytest.approx((c.max() - c).sum() / (4 * 3 / 7))


def _all_graphs(n, directed):
    pairs = list(itertools.permutations(range(n), 2) if directed else itertools.combinations(range(n), 2))
    for mask in range(1 << len(pairs)):
        G = nx.DiGraph() if directed else nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(p for k, p in enumerate(pairs) if mask >> k & 1)
        yield G


@pytest.mark.parametrize("n,directed", [(4, False), (5, False), (3, True)], ids=["un4", "un5", "di3"])
def test_maxima_are_never_exceeded(n, directed):
    """Exhaustive: every graph of this size scores within 0..1, and 1 is reached."""
    top = {"degree": 0.0, "betweenness": 0.0, "closeness": 0.0}
    for G in _all_graphs(n, directed):
        clear_cache()
        scores = {
            "degree": max(degree_centralization(G, "in"), degree_centralization(G, "out")),
            "betweenness": betweenness_centralization(G),
            "closeness": max(closeness_centralization(G, "in"), closeness_centralization(G, "out")),
        }
        for key, value in scores.items():
            assert -1e-12 <= value <= 1 + 1e-12, (key, list(G.edges()))
            top[key] = max(top[key], value)
    assert top == {"degree": 1.0, "betweenness": 1.0, "closeness": 1.0}


def test_random_digraphs_stay_within_bounds():
    rng = np.random.default_rng(2)
    for _ in range(150):
        G = nx.gnp_random_graph(6, float(rng.uniform(0.1, 0.6)), seed=int(rng.integers(1e6)), directed=True)
        for value in (degree_centralization(G, "in"), degree_centralization(G, "out"),
                      betweenness_centralization(G), closeness_centralization(G, "in"),
                      closeness_centralization(G, "out")):
            assert -1e-12 <= value <= 1 + 1e-12


def test_small_graphs_give_nan_where_undefined():
    two = nx.Graph([("a", "b")])
    assert math.isnan(degree_centralization(two))
    assert math.isnan(betweenness_centralization(two))
    assert math.isnan(closeness_centralization(two))
    arc = nx.DiGraph([("a", "b")])
    assert degree_centralization(arc, "out") == 1.0
    one = nx.DiGraph()
    one.add_node("a")
    assert math.isnan(degree_centralization(one))
    assert math.isnan(closeness_centralization(one))


def test_one_node_centralities_are_zero():
    G = nx.DiGraph()
    G.add_node("solo")
    assert degree(G, normalized=True)["solo"] == 0.0
    assert betweenness(G)["solo"] == 0.0
    assert closeness(G, "in")["solo"] == 0.0
    assert closeness(G, "out", "harmonic")["solo"] == 0.0
    assert eigenvector(G)["solo"] == 0.0
    assert pagerank(G)["solo"] == 1.0


def test_isolates_and_unreachable_people_score_zero_closeness():
    G = nx.DiGraph([("a", "b")])
    G.add_node("z")
    c_out = closeness(G, "out")
    assert c_out["z"] == 0.0 and c_out["b"] == 0.0
    assert c_out["a"] == pytest.approx((1 / 2) * (1 / 1))


def test_unknown_direction_is_a_parameter_error():
    with pytest.raises(ParameterError, match="did you mean 'out'"):
        closeness(nx.DiGraph([("a", "b")]), "outt")


def test_reach_fallback_for_very_large_graphs_gives_the_same_counts(monkeypatch):
    from partnet.metrics import _geodesic
    from partnet.metrics._graph import graph_data

    G = RANDOM[1]
    gd = graph_data(G)
    clear_cache()
    exact = [_geodesic.reach(gd, mode).copy() for mode in ("in", "out")]
    clear_cache()
    monkeypatch.setattr(_geodesic, "_BITSET_LIMIT", 0)
    assert [list(_geodesic.reach(gd, mode)) for mode in ("in", "out")] == [list(e) for e in exact]
    clear_cache()

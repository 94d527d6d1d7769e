"""Core-periphery (against exhaustive search), communities and partition agreement."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from partnet.errors import ParameterError
from partnet.metrics import (
    GraphError,
    communities,
    core_periphery,
    partition_agreement,
)


def ideal_fit(G, core, cp_density=None):
    """Plain reference: Pearson r between the data and the ideal pattern over the cells used."""
    A = nx.to_numpy_array(G, weight=None)
    n = len(A)
    x, d = [], []
    for i, j in itertools.permutations(range(n), 2):
        ci, cj = core[i], core[j]
        if ci and cj:
            x.append(A[i, j])
            d.append(1.0)
        elif not ci and not cj:
            x.append(A[i, j])
            d.append(0.0)
        elif cp_density is not None:
            x.append(A[i, j])
            d.append(cp_density)
    x, d = np.array(x), np.array(d)
    if x.std() == 0 or d.std() == 0:
        return -np.inf
    return float(np.corrcoef(x, d)[0, 1])


def best_by_exhaustion(G, cp_density=None):
    n = G.number_of_nodes()
    best = -np.inf
    for mask in range(1 << n):
        core = [(mask >> k) & 1 == 1 for k in range(n)]
        best = max(best, ideal_fit(G, core, cp_density))
    return best


def test_clear_core():
    G = nx.complete_graph(["c1", "c2", "c3", "c4"])
    G.add_edges_from([("c1", "p1"), ("c2", "p2"), ("c3", "p3"), ("c4", "p4"), ("c1", "p5")])
    res = core_periphery(G, seed=0)
    assert res.core_members == ["c1", "c2", "c3", "c4"]
    assert res.fit == pytest.approx(1.0)
    assert res.densities.loc["core", "core"] == 1.0
    assert res.densities.loc["periphery", "periphery"] == 0.0
    assert res.core.index.name == "person_id"


@pytest.mark.parametrize("seed,directed,cp", [(1, False, None), (2, True, None), (3, True, None),
                                               (4, False, 0.5), (5, True, 0.2), (6, False, None)],
                         ids=["un", "di", "di2", "un-cp", "di-cp", "un2"])
def test_search_finds_the_exhaustive_optimum(seed, directed, cp):
    G = nx.gnp_random_graph(9, 0.35, seed=seed, directed=directed)
    G.add_edges_from([(0, 1), (1, 2), (0, 2)])
    res = core_periphery(G, seed=seed, cp_density=cp)
    core = [bool(res.core[v]) for v in G]
    assert res.fit == pytest.approx(ideal_fit(G, core, cp))
    assert res.fit == pytest.approx(best_by_exhaustion(G, cp))


def test_seeded_and_repeatable():
    G = nx.karate_club_graph()
    a = core_periphery(G, seed=4)
    b = core_periphery(G, seed=4)
    assert a.core.equals(b.core) and a.fit == b.fit
    assert a.fit == pytest.approx(ideal_fit(G, [bool(a.core[v]) for v in G]))
    assert {0, 33}.issubset(a.core_members)  # the two leaders are core


def test_valued_core_periphery_uses_the_weight():
    G = nx.karate_club_graph()
    res = core_periphery(G, seed=0, weight="weight")
    W = nx.to_numpy_array(G, weight="weight")
    core = np.array([bool(res.core[v]) for v in G])
    cc = W[np.ix_(core, core)]
    assert res.densities.loc["core", "core"] == pytest.approx(cc.sum() / (core.sum() * (core.sum() - 1)))


@pytest.mark.parametrize("G,match", [
    (nx.path_graph(3), "at least 4"),
    (nx.empty_graph(5), "no ties"),
], ids=["small", "no-ties"])
def test_core_periphery_errors(G, match):
    with pytest.raises(GraphError, match=match):
        core_periphery(G)


def test_core_periphery_bad_options():
    with pytest.raises(ParameterError, match="starts"):
        core_periphery(nx.karate_club_graph(), starts=0)
    with pytest.raises(ParameterError, match="cp_density"):
        core_periphery(nx.karate_club_graph(), cp_density="half")


# communities

def two_cliques():
    G = nx.Graph([("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"),
                  ("a3", "b1")])
    nx.set_node_attributes(G, {v: v[0].upper() for v in G}, "organisation")
    return G


def test_communities_follow_two_cliques():
    res = communities(two_cliques(), seed=3)
    assert res.count == 2
    assert res.membership["a1"] == res.membership["a2"] == res.membership["a3"]
    assert res.membership["a1"] != res.membership["b1"]
    # modularity: 2 communities, 3 internal edges each of 7, degree sums 7 and 7 of 14
    assert res.modularity == pytest.approx(2 * (3 / 7 - (7 / 14) ** 2))
    assert res.agreement == {"ari": 1.0, "nmi": 1.0}


def test_communities_seeded_and_numbered_by_size():
    K = nx.karate_club_graph()
    a = communities(K, seed=11, compare="club")
    b = communities(K, seed=11, compare="club")
    assert a.membership.equals(b.membership) and a.modularity == b.modularity
    sizes = a.membership.value_counts().sort_index()
    assert sizes.is_monotonic_decreasing
    assert 0.35 < a.modularity < 0.45
    assert 0 < a.agreement["ari"] < 1


def test_communities_of_a_digraph_and_without_ties():
    D = two_cliques().to_directed()
    assert communities(D, seed=1).count == 2
    E = nx.empty_graph(3)
    res = communities(E, compare=None)
    assert res.count == 3 and math.isnan(res.modularity) and res.agreement is None


def test_partition_agreement_by_hand():
    a = {"p": 1, "q": 1, "r": 1, "s": 2, "t": 2, "u": 2}
    b = {"p": "X", "q": "X", "r": "Y", "s": "Y", "t": "Z", "u": "Z"}
    # contingency [[2, 1, 0], [0, 1, 2]]: index = 1 + 1 = 2; rows 3 + 3 = 6; cols 1 + 1 + 1 = 3; pairs 15
    expected_ari = (2 - 6 * 3 / 15) / ((6 + 3) / 2 - 6 * 3 / 15)
    res = partition_agreement(a, b)
    assert res["ari"] == pytest.approx(expected_ari)
    p = np.array([[2, 1, 0], [0, 1, 2]]) / 6
    pa, pb = p.sum(1), p.sum(0)
    nz = p > 0
    mi = (p[nz] * np.log(p[nz] / np.outer(pa, pb)[nz])).sum()
    h = lambda q: -(q * np.log(q)).sum()  # noqa: E731
    assert res["nmi"] == pytest.approx(mi / ((h(pa) + h(pb)) / 2))
    with pytest.raises(ParameterError, match="no items in common"):
        partition_agreement({"x": 1}, {"y": 1})

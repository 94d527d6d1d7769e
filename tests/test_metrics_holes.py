"""Burt's structural holes: hand values and the networkx reference implementation."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from partnet.metrics import structural_holes


def test_ego_with_two_connected_contacts_by_hand():
    # ego 0 with contacts 1, 2, 3; 1 and 2 know each other
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    row = structural_holes(G).loc[0]
    assert row["effective_size"] == pytest.approx(3 - 2 * 1 / 3)  # n - 2t/n
    assert row["efficiency"] == pytest.approx((3 - 2 / 3) / 3)
    # dyadic constraint: (1/3 + 1/3 * 1/2)^2 for 1 and 2, (1/3)^2 for 3
    c = np.array([0.25, 0.25, 1 / 9])
    assert row["constraint"] == pytest.approx(c.sum())
    ratio = c / (c.sum() / 3)
    assert row["hierarchy"] == pytest.approx((ratio * np.log(ratio)).sum() / (3 * np.log(3)))


def test_star_and_isolate():
    G = nx.star_graph(3)
    G.add_node(9)
    t = structural_holes(G)
    assert t.loc[0].to_dict() == pytest.approx({"effective_size": 3.0, "efficiency": 1.0,
                                                "constraint": 1 / 3, "hierarchy": 0.0})
    leaf = t.loc[1]
    assert leaf["effective_size"] == 1.0 and leaf["constraint"] == 1.0
    assert math.isnan(leaf["hierarchy"])  # one contact: N ln N = 0
    iso = t.loc[9]
    assert iso["effective_size"] == 0.0
    assert math.isnan(iso["efficiency"]) and math.isnan(iso["constraint"]) and math.isnan(iso["hierarchy"])
    assert list(t.columns) == ["effective_size", "efficiency", "constraint", "hierarchy"]


def random_graphs():
    rng = np.random.default_rng(21)
    out = []
    for k in range(10):
        n = int(rng.integers(5, 18))
        G = nx.gnp_random_graph(n, float(rng.uniform(0.15, 0.5)), seed=int(rng.integers(1e6)),
                                directed=bool(k % 2))
        if k % 3 == 0:
            for u, v in G.edges():
                G.edges[u, v]["frequency"] = int(rng.integers(1, 6))
        out.append(G)
    return out


RANDOM = random_graphs()


@pytest.mark.parametrize("G", RANDOM, ids=[f"g{i}" for i in range(len(RANDOM))])
def test_equals_networkx_burt_formulas(G):
    weight = "frequency" if all("frequency" in d for _, _, d in G.edges(data=True)) and G.number_of_edges() else None
    t = structural_holes(G, weight=weight)
    # networkx's node-by-node path implements Burt's formulas directly (its vectorised
    # whole-graph path normalises marginal strength by the wrong node's maximum)
    es = nx.effective_size(G, nodes=list(G), weight=weight)
    cs = nx.constraint(G, weight=weight)
    for v in G:
        has_contacts = any(True for _ in nx.all_neighbors(G, v)) if G.is_directed() else G.degree(v) > 0
        if not has_contacts:
            continue
        if not math.isnan(es[v]):
            assert t.loc[v, "effective_size"] == pytest.approx(es[v])
        assert t.loc[v, "constraint"] == pytest.approx(cs[v])


def test_valued_ties_change_constraint():
    G = nx.DiGraph()
    G.add_edge("ego", "a", frequency=5)
    G.add_edge("ego", "b", frequency=1)
    binary = structural_holes(G).loc["ego"]
    valued = structural_holes(G, weight="frequency").loc["ego"]
    assert binary["constraint"] == pytest.approx(0.5)
    assert valued["constraint"] == pytest.approx((5 / 6) ** 2 + (1 / 6) ** 2)
    assert valued["hierarchy"] > binary["hierarchy"] == pytest.approx(0.0)

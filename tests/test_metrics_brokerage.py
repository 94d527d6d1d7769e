"""Gould-Fernandez brokerage: a graph where every role is known, and a brute-force reference."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from partnet.errors import ParameterError
from partnet.metrics import ROLES, GraphError, brokerage, brokerage_expected, brokerage_ratio, brokerage_roles


def two_group_graph():
    """Councils A and B; each broker's role is known by construction.

    The 4-cycle a1 -> a2 -> a3 -> b3 -> a1 and the path b1 -> a4 -> b2:

    - a1: b3 -> a1 -> a2, gatekeeper (outsider in, passed to its own group)
    - a2: a1 -> a2 -> a3, coordinator
    - a3: a2 -> a3 -> b3, representative (own group out to the other)
    - b3: a3 -> b3 -> a1, consultant (A to A through B)
    - a4: b1 -> a4 -> b2, consultant (B to B through A)
    """
    G = nx.DiGraph()
    G.add_nodes_from(["a1", "a2", "a3", "a4"], organisation="A")
    G.add_nodes_from(["b1", "b2", "b3"], organisation="B")
    G.add_edges_from([("a1", "a2"), ("a2", "a3"), ("a3", "b3"), ("b3", "a1"), ("b1", "a4"), ("a4", "b2")])
    return G


def liaison_graph():
    """a1 brokers every role once or twice (the docstring example)."""
    G = nx.DiGraph()
    G.add_nodes_from(["a1", "a2", "a3"], organisation="A")
    G.add_nodes_from(["b1", "b2"], organisation="B")
    G.add_node("c1", organisation="C")
    G.add_edges_from([("a2", "a1"), ("b1", "a1"), ("a1", "a3"), ("a1", "b2"), ("a1", "c1")])
    return G


def brute_force(G, attr="organisation"):
    """Every ordered triple (a, b, c): a -> b -> c, a != c, no a -> c."""
    group = nx.get_node_attributes(G, attr)
    D = G if G.is_directed() else G.to_directed()
    counts = {v: dict.fromkeys(ROLES, 0) for v in G}
    for a, b, c in itertools.permutations(G, 3):
        if D.has_edge(a, b) and D.has_edge(b, c) and not D.has_edge(a, c):
            ga, gb, gc = group[a], group[b], group[c]
            if ga == gb == gc:
                role = "coordinator"
            elif ga == gc:
                role = "consultant"
            elif gb == gc:
                role = "gatekeeper"
            elif ga == gb:
                role = "representative"
            else:
                role = "liaison"
            counts[b][role] += 1
    return counts


def test_two_group_roles_are_known():
    b = brokerage(two_group_graph())
    expected = {
        "a1": {"gatekeeper": 1}, "a2": {"coordinator": 1}, "a3": {"representative": 1},
        "b3": {"consultant": 1}, "a4": {"consultant": 1}, "b1": {}, "b2": {},
    }
    for person, roles in expected.items():
        row = {role: roles.get(role, 0) for role in ROLES}
        row["total"] = sum(roles.values())
        assert b.loc[person].to_dict() == row, person
    assert (b["liaison"] == 0).all()  # impossible with two groups
    assert list(b.columns) == [*ROLES, "total"]
    assert b.index.name == "person_id"


def test_a_tie_a_to_c_removes_the_brokerage():
    G = two_group_graph()
    G.add_edge("a1", "a3")  # a1 can now reach a3 without a2
    b = brokerage(G)
    assert b.loc["a2", "coordinator"] == 0
    # ... and opens two new 2-paths: b3 -> a1 -> a3 and a1 -> a3 -> b3
    assert b.loc["a1", "gatekeeper"] == 2
    assert b.loc["a3", "representative"] == 2


def test_a_reverse_tie_c_to_a_does_not_prevent_brokerage():
    G = two_group_graph()
    G.add_edge("a3", "a1")
    b = brokerage(G)
    assert b.loc["a2", "coordinator"] == 1


def test_five_roles_of_one_broker():
    b = brokerage(liaison_graph())
    assert b.loc["a1"].to_dict() == {"coordinator": 1, "consultant": 1, "gatekeeper": 1,
                                     "representative": 2, "liaison": 1, "total": 6}
    assert b.drop(index="a1")["total"].sum() == 0


def test_undirected_graph_counts_both_directions():
    G = nx.Graph([("a1", "b1"), ("b1", "c1")])
    nx.set_node_attributes(G, {"a1": "A", "b1": "B", "c1": "C"}, "organisation")
    assert brokerage(G).loc["b1", "liaison"] == 2
    H = nx.Graph([("x", "b"), ("b", "b2")])
    nx.set_node_attributes(H, {"x": "X", "b": "B", "b2": "B"}, "organisation")
    row = brokerage(H).loc["b"]
    assert row["gatekeeper"] == row["representative"] == 1


def random_partitioned(seed, directed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 16))
    G = nx.gnp_random_graph(n, float(rng.uniform(0.15, 0.5)), seed=seed, directed=directed)
    nx.set_node_attributes(G, {v: "ABC"[int(rng.integers(3))] for v in G}, "organisation")
    return G


@pytest.mark.parametrize("seed,directed", [(s, s % 2 == 0) for s in range(10)],
                         ids=[f"seed{s}" for s in range(10)])
def test_equals_brute_force(seed, directed):
    G = random_partitioned(seed, directed)
    b = brokerage(G)
    ref = brute_force(G)
    for v in G:
        assert {r: int(b.loc[v, r]) for r in ROLES} == ref[v]
    assert (b["total"] == b[list(ROLES)].sum(axis=1)).all()


def test_enumeration_in_blocks_gives_the_same_counts(monkeypatch):
    G = random_partitioned(3, True)
    whole = brokerage(G)
    monkeypatch.setattr(brokerage_roles, "_MAX_PATHS_PER_BLOCK", 3)
    assert brokerage(G).equals(whole)


def test_expected_values_by_hand():
    e = brokerage_expected(liaison_graph()).loc["a1"]
    # N = 6, n_A = 3: pairs of others 5 x 4 = 20
    assert e.to_dict() == pytest.approx({"coordinator": 6 * 2 / 20, "consultant": 6 * 2 / 20,
                                         "gatekeeper": 6 * 6 / 20, "representative": 6 * 6 / 20,
                                         "liaison": 6 * 4 / 20, "total": 6.0})


@pytest.mark.parametrize("seed", range(4), ids=[f"seed{s}" for s in range(4)])
def test_expected_values_equal_enumerated_role_shares(seed):
    """The chance of each role is its share of all ordered pairs (a, c) of other people."""
    G = random_partitioned(seed, True)
    group = nx.get_node_attributes(G, "organisation")
    e = brokerage_expected(G)
    total = brokerage(G)["total"]
    for b in G:
        shares = dict.fromkeys(ROLES, 0)
        others = [v for v in G if v != b]
        for a, c in itertools.permutations(others, 2):
            ga, gb, gc = group[a], group[b], group[c]
            key = ("coordinator" if ga == gb == gc else "consultant" if ga == gc else
                   "gatekeeper" if gb == gc else "representative" if ga == gb else "liaison")
            shares[key] += 1
        pairs = len(others) * (len(others) - 1)
        for role in ROLES:
            assert e.loc[b, role] == pytest.approx(total[b] * shares[role] / pairs)


def test_ratio_is_observed_over_expected_and_nan_when_nothing_expected():
    G = liaison_graph()
    r = brokerage_ratio(G)
    assert r.loc["a1", "liaison"] == pytest.approx(1 / 1.2)
    assert math.isnan(r.loc["b1", "coordinator"])  # b1 brokers nothing
    solo = nx.DiGraph([("x", "s"), ("s", "y")])
    nx.set_node_attributes(solo, {"x": "X", "s": "S", "y": "X"}, "organisation")
    assert math.isnan(brokerage_ratio(solo).loc["s", "coordinator"])  # alone in its group


def test_partition_as_mapping_and_errors():
    G = two_group_graph()
    groups = nx.get_node_attributes(G, "organisation")
    assert brokerage(G, groups).equals(brokerage(G))
    with pytest.raises(ParameterError, match="did you mean 'organisation'"):
        brokerage(G, "organisaton")
    del G.nodes["b2"]["organisation"]
    with pytest.raises(GraphError, match="'b2'"):
        brokerage(G)


def test_no_ties():
    G = nx.DiGraph()
    G.add_nodes_from(["a", "b"], organisation="A")
    assert brokerage(G)["total"].sum() == 0
    assert brokerage_ratio(G).isna().all().all()


def test_expected_values_of_a_single_group_are_plain_zeros():
    """Everyone in one organisation: only coordination is possible, and no -0.0 reaches a table."""
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(G, "A", "organisation")
    exp = brokerage_expected(G)
    assert exp.loc["b"].to_dict() == {"coordinator": 1.0, "consultant": 0.0, "gatekeeper": 0.0,
                                      "representative": 0.0, "liaison": 0.0, "total": 1.0}
    assert not np.signbit(exp.to_numpy()).any()

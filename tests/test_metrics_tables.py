"""node_table and whole_network: every field present, equal to the single measures, edge cases.

The two "equals the single measures" tests check the wiring only: node_table
and whole_network call the same kernels as the single measures, so a wrong
kernel would pass them. The values themselves are checked against published
figures, hand-computed small graphs and independent reference
implementations in the family modules' tests:

- degree, betweenness, closeness, eigenvector, pagerank and the
  centralizations: tests/test_metrics_centrality.py (Medici raw betweenness
  47.5, star, line and path graphs by hand, networkx references);
- density, reciprocity, transitivity, components, isolates, distances,
  connectedness and k-cores: tests/test_metrics_cohesion.py (Florentine and
  karate figures as UCINET publishes them, star and directed line by hand);
- effective size, efficiency, constraint, hierarchy: tests/test_metrics_holes.py
  (by hand and against networkx's Burt formulas);
- the five brokerage roles: tests/test_metrics_brokerage.py (a graph where
  every role is known, and a brute-force count);
- the E-I index: tests/test_metrics_ei.py (whole, group and individual by hand).

The tables' own values are checked here on the star, the line, one node,
isolates, a disconnected graph and the karate club (published figures).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from partnet.errors import ParameterError
from partnet.metrics import (
    NODE_TABLE_COLUMNS,
    UNDIRECTED_NODE_TABLE_COLUMNS,
    UNDIRECTED_WHOLE_NETWORK_FIELDS,
    WHOLE_NETWORK_FIELDS,
    GraphError,
    average_distance,
    betweenness,
    betweenness_centralization,
    brokerage,
    clear_cache,
    closeness,
    closeness_centralization,
    components,
    connectedness,
    degree,
    degree_centralization,
    density,
    diameter,
    ei_index,
    eigenvector,
    isolates,
    k_cores,
    node_table,
    pagerank,
    reciprocity,
    structural_holes,
    transitivity,
    whole_network,
)

# the contract of docs/architecture.md
ARCHITECTURE_NODE_COLUMNS = [
    "in_degree", "out_degree", "degree", "in_degree_norm", "out_degree_norm", "betweenness",
    "betweenness_norm", "closeness_in", "closeness_out", "eigenvector", "effective_size", "efficiency",
    "constraint", "hierarchy", "coordinator", "consultant", "gatekeeper", "representative", "liaison",
    "brokerage_total", "ei",
]
ARCHITECTURE_WHOLE_FIELDS = [
    "n", "ties", "density", "reciprocity_dyad", "reciprocity_arc", "transitivity", "components",
    "isolates", "avg_distance", "diameter", "degree_centralization_in", "degree_centralization_out",
    "betweenness_centralization", "closeness_centralization_in", "closeness_centralization_out",
]


def partnership(seed=3, n=40):
    """A seeded directed network in the shape of a case graph (organisations, frequency, isolates)."""
    rng = np.random.default_rng(seed)
    G = nx.DiGraph(case_id="demo")
    for i in range(n):
        G.add_node(f"P{i:03d}", organisation="ABCD"[int(rng.integers(4))])
    people = list(G)
    for u in people:
        for v in rng.choice(people, size=int(rng.poisson(2.5)), replace=False):
            if u != v:
                G.add_edge(u, str(v), frequency=int(rng.integers(1, 6)))
    G.add_node("P999", organisation="A")  # an isolate
    return G


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


def test_every_field_of_the_contract_is_present():
    G = partnership()
    table = node_table(G)
    assert set(ARCHITECTURE_NODE_COLUMNS) <= set(table.columns)
    assert list(table.columns) == list(NODE_TABLE_COLUMNS)
    assert table.index.name == "person_id" and list(table.index) == list(G)
    row = whole_network(G)
    assert set(ARCHITECTURE_WHOLE_FIELDS) <= set(row.index)
    assert list(row.index) == list(WHOLE_NETWORK_FIELDS)
    assert row.name == "demo"


def test_node_table_equals_the_single_measures():
    """Wiring only: each column is the single measure it names (same kernels; values tested elsewhere, see above)."""
    G = partnership()
    t = node_table(G)
    assert (t["in_degree"] == degree(G, "in")).all()
    assert (t["out_degree"] == degree(G, "out")).all()
    assert (t["degree"] == degree(G, "all")).all()
    assert np.allclose(t["in_degree_norm"], degree(G, "in", normalized=True))
    assert np.allclose(t["out_degree_norm"], degree(G, "out", normalized=True))
    assert np.allclose(t["betweenness"], betweenness(G, normalized=False))
    assert np.allclose(t["betweenness_norm"], betweenness(G))
    assert np.allclose(t["closeness_in"], closeness(G, "in"))
    assert np.allclose(t["closeness_out"], closeness(G, "out"))
    assert np.allclose(t["eigenvector"], eigenvector(G))
    assert np.allclose(t["pagerank"], pagerank(G))
    assert (t["k_core"] == k_cores(G)).all()
    holes = structural_holes(G)
    for col in holes.columns:
        assert np.allclose(t[col], holes[col], equal_nan=True)
    roles = brokerage(G)
    for col in ("coordinator", "consultant", "gatekeeper", "representative", "liaison"):
        assert (t[col] == roles[col]).all()
    assert (t["brokerage_total"] == roles["total"]).all()
    assert np.allclose(t["ei"], ei_index(G, permutations=0).individuals["ei"], equal_nan=True)


def test_whole_network_equals_the_single_measures():
    """Wiring only: each field is the single measure it names (same kernels; values tested elsewhere, see above)."""
    G = partnership()
    row = whole_network(G)
    assert row["n"] == G.number_of_nodes() and row["ties"] == G.number_of_edges()
    assert row["density"] == pytest.approx(density(G))
    assert row["reciprocity_dyad"] == pytest.approx(reciprocity(G, "dyad"))
    assert row["reciprocity_arc"] == pytest.approx(reciprocity(G, "arc"))
    assert row["transitivity"] == pytest.approx(transitivity(G))
    assert row["components"] == len(components(G))
    assert row["strong_components"] == len(components(G, "strong"))
    assert row["isolates"] == len(isolates(G)) == 1
    assert row["avg_distance"] == pytest.approx(average_distance(G))
    assert row["diameter"] == diameter(G)
    assert row["connectedness"] == pytest.approx(connectedness(G))
    assert row["degree_centralization_in"] == pytest.approx(degree_centralization(G, "in"))
    assert row["degree_centralization_out"] == pytest.approx(degree_centralization(G, "out"))
    assert row["betweenness_centralization"] == pytest.approx(betweenness_centralization(G))
    assert row["closeness_centralization_in"] == pytest.approx(closeness_centralization(G, "in"))
    assert row["closeness_centralization_out"] == pytest.approx(closeness_centralization(G, "out"))
    shares = [k for k in row.index if k not in ("n", "ties", "components", "strong_components",
                                                "isolates", "avg_distance", "diameter")]
    assert ((row[shares] >= 0) & (row[shares] <= 1)).all()


def test_average_distance_from_closeness_agrees_with_the_histogram():
    """Two independent routes through igraph: per-node farness and the path-length histogram."""
    from partnet.metrics._geodesic import farness, reach
    from partnet.metrics._graph import graph_data

    gd = graph_data(partnership())
    assert farness(gd, "out").sum() / reach(gd, "out").sum() == pytest.approx(average_distance(partnership()))


def test_star_and_line_tables():
    star = nx.star_graph(4)
    nx.set_node_attributes(star, "A", "organisation")
    row = whole_network(star)
    centralizations = ["degree_centralization", "betweenness_centralization", "closeness_centralization"]
    assert row[centralizations].tolist() == [1.0, 1.0, 1.0]
    t = node_table(star)
    assert t.loc[0, "degree"] == 4 and t.loc[0, "coordinator"] == 12  # ordered leaf pairs
    line = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(line, {"a": "X", "b": "Y", "c": "X"}, "organisation")
    t = node_table(line)
    assert t.loc["b"][["betweenness", "consultant", "brokerage_total", "ei"]].tolist() == [1.0, 1, 1, 1.0]


def test_one_node_graph_is_defined():
    G = nx.DiGraph()
    G.add_node("solo", organisation="A")
    t = node_table(G)
    assert t.loc["solo", ["in_degree", "out_degree", "betweenness", "closeness_in", "closeness_out",
                          "eigenvector", "effective_size", "brokerage_total"]].tolist() == [0, 0, 0, 0, 0, 0, 0, 0]
    assert t.loc["solo", "pagerank"] == 1.0
    assert t[["efficiency", "constraint", "hierarchy", "ei"]].isna().all().all()
    row = whole_network(G)
    assert (row["n"], row["ties"], row["components"], row["isolates"]) == (1.0, 0.0, 1.0, 1.0)
    assert row[["density", "reciprocity_dyad", "transitivity", "avg_distance", "diameter",
                "degree_centralization_in", "betweenness_centralization",
                "closeness_centralization_out"]].isna().all()


def test_isolates_only():
    G = nx.Graph()
    G.add_nodes_from(["a", "b", "c"], organisation="A")
    row = whole_network(G)
    assert (row["density"], row["components"], row["isolates"]) == (0.0, 3.0, 3.0)
    assert row["degree_centralization"] == 0.0 and row["closeness_centralization"] == 0.0
    t = node_table(G)
    assert (t["eigenvector"] == 0).all() and t["pagerank"].sum() == pytest.approx(1.0)


def test_disconnected_network():
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "x")])
    nx.set_node_attributes(G, "A", "organisation")
    row = whole_network(G)
    assert row["components"] == 2.0
    assert row["avg_distance"] == pytest.approx((1 + 1 + 2 + 1 + 1) / 5)
    assert row["connectedness"] == pytest.approx(5 / 20)
    t = node_table(G)
    assert t.loc["x", "closeness_out"] == pytest.approx(1 / 4)  # reaches 1 of 4 at distance 1
    assert t.loc["x", "eigenvector"] == 0.0  # UCINET's dominant vector lives on the larger eigenvalue
    assert np.isfinite(t["closeness_in"]).all() and np.isfinite(t["betweenness_norm"]).all()


def test_undirected_graph_tables():
    K = nx.karate_club_graph()
    t = node_table(K, partition="club")
    # one degree and one closeness for undirected data, as UCINET reports it
    assert tuple(t.columns) == UNDIRECTED_NODE_TABLE_COLUMNS
    D = node_table(K.to_directed(), partition="club")
    assert (t["degree"] == D["in_degree"]).all() and (t["degree"] == D["out_degree"]).all()
    assert (t["degree_norm"] == D["in_degree_norm"]).all()
    assert (t["closeness"] == D["closeness_in"]).all() and (t["closeness"] == D["closeness_out"]).all()
    assert t.loc[0, "degree"] == 16 and t.loc[33, "degree"] == 17
    assert (t["gatekeeper"] == t["representative"]).all()
    row = whole_network(K)
    assert row["ties"] == 78.0 and round(row["density"], 3) == 0.139 and round(row["transitivity"], 3) == 0.256
    assert tuple(row.index) == UNDIRECTED_WHOLE_NETWORK_FIELDS
    d = np.array([k for _, k in K.degree()])
    assert row["degree_centralization"] == pytest.approx((d.max() - d).sum() / (33 * 32))  # Freeman, undirected


def test_without_partition_the_group_columns_are_left_out():
    t = node_table(partnership(), partition=None)
    assert "liaison" not in t.columns and "ei" not in t.columns and "betweenness" in t.columns


def test_an_edited_graph_is_never_served_stale_results():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert betweenness(G, normalized=False)["b"] == 1.0
    G.add_edge("a", "c")
    assert betweenness(G, normalized=False)["b"] == 0.0
    G.remove_edge("a", "c")
    G.add_edge("c", "a")
    assert node_table(G, partition=None).loc["b", "betweenness"] == 1.0


@pytest.mark.parametrize("func", [node_table, whole_network], ids=["node_table", "whole_network"])
def test_empty_graph_is_a_clear_error(func):
    with pytest.raises(GraphError, match="no nodes"):
        func(nx.DiGraph())


def test_missing_partition_is_a_clear_error():
    G = nx.DiGraph([("a", "b")])
    with pytest.raises(ParameterError,
                       match=r"partition must be an attribute the nodes have \(none\); 'organisation' was given"):
        node_table(G)
    assert math.isfinite(whole_network(G)["density"])


@pytest.mark.parametrize("func,fields", [(node_table, NODE_TABLE_COLUMNS), (whole_network, WHOLE_NETWORK_FIELDS)],
                         ids=["node_table", "whole_network"])
def test_every_field_is_documented_in_the_docstring_table(func, fields):
    """Each column or field starts a row of the docstring's field table, spelled out."""
    import inspect
    import re

    doc = inspect.getdoc(func)
    rows = set(re.findall(r"^ {4}([a-z_]+) +\S", doc, re.M))  # first column of the table
    assert set(fields) <= rows, sorted(set(fields) - rows)

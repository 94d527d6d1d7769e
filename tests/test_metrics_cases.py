"""The designed differences between the bundled cases, restated with partnet's own measures."""

from __future__ import annotations

from pathlib import Path

import pytest

import partnet
from partnet.metrics import brokerage, brokerage_ratio, node_table, whole_network

CASES = Path(__file__).resolve().parents[1] / "data" / "examples"
NORTH = {"Corrick Council", "Polwithen Council", "Polwithen Community Network"}  # coastal (data/README.md)


@pytest.fixture(scope="module")
def graphs():
    return {cid: partnet.load_case(CASES / cid).graph() for cid in ("shire", "metro", "coastal")}


@pytest.fixture(scope="module")
def profiles(graphs):
    return {cid: whole_network(G) for cid, G in graphs.items()}


def test_metro_is_denser_than_shire(profiles):
    assert profiles["metro"]["density"] > profiles["shire"]["density"]
    assert round(profiles["shire"]["density"], 3) == 0.063
    assert round(profiles["metro"]["density"], 3) == 0.144


def test_shire_is_more_centralized_than_metro(profiles):
    shire, metro = profiles["shire"], profiles["metro"]
    assert shire["degree_centralization_in"] > metro["degree_centralization_in"]
    assert round(shire["degree_centralization_in"], 3) == 0.616  # as data/README.md reports
    assert round(metro["degree_centralization_in"], 3) == 0.204
    assert shire["betweenness_centralization"] > metro["betweenness_centralization"]


def test_shire_hub_is_the_partnership_team(graphs):
    G = graphs["shire"]
    table = node_table(G)
    top = table["in_degree"].idxmax()
    assert G.nodes[top]["org_type"] == "partnership team"
    assert table["betweenness"].idxmax() == top


def cross_cluster_ties(G):
    north = {v: G.nodes[v]["organisation"] in NORTH for v in G}
    return {v: sum(north[u] != north[v] for u in set(G.successors(v)) | set(G.predecessors(v))) for v in G}


def test_coastal_brokers_hold_liaison_and_gatekeeper_roles(graphs):
    G = graphs["coastal"]
    ties = cross_cluster_ties(G)
    spanners = sorted(ties, key=ties.get, reverse=True)[:2]
    assert ties[spanners[0]] > ties[spanners[1]] > max(v for k, v in ties.items() if k not in spanners)
    roles = brokerage(G)
    for person in spanners:
        assert roles.loc[person, "liaison"] > 0 and roles.loc[person, "gatekeeper"] > 0
    # the two spanners broker more liaison paths than anyone else; the main one mostly liaison
    assert set(roles["liaison"].nlargest(2).index) == set(spanners)
    main = roles.loc[spanners[0]]
    assert main[["coordinator", "consultant", "gatekeeper", "representative", "liaison"]].idxmax() == "liaison"
    assert brokerage_ratio(G).loc[spanners[0], "gatekeeper"] > 1
    assert node_table(G)["betweenness"].idxmax() == spanners[0]

"""The columns shown beside opinion leaders and boundary spanners, next to the rule that flags them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import partnet as pn
from partnet.metrics import node_table
from partnet.viz.keypeople import BOUNDARY_SPANNER_COLUMNS, OPINION_LEADER_COLUMNS, SPANNING_ROLES, key_people

EXAMPLE = Path(__file__).parent / "fixtures" / "example"


def test_columns_are_node_table_columns_led_by_the_measures_of_the_rule():
    assert OPINION_LEADER_COLUMNS == ("in_degree", "in_degree_norm", "eigenvector", "pagerank")
    assert BOUNDARY_SPANNER_COLUMNS == ("coordinator", "consultant", "gatekeeper", "representative", "liaison",
                                        "brokerage_total", "ei", "effective_size", "constraint")
    assert set(SPANNING_ROLES) < set(BOUNDARY_SPANNER_COLUMNS)
    nodes = node_table(pn.load_case(EXAMPLE).graph())
    assert set(OPINION_LEADER_COLUMNS) <= set(nodes.columns)
    assert set(BOUNDARY_SPANNER_COLUMNS) <= set(nodes.columns)


def test_spanner_table_of_the_example_case():
    nodes = node_table(pn.load_case(EXAMPLE).graph())
    flags = key_people(nodes)
    spanners = nodes.loc[flags["boundary_spanner"], list(BOUNDARY_SPANNER_COLUMNS)]
    # p1 -> p2 -> p3: p2 (Northvale) passes a Northvale tie on to Eastmarsh, a representative
    expected = pd.DataFrame({"coordinator": [0], "consultant": [0], "gatekeeper": [0], "representative": [1],
                             "liaison": [0], "brokerage_total": [1]}, index=pd.Index(["p2"], name="person_id"))
    pd.testing.assert_frame_equal(spanners[expected.columns.tolist()], expected, check_dtype=False)
    assert spanners.at["p2", "constraint"] == 0.5
    leaders = nodes.loc[flags["opinion_leader"], list(OPINION_LEADER_COLUMNS)]
    assert list(leaders.columns) == list(OPINION_LEADER_COLUMNS)

"""The graph inputs of the publication figures: the graph checked, node values read (not API).

The network drawings (:mod:`partnet.viz.sociograms`) and the statistical
charts (:mod:`partnet.viz.charts`) take a case graph and optionally a
node table; both check the graph and read node attributes here, so a
wrong graph or attribute name gets the same message from every figure.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from partnet.errors import GraphError, choice_error

__all__ = ["check_graph", "node_values"]


def check_graph(G) -> None:
    """Raise :class:`GraphError` unless ``G`` is a networkx graph with nodes."""
    if not isinstance(G, nx.Graph):
        raise GraphError(f"expected a networkx graph (case.graph()); {type(G).__name__} was given")
    if G.number_of_nodes() == 0:
        raise GraphError("the graph has no nodes: nothing to draw")


def node_values(G, attr, node_table=None, name: str = "attribute") -> list:
    """The values of a node attribute or node-table column; ``name`` is the option that gave ``attr``."""
    if node_table is not None and attr in node_table.columns:
        return [None if pd.isna(x) else x for x in node_table.loc[list(G), attr]]
    if any(attr in d for _, d in G.nodes(data=True)):
        return [G.nodes[v].get(attr) for v in G]
    known = sorted({a for _, d in G.nodes(data=True) for a in d} - {"name", "pseudonym"}
                   | (set(node_table.columns) if node_table is not None else set()))
    raise choice_error(attr, known, name, what="a node attribute or a node-table column")

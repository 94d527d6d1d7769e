"""The organisation-level network: people collapsed into their organisations."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from partnet.metrics._graph import graph_data, partition_codes

__all__ = ["organisation_graph", "organisation_ties"]


def organisation_ties(G, partition="organisation", weight: str | None = None) -> pd.DataFrame:
    """Number of person-to-person ties from each organisation to each other.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The people network.
    partition : str or mapping, default "organisation"
        Node attribute naming each person's organisation, or a mapping.
    weight : str, optional
        Edge attribute of tie values: sum the values instead of counting.

    Returns
    -------
    pandas.DataFrame
        Square table, rows sending organisations, columns receiving ones;
        the diagonal holds ties inside each organisation. For an
        undirected graph the table is symmetric and an edge inside an
        organisation is counted once.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a1", "b1"), ("a2", "b1"), ("b1", "a1"), ("a1", "a2")])
    >>> nx.set_node_attributes(G, {v: v[0].upper() for v in G}, "organisation")
    >>> organisation_ties(G)
    organisation    A    B
    organisation
    A             1.0  2.0
    B             1.0  0.0

    Notes
    -----
    UCINET's Data > Collapse with the sum rule; divide by the number of
    possible pairs for densities (:func:`block_density`).
    """
    gd = graph_data(G, weight)
    codes, labels = partition_codes(G, gd.nodes, partition)
    k = len(labels)
    values = gd.weight if gd.weight is not None else np.ones(gd.arcs)
    totals = np.zeros((k, k))
    np.add.at(totals, (codes[gd.src], codes[gd.dst]), values)
    if not gd.directed:
        totals[np.diag_indices(k)] /= 2
    name = partition if isinstance(partition, str) else "group"
    return pd.DataFrame(totals, index=pd.Index(labels, name=name), columns=pd.Index(labels, name=name))


def organisation_graph(G, partition="organisation", weight: str | None = None):
    """Collapse people into organisations: a weighted organisation network.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The people network.
    partition : str or mapping, default "organisation"
        Node attribute naming each person's organisation, or a mapping.
    weight : str, optional
        Edge attribute of tie values; when given, each organisation tie
        also carries ``value`` (the sum of tie values).

    Returns
    -------
    networkx.DiGraph or networkx.Graph
        Same kind as ``G``. Nodes are organisations with ``people`` (how
        many), ``internal_ties`` and ``internal_density`` (``nan`` for an
        organisation of one person), and the organisation attributes of its
        people (those named ``org_*``, e.g. ``org_type``, ``org_size``)
        when all members agree; person attributes (names, roles) are never
        copied. Edges join
        organisations with at least one tie between their people and carry
        ``ties`` (count), ``density`` (ties / (n_g n_h)) and ``weight``
        (= ``ties``, for drawing and weighted measures).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a1", "b1"), ("a2", "b1"), ("b1", "a1"), ("a1", "a2")])
    >>> nx.set_node_attributes(G, {v: v[0].upper() for v in G}, "organisation")
    >>> O = organisation_graph(G)
    >>> O.edges["A", "B"]
    {'ties': 2, 'density': 1.0, 'weight': 2}
    >>> O.nodes["A"]["people"], O.nodes["A"]["internal_density"]
    (2, 0.5)

    Notes
    -----
    The organisation network of an interorganisational study
    (Wasserman & Faust 1994, section 10.3, "reduced graph"): the
    density between two organisations is the share of possible
    person-to-person ties present, comparable across organisations of
    different sizes, unlike raw counts.
    """
    gd = graph_data(G, weight)
    codes, labels = partition_codes(G, gd.nodes, partition)
    k = len(labels)
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (codes[gd.src], codes[gd.dst]), 1)
    values = None
    if weight is not None:
        values = np.zeros((k, k))
        np.add.at(values, (codes[gd.src], codes[gd.dst]), gd.weight)
    size = np.bincount(codes, minlength=k)
    O = nx.DiGraph() if gd.directed else nx.Graph()
    O.graph.update({key: val for key, val in G.graph.items()})
    O.graph["partition"] = partition if isinstance(partition, str) else "group"
    members: dict[int, list] = {}
    for v, c in zip(gd.nodes, codes):
        members.setdefault(int(c), []).append(v)
    for c, label in enumerate(labels):
        attrs = _shared_attributes(G, members[c], skip=(partition if isinstance(partition, str) else None,))
        internal = int(counts[c, c]) if gd.directed else int(counts[c, c] // 2)
        pairs = size[c] * (size[c] - 1) if gd.directed else size[c] * (size[c] - 1) / 2
        attrs.update(people=int(size[c]), internal_ties=internal,
                     internal_density=float(internal / pairs) if pairs > 0 else float("nan"))
        O.add_node(label, **attrs)
    for g in range(k):
        for h in range(k):
            if g == h or counts[g, h] == 0 or (not gd.directed and h < g):
                continue
            ties = int(counts[g, h])
            data = {"ties": ties, "density": float(ties / (size[g] * size[h])), "weight": ties}
            if values is not None:
                data["value"] = float(values[g, h])
            O.add_edge(labels[g], labels[h], **data)
    return O


def _shared_attributes(G, people, skip=()) -> dict:
    """``org_*`` attributes with one value across all ``people``."""
    first = G.nodes[people[0]]
    shared = {}
    for key, value in first.items():
        if key in skip or not str(key).startswith("org_"):
            continue
        try:
            if all(G.nodes[p].get(key, _MISSING) == value for p in people[1:]):
                shared[key] = value
        except (TypeError, ValueError):
            continue
    return shared


_MISSING = object()

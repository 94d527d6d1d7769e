"""Cohesion: density, reciprocity, transitivity, components, distances, k-cores.

Every function takes a networkx ``DiGraph`` (ties ``u -> v``) or ``Graph``
(treated as a symmetric digraph: each edge is a tie both ways). Self-loops
are ignored, as UCINET ignores the diagonal. Values that are ratios of
counts are returned as fractions 0..1, and are ``nan`` exactly when their
denominator is empty (each docstring says when).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import csgraph

from partnet.errors import check_choice
from partnet.metrics._geodesic import distance_summary
from partnet.metrics._graph import graph_data, node_series, partition_codes
from partnet.metrics._kernels import core_numbers, transitivity_ratio

__all__ = [
    "density",
    "block_density",
    "reciprocity",
    "transitivity",
    "components",
    "isolates",
    "average_distance",
    "diameter",
    "connectedness",
    "k_cores",
]


def density(G, weight: str | None = None) -> float:
    """Density: the share of possible ties that are present.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    weight : str, optional
        Edge attribute holding tie values (e.g. ``"frequency"``). When given,
        the valued density (mean tie value over all possible pairs) is
        returned instead of the binary one.

    Returns
    -------
    float
        Binary: ties / (n (n - 1)) for a digraph, 2 ties / (n (n - 1)) for
        an undirected graph, a fraction 0..1. Valued: sum of tie values over
        the same denominator. ``nan`` for a graph of one node (no pairs).

    Raises
    ------
    GraphError
        No nodes, a multigraph, or (valued) ties without the weight.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    >>> density(G)
    0.5
    >>> nx.set_edge_attributes(G, 4, "frequency")
    >>> density(G, weight="frequency")
    2.0

    Notes
    -----
    UCINET's Network > Cohesion > Density: the sum of the matrix, diagonal
    excluded, divided by n (n - 1); an undirected graph is a symmetric
    matrix, so each edge counts in both cells and the result equals the
    usual 2m / (n (n - 1)) (Wasserman & Faust 1994, section 4.2).

    References
    ----------
    .. [1] Wasserman, S. & Faust, K. (1994). Social Network Analysis.
       Cambridge University Press, p. 101.
    """
    gd = graph_data(G, weight)
    if gd.n < 2:
        return float("nan")
    total = float(gd.weight.sum()) if weight is not None else float(gd.arcs)
    return total / (gd.n * (gd.n - 1))


def block_density(G, partition="organisation", weight: str | None = None) -> pd.DataFrame:
    """Density within and between groups (the block density table).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    partition : str or mapping, default "organisation"
        Node attribute naming each person's group, or a mapping node -> group.
    weight : str, optional
        Edge attribute of tie values for valued densities.

    Returns
    -------
    pandas.DataFrame
        Rows are sending groups, columns receiving groups (both sorted).
        Cell (g, h) is the ties from g to h divided by n_g n_h when g != h
        and by n_g (n_g - 1) on the diagonal. A diagonal cell of a group of
        one person is ``nan`` (no pairs inside it).

    Raises
    ------
    ParameterError
        An attribute no node carries.
    GraphError
        Nodes without a group, or the usual graph problems.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from(["a1", "a2"], organisation="A")
    >>> G.add_nodes_from(["b1", "b2"], organisation="B")
    >>> G.add_edges_from([("a1", "a2"), ("a2", "a1"), ("a1", "b1")])
    >>> block_density(G)
    organisation    A     B
    organisation
    A             1.0  0.25
    B             0.0  0.00

    Notes
    -----
    UCINET's Network > Cohesion > Density > Density by groups: the mean of
    each block of the matrix permuted by the partition, diagonal cells
    excluded (Wasserman & Faust 1994, section 10.3). For an undirected
    graph the table is symmetric.
    """
    gd = graph_data(G, weight)
    codes, labels = partition_codes(G, gd.nodes, partition)
    k = len(labels)
    values = gd.weight if weight is not None else np.ones(gd.arcs)
    totals = np.zeros((k, k))
    np.add.at(totals, (codes[gd.src], codes[gd.dst]), values)
    size = np.bincount(codes, minlength=k).astype(float)
    pairs = np.outer(size, size)
    np.fill_diagonal(pairs, size * (size - 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        table = np.where(pairs > 0, totals / np.where(pairs > 0, pairs, 1), np.nan)
    name = partition if isinstance(partition, str) else "group"
    index = pd.Index(labels, name=name)
    return pd.DataFrame(table, index=index, columns=pd.Index(labels, name=name))


def reciprocity(G, method: str = "dyad") -> float:
    """Reciprocity of a directed network.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; an undirected graph is fully reciprocal (1.0).
    method : {"dyad", "arc"}, default "dyad"
        ``"dyad"``: mutual pairs / pairs with any tie. ``"arc"``: ties that
        are returned / all ties.

    Returns
    -------
    float
        A fraction 0..1; ``nan`` when there are no ties.

    Raises
    ------
    ParameterError
        An unknown method.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    >>> reciprocity(G, "dyad")   # 1 mutual pair of 2 connected pairs
    0.5
    >>> round(reciprocity(G, "arc"), 4)   # 2 of 3 ties are returned
    0.6667

    Notes
    -----
    UCINET's Network > Cohesion > Reciprocity, dyad and arc methods. With M
    mutual and A asymmetric dyads, dyad reciprocity is M / (M + A) and arc
    reciprocity 2M / (2M + A) (Wasserman & Faust 1994, section 13.2).
    """
    check_choice(method, ("dyad", "arc"), "method")
    gd = graph_data(G)
    if gd.arcs == 0:
        return float("nan")
    if not gd.directed:
        return 1.0
    A = gd.A
    mutual_arcs = float(A.multiply(A.T).sum())
    asym = gd.arcs - mutual_arcs
    if method == "arc":
        return mutual_arcs / gd.arcs
    m = mutual_arcs / 2
    return m / (m + asym)


def transitivity(G) -> float:
    """Transitivity: the share of 2-paths i -> j -> k whose i -> k tie is present.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network (undirected: a symmetric digraph).

    Returns
    -------
    float
        Transitive ordered triples / ordered triples i -> j -> k with i != k,
        a fraction 0..1; ``nan`` when the graph has no 2-path.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> round(transitivity(G), 4)   # 3 two-paths, a->b->c is closed
    0.3333
    >>> transitivity(nx.complete_graph(4))
    1.0

    Notes
    -----
    UCINET's Network > Cohesion > Transitivity, "percentage of ordered
    triples in which i -> j and j -> k that are transitive" (Wasserman &
    Faust 1994, section 6.2.4). For an undirected graph this equals the
    global clustering coefficient (networkx ``transitivity``): the
    Florentine marriage network gives 0.191 and Zachary's karate club
    0.256, as UCINET reports.
    """
    gd = graph_data(G)
    return transitivity_ratio(gd)


def components(G, connection: str = "weak") -> list[set]:
    """Components: weak (ties in either direction) or strong (mutual reach).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    connection : {"weak", "strong"}, default "weak"
        Weak components join people tied in either direction; strong
        components join people who reach each other along directed paths.
        The same for an undirected graph.

    Returns
    -------
    list of set
        Node sets, largest first (ties in size broken by first appearance
        in ``G``). An isolate is a component of its own.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "b")])
    >>> G.add_node("z")
    >>> [sorted(c) for c in components(G)]
    [['a', 'b', 'c'], ['z']]
    >>> [sorted(c) for c in components(G, "strong")]
    [['b', 'c'], ['a'], ['z']]

    Notes
    -----
    UCINET's Network > Regions > Components (Wasserman & Faust 1994,
    section 4.3.3); ``whole_network`` reports the number of weak components.
    """
    check_choice(connection, ("weak", "strong"), "connection")
    gd = graph_data(G)
    labels = _component_labels(gd, connection)
    return _label_sets(gd.nodes, labels)


def _component_labels(gd, connection: str) -> np.ndarray:
    _, labels = csgraph.connected_components(gd.A, directed=gd.directed, connection=connection)
    return labels


def _label_sets(nodes, labels) -> list[set]:
    groups: dict[int, list] = {}
    for v, lab in zip(nodes, labels):
        groups.setdefault(int(lab), []).append(v)
    ordered = sorted(groups.values(), key=lambda members: -len(members))
    return [set(m) for m in ordered]


def isolates(G) -> list:
    """People with no tie in either direction.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.

    Returns
    -------
    list
        Isolated nodes in the order of ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b")])
    >>> G.add_nodes_from(["c", "d"])
    >>> isolates(G)
    ['c', 'd']

    Notes
    -----
    A node whose only tie is a self-loop is an isolate (the diagonal is
    ignored, as in UCINET).
    """
    gd = graph_data(G)
    deg = gd.in_degree + gd.out_degree
    return [v for v, d in zip(gd.nodes, deg) if d == 0]


def average_distance(G) -> float:
    """Mean geodesic distance among ordered pairs where one reaches the other.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; paths follow tie direction in a digraph.

    Returns
    -------
    float
        Mean shortest-path length over reachable ordered pairs (i, j),
        i != j; ``nan`` when no one reaches anyone (no ties).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> G.add_node("z")
    >>> average_distance(G)   # a->b 1, b->c 1, a->c 2
    1.3333333333333333

    Notes
    -----
    UCINET's Network > Cohesion > Distance, "average distance among
    reachable pairs": unreachable pairs are left out rather than given a
    large distance, so the value describes the connected part of the
    network; read it beside :func:`connectedness`. Computed with igraph's
    breadth-first searches.
    """
    return float(distance_summary(graph_data(G))["mean"])


def diameter(G) -> float:
    """The longest geodesic among pairs where one reaches the other.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; paths follow tie direction in a digraph.

    Returns
    -------
    float
        Length of the longest shortest path between reachable pairs (a
        whole number); ``nan`` when there are no ties.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> G.add_edge("x", "y")
    >>> diameter(G)
    2.0

    Notes
    -----
    UCINET reports the diameter of a disconnected network among reachable
    pairs (Network > Cohesion > Distance); the graph-theoretic diameter of
    a disconnected graph is infinite (Wasserman & Faust 1994, section
    4.2.4).
    """
    return float(distance_summary(graph_data(G))["max"])


def connectedness(G) -> float:
    """Share of ordered pairs (i, j) in which i can reach j.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; paths follow tie direction in a digraph.

    Returns
    -------
    float
        Reachable ordered pairs / n (n - 1), a fraction 0..1; ``nan`` for a
        graph of one node.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> connectedness(G)   # a->b, a->c, b->c of 6 ordered pairs
    0.5

    Notes
    -----
    Krackhardt's (1994) connectedness, UCINET's Network > Cohesion >
    Distance "connectedness" (there for undirected reach by default; here
    along tie direction).

    References
    ----------
    .. [1] Krackhardt, D. (1994). Graph theoretical dimensions of informal
       organizations. In Carley & Prietula (eds), Computational
       Organization Theory, 89-111.
    """
    gd = graph_data(G)
    if gd.n < 2:
        return float("nan")
    return distance_summary(gd)["pairs"] / (gd.n * (gd.n - 1))


def k_cores(G, mode: str = "all") -> pd.Series:
    """Core number of every person (the largest k of a k-core they belong to).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    mode : {"all", "in", "out"}, default "all"
        ``"all"``: the underlying undirected graph (a tie in either
        direction makes two people neighbours, a mutual tie counts once).
        ``"in"``/``"out"``: cores by in- or out-degree of the digraph.

    Returns
    -------
    pandas.Series
        Core number per node (int), indexed by node.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.complete_graph(["a", "b", "c"])
    >>> G.add_edge("c", "d")
    >>> k_cores(G).to_dict()
    {'a': 2, 'b': 2, 'c': 2, 'd': 1}

    Notes
    -----
    Seidman's (1983) k-cores, as UCINET's Network > Regions > K-Core; a
    k-core is a maximal subgroup in which everyone has at least k ties to
    other members. Computed with igraph's ``coreness``.

    References
    ----------
    .. [1] Seidman, S. B. (1983). Network structure and minimum degree.
       Social Networks 5, 269-287.
    """
    check_choice(mode, ("all", "in", "out"), "mode")
    gd = graph_data(G)
    return node_series(gd, core_numbers(gd, mode), "k_core")

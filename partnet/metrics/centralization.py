"""Freeman centralization of degree, betweenness and closeness.

A centralization is the sum of differences between the most central
person's score and everyone else's, divided by the largest value that sum
can take in any network of the same size and kind (Freeman 1979); 1 is a
perfect star, 0 a network where everyone scores the same. Each function
reuses the node measures of :mod:`partnet.metrics.centrality` (computed
once per graph).
"""

from __future__ import annotations

from partnet.errors import check_choice
from partnet.metrics._graph import graph_data
from partnet.metrics._kernels import (
    centralization_of_betweenness,
    centralization_of_closeness,
    centralization_of_degree,
)

__all__ = ["degree_centralization", "betweenness_centralization", "closeness_centralization"]


def degree_centralization(G, direction: str = "in") -> float:
    """Freeman degree centralization.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    direction : {"in", "out"}, default "in"
        In- or out-degree; ignored for an undirected graph.

    Returns
    -------
    float
        A fraction 0..1: 1 for a star (a digraph: one person names, or is
        named by, everyone and no one else names anyone). ``nan`` when no
        network of that size can be centralized (undirected n <= 2, a
        one-node digraph).

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centralization(nx.star_graph(4))
    1.0
    >>> degree_centralization(nx.cycle_graph(5))
    0.0
    >>> G = nx.DiGraph([("b", "a"), ("c", "a"), ("d", "a")])
    >>> degree_centralization(G, "in"), round(degree_centralization(G, "out"), 4)
    (1.0, 0.1111)

    Notes
    -----
    Freeman (1979), as UCINET's Network > Centrality > Degree reports it:
    sum over people of (largest degree - degree), divided by its largest
    possible value, (n - 1)(n - 2) for an undirected graph (the star) and
    (n - 1)^2 for in- or out-degree of a digraph (the in- or out-star).
    Because of the different maxima a symmetric digraph scores lower than
    the same network read as an undirected graph; symmetrize undirected
    data first (:func:`partnet.metrics.symmetrize`).
    """
    check_choice(direction, ("in", "out"), "direction")
    return centralization_of_degree(graph_data(G), direction)


def betweenness_centralization(G) -> float:
    """Freeman betweenness centralization.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.

    Returns
    -------
    float
        A fraction 0..1; ``nan`` for fewer than three people.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness_centralization(nx.star_graph(4))
    1.0
    >>> round(betweenness_centralization(nx.path_graph(5)), 4)
    0.4167

    Notes
    -----
    Freeman (1979): sum(max - b_i) over normalised betweenness, divided by
    n - 1, its value for the star; in raw units the maximum is
    (n - 1)^2 (n - 2) / 2 for undirected data and (n - 1)^2 (n - 2) for a
    digraph (the star with mutual ties), the denominators UCINET's Freeman
    Betweenness uses. The betweenness scores are shared with
    :func:`partnet.metrics.betweenness`.
    """
    return centralization_of_betweenness(graph_data(G))


def closeness_centralization(G, direction: str = "out") -> float:
    """Freeman closeness centralization.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    direction : {"out", "in"}, default "out"
        Out- or in-closeness; ignored for an undirected graph.

    Returns
    -------
    float
        A fraction 0..1; ``nan`` when no network of that size can be
        centralized (undirected n <= 2, a one-node digraph).

    Examples
    --------
    >>> import networkx as nx
    >>> closeness_centralization(nx.star_graph(4))
    1.0
    >>> G = nx.DiGraph([("hub", p) for p in "abcd"])   # the hub names everyone
    >>> closeness_centralization(G, "out"), closeness_centralization(G, "in")
    (1.0, 0.0625)

    Notes
    -----
    Freeman (1979) over the closeness of :func:`partnet.metrics.closeness`
    (normalised, Wasserman-Faust corrected for unreachable people). The
    denominator is the largest possible sum of differences for that
    measure: (n - 1)(n - 2) / (2n - 3) for an undirected graph, Freeman's
    value for the star (UCINET's Network > Centrality > Closeness); n - 1
    for a digraph, reached by the out-star (in-star for in-closeness), where
    the centre reaches everyone in one step and no one else reaches anyone.
    A symmetric digraph therefore scores lower than the same undirected
    graph.
    """
    check_choice(direction, ("out", "in"), "direction")
    return centralization_of_closeness(graph_data(G), direction)

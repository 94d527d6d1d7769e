"""Centrality of each person: degree, betweenness, closeness, eigenvector, PageRank.

A networkx ``DiGraph`` is analysed with its directions (in- and
out-measures differ); a ``Graph`` is analysed as undirected data, as UCINET
does with a symmetric matrix. Geodesic measures run on igraph's C core and
are shared between calls (see :func:`partnet.metrics.clear_cache`).
Every function returns a pandas Series indexed by node (``person_id``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnet.errors import check_choice
from partnet.metrics._geodesic import betweenness_raw, closeness_wf
from partnet.metrics._graph import graph_data, node_series
from partnet.metrics._kernels import betweenness_max, eigenvector_scores, pagerank_scores

__all__ = ["degree", "betweenness", "closeness", "eigenvector", "pagerank"]


def degree(G, direction: str = "out", normalized: bool = False, weight: str | None = None) -> pd.Series:
    """Degree centrality: ties sent, received or both.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    direction : {"out", "in", "all"}, default "out"
        Out-degree (people named), in-degree (named by), or all (in + out;
        a mutual tie counts twice). Ignored for an undirected graph.
    normalized : bool, default False
        Divide by the largest possible value: n - 1 for in/out degree and
        undirected degree, 2 (n - 1) for all-degree of a digraph; valued
        degree is further divided by the largest tie value.
    weight : str, optional
        Edge attribute of tie values: sum values instead of counting ties.

    Returns
    -------
    pandas.Series
        One value per node, named ``"<direction>_degree"`` (``"degree"``
        for all). Normalised values of a one-node graph are 0.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "a")])
    >>> degree(G, "in").to_dict()
    {'a': 1.0, 'b': 1.0, 'c': 1.0}
    >>> degree(G, "out", normalized=True).to_dict()
    {'a': 1.0, 'b': 0.5, 'c': 0.0}

    Notes
    -----
    Freeman (1979) degree; UCINET's Network > Centrality > Degree, which
    reports in- and out-degree separately for directed data and divides by
    n - 1 (times the largest value for valued data) to normalise. The
    questionnaire direction matters: out-degree counts whom a respondent
    named, in-degree how often others named them (non-respondents have
    out-degree 0 by design).
    """
    check_choice(direction, ("out", "in", "all"), "direction")
    gd = graph_data(G, weight)
    values, top = _degree(gd, direction, weight is not None)
    if normalized:
        values = values / top if top > 0 else np.zeros(gd.n)
    name = "degree" if direction == "all" or not gd.directed else f"{direction}_degree"
    return node_series(gd, values, name)


def _degree(gd, direction: str, valued: bool = False):
    """Raw degree values and the largest possible value."""
    if valued:
        W = gd.W
        out_v = np.asarray(W.sum(axis=1)).ravel()
        in_v = np.asarray(W.sum(axis=0)).ravel()
        scale = float(gd.weight.max()) if gd.weight is not None and gd.weight.size else 1.0
    else:
        out_v, in_v, scale = gd.out_degree, gd.in_degree, 1.0
    top = (gd.n - 1) * scale
    if not gd.directed:
        return out_v, top
    if direction == "out":
        return out_v, top
    if direction == "in":
        return in_v, top
    return out_v + in_v, 2 * top


def betweenness(G, normalized: bool = True) -> pd.Series:
    """Freeman betweenness: how often a person lies on the shortest paths between others.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; paths follow tie direction in a digraph.
    normalized : bool, default True
        Divide by the largest possible value, (n - 1)(n - 2) for a digraph
        and (n - 1)(n - 2) / 2 for an undirected graph, giving 0..1.

    Returns
    -------
    pandas.Series
        One value per node, named ``"betweenness"``. Graphs of fewer than
        three nodes give 0 for everyone (there is no one to be between).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> betweenness(G, normalized=False).to_dict()
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> D = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> betweenness(D).to_dict()   # b brokers a->c, 1 of 2 ordered pairs
    {'a': 0.0, 'b': 0.5, 'c': 0.0}

    Notes
    -----
    Freeman (1979): the sum over pairs (s, t) of the share of s-t
    geodesics through the node. A digraph counts ordered pairs along
    directed paths, an undirected graph unordered pairs, as UCINET's
    Network > Centrality > Freeman Betweenness; the normalised values of a
    symmetric digraph and of the same undirected graph are equal. Computed
    with igraph (Brandes' algorithm); the tests check it against networkx.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual
       clarification. Social Networks 1, 215-239.
    """
    gd = graph_data(G)
    values = betweenness_raw(gd)
    if normalized:
        values = values / betweenness_max(gd) if gd.n > 2 else np.zeros(gd.n)
    return node_series(gd, values, "betweenness")


def closeness(G, direction: str = "out", variant: str = "freeman") -> pd.Series:
    """Closeness: how near a person is to everyone else along shortest paths.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    direction : {"out", "in"}, default "out"
        Out-closeness uses distances from the person to others (how quickly
        they reach others), in-closeness distances from others to them.
        Ignored for an undirected graph.
    variant : {"freeman", "harmonic"}, default "freeman"
        ``"freeman"``: normalised Freeman closeness with the
        Wasserman-Faust correction for people who cannot be reached (see
        Notes). ``"harmonic"``: the mean of reciprocal distances, where an
        unreachable person contributes 0.

    Returns
    -------
    pandas.Series
        Values 0..1, named ``"closeness_<direction>"`` (``"closeness"`` for
        an undirected graph). A person who reaches (or is reached by) no one
        scores 0; so does everyone in a one-node graph.

    Examples
    --------
    >>> import networkx as nx
    >>> star = nx.star_graph(3)   # centre 0, leaves 1..3
    >>> closeness(star).round(3).to_dict()
    {0: 1.0, 1: 0.6, 2: 0.6, 3: 0.6}
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> G.add_node("z")
    >>> closeness(G, "out").round(4).to_dict()   # a reaches 2 of 3 at distances 1, 2
    {'a': 0.4444, 'b': 0.3333, 'c': 0.0, 'z': 0.0}
    >>> closeness(G, "out", variant="harmonic").round(4).to_dict()
    {'a': 0.5, 'b': 0.3333, 'c': 0.0, 'z': 0.0}

    Notes
    -----
    Freeman (1979) closeness is (n - 1) / farness, farness being the sum
    of geodesic distances to the others; it is undefined when someone
    cannot be reached, which questionnaire networks (isolates,
    non-respondents without out-ties) nearly always contain. UCINET offers
    several repairs (Network > Centrality > Closeness). partnet's default
    ``"freeman"`` sums distances over the r people actually reached and
    scales by the share reached:

        C(i) = (r / (n - 1)) * (r / farness_r(i))

    (Lin 1976; Wasserman & Faust 1994, eq. 5.5), which equals Freeman's
    normalised closeness in a (strongly) connected network and stops small
    isolated groups from looking central. ``"harmonic"`` is UCINET's "sum
    of reciprocal distances" normalised by n - 1 (Opsahl et al. 2010). Both
    come from igraph's breadth-first searches.

    References
    ----------
    .. [1] Wasserman, S. & Faust, K. (1994). Social Network Analysis,
       section 5.3.1.
    .. [2] Opsahl, T., Agneessens, F. & Skvoretz, J. (2010). Node centrality
       in weighted networks. Social Networks 32, 245-251.
    """
    check_choice(direction, ("out", "in"), "direction")
    check_choice(variant, ("freeman", "harmonic"), "variant")
    gd = graph_data(G)
    if variant == "freeman":
        values = closeness_wf(gd, direction)
    elif gd.n < 2 or gd.arcs == 0:
        values = np.zeros(gd.n)
    else:
        mode = direction if gd.directed else "all"
        values = np.asarray(gd.igraph.harmonic_centrality(mode=mode, normalized=True), dtype=float)
    name = f"closeness_{direction}" if gd.directed else "closeness"
    return node_series(gd, values, name)


def eigenvector(G, method: str = "dominant", weight: str | None = None) -> pd.Series:
    """Eigenvector centrality of the underlying undirected network.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network. Directions are dropped: a tie either way joins two
        people (the larger value is kept when ``weight`` is given).
    method : {"dominant", "component"}, default "dominant"
        How a disconnected network is handled (see Notes).
    weight : str, optional
        Edge attribute of tie values.

    Returns
    -------
    pandas.Series
        Non-negative scores of unit Euclidean length (over the whole network
        for ``"dominant"``, within each component for ``"component"``),
        named ``"eigenvector"``. A network without ties gives 0 to everyone.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.complete_graph(["a", "b", "c"])   # a triangle ...
    >>> G.add_edge("x", "y")                      # ... and a separate pair
    >>> eigenvector(G).round(4).to_dict()
    {'a': 0.5774, 'b': 0.5774, 'c': 0.5774, 'x': 0.0, 'y': 0.0}
    >>> eigenvector(G, method="component").round(4).to_dict()
    {'a': 0.5774, 'b': 0.5774, 'c': 0.5774, 'x': 0.7071, 'y': 0.7071}

    Notes
    -----
    Bonacich (1972): the principal eigenvector of the adjacency matrix.
    ``"dominant"`` returns what UCINET's Network > Centrality > Eigenvector
    returns: the eigenvector of the largest eigenvalue of the whole matrix,
    which is positive on the component with the largest eigenvalue and 0
    elsewhere (if several components share that eigenvalue, each gets its
    own unit vector times 1 / sqrt(k)). ``"component"`` computes each
    component's principal eigenvector separately, so scores compare people
    within a component only. networkx's power iteration fails on
    disconnected graphs; here each component is solved exactly (LAPACK, or
    ARPACK for components over 200 people). UCINET's normalised score
    (nEigenvec) is this value times sqrt(2) x 100. For the status of people
    in directed data, with unreachable parts handled by damping, use
    :func:`pagerank`.

    References
    ----------
    .. [1] Bonacich, P. (1972). Factoring and weighting approaches to status
       scores and clique identification. Journal of Mathematical
       Sociology 2, 113-120.
    """
    check_choice(method, ("dominant", "component"), "method")
    gd = graph_data(G, weight)
    return node_series(gd, eigenvector_scores(gd, method), "eigenvector")


def pagerank(G, damping: float = 0.85, weight: str | None = None) -> pd.Series:
    """PageRank: status from being named by people who are themselves named.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; in a digraph status flows along ties (u -> v gives v
        status).
    damping : float, default 0.85
        Probability of following a tie rather than jumping to a random
        person; must lie in [0, 1).
    weight : str, optional
        Edge attribute of tie values (status flows in proportion).

    Returns
    -------
    pandas.Series
        Scores summing to 1, named ``"pagerank"``.

    Raises
    ------
    ParameterError
        A damping factor outside [0, 1).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "c"), ("b", "c"), ("c", "a")])
    >>> pr = pagerank(G)
    >>> pr.idxmax(), round(float(pr.sum()), 6)
    ('c', 1.0)

    Notes
    -----
    Brin & Page (1998). Unlike eigenvector centrality it is defined on any
    digraph, connected or not: people who name no one spread their score
    evenly over everyone (the usual treatment of dangling nodes, as in
    networkx and igraph). Computed by power iteration over a sparse matrix
    until the scores change by less than 1e-13 in total (igraph's PRPACK
    solver is multithreaded and erratic on a busy machine); the tests
    check it against networkx.

    References
    ----------
    .. [1] Brin, S. & Page, L. (1998). The anatomy of a large-scale
       hypertextual web search engine. Computer Networks 30, 107-117.
    """
    from partnet.errors import ParameterError

    if not isinstance(damping, (int, float)) or not 0 <= damping < 1:
        raise ParameterError(f"damping must be a number in [0, 1); {damping!r} was given")
    gd = graph_data(G, weight)
    values = pagerank_scores(gd, damping)
    return node_series(gd, values, "pagerank")

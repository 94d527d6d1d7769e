"""The two summary tables: the whole-network profile and one row per person."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import csgraph

from partnet.metrics._geodesic import betweenness_raw, closeness_wf, distance_summary
from partnet.metrics._graph import INDEX_NAME, graph_data, partition_codes
from partnet.metrics._kernels import (
    betweenness_max,
    centralization_of_betweenness,
    centralization_of_closeness,
    centralization_of_degree,
    core_numbers,
    eigenvector_scores,
    hole_measures,
    individual_ei,
    pagerank_scores,
    role_counts,
    transitivity_ratio,
)
from partnet.metrics.brokerage_roles import ROLES

__all__ = ["WHOLE_NETWORK_FIELDS", "NODE_TABLE_COLUMNS", "UNDIRECTED_WHOLE_NETWORK_FIELDS",
           "UNDIRECTED_NODE_TABLE_COLUMNS", "whole_network", "node_table", "measure_for"]

#: Fields of :func:`whole_network`, in order.
WHOLE_NETWORK_FIELDS = (
    "n", "ties", "density", "reciprocity_dyad", "reciprocity_arc", "transitivity",
    "components", "strong_components", "isolates", "avg_distance", "diameter", "connectedness",
    "degree_centralization_in", "degree_centralization_out", "betweenness_centralization",
    "closeness_centralization_in", "closeness_centralization_out",
)

#: Columns of :func:`node_table`, in order (the last seven need a partition).
NODE_TABLE_COLUMNS = (
    "in_degree", "out_degree", "degree", "in_degree_norm", "out_degree_norm",
    "betweenness", "betweenness_norm", "closeness_in", "closeness_out", "eigenvector",
    "pagerank", "k_core", "effective_size", "efficiency", "constraint", "hierarchy",
    "coordinator", "consultant", "gatekeeper", "representative", "liaison", "brokerage_total", "ei",
)


#: In an undirected graph a directed pair of measures is one measure (UCINET reports one degree and
#: one closeness for symmetric data): the name each directed name stands for there.
UNDIRECTED_NAMES = {
    "in_degree": "degree", "out_degree": "degree",
    "in_degree_norm": "degree_norm", "out_degree_norm": "degree_norm",
    "closeness_in": "closeness", "closeness_out": "closeness",
    "degree_centralization_in": "degree_centralization", "degree_centralization_out": "degree_centralization",
    "closeness_centralization_in": "closeness_centralization",
    "closeness_centralization_out": "closeness_centralization",
}

#: Fields of :func:`whole_network` for an undirected graph, in order.
UNDIRECTED_WHOLE_NETWORK_FIELDS = (
    "n", "ties", "density", "transitivity", "components", "isolates", "avg_distance", "diameter",
    "connectedness", "degree_centralization", "betweenness_centralization", "closeness_centralization",
)

#: Columns of :func:`node_table` for an undirected graph, in order (the last seven need a partition).
UNDIRECTED_NODE_TABLE_COLUMNS = (
    "degree", "degree_norm", "betweenness", "betweenness_norm", "closeness", "eigenvector",
    "pagerank", "k_core", "effective_size", "efficiency", "constraint", "hierarchy",
    "coordinator", "consultant", "gatekeeper", "representative", "liaison", "brokerage_total", "ei",
)


def measure_for(name: str, G) -> str:
    """The node-table column (or whole-network field) that stands for ``name`` in ``G``.

    In a directed graph every name stands for itself. In an undirected
    graph in- and out-measures are one measure, so ``in_degree`` and
    ``out_degree`` stand for ``degree``, ``closeness_in`` for
    ``closeness``, ``degree_centralization_in`` for
    ``degree_centralization`` (and their ``_norm`` and ``_out`` forms):
    callers that ask for the in-degree of a person (drawings, opinion
    leaders, the effectiveness profile) get the degree of an undirected
    network.

    Parameters
    ----------
    name : str
        A column of :data:`NODE_TABLE_COLUMNS` or a field of
        :data:`WHOLE_NETWORK_FIELDS`; other names stand for themselves.
    G : networkx.Graph, networkx.DiGraph or bool
        The graph, or whether it is directed.

    Returns
    -------
    str

    Notes
    -----
    For symmetric data UCINET prints one degree, one closeness and one
    centralization of each (Borgatti, Everett & Freeman 2002, *Network >
    Centrality > Degree*): in-degree equals out-degree there, so the
    directed names are the same number under one name.

    Examples
    --------
    >>> import networkx as nx
    >>> measure_for("in_degree", nx.DiGraph()), measure_for("in_degree", nx.Graph())
    ('in_degree', 'degree')
    >>> measure_for("closeness_centralization_out", False)
    'closeness_centralization'
    """
    directed = G if isinstance(G, bool) else G.is_directed()
    return name if directed else UNDIRECTED_NAMES.get(name, name)


def whole_network(G) -> pd.Series:
    """The whole-network profile: size, cohesion and centralization in one row.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; ties are binary (use :func:`dichotomize` first to keep
        only frequent contact).

    Returns
    -------
    pandas.Series
        Named after ``G.graph["case_id"]`` when present, with fields

        ============================ ===============================================
        n                            people (nodes)
        ties                         arcs of a digraph, edges of an undirected graph
        density                      :func:`density` (0..1)
        reciprocity_dyad             :func:`reciprocity`, dyad method
        reciprocity_arc              :func:`reciprocity`, arc method
        transitivity                 :func:`transitivity`
        components                   weak components (an isolate is one)
        strong_components            strong components
        isolates                     people with no tie
        avg_distance                 :func:`average_distance` (reachable pairs)
        diameter                     :func:`diameter` (reachable pairs)
        connectedness                :func:`connectedness` (reachable share)
        degree_centralization_in     :func:`degree_centralization`, in-degree
        degree_centralization_out    :func:`degree_centralization`, out-degree
        betweenness_centralization   :func:`betweenness_centralization`
        closeness_centralization_in  :func:`closeness_centralization`, in
        closeness_centralization_out :func:`closeness_centralization`, out
        ============================ ===============================================

        Shares and centralizations are fractions 0..1.

        An undirected graph has the fields of
        :data:`UNDIRECTED_WHOLE_NETWORK_FIELDS`: one
        ``degree_centralization`` and one ``closeness_centralization``
        (Freeman's undirected forms), and no reciprocity or strong
        components, which UCINET does not report for symmetric data.

    Raises
    ------
    GraphError
        No nodes, a multigraph, or not a networkx graph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    >>> G.add_node("d")
    >>> row = whole_network(G)
    >>> row[["n", "ties", "density", "reciprocity_dyad", "components", "isolates", "diameter"]].to_dict()
    {'n': 4.0, 'ties': 3.0, 'density': 0.25, 'reciprocity_dyad': 0.5, 'components': 2.0, 'isolates': 1.0,
     'diameter': 2.0}

    Notes
    -----
    Each field follows the UCINET convention of the function named above
    (see its Notes). A field is ``nan`` exactly when it is undefined:
    density, connectedness for one person; reciprocity without ties;
    transitivity without 2-paths; distance fields when no one reaches
    anyone; centralizations when no network of that size can be
    centralized (undirected n <= 2, betweenness n <= 2, digraph n = 1).
    Betweenness, distances and reach are computed once per graph and shared
    with :func:`node_table` (igraph's C core).
    """
    gd = graph_data(G)
    n = gd.n
    A = gd.A
    mutual = float(A.multiply(A.T).sum()) if gd.arcs else 0.0
    ties = gd.arcs if gd.directed else gd.arcs / 2
    if gd.arcs == 0:
        rec_dyad = rec_arc = float("nan")
    elif not gd.directed:
        rec_dyad = rec_arc = 1.0
    else:
        rec_arc = mutual / gd.arcs
        rec_dyad = (mutual / 2) / (mutual / 2 + gd.arcs - mutual)
    weak = csgraph.connected_components(A, directed=gd.directed, connection="weak")[0]
    strong = csgraph.connected_components(A, directed=gd.directed, connection="strong")[0]
    dist = distance_summary(gd)
    row = {
        "n": n,
        "ties": ties,
        "density": gd.arcs / (n * (n - 1)) if n > 1 else float("nan"),
        "reciprocity_dyad": rec_dyad,
        "reciprocity_arc": rec_arc,
        "transitivity": transitivity_ratio(gd),
        "components": weak,
        "strong_components": strong,
        "isolates": int(np.sum(gd.in_degree + gd.out_degree == 0)),
        "avg_distance": dist["mean"],
        "diameter": dist["max"],
        "connectedness": dist["pairs"] / (n * (n - 1)) if n > 1 else float("nan"),
        "degree_centralization_in": centralization_of_degree(gd, "in"),
        "degree_centralization_out": centralization_of_degree(gd, "out"),
        "betweenness_centralization": centralization_of_betweenness(gd),
        "closeness_centralization_in": centralization_of_closeness(gd, "in"),
        "closeness_centralization_out": centralization_of_closeness(gd, "out"),
    }
    if not gd.directed:
        row["degree_centralization"] = row["degree_centralization_in"]
        row["closeness_centralization"] = row["closeness_centralization_in"]
        fields = UNDIRECTED_WHOLE_NETWORK_FIELDS
    else:
        fields = WHOLE_NETWORK_FIELDS
    return pd.Series({k: float(row[k]) for k in fields}, name=G.graph.get("case_id"))


def node_table(G, partition="organisation") -> pd.DataFrame:
    """One row per person: centrality, structural holes, brokerage and E-I.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; ties are binary (use :func:`dichotomize` first to keep
        only frequent contact).
    partition : str, mapping or None, default "organisation"
        Groups for the brokerage roles and the individual E-I index (a node
        attribute or a mapping node -> group). None leaves those seven
        columns out.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``person_id`` in graph order, with columns

        ================ =========================================================
        in_degree        ties received (undirected: degree)
        out_degree       ties sent (undirected: degree)
        degree           in + out, a mutual tie twice (undirected: degree)
        in_degree_norm   in_degree / (n - 1), 0..1
        out_degree_norm  out_degree / (n - 1), 0..1
        betweenness      Freeman, raw (ordered pairs in a digraph, unordered
                         in an undirected graph)
        betweenness_norm divided by its maximum, (n - 1)(n - 2) in a digraph,
                         (n - 1)(n - 2) / 2 undirected; 0..1
        closeness_in     :func:`closeness` from others to the person
                         (Wasserman-Faust correction for the unreached), 0..1
        closeness_out    :func:`closeness` from the person to others, 0..1
        eigenvector      :func:`eigenvector` (UCINET's dominant vector of the
                         underlying undirected graph; 0 off its component)
        pagerank         :func:`pagerank` (damping 0.85), sums to 1
        k_core           :func:`k_cores` (underlying undirected graph)
        effective_size   Burt's effective size, :func:`structural_holes`
                         (UCINET's default ego-network model)
        efficiency       effective size / contacts
        constraint       Burt's aggregate constraint
        hierarchy        Burt's hierarchy (concentration of the constraint)
        coordinator      :func:`brokerage`: a -> b -> c all in b's group
        consultant       a and c in one group, b in another (itinerant)
        gatekeeper       a outside, b and c in one group
        representative   a and b in one group, c outside
        liaison          a, b and c in three different groups
        brokerage_total  sum of the five roles
        ei               individual E-I index over ties sent and received,
                         (external - internal) / (external + internal)
        ================ =========================================================

        Core-periphery and communities are searches, so they have their own
        calls (:func:`core_periphery`, :func:`communities`).

        An undirected graph has the columns of
        :data:`UNDIRECTED_NODE_TABLE_COLUMNS`: ``degree`` (contacts),
        ``degree_norm`` (degree / (n - 1)) and ``closeness`` in place of
        the in and out pairs, as UCINET reports symmetric data; the
        brokerage roles are counted on the symmetric digraph (each edge a
        tie both ways), where a gatekeeper 2-path is also a representative
        one, so those two columns are equal. :func:`measure_for` gives the
        column that stands for a directed name.

    Raises
    ------
    ParameterError
        A partition attribute no node carries.
    GraphError
        Nodes without a group, no nodes, or not a networkx graph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a1", "a2"), ("a2", "b1"), ("b1", "a2")])
    >>> nx.set_node_attributes(G, {"a1": "A", "a2": "A", "b1": "B"}, "organisation")
    >>> t = node_table(G)
    >>> t.loc["a2", ["in_degree", "out_degree", "betweenness", "representative", "ei"]].to_dict()
    {'in_degree': 2.0, 'out_degree': 1.0, 'betweenness': 1.0, 'representative': 1.0, 'ei': 0.3333333333333333}

    Notes
    -----
    Conventions are UCINET's, as the functions named above state (Freeman
    1979 centrality, Burt 1992 structural holes, Gould & Fernandez 1989
    brokerage, Krackhardt & Stern 1988 E-I; see their Notes). ``nan`` marks
    a value that is undefined for that person and nothing else: efficiency,
    constraint and hierarchy of an isolate, constraint of someone with a
    single contact (UCINET's default; their hierarchy is 1), and the E-I
    index of someone without ties. Closeness,
    betweenness and reach run once on igraph's C core and are shared with
    :func:`whole_network`; structural holes and brokerage are computed for
    everyone at once with sparse matrices and 2-path enumeration.
    """
    gd = graph_data(G)
    n = gd.n
    top = max(n - 1, 1)
    cols: dict[str, np.ndarray] = {}
    if gd.directed:
        cols["in_degree"], cols["out_degree"] = gd.in_degree.astype(np.int64), gd.out_degree.astype(np.int64)
        cols["degree"] = cols["in_degree"] + cols["out_degree"]
    else:
        cols["in_degree"] = cols["out_degree"] = cols["degree"] = gd.out_degree.astype(np.int64)
    cols["in_degree_norm"] = cols["in_degree"] / top if n > 1 else np.zeros(n)
    cols["out_degree_norm"] = cols["out_degree"] / top if n > 1 else np.zeros(n)
    b = betweenness_raw(gd)
    cols["betweenness"] = b
    cols["betweenness_norm"] = b / betweenness_max(gd) if n > 2 else np.zeros(n)
    cols["closeness_in"] = closeness_wf(gd, "in")
    cols["closeness_out"] = closeness_wf(gd, "out")
    cols["eigenvector"] = eigenvector_scores(gd)
    cols["pagerank"] = pagerank_scores(gd)
    cols["k_core"] = core_numbers(gd, "all")
    cols.update(hole_measures(gd, "ego"))  # structural_holes' default: UCINET's ego-network model
    if partition is not None:
        codes, labels = partition_codes(G, gd.nodes, partition)
        roles = role_counts(gd, codes)
        for k, role in enumerate(ROLES):
            cols[role] = roles[:, k]
        cols["brokerage_total"] = roles.sum(axis=1)
        cols["ei"] = individual_ei(gd, codes, labels, "all")["ei"].to_numpy()
    if not gd.directed:
        cols["degree_norm"] = cols["in_degree_norm"]
        cols["closeness"] = cols["closeness_in"]
        order = UNDIRECTED_NODE_TABLE_COLUMNS
    else:
        order = NODE_TABLE_COLUMNS
    table = pd.DataFrame(cols, index=pd.Index(gd.nodes, name=INDEX_NAME))
    return table[[c for c in order if c in table.columns]]

"""Gould-Fernandez brokerage roles given a partition (e.g. by organisation).

A person b brokers when a -> b -> c and a has no tie to c. With groups, the
2-path is one of five roles, named from the broker's point of view:

============== ============================ ========================
role           groups (a -> b -> c)          Gould & Fernandez
============== ============================ ========================
coordinator    G(a) = G(b) = G(c)            w_I
consultant     G(a) = G(c) != G(b)           w_O (itinerant broker)
gatekeeper     G(a) != G(b) = G(c)           b_OI
representative G(a) = G(b) != G(c)           b_IO
liaison        G(a), G(b), G(c) all differ   b_O
============== ============================ ========================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnet.metrics._graph import INDEX_NAME, graph_data, partition_codes
from partnet.metrics._kernels import MAX_PATHS_PER_BLOCK, role_counts

__all__ = ["ROLES", "brokerage", "brokerage_expected", "brokerage_ratio"]

#: The five roles, in the column order of every brokerage table.
ROLES = ("coordinator", "consultant", "gatekeeper", "representative", "liaison")

# 2-paths enumerated at once; passed to role_counts at every call, so a test can lower it.
_MAX_PATHS_PER_BLOCK = MAX_PATHS_PER_BLOCK


def _table(gd, values, columns) -> pd.DataFrame:
    return pd.DataFrame(values, index=pd.Index(gd.nodes, name=INDEX_NAME), columns=list(columns))


def brokerage(G, partition="organisation") -> pd.DataFrame:
    """Gould-Fernandez brokerage role counts for every person.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; ``a -> b`` means a named b. An undirected graph is
        read as a symmetric digraph.
    partition : str or mapping, default "organisation"
        Node attribute naming each person's group, or a mapping node -> group.

    Returns
    -------
    pandas.DataFrame
        Indexed by node, integer columns ``coordinator``, ``consultant``
        (the itinerant broker), ``gatekeeper``, ``representative``,
        ``liaison`` and ``total`` (their sum).

    Raises
    ------
    ParameterError
        A partition attribute that no node carries.
    GraphError
        Nodes without a group.

    Examples
    --------
    ``a1`` of council A hears from a colleague ``a2`` and from ``b1`` of
    council B, and passes on to ``a3`` (A), ``b2`` (B) and ``c1`` (C); no
    one else is tied, so all six 2-paths through ``a1`` are brokerage:

    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from(["a1", "a2", "a3"], organisation="A")
    >>> G.add_nodes_from(["b1", "b2"], organisation="B")
    >>> G.add_node("c1", organisation="C")
    >>> G.add_edges_from([("a2", "a1"), ("b1", "a1"), ("a1", "a3"), ("a1", "b2"), ("a1", "c1")])
    >>> brokerage(G).loc["a1"].to_dict()
    {'coordinator': 1, 'consultant': 1, 'gatekeeper': 1, 'representative': 2, 'liaison': 1, 'total': 6}

    a2 -> a1 -> a3 is coordination, b1 -> a1 -> b2 consultancy, b1 -> a1 -> a3
    gatekeeping, a2 -> a1 -> b2 and a2 -> a1 -> c1 representation, and
    b1 -> a1 -> c1 liaison.

    Notes
    -----
    Gould & Fernandez (1989) with UCINET's counting (Network > Ego
    Networks > Brokerage): every ordered 2-path a -> b -> c with a != c and
    no tie a -> c counts one for b; a tie c -> a does not prevent brokerage.
    Ties are binary and paths are not shared out when several brokers
    connect the same pair (UCINET's unweighted option). For undirected data
    each path counts in both directions, so gatekeeper and representative
    counts are equal, as UCINET notes for symmetric data. Expected counts
    under random group membership are in :func:`brokerage_expected`.

    References
    ----------
    .. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation:
       a formal approach to brokerage in transaction networks. Sociological
       Methodology 19, 89-126.
    """
    gd = graph_data(G)
    codes, _ = partition_codes(G, gd.nodes, partition)
    counts = role_counts(gd, codes, _MAX_PATHS_PER_BLOCK)
    table = _table(gd, counts, ROLES)
    table["total"] = counts.sum(axis=1)
    return table


def _role_probabilities(codes: np.ndarray) -> np.ndarray:
    """Chance of each role for a brokered pair (a, c) drawn at random, per broker."""
    n = codes.size
    sizes = np.bincount(codes).astype(float)
    own = sizes[codes]
    pairs = (n - 1) * (n - 2)
    probs = np.zeros((n, 5))
    if pairs <= 0:
        return probs
    others = n - own                      # people outside the broker's group
    same_other = np.sum(sizes * (sizes - 1)) - own * (own - 1)  # a, c in one other group
    probs[:, 0] = (own - 1) * (own - 2)
    probs[:, 1] = same_other
    probs[:, 2] = others * (own - 1)
    probs[:, 3] = (own - 1) * others
    probs[:, 4] = others * (others - 1) - same_other
    return probs / pairs + 0.0  # + 0.0 turns -0.0 (one group only) into 0.0


def brokerage_expected(G, partition="organisation") -> pd.DataFrame:
    """Expected brokerage role counts if group membership were random.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    partition : str or mapping, default "organisation"
        Node attribute naming each person's group, or a mapping node -> group.

    Returns
    -------
    pandas.DataFrame
        Same shape and columns as :func:`brokerage`, with float values; the
        roles of each person sum to their observed ``total``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from(["a1", "a2", "a3"], organisation="A")
    >>> G.add_nodes_from(["b1", "b2"], organisation="B")
    >>> G.add_node("c1", organisation="C")
    >>> G.add_edges_from([("a2", "a1"), ("b1", "a1"), ("a1", "a3"), ("a1", "b2"), ("a1", "c1")])
    >>> brokerage_expected(G).loc["a1"].round(3).to_dict()
    {'coordinator': 0.6, 'consultant': 0.6, 'gatekeeper': 1.8, 'representative': 1.8, 'liaison': 1.2, 'total': 6.0}

    Notes
    -----
    Gould & Fernandez (1989): hold fixed each broker's group and number of
    brokered 2-paths, and draw the two ends a != c from the other n - 1
    people without replacement. With N people, n_B in the broker's group
    and n_G in each other group, the chances are
    coordinator (n_B - 1)(n_B - 2), gatekeeper and representative
    (n_B - 1)(N - n_B), consultant sum_G n_G (n_G - 1), liaison the rest,
    each over (N - 1)(N - 2). UCINET reports the same expectation beside
    the observed counts.
    """
    gd = graph_data(G)
    codes, _ = partition_codes(G, gd.nodes, partition)
    total = role_counts(gd, codes, _MAX_PATHS_PER_BLOCK).sum(axis=1)
    expected = _role_probabilities(codes) * total[:, None]
    table = _table(gd, expected, ROLES)
    table["total"] = total.astype(float)
    return table


def brokerage_ratio(G, partition="organisation") -> pd.DataFrame:
    """Observed / expected brokerage for every role (relative brokerage).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    partition : str or mapping, default "organisation"
        Node attribute naming each person's group, or a mapping node -> group.

    Returns
    -------
    pandas.DataFrame
        Columns as :func:`brokerage` without ``total``. Values above 1
        mean more brokerage of that kind than random membership predicts.
        ``nan`` where the expectation is 0 (a person who brokers nothing,
        or a role impossible for them, e.g. coordinator when alone in their
        group).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from(["a1", "a2", "a3"], organisation="A")
    >>> G.add_nodes_from(["b1", "b2"], organisation="B")
    >>> G.add_node("c1", organisation="C")
    >>> G.add_edges_from([("a2", "a1"), ("b1", "a1"), ("a1", "a3"), ("a1", "b2"), ("a1", "c1")])
    >>> brokerage_ratio(G).loc["a1"].round(3).to_dict()
    {'coordinator': 1.667, 'consultant': 1.667, 'gatekeeper': 0.556, 'representative': 1.111, 'liaison': 0.833}

    Notes
    -----
    Gould & Fernandez (1989); UCINET lists these ratios as the relative
    brokerage scores.
    """
    gd = graph_data(G)
    codes, _ = partition_codes(G, gd.nodes, partition)
    counts = role_counts(gd, codes, _MAX_PATHS_PER_BLOCK)
    expected = _role_probabilities(codes) * counts.sum(axis=1)[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(expected > 0, counts / np.where(expected > 0, expected, 1), np.nan)
    return _table(gd, ratio, ROLES)

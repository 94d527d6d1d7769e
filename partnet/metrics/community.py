"""Communities found by seeded Louvain, and how far they follow the organisations."""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import networkx as nx
import numpy as np
import pandas as pd

from partnet.errors import ParameterError
from partnet.metrics._graph import INDEX_NAME, graph_data, partition_codes

__all__ = ["CommunityResult", "communities", "partition_agreement"]


@dataclass(frozen=True)
class CommunityResult:
    """Communities of a network.

    Attributes
    ----------
    membership : pandas.Series of int
        Community number of each person (0 = the largest community),
        indexed by ``person_id``.
    modularity : float
        Newman's modularity of the partition (``nan`` without ties).
    agreement : dict or None
        ``{"ari": ..., "nmi": ...}`` between the communities and the
        partition named by ``compare`` (None when not compared).
    compare : str or None
        The attribute compared with.
    seed : int
        The seed of the search.
    """

    membership: pd.Series
    modularity: float
    agreement: dict | None
    compare: str | None
    seed: int

    @property
    def count(self) -> int:
        """Number of communities."""
        return int(self.membership.max()) + 1 if len(self.membership) else 0

    def __repr__(self) -> str:
        agree = ""
        if self.agreement is not None:
            agree = f", ari={self.agreement['ari']:.4f}, nmi={self.agreement['nmi']:.4f}"
        return f"CommunityResult(communities={self.count}, modularity={self.modularity:.4f}{agree})"


def communities(G, *, seed: int = 0, resolution: float = 1.0, weight: str | None = None,
                compare: str | None = "organisation") -> CommunityResult:
    """Communities by the Louvain method, compared with a known partition.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; directions are dropped (a tie either way joins two
        people; with ``weight``, values of both directions are added).
    seed : int, default 0
        Seed of the Louvain node order; the same seed gives the same
        communities.
    resolution : float, default 1.0
        Modularity resolution; above 1 favours smaller communities.
    weight : str, optional
        Edge attribute of tie values; binary ties when omitted.
    compare : str or None, default "organisation"
        Node attribute to compare the communities with; None to skip.

    Returns
    -------
    CommunityResult
        ``.membership``, ``.modularity`` and ``.agreement`` (adjusted Rand
        index and normalised mutual information with ``compare``).

    Raises
    ------
    ParameterError
        A resolution that is not a positive number, or a ``compare``
        attribute no node carries.

    Examples
    --------
    Two cliques of three, one per organisation, joined by one tie:

    >>> import networkx as nx
    >>> G = nx.Graph([("a1", "a2"), ("a2", "a3"), ("a1", "a3"),
    ...               ("b1", "b2"), ("b2", "b3"), ("b1", "b3"), ("a3", "b1")])
    >>> nx.set_node_attributes(G, {v: v[0].upper() for v in G}, "organisation")
    >>> res = communities(G, seed=1)
    >>> res.count, round(res.modularity, 4), res.agreement
    (2, 0.3571, {'ari': 1.0, 'nmi': 1.0})

    Notes
    -----
    Blondel et al. (2008) Louvain modularity maximisation with networkx's
    seeded implementation, on the underlying undirected graph. Communities
    are renumbered by size (largest first, ties by first member in graph
    order) so numbers do not depend on the search order. The agreement
    with the organisations says how far the working groups follow formal
    boundaries: 1 is identical, about 0 no more than chance
    (:func:`partition_agreement`).

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E.
       (2008). Fast unfolding of communities in large networks. J. Stat.
       Mech. P10008.
    """
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float)) or resolution <= 0:
        raise ParameterError(f"resolution must be a positive number; {resolution!r} was given")
    gd = graph_data(G, weight)
    H = nx.Graph()
    H.add_nodes_from(range(gd.n))
    values = gd.weight if gd.weight is not None else np.ones(gd.arcs)
    if gd.directed:
        pairs = {}
        for u, v, w in zip(gd.src.tolist(), gd.dst.tolist(), values.tolist()):
            key = (u, v) if u < v else (v, u)
            pairs[key] = pairs.get(key, 0.0) + w
        H.add_weighted_edges_from((u, v, w) for (u, v), w in pairs.items())
    else:
        keep = gd.src < gd.dst
        H.add_weighted_edges_from(zip(gd.src[keep].tolist(), gd.dst[keep].tolist(), values[keep].tolist()))
    if H.number_of_edges() == 0:
        found = [{i} for i in range(gd.n)]
        modularity = float("nan")
    else:
        found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
        modularity = float(nx.community.modularity(H, found, weight="weight", resolution=resolution))
    found = sorted(found, key=lambda c: (-len(c), min(c)))
    labels = np.empty(gd.n, dtype=np.int64)
    for k, members in enumerate(found):
        labels[list(members)] = k
    membership = pd.Series(labels, index=pd.Index(gd.nodes, name=INDEX_NAME), name="community")
    agreement = None
    if compare is not None:
        codes, _ = partition_codes(G, gd.nodes, compare)
        agreement = partition_agreement(membership, pd.Series(codes, index=membership.index))
    return CommunityResult(membership, modularity, agreement, compare, seed)


def partition_agreement(a, b) -> dict:
    """Adjusted Rand index and normalised mutual information of two partitions.

    Parameters
    ----------
    a, b : mapping or pandas.Series
        Group of each item (e.g. community and organisation of each
        person). Only items present in both are compared.

    Returns
    -------
    dict
        ``{"ari": float, "nmi": float}``. ARI is 1 for identical
        partitions and about 0 for unrelated ones (it can be negative); NMI
        lies in 0..1. When both partitions put everyone together (or
        everyone apart) both are 1.0.

    Raises
    ------
    ParameterError
        No items in common.

    Examples
    --------
    >>> partition_agreement({"p": 1, "q": 1, "r": 2, "s": 2}, {"p": "A", "q": "A", "r": "B", "s": "B"})
    {'ari': 1.0, 'nmi': 1.0}
    >>> partition_agreement({"p": 1, "q": 1, "r": 2, "s": 2}, {"p": "A", "q": "B", "r": "A", "s": "B"})
    {'ari': -0.5, 'nmi': 0.0}

    Notes
    -----
    ARI: Hubert & Arabie (1985), the Rand index corrected for chance.
    NMI: mutual information divided by the arithmetic mean of the two
    entropies (the normalisation scikit-learn uses by default).

    References
    ----------
    .. [1] Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of
       Classification 2, 193-218.
    """
    a = pd.Series(a) if not isinstance(a, pd.Series) else a
    b = pd.Series(b) if not isinstance(b, pd.Series) else b
    common = a.index.intersection(b.index)
    if len(common) == 0:
        raise ParameterError("the two partitions have no items in common to compare")
    x = pd.factorize(a.loc[common].astype(str))[0]
    y = pd.factorize(b.loc[common].astype(str))[0]
    n = len(common)
    table = np.zeros((x.max() + 1, y.max() + 1))
    np.add.at(table, (x, y), 1)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    pairs = comb(n, 2)
    index = sum(comb(int(v), 2) for v in table.ravel())
    sum_a = sum(comb(int(v), 2) for v in rows)
    sum_b = sum(comb(int(v), 2) for v in cols)
    expected = sum_a * sum_b / pairs if pairs else 0.0
    top = (sum_a + sum_b) / 2
    ari = 1.0 if top == expected else (index - expected) / (top - expected)

    def entropy(counts):
        p = counts[counts > 0] / n
        return float(-(p * np.log(p)).sum())

    h_a, h_b = entropy(rows), entropy(cols)
    nz = table > 0
    mi = float((table[nz] / n * np.log(table[nz] * n / np.outer(rows, cols)[nz])).sum())
    if h_a == 0 and h_b == 0:
        nmi = 1.0
    else:
        nmi = max(0.0, mi / ((h_a + h_b) / 2))
    return {"ari": round(float(ari), 12), "nmi": round(float(nmi), 12)}

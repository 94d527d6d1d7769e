"""Input checks, the array form of a graph and the shared-work cache (not API).

Every public measure starts here: :func:`graph_data` checks the graph once
and turns it into integer arrays (node ``i`` is ``list(G)[i]``), from which
the sparse adjacency matrix and the igraph copy are built on first use.
Heavy results that depend only on the tie structure (betweenness, geodesic
distances, reach) are kept in a small cache keyed by a digest of those
arrays, so that ``node_table`` followed by ``whole_network`` on the same
graph computes them once.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping
from functools import cached_property

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from partnet.errors import GraphError, ParameterError, choice_error

# GraphError lives in partnet.errors with the rest of the family; it is
# imported here so that ``from partnet.metrics._graph import GraphError`` keeps working.
__all__ = ["GraphError", "GraphData", "graph_data", "partition_codes", "clear_cache", "cached",
           "node_index", "node_series", "INDEX_NAME"]

#: Name of the index of every per-person table.
INDEX_NAME = "person_id"


def _check_graph(G) -> None:
    if not isinstance(G, nx.Graph):
        raise GraphError(f"expected a networkx Graph or DiGraph; a {type(G).__name__} was given")
    if G.is_multigraph():
        raise GraphError(f"expected a networkx Graph or DiGraph; a {type(G).__name__} was given "
                         "(collapse parallel ties first, e.g. networkx.DiGraph(G))")
    if G.number_of_nodes() == 0:
        raise GraphError("the graph has no nodes; a measure needs at least one person")


class GraphData:
    """A checked graph as arrays.

    Attributes
    ----------
    nodes : list
        Node labels; position ``i`` is node ``i`` of the arrays.
    directed : bool
        Whether ``G`` was a DiGraph.
    n : int
        Number of nodes.
    src, dst : numpy.ndarray of int64
        The arcs (ordered pairs with a tie). An undirected edge gives two
        arcs, one each way; self-loops are left out (UCINET ignores the
        diagonal).
    weight : numpy.ndarray of float or None
        Tie values aligned with ``src``/``dst`` when a weight was asked for.
    """

    def __init__(self, nodes, directed, src, dst, weight=None, weight_name=None):
        self.nodes = nodes
        self.directed = directed
        self.n = len(nodes)
        self.src = src
        self.dst = dst
        self.weight = weight
        self.weight_name = weight_name

    @cached_property
    def key(self) -> tuple:
        """Digest of the structure (and values) used as a cache key."""
        h = hashlib.blake2b(digest_size=16)
        h.update(np.int64(self.n).tobytes())
        h.update(self.src.tobytes())
        h.update(self.dst.tobytes())
        if self.weight is not None:
            h.update(self.weight.tobytes())
        return (self.directed, self.n, h.hexdigest())

    @property
    def arcs(self) -> int:
        """Number of arcs (ordered pairs with a tie)."""
        return int(self.src.size)

    @cached_property
    def A(self) -> sp.csr_matrix:
        """Binary adjacency matrix (float64, CSR, sorted indices, zero diagonal)."""
        data = np.ones(self.src.size)
        A = sp.csr_matrix((data, (self.src, self.dst)), shape=(self.n, self.n))
        A.sum_duplicates()
        A.sort_indices()
        return A

    @cached_property
    def W(self) -> sp.csr_matrix:
        """Valued adjacency matrix (the weight asked for; binary when none)."""
        if self.weight is None:
            return self.A
        W = sp.csr_matrix((self.weight, (self.src, self.dst)), shape=(self.n, self.n))
        W.sum_duplicates()
        W.sort_indices()
        return W

    @cached_property
    def AT(self) -> sp.csr_matrix:
        """Transpose of :attr:`A` as CSR (row ``j`` lists the senders to ``j``)."""
        AT = self.A.T.tocsr()
        AT.sort_indices()
        return AT

    @cached_property
    def in_degree(self) -> np.ndarray:
        """Number of arcs received."""
        return np.bincount(self.dst, minlength=self.n).astype(float)

    @cached_property
    def out_degree(self) -> np.ndarray:
        """Number of arcs sent."""
        return np.bincount(self.src, minlength=self.n).astype(float)

    @cached_property
    def S(self) -> sp.csr_matrix:
        """Binary adjacency of the underlying undirected graph (a tie either way)."""
        if not self.directed:
            return self.A
        S = (self.A + self.A.T).tocsr()
        S.data[:] = 1.0
        S.sort_indices()
        return S

    @cached_property
    def igraph(self):
        """The graph as an ``igraph.Graph`` (directed like ``G``), no weights.

        Edge ``k`` is arc ``k`` of ``src``/``dst`` for a digraph and the
        ``k``-th arc with ``src < dst`` for an undirected graph. Shared
        through the cache, so equal structures build it once.
        """
        def build():
            import igraph as ig

            if self.directed:
                s, d = self.src, self.dst
            else:
                keep = self.src < self.dst
                s, d = self.src[keep], self.dst[keep]
            return ig.Graph(n=self.n, edges=list(zip(s.tolist(), d.tolist())), directed=self.directed)

        return cached(self, "igraph", build)


def node_series(gd: GraphData, values, name: str) -> pd.Series:
    """A per-node Series indexed like every partnet table."""
    return pd.Series(values, index=pd.Index(gd.nodes, name=INDEX_NAME), name=name)


def node_index(nodes) -> dict:
    """Mapping node label -> position."""
    return {v: i for i, v in enumerate(nodes)}


def _edge_weights(G, edges, weight):
    values = []
    missing = []
    for u, v, d in edges:
        w = d.get(weight)
        if w is None or isinstance(w, bool) or not isinstance(w, (int, float, np.integer, np.floating)) \
                or (isinstance(w, float) and np.isnan(w)):
            missing.append((u, v, w))
            if len(missing) >= 3:
                break
        values.append(w)
    if missing:
        shown = ", ".join(f"{u!r}->{v!r} ({w!r})" for u, v, w in missing)
        raise GraphError(f"every tie needs a numeric {weight!r} value to use it as the weight; "
                         f"ties without one include {shown}")
    return values


def graph_data(G, weight: str | None = None) -> GraphData:
    """Check ``G`` and return it as :class:`GraphData`.

    Raises
    ------
    GraphError
        Not a networkx graph, a multigraph, no nodes, or (with ``weight``)
        a tie without a numeric value of that attribute.
    """
    _check_graph(G)
    nodes = list(G)
    index = node_index(nodes)
    directed = G.is_directed()
    m = G.number_of_edges()
    src = np.fromiter((index[u] for u, _ in G.edges()), dtype=np.int64, count=m)
    dst = np.fromiter((index[v] for _, v in G.edges()), dtype=np.int64, count=m)
    w = None
    if weight is not None:
        w = np.asarray(_edge_weights(G, G.edges(data=True), weight), dtype=float)
    loops = src == dst
    if loops.any():
        keep = ~loops
        src, dst = src[keep], dst[keep]
        if w is not None:
            w = w[keep]
    if not directed:
        src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
        if w is not None:
            w = np.concatenate([w, w])
    # canonical order (row-major), so equal structures give equal digests
    order = np.lexsort((dst, src))
    src, dst = src[order], dst[order]
    if w is not None:
        w = w[order]
    return GraphData(nodes, directed, src, dst, w, weight)


def partition_codes(G, nodes, partition) -> tuple[np.ndarray, list]:
    """Group of every node as integer codes, and the group labels.

    ``partition`` is a node attribute name or a mapping node -> group
    (dict or pandas Series). Labels are sorted (as text), code ``k`` is
    ``labels[k]``.

    Raises
    ------
    ParameterError
        An attribute name that no node carries (the nearest one offered).
    GraphError
        Some nodes have no group (missing attribute or value).
    """
    if isinstance(partition, str):
        values = [G.nodes[v].get(partition) for v in nodes]
        if all(x is None for x in values):
            known = sorted({k for _, d in G.nodes(data=True) for k in d})
            raise choice_error(partition, known, "partition", what="an attribute the nodes have")
        what = f"attribute {partition!r}"
    elif isinstance(partition, (Mapping, pd.Series)):
        values = [partition.get(v) for v in nodes]
        what = "the partition given"
    else:
        raise ParameterError("partition must be a node attribute name or a mapping node -> group; "
                             f"a {type(partition).__name__} was given")
    bad = [v for v, x in zip(nodes, values) if x is None or (isinstance(x, float) and np.isnan(x))
           or x is pd.NA]
    if bad:
        shown = ", ".join(map(repr, bad[:5])) + (" ..." if len(bad) > 5 else "")
        raise GraphError(f"every node needs a group from {what}; {len(bad)} node(s) have none: {shown}")
    labels = sorted(set(values), key=lambda x: (str(type(x)), str(x)))
    lookup = {lab: k for k, lab in enumerate(labels)}
    return np.fromiter((lookup[x] for x in values), dtype=np.int64, count=len(values)), labels


_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 16


def cached(gd: GraphData, name: str, compute):
    """Return ``compute()`` for this graph structure, computing it once."""
    key = (gd.key, name)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    value = compute()
    _CACHE[key] = value
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return value


def clear_cache() -> None:
    """Forget the shared results kept between calls.

    Returns
    -------
    None

    Examples
    --------
    >>> import networkx as nx
    >>> from partnet.metrics import betweenness, clear_cache
    >>> G = nx.path_graph(["a", "b", "c"], create_using=nx.DiGraph)
    >>> float(betweenness(G, normalized=False)["b"])
    1.0
    >>> clear_cache()

    Notes
    -----
    Betweenness, geodesic distances, reach and the igraph copy depend only
    on who is tied to whom; partnet keeps them for the last 16 graph
    structures analysed, so that :func:`node_table`, :func:`whole_network`
    and the centralization functions compute them once per graph (the
    "compute shared work once" rule of the speed benchmark). The cache is
    keyed by a digest of the ties themselves, so an edited graph is never
    served stale results. Call this to free memory or to time a cold
    computation (``benchmarks/bench_metrics.py`` does before every run).
    """
    _CACHE.clear()

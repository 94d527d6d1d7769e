"""Geodesic workers on igraph's C core, shared and cached (not API).

``betweenness_raw``, ``farness`` and ``reach`` each run once per graph
structure (see :func:`partnet.metrics._graph.cached`); the public
centrality, centralization and cohesion functions and the two tables all
read from them.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from partnet.metrics._graph import GraphData, cached

__all__ = ["betweenness_raw", "farness", "reach", "distance_summary", "closeness_wf"]

# number of set bits in each byte value
_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


def betweenness_raw(gd: GraphData) -> np.ndarray:
    """Freeman betweenness, unnormalised: ordered pairs when directed, unordered when not."""
    def compute():
        if gd.n < 3 or gd.arcs == 0:
            return np.zeros(gd.n)
        return np.asarray(gd.igraph.betweenness(directed=gd.directed), dtype=float)

    return cached(gd, "betweenness", compute)


def farness(gd: GraphData, mode: str) -> np.ndarray:
    """Sum of geodesic distances to (``in``) or from (``out``) every reachable node; 0 if none."""
    if not gd.directed:
        mode = "out"

    def compute():
        if gd.arcs == 0:
            return np.zeros(gd.n)
        c = np.asarray(gd.igraph.closeness(mode=mode, normalized=False), dtype=float)
        with np.errstate(divide="ignore"):
            f = np.where(np.isnan(c) | (c == 0), 0.0, 1.0 / np.where(np.isnan(c), 1.0, c))
        return f

    return cached(gd, f"farness-{mode}", compute)


def _reach_counts(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Number of nodes reachable from each node along arcs, itself excluded.

    Works on the condensation (strong components) in reverse topological
    order, with reach sets as packed bit rows, so it costs one pass over the
    arcs of the condensation instead of a search from every node.
    """
    if src.size == 0:
        return np.zeros(n, dtype=np.int64)
    A = sp.csr_matrix((np.ones(src.size, dtype=np.int8), (src, dst)), shape=(n, n))
    ncomp, label = csgraph.connected_components(A, directed=True, connection="strong")
    cs, cd = label[src], label[dst]
    keep = cs != cd
    dag = np.unique(np.column_stack([cs[keep], cd[keep]]), axis=0) if keep.any() else np.empty((0, 2), int)
    nbytes = (n + 7) // 8
    bits = np.zeros((ncomp, nbytes), dtype=np.uint8)
    nodes = np.arange(n)
    np.bitwise_or.at(bits, (label, nodes // 8), (1 << (7 - nodes % 8)).astype(np.uint8))
    if dag.size:
        import igraph as ig

        order = ig.Graph(n=ncomp, edges=dag.tolist(), directed=True).topological_sorting(mode="out")
        succ_ptr = np.searchsorted(dag[:, 0], np.arange(ncomp + 1))
        for c in reversed(order):
            lo, hi = succ_ptr[c], succ_ptr[c + 1]
            if hi > lo:
                bits[c] |= np.bitwise_or.reduce(bits[dag[lo:hi, 1]], axis=0)
    counts = _POPCOUNT[bits].sum(axis=1)
    return counts[label] - 1


_BITSET_LIMIT = 256 * 2**20  # bytes of reach bit sets before falling back to igraph


def reach(gd: GraphData, mode: str) -> np.ndarray:
    """Number of other nodes that reach (``in``) or are reached by (``out``) each node."""
    if not gd.directed:
        mode = "out"

    def compute():
        if gd.n * ((gd.n + 7) // 8) > _BITSET_LIMIT:
            return _reach_from_closeness(gd, mode)
        if mode == "out":
            return _reach_counts(gd.n, gd.src, gd.dst)
        return _reach_counts(gd.n, gd.dst, gd.src)

    return cached(gd, f"reach-{mode}", compute)


def _reach_from_closeness(gd: GraphData, mode: str) -> np.ndarray:
    """Reach counts for very large graphs: igraph's normalised closeness is r / farness."""
    if gd.arcs == 0:
        return np.zeros(gd.n, dtype=np.int64)
    c = np.asarray(gd.igraph.closeness(mode=mode, normalized=True), dtype=float)
    r = np.rint(np.nan_to_num(c) * farness(gd, mode))
    return r.astype(np.int64)


def closeness_wf(gd: GraphData, mode: str) -> np.ndarray:
    """Closeness with the Wasserman-Faust (Lin) correction for unreachable nodes.

    ``(r / (n - 1)) * (r / farness)`` where ``r`` counts the nodes reached;
    Freeman's normalised closeness ``(n - 1) / farness`` when everyone is
    reached; 0 for a node that reaches (is reached by) nobody.
    """
    if gd.n < 2:
        return np.zeros(gd.n)
    f = farness(gd, mode)
    r = reach(gd, mode).astype(float)
    out = np.zeros(gd.n)
    ok = (r > 0) & (f > 0)
    out[ok] = (r[ok] / (gd.n - 1)) * (r[ok] / f[ok])
    return out


def distance_summary(gd: GraphData) -> dict:
    """Geodesics among reachable ordered pairs: count, mean length and the longest."""
    def compute():
        if gd.arcs == 0:
            return {"pairs": 0, "mean": float("nan"), "max": float("nan")}
        hist = gd.igraph.path_length_hist(directed=gd.directed)
        bins = list(hist.bins())
        count = sum(b[2] for b in bins)
        total = sum(b[0] * b[2] for b in bins)
        longest = max(b[0] for b in bins if b[2] > 0)
        factor = 1 if gd.directed else 2  # igraph counts an undirected pair once
        return {"pairs": int(count * factor), "mean": total / count, "max": float(longest)}

    return cached(gd, "distances", compute)

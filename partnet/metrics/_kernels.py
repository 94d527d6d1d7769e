"""Array kernels shared by a family module and the two tables (not API).

Each kernel takes the checked arrays of
:func:`partnet.metrics._graph.graph_data` and returns plain numbers or
numpy arrays for every node at once. The public family function (for
example :func:`partnet.metrics.transitivity`) checks its options, calls the
kernel and labels the result; :func:`partnet.metrics.node_table` and
:func:`partnet.metrics.whole_network` call the same kernels, so a column of
a table and the single measure are the same computation. The conventions
(UCINET's) are documented on the public functions named in each kernel's
docstring.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import eigsh

from partnet.errors import GraphError
from partnet.metrics._geodesic import betweenness_raw, closeness_wf
from partnet.metrics._graph import INDEX_NAME, GraphData

__all__ = [
    "betweenness_max",
    "eigenvector_scores",
    "pagerank_scores",
    "freeman_index",
    "centralization_of_degree",
    "centralization_of_betweenness",
    "centralization_of_closeness",
    "transitivity_ratio",
    "core_numbers",
    "hole_measures",
    "HOLE_MODELS",
    "HIERARCHY_TOLERANCE",
    "MAX_TRIPLES_PER_BLOCK",
    "MAX_PATHS_PER_BLOCK",
    "role_counts",
    "ei_ratio",
    "individual_ei",
]


# ------------------------------------------------------------ centrality


def betweenness_max(gd: GraphData) -> float:
    """Largest possible raw betweenness: (n - 1)(n - 2), halved when undirected (:func:`betweenness`)."""
    top = (gd.n - 1) * (gd.n - 2)
    return float(top if gd.directed else top / 2)


def eigenvector_scores(gd: GraphData, method: str = "dominant") -> np.ndarray:
    """Eigenvector centrality of the underlying undirected graph (:func:`eigenvector`)."""
    x = np.zeros(gd.n)
    if gd.arcs == 0:
        return x
    if gd.weight is None:
        S = gd.S
    else:
        W = gd.W
        S = W.maximum(W.T).tocsr()
    ncomp, labels = csgraph.connected_components(S, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(ncomp + 1))
    found = []
    for c in range(ncomp):
        members = order[bounds[c]:bounds[c + 1]]
        if members.size < 2:
            continue
        sub = S[members][:, members]
        if members.size <= 200:
            vals, vecs = np.linalg.eigh(sub.toarray())
            lam, v = vals[-1], vecs[:, -1]
        else:
            vals, vecs = eigsh(sub.astype(float), k=1, which="LA", tol=0)
            lam, v = vals[0], vecs[:, 0]
        v = np.abs(v)
        v /= np.linalg.norm(v)
        found.append((float(lam), members, v))
    if not found:
        return x
    if method == "component":
        for _, members, v in found:
            x[members] = v
        return x
    top = max(lam for lam, _, _ in found)
    keep = [(members, v) for lam, members, v in found if lam >= top * (1 - 1e-9)]
    for members, v in keep:
        x[members] = v / np.sqrt(len(keep))
    return x


def pagerank_scores(gd: GraphData, damping: float = 0.85) -> np.ndarray:
    """PageRank by power iteration; dangling people spread their score evenly (:func:`pagerank`)."""
    n = gd.n
    if gd.arcs == 0:
        return np.full(n, 1.0 / n)
    W = gd.W
    out = np.asarray(W.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, out))
    WT = W.T.tocsr()
    x = np.full(n, 1.0 / n)
    for _ in range(10_000):
        new = damping * (WT @ (x * inv)) + (damping * x[dangling].sum() + 1.0 - damping) / n
        new /= new.sum()
        if np.abs(new - x).sum() < 1e-13:
            return new
        x = new
    return x


# ------------------------------------------------------------ centralization


def freeman_index(scores: np.ndarray, maximum: float) -> float:
    """Freeman's index: sum(max - c_i) / maximum; nan when the maximum is 0.

    Rounded to 12 decimals so that a perfect star gives exactly 1.0.
    """
    if maximum <= 0 or scores.size == 0:
        return float("nan")
    return round(float(np.sum(scores.max() - scores) / maximum), 12)


def centralization_of_degree(gd: GraphData, direction: str) -> float:
    """Freeman degree centralization, in or out (:func:`degree_centralization`)."""
    n = gd.n
    if n < 2:
        return float("nan")
    values = gd.in_degree if (gd.directed and direction == "in") else gd.out_degree
    scores = values / (n - 1)
    # largest possible sum of differences in normalised units
    maximum = (n - 1) if gd.directed else (n - 2)
    return freeman_index(scores, maximum)


def centralization_of_betweenness(gd: GraphData) -> float:
    """Freeman betweenness centralization (:func:`betweenness_centralization`)."""
    n = gd.n
    if n < 3:
        return float("nan")
    top = (n - 1) * (n - 2) if gd.directed else (n - 1) * (n - 2) / 2
    return freeman_index(betweenness_raw(gd) / top, n - 1)


def centralization_of_closeness(gd: GraphData, direction: str) -> float:
    """Freeman closeness centralization, in or out (:func:`closeness_centralization`)."""
    n = gd.n
    if gd.directed:
        maximum = n - 1
    else:
        maximum = (n - 1) * (n - 2) / (2 * n - 3) if n > 2 else 0.0
    if n < 2:
        return float("nan")
    return freeman_index(closeness_wf(gd, direction), maximum)


# ------------------------------------------------------------ cohesion


def transitivity_ratio(gd: GraphData) -> float:
    """Transitive ordered triples / 2-paths i -> j -> k, i != k; nan without a 2-path (:func:`transitivity`)."""
    if gd.arcs == 0:
        return float("nan")
    A = gd.A
    two_paths = float(gd.in_degree @ gd.out_degree) - float(A.multiply(A.T).sum())
    if two_paths == 0:
        return float("nan")
    closed = float((A @ A).multiply(A).sum())
    return closed / two_paths


def core_numbers(gd: GraphData, mode: str) -> np.ndarray:
    """Core number of every node, int64 (:func:`k_cores`)."""
    if gd.arcs == 0:
        return np.zeros(gd.n, dtype=np.int64)
    g = gd.igraph
    if mode == "all" and gd.directed:
        g = g.as_undirected(mode="collapse")
    return np.asarray(g.coreness(mode=mode if gd.directed else "all"), dtype=np.int64)


# ------------------------------------------------------------ structural holes

#: The models of :func:`hole_measures`: UCINET's default first.
HOLE_MODELS = ("ego", "whole")

#: Ratios r_j = c_j / mean c at or below this are left out of hierarchy's sum
#: (UCINET's ``singletolerance``; xucinet uses the same 1e-6).
HIERARCHY_TOLERANCE = 1e-6

#: Candidate (ego, alter, fellow alter) triples looked up at once by the ego
#: model: bounds its memory (about 2 MB an array); larger blocks were slower
#: (fresh pages for every array).
MAX_TRIPLES_PER_BLOCK = 200_000


def hole_measures(gd: GraphData, model: str = "ego", block: int | None = None) -> dict:
    """Burt's four measures for every node, vectorised over sparse matrices (:func:`structural_holes`).

    ``model`` is ``"ego"`` (UCINET's default: each person's ego network
    alone) or ``"whole"`` (proportions over the whole network, as
    networkx). Returns a dict of arrays: ``effective_size``,
    ``efficiency``, ``constraint``, ``hierarchy``.
    """
    if model == "ego":
        return _ego_holes(gd, MAX_TRIPLES_PER_BLOCK if block is None else block)
    return _whole_holes(gd)


def _whole_holes(gd: GraphData) -> dict:
    """The whole-network model: p and m over each contact's whole row (networkx's formulas)."""
    n = gd.n
    nan = np.full(n, np.nan)
    if gd.arcs == 0:
        return {"effective_size": np.zeros(n), "efficiency": nan, "constraint": nan.copy(),
                "hierarchy": nan.copy()}
    Z = gd.W
    S = (Z + Z.T).tocsr()               # mutual strength z_ij + z_ji
    S.eliminate_zeros()
    B = S.copy()
    B.data[:] = 1.0                     # contacts (a tie either way)
    contacts = np.asarray(B.sum(axis=1)).ravel()
    rowsum = np.asarray(S.sum(axis=1)).ravel()
    rowmax = S.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore"):
        inv_sum = np.where(rowsum > 0, 1.0 / np.where(rowsum > 0, rowsum, 1), 0.0)
        inv_max = np.where(rowmax > 0, 1.0 / np.where(rowmax > 0, rowmax, 1), 0.0)
    P = sp.diags(inv_sum) @ S           # proportional strength p_ij
    M = sp.diags(inv_max) @ S           # marginal strength m_jq
    redundancy = np.asarray(P.multiply(B @ M).sum(axis=1)).ravel()
    effective = contacts - redundancy
    C = (P + P @ P).multiply(B).tocsr()  # dyadic constraint c_ij on contacts j
    constraint = np.asarray(C.multiply(C).sum(axis=1)).ravel()
    has = contacts > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        efficiency = np.where(has, effective / np.where(has, contacts, 1), np.nan)
    constraint = np.where(has, constraint, np.nan)
    hierarchy = np.full(n, np.nan)
    rows = np.repeat(np.arange(n), np.diff(C.indptr))
    many = contacts >= 2
    if many.any():
        mean_c = np.where(has, constraint / np.where(has, contacts, 1), 1.0)
        ratio = C.data ** 2 / mean_c[rows]
        terms = ratio * np.log(ratio)
        sums = np.bincount(rows, weights=terms, minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            h = sums / (contacts * np.log(np.where(many, contacts, 2)))
        hierarchy = np.where(many, h, np.nan)
    return {"effective_size": effective, "efficiency": efficiency, "constraint": constraint,
            "hierarchy": hierarchy}


def _ego_holes(gd: GraphData, block: int) -> dict:
    """The ego-network model, UCINET's default (``uEgonetStructuralHoles.pas``).

    Works on the arcs e = (k, j) of the symmetrised matrix
    zplus = z + z^T (ego k, alter j) and on the triangles of its
    pattern: every triple (k, j, q) with j, q alters of k tied to each
    other is one entry of k's ego network that an alter's total, maximum,
    redundancy and indirect constraint need. Triangles are listed by
    walking the shorter of the two contact lists of each arc, so the work
    is at most the sum over people of their ego network's size squared
    (for a star, linear). The arithmetic per ego network is UCINET's:

    - sum_j, max_j: alter j's total and largest zplus inside k's network
      (its tie to k included);
    - p_kj = zplus_kj / sum_k; m_jq = zplus_jq / max_j;
    - redundancy of j = sum_q p_kq m_jq; effective size = sum_j (1 - redundancy);
    - indirect_j = sum_q p_kq zplus_qj / sum_q; c_kj = (p_kj + indirect_j)^2.
    """
    n = gd.n
    effective = np.zeros(n)
    nan = np.full(n, np.nan)
    if gd.arcs == 0:
        return {"effective_size": effective, "efficiency": nan, "constraint": nan.copy(),
                "hierarchy": nan.copy()}
    if gd.weight is not None and np.any(gd.weight < 0):
        raise GraphError(f"the ego-network model of structural holes needs tie values of 0 or more; "
                         f"{gd.weight_name!r} has negative values (UCINET counts only values above 0 as ties)")
    Z = gd.W
    S = (Z + Z.T).tocsr()                       # zplus, symmetric: summed both ways (Burt's symmetrising)
    S.eliminate_zeros()
    S.sort_indices()
    ptr, col, z = S.indptr, S.indices.astype(np.int64), S.data
    arcs = col.size
    deg = np.diff(ptr)                          # UCINET's Degree: contacts either way
    row = np.repeat(np.arange(n, dtype=np.int64), deg)
    keys = row * n + col                        # sorted: CSR with sorted indices is row-major
    rowsum = np.bincount(row, weights=z, minlength=n)
    p = z / rowsum[row]                         # p[k, j] on arc (k, j)

    alter_sum = z.copy()                        # alter's total in ego's network, its tie to ego first
    alter_max = z.copy()
    pm_num = np.zeros(arcs)                     # sum_q p[k, q] zplus[j, q]
    indirect = np.zeros(arcs)
    # list each arc's fellow alters along the shorter contact list of its two ends
    own = deg[row] <= deg[col]                  # walk ego's list (else the alter's)
    walk = np.where(own, row, col)
    length = deg[walk] - 1                      # the other end of the arc is on that list too
    csum = np.cumsum(length)
    start = 0
    while start < arcs:
        base = csum[start - 1] if start else 0
        stop = int(np.searchsorted(csum, base + block, side="right"))
        stop = min(max(stop, start + 1), arcs)
        total = int(csum[stop - 1] - base)
        lo = start
        start = stop
        if total == 0:
            continue
        per = length[lo:stop] + 1               # walk the whole list, drop the arc's own end below
        e1 = np.repeat(np.arange(lo, stop), per)
        offset = np.arange(e1.size) - np.repeat(np.cumsum(per) - per, per)
        pos = ptr[walk[e1]] + offset
        q = col[pos]
        k, j = row[e1], col[e1]
        mine = own[e1]
        keep = q != np.where(mine, j, k)
        e1, pos, q, k, j, mine = e1[keep], pos[keep], q[keep], k[keep], j[keep], mine[keep]
        # the arc to look up: (j, q) when walking k's list, else (k, q)
        other = np.where(mine, j, k) * n + q
        hit = np.searchsorted(keys, other)
        hit[hit >= arcs] = 0
        found = keys[hit] == other
        e1, pos, hit, mine = e1[found], pos[found], hit[found], mine[found]
        e2 = np.where(mine, pos, hit)           # arc (k, q)
        e3 = np.where(mine, hit, pos)           # arc (j, q)
        zjq = z[e3]
        local = e1 - lo
        alter_sum[lo:stop] += np.bincount(local, weights=zjq, minlength=stop - lo)
        np.maximum.at(alter_max[lo:stop], local, zjq)
        pm_num[lo:stop] += np.bincount(local, weights=p[e2] * zjq, minlength=stop - lo)
        # j's share of its tie to q, in k's network: the path k -> j -> q constrains k through q.
        # (k, q) is an arc of the same egos as the block's arcs
        first, last = ptr[row[lo]], ptr[row[stop - 1] + 1]
        indirect[first:last] += np.bincount(e2 - first, weights=p[e1] * zjq / alter_sum[e1],
                                            minlength=last - first)

    redundancy = pm_num / alter_max
    effective = np.bincount(row, weights=1.0 - redundancy, minlength=n)
    dyadic = (p + indirect) ** 2
    constraint = np.bincount(row, weights=dyadic, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        efficiency = np.where(deg > 0, effective / np.where(deg > 0, deg, 1), np.nan)
        mean_c = constraint / np.where(deg > 0, deg, 1)
        ratio = dyadic / np.where(mean_c[row] > 0, mean_c[row], 1.0)
        terms = np.where(ratio > HIERARCHY_TOLERANCE, ratio * np.log(np.where(ratio > 0, ratio, 1.0)), 0.0)
        sums = np.bincount(row, weights=terms, minlength=n)
        many = (deg > 1) & (constraint > 0)
        hierarchy = np.where(many, sums / (deg * np.log(np.where(deg > 1, deg, 2))), np.nan)
    hierarchy[deg == 1] = 1.0                   # UCINET: one contact, hierarchy 1
    # UCINET's defaults for isolates and pendants (applied after the formulas):
    # effective size 0 / 1, constraint missing / missing
    effective[deg == 0] = 0.0
    effective[deg == 1] = 1.0
    constraint[deg <= 1] = np.nan
    return {"effective_size": effective, "efficiency": efficiency, "constraint": constraint,
            "hierarchy": hierarchy}


# ------------------------------------------------------------ brokerage

#: 2-paths enumerated at once by :func:`role_counts` (bounds its memory).
MAX_PATHS_PER_BLOCK = 2_000_000


def role_counts(gd: GraphData, codes: np.ndarray, block: int | None = None) -> np.ndarray:
    """Brokered 2-paths per broker and role, an (n, 5) integer array (:func:`brokerage`).

    Columns follow ``partnet.metrics.brokerage_roles.ROLES``. Enumerates
    the 2-paths a -> b -> c through each b from its in- and out-neighbours
    (never all triples), in blocks of brokers of at most about ``block``
    paths (default :data:`MAX_PATHS_PER_BLOCK`) so memory stays bounded,
    and drops those with a == c or a tie a -> c.
    """
    block = MAX_PATHS_PER_BLOCK if block is None else block
    n = gd.n
    counts = np.zeros((n, 5), dtype=np.int64)
    if gd.arcs == 0:
        return counts
    A, AT = gd.A, gd.AT
    out_ptr, out_idx = A.indptr, A.indices
    in_ptr, in_idx = AT.indptr, AT.indices
    n_in = np.diff(in_ptr)
    n_out = np.diff(out_ptr)
    paths = n_in * n_out
    arc_keys = gd.src * n + gd.dst  # sorted: arcs are in row-major order
    start = 0
    csum = np.cumsum(paths)
    while start < n:
        base = csum[start - 1] if start else 0
        stop = int(np.searchsorted(csum, base + block, side="right"))
        stop = max(stop, start + 1)
        stop = min(stop, n)
        brokers = np.arange(start, stop)
        per = paths[start:stop]
        total = int(per.sum())
        start = stop
        if total == 0:
            continue
        b = np.repeat(brokers, per)
        offset = np.arange(total) - np.repeat(np.cumsum(per) - per, per)
        width = n_out[b]
        a = in_idx[in_ptr[b] + offset // width]
        c = out_idx[out_ptr[b] + offset % width]
        keep = a != c
        key = a * n + c
        pos = np.searchsorted(arc_keys, key)
        pos[pos >= arc_keys.size] = 0
        keep &= arc_keys[pos] != key
        a, b, c = a[keep], b[keep], c[keep]
        ga, gb, gc = codes[a], codes[b], codes[c]
        role = np.select(
            [(ga == gb) & (gb == gc), ga == gc, gb == gc, ga == gb],
            [0, 1, 2, 3],
            default=4,
        )
        counts += np.bincount(b * 5 + role, minlength=5 * n).reshape(n, 5)
    return counts


# ------------------------------------------------------------ E-I index


def ei_ratio(external, internal):
    """(E - I) / (E + I) elementwise; nan where there are no ties (:func:`ei_index`)."""
    external = np.asarray(external, dtype=float)
    internal = np.asarray(internal, dtype=float)
    total = external + internal
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (external - internal) / np.where(total > 0, total, 1), np.nan)


def individual_ei(gd: GraphData, codes: np.ndarray, labels: list, direction: str) -> pd.DataFrame:
    """Each person's E-I over their own ties (``ei_index(...).individuals``).

    Indexed by ``person_id``: ``group``, ``internal``, ``external``, ``ei``.
    """
    n = gd.n
    same = codes[gd.src] == codes[gd.dst]
    out_int = np.bincount(gd.src[same], minlength=n).astype(float)
    out_ext = np.bincount(gd.src[~same], minlength=n).astype(float)
    in_int = np.bincount(gd.dst[same], minlength=n).astype(float)
    in_ext = np.bincount(gd.dst[~same], minlength=n).astype(float)
    if not gd.directed or direction == "out":
        internal, external = out_int, out_ext
    elif direction == "in":
        internal, external = in_int, in_ext
    else:
        internal, external = out_int + in_int, out_ext + in_ext
    return pd.DataFrame({
        "group": [labels[c] for c in codes],
        "internal": internal,
        "external": external,
        "ei": ei_ratio(external, internal),
    }, index=pd.Index(gd.nodes, name=INDEX_NAME))

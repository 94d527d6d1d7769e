"""Burt's structural holes: effective size, efficiency, constraint, hierarchy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from partnet.metrics._graph import INDEX_NAME, graph_data

__all__ = ["structural_holes"]


def _holes(gd) -> dict:
    """The four measures for every node, vectorised over sparse matrices."""
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


def structural_holes(G, weight: str | None = None) -> pd.DataFrame:
    """Burt's structural-hole measures of every person's ego network.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network.
    weight : str, optional
        Edge attribute of tie values (e.g. ``"frequency"``); binary ties
        when omitted.

    Returns
    -------
    pandas.DataFrame
        Indexed by node, columns ``effective_size``, ``efficiency``,
        ``constraint`` and ``hierarchy``. An isolate has effective size 0
        and ``nan`` efficiency, constraint and hierarchy (no contacts to
        divide by); hierarchy is ``nan`` for a person with one contact
        (Burt's formula divides by N ln N = 0).

    Examples
    --------
    >>> import networkx as nx
    >>> star = nx.star_graph(3)          # centre 0 with three unconnected contacts
    >>> structural_holes(star).loc[0].round(4).to_dict()
    {'effective_size': 3.0, 'efficiency': 1.0, 'constraint': 0.3333, 'hierarchy': 0.0}
    >>> triangle = nx.complete_graph(3)
    >>> structural_holes(triangle).loc[0].round(4).to_dict()
    {'effective_size': 1.0, 'efficiency': 0.5, 'constraint': 1.125, 'hierarchy': 0.0}

    Notes
    -----
    Burt (1992), as UCINET's Network > Ego Networks > Structural Holes. A
    contact of i is anyone tied to i in either direction; with z_ij the
    tie value (1 or 0 when binary),

    - proportional strength p_ij = (z_ij + z_ji) / sum_k (z_ik + z_ki);
    - marginal strength m_jq = (z_jq + z_qj) / max_k (z_jk + z_kj);
    - effective size = sum_j [1 - sum_q p_iq m_jq], q != i, j: the
      contacts less their redundancy (for binary undirected data
      n - 2t/n, Borgatti 1997);
    - efficiency = effective size / number of contacts;
    - constraint = sum_j (p_ij + sum_q p_iq p_qj)^2;
    - hierarchy = sum_j (c_ij / c) ln(c_ij / c) / (N ln N), with c_ij the
      dyadic constraint, c = constraint / N and N contacts: how much of
      the constraint comes from one contact.

    All four are computed for every person at once with sparse matrix
    products; the tests check them against networkx.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's
       redundancy measures. Connections 20, 35-38.
    """
    gd = graph_data(G, weight)
    cols = _holes(gd)
    return pd.DataFrame(cols, index=pd.Index(gd.nodes, name=INDEX_NAME))

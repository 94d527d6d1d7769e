"""Burt's structural holes: effective size, efficiency, constraint, hierarchy."""

from __future__ import annotations

import pandas as pd

from partnet.metrics._graph import INDEX_NAME, graph_data
from partnet.metrics._kernels import hole_measures

__all__ = ["structural_holes"]


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
    cols = hole_measures(gd)
    return pd.DataFrame(cols, index=pd.Index(gd.nodes, name=INDEX_NAME))

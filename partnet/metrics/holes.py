"""Burt's structural holes: effective size, efficiency, constraint, hierarchy."""

from __future__ import annotations

import pandas as pd

from partnet.errors import check_choice
from partnet.metrics._graph import INDEX_NAME, graph_data
from partnet.metrics._kernels import HOLE_MODELS, hole_measures

__all__ = ["structural_holes"]


def structural_holes(G, weight: str | None = None, model: str = "ego") -> pd.DataFrame:
    """Burt's structural-hole measures of every person, as UCINET computes them.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network. A contact of a person is anyone tied to them in either
        direction.
    weight : str, optional
        Edge attribute of tie values (e.g. ``"frequency"``); binary ties
        when omitted. Values are used as they are (not dichotomised) and
        summed both ways, z_ij + z_ji, as UCINET does. A tie of value 0 is
        no tie; the ego-network model refuses negative values.
    model : {"ego", "whole"}, default "ego"
        ``"ego"``: UCINET's default (Network > Ego Networks > Structural
        Holes, "Ego network model -- ties beyond egonet have no effect"):
        each person's measures are computed inside their own ego network
        (the person, their contacts and the ties among those contacts;
        contacts' ties to anyone else are left out). ``"whole"``: every
        contact's ties across the whole network count, as in networkx's
        ``constraint`` and ``effective_size`` and in UCINET's "Whole
        network model". See Notes.

    Returns
    -------
    pandas.DataFrame
        Indexed by node, columns ``effective_size``, ``efficiency``,
        ``constraint`` and ``hierarchy``; ``nan`` marks a value UCINET
        reports as missing (see the table in Notes).

    Raises
    ------
    ParameterError
        ``model`` is not ``"ego"`` or ``"whole"``.
    GraphError
        No nodes, a multigraph, not a networkx graph, a tie without a
        numeric ``weight`` value, or (ego model) a negative tie value.

    Examples
    --------
    A star: the centre's three contacts are not tied to each other.

    >>> import networkx as nx
    >>> star = nx.star_graph(3)          # centre 0 with contacts 1, 2, 3
    >>> structural_holes(star).loc[0].round(4).to_dict()
    {'effective_size': 3.0, 'efficiency': 1.0, 'constraint': 0.3333, 'hierarchy': 0.0}

    A person with a single contact gets UCINET's pendant values:
    constraint missing, hierarchy 1.

    >>> structural_holes(star).loc[1].to_dict()
    {'effective_size': 1.0, 'efficiency': 1.0, 'constraint': nan, 'hierarchy': 1.0}

    The models differ when contacts have ties outside the ego network.
    Here ego's contacts a and b know each other, and a also knows c and
    d. Inside ego's network a's ties to c and d do not count, so a gives
    half its attention to b (a triangle: 2 (1/2 + 1/4)^2); across the
    whole network a gives b a quarter, and b constrains ego less
    ((1/2 + 1/4)^2 + (1/2 + 1/8)^2).

    >>> G = nx.Graph([("ego", "a"), ("ego", "b"), ("a", "b"), ("a", "c"), ("a", "d")])
    >>> float(structural_holes(G).loc["ego", "constraint"])
    1.125
    >>> float(structural_holes(G, model="whole").loc["ego", "constraint"])
    0.953125

    Valued directed ties are summed both ways: ego -> a has value 3 and
    a -> ego value 1, so a's share of ego's ties is 4 / (4 + 2 + 2).

    >>> D = nx.DiGraph()
    >>> D.add_weighted_edges_from([("ego", "a", 3), ("a", "ego", 1), ("ego", "b", 1), ("b", "ego", 1),
    ...                            ("ego", "c", 1), ("c", "ego", 1)], weight="frequency")
    >>> float(structural_holes(D, weight="frequency").loc["ego", "constraint"])   # .5^2 + 2 * .25^2
    0.375

    Notes
    -----
    Burt (1992, ch. 2). With z the tie values (1 or 0 when binary), every
    pair is first symmetrised by sum, zplus_iq = z_iq + z_qi, so a
    reciprocated binary tie weighs 2 and a one-way tie 1 (UCINET's
    "Symmetrize by sum ala Burt", on by default). For ego i, contacts j
    and q (q != i, j):

    - proportional strength p_iq = zplus_iq / sum_k zplus_ik;
    - marginal strength m_jq = zplus_jq / max_k zplus_jk;
    - redundancy of j = sum_q p_iq m_jq; **effective size** =
      sum_j (1 - sum_q p_iq m_jq), the contacts less their redundancy
      (for binary undirected data n - 2t/n with t ties among the n
      contacts; Borgatti 1997);
    - **efficiency** = effective size / number of contacts;
    - dyadic constraint c_ij = (p_ij + sum_q p_iq p_qj)^2 and
      **constraint** = sum_j c_ij;
    - **hierarchy** = sum_j r_j ln r_j / (N ln N) with r_j = c_ij / (C / N),
      C the constraint and N the contacts (Burt's Coleman-Theil index; in
      the ego model terms with r_j <= 1e-6 are skipped, as in UCINET).

    The two models differ only in where the sums and maxima of a
    contact's row (p_qj, m_jq) are taken:

    - ``"ego"`` (default): over ego's network only, {i} and i's contacts.
      A contact's tie to ego counts in its totals; its ties to people
      outside are dropped. This is what UCINET 6 computes by default
      (``uEgonetStructuralHoles.pas`` in UCINET's Delphi source; Borgatti,
      Everett & Freeman 2002; UCINET help page "Structural Holes").
      Checked against xucinet's printout of UCINET's routine on Campnet:
      all four columns agree to the 3 decimals printed.
    - ``"whole"``: over the whole network (UCINET's "Whole network
      model"), so a contact's ties outside ego's network dilute its shares
      p_qj and less constraint passes through it. Equal to networkx's
      ``constraint`` and ``effective_size`` (computed node by node).

    For binary symmetric data effective size and efficiency are the same
    in both models; constraint and hierarchy are not.

    Isolates and people with one contact (UCINET's dialog defaults,
    applied after the formulas):

    ============== ================== ================== ====================
    column         no contacts        one contact, ego   one contact, whole
    ============== ================== ================== ====================
    effective_size 0                  1                  1
    efficiency     nan                1                  1
    constraint     nan                nan                1
    hierarchy      nan                1                  nan (N ln N = 0)
    ============== ================== ================== ====================

    UCINET's whole-network option has no isolate or pendant setting and
    would print hierarchy 1 for one contact and constraint 0 for an
    isolate; ``"whole"`` gives ``nan`` there (networkx's constraint of an
    isolate, and N ln N = 0 in hierarchy's denominator).

    All measures are computed for everyone at once from sparse arrays:
    the ego model lists the triangles of each ego network (work at most
    the sum of squared ego-network sizes), the whole model uses sparse
    matrix products.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's
       redundancy measures. Connections 20(1), 35-38.
    .. [3] Borgatti, S. P., Everett, M. G. & Freeman, L. C. (2002). Ucinet
       for Windows: Software for Social Network Analysis. Analytic
       Technologies. Help page Network > Ego Networks > Structural Holes,
       http://analytictech.com/ucinet/help/hs4126.htm
    """
    check_choice(model, HOLE_MODELS, "model")
    gd = graph_data(G, weight)
    cols = hole_measures(gd, model)
    return pd.DataFrame(cols, index=pd.Index(gd.nodes, name=INDEX_NAME))

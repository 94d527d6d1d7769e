"""Who the drawings highlight: opinion leaders and boundary spanners."""

from __future__ import annotations

import math

import pandas as pd

from partnet.errors import ParameterError

__all__ = ["key_people", "SPANNING_ROLES", "OPINION_LEADER_COLUMNS", "BOUNDARY_SPANNER_COLUMNS"]

#: Gould-Fernandez roles in which the broker and at least one of the two
#: people it links belong to different organisations (the coordinator role,
#: all three in one organisation, is left out).
SPANNING_ROLES = ("consultant", "gatekeeper", "representative", "liaison")

#: Node-table columns shown beside the opinion leaders (a case report's
#: table "Opinion leaders", sorted by the first): in-degree, the measure
#: that makes one (:func:`key_people`), then its normalised form and the
#: two measures of being named by people who are themselves named.
#: (In an undirected network's table, ``partnet.metrics.measure_for`` gives
#: the columns that stand for the first two: degree and its normalised form.)
OPINION_LEADER_COLUMNS = ("in_degree", "in_degree_norm", "eigenvector", "pagerank")

#: Node-table columns shown beside the boundary spanners (a case report's
#: table "Boundary spanners", sorted by ``brokerage_total``): the five
#: Gould-Fernandez brokerage roles, the coordinator (brokerage within an
#: organisation) for contrast with the :data:`SPANNING_ROLES` that make a
#: spanner, their total, the person's E-I index and Burt's effective size
#: and constraint (structural holes).
BOUNDARY_SPANNER_COLUMNS = ("coordinator", *SPANNING_ROLES, "brokerage_total", "ei", "effective_size", "constraint")


def _top_threshold(values: pd.Series, top: float) -> float:
    ranked = sorted(values.dropna().astype(float), reverse=True)
    if not ranked:
        return math.inf
    k = max(1, math.ceil(top * len(ranked)))
    return ranked[k - 1]


def key_people(node_table: pd.DataFrame, *, top: float = 0.1, min_in_degree: int = 2) -> pd.DataFrame:
    """Flag opinion leaders and boundary spanners in a node table.

    Parameters
    ----------
    node_table : pandas.DataFrame
        One row per person (``partnet.metrics.node_table``), indexed by
        person_id. Used columns: ``in_degree`` (``degree`` in the table
        of an undirected network, which has no ``out_degree``); ``consultant``,
        ``gatekeeper``, ``representative``, ``liaison``. Boolean columns
        ``opinion_leader`` or ``boundary_spanner`` already present are
        taken as they are (a researcher's own classification).
    top : float, default 0.1
        Share of people counted as "high": the top decile by default.
    min_in_degree : int, default 2
        An opinion leader is named by at least this many people.

    Returns
    -------
    pandas.DataFrame
        Same index, boolean columns ``opinion_leader`` and
        ``boundary_spanner``.

    Raises
    ------
    ParameterError
        If ``top`` is not in (0, 1].

    Notes
    -----
    Following the seed study's use of the terms:

    - **opinion leader**: in-degree (number of people who named the
      person; in an undirected network, the number of contacts) at or above the value of the person ranked
      ``ceil(top * n)``-th, ties included, and at least ``min_in_degree``.
    - **boundary spanner**: Gould & Fernandez [1]_ brokerage across
      organisations, the sum of the consultant (itinerant), gatekeeper,
      representative and liaison counts, at or above the same top-share
      threshold and at least 1. Without those columns nobody is flagged.

    The node-table columns a case report shows beside each group are
    :data:`OPINION_LEADER_COLUMNS` and :data:`BOUNDARY_SPANNER_COLUMNS`.

    References
    ----------
    .. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation:
       a formal approach to brokerage in transaction networks.
       *Sociological Methodology* 19, 89-126.

    Examples
    --------
    >>> t = pd.DataFrame({"in_degree": [9, 3, 2, 0, 1, 1, 0, 2, 1, 0],
    ...                   "gatekeeper": [0, 4, 0, 0, 0, 0, 0, 0, 0, 0],
    ...                   "liaison": [1, 2, 0, 0, 0, 0, 0, 0, 0, 0]},
    ...                  index=[f"p{i}" for i in range(10)])
    >>> k = key_people(t)
    >>> list(k.index[k.opinion_leader]), list(k.index[k.boundary_spanner])
    (['p0'], ['p1'])

    The columns shown beside the spanners of a case:

    >>> import partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> nodes = pn.metrics.node_table(G)
    >>> spanners = nodes.loc[key_people(nodes)["boundary_spanner"], list(BOUNDARY_SPANNER_COLUMNS)]
    >>> print(spanners[["representative", "brokerage_total", "constraint"]].to_string())
               representative  brokerage_total  constraint
    person_id
    p2                      1                1         0.5
    """
    if not 0 < top <= 1:
        raise ParameterError(f"top must be a share in (0, 1]; {top!r} was given")
    out = pd.DataFrame(index=node_table.index)
    if "opinion_leader" in node_table:
        out["opinion_leader"] = node_table["opinion_leader"].fillna(False).astype(bool)
    elif "in_degree" in node_table or ("degree" in node_table and "out_degree" not in node_table):
        indeg = node_table["in_degree" if "in_degree" in node_table else "degree"].astype(float)
        out["opinion_leader"] = (indeg >= _top_threshold(indeg, top)) & (indeg >= min_in_degree)
    else:
        out["opinion_leader"] = False
    if "boundary_spanner" in node_table:
        out["boundary_spanner"] = node_table["boundary_spanner"].fillna(False).astype(bool)
    else:
        roles = [c for c in SPANNING_ROLES if c in node_table]
        if roles:
            spanning = node_table[roles].astype(float).sum(axis=1)
            out["boundary_spanner"] = (spanning >= _top_threshold(spanning, top)) & (spanning >= 1)
        else:
            out["boundary_spanner"] = False
    return out.astype(bool)

"""Change between two waves of the same survey: which ties lasted, which appeared, which were lost.

:func:`wave_change` is the tie-change table of two waves and its stability
indices (Jaccard, Hamming); :func:`wave_qap` their QAP correlation;
:func:`compare_waves` sets the two waves side by side: the tie-change
table, the whole-network profiles, the QAP correlation, the stability of
people's positions, who moved in or out of the core and which
organisations drew together or apart.

Waves are compared as the graphs were built (``case.graph(wave=...)``):
the same relation, directedness, threshold and treatment of
non-respondents in both.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from partnet.errors import GraphError, ParameterError
from partnet.metrics._graph import INDEX_NAME, partition_codes
from partnet.metrics.centrality import betweenness, degree
from partnet.metrics.cohesion import block_density
from partnet.metrics.coreperiphery import core_periphery
from partnet.metrics.organisations import organisation_ties
from partnet.metrics.qap import QAPResult, adjacency_matrix, qap_correlation
from partnet.metrics.tables import measure_for, whole_network

__all__ = ["WAVE_CHANGE_FIELDS", "WaveComparison", "wave_change", "wave_qap", "compare_waves"]

#: Fields of :func:`wave_change`, in order.
WAVE_CHANGE_FIELDS = ("overlap", "joined", "left", "n00", "n01", "n10", "n11", "jaccard", "persisting", "hamming",
                      "rose", "fell")

#: Graph settings two waves must share to be compared (when both graphs record them).
_SAME_SETTINGS = ("relation", "min_frequency", "nonrespondents")


def _check(G, name: str) -> None:
    if not isinstance(G, nx.Graph):
        raise GraphError(f"{name} must be a networkx graph (case.graph(wave=...)); a {type(G).__name__} was given")
    if G.is_multigraph():
        raise GraphError(f"{name} is a multigraph; collapse parallel ties first, e.g. networkx.DiGraph({name})")


def _check_pair(G_before, G_after) -> None:
    """Both graphs checked, of one kind, and built with the same settings where both record them."""
    _check(G_before, "G_before")
    _check(G_after, "G_after")
    if G_before.is_directed() != G_after.is_directed():
        raise GraphError("both waves must be directed or both undirected; one is a "
                         f"{type(G_before).__name__} and the other a {type(G_after).__name__}")
    for key in _SAME_SETTINGS:
        if key in G_before.graph and key in G_after.graph and G_before.graph[key] != G_after.graph[key]:
            raise GraphError(f"the two waves must be built with the same {key}; G_before has "
                             f"{G_before.graph[key]!r} and G_after {G_after.graph[key]!r}")


def _both(G_before, G_after) -> list:
    """People present in both waves, in the earlier graph's order."""
    return [v for v in G_before if v in G_after]


def _pairs(G, people: set, directed: bool) -> set:
    """The ties of ``G`` among ``people`` as ordered pairs (directed) or sorted pairs (undirected); no loops."""
    out = set()
    for u, v in G.edges():
        if u == v or u not in people or v not in people:
            continue
        out.add((u, v) if directed else tuple(sorted((u, v), key=str)))
    return out


def _value(G, pair, weight):
    value = G.edges[pair].get(weight)
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and value == value:
        return float(value)
    return None


def _labels(G_before, G_after) -> tuple[str, str]:
    """The waves' names (``G.graph["wave"]``), or "before" and "after"."""
    a, b = G_before.graph.get("wave"), G_after.graph.get("wave")
    if a is None or b is None or str(a) == str(b):
        return ("before", "after")
    return (str(a), str(b))


def wave_change(G_before, G_after, weight: str | None = "frequency") -> pd.Series:
    """The tie-change table between two waves, and the stability of the ties that lasted.

    Parameters
    ----------
    G_before, G_after : networkx.DiGraph or networkx.Graph
        The same relation in two waves (``case.graph(wave=...)``), both
        directed or both undirected, built with the same threshold and
        treatment of non-respondents.
    weight : str or None, default "frequency"
        Edge attribute holding a tie's value, for ``rose`` and ``fell``;
        None (or a binary relation, ``G.graph["scale"] == "binary"``)
        leaves them NaN.

    Returns
    -------
    pandas.Series
        Float values, named ``"wave change"``:

        ========== ==========================================================
        overlap    people present in both waves (the dyads are among them)
        joined     people only in the later wave
        left       people only in the earlier wave
        n00        dyads without a tie in either wave
        n01        dyads with a tie only in the later wave (new ties)
        n10        dyads with a tie only in the earlier wave (lost ties)
        n11        dyads with a tie in both waves (persisting ties)
        jaccard    n11 / (n01 + n10 + n11): the share of ties present in
                   either wave that are present in both (NaN without ties)
        persisting n11 / (n10 + n11): the share of the earlier wave's ties
                   that are still there (NaN when it had none)
        hamming    n01 + n10: the dyads whose tie changed
        rose       of the persisting ties with a value in both waves, the
                   share whose value rose
        fell       of the same ties, the share whose value fell
        ========== ==========================================================

    Raises
    ------
    GraphError
        A graph is not a networkx graph or is a multigraph; one is
        directed and the other not; or both record a different
        ``relation``, ``min_frequency`` or ``nonrespondents`` in
        ``G.graph``.

    Examples
    --------
    >>> import networkx as nx
    >>> before = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> after = nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> row = wave_change(before, after, weight=None)
    >>> row[["overlap", "joined", "left", "n00", "n01", "n10", "n11", "hamming"]].astype(int).tolist()
    [3, 1, 0, 2, 1, 2, 1, 3]
    >>> float(row["jaccard"]), round(float(row["persisting"]), 4)
    (0.25, 0.3333)

    Notes
    -----
    **Dyads** are the ordered pairs of distinct people present in both
    graphs for a directed relation, *m(m - 1)* of them for *m* people, and
    the unordered pairs, *m(m - 1)/2*, for an undirected one. People in
    only one wave (joined later, or left) are counted in ``joined`` and
    ``left`` and their ties are left out of the table: a tie cannot have
    lasted or been lost between waves when one of its people was not
    there (RSiena treats such people as structurally absent, Ripley et
    al. 2018). Non-respondents are whatever the graphs make them: with
    ``nonrespondents="drop"`` they are absent from that wave (and so from
    the table); with ``"keep"`` they are present with only the ties others
    reported, so a tie they sent before and could not report after counts
    as lost; ``"reconstruct"`` fills those in by reciprocity. Compare
    waves built with the same treatment (a pair of graphs recording
    different treatments is refused).

    The **Jaccard index** of the tie sets, n11 / (n01 + n10 + n11), is the
    measure RSiena reports for the stability between consecutive waves;
    its manual reads values of .3 or more as good and values under .2 as
    low, a sign that change is too large for the waves to be taken as
    steps of one gradual process (Ripley et al. 2018, on the amount of
    change between waves). The **Hamming distance** is the number of dyads
    whose tie differs, as ``hdist`` in Butts' sna package for R (2008)
    computes it on the binary matrices, diagonal excluded (``mode =
    "digraph"`` for a directed relation, ``"graph"`` for an undirected
    one). Both are counted on binary ties: a tie is there at the graph's
    threshold or not; ``rose`` and ``fell`` read the values of the ties
    that lasted.

    References
    ----------
    .. [1] Ripley, R. M., Snijders, T. A. B., Boda, Z., Vörös, A. &
       Preciado, P. (2018). *Manual for RSiena*. University of Oxford,
       Department of Statistics; Nuffield College.
    .. [2] Butts, C. T. (2008). Social network analysis with sna.
       *Journal of Statistical Software* 24(6) (``hdist``).
    """
    _check_pair(G_before, G_after)
    directed = G_before.is_directed()
    before_people, after_people = set(G_before), set(G_after)
    people = before_people & after_people
    m = len(people)
    dyads = m * (m - 1) if directed else m * (m - 1) // 2
    before = _pairs(G_before, people, directed)
    after = _pairs(G_after, people, directed)
    n11 = len(before & after)
    n10 = len(before) - n11
    n01 = len(after) - n11
    n00 = dyads - n11 - n10 - n01
    either = n01 + n10 + n11
    rose = fell = math.nan
    binary = "binary" in (G_before.graph.get("scale"), G_after.graph.get("scale"))
    if weight is not None and not binary and n11:
        pairs = [(_value(G_before, p, weight), _value(G_after, p, weight)) for p in before & after]
        valued = [(a, b) for a, b in pairs if a is not None and b is not None]
        if valued:
            rose = sum(b > a for a, b in valued) / len(valued)
            fell = sum(b < a for a, b in valued) / len(valued)
    row = {"overlap": m, "joined": len(after_people - before_people), "left": len(before_people - after_people),
           "n00": n00, "n01": n01, "n10": n10, "n11": n11,
           "jaccard": n11 / either if either else math.nan,
           "persisting": n11 / (n10 + n11) if n10 + n11 else math.nan,
           "hamming": n01 + n10, "rose": rose, "fell": fell}
    return pd.Series({k: float(row[k]) for k in WAVE_CHANGE_FIELDS}, name="wave change")


def wave_qap(G_before, G_after, *, permutations: int = 2000, seed: int = 0) -> QAPResult:
    """QAP correlation between two waves' networks, over the people present in both.

    Parameters
    ----------
    G_before, G_after : networkx.DiGraph or networkx.Graph
        The same relation in two waves, as for :func:`wave_change`.
    permutations : int, default 2000
        Joint row-and-column permutations of the later wave's matrix.
    seed : int, default 0
        Seed of the permutations.

    Returns
    -------
    QAPResult
        As :func:`qap_correlation`: ``statistic`` (Pearson's r over the
        off-diagonal cells of the two binary matrices) and its
        permutation p-values.

    Raises
    ------
    GraphError
        The graphs cannot be compared (see :func:`wave_change`).
    ParameterError
        Fewer than 3 people in both waves, or a wave without any tie (or
        with every possible tie) among them: the correlation is undefined.

    Examples
    --------
    >>> import networkx as nx
    >>> before = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")])
    >>> after = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "a"), ("e", "a")])
    >>> res = wave_qap(before, after, permutations=200, seed=1)
    >>> res.statistic   # phi of n00 = 7, n01 = 1, n10 = 1, n11 = 3: (7 * 3 - 1 * 1) / sqrt(8 * 4 * 8 * 4)
    0.625

    Notes
    -----
    The matrices are the binary adjacency matrices of the two waves
    restricted to the people present in both, rows and columns in the
    earlier graph's order; people who joined or left are left out, as in
    :func:`wave_change`. The correlation of two binary matrices is the phi
    coefficient of the 2 x 2 tie-change table, (n00 n11 - n01 n10) /
    sqrt((n00 + n01)(n10 + n11)(n00 + n10)(n01 + n11)), over the ordered
    pairs. Significance is Krackhardt's (1987, 1988) quadratic assignment
    procedure, UCINET's Tools > Testing Hypotheses > Dyadic (QAP) > QAP
    Correlation (see :func:`qap_correlation`): the later wave's rows and
    columns are permuted together, and a p-value is the share of
    permutations at least as extreme. It answers whether the later
    network is more like the earlier one than a relabelled copy of it
    would be: a test of persistence, not of change. For an undirected
    relation both triangles of the symmetric matrices enter, which gives
    the same r and p-values as the unordered pairs alone.

    References
    ----------
    .. [1] Krackhardt, D. (1987). QAP partialling as a test of
       spuriousness. *Social Networks* 9(2), 171-186.
    .. [2] Krackhardt, D. (1988). Predicting with networks: nonparametric
       multiple regression analysis of dyadic data. *Social Networks*
       10(4), 359-381.
    """
    _check_pair(G_before, G_after)
    people = _both(G_before, G_after)
    if len(people) < 3:
        raise ParameterError(f"QAP needs at least 3 people present in both waves; {len(people)} are")
    A = adjacency_matrix(G_before.subgraph(people), nodes=people)
    B = adjacency_matrix(G_after.subgraph(people), nodes=people)
    return qap_correlation(A, B, permutations=permutations, seed=seed)


@dataclass(frozen=True)
class WaveComparison:
    """Two waves of one relation side by side (:func:`compare_waves`).

    Attributes
    ----------
    waves : (str, str)
        The waves' names (``G.graph["wave"]``), or ``("before", "after")``.
    change : pandas.Series
        The tie-change table, :func:`wave_change`.
    profiles : pandas.DataFrame
        Each wave's whole-network profile and core-periphery model:
        columns ``before``, ``after``, ``difference`` (after - before).
    qap : QAPResult or None
        :func:`wave_qap`; None when it is undefined (fewer than 3 people in
        both waves, or no tie among them in a wave).
    node_stability : pandas.DataFrame
        Spearman's rank correlation of each person's in-degree (degree)
        and betweenness in the two waves, over the people in both.
    core : pandas.DataFrame
        Who stayed in the core, joined it or left it.
    organisations : pandas.DataFrame
        Block density between and within organisations in each wave, the
        pairs that changed most first.
    permutations, seed : int
        The settings used.
    """

    waves: tuple
    change: pd.Series
    profiles: pd.DataFrame
    qap: QAPResult | None
    node_stability: pd.DataFrame
    core: pd.DataFrame
    organisations: pd.DataFrame
    permutations: int
    seed: int

    def __repr__(self) -> str:
        r = "n/a" if self.qap is None else f"{self.qap.statistic:.4f}"
        return (f"WaveComparison({self.waves[0]!r} -> {self.waves[1]!r}: jaccard={self.change['jaccard']:.4f}, "
                f"qap_r={r}, overlap={int(self.change['overlap'])}, seed={self.seed})")


def _profile(G, seed: int) -> pd.Series:
    row = whole_network(G)
    try:
        cp = core_periphery(G, seed=seed)
        core_size, fit = float(cp.core.sum()), float(cp.fit)
    except GraphError:
        core_size = fit = math.nan
    return pd.concat([row, pd.Series({"core_size": core_size, "core_fit": fit})])


def _core_labels(G, seed: int) -> pd.Series | None:
    """'core'/'periphery' per person of ``G``; None when no core-periphery model can be fitted."""
    try:
        core = core_periphery(G, seed=seed).core
    except GraphError:
        return None
    return core.map({True: "core", False: "periphery"})


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rho with average ranks for ties; NaN for fewer than 3 people or a constant measure."""
    from scipy.stats import spearmanr

    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return math.nan
    return float(spearmanr(x, y).statistic)


def _node_stability(G_before, G_after, people: list) -> pd.DataFrame:
    rows = {}
    name = measure_for("in_degree", G_before)
    for label, measure in ((name, lambda G: degree(G, "in")), ("betweenness", lambda G: betweenness(G, False))):
        x = measure(G_before).reindex(people).to_numpy(dtype=float)
        y = measure(G_after).reindex(people).to_numpy(dtype=float)
        rows[label] = {"people": float(len(people)), "rho": _spearman(x, y)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "measure"
    return out


def _core_movers(G_before, G_after, partition, seed: int) -> pd.DataFrame:
    before, after = _core_labels(G_before, seed), _core_labels(G_after, seed)
    people = list(G_before) + [v for v in G_after if v not in G_before]

    def state(labels, G, v):
        if v not in G:
            return "absent"
        return None if labels is None else labels[v]

    records = []
    for v in people:
        b, a = state(before, G_before, v), state(after, G_after, v)
        if "core" not in (b, a):
            continue
        if b is None or a is None:       # no model in the other wave: no movement to tell
            move = None
        else:
            move = "stayed" if b == a else "joined" if a == "core" else "left"
        record = {"person_id": v, "before": b, "after": a, "movement": move}
        if isinstance(partition, str):
            source = G_after if v in G_after else G_before
            record[partition] = source.nodes[v].get(partition)
        records.append(record)
    columns = ["person_id", "before", "after", "movement"] + ([partition] if isinstance(partition, str) else [])
    out = pd.DataFrame.from_records(records, columns=columns)
    order = {"stayed": 0, "joined": 1, "left": 2}
    out = out.sort_values("movement", key=lambda s: s.map(lambda m: order.get(m, 3)), kind="stable")
    out = out.set_index("person_id").rename_axis(INDEX_NAME).astype("object")
    return out.where(out.notna(), pd.NA)


def _organisation_change(G_before, G_after, partition) -> pd.DataFrame:
    directed = G_before.is_directed()
    names = ["from", "to"] if directed else ["between", "and"]
    columns = ["ties_before", "ties_after", "before", "after", "difference", "change"]
    if partition is None:
        return pd.DataFrame(columns=columns, index=pd.MultiIndex.from_tuples([], names=names))
    dens = [block_density(G, partition) for G in (G_before, G_after)]
    ties = [organisation_ties(G, partition) for G in (G_before, G_after)]
    _, lb = partition_codes(G_before, list(G_before), partition)
    _, la = partition_codes(G_after, list(G_after), partition)
    labels = sorted(set(lb) | set(la), key=lambda x: (str(type(x)), str(x)))

    def cell(table, g, h):
        return float(table.at[g, h]) if g in table.index and h in table.columns else math.nan

    records, index = [], []
    for i, g in enumerate(labels):
        for h in labels if directed else labels[i:]:
            before, after = cell(dens[0], g, h), cell(dens[1], g, h)
            diff = after - before
            change = ("" if math.isnan(diff) else "closer" if diff > 0 else "apart" if diff < 0 else "same")
            records.append((cell(ties[0], g, h), cell(ties[1], g, h), before, after, diff, change))
            index.append((g, h))
    out = pd.DataFrame.from_records(records, columns=columns,
                                    index=pd.MultiIndex.from_tuples(index, names=names))
    size = out["difference"].abs()
    order = np.lexsort((np.arange(len(out)), -size.fillna(-1.0).to_numpy()))
    return out.iloc[order]


def compare_waves(G_before, G_after, *, partition="organisation", permutations: int = 2000,
                  seed: int = 0) -> WaveComparison:
    """Two waves of one relation compared: ties, whole network, positions, core and organisations.

    Parameters
    ----------
    G_before, G_after : networkx.DiGraph or networkx.Graph
        The same relation in an earlier and a later wave
        (``case.graph(wave=...)``), built with the same options.
    partition : str, mapping or None, default "organisation"
        Groups for the organisation table (a node attribute or a mapping
        node -> group); None leaves that table empty.
    permutations : int, default 2000
        Permutations of the QAP test.
    seed : int, default 0
        Seed of the QAP permutations and of both core-periphery searches.

    Returns
    -------
    WaveComparison
        With

        - ``change``: :func:`wave_change` (ties among the people present
          in both waves);
        - ``profiles``: rows the fields of :func:`whole_network` and
          ``core_size``, ``core_fit`` (people in the core and the fit of
          :func:`core_periphery`, NaN where no model can be fitted);
          columns ``before``, ``after`` and ``difference`` (after -
          before), each wave's graph as it is;
        - ``qap``: :func:`wave_qap` (None where undefined);
        - ``node_stability``: rows ``in_degree`` (``degree`` for an
          undirected relation, :func:`measure_for`) and ``betweenness``;
          columns ``people`` (present in both waves) and ``rho``;
        - ``core``: indexed by ``person_id``, everyone in the core in at
          least one wave: ``before`` and ``after`` ("core", "periphery",
          "absent" from that wave; NA where no model can be fitted),
          ``movement`` ("stayed", "joined", "left", in that order; NA,
          last, when the other wave has no model), and the partition
          attribute;
        - ``organisations``: one row per pair of organisations, ordered
          (``from``, ``to``) for a directed relation, unordered
          (``between``, ``and``) for an undirected one, within-organisation
          pairs included: ``ties_before``, ``ties_after``
          (:func:`organisation_ties`), ``before``, ``after``
          (:func:`block_density`), ``difference`` (after - before) and
          ``change`` ("closer", "apart", "same"; "" when an organisation
          is missing from a wave); the largest changes first, either way.

    Raises
    ------
    GraphError
        The graphs cannot be compared (see :func:`wave_change`), or a node
        has no group.
    ParameterError
        A partition attribute no node carries, or a bad number of
        permutations.

    Examples
    --------
    >>> import networkx as nx
    >>> before = nx.DiGraph([("a1", "a2"), ("a2", "a1"), ("a1", "b1"), ("b1", "b2"), ("b2", "a2")])
    >>> after = nx.DiGraph([("a1", "a2"), ("a2", "a1"), ("b1", "b2"), ("b2", "b1"), ("c1", "a1")])
    >>> for G in (before, after):
    ...     nx.set_node_attributes(G, {v: v[0].upper() for v in G}, "organisation")
    >>> w = compare_waves(before, after, permutations=100)
    >>> w.change[["n11", "n01", "n10", "jaccard"]].to_dict()
    {'n11': 3.0, 'n01': 1.0, 'n10': 2.0, 'jaccard': 0.5}
    >>> w.profiles.loc[["n", "ties", "density"]]
               before  after  difference
    measure
    n        4.000000   5.00    1.000000
    ties     5.000000   5.00    0.000000
    density  0.416667   0.25   -0.166667
    >>> w.organisations.head(3)
             ties_before  ties_after  before  after  difference  change
    from to
    B    B           1.0         2.0    0.50    1.0        0.50  closer
    A    B           1.0         0.0    0.25    0.0       -0.25   apart
    B    A           1.0         0.0    0.25    0.0       -0.25   apart

    Notes
    -----
    Ties, QAP and positions are compared over the people present in both
    waves: ``change`` and ``qap`` on the ties among them, and the Spearman
    correlations (Spearman 1904; average ranks for tied values, as
    ``scipy.stats.spearmanr``) on the measures each person has in their
    wave's whole network, in-degree (Freeman 1979; degree for an
    undirected relation) and raw betweenness (a wave's normalisation
    does not change its ranks). A correlation is NaN for fewer than 3
    people or a measure that is the same for everyone in a wave. The
    profiles, the core and the block densities describe each wave's
    network as it is, joiners and leavers included, as that wave's own
    report does (UCINET conventions of :func:`whole_network` and
    :func:`block_density`); the core is Borgatti & Everett's (1999)
    categorical model fitted with the same seed in each wave
    (:func:`core_periphery`), so a move in or out of it can also be the
    search's (compare seeds before reading much into one person). The
    QAP test follows Krackhardt (1987, 1988), :func:`wave_qap`.

    References
    ----------
    .. [1] Ripley, R. M., Snijders, T. A. B., Boda, Z., Vörös, A. &
       Preciado, P. (2018). *Manual for RSiena*. University of Oxford.
    .. [2] Krackhardt, D. (1987). QAP partialling as a test of
       spuriousness. *Social Networks* 9(2), 171-186.
    .. [3] Borgatti, S. P. & Everett, M. G. (1999). Models of
       core/periphery structures. *Social Networks* 21(4), 375-395.
    .. [4] Spearman, C. (1904). The proof and measurement of association
       between two things. *American Journal of Psychology* 15(1), 72-101.
    """
    _check_pair(G_before, G_after)
    if isinstance(permutations, bool) or not isinstance(permutations, (int, np.integer)) or permutations < 1:
        raise ParameterError(f"permutations must be a whole number >= 1; {permutations!r} was given")
    people = _both(G_before, G_after)
    try:
        qap = wave_qap(G_before, G_after, permutations=permutations, seed=seed)
    except ParameterError:       # fewer than 3 people in both waves, or no variation in a wave's ties
        qap = None
    before, after = _profile(G_before, seed), _profile(G_after, seed)
    profiles = pd.DataFrame({"before": before, "after": after, "difference": after - before})
    profiles.index.name = "measure"
    return WaveComparison(
        waves=_labels(G_before, G_after),
        change=wave_change(G_before, G_after),
        profiles=profiles,
        qap=qap,
        node_stability=_node_stability(G_before, G_after, people),
        core=_core_movers(G_before, G_after, partition, seed),
        organisations=_organisation_change(G_before, G_after, partition),
        permutations=int(permutations),
        seed=seed,
    )

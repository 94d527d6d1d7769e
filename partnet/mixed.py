"""Joint displays: each person's network position beside what they said.

Mixed-methods joint displays (Fetters, Curry & Creswell 2013; Guetterman,
Fetters & Creswell 2015) set quantitative and qualitative results side by
side so that one can be read against the other. partnet builds four:

- :func:`meta_matrix` (also :func:`joint_display`): the case-ordered
  meta-matrix, one row per participant ordered by a centrality, with their
  organisation, role and position (degree, betweenness, brokerage role,
  core or periphery, E-I) beside the count of each theme and an exemplar
  quote;
- :func:`statistics_by_themes`: themes as rows, network-position groups as
  columns (brokers and others, core and periphery, senior and not,
  citizen-facing and not): who mentions each theme, and a contrasting quote
  from each side;
- :func:`effectiveness_profile`: the case on the three dimensions of the
  partnership-effectiveness model, quantitative indicators beside coded
  evidence (with the change between the first and the last wave under
  system stability, for a case surveyed in waves); :func:`indicators`
  gives the numbers alone, :func:`shown_profile` the profile as a page
  shows it (each number once, as printed);
- :func:`cross_case_profile`: the same indicators for any number of cases,
  side by side;
- :func:`workshop_notes`: what a workshop noted about a person, a tie, an
  organisation or the network (``partnet import-notes``) beside what
  those people said in interview.

Network measures come from :mod:`partnet.metrics` with its conventions;
counts of themes follow :mod:`partnet.themes` (distinct segments, people
mentioning, interviewees = people with at least one coded segment). Every
function that shows people takes ``anonymise`` and follows the consent rule
(:mod:`partnet.pseudonyms`), inside quotes too.

References
----------
.. [1] Fetters, M. D., Curry, L. A., & Creswell, J. W. (2013). Achieving
   integration in mixed methods designs: principles and practices. *Health
   Services Research*, 48(6pt2), 2134-2156.
.. [2] Guetterman, T. C., Fetters, M. D., & Creswell, J. W. (2015).
   Integrating quantitative and qualitative results in health science mixed
   methods research through joint displays. *Annals of Family Medicine*,
   13(6), 554-561.
.. [3] Miles, M. B., & Huberman, A. M. (1994). *Qualitative data analysis*
   (2nd ed.), ch. 7: case-ordered meta-matrices. Sage.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnet import schema, themes
from partnet._coding import best_first, coded_rows, interviewee_ids, level_values
from partnet.errors import ParameterError, check_choice

__all__ = [
    "SPLITS",
    "INDICATORS",
    "CHANGE_INDICATORS",
    "positions",
    "meta_matrix",
    "joint_display",
    "statistics_by_themes",
    "indicators",
    "effectiveness_profile",
    "SHOWN_PROFILE_COLUMNS",
    "shown_profile",
    "cross_case_profile",
    "WORKSHOP_NOTE_COLUMNS",
    "workshop_notes",
]

#: Network-position and attribute splits of :func:`statistics_by_themes`:
#: name -> (label of the group where the flag is true, label of the rest).
SPLITS = {
    "broker": ("brokers", "others"),
    "core": ("core", "periphery"),
    "senior": ("senior", "not senior"),
    "citizen_facing": ("citizen-facing", "other directorates"),
}

#: Gould-Fernandez roles, in the order used to name a person's main role.
BROKERAGE_ROLES = ("liaison", "gatekeeper", "representative", "consultant", "coordinator")

#: The quantitative indicators of the effectiveness profile:
#: key -> (dimension, label, definition).
INDICATORS = {
    "density": (
        "network structure", "density",
        "ties present / ties possible, n(n - 1) directed or n(n - 1)/2 undirected, over the people in the graph "
        "(metrics.whole_network)"),
    "degree_centralization_in": (
        "network structure", "in-degree centralization",
        "Freeman centralization of in-degree, UCINET normalisation; of degree for an undirected relation "
        "(metrics.whole_network)"),
    "betweenness_centralization": (
        "network structure", "betweenness centralization",
        "Freeman centralization of betweenness, UCINET normalisation (metrics.whole_network)"),
    "share_brokers": (
        "network structure", "share of brokers",
        "share of people whose cross-organisation brokerage (Gould-Fernandez consultant, gatekeeper, "
        "representative and liaison counts) is above the network's mean: low when a few hubs span the "
        "boundaries (mixed.positions)"),
    "share_core": (
        "network structure", "share in the core",
        "share of people in the core of the core-periphery partition (metrics.core_periphery)"),
    "ei_whole": (
        "network structure", "E-I index between organisations",
        "Krackhardt-Stern E-I over all ties, partition by organisation: (external - internal) / all ties; "
        "-1 all within organisations, +1 all between (metrics.ei_index)"),
    "share_senior": (
        "governance", "share senior",
        "share of the people in the graph whose seniority is senior"),
    "share_middle": (
        "governance", "share middle",
        "share of the people in the graph whose seniority is middle"),
    "share_junior": (
        "governance", "share junior",
        "share of the people in the graph whose seniority is junior"),
    "share_citizen_facing": (
        "governance", "share from citizen-facing directorates",
        "share of the people in the graph whose directorate is citizen-facing"),
    "share_councillors": (
        "governance", "share of councillors",
        "share of the people in the graph whose role is councillor"),
    "councillor_tie_share": (
        "governance", "councillors' share of tie ends",
        "sum of councillors' degrees (in + out) / (2 x ties): how much of the contact involves councillors"),
    "organisations": (
        "system stability", "organisations",
        "number of organisations with at least one person in the graph"),
    "org_size_cv": (
        "system stability", "size spread (coefficient of variation)",
        "population standard deviation / mean of organisation size, over the partner organisations with a size "
        "(the partnership team left out)"),
    "org_size_ratio": (
        "system stability", "size ratio largest / smallest",
        "largest organisation size / smallest, over the partner organisations with a size (the partnership team "
        "left out)"),
}

#: Change indicators of the system-stability dimension, added for a case surveyed in two or more
#: waves (``case.waves``), between its first and its last wave: key -> (dimension, label, definition).
#: A case without waves has none of these rows.
CHANGE_INDICATORS = {
    "wave_jaccard": (
        "system stability", "tie stability, first to last wave (Jaccard)",
        "ties in both waves / ties in either, n11 / (n01 + n10 + n11), among the people present in both the "
        "first and the last wave; the RSiena manual reads .3 or more as stable, under .2 as low "
        "(metrics.wave_change)"),
    "wave_persisting_share": (
        "system stability", "share of first-wave ties still present in the last",
        "n11 / (n10 + n11): of the first wave's ties among the people present in both waves, the share also "
        "present in the last wave (metrics.wave_change)"),
    "wave_qap": (
        "system stability", "QAP correlation, first and last wave",
        "Pearson correlation of the two waves' binary matrices over the off-diagonal cells, among the people "
        "present in both: 1 the same ties, 0 no linear association (Krackhardt's QAP; metrics.wave_qap)"),
    "wave_overlap": (
        "system stability", "people in both the first and the last wave",
        "people present in the first and in the last wave, among whom the ties above are compared"),
}

#: Coded-evidence indicators added per dimension: key -> definition.
EVIDENCE = {
    "segments": "distinct coded segments carrying a theme of the dimension",
    "share_interviewees": "share of interviewees with at least one segment on the dimension",
}


def _graph(case, G):
    return case.graph() if G is None else G


def _core_labels(G, seed: int) -> pd.Series:
    """'core' or 'periphery' per node from metrics.core_periphery; NA when no model can be fitted."""
    from partnet import metrics

    try:
        core = metrics.core_periphery(G, seed=seed).core
    except metrics.GraphError:
        return pd.Series(pd.NA, index=pd.Index([str(v) for v in G.nodes]), dtype="string")
    labels = core.map({True: "core", False: "periphery"}).astype("string")
    labels.index = labels.index.astype(str)
    return labels


def positions(case, G=None, partition: str = "organisation", min_brokerage="mean", seed: int = 0) -> pd.DataFrame:
    """Each person's network position and the flags the joint displays group by.

    Parameters
    ----------
    case : Case
    G : networkx.DiGraph, optional
        The network (default ``case.graph()`` with the case's defaults).
    partition : str
        Node attribute for brokerage and E-I (default organisation).
    min_brokerage : "mean" or int
        Who counts as a broker (see Notes): ``"mean"`` (default), more
        cross-organisation brokerage than the mean over the people in the
        graph; a number, at least that much.
    seed : int
        Seed of the core-periphery search (``metrics.core_periphery``).

    Returns
    -------
    DataFrame
        Indexed by person_id, every person of the roster (people not in
        ``G`` have NA positions): ``organisation``, ``org_type``, ``role``,
        ``seniority``, ``directorate``, every column of
        ``metrics.node_table``, ``brokerage_role`` (the role with the most
        brokerage, ties in the order liaison, gatekeeper, representative,
        consultant, coordinator; "none" without brokerage),
        ``cross_brokerage`` (brokerage across organisations, see Notes),
        ``core_periphery`` ("core" / "periphery"; NA when the graph is
        too small or has no ties to fit a model), and boolean flags
        ``broker``, ``core``, ``senior``, ``citizen_facing``,
        ``interviewed``.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> positions(case)[["betweenness", "cross_brokerage", "broker", "brokerage_role"]]
               betweenness  cross_brokerage  broker  brokerage_role
    person_id
    p1                 0.0              0.0   False            none
    p2                 1.0              1.0    True  representative
    p3                 0.0              0.0   False            none
    p4                 0.0              0.0   False            none

    Notes
    -----
    Cross-organisation brokerage counts the two-paths j -> i -> k (j -> k
    absent) that i mediates where i's organisation differs from j's or
    k's: the Gould-Fernandez consultant (itinerant), gatekeeper,
    representative and liaison roles. Coordinators broker within their own
    organisation only, which is not boundary spanning (Gould & Fernandez
    1989). Every person who mediates a single such path would be a broker
    in any but the sparsest network, so by default a broker is someone
    with more cross-organisation brokerage than the network's mean (and
    more than none): a relative rule, so that the share of brokers says how
    concentrated boundary spanning is (a few hubs: a small share).

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation:
       a formal approach to brokerage in transaction networks.
       *Sociological Methodology*, 19, 89-126.
    """
    from partnet import metrics

    G = _graph(case, G)
    attrs = themes.people_attributes(case)
    keep = [c for c in ("organisation", "org_type", "role", "seniority", "directorate") if c in attrs.columns]
    out = attrs[keep].copy()
    nodes = metrics.node_table(G, partition=partition)
    nodes.index = nodes.index.astype(str)
    out = out.join(nodes.drop(columns=[c for c in nodes.columns if c in out.columns]), how="left")
    roles = [r for r in BROKERAGE_ROLES if r in out.columns]
    counts = out[roles].astype(float).fillna(0.0)
    main = counts.idxmax(axis=1).where(counts.max(axis=1) > 0, "none")
    out["brokerage_role"] = main.where(out.index.isin(nodes.index), pd.NA)
    across = out[[r for r in roles if r != "coordinator"]].astype(float).sum(axis=1)
    in_graph = out.index.isin(nodes.index)
    if isinstance(min_brokerage, str):
        check_choice(min_brokerage, ("mean",), "min_brokerage")
        threshold = np.nextafter(across[in_graph].mean(), np.inf) if in_graph.any() else np.inf
        threshold = max(threshold, np.nextafter(0.0, 1.0))
    elif isinstance(min_brokerage, bool) or not isinstance(min_brokerage, (int, float)) or min_brokerage <= 0:
        raise ParameterError(f"min_brokerage must be 'mean' or a positive number; {min_brokerage!r} was given")
    else:
        threshold = float(min_brokerage)
    out["core_periphery"] = _core_labels(G, seed).reindex(out.index)
    out["cross_brokerage"] = across.where(in_graph)
    out["broker"] = pd.array([bool(a >= threshold) if g else pd.NA for a, g in zip(across, in_graph)],
                             dtype="boolean")
    out["core"] = pd.array([(c == "core") if isinstance(c, str) else pd.NA for c in out["core_periphery"]],
                           dtype="boolean")
    out["senior"] = (out["seniority"] == "senior").astype("boolean")
    out["citizen_facing"] = (out["directorate"] == "citizen-facing").astype("boolean")
    interviewed = set(case.segments["person_id"].astype(str))
    out["interviewed"] = out.index.isin(interviewed)
    return out


def _collapse(text) -> str:
    return " ".join(str(text).split())


def _truncate(text: str, max_chars) -> str:
    if max_chars is None or len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    if not text[max_chars - 1].isspace() and " " in cut[max_chars // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


def _pick(rows: pd.DataFrame):
    """The exemplar among segment rows: the first of :func:`partnet._coding.best_first`."""
    return best_first(rows).iloc[0]


def _quote(row, case, anonymise: bool, max_chars, speaker: bool) -> str:
    text = _truncate(_collapse(case.pseudonyms.redact(row["excerpt"], anonymise)), max_chars)
    if speaker:
        text += f" ({case.pseudonyms.shown(str(row['person_id']), anonymise)})"
    return text


def _exemplar(rows: pd.DataFrame, case, anonymise: bool, max_chars, speaker: bool = False) -> str:
    """One quote from segment rows (see :func:`_pick`), redacted, collapsed and cut; "" when none."""
    if rows.empty:
        return ""
    return _quote(_pick(rows), case, anonymise, max_chars, speaker)


def _rows_at(case, level: str, coder) -> pd.DataFrame:
    seg = coded_rows(case, coder)
    cols = ["segment_id", "person_id", level, "excerpt"] + (["exemplar"] if "exemplar" in seg.columns else [])
    out = seg[cols].dropna(subset=[level]).rename(columns={level: "value"})
    out["person_id"] = out["person_id"].astype(str)
    return out


def meta_matrix(case, G=None, order_by: str = "betweenness", level: str = "theme", people: str = "interviewed",
                anonymise: bool = False, coder=None, max_chars=160, partition: str = "organisation",
                seed: int = 0) -> pd.DataFrame:
    """The case-ordered meta-matrix: one row per participant, position beside themes.

    Parameters
    ----------
    case : Case
    G : networkx.DiGraph, optional
        Default ``case.graph()``.
    order_by : str
        A column of :func:`positions` to order the rows by, highest first
        (``betweenness``, ``degree``, ``in_degree``, ``eigenvector``,
        ``brokerage_total``, ...); ties keep roster order.
    level : {"theme", "code", "dimension"}
        What the count and quote columns are per.
    people : {"interviewed", "all"}
        Rows for the interviewees only (default), or for everyone in the
        roster.
    anonymise : bool
        Pseudonyms for everyone, and no ``person_id`` column.
    coder : str, optional
        Count one coder's coding only.
    max_chars : int or None
        Quotes longer than this are cut at a word boundary with an ellipsis.
    partition : str
        Node attribute for brokerage and E-I.
    seed : int
        Seed of the core-periphery search.

    Returns
    -------
    DataFrame
        Columns ``rank``, ``person_id`` (not when anonymising), ``person``,
        ``organisation``, ``org_type``, ``role``, ``seniority``,
        ``directorate``, ``degree``, ``betweenness``, ``brokerage_role``,
        ``core_periphery``, ``ei``; then for each theme (codebook order) its
        count of segments, ``"segments: <theme>"`` (0 = not mentioned), and
        an exemplar quote, ``"quote: <theme>"`` ("" when not mentioned).

    Raises
    ------
    ParameterError
        For an unknown ``order_by``, ``level`` or ``people``.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> m = meta_matrix(case, anonymise=True)
    >>> m[["rank", "person", "role", "degree", "segments: leadership"]]
       rank  person        role  degree  segments: leadership
    0     1  NDC-02     officer       2                     1
    1     2  ECC-02  councillor       1                     1
    >>> m.loc[0, "quote: leadership"]
    "Without a push from the chief executives, NDC-01's team waits."

    Notes
    -----
    The exemplar quote is the person's segment on the theme flagged in a
    ``exemplar`` column of the segments (yes/true), else their longest
    excerpt (first in file order on a tie), whitespace collapsed and names
    redacted by the consent rule. Degree is in + out degree and betweenness
    the raw (unnormalised) directed betweenness, as in
    ``metrics.node_table``.
    """
    level = check_choice(level, themes.LEVELS, "level")
    check_choice(people, ("interviewed", "all"), "people")
    pos = positions(case, G, partition, seed=seed)
    numeric = [c for c in pos.columns if pd.api.types.is_numeric_dtype(pos[c]) and pos[c].dtype != "boolean"]
    check_choice(order_by, numeric, "order_by")
    if people == "interviewed":
        pos = pos[pos["interviewed"]]
    pos = pos.assign(_pos=range(len(pos))).sort_values([order_by, "_pos"], ascending=[False, True],
                                                       na_position="last")
    rows = _rows_at(case, level, coder)
    values = level_values(case, level)
    out = pd.DataFrame(index=pos.index)
    out["rank"] = range(1, len(pos) + 1)
    if not anonymise:
        out["person_id"] = pos.index
    out["person"] = [case.pseudonyms.shown(p, anonymise) for p in pos.index]
    for col in ("organisation", "org_type", "role", "seniority", "directorate", "degree", "betweenness",
                "brokerage_role", "core_periphery", "ei"):
        out[col] = pos[col]
    counts = rows.groupby(["person_id", "value"])["segment_id"].nunique().unstack(fill_value=0)
    by_person_value = {k: g for k, g in rows.groupby(["person_id", "value"])}
    for v in values:
        out[f"segments: {v}"] = counts[v].reindex(out.index).fillna(0).astype(int) if v in counts.columns else 0
        out[f"quote: {v}"] = [_exemplar(by_person_value.get((p, v), rows.iloc[0:0]), case, anonymise, max_chars)
                              for p in out.index]
    return out.reset_index(drop=True)


#: Same as :func:`meta_matrix` (the name used in the design notes).
joint_display = meta_matrix


def statistics_by_themes(case, G=None, splits=tuple(SPLITS), level: str = "theme", anonymise: bool = False,
                         coder=None, max_chars=120, partition: str = "organisation", seed: int = 0) -> pd.DataFrame:
    """Themes by network-position group: who mentions what, with a quote from each side.

    Parameters
    ----------
    case : Case
    G : networkx.DiGraph, optional
        Default ``case.graph()``.
    splits : sequence of str
        Any of ``"broker"``, ``"core"``, ``"senior"``, ``"citizen_facing"``
        (see :data:`SPLITS` and :func:`positions`).
    level : {"theme", "code", "dimension"}
    anonymise : bool
        Pseudonyms for everyone, in the quotes' speaker and text.
    coder : str, optional
        Count one coder's coding only.
    max_chars : int or None
        Quote length limit.
    partition : str
        Node attribute for brokerage.
    seed : int
        Seed of the core-periphery search.

    Returns
    -------
    DataFrame
        Indexed by the level's values (codebook order). Columns are a
        three-level index (split, group, measure), measures ``share``
        (share of the group's interviewees mentioning), ``people``,
        ``segments`` and ``quote`` (the group's exemplar, with its
        speaker). ``attrs["n"]`` maps (split, group) to the group's number
        of interviewees.

    Raises
    ------
    ParameterError
        For an unknown split or level.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> s = statistics_by_themes(case, splits=("senior",))
    >>> int(s.loc["leadership", ("senior", "senior", "people")]), s.attrs["n"][("senior", "senior")]
    (2, 2)
    >>> s.loc["leadership", ("senior", "senior", "quote")]
    "Without a push from the chief executives, NDC-01's team waits. (Ada Quintrell)"

    Notes
    -----
    Only interviewees enter (people with a coded segment); an interviewee
    outside the graph (e.g. a non-respondent with ``nonrespondents="drop"``)
    has no network position and is left out of the broker and core splits.
    A group with no interviewee has NaN shares. The quote follows the rule
    of :func:`meta_matrix` over the whole group.
    """
    level = check_choice(level, themes.LEVELS, "level")
    for s in splits:
        check_choice(s, SPLITS, "split")
    pos = positions(case, G, partition, seed=seed)
    pos = pos[pos["interviewed"]]
    rows = _rows_at(case, level, coder)
    values = level_values(case, level)
    columns, data, n = [], {}, {}
    for split in splits:
        flag = pos[split]
        for label, members in ((SPLITS[split][0], flag[flag.fillna(False).astype(bool)].index),
                               (SPLITS[split][1], flag[(~flag.fillna(True)).astype(bool)].index)):
            n[(split, label)] = len(members)
            mine = rows[rows["person_id"].isin(members)]
            people = mine.groupby("value")["person_id"].nunique().reindex(values).fillna(0).astype(int)
            segs = mine.groupby("value")["segment_id"].nunique().reindex(values).fillna(0).astype(int)
            share = people / len(members) if len(members) else people * np.nan
            quote = [_exemplar(mine[mine["value"] == v], case, anonymise, max_chars, speaker=True) for v in values]
            for measure, col in (("share", share.astype(float)), ("people", people), ("segments", segs),
                                 ("quote", pd.Series(quote, index=values))):
                columns.append((split, label, measure))
                data[(split, label, measure)] = col.to_numpy()
    out = pd.DataFrame(data, index=pd.Index(values, name=level))
    out.columns = pd.MultiIndex.from_tuples(columns, names=["split", "group", "measure"])
    out.attrs["n"] = n
    return out


def _share(series: pd.Series, value) -> float:
    return float((series == value).mean()) if len(series) else float("nan")


def indicators(case, G=None, partition: str = "organisation", coder=None, seed: int = 0) -> pd.Series:
    """The effectiveness-profile numbers of one case.

    Parameters
    ----------
    case : Case
    G : networkx.DiGraph, optional
        Default ``case.graph()``; every indicator that counts people counts
        the people in ``G``.
    partition : str
        Node attribute for brokerage and E-I.
    seed : int
        Seed of the core-periphery search.
    coder : str, optional
        Count one coder's coding only.

    Returns
    -------
    Series
        Float values indexed by (dimension, indicator): the keys of
        :data:`INDICATORS` under their dimension, for a case surveyed in
        two or more waves the keys of :data:`CHANGE_INDICATORS` under
        system stability, then per dimension ``segments`` and
        ``share_interviewees`` (:data:`EVIDENCE`) and
        ``segments: <theme>`` for each theme of the dimension.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> indicators(case).loc["network structure"].round(3)
    indicator
    density                       0.250
    degree_centralization_in      0.111
    betweenness_centralization    0.167
    share_brokers                 0.250
    share_core                    0.500
    ei_whole                      0.333
    segments                      0.000
    share_interviewees            0.000
    dtype: float64

    Notes
    -----
    The definitions are those of :data:`INDICATORS` (quantitative) and
    :data:`EVIDENCE` (coded), printed with the profile:

    network structure
        density; in-degree and betweenness centralization (Freeman, UCINET
        normalisation); share of brokers (people whose cross-organisation
        Gould-Fernandez brokerage, every role but coordinator, is above the
        network's mean, see :func:`positions`); share in the core
        (core-periphery partition); E-I index between organisations
        (Krackhardt & Stern 1988).
    governance
        shares of senior, middle and junior people (seniority mix); share
        from citizen-facing directorates; share of councillors and their
        share of tie ends (councillor involvement).
    system stability
        number of organisations; spread of organisation size (coefficient
        of variation, largest / smallest); for a case surveyed in two or
        more waves (``case.waves``), the change between its first and last
        wave (:data:`CHANGE_INDICATORS`): the Jaccard index of the ties
        and the share of first-wave ties still present (the tie-change
        table, ``metrics.wave_change``; RSiena's reading of the Jaccard
        index, Ripley et al. 2018), the QAP correlation of the two waves
        (Krackhardt 1987; ``metrics.wave_qap``) and the people present in
        both, each wave's graph built with ``G``'s relation, threshold and
        treatment of non-respondents; the coded segments on embeddedness,
        history of joint working and size, as the themes of the dimension
        in the codebook.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: an experimental simulation. *Social
       Psychology Quarterly*, 51(2), 123-140.
    .. [2] Ripley, R. M., Snijders, T. A. B., Boda, Z., Vörös, A., &
       Preciado, P. (2018). *Manual for RSiena*. University of Oxford.
    .. [3] Krackhardt, D. (1987). QAP partialling as a test of
       spuriousness. *Social Networks*, 9(2), 171-186.
    """
    from partnet import metrics

    G = _graph(case, G)
    whole = metrics.whole_network(G)
    pos = positions(case, G, partition, seed=seed)
    in_graph = pos[pos.index.isin([str(v) for v in G.nodes])]
    values: dict[tuple, float] = {}

    def put(key, value):
        values[(INDICATORS[key][0], key)] = float(value) if value is not None and not pd.isna(value) else np.nan

    put("density", whole["density"])
    put("degree_centralization_in", whole[metrics.measure_for("degree_centralization_in", G)])
    put("betweenness_centralization", whole["betweenness_centralization"])
    put("share_brokers", in_graph["broker"].astype(float).mean() if len(in_graph) else np.nan)
    put("share_core", in_graph["core"].astype(float).mean() if len(in_graph) else np.nan)
    put("ei_whole", _ei_whole(G, partition))
    for level in schema.SENIORITY:
        put(f"share_{level}", _share(in_graph["seniority"], level))
    put("share_citizen_facing", _share(in_graph["directorate"], "citizen-facing"))
    put("share_councillors", _share(in_graph["role"], "councillor"))
    ties = G.number_of_edges()
    councillors = in_graph.index[in_graph["role"] == "councillor"]
    put("councillor_tie_share", sum(G.degree(p) for p in councillors) / (2 * ties) if ties else np.nan)
    orgs = case.organisations[case.organisations["organisation"].isin(set(in_graph["organisation"]))]
    put("organisations", len(orgs))
    # the partnership team is the partnership's own staff, not a partner organisation: its handful of
    # people would make the spread and the ratio measure the team, not the partners
    partners = orgs[orgs["org_type"] != "partnership team"]
    sizes = pd.to_numeric(partners["size"], errors="coerce").dropna().astype(float)
    put("org_size_cv", sizes.std(ddof=0) / sizes.mean() if len(sizes) and sizes.mean() else np.nan)
    put("org_size_ratio", sizes.max() / sizes.min() if len(sizes) and sizes.min() > 0 else np.nan)
    values.update(_change(case, G, seed))
    values.update(_evidence(case, coder))
    index = _profile_index(list(values))
    return pd.Series([values[k] for k in index], index=index, dtype=float)


def _wave_graphs(case, G):
    """The first and last wave's graphs with ``G``'s options, or None for a case with fewer than 2 waves."""
    waves = list(getattr(case, "waves", None) or [])
    if len(waves) < 2:
        return None
    options = {k: G.graph[k] for k in ("relation", "min_frequency", "nonrespondents") if k in G.graph}
    return case.graph(**options, wave=waves[0]), case.graph(**options, wave=waves[-1])


def _change(case, G, seed: int) -> dict[tuple, float]:
    """The :data:`CHANGE_INDICATORS` between the first and the last wave; none without two waves."""
    from partnet import metrics

    pair = _wave_graphs(case, G)
    if pair is None:
        return {}
    row = metrics.wave_change(*pair)
    try:       # the statistic only: it does not depend on the permutations
        r = metrics.wave_qap(*pair, permutations=1, seed=seed).statistic
    except ParameterError:      # fewer than 3 people in both waves, or a wave without ties among them
        r = np.nan
    found = {"wave_jaccard": row["jaccard"], "wave_persisting_share": row["persisting"], "wave_qap": r,
             "wave_overlap": row["overlap"]}
    return {(CHANGE_INDICATORS[k][0], k): float(v) for k, v in found.items()}


def _profile_index(keys: list[tuple]) -> pd.MultiIndex:
    """(dimension, indicator) keys in profile order, as a sorted index with ordered categorical levels.

    Dimensions come in the model's order; within one, the quantitative
    indicators, then the coded evidence, then the themes. Categorical
    levels keep that order while the index stays sorted, so selecting a
    dimension (``.loc["governance"]``) is fast and silent.
    """
    dims = list(schema.DIMENSIONS) + sorted({k[0] for k in keys} - set(schema.DIMENSIONS))
    known = {**INDICATORS, **CHANGE_INDICATORS, **EVIDENCE}
    themes_seen = list(dict.fromkeys(k[1] for k in keys if k[1] not in known))
    change = [c for c in CHANGE_INDICATORS if any(k[1] == c for k in keys)]    # only where a case has waves
    names = list(INDICATORS) + change + list(EVIDENCE) + themes_seen
    keys = sorted(dict.fromkeys(keys), key=lambda k: (dims.index(k[0]), names.index(k[1])))
    return pd.MultiIndex.from_arrays(
        [pd.CategoricalIndex([k[0] for k in keys], categories=dims, ordered=True),
         pd.CategoricalIndex([k[1] for k in keys], categories=names, ordered=True)],
        names=["dimension", "indicator"])


def _ei_whole(G, partition: str) -> float:
    """Whole-network E-I (metrics.ei_index, no permutation test)."""
    from partnet import metrics

    return float(metrics.ei_index(G, partition, permutations=0).whole["ei"])


def _evidence(case, coder) -> dict[tuple, float]:
    rows = _rows_at(case, "dimension", coder)
    theme_rows = _rows_at(case, "theme", coder)
    interviewees = interviewee_ids(case, coder)
    cb = case.codebook
    out = {}
    for dim in schema.DIMENSIONS:
        mine = rows[rows["value"] == dim]
        out[(dim, "segments")] = float(mine["segment_id"].nunique())
        out[(dim, "share_interviewees")] = (mine["person_id"].nunique() / len(interviewees)
                                            if interviewees else np.nan)
        for theme in dict.fromkeys(cb.loc[cb["dimension"] == dim, "theme"].dropna()):
            out[(dim, f"segments: {theme}")] = float(
                theme_rows.loc[theme_rows["value"] == theme, "segment_id"].nunique())
    return out


def _fmt(value, key: str) -> str:
    if pd.isna(value):
        return "n/a"
    if key in ("organisations", "segments", "wave_overlap") or key.startswith("segments: "):
        return f"{int(value)}"
    if "share" in key:
        return f"{value:.0%}"
    return f"{value:.3f}" if key != "org_size_ratio" else f"{value:.1f}"


def effectiveness_profile(case, G=None, anonymise: bool = False, coder=None, quotes: int = 1, max_chars=200,
                          partition: str = "organisation", seed: int = 0) -> pd.DataFrame:
    """The case on the model's three dimensions: indicators beside coded evidence.

    Parameters
    ----------
    case : Case
    G : networkx.DiGraph, optional
        Default ``case.graph()``.
    anonymise : bool
        Pseudonyms for every speaker, names inside quotes replaced.
    coder : str, optional
        Count one coder's coding only.
    quotes : int
        Quotes shown per theme (the longest excerpts of different people,
        or those flagged ``exemplar``).
    max_chars : int or None
        Quote length limit.
    partition : str
        Node attribute for brokerage and E-I.
    seed : int
        Seed of the core-periphery search.

    Returns
    -------
    DataFrame
        Columns ``dimension``, ``evidence`` ("indicator", "coded" or
        "quote"), ``item``, ``value`` (number, NaN for quotes), ``shown``
        (the value as printed: percentages, counts, or the quote with its
        speaker) and ``detail`` (the indicator's definition, or who
        mentioned the theme). Dimensions in the model's order; within each,
        the indicators, then per theme its count and quotes. A page shows
        it through :func:`shown_profile`, which keeps ``shown`` and leaves
        ``value`` out, so that each number is shown once.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> p = effectiveness_profile(case)
    >>> p.loc[p["dimension"] == "governance", ["evidence", "item", "shown"]].head(5)
        evidence                                    item shown
    7  indicator                            share senior   50%
    8  indicator                            share middle   25%
    9  indicator                            share junior   25%
    10 indicator  share from citizen-facing directorates   25%
    11 indicator                    share of councillors   25%
    >>> p.loc[p["evidence"] == "quote", "shown"].tolist()
    ["Without a push from the chief executives, NDC-01's team waits. (Ada Quintrell)"]

    Notes
    -----
    The indicators and their definitions are in :data:`INDICATORS` and
    :func:`indicators`; a case surveyed in two or more waves adds the
    change indicators of :data:`CHANGE_INDICATORS` to system stability,
    after its other indicators (a case without waves has none of those
    rows). A theme row counts distinct segments; its detail
    says how many interviewees mention it. A theme's quote is its exemplar
    (flagged ``exemplar``, else the longest excerpt) among the segments not
    yet quoted in the profile, so a segment coded with two themes is not
    shown twice while another segment can speak for the second theme. The
    three dimensions are those of Cotterill's (2007) model of partnership
    effectiveness [1]_.

    References
    ----------
    .. [1] Cotterill, S. (2007). Public sector partnerships: a model for
       success? Poster, Leeds University Business School Annual Doctoral
       Conference, 13-14 June 2007.
    """
    G = _graph(case, G)
    nums = indicators(case, G, partition, coder, seed=seed)
    present = set(nums.index)
    theme_rows = _rows_at(case, "theme", coder)
    interviewees = interviewee_ids(case, coder)
    cb = case.codebook
    records = []
    used: set = set()         # segments already quoted: a segment coded with two themes is quoted once
    for dim in schema.DIMENSIONS:
        for key, (d, label, definition) in INDICATORS.items():
            if d == dim:
                v = nums[(dim, key)]
                records.append((dim, "indicator", label, v, _fmt(v, key), definition))
        for key, (d, label, definition) in CHANGE_INDICATORS.items():
            if d == dim and (dim, key) in present:
                v = nums[(dim, key)]
                records.append((dim, "indicator", label, v, _fmt(v, key), definition))
        total = nums[(dim, "segments")]
        records.append((dim, "coded", "segments on the dimension", total, _fmt(total, "segments"),
                        f"{_fmt(nums[(dim, 'share_interviewees')], 'share')} of {len(interviewees)} interviewees "
                        "mention a theme of this dimension"))
        for theme in dict.fromkeys(cb.loc[cb["dimension"] == dim, "theme"].dropna()):
            mine = theme_rows[theme_rows["value"] == theme]
            segs, people = mine["segment_id"].nunique(), mine["person_id"].nunique()
            records.append((dim, "coded", f"theme: {theme}", float(segs), str(segs),
                            f"{people} of {len(interviewees)} interviewees"))
            rest = mine
            for _ in range(max(0, quotes)):
                if rest.empty:
                    break
                fresh = rest[~rest["segment_id"].isin(used)]
                best = _pick(fresh if len(fresh) else rest)
                used.add(best["segment_id"])
                records.append((dim, "quote", f"theme: {theme}", np.nan,
                                _quote(best, case, anonymise, max_chars, speaker=True), ""))
                rest = rest[rest["person_id"] != best["person_id"]]
    return pd.DataFrame(records, columns=["dimension", "evidence", "item", "value", "shown", "detail"])


#: The columns of the effectiveness profile as a report shows it (:func:`shown_profile`).
SHOWN_PROFILE_COLUMNS = ("dimension", "evidence", "item", "shown", "detail")


def shown_profile(profile: pd.DataFrame) -> pd.DataFrame:
    """The effectiveness profile as a page shows it: each number once, in its printed form.

    :func:`effectiveness_profile` gives every indicator twice, as a number
    (``value``, for computing) and as printed (``shown``: a percentage, a
    count, three decimals, or a quote with its speaker). A reader needs
    the printed form only.

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`effectiveness_profile`'s table.

    Returns
    -------
    pandas.DataFrame
        A copy with the columns of :data:`SHOWN_PROFILE_COLUMNS`:
        ``dimension``, ``evidence``, ``item``, ``shown`` and ``detail``
        (``value`` left out); the rows and their order unchanged.
        :func:`partnet.vocabulary.relabel` names ``shown`` "value or
        quote" on a page.

    Raises
    ------
    ParameterError
        ``profile`` lacks one of those columns (it is not a profile).

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> p = shown_profile(effectiveness_profile(case))
    >>> list(p.columns)
    ['dimension', 'evidence', 'item', 'shown', 'detail']
    >>> p.loc[p["item"] == "share senior", ["item", "shown"]]
               item shown
    7  share senior   50%
    """
    columns = list(getattr(profile, "columns", []))
    missing = [c for c in SHOWN_PROFILE_COLUMNS if c not in columns]
    if missing:
        raise ParameterError(f"profile must be the table of effectiveness_profile(), with the columns "
                             f"{', '.join(SHOWN_PROFILE_COLUMNS)}; {', '.join(missing)} missing")
    return profile.loc[:, list(SHOWN_PROFILE_COLUMNS)].copy()


def cross_case_profile(cases, graphs=None, partition: str = "organisation", definitions: bool = True,
                       seed: int = 0, known: dict | None = None) -> pd.DataFrame:
    """The effectiveness-profile indicators of several cases side by side.

    Parameters
    ----------
    cases : iterable of Case
    graphs : dict or list, optional
        Graph per case (a dict by case id, or a list in the order of
        ``cases``); default each case's ``case.graph()``.
    partition : str
        Node attribute for brokerage and E-I.
    seed : int
        Seed of the core-periphery search.
    definitions : bool
        Add a last column with each indicator's definition.
    known : dict, optional
        Case id -> its :func:`indicators` with this partition and seed,
        already computed (``partnet report`` keeps them per case): those
        cases are not computed again.

    Returns
    -------
    DataFrame
        Indexed by (dimension, indicator), one column per case id (in the
        order given); a theme one case's codebook lacks is NaN for it.

    Raises
    ------
    ParameterError
        If a case is given twice.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> x = cross_case_profile([case])
    >>> x.loc["governance", "example"].round(3)
    indicator
    share_senior            0.500
    share_middle            0.250
    share_junior            0.250
    share_citizen_facing    0.250
    share_councillors       0.250
    councillor_tie_share    0.167
    segments                2.000
    share_interviewees      1.000
    segments: leadership    2.000
    Name: example, dtype: float64

    Notes
    -----
    Each column is :func:`indicators` of one case with the same partition
    and seed, so the definitions of :data:`INDICATORS` and :data:`EVIDENCE`
    hold for every column; counts of segments are not scaled by the number
    of interviewees, while the ``share_*`` rows are.
    """
    cases = list(cases)
    if isinstance(graphs, (list, tuple)):
        graphs = {c.id: g for c, g in zip(cases, graphs)}
    graphs = graphs or {}
    cols: dict[str, pd.Series] = {}
    for case in cases:
        if case.id in cols:
            raise ParameterError(f"the case {case.id!r} is given twice; each case once")
        found = (known or {}).get(case.id)
        cols[case.id] = found if found is not None else indicators(case, graphs.get(case.id), partition, seed=seed)
    index = _profile_index([tuple(k) for s in cols.values() for k in s.index])
    out = pd.DataFrame({cid: [s.get(k, np.nan) for k in index] for cid, s in cols.items()}, index=index)
    if definitions:
        defined = {**INDICATORS, **CHANGE_INDICATORS}
        out["definition"] = [defined[k][2] if k in defined else
                             EVIDENCE.get(k, f"distinct coded segments on the theme {k[len('segments: '):]!r}")
                             for _, k in index]
    return out


#: The columns of :func:`workshop_notes`, in order (``view`` only when a note has one).
WORKSHOP_NOTE_COLUMNS = ("about", "note", "in the interview", "kind", "date", "facilitator", "view")

#: What a note about the whole network is shown as being about.
_THE_NETWORK = "the whole network"


def workshop_notes(case, G=None, anonymise: bool = False, max_chars=200) -> pd.DataFrame:
    """The workshop's notes beside what the people they are about said in interview.

    A joint display of the workshop (``partnet import-notes``,
    :attr:`partnet.Case.notes`) and the interviews: each note a
    facilitator took about a person, a tie, an organisation or the whole
    network, beside an exemplar quote of the people it is about.

    Parameters
    ----------
    case : Case
    G : networkx.DiGraph or networkx.Graph, optional
        The network the report analyses (default: the case's relation):
        a tie is shown ``A → B`` when it is directed, ``A – B`` when not.
        Notes about people outside it (a non-respondent dropped, someone
        absent from the wave) are shown all the same.
    anonymise : bool
        Pseudonyms for everyone, in the notes' and the quotes' text too.
    max_chars : int or None
        Quote length limit (the notes are shown whole).

    Returns
    -------
    DataFrame
        One row per note, in the order of ``notes.csv``, with the columns
        of :data:`WORKSHOP_NOTE_COLUMNS` (the note and what was said in
        interview side by side, first): ``about`` (the person as the
        report shows them, ``"A → B"`` for a tie, the organisation, "the
        whole network"), ``kind`` (person, tie, organisation, network),
        ``note`` and ``facilitator`` (names redacted as in quotes, white
        space collapsed), ``date``, ``view`` (the wave view of the page;
        left out when no note has one) and ``in the interview``: for a
        person their exemplar quote; for a tie the first person's (else
        the second's), for an organisation the exemplar among its
        people's segments, each with its speaker; blank for the network
        and when nobody it is about was interviewed.

    Examples
    --------
    >>> import shutil, tempfile, pathlib
    >>> import partnet
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "example"
    >>> _ = shutil.copytree(EXAMPLE_CASE, folder)
    >>> _ = (folder / "notes.csv").write_text(
    ...     "note_id,target_type,target,alter,note,date,facilitator,view\\n"
    ...     "n1,person,p1,,Says Bram holds the budget,2026-03-04 09:30,Kim,\\n"
    ...     "n2,tie,p1,p3,Meet monthly,2026-03-04 09:35,Kim,\\n"
    ...     "n3,network,,,Two camps,2026-03-04,,\\n", encoding="utf-8")
    >>> case = partnet.load_case(folder)
    >>> table = workshop_notes(case, anonymise=True)
    >>> table[["about", "kind", "note"]]
                 about     kind                         note
    0           NDC-02   person  Says NDC-01 holds the budget
    1  NDC-02 → ECC-02      tie                 Meet monthly
    2  the whole network  network                    Two camps
    >>> table.loc[0, "in the interview"]
    "Without a push from the chief executives, NDC-01's team waits."
    >>> table.loc[1, "in the interview"]
    "Without a push from the chief executives, NDC-01's team waits. (NDC-02)"

    Notes
    -----
    The quote is chosen by the rule of the meta-matrix
    (:func:`partnet._coding.best_first`: the segment flagged exemplar,
    else the longest), over all of the person's segments; names in the
    notes, the facilitators and the quotes are replaced by the consent
    rule (:meth:`partnet.pseudonyms.Pseudonyms.redact`), as in every
    quote.
    """
    notes = getattr(case, "notes", None)
    columns = list(WORKSHOP_NOTE_COLUMNS)
    if notes is None or not len(notes):
        return pd.DataFrame(columns=[c for c in columns if c != "view"])
    directed = G.is_directed() if G is not None else case.relation_spec().directed
    arrow = " \u2192 " if directed else " \u2013 "
    ps = case.pseudonyms
    segments = case.segments.assign(person_id=case.segments["person_id"].astype(str))
    by_person = {pid: rows for pid, rows in segments.groupby("person_id", sort=False)}
    organisation_of = dict(zip(case.people["person_id"].astype(str), case.people["organisation"]))

    def person(pid) -> str:
        return ps.shown(pid, anonymise) if pid in ps else str(pid)

    def quote(pids, speaker: bool) -> str:
        for pid in pids:
            rows = by_person.get(str(pid))
            if rows is not None and len(rows):
                return _exemplar(rows, case, anonymise, max_chars, speaker=speaker)
        return ""

    def text(value) -> str:
        return _collapse(ps.redact(value, anonymise)) if isinstance(value, str) else ""

    records = []
    for rec in notes.to_dict("records"):
        kind, target, alter = rec["target_type"], str(rec.get("target") or ""), str(rec.get("alter") or "")
        if kind == "person":
            about, said = person(target), quote([target], speaker=False)
        elif kind == "tie":
            about, said = person(target) + arrow + person(alter), quote([target, alter], speaker=True)
        elif kind == "organisation":
            members = [p for p, org in organisation_of.items() if org == target]
            rows = segments[segments["person_id"].isin(members)]
            about = ps.organisation(target, anonymise)
            said = _exemplar(rows, case, anonymise, max_chars, speaker=True) if len(rows) else ""
        else:
            about, said = _THE_NETWORK, ""
        records.append({"about": about, "kind": kind, "note": text(rec.get("note")), "date": rec.get("date") or "",
                        "facilitator": text(rec.get("facilitator")), "view": text(rec.get("view")),
                        "in the interview": said})
    out = pd.DataFrame.from_records(records, columns=columns)
    if not out["view"].astype(bool).any():
        out = out.drop(columns=["view"])
    return out

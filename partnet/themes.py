"""Coded interview themes: the code tree, frequencies, co-occurrence, quotes, agreement.

A case's ``codebook`` maps each code to a theme and to one of the model's
three dimensions (network structure, governance, system stability); codes
form a tree through ``parent`` and inherit theme and dimension from it. Its
``segments`` hold one row per code applied to a segment by a coder (key
``segment_id, code, coder``). Every function here takes a loaded
:class:`~partnet.case.Case` and works at one of three levels: ``"code"``,
``"theme"`` or ``"dimension"``.

Counting conventions (the same everywhere in this module):

- A **segment** counts once for a theme however many of the theme's codes,
  and however many coders, applied it: counts are of distinct
  ``segment_id``\\ s, so double coding for reliability does not inflate them.
  Pass ``coder=`` to count one coder's coding only.
- A person **mentions** a theme when at least one of their segments carries
  it. **Interviewees** are the people with at least one coded segment; shares
  of people are taken over the interviewees (of the case, or of a group).
- A code counts for itself only at ``level="code"``; its theme and dimension
  are the inherited ones, so a child code counts for its parent's theme.

:mod:`partnet.mixed` counts by the same rules with the same code (the
private kernel ``partnet._coding``), so the two never disagree.

Anything that shows people (column labels, quotes) takes ``anonymise`` and
follows the consent rule of :mod:`partnet.pseudonyms`: the name when the
person agreed to be named and the output is not anonymised, else the
pseudonym; names inside quotes are replaced the same way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnet import schema
from partnet._coding import attribute_table, coded_rows, interviewee_ids, level_values
from partnet.agreement import agreement_table
from partnet.errors import ParameterError, check_choice, choice_error

__all__ = [
    "LEVELS",
    "code_tree",
    "coded_segments",
    "frequencies",
    "case_frequencies",
    "cooccurrence",
    "quotes",
    "agreement",
    "people_attributes",
]

#: Levels a count can be made at.
LEVELS = ("code", "theme", "dimension")


def _level(level: str) -> str:
    return check_choice(level, LEVELS, "level")


def people_attributes(case) -> pd.DataFrame:
    """People with their organisation's attributes, indexed by ``person_id``.

    Parameters
    ----------
    case : Case
        A loaded case.

    Returns
    -------
    DataFrame
        The people table without ``name`` and ``pseudonym`` (so that no
        table built from it carries a name), plus every column of
        ``organisations`` that people do not already have (``size`` becomes
        ``org_size`` when absent, ``code`` is left out).

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> people_attributes(case).loc["p3", ["organisation", "org_type", "org_size", "role"]].to_dict()
    {'organisation': 'Eastmarsh County Council', 'org_type': 'county council', 'org_size': 4100, 'role': 'councillor'}
    """
    return attribute_table(case)


def code_tree(case, coder=None) -> pd.DataFrame:
    """The codebook as a tree, with how much each code and its subtree was used.

    Parameters
    ----------
    case : Case
    coder : str, optional
        Count one coder's coding only.

    Returns
    -------
    DataFrame
        Indexed by ``code`` in tree order (each code followed by its
        children, siblings in codebook order): ``depth`` (0 for a top-level
        code), ``path`` (``parent > child``), ``theme``, ``dimension``,
        ``description``, ``segments`` (distinct segments coded with the code
        itself), ``segments_total`` and ``people_total`` (the code or any
        code below it).

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> tree = code_tree(case)
    >>> tree[["depth", "segments", "segments_total", "people_total"]]
                depth  segments  segments_total  people_total
    code
    leadership      0         1               2             2
    lead_top        1         1               1             1
    >>> tree.loc["lead_top", "path"]
    'leadership > lead_top'

    Notes
    -----
    Counts are of distinct ``segment_id``\\ s (a segment coded twice, or by
    two coders, counts once), as everywhere in this module;
    ``segments_total`` counts a segment once even when it carries several
    codes of the subtree.
    """
    cb = case.codebook
    parent = {c: (p if isinstance(p, str) and p else None) for c, p in zip(cb["code"], cb["parent"])}
    children: dict[str | None, list[str]] = {}
    for code in cb["code"]:
        children.setdefault(parent[code], []).append(code)
    order: list[tuple[str, int, tuple]] = []

    def walk(node, depth, path):
        for child in children.get(node, []):
            order.append((child, depth, path + (child,)))
            walk(child, depth + 1, path + (child,))

    walk(None, 0, ())
    seg = coded_rows(case, coder)[["segment_id", "person_id", "code"]].drop_duplicates()
    by_code = {c: rows for c, rows in seg.groupby("code")}
    info = cb.set_index("code")
    records = []
    for code, depth, path in order:
        below = [c for c, _, p in order if code in p]
        rows = pd.concat([by_code[c] for c in below if c in by_code]) if any(c in by_code for c in below) else None
        records.append({"code": code, "depth": depth, "path": " > ".join(path), "theme": info.at[code, "theme"],
                        "dimension": info.at[code, "dimension"], "description": info.at[code, "description"],
                        "segments": int(by_code[code]["segment_id"].nunique()) if code in by_code else 0,
                        "segments_total": int(rows["segment_id"].nunique()) if rows is not None else 0,
                        "people_total": int(rows["person_id"].nunique()) if rows is not None else 0})
    return pd.DataFrame(records).set_index("code")


def coded_segments(case, coder=None, anonymise: bool = False) -> pd.DataFrame:
    """Coded segments with theme, dimension and the person's attributes.

    Parameters
    ----------
    case : Case
        A loaded case.
    coder : str, optional
        Keep one coder's rows only.
    anonymise : bool
        Names inside ``excerpt`` and ``source`` follow the consent rule
        (always for people who did not consent; for everyone when True).
        When True, ``person_id`` is left out too.

    Returns
    -------
    DataFrame
        One row per (segment_id, code, coder): the segment columns, then
        ``person`` (the shown name), ``theme`` and ``dimension`` from the
        codebook, then the columns of :func:`people_attributes`.

    Raises
    ------
    ParameterError
        If ``coder`` coded nothing in this case.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> coded_segments(case)[["segment_id", "code", "theme", "dimension", "role"]]
      segment_id        code       theme   dimension        role
    0         s1    lead_top  leadership  governance     officer
    1         s2  leadership  leadership  governance  councillor
    >>> coded_segments(case, anonymise=True).loc[0, ["person", "excerpt"]].tolist()
    ['NDC-02', "Without a push from the chief executives, NDC-01's team waits."]
    """
    seg = coded_rows(case, coder)
    shown = {p: case.pseudonyms.shown(p, anonymise) for p in pd.unique(seg["person_id"].astype(str))}
    seg.insert(seg.columns.get_loc("person_id") + 1, "person", seg["person_id"].astype(str).map(shown))
    for col in ("excerpt", "source"):
        seg[col] = case.pseudonyms.redact(seg[col], anonymise)
    return seg.drop(columns="person_id") if anonymise else seg


def _distinct(case, level: str, coder=None) -> pd.DataFrame:
    """Distinct (segment_id, person_id, value) rows at a level."""
    seg = coded_rows(case, coder)
    out = seg[["segment_id", "person_id", level]].dropna().drop_duplicates()
    return out.rename(columns={level: "value"}).reset_index(drop=True)


def _group_column(case, by: str) -> pd.Series:
    attrs = people_attributes(case)
    check_choice(by, ["person", *attrs.columns], "by", what="a people or organisation attribute, or 'person'")
    return attrs[by]


def frequencies(case, by=None, level: str = "theme", measure: str = "segments", coder=None,
                anonymise: bool = False) -> pd.DataFrame:
    """Theme (or code, or dimension) frequencies for the case, per person, or by an attribute.

    Parameters
    ----------
    case : Case
        A loaded case.
    by : str, optional
        None: the case as a whole. ``"person"``: one column per interviewee.
        Any other value: a column of the people table (``role``,
        ``directorate``, ``seniority``, ``organisation``, ``responded``, ...)
        or of the organisations table (``org_type``, ``org_size``, ...):
        one column per value present in the roster.
    level : {"theme", "code", "dimension"}
    measure : {"segments", "people", "share"}
        With ``by``: distinct segments; distinct people mentioning; or the
        share of the group's interviewees mentioning (NaN for a group with
        no interviewee). Ignored when ``by`` is None.
    coder : str, optional
        Count one coder's coding only.
    anonymise : bool
        With ``by="person"``: label columns by pseudonym for everyone
        (otherwise by name where the person consented).

    Returns
    -------
    DataFrame
        Indexed by the level's values (every value of the codebook, in
        codebook order, zeros included). With ``by=None`` the columns are
        ``segments``, ``people`` (distinct people mentioning),
        ``share_people`` (of the case's interviewees) and ``codings`` (rows
        of ``segments.csv``, every coder counted). Otherwise one column per
        group.

    Raises
    ------
    ParameterError
        For an unknown level, measure, attribute or coder (with the nearest
        valid value).

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> frequencies(case)
                segments  people  share_people  codings
    theme
    leadership         2       2           1.0        2
    >>> frequencies(case, by="seniority", measure="people")
    seniority   senior  middle  junior
    theme
    leadership       2       0       0
    >>> frequencies(case, level="code", by="person")
    person      Ada Quintrell  Cerys Vantongeren
    code
    leadership              0                  1
    lead_top                1                  0

    Notes
    -----
    See the module docstring for what counts as a segment, a mention and
    an interviewee.
    """
    level = _level(level)
    values = level_values(case, level)
    rows = _distinct(case, level, coder)
    interviewees = interviewee_ids(case, coder)
    if by is None:
        seg = coded_rows(case, coder)
        out = pd.DataFrame({
            "segments": rows.groupby("value")["segment_id"].nunique(),
            "people": rows.groupby("value")["person_id"].nunique(),
        }).reindex(values).fillna(0).astype(int)
        out["share_people"] = out["people"] / len(interviewees) if interviewees else np.nan
        out["codings"] = seg.groupby(level).size().reindex(values).fillna(0).astype(int)
        out.index.name = level
        return out
    check_choice(measure, ("segments", "people", "share"), "measure")
    if by == "person":
        counts = rows.groupby(["value", "person_id"])["segment_id"].nunique().unstack(fill_value=0)
        counts = counts.reindex(index=values, columns=interviewees, fill_value=0)
        if measure != "segments":
            counts = (counts > 0).astype(int) if measure == "people" else (counts > 0).astype(float)
        counts.columns = [case.pseudonyms.shown(p, anonymise) for p in counts.columns]
        counts.columns.name = "person"
        counts.index.name = level
        return counts
    group = _group_column(case, by)
    groups = list(pd.unique(group.dropna()))
    groups = _ordered_groups(by, groups)
    rows = rows.assign(group=rows["person_id"].map(group))
    if measure == "segments":
        table = rows.groupby(["value", "group"])["segment_id"].nunique()
    else:
        table = rows.groupby(["value", "group"])["person_id"].nunique()
    table = table.unstack(fill_value=0).reindex(index=values, columns=groups, fill_value=0).astype(int)
    if measure == "share":
        base = group[group.index.isin(interviewees)].value_counts().reindex(groups)
        table = table.astype(float).div(base.replace(0, np.nan), axis=1)
    table.index.name = level
    table.columns.name = by
    return table


def _ordered_groups(by: str, groups: list) -> list:
    """Groups in the schema's order where there is one, else sorted."""
    order = {"role": schema.ROLES, "directorate": schema.DIRECTORATES, "seniority": schema.SENIORITY,
             "org_type": schema.ORG_TYPES}.get(by)
    if order:
        return [g for g in order if g in groups] + sorted((g for g in groups if g not in order), key=str)
    try:
        return sorted(groups)
    except TypeError:
        return sorted(groups, key=str)


def case_frequencies(cases, level: str = "theme", measure: str = "share_people",
                     known: dict | None = None) -> pd.DataFrame:
    """One frequency column per case, for comparing cases.

    Parameters
    ----------
    cases : iterable of Case
    level : {"theme", "code", "dimension"}
    measure : {"segments", "people", "share_people", "codings"}
        A column of :func:`frequencies` with ``by=None``.
    known : dict, optional
        Case id -> that column of its :func:`frequencies` at this level,
        already computed (``partnet report`` keeps the share of
        interviewees per theme for each case): those cases are not
        computed again.

    Returns
    -------
    DataFrame
        Indexed by the level's values (union over cases, first case's order
        first), one column per case id; a value a case's codebook lacks is
        NaN, a value it has but never coded is 0.

    Raises
    ------
    ParameterError
        For an unknown level or measure, or a case given twice.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> case_frequencies([case], measure="people")
                example
    theme
    leadership      2.0

    Notes
    -----
    Each column is :func:`frequencies` of one case, so the counting rules
    of the module docstring hold; ``share_people`` is over each case's own
    interviewees, which makes cases of different size comparable.
    """
    check_choice(measure, ("segments", "people", "share_people", "codings"), "measure")
    cols = {}
    for case in cases:
        if case.id in cols:
            raise ParameterError(f"the case {case.id!r} is given twice; each case once")
        found = (known or {}).get(case.id)
        cols[case.id] = found if found is not None else frequencies(case, level=level)[measure]
    order = list(dict.fromkeys(v for col in cols.values() for v in col.index))
    out = pd.DataFrame({k: v.reindex(order) for k, v in cols.items()}, index=order).astype(float)
    out.index.name = _level(level)
    return out


def cooccurrence(case, within: str = "segment", level: str = "theme", coder=None) -> pd.DataFrame:
    """How often two themes (or codes, or dimensions) occur together.

    Parameters
    ----------
    case : Case
    within : {"segment", "person"}
        Count segments carrying both, or people mentioning both.
    level : {"theme", "code", "dimension"}
    coder : str, optional
        One coder's coding only (default: a theme is on a segment when any
        coder applied it).

    Returns
    -------
    DataFrame
        Square and symmetric, in codebook order; the diagonal holds the
        number of segments (people) with the value itself.

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> cooccurrence(case, within="person", level="code")
    code        leadership  lead_top
    code
    leadership           1         0
    lead_top             0         1

    Notes
    -----
    With ``B`` the 0/1 incidence of units (segments or people) by values,
    the table is ``B.T @ B`` (Namey et al. 2008 call the segment version a
    code co-occurrence matrix).

    References
    ----------
    .. [1] Namey, E., Guest, G., Thairu, L., & Johnson, L. (2008). Data
       reduction techniques for large qualitative data sets. In G. Guest &
       K. MacQueen (Eds.), *Handbook for team-based qualitative research*
       (pp. 137-161). AltaMira.
    """
    level = _level(level)
    check_choice(within, ("segment", "person"), "within")
    values = level_values(case, level)
    rows = _distinct(case, level, coder)
    unit = "segment_id" if within == "segment" else "person_id"
    inc = pd.crosstab(rows[unit], rows["value"]).clip(upper=1).reindex(columns=values, fill_value=0)
    m = inc.T @ inc
    m.index.name = level
    m.columns.name = level
    return m.astype(int)


def _as_list(value) -> list | None:
    if value is None:
        return None
    return [value] if isinstance(value, (str, int, float, bool)) else list(value)


def quotes(case, theme=None, code=None, dimension=None, person=None, coder=None, anonymise: bool = False,
           **attributes) -> pd.DataFrame:
    """Retrieve coded quotes by theme, code, dimension, person or attribute.

    Parameters
    ----------
    case : Case
    theme, code, dimension : str or list of str, optional
        Keep segments carrying any of these (after inheritance: a segment
        coded with a child code carries its parent's theme).
    person : str or list of str, optional
        person_id or roster name (case and spacing ignored).
    coder : str, optional
        Only this coder's coding counts for the filters and the listed
        codes.
    anonymise : bool
        Show every person by pseudonym, names inside quotes too, and leave
        out ``person_id``. Without it, people who did not consent are still
        shown and quoted by pseudonym.
    **attributes
        People or organisation attributes to match, a value or a list:
        ``role="councillor"``, ``org_type=["police", "fire"]``.

    Returns
    -------
    DataFrame
        One row per segment in segment order: ``segment_id``, ``person_id``
        (left out when anonymising), ``person`` (shown name),
        ``organisation``, ``role``, ``seniority``, ``directorate``,
        ``themes`` and ``codes`` (comma-separated, codebook order),
        ``excerpt`` (names redacted), ``source``.

    Raises
    ------
    ParameterError
        For an unknown theme, code, dimension, person, coder or attribute
        (with the nearest valid value).

    Examples
    --------
    >>> import partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> q = quotes(case, theme="leadership", role="officer")
    >>> q.loc[0, "person"], q.loc[0, "excerpt"], q.loc[0, "codes"]
    ('Ada Quintrell', "Without a push from the chief executives, NDC-01's team waits.", 'lead_top')
    >>> quotes(case, person="Ada Quintrell", anonymise=True)[["person", "excerpt"]].values.tolist()
    [['NDC-02', "Without a push from the chief executives, NDC-01's team waits."]]
    """
    seg = coded_rows(case, coder)
    keep = pd.Series(True, index=seg.index)
    for col, wanted in (("theme", theme), ("code", code), ("dimension", dimension)):
        wanted = _as_list(wanted)
        if wanted is None:
            continue
        for w in wanted:
            check_choice(w, level_values(case, col), col)
        hits = set(seg.loc[seg[col].isin(wanted), "segment_id"])
        keep &= seg["segment_id"].isin(hits)
    if person is not None:
        from partnet.validate import PersonResolver

        resolver = PersonResolver(case.people.astype({"person_id": str}))
        ids = []
        for p in _as_list(person):
            pid, reason, suggestion = resolver.resolve(str(p))
            if reason == "ambiguous-name":  # several people have this name: ask for one of their ids
                raise choice_error(p, suggestion, "person", what="the person_id of one of the people of this name")
            if pid is None:
                raise choice_error(p, [*resolver.names, *sorted(resolver.ids)], "person",
                                   what="a person_id or name on the roster", listed=False)
            ids.append(pid)
        keep &= seg["person_id"].isin(ids)
    attrs = people_attributes(case)
    for col, wanted in attributes.items():
        check_choice(col, list(attrs.columns), "attribute")
        keep &= seg[col].isin(_as_list(wanted))
    seg = seg[keep]
    theme_order = {v: i for i, v in enumerate(level_values(case, "theme"))}
    code_order = {v: i for i, v in enumerate(case.codebook["code"])}
    records = []
    for sid, rows in seg.groupby("segment_id", sort=False):
        first = rows.iloc[0]
        pid = str(first["person_id"])
        rec = {"segment_id": sid, "person_id": pid, "person": case.pseudonyms.shown(pid, anonymise),
               "organisation": first["organisation"], "role": first["role"], "seniority": first["seniority"],
               "directorate": first["directorate"],
               "themes": ", ".join(sorted(set(rows["theme"].dropna()), key=theme_order.get)),
               "codes": ", ".join(sorted(set(rows["code"]), key=code_order.get)),
               "excerpt": case.pseudonyms.redact(first["excerpt"], anonymise),
               "source": case.pseudonyms.redact(first["source"], anonymise)}
        records.append(rec)
    cols = ["segment_id", "person_id", "person", "organisation", "role", "seniority", "directorate", "themes",
            "codes", "excerpt", "source"]
    out = pd.DataFrame(records, columns=cols)
    if anonymise:
        out = out.drop(columns="person_id")
    return out


def agreement(case, level: str = "code", coders=None, pooled: bool = True) -> pd.DataFrame:
    """Inter-coder agreement on the case's segments, per code, theme or dimension.

    Parameters
    ----------
    case : Case
        Its segments must carry a ``coder`` column with two or more coders.
    level : {"code", "theme", "dimension"}
        What a coder is judged to have applied: at ``"theme"`` a coder
        applied a theme to a segment when they applied any of its codes.
    coders : list of str, optional
        The coders to compare (default all; with exactly two, Cohen's kappa
        is given too).
    pooled : bool
        Add the pooled row over all values.

    Returns
    -------
    DataFrame
        See :func:`partnet.agreement.agreement_table`.

    Raises
    ------
    CodebookError
        If fewer than two coders coded segments.

    Examples
    --------
    Two coders on the example case: B codes ``s2`` with the child code.

    >>> import dataclasses, partnet
    >>> case = partnet.load_case(EXAMPLE_CASE)
    >>> seg = pd.concat([case.segments.assign(coder="A"),
    ...                  case.segments.assign(coder="B", code="lead_top")])
    >>> two = dataclasses.replace(case, segments=seg)
    >>> agreement(two)[["units", "both", "first_only", "second_only", "neither", "kappa"]]
                 units  both  first_only  second_only  neither  kappa
    code
    leadership       2     0           1            0        1    0.0
    lead_top         2     1           0            1        0    0.0
    (all codes)      4     1           1            1        1    0.0
    >>> agreement(two, level="theme")["agreement"].tolist()
    [1.0, 1.0]

    Notes
    -----
    The unit of agreement is one segment for one code (or theme), over the
    segments both (all) coders coded; see :mod:`partnet.agreement`.
    """
    level = _level(level)
    seg = coded_rows(case)
    frame = seg[["segment_id", "coder", level]].dropna(subset=[level])
    table = agreement_table(frame, column=level, coders=coders, pooled=pooled)
    order = [v for v in level_values(case, level) if v in table.index]
    return table.reindex(order + [i for i in table.index if i not in order])

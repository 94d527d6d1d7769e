"""Inter-coder agreement: Cohen's kappa and Krippendorff's alpha.

Two layers. The coefficients themselves work on plain data:
:func:`cohen_kappa` (two coders, any nominal labels),
:func:`cohen_kappa_table` (a square contingency table, as Cohen printed it)
and :func:`krippendorff_alpha` (any number of coders, missing values,
nominal, ordinal, interval or ratio data). The segment layer turns coded
segments (``segment_id, code, coder``) into units of agreement
(:func:`coding_units`) and reports both coefficients per code
(:func:`agreement_table`).

The unit of agreement
---------------------
Qualitative coders apply several codes to one segment, so a segment is not
one nominal judgement. partnet follows the usual practice for applied-code
data (each code a separate binary variable): for each code, every segment
is a unit, and a coder's value on that unit is

- ``1`` when the coder applied the code to the segment,
- ``0`` when the coder coded the segment (applied at least one code to it)
  but not this code,
- missing when the coder never coded the segment.

Cohen's kappa for a code uses the segments both coders coded; Krippendorff's
alpha uses every segment at least two coders coded (alpha's own treatment
of missing values). Segments that only one coder touched therefore say
nothing about agreement: disagreement about where segments begin and end is
outside these coefficients and should be reported separately (the ``units``
column says how many segments entered each row).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnet.errors import CodebookError, ParameterError, check_choice

__all__ = [
    "LEVELS",
    "cohen_kappa",
    "cohen_kappa_table",
    "krippendorff_alpha",
    "coincidence_matrix",
    "coding_units",
    "agreement_table",
]

#: Levels of measurement known to :func:`krippendorff_alpha`.
LEVELS = ("nominal", "ordinal", "interval", "ratio")

#: Label of the pooled row of :func:`agreement_table`.
POOLED = "(all codes)"


def cohen_kappa_table(table) -> float:
    """Cohen's kappa from a square agreement table.

    Parameters
    ----------
    table : array-like or DataFrame, shape (k, k)
        Counts or proportions: rows are the first coder's categories,
        columns the second coder's, in the same order.

    Returns
    -------
    float
        ``(p_o - p_e) / (1 - p_e)``; NaN when ``p_e`` is 1 (both coders
        used one and the same category for every unit) or the table is empty.

    Raises
    ------
    ParameterError
        If the table is not square or holds negative entries.

    Examples
    --------
    Cohen's (1960) own example, 200 units in three categories
    (p_o = .70, p_e = .41):

    >>> t = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]
    >>> round(cohen_kappa_table(t), 3)
    0.492

    Notes
    -----
    ``p_o`` is the proportion of units on the diagonal, ``p_e`` the sum over
    categories of the product of the two coders' marginal proportions
    (each coder's own distribution, Cohen 1960 eq. 1-3).

    References
    ----------
    .. [1] Cohen, J. (1960). A coefficient of agreement for nominal scales.
       *Educational and Psychological Measurement*, 20(1), 37-46.
    """
    t = np.asarray(table, dtype=float)
    if t.ndim != 2 or t.shape[0] != t.shape[1]:
        raise ParameterError(f"an agreement table must be square (k x k); a table of shape {t.shape} was given")
    if (t < 0).any():
        raise ParameterError("an agreement table holds counts or proportions; it has negative entries")
    total = t.sum()
    if total == 0:
        return float("nan")
    p = t / total
    p_o = float(np.trace(p))
    p_e = float(p.sum(axis=1) @ p.sum(axis=0))
    if np.isclose(p_e, 1.0):
        return float("nan")
    return (p_o - p_e) / (1.0 - p_e)


def cohen_kappa(coder_a, coder_b) -> float:
    """Cohen's kappa for two coders' labels of the same units.

    Parameters
    ----------
    coder_a, coder_b : sequence
        One label per unit, same length; any hashable labels. A unit where
        either label is missing (None, NaN, NA) is left out.

    Returns
    -------
    float
        Cohen's kappa (NaN when undefined, see :func:`cohen_kappa_table`).

    Raises
    ------
    ParameterError
        If the two sequences differ in length.

    Examples
    --------
    >>> a = [1, 1, 0, 0, 1, 0, 1, 1]
    >>> b = [1, 0, 0, 0, 1, 0, 1, 1]
    >>> round(cohen_kappa(a, b), 4)
    0.75

    Notes
    -----
    The labels are cross-tabulated over the categories either coder used,
    then :func:`cohen_kappa_table` applies Cohen's (1960) formula.

    References
    ----------
    .. [1] Cohen, J. (1960). A coefficient of agreement for nominal scales.
       *Educational and Psychological Measurement*, 20(1), 37-46.
    """
    a = pd.Series(list(coder_a), dtype=object)
    b = pd.Series(list(coder_b), dtype=object)
    if len(a) != len(b):
        raise ParameterError(f"both coders need one label per unit; {len(a)} and {len(b)} labels were given")
    keep = a.notna() & b.notna()
    a, b = a[keep], b[keep]
    cats = pd.unique(pd.concat([a, b], ignore_index=True))
    table = pd.crosstab(pd.Categorical(a, categories=cats), pd.Categorical(b, categories=cats), dropna=False)
    return cohen_kappa_table(table.to_numpy())


def _reliability_array(data) -> tuple[np.ndarray, np.ndarray]:
    """Coders x units data as an object array and its not-missing mask."""
    if isinstance(data, pd.DataFrame):
        arr = data.to_numpy(dtype=object)
    else:
        arr = np.array(data, dtype=object)
    if arr.ndim != 2:
        raise ParameterError(
            f"reliability data must be a coders x units table (2 dimensions); {arr.ndim} dimension(s) were given")
    mask = ~pd.isna(arr)
    return arr, mask


def _value_counts(data, level: str) -> tuple[np.ndarray, np.ndarray]:
    """Domain of values and the units x values count table (pairable units only)."""
    arr, mask = _reliability_array(data)
    values = arr[mask]
    if level != "nominal":
        try:
            values = values.astype(float)
        except (TypeError, ValueError) as exc:
            raise ParameterError(f"{level} data must be numbers; {exc}") from None
    domain, codes = np.unique(values, return_inverse=True) if len(values) else (np.array([]), np.array([], int))
    n_units = arr.shape[1]
    counts = np.zeros((n_units, len(domain)))
    unit_of_value = np.nonzero(mask)[1]
    np.add.at(counts, (unit_of_value, codes), 1)
    counts = counts[counts.sum(axis=1) >= 2]
    return domain, counts


def coincidence_matrix(data, level: str = "nominal") -> pd.DataFrame:
    """Krippendorff's coincidence matrix of reliability data.

    Parameters
    ----------
    data : array-like or DataFrame, shape (coders, units)
        One row per coder, one column per unit; missing values as None/NaN.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Only decides whether values are read as labels or numbers.

    Returns
    -------
    DataFrame
        Values x values: ``o_ck`` summed over units with at least two values,
        each unit's pairs weighted by ``1 / (m_u - 1)``.

    Examples
    --------
    >>> coincidence_matrix([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    ...                     [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]])
         0    1
    0  10.0  4.0
    1   4.0  2.0

    Notes
    -----
    ``o_ck = sum_u (number of ordered pairs (c, k) of values in unit u) /
    (m_u - 1)``, over the units with ``m_u >= 2`` values (Krippendorff 2011);
    the row sums are the pairable values ``n_c``, the total is ``n``.

    References
    ----------
    .. [1] Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
       Annenberg School for Communication, University of Pennsylvania.
    """
    level = _check_level(level)
    domain, counts = _value_counts(data, level)
    o = _coincidences(counts)
    labels = [v.item() if hasattr(v, "item") else v for v in domain]
    return pd.DataFrame(o, index=labels, columns=labels)


def _coincidences(counts: np.ndarray) -> np.ndarray:
    if counts.size == 0:
        return np.zeros((counts.shape[1], counts.shape[1]))
    weight = 1.0 / (counts.sum(axis=1) - 1.0)
    o = (counts * weight[:, None]).T @ counts
    o -= np.diag((counts * weight[:, None]).sum(axis=0))
    return o


def _check_level(level: str) -> str:
    return check_choice(level, LEVELS, "level", what="a level of measurement")


def _delta2(domain: np.ndarray, n_c: np.ndarray, level: str) -> np.ndarray:
    """Squared difference function delta^2_ck of Krippendorff (2011)."""
    k = len(domain)
    if level == "nominal":
        return 1.0 - np.eye(k)
    v = domain.astype(float)
    if level == "interval":
        return (v[:, None] - v[None, :]) ** 2
    if level == "ratio":
        s = v[:, None] + v[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            d = ((v[:, None] - v[None, :]) / s) ** 2
        return np.where(s == 0, 0.0, d)
    # ordinal: (sum_{g=c}^{k} n_g - (n_c + n_k) / 2)^2 over the ranked values
    cum = np.concatenate([[0.0], np.cumsum(n_c)])
    i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    between = cum[hi + 1] - cum[lo]
    return (between - (n_c[i] + n_c[j]) / 2.0) ** 2


def krippendorff_alpha(data, level: str = "nominal") -> float:
    """Krippendorff's alpha for any number of coders, with missing values.

    Parameters
    ----------
    data : array-like or DataFrame, shape (coders, units)
        One row per coder (observer), one column per unit; missing values
        (None, NaN, NA) are allowed anywhere. The same orientation as the
        ``krippendorff`` package's ``reliability_data``.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement, which chooses the difference function.

    Returns
    -------
    float
        ``1 - D_o / D_e``. NaN when no unit has two values, or when every
        pairable value is the same (no expected disagreement: alpha is
        undefined, Krippendorff 2011 sect. D).

    Raises
    ------
    ParameterError
        For an unknown level, data that is not two-dimensional, or non-numeric
        values at a numeric level.

    Examples
    --------
    Krippendorff's (2011) binary example, two coders, ten units:

    >>> a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    >>> b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    >>> round(krippendorff_alpha([a, b]), 3)
    0.095

    Notes
    -----
    Computed from the coincidence matrix ``o_ck`` (units with fewer than two
    values dropped; each unit's ``m_u (m_u - 1)`` ordered pairs of values
    weighted by ``1 / (m_u - 1)``), its marginals ``n_c`` and total ``n``:
    ``alpha = 1 - (n - 1) * sum o_ck d_ck / sum n_c n_k d_ck``, with the
    squared differences ``d_ck`` of the chosen level: nominal ``[c != k]``;
    interval ``(c - k)^2``; ratio ``((c - k) / (c + k))^2``; ordinal
    ``(sum_{g=c..k} n_g - (n_c + n_k) / 2)^2`` over the ranked values.
    Tested against Krippendorff's (2011) worked examples and the
    ``krippendorff`` package.

    References
    ----------
    .. [1] Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
       Annenberg School for Communication, University of Pennsylvania.
    .. [2] Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a
       standard reliability measure for coding data. *Communication Methods
       and Measures*, 1(1), 77-89.
    """
    level = _check_level(level)
    domain, counts = _value_counts(data, level)
    o = _coincidences(counts)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n <= 1:
        return float("nan")
    d2 = _delta2(domain, n_c, level)
    expected = (np.outer(n_c, n_c) * d2).sum()
    if expected == 0:
        return float("nan")
    return float(1.0 - (n - 1.0) * (o * d2).sum() / expected)


def _check_segments(segments: pd.DataFrame, column: str, coders) -> tuple[pd.DataFrame, list]:
    need = ["segment_id", column, "coder"]
    missing = [c for c in need if c not in segments.columns]
    if missing:
        raise CodebookError(f"agreement needs coded segments with columns {', '.join(need)}; "
                            f"missing: {', '.join(missing)}")
    seg = segments.loc[segments["coder"].notna(), need].astype({"segment_id": str, column: str, "coder": str})
    found = list(dict.fromkeys(sorted(seg["coder"].unique())))
    if coders is None:
        coders = found
    else:
        coders = [str(c) for c in coders]
        for c in coders:
            check_choice(c, found, "coder", what="a coder of the segments", error=CodebookError)
    if len(coders) < 2:
        raise CodebookError(f"agreement needs segments coded by at least two coders (a 'coder' column); "
                            f"found {len(coders)}: {', '.join(coders) or 'none'}")
    return seg[seg["coder"].isin(coders)], coders


def coding_units(segments: pd.DataFrame, column: str = "code", coders=None) -> pd.DataFrame:
    """Coded segments as units of agreement: one row per (code, segment).

    Parameters
    ----------
    segments : DataFrame
        Coded segments with ``segment_id``, ``coder`` and the column that
        holds the category (``code`` by default; pass ``"theme"`` to a frame
        with a theme column to measure agreement on themes).
    column : str
        The category column.
    coders : list of str, optional
        Coders to compare (default: every coder found, sorted).

    Returns
    -------
    DataFrame
        Indexed by (``column``, ``segment_id``); one column per coder with
        1 (applied), 0 (coded the segment, not with this code) or NA (did not
        code the segment). Only segments coded by at least two coders.

    Raises
    ------
    CodebookError
        If a column is missing, or fewer than two coders coded segments.

    Examples
    --------
    >>> seg = pd.DataFrame({"segment_id": ["s1", "s1", "s2", "s2", "s3"],
    ...                     "code": ["lead", "lead", "lead", "size", "size"],
    ...                     "coder": ["ann", "bo", "ann", "bo", "ann"]})
    >>> coding_units(seg)
                     ann  bo
    code segment_id
    lead s1            1   1
         s2            1   0
    size s1            0   0
         s2            0   1

    Notes
    -----
    See the module docstring for the definition of the unit.
    """
    seg, coders = _check_segments(segments, column, coders)
    seg = seg.drop_duplicates()
    coded = seg.groupby("segment_id")["coder"].nunique()
    units = sorted(coded.index[coded >= 2])
    seg = seg[seg["segment_id"].isin(units)]
    categories = sorted(seg[column].unique())
    index = pd.MultiIndex.from_product([categories, units], names=[column, "segment_id"])
    out = pd.DataFrame(index=index)
    for c in coders:
        mine = seg[seg["coder"] == c]
        applied = set(zip(mine[column], mine["segment_id"]))
        touched = set(mine["segment_id"])
        values = [1 if key in applied else (0 if key[1] in touched else pd.NA) for key in index]
        out[c] = pd.array(values, dtype="Int64")
    return out


def _row(values: pd.DataFrame) -> dict:
    """Agreement figures for one block of units (rows units, columns coders)."""
    data = values.to_numpy(dtype=object).T          # coders x units (transposing the frame is 10x slower)
    data = np.where(pd.isna(data), None, data)
    _, counts = _value_counts(data, "nominal")
    o = _coincidences(counts)
    row = {"units": int(len(counts)),
           "applied": int(np.nansum(values.to_numpy(dtype=float))),
           "agreement": float(np.trace(o) / o.sum()) if o.sum() else float("nan")}
    if values.shape[1] == 2:
        a, b = values.iloc[:, 0], values.iloc[:, 1]
        both = a.notna() & b.notna()
        a, b = a[both].astype(int), b[both].astype(int)
        row.update(both=int(((a == 1) & (b == 1)).sum()), first_only=int(((a == 1) & (b == 0)).sum()),
                   second_only=int(((a == 0) & (b == 1)).sum()), neither=int(((a == 0) & (b == 0)).sum()),
                   kappa=cohen_kappa(a.tolist(), b.tolist()))
    else:
        row.update(both=pd.NA, first_only=pd.NA, second_only=pd.NA, neither=pd.NA, kappa=float("nan"))
    row["alpha"] = krippendorff_alpha(data, "nominal")
    return row


def agreement_table(segments: pd.DataFrame, column: str = "code", coders=None, pooled: bool = True) -> pd.DataFrame:
    """Cohen's kappa and Krippendorff's alpha per code (or theme).

    Parameters
    ----------
    segments : DataFrame
        Coded segments with ``segment_id``, ``coder`` and ``column``.
    column : str
        The category column (``code`` by default).
    coders : list of str, optional
        Coders to compare; default every coder found (sorted by name). With
        exactly two, Cohen's kappa is given too.
    pooled : bool
        Add a last row ``"(all codes)"`` over every (code, segment) unit.

    Returns
    -------
    DataFrame
        Indexed by ``column``, columns: ``units`` (segments entering the
        row), ``applied`` (times the code was applied across coders on those
        units), ``agreement`` (observed proportion of agreeing pairs of
        values), ``both``, ``first_only``, ``second_only``, ``neither``
        (the 2 x 2 table, two coders only, first = first coder in
        ``attrs["coders"]``), ``kappa`` (two coders only, else NaN),
        ``alpha`` (nominal). ``attrs["coders"]`` lists the coders compared.

    Raises
    ------
    CodebookError
        If the segments carry fewer than two coders, or a named coder coded
        nothing.

    Examples
    --------
    >>> seg = pd.DataFrame({
    ...     "segment_id": ["s1", "s1", "s2", "s2", "s3", "s3", "s4", "s4"],
    ...     "code": ["lead", "lead", "lead", "size", "size", "size", "lead", "lead"],
    ...     "coder": ["ann", "bo", "ann", "bo", "ann", "bo", "ann", "bo"]})
    >>> t = agreement_table(seg)
    >>> t[["units", "both", "first_only", "second_only", "neither", "kappa"]].round(3)
                 units  both  first_only  second_only  neither  kappa
    code
    lead             4     2           1            0        1    0.5
    size             4     1           0            1        2    0.5
    (all codes)      8     3           1            1        3    0.5
    >>> round(float(t.loc["lead", "alpha"]), 3)
    0.533

    Notes
    -----
    The unit of agreement is one segment for one code (module docstring):
    1 applied, 0 coded the segment otherwise, missing when the coder did not
    code the segment. Kappa uses segments both coders coded; alpha every
    segment two or more coders coded. A code never applied, or applied to
    every unit by everyone, has undefined coefficients (NaN). The pooled row
    treats every (code, segment) pair as one unit; it is dominated by the
    frequent codes and by the many "neither" units, so read the per-code
    rows first.

    References
    ----------
    .. [1] Cohen, J. (1960). A coefficient of agreement for nominal scales.
       *Educational and Psychological Measurement*, 20(1), 37-46.
    .. [2] Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
       Annenberg School for Communication, University of Pennsylvania.
    .. [3] O'Connor, C., & Joffe, H. (2020). Intercoder reliability in
       qualitative research: debates and practical guidelines.
       *International Journal of Qualitative Methods*, 19, 1-13.
    """
    units = coding_units(segments, column, coders)
    coders = list(units.columns)
    rows = {cat: _row(block.droplevel(0)) for cat, block in units.groupby(level=0, sort=True)}
    if pooled and len(rows):
        rows[POOLED] = _row(units)
    cols = ["units", "applied", "agreement", "both", "first_only", "second_only", "neither", "kappa", "alpha"]
    out = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
    out.index.name = column
    for c in ("units", "applied", "both", "first_only", "second_only", "neither"):
        out[c] = out[c].astype("Int64")
    out.attrs["coders"] = coders
    return out

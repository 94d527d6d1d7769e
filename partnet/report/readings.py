"""How a number of a report is read in words, and on what basis.

Where a number has a usual reading, the report says it beside the number:
density against the other cases of the run, a centralization index in
partnet's bands (:data:`CENTRALIZATION_BANDS`, set out in docs/methods.md,
"Reading the numbers"), transitivity against density, the E-I index
against its permutation test. The report classes of
:mod:`partnet.report.outputs` call these.
"""

from __future__ import annotations

import pandas as pd

from partnet.viz._shared import ordinal

__all__ = ["CENTRALIZATION_BANDS", "centralization_band", "among_cases", "profile_readings", "ei_reading"]


#: partnet's reading of a Freeman centralization index (0 to 1): (upper bound, band), the first bound
#: above the value gives its band. Freeman (1979) defines the index, not bands; these are partnet's
#: convention, set out in docs/methods.md ("10. Reading the numbers").
CENTRALIZATION_BANDS = ((0.25, "low"), (0.50, "moderate"), (float("inf"), "high"))

_BAND_WORDS = {"low": "low: spread fairly evenly", "moderate": "moderate",
               "high": "high: concentrated on a few people"}


def centralization_band(value) -> str:
    """The band of a centralization index in partnet's reading: ``low``, ``moderate`` or ``high`` ('' if missing).

    Below .25 is low, .25 up to .50 moderate, .50 or more high
    (:data:`CENTRALIZATION_BANDS`).

    Examples
    --------
    >>> [centralization_band(v) for v in (0.1, 0.25, 0.49, 0.5, 0.9, float("nan"))]
    ['low', 'moderate', 'moderate', 'high', 'high', '']
    """
    if value is None or pd.isna(value):
        return ""
    return next(band for bound, band in CENTRALIZATION_BANDS if value < bound)


def among_cases(values: pd.Series, case: str, decimals: int = 3, *, short: bool = False) -> str:
    """Where one case's value stands among the cases of a run, in words.

    Parameters
    ----------
    values : pandas.Series
        One value per case id (missing values are left out).
    case : str
        The case read.
    decimals : int, default 3
        Decimals of the range.
    short : bool, default False
        The place alone, for a table ("2nd highest of 4"); by default a
        phrase with the range of the values, lowest to highest.

    Examples
    --------
    >>> d = pd.Series({"shire": 0.063, "coastal": 0.103, "metro": 0.144, "quenmere": 0.088})
    >>> among_cases(d, "shire")
    'the lowest of the 4 cases of this run (0.063 to 0.144)'
    >>> among_cases(d, "coastal")
    'the 2nd highest of the 4 cases of this run (0.063 to 0.144)'
    >>> among_cases(d, "coastal", short=True)
    '2nd highest of 4'
    >>> among_cases(d[["shire"]], "shire")
    'the only case of this run: nothing to compare it with'
    """
    values = values.dropna()
    if case not in values.index or len(values) < 2:
        return "the only case" if short else "the only case of this run: nothing to compare it with"
    value, n = values[case], len(values)
    spread = f" ({values.min():.{decimals}f} to {values.max():.{decimals}f})"
    if values.min() == values.max():
        return f"the same in all {n}" if short else f"the same in all {n} cases of this run{spread}"
    if value == values.max():
        where = "highest"
    elif value == values.min():
        where = "lowest"
    else:
        where = f"{ordinal(int((values > value).sum()) + 1)} highest"
    return f"{where} of {n}" if short else f"the {where} of the {n} cases of this run{spread}"


def profile_readings(profile: pd.Series, case: str, run: pd.DataFrame | None = None) -> pd.Series:
    """The usual reading of each whole-network measure that has one, in words ('' for the others).

    Parameters
    ----------
    profile : pandas.Series
        :func:`partnet.metrics.whole_network` of the case.
    case : str
        The case's id.
    run : pandas.DataFrame, optional
        ``density`` (and ``people``) of every case of the run, indexed by
        case id, this case included (:meth:`partnet.report.outputs.CaseReport.run_profile`).

    Returns
    -------
    pandas.Series
        Indexed like ``profile``: density against the run's other cases;
        transitivity against density (what ties falling at random would
        give); each centralization in partnet's bands
        (:func:`centralization_band`).

    Examples
    --------
    >>> p = pd.Series({"density": 0.063, "transitivity": 0.17, "degree_centralization_in": 0.62, "ties": 398.0})
    >>> r = profile_readings(p, "shire", pd.DataFrame({"density": [0.063, 0.144]}, index=["shire", "metro"]))
    >>> for key in ("density", "transitivity", "degree_centralization_in", "ties"): print(repr(r[key]))
    'the lowest of the 2 cases of this run (0.063 to 0.144)'
    '2.7 times the density: contacts of contacts are contacts far more often than chance'
    'high: concentrated on a few people'
    ''
    """
    out = pd.Series("", index=profile.index, dtype=object)
    if "density" in profile.index and run is not None and "density" in run:
        out["density"] = among_cases(run["density"], case)
    density, transitivity = profile.get("density"), profile.get("transitivity")
    if density and transitivity is not None and not pd.isna(transitivity) and density > 0:
        ratio = transitivity / density
        if ratio >= 1.5:
            out["transitivity"] = (f"{ratio:.1f} times the density: contacts of contacts are contacts far more "
                                   "often than chance")
        elif ratio > 1 / 1.5:
            out["transitivity"] = "about the density: contacts of contacts are contacts about as often as chance"
        else:
            out["transitivity"] = f"{ratio:.1f} times the density: less often than chance"
    for key in profile.index:
        if "centralization" in str(key):
            band = centralization_band(profile[key])
            out[key] = _BAND_WORDS.get(band, "")
    return out


def ei_reading(whole: pd.Series) -> str:
    """The E-I index of a whole network in words, against what random ties would give (its permutation test).

    Parameters
    ----------
    whole : pandas.Series
        ``partnet.metrics.ei_index(G, ...).whole`` (``ei``, ``expected``,
        ``p_greater``, ``p_less``).

    Examples
    --------
    >>> ei = pd.Series({"ei": 0.64, "expected": 0.82, "p_greater": 0.99, "p_less": 0.004})
    >>> print(ei_reading(ei))  # doctest: +NORMALIZE_WHITESPACE
    more ties run between organisations than within them, but fewer than if ties fell at random
    (expected +0.82; p = 0.004)
    """
    value, expected = whole.get("ei"), whole.get("expected")
    if value is None or pd.isna(value):
        return "undefined: the network has no ties"
    side = ("more ties run between organisations than within them" if value > 0 else
            "more ties run within organisations than between them" if value < 0 else
            "as many ties run within organisations as between them")
    if expected is None or pd.isna(expected):
        return side
    if value < expected and whole.get("p_less", 1) < 0.05:
        return f"{side}, but fewer than if ties fell at random (expected {expected:+.2f}; p = {whole['p_less']:.3f})"
    if value > expected and whole.get("p_greater", 1) < 0.05:
        return (f"{side}, and more between organisations than if ties fell at random (expected {expected:+.2f}; "
                f"p = {whole['p_greater']:.3f})")
    return f"{side}, about as random ties would give (expected {expected:+.2f})"

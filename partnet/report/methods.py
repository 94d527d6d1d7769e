"""The methods paragraph of a report: the conventions behind its numbers, ready to cite.

The long form, with every formula, is ``docs/methods.md``; this paragraph
is its summary for the options a report actually used.
"""

from __future__ import annotations

__all__ = ["NONRESPONDENT_TEXT", "REFERENCES", "methods_paragraph"]

#: How each treatment of non-respondents is described (see ``Case.graph``).
NONRESPONDENT_TEXT = {
    "keep": ("Non-respondents were kept as nodes with only the ties others reported to them, so their "
             "out-degree is zero by design"),
    "drop": "Non-respondents were removed with every tie to or from them (the network of respondents only)",
    "reconstruct": ("Ties to non-respondents were reconstructed by reciprocity: each tie i \u2192 j reported "
                    "by a respondent i about a non-respondent j was mirrored as j \u2192 i (Stork & Richards "
                    "1992; Huisman 2009); ties between two non-respondents remain unknown"),
}

#: The works the paragraph cites, in the order a reference list gives them.
REFERENCES = (
    "Borgatti, S. P., Everett, M. G. & Freeman, L. C. (2002). Ucinet for Windows: Software for Social "
    "Network Analysis. Harvard, MA: Analytic Technologies.",
    "Burt, R. S. (1992). Structural Holes. Cambridge, MA: Harvard University Press.",
    "Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. Social Networks 1, "
    "215-239.",
    "Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage in "
    "transaction networks. Sociological Methodology 19, 89-126.",
    "Huisman, M. (2009). Imputation of missing network data: some simple procedures. Journal of Social "
    "Structure 10(1).",
    "Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an experimental "
    "simulation. Social Psychology Quarterly 51(2), 123-140.",
    "Lin, N. (1976). Foundations of Social Research. New York: McGraw-Hill.",
    "Stork, D. & Richards, W. D. (1992). Nonrespondents in communication network studies. Group & "
    "Organization Management 17(2), 193-209.",
    "Wasserman, S. & Faust, K. (1994). Social Network Analysis: Methods and Applications. Cambridge "
    "University Press.",
)


def _per_case(value, fmt) -> str:
    """One value, or ``a: x; b: y`` when cases differ (a dict case id -> value)."""
    if isinstance(value, dict):
        if len(set(value.values())) == 1:
            return fmt(next(iter(value.values())))
        from partnet.report.outputs import md_escape

        return "(per case: " + "; ".join(f"{md_escape(k)}: {fmt(v)}" for k, v in value.items()) + ")"
    return fmt(value)


def methods_paragraph(parameters: dict, *, top: float = 0.1, min_in_degree: int = 2) -> str:
    """A citable methods paragraph (Markdown) for a report's options.

    Parameters
    ----------
    parameters : dict
        ``relation``, ``min_frequency``, ``nonrespondents``, ``anonymise``
        and ``seed`` as used (``CaseReport.parameters``). For several cases
        the first three may be dicts case id -> value.
    top : float, default 0.1
        Share of people counted as "high" when flagging opinion leaders and
        boundary spanners (``partnet.viz.key_people``).
    min_in_degree : int, default 2
        Fewest people who must name an opinion leader.

    Returns
    -------
    str
        One paragraph naming the non-respondent treatment, the
        centralization denominators, the brokerage partition and the other
        conventions, with author-year citations (full references in
        :data:`REFERENCES` and ``docs/methods.md``).

    Raises
    ------
    KeyError
        A needed parameter is missing.

    Examples
    --------
    >>> text = methods_paragraph({"relation": "egov_contact", "min_frequency": 2,
    ...                           "nonrespondents": "drop", "anonymise": True, "seed": 0})
    >>> "frequency 2 or more" in text, "respondents only" in text, "Gould & Fernandez (1989)" in text
    (True, True, True)
    >>> text = methods_paragraph({"relation": {"a": "egov_contact", "b": "egov_contact"},
    ...                           "min_frequency": {"a": 1, "b": 3}, "nonrespondents": {"a": "keep", "b": "drop"},
    ...                           "anonymise": False, "seed": 0})
    >>> "frequency (per case: a: 1; b: 3) or more" in text, "treated per case (a: keep; b: drop" in text
    (True, True)
    """
    from partnet import __version__
    from partnet.report.outputs import md_escape

    relation = _per_case(parameters["relation"], lambda v: f"*{md_escape(v)}*")
    frequency = _per_case(parameters["min_frequency"], str)
    treatment = parameters["nonrespondents"]
    if isinstance(treatment, dict) and len(set(treatment.values())) == 1:
        treatment = next(iter(treatment.values()))
    if isinstance(treatment, dict):
        nonresp = "Non-respondents were treated per case (" + "; ".join(
            f"{md_escape(k)}: {v}" for k, v in treatment.items()) + "; see each case's report)"
    else:
        nonresp = NONRESPONDENT_TEXT[treatment]
    decile = "decile" if top == 0.1 else f"{top:.0%}"
    naming = ("Every person is shown by a stable pseudonym (organisation code and number), in quotes too."
              if parameters["anonymise"] else
              "People are named only where they consented; everyone else is shown by a stable pseudonym "
              "(organisation code and number), in quotes too.")
    return (
        f"**Methods.** Each respondent named, from a roster of everyone involved in the partnership, the "
        f"people they dealt with on {relation} and how often (1 yearly to 5 daily); a tie i \u2192 j means i "
        f"named j. Ties of frequency {frequency} or more were kept and treated as binary. "
        f"{nonresp}. Measures follow the conventions of UCINET (Borgatti, Everett & Freeman 2002), computed "
        f"with partnet {__version__}: density is ties over n(n \u2212 1); degree, betweenness and closeness "
        f"centralization follow Freeman (1979), each sum of differences from the most central person divided "
        f"by its largest possible value in a directed network of the same size (n \u2212 1 on normalised "
        f"scores, that is (n \u2212 1)\u00b2 for raw degree and (n \u2212 1)\u00b2(n \u2212 2) for raw "
        f"betweenness), closeness being normalised and corrected for people who cannot be reached (Lin 1976; "
        f"Wasserman & Faust 1994). Brokerage roles follow Gould & Fernandez (1989) with organisations as the "
        "partition, "
        f"counting every ordered 2-path a \u2192 b \u2192 c without a tie a \u2192 c (UCINET's unweighted "
        f"option); the E-I index (Krackhardt & Stern 1988) uses the same partition, and effective size and "
        f"constraint follow Burt (1992). Opinion leaders are the people in the top {decile} by in-degree, "
        f"named by at least {min_in_degree} others; boundary spanners the top {decile} by brokerage across "
        f"organisations (consultant, gatekeeper, representative and liaison roles). Layouts and permutation "
        f"tests used seed {parameters['seed']}. {naming} The conventions are set out in full in partnet's "
        f"methods page (docs/methods.md)."
    )

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


def _uniform(value):
    """The one value of a per-case dict (or the value itself); None when cases differ."""
    if isinstance(value, dict):
        values = set(value.values())
        return next(iter(values)) if len(values) == 1 else None
    return value


#: How each scale's values are described when the data are introduced.
_SCALE_TEXT = {"frequency": " and how often (1 yearly to 5 daily)", "count": ", with a count for each tie",
               "binary": ""}

#: What a kept value is called, by scale (None: cases differ).
_VALUE_NAME = {"frequency": "frequency", "count": "a count of", None: "a value of"}


def methods_paragraph(parameters: dict, *, top: float = 0.1, min_in_degree: int = 2) -> str:
    """A citable methods paragraph (Markdown) for a report's options.

    Parameters
    ----------
    parameters : dict
        ``relation``, ``min_frequency``, ``nonrespondents``, ``anonymise``
        and ``seed`` as used (``CaseReport.parameters``), and optionally
        ``directed`` (default True), ``scale`` (default ``"frequency"``)
        and ``question`` (the question respondents were asked, from
        ``case.yaml``). For several cases ``relation``,
        ``min_frequency``, ``nonrespondents``, ``directed``, ``scale`` and
        ``question`` may be dicts case id -> value.
    top : float, default 0.1
        Share of people counted as "high" when flagging opinion leaders and
        boundary spanners (``partnet.viz.key_people``).
    min_in_degree : int, default 2
        Fewest people who must name an opinion leader.

    Returns
    -------
    str
        One paragraph naming how the ties were collected (the relation,
        its direction and scale, the question when given), the
        non-respondent treatment, the density and centralization
        denominators (directed or undirected), the brokerage partition and
        the other conventions, with author-year citations (full references
        in :data:`REFERENCES` and ``docs/methods.md``).

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
    >>> text = methods_paragraph({"relation": "marriage", "min_frequency": 1, "nonrespondents": "keep",
    ...                           "anonymise": False, "seed": 0, "directed": False, "scale": "binary",
    ...                           "question": "Which families are joined by marriage?"})
    >>> "undirected" in text, "n(n \u2212 1)/2" in text, "or more were kept" in text
    (True, True, False)
    """
    from partnet import __version__
    from partnet.report.outputs import md_escape

    relation = _per_case(parameters["relation"], lambda v: f"*{md_escape(v)}*")
    frequency = _per_case(parameters["min_frequency"], str)
    directed = _uniform(parameters.get("directed", True))
    scale = _uniform(parameters.get("scale", "frequency"))
    question = parameters.get("question")
    treatment = parameters["nonrespondents"]
    if isinstance(treatment, dict) and len(set(treatment.values())) == 1:
        treatment = next(iter(treatment.values()))
    if isinstance(treatment, dict):
        nonresp = "Non-respondents were treated per case (" + "; ".join(
            f"{md_escape(k)}: {v}" for k, v in treatment.items()) + "; see each case's report)"
    elif directed is False and treatment != "drop":
        nonresp = ("Everyone on the roster was kept as a node; in an undirected relation no tie depends on who "
                   "answered, so non-respondents need no reconstruction")
    else:
        nonresp = NONRESPONDENT_TEXT[treatment]
    decile = "decile" if top == 0.1 else f"{top:.0%}"
    naming = ("Every person is shown by a stable pseudonym (organisation code and number), in quotes too."
              if parameters["anonymise"] else
              "People are named only where they consented; everyone else is shown by a stable pseudonym "
              "(organisation code and number), in quotes too.")
    asked = ""
    if question and any(question.values() if isinstance(question, dict) else [question]):
        asked = " They were asked: " + _per_case(question, lambda v: f"\u201c{md_escape(v)}\u201d" if v else "(none)")
    if directed is False:
        collected = (f"Ties of {relation} were recorded from a roster of everyone involved in the partnership; the "
                     f"relation is undirected, a tie joining two people with no sender{_SCALE_TEXT.get(scale, '')}."
                     f"{asked}")
    elif directed is None:
        collected = (f"Ties of {relation} were recorded from a roster of everyone involved in the partnership, "
                     f"directed in some cases and undirected in others (see each case's report).{asked}")
    else:
        collected = (f"Each respondent named, from a roster of everyone involved in the partnership, the people "
                     f"they dealt with on {relation}{_SCALE_TEXT.get(scale, ' and a value for each tie')}; a tie "
                     f"i \u2192 j means i named j.{asked}")
    kept = ("Every tie was kept (binary data)." if scale == "binary" else
            f"Ties of {_VALUE_NAME[scale]} {frequency} or more were kept and treated as binary.")
    if directed is False:
        density = "ties over n(n \u2212 1)/2"
        maxima = ("in an undirected network of the same size (n \u2212 1 on normalised scores, that is "
                  "(n \u2212 1)(n \u2212 2) for raw degree and (n \u2212 1)\u00b2(n \u2212 2)/2 for raw "
                  "betweenness)")
        paths = ("counting 2-paths on the symmetric network (each tie both ways), where gatekeeper and "
                 "representative counts are equal")
        leaders = f"by degree, with at least {min_in_degree} contacts"
    else:
        density = ("ties over n(n \u2212 1)" if directed else
                   "ties over the possible ties, n(n \u2212 1) directed and n(n \u2212 1)/2 undirected")
        maxima = ("in a directed network of the same size (n \u2212 1 on normalised scores, that is "
                  "(n \u2212 1)\u00b2 for raw degree and (n \u2212 1)\u00b2(n \u2212 2) for raw betweenness)"
                  if directed else "in a network of the same size and kind")
        paths = "counting every ordered 2-path a \u2192 b \u2192 c without a tie a \u2192 c"
        leaders = f"by in-degree (degree in undirected data), named by at least {min_in_degree} others"
        if directed:
            leaders = f"by in-degree, named by at least {min_in_degree} others"
    return (
        f"**Methods.** {collected} {kept} "
        f"{nonresp}. Measures follow the conventions of UCINET (Borgatti, Everett & Freeman 2002), computed "
        f"with partnet {__version__}: density is {density}; degree, betweenness and closeness "
        f"centralization follow Freeman (1979), each sum of differences from the most central person divided "
        f"by its largest possible value {maxima}, closeness being normalised and corrected for people who "
        f"cannot be reached (Lin 1976; Wasserman & Faust 1994). Brokerage roles follow Gould & Fernandez "
        f"(1989) with organisations as the partition, {paths} (UCINET's unweighted option); the E-I index "
        f"(Krackhardt & Stern 1988) uses the same partition, and effective size and constraint follow Burt "
        f"(1992), computed within each person's ego network (UCINET's default ego-network model). Opinion "
        f"leaders are the people in the top {decile} {leaders}; boundary spanners the top "
        f"{decile} by brokerage across organisations (consultant, gatekeeper, representative and liaison "
        f"roles). Layouts and permutation tests used seed {parameters['seed']}. {naming} The conventions are "
        f"set out in full in partnet's methods page (docs/methods.md)."
    )

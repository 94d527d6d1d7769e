"""What a case's report keeps for the cross-case report, and reading it back.

``partnet report`` renders each case in its own kernel, then the
cross-case report over all of them. The numbers the cross-case report
sets side by side (each case's whole-network profile, its
effectiveness-profile indicators and the share of interviewees raising
each theme) are the ones the case's kernel has the graph and the data
for, so each case's report keeps them in its output folder
(:data:`KEPT`, written by :meth:`partnet.report.CaseReport.finish` with
``case_files=True``) and the cross-case report reads them back
(``CrossCaseReport(..., kept_results=OUT)``) instead of computing them
again for every case of the run.

A kept file is used only for the case, data, graph options and partnet
code it was written from (:func:`read_kept`); anything else is computed
from the case as before, so the tables are the same either way. The file
holds numbers and the labels of indicators and themes, and nothing a
report of the case does not show; it is written only when no label holds
a roster name (as the report's redaction judges it). The marker records
its SHA-256 with the folder's other files, and an anonymised case's
folder passes the privacy gate with it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

__all__ = ["KEPT", "KEPT_FORMAT", "kept_results", "write_kept", "read_kept"]

#: The file in a case's output folder that keeps what the cross-case report compares.
KEPT = ".partnet-compared.json"

#: Its format: 1 holds ``whole_network``, ``indicators`` and ``themes``.
KEPT_FORMAT = 1

_GRAPH_OPTIONS = ("relation", "scale", "min_frequency", "nonrespondents")


def _graph_facts(G) -> dict:
    """The options a graph was drawn with, as a kept file records them (JSON values)."""
    return json.loads(json.dumps({**{k: G.graph.get(k) for k in _GRAPH_OPTIONS}, "directed": G.is_directed()},
                                 default=str))


def _code() -> str:
    from partnet.report.pipeline import code_digest

    return code_digest()


def kept_results(case, G, redact=None) -> dict | None:
    """What the cross-case report compares of one case, as :data:`KEPT` records it.

    Parameters
    ----------
    case : partnet.Case
    G : networkx.DiGraph or networkx.Graph
        The case's graph as its report analyses it.
    redact : callable, optional
        The report's redaction of free text (``CaseReport.redact``, which
        also hides the run's other rosters); default: nothing redacted.

    Returns
    -------
    dict or None
        ``format``, ``case_id``, ``checksum`` (of the case's data),
        ``code`` (partnet's, :func:`partnet.report.pipeline.code_digest`),
        ``graph`` (relation, scale, least tie value, non-respondents,
        directed), ``whole_network`` (:func:`partnet.metrics.whole_network`
        as ``[measure, value]`` pairs), ``indicators``
        (:func:`partnet.mixed.indicators` with its defaults, as
        ``[dimension, indicator, value]``) and ``themes`` (the share of
        interviewees raising each theme,
        :func:`partnet.themes.frequencies`' ``share_people``, as ``[theme,
        share]``; None for a case without coded segments). None when
        ``redact`` would change a label: a theme named with a roster name
        is then left to the cross-case report to compute and redact.

    Examples
    --------
    >>> import partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> kept = kept_results(case, case.graph())
    >>> kept["case_id"], kept["whole_network"][:2], kept["themes"]
    ('example', [['n', 4.0], ['ties', 3.0]], [['leadership', 1.0]])
    >>> kept_results(case, case.graph(), redact=lambda text: text.replace("leader", "[name]")) is None
    True
    """
    from partnet import metrics, mixed, themes

    profile = metrics.whole_network(G)
    indicators = mixed.indicators(case, G)
    shares = themes.frequencies(case, level="theme")["share_people"] if len(case.segments) else None
    labels = [str(k) for k in profile.index] + [str(x) for k in indicators.index for x in k]
    labels += [str(k) for k in shares.index] if shares is not None else []
    if redact is not None and any(redact(label) != label for label in labels):
        return None
    return {"format": KEPT_FORMAT, "case_id": case.id, "checksum": case.checksum, "code": _code(),
            "graph": _graph_facts(G),
            "whole_network": [[k, float(v)] for k, v in profile.items()],
            "indicators": [[d, k, float(v)] for (d, k), v in indicators.items()],
            "themes": None if shares is None else [[k, float(v)] for k, v in shares.items()]}


def write_kept(folder, kept: dict | None) -> Path | None:
    """Write :func:`kept_results` into a case's output folder (:data:`KEPT`); None writes nothing.

    The same results give the same bytes (NaN is written as JSON's
    ``NaN``, which Python reads back).

    Examples
    --------
    >>> import tempfile, partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> write_kept(tempfile.mkdtemp(), kept_results(case, case.graph())).name
    '.partnet-compared.json'
    """
    if kept is None:
        return None
    path = Path(folder) / KEPT
    path.write_text(json.dumps(kept, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_kept(folder, case, G) -> dict[str, pd.Series | None] | None:
    """What a case's report kept (:func:`write_kept`), when it was written from this case, graph and code.

    Parameters
    ----------
    folder : str or pathlib.Path
        The case's output folder (``<out>/<case_id>`` of ``partnet report``).
    case : partnet.Case
        The case as loaded now.
    G : networkx.DiGraph or networkx.Graph
        Its graph as the cross-case report draws it.

    Returns
    -------
    dict or None
        ``whole_network`` and ``indicators`` (pandas Series as
        :func:`partnet.metrics.whole_network` and
        :func:`partnet.mixed.indicators` return them) and ``themes`` (the
        ``share_people`` Series of :func:`partnet.themes.frequencies`, or
        None without coded segments); None when there is no kept file, it
        cannot be read, or it was written from another case id, other data
        (checksum), other graph options or other partnet code.

    Examples
    --------
    >>> import tempfile, partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_kept(folder, kept_results(case, case.graph()))
    >>> read_kept(folder, case, case.graph())["whole_network"].equals(pn.metrics.whole_network(case.graph()))
    True
    >>> read_kept(folder, case, case.graph(min_frequency=3)) is None
    True
    """
    try:
        data = json.loads((Path(folder) / KEPT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != KEPT_FORMAT:
        return None
    now = {"case_id": case.id, "checksum": case.checksum, "graph": _graph_facts(G), "code": _code()}
    if any(data.get(k) != v for k, v in now.items()):
        return None
    try:
        profile = pd.Series({k: float(v) for k, v in data["whole_network"]}, dtype=float,
                            name=G.graph.get("case_id"))
        indicators = pd.Series([float(v) for _, _, v in data["indicators"]], dtype=float,
                               index=pd.MultiIndex.from_tuples([(d, k) for d, k, _ in data["indicators"]],
                                                               names=["dimension", "indicator"]))
        shares = None
        if data["themes"] is not None:
            shares = pd.Series([float(v) for _, v in data["themes"]], index=[k for k, _ in data["themes"]],
                               dtype=float, name="share_people")
            shares.index.name = "theme"
    except (KeyError, TypeError, ValueError):
        return None
    return {"whole_network": profile, "indicators": indicators, "themes": shares}

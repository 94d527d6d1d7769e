"""Helpers every drawing shares: names of measures, shown values, node size, quotes (not API).

The workshop page (:mod:`partnet.viz.interactive`), the ego sheets
(:mod:`partnet.viz.ego`) and the figures (:mod:`partnet.viz.sociograms`, :mod:`partnet.viz.charts`)
take these from here, as they take colours and tie widths from
:mod:`partnet.viz.palette`, so that a measure has one name, a number one
printed form and a node one size in every drawing. The names are those of
:mod:`partnet.vocabulary`, which the report's tables use too.
"""

from __future__ import annotations

import math

from partnet import schema, vocabulary
from partnet._coding import best_first
from partnet.errors import ParameterError
from partnet.metrics.tables import UNDIRECTED_NAMES

__all__ = [
    "MEASURE_LABELS",
    "ATTRIBUTE_LABELS",
    "attribute_label",
    "format_value",
    "MIN_SIZE",
    "MAX_SIZE",
    "EQUAL_SIZE",
    "node_sizes",
    "case_quotes",
    "context_line",
    "relation_words",
    "term_label",
    "measure_column",
    "present_measures",
    "tie_value_text",
    "ordinal",
    "tie_width_note",
]

#: Measures with a name on pages and in legends, in the order the sheets and the page list them.
_MEASURES = ("in_degree", "out_degree", "degree", "degree_norm", "in_degree_norm", "out_degree_norm",
             "betweenness", "betweenness_norm", "closeness_in", "closeness_out", "closeness", "eigenvector",
             "effective_size", "efficiency", "constraint", "hierarchy", "coordinator", "consultant",
             "gatekeeper", "representative", "liaison", "brokerage_total", "ei")

#: Node attributes with a name on pages and in legends.
_ATTRIBUTES = ("org_type", "organisation", "role", "directorate", "seniority", "responded", "consent_named")

#: How measures are named on pages and in legends: the labels of :mod:`partnet.vocabulary`.
MEASURE_LABELS = {code: vocabulary.label(code) for code in _MEASURES}

#: How node attributes are named on pages and in legends: the labels of :mod:`partnet.vocabulary`.
ATTRIBUTE_LABELS = {code: vocabulary.label(code) for code in _ATTRIBUTES}


def measure_column(name, columns) -> str:
    """The column of a node table that shows measure ``name``: itself, or its undirected form.

    A node table of an undirected graph has ``degree`` and ``closeness``
    where a directed one has ``in_degree``/``out_degree`` and
    ``closeness_in``/``closeness_out``
    (:data:`partnet.metrics.tables.UNDIRECTED_NAMES`): a drawing asked for
    ``in_degree`` of an undirected network shows the degree. Any other
    name is returned as it is.
    """
    if not isinstance(name, str) or name in columns:
        return name
    other = UNDIRECTED_NAMES.get(name)
    return other if other is not None and other in columns else name


def present_measures(names, columns) -> list[str]:
    """``names`` as columns of a node table (:func:`measure_column`), those it has, each once, in order."""
    out: list[str] = []
    for name in names:
        column = measure_column(name, columns)
        if column in columns and column not in out:
            out.append(column)
    return out


def tie_value_text(value, scale) -> str:
    """A tie's value in words: a frequency by its label (``"weekly"``), a count as a number, nothing for binary."""
    if value is None or scale == "binary":
        return ""
    if scale in (None, "frequency") and value in schema.FREQUENCY_LABELS:
        return schema.FREQUENCY_LABELS[value]
    return format_value(value)


def tie_width_note(G) -> str | None:
    """The legend line that says what a tie's width shows, for ``G``'s scale; None when width shows nothing."""
    scale = G.graph.get("scale", "frequency")
    if scale == "binary":
        return None
    if scale == "count":
        return "Line width: the tie's count, thin for 1 to thick for the largest"
    return "Line width: how often they are in contact, yearly (thin) to daily (thick)"


def ordinal(n: int) -> str:
    """A rank in words: 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st.

    Examples
    --------
    >>> [ordinal(i) for i in (1, 2, 3, 4, 11, 12, 13, 21, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def attribute_label(attr: str) -> str:
    """The name of an attribute or measure in a legend or axis title.

    The label of :mod:`partnet.vocabulary` for the attributes and measures
    of :data:`ATTRIBUTE_LABELS` and :data:`MEASURE_LABELS`; any other name
    with its underscores as spaces.
    """
    return ATTRIBUTE_LABELS.get(attr) or MEASURE_LABELS.get(attr) or attr.replace("_", " ")


def term_label(name: str) -> str:
    """A measure's, column's or attribute's name as a page shows it: its label in :mod:`partnet.vocabulary`,
    else :func:`attribute_label` (any other name with its underscores as spaces).

    >>> term_label("in_degree"), term_label("org_size"), term_label("pagerank")
    ('named by (in-degree)', 'organisation size', 'PageRank')
    """
    return vocabulary.label(name) if name in vocabulary.TERMS else attribute_label(name)


def format_value(value) -> str:
    """A value as shown on a page or sheet: ``n/a``, yes/no, whole numbers bare, else three decimals."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e6 else f"{value:.3f}"
    return str(value)


#: Node radius range in px on the page (points scale from it in figures).
MIN_SIZE, MAX_SIZE = 12.0, 42.0

#: The one radius of every node when nothing sizes them, or all sizes are equal.
EQUAL_SIZE = round((MIN_SIZE + MAX_SIZE) / 3, 1)


def node_sizes(values: list) -> list[float]:
    """Node radii for a measure: MIN_SIZE to MAX_SIZE by the square root of its position in its range.

    A missing value (None) gets MIN_SIZE; when every value is equal, all
    get EQUAL_SIZE.

    Raises
    ------
    ParameterError
        Some present value is not a number (``size_by`` must be numeric).
    """
    finite = [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(finite) < len([v for v in values if v is not None]):
        raise ParameterError("size_by must be a numeric measure; some of its values are not numbers")
    if not finite:
        return [MIN_SIZE] * len(values)
    lo, hi = min(finite), max(finite)
    out = []
    for v in values:
        if v is None:
            out.append(MIN_SIZE)
        elif hi == lo:
            out.append(EQUAL_SIZE)
        else:
            out.append(round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt((float(v) - lo) / (hi - lo)), 1))
    return out


def case_quotes(case, person_ids, anonymise: bool, per_person: int) -> dict:
    """Up to ``per_person`` coded excerpts per person, names replaced: person_id -> [{"text", "theme"}].

    A person's segments in the order every quote follows
    (:func:`partnet._coding.best_first`: the one flagged ``exemplar``, then
    the longest, then file order), each segment once; the theme is the
    code's theme (the code when it has none). People in the order of their
    first segment.

    Raises
    ------
    ParameterError
        ``case`` is None (its roster is needed to replace names).
    """
    if case is None:
        raise ParameterError("quotes=True needs case=..., whose roster is used to replace names in the quotes")
    seg = case.segments
    if seg is None or seg.empty:
        return {}
    themes = dict(zip(case.codebook["code"], case.codebook["theme"])) if not case.codebook.empty else {}
    wanted = set(person_ids)
    seg = seg[seg["person_id"].isin(wanted) & seg["excerpt"].map(lambda t: isinstance(t, str))]
    keep = None if per_person == math.inf else int(per_person)
    out: dict = {}
    for pid, rows in seg.groupby("person_id", sort=False):
        chosen = best_first(rows).iloc[:keep]
        out[pid] = [{"text": case.pseudonyms.redact(excerpt, anonymise),
                     "theme": case.pseudonyms.redact(str(themes.get(code) or code), anonymise)}
                    for excerpt, code in zip(chosen["excerpt"], chosen["code"])]
    return out


def relation_words(case, G) -> str:
    """The relation of ``G`` in plain words: ``case.yaml``'s question for it, else its name, underscores as spaces.

    Free text of the case: redact it before it is shown (see :func:`context_line`).

    >>> import partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> relation_words(case, case.graph())
    'egov contact'
    """
    relation = str(G.graph.get("relation") or "")
    question = case.meta.get("question")
    if question and relation == str(case.meta.get("relation") or ""):
        return str(question)
    return relation.replace("_", " ")


def context_line(case, G) -> str:
    """The line under a page's title: relation, survey date and "fictional data", joined by " \u00b7 ".

    The relation in plain words: the question ``case.yaml`` gives for the
    case's relation (``question:``), else the relation's name with its
    underscores as spaces (``egov_contact`` reads "egov contact"). Text as
    recorded: the relation and its question are the case's own free text
    and may hold a name, so every caller passes the line through
    ``case.pseudonyms.redact`` as it does the title (the workshop page's
    subtitle, the ego sheet's context line).
    """
    parts = [relation_words(case, G)]
    if case.meta.get("survey_date"):
        parts.append(f"survey {case.meta['survey_date']}")
    if case.meta.get("fictional"):
        parts.append("fictional data")
    return " \u00b7 ".join(p for p in parts if p)

"""Ego sheets: one printable page per participant, to take into the interview.

Each sheet shows the person's ego network (an inline SVG with text kept
as text), their ties across organisations and their key measures, with
every name passed through the consent and anonymisation rules.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

from partnet import vocabulary
from partnet._values import plain
from partnet.errors import PartnetError, choice_error
from partnet.viz._html import render
from partnet.viz._shared import (
    MEASURE_LABELS,
    attribute_label,
    case_quotes,
    context_line,
    format_value,
    ordinal,
    present_measures,
    tie_value_text,
)
from partnet.viz.egosvg import ego_svg, ego_svgs
from partnet.viz.keypeople import key_people
from partnet.viz.layout import check_person
from partnet.viz.palette import palette_for

__all__ = ["ego_sheet", "write_ego_sheets", "SHEET_MEASURES"]

#: Measures on a sheet, when the node table has them (an undirected network's table: its degree and
#: closeness in place of the in and out pairs).
SHEET_MEASURES = ("in_degree", "out_degree", "betweenness_norm", "closeness_in", "eigenvector", "effective_size",
                  "constraint", "ei", "coordinator", "consultant", "gatekeeper", "representative", "liaison")

#: How a tie's direction is shown on a sheet, seen from its person.
_ARROWS = {"named by this person": "\u2192", "named this person": "\u2190", "both named each other": "\u2194",
           "tie": "\u2013"}

#: Measures also shown as a rank ("3rd of 80").
_RANKED = ("in_degree", "out_degree", "betweenness_norm", "eigenvector")

#: Ego pictures drawn together by :func:`write_ego_sheets` (one call of the tie geometry for all of them).
_SVG_BATCH = 64


def _measures(node_table: pd.DataFrame, person) -> list[dict]:
    rows = []
    ranked = present_measures(_RANKED, node_table.columns)
    for col in present_measures(SHEET_MEASURES, node_table.columns):
        value = plain(node_table.at[person, col])
        rank = None
        if col in ranked and value is not None:
            column = pd.to_numeric(node_table[col], errors="coerce")
            rank = f"{ordinal(int((column > value).sum()) + 1)} of {int(column.notna().sum())}"
        rows.append({"label": MEASURE_LABELS.get(col, col), "meaning": vocabulary.meaning(col),
                     "value": format_value(value), "rank": rank})
    return rows


def _measure_rows(node_table: pd.DataFrame):
    """:func:`_measures` as a function of the person, with the table read once for everyone.

    The values, ranks and counts are those :func:`_measures` gives, for a
    table with unique labels whose sheet measures are numpy numbers or
    booleans (as :func:`partnet.metrics.node_table` writes it); any other
    table, or a person not in its index, goes through :func:`_measures`.
    """
    columns = present_measures(SHEET_MEASURES, node_table.columns)
    ranked = present_measures(_RANKED, node_table.columns)
    if not (node_table.index.is_unique and node_table.columns.is_unique) or isinstance(node_table.index,
                                                                                         pd.MultiIndex) or any(
            not isinstance(node_table[col].dtype, np.dtype) or node_table[col].dtype.kind not in "biuf"
            for col in columns):
        return lambda person: _measures(node_table, person)
    row_of = {label: k for k, label in enumerate(node_table.index)}
    # tolist gives Python numbers, which plain() keeps but for NaN (None)
    values = {col: [v if v == v else None for v in node_table[col].tolist()] for col in columns}
    numbers = {}
    for col in ranked:
        column = pd.to_numeric(node_table[col], errors="coerce")
        numbers[col] = (column.to_numpy(), int(column.notna().sum()))
    fixed = {col: (MEASURE_LABELS.get(col, col), vocabulary.meaning(col)) for col in columns}

    def rows(person) -> list[dict]:
        k = row_of.get(person)
        if k is None:
            return _measures(node_table, person)
        out = []
        for col in columns:
            value = values[col][k]
            rank = None
            if col in numbers and value is not None:
                column, count = numbers[col]
                rank = f"{ordinal(int((column > value).sum()) + 1)} of {count}"
            label, meaning = fixed[col]
            out.append({"label": label, "meaning": meaning, "value": format_value(value), "rank": rank})
        return out

    return rows


def _ties(G, person, anonymise) -> tuple[list[dict], dict]:
    from partnet.pseudonyms import shown_name

    me = G.nodes[person]
    directed = G.is_directed()
    out = set(G.successors(person)) if directed else set(G[person])
    inc = set(G.predecessors(person)) if directed else set(G[person])
    rows = []
    for v in out | inc:
        if v == person:
            continue
        d = G.nodes[v]
        if directed and v in out and v in inc:
            how = "both named each other"
        elif v in out:
            how = "named by this person" if directed else "tie"
        else:
            how = "named this person"
        freqs = [G.edges[e].get("frequency") for e in ((person, v), (v, person)) if G.has_edge(*e)]
        freq = max((f for f in freqs if f is not None), default=None)
        rows.append({"name": shown_name(d, anonymise), "organisation": str(d.get("organisation") or ""),
                     "org_type": str(d.get("org_type") or ""), "direction": how,
                     "frequency": tie_value_text(freq, G.graph.get("scale", "frequency")),
                     "same": d.get("organisation") == me.get("organisation")})
    rows.sort(key=lambda r: (not r["same"], r["organisation"].casefold(), r["name"].casefold()))
    orgs = {}
    groups: dict = {}
    for r in rows:
        orgs.setdefault(r["organisation"], 0)
        orgs[r["organisation"]] += 1
        group = groups.setdefault(r["organisation"], {"organisation": r["organisation"], "org_type": r["org_type"],
                                                      "same": r["same"], "contacts": []})
        group["contacts"].append({"name": r["name"], "arrow": _ARROWS[r["direction"]], "frequency": r["frequency"]})
    internal = sum(r["same"] for r in rows)
    external = len(rows) - internal
    ei = (external - internal) / len(rows) if rows else None
    summary = {"internal": internal, "external": external, "organisations": len(orgs) - (1 if internal else 0),
               "ei": format_value(round(ei, 3)) if ei is not None else "n/a",
               "by_org": [{"organisation": o, "count": c} for o, c in orgs.items()],
               "groups": list(groups.values())}
    return rows, summary


def ego_sheet(case, G, node_table: pd.DataFrame, person, *, anonymise: bool = False, quotes: bool = False,
              colour_by: str = "org_type") -> str:
    """One participant's printable sheet as a whole HTML document.

    Parameters
    ----------
    case : partnet.Case
        The case (title, roster for redacting quotes).
    G : networkx.DiGraph
        The case graph the node table was computed from.
    node_table : pandas.DataFrame
        ``partnet.metrics.node_table(G)``.
    person : str
        The person_id.
    anonymise : bool, default False
        Pseudonyms only; people with ``consent_named`` = no always are, and
        so is everyone of a case whose ``case.yaml`` says ``anonymise: true``.
    quotes : bool, default False
        Add the person's coded interview excerpts, names replaced.
    colour_by : str, default "org_type"
        Node attribute colouring the ego network.

    Returns
    -------
    str
        An HTML document for one A4 page: heading, ego network (inline
        SVG, text as text), key measures with ranks, each with its plain
        meaning under it (:func:`partnet.vocabulary.meaning`, so that it can
        be read with the participant), whether they count as
        opinion leader or boundary spanner, and the ties grouped by
        organisation, one line of contacts per organisation (name, an
        arrow for who named whom, how often), so that even a hub with 60
        contacts fits the page. Coded excerpts (``quotes=True``) follow
        and may run onto a second page. Loads nothing from elsewhere.

    Raises
    ------
    ParameterError
        If ``person`` is not in the graph.

    Notes
    -----
    The person's own E-I index on the sheet is (external - internal) /
    (external + internal) over their distinct contacts in either
    direction, by organisation (Krackhardt & Stern 1988); the node
    table's ``ei`` follows partnet.metrics' convention and is listed
    with the measures.

    Examples
    --------
    >>> import partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> G = case.graph()
    >>> table = pd.DataFrame({"in_degree": [0, 1, 1, 1], "out_degree": [2, 1, 0, 0]}, index=list(G))
    >>> doc = ego_sheet(case, G, table, "p1")
    >>> "<h1>Ada Quintrell</h1>" in doc, "Bram Okonjo" in doc
    (True, False)
    """
    from partnet.pseudonyms import shown_graph

    check_person(G, person)
    anonymise = case.anonymised(anonymise)
    G = shown_graph(G, anonymise)
    return _sheet(case, G, node_table, person, anonymise=anonymise, quotes=quotes, colour_by=colour_by,
                  palette=palette_for(colour_by, [G.nodes[v].get(colour_by) for v in G]),
                  flags=key_people(node_table))


def _sheet(case, G, node_table, person, *, anonymise: bool, quotes: bool, colour_by: str, palette, flags,
           svg: str | None = None, measures=None) -> str:
    """:func:`ego_sheet` with the case-wide palette and key-people flags computed once by the caller.

    ``svg`` is the person's picture when the caller drew it already
    (:func:`partnet.viz.egosvg.ego_svgs`), ``measures`` a
    :func:`_measure_rows` of ``node_table``.
    """
    import partnet
    from partnet.pseudonyms import shown_name

    pal = palette
    me = G.nodes[person]
    shown = shown_name(me, anonymise)
    if svg is None:
        svg = ego_svg(G, person, colour_by=colour_by, anonymise=anonymise, palette=pal, size=5.2)
    ties, summary = _ties(G, person, anonymise)
    roles = [label for label, col in (("opinion leader", "opinion_leader"), ("boundary spanner", "boundary_spanner"))
             if bool(flags.at[person, col])]
    ego = [person, *G.predecessors(person), *G.successors(person)] if G.is_directed() else [person, *G[person]]
    present = {pal.category(G.nodes[v].get(colour_by)) for v in ego}
    present = {"missing" if c is None else str(c) for c in present}
    legend = [{"label": label, "colour": style.colour, "shape": style.shape}
              for label, style in pal.legend() if label in present]
    excerpts = []
    if quotes:
        excerpts = case_quotes(case, [person], anonymise, per_person=math.inf).get(person, [])
    redact = case.pseudonyms.redact
    rows = measures(person) if measures is not None else _measures(node_table, person)
    return render("ego.html.j2", version=partnet.__version__, title=shown,
                  case_title=redact(case.title, anonymise), context=redact(context_line(case, G), anonymise),
                  role=str(me.get("role") or ""), organisation=str(me.get("organisation") or ""),
                  org_type=str(me.get("org_type") or ""), seniority=str(me.get("seniority") or ""),
                  directorate=str(me.get("directorate") or ""), responded=bool(me.get("responded", True)),
                  key_roles=roles, svg=svg, legend=legend, legend_title=attribute_label(colour_by), ties=ties,
                  summary=summary, measures=rows, quotes=excerpts,
                  anonymised=anonymise, tie_note=_tie_note(G), picture_note=_picture_note(G))


def _picture_note(G) -> str:
    """The key under a sheet's picture: who is in it, what arrows and line widths show."""
    widths = {"frequency": "thicker lines mean more frequent contact",
              "count": "thicker lines mean larger counts"}.get(G.graph.get("scale", "frequency"))
    if G.is_directed():
        key = "Arrows point from the person who named the contact" + (f"; {widths}." if widths else ".")
        return f"Everyone this person named or was named by, and the ties among them. {key}"
    key = f" {widths[0].upper()}{widths[1:]}." if widths else ""
    return f"Everyone tied to this person, and the ties among them.{key}"


def _tie_note(G) -> str:
    """The key under a sheet's table of ties: what the arrows and the value beside a contact mean."""
    scale = G.graph.get("scale", "frequency")
    if G.is_directed():
        arrows = ("\u2192 this person named the contact \u00b7 \u2190 the contact named this person \u00b7 "
                  "\u2194 both named each other")
        value = {"frequency": "; how often: the more frequent of the answers",
                 "count": "; the number: the larger of the two counts"}.get(scale, "")
    else:
        arrows = "\u2013 a tie between the two (the relation has no direction)"
        value = {"frequency": "; how often they are in contact",
                 "count": "; the number: the tie's count"}.get(scale, "")
    return f"{arrows}{value}. Shaded rows: other organisations."


def _file_stem(label: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-")
    return stem or "person"


def write_ego_sheets(case, G, node_table: pd.DataFrame | None, out_dir, *, anonymise: bool = False,
                     people=None, quotes: bool = False, colour_by: str = "org_type") -> list[Path]:
    """Write one printable ego sheet per participant, and an index page.

    Parameters
    ----------
    case : partnet.Case
        The case.
    G : networkx.DiGraph
        Its graph (``case.graph()``).
    node_table : pandas.DataFrame or None
        ``partnet.metrics.node_table(G)``; computed when None.
    out_dir : str or pathlib.Path
        Folder to write (created); ``index.html`` lists the sheets.
    anonymise : bool, default False
        Pseudonyms only, in the sheets and in the file names (always for a
        case whose ``case.yaml`` says ``anonymise: true``).
    people : iterable of str, optional
        person_ids to write; default everyone who answered the
        questionnaire.
    quotes : bool, default False
        Add each person's coded excerpts (names replaced).
    colour_by : str, default "org_type"
        Node attribute colouring the ego networks.

    Returns
    -------
    list of pathlib.Path
        The sheets written (the index not included), in roster order.

    Raises
    ------
    ParameterError
        For a person not in the graph.
    PartnetError
        If the folder cannot be written.

    Notes
    -----
    Files are named after the person's pseudonym (``NDC-03.html``), never
    after their name or person_id, so a folder listing reveals nothing.

    Examples
    --------
    >>> import tempfile, pathlib, partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> G = case.graph()
    >>> table = pd.DataFrame({"in_degree": [0, 1, 1, 1], "out_degree": [2, 1, 0, 0]}, index=list(G))
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_ego_sheets(case, G, table, out)]
    ['NDC-02.html', 'NDC-01.html', 'ECC-02.html']
    """
    from partnet.pseudonyms import shown_graph, shown_name

    anonymise = case.anonymised(anonymise)
    G = shown_graph(G, anonymise)
    if node_table is None:
        from partnet.metrics import node_table as compute

        node_table = compute(G)
    if people is None:
        people = [v for v in G if G.nodes[v].get("responded", True)]
    people = list(people)
    missing = [p for p in people if p not in G]
    if missing:
        raise choice_error(missing[0], list(G), "people", what="person_ids of the graph", listed=False)
    out_dir = Path(out_dir)
    palette = palette_for(colour_by, [G.nodes[v].get(colour_by) for v in G])
    flags = key_people(node_table)
    measures = _measure_rows(node_table)
    written, index = [], []
    used: set[str] = set()
    svgs: list[str] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for k, person in enumerate(people):
            if k % _SVG_BATCH == 0:             # the pictures of the next people, their ties computed together
                svgs = ego_svgs(G, people[k:k + _SVG_BATCH], colour_by=colour_by, anonymise=anonymise,
                                 palette=palette, size=5.2)
            attrs = G.nodes[person]
            stem = _file_stem(str(attrs.get("pseudonym") or shown_name(attrs, True)))
            while stem in used:
                stem += "-x"
            used.add(stem)
            path = out_dir / f"{stem}.html"
            path.write_text(_sheet(case, G, node_table, person, anonymise=anonymise, quotes=quotes,
                                   colour_by=colour_by, palette=palette, flags=flags, svg=svgs[k % _SVG_BATCH],
                                   measures=measures), encoding="utf-8", newline="\n")
            written.append(path)
            index.append({"file": path.name, "name": shown_name(attrs, anonymise),
                          "organisation": str(attrs.get("organisation") or ""), "role": str(attrs.get("role") or "")})
        import partnet

        (out_dir / "index.html").write_text(
            render("ego_index.html.j2", version=partnet.__version__,
                   case_title=case.pseudonyms.redact(case.title, anonymise), sheets=index),
            encoding="utf-8", newline="\n")
    except OSError as exc:
        raise PartnetError(f"cannot write the ego sheets to {out_dir}: {exc.strerror or exc}") from exc
    return written

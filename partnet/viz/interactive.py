"""The interactive workshop page: a pyvis network, offline and escaped.

pyvis builds the vis-network node, edge and option structures; partnet
renders them through its own template, with vis-network inlined and no
other script, stylesheet or font, so one HTML file opens anywhere with the
network off. Names reach the page only through
:func:`partnet.pseudonyms.shown_name`.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx
import pandas as pd

from partnet._values import plain
from partnet.errors import GraphError, ParameterError, PartnetError, check_choice, choice_error
from partnet.metrics.tables import measure_for
from partnet.viz._html import asset_text, render, script_json, vis_network_js
from partnet.viz._shared import (
    ATTRIBUTE_LABELS,
    EQUAL_SIZE,
    MEASURE_LABELS,
    attribute_label,
    case_quotes,
    context_line,
    format_value,
    measure_column,
    node_sizes,
    present_measures,
    tie_value_text,
    tie_width_note,
)
from partnet.viz.keypeople import key_people as _key_people
from partnet.viz.layout import PAGE_CHAR_WIDTH, label_box, positions
from partnet.viz.palette import category_order, palette_for, width_rule

__all__ = [
    "NetworkPage",
    "interactive",
    "embed",
    "write_network_page",
    "MEASURE_LABELS",
    "ATTRIBUTE_LABELS",
    "COLOUR_CHOICES",
    "size_choices",
    "check_size_by",
]

# MEASURE_LABELS and ATTRIBUTE_LABELS (exported here) live in partnet.viz._shared, with the node size,
# the shown form of a value and the other helpers the sheets and the figures share with this page.

#: Measures shown in a tooltip and in the details panel, when present.
TOOLTIP_MEASURES = ("in_degree", "out_degree", "betweenness_norm", "brokerage_total", "constraint", "ei")

_FACETS = ("organisation", "org_type", "role")
_CLICK_NOTE = "Click a person to highlight their contacts; click empty space to clear; drag to move"
_NOT_GIVEN = "(not given)"
_EDGE_COLOUR = {"color": "#8A8A8A", "highlight": "#222222", "hover": "#222222", "opacity": 0.75}
_BIG_NODES, _BIG_EDGES = 500, 2000


class NetworkPage:
    """A rendered workshop page.

    Attributes
    ----------
    html : str
        The whole self-contained document.
    title : str
        Its heading.
    node_ids : list
        The graph's nodes in the order of the page's integer node ids
        (node ``i`` on the page is ``node_ids[i]``); person_ids never
        appear in the page itself.
    positions : dict
        node -> (x, y) as laid out.
    """

    def __init__(self, html_text: str, title: str, node_ids: list, positions: dict):
        self.html = html_text
        self.title = title
        self.node_ids = list(node_ids)
        self.positions = dict(positions)

    def __repr__(self) -> str:
        return f"<NetworkPage {self.title!r}: {len(self.node_ids)} people, {len(self.html):,} characters>"

    def save(self, path) -> Path:
        """Write the page as a UTF-8 file (folders created) and return its path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8", newline="\n")
        return path

    def embed_html(self, height: int = 760) -> str:
        """The page inside a sandboxed ``iframe srcdoc``, wrapped in a div.

        The frame keeps the page's ids, styles and scripts apart from the
        notebook (two graphs in one notebook do not collide), survives
        papermill and nbconvert (the document travels inside the
        attribute, no second file), and may run scripts and download the
        PNG but nothing else.
        """
        if isinstance(height, bool) or not isinstance(height, int) or height < 100:
            raise ParameterError(f"height must be a whole number of pixels, at least 100; {height!r} was given")
        return ('<div class="partnet-network">'
                f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                'sandbox="allow-scripts allow-downloads" '
                f'style="width: 100%; height: {height}px; border: 1px solid #DDDDDD;" '
                f'title="{html.escape(self.title, quote=True)}"></iframe></div>')

    def _repr_html_(self) -> str:
        return self.embed_html()


# ------------------------------------------------------------------ inputs


def _check_graph(G) -> None:
    if not isinstance(G, nx.Graph):
        raise GraphError(f"expected a networkx graph (case.graph()); {type(G).__name__} was given")
    if G.is_multigraph():
        raise GraphError("expected a simple graph (DiGraph or Graph); a multigraph was given: "
                         "collapse parallel ties first")
    if G.number_of_nodes() == 0:
        raise GraphError("the graph has no nodes: nothing to draw")


def _node_table(G, node_table) -> pd.DataFrame:
    if node_table is None:
        from partnet.metrics import node_table as compute

        node_table = compute(G)
    if not isinstance(node_table, pd.DataFrame):
        raise ParameterError(f"node_table must be a pandas DataFrame indexed by person_id; "
                             f"{type(node_table).__name__} was given")
    missing = [v for v in G.nodes if v not in node_table.index]
    if missing:
        raise ParameterError(f"node_table has no row for {len(missing)} of the graph's people, e.g. "
                             f"{missing[0]!r}; compute it from the same graph")
    return node_table.loc[list(G.nodes)]


def _values(G, table: pd.DataFrame, attr: str, name: str) -> list:
    """The values of a node attribute or node-table column, in node order; ``name`` is the option that gave ``attr``."""
    if attr in table.columns:
        return [plain(v) for v in table[attr]]
    attrs = set()
    for _, d in G.nodes(data=True):
        attrs.update(d)
    if attr in attrs:
        return [plain(d.get(attr)) for _, d in G.nodes(data=True)]
    known = sorted(set(map(str, table.columns)) | {a for a in attrs if a not in ("name", "pseudonym")})
    raise choice_error(attr, known, name, what="a node attribute or a node-table column")


def size_choices(node_table: pd.DataFrame) -> list[str]:
    """The columns of a node table that can size the nodes: those holding numbers, in column order.

    Parameters
    ----------
    node_table : pandas.DataFrame
        ``partnet.metrics.node_table(G)`` or any table of node measures.

    Returns
    -------
    list of str
        Names of the columns of a numeric dtype (integers, floats, with
        or without missing values); yes/no and text columns are left out.

    Examples
    --------
    >>> table = pd.DataFrame({"in_degree": [2, 0], "ei": [0.5, None], "leader": [True, False],
    ...                       "note": ["a", "b"]})
    >>> size_choices(table)
    ['in_degree', 'ei']
    """
    return [str(c) for c in node_table.columns
            if pd.api.types.is_numeric_dtype(node_table[c]) and not pd.api.types.is_bool_dtype(node_table[c])]


def check_size_by(size_by, node_table: pd.DataFrame) -> str:
    """Return ``size_by`` when it names a column of numbers of the node table; else raise, nearest column named.

    For a notebook or a program that sizes nodes by a measure and also
    uses that column itself (ranks people by it, say): checks the option
    at once, before anything is computed or drawn, with the message of
    every option (:func:`partnet.errors.check_choice`).
    :func:`interactive` needs no such call: its ``size_by`` may also
    name a node attribute of the graph (``org_size``) or be None, and it
    checks both itself before drawing.

    Parameters
    ----------
    size_by : str
        The column asked for.
    node_table : pandas.DataFrame
        ``partnet.metrics.node_table(G)``: the columns allowed are
        :func:`size_choices`.

    Returns
    -------
    str
        ``size_by``; in the table of an undirected network, whose degree
        stands for in- and out-degree, the column that stands for it
        (``"in_degree"`` gives ``"degree"``; :func:`partnet.metrics.measure_for`).

    Raises
    ------
    ParameterError
        ``size_by`` is not a column of numbers of ``node_table`` (None
        included). The message lists the allowed columns and the nearest
        one.

    Examples
    --------
    >>> table = pd.DataFrame({"in_degree": [2, 0], "betweenness_norm": [0.5, 0.0]}, index=["p1", "p2"])
    >>> check_size_by("in_degree", table)
    'in_degree'
    >>> check_size_by("indegree", table)
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: size_by must be a node-table column of numbers (in_degree, betweenness_norm);
    'indegree' was given; did you mean 'in_degree'?
    >>> check_size_by("in_degree", pd.DataFrame({"degree": [1, 1]}, index=["p1", "p2"]))
    'degree'
    """
    if not isinstance(node_table, pd.DataFrame):
        raise ParameterError(f"node_table must be a pandas DataFrame (partnet.metrics.node_table); "
                             f"{type(node_table).__name__} was given")
    choices = size_choices(node_table)
    return check_choice(measure_column(size_by, choices), choices, "size_by", what="a node-table column of numbers")


#: Attributes the page offers to colour by, when the graph has them.
COLOUR_CHOICES = ("org_type", "organisation", "role", "directorate", "seniority")


def _colourings(G, table: pd.DataFrame, colour_by: str) -> dict:
    """Legend and per-node (colour, shape) for ``colour_by`` and the usual attributes."""
    out = {}
    for attr in dict.fromkeys([colour_by, *COLOUR_CHOICES]):
        if attr != colour_by and not any(plain(d.get(attr)) is not None for _, d in G.nodes(data=True)):
            continue
        values = _values(G, table, attr, "colour_by")
        pal = palette_for(attr, values)
        out[attr] = {"title": f"Colour: {attribute_label(attr)}", "label": attribute_label(attr),
                     "legend": [{"label": label, "colour": st.colour, "shape": st.shape}
                                for label, st in pal.legend()],
                     "styles": [[pal.colour(x), pal.shape(x)] for x in values]}
    return out


def _node(d: dict, row: pd.Series, label: str, leader: bool, spanner: bool, style) -> tuple[dict, dict]:
    """The page's record of a person and the vis-network options of their node."""
    facets = {f: _NOT_GIVEN if plain(d.get(f)) is None else str(d.get(f)) for f in _FACETS}
    measures = [(MEASURE_LABELS[c], format_value(plain(row[c]))) for c in present_measures(TOOLTIP_MEASURES, row.index)]
    tip = [label, f"{facets['role']} \u00b7 {facets['organisation']} ({facets['org_type']})"]
    tip += [f"{k}: {val}" for k, val in measures]
    if leader or spanner:
        tip.append(" and ".join(x for x, on in (("opinion leader", leader), ("boundary spanner", spanner)) if on))
    colour, shape = style
    options = {
        "label": label, "shape": shape, "title": "\n".join(tip),
        "color": {"background": colour, "border": "#000000" if (leader or spanner) else "#333333",
                  "highlight": {"background": colour, "border": "#000000"},
                  "hover": {"background": colour, "border": "#000000"}},
        "borderWidth": 5 if leader else (3.5 if spanner else 1.5),
        "shapeProperties": {"borderDashes": [9, 5] if spanner else False},
        "font": {"color": "#111111"},
    }
    record = {"label": label, **facets, "opinion_leader": leader, "boundary_spanner": spanner, "measures": measures}
    return record, options


def _add_edges(net, G, labels: list) -> bool:
    """Append every tie to the pyvis network; True when ties carry a frequency."""
    from pyvis.edge import Edge

    index = {v: i for i, v in enumerate(G.nodes)}
    directed = G.is_directed()
    arrow = "\u2192" if directed else "\u2013"
    titled = G.number_of_edges() <= _BIG_EDGES
    has_frequency = False
    width_of = width_rule(G)
    scale = G.graph.get("scale", "frequency")
    for k, (u, v, d) in enumerate(G.edges(data=True)):
        f = plain(d.get("frequency"))
        has_frequency |= f is not None
        width = width_of(f)
        opts = {"id": k, "width": round(width, 2)}
        if d.get("imputed"):
            opts["dashes"] = True
        if titled:
            how = tie_value_text(f, scale)
            opts["title"] = (f"{labels[index[u]]} {arrow} {labels[index[v]]}"
                             + (f": {how}" if how else "") + (" (imputed)" if d.get("imputed") else ""))
        # pyvis's own Edge builds the record; Network.add_edge would scan the
        # node list for every tie (quadratic on a 2,000-person network).
        net.edges.append(Edge(index[u], index[v], directed, **opts).options)
    return has_frequency


def _notes(G, size_by, size_values, has_frequency: bool, anonymise: bool) -> list[str]:
    notes = []
    if size_by is not None:
        finite = [float(x) for x in size_values if x is not None]
        rng = f" ({format_value(min(finite))} to {format_value(max(finite))})" if finite else ""
        notes.append(f"Size: {attribute_label(size_by)}{rng}")
    note = tie_width_note(G)
    if has_frequency and note:
        notes.append(note)
    if G.is_directed():
        notes.append("Arrow: from the person who named the contact")
    if any(d.get("imputed") for _, _, d in G.edges(data=True)):
        notes.append("Dashed line: tie imputed for a non-respondent")
    notes.append(_CLICK_NOTE)
    notes.append("Names are pseudonyms" if anonymise else "People who did not agree to be named are shown by pseudonym")
    return notes


# ------------------------------------------------------------------ the page


def interactive(G, node_table=None, *, colour_by: str = "org_type", size_by: str | None = "in_degree",
                anonymise: bool = False, seed: int = 0, title: str | None = None, subtitle: str | None = None,
                case=None, quotes: bool = False, highlight_key_people: bool = True,
                font_size: int = 22) -> NetworkPage:
    """The interactive workshop page of a network.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        A case's graph (``case.graph()``): nodes carry ``name``,
        ``pseudonym``, ``consent_named``, ``organisation``, ``org_type``,
        ``role``; edges ``frequency``.
    node_table : pandas.DataFrame, optional
        ``partnet.metrics.node_table(G)``; computed when not given.
    colour_by : str, default "org_type"
        Any node attribute or node-table column. Categories take the
        palette of :mod:`partnet.viz.palette` (colour, then shape beyond
        seven categories); a measure is cut into five classes. The page
        can switch to :data:`COLOUR_CHOICES` (organisation, role, ...)
        as well.
    size_by : str or None, default "in_degree"
        A numeric node-table column or node attribute; None for one size.
    anonymise : bool, default False
        Show pseudonyms only. People with ``consent_named`` = no are shown
        by pseudonym in any case.
    seed : int, default 0
        Seed of the layout: the same graph and seed give the same picture.
    title, subtitle : str, optional
        Heading and the line under it (default the graph's ``title``).
    case : partnet.Case, optional
        Needed only for ``quotes``.
    quotes : bool, default False
        Show up to three coded interview excerpts per person in the
        details panel, with roster names replaced (``case.pseudonyms``).
        Off by default: a projected page should not attribute quotes.
    highlight_key_people : bool, default True
        Mark opinion leaders (thick border) and boundary spanners (dashed
        border), see :func:`partnet.viz.keypeople.key_people`.
    font_size : int, default 22
        Label size in pixels at zoom 1 (large, for a projector).

    Returns
    -------
    NetworkPage
        ``.html`` is the document, ``.save(path)`` writes it, and in a
        notebook it shows itself in a sandboxed frame.

    Raises
    ------
    ParameterError
        For an empty graph, an unknown ``colour_by``/``size_by`` (with the
        nearest name), a node table that does not cover the graph, or
        ``quotes=True`` without ``case``.

    Notes
    -----
    - Layout: :func:`partnet.viz.layout.positions` with ``seed``, label
      boxes kept apart and the network widened towards a wide screen (1.8:1); physics is
      off, so positions are final and a 2,000-person network draws at
      once. Dragged people stay where they are put while the page is open
      (filters and highlights keep them).
    - Size: radius from 12 to 42 px, proportional to the square root of
      the measure's position between its minimum and maximum, so the
      area grows in step with the measure.
    - Ties: width grows with frequency (1 yearly .. 5 daily), an arrow
      points from the person who named the contact to the contact;
      imputed ties are dashed.
    - Safety: the page loads nothing (vis-network is inlined, there is
      no bootstrap, font or image from elsewhere); user text enters the
      HTML only through autoescaped templates, as JSON with ``<``, ``>``,
      ``&`` escaped, or through ``textContent``; tooltips are plain text,
      which vis-network shows with ``innerText``.

    Examples
    --------
    >>> import partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> G = case.graph()
    >>> table = pd.DataFrame({"in_degree": [d for _, d in G.in_degree()]}, index=list(G))
    >>> page = interactive(G, table, anonymise=True, seed=1)
    >>> page.node_ids
    ['p1', 'p2', 'p3', 'p4']
    >>> "Ada Quintrell" in page.html, "NDC-01" in page.html
    (False, True)
    >>> page.html == interactive(G, table, anonymise=True, seed=1).html
    True
    """
    from pyvis.network import Network

    import partnet
    from partnet.pseudonyms import shown_graph, shown_name

    _check_graph(G)
    G = shown_graph(G, anonymise)
    if isinstance(font_size, bool) or not isinstance(font_size, int) or not 8 <= font_size <= 72:
        raise ParameterError(f"font_size must be a whole number of pixels from 8 to 72; {font_size!r} was given")
    table = _node_table(G, node_table)
    size_by = measure_for(size_by, G) if isinstance(size_by, str) else size_by
    nodes = list(G.nodes)
    colourings = _colourings(G, table, colour_by)
    size_values = _values(G, table, size_by, "size_by") if size_by is not None else [None] * len(nodes)
    sizes = node_sizes(size_values) if size_by is not None else [EQUAL_SIZE] * len(nodes)
    flags = (_key_people(table) if highlight_key_people
             else pd.DataFrame(False, index=table.index, columns=["opinion_leader", "boundary_spanner"]))
    labels = [shown_name(G.nodes[v], anonymise) for v in nodes]
    boxes = {v: label_box(labels[i], sizes[i] + 4, font_size, PAGE_CHAR_WIDTH) for i, v in enumerate(nodes)}
    pos = positions(G, seed=seed, boxes=boxes, aspect=1.8)
    quote_map = case_quotes(case, nodes, anonymise, per_person=3) if quotes else {}
    directed = G.is_directed()
    big = G.number_of_nodes() > _BIG_NODES or G.number_of_edges() > _BIG_EDGES

    net = Network(height="100%", width="100%", directed=directed, cdn_resources="in_line")
    people = {}
    first = colourings[colour_by]["styles"]
    for i, v in enumerate(nodes):
        record, options = _node(G.nodes[v], table.loc[v], labels[i], bool(flags.at[v, "opinion_leader"]),
                                bool(flags.at[v, "boundary_spanner"]), first[i])
        net.add_node(i, x=pos[v][0], y=pos[v][1], size=sizes[i], **options)
        people[str(i)] = {**record, "quotes": quote_map.get(v, [])}
    has_frequency = _add_edges(net, G, labels)
    net.options = _vis_options(directed, big, seed, font_size)
    vis_nodes, vis_edges, _heading, _h, _w, options_json = net.get_network_data()

    if title is None:
        title = str(G.graph.get("title") or G.graph.get("case_id") or "Network")
        if case is not None:                # the case's title may name someone: redacted like a quote
            title = case.pseudonyms.redact(title, anonymise)
    title = str(title)
    notes = _notes(G, size_by, size_values, has_frequency, anonymise)
    highlight_notes = []
    if flags["opinion_leader"].any():
        highlight_notes.append({"label": "thick border: opinion leader (among the most named)",
                                "dashed": False, "width": 3.5})
    if flags["boundary_spanner"].any():
        highlight_notes.append({"label": "dashed border: boundary spanner (brokers across organisations)",
                                "dashed": True, "width": 2.5})
    data = {
        "title": title,
        "summary": f"{len(nodes)} people, {G.number_of_edges()} ties" + (" \u00b7 pseudonyms only" if anonymise
                                                                        else ""),
        "colouring": colour_by,
        "colourings": colourings,
        "notes": [h["label"] for h in highlight_notes] + [x for x in notes if x != _CLICK_NOTE],
        "pngName": _png_name(title),
        "edgeColour": _EDGE_COLOUR,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": json.loads(options_json),
        "people": people,
    }
    filters = [{"name": f, "label": attribute_label(f).capitalize(),
                "options": category_order(f, [p[f] for p in people.values()])} for f in _FACETS]
    doc = render("network.html.j2", title=title, subtitle=subtitle, version=partnet.__version__,
                 css=asset_text("network.css"), vis_js=vis_network_js(), page_js=asset_text("network.js"),
                 filters=filters, colourings=colourings, colour_by=colour_by,
                 highlight_notes=highlight_notes, notes=notes, data_json=script_json(data))
    return NetworkPage(doc, title, nodes, pos)


def _png_name(title: str) -> str:
    stem = "".join(ch if ch.isalnum() else "-" for ch in title.casefold()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return (stem[:60] or "network") + ".png"


def _vis_options(directed: bool, big: bool, seed: int, font_size: int) -> dict:
    """vis-network options: physics off, large labels, straight ties on big graphs."""
    smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.12} if directed and not big else {"enabled": False}
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": int(seed)},
        "interaction": {"hover": True, "tooltipDelay": 150, "dragNodes": True, "dragView": True,
                        "zoomView": True, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "selectConnectedEdges": False, "multiselect": False, "navigationButtons": False,
                        "keyboard": False},
        "nodes": {"font": {"size": font_size, "face": "Arial, Helvetica, sans-serif", "color": "#111111",
                           "strokeWidth": 5, "strokeColor": "#FFFFFF"},
                  "borderWidthSelected": 6, "scaling": {"label": {"drawThreshold": 7}}},
        "edges": {"smooth": smooth, "arrows": {"to": {"enabled": directed, "scaleFactor": 0.7}},
                  "color": {**_EDGE_COLOUR, "inherit": False}, "selectionWidth": 1.5, "hoverWidth": 1.0},
    }


def embed(page_or_graph, *, height: int = 760, **kwargs):
    """Show a workshop page in a notebook, in a sandboxed frame.

    Parameters
    ----------
    page_or_graph : NetworkPage or networkx.Graph
        A page from :func:`interactive`, or a graph to make one from.
    height : int, default 760
        Frame height in pixels.
    **kwargs
        Passed to :func:`interactive` when a graph is given.

    Returns
    -------
    IPython.display.HTML
        ``<div><iframe srcdoc=... sandbox="allow-scripts allow-downloads">``:
        survives papermill and nbconvert, writes no file, and two graphs
        on one page do not share ids or styles.

    Examples
    --------
    >>> import partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> table = pd.DataFrame({"in_degree": [d for _, d in G.in_degree()]}, index=list(G))
    >>> shown = embed(G, node_table=table)
    >>> shown.data.startswith('<div class="partnet-network"><iframe srcdoc="')
    True
    """
    from IPython.display import HTML

    page = page_or_graph if isinstance(page_or_graph, NetworkPage) else interactive(page_or_graph, **kwargs)
    if kwargs and isinstance(page_or_graph, NetworkPage):
        raise ParameterError("options for interactive() apply only when a graph is given, not a finished page")
    return HTML(page.embed_html(height=height))


def write_network_page(case, out_path, *, anonymise: bool | None = None, relation: str | None = None,
                       min_frequency: int | None = None, nonrespondents: str | None = None,
                       colour_by: str = "org_type", size_by: str | None = "in_degree", seed: int = 0,
                       quotes: bool = False) -> Path:
    """Write a case's standalone workshop page (``partnet graph``).

    Parameters
    ----------
    case : partnet.Case, str or pathlib.Path
        A loaded case or its folder.
    out_path : str or pathlib.Path
        The HTML file to write (folders are created).
    anonymise : bool, optional
        Pseudonyms only. A case whose ``case.yaml`` says ``anonymise:
        true`` is anonymised whatever is given here.
    relation, min_frequency, nonrespondents : optional
        Passed to ``case.graph()``.
    colour_by, size_by, seed, quotes
        As in :func:`interactive`.

    Returns
    -------
    pathlib.Path
        The file written: one self-contained document, vis-network inlined,
        no external URL.

    Raises
    ------
    PartnetError
        For a case that does not load (``DataError``) or a bad option.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "network.html"
    >>> write_network_page(EXAMPLE_CASE, out, anonymise=True).name
    'network.html'
    """
    from partnet.case import Case, load_case
    from partnet.metrics import node_table

    if not isinstance(case, Case):
        case = load_case(case)
    anonymise = case.anonymised(anonymise)
    G = case.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents)
    redact = case.pseudonyms.redact
    page = interactive(G, node_table(G), colour_by=colour_by, size_by=size_by, anonymise=anonymise, seed=seed,
                       title=redact(case.title, anonymise), subtitle=redact(context_line(case, G), anonymise),
                       case=case, quotes=quotes)
    try:
        return page.save(out_path)
    except OSError as exc:
        raise PartnetError(f"cannot write the network page to {out_path}: {exc.strerror or exc}") from exc

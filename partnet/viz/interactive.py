"""The interactive workshop page: a pyvis network, offline and escaped.

pyvis builds the vis-network node, edge and option structures; partnet
renders them through its own template, with vis-network inlined and no
other script, stylesheet or font, so one HTML file opens anywhere with the
network off. Names reach the page only through
:func:`partnet.pseudonyms.shown_name`.

A network surveyed in waves gets one page with a button per wave and a
change view between consecutive waves, all in one seeded layout of the
union of the waves (:func:`interactive_waves`; ``write_network_page``
makes it for a case with two or more waves).
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
    MIN_SIZE,
    attribute_label,
    case_quotes,
    context_line,
    format_value,
    measure_column,
    node_sizes,
    present_measures,
    relation_words,
    term_label,
    tie_value_text,
    tie_width_note,
)
from partnet.viz.keypeople import key_people as _key_people
from partnet.viz.layout import PAGE_ASPECT, PAGE_CHAR_WIDTH, PAGE_FONT_SIZE, PAGE_LABEL_GAP, label_box, positions
from partnet.viz.palette import category_order, palette_for, team_shapes, width_rule

__all__ = [
    "NetworkPage",
    "interactive",
    "interactive_waves",
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
_CLICK_NOTE = "Click a person or a tie to focus on it; click empty space to clear; drag to move"
_NOT_GIVEN = "(not given)"
_EDGE_COLOUR = {"color": "#8A8A8A", "highlight": "#222222", "hover": "#222222", "opacity": 0.75}
_IMPUTED_NOTE = "Dashed line: tie imputed for a non-respondent"
_WAVE_NOTE = "The wave buttons change the ties shown; everyone keeps their place in every view"
#: The change view's ties: colour and dashes of ties that lasted, new ties and lost ties (grey, then
#: Okabe & Ito's blue and vermillion, told apart by dashes too).
_CHANGE_STYLE = {"persisting": ("#8A8A8A", False), "new": ("#0072B2", False), "lost": ("#D55E00", True)}
#: The same in words, for the saved picture, whose legend draws no lines.
_CHANGE_WORDS = {"persisting": "grey line", "new": "blue line", "lost": "dashed orange line"}
#: A person not in the wave shown: drawn in place, faded as the page fades people outside a highlight.
_ABSENT_COLOUR = {"background": "#ECECEC", "border": "#D4D4D4", "highlight": {"background": "#ECECEC",
                  "border": "#D4D4D4"}, "hover": {"background": "#ECECEC", "border": "#D4D4D4"}}
_ABSENT_FONT = "#C4C4C4"
_BIG_NODES, _BIG_EDGES = 500, 2000
#: The smallest label, in screen pixels, when the whole network is in view: the page enlarges its labels to
#: this when the drawing is fitted to a small screen (a 1366x768 laptop), and a viewer can choose 10 to 40.
_TEXT_PX = 12


#: What a notebook shows in place of the page's frame when it does not show frames (not trusted).
_UNTRUSTED_NOTE = ("The interactive network does not show in a notebook that is not trusted: run the cell again, "
                   "or open the page written by partnet graph.")


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
    waves : list of str
        The waves the page can show, in order (:func:`interactive_waves`);
        empty for a page of one network.
    """

    def __init__(self, html_text: str, title: str, node_ids: list, positions: dict, waves=()):
        self.html = html_text
        self.title = title
        self.node_ids = list(node_ids)
        self.positions = dict(positions)
        self.waves = [str(w) for w in waves]

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
        PNG but nothing else. A notebook that is not trusted drops the
        frame when it cleans the output's HTML; a line under the frame,
        hidden while the frame is there, then says how to get it back
        (the live explorer, :func:`partnet.explore`, keeps a picture).
        """
        if isinstance(height, bool) or not isinstance(height, int) or height < 100:
            raise ParameterError(f"height must be a whole number of pixels, at least 100; {height!r} was given")
        # A notebook that is not trusted (saved and opened elsewhere) has its HTML cleaned of frames: the
        # line under the frame, hidden while the frame is there, then says why the cell looks empty.
        return ('<div class="partnet-network">'
                '<style>.partnet-network:has(iframe) .partnet-untrusted { display: none; }</style>'
                f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                'sandbox="allow-scripts allow-downloads" '
                f'style="width: 100%; height: {height}px; border: 1px solid #DDDDDD;" '
                f'title="{html.escape(self.title, quote=True)}"></iframe>'
                f'<p class="partnet-untrusted"><em>{_UNTRUSTED_NOTE}</em></p></div>')

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
    """Legend and per-node (colour, shape) for ``colour_by`` and the usual attributes.

    Under a colouring by colour alone the partnership team keeps its
    square (:func:`partnet.viz.palette.team_shapes`); ``shapeNote`` is the
    legend's line for it.
    """
    org_types = [d.get("org_type") for _, d in G.nodes(data=True)]
    out = {}
    for attr in dict.fromkeys([colour_by, *COLOUR_CHOICES]):
        if attr != colour_by and not any(plain(d.get(attr)) is not None for _, d in G.nodes(data=True)):
            continue
        values = _values(G, table, attr, "colour_by")
        pal = palette_for(attr, values)
        team = team_shapes(pal, values, org_types)
        out[attr] = {"title": f"Colour: {attribute_label(attr)}", "label": attribute_label(attr),
                     "legend": [{"label": label, "colour": st.colour, "shape": team.legend.get(label, st.shape)}
                                for label, st in pal.legend()],
                     "styles": [[pal.colour(x), shape] for x, shape in zip(values, team.shapes)],
                     "shapeNote": team.note}
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
    index = {v: i for i, v in enumerate(G.nodes)}
    records, has_frequency = _edge_records(G, index, {v: labels[i] for v, i in index.items()}, width_rule(G))
    net.edges.extend(records)
    return has_frequency


def _edge_records(G, index: dict, label: dict, width_of, start: int = 0) -> tuple[list, bool]:
    """vis-network records of ``G``'s ties (ids from ``start``), and whether ties carry a frequency.

    ``index`` gives a node's number on the page, ``label`` its shown name.
    """
    from pyvis.edge import Edge

    directed = G.is_directed()
    arrow = "\u2192" if directed else "\u2013"
    titled = G.number_of_edges() <= _BIG_EDGES
    has_frequency = False
    scale = G.graph.get("scale", "frequency")
    records = []
    for k, (u, v, d) in enumerate(G.edges(data=True), start=start):
        f = plain(d.get("frequency"))
        has_frequency |= f is not None
        width = width_of(f)
        opts = {"id": k, "width": round(width, 2)}
        if d.get("imputed"):
            opts["dashes"] = True
        if titled:
            how = tie_value_text(f, scale)
            opts["title"] = (f"{label[u]} {arrow} {label[v]}"
                             + (f": {how}" if how else "") + (" (imputed)" if d.get("imputed") else ""))
        # pyvis's own Edge builds the record; Network.add_edge would scan the
        # node list for every tie (quadratic on a 2,000-person network).
        record = Edge(index[u], index[v], directed, **opts).options
        record["freq"] = _number(f)           # the page's tie-value slider reads it
        records.append(record)
    return records, has_frequency


def _notes(G, size_by, size_values, has_frequency: bool, anonymise: bool, waves: bool = False) -> list[str]:
    """The legend's notes; on a page of ``waves``, dashes are the views' to explain (imputed or lost)."""
    notes = []
    if size_by is not None:
        finite = [float(x) for x in size_values if x is not None]
        rng = (f" ({format_value(min(finite))} to {format_value(max(finite))}{' in any wave' if waves else ''})"
               if finite else "")
        notes.append(f"Size: {term_label(size_by)}{rng}")
    note = tie_width_note(G)
    if has_frequency and note:
        notes.append(note)
    if G.is_directed():
        notes.append("Arrow: from the person who named the contact")
    if not waves and any(d.get("imputed") for _, _, d in G.edges(data=True)):
        notes.append(_IMPUTED_NOTE)
    notes.append(_CLICK_NOTE)
    if waves:
        notes.append(_WAVE_NOTE)
    notes.append("Names are pseudonyms" if anonymise else "People who did not agree to be named are shown by pseudonym")
    return notes


# ------------------------------------------------------------------ the page


def interactive(G, node_table=None, *, colour_by: str = "org_type", size_by: str | None = "in_degree",
                anonymise: bool = False, seed: int = 0, title: str | None = None, subtitle: str | None = None,
                case=None, quotes: bool = False, highlight_key_people: bool = True,
                font_size: int = PAGE_FONT_SIZE) -> NetworkPage:
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
    font_size : int, default 30
        Label size in the drawing's units, which the layout keeps apart.
        Shown as it fits the screen, but never smaller than 12 px when the
        whole network is in view (the page enlarges its labels on a small
        screen); the page's text-size slider sets any size from 10 to 40 px.

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
      boxes kept apart and the network widened towards the drawing area
      of a laptop or a projector (1.5:1); physics is off, so positions
      are final and a 2,000-person network draws at once. Dragged people
      stay where they are put while the page is open (a focus, the
      slider and a wave keep them).
    - Focus: an organisation, organisation type, role (the panel's
      lists), a person (a click, or Find) or a tie (a click) is drawn in
      full colour with all its ties and the people at their other end;
      everyone else is faded, and the focus is counted in words (e.g.
      "Ashcombe District Council: 7 people, 3 ties among them, 37 ties
      with 5 other organisations"; a directed relation counts arcs, so a
      mutual tie counts twice).
    - The tie-value slider hides ties below a value of the relation's
      scale (yearly .. daily, or 1 .. the largest count); people stay.
    - The organisation view draws one dot per organisation (sized by its
      people), with line widths growing with the square root of the
      number of ties between two organisations, counted from the ties
      shown (the slider, a wave).
    - Shapes: under any colouring by colour alone, the partnership
      team's people keep their square.
    - Notes: the facilitator's notes about a person, a tie, an
      organisation or the network are kept in the browser and downloaded
      as ``notes.csv`` (``partnet import-notes`` adds them to the case).
    - ``window.partnet`` gives programs the page: ``focus(kind, value)``,
      ``reset()``, ``visible()`` (the people and ties in full colour, by
      shown name), ``setMinimum(value)``.
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

    from partnet.pseudonyms import shown_graph, shown_name

    _check_graph(G)
    G = shown_graph(G, anonymise)
    _check_font_size(font_size)
    table = _node_table(G, node_table)
    size_by = measure_for(size_by, G) if isinstance(size_by, str) else size_by
    nodes = list(G.nodes)
    colourings = _colourings(G, table, colour_by)
    size_values = _values(G, table, size_by, "size_by") if size_by is not None else [None] * len(nodes)
    sizes = node_sizes(size_values) if size_by is not None else [EQUAL_SIZE] * len(nodes)
    flags = (_key_people(table) if highlight_key_people
             else pd.DataFrame(False, index=table.index, columns=["opinion_leader", "boundary_spanner"]))
    labels = [shown_name(G.nodes[v], anonymise) for v in nodes]
    boxes = {v: label_box(labels[i], sizes[i] + 4, font_size, PAGE_CHAR_WIDTH, PAGE_LABEL_GAP)
             for i, v in enumerate(nodes)}
    pos = positions(G, seed=seed, boxes=boxes, aspect=PAGE_ASPECT)
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

    title = _page_title(G, title, case, anonymise)
    notes = _notes(G, size_by, size_values, has_frequency, anonymise)
    highlight_notes = _key_notes(bool(flags["opinion_leader"].any()), bool(flags["boundary_spanner"].any()))
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
        "scale": _scale_info(G),
        "minTextPx": _TEXT_PX,
        "organisations": _organisations(G, {v: i for i, v in enumerate(nodes)}, colourings, seed, font_size),
        "notesStore": _notes_store(G, title, anonymise),
    }
    doc = _document(title, subtitle, colourings, colour_by, highlight_notes, notes, data)
    return NetworkPage(doc, title, nodes, pos)


# ------------------------------------------------------------------ waves


def interactive_waves(graphs, node_tables=None, *, colour_by: str = "org_type", size_by: str | None = "in_degree",
                      anonymise: bool = False, seed: int = 0, title: str | None = None, subtitle: str | None = None,
                      case=None, quotes: bool = False, highlight_key_people: bool = True,
                      font_size: int = PAGE_FONT_SIZE) -> NetworkPage:
    """The workshop page of a network surveyed in waves: one button per wave and a change view.

    Parameters
    ----------
    graphs : dict
        wave id -> the network of that wave (``case.graph(wave=w)``), in
        the order the waves were run; every wave the same relation, all
        directed or all undirected. One wave gives the page of
        :func:`interactive`.
    node_tables : dict, optional
        wave id -> ``partnet.metrics.node_table`` of that wave's graph;
        computed when not given.
    colour_by, size_by, anonymise, seed, title, subtitle, case, quotes, highlight_key_people, font_size
        As in :func:`interactive`. With ``case``, the wave ids shown are
        redacted like the title.

    Returns
    -------
    NetworkPage
        ``.node_ids`` holds everyone in any wave: the last wave's people
        in its order, then those who left, the latest wave first;
        ``.waves`` the wave ids.

    Raises
    ------
    ParameterError
        No graphs, two wave ids that read the same, a node table missing
        for a wave, directed and undirected waves mixed, or any error of
        :func:`interactive` (``GraphError`` names the wave).

    Notes
    -----
    - One layout for every view: :func:`partnet.viz.layout.positions`
      with ``seed`` on the union of the waves' graphs (every person of
      any wave, every tie of any wave, weighted by its largest value), so
      a person stands in the same place in every view, and a person
      dragged keeps the new place when the view changes.
    - Views: each wave shows the ties reported in it; the change view of
      two consecutive waves shows, among the people in both, the ties
      that lasted (grey), the new ties (blue) and the lost ties (dashed,
      vermillion): ``n11``, ``n01`` and ``n10`` of the tie-change table
      (:func:`partnet.metrics.change.wave_change`). The page opens on the
      last wave, the network ``case.graph()`` gives.
    - People not in the wave shown (joined later, or left) are drawn
      faded in their place, not hidden, so the room sees who was
      missing; in a change view, everyone not in both waves is faded and
      their ties are left out, as in the tie-change table.
    - Node size follows ``size_by`` on one scale for every wave (the
      smallest and largest value in any wave), so a person who grows was
      named more; the tooltip and details show the wave's measures, and
      the borders of key people follow each wave's own node table.
    - A change view's line width is the later wave's value of the tie
      (the earlier wave's for a lost tie); everything else is as in
      :func:`interactive`: offline, escaped, names as ``anonymise`` says.

    Examples
    --------
    >>> import partnet as pn
    >>> G2 = pn.load_case(EXAMPLE_CASE).graph()
    >>> G1 = G2.copy()
    >>> G1.remove_node("p4")
    >>> G1.add_edge("p3", "p1", frequency=2)
    >>> page = interactive_waves({"2023": G1, "2024": G2}, anonymise=True, seed=1)
    >>> page.waves, page.node_ids
    (['2023', '2024'], ['p1', 'p2', 'p3', 'p4'])
    >>> "Change 2023 \u2192 2024" in page.html, "Ada Quintrell" in page.html
    (True, False)
    """
    from collections.abc import Mapping

    from pyvis.network import Network

    from partnet.pseudonyms import shown_graph, shown_name

    if not isinstance(graphs, Mapping) or not graphs:
        given = "an empty dict" if isinstance(graphs, Mapping) else f"a {type(graphs).__name__}"
        raise ParameterError("graphs must be a non-empty dict of wave id -> graph (case.graph(wave=...)) "
                             f"in wave order; {given} was given")
    keys = list(graphs)
    for w in keys:
        try:
            _check_graph(graphs[w])
        except GraphError as exc:
            raise GraphError(f"wave {w!r}: {exc}") from None
    names = [str(w) for w in keys]
    if len(set(names)) < len(names):
        raise ParameterError(f"wave ids must read differently; {names!r} were given")
    if node_tables is not None:
        if not isinstance(node_tables, Mapping):
            raise ParameterError(f"node_tables must be a dict of wave id -> node table; "
                                 f"{type(node_tables).__name__} was given")
        missing = [w for w in keys if w not in node_tables]
        if missing:
            raise ParameterError(f"node_tables has no table for wave {missing[0]!r}; give one per wave or none")
    options = {"colour_by": colour_by, "size_by": size_by, "anonymise": anonymise, "seed": seed, "title": title,
               "subtitle": subtitle, "case": case, "quotes": quotes, "highlight_key_people": highlight_key_people,
               "font_size": font_size}
    if len(keys) == 1:
        return interactive(graphs[keys[0]], None if node_tables is None else node_tables[keys[0]], **options)
    if len({graphs[w].is_directed() for w in keys}) > 1:
        raise GraphError("every wave must be directed or every wave undirected; "
                         + ", ".join(f"{w!r} is a {type(graphs[w]).__name__}" for w in keys))
    _check_font_size(font_size)
    Gs = {w: shown_graph(graphs[w], anonymise) for w in keys}
    tables = {w: _node_table(Gs[w], None if node_tables is None else node_tables[w]) for w in keys}
    last = keys[-1]
    label_of = {w: case.pseudonyms.redact(str(w), anonymise) if case is not None else str(w) for w in keys}

    # Everyone of any wave: the last wave's people in its order, then those who left, latest wave first.
    order = list(Gs[last].nodes)
    seen = set(order)
    for w in reversed(keys[:-1]):
        for v in Gs[w]:
            if v not in seen:
                order.append(v)
                seen.add(v)
    latest = {v: w for w in keys for v in Gs[w]}
    index = {v: i for i, v in enumerate(order)}
    U = _union(Gs, keys, order, latest)
    parts = [tables[w].loc[[v for v in tables[w].index if latest[v] == w]] for w in keys]
    union_table = pd.concat([t for t in parts if len(t)]).loc[order]   # each person's row of their latest wave

    size_col = measure_for(size_by, Gs[last]) if isinstance(size_by, str) else size_by
    colourings = _colourings(U, union_table, colour_by)
    if size_col is not None:
        per_wave = {w: _values(Gs[w], tables[w], size_col, "size_by") for w in keys}
        pooled = [x for w in keys for x in per_wave[w]]
        radii = iter(node_sizes(pooled))
        size = {w: {v: next(radii) for v in Gs[w]} for w in keys}
    else:
        pooled = []
        size = {w: dict.fromkeys(Gs[w], EQUAL_SIZE) for w in keys}
    labels = {v: shown_name(U.nodes[v], anonymise) for v in order}
    biggest = {v: max(size[w][v] for w in keys if v in size[w]) for v in order}
    boxes = {v: label_box(labels[v], biggest[v] + 4, font_size, PAGE_CHAR_WIDTH, PAGE_LABEL_GAP) for v in order}
    pos = positions(U, seed=seed, boxes=boxes, aspect=PAGE_ASPECT)
    quote_map = case_quotes(case, order, anonymise, per_person=3) if quotes else {}
    directed = U.is_directed()
    big = len(order) > _BIG_NODES or U.number_of_edges() > _BIG_EDGES
    styles = colourings[colour_by]["styles"]

    # Each wave's look of every person: size, tooltip, border, measures and key-people flags.
    states, records, any_flag = {}, {}, {"opinion_leader": False, "boundary_spanner": False}
    for k, w in enumerate(keys):
        Gw, table = Gs[w], tables[w]
        flags = (_key_people(table) if highlight_key_people
                 else pd.DataFrame(False, index=table.index, columns=["opinion_leader", "boundary_spanner"]))
        for f in any_flag:
            any_flag[f] |= bool(flags[f].any())
        state = {"size": [], "title": [], "border": [], "borderWidth": [], "dashes": [], "measures": [],
                 "leader": [], "spanner": []}
        for i, v in enumerate(order):
            if v in Gw:
                leader, spanner = bool(flags.at[v, "opinion_leader"]), bool(flags.at[v, "boundary_spanner"])
                record, opts = _node(Gw.nodes[v], table.loc[v], labels[v], leader, spanner, styles[i])
                radius = size[w][v]
            else:
                record, opts = _node(U.nodes[v], pd.Series(dtype=object), labels[v], False, False, styles[i])
                opts["title"] += f"\nnot in wave {label_of[w]}"
                record["measures"] = [(f"wave {label_of[w]}", "not in this wave")]
                radius = MIN_SIZE
            if w == last:
                records[v] = (record, opts, radius)
            state["size"].append(radius)
            state["title"].append(opts["title"])
            state["border"].append(opts["color"]["border"])
            state["borderWidth"].append(opts["borderWidth"])
            state["dashes"].append(bool(opts["shapeProperties"]["borderDashes"]))
            state["measures"].append(record["measures"])
            state["leader"].append(record["opinion_leader"])
            state["spanner"].append(record["boundary_spanner"])
        states[str(k)] = state

    # The page opens on the last wave: its people, its ties, the rest faded.
    net = Network(height="100%", width="100%", directed=directed, cdn_resources="in_line")
    people = {}
    for i, v in enumerate(order):
        record, opts, radius = records[v]
        if v not in Gs[last]:
            opts = {**opts, "color": _ABSENT_COLOUR, "font": {"color": _ABSENT_FONT}}
        net.add_node(i, x=pos[v][0], y=pos[v][1], size=radius, **opts)
        people[str(i)] = {**record, "quotes": quote_map.get(v, [])}
    width_of = width_rule(U)
    title = _page_title(Gs[last], title, case, anonymise)
    suffix = " \u00b7 pseudonyms only" if anonymise else ""
    views, has_frequency = [], False
    for k, w in enumerate(keys):
        edges, valued = _edge_records(Gs[w], index, labels, width_of)
        has_frequency |= valued
        views.append(_wave_view(k, label_of[w], Gs[w], edges, [index[v] for v in order if v not in Gs[w]],
                                len(order), title, suffix))
    scale = U.graph.get("scale", "frequency")
    for k in range(len(keys) - 1):
        a, b = keys[k], keys[k + 1]
        views.append(_change_view(k, Gs[a], Gs[b], label_of[a], label_of[b], order, index, labels, width_of,
                                  title, suffix, has_frequency and scale != "binary"))
    current = views[len(keys) - 1]
    net.edges.extend(current["edges"])
    net.options = _vis_options(directed, big, seed, font_size)
    vis_nodes, vis_edges, _heading, _h, _w, options_json = net.get_network_data()

    notes = _notes(U, size_col, pooled, has_frequency, anonymise, waves=True)
    highlight_notes = _key_notes(any_flag["opinion_leader"], any_flag["boundary_spanner"])
    general = [h["label"] for h in highlight_notes] + [x for x in notes if x not in (_CLICK_NOTE, _WAVE_NOTE)]
    data = {
        "title": current["title"],
        "summary": current["summary"],
        "colouring": colour_by,
        "colourings": colourings,
        "notes": current["pngNotes"] + general,
        "pngName": current["pngName"],
        "edgeColour": _EDGE_COLOUR,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": json.loads(options_json),
        "people": people,
        "scale": _scale_info(U),
        "minTextPx": _TEXT_PX,
        "organisations": _organisations(U, index, colourings, seed, font_size),
        "notesStore": _notes_store(Gs[last], title, anonymise),
        "waves": {"current": current["key"], "notes": general, "states": states,
                  "colours": {kind: _change_colour(kind) for kind in _CHANGE_STYLE},
                  "views": [{k: view[k] for k in ("key", "kind", "state", "title", "heading", "summary", "pngName",
                                                  "pngNotes", "edges", "absent", "counts")} for view in views]},
    }
    selector = {"current": current["key"], "group_label": "Wave",
                "views": [{k: view[k] for k in ("key", "kind", "button", "hint", "heading", "legend", "notes")}
                          for view in views]}
    doc = _document(title, subtitle, colourings, colour_by, highlight_notes, notes, data, waves=selector)
    return NetworkPage(doc, title, order, pos, waves=names)


def _check_font_size(font_size) -> None:
    if isinstance(font_size, bool) or not isinstance(font_size, int) or not 8 <= font_size <= 72:
        raise ParameterError(f"font_size must be a whole number of pixels from 8 to 72; {font_size!r} was given")


def _number(value):
    value = plain(value)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value else None


def _union(Gs: dict, keys: list, order: list, latest: dict):
    """Everyone and every tie of any wave: the graph the one layout of every view is computed from.

    A person's attributes are those of the latest wave they are in; a
    tie's ``frequency`` is its largest value in any wave (it pulls the
    layout as its strongest wave does).
    """
    last = Gs[keys[-1]]
    U = last.__class__()
    U.graph.update(last.graph)
    highest = [h for h in (_number(Gs[w].graph.get("highest")) for w in keys) if h is not None]
    if highest:
        U.graph["highest"] = max(highest)
    U.add_nodes_from((v, Gs[latest[v]].nodes[v]) for v in order)
    for w in keys:
        for u, v, d in Gs[w].edges(data=True):
            f = _number(d.get("frequency"))
            if U.has_edge(u, v):
                old = _number(U.edges[u, v].get("frequency"))
                if f is not None and (old is None or f > old):
                    U.edges[u, v]["frequency"] = f
            else:
                U.add_edge(u, v, frequency=f)
    return U


def _change_colour(kind: str) -> dict:
    """The vis-network colour of a change view's tie: ``persisting`` as every tie, ``new`` and ``lost`` their own."""
    if kind == "persisting":
        return _EDGE_COLOUR
    colour = _CHANGE_STYLE[kind][0]
    return {"color": colour, "highlight": colour, "hover": colour, "opacity": 1.0}


def _png_notes(legend: list) -> list[str]:
    """A view's legend as the saved picture writes it: the symbol in words, then its meaning."""
    return [f"{item['words']} \u2013 {item['label']}" for item in legend]


def _people_word(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def _wave_view(k: int, label: str, G, edges: list, absent: list, everyone: int, title: str,
               suffix: str) -> dict:
    """One wave's view: its ties, who is not in it, and what the legend says."""
    imputed = any(d.get("imputed") for _, _, d in G.edges(data=True))
    legend = [{"kind": "line", "colour": _EDGE_COLOUR["color"], "width": 3, "dashed": False, "words": "grey line",
               "label": f"tie reported in wave {label} ({G.number_of_edges()})"}]
    if imputed:
        legend.append({"kind": "line", "colour": _EDGE_COLOUR["color"], "width": 3, "dashed": True,
                       "words": "dashed grey line",
                       "label": "dashed: tie imputed for a non-respondent"})
    if absent:
        legend.append({"kind": "person", "colour": _ABSENT_COLOUR["background"], "words": "pale grey person",
                       "border": _ABSENT_COLOUR["border"],
                       "label": f"faded: not in wave {label} ({_people_word(len(absent))}; joined later or left)"})
    notes = [f"The ties named in wave {label}. People not in it are faded, not hidden, in their usual place."]
    return {"key": f"wave-{k}", "kind": "wave", "state": str(k), "button": label,
            "hint": f"Show the ties of wave {label}", "heading": f"Wave {label}",
            "title": f"{title} \u00b7 wave {label}", "pngName": _view_png_name(title, f"wave {label}"),
            "summary": f"Wave {label}: {everyone - len(absent)} of {everyone} people, {G.number_of_edges()} ties"
                       + suffix,
            "legend": legend, "notes": notes, "pngNotes": _png_notes(legend) + notes,
            "edges": edges, "absent": absent, "counts": None}


def _change_view(k: int, Ga, Gb, a: str, b: str, order: list, index: dict, labels: dict, width_of, title: str,
                 suffix: str, widths: bool) -> dict:
    """The change between two consecutive waves, among the people in both: ties lasted, new and lost.

    The three kinds are ``n11``, ``n01`` and ``n10`` of the tie-change
    table (:func:`partnet.metrics.change.wave_change`): dyads of people
    present in both waves, loops left out, an undirected tie matched
    whichever way round each wave lists it.
    """
    from pyvis.edge import Edge

    directed = Ga.is_directed()
    both = set(Ga) & set(Gb)

    def ties(G) -> dict:
        out = {}
        for u, v, d in G.edges(data=True):
            if u != v and u in both and v in both:
                out[(u, v) if directed else frozenset((u, v))] = (u, v, d)
        return out

    before, after = ties(Ga), ties(Gb)
    lost = [before[t] for t in before if t not in after]
    persisting = [after[t] for t in after if t in before]
    new = [after[t] for t in after if t not in before]
    arrow = "\u2192" if directed else "\u2013"
    scale = Gb.graph.get("scale", "frequency")
    titled = len(lost) + len(persisting) + len(new) <= _BIG_EDGES
    edges = []
    for kind, group in (("lost", lost), ("persisting", persisting), ("new", new)):
        colour, dashed = _CHANGE_STYLE[kind]
        for u, v, d in group:
            f = plain(d.get("frequency"))
            # no colour here: the page colours a tie by its kind (data.waves.colours), once for all ties
            opts = {"id": len(edges), "width": round(width_of(f), 2)}
            if dashed:
                opts["dashes"] = True
            if titled:
                now = tie_value_text(f, scale)
                if kind == "persisting":
                    key = (u, v) if directed else frozenset((u, v))
                    then = tie_value_text(plain(before[key][2].get("frequency")), scale)
                    how = f"in both waves ({then} in {a}, {now} in {b})" if then or now else "in both waves"
                elif kind == "new":
                    how = f"new in {b}" + (f" ({now})" if now else "")
                else:
                    how = f"lost after {a}" + (f" (was {now})" if now else "")
                opts["title"] = f"{labels[u]} {arrow} {labels[v]}: {how}" + (" (imputed)" if d.get("imputed") else "")
            record = Edge(index[u], index[v], directed, **opts).options
            record["change"] = kind
            record["freq"] = _number(f)
            edges.append(record)
    absent = [index[v] for v in order if v not in both]
    counts = {"n11": len(persisting), "n01": len(new), "n10": len(lost)}
    legend = []
    for kind, text, n in (("persisting", f"lasted: in {a} and in {b}", counts["n11"]),
                          ("new", f"new: in {b}, not in {a}", counts["n01"]),
                          ("lost", f"lost: in {a}, not in {b}", counts["n10"])):
        colour, dashed = _CHANGE_STYLE[kind]
        legend.append({"kind": "line", "colour": colour, "width": 3, "dashed": dashed, "words": _CHANGE_WORDS[kind],
                       "label": f"{text} ({n})"})
    if absent:
        legend.append({"kind": "person", "colour": _ABSENT_COLOUR["background"], "border": _ABSENT_COLOUR["border"],
                       "words": "pale grey person",
                       "label": f"faded: in only one of the two waves ({_people_word(len(absent))})"})
    notes = [f"Ties among the {len(both)} people in both waves; the ties of people in only one wave are left out."]
    if widths:
        notes.append(f"Line width: the tie's value in {b} (a lost tie: in {a})")
    return {"key": f"change-{k}", "kind": "change", "state": str(k + 1), "button": f"Change {a} \u2192 {b}",
            "hint": f"Ties that lasted, appeared or were lost from wave {a} to wave {b}",
            "heading": f"Change {a} \u2192 {b}",
            "title": f"{title} \u00b7 change {a} \u2192 {b}", "pngName": _view_png_name(title, f"change {a} {b}"),
            "summary": f"Change {a} \u2192 {b}: {counts['n11']} ties lasted, {counts['n01']} new, "
                       f"{counts['n10']} lost, among {len(both)} people in both waves" + suffix,
            "legend": legend, "notes": notes, "pngNotes": _png_notes(legend) + notes,
            "edges": edges, "absent": absent, "counts": counts}


def _scale_info(G) -> dict | None:
    """The tie-value slider's range and words: the relation's scale from the lowest value kept to the highest.

    None (no slider) for a binary relation or ties without values.

    >>> import networkx as nx
    >>> G = nx.DiGraph(scale="frequency", min_frequency=2)
    >>> G.add_edge("a", "b", frequency=4)
    >>> info = _scale_info(G)
    >>> info["min"], info["max"], info["steps"][2]
    (2, 5, {'value': 4, 'label': 'weekly', 'words': 'weekly or more often'})
    """
    from partnet.schema import FREQUENCY_LABELS

    scale = G.graph.get("scale", "frequency")
    values = [f for f in (_number(d.get("frequency")) for _, _, d in G.edges(data=True)) if f is not None]
    if scale == "binary" or not values:
        return None
    lowest = int(_number(G.graph.get("min_frequency")) or 1)
    if scale == "frequency":
        top = max(FREQUENCY_LABELS)
        steps = [{"value": k, "label": FREQUENCY_LABELS[k],
                  "words": FREQUENCY_LABELS[k] + (" or more often" if k < top else "")}
                 for k in range(lowest, top + 1)]
        return {"scale": scale, "min": lowest, "max": top, "steps": steps, "label": "Contact at least"}
    top = int(max([*values, _number(G.graph.get("highest")) or 0]))
    steps = [{"value": k, "label": str(k), "words": f"a value of {k} or more"} for k in range(lowest, top + 1)]
    return {"scale": scale, "min": lowest, "max": max(top, lowest), "steps": steps, "label": "Tie value at least"}


def _organisations(G, index: dict, colourings: dict, seed: int, font_size: int) -> list[dict]:
    """The organisation view: each organisation with its type, colour, shape, place and people (page ids).

    Placed by :func:`partnet.viz.layout.positions` on the organisation
    network (:func:`partnet.metrics.organisations.organisation_graph`,
    ties counted as weights), sized by the number of people; the page
    counts the ties between organisations itself, from the ties it shows
    (a wave, the tie-value slider). Empty when some person has no
    organisation.
    """
    from partnet.metrics.organisations import organisation_graph

    if any(plain(d.get("organisation")) is None for _, d in G.nodes(data=True)):
        return []
    O = organisation_graph(G)
    members: dict = {}
    for v, d in G.nodes(data=True):
        members.setdefault(str(d["organisation"]), []).append(index[v])
    names = [str(o) for o in O.nodes]
    sizes = node_sizes([len(members[o]) for o in names])
    boxes = {o: label_box(str(o), sizes[i] + 4, font_size, PAGE_CHAR_WIDTH, PAGE_LABEL_GAP)
             for i, o in enumerate(O.nodes)}
    pos = positions(O, seed=seed, weight="weight", boxes=boxes, aspect=PAGE_ASPECT)
    styles = colourings.get("org_type", {}).get("styles")
    out = []
    for i, o in enumerate(O.nodes):
        first = members[str(o)][0]
        colour, shape = styles[first] if styles else ("#BBBBBB", "dot")
        org_type = plain(O.nodes[o].get("org_type"))
        out.append({"name": str(o), "org_type": _NOT_GIVEN if org_type is None else str(org_type),
                    "colour": colour, "shape": shape, "x": pos[o][0], "y": pos[o][1], "size": sizes[i],
                    "people": members[str(o)]})
    return out


def _notes_store(G, title: str, anonymise: bool) -> dict:
    """Where the page keeps the room's notes, and what its download says of the page (:mod:`partnet.notes`).

    The browser-storage key is one per case, relation and naming (a page of
    names and a page of pseudonyms keep their notes apart); the relation
    enters it hashed, as free text that may hold a name.
    """
    import hashlib

    case_id = str(G.graph.get("case_id") or "")
    page = "pseudonyms" if anonymise else "names"
    digest = hashlib.sha256("\0".join((case_id, str(G.graph.get("relation") or ""), page)).encode()).hexdigest()
    return {"key": f"partnet-notes/{digest[:20]}", "caseId": case_id, "page": page, "title": title,
            "directed": G.is_directed()}


def _page_title(G, title, case, anonymise: bool) -> str:
    if title is None:
        title = str(G.graph.get("title") or G.graph.get("case_id") or "Network")
        if case is not None:                # the case's title may name someone: redacted like a quote
            title = case.pseudonyms.redact(title, anonymise)
    return str(title)


def _key_notes(leader: bool, spanner: bool) -> list[dict]:
    """The legend's lines for the borders of key people, for the kinds the page shows."""
    notes = []
    if leader:
        notes.append({"label": "thick border: opinion leader (among the most named)", "dashed": False, "width": 3.5})
    if spanner:
        notes.append({"label": "dashed border: boundary spanner (brokers across organisations)",
                      "dashed": True, "width": 2.5})
    return notes


def _document(title: str, subtitle, colourings: dict, colour_by: str, highlight_notes: list, notes: list,
              data: dict, waves: dict | None = None) -> str:
    """The whole HTML document; ``waves`` adds the wave selector, its legend, style and script."""
    import partnet

    filters = [{"name": f, "label": attribute_label(f).capitalize(),
                "options": category_order(f, [p[f] for p in data["people"].values()])} for f in _FACETS]
    extra = {"waves_css": asset_text("network_waves.css"), "waves_js": asset_text("network_waves.js")} if waves else {}
    return render("network.html.j2", title=title, subtitle=subtitle, version=partnet.__version__,
                  css=asset_text("network.css"), vis_js=vis_network_js(), page_js=asset_text("network.js"),
                  notes_css=asset_text("network_notes.css"), notes_js=asset_text("network_notes.js"),
                  filters=filters, colourings=colourings, colour_by=colour_by, scale=data["scale"],
                  organisations=data["organisations"], text_px=_TEXT_PX,
                  highlight_notes=highlight_notes, notes=notes, data_json=script_json(data), waves=waves, **extra)


def _png_name(title: str) -> str:
    stem = "".join(ch if ch.isalnum() else "-" for ch in title.casefold()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return (stem[:60] or "network") + ".png"


def _view_png_name(title: str, view: str) -> str:
    """The picture's file name in one view of a wave page: the page's name, then the view's, never cut off.

    >>> _view_png_name("Quenmere partnership", "change w1 w2")
    'quenmere-partnership-change-w1-w2.png'
    """
    return f"{_png_name(title)[:-4]}-{_png_name(view)}"


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
    >>> '<iframe srcdoc="' in shown.data and shown.data.startswith('<div class="partnet-network">')
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
        no external URL. For a case with two or more waves
        (``case.waves``), the page of :func:`interactive_waves`: a button
        per wave and a change view, opening on the last wave; for any
        other case, the page of :func:`interactive` of ``case.graph()``.

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
    redact = case.pseudonyms.redact
    waves = list(getattr(case, "waves", None) or [])
    if len(waves) >= 2:
        graphs = {w: case.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents,
                                wave=w) for w in waves}
        page = interactive_waves(graphs, {w: node_table(G) for w, G in graphs.items()}, colour_by=colour_by,
                                 size_by=size_by, anonymise=anonymise, seed=seed, title=redact(case.title, anonymise),
                                 subtitle=redact(_waves_context(case, graphs[waves[-1]], waves), anonymise),
                                 case=case, quotes=quotes)
    else:
        G = case.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents)
        page = interactive(G, node_table(G), colour_by=colour_by, size_by=size_by, anonymise=anonymise, seed=seed,
                           title=redact(case.title, anonymise), subtitle=redact(context_line(case, G), anonymise),
                           case=case, quotes=quotes)
    try:
        return page.save(out_path)
    except OSError as exc:
        raise PartnetError(f"cannot write the network page to {out_path}: {exc.strerror or exc}") from exc


def _waves_context(case, G, waves: list) -> str:
    """The line under a wave page's title: relation, the waves with their dates, "fictional data"."""
    dates = getattr(case, "wave_dates", None) or {}
    shown = ", ".join(f"{w} ({dates[w]})" if dates.get(w) else str(w) for w in waves)
    parts = [relation_words(case, G), f"waves {shown}"]
    if case.meta.get("fictional"):
        parts.append("fictional data")
    return " \u00b7 ".join(p for p in parts if p)

"""Publication figures: each function draws on an axes and returns it.

``ax=None`` makes a new figure on matplotlib's Agg canvas (no pyplot
state, no window, nothing left open; in a notebook ``ax.figure`` shows
itself as a PNG); pass an axes to place a drawing in a figure of your
own. :func:`save_figure` writes PNG and SVG that are
byte-identical from run to run, with text kept as text in the SVG.
Colours come from :mod:`partnet.viz.palette`, the same as the interactive
page and the ego sheets.
"""

from __future__ import annotations

import io
import math
import textwrap
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from partnet.errors import GraphError, ParameterError, PartnetError, check_choice, choice_error
from partnet.viz._shared import EQUAL_SIZE, attribute_label, node_sizes
from partnet.viz.keypeople import key_people
from partnet.viz.layout import PAGE_CHAR_WIDTH, ego_ring, label_box, positions
from partnet.viz.palette import GREY, OKABE_ITO, Palette, palette_for, tie_width

__all__ = [
    "STYLE",
    "new_axes",
    "sociogram",
    "ego_network",
    "block_density_heatmap",
    "degree_distribution",
    "theme_position_heatmap",
    "case_comparison_bars",
    "save_figure",
]

#: Matplotlib settings for every partnet figure: small serif-free type for
#: print, text kept as text in SVG, no maths parsing of names ("$" stays "$"),
#: unhinted text (widths independent of the resolution), a fixed hash salt
#: so SVG ids do not change between runs.
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Liberation Sans"],
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 7,
    "legend.title_fontsize": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,
    # Unhinted glyphs: text is as wide at 110 dpi as at 300, so names placed
    # apart when the figure was drawn stay apart in every saved size.
    "text.hinting": "no_hinting",
    "svg.fonttype": "none",
    "svg.hashsalt": "partnet",
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "figure.dpi": 100,
    "path.simplify": True,
}

_EDGE_GREY = "#7A7A7A"
#: Average character width of DejaVu Sans, in font sizes (the page's Arial
#: is narrower; figure labels are set a little smaller to take the same room).
_FIGURE_CHAR_WIDTH = 0.6


@contextmanager
def _style():
    with matplotlib.rc_context(STYLE):
        yield


class NotebookFigure(Figure):
    """A Figure that shows itself in Jupyter as a PNG, without pyplot."""

    def _repr_png_(self):
        buf = io.BytesIO()
        with _style():
            self.savefig(buf, format="png", dpi=120, metadata={"Software": None})
        return buf.getvalue()


def new_axes(figsize=(6.5, 4.5), rect=None):
    """A new figure on the Agg canvas and its one axes (no pyplot state).

    With ``rect`` (left, bottom, width, height as figure fractions) the
    axes is placed there and the figure has no automatic layout; else the
    layout is "constrained".

    Examples
    --------
    >>> ax = new_axes((3, 2))
    >>> type(ax.figure.canvas).__name__, ax.figure.get_size_inches().tolist()
    ('FigureCanvasAgg', [3.0, 2.0])
    >>> ax.figure._repr_png_()[:4]  # shown as a picture in a notebook
    b'\x89PNG'

    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with _style():
        fig = NotebookFigure(figsize=figsize, layout=None if rect is not None else "constrained")
        FigureCanvasAgg(fig)
        return fig.add_axes(rect) if rect is not None else fig.add_subplot()


def _check_graph(G):
    if not isinstance(G, nx.Graph):
        raise GraphError(f"expected a networkx graph (case.graph()); {type(G).__name__} was given")
    if G.number_of_nodes() == 0:
        raise GraphError("the graph has no nodes: nothing to draw")


def _node_values(G, attr, node_table=None, name: str = "attribute") -> list:
    """The values of a node attribute or node-table column; ``name`` is the option that gave ``attr``."""
    if node_table is not None and attr in node_table.columns:
        return [None if pd.isna(x) else x for x in node_table.loc[list(G), attr]]
    if any(attr in d for _, d in G.nodes(data=True)):
        return [G.nodes[v].get(attr) for v in G]
    known = sorted({a for _, d in G.nodes(data=True) for a in d} - {"name", "pseudonym"}
                   | (set(node_table.columns) if node_table is not None else set()))
    raise choice_error(attr, known, name, what="a node attribute or a node-table column")


def _legend_handles(pal: Palette, present=None):
    from matplotlib.lines import Line2D

    handles = []
    for label, style in pal.legend():
        if present is not None and label not in present:
            continue
        handles.append(Line2D([], [], linestyle="none", marker=style.marker, markersize=7,
                              markerfacecolor=style.colour, markeredgecolor="#333333", markeredgewidth=0.6,
                              label=label))
    return handles


def _draw_network(ax, G, pos, labels, *, colours, markers, radii, widths, factor, font_pt, flags=None,
                  curved=True, label_at=None):
    """Edges, nodes, key-people rings and labels at layout positions (data units = layout px).

    ``label_at`` gives (x, y, ha, va, rotation) per node; by default a
    label sits centred below its node.
    """
    from matplotlib.collections import LineCollection

    from partnet.viz.arrows import add_ties

    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    radius_pt = [r * factor for r in radii]
    directed = G.is_directed()
    edges = list(G.edges(data=True))
    if directed and len(edges) <= 3000:
        # one shaft and one arrowhead collection (partnet.viz.arrows), curved and trimmed to the circles
        add_ties(ax, [pos[u] for u, _, _ in edges], [pos[v] for _, v, _ in edges],
                 shrink_start=[radii[index[u]] for u, _, _ in edges],
                 shrink_end=[radii[index[v]] for _, v, _ in edges],
                 linewidths=[widths(d) * factor for _, _, d in edges], pt_per_unit=factor, colour=_EDGE_GREY,
                 alpha=0.8, dashed=[bool(d.get("imputed")) for _, _, d in edges], curved=curved, zorder=1)
    else:
        lines = LineCollection([[pos[u], pos[v]] for u, v, _ in edges],
                               linewidths=[widths(d) * factor for _, _, d in edges], colors=_EDGE_GREY,
                               alpha=0.6, zorder=1)
        lines.set_gid("edges")
        ax.add_collection(lines)
    xy = np.array([pos[v] for v in nodes], dtype=float).reshape(-1, 2)
    groups: dict = {}
    for i, _v in enumerate(nodes):
        groups.setdefault((colours[i], markers[i]), []).append(i)
    for (colour, marker), members in groups.items():
        size = [(2 * radius_pt[i]) ** 2 * (0.8 if marker != "o" else 1.0) for i in members]
        pc = ax.scatter(xy[members, 0], xy[members, 1], s=size, c=colour, marker=marker,
                        edgecolors="#333333", linewidths=0.5, zorder=3)
        pc.set_gid("nodes")
    if flags is not None:
        for col, style, lw in (("opinion_leader", "solid", 1.3), ("boundary_spanner", (0, (2, 1.5)), 1.1)):
            members = [i for i, v in enumerate(nodes) if bool(flags.at[v, col])]
            if members:
                ring = ax.scatter(xy[members, 0], xy[members, 1], s=[(2 * radius_pt[i] + 2) ** 2 for i in members],
                                  facecolors="none", edgecolors="#000000", linewidths=lw, linestyles=style,
                                  marker="o", zorder=4)
                ring.set_gid(col)
    if labels is not None:
        for i, _v in enumerate(nodes):
            x, y, ha, va, rot = (label_at[i] if label_at is not None
                                 else (xy[i, 0], xy[i, 1] + radii[i] + 2, "center", "top", 0.0))
            # A translucent white box, not a stroke path effect: path effects
            # turn text into outlines, and the SVG should keep names as text.
            t = ax.text(x, y, labels[i], ha=ha, va=va, rotation=rot, rotation_mode="anchor",
                        fontsize=font_pt, color="#111111", zorder=5,
                        bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none",
                              "alpha": 0.75})
            t.set_gid("label")
    return xy


def _extent_of(pos, boxes):
    xs, ys = [], []
    for v, (hw, hh, off) in boxes.items():
        xs += [pos[v][0] - hw, pos[v][0] + hw]
        ys += [pos[v][1] + off - hh, pos[v][1] + off + hh]
    return min(xs), min(ys), max(xs), max(ys)


def _fit(ax, G, pos, boxes):
    xs, ys = [], []
    for v in G:
        hw, hh, off = boxes[v]
        xs += [pos[v][0] - hw, pos[v][0] + hw]
        ys += [pos[v][1] + off - hh, pos[v][1] + off + hh]
    pad = 10
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(max(ys) + pad, min(ys) - pad)  # y down, as on the page
    ax.set_aspect("equal")
    ax.set_axis_off()
    return max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad


def sociogram(G, node_table=None, *, ax=None, colour_by: str = "org_type", size_by: str | None = "in_degree",
              anonymise: bool = False, labels: bool | None = None, seed: int = 0, width: float = 7.0,
              legend: bool = True, title: str | None = None, label_pt: tuple[float, float] = (6.0, 9.0)):
    """A static sociogram with the interactive page's layout and colours.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        A case's graph (``case.graph()``).
    node_table : pandas.DataFrame, optional
        Node measures (``partnet.metrics.node_table``) for ``size_by``,
        ``colour_by`` and the key-people rings; without it, sizes use
        degrees computed from ``G`` and nobody is ringed.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure ``width`` inches wide when None.
    colour_by, size_by : str
        As in :func:`partnet.viz.interactive`.
    anonymise : bool, default False
        Pseudonyms only (people with ``consent_named`` = no always are).
    labels : bool, optional
        None (default): names where they fit, most prominent people first
        (see Notes). True: every name, even where names overlap. False: no
        names.
    seed : int, default 0
        Layout seed; the same seed gives the interactive page's layout.
    width : float, default 7.0
        Width in inches of a new figure; the height follows the layout.
    legend : bool, default True
        Legend of the colours and the key-people rings, below the network.
    title : str, optional
        Axes title.
    label_pt : (float, float), default (6.0, 9.0)
        Smallest and largest size of the names, in points.

    Returns
    -------
    matplotlib.axes.Axes
        Nodes are scatter collections with gid ``"nodes"``; ties a
        ``LineCollection`` with gid ``"edges"`` (one curved shaft per tie)
        and, for up to 3,000 directed ties, a ``PolyCollection``
        ``"arrowheads"`` (see :mod:`partnet.viz.arrows`; beyond, straight
        lines without heads); names texts with gid ``"label"``.

    Notes
    -----
    Positions come from :func:`partnet.viz.layout.positions` with each
    node's label box at the page's 22 px font (up to 150 people; beyond,
    nodes alone), so with the same seed the figure is the page's picture,
    printed. Names are set at the size the layout made room for, kept
    between ``label_pt`` (6 pt, the smallest type legible in print, to
    9 pt, the figure's body text); a wider figure gives larger names.

    By default a name is drawn only where it overlaps no name already
    drawn and no other person's node: below its node (where the layout
    made room), else above, right or left of it, placed greedily in order
    of prominence: opinion leaders and boundary spanners first, then by
    the ``size_by`` measure (largest first), then roster order. A dense centre
    therefore shows its key people by name instead of a blot of
    overlapping text; everyone is named on the interactive page. In a
    network of more than 150 people only key people are candidates.
    This is the greedy, fixed-order heuristic with four candidate
    positions per point among those compared by Christensen, Marks &
    Shieber [1]_.

    Node radius, tie width (frequency) and curvature follow the page;
    arrows point from the person who named the contact.

    References
    ----------
    .. [1] Christensen, J., Marks, J. & Shieber, S. (1995). An empirical
       study of algorithms for point-feature label placement. *ACM
       Transactions on Graphics* 14(3), 203-232.

    Examples
    --------
    >>> import partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> ax = sociogram(G, seed=1)
    >>> sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() == "nodes")
    4
    >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "label")
    ['Ada Quintrell', 'Cerys Vantongeren', 'Dov Haraldsen', 'NDC-01']
    """
    from partnet.pseudonyms import shown_graph, shown_name

    _check_graph(G)
    G = shown_graph(G, anonymise)
    nodes = list(G)
    if node_table is None:
        node_table = pd.DataFrame({"in_degree": [G.in_degree(v) if G.is_directed() else G.degree(v) for v in nodes],
                                   "out_degree": [G.out_degree(v) if G.is_directed() else G.degree(v)
                                                  for v in nodes]}, index=nodes)
        flags = None
    else:
        flags = key_people(node_table.loc[nodes])
    values = _node_values(G, colour_by, node_table, "colour_by")
    pal = palette_for(colour_by, values)
    radii = (node_sizes(_node_values(G, size_by, node_table, "size_by")) if size_by
             else [EQUAL_SIZE] * len(nodes))
    names = [shown_name(G.nodes[v], anonymise) for v in nodes]
    lo_pt, hi_pt = _label_range(label_pt)
    show_labels = labels is None or bool(labels)
    room = show_labels and (len(nodes) <= _LABELLED_LAYOUT or labels is True)
    boxes = {v: label_box(names[i] if room else "", radii[i] + 4, 22, PAGE_CHAR_WIDTH)
             for i, v in enumerate(nodes)}
    pos = positions(G, seed=seed, boxes=boxes, aspect=1.8)
    with _style():
        handles = (_legend_handles(pal) + _ring_handles(flags)) if legend else []
        ncol = min(4, max(len(handles), 1))
        if ax is None:
            x0, y0, x1, y1 = _extent_of(pos, boxes)
            net_h = min(max(width * (y1 - y0) / (x1 - x0), 2.0), width * 1.4)
            legend_h = (0.22 * math.ceil(len(handles) / ncol) + 0.2) if handles else 0.0
            title_h = 0.3 if title else 0.0
            total = net_h + legend_h + title_h
            ax = new_axes((width, total), rect=(0.0, legend_h / total, 1.0, net_h / total))
        span_w, span_h = _fit(ax, G, pos, boxes)
        fig_w, fig_h = ax.figure.get_size_inches()
        box = ax.get_position()
        factor = min(fig_w * box.width * 72 / span_w, fig_h * box.height * 72 / span_h)
        # Labels scale with the drawing, as the layout made room for them,
        # within the legible range; a wider figure gives larger labels.
        font_pt = min(max(22 * factor * PAGE_CHAR_WIDTH / _FIGURE_CHAR_WIDTH, lo_pt), hi_pt)
        xy = _draw_network(ax, G, pos, names if show_labels else None,
                           colours=[pal.colour(x) for x in values], markers=[pal.marker(x) for x in values],
                           radii=radii, widths=_tie_width_of, factor=factor, font_pt=font_pt, flags=flags,
                           curved=G.is_directed())
        if show_labels and labels is None:
            key = (flags["opinion_leader"] | flags["boundary_spanner"]).to_numpy() if flags is not None \
                else np.zeros(len(nodes), dtype=bool)
            size_values = _node_values(G, size_by, node_table, "size_by") if size_by else [0.0] * len(nodes)
            prominence = [float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) and x == x else 0.0
                          for x in size_values]
            order = sorted(range(len(nodes)), key=lambda i: (not key[i], -prominence[i], i))
            if len(nodes) > _LABELLED_LAYOUT:
                order = [i for i in order if key[i]]
            _thin_labels(ax, [t for t in ax.texts if t.get_gid() == "label"], order, xy, radii,
                         [r * factor for r in radii])
        if handles:
            ax.legend(handles=handles, title=attribute_label(colour_by), loc="upper center", bbox_to_anchor=(0.5, 0.0),
                      ncol=ncol, frameon=False, borderaxespad=0.2, columnspacing=1.2)
        if title:
            ax.set_title(title)
    return ax


#: Largest network whose layout makes room for every name.
_LABELLED_LAYOUT = 150


def _label_range(label_pt) -> tuple[float, float]:
    try:
        lo, hi = (float(x) for x in label_pt)
    except (TypeError, ValueError):
        lo = hi = math.nan
    if not (0 < lo <= hi):
        raise ParameterError(f"label_pt must be (smallest, largest) sizes in points, 0 < smallest <= largest; "
                             f"{label_pt!r} was given")
    return lo, hi


def _thin_labels(ax, texts: list, order: list[int], xy: np.ndarray, radii: list[float],
                 radius_pt: list[float]) -> list[int]:
    """Keep the labels that fit, greedily in ``order``; remove the others from ``ax``.

    Each label tries four places in turn: below its node (where the
    layout made room), above, right and left. It takes the first place
    where its drawn extent (plus a point of margin) overlaps no label
    kept before it and no node but its own; with none, it is removed.
    ``radii`` are node radii in data units, ``radius_pt`` in points.
    Returns the kept indexes, in ``order``.
    """
    fig = ax.figure
    ax.apply_aspect()  # the axes box as it will be drawn ("equal" shrinks it)
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else fig._get_renderer()
    px = fig.dpi / 72.0
    centres = ax.transData.transform(xy) if len(xy) else np.zeros((0, 2))
    r = np.asarray(radius_pt, dtype=float) * px
    margin = 1.0 * px
    kept: list[int] = []
    boxes = np.zeros((0, 4))

    def fits(i, bb):
        x0, y0, x1, y1 = bb.x0 - margin, bb.y0 - margin, bb.x1 + margin, bb.y1 + margin
        if len(boxes) and ((boxes[:, 0] < x1) & (boxes[:, 2] > x0) & (boxes[:, 1] < y1) & (boxes[:, 3] > y0)).any():
            return None
        # distance from each node centre to the box, against its radius
        dx = np.maximum(np.maximum(x0 - centres[:, 0], 0.0), centres[:, 0] - x1)
        dy = np.maximum(np.maximum(y0 - centres[:, 1], 0.0), centres[:, 1] - y1)
        hit = np.hypot(dx, dy) < r
        hit[i] = False
        return None if hit.any() else [x0, y0, x1, y1]

    for i in order:
        t = texts[i]
        x, y = xy[i]
        gap = radii[i] + 2.0
        # y grows downwards in the sociogram's data coordinates
        for (px_, py_), ha, va in (((x, y + gap), "center", "top"), ((x, y - gap), "center", "bottom"),
                                   ((x + gap, y), "left", "center"), ((x - gap, y), "right", "center")):
            t.set_position((px_, py_))
            t.set_horizontalalignment(ha)
            t.set_verticalalignment(va)
            box = fits(i, t.get_window_extent(renderer))
            if box is not None:
                kept.append(i)
                boxes = np.vstack([boxes, box])
                break
    keep = set(kept)
    for i, t in enumerate(texts):
        if i not in keep:
            t.remove()
    return kept


def _tie_width_of(d) -> float:
    return tie_width(d.get("frequency"))


def _ring_handles(flags):
    from matplotlib.lines import Line2D

    out = []
    if flags is not None and flags["opinion_leader"].any():
        out.append(Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor="white",
                          markeredgecolor="black", markeredgewidth=1.3, label="opinion leader"))
    if flags is not None and flags["boundary_spanner"].any():
        out.append(Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor="white",
                          markeredgecolor="black", markeredgewidth=1.1, label="boundary spanner (dashed ring)"))
    return out


def ego_network(G, person, *, ax=None, colour_by: str = "org_type", anonymise: bool = False,
                palette: Palette | None = None, size: float = 4.2):
    """The ego network of one person: them at the centre, their contacts around.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The whole case graph (colours are taken over all its people).
    person : hashable
        The ego's node (person_id).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new ``size`` x ``size`` inch figure when None.
    colour_by : str, default "org_type"
        Node attribute for colours.
    anonymise : bool, default False
        Pseudonyms only (people with ``consent_named`` = no always are).
    palette : Palette, optional
        Colours to use; default :func:`palette_for` over the whole graph.
    size : float, default 4.2
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If ``person`` is not in ``G`` (with the nearest ids).

    Notes
    -----
    The ego network holds the person, everyone they named or were named
    by (direction ignored), and the ties among those contacts. Contacts
    sit on a circle in organisation order, then by shown name, so the
    people of one organisation sit together and the chords between
    organisations show the ego's bridging role; tie width and arrows
    follow the page.

    Examples
    --------
    >>> import partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> ax = ego_network(G, "p1")
    >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "label")
    ['Ada Quintrell', 'Dov Haraldsen', 'NDC-01']
    """
    from partnet.pseudonyms import shown_graph

    _check_graph(G)
    G = shown_graph(G, anonymise)
    layout = ego_ring(G, person, anonymise=anonymise)
    pal = palette or palette_for(colour_by, [G.nodes[v].get(colour_by) for v in G])
    ring, shown, pos, R = layout.ring, layout.shown, layout.pos, layout.radius
    H = layout.graph
    font = 22.0
    label_of = {person: (0.0, 26.0 + 2, "center", "top", 0.0)}
    for v in ring:
        a = layout.angle[v]
        c, s_ = math.cos(a), math.sin(a)
        out = R + 16.0 + 6.0
        # Names run outwards along the radius, upright on both halves (the
        # y axis points down, so a data angle a shows as -a).
        degrees = -math.degrees(a)
        label_of[v] = ((out * c, out * s_, "left", "center", degrees) if c >= -1e-9
                       else (out * c, out * s_, "right", "center", degrees + 180.0))
    radii = [26.0 if v == person else 16.0 for v in H]
    half_w = half_h = layout.half
    with _style():
        if ax is None:
            ax = new_axes((size, size), rect=(0.0, 0.0, 1.0, 1.0))
        ax.set_xlim(-half_w, half_w)
        ax.set_ylim(half_h, -half_h)
        ax.set_aspect("equal")
        ax.set_axis_off()
        fig_w, fig_h = ax.figure.get_size_inches()
        box = ax.get_position()
        factor = min(fig_w * box.width * 72 / (2 * half_w), fig_h * box.height * 72 / (2 * half_h))
        values = [G.nodes[v].get(colour_by) for v in H]
        _draw_network(ax, H, pos, [shown[v] for v in H], colours=[pal.colour(x) for x in values],
                      markers=[pal.marker(x) for x in values], radii=radii, widths=_tie_width_of, factor=factor,
                      font_pt=max(font * factor, 5.0), curved=H.is_directed(), label_at=[label_of[v] for v in H])
    return ax


def block_density_heatmap(data, attr: str = "organisation", *, ax=None, annot: bool = True,
                          cmap: str = "viridis", vmax: float | None = None):
    """Density of ties within and between groups as an annotated heatmap.

    Parameters
    ----------
    data : pandas.DataFrame or networkx.DiGraph
        A square block-density table (rows send, columns receive, as
        ``partnet.metrics.block_density`` returns), or a graph to compute
        it from by ``attr``.
    attr : str, default "organisation"
        Grouping attribute when ``data`` is a graph; the axis label.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure sized to the table when None.
    annot : bool, default True
        Write each density in its cell (two decimals).
    cmap : str, default "viridis"
        A sequential, colour-blind-safe colour map.
    vmax : float, optional
        Top of the colour scale; default the largest density.

    Returns
    -------
    matplotlib.axes.Axes
        The heatmap's cells are ``ax.collections[0]`` (a QuadMesh whose
        array holds the densities, rows as in the table).

    Raises
    ------
    ParameterError
        If the table is not square with the same groups on both axes.

    Notes
    -----
    Cell (g, h) is the number of ties from g to h over the possible
    ordered pairs, n_g n_h between groups and n_g (n_g - 1) within
    (UCINET's block densities, Wasserman & Faust 1994, sec. 10.2); a
    group of one has no pairs inside it, shown blank with "n/a".

    Examples
    --------
    >>> t = pd.DataFrame([[0.5, 0.1], [0.0, 1.0]], index=["A", "B"], columns=["A", "B"])
    >>> ax = block_density_heatmap(t)
    >>> ax.collections[0].get_array().ravel().tolist()
    [0.5, 0.1, 0.0, 1.0]
    """
    import seaborn as sns

    if isinstance(data, nx.Graph):
        from partnet.metrics import block_density

        data = block_density(data, attr)
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"expected a block-density DataFrame or a graph; {type(data).__name__} was given")
    if data.shape[0] != data.shape[1] or list(map(str, data.index)) != list(map(str, data.columns)):
        raise ParameterError("a block-density table is square with the same groups as rows and columns; got "
                             f"{data.shape[0]} rows ({', '.join(map(str, data.index[:4]))}, ...) and "
                             f"{data.shape[1]} columns ({', '.join(map(str, data.columns[:4]))}, ...)")
    table = data.astype(float)
    k = len(table)
    with _style():
        if ax is None:
            side = min(max(2.6, 0.55 * k + 2.2), 9.0)
            ax = new_axes((side + 1.0, side))
        sns.heatmap(table, ax=ax, cmap=cmap, vmin=0.0, vmax=vmax if vmax is not None else max(
            float(np.nanmax(table.to_numpy())) if table.notna().any().any() else 1.0, 1e-9),
            annot=annot and k <= 20, fmt=".2f", square=True, linewidths=0.5, linecolor="white",
            cbar_kws={"label": "density", "shrink": 0.8}, annot_kws={"fontsize": 7})
        for i, j in zip(*np.where(table.isna().to_numpy())):
            ax.text(j + 0.5, i + 0.5, "n/a", ha="center", va="center", fontsize=7, color="#555555")
        ax.set_xlabel(f"to ({attribute_label(attr)})")
        ax.set_ylabel(f"from ({attribute_label(attr)})")
        ax.tick_params(axis="x", labelrotation=45)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
        ax.tick_params(axis="y", labelrotation=0)
    return ax


def degree_distribution(G, node_table=None, *, measure: str = "in_degree", by: str = "org_type", ax=None,
                        kind: str = "hist"):
    """How a degree measure is spread over people, by group.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The case graph (gives the groups).
    node_table : pandas.DataFrame, optional
        Node measures; without it ``in_degree``, ``out_degree`` and
        ``degree`` are counted from ``G``.
    measure : str, default "in_degree"
        The measure to show.
    by : str, default "org_type"
        Grouping attribute, coloured with the shared palette.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    kind : {"hist", "ecdf"}, default "hist"
        Stacked counts per value (whole numbers, one bar per value), or
        one empirical cumulative distribution line per group.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        For an unknown ``kind``, ``measure`` or ``by``.

    Notes
    -----
    Box and violin plots are avoided on purpose: seaborn 0.13's raise a
    deprecation warning under matplotlib 3.11, which would print into
    reports. The stacked histogram keeps every person visible as a count.

    Examples
    --------
    >>> import partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> ax = degree_distribution(G)
    >>> sorted(round(p.get_height()) for p in ax.patches if p.get_height() > 0)
    [1, 1, 2]
    """
    import seaborn as sns

    _check_graph(G)
    check_choice(kind, ("hist", "ecdf"), "kind")
    nodes = list(G)
    if node_table is None or measure not in node_table.columns:
        counted = {"in_degree": G.in_degree if G.is_directed() else G.degree,
                   "out_degree": G.out_degree if G.is_directed() else G.degree, "degree": G.degree}
        if measure not in counted:
            _node_values(G, measure, node_table, "measure")  # raises with a suggestion
        values = [counted[measure](v) for v in nodes]
    else:
        values = list(node_table.loc[nodes, measure])
    groups = _node_values(G, by, node_table, "by")
    pal = palette_for(by, groups)
    labels = [pal.category(g) for g in groups]
    order = [label for label, _ in pal.legend() if label in set(map(str, labels))]
    frame = pd.DataFrame({measure: pd.to_numeric(pd.Series(values), errors="coerce"),
                          by: pd.Series([str(x) for x in labels], dtype=object)})
    colours = {label: s.colour for label, s in pal.legend()}
    with _style():
        if ax is None:
            ax = new_axes((6.0, 3.6))
        if kind == "hist":
            whole = frame[measure].dropna()
            discrete = bool(len(whole)) and bool((whole == whole.round()).all())
            sns.histplot(frame, x=measure, hue=by, hue_order=order, multiple="stack", discrete=discrete,
                         palette=colours, ax=ax, edgecolor="white", linewidth=0.5, shrink=0.9 if discrete else 1)
            ax.set_ylabel("people")
        else:
            sns.ecdfplot(frame, x=measure, hue=by, hue_order=order, palette=colours, ax=ax, stat="proportion")
            ax.set_ylabel("share of people at or below")
        ax.set_xlabel(attribute_label(measure))
        leg = ax.get_legend()
        if leg is not None:
            leg.set_title(attribute_label(by))
            leg.set_frame_on(False)
    return ax


def _numeric_table(table, what: str) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"{what} must be a pandas DataFrame; {type(table).__name__} was given")
    if table.empty:
        raise ParameterError(f"{what} is empty: nothing to draw")
    bad = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    if bad:
        raise ParameterError(f"{what} must hold numbers; column(s) {', '.join(map(repr, bad))} do not")
    return table.astype(float)


def theme_position_heatmap(table: pd.DataFrame, *, ax=None, fmt: str = ".0%", cmap: str = "mako_r",
                           value_label: str = "share of people mentioning", vmax: float | None = None):
    """Themes against network-position groups as an annotated heatmap.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows are themes, columns position groups (brokers, others, core,
        periphery, ...), cells numbers such as the share of people in the
        group who mention the theme (``partnet.mixed``'s statistics by
        theme, one measure).
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    fmt : str, default ".0%"
        Format of the annotations (``"d"`` or ``".0f"`` for counts).
    cmap : str, default "mako_r"
        Sequential colour map, light for low values.
    value_label : str
        Colour-bar label.
    vmax : float, optional
        Top of the colour scale; default 1 for shares, else the maximum.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If the table is empty or holds text.

    Examples
    --------
    >>> t = pd.DataFrame({"brokers": [0.8, 0.2], "others": [0.3, 0.4]}, index=["leadership", "size"])
    >>> ax = theme_position_heatmap(t)
    >>> [x.get_text() for x in ax.texts]
    ['80%', '30%', '20%', '40%']
    """
    import seaborn as sns

    data = _numeric_table(table, "the theme table")
    shares = bool(((data >= 0) & (data <= 1)).all().all())
    top = vmax if vmax is not None else (1.0 if shares else float(np.nanmax(data.to_numpy())) or 1.0)
    with _style():
        if ax is None:
            ax = new_axes((min(2.8 + 1.1 * data.shape[1], 9.0), min(1.4 + 0.38 * data.shape[0], 10.0)))
        sns.heatmap(data, ax=ax, cmap=cmap, vmin=0.0, vmax=top, annot=True, fmt=fmt, linewidths=0.5,
                    linecolor="white", cbar_kws={"label": value_label, "shrink": 0.8}, annot_kws={"fontsize": 7})
        ax.set_xlabel(str(data.columns.name or "network position"))
        ax.set_ylabel(str(data.index.name or "theme"))
        ax.tick_params(axis="y", labelrotation=0)
        # long group names ("other directorates") on two lines, so neighbours never overlap; with
        # many columns seaborn thins and turns the labels itself
        if data.shape[1] <= 12:
            ax.set_xticks(ax.get_xticks(), [textwrap.fill(t.get_text(), 11, break_long_words=False)
                                            for t in ax.get_xticklabels()], rotation=0)
    return ax


def case_comparison_bars(table: pd.DataFrame, *, ax=None, measures=None, fmt: str = "{:.2f}",
                         ylabel: str = "value"):
    """Whole-network measures of several cases side by side.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per case (index: case ids), one column per measure, e.g.
        ``whole_network`` rows stacked.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    measures : list of str, optional
        Columns to show, in order; default every column. Choose measures
        on one scale (fractions such as density and centralization).
    fmt : str, default "{:.2f}"
        Format of the value written above each bar.
    ylabel : str, default "value"
        y-axis label.

    Returns
    -------
    matplotlib.axes.Axes
        Up to seven cases: one bar container per case (``ax.containers``),
        in table order. More cases: one dot collection per measure (gid
        ``"cases"``) and a median line per measure (gid ``"median"``).

    Raises
    ------
    ParameterError
        For an unknown measure (with the nearest name) or text values.

    Notes
    -----
    Cases take the Okabe-Ito colours in table order, so the same list of
    cases is coloured the same in every comparison figure. With more
    cases than the palette's seven colours, bars and a legend of every case
    would be unreadable (a national study compares 82 partnerships): each
    case is then a grey dot over its measure, spread across the measure's
    slot in table order, with the median across cases as a black line.

    Examples
    --------
    >>> t = pd.DataFrame({"density": [0.05, 0.12], "reciprocity_dyad": [0.3, 0.5]}, index=["shire", "metro"])
    >>> ax = case_comparison_bars(t)
    >>> [[round(float(b.get_height()), 2) for b in c] for c in ax.containers]
    [[0.05, 0.3], [0.12, 0.5]]
    """
    if measures is not None:
        missing = [m for m in measures if m not in table.columns]
        if missing:
            raise choice_error(missing[0], list(table.columns), "measures", what="columns of the table")
        table = table[list(measures)]
    data = _numeric_table(table, "the comparison table")
    cases = [str(c) for c in data.index]
    k, m = len(cases), data.shape[1]
    width = 0.8 / k
    x = np.arange(m)
    if k > len(OKABE_ITO):
        return _case_dots(data, ax=ax, ylabel=ylabel)
    with _style():
        if ax is None:
            ax = new_axes((min(2.5 + 1.2 * m * max(k, 2) / 2, 9.0), 3.6))
        for i, case in enumerate(cases):
            colour = OKABE_ITO[i % len(OKABE_ITO)] if k <= len(OKABE_ITO) else GREY
            bars = ax.bar(x - 0.4 + width * (i + 0.5), data.iloc[i].to_numpy(), width=width * 0.95,
                          label=case, color=colour, edgecolor="#333333", linewidth=0.4)
            ax.bar_label(bars, labels=["" if np.isnan(v) else fmt.format(v) for v in data.iloc[i]], fontsize=6,
                         padding=1.5)
        ax.set_xticks(x, [attribute_label(str(c)) for c in data.columns])
        ax.set_ylabel(ylabel)
        ax.legend(title="case", frameon=False)
        ax.margins(y=0.12)
    return ax


def _case_dots(data: pd.DataFrame, *, ax=None, ylabel: str = "value"):
    """Many cases: a dot per case over each measure and the median across cases (see case_comparison_bars)."""
    from matplotlib.lines import Line2D

    k, m = data.shape
    x = np.arange(m)
    spread = (np.arange(k) / max(k - 1, 1) - 0.5) * 0.6
    with _style():
        if ax is None:
            ax = new_axes((min(2.5 + 1.3 * m, 9.0), 3.6))
        for j in range(m):
            values = data.iloc[:, j].to_numpy(dtype=float)
            dots = ax.scatter(x[j] + spread, values, s=12, color=GREY, edgecolors="#333333", linewidths=0.3,
                              zorder=2)
            dots.set_gid("cases")
            if np.isfinite(values).any():
                line = ax.hlines(float(np.nanmedian(values)), x[j] - 0.36, x[j] + 0.36, colors="#000000",
                                 linewidth=1.4, zorder=3)
                line.set_gid("median")
        ax.set_xticks(x, [attribute_label(str(c)) for c in data.columns])
        ax.set_ylabel(ylabel)
        ax.legend(handles=[Line2D([], [], linestyle="none", marker="o", markersize=4, markerfacecolor=GREY,
                                  markeredgecolor="#333333", label=f"a case ({k} in all)"),
                           Line2D([], [], color="#000000", linewidth=1.4, label="median")], frameon=False)
        ax.margins(y=0.08)
    return ax


def save_figure(fig, path_stem, *, formats=("png", "svg"), dpi: int = 300) -> list[Path]:
    """Write a figure as PNG and SVG that are byte-identical between runs.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        The figure (an axes stands for its figure).
    path_stem : str or pathlib.Path
        Path without extension; ``.png`` and ``.svg`` are added.
    formats : tuple of str, default ("png", "svg")
        Formats to write (also ``"pdf"``).
    dpi : int, default 300
        Resolution of the PNG.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ParameterError
        For an unknown format.
    PartnetError
        If a file cannot be written.

    Notes
    -----
    SVG keeps text as ``<text>`` (``svg.fonttype = "none"``), so names and
    labels stay searchable and editable; ids come from a fixed
    ``svg.hashsalt`` and no date is written (``metadata={"Date": None}``).
    PNG is written without the "Software" entry, PDF without dates, so
    nothing in the files depends on when or with which version they were
    made.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ax = new_axes((2, 2)); _ = ax.plot([0, 1], [0, 1])
    >>> stem = pathlib.Path(tempfile.mkdtemp()) / "line"
    >>> [p.name for p in save_figure(ax, stem)]
    ['line.png', 'line.svg']
    """
    from matplotlib.axes import Axes

    if isinstance(fig, Axes):
        fig = fig.figure
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": "partnet"},
                "pdf": {"CreationDate": None, "ModDate": None, "Creator": "partnet", "Producer": "partnet"}}
    unknown = [f for f in formats if f not in metadata]
    if unknown:
        raise ParameterError(f"formats must be among png, svg, pdf; {unknown[0]!r} was given")
    stem = Path(path_stem)
    written = []
    extra = {"png": {"pil_kwargs": {"compress_level": 3}}}    # zlib 3: faster than 6 and no larger here
    with _style():
        try:
            stem.parent.mkdir(parents=True, exist_ok=True)
            for fmt in formats:
                path = stem.with_name(stem.name + f".{fmt}")
                fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata[fmt], **extra.get(fmt, {}))
                written.append(path)
        except OSError as exc:
            raise PartnetError(f"cannot write the figure {stem}: {exc.strerror or exc}") from exc
    return written

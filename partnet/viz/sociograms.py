"""Network drawings: the sociogram and the ego network, on a matplotlib axes.

Each function draws people as nodes and ties as lines or arrows, with the
interactive page's layout (:mod:`partnet.viz.layout`), colours and shapes
(:mod:`partnet.viz.palette`), returns the axes, and on ``ax=None`` makes
a new figure with :func:`partnet.viz.figures.new_axes`. Which names are
shown, where and how large is decided in :mod:`partnet.viz._labels`.
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd

from partnet.metrics.tables import measure_for
from partnet.viz._inputs import check_graph, node_values
from partnet.viz._labels import LABELLED_LAYOUT, label_range, label_size, naming_order, ring_label_places, thin_labels
from partnet.viz._shared import EQUAL_SIZE, attribute_label, node_sizes
from partnet.viz.figures import STYLE, new_axes
from partnet.viz.keypeople import key_people
from partnet.viz.layout import (
    PAGE_ASPECT,
    PAGE_CHAR_WIDTH,
    PAGE_FONT_SIZE,
    PAGE_LABEL_GAP,
    ego_ring,
    label_box,
    positions,
)
from partnet.viz.palette import ORG_TYPE_STYLE, TEAM, Palette, Style, palette_for, team_shapes, width_rule

__all__ = ["sociogram", "ego_network"]

_EDGE_GREY = "#7A7A7A"
#: Node radii of an ego network's person and contacts, in layout px.
_EGO_RADIUS = 26.0
_ALTER_RADIUS = 16.0


def _legend_handles(pal: Palette, present=None, team=None):
    """The colouring's legend entries; with ``team`` (:func:`team_shapes`), the partnership team's square too."""
    from matplotlib.lines import Line2D

    handles = []
    for label, style in pal.legend():
        if present is not None and label not in present:
            continue
        shape = team.legend.get(label, style.shape) if team is not None else style.shape
        handles.append(Line2D([], [], linestyle="none", marker=Style(style.colour, shape).marker, markersize=7,
                              markerfacecolor=style.colour, markeredgecolor="#333333", markeredgewidth=0.6,
                              label=label))
    if team is not None and team.note:
        handles.append(Line2D([], [], linestyle="none", marker=ORG_TYPE_STYLE[TEAM].marker, markersize=7,
                              markerfacecolor="white", markeredgecolor="#333333", markeredgewidth=0.6, label=TEAM))
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

    check_graph(G)
    G = shown_graph(G, anonymise)
    nodes = list(G)
    size_by = measure_for(size_by, G) if isinstance(size_by, str) else size_by
    if node_table is None:
        node_table = (pd.DataFrame({"in_degree": [G.in_degree(v) for v in nodes],
                                    "out_degree": [G.out_degree(v) for v in nodes]}, index=nodes)
                      if G.is_directed() else pd.DataFrame({"degree": [G.degree(v) for v in nodes]}, index=nodes))
        flags = None
    else:
        flags = key_people(node_table.loc[nodes])
    values = node_values(G, colour_by, node_table, "colour_by")
    pal = palette_for(colour_by, values)
    radii = (node_sizes(node_values(G, size_by, node_table, "size_by")) if size_by
             else [EQUAL_SIZE] * len(nodes))
    names = [shown_name(G.nodes[v], anonymise) for v in nodes]
    lo_pt, hi_pt = label_range(label_pt)
    show_labels = labels is None or bool(labels)
    room = show_labels and (len(nodes) <= LABELLED_LAYOUT or labels is True)
    boxes = {v: label_box(names[i] if room else "", radii[i] + 4, PAGE_FONT_SIZE, PAGE_CHAR_WIDTH, PAGE_LABEL_GAP)
             for i, v in enumerate(nodes)}
    pos = positions(G, seed=seed, boxes=boxes, aspect=PAGE_ASPECT)   # the workshop page's layout
    with matplotlib.rc_context(STYLE):
        team = team_shapes(pal, values, [G.nodes[v].get("org_type") for v in nodes])
        handles = (_legend_handles(pal, team=team) + _ring_handles(flags)) if legend else []
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
        font_pt = label_size(factor, lo_pt, hi_pt)
        xy = _draw_network(ax, G, pos, names if show_labels else None,
                           colours=[pal.colour(x) for x in values], markers=team.markers,
                           radii=radii, widths=_tie_widths(G), factor=factor, font_pt=font_pt, flags=flags,
                           curved=G.is_directed())
        if show_labels and labels is None:
            size_values = node_values(G, size_by, node_table, "size_by") if size_by else [0.0] * len(nodes)
            order = naming_order(flags, size_values)
            thin_labels(ax, [t for t in ax.texts if t.get_gid() == "label"], order, xy, radii,
                         [r * factor for r in radii])
        if handles:
            ax.legend(handles=handles, title=attribute_label(colour_by), loc="upper center", bbox_to_anchor=(0.5, 0.0),
                      ncol=ncol, frameon=False, borderaxespad=0.2, columnspacing=1.2)
        if title:
            ax.set_title(title)
    return ax



def _tie_widths(G):
    """A tie's width from its edge data, by the rule of ``G``'s scale (:func:`partnet.viz.palette.width_rule`)."""
    rule = width_rule(G)
    return lambda d: rule(d.get("frequency"))


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

    check_graph(G)
    G = shown_graph(G, anonymise)
    layout = ego_ring(G, person, anonymise=anonymise)
    pal = palette or palette_for(colour_by, [G.nodes[v].get(colour_by) for v in G])
    shown, pos, H = layout.shown, layout.pos, layout.graph
    font = 22.0
    radii = [_EGO_RADIUS if v == person else _ALTER_RADIUS for v in H]
    half_w = half_h = layout.half
    with matplotlib.rc_context(STYLE):
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
        team = team_shapes(pal, values, [G.nodes[v].get("org_type") for v in H])
        _draw_network(ax, H, pos, [shown[v] for v in H], colours=[pal.colour(x) for x in values],
                      markers=team.markers, radii=radii, widths=_tie_widths(G), factor=factor,
                      font_pt=max(font * factor, 5.0), curved=H.is_directed(),
                      label_at=ring_label_places(layout, person, _EGO_RADIUS, _ALTER_RADIUS))
    return ax


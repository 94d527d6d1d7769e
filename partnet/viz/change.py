"""The change figure: two waves of one network side by side, in one layout, ties marked by their fate.

The earlier wave is drawn on the left, the later on the right, every person
at the same place in both (the layout of the two waves' union). A tie that
lasted is grey in both panels; a tie that was lost is dashed vermillion in
the earlier panel; a new tie is blue in the later panel, so each panel is
that wave's network as surveyed. People absent from a wave keep their place
as a hollow grey circle. Colours are Okabe and Ito's (:mod:`partnet.viz.palette`),
and the lost ties differ from the new ones by line style as well as colour,
so the figure reads in grey print and for every colour vision.
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np

from partnet.metrics.change import wave_change
from partnet.viz._inputs import check_graph, node_values
from partnet.viz._labels import LABELLED_LAYOUT, label_range, label_size, thin_labels
from partnet.viz._shared import attribute_label
from partnet.viz.figures import STYLE, new_axes
from partnet.viz.layout import PAGE_CHAR_WIDTH, label_box, positions
from partnet.viz.palette import OKABE_ITO, palette_for, width_rule

__all__ = ["change_sociogram", "TIE_STYLES"]

#: How each kind of tie is drawn: gid -> (legend label, colour, line style). Persisting ties appear in
#: both panels, lost ties in the earlier, new ties in the later; "other" ties are those of someone
#: present in one wave only, which the tie-change table leaves out.
TIE_STYLES = {
    "persisting": ("tie in both waves", "#7A7A7A", "solid"),
    "lost": ("tie lost (earlier wave only)", OKABE_ITO[5], (0, (3, 2))),      # vermillion, dashed
    "new": ("new tie (later wave only)", OKABE_ITO[4], "solid"),              # blue
    "other": ("tie of someone in one wave only", "#BBBBBB", (0, (1, 1.5))),   # light grey, dotted
}

#: Node radius in layout px (every person the same size: the figure is about ties).
_RADIUS = 14.0
#: Outline of a person absent from a wave.
_ABSENT = "#8C8C8C"


def _wave_names(G_before, G_after) -> tuple[str, str]:
    """Each panel's name: "wave <id>" (``G.graph["wave"]``), with its survey date when the graph has one."""
    a, b = G_before.graph.get("wave"), G_after.graph.get("wave")
    if a is None or b is None or str(a) == str(b):
        names = ["earlier wave", "later wave"]
    else:
        names = [f"wave {a}", f"wave {b}"]
    for i, G in enumerate((G_before, G_after)):
        if G.graph.get("survey_date"):
            names[i] += f", surveyed {G.graph['survey_date']}"
    return tuple(names)


def _union(G_before, G_after):
    """Both waves' people and ties in one graph (for the layout); a person's attributes from the later wave."""
    U = G_before.__class__()
    for v in list(G_before) + [v for v in G_after if v not in G_before]:
        U.add_node(v, **(G_after.nodes[v] if v in G_after else G_before.nodes[v]))
    for G in (G_before, G_after):
        for u, v, d in G.edges(data=True):
            if u == v:
                continue
            f = d.get("frequency", 1)
            f = f if isinstance(f, (int, float)) and not isinstance(f, bool) and f == f else 1
            old = U.edges[u, v]["frequency"] if U.has_edge(u, v) else 0
            U.add_edge(u, v, frequency=max(old, f))
    return U


def _classify(G, other, both: set, fate: str) -> dict:
    """``G``'s ties by kind: "persisting" (also in ``other``), ``fate`` (not in it), "other" (someone in one wave)."""
    out = {"persisting": [], fate: [], "other": []}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        if u in both and v in both:
            out["persisting" if other.has_edge(u, v) else fate].append((u, v, d))
        else:
            out["other"].append((u, v, d))
    return out


def _draw_ties(ax, ties, pos, kind, *, directed, widths, factor, radius):
    from matplotlib.collections import LineCollection

    from partnet.viz.arrows import add_ties

    _, colour, style = TIE_STYLES[kind]
    scale = 0.7 if kind == "other" else 1.0
    lw = [widths(d.get("frequency")) * factor * scale for _, _, d in ties]
    z = {"other": 1.0, "persisting": 1.5}.get(kind, 2.0)
    if directed:
        lines, heads = add_ties(ax, [pos[u] for u, _, _ in ties], [pos[v] for _, v, _ in ties],
                                shrink_start=[radius] * len(ties), shrink_end=[radius] * len(ties),
                                linewidths=lw, pt_per_unit=factor, colour=colour, alpha=0.9, curved=True, zorder=z)
        lines.set_linestyle(style)
        heads.set_gid(f"{kind}_arrowheads")
    else:
        lines = LineCollection([[pos[u], pos[v]] for u, v, _ in ties], linewidths=lw, colors=colour,
                               linestyles=style, alpha=0.9, capstyle="butt", zorder=z)
        ax.add_collection(lines)
    lines.set_gid(kind)
    return lines


def change_sociogram(G_before, G_after, *, colour_by: str = "org_type", anonymise: bool = False,
                     labels: bool | None = None, seed: int = 0, width: float = 7.0, legend: bool = True,
                     title: str | None = None, label_pt: tuple[float, float] = (6.0, 9.0)):
    """Two waves side by side in one layout: ties that lasted, were lost or are new.

    Parameters
    ----------
    G_before, G_after : networkx.DiGraph or networkx.Graph
        The same relation in an earlier and a later wave
        (``case.graph(wave=...)``), built with the same options.
    colour_by : str, default "org_type"
        Node attribute for the people's colours and shapes, as in
        :func:`partnet.viz.sociogram`.
    anonymise : bool, default False
        Pseudonyms only (people with ``consent_named`` = no always are).
    labels : bool, optional
        None (default): names where they fit, the people whose ties
        changed most first; True: every name; False: none.
    seed : int, default 0
        Layout seed.
    width : float, default 7.0
        Width of the figure in inches (both panels); the height follows
        the layout.
    legend : bool, default True
        Legend of the kinds of ties and the colours, below the panels.
    title : str, optional
        Title above both panels.
    label_pt : (float, float), default (6.0, 9.0)
        Smallest and largest size of the names, in points.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig.axes[0]`` is the earlier wave (gid ``"before"``),
        ``fig.axes[1]`` the later (gid ``"after"``). Ties are line
        collections with gid ``"persisting"`` (both panels), ``"lost"``
        (earlier panel), ``"new"`` (later panel) and ``"other"``, one
        segment per tie, styled as :data:`TIE_STYLES` (directed ties also
        have an arrowhead collection ``"<kind>_arrowheads"``); people are
        scatter collections ``"nodes"`` (present in the wave) and
        ``"absent"``; names are texts with gid ``"label"``.

    Raises
    ------
    GraphError
        The waves cannot be compared (:func:`partnet.metrics.wave_change`)
        or a graph has no nodes.
    ParameterError
        An unknown ``colour_by`` or bad ``label_pt``.

    Notes
    -----
    Both panels share one set of positions: :func:`partnet.viz.positions`
    (Fruchterman & Reingold 1991, seeded) of the union of the two waves,
    every person of either wave and every tie of either, so a person sits
    at the same place in both and a tie's change is a change of line, not
    of place. The kinds of ties are those of the tie-change table
    (:func:`partnet.metrics.wave_change`): among the people present in
    both waves, the persisting ties (n11) are drawn in both panels, the
    lost ties (n10) in the earlier panel only and the new ties (n01) in
    the later panel only; the ties of someone who joined or left (left out
    of that table) are drawn dotted and light, so each panel still shows
    its whole wave. Persisting ties are grey, lost ties vermillion and
    dashed, new ties blue: Okabe & Ito's (2008) colour-blind-safe pair,
    with the dash as a second cue. Tie width follows each wave's values
    (:func:`partnet.viz.palette.tie_width`); people are all one size, and
    coloured as in :func:`partnet.viz.sociogram`. Names follow the consent
    rule (:func:`partnet.pseudonyms.shown_name`) and are placed as the
    sociogram's are, in order of how many of the person's ties changed.

    Examples
    --------
    >>> import networkx as nx
    >>> people = {v: {"name": v.upper(), "pseudonym": f"ORG-0{i}", "consent_named": True,
    ...               "org_type": "police"} for i, v in enumerate("abcd", 1)}
    >>> before = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")], wave="2019")
    >>> after = nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d")], wave="2021")
    >>> for G in (before, after):
    ...     G.add_nodes_from((v, people[v]) for v in G)
    >>> fig = change_sociogram(before, after)
    >>> [ax.get_title() for ax in fig.axes]
    ['wave 2019\\n1 tie in both waves, 2 lost', 'wave 2021\\n1 tie in both waves, 1 new']
    >>> {c.get_gid(): len(c.get_segments()) for c in fig.axes[1].collections if c.get_gid() in TIE_STYLES}
    {'persisting': 1, 'new': 1, 'other': 1}
    """
    from partnet.pseudonyms import shown_graph, shown_name

    check_graph(G_before)
    check_graph(G_after)
    table = wave_change(G_before, G_after, weight=None)      # refuses waves that cannot be compared
    H1, H2 = shown_graph(G_before, anonymise), shown_graph(G_after, anonymise)
    U = _union(H1, H2)
    nodes = list(U)
    directed = U.is_directed()
    both = set(H1) & set(H2)
    kinds = (_classify(H1, H2, both, "lost"), _classify(H2, H1, both, "new"))
    changed = {v: 0 for v in nodes}
    for group, fate in ((kinds[0], "lost"), (kinds[1], "new")):
        for u, v, _ in group[fate]:
            changed[u] += 1
            changed[v] += 1
    values = node_values(U, colour_by, None, "colour_by")
    pal = palette_for(colour_by, values)
    lo_pt, hi_pt = label_range(label_pt)
    show = labels is None or bool(labels)
    names = [shown_name(U.nodes[v], anonymise) for v in nodes] if show else [""] * len(nodes)
    room = show and (len(nodes) <= LABELLED_LAYOUT or labels is True)
    boxes = {v: label_box(names[i] if room else "", _RADIUS + 4, 22, PAGE_CHAR_WIDTH) for i, v in enumerate(nodes)}
    pos = positions(U, seed=seed, boxes=boxes, aspect=1.2)
    xs = [pos[v][0] + s * boxes[v][0] for v in nodes for s in (-1, 1)]
    ys = [pos[v][1] + boxes[v][2] + s * boxes[v][1] for v in nodes for s in (-1, 1)]
    pad = 10
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    wave_names = _wave_names(G_before, G_after)
    n11, n10, n01 = (int(table[k]) for k in ("n11", "n10", "n01"))
    titles = (f"{wave_names[0]}\n{n11} tie{'s' * (n11 != 1)} in both waves, {n10} lost",
              f"{wave_names[1]}\n{n11} tie{'s' * (n11 != 1)} in both waves, {n01} new")
    with matplotlib.rc_context(STYLE):
        handles = _handles(pal, values, kinds, U, H1, H2, colour_by) if legend else []
        ncol = min(4, max(len(handles), 1))
        gap = 0.15
        panel_w = (width - gap) / 2
        net_h = min(max(panel_w * (y1 - y0) / (x1 - x0), 1.6), panel_w * 1.4)
        legend_h = (0.2 * math.ceil(len(handles) / ncol) + 0.25) if handles else 0.0
        head_h = 0.42 + (0.3 if title else 0.0)
        total = net_h + legend_h + head_h
        rect = (0.0, legend_h / total, panel_w / width, net_h / total)
        ax_before = new_axes((width, total), rect=rect)
        fig = ax_before.figure
        ax_after = fig.add_axes(((panel_w + gap) / width, *rect[1:]))
        factor = min(panel_w * 72 / (x1 - x0), net_h * 72 / (y1 - y0))
        font_pt = label_size(factor, lo_pt, hi_pt)
        for ax, H, group, gid, panel_title in ((ax_before, H1, kinds[0], "before", titles[0]),
                                               (ax_after, H2, kinds[1], "after", titles[1])):
            ax.set_gid(gid)
            ax.set_xlim(x0, x1)
            ax.set_ylim(y1, y0)           # y down, as on the page
            ax.set_aspect("equal")
            ax.set_axis_off()
            ax.set_title(panel_title, fontsize=8.5)
            widths = width_rule(H)
            for kind, ties in group.items():
                _draw_ties(ax, ties, pos, kind, directed=directed, widths=widths, factor=factor, radius=_RADIUS)
            _draw_people(ax, nodes, H, pos, pal, values, factor)
            if show:
                _draw_names(ax, nodes, H, pos, names, changed, font_pt, factor, every=labels is True)
        if handles:
            leg = fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=ncol,
                             frameon=False, borderaxespad=0.2, columnspacing=1.2)
            leg.set_gid("legend")
        if title:
            fig.suptitle(title, y=1 - 0.05 / total, va="top")
    return fig


def _draw_people(ax, nodes, H, pos, pal, values, factor):
    size = (2 * _RADIUS * factor) ** 2
    present = [i for i, v in enumerate(nodes) if v in H]
    absent = [i for i, v in enumerate(nodes) if v not in H]
    groups: dict = {}
    for i in present:
        groups.setdefault((pal.colour(values[i]), pal.marker(values[i])), []).append(i)
    for (colour, marker), members in groups.items():
        xy = np.array([pos[nodes[i]] for i in members], dtype=float)
        pc = ax.scatter(xy[:, 0], xy[:, 1], s=size * (0.8 if marker != "o" else 1.0), c=colour, marker=marker,
                        edgecolors="#333333", linewidths=0.5, zorder=3)
        pc.set_gid("nodes")
    if absent:
        xy = np.array([pos[nodes[i]] for i in absent], dtype=float)
        pc = ax.scatter(xy[:, 0], xy[:, 1], s=size, facecolors="white", edgecolors=_ABSENT, linewidths=0.8,
                        linestyles=(0, (2, 1.5)), marker="o", zorder=3)
        pc.set_gid("absent")


def _draw_names(ax, nodes, H, pos, names, changed, font_pt, factor, *, every: bool):
    present = [i for i, v in enumerate(nodes) if v in H]
    texts = []
    for i, v in enumerate(nodes):
        x, y = pos[v]
        t = ax.text(x, y + _RADIUS + 2, names[i], ha="center", va="top", fontsize=font_pt, color="#111111",
                    zorder=5, bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none",
                                    "alpha": 0.75})
        t.set_gid("label")
        texts.append(t)
    if every:
        for i, t in enumerate(texts):
            if nodes[i] not in H:
                t.remove()
        return
    order = sorted(present, key=lambda i: (-changed[nodes[i]], i))
    if len(nodes) > LABELLED_LAYOUT:
        order = [i for i in order if changed[nodes[i]]]
    xy = np.array([pos[v] for v in nodes], dtype=float)
    thin_labels(ax, texts, order, xy, [_RADIUS] * len(nodes), [_RADIUS * factor] * len(nodes))


def _handles(pal, values, kinds, U, H1, H2, colour_by):
    from matplotlib.lines import Line2D

    out = []
    for kind, (label, colour, style) in TIE_STYLES.items():
        if kind == "other" and not (kinds[0]["other"] or kinds[1]["other"]):
            continue
        out.append(Line2D([], [], color=colour, linestyle=style, linewidth=1.6, label=label))
    present = {pal.category(x) for x in values}
    for label, style in pal.legend():
        if label in {("missing" if c is None else str(c)) for c in present}:
            out.append(Line2D([], [], linestyle="none", marker=style.marker, markersize=7,
                              markerfacecolor=style.colour, markeredgecolor="#333333", markeredgewidth=0.6,
                              label=f"{attribute_label(colour_by)}: {label}"))
    if any(v not in H1 or v not in H2 for v in U):
        out.append(Line2D([], [], linestyle="none", marker="o", markersize=7, markerfacecolor="white",
                          markeredgecolor=_ABSENT, markeredgewidth=0.8, label="absent from this wave"))
    return out


"""The ego network of a sheet, written straight as SVG markup.

An ego sheet is printed once per participant, so a case of 150 people
writes 150 pictures; drawn through matplotlib each cost tens of
milliseconds (figure set-up, text layout, the SVG backend). This module
writes the same picture as :func:`partnet.viz.sociograms.ego_network` (the
same circle of contacts in organisation order, colours and shapes of the
palette, curved ties from :mod:`partnet.viz.arrows`, names along the
radius) as a few hundred bytes of SVG per contact, in well under a
millisecond each. Every name is escaped and stays text.
"""

from __future__ import annotations

import html
import math

import numpy as np

from partnet.viz.arrows import tie_geometry
from partnet.viz.layout import ego_ring
from partnet.viz.palette import Palette, palette_for, width_rule

__all__ = ["ego_svg", "ego_svgs"]

_EDGE_GREY = "#555555"
_FONT = 22.0          # layout px, as the workshop page
_EGO_R, _ALTER_R = 26.0, 16.0


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if x == x else "0"


def _filled(template: str, rows: np.ndarray) -> list[str]:
    """``template`` filled from each row of ``rows``, one number a ``%s``, each written as :func:`_num` writes it.

    The same strings as calling :func:`_num` on each element, read as
    Python floats in one go (iterating a numpy array costs more than the
    formatting).
    """
    flat = rows.reshape(len(rows), -1)
    k = flat.shape[1]
    nums = [f"{x:.2f}".rstrip("0").rstrip(".") if x == x else "0" for x in flat.ravel().tolist()]
    return [template % tuple(nums[i:i + k]) for i in range(0, len(nums), k)]


#: The corners of the polygon shapes around a centre, in radii.
_CORNERS = {
    "diamond": [(0, -1.1), (1.1, 0), (0, 1.1), (-1.1, 0)],
    "triangle": [(0, -1.1), (0.95, 0.6), (-0.95, 0.6)],
    "triangleDown": [(0, 1.1), (0.95, -0.6), (-0.95, -0.6)],
    "hexagon": [(math.cos(a), math.sin(a)) for a in (math.pi / 6 + k * math.pi / 3 for k in range(6))],
    "star": [((1.1 if k % 2 == 0 else 0.45) * math.sin(k * math.pi / 5),
              -(1.1 if k % 2 == 0 else 0.45) * math.cos(k * math.pi / 5)) for k in range(10)],
}


def _shape(shape: str, x: float, y: float, r: float, colour: str) -> str:
    """One node as an SVG element: the vis-network shape name, centre and radius."""
    attrs = f'fill="{colour}" stroke="#333333" stroke-width="1.5"'
    if shape == "dot":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" {attrs}/>'
    if shape == "square":
        s = r * 0.9
        return f'<rect x="{_num(x - s)}" y="{_num(y - s)}" width="{_num(2 * s)}" height="{_num(2 * s)}" {attrs}/>'
    corners = _CORNERS.get(shape)
    if corners is None:
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" {attrs}/>'
    points = " ".join(f"{_num(x + r * cx)},{_num(y + r * cy)}" for cx, cy in corners)
    return f'<polygon points="{points}" {attrs}/>'


def ego_svg(G, person, *, colour_by: str = "org_type", anonymise: bool = False, palette: Palette | None = None,
            size: float = 5.2) -> str:
    """One person's ego network as inline SVG markup (no prolog), for an ego sheet.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The whole case graph (colours are taken over all its people).
    person : hashable
        The ego's node (person_id).
    colour_by : str, default "org_type"
        Node attribute for colours and shapes.
    anonymise : bool, default False
        Pseudonyms only (people with ``consent_named`` = no always are).
    palette : Palette, optional
        Colours and shapes; default :func:`palette_for` over the whole graph.
    size : float, default 5.2
        Width and height of the picture in inches.

    Returns
    -------
    str
        ``<svg ...>...</svg>``: ties (gid-like classes ``tie`` and
        ``head``), nodes, and one ``<text>`` per person.

    Raises
    ------
    ParameterError
        If ``person`` is not in ``G`` (with the nearest ids).

    Notes
    -----
    The picture is :func:`partnet.viz.sociograms.ego_network`'s: the person
    at the centre, everyone they named or were named by on a circle in
    organisation order then by shown name (40 layout px of circle per
    contact, at least 150 px radius), the ties among them curved as
    matplotlib's ``arc3`` and as thick as the page's, names along the
    radius, upright on both halves, at the page's 22 px and never below 5
    pt on paper.

    Examples
    --------
    >>> import re
    >>> import partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> svg = ego_svg(G, "p1")
    >>> sorted(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    ['Ada Quintrell', 'Dov Haraldsen', 'NDC-01']
    >>> svg.count('class="tie"') == G.subgraph(["p1", "p2", "p3"]).number_of_edges()
    True
    """
    ego = _Ego(G, person, colour_by=colour_by, anonymise=anonymise, palette=palette, size=size)
    return ego.markup(*_tie_shapes([ego])[0])


def ego_svgs(G, people, *, colour_by: str = "org_type", anonymise: bool = False, palette: Palette | None = None,
             size: float = 5.2) -> list[str]:
    """:func:`ego_svg` of each of ``people``, the same markup, with the ties of all of them computed at once.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The case's graph.
    people : iterable of str
        person_ids, each a node of ``G``.
    colour_by, anonymise, palette, size
        As for :func:`ego_svg`.

    Returns
    -------
    list of str
        One picture per person, in the order given, each exactly what
        :func:`ego_svg` returns for that person.

    Notes
    -----
    :func:`partnet.viz.arrows.tie_geometry` works on every tie of the
    pictures in one call (each tie's arithmetic is its own, so each
    picture's numbers are those of its own call); a case's ego sheets
    otherwise spend most of their time in that function's fixed cost.

    Examples
    --------
    >>> import partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> ego_svgs(G, ["p1", "p2"]) == [ego_svg(G, "p1"), ego_svg(G, "p2")]
    True
    """
    pal = palette or palette_for(colour_by, [G.nodes[v].get(colour_by) for v in G])
    egos = [_Ego(G, person, colour_by=colour_by, anonymise=anonymise, palette=pal, size=size) for person in people]
    return [ego.markup(shafts, heads) for ego, (shafts, heads) in zip(egos, _tie_shapes(egos))]


class _Ego:
    """One ego picture up to its ties' geometry: the layout, sizes, and what :func:`tie_geometry` needs."""

    def __init__(self, G, person, *, colour_by: str, anonymise: bool, palette: Palette | None, size: float):
        layout = ego_ring(G, person, anonymise=anonymise, font_size=_FONT)
        self.G, self.person, self.colour_by, self.size = G, person, colour_by, size
        self.pal = palette or palette_for(colour_by, [G.nodes[v].get(colour_by) for v in G])
        self.ring, self.shown, self.pos, self.angle, self.R, self.half, H = layout
        self.directed = H.is_directed()
        self.pt_per_unit = pt_per_unit = size * 72 / (2 * self.half)
        self.radius = radius = {v: (_EGO_R if v == person else _ALTER_R) for v in self.pos}
        self.edges = edges = list(H.edges(data=True))
        self.ties = None                        # tie_geometry's arguments, when there are ties
        if edges:
            pos = self.pos
            width_of = width_rule(H)
            self.widths = widths = np.array([width_of(d.get("frequency")) for _, _, d in edges])
            start = [pos[u] for u, _, _ in edges]
            end = [pos[v] for _, v, _ in edges]
            if self.directed:
                scale = (4 + 3 * widths * pt_per_unit) / pt_per_unit         # -|> at 4 + 3 * lw points
                self.ties = dict(start=start, end=end, shrink_start=[radius[u] for u, _, _ in edges],
                                 shrink_end=[radius[v] + 0.5 / pt_per_unit for _, v, _ in edges],
                                 head_length=0.4 * scale, head_width=0.4 * scale, rad=0.12)
            else:
                self.ties = dict(start=start, end=end, shrink_start=[radius[u] for u, _, _ in edges],
                                 shrink_end=[radius[v] for _, v, _ in edges], head_length=0.0,
                                 head_width=0.0, rad=0.0)

    def markup(self, shafts, heads) -> str:
        G, person, colour_by, size, pal = self.G, self.person, self.colour_by, self.size, self.pal
        ring, shown, pos, angle, R, half = self.ring, self.shown, self.pos, self.angle, self.R, self.half
        radius = self.radius
        font = max(_FONT, 5.0 / self.pt_per_unit)
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(size)}in" height="{_num(size)}in" '
               f'viewBox="{_num(-half)} {_num(-half)} {_num(2 * half)} {_num(2 * half)}" role="img" '
               f'aria-label="ego network of {html.escape(shown[person])}">']
        if self.edges:
            out.append(f'<g fill="none" stroke="{_EDGE_GREY}" stroke-opacity="0.8" stroke-linecap="butt">')
            paths = _filled("M" + " L".join(["%s %s"] * shafts.shape[1]), shafts)
            for (_, _, d), path, w in zip(self.edges, paths, self.widths):
                dash = f' stroke-dasharray="{_num(3 * w)} {_num(2 * w)}"' if d.get("imputed") else ""
                out.append(f'<path class="tie" d="{path}" stroke-width="{_num(w)}"{dash}/>')
            out.append("</g>")
            if self.directed:
                out.append(f'<g fill="{_EDGE_GREY}" fill-opacity="0.8">')
                for points in _filled(" ".join(["%s,%s"] * heads.shape[1]), heads):
                    out.append(f'<polygon class="head" points="{points}"/>')
                out.append("</g>")
        out.append("<g>")
        for v in [person, *ring]:
            value = G.nodes[v].get(colour_by)
            out.append(_shape(pal.shape(value), *pos[v], radius[v], pal.colour(value)))
        out.append("</g>")
        out.append(f'<g font-family="DejaVu Sans, Arial, Liberation Sans, sans-serif" font-size="{_num(font)}" '
                   f'fill="#111111" stroke="#FFFFFF" stroke-opacity="0.75" stroke-width="{_num(font * 0.25)}" '
                   'paint-order="stroke" stroke-linejoin="round">')
        out.append(f'<text x="0" y="{_num(_EGO_R + 2)}" text-anchor="middle" dominant-baseline="hanging">'
                   f"{html.escape(shown[person])}</text>")
        for v in ring:
            a = angle[v]
            c, s = math.cos(a), math.sin(a)
            r_text = R + _ALTER_R + 6.0
            x, y = r_text * c, r_text * s
            right = c >= -1e-9
            degrees = math.degrees(a) if right else math.degrees(a) + 180.0
            out.append(f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{"start" if right else "end"}" '
                       f'dominant-baseline="central" transform="rotate({_num(degrees)} {_num(x)} {_num(y)})">'
                       f"{html.escape(shown[v])}</text>")
        out.append("</g></svg>")
        return "\n".join(out)


def _tie_shapes(egos) -> list[tuple]:
    """Each ego's (shafts, heads) from :func:`tie_geometry`, one call per curvature for all of them."""
    shapes: list = [(None, None)] * len(egos)
    groups: dict = {}
    for k, ego in enumerate(egos):
        if ego.ties is not None:
            groups.setdefault(ego.ties["rad"], []).append(k)
    for rad, members in groups.items():
        args = [egos[k].ties for k in members]
        counts = [len(a["start"]) for a in args]

        def joined(key, args=args, counts=counts):
            return np.concatenate([np.broadcast_to(np.asarray(a[key], dtype=float), (n,))
                                   for a, n in zip(args, counts)])

        start = np.concatenate([np.asarray(a["start"], dtype=float).reshape(-1, 2) for a in args])
        end = np.concatenate([np.asarray(a["end"], dtype=float).reshape(-1, 2) for a in args])
        shafts, heads = tie_geometry(start, end, shrink_start=joined("shrink_start"),
                                     shrink_end=joined("shrink_end"), head_length=joined("head_length"),
                                     head_width=joined("head_width"), rad=rad)
        stops = np.cumsum(counts)
        for k, stop, n in zip(members, stops, counts):
            shapes[k] = (shafts[stop - n:stop], heads[stop - n:stop])
    return shapes

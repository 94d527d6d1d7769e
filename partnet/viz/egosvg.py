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

__all__ = ["ego_svg"]

_EDGE_GREY = "#555555"
_FONT = 22.0          # layout px, as the workshop page
_EGO_R, _ALTER_R = 26.0, 16.0


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if x == x else "0"


def _shape(shape: str, x: float, y: float, r: float, colour: str) -> str:
    """One node as an SVG element: the vis-network shape name, centre and radius."""
    attrs = f'fill="{colour}" stroke="#333333" stroke-width="1.5"'
    if shape == "dot":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" {attrs}/>'
    if shape == "square":
        s = r * 0.9
        return f'<rect x="{_num(x - s)}" y="{_num(y - s)}" width="{_num(2 * s)}" height="{_num(2 * s)}" {attrs}/>'
    corners = {
        "diamond": [(0, -1.1), (1.1, 0), (0, 1.1), (-1.1, 0)],
        "triangle": [(0, -1.1), (0.95, 0.6), (-0.95, 0.6)],
        "triangleDown": [(0, 1.1), (0.95, -0.6), (-0.95, -0.6)],
        "hexagon": [(math.cos(a), math.sin(a)) for a in (math.pi / 6 + k * math.pi / 3 for k in range(6))],
        "star": [((1.1 if k % 2 == 0 else 0.45) * math.sin(k * math.pi / 5),
                  -(1.1 if k % 2 == 0 else 0.45) * math.cos(k * math.pi / 5)) for k in range(10)],
    }.get(shape)
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
    layout = ego_ring(G, person, anonymise=anonymise, font_size=_FONT)
    pal = palette or palette_for(colour_by, [G.nodes[v].get(colour_by) for v in G])
    ring, shown, pos, angle, R, half, H = layout
    pt_per_unit = size * 72 / (2 * half)
    font = max(_FONT, 5.0 / pt_per_unit)
    radius = {v: (_EGO_R if v == person else _ALTER_R) for v in pos}

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(size)}in" height="{_num(size)}in" '
           f'viewBox="{_num(-half)} {_num(-half)} {_num(2 * half)} {_num(2 * half)}" role="img" '
           f'aria-label="ego network of {html.escape(shown[person])}">']
    edges = list(H.edges(data=True))
    if edges:
        width_of = width_rule(H)
        widths = np.array([width_of(d.get("frequency")) for _, _, d in edges])
        start = [pos[u] for u, _, _ in edges]
        end = [pos[v] for _, v, _ in edges]
        if H.is_directed():
            scale = (4 + 3 * widths * pt_per_unit) / pt_per_unit         # -|> at 4 + 3 * lw points
            shafts, heads = tie_geometry(start, end, shrink_start=[radius[u] for u, _, _ in edges],
                                         shrink_end=[radius[v] + 0.5 / pt_per_unit for _, v, _ in edges],
                                         head_length=0.4 * scale, head_width=0.4 * scale, rad=0.12)
        else:
            shafts, heads = tie_geometry(start, end, shrink_start=[radius[u] for u, _, _ in edges],
                                         shrink_end=[radius[v] for _, v, _ in edges], head_length=0.0,
                                         head_width=0.0, rad=0.0)
        out.append(f'<g fill="none" stroke="{_EDGE_GREY}" stroke-opacity="0.8" stroke-linecap="butt">')
        for (_, _, d), shaft, w in zip(edges, shafts, widths):
            path = "M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in shaft)
            dash = f' stroke-dasharray="{_num(3 * w)} {_num(2 * w)}"' if d.get("imputed") else ""
            out.append(f'<path class="tie" d="{path}" stroke-width="{_num(w)}"{dash}/>')
        out.append("</g>")
        if H.is_directed():
            out.append(f'<g fill="{_EDGE_GREY}" fill-opacity="0.8">')
            for head in heads:
                out.append('<polygon class="head" points="' + " ".join(f"{_num(x)},{_num(y)}" for x, y in head)
                           + '"/>')
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

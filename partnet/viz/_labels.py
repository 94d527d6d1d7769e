"""Label placement for the network drawings: which names to show, where and how large (not API).

:mod:`partnet.viz.sociograms` draws the names; this module decides them:
the size of the names (:func:`label_size`, within ``label_pt``, checked by
:func:`label_range`), the order in which names claim room
(:func:`naming_order`), the greedy thinning that keeps only names that
fit (:func:`thin_labels`) and the places of the names around an ego
network's circle (:func:`ring_label_places`).
"""

from __future__ import annotations

import math

import numpy as np

from partnet.errors import ParameterError
from partnet.viz.layout import PAGE_CHAR_WIDTH

__all__ = [
    "LABELLED_LAYOUT",
    "FIGURE_CHAR_WIDTH",
    "label_range",
    "label_size",
    "naming_order",
    "thin_labels",
    "ring_label_places",
]

#: Largest network whose layout makes room for every name.
LABELLED_LAYOUT = 150

#: Average character width of DejaVu Sans, in font sizes (the page's Arial
#: is narrower; figure labels are set a little smaller to take the same room).
FIGURE_CHAR_WIDTH = 0.6


def label_range(label_pt) -> tuple[float, float]:
    """``label_pt`` checked: (smallest, largest) name size in points, 0 < smallest <= largest."""
    try:
        lo, hi = (float(x) for x in label_pt)
    except (TypeError, ValueError):
        lo = hi = math.nan
    if not (0 < lo <= hi):
        raise ParameterError(f"label_pt must be (smallest, largest) sizes in points, 0 < smallest <= largest; "
                             f"{label_pt!r} was given")
    return lo, hi


def label_size(factor: float, lo_pt: float, hi_pt: float) -> float:
    """Size in points of names laid out at the page's 22 px, drawn at ``factor`` points per layout px.

    Names scale with the drawing, as the layout made room for them,
    within the legible range; a wider figure gives larger names.
    """
    return min(max(22 * factor * PAGE_CHAR_WIDTH / FIGURE_CHAR_WIDTH, lo_pt), hi_pt)


def naming_order(flags, size_values: list) -> list[int]:
    """Indexes of the names to try, most prominent first.

    Opinion leaders and boundary spanners (``flags``, a key-people table
    in node order, or None) first, then by ``size_values`` (largest
    first; anything but a number counts as 0), then node order. In a
    network of more than :data:`LABELLED_LAYOUT` people only key people
    are tried.
    """
    n = len(size_values)
    key = (flags["opinion_leader"] | flags["boundary_spanner"]).to_numpy() if flags is not None \
        else np.zeros(n, dtype=bool)
    prominence = [float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) and x == x else 0.0
                  for x in size_values]
    order = sorted(range(n), key=lambda i: (not key[i], -prominence[i], i))
    if n > LABELLED_LAYOUT:
        order = [i for i in order if key[i]]
    return order


def thin_labels(ax, texts: list, order: list[int], xy: np.ndarray, radii: list[float],
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


def ring_label_places(layout, person, ego_radius: float, alter_radius: float) -> list[tuple]:
    """(x, y, ha, va, rotation) of each name of an ego network, in ``layout.graph``'s node order.

    The person's name sits centred below them; each contact's runs
    outwards along the radius, upright on both halves. ``layout`` is a
    :class:`partnet.viz.layout.EgoRing`; the radii are the node radii in
    layout px.
    """
    R = layout.radius
    label_of = {person: (0.0, ego_radius + 2, "center", "top", 0.0)}
    for v in layout.ring:
        a = layout.angle[v]
        c, s_ = math.cos(a), math.sin(a)
        out = R + alter_radius + 6.0
        # Names run outwards along the radius, upright on both halves (the
        # y axis points down, so a data angle a shows as -a).
        degrees = -math.degrees(a)
        label_of[v] = ((out * c, out * s_, "left", "center", degrees) if c >= -1e-9
                       else (out * c, out * s_, "right", "center", degrees + 180.0))
    return [label_of[v] for v in layout.graph]

"""Directed ties as two matplotlib collections: curved shafts and filled arrowheads.

One ``FancyArrowPatch`` per tie is matplotlib's usual way to draw a
directed network, and it is slow: each patch recomputes its path in
display coordinates on every draw, which made the ego sheets and the
sociogram of a 150-person case cost seconds. Here every tie is computed
once, in data coordinates, as a trimmed quadratic Bezier curve (the same
``arc3`` curve ``FancyArrowPatch`` draws) sampled into a polyline, and
its head as a triangle; the whole network is then one ``LineCollection``
and one ``PolyCollection``, drawn in a single pass by Agg and written to
SVG as plain paths.

The drawing's axes must keep an equal aspect (``ax.set_aspect("equal")``),
as every partnet network drawing does, so that lengths given in points
convert to data units by one factor.
"""

from __future__ import annotations

import numpy as np

__all__ = ["tie_geometry", "add_ties"]

#: Samples along each curved shaft; 12 segments look smooth at 300 dpi for the curvature used.
_SAMPLES = 13


def _point(p0, c, p2, t):
    """Points of quadratic Bezier curves, one parameter per curve."""
    t = t[:, None]
    u = 1 - t
    return u ** 2 * p0 + 2 * u * t * c + t ** 2 * p2


def _leave(p0, c, p2, centre, radius, t_near, t_far):
    """Parameter between ``t_near`` and ``t_far`` where each curve is ``radius`` from ``centre``.

    ``B(t_near)`` lies inside the circle; the distance grows towards
    ``t_far`` along these shallow curves, so bisection finds the crossing.
    A curve that never leaves the circle gets ``t_far``.
    """
    near, far = t_near.astype(float).copy(), t_far.astype(float).copy()
    outside_at_far = np.hypot(*(_point(p0, c, p2, far) - centre).T) >= radius
    for _ in range(32):
        mid = (near + far) / 2
        inside = np.hypot(*(_point(p0, c, p2, mid) - centre).T) < radius
        near = np.where(inside, mid, near)
        far = np.where(inside, far, mid)
    return np.where(outside_at_far, (near + far) / 2, t_far)


def tie_geometry(start, end, *, shrink_start, shrink_end, head_length, head_width, rad: float = 0.12,
                 samples: int = _SAMPLES):
    """Shafts and arrowheads of directed ties, in data units.

    Parameters
    ----------
    start, end : array_like, shape (m, 2)
        Centres of the sender and receiver of each tie.
    shrink_start, shrink_end : array_like, shape (m,)
        How far from each centre the tie starts and its arrow tip stops
        (the node radii, so a tie touches the circles' edges).
    head_length, head_width : array_like, shape (m,)
        Arrowhead length along the tie and full width across it.
    rad : float, default 0.12
        Curvature as matplotlib's ``arc3`` connection style: the control
        point sits ``rad`` times the tie's length to one side of its
        midpoint, so the two ties of a mutual pair bend apart.
    samples : int
        Points along each shaft.

    Returns
    -------
    shafts : numpy.ndarray, shape (m, samples, 2)
        Each shaft as a polyline from the sender's edge to the arrowhead's base.
    heads : numpy.ndarray, shape (m, 3, 2)
        Each arrowhead as a triangle: tip, then the two base corners.

    Notes
    -----
    A tie whose ends overlap (shrinks longer than the tie) is drawn as a
    zero-length shaft with its head at the receiver's edge, never as a
    line pointing backwards.

    Examples
    --------
    A straight tie from (0, 0) to (10, 0) between nodes of radius 1, with
    a head 2 long and 1 wide:

    >>> shafts, heads = tie_geometry([[0, 0]], [[10, 0]], shrink_start=[1], shrink_end=[1],
    ...                              head_length=[2], head_width=[1], rad=0.0, samples=3)
    >>> shafts[0].round(3).tolist()
    [[1.0, 0.0], [4.0, 0.0], [7.0, 0.0]]
    >>> heads[0].round(3).tolist()
    [[9.0, 0.0], [7.0, 0.5], [7.0, -0.5]]
    """
    p0 = np.asarray(start, dtype=float).reshape(-1, 2)
    p2 = np.asarray(end, dtype=float).reshape(-1, 2)
    m = len(p0)
    if m == 0:
        return np.zeros((0, samples, 2)), np.zeros((0, 3, 2))
    shrink_start = np.broadcast_to(np.asarray(shrink_start, dtype=float), (m,))
    shrink_end = np.broadcast_to(np.asarray(shrink_end, dtype=float), (m,))
    head_length = np.broadcast_to(np.asarray(head_length, dtype=float), (m,))
    head_width = np.broadcast_to(np.asarray(head_width, dtype=float), (m,))
    d = p2 - p0
    c = (p0 + p2) / 2 + rad * np.column_stack([d[:, 1], -d[:, 0]])
    # Where each curve leaves the sender's circle (t0) and enters the receiver's (t_tip): both
    # bisections in one pass over the curves stacked twice, each element as it would be alone.
    twice = np.concatenate
    both = _leave(twice([p0, p0]), twice([c, c]), twice([p2, p2]), twice([p0, p2]),
                  twice([shrink_start, shrink_end]), twice([np.zeros(m), np.ones(m)]), np.full(2 * m, 0.5))
    t0, t_tip = both[:m], both[m:]
    t_tip = np.maximum(t_tip, t0)
    tip = _point(p0, c, p2, t_tip)
    tangent = 2 * (1 - t_tip)[:, None] * (c - p0) + 2 * t_tip[:, None] * (p2 - c)   # direction at the tip
    norm = np.hypot(*tangent.T)
    norm[norm == 0] = 1.0
    u = tangent / norm[:, None]
    base = tip - u * head_length[:, None]
    side = np.column_stack([-u[:, 1], u[:, 0]]) * (head_width / 2)[:, None]
    heads = np.stack([tip, base + side, base - side], axis=1)
    t1 = _leave(p0, c, p2, tip, head_length, t_tip, t0)                # the shaft stops at the head's base
    steps = np.linspace(0.0, 1.0, samples)
    t = t0[:, None] + (t1 - t0)[:, None] * steps[None, :]
    tt = t[:, :, None]
    shafts = (1 - tt) ** 2 * p0[:, None, :] + 2 * (1 - tt) * tt * c[:, None, :] + tt ** 2 * p2[:, None, :]
    return shafts, heads


def add_ties(ax, start, end, *, shrink_start, shrink_end, linewidths, pt_per_unit: float, colour="#555555",
             alpha: float = 0.8, dashed=None, curved: bool = True, zorder: float = 1):
    """Draw directed ties on an equal-aspect axes as one shaft collection and one head collection.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes in data units with an equal aspect.
    start, end : array_like, shape (m, 2)
        Sender and receiver centres.
    shrink_start, shrink_end : array_like, shape (m,)
        Node radii in data units at either end.
    linewidths : array_like, shape (m,)
        Line widths in points.
    pt_per_unit : float
        Points per data unit on the finished figure (for head sizes given in points).
    colour : str
        Colour of shafts and heads.
    alpha : float
        Opacity.
    dashed : array_like of bool, optional
        Ties drawn dashed (e.g. imputed ties).
    curved : bool, default True
        Bend ties as ``arc3,rad=0.12`` (mutual ties apart); straight when False.
    zorder : float
        Drawing order.

    Returns
    -------
    (LineCollection, PolyCollection)
        With gids ``"edges"`` and ``"arrowheads"``; one segment and one
        head per tie, in the order given.

    Notes
    -----
    Head size follows matplotlib's ``-|>`` arrow style at
    ``mutation_scale = 4 + 3 * linewidth`` points: length 0.4 and full
    width 0.4 of the scale, as the per-tie patches drew it.

    Examples
    --------
    >>> from partnet.viz.figures import new_axes
    >>> ax = new_axes((2, 2)); ax.set_aspect("equal")
    >>> lines, heads = add_ties(ax, [[0, 0], [10, 0]], [[10, 0], [0, 0]], shrink_start=[1, 1],
    ...                         shrink_end=[1, 1], linewidths=[1.0, 2.0], pt_per_unit=5.0)
    >>> len(lines.get_segments()), len(heads.get_paths()), lines.get_gid(), heads.get_gid()
    (2, 2, 'edges', 'arrowheads')
    """
    from matplotlib.collections import LineCollection, PolyCollection

    lw = np.asarray(linewidths, dtype=float).reshape(-1)
    scale_pt = 4 + 3 * lw
    head_length = 0.4 * scale_pt / pt_per_unit
    head_width = 0.4 * scale_pt / pt_per_unit
    shafts, heads = tie_geometry(start, end, shrink_start=shrink_start,
                                 shrink_end=np.asarray(shrink_end, dtype=float) + 0.5 / pt_per_unit,
                                 head_length=head_length, head_width=head_width, rad=0.12 if curved else 0.0)
    styles = ["-"] * len(lw) if dashed is None else [(0, (3, 2)) if d else "-" for d in dashed]
    lines = LineCollection(list(shafts), linewidths=lw, colors=colour, alpha=alpha, linestyles=styles,
                           capstyle="butt", zorder=zorder)
    lines.set_gid("edges")
    ax.add_collection(lines)
    polys = PolyCollection(list(heads), facecolors=colour, edgecolors=colour, linewidths=0.3, alpha=alpha,
                           zorder=zorder)
    polys.set_gid("arrowheads")
    ax.add_collection(polys)
    return lines, polys

"""Seeded node positions shared by the interactive page and the figures."""

from __future__ import annotations

import math
import random
from typing import NamedTuple

import networkx as nx
import numpy as np

from partnet.errors import ParameterError, choice_error

__all__ = ["positions", "label_box", "ego_ring", "EgoRing", "check_person", "PAGE_CHAR_WIDTH"]

#: Largest component whose label boxes are pushed apart (the pairwise
#: check is quadratic; on bigger networks labels show only when zoomed in).
_MAX_SPREAD = 600

#: Average width of a character of a sans-serif label, in font sizes
#: (DejaVu Sans, matplotlib's default).
_CHAR_WIDTH = 0.6

#: Average character width of the page's Arial labels, used for the
#: layout of the page and of the sociogram, which shares its positions.
PAGE_CHAR_WIDTH = 0.58

#: Label size, in layout units, that the workshop page's layout keeps apart, and the width / height it is
#: made for (the drawing area of a 1366x768 laptop or a 1920x1080 projector once the title bar and the
#: side panel are taken off: 1026x690 and 1560x990). The sociogram is laid out with the same two, so the
#: printed picture is the page's.
PAGE_FONT_SIZE = 30
PAGE_ASPECT = 1.5
#: Room kept between two names side by side on the page and the sociogram, in font sizes.
PAGE_LABEL_GAP = 0.6


def label_box(label: str, size: float, font_size: float, char_width: float = _CHAR_WIDTH,
              gap: float = 0.0) -> tuple[float, float, float]:
    """The box a node and its label below it take: (half width, half height, centre offset down).

    ``char_width`` is the average width of a character in font sizes:
    about 0.52 for Arial, 0.6 for DejaVu Sans (matplotlib's default).
    ``gap`` is room kept beside a label, in font sizes (two labels side by
    side stay ``gap`` apart rather than touching).

    Examples
    --------
    >>> label_box("Ada", 10, 20)
    (18.0, 22.0, 12.0)
    >>> label_box("Ada", 10, 20, gap=1.0)
    (28.0, 22.0, 12.0)
    """
    half_w = max(size, font_size * (char_width * len(str(label)) + gap) / 2)
    height = 2 * size + 1.2 * font_size
    return (round(half_w, 3), round(height / 2, 3), round(height / 2 - size, 3))


def _fr(n: int, edges: list[tuple[int, int]], weights: list[float], seed: int) -> np.ndarray:
    """Fruchterman-Reingold in igraph's C core from a seeded start."""
    import igraph

    rng = np.random.default_rng(seed)
    start = rng.uniform(-1.0, 1.0, size=(n, 2)) * math.sqrt(n)
    g = igraph.Graph(n=n, edges=edges, directed=False)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = g.layout_fruchterman_reingold(weights=weights or None, seed=start.tolist(),
                                               niter=500, grid="auto")
    finally:
        igraph.set_random_number_generator(random)  # igraph's default generator
    return np.asarray(coords.coords, dtype=float).reshape(n, 2)


def _component_xy(G, comp: list, weight, seed: int, scale: float) -> np.ndarray:
    """One connected component laid out, centred, median tie ``scale`` long."""
    if len(comp) == 1:
        return np.zeros((1, 2))
    index = {v: i for i, v in enumerate(comp)}
    pairs: dict[tuple[int, int], float] = {}
    for u, v, d in G.subgraph(comp).edges(data=True):
        if u == v:
            continue
        key = (min(index[u], index[v]), max(index[u], index[v]))
        w = float(d.get(weight, 1) or 1) if weight else 1.0
        pairs[key] = max(pairs.get(key, 0.0), w)
    edges = sorted(pairs)
    xy = _fr(len(comp), edges, [pairs[e] for e in edges] if weight else [], seed)
    xy -= xy.mean(axis=0)
    lengths = np.hypot(*(xy[[a for a, _ in edges]] - xy[[b for _, b in edges]]).T)
    med = float(np.median(lengths)) if len(lengths) else 0.0
    return xy * (scale / med) if med > 0 else xy


def _remove_overlaps(xy: np.ndarray, boxes: np.ndarray, iterations: int = 500) -> np.ndarray:
    """Push apart node-and-label boxes that overlap, keeping the arrangement.

    ``boxes`` holds (half width, half height, centre offset down) per node.
    Each round, every overlapping pair is separated along the axis where
    they overlap less (relative to the boxes' size on that axis), half the
    overlap each: a simple form of the force-scan idea of Misue et al.
    (1995). Stops when nothing overlaps.
    """
    xy = xy.copy()
    n = len(xy)
    if n < 2:
        return xy
    hw, hh, off = boxes[:, 0], boxes[:, 1], boxes[:, 2]
    idx = np.arange(n)
    tie = np.sign(idx[None, :] - idx[:, None])  # coincident centres: split by index
    sw = hw[None, :] + hw[:, None]
    sh = hh[None, :] + hh[:, None]
    for _ in range(iterations):
        cx, cy = xy[:, 0], xy[:, 1] + off
        dx = cx[None, :] - cx[:, None]
        dy = cy[None, :] - cy[:, None]
        ox = sw - np.abs(dx)
        oy = sh - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        along_x = hit & (ox / sw <= oy / sh)
        along_y = hit & ~along_x
        sx = np.where(dx == 0, tie, np.sign(dx))
        sy = np.where(dy == 0, tie, np.sign(dy))
        xy[:, 0] -= np.where(along_x, sx * (ox + 0.5) * 0.5, 0.0).sum(axis=1)
        xy[:, 1] -= np.where(along_y, sy * (oy + 0.5) * 0.5, 0.0).sum(axis=1)
    return xy


def _landscape(xy: np.ndarray) -> np.ndarray:
    """Rotate a centred layout so that its longer axis runs across the screen."""
    if len(xy) < 3:
        return xy
    _, vecs = np.linalg.eigh(np.cov(xy.T))
    main = vecs[:, -1]
    rot = np.array([[main[0], main[1]], [-main[1], main[0]]])
    return xy @ rot.T


def _widen(xy: np.ndarray, aspect: float | None) -> np.ndarray:
    """Stretch a layout across, at most 1.5 times, towards width / height = ``aspect``."""
    if aspect is None or len(xy) < 3:
        return xy
    w, h = np.ptp(xy[:, 0]), np.ptp(xy[:, 1])
    if w <= 0 or h <= 0 or w / h >= aspect:
        return xy
    return xy * np.array([min(aspect / (w / h), 1.5), 1.0])


def _room_for(xy: np.ndarray, boxes: np.ndarray, fill: float = 0.6) -> np.ndarray:
    """Enlarge a layout until its boxes cover at most ``fill`` of its bounding box."""
    if len(xy) < 3:
        return xy
    need = float((4 * boxes[:, 0] * boxes[:, 1]).sum()) / fill
    x0, y0, x1, y1 = _extent(xy, boxes)
    have = (x1 - x0) * (y1 - y0)
    return xy * math.sqrt(need / have) if 0 < have < need else xy


def _extent(xy: np.ndarray, boxes: np.ndarray) -> tuple[float, float, float, float]:
    cy = xy[:, 1] + boxes[:, 2]
    return (float((xy[:, 0] - boxes[:, 0]).min()), float((cy - boxes[:, 1]).min()),
            float((xy[:, 0] + boxes[:, 0]).max()), float((cy + boxes[:, 1]).max()))


def positions(G: nx.Graph, *, seed: int = 0, scale: float = 90.0, weight: str | None = "frequency",
           boxes: dict | None = None, aspect: float | None = None) -> dict:
    """Positions of every node, the same for the same graph and seed.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network; direction is ignored for the layout.
    seed : int, default 0
        Seed of the start positions and of igraph's random numbers.
    scale : float, default 90
        Target length of the median tie, in pixels.
    weight : str or None, default "frequency"
        Edge attribute that pulls nodes closer (frequency 5 pulls harder
        than 1); None for an unweighted layout.
    boxes : dict, optional
        node -> (half width, half height, centre offset down) of the node
        with its label (:func:`label_box`), in pixels. When given, boxes
        are pushed apart until no two overlap, and packing uses them.
    aspect : float, optional
        Width / height of the screen or page: the largest component is
        stretched across (at most 1.5 times) towards it.

    Returns
    -------
    dict
        node -> (x, y), whole pixels, y pointing down as on a screen.

    Raises
    ------
    ParameterError
        If ``scale`` is not positive or ``boxes`` misses a node.

    Notes
    -----
    Each connected component (direction ignored) of two or more people
    is placed by Fruchterman & Reingold's force-directed algorithm [1]_
    (igraph's C implementation, 500 iterations, grid-accelerated from
    1,000 nodes) from seeded random start positions, with tie frequency as
    attraction weight, rescaled so its median tie is ``scale`` long, and
    turned so that its longer axis runs across. Components are then packed in rows, largest first, below the largest
    one; isolates follow in rows, sorted by node id, as NetDraw sets them
    apart. With ``boxes``, each component is first enlarged until its
    boxes fill at most 60 % of its bounding box, then, up to 600 people,
    overlapping boxes are pushed apart (force-scan, [2]_) before packing.
    Positions are whole pixels (vis-network reads them with ``parseInt``),
    so the page draws exactly the positions returned here, and two runs
    write identical files.

    References
    ----------
    .. [1] Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by
       force-directed placement. *Software: Practice and Experience*
       21(11), 1129-1164.
    .. [2] Misue, K., Eades, P., Lai, W. & Sugiyama, K. (1995). Layout
       adjustment and the mental map. *Journal of Visual Languages and
       Computing* 6(2), 183-210.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> G.add_node("lonely")
    >>> pos = positions(G, seed=1)
    >>> sorted(pos) == ["a", "b", "c", "lonely"]
    True
    >>> pos == positions(G, seed=1)
    True
    >>> pos["lonely"][1] > max(pos[v][1] for v in "abc")
    True
    """
    if not (isinstance(scale, (int, float)) and scale > 0):
        raise ParameterError(f"scale must be a positive number of pixels; {scale!r} was given")
    nodes = list(G.nodes)
    if not nodes:
        return {}
    if boxes is not None:
        missing = [v for v in nodes if v not in boxes]
        if missing:
            raise ParameterError(f"boxes has no entry for {len(missing)} node(s), e.g. {missing[0]!r}")
    default_box = (scale * 0.3, scale * 0.3, 0.0)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    order = {v: i for i, v in enumerate(nodes)}
    comps = [sorted(c, key=order.__getitem__) for c in nx.connected_components(U)]
    comps.sort(key=lambda c: (-len(c), order[c[0]]))
    groups = [c for c in comps if len(c) > 1]
    isolates = sorted((c[0] for c in comps if len(c) == 1), key=lambda v: (str(v), order[v]))
    placed: list[tuple[list, np.ndarray, np.ndarray]] = []
    for k, comp in enumerate(groups):
        xy = _component_xy(G, comp, weight, seed + k, scale)
        b = np.array([boxes[v] if boxes is not None else default_box for v in comp], dtype=float)
        xy = _landscape(xy)
        if k == 0:
            xy = _widen(xy, aspect)
        if boxes is not None:
            xy = _room_for(xy, b)
            if len(comp) <= _MAX_SPREAD:
                xy = _remove_overlaps(xy, b)
        placed.append((comp, xy, b))
    for v in isolates:
        b = np.array([boxes[v] if boxes is not None else default_box], dtype=float)
        placed.append(([v], np.zeros((1, 2)), b))

    # Shelf packing: the largest component at the top, then rows below it.
    pos: dict = {}
    gap = scale * 0.5
    if groups:
        first_comp, first_xy, first_b = placed[0]
        x0, y0, x1, y1 = _extent(first_xy, first_b)
        width = max(x1 - x0, scale * 8)
        pos.update({v: tuple(p) for v, p in zip(first_comp, first_xy)})
        rest, cursor_y, left = placed[1:], y1 + 2 * gap, x0
    else:
        # Only isolates: rows about 1.6 times wider than the grid is tall.
        area = sum((2 * b[0, 0] + gap) * (2 * b[0, 1] + gap) for _, _, b in placed)
        width, rest, cursor_y, left = math.sqrt(area * 1.6), placed, 0.0, 0.0
    cursor_x, row_h = left, 0.0
    for comp, xy, b in rest:
        x0, y0, x1, y1 = _extent(xy, b)
        w, h = x1 - x0, y1 - y0
        if cursor_x > left and cursor_x + w > left + width:
            cursor_x, cursor_y, row_h = left, cursor_y + row_h + gap, 0.0
        shift = np.array([cursor_x - x0, cursor_y - y0])
        pos.update({v: tuple(p) for v, p in zip(comp, xy + shift)})
        cursor_x += w + gap
        row_h = max(row_h, h)
    return {v: (int(round(float(pos[v][0]))), int(round(float(pos[v][1])))) for v in nodes}


class EgoRing(NamedTuple):
    """Where an ego network's people sit: see :func:`ego_ring`."""

    ring: list            # contacts in drawing order
    shown: dict           # node -> shown name
    pos: dict             # node -> (x, y), the person at (0, 0)
    angle: dict           # contact -> angle in radians (y down: clockwise on the page)
    radius: float         # of the circle of contacts
    half: float           # half the width of a square frame that holds every name
    graph: nx.Graph       # the person, the contacts and the ties among them, in drawing order


def check_person(G, person) -> None:
    """Refuse a person who is not in the graph, naming the nearest id.

    Raises
    ------
    ParameterError
        If ``person`` is not a node of ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> check_person(nx.DiGraph([("p1", "p2")]), "p11")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: person must be a person in the graph; 'p11' was given; did you mean 'p1'?
    """
    if person not in G:
        raise choice_error(person, list(G), "person", what="a person in the graph", listed=False)


def ego_ring(G, person, *, anonymise: bool = False, font_size: float = 22.0) -> EgoRing:
    """The circle layout of one person's ego network, shared by every ego drawing.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The whole case graph.
    person : hashable
        The ego's node (person_id).
    anonymise : bool, default False
        Pseudonyms only (people with ``consent_named`` = no always are).
    font_size : float, default 22.0
        Size of the names in layout px (the workshop page's).

    Returns
    -------
    EgoRing

    Raises
    ------
    ParameterError
        If ``person`` is not in ``G`` (with the nearest ids).

    Notes
    -----
    The ego network holds everyone the person named or was named by
    (direction ignored). Contacts sit on a circle in organisation order,
    then by shown name, so the people of one organisation sit together and
    the chords between organisations show the ego's bridging role; the
    first sits straight above the person. The ego graph lists people and
    ties in that order, the same in every process. The circle gives each
    contact 40 px of its length, with a radius of at least 150 px; the
    frame is wide enough for the longest name written outwards along the
    radius.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("e", "a"), ("b", "e")])
    >>> nx.set_node_attributes(G, {"e": "A", "a": "A", "b": "B"}, "organisation")
    >>> nx.set_node_attributes(G, {"e": "Eve", "a": "Ann", "b": "Bo"}, "name")
    >>> nx.set_node_attributes(G, {"e": "A-01", "a": "A-02", "b": "B-01"}, "pseudonym")
    >>> r = ego_ring(G, "e")
    >>> r.ring, r.radius, [tuple(round(c) for c in r.pos[v]) for v in r.ring]
    (['a', 'b'], 150.0, [(0, -150), (0, 150)])
    """
    from partnet.pseudonyms import shown_name

    check_person(G, person)
    alters = set(G.predecessors(person)) | set(G.successors(person)) if G.is_directed() else set(G[person])
    alters.discard(person)
    shown = {v: shown_name(G.nodes[v], anonymise) for v in alters | {person}}
    ring = sorted(alters, key=lambda v: (str(G.nodes[v].get("organisation") or ""), shown[v], str(v)))
    radius = max(150.0, len(ring) * 40.0 / (2 * math.pi))
    pos = {person: (0.0, 0.0)}
    angle = {}
    for k, v in enumerate(ring):
        a = -math.pi / 2 + 2 * math.pi * k / max(len(ring), 1)
        angle[v] = a
        pos[v] = (radius * math.cos(a), radius * math.sin(a))
    longest = max((label_box(shown[v], 0, font_size)[0] * 2 for v in ring), default=0.0)
    half = max(radius + 22.0 + longest, label_box(shown[person], 26, font_size)[0]) + 10
    # Not G.subgraph: for a small part of a large graph its views iterate a set of nodes, so the
    # order of the ties (and the bytes of a drawing) would change with Python's hash seed.
    members = [person, *ring]
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((v, G.nodes[v]) for v in members)
    H.add_edges_from((u, v, d) for u in members for v, d in G.adj[u].items() if v in H)
    return EgoRing(ring, shown, pos, angle, radius, half, H)

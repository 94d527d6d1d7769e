"""Colours and markers: one colour-blind-safe palette for every drawing.

The interactive page, the ego sheets and every figure ask this module for
the colour and the marker of a category, so the same organisation or
organisation type looks the same everywhere.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from partnet import schema
from partnet._values import plain
from partnet.errors import ParameterError

__all__ = [
    "tie_width",
    "width_rule",
    "OKABE_ITO",
    "ORG_TYPE_STYLE",
    "SHAPES",
    "SEQUENTIAL",
    "FADED",
    "Style",
    "TEAM",
    "TeamShapes",
    "team_shapes",
    "Palette",
    "palette_for",
    "category_order",
]

#: Okabe & Ito's colour-blind-safe qualitative palette (black left out: it
#: hides the black border that marks opinion leaders and boundary spanners).
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)

#: Neutral grey for "other" and for missing values.
GREY = "#999999"

#: Colour of everything outside a highlighted ego network.
FADED = "#E6E6E6"

#: Shapes cycled once the colours run out: vis-network names, with the
#: matplotlib marker drawing the same shape.
SHAPES = (
    ("dot", "o"),
    ("square", "s"),
    ("triangle", "^"),
    ("diamond", "D"),
    ("triangleDown", "v"),
    ("star", "*"),
    ("hexagon", "h"),
)
_MPL_MARKER = dict(SHAPES)

#: Five classes of a sequential measure (viridis at 0, .25, .5, .75, 1):
#: ordered light to dark on a grey scale, readable by every colour vision.
SEQUENTIAL = ("#FDE725", "#5EC962", "#21918C", "#3B528B", "#440154")


@dataclass(frozen=True)
class Style:
    """The look of one category.

    Attributes
    ----------
    colour : str
        Fill colour, ``#RRGGBB``.
    shape : str
        vis-network shape name (``dot``, ``square``, ...).
    """

    colour: str
    shape: str = "dot"

    @property
    def marker(self) -> str:
        """The matplotlib marker of the same shape."""
        return _MPL_MARKER[self.shape]


#: A fixed style per organisation type, the same in every case, so a
#: figure of one partnership can be read beside another. Types sharing a
#: colour rarely meet in one partnership (county councils and metropolitan
#: boroughs; district and unitary councils; transport and a partnership
#: team) and differ by shape as well.
ORG_TYPE_STYLE = {
    "county council": Style("#0072B2", "dot"),
    "metropolitan borough": Style("#0072B2", "square"),
    "district council": Style("#56B4E9", "dot"),
    "unitary": Style("#56B4E9", "square"),
    "police": Style("#CC79A7", "dot"),
    "fire": Style("#D55E00", "dot"),
    "health": Style("#009E73", "dot"),
    "transport": Style("#F0E442", "dot"),
    "partnership team": Style("#F0E442", "square"),
    "voluntary": Style("#E69F00", "dot"),
    "other": Style(GREY, "diamond"),
}

_KNOWN_ORDER = {
    "org_type": schema.ORG_TYPES,
    "role": schema.ROLES,
    "directorate": schema.DIRECTORATES,
    "seniority": schema.SENIORITY,
}


def _sort_key(value):
    return (value is None, str(value).casefold(), str(value))


def category_order(attr: str, values) -> list:
    """Categories of ``attr`` in their display order.

    Known attributes keep the case format's order (``schema``); any other
    attribute is sorted alphabetically (ignoring case), missing last.

    Examples
    --------
    >>> category_order("seniority", ["junior", "senior", "junior"])
    ['senior', 'junior']
    >>> category_order("organisation", ["b", "A", None])
    ['A', 'b', None]
    """
    present = set(values)
    known = _KNOWN_ORDER.get(attr)
    if known:
        first = [v for v in known if v in present]
        return first + sorted(present - set(known), key=_sort_key)
    return sorted(present, key=_sort_key)


class Palette:
    """A mapping from the categories of one attribute to colours and shapes.

    Use :func:`palette_for` to make one.

    Attributes
    ----------
    attr : str
        The attribute it colours by.
    styles : dict
        Category -> :class:`Style`, in legend order.
    bins : list of (float, float) or None
        For a numeric attribute, the class limits in legend order.
    """

    def __init__(self, attr: str, styles: dict, bins=None):
        self.attr = attr
        self.styles = dict(styles)
        self.bins = bins

    def __repr__(self) -> str:
        return f"<Palette {self.attr!r}: {len(self.styles)} categories>"

    def __contains__(self, value) -> bool:
        return value in self.styles

    @property
    def numeric(self) -> bool:
        """True when the attribute is a measure cut into classes."""
        return self.bins is not None

    def category(self, value):
        """The legend category of a value (its class label for a measure)."""
        value = _plain(value)
        if not self.numeric:
            return value
        if value is None:
            return "missing"
        labels = list(self.styles)
        for (_lo, hi), label in zip(self.bins, labels):
            if value <= hi:
                return label
        return labels[len(self.bins) - 1]

    def style(self, value) -> Style:
        """The style of a value; a value never seen gets the neutral grey."""
        return self.styles.get(self.category(value), Style(GREY, "dot"))

    def colour(self, value) -> str:
        """The fill colour of a value."""
        return self.style(value).colour

    def shape(self, value) -> str:
        """The vis-network shape of a value."""
        return self.style(value).shape

    def marker(self, value) -> str:
        """The matplotlib marker of a value."""
        return self.style(value).marker

    def legend(self) -> list[tuple[str, Style]]:
        """(label, style) pairs in legend order."""
        return [("missing" if k is None else str(k), s) for k, s in self.styles.items()]


#: The organisation type whose people keep their shape whatever the colouring: the partnership's own staff.
TEAM = "partnership team"


@dataclass(frozen=True)
class TeamShapes:
    """The shapes of a colouring once the partnership team keeps its square (:func:`team_shapes`).

    Attributes
    ----------
    shapes : list of str
        vis-network shape of each person, in the order given.
    legend : dict
        Legend label -> shape: under a colouring by organisation, the
        organisations whose people are all in the team show the square in
        the legend too.
    note : str
        A legend line for the square ("square: partnership team"), or ""
        when no person's shape changed or the legend entries show it.
    """

    shapes: list
    legend: dict
    note: str

    @property
    def markers(self) -> list[str]:
        """The matplotlib marker of each person."""
        return [_MPL_MARKER[s] for s in self.shapes]


def team_shapes(pal: Palette, values, org_types) -> TeamShapes:
    """Each person's shape under a colouring, the partnership team keeping its square.

    A colouring whose categories differ by colour alone (every legend
    shape a dot: a role, seniority, an organisation among seven or
    fewer, a measure) draws the people of the partnership team in the
    square the organisation-type colouring gives them, so the team stays
    recognisable whatever the colouring. A colouring that needs shapes for
    its own categories (more than seven) keeps them, and the
    organisation-type colouring is its own rule.

    Parameters
    ----------
    pal : Palette
        The colouring (:func:`palette_for`).
    values : sequence
        Each person's value of the colouring's attribute.
    org_types : sequence
        Each person's organisation type, in the same order.

    Returns
    -------
    TeamShapes

    Examples
    --------
    >>> pal = palette_for("seniority", ["senior", "junior", "senior"])
    >>> t = team_shapes(pal, ["senior", "junior", "senior"], ["police", "partnership team", "health"])
    >>> t.shapes, t.note
    (['dot', 'square', 'dot'], 'square: partnership team')
    >>> orgs = ["Police", "Team", "Team"]
    >>> team_shapes(palette_for("organisation", orgs), orgs, ["police", "partnership team", "partnership team"])
    TeamShapes(shapes=['dot', 'square', 'square'], legend={'Team': 'square'}, note='')
    """
    values, org_types = list(values), [_plain(t) for t in org_types]
    shapes = [pal.shape(v) for v in values]
    team = [t == TEAM for t in org_types]
    if pal.attr == "org_type" or not any(team) or any(st.shape != "dot" for _, st in pal.legend()):
        return TeamShapes(shapes, {}, "")
    square = ORG_TYPE_STYLE[TEAM].shape
    shapes = [square if t else s for s, t in zip(shapes, team)]
    if pal.attr != "organisation":
        return TeamShapes(shapes, {}, f"{square}: {TEAM}")
    # coloured by organisation: the team's own organisation shows its square in the legend
    label_of = {k: label for k, (label, _) in zip(pal.styles, pal.legend())}
    members: dict = {}
    for v, t in zip(values, team):
        members.setdefault(pal.category(v), []).append(t)
    legend = {label_of[k]: square for k, ts in members.items() if all(ts) and k in label_of}
    covered = all(all(members[pal.category(v)]) for v, t in zip(values, team) if t)
    return TeamShapes(shapes, legend, "" if covered else f"{square}: {TEAM}")


def _format_number(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def _numeric_palette(attr: str, values: list) -> Palette:
    finite = [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if not finite:
        return Palette(attr, {"missing": Style(GREY)}, bins=[])
    lo, hi = min(finite), max(finite)
    k = len(SEQUENTIAL) if hi > lo else 1
    step = (hi - lo) / k if k > 1 else 0.0
    bins = [(lo + i * step, hi if i == k - 1 else lo + (i + 1) * step) for i in range(k)]
    styles = {}
    for i, (a, b) in enumerate(bins):
        colour = SEQUENTIAL[round(i * (len(SEQUENTIAL) - 1) / (k - 1))] if k > 1 else SEQUENTIAL[2]
        label = _format_number(a) if k == 1 else f"{_format_number(a)} to {_format_number(b)}"
        styles[label] = Style(colour)
    if len(finite) < len(values):
        styles["missing"] = Style(GREY)
    return Palette(attr, styles, bins=bins)


def palette_for(attr: str, values) -> Palette:
    """The palette of an attribute, given every value it takes in a graph.

    Parameters
    ----------
    attr : str
        The attribute, e.g. ``"org_type"``, ``"organisation"``, ``"role"``,
        or a measure such as ``"betweenness"``.
    values : iterable
        Its values over the whole graph (pass the whole graph's values even
        when drawing part of it, so the colours stay the same).

    Returns
    -------
    Palette

    Raises
    ------
    ParameterError
        If ``values`` is empty.

    Notes
    -----
    - ``org_type`` has a fixed style per type (:data:`ORG_TYPE_STYLE`), the
      same in every case.
    - Any other category (organisation, role, ...) takes the Okabe-Ito
      colours [1]_ in :func:`category_order`; after the seventh category
      the colours repeat with the next shape (dot, square, triangle, ...),
      so up to 49 categories stay distinguishable. Booleans read as
      ``yes``/``no``.
    - A numeric measure is cut into five equal-width classes between its
      minimum and maximum, coloured by viridis, which is ordered in
      lightness and safe for colour-vision deficiency [2]_.

    References
    ----------
    .. [1] Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to
       make figures and presentations that are friendly to colorblind
       people. https://jfly.uni-koeln.de/color/
    .. [2] Nunez, J. R., Anderton, C. R. & Renslow, R. S. (2018). Optimizing
       colormaps with consideration for color vision deficiency.
       *PLoS ONE* 13(7), e0199239.

    Examples
    --------
    >>> p = palette_for("org_type", ["police", "district council"])
    >>> p.colour("police"), p.shape("police")
    ('#CC79A7', 'dot')
    >>> [label for label, _ in p.legend()]
    ['district council', 'police']
    >>> orgs = palette_for("organisation", [f"Org {i:02d}" for i in range(9)])
    >>> orgs.style("Org 00"), orgs.style("Org 07")
    (Style(colour='#E69F00', shape='dot'), Style(colour='#E69F00', shape='square'))
    >>> m = palette_for("in_degree", [0, 2, 4, 6, 8, 10])
    >>> m.category(3), m.colour(10)
    ('2 to 4', '#440154')
    """
    values = [_plain(v) for v in values]
    if not values:
        raise ParameterError(f"cannot make a palette for {attr!r}: the graph has no values of it")
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return _numeric_palette(attr, values)
    cats = category_order(attr, values)
    if attr == "org_type":
        styles = {c: ORG_TYPE_STYLE.get(c, ORG_TYPE_STYLE["other"]) for c in cats}
    else:
        styles = {}
        i = 0
        for c in cats:
            if c is None:
                styles[c] = Style(GREY, "dot")
                continue
            styles[c] = Style(OKABE_ITO[i % len(OKABE_ITO)], SHAPES[(i // len(OKABE_ITO)) % len(SHAPES)][0])
            i += 1
    return Palette(attr, styles)


def _plain(value):
    """:func:`partnet._values.plain`, booleans then shown as yes/no."""
    value = plain(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def tie_width(frequency, scale: str = "frequency", top=None) -> float:
    """Line width of a tie in every drawing: the page, the figures and the ego sheets.

    Parameters
    ----------
    frequency : int or float or None
        The tie's value (the ``frequency`` edge attribute): a contact
        frequency 1 (yearly) .. 5 (daily), a count, or 1 for a binary tie.
    scale : {"frequency", "binary", "count"}, default "frequency"
        The relation's scale (``G.graph["scale"]``,
        :data:`partnet.schema.SCALES`).
    top : number, optional
        On a count scale, the largest value of the relation
        (:func:`width_rule` finds it).

    Returns
    -------
    float
        Frequency: ``1 + 1.1 * (frequency - 1)``, 1 for yearly contact up
        to 5.4 for daily, in the drawing's line units (px on the page,
        points in figures). Count: from 1 for a count of 1 to 5.4 for
        ``top``, growing with the square root of the count (area, not
        length, follows the value, as for node sizes), so one tie of 500
        messages does not hide the rest. Binary, or a tie with no value:
        1.5.

    Examples
    --------
    >>> [round(tie_width(f), 2) for f in (1, 3, 5, None, float("nan"))]
    [1.0, 3.2, 5.4, 1.5, 1.5]
    >>> [round(tie_width(v, "count", top=100), 2) for v in (1, 25, 100)]
    [1.0, 3.17, 5.4]
    >>> tie_width(1, "binary")
    1.5
    """
    import numbers

    if not (isinstance(frequency, numbers.Real) and not isinstance(frequency, bool) and frequency == frequency):
        return 1.5
    if scale == "binary":
        return 1.5
    if scale == "count":
        if top is None or not top > 1:
            return 1.5
        share = (min(max(float(frequency), 1.0), float(top)) - 1.0) / (float(top) - 1.0)
        return 1.0 + 4.4 * math.sqrt(share)
    return 1.0 + 1.1 * (float(frequency) - 1.0)


def width_rule(G):
    """The tie width of ``G``'s ties as a function of a tie's value (:func:`tie_width` for its scale).

    The scale is ``G.graph["scale"]`` (frequency when absent); on a count
    scale the widest tie is ``G.graph["highest"]`` (the largest value of
    the relation, set by :meth:`partnet.Case.graph`, so that an ego sheet
    and the whole page agree), else the largest value among ``G``'s ties.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(scale="count")
    >>> G.add_edge("a", "b", frequency=9); G.add_edge("b", "c", frequency=1)
    >>> width = width_rule(G)
    >>> width(9), width(1)
    (5.4, 1.0)
    """
    scale = G.graph.get("scale", "frequency")
    top = None
    if scale == "count":
        top = G.graph.get("highest")
        if top is None:
            values = [d.get("frequency") for _, _, d in G.edges(data=True)]
            values = [v for v in values if isinstance(v, (int, float)) and v == v]
            top = max(values, default=None)
    return functools.partial(tie_width, scale=scale, top=top)

"""Statistical charts: heatmaps, distributions and bar charts of network measures.

Each function draws one chart of numbers about people, groups, themes or
cases (block densities, a degree distribution, themes by network
position, measures of several cases side by side) with matplotlib,
returns the axes, and on ``ax=None`` makes a new figure with
:func:`partnet.viz.figures.new_axes`. Group colours come from
:mod:`partnet.viz.palette`, the same as in the network drawings.

The heatmaps and the stacked histogram are the figures seaborn 0.13's
``heatmap`` and ``histplot`` draw, artist for artist (files byte-identical),
drawn directly, which is faster: seaborn's heatmap draws the whole figure
once to test its tick labels. seaborn still draws the cumulative
distributions (``kind="ecdf"``), theme tables of more than 12 columns
(whose labels it turns upright when they overlap) and, when no value is a
number, the empty histogram.
"""

from __future__ import annotations

import textwrap

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd

from partnet.errors import ParameterError, check_choice, choice_error
from partnet.metrics.tables import measure_for
from partnet.viz._inputs import check_graph, node_values
from partnet.viz._shared import attribute_label
from partnet.viz.figures import STYLE, new_axes
from partnet.viz.palette import GREY, OKABE_ITO, palette_for

__all__ = ["block_density_heatmap", "degree_distribution", "theme_position_heatmap", "case_comparison_bars"]


# ---------------------------------------------------------------- seaborn's drawings in plain matplotlib
# seaborn 0.13's heatmap draws the whole figure once to test its tick labels for overlap, and its
# histplot goes through a general plotter; the two below draw the same artists directly (same order,
# colours, texts, limits and first layout), 30-60 ms faster per heatmap and about 20 ms per histogram.
# tests/test_charts_drawing.py compares them with seaborn's.


def _utf8(x) -> str:
    return x if isinstance(x, str) else x.decode("utf-8") if isinstance(x, bytes) else str(x)


def _tick_text(index) -> list:
    """Tick labels of a table axis, as seaborn writes them (a MultiIndex joined with "-")."""
    if isinstance(index, pd.MultiIndex):
        return ["-".join(map(_utf8, values)) for values in index.values]
    return index.values


def _axis_name(index) -> str:
    """An axis title from a table axis's name, as seaborn gives it."""
    if isinstance(index, pd.MultiIndex):
        return "-".join(_utf8(x) for x in index.names)
    return "" if index.name is None else index.name


def _label_ticks(ax, labels, which: int):
    """Ticks at the cell centres, thinned as seaborn's ``_auto_ticks`` does when labels would not fit."""
    size = ax.get_window_extent().transformed(ax.figure.dpi_scale_trans.inverted())
    size = [size.width, size.height][which]
    tick, = (ax.xaxis, ax.yaxis)[which].set_ticks([0])
    most = int(size // (tick.label1.get_size() / 72))
    if most < 1:
        return [], []
    every = len(labels) // most + 1
    return np.arange(0, len(labels), every) + 0.5, labels[::every]


def _heatmap(table: pd.DataFrame, ax, *, cmap, vmin: float, vmax: float, annot: bool, fmt: str, square: bool,
             cbar_label: str):
    """What ``seaborn.heatmap`` draws (cell edges 0.5 white, colour bar shrunk 0.8, annotations 7 pt).

    Not its upright turn of overlapping tick labels: the callers set the labels' rotation themselves.
    Cells are ``ax.collections[0]``, the annotations ``ax.texts`` row by row, in black (".15") or white
    by the cell colour's relative luminance, as seaborn chooses them.
    """
    from matplotlib.colors import ListedColormap

    if isinstance(cmap, str):
        if cmap not in matplotlib.colormaps:
            import seaborn  # noqa: F401  (registers seaborn's colour maps: mako, rocket, ...)
        cmap = matplotlib.colormaps[cmap]
    elif isinstance(cmap, list):
        cmap = ListedColormap(cmap)
    values = np.ma.masked_where(table.isna().to_numpy(), table.to_numpy())
    if square:
        ax.set_aspect("equal")
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    mesh = ax.pcolormesh(values, cmap=cmap, linewidths=0.5, edgecolor="white", vmin=vmin, vmax=vmax)
    rows, columns = table.shape
    ax.set(xlim=(0, columns), ylim=(0, rows))
    ax.invert_yaxis()
    bar = ax.figure.colorbar(mesh, None, ax, label=cbar_label, shrink=0.8)
    bar.outline.set_linewidth(0)
    xticks, xlabels = _label_ticks(ax, _tick_text(table.columns), 0)
    yticks, ylabels = _label_ticks(ax, _tick_text(table.index), 1)
    ax.set(xticks=xticks, yticks=yticks)
    ax.set_xticklabels(xlabels)
    for label in ax.set_yticklabels(ylabels, rotation="vertical"):
        label.set_verticalalignment("center")
    # seaborn draws the figure here, which lays it out once with these labels; a constrained layout
    # starts from where the last one left the axes, so the saved file depends on that first layout
    # (with long names, by a few percent of the cells' size). Lay it out the same, without drawing.
    engine = ax.figure.get_layout_engine()
    if engine is not None:
        engine.execute(ax.figure)
    ax.set(xlabel=_axis_name(table.columns), ylabel=_axis_name(table.index))
    mesh.update_scalarmappable()
    if annot:
        rgb = np.asarray(mesh.get_facecolors())[:, :3]
        rgb = np.where(rgb <= .03928, rgb / 12.92, ((rgb + .055) / 1.055) ** 2.4)
        dark = rgb.dot([.2126, .7152, .0722]) > .408          # seaborn.utils.relative_luminance
        spec = "{:" + fmt + "}"
        for n, (value, masked) in enumerate(zip(values.data.flat, np.ma.getmaskarray(values).flat)):
            if not masked:
                i, j = divmod(n, columns)
                ax.text(j + .5, i + .5, spec.format(value), color=".15" if dark[n] else "w", ha="center",
                        va="center", fontsize=7)
    return mesh


def _stacked_histogram(frame: pd.DataFrame, x: str, hue: str, order: list, colours: dict, ax, *, discrete: bool,
                       shrink: float):
    """What ``seaborn.histplot(multiple="stack", edgecolor="white", linewidth=0.5)`` draws.

    Common bins over every group (one per whole number when ``discrete``, else numpy's "auto" bins);
    bars in colour at alpha 0.75, the last group of ``order`` at the bottom and drawn first; a legend
    of every group of ``order`` titled ``hue``.
    """
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Patch

    forward = ax.xaxis.get_transform().transform
    back = ax.xaxis.get_transform().inverted().transform
    values = frame[x].mask(frame[x].isin([np.inf, -np.inf])).astype(float)
    kept = values.notna()
    if not kept.any():      # nothing to count: leave the corner cases to seaborn
        import seaborn as sns

        sns.histplot(frame, x=x, hue=hue, hue_order=order, multiple="stack", discrete=discrete,
                     palette=colours, ax=ax, edgecolor="white", linewidth=0.5, shrink=shrink)
        return
    values = pd.Series(forward(values[kept].to_numpy()), index=values.index[kept])
    groups = frame.loc[kept, hue]
    start, stop = values.min(), values.max()
    edges = np.arange(start - .5, stop + 1.5) if discrete else np.histogram_bin_edges(values, "auto")
    bins = dict(bins=len(edges) - 1, range=(edges.min(), edges.max()))
    counts = {}
    for level in order:
        part = values[groups == level]
        if len(part):
            counts[level], edges = np.histogram(part, **bins)
    widths = np.diff(edges)
    left = edges[:-1] + widths / 2 - widths / 2
    widths = back(left + widths) - back(left)
    left = back(left) + (1 - shrink) / 2 * widths
    widths = widths * shrink
    bottom = np.zeros(len(widths))
    for level in reversed(list(counts)):             # the last group at the bottom, drawn first
        top = bottom + counts[level]
        bars = ax.bar(left, top - bottom, widths, bottom, align="edge", facecolor=to_rgba(colours[level], .75),
                      color="none", edgecolor="white", linewidth=0.5)
        for bar in bars:
            bar.sticky_edges.x[:] = []
            bar.sticky_edges.y[:] = (0, np.inf)
        bottom = top
    if not ax.get_xlabel():
        ax.set_xlabel(x, visible=any(t.get_visible() for t in ax.get_xticklabels()))
    if not ax.get_ylabel():
        ax.set_ylabel("Count", visible=any(t.get_visible() for t in ax.get_yticklabels()))
    ax.legend([Patch(facecolor=to_rgba(colours[level], .75), edgecolor="white", linewidth=0.5) for level in order],
              list(order), title=hue)


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
    with matplotlib.rc_context(STYLE):
        if ax is None:
            side = min(max(2.6, 0.55 * k + 2.2), 9.0)
            ax = new_axes((side + 1.0, side))
        _heatmap(table, ax, cmap=cmap, vmin=0.0, vmax=vmax if vmax is not None else max(
            float(np.nanmax(table.to_numpy())) if table.notna().any().any() else 1.0, 1e-9),
            annot=annot and k <= 20, fmt=".2f", square=True, cbar_label="density")
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


#: The degrees :func:`degree_distribution` counts from the graph itself.
_COUNTED = ("in_degree", "out_degree", "degree")


def _holds_numbers(column: pd.Series) -> bool:
    """Whether every value present in a node-table column is a number (or text of one)."""
    if pd.api.types.is_numeric_dtype(column):
        return True
    try:
        return bool((pd.to_numeric(column, errors="coerce").notna() == column.notna()).all())
    except (TypeError, ValueError):
        return False


def _measure_values(G, node_table, measure) -> list:
    """The values of ``measure`` in node order: a node-table column of numbers, else a degree counted from ``G``."""
    columns = [] if node_table is None else [c for c in node_table.columns if _holds_numbers(node_table[c])]
    check_choice(measure, columns + [m for m in _COUNTED if m not in columns], "measure",
                 what="a degree or a numeric column of node_table")
    nodes = list(G)
    if measure in columns:
        return list(node_table.loc[nodes, measure])
    counted = {"in_degree": G.in_degree if G.is_directed() else G.degree,
               "out_degree": G.out_degree if G.is_directed() else G.degree, "degree": G.degree}
    return [counted[measure](v) for v in nodes]


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
        For an unknown ``kind``, ``measure`` or ``by`` (with the nearest
        name); for a ``measure`` that is not a degree or a node-table
        column of numbers (a text attribute such as ``"organisation"``).

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
    >>> degree_distribution(G, measure="organisation")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: measure must be a degree or a numeric column of node_table (in_degree,
    out_degree, degree); 'organisation' was given
    """
    check_graph(G)
    check_choice(kind, ("hist", "ecdf"), "kind")
    measure = measure_for(measure, G) if isinstance(measure, str) else measure
    values = _measure_values(G, node_table, measure)
    groups = node_values(G, by, node_table, "by")
    pal = palette_for(by, groups)
    labels = [pal.category(g) for g in groups]
    order = [label for label, _ in pal.legend() if label in set(map(str, labels))]
    frame = pd.DataFrame({measure: pd.to_numeric(pd.Series(values), errors="coerce"),
                          by: pd.Series([str(x) for x in labels], dtype=object)})
    colours = {label: s.colour for label, s in pal.legend()}
    with matplotlib.rc_context(STYLE):
        if ax is None:
            ax = new_axes((6.0, 3.6))
        if kind == "hist":
            whole = frame[measure].dropna()
            discrete = bool(len(whole)) and bool((whole == whole.round()).all())
            _stacked_histogram(frame, measure, by, order, colours, ax, discrete=discrete,
                               shrink=0.9 if discrete else 1)
            ax.set_ylabel("people")
        else:
            import seaborn as sns

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
    data = _numeric_table(table, "the theme table")
    shares = bool(((data >= 0) & (data <= 1)).all().all())
    top = vmax if vmax is not None else (1.0 if shares else float(np.nanmax(data.to_numpy())) or 1.0)
    with matplotlib.rc_context(STYLE):
        if ax is None:
            ax = new_axes((min(2.8 + 1.1 * data.shape[1], 9.0), min(1.4 + 0.38 * data.shape[0], 10.0)))
        if data.shape[1] <= 12:
            _heatmap(data, ax, cmap=cmap, vmin=0.0, vmax=top, annot=True, fmt=fmt, square=False,
                     cbar_label=value_label)
        else:   # seaborn turns the column labels upright if they overlap, which needs a trial draw
            import seaborn as sns

            sns.heatmap(data, ax=ax, cmap=cmap, vmin=0.0, vmax=top, annot=True, fmt=fmt, linewidths=0.5,
                        linecolor="white", cbar_kws={"label": value_label, "shrink": 0.8},
                        annot_kws={"fontsize": 7})
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
    with matplotlib.rc_context(STYLE):
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
    with matplotlib.rc_context(STYLE):
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


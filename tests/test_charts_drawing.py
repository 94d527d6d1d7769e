"""The charts drawn without seaborn: what they show, and the same figure as seaborn 0.13 draws.

``degree_distribution``'s stacked histogram and the two heatmaps are drawn with matplotlib directly
(partnet.viz.charts); these tests check every bar and annotation against the data, and the whole
figure against the one the seaborn calls they replace draw (``_seaborn_*`` below, the charts as
they were before).
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import Normalize, to_rgba

import partnet as pn
from partnet import metrics, mixed
from partnet.viz._inputs import node_values
from partnet.viz._shared import attribute_label
from partnet.viz.charts import block_density_heatmap, degree_distribution, theme_position_heatmap
from partnet.viz.figures import STYLE, new_axes
from partnet.viz.palette import palette_for

EXAMPLES = Path(__file__).parent.parent / "data" / "examples"


@pytest.fixture(scope="module")
def shire():
    case = pn.load_case(EXAMPLES / "shire")
    G = case.graph()
    return case, G, metrics.node_table(G)


@pytest.fixture(scope="module")
def shire_themes(shire):
    """The themes-by-position table as the case-study notebook draws it."""
    case, G, _ = shire
    shares = mixed.statistics_by_themes(case, G, anonymise=True).xs("share", axis=1, level="measure")
    shares = shares.droplevel("split", axis=1)
    shares.columns.name = "network position"
    return shares


def text_colour(rgba) -> str:
    """Dark text on light cells, white on dark: W3C relative luminance over 0.408, as seaborn chooses."""
    rgb = np.asarray(rgba[:3], dtype=float)
    rgb = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return ".15" if rgb @ [0.2126, 0.7152, 0.0722] > 0.408 else "w"


# ---------------------------------------------------------------- what is drawn


def test_histogram_stacks_each_groups_count_per_degree(shire):
    case, G, nodes = shire
    ax = degree_distribution(G, nodes, measure="in_degree")
    pal = palette_for("org_type", node_values(G, "org_type"))
    groups = [str(pal.category(g)) for g in node_values(G, "org_type")]
    order = [label for label, _ in pal.legend() if label in set(groups)]
    colour = {label: to_rgba(s.colour, 0.75) for label, s in pal.legend()}
    counts = pd.crosstab(nodes.loc[list(G), "in_degree"].to_numpy(), np.array(groups))
    values = range(int(nodes["in_degree"].min()), int(nodes["in_degree"].max()) + 1)
    counts = counts.reindex(index=values, columns=order, fill_value=0)
    # the last group of the legend at the bottom, drawn first; one bar per group and degree, empty ones too
    expected = []
    for k, group in reversed(list(enumerate(order))):
        below = counts[order[k + 1:]].sum(axis=1)
        expected += [(v, float(below[v]), float(counts.at[v, group]), colour[group]) for v in values]
    drawn = [(round(p.get_x() + p.get_width() / 2, 9), p.get_y(), p.get_height(), p.get_facecolor())
             for p in ax.patches]
    assert drawn == expected
    assert all(p.get_width() == pytest.approx(0.9) for p in ax.patches)
    assert {(p.get_edgecolor(), p.get_linewidth()) for p in ax.patches} == {((1.0, 1.0, 1.0, 1.0), 0.5)}
    tops = {}
    for p in ax.patches:
        x = round(p.get_x() + p.get_width() / 2)
        tops[x] = max(tops.get(x, 0), p.get_y() + p.get_height())
    assert tops == {v: float(n) for v, n in counts.sum(axis=1).items()}
    assert sum(p.get_height() for p in ax.patches) == G.number_of_nodes()
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "organisation type" and not legend.get_frame_on()
    assert [t.get_text() for t in legend.get_texts()] == order
    assert [h.get_facecolor() for h in legend.legend_handles] == [colour[g] for g in order]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (attribute_label("in_degree"), "people")


def test_histogram_of_a_measure_with_fractions_uses_common_bins(shire):
    case, G, nodes = shire
    ax = degree_distribution(G, nodes, measure="betweenness", by="organisation")
    edges = np.histogram_bin_edges(nodes["betweenness"].to_numpy(dtype=float), "auto")
    lefts = sorted({round(p.get_x(), 9) for p in ax.patches})
    np.testing.assert_allclose(lefts, edges[:-1], atol=1e-9)
    tops = {}
    for p in ax.patches:
        tops[round(p.get_x(), 9)] = max(tops.get(round(p.get_x(), 9), 0), p.get_y() + p.get_height())
    whole, _ = np.histogram(nodes["betweenness"].to_numpy(dtype=float), bins=len(edges) - 1,
                            range=(edges[0], edges[-1]))
    assert [tops[x] for x in lefts] == whole.astype(float).tolist()
    assert ax.get_legend().get_title().get_text() == "organisation"


def test_block_density_heatmap_annotations_and_cells(shire):
    case, G, _ = shire
    table = metrics.block_density(G, "organisation")
    table.iloc[0, 1] = np.nan            # a blank cell, written "n/a"
    ax = block_density_heatmap(table)
    values = table.to_numpy(dtype=float)
    k = len(table)
    mesh = ax.collections[0]
    np.testing.assert_array_equal(np.ma.getmaskarray(mesh.get_array()), np.isnan(values))
    np.testing.assert_array_equal(np.ma.getdata(mesh.get_array())[~np.isnan(values)], values[~np.isnan(values)])
    assert mesh.get_cmap().name == "viridis" and mesh.get_clim() == (0.0, np.nanmax(values))
    assert mesh.get_linewidths()[0] == 0.5 and to_rgba(mesh.get_edgecolor()[0]) == (1.0, 1.0, 1.0, 1.0)
    norm = Normalize(0.0, np.nanmax(values))
    cmap = matplotlib.colormaps["viridis"]
    expected = [(f"{v:.2f}", (j + 0.5, i + 0.5), to_rgba(text_colour(cmap(norm(v)))))
                for i in range(k) for j in range(k) if not np.isnan(v := values[i, j])]
    expected.append(("n/a", (1.5, 0.5), to_rgba("#555555")))
    assert [(t.get_text(), t.get_position(), to_rgba(t.get_color())) for t in ax.texts] == expected
    assert {(t.get_ha(), t.get_va(), t.get_fontsize()) for t in ax.texts} == {("center", "center", 7.0)}
    assert any(t.get_color() == "w" for t in ax.texts) and any(t.get_color() == ".15" for t in ax.texts)
    names = [str(g) for g in table.index]
    assert [t.get_text() for t in ax.get_xticklabels()] == names == [t.get_text() for t in ax.get_yticklabels()]
    assert list(ax.get_xticks()) == list(ax.get_yticks()) == [i + 0.5 for i in range(k)]
    assert {(t.get_rotation(), t.get_ha(), t.get_rotation_mode()) for t in ax.get_xticklabels()} == {
        (45.0, "right", "anchor")}
    assert {(t.get_rotation(), t.get_va()) for t in ax.get_yticklabels()} == {(0.0, "center")}
    assert ax.get_xlim() == (0.0, k) and ax.get_ylim() == (k, 0.0)       # first row at the top
    assert ax.get_aspect() == 1.0 and not any(s.get_visible() for s in ax.spines.values())
    assert len(ax.figure.axes) == 2 and ax.figure.axes[1].get_ylabel() == "density"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("to (organisation)", "from (organisation)")


def test_theme_heatmap_annotations_and_labels(shire_themes):
    ax = theme_position_heatmap(shire_themes)
    values = shire_themes.to_numpy(dtype=float)
    rows, columns = values.shape
    mesh = ax.collections[0]
    assert mesh.get_cmap().name == "mako_r" and mesh.get_clim() == (0.0, 1.0)
    cmap = mesh.get_cmap()
    expected = [(f"{values[i, j]:.0%}", (j + 0.5, i + 0.5), text_colour(cmap(values[i, j])))
                for i in range(rows) for j in range(columns)]
    assert [(t.get_text(), t.get_position(), t.get_color()) for t in ax.texts] == expected
    assert {t.get_color() for t in ax.texts} == {".15", "w"}
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        textwrap.fill(str(c), 11, break_long_words=False) for c in shire_themes.columns]
    assert "other\ndirectorates" in [t.get_text() for t in ax.get_xticklabels()]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(shire_themes.index)
    assert {t.get_rotation() for t in ax.get_xticklabels() + ax.get_yticklabels()} == {0.0}
    assert ax.get_ylim() == (rows, 0.0) and ax.get_aspect() == "auto"
    assert ax.figure.axes[1].get_ylabel() == "share of people mentioning"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("network position", "theme")


def test_theme_heatmap_thins_the_labels_of_many_themes():
    """Too many rows for a label each: every n-th row labelled, as seaborn's "auto" tick labels do."""
    table = pd.DataFrame(np.linspace(0, 1, 240).reshape(120, 2), columns=["core", "periphery"],
                         index=[f"theme {i}" for i in range(120)])
    ax = theme_position_heatmap(table)
    shown = [t.get_text() for t in ax.get_yticklabels()]
    every = int(shown[1].split()[1])
    assert every > 1 and shown == [f"theme {i}" for i in range(0, 120, every)]
    assert list(ax.get_yticks()) == [i + 0.5 for i in range(0, 120, every)]
    assert len(ax.texts) == 240                       # every cell still annotated


# ---------------------------------------------------------------- the same as seaborn's


def _seaborn_histogram(G, node_table, measure="in_degree", by="org_type"):
    import seaborn as sns

    from partnet.viz.charts import _measure_values

    values = _measure_values(G, node_table, measure)
    groups = node_values(G, by, node_table, "by")
    pal = palette_for(by, groups)
    labels = [pal.category(g) for g in groups]
    order = [label for label, _ in pal.legend() if label in set(map(str, labels))]
    frame = pd.DataFrame({measure: pd.to_numeric(pd.Series(values), errors="coerce"),
                          by: pd.Series([str(x) for x in labels], dtype=object)})
    with matplotlib.rc_context(STYLE):
        ax = new_axes((6.0, 3.6))
        whole = frame[measure].dropna()
        discrete = bool(len(whole)) and bool((whole == whole.round()).all())
        sns.histplot(frame, x=measure, hue=by, hue_order=order, multiple="stack", discrete=discrete,
                     palette={label: s.colour for label, s in pal.legend()}, ax=ax, edgecolor="white",
                     linewidth=0.5, shrink=0.9 if discrete else 1)
        ax.set_ylabel("people")
        ax.set_xlabel(attribute_label(measure))
        ax.get_legend().set_title(attribute_label(by))
        ax.get_legend().set_frame_on(False)
    return ax


def _seaborn_block_density(table):
    import seaborn as sns

    k = len(table)
    with matplotlib.rc_context(STYLE):
        side = min(max(2.6, 0.55 * k + 2.2), 9.0)
        ax = new_axes((side + 1.0, side))
        sns.heatmap(table, ax=ax, cmap="viridis", vmin=0.0, vmax=max(float(np.nanmax(table.to_numpy())), 1e-9),
                    annot=k <= 20, fmt=".2f", square=True, linewidths=0.5, linecolor="white",
                    cbar_kws={"label": "density", "shrink": 0.8}, annot_kws={"fontsize": 7})
        for i, j in zip(*np.where(table.isna().to_numpy())):
            ax.text(j + 0.5, i + 0.5, "n/a", ha="center", va="center", fontsize=7, color="#555555")
        ax.set_xlabel("to (organisation)")
        ax.set_ylabel("from (organisation)")
        ax.tick_params(axis="x", labelrotation=45)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
        ax.tick_params(axis="y", labelrotation=0)
    return ax


def _seaborn_themes(data):
    import seaborn as sns

    with matplotlib.rc_context(STYLE):
        ax = new_axes((min(2.8 + 1.1 * data.shape[1], 9.0), min(1.4 + 0.38 * data.shape[0], 10.0)))
        sns.heatmap(data, ax=ax, cmap="mako_r", vmin=0.0, vmax=1.0, annot=True, fmt=".0%", linewidths=0.5,
                    linecolor="white", cbar_kws={"label": "share of people mentioning", "shrink": 0.8},
                    annot_kws={"fontsize": 7})
        ax.set_xlabel(str(data.columns.name or "network position"))
        ax.set_ylabel(str(data.index.name or "theme"))
        ax.tick_params(axis="y", labelrotation=0)
        ax.set_xticks(ax.get_xticks(), [textwrap.fill(t.get_text(), 11, break_long_words=False)
                                        for t in ax.get_xticklabels()], rotation=0)
    return ax


def _png(ax):
    from PIL import Image

    buf = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        ax.figure.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    return np.asarray(Image.open(buf).convert("RGBA"), dtype=int)


def _content(ax):
    legend = ax.get_legend()
    return {"texts": [(t.get_text(), t.get_position(), to_rgba(t.get_color()), t.get_fontsize()) for t in ax.texts],
            "ticks": [(t.get_text(), t.get_position(), t.get_rotation()) for t in ax.get_xticklabels()
                      + ax.get_yticklabels()],
            "bars": [(p.get_x(), p.get_y(), p.get_width(), p.get_height(), p.get_facecolor()) for p in ax.patches],
            "legend": legend and [t.get_text() for t in legend.get_texts()],
            "limits": (ax.get_xlim(), ax.get_ylim())}


@pytest.mark.parametrize("chart", ["histogram", "histogram of betweenness", "block density", "themes",
                                   "many themes"])
def test_charts_are_the_figures_seaborn_draws(shire, shire_themes, chart):
    """Same artists, and the same picture: a constrained layout depends on seaborn's trial draw."""
    case, G, nodes = shire
    blocks = metrics.block_density(G, "organisation")
    many = pd.DataFrame(np.linspace(0, 1, 240).reshape(120, 2), columns=["core", "periphery"],
                        index=[f"theme {i}" for i in range(120)])
    new, old = {
        "histogram": lambda: (degree_distribution(G, nodes), _seaborn_histogram(G, nodes)),
        "histogram of betweenness": lambda: (degree_distribution(G, nodes, measure="betweenness", by="organisation"),
                                             _seaborn_histogram(G, nodes, "betweenness", "organisation")),
        "block density": lambda: (block_density_heatmap(blocks), _seaborn_block_density(blocks)),
        "themes": lambda: (theme_position_heatmap(shire_themes), _seaborn_themes(shire_themes)),
        "many themes": lambda: (theme_position_heatmap(many), _seaborn_themes(many)),
    }[chart]()
    a, b = _png(new), _png(old)
    assert a.shape == b.shape
    differ = (np.abs(a - b).max(axis=2) > 0).mean()
    assert differ < 0.001, f"{differ:.2%} of the pixels differ from seaborn's drawing"
    assert _content(new) == _content(old)

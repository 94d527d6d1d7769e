"""Publication figures: what they draw, and files identical from run to run."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import partnet as pn
from partnet.errors import ParameterError
from partnet.viz import interactive
from partnet.viz.figures import (
    block_density_heatmap,
    case_comparison_bars,
    degree_distribution,
    ego_network,
    new_axes,
    save_figure,
    sociogram,
    theme_position_heatmap,
)
from partnet.viz.palette import ORG_TYPE_STYLE

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def example():
    case = pn.load_case(FIXTURES / "example")
    return case, case.graph()


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    from partnet.synth import synth_case

    case = pn.load_case(synth_case(tmp_path_factory.mktemp("c") / "figs", 6, 50, seed=2))
    return case, case.graph()


def degrees(G):
    return pd.DataFrame({"in_degree": dict(G.in_degree()), "out_degree": dict(G.out_degree())}).loc[list(G)]


def node_offsets(ax):
    return np.vstack([c.get_offsets() for c in ax.collections if c.get_gid() == "nodes"])


def test_sociogram_draws_every_person_and_tie(example):
    case, G = example
    ax = sociogram(G, degrees(G), seed=1)
    assert len(node_offsets(ax)) == 4
    shafts = [c for c in ax.collections if c.get_gid() == "edges"]
    heads = [c for c in ax.collections if c.get_gid() == "arrowheads"]
    assert len(shafts) == len(heads) == 1
    assert len(shafts[0].get_segments()) == len(heads[0].get_paths()) == G.number_of_edges()
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "label") == [
        "Ada Quintrell", "Cerys Vantongeren", "Dov Haraldsen", "NDC-01"]  # Bram Okonjo (p2) did not consent
    anonymous = sociogram(G, degrees(G), anonymise=True)
    assert sorted(t.get_text() for t in anonymous.texts if t.get_gid() == "label") == [
        "ECC-01", "ECC-02", "NDC-01", "NDC-02"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["district council", "county council"]


def test_sociogram_matches_the_page(synth):
    """Same seed, same measure: the printed picture is the page's layout and colours."""
    case, G = synth
    table = degrees(G)
    page = interactive(G, table, seed=4)
    ax = sociogram(G, table, seed=4)
    drawn = {tuple(p) for p in node_offsets(ax).round(6)}
    assert drawn == {tuple(map(float, page.positions[v])) for v in G}
    colours = {}
    for c in ax.collections:
        if c.get_gid() == "nodes":
            rgba = c.get_facecolor()[0]
            colours.update({tuple(p): "#{:02X}{:02X}{:02X}".format(*(round(x * 255) for x in rgba[:3]))
                            for p in c.get_offsets()})
    for v in G:
        assert colours[tuple(map(float, page.positions[v]))] == ORG_TYPE_STYLE[G.nodes[v]["org_type"]].colour


def test_sociogram_on_a_given_axes_and_big_graphs(synth):
    case, G = synth
    ax = new_axes((4, 3))
    assert sociogram(G, ax=ax, labels=False, legend=False) is ax
    assert not [t for t in ax.texts if t.get_gid() == "label"]
    U = G.to_undirected()
    ax = sociogram(U, labels=False)
    assert [c.get_gid() for c in ax.collections].count("edges") == 1


def test_ego_network_puts_contacts_on_a_circle(synth):
    case, G = synth
    hub = max(G, key=G.in_degree)
    ax = ego_network(G, hub)
    xy = node_offsets(ax)
    alters = set(G.predecessors(hub)) | set(G.successors(hub))
    assert len(xy) == len(alters) + 1
    radii = np.hypot(xy[:, 0], xy[:, 1])
    assert sorted(radii)[0] == 0.0
    assert np.allclose(sorted(radii)[1:], max(radii))
    with pytest.raises(ParameterError, match="person must be a person in the graph; 'nobody' was given"):
        ego_network(G, "nobody")


def test_block_density_heatmap_values():
    # Two groups: A = {a1, a2}, B = {b1}; ties a1->a2, a1->b1, b1->a2.
    table = pd.DataFrame([[0.5, 0.5], [1.0, np.nan]], index=["A", "B"], columns=["A", "B"])
    ax = block_density_heatmap(table)
    mesh = ax.collections[0]
    assert np.ma.getdata(mesh.get_array()).ravel()[:3].tolist() == [0.5, 0.5, 1.0]
    assert [t.get_text() for t in ax.texts] == ["0.50", "0.50", "1.00", "n/a"]
    assert ax.get_ylabel() == "from (organisation)"
    with pytest.raises(ParameterError, match="square"):
        block_density_heatmap(table.iloc[:, :1])


def test_degree_distribution_counts_people(synth):
    case, G = synth
    ax = degree_distribution(G, degrees(G))
    heights = {}
    for p in ax.patches:
        x = round(p.get_x() + p.get_width() / 2)
        heights[x] = heights.get(x, 0) + p.get_height()
    expected = pd.Series(dict(G.in_degree())).value_counts()
    assert {k: v for k, v in heights.items() if v} == {int(k): float(v) for k, v in expected.items()}
    assert ax.get_legend().get_title().get_text() == "organisation type"
    ecdf = degree_distribution(G, measure="out_degree", kind="ecdf")
    assert len(ecdf.lines) == len({G.nodes[v]["org_type"] for v in G})
    with pytest.raises(ParameterError):
        degree_distribution(G, kind="violin")


def test_degree_distribution_of_a_text_attribute_is_a_parameter_error(example):
    """A node attribute that is not a count, or no attribute at all: partnet's error, not a KeyError."""
    case, G = example
    for measure in ("organisation", "name", "bogus"):
        with pytest.raises(ParameterError) as info:
            degree_distribution(G, measure=measure)
        assert info.type is ParameterError
        assert str(info.value) == ("measure must be a degree or a numeric column of node_table (in_degree, "
                                   f"out_degree, degree); {measure!r} was given")
    with pytest.raises(ParameterError, match=r"'in_degre' was given; did you mean 'in_degree'\?$"):
        degree_distribution(G, measure="in_degre")


def test_degree_distribution_takes_only_number_columns_of_the_node_table(example):
    case, G = example
    table = degrees(G).assign(betweenness=[0.5, 0.0, 1.5, 0.0],
                              organisation=[G.nodes[v]["organisation"] for v in G])
    with pytest.raises(ParameterError) as info:
        degree_distribution(G, table, measure="organisation")
    assert info.type is ParameterError
    assert str(info.value) == ("measure must be a degree or a numeric column of node_table (in_degree, out_degree, "
                               "betweenness, degree); 'organisation' was given")
    with pytest.raises(ParameterError, match=r"'betweenes' was given; did you mean 'betweenness'\?$"):
        degree_distribution(G, table, measure="betweenes")
    ax = degree_distribution(G, table, measure="betweenness")
    assert ax.get_xlabel() == "betweenness"
    assert sum(p.get_height() for p in ax.patches) == G.number_of_nodes()


def test_old_and_new_import_paths_give_the_same_functions():
    from partnet.viz import charts, figures, sociograms

    for module, names in ((sociograms, ["sociogram", "ego_network"]),
                          (charts, ["block_density_heatmap", "degree_distribution", "theme_position_heatmap",
                                    "case_comparison_bars"])):
        for name in names:
            assert getattr(figures, name) is getattr(module, name) is getattr(pn.viz, name)
            assert name in figures.__all__ and name in dir(figures)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        figures.nothing  # noqa: B018


def test_theme_position_heatmap():
    t = pd.DataFrame({"brokers": [0.75, 0.25], "others": [0.5, 0.0]}, index=["leadership", "size"])
    ax = theme_position_heatmap(t)
    assert [x.get_text() for x in ax.texts] == ["75%", "50%", "25%", "0%"]
    counts = theme_position_heatmap(pd.DataFrame({"core": [3, 7]}, index=["a", "b"]), fmt=".0f",
                                    value_label="segments")
    assert [x.get_text() for x in counts.texts] == ["3", "7"]
    with pytest.raises(ParameterError, match="numbers"):
        theme_position_heatmap(pd.DataFrame({"core": ["x"]}))


def test_case_comparison_bars():
    t = pd.DataFrame({"density": [0.05, 0.12, 0.09], "transitivity": [0.2, 0.3, 0.25]},
                     index=["shire", "metro", "small"])
    ax = case_comparison_bars(t, measures=["transitivity"])
    assert [[b.get_height() for b in c] for c in ax.containers] == [[0.2], [0.3], [0.25]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["shire", "metro", "small"]
    with pytest.raises(ParameterError, match="did you mean 'density'"):
        case_comparison_bars(t, measures=["densty"])


def test_theme_heatmap_wraps_few_group_names_and_leaves_many_to_seaborn():
    few = pd.DataFrame({"brokers": [0.5], "other directorates": [0.25]}, index=["leadership"])
    ax = theme_position_heatmap(few)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["brokers", "other\ndirectorates"]
    many = pd.DataFrame([np.linspace(0, 1, 82)], columns=[f"egov-{i:02d}" for i in range(1, 83)], index=["size"])
    ax = theme_position_heatmap(many.rename_axis(columns="case"))       # 82 cases, as in a national study
    shown = [t.get_text() for t in ax.get_xticklabels()]
    assert 0 < len(shown) <= 82 and set(shown) <= set(many.columns)
    assert ax.get_xlabel() == "case"


def test_case_comparison_of_many_cases_is_dots_and_medians():
    rng = np.random.default_rng(0)
    t = pd.DataFrame({"density": rng.uniform(0.02, 0.2, 82), "transitivity": rng.uniform(0.1, 0.4, 82)},
                     index=[f"egov-{i:02d}" for i in range(1, 83)])
    ax = case_comparison_bars(t)
    assert not ax.containers
    dots = [c for c in ax.collections if c.get_gid() == "cases"]
    assert [len(c.get_offsets()) for c in dots] == [82, 82]
    np.testing.assert_allclose(dots[0].get_offsets()[:, 1], t["density"])
    medians = [c for c in ax.collections if c.get_gid() == "median"]
    assert [c.get_segments()[0][0][1] for c in medians] == pytest.approx([t["density"].median(),
                                                                          t["transitivity"].median()])
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["a case (82 in all)", "median"]


@pytest.mark.parametrize("draw", ["sociogram", "degree_distribution", "block_density_heatmap"])
def test_saved_png_frames_everything_drawn(synth, tmp_path, draw):
    """The file holds the whole figure, legend included: as large as matplotlib's own tight save."""
    import io

    import matplotlib
    from PIL import Image

    from partnet.viz.figures import STYLE

    case, G = synth
    ax = {"sociogram": lambda: sociogram(G, degrees(G), seed=1),
          "degree_distribution": lambda: degree_distribution(G, degrees(G), by="org_type"),
          "block_density_heatmap": lambda: block_density_heatmap(G)}[draw]()
    png = [p for p in save_figure(ax, tmp_path / draw) if p.suffix == ".png"][0]
    buf = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        ax.figure.savefig(buf, format="png", dpi=300, bbox_inches="tight")
    # a second drawing may settle tick labels a few pixels differently; a cut legend loses hundreds
    assert Image.open(png).size == pytest.approx(Image.open(buf).size, abs=16)


def _draw_and_save(G, stem):
    ax = sociogram(G, degrees(G), seed=2, title="Example")
    return save_figure(ax, stem)


def test_saved_files_are_identical_between_runs(example, tmp_path):
    case, G = example
    first = _draw_and_save(G, tmp_path / "a" / "sociogram")
    second = _draw_and_save(G, tmp_path / "b" / "sociogram")
    assert [p.name for p in first] == ["sociogram.png", "sociogram.svg"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()
    svg = first[1].read_text(encoding="utf-8")
    texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)
    assert "Ada Quintrell" in texts and "NDC-01" in texts  # Bram Okonjo (p2) by pseudonym
    assert "<dc:date>" not in svg and "Bram Okonjo" not in svg
    png = first[0].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and b"Software" not in png
    with pytest.raises(ParameterError, match="formats"):
        save_figure(new_axes(), tmp_path / "x", formats=("gif",))


def test_hostile_names_stay_text_in_svg(tmp_path):
    case = pn.load_case(FIXTURES / "hostile")
    G = case.graph()
    G.nodes["h4"]["consent_named"] = True
    G.nodes["h4"]["name"] = "Tavish $x^2$ Oyelaran"
    svg = save_figure(sociogram(G, degrees(G)), tmp_path / "h", formats=("svg",))[0].read_text(encoding="utf-8")
    assert "<img" not in svg and "<script" not in svg and "<a " not in svg
    texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)
    assert "Zorbek &lt;img src=x onerror=alert(1)&gt;" in texts
    assert "Tavish $x^2$ Oyelaran" in texts  # no maths parsing of names


def test_block_density_heatmap_from_a_graph(example):
    case, G = example
    ax = block_density_heatmap(G, "organisation")
    # Northvale (p1, p2): p1->p2 within (1 of 2 ordered pairs); p1->p4, p2->p3 to Eastmarsh (2 of 4).
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Eastmarsh County Council", "Northvale District Council"]
    assert np.ma.getdata(ax.collections[0].get_array()).ravel().tolist() == [0.0, 0.0, 0.5, 0.5]


# ---------------------------------------------------------------- names that fit


def label_extents(ax, dpi=None):
    fig = ax.figure
    if dpi is not None:
        fig.set_dpi(dpi)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return {t.get_text(): t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == "label"}


def overlapping(extents):
    items = list(extents.items())
    return [(a, b) for i, (a, ba) in enumerate(items) for b, bb in items[i + 1:] if ba.overlaps(bb)]


@pytest.fixture(scope="module")
def shire():
    case = pn.load_case(Path(__file__).resolve().parents[1] / "data" / "examples" / "shire")
    G = case.graph()
    return case, G, pn.metrics.node_table(G)


def test_dense_sociogram_names_only_what_fits(shire):
    case, G, table = shire
    # at the report's width the page's layout has room for nearly every name, and every opinion leader's
    # (placed first)
    report = set(label_extents(sociogram(G, table)))
    assert len(report) >= G.number_of_nodes() - 5
    leaders = pn.viz.key_people(table).query("opinion_leader").index
    assert len(leaders) and {G.nodes[v]["name"] if G.nodes[v]["consent_named"] else G.nodes[v]["pseudonym"]
                             for v in leaders} <= report
    # drawn smaller, the names would collide: only those that fit are drawn
    every = sociogram(G, table, labels=True, width=5.0)
    auto = sociogram(G, table, width=5.0)
    # the same layout either way (the page's)
    assert {tuple(p) for p in node_offsets(every)} == {tuple(p) for p in node_offsets(auto)}
    crowded = label_extents(every)
    assert len(crowded) == G.number_of_nodes() and len(overlapping(crowded)) > 0
    shown = label_extents(auto)
    assert overlapping(shown) == []
    assert G.number_of_nodes() // 2 < len(shown) < G.number_of_nodes()
    # unhinted text: still apart at print resolution
    assert overlapping(label_extents(auto, dpi=300)) == []
    # no name sits on another person's node
    fig = auto.figure
    fig.set_dpi(100)
    fig.canvas.draw()
    centres = auto.transData.transform(node_offsets(auto))
    for name, bb in label_extents(auto).items():
        inside = [(x, y) for x, y in centres if bb.x0 < x < bb.x1 and bb.y0 < y < bb.y1]
        assert inside == [], name


def test_most_prominent_name_wins_a_clash():
    G = nx.DiGraph()
    n = 10
    for i in range(n):
        G.add_node(f"p{i}", name=f"Person number {i}", pseudonym=f"X-{i:02d}", consent_named=True,
                   organisation="A", org_type="unitary", role="officer")
    # everyone names p3; the others name their neighbour round a ring
    G.add_edges_from((f"p{i}", "p3") for i in range(n) if i != 3)
    G.add_edges_from((f"p{i}", f"p{(i + 1) % n}") for i in range(n) if 3 not in (i, (i + 1) % n))
    # type far larger than the layout made room for: names must give way
    ax = sociogram(G, degrees(G), label_pt=(30, 30))
    shown = label_extents(ax)
    assert "Person number 3" in shown  # most named, placed first
    assert 0 < len(shown) < n and overlapping(shown) == []
    assert len(label_extents(sociogram(G, degrees(G), label_pt=(30, 30), labels=True))) == n
    with pytest.raises(ParameterError, match="label_pt"):
        sociogram(G, label_pt=(9, 6))


def test_small_networks_keep_every_name_at_body_size(example):
    case, G = example
    ax = sociogram(G, degrees(G))
    sizes = {t.get_fontsize() for t in ax.texts if t.get_gid() == "label"}
    assert sizes == {9.0}  # capped at the figure's body text


def test_large_networks_name_key_people_only():
    R = nx.gnm_random_graph(160, 480, seed=5, directed=True)
    G = nx.DiGraph()
    for v in R:
        G.add_node(f"p{v}", name=f"P{v}", pseudonym=f"X-{v:03d}", consent_named=True, organisation="A",
                   org_type="unitary", role="officer")
    G.add_edges_from((f"p{u}", f"p{v}") for u, v in R.edges)
    table = degrees(G)
    leaders = {G.nodes[v]["name"] for v in pn.viz.key_people(table).query("opinion_leader").index}
    shown = {t.get_text() for t in sociogram(G, table).texts if t.get_gid() == "label"}
    assert shown and shown <= leaders
    assert not [t for t in sociogram(G, table, labels=False).texts if t.get_gid() == "label"]


def test_organisation_colours_agree_across_page_figures_and_sheets(synth):
    """One organisation, one colour and shape: page, sociogram, histogram legend, ego sheet."""
    import json

    from matplotlib.colors import to_hex

    case, G = synth
    table = degrees(G)
    doc = interactive(G, table, seed=4, colour_by="organisation").html
    data = json.loads(re.search(r'class="pn-data">(.*?)</script>', doc, re.S).group(1))
    page_style = {G.nodes[v]["organisation"]: tuple(s) for v, s in
                  zip(interactive(G, table, seed=4).node_ids, data["colourings"]["organisation"]["styles"])}
    assert len(set(page_style.values())) == len(page_style) == 6
    marker_of = {"dot": "o", "square": "s"}
    ax = sociogram(G, table, seed=4, colour_by="organisation")
    where = {tuple(map(float, interactive(G, table, seed=4).positions[v])): G.nodes[v]["organisation"] for v in G}
    for c in ax.collections:
        if c.get_gid() == "nodes":
            colour = to_hex(c.get_facecolor()[0]).upper()
            for p in c.get_offsets():
                org = where[tuple(p)]
                assert colour == page_style[org][0]
    entries = [(t.get_text(), h) for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)
               if t.get_text() in page_style]  # the key-people rings follow
    assert {org: to_hex(h.get_markerfacecolor()).upper() for org, h in entries} == {
        org: s[0] for org, s in page_style.items()}
    assert {org: h.get_marker() for org, h in entries} == {org: marker_of[s[1]] for org, s in page_style.items()}
    hist = degree_distribution(G, table, by="organisation")
    hist_legend = {t.get_text(): to_hex(h.get_facecolor()).upper()
                   for t, h in zip(hist.get_legend().get_texts(), hist.get_legend().legend_handles)}
    assert hist_legend == {org: s[0] for org, s in page_style.items()}
    ego = ego_network(G, max(G, key=G.in_degree), colour_by="organisation")
    for c in ego.collections:
        if c.get_gid() == "nodes":
            assert to_hex(c.get_facecolor()[0]).upper() in {s[0] for s in page_style.values()}

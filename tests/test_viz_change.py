"""The change figure: two waves in one layout, each tie drawn by its fate, counted as the tie-change table."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from matplotlib.colors import to_hex

import partnet as pn
from partnet.errors import GraphError, ParameterError
from partnet.metrics import wave_change
from partnet.viz import change_sociogram, save_figure
from partnet.viz.change import TIE_STYLES


@pytest.fixture(scope="module")
def waves(tmp_path_factory):
    """A synthetic case as the first wave; the second loses a fifth of the ties, gains 12, two people leave
    and one joins (a copy of an existing person's attributes under a new id)."""
    from partnet.synth import synth_case

    case = pn.load_case(synth_case(tmp_path_factory.mktemp("c") / "waves", 5, 40, seed=3))
    before = case.graph()
    before.graph["wave"] = "2019"
    after = before.copy()
    after.graph["wave"] = "2021"
    rng = np.random.default_rng(4)
    for u, v in sorted(after.edges()):
        if rng.random() < 0.2:
            after.remove_edge(u, v)
    people = sorted(after)
    added = 0
    while added < 12:
        u, v = rng.choice(people, 2, replace=False)
        if not after.has_edge(u, v) and not before.has_edge(u, v):
            after.add_edge(u, v, frequency=int(rng.integers(1, 6)), relation=before.graph["relation"])
            added += 1
    leavers = [p for p in people if before.degree(p) > 0][:2]
    after.remove_nodes_from(leavers)
    joiner = dict(after.nodes[people[-1]])
    after.add_node("new1", **joiner)
    after.add_edge("new1", people[-1], frequency=3)
    after.add_edge(people[-2], "new1", frequency=2)
    return case, before, after


def by_gid(ax) -> dict:
    return {c.get_gid(): c for c in ax.collections if c.get_gid()}


def segments(ax, gid) -> int:
    c = by_gid(ax).get(gid)
    return 0 if c is None else len(c.get_segments())


def test_tie_counts_are_the_tie_change_table(waves):
    _, before, after = waves
    table = wave_change(before, after, weight=None)
    fig = change_sociogram(before, after, seed=1)
    left, right = fig.axes[:2]
    assert (left.get_gid(), right.get_gid()) == ("before", "after")
    assert segments(left, "persisting") == segments(right, "persisting") == table["n11"]
    assert segments(left, "lost") == table["n10"] and segments(right, "new") == table["n01"]
    assert segments(left, "new") == 0 and segments(right, "lost") == 0
    assert table["n11"] > 0 and table["n10"] > 0 and table["n01"] > 0
    # the ties of the two who left (earlier panel) and of the one who joined (later panel)
    both = set(before) & set(after)
    assert segments(left, "other") == sum(1 for u, v in before.edges() if u not in both or v not in both)
    assert segments(right, "other") == 2
    # every tie of each wave is drawn once in its panel
    assert sum(segments(left, k) for k in TIE_STYLES) == before.number_of_edges()
    assert sum(segments(right, k) for k in TIE_STYLES) == after.number_of_edges()
    # directed ties: one arrowhead per tie, in the tie's colour
    for ax in (left, right):
        for kind in TIE_STYLES:
            if kind in by_gid(ax):
                heads = by_gid(ax)[f"{kind}_arrowheads"]
                assert len(heads.get_paths()) == segments(ax, kind)


def test_colours_and_line_styles(waves):
    _, before, after = waves
    fig = change_sociogram(before, after, seed=1)
    left, right = fig.axes[:2]
    expected = {"persisting": "#7a7a7a", "lost": "#d55e00", "new": "#0072b2", "other": "#bbbbbb"}
    for ax, kinds in ((left, ("persisting", "lost", "other")), (right, ("persisting", "new", "other"))):
        for kind in kinds:
            lines = by_gid(ax)[kind]
            assert {to_hex(c) for c in lines.get_colors()} == {expected[kind]}, kind
            assert {to_hex(c) for c in by_gid(ax)[f"{kind}_arrowheads"].get_facecolors()} == {expected[kind]}
            dashes = {ls[1] is not None for ls in lines.get_linestyles()}
            assert dashes == {kind in ("lost", "other")}, kind
    # the Okabe-Ito pair: blue for new ties, vermillion for lost ones
    assert TIE_STYLES["new"][1] == "#0072B2" and TIE_STYLES["lost"][1] == "#D55E00"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:4] == [label for label, _, _ in TIE_STYLES.values()]
    assert "absent from this wave" in legend
    assert any(t.startswith("organisation type: ") for t in legend)


def test_one_layout_for_both_waves(waves):
    _, before, after = waves
    fig = change_sociogram(before, after, seed=1)
    left, right = fig.axes[:2]

    def places(ax, gid):
        return {tuple(p) for c in ax.collections if c.get_gid() == gid for p in np.round(c.get_offsets(), 6)}

    everyone_left = places(left, "nodes") | places(left, "absent")
    everyone_right = places(right, "nodes") | places(right, "absent")
    assert everyone_left == everyone_right and len(everyone_left) == len(set(before) | set(after))
    assert len(places(left, "absent")) == 1              # the one who joined later
    assert len(places(right, "absent")) == 2             # the two who left
    assert left.get_xlim() == right.get_xlim() and left.get_ylim() == right.get_ylim()
    # persisting ties start at the same place in both panels
    a = np.round(by_gid(left)["persisting"].get_segments()[0][0], 6)
    assert any((np.round(s[0], 6) == a).all() for s in by_gid(right)["persisting"].get_segments())


def test_titles_name_the_waves_and_counts(waves):
    _, before, after = waves
    t = wave_change(before, after, weight=None)
    fig = change_sociogram(before, after, title="Change")
    assert fig.axes[0].get_title() == f"wave 2019\n{int(t['n11'])} ties in both waves, {int(t['n10'])} lost"
    assert fig.axes[1].get_title() == f"wave 2021\n{int(t['n11'])} ties in both waves, {int(t['n01'])} new"
    assert fig._suptitle.get_text() == "Change"
    one, two = nx.DiGraph([("a", "b")]), nx.DiGraph([("a", "b")])
    for G in (one, two):
        nx.set_node_attributes(G, "police", "org_type")
    plain = change_sociogram(one, two, labels=False, legend=False)
    assert plain.axes[0].get_title().startswith("earlier wave\n1 tie in both waves")
    assert plain.legends == []
    one.graph.update(wave="w1", survey_date="2006-10-03")
    two.graph.update(wave="w2", survey_date="2008-04-15")
    dated = change_sociogram(one, two, labels=False)
    assert [ax.get_title().split("\n")[0] for ax in dated.axes] == ["wave w1, surveyed 2006-10-03",
                                                                    "wave w2, surveyed 2008-04-15"]


def test_names_follow_the_consent_rule(waves):
    case, before, after = waves
    roster = set(case.people["name"])
    pseudonyms = set(case.people["pseudonym"])
    fig = change_sociogram(before, after, anonymise=True, labels=True)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts if t.get_gid() == "label"]
    assert texts and set(texts) <= pseudonyms and not set(texts) & roster
    # every name: each panel names the people of its wave (the joiner carries a copied pseudonym)
    assert len([t for t in fig.axes[0].texts if t.get_gid() == "label"]) == before.number_of_nodes()
    assert len([t for t in fig.axes[1].texts if t.get_gid() == "label"]) == after.number_of_nodes()
    named = change_sociogram(before, after)
    shown = {t.get_text() for ax in named.axes for t in ax.texts if t.get_gid() == "label"}
    consent = dict(zip(case.people["name"], case.people["consent_named"]))
    assert shown and all(consent.get(s, True) for s in shown)     # roster names only with consent
    assert not any(t.get_gid() == "label" for ax in change_sociogram(before, after, labels=False).axes
                   for t in ax.texts)


def test_undirected_waves():
    before = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")])
    after = nx.Graph([("b", "a"), ("b", "c"), ("a", "c"), ("d", "e")])
    for G in (before, after):
        nx.set_node_attributes(G, {v: {"name": v, "pseudonym": v.upper(), "consent_named": True,
                                       "org_type": "police"} for v in G})
    fig = change_sociogram(before, after)
    left, right = fig.axes[:2]
    # n11 = {ab, bc}, n10 = {cd, ad}, n01 = {ac}; de is e's (who joined)
    assert (segments(left, "persisting"), segments(left, "lost"), segments(right, "new"),
            segments(right, "other")) == (2, 2, 1, 1)
    assert not any(c.get_gid() and c.get_gid().endswith("arrowheads") for ax in fig.axes for c in ax.collections)


def test_seeded_and_byte_identical(waves, tmp_path):
    _, before, after = waves
    a = save_figure(change_sociogram(before, after, seed=2), tmp_path / "a")
    b = save_figure(change_sociogram(before, after, seed=2), tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    moved = change_sociogram(before, after, seed=3).axes[0]
    same = change_sociogram(before, after, seed=2).axes[0]
    assert not np.array_equal(by_gid(moved)["persisting"].get_segments()[0],
                              by_gid(same)["persisting"].get_segments()[0])


def test_refusals(waves):
    _, before, after = waves
    with pytest.raises(GraphError, match="both undirected"):
        change_sociogram(before, after.to_undirected())
    with pytest.raises(GraphError, match="no nodes"):
        change_sociogram(before, nx.DiGraph())
    with pytest.raises(ParameterError, match="colour_by"):
        change_sociogram(before, after, colour_by="orgtype")

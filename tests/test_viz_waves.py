"""The workshop page of a network surveyed in waves: views, change, one layout, privacy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import partnet as pn
from partnet.errors import GraphError, ParameterError
from partnet.pseudonyms import leaked_names
from partnet.viz import external_references, interactive, write_network_page
from partnet.viz.interactive import interactive_waves
from partnet.viz.layout import PAGE_CHAR_WIDTH, label_box, positions

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
ATTACKS = ("<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>")

#: Six people; e answered only the first wave, f only the second.
PEOPLE = {
    "a": ("Ada Quintrell", "Northvale District Council", "NDC-01", "district council"),
    "b": ("Bram Okonjo", "Northvale District Council", "NDC-02", "district council"),
    "c": ("Cerys Vantongeren", "Eastmarsh County Council", "ECC-01", "county council"),
    "d": ("Dov Haraldsen", "Eastmarsh County Council", "ECC-02", "county council"),
    "e": ("Eluned Marchbank", "Eastmarsh County Council", "ECC-03", "county council"),
    "f": ("Folasade Trevanion", "Northvale District Council", "NDC-03", "district council"),
}
W1 = [("a", "b", 3), ("b", "c", 2), ("c", "a", 1), ("d", "a", 4), ("e", "a", 2), ("a", "d", 5), ("a", "e", 1)]
W2 = [("a", "b", 4), ("c", "b", 2), ("c", "d", 3), ("d", "a", 4), ("f", "a", 1), ("b", "a", 2)]
#: Among a-d (in both waves): a->b and d->a lasted; b->c, c->a, a->d were lost; c->b, c->d, b->a are new.
LASTED, LOST, NEW = {("a", "b"), ("d", "a")}, {("b", "c"), ("c", "a"), ("a", "d")}, {("c", "b"), ("c", "d"), ("b", "a")}


def wave_graph(ties, people, directed=True, **graph):
    G = (nx.DiGraph if directed else nx.Graph)(relation="egov_contact", scale="frequency", title="Two waves", **graph)
    for v in people:
        name, org, pseudonym, kind = PEOPLE[v]
        G.add_node(v, name=name, pseudonym=pseudonym, consent_named=v != "b", organisation=org, org_type=kind,
                   role="officer", responded=True)
    for u, v, f in ties:
        G.add_edge(u, v, frequency=f, relation="egov_contact")
    return G


def degrees(G) -> pd.DataFrame:
    return pd.DataFrame({"in_degree": dict(G.in_degree()), "out_degree": dict(G.out_degree())}).loc[list(G)]


def page_data(doc: str) -> dict:
    m = re.search(r'<script type="application/json" class="pn-data">(.*?)</script>', doc, re.S)
    return json.loads(m.group(1))


def pairs(page, edges) -> set:
    return {(page.node_ids[e["from"]], page.node_ids[e["to"]]) for e in edges}


@pytest.fixture(scope="module")
def two():
    G1 = wave_graph(W1, "abcde", wave="w1")
    G2 = wave_graph(W2, "abcdf", wave="w2")
    page = interactive_waves({"w1": G1, "w2": G2}, {"w1": degrees(G1), "w2": degrees(G2)}, seed=2)
    return G1, G2, page, page_data(page.html)


def view(data, key):
    return next(v for v in data["waves"]["views"] if v["key"] == key)


# ---------------------------------------------------------------- the views


def test_one_button_per_wave_and_a_change_view(two):
    G1, G2, page, data = two
    assert page.waves == ["w1", "w2"]
    assert [v["key"] for v in data["waves"]["views"]] == ["wave-0", "wave-1", "change-0"]
    buttons = re.findall(r'<button type="button" class="(pn-wave[^"]*)" data-view="([^"]+)" aria-pressed="(\w+)"'
                         r'[^>]*>([^<]*)</button>', page.html)
    assert buttons == [("pn-wave", "wave-0", "false", "w1"), ("pn-wave", "wave-1", "true", "w2"),
                       ("pn-wave pn-wave-change", "change-0", "false", "Change w1 \u2192 w2")]
    assert 'role="group" aria-labelledby="pn-waves-label"' in page.html
    # Each view's legend is in the page; only the shown one is visible.
    blocks = re.findall(r'<div class="pn-view-notes" data-view="([^"]+)"( hidden)?>', page.html)
    assert blocks == [("wave-0", " hidden"), ("wave-1", ""), ("change-0", " hidden")]


def test_each_wave_view_draws_that_waves_ties(two):
    G1, G2, page, data = two
    assert pairs(page, view(data, "wave-0")["edges"]) == set(G1.edges)
    assert pairs(page, view(data, "wave-1")["edges"]) == set(G2.edges)
    for key in ("wave-0", "wave-1", "change-0"):
        ids = [e["id"] for e in view(data, key)["edges"]]
        assert ids == list(range(len(ids)))          # unique within the view
    # widths and tooltips as on a page of one wave
    one = page_data(interactive(G1, degrees(G1), seed=2).html)
    assert [(e["width"], e["title"], e["arrows"]) for e in view(data, "wave-0")["edges"]] == [
        (e["width"], e["title"], e["arrows"]) for e in one["edges"]]


def test_the_page_opens_on_the_last_wave(two):
    G1, G2, page, data = two
    assert data["waves"]["current"] == "wave-1"
    assert pairs(page, data["edges"]) == set(G2.edges)
    assert page.node_ids[:5] == list(G2)                      # the last wave's people in its order, then who left
    assert page.node_ids == ["a", "b", "c", "d", "f", "e"]
    assert data["summary"] == "Wave w2: 5 of 6 people, 6 ties"
    e = page.node_ids.index("e")
    assert data["nodes"][e]["color"]["background"] == "#ECECEC"  # left before w2: faded
    assert data["nodes"][e]["title"].endswith("not in wave w2")


def test_change_view_counts_equal_the_tie_change_table(two):
    from partnet.metrics import wave_change

    G1, G2, page, data = two
    change = view(data, "change-0")
    kinds = {k: {(page.node_ids[e["from"]], page.node_ids[e["to"]]) for e in change["edges"] if e["change"] == k}
             for k in ("persisting", "new", "lost")}
    assert kinds == {"persisting": LASTED, "new": NEW, "lost": LOST}
    table = wave_change(G1, G2)
    assert change["counts"] == {"n11": table["n11"], "n01": table["n01"], "n10": table["n10"]} == \
        {"n11": 2, "n01": 3, "n10": 3}
    assert len(change["edges"]) == table["n11"] + table["n01"] + table["n10"]
    # ties of people in only one wave (e -> a, a -> e, f -> a) are left out, and those people faded
    assert sorted(page.node_ids[i] for i in change["absent"]) == ["e", "f"]
    styles = {e["change"]: (data["waves"]["colours"][e["change"]]["color"], e.get("dashes", False))
              for e in change["edges"]}
    assert styles == {"persisting": ("#8A8A8A", False), "new": ("#0072B2", False), "lost": ("#D55E00", True)}
    assert change["summary"] == "Change w1 \u2192 w2: 2 ties lasted, 3 new, 3 lost, among 4 people in both waves"
    titles = {e["title"] for e in change["edges"]}
    assert "Ada Quintrell \u2192 NDC-02: in both waves (monthly in w1, weekly in w2)" in titles
    assert "Ada Quintrell \u2192 Dov Haraldsen: lost after w1 (was daily)" in titles
    assert "Cerys Vantongeren \u2192 Dov Haraldsen: new in w2 (monthly)" in titles


def test_absent_people_are_faded_in_their_place(two):
    G1, G2, page, data = two
    assert [page.node_ids[i] for i in view(data, "wave-0")["absent"]] == ["f"]
    assert [page.node_ids[i] for i in view(data, "wave-1")["absent"]] == ["e"]
    w1 = data["waves"]["states"]["0"]
    f = page.node_ids.index("f")
    assert w1["title"][f] == "Folasade Trevanion\nofficer \u00b7 Northvale District Council (district council)\n" \
                             "not in wave w1"
    assert w1["measures"][f] == [["wave w1", "not in this wave"]]
    assert "faded: not in wave w1 (1 person; joined later or left)" in page.html
    assert "faded: in only one of the two waves (2 people)" in page.html


def test_one_layout_for_every_view(two):
    """Positions come from the union of the waves, once; no view carries positions of its own."""
    G1, G2, page, data = two
    assert [(n["x"], n["y"]) for n in data["nodes"]] == [page.positions[v] for v in page.node_ids]
    for v in data["waves"]["views"]:
        assert not any("x" in e or "y" in e for e in v["edges"])
    assert set(data["waves"]["states"]["0"]) == set(data["waves"]["states"]["1"]) == {
        "size", "title", "border", "borderWidth", "dashes", "measures", "leader", "spanner"}
    U = nx.DiGraph()
    U.add_nodes_from(page.node_ids)
    for G in (G1, G2):
        for u, v, d in G.edges(data=True):
            f = max(d["frequency"], U.edges[u, v]["frequency"]) if U.has_edge(u, v) else d["frequency"]
            U.add_edge(u, v, frequency=float(f))
    states = data["waves"]["states"].values()
    boxes = {v: label_box(data["people"][str(i)]["label"], max(s["size"][i] for s in states) + 4, 30,
                          PAGE_CHAR_WIDTH, 0.6) for i, v in enumerate(page.node_ids)}
    assert page.positions == positions(U, seed=2, boxes=boxes, aspect=1.5)
    again = interactive_waves({"w1": G1, "w2": G2}, {"w1": degrees(G1), "w2": degrees(G2)}, seed=2)
    assert again.html == page.html                                            # reproducible


def test_sizes_share_one_scale_and_tooltips_follow_each_wave(two):
    G1, G2, page, data = two
    a, b = page.node_ids.index("a"), page.node_ids.index("b")
    w1, w2 = data["waves"]["states"]["0"], data["waves"]["states"]["1"]
    # in-degree of b: 1 in w1, 2 in w2; the scale runs from 0 to 3 (a, in either wave)
    assert (w1["size"][b], w2["size"][b]) == (round(12 + 30 * (1 / 3) ** 0.5, 1), round(12 + 30 * (2 / 3) ** 0.5, 1))
    assert w1["size"][a] == w2["size"][a] == 42.0
    assert "Size: named by (in-degree) (0 to 3 in any wave)" in data["waves"]["notes"]
    assert [n["size"] for n in data["nodes"]] == w2["size"]
    assert "named by (in-degree): 1" in w1["title"][b] and "named by (in-degree): 2" in w2["title"][b]
    assert data["people"][str(b)]["measures"] == w2["measures"][b]


def test_key_people_borders_follow_each_wave():
    """Everyone names person 0 in the first wave and person 1 in the second: the leader changes."""
    waves = {}
    for w, hub in (("w1", 0), ("w2", 1)):
        G = nx.DiGraph()
        for i in range(10):
            G.add_node(i, name=f"P {i}", pseudonym=f"X-{i:02d}", consent_named=True, role="officer",
                       organisation="A" if i < 5 else "B", org_type="unitary")
        G.add_edges_from((i, hub) for i in range(10) if i != hub)
        waves[w] = G
    data = page_data(interactive_waves(waves, {w: degrees(G) for w, G in waves.items()}).html)
    w1, w2 = data["waves"]["states"]["0"], data["waves"]["states"]["1"]
    assert (w1["borderWidth"][0], w1["borderWidth"][1], w2["borderWidth"][0], w2["borderWidth"][1]) == (5, 1.5, 1.5, 5)
    assert w1["leader"][:2] == [True, False] and w2["leader"][:2] == [False, True]
    assert data["nodes"][1]["borderWidth"] == 5                 # the page opens on the last wave
    assert "thick border: opinion leader (among the most named)" in data["notes"]


def test_undirected_ties_match_whichever_way_round(two):
    from partnet.metrics import wave_change

    G1 = wave_graph([("a", "b", 2), ("c", "b", 1), ("a", "c", 3)], "abc", directed=False)
    G2 = wave_graph([("b", "a", 2), ("b", "c", 4), ("c", "d", 1)], "abcd", directed=False)
    table = wave_change(G1, G2)
    tables = {w: pd.DataFrame({"degree": dict(G.degree())}).loc[list(G)] for w, G in (("1", G1), ("2", G2))}
    page = interactive_waves({"1": G1, "2": G2}, tables, size_by="degree")
    change = view(page_data(page.html), "change-0")
    kinds = [e["change"] for e in change["edges"]]
    assert (kinds.count("persisting"), kinds.count("new"), kinds.count("lost")) == (
        table["n11"], table["n01"], table["n10"]) == (2, 0, 1)
    assert all("arrows" not in e for e in change["edges"])


def test_three_waves_give_a_change_view_per_step():
    G1 = wave_graph([("a", "b", 1)], "abc")
    G2 = wave_graph([("a", "b", 1), ("b", "c", 2)], "abc")
    G3 = wave_graph([("b", "c", 2), ("c", "a", 3)], "abc")
    data = page_data(interactive_waves({"2019": G1, "2021": G2, "2023": G3}, {k: degrees(G) for k, G in
                                        (("2019", G1), ("2021", G2), ("2023", G3))}).html)
    assert [(v["key"], v["counts"]) for v in data["waves"]["views"] if v["kind"] == "change"] == [
        ("change-0", {"n11": 1, "n01": 1, "n10": 0}), ("change-1", {"n11": 1, "n01": 1, "n10": 1})]
    assert data["waves"]["current"] == "wave-2"
    assert view(data, "change-1")["state"] == "2"          # a change view shows the later wave's people


# ---------------------------------------------------------------- privacy and safety


def test_wave_page_is_offline_escaped_and_anonymised(two):
    G1, G2, page, data = two
    hostile = {ATTACKS[0]: G1, ATTACKS[1]: G2}
    doc = interactive_waves(hostile, {ATTACKS[0]: degrees(G1), ATTACKS[1]: degrees(G2)}, anonymise=True,
                            title=ATTACKS[1]).html
    assert external_references(doc) == []
    for attack in ATTACKS:
        assert attack not in doc
    assert len(re.findall(r"^<script\b", doc, re.M)) == 4      # vis-network, data, page script, wave script
    assert len(re.findall(r"</script", doc, re.I)) == 4
    assert leaked_names(doc, [name for name, *_ in PEOPLE.values()]) == []
    assert {p["label"] for p in page_data(doc)["people"].values()} == {x[2] for x in PEOPLE.values()}
    shown = page_data(doc)
    assert view(shown, "change-0")["title"] == f"{ATTACKS[1]} \u00b7 change {ATTACKS[0]} \u2192 {ATTACKS[1]}"
    # consent without anonymising: b said no
    assert "Bram Okonjo" not in page.html and "Ada Quintrell" in page.html


def test_wave_script_is_written_so_the_privacy_gate_finds_no_name():
    """The wave script is read by the gate like the page's data: no capitalised word, no roster name."""
    from partnet.privacy import Roster, scan_text
    from partnet.viz._html import asset_text

    script = asset_text("network_waves.js")
    capitalised = {w for w in re.findall(r"[A-Za-z]+", script) if w[0].isupper()}
    assert capitalised <= {"DOMContentLoaded", "ECECEC", "C", "D", "E"}   # an event name and colours
    rosters = [pn.load_case(p).people["name"] for p in sorted((ROOT / "data" / "examples").glob("*"))
               if (p / "case.yaml").is_file()]
    names = [n for r in rosters for n in r] + [x[0] for x in PEOPLE.values()] + ["Mark Page", "Will Show"]
    assert scan_text(script, Roster(names)) == []


def test_bad_wave_input_says_what_is_expected(two):
    G1, G2, page, data = two
    with pytest.raises(ParameterError, match="non-empty dict"):
        interactive_waves({})
    with pytest.raises(ParameterError, match="non-empty dict"):
        interactive_waves([G1, G2])
    with pytest.raises(GraphError, match="every wave must be directed or every wave undirected"):
        interactive_waves({"w1": G1, "w2": nx.Graph(G2)})
    with pytest.raises(GraphError, match="wave 'w2': .*multigraph"):
        interactive_waves({"w1": G1, "w2": nx.MultiDiGraph(G2)})
    with pytest.raises(ParameterError, match="no table for wave 'w2'"):
        interactive_waves({"w1": G1, "w2": G2}, {"w1": degrees(G1)})
    with pytest.raises(ParameterError, match="must read differently"):
        interactive_waves({1: G1, "1": G2})
    with pytest.raises(ParameterError, match="did you mean 'in_degree'"):
        interactive_waves({"w1": G1, "w2": G2}, {"w1": degrees(G1), "w2": degrees(G2)}, size_by="indegree")


def test_one_wave_gives_the_page_of_one_network(two):
    G1, G2, page, data = two
    assert interactive_waves({"w1": G1}, {"w1": degrees(G1)}, seed=1).html == interactive(G1, degrees(G1),
                                                                                           seed=1).html


# ---------------------------------------------------------------- cases


def test_a_case_without_waves_gets_the_page_of_one_network(tmp_path):
    from partnet.metrics import node_table
    from partnet.viz._shared import context_line

    case = pn.load_case(FIXTURES / "example")
    assert getattr(case, "waves", []) == []
    doc = write_network_page(case, tmp_path / "network.html").read_text(encoding="utf-8")
    G = case.graph()
    same = interactive(G, node_table(G), title=case.title, subtitle=context_line(case, G), case=case)
    assert doc == same.html
    assert "pn-wave" not in doc and '"waves"' not in doc
    assert len(re.findall(r"^<script\b", doc, re.M)) == 3


WAVE_CASES = [p for p in sorted((ROOT / "data" / "examples").glob("*"))
              if (p / "case.yaml").is_file() and len(getattr(pn.load_case(p), "waves", [])) >= 2]


@pytest.mark.skipif(not WAVE_CASES, reason="no bundled case with two or more waves")
@pytest.mark.parametrize("folder", WAVE_CASES, ids=[p.name for p in WAVE_CASES])
def test_bundled_case_with_waves(folder, tmp_path):
    from partnet.metrics import wave_change
    from partnet.privacy import Roster, scan

    case = pn.load_case(folder)
    path = write_network_page(case, tmp_path / "anon" / "network.html", anonymise=True)
    doc = path.read_text(encoding="utf-8")
    assert external_references(doc) == [] and leaked_names(doc, case.pseudonyms) == []
    found = scan(path.parent, Roster(case.people["name"]))
    assert found.ok, found.summary()
    data = page_data(doc)
    waves = case.waves
    graphs = {w: case.graph(wave=w) for w in waves}
    labels = {str(i): p["label"] for i, p in data["people"].items()}
    default = {(labels[str(e["from"])], labels[str(e["to"])]) for e in data["edges"]}
    assert default == {(case.pseudonyms.of(u), case.pseudonyms.of(v)) for u, v in case.graph().edges}
    assert data["waves"]["current"] == f"wave-{len(waves) - 1}"
    for k in range(len(waves) - 1):
        table = wave_change(graphs[waves[k]], graphs[waves[k + 1]])
        assert view(data, f"change-{k}")["counts"] == {n: table[n] for n in ("n11", "n01", "n10")}
    assert len(data["nodes"]) == len(set().union(*graphs.values()))
    assert f"waves {waves[0]}" in doc                                    # the line under the title

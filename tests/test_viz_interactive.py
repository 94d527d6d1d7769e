"""The workshop page as a document: offline, escaped, private, reproducible."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from markupsafe import escape

import partnet as pn
from partnet.errors import ParameterError
from partnet.pseudonyms import leaked_names
from partnet.viz import NetworkPage, embed, external_references, interactive
from partnet.viz._html import script_json

FIXTURES = Path(__file__).parent / "fixtures"
ATTACKS = ("<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>",
           '<a href="javascript:alert(3)">')


def degrees(G) -> pd.DataFrame:
    return pd.DataFrame({"in_degree": dict(G.in_degree()), "out_degree": dict(G.out_degree())}).loc[list(G)]


def page_data(doc: str) -> dict:
    m = re.search(r'<script type="application/json" class="pn-data">(.*?)</script>', doc, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def example():
    case = pn.load_case(FIXTURES / "example")
    return case, case.graph()


@pytest.fixture(scope="module")
def hostile():
    case = pn.load_case(FIXTURES / "hostile")
    G = case.graph()
    G.nodes["h1"]["role"] = ATTACKS[0]
    G.nodes["h2"]["role"] = ATTACKS[1]
    return case, G


def test_page_is_self_contained(example):
    case, G = example
    page = interactive(G, degrees(G))
    doc = page.html
    assert external_references(doc) == []
    assert doc.startswith("<!DOCTYPE html>")
    assert "bootstrap" not in doc and "cdn" not in doc.lower().replace("cdnjs", "")  # no CDN of any kind
    assert "sourceMappingURL" not in doc
    # vis-network 9.1.2 from pyvis's package data, inlined.
    assert "@version 9.1.2" in doc and "vis-network" in doc
    assert len(re.findall(r"^<script\b", doc, re.M)) == 3
    assert len(re.findall(r"</script", doc, re.I)) == 3


def test_same_input_gives_the_same_document(example):
    case, G = example
    first = interactive(G, degrees(G), seed=4).html
    assert interactive(G, degrees(G), seed=4).html == first
    assert interactive(G, degrees(G), seed=5).html != first


def test_names_follow_consent_and_anonymise(example):
    case, G = example
    named = interactive(G, degrees(G)).html
    assert "Ada Quintrell" in named  # consented
    assert "Bram Okonjo" not in named and "NDC-01" in named  # consent_named = no; p2 is NDC-01
    anonymous = interactive(G, degrees(G), anonymise=True, case=case, quotes=True)
    assert leaked_names(anonymous.html, case.pseudonyms) == []
    assert {p["label"] for p in page_data(anonymous.html)["people"].values()} == {"NDC-01", "NDC-02", "ECC-01",
                                                                                 "ECC-02"}
    # person_ids never reach the page; node i is node_ids[i].
    assert anonymous.node_ids == ["p1", "p2", "p3", "p4"]
    assert [n["id"] for n in page_data(anonymous.html)["nodes"]] == [0, 1, 2, 3]


def test_quotes_are_redacted_and_off_by_default(example):
    case, G = example
    assert all(p["quotes"] == [] for p in page_data(interactive(G, degrees(G)).html)["people"].values())
    people = page_data(interactive(G, degrees(G), case=case, quotes=True).html)["people"]
    assert people["0"]["quotes"] == [{"text": "Without a push from the chief executives, NDC-01's team waits.",
                                      "theme": "leadership"}]
    with pytest.raises(ParameterError, match="needs case"):
        interactive(G, degrees(G), quotes=True)


def test_hostile_text_never_enters_the_html_raw(hostile):
    case, G = hostile
    doc = interactive(G, degrees(G), case=case, quotes=True, title=case.title).html
    for attack in ATTACKS:
        assert attack not in doc
    assert len(re.findall(r"^<script\b", doc, re.M)) == 3
    assert len(re.findall(r"</script", doc, re.I)) == 3
    assert external_references(doc) == []
    # Escaped in the markup, intact in the data.
    assert "<h1>" + str(escape(case.title)) + "</h1>" in doc
    assert f'<option value="{escape(G.nodes["h3"]["organisation"])}">' in doc
    data = page_data(doc)
    assert data["people"]["0"]["label"] == G.nodes["h1"]["name"]
    assert data["people"]["1"]["role"] == ATTACKS[1]
    assert data["nodes"][0]["title"].startswith(G.nodes["h1"]["name"] + "\n" + ATTACKS[0])
    assert data["people"]["0"]["quotes"][0]["text"] == 'See <a href="javascript:alert(3)">the plan</a> before it goes.'


def test_titles_never_switch_pyvis_to_html_tooltips(hostile):
    # pyvis's template turns every tooltip into innerHTML once a title has
    # "href"; partnet's own template has no such switch.
    case, G = hostile
    doc = interactive(G, degrees(G)).html
    assert "innerHTML" not in doc.split("</head>", 1)[1]
    assert "href" in page_data(doc)["nodes"][2]["title"]


def test_script_json_escapes_what_could_end_a_script():
    text = script_json({"a": "</script><!-- \u2028 \u2029 & >"})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"a": "</script><!-- \u2028 \u2029 & >"}


def test_colour_by_organisation_uses_shapes_past_seven(tmp_path):
    G = nx.DiGraph()
    for i in range(9):
        G.add_node(f"p{i}", name=f"Person {i}", pseudonym=f"O{i}-01", consent_named=True,
                   organisation=f"Org {i}", org_type="other", role="officer")
    G.add_edges_from((f"p{i}", f"p{i + 1}", {"frequency": 1 + i % 5}) for i in range(8))
    data = page_data(interactive(G, degrees(G), colour_by="organisation").html)
    assert data["colouring"] == "organisation"
    assert list(data["colourings"]) == ["organisation", "org_type", "role"]
    legend = [(x["label"], x["colour"], x["shape"]) for x in data["colourings"]["organisation"]["legend"]]
    assert legend[0] == ("Org 0", "#E69F00", "dot")
    assert legend[7] == ("Org 7", "#E69F00", "square")
    assert len({(c, s) for _, c, s in legend}) == 9
    assert data["nodes"][7]["shape"] == "square"
    widths = [e["width"] for e in data["edges"]]
    assert widths[:5] == [1.0, 2.1, 3.2, 4.3, 5.4]  # frequency 1..5
    assert all(e["arrows"] == "to" for e in data["edges"])


def test_sizes_follow_the_measure(example):
    case, G = example
    data = page_data(interactive(G, degrees(G), size_by="out_degree").html)
    # out-degrees 2, 1, 0, 0 -> radius 12 + 30 * sqrt(share of the range)
    assert [n["size"] for n in data["nodes"]] == [42.0, round(12 + 30 * 0.5 ** 0.5, 1), 12.0, 12.0]
    assert "Size: named (out-degree) (0 to 2)" in data["notes"]


def test_key_people_get_borders():
    G = nx.DiGraph()
    for i in range(10):
        G.add_node(i, name=f"P {i}", pseudonym=f"X-{i:02d}", consent_named=True, organisation="A" if i < 5 else "B",
                   org_type="unitary", role="officer")
    G.add_edges_from((i, 0) for i in range(1, 10))
    table = degrees(G).assign(liaison=[0, 3] + [0] * 8)
    data = page_data(interactive(G, table).html)
    assert data["nodes"][0]["borderWidth"] == 5 and data["nodes"][0]["shapeProperties"]["borderDashes"] is False
    assert data["nodes"][1]["borderWidth"] == 3.5 and data["nodes"][1]["shapeProperties"]["borderDashes"] == [9, 5]
    assert data["nodes"][2]["borderWidth"] == 1.5
    assert data["people"]["0"]["opinion_leader"] and data["people"]["1"]["boundary_spanner"]


def test_bad_options_say_what_is_expected(example):
    case, G = example
    with pytest.raises(ParameterError, match="did you mean 'org_type'"):
        interactive(G, degrees(G), colour_by="org_typ")
    with pytest.raises(ParameterError, match="did you mean 'in_degree'"):
        interactive(G, degrees(G), size_by="indegree")
    with pytest.raises(ParameterError, match="no row for 1"):
        interactive(G, degrees(G).iloc[:3])
    with pytest.raises(ParameterError, match="no nodes"):
        interactive(nx.DiGraph(), pd.DataFrame())
    with pytest.raises(ParameterError, match="networkx graph"):
        interactive({"a": 1}, degrees(G))
    with pytest.raises(ParameterError, match="numeric"):
        interactive(G, degrees(G), size_by="role")


def test_notebook_embed_is_a_sandboxed_srcdoc_frame(example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    case, G = example
    one = interactive(G, degrees(G), seed=1)
    two = interactive(G, degrees(G), seed=2, anonymise=True)
    shown = [embed(one).data, embed(two, height=500).data, one._repr_html_()]
    for frag in shown:
        assert frag.startswith('<div class="partnet-network"><style>') and frag.endswith("</em></p></div>")
        assert frag.count("<iframe srcdoc=") == 1
        assert 'sandbox="allow-scripts allow-downloads"' in frag
        # where a notebook drops the frame (not trusted), the line under it says why; hidden while it is there
        assert ".partnet-network:has(iframe) .partnet-untrusted { display: none; }" in frag
        assert '<p class="partnet-untrusted"><em>The interactive network does not show' in frag
        assert external_references(frag) == []
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown[0]).group(1)
    assert html.unescape(srcdoc) == one.html
    assert 'height: 500px' in shown[1]
    assert list(tmp_path.iterdir()) == []  # nothing written into the working directory
    with pytest.raises(ParameterError):
        one.embed_html(height=10)
    assert isinstance(embed(G, node_table=degrees(G)).data, str)


def test_save_writes_the_document(example, tmp_path):
    case, G = example
    page = interactive(G, degrees(G))
    path = page.save(tmp_path / "deep" / "network.html")
    assert path.read_text(encoding="utf-8") == page.html
    assert isinstance(page, NetworkPage) and "4 people" in repr(page)


@pytest.mark.parametrize("doc, found", [
    ('<script src="https://x.example/a.js"></script>', ["<script src='https://x.example/a.js'>"]),
    ('<link rel="stylesheet" href="//cdn.example/b.css">', ["<link href='//cdn.example/b.css'>"]),
    ('<img srcset="a.png 1x, data:image/png;base64,AA 2x">', ["<img srcset='a.png'>"]),
    ("<style>@import 'x.css'; .a { background: url(data:image/png;base64,AA) }</style>", ["<style> url('x.css')"]),
    ('<iframe srcdoc="&lt;img src=&quot;http://e.example/p&quot;&gt;"></iframe>',
     ["<iframe srcdoc> <img src='http://e.example/p'>"]),
    ('<a href="#legend">legend</a><img src="data:image/gif;base64,R0">', []),
], ids=["script", "stylesheet", "srcset", "css-import", "nested-srcdoc", "inline-only"])
def test_external_references(doc, found):
    assert external_references(doc) == found


BUNDLED = sorted(p for p in (Path(__file__).resolve().parents[1] / "data" / "examples").glob("*")
                 if (p / "case.yaml").is_file())


@pytest.mark.parametrize("folder", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_network_pages(folder, tmp_path):
    from partnet.viz import write_network_page

    case = pn.load_case(folder)
    named = write_network_page(case, tmp_path / "named.html").read_text(encoding="utf-8")
    anonymous = write_network_page(case, tmp_path / "anon.html", anonymise=True).read_text(encoding="utf-8")
    for doc in (named, anonymous):
        assert external_references(doc) == []
        assert "fictional data" in doc
    assert leaked_names(anonymous, case.pseudonyms) == []
    hidden = case.people.loc[~case.people["consent_named"].astype(bool), "name"]
    assert len(hidden) and all(name not in named for name in hidden)
    data = page_data(named)
    assert len(data["nodes"]) == len(case.people)
    # the node table's own columns reach the tooltips
    assert "betweenness (normalised)" in data["nodes"][0]["title"]


def test_write_network_page_reports_unwritable_paths(tmp_path):
    from partnet.errors import PartnetError
    from partnet.viz import write_network_page

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PartnetError, match="cannot write the network page"):
        write_network_page(FIXTURES / "example", blocker / "network.html")


def test_colour_by_a_measure_or_any_attribute(example):
    case, G = example
    doc = interactive(G, degrees(G), colour_by="out_degree").html
    data = page_data(doc)
    # out-degrees 2, 1, 0, 0 in five equal classes of viridis
    assert data["colourings"]["out_degree"]["styles"] == [["#440154", "dot"], ["#21918C", "dot"],
                                                         ["#FDE725", "dot"], ["#FDE725", "dot"]]
    assert [n["color"]["background"] for n in data["nodes"]] == ["#440154", "#21918C", "#FDE725", "#FDE725"]
    assert '<h2 class="pn-legend-title">Colour: named (out-degree)</h2>' in doc
    assert '<option value="out_degree" selected>named (out-degree)</option>' in doc
    H = G.copy()
    for v, ward in zip(H, ["Ward <b>", "Ward <b>", "Ward C", None]):
        H.nodes[v]["ward"] = ward
    data = page_data(interactive(H, degrees(H), colour_by="ward").html)
    assert [(x["label"], x["colour"]) for x in data["colourings"]["ward"]["legend"]] == [
        ("Ward <b>", "#E69F00"), ("Ward C", "#56B4E9"), ("missing", "#999999")]
    assert [s[0] for s in data["colourings"]["ward"]["styles"]] == ["#E69F00", "#E69F00", "#56B4E9", "#999999"]


def test_layout_is_precomputed_physics_off_large_type(example):
    case, G = example
    page = interactive(G, degrees(G), seed=3)
    data = page_data(page.html)
    assert data["options"]["physics"] == {"enabled": False}
    assert [(n["x"], n["y"]) for n in data["nodes"]] == [page.positions[v] for v in page.node_ids]
    assert page.positions == pn.viz.positions(G, seed=3, boxes={
        v: pn.viz.layout.label_box(n["label"], n["size"] + 4, 30, pn.viz.layout.PAGE_CHAR_WIDTH, 0.6)
        for v, n in zip(page.node_ids, data["nodes"])}, aspect=1.5)
    assert data["options"]["nodes"]["font"]["size"] == 30  # the layout keeps labels this size apart
    assert data["minTextPx"] == 12                         # and the page never shows them smaller when fitted
    assert data["options"]["interaction"]["dragNodes"] is True
    assert page_data(interactive(G, degrees(G), font_size=22).html)["options"]["nodes"]["font"]["size"] == 22
    with pytest.raises(ParameterError, match="font_size"):
        interactive(G, degrees(G), font_size=4)


def test_size_by_is_checked_against_the_node_tables_numbers(example):
    from partnet.metrics import node_table
    from partnet.viz.interactive import check_size_by, size_choices

    case, G = example
    nodes = node_table(G)
    assert size_choices(nodes) == list(nodes.columns)             # every measure of node_table is a number
    assert check_size_by("brokerage_total", nodes) == "brokerage_total"
    with pytest.raises(ParameterError) as info:
        check_size_by("indegree", nodes)
    message = str(info.value)
    assert message.startswith("size_by must be a node-table column of numbers (in_degree, out_degree, degree, ")
    assert message.endswith("; 'indegree' was given; did you mean 'in_degree'?")
    table = degrees(G).assign(role=[G.nodes[v]["role"] for v in G], leader=[True, False, False, False])
    assert size_choices(table) == ["in_degree", "out_degree"]      # text and yes/no columns cannot size nodes
    for bad in ("role", "leader", None):
        with pytest.raises(ParameterError, match="size_by must be a node-table column of numbers"):
            check_size_by(bad, table)
    with pytest.raises(ParameterError, match="node_table must be a pandas DataFrame"):
        check_size_by("in_degree", list(G))

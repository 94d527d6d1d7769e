"""The live explorer (``pn.explore``) driven from Python, as a researcher's clicks would drive it.

Widget values are set from Python; what the network, the page and the tables show afterwards is
compared with ``case.graph()`` and ``metrics`` computed directly.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

import partnet as pn
from partnet import metrics
from partnet.errors import ParameterError
from partnet.explorer import RELOAD_NOTE

ROOT = Path(__file__).resolve().parents[1]
SHIRE = ROOT / "data" / "examples" / "shire"
QUENMERE = ROOT / "data" / "examples" / "quenmere"


def page_data(page) -> dict:
    return json.loads(re.search(r'class="pn-data">(.*?)</script>', page.html, re.S).group(1))


@pytest.fixture(scope="module")
def shire():
    return pn.load_case(SHIRE)


def test_the_frequency_widget_redraws_the_graph_and_the_tables(shire):
    ex = pn.explore(shire, seed=2)
    G = shire.graph()
    assert ex.graph.number_of_edges() == G.number_of_edges() == 398
    assert page_data(ex.page)["summary"] == "80 people, 398 ties"
    before = ex.tables["ranking"].copy()
    ex.controls["min_frequency"].value = 4                   # "4 weekly"
    weekly = shire.graph(min_frequency=4)
    assert ex.graph.number_of_edges() == weekly.number_of_edges() == 164
    assert page_data(ex.page)["summary"] == "80 people, 164 ties"
    assert len(page_data(ex.page)["edges"]) == 164
    profile = ex.tables["profile"].set_index("measure")["value"]
    whole = metrics.whole_network(weekly)
    assert profile["ties"] == 164 and profile["density"] == pytest.approx(whole["density"])
    expected = metrics.node_table(weekly)["in_degree"].sort_values(ascending=False, kind="mergesort").head(10)
    assert ex.tables["ranking"].iloc[:, 2].tolist() == expected.tolist()
    assert ex.tables["ranking"]["person"].tolist() == [shire.pseudonyms.shown(v, False) for v in expected.index]
    assert not ex.tables["ranking"].equals(before)
    # what the notebook shows follows: the frame of the page and the tables' HTML
    assert ex._graph_view.value == ex.page.embed_html(height=620)
    assert ">164<" in ex._tables_view.value
    assert "164 ties" in ex._status.value


def test_every_other_widget_redraws(shire):
    ex = pn.explore(shire, seed=2)
    ex.controls["nonrespondents"].value = "drop"
    assert ex.graph.number_of_nodes() == shire.graph(nonrespondents="drop").number_of_nodes() == 62
    ex.controls["colour_by"].value = "seniority"
    assert page_data(ex.page)["colouring"] == "seniority"
    ex.controls["size_by"].value = "betweenness_norm"
    assert ex.tables["ranking"].columns[2] == "betweenness (normalised)"
    top = metrics.node_table(ex.graph)["betweenness_norm"].max()
    assert ex.tables["ranking"].iloc[0, 2] == pytest.approx(top)
    # the other widgets keep their values when one changes
    assert (ex.controls["nonrespondents"].value, ex.controls["colour_by"].value) == ("drop", "seniority")
    assert "wave" not in ex.controls                        # shire has no waves


def test_the_wave_widget_shows_each_wave():
    case = pn.load_case(QUENMERE)
    ex = pn.explore(case)
    assert ex.controls["wave"].value == case.waves[-1]
    ex.controls["wave"].value = case.waves[0]
    first = case.graph(wave=case.waves[0])
    assert ex.graph.graph["wave"] == case.waves[0]
    assert sorted(ex.graph.edges) == sorted(first.edges)


def test_the_relation_widget_rebuilds_the_slider_for_its_scale(make_case):
    ties = ("respondent,alter,relation,frequency\np1,p2,egov_contact,3\np1,p4,egov_contact,4\n"
            "p1,p2,board,1\np2,p3,board,1\np3,p4,calls,7\np1,p3,calls,2\n")
    folder = make_case("three", ties=ties)
    meta = folder / "case.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "relations:\n  egov_contact: {}\n"
                    "  board: {directed: false, scale: binary}\n  calls: {scale: count}\n", encoding="utf-8")
    ex = pn.explore(folder)
    assert ex.controls["relation"].options == ("board", "calls", "egov_contact") or \
        set(ex.controls["relation"].options) == {"board", "calls", "egov_contact"}
    ex.controls["relation"].value = "board"
    assert not ex.graph.is_directed() and ex.graph.number_of_edges() == 2
    assert ex.controls["min_frequency"].disabled
    assert ex.controls["size_by"].value == "degree"
    ex.controls["relation"].value = "calls"
    assert [v for _, v in ex.controls["min_frequency"].options] == list(range(1, 8))
    ex.controls["min_frequency"].value = 5
    assert list(ex.graph.edges) == [("p3", "p4")]
    assert ex.controls["size_by"].value == "in_degree"       # "degree" while the relation was undirected


def test_a_saved_notebook_shows_a_small_static_picture(shire):
    """What the notebook keeps: a static picture with its line, then the widgets, whose style hides the picture."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    ex = pn.explore(shire, anonymise=True)
    with capture_output() as shown:
        ex._ipython_display_()
    static, live = shown.outputs
    assert set(static.data) == {"text/html", "text/plain"}
    assert set(live.data) == {"application/vnd.jupyter.widget-view+json", "text/plain"}
    picture = static.data["text/html"]
    png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', picture).group(1))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) < 100_000
    assert RELOAD_NOTE in picture and RELOAD_NOTE in static.data["text/plain"]
    assert "<iframe" not in picture                          # the 800 KB page stays in the live widgets only
    # the live widgets hide this explorer's picture, and only this one's
    key = re.search(r'data-explorer="([0-9a-f]+)"', picture).group(1)
    assert f'div.partnet-static[data-explorer="{key}"] {{ display: none; }}' in ex._status.value
    assert pn.explore(shire)._id != key
    # anonymised: no roster name in anything the notebook keeps
    kept = picture + static.data["text/plain"] + ex._tables_view.value + ex._status.value
    assert not [n for n in shire.people["name"] if n in kept]


def test_options_are_checked_at_once(shire):
    with pytest.raises(ParameterError, match="did you mean 'seniority'"):
        pn.explore(shire, colour_by="senority")
    with pytest.raises(ParameterError, match="min_frequency"):
        pn.explore(shire, min_frequency=9)
    with pytest.raises(ParameterError, match="did you mean 'in_degree'"):
        pn.explore(shire, size_by="indegree")
    with pytest.raises(ParameterError, match="shire"):
        pn.explore("shrie")

"""The workshop page in a real browser: headless Chromium, network blocked.

Every request the page makes is recorded (Chrome's performance log of
DevTools Network events); a page that asks for anything beyond its own
file fails. Run with ``CI`` set, a missing browser is a failure, not a
skip.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import partnet as pn
from partnet.viz import interactive, write_network_page
from partnet.viz.interactive import interactive_waves

from ._browser import chromium_driver, require_browser

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
ATTACKS = ("<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>",
           '<a href="javascript:alert(3)">')

@pytest.mark.parametrize("ci, outcome", [("1", pytest.fail.Exception), (None, pytest.skip.Exception)],
                         ids=["ci-fails", "local-skips"])
def test_missing_browser_fails_on_ci(monkeypatch, ci, outcome):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome):
        require_browser()


@pytest.fixture(scope="module")
def browser():
    # The performance log records every request a page makes; dialogs are counted, not shown.
    with chromium_driver({"goog:loggingPrefs": {"performance": "ALL"}, "unhandledPromptBehavior": "ignore"}) as driver:
        # Count alert/confirm/prompt calls from the first line of every page.
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": (
            "window.__dialogs = 0;"
            "window.alert = window.confirm = window.prompt = function () { window.__dialogs += 1; };")})
        yield driver


def _events(driver) -> list[dict]:
    return [json.loads(e["message"])["message"] for e in driver.get_log("performance")]


def open_page(driver, path: Path) -> list[dict]:
    """Open a file, wait for the page to start, return the DevTools events of the load."""
    driver.get("about:blank")
    _events(driver)  # drop what came before
    driver.get(path.resolve().as_uri())
    deadline = time.time() + 30
    while time.time() < deadline:
        if driver.execute_script("return !!(window.partnetPages && window.partnetPages.length)"):
            break
        time.sleep(0.05)
    return _events(driver)


def requests_made(events) -> list[str]:
    return [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]


def js(driver, body: str, *args):
    return driver.execute_script("var page = window.partnetPages[0];" + body, *args)


def node_table(G) -> pd.DataFrame:
    return pn.metrics.node_table(G)


BUNDLED = sorted(p.name for p in (ROOT / "data" / "examples").glob("*") if (p / "case.yaml").is_file())


@pytest.fixture(scope="module", params=BUNDLED)
def bundled_page(request, tmp_path_factory):
    """network.html of a bundled case, written as ``partnet graph`` writes it.

    For a case with waves, the page shows everyone of any wave: the graph
    given is their union, and the page made again is the wave page.
    """
    case = pn.load_case(ROOT / "data" / "examples" / request.param)
    path = write_network_page(case, tmp_path_factory.mktemp(request.param) / "network.html")
    waves = getattr(case, "waves", [])
    if len(waves) >= 2:
        graphs = {w: case.graph(wave=w) for w in waves}
        page = interactive_waves(graphs, {w: node_table(G) for w, G in graphs.items()}, title=case.title)
        return case, nx.compose_all(list(graphs.values())), page, path
    page = interactive(case.graph(), node_table(case.graph()), title=case.title)  # same defaults, for node_ids
    return case, case.graph(), page, path


@pytest.fixture(scope="module")
def case_page(tmp_path_factory):
    case = pn.load_case(ROOT / "data" / "examples" / ("shire" if "shire" in BUNDLED else BUNDLED[0]))
    G = case.graph()
    page = interactive(G, node_table(G), title=case.title, seed=3)
    path = page.save(tmp_path_factory.mktemp("pages") / "network.html")
    return case, G, page, path


def _click_node(driver, index: int):
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", ".pn-canvas canvas")
    x, y = js(driver, "var p = page.network.canvasToDOM(page.network.getPosition(arguments[0]));"
                      "return [p.x, p.y];", index)
    w, h = canvas.size["width"], canvas.size["height"]
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).click().perform()


def test_page_loads_nothing_from_elsewhere(browser, bundled_page):
    _, G, page, path = bundled_page
    events = open_page(browser, path)
    urls = requests_made(events)
    assert path.resolve().as_uri() in urls
    outside = [u for u in urls if u != path.resolve().as_uri() and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert js(browser, "return window.__dialogs") == 0


def test_every_node_has_a_position(browser, bundled_page):
    _, G, page, path = bundled_page
    open_page(browser, path)
    positions = js(browser, "return page.network.getPositions();")
    assert len(positions) == G.number_of_nodes()
    expected = {str(i): page.positions[v] for i, v in enumerate(page.node_ids)}
    for k, p in positions.items():
        assert (p["x"], p["y"]) == expected[k]


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 768)], ids=["projector", "laptop"])
def test_every_person_and_name_is_in_view(browser, bundled_page, size):
    """After loading, the picture fits the drawing area with the names: nothing cut at an edge."""
    _, G, page, path = bundled_page
    before = browser.get_window_size()
    browser.set_window_size(*size)
    try:
        boxes = _label_boxes(browser, path)
    finally:
        browser.set_window_size(before["width"], before["height"])
    assert len(boxes) == G.number_of_nodes()
    outside = [b for b in boxes if b[0] < 0 or b[1] < 0 or b[2] > b[4] or b[3] > b[5]]
    assert outside == []


_LABEL_BOXES = ("var c = page.network.body.container.getBoundingClientRect(), out = [];"
                "page.network.body.data.nodes.getIds().forEach(function (id) {"
                "  var b = page.network.getBoundingBox(id);"
                "  var a = page.network.canvasToDOM({x: b.left, y: b.top});"
                "  var z = page.network.canvasToDOM({x: b.right, y: b.bottom});"
                "  out.push([a.x, a.y, z.x, z.y, c.width, c.height]); });"
                "return out;")


def _label_boxes(browser, path):
    """Each person's box with their name, in page pixels, with the drawing area's size."""
    open_page(browser, path)
    deadline = time.time() + 10
    while time.time() < deadline:
        boxes = js(browser, _LABEL_BOXES)
        if boxes and all(b[2] - b[0] > 0 for b in boxes):
            break
        time.sleep(0.1)
    time.sleep(0.3)       # a refit after the first drawing
    return js(browser, _LABEL_BOXES)


def test_click_focuses_on_the_person_and_their_ties(browser, case_page):
    _, G, page, path = case_page
    open_page(browser, path)
    hub = max(G, key=G.in_degree)
    i = page.node_ids.index(hub)
    _click_node(browser, i)
    ego = {hub} | set(G.predecessors(hub)) | set(G.successors(hub))
    highlighted = js(browser, "return page.highlighted();")
    assert sorted(page.node_ids[k] for k in highlighted) == sorted(ego)
    assert len(ego) < G.number_of_nodes()
    faded = js(browser, "return page.nodes.get().filter(function (n) { return n.color.background === '#ECECEC'; })"
                        ".map(function (n) { return n.id; });")
    assert sorted(faded) == sorted(k for k, v in enumerate(page.node_ids) if v not in ego)
    # the person's own ties in full colour; the ties among their contacts are faded
    full = js(browser, "return page.edges.get().filter(function (e) { return e.color.color !== '#E4E4E4'; })"
                       ".map(function (e) { return [e.from, e.to]; });")
    assert sorted((page.node_ids[a], page.node_ids[b]) for a, b in full) == sorted(
        (u, v) for u, v in G.edges if hub in (u, v))
    label = js(browser, "return page.people[arguments[0]].label;", i)
    words = browser.find_element("css selector", ".pn-summary").text
    assert words.startswith(f"{label}: {G.degree(hub)} ties with {len(ego) - 1} people in ")
    assert words.endswith(f"(named {G.out_degree(hub)}, named by {G.in_degree(hub)})")
    assert label in browser.find_element("css selector", ".pn-details").text
    assert js(browser, "return page.selection();") == {"type": "person", "target": label}
    # Clicking empty space clears the focus.
    js(browser, "page.clearFocus();")
    assert len(js(browser, "return page.highlighted();")) == G.number_of_nodes()
    assert js(browser, "return page.selection().type;") == "network"


def _in_focus(G, members) -> tuple[set, set]:
    """The people and ties a focus on ``members`` draws in full colour: theirs, and the people at the other end."""
    ties = {(u, v) for u, v in G.edges if u in members or v in members}
    return set(members) | {x for t in ties for x in t}, ties


def test_focus_lists_show_a_group_with_all_its_ties(browser, case_page):
    from selenium.webdriver.support.ui import Select

    case, G, page, path = case_page
    open_page(browser, path)
    org = case.people["organisation"].value_counts().index[0]
    Select(browser.find_element("css selector", 'select[data-facet="organisation"]')).select_by_visible_text(org)
    people, ties = _in_focus(G, {v for v in G if G.nodes[v]["organisation"] == org})
    assert sorted(page.node_ids[k] for k in js(browser, "return page.highlighted();")) == sorted(people)
    # no tie is hidden: the others are faded
    assert js(browser, "return page.edges.get().filter(function (e) { return e.hidden; }).length;") == 0
    full = js(browser, "return page.edges.get().filter(function (e) { return e.color.color !== '#E4E4E4'; })"
                       ".map(function (e) { return [e.from, e.to]; });")
    assert {(page.node_ids[a], page.node_ids[b]) for a, b in full} == ties
    assert browser.find_element("css selector", ".pn-status").text.startswith(f"{org}: ")
    assert js(browser, "return page.selection();") == {"type": "organisation", "target": org}
    # One focus at a time: a role replaces the organisation.
    Select(browser.find_element("css selector", 'select[data-facet="role"]')).select_by_visible_text("officer")
    people, _ = _in_focus(G, {v for v in G if G.nodes[v]["role"] == "officer"})
    assert sorted(page.node_ids[k] for k in js(browser, "return page.highlighted();")) == sorted(people)
    assert Select(browser.find_element("css selector", 'select[data-facet="organisation"]')).first_selected_option \
        .get_attribute("value") == ""
    assert browser.find_element("css selector", ".pn-status").text.startswith("Officer: ")
    browser.find_element("css selector", "button.pn-reset").click()
    assert len(js(browser, "return page.highlighted();")) == G.number_of_nodes()
    # organisation type
    kind = case.people["org_type"].value_counts().index[-1]
    Select(browser.find_element("css selector", 'select[data-facet="org_type"]')).select_by_visible_text(kind)
    people, _ = _in_focus(G, {v for v in G if G.nodes[v]["org_type"] == kind})
    assert sorted(page.node_ids[k] for k in js(browser, "return page.highlighted();")) == sorted(people)
    assert 0 < len(people) < G.number_of_nodes()


def test_search_finds_a_person(browser, case_page):
    from selenium.webdriver.common.keys import Keys

    case, G, page, path = case_page
    open_page(browser, path)
    named = [v for v in G if G.nodes[v]["consent_named"]]
    target = named[len(named) // 2]
    name = G.nodes[target]["name"]
    box = browser.find_element("css selector", "input.pn-search")
    box.send_keys(name.upper() + Keys.ENTER)
    found = js(browser, "return page.found;")
    assert [page.node_ids[k] for k in found] == [target]
    assert js(browser, "return page.network.getSelectedNodes();") == [page.node_ids.index(target)]
    assert name in browser.find_element("css selector", ".pn-status").text
    # A person without consent is found by pseudonym, never by name.
    hidden = next(v for v in G if not G.nodes[v]["consent_named"])
    assert js(browser, "return page.search(arguments[0]);", G.nodes[hidden]["name"]) == []
    assert js(browser, "return page.search(arguments[0]);", G.nodes[hidden]["pseudonym"]) == \
        [page.node_ids.index(hidden)]


def test_colour_switch_recolours_and_redraws_the_legend(browser, case_page):
    from selenium.webdriver.support.ui import Select

    from partnet.viz.palette import palette_for

    case, G, page, path = case_page
    open_page(browser, path)
    browser.find_element("css selector", ".pn-look summary").click()
    Select(browser.find_element("css selector", "select.pn-colour")).select_by_visible_text("organisation")
    pal = palette_for("organisation", [G.nodes[v]["organisation"] for v in G])
    drawn = js(browser, "return page.nodes.get().map(function (n) { return [n.color.background, n.shape]; });")
    assert drawn == [[pal.colour(G.nodes[v]["organisation"]), pal.shape(G.nodes[v]["organisation"])]
                     for v in page.node_ids]
    legend = browser.find_element("css selector", ".pn-legend-colours").text.splitlines()
    assert legend == [label for label, _ in pal.legend()]
    assert browser.find_element("css selector", ".pn-legend-title").text == "Colour: organisation"
    # a focus keeps the new colours for the people in it
    hub = page.node_ids.index(max(G, key=G.in_degree))
    js(browser, "page.highlight(arguments[0]);", hub)
    assert js(browser, "return page.nodes.get(arguments[0]).color.background;", hub) == pal.colour(
        G.nodes[page.node_ids[hub]]["organisation"])
    browser.find_element("css selector", "button.pn-reset").click()
    assert browser.find_element("css selector", ".pn-legend-title").text == "Colour: organisation type"


def test_legend_column_can_be_hidden_for_more_room(browser, case_page):
    _, G, page, path = case_page
    open_page(browser, path)
    width = js(browser, "return document.querySelector('.pn-canvas').getBoundingClientRect().width;")
    browser.find_element("css selector", "button.pn-side-toggle").click()
    assert not browser.find_element("css selector", ".pn-side").is_displayed()
    wider = js(browser, "return document.querySelector('.pn-canvas').getBoundingClientRect().width;")
    assert wider > width + 100
    browser.find_element("css selector", "button.pn-side-toggle").click()
    assert browser.find_element("css selector", ".pn-side").is_displayed()


def test_png_export_draws_the_view(browser, case_page):
    import base64

    _, G, page, path = case_page
    open_page(browser, path)
    url = js(browser, "return page.pngDataUrl();")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    canvas_width = js(browser, "return document.querySelector('.pn-canvas canvas').width;")
    assert width > canvas_width  # the legend is drawn beside the network


def test_dragged_positions_survive_filters(browser, case_page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import Select

    case, G, page, path = case_page
    open_page(browser, path)
    i = page.node_ids.index(max(G, key=G.in_degree))
    before = js(browser, "return page.network.getPosition(arguments[0]);", i)
    scale = js(browser, "return page.network.getScale();")
    canvas = browser.find_element("css selector", ".pn-canvas canvas")
    x, y = js(browser, "var p = page.network.canvasToDOM(page.network.getPosition(arguments[0]));"
                       "return [p.x, p.y];", i)
    w, h = canvas.size["width"], canvas.size["height"]
    (ActionChains(browser).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2))
     .click_and_hold().move_by_offset(40, 30).move_by_offset(40, 30).release().perform())
    after = js(browser, "return page.network.getPosition(arguments[0]);", i)
    assert after["x"] - before["x"] == pytest.approx(80 / scale, rel=0.1)
    assert after["y"] - before["y"] == pytest.approx(60 / scale, rel=0.1)
    org = G.nodes[page.node_ids[i]]["organisation"]
    Select(browser.find_element("css selector", 'select[data-facet="organisation"]')).select_by_visible_text(org)
    browser.find_element("css selector", "button.pn-reset").click()
    kept = js(browser, "return page.network.getPosition(arguments[0]);", i)
    assert (kept["x"], kept["y"]) == pytest.approx((after["x"], after["y"]))


# ---------------------------------------------------------------- waves


@pytest.fixture(scope="module")
def waves_page(tmp_path_factory):
    """Two waves built by hand from a bundled case: the first lacks a person who joined, the second one
    who left; a third of the first wave's ties are gone by the second and a few new ones appear."""
    case = pn.load_case(ROOT / "data" / "examples" / ("shire" if "shire" in BUNDLED else BUNDLED[0]))
    G = case.graph()
    people = list(G)
    G1, G2 = G.copy(), G.copy()
    G1.remove_node(people[-1])
    G2.remove_node(people[0])
    G2.remove_edges_from([e for k, e in enumerate(list(G1.edges)) if k % 3 == 0])
    added = [(u, v) for u in people[1:12] for v in people[12:40:3] if not G.has_edge(u, v)][:15]
    G2.add_edges_from(added, frequency=2, relation=G.graph["relation"])
    G1.graph["wave"], G2.graph["wave"] = "w1", "w2"
    graphs = {"w1": G1, "w2": G2}
    page = interactive_waves(graphs, {w: node_table(H) for w, H in graphs.items()}, title=case.title, seed=3)
    path = page.save(tmp_path_factory.mktemp("waves") / "network.html")
    return case, graphs, page, path


_DRAWN = ("return page.edges.get().map(function (e) {"
          "  return [e.from, e.to, e.change || null, !!e.dashes, e.color ? e.color.color : null]; });")


def _drawn(driver, page) -> set:
    return {(page.node_ids[a], page.node_ids[b]) for a, b, *_ in js(driver, _DRAWN)}


def _shown_view(driver) -> tuple:
    pressed = [b.get_attribute("data-view") for b in driver.find_elements("css selector", "button.pn-wave")
               if b.get_attribute("aria-pressed") == "true"]
    legends = [d.get_attribute("data-view") for d in driver.find_elements("css selector", ".pn-view-notes")
               if d.is_displayed()]
    return js(driver, "return page.currentView();"), pressed, legends


def test_wave_buttons_switch_the_drawn_ties(browser, waves_page):
    from partnet.metrics import wave_change

    case, graphs, page, path = waves_page
    G1, G2 = graphs["w1"], graphs["w2"]
    events = open_page(browser, path)
    assert [u for u in requests_made(events) if u != path.resolve().as_uri()] == []
    start = js(browser, "return page.network.getPositions();")
    assert {k: (p["x"], p["y"]) for k, p in start.items()} == {
        str(i): page.positions[v] for i, v in enumerate(page.node_ids)}

    # The last wave first, as case.graph() gives it.
    assert _shown_view(browser) == ("wave-1", ["wave-1"], ["wave-1"])
    assert _drawn(browser, page) == set(G2.edges)
    buttons = {b.text: b for b in browser.find_elements("css selector", "button.pn-wave")}
    assert list(buttons) == ["w1", "w2", "Change w1 \u2192 w2"]

    buttons["w1"].click()
    assert _shown_view(browser) == ("wave-0", ["wave-0"], ["wave-0"])
    assert _drawn(browser, page) == set(G1.edges)
    assert browser.find_element("css selector", ".pn-status").text.startswith(
        f"Wave w1: {G1.number_of_nodes()} of {len(page.node_ids)} people, {G1.number_of_edges()} ties")
    joined = page.node_ids.index(next(v for v in G2 if v not in G1))
    assert js(browser, "return page.nodes.get(arguments[0]).color.background;", joined) == "#ECECEC"

    buttons["Change w1 \u2192 w2"].click()
    assert _shown_view(browser) == ("change-0", ["change-0"], ["change-0"])
    drawn = js(browser, _DRAWN)
    kinds = {k: {(page.node_ids[a], page.node_ids[b]) for a, b, c, *_ in drawn if c == k}
             for k in ("persisting", "new", "lost")}
    both = set(G1) & set(G2)
    t1 = {(u, v) for u, v in G1.edges if u in both and v in both}
    t2 = {(u, v) for u, v in G2.edges if u in both and v in both}
    assert kinds == {"persisting": t1 & t2, "new": t2 - t1, "lost": t1 - t2}
    table = wave_change(G1, G2)
    assert [len(kinds[k]) for k in ("persisting", "new", "lost")] == [table["n11"], table["n01"], table["n10"]]
    assert all(k > 0 for k in (table["n11"], table["n01"], table["n10"]))
    assert {(c, dashed, colour) for _, _, c, dashed, colour in drawn} == {
        ("persisting", False, "#8A8A8A"), ("new", False, "#0072B2"), ("lost", True, "#D55E00")}
    legend = browser.find_element("css selector", '.pn-view-notes[data-view="change-0"]').text
    assert f"lost: in w1, not in w2 ({int(table['n10'])})" in legend
    left = page.node_ids.index(next(v for v in G1 if v not in G2))
    faded = js(browser, "return page.nodes.get().filter(function (n) { return n.color.background === '#ECECEC'; })"
                        ".map(function (n) { return n.id; });")
    assert sorted(faded) == sorted([joined, left])

    buttons["w2"].click()
    assert _drawn(browser, page) == set(G2.edges)
    # One layout: nobody moved while the views changed.
    assert js(browser, "return page.network.getPositions();") == start
    assert js(browser, "return window.__dialogs") == 0
    assert [u for u in requests_made(_events(browser)) if not u.startswith(("data:", "blob:"))] == []


def test_wave_buttons_work_from_the_keyboard(browser, waves_page):
    from selenium.webdriver.common.keys import Keys

    case, graphs, page, path = waves_page
    open_page(browser, path)
    first = browser.find_element("css selector", 'button.pn-wave[data-view="wave-0"]')
    first.send_keys(Keys.SPACE)
    assert _shown_view(browser)[0] == "wave-0"
    assert browser.switch_to.active_element.get_attribute("data-view") == "wave-0"
    browser.switch_to.active_element.send_keys(Keys.TAB)
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("data-view") == "change-0"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert _shown_view(browser) == ("change-0", ["change-0"], ["change-0"])


def test_highlight_filters_and_picture_follow_the_view(browser, waves_page):
    from selenium.webdriver.support.ui import Select

    case, graphs, page, path = waves_page
    G1, G2 = graphs["w1"], graphs["w2"]
    open_page(browser, path)
    hub = max(G2, key=G2.in_degree)
    i = page.node_ids.index(hub)
    js(browser, "page.highlight(arguments[0]);", i)
    browser.find_element("css selector", 'button.pn-wave[data-view="change-0"]').click()
    # the focus stays on the person, over the change view's ties; their ties keep the view's colours
    assert js(browser, "return page.focused.kind + ' ' + Object.keys(page.focused.members);") == f"person {i}"
    both = set(G1) & set(G2)
    ego = {hub} | {v for H in (G1, G2) for v in (*H.predecessors(hub), *H.successors(hub)) if v in both}
    assert sorted(page.node_ids[k] for k in js(browser, "return page.highlighted();")) == sorted(ego)
    mine = js(browser, "var id = arguments[0];"
                       "return page.edges.get().filter(function (e) { return e.from === id || e.to === id; })"
                       ".map(function (e) { return [e.change, e.color.color]; });", i)
    colours = {"persisting": "#8A8A8A", "new": "#0072B2", "lost": "#D55E00"}
    assert mine and all(colour == colours[kind] for kind, colour in mine)
    assert js(browser, "return page.people[arguments[0]].label;", i) in \
        browser.find_element("css selector", ".pn-details").text
    js(browser, "page.clearHighlight();")
    # everyone in both waves is drawn in full colour again; those in one wave only stay faded
    assert sorted(page.node_ids[k] for k in js(browser, "return page.highlighted();")) == sorted(both)

    # a focus holds across views, on each view's own ties
    org = G2.nodes[hub]["organisation"]
    org_of = {v: (G2.nodes[v] if v in G2 else G1.nodes[v])["organisation"] for v in page.node_ids}
    label = js(browser, "var out = {}; Object.keys(page.people).forEach(function (k) {"
                        " out[page.people[k].label] = Number(k); }); return out;")
    Select(browser.find_element("css selector", 'select[data-facet="organisation"]')).select_by_visible_text(org)
    for key, G in (("wave-0", G1), ("change-0", None), ("wave-1", G2)):
        browser.find_element("css selector", f'button.pn-wave[data-view="{key}"]').click()
        shown = {(page.node_ids[label[a]], page.node_ids[label[b]])
                 for a, b in js(browser, "return window.partnet.visible().ties;")}
        assert shown and all(org in (org_of[u], org_of[v]) for u, v in shown)
        if G is not None:
            assert shown == {(u, v) for u, v in G.edges if org in (org_of[u], org_of[v])}
        assert browser.find_element("css selector", ".pn-status").text.startswith(f"{org}: ")

    # the picture's title and legend say which view it is
    browser.find_element("css selector", "button.pn-reset").click()
    browser.find_element("css selector", 'button.pn-wave[data-view="change-0"]').click()
    assert js(browser, "return page.data.title;") == f"{case.title} \u00b7 change w1 \u2192 w2"
    notes = js(browser, "return page.data.notes;")
    assert any(n.startswith("blue line \u2013 new: in w2, not in w1") for n in notes)
    assert any(n.startswith("dashed orange line \u2013 lost: in w1, not in w2") for n in notes)
    assert js(browser, "return page.pngDataUrl();").startswith("data:image/png;base64,")
    assert js(browser, "return page.data.pngName;").endswith("change-w1-w2.png")


def test_bundled_wave_case_page_in_the_browser(browser, tmp_path):
    """``partnet graph`` of a bundled case with waves: the buttons switch its real waves."""
    cases = [c for c in BUNDLED if len(getattr(pn.load_case(ROOT / "data" / "examples" / c), "waves", [])) >= 2]
    if not cases:
        pytest.skip("no bundled case with two or more waves")
    case = pn.load_case(ROOT / "data" / "examples" / cases[0])
    path = write_network_page(case, tmp_path / "network.html", anonymise=True)
    events = open_page(browser, path)
    assert [u for u in requests_made(events) if u != path.resolve().as_uri()] == []
    labels = js(browser, "var out = {}; Object.keys(page.people).forEach(function (k) {"
                         " out[k] = page.people[k].label; }); return out;")
    for k, w in enumerate(case.waves):
        browser.find_element("css selector", f'button.pn-wave[data-view="wave-{k}"]').click()
        drawn = {(labels[str(a)], labels[str(b)]) for a, b, *_ in js(browser, _DRAWN)}
        expected = {(case.pseudonyms.of(u), case.pseudonyms.of(v)) for u, v in case.graph(wave=w).edges}
        assert drawn == expected
    assert js(browser, "return window.__dialogs") == 0


# ---------------------------------------------------------------- hostile


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    case = pn.load_case(HOSTILE)
    G = case.graph()
    roles = {"h1": ATTACKS[0], "h2": ATTACKS[1], "h3": ATTACKS[2] + "lead</a>"}
    for v, role in roles.items():  # roles from outside the case format (e.g. a graph file)
        G.nodes[v]["role"] = role
    page = interactive(G, node_table(G), case=case, quotes=True, title=case.title, subtitle=case.meta["description"])
    return case, G, page, page.save(tmp_path_factory.mktemp("hostile") / "network.html")


def test_hostile_text_runs_nothing_and_shows_literally(browser, hostile_page):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    case, G, page, path = hostile_page
    events = open_page(browser, path)
    assert [u for u in requests_made(events) if u != path.resolve().as_uri()] == []
    assert js(browser, "return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert js(browser, "return document.querySelectorAll('a').length") == 0
    assert js(browser, "return document.scripts.length") == 3  # vis-network, data, page script
    assert browser.find_element("css selector", "h1").text == case.title
    assert browser.title == case.title
    organisations = [o.text for o in Select(browser.find_element(
        "css selector", 'select[data-facet="organisation"]')).options]
    assert sorted(organisations[1:]) == sorted(case.organisations["organisation"])
    roles = [o.text for o in Select(browser.find_element("css selector", 'select[data-facet="role"]')).options]
    assert ATTACKS[0] in roles and ATTACKS[1] in roles

    # Tooltips are plain strings that vis-network shows with innerText.
    titles = js(browser, "return page.nodes.get().map(function (n) { return n.title; });")
    assert all(isinstance(t, str) for t in titles)
    assert G.nodes["h1"]["name"] in titles[0] and ATTACKS[0] in titles[0]
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = browser.find_element("css selector", ".pn-canvas canvas")
    for k in range(3):
        x, y = js(browser, "var p = page.network.canvasToDOM(page.network.getPosition(arguments[0]));"
                           "return [p.x, p.y];", k)
        w, h = canvas.size["width"], canvas.size["height"]
        ActionChains(browser).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).perform()
        deadline = time.time() + 5
        tip = ""
        while time.time() < deadline and G.nodes[page.node_ids[k]]["name"] not in tip:
            time.sleep(0.1)
            tip = js(browser, "var t = document.querySelector('div.vis-tooltip');"
                              "return t && t.style.visibility === 'visible' ? t.innerText : '';")
        assert G.nodes[page.node_ids[k]]["name"] in tip
        assert js(browser, "return document.querySelector('div.vis-tooltip').querySelectorAll('*:not(br)').length") == 0

    # Details panel with the quotes, written with textContent.
    _click_node(browser, page.node_ids.index("h3"))
    details = browser.find_element("css selector", ".pn-details")
    text = details.text
    assert G.nodes["h3"]["name"] in text and ATTACKS[2] in text
    hidden = pn.load_case(HOSTILE).pseudonyms.of("h4")
    assert f"<img src=x onerror=alert(1)> {hidden} said no" in text  # quote shown, consent-less name replaced
    assert "Tavish" not in text
    assert js(browser, "return document.querySelector('.pn-details').querySelectorAll('img, a, script').length") == 0

    # Search for a hostile name, filter by a hostile organisation.
    box = browser.find_element("css selector", "input.pn-search")
    box.send_keys("</script><script>" + Keys.ENTER)
    assert [page.node_ids[k] for k in js(browser, "return page.found;")] == ["h2"]
    Select(browser.find_element("css selector", 'select[data-facet="organisation"]')).select_by_visible_text(
        G.nodes["h1"]["organisation"])
    people, _ = _in_focus(G, {"h1", "h4"})
    assert sorted(page.node_ids[k] for k in js(browser, "return page.highlighted();")) == sorted(people)
    status = browser.find_element("css selector", ".pn-status").text
    assert status.startswith(G.nodes["h1"]["organisation"] + ": 2 people")
    legend = browser.find_element("css selector", ".pn-legend").text
    assert "fire" in legend and "voluntary" in legend
    browser.find_element("css selector", ".pn-look summary").click()
    Select(browser.find_element("css selector", "select.pn-colour")).select_by_visible_text("organisation")
    legend = browser.find_element("css selector", ".pn-legend-colours").text.splitlines()
    assert legend == sorted(case.organisations["organisation"], key=str.casefold)
    assert js(browser, "return document.querySelector('.pn-legend').querySelectorAll('img, a, script').length") == 0

    assert js(browser, "return window.__dialogs") == 0
    dialogs = [e for e in _events(browser) if e["method"] == "Page.javascriptDialogOpening"]
    assert dialogs == []


def test_hostile_page_anonymised_shows_no_roster_name(hostile_page, tmp_path):
    from partnet.privacy import Roster, scan_text

    case = hostile_page[0]
    G = case.graph()            # the case's own roles (the fixture's graph carries attack strings as roles)
    page = interactive(G, node_table(G), case=case, quotes=True, anonymise=True)
    # The independent gate: every part of the hostile names ("Zorbek", "img", "onerror=alert(1"), in the
    # page's data, not in the inlined library (whose code says "img" too).
    assert scan_text(page.html, Roster(case.people["name"]), markup=True) == []


# ---------------------------------------------------------------- scale


def test_two_thousand_people_draw_in_time(browser, tmp_path):
    from partnet.synth import synth_case

    case = pn.load_case(synth_case(tmp_path / "big", 30, 2000, seed=11))
    G = case.graph()
    table = pd.DataFrame({"in_degree": dict(G.in_degree()), "out_degree": dict(G.out_degree())}).loc[list(G)]
    path = interactive(G, table, seed=1).save(tmp_path / "network.html")
    start = time.perf_counter()
    open_page(browser, path)
    browser.execute_script("return new Promise(function (done) {"
                           " var p = window.partnetPages[0]; p.network.redraw();"
                           " requestAnimationFrame(function () { requestAnimationFrame(done); }); });")
    elapsed = time.perf_counter() - start
    assert len(js(browser, "return page.network.getPositions();")) == 2000
    assert elapsed < 30, f"the 2,000-person page took {elapsed:.1f} s to draw"


def test_ego_sheet_loads_nothing_and_runs_nothing(browser, tmp_path):
    from partnet.viz import write_ego_sheets

    case = pn.load_case(HOSTILE)
    G = case.graph()
    paths = write_ego_sheets(case, G, node_table(G), tmp_path, quotes=True)
    for path in [paths[2], tmp_path / "index.html"]:
        browser.get("about:blank")
        _events(browser)
        browser.get(path.resolve().as_uri())
        urls = requests_made(_events(browser))
        assert [u for u in urls if u != path.resolve().as_uri()] == []
        assert browser.execute_script("return window.__dialogs") == 0
        assert browser.execute_script("return document.querySelectorAll('img, script, iframe').length") == 0
    assert G.nodes["h3"]["name"] in browser.find_element("css selector", "body").text


# ---------------------------------------------------------------- notebooks


def test_two_embedded_graphs_survive_papermill_and_nbconvert(browser, tmp_path):
    """Two graphs in one notebook, executed by papermill and rendered by
    nbconvert: both draw in their own frame, nothing is fetched, nothing
    written beside the notebook, hostile text shows literally."""
    import nbformat

    from partnet.report.render import execute_notebook, render_html

    source = tmp_path / "source.ipynb"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("example = ''\nhostile = ''", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import partnet as pn\nfrom partnet import viz, metrics\n"
                                  "one = pn.load_case(example).graph()\ntwo = pn.load_case(hostile).graph()"),
        nbformat.v4.new_code_cell("viz.embed(one, node_table=metrics.node_table(one), seed=1, height=420)"),
        nbformat.v4.new_code_cell("viz.embed(two, node_table=metrics.node_table(two), seed=2, height=420,\n"
                                  "          colour_by='organisation', title=two.graph['title'])"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, source)
    work = tmp_path / "work"
    work.mkdir()
    executed = execute_notebook(source, work / "run.ipynb",
                                {"example": str(ROOT / "tests" / "fixtures" / "example"), "hostile": str(HOSTILE)},
                                cwd=work, timeout=300)
    assert sorted(p.name for p in work.iterdir()) == ["run.ipynb"]  # no lib/, no page files
    outputs = [o for c in executed.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    page = tmp_path / "report.html"
    page.write_text(render_html(executed, title="two graphs"), encoding="utf-8")

    browser.get("about:blank")
    _events(browser)
    browser.get(page.resolve().as_uri())
    frames = browser.find_elements("css selector", "div.partnet-network > iframe[srcdoc]")
    assert len(frames) == 2
    sizes, titles, labels = [], [], []
    for frame in frames:
        browser.switch_to.frame(frame)
        deadline = time.time() + 30
        while time.time() < deadline and not browser.execute_script(
                "return !!(window.partnetPages && window.partnetPages.length)"):
            time.sleep(0.05)
        sizes.append(len(js(browser, "return page.network.getPositions();")))
        titles.append(browser.find_element("css selector", "h1").text)
        labels.append(sorted(js(browser, "return Object.values(page.people).map(function (p) { return p.label; });")))
        assert js(browser, "return window.partnetPages.length") == 1
        assert js(browser, "return window.__dialogs || 0") == 0
        browser.switch_to.default_content()
    G1, G2 = pn.load_case(ROOT / "tests" / "fixtures" / "example").graph(), pn.load_case(HOSTILE).graph()
    assert sizes == [G1.number_of_nodes(), G2.number_of_nodes()]
    assert titles[1] == G2.graph["title"]
    from partnet.pseudonyms import shown_name

    assert labels == [sorted(shown_name(d, False) for _, d in G1.nodes(data=True)),
                      sorted(shown_name(d, False) for _, d in G2.nodes(data=True))]
    urls = requests_made(_events(browser))
    assert [u for u in urls if u != page.resolve().as_uri() and not u.startswith(("data:", "blob:", "about:"))] == []
    assert browser.execute_script("return window.__dialogs") == 0
    assert not [e for e in _events(browser) if e["method"] == "Page.javascriptDialogOpening"]
    # the line for a notebook that drops frames is hidden while the frame is there, and shows without it
    lines = browser.find_elements("css selector", "div.partnet-network > p.partnet-untrusted")
    assert len(lines) == 2 and not any(line.is_displayed() for line in lines)
    browser.execute_script("document.querySelector('div.partnet-network > iframe').remove();")
    assert [line.is_displayed() for line in lines] == [True, False]


def _printed_pages(driver, path: Path) -> int:
    import base64
    import re

    driver.get(path.resolve().as_uri())
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("case_id", BUNDLED, ids=BUNDLED)
def test_ego_sheets_of_the_busiest_people_print_on_one_page(browser, case_id, tmp_path):
    from partnet.viz import write_ego_sheets

    case = pn.load_case(ROOT / "data" / "examples" / case_id)
    G = case.graph()
    contacts = {v: len(set(G.predecessors(v)) | set(G.successors(v))) for v in G if G.nodes[v]["responded"]}
    busiest = sorted(contacts, key=lambda v: (-contacts[v], v))[:2]
    quiet = min(contacts, key=lambda v: (contacts[v], v))
    paths = write_ego_sheets(case, G, node_table(G), tmp_path, people=[*busiest, quiet])
    assert [_printed_pages(browser, p) for p in paths] == [1, 1, 1], {v: contacts[v] for v in busiest}

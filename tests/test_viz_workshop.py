"""The workshop page as a facilitator uses it, at a council laptop's 1366x768: focus on a group or a
person, the tie-value slider, the organisation view, text and dot sizes, shapes and plain words.

Driven through ``window.partnet`` (the page's own hook) and through its controls as a person would,
in headless Chromium with the network blocked; expected values come from the case's graph in Python.
"""

from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
import pytest

import partnet as pn
from partnet.metrics import node_table
from partnet.metrics.organisations import organisation_graph
from partnet.pseudonyms import shown_name
from partnet.viz import interactive, write_network_page

from ._browser import chromium_driver

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
BUNDLED = sorted(p.name for p in EXAMPLES.glob("*") if (p / "case.yaml").is_file())
LAPTOP = {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False}
ASHCOMBE = "Ashcombe District Council"


@pytest.fixture(scope="module")
def laptop():
    """Chromium with a 1366x768 viewport, as on a council laptop."""
    with chromium_driver({"unhandledPromptBehavior": "ignore"}) as driver:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", LAPTOP)
        yield driver


def open_page(driver, path: Path) -> None:
    driver.get("about:blank")
    driver.get(path.resolve().as_uri())
    deadline = time.time() + 30
    while time.time() < deadline:
        if driver.execute_script("return !!(window.partnet && window.partnet.page)"):
            break
        time.sleep(0.05)
    time.sleep(0.3)   # the first drawing measures the labels and fits again


def hook(driver, body: str, *args):
    return driver.execute_script("var pn = window.partnet, page = pn.page;" + body, *args)


@pytest.fixture(scope="module")
def shire(tmp_path_factory):
    """The bundled shire case's page, as ``partnet graph`` writes it, and who is who on it."""
    case = pn.load_case(EXAMPLES / "shire")
    path = write_network_page(case, tmp_path_factory.mktemp("shire") / "network.html")
    G = case.graph()
    shown = {v: shown_name(G.nodes[v], False) for v in G}
    return case, G, shown, path


def test_focus_on_an_organisation_shows_all_its_ties_and_partners(laptop, shire):
    case, G, shown, path = shire
    open_page(laptop, path)
    words = hook(laptop, "return pn.focus('organisation', arguments[0]);", ASHCOMBE)
    assert words == f"{ASHCOMBE}: 7 people, 3 ties among them, 37 ties with 5 other organisations"
    members = {v for v in G if G.nodes[v]["organisation"] == ASHCOMBE}
    arcs = [(u, v) for u, v in G.edges if u in members or v in members]
    inside = [(u, v) for u, v in arcs if u in members and v in members]
    partners = {x for e in arcs for x in e} - members
    assert (len(members), len(arcs), len(inside)) == (7, 40, 3)
    assert len({G.nodes[v]["organisation"] for v in partners}) == 5
    seen = hook(laptop, "return pn.visible();")
    assert sorted(seen["people"]) == sorted(shown[v] for v in members | partners)
    assert sorted(map(tuple, seen["ties"])) == sorted((shown[u], shown[v]) for u, v in arcs)
    assert laptop.find_element("css selector", ".pn-summary").text == words
    assert hook(laptop, "return pn.selection();") == {"type": "organisation", "target": ASHCOMBE}
    # everyone else is greyed, not hidden
    assert hook(laptop, "return page.nodes.get().filter(function (n) { return n.hidden; }).length;") == 0
    greyed = hook(laptop, "return page.nodes.get().filter(function (n) { return n.color.background === '#ECECEC'; })"
                          ".length;")
    assert greyed == G.number_of_nodes() - len(members | partners)

    hook(laptop, "pn.reset();")
    seen = hook(laptop, "return pn.visible();")
    assert len(seen["ties"]) == G.number_of_edges() == 398
    assert sorted(map(tuple, seen["ties"])) == sorted((shown[u], shown[v]) for u, v in G.edges)
    assert sorted(seen["people"]) == sorted(shown.values())
    assert hook(laptop, "return pn.focus('organisation', 'Ashcombe');") is None   # names as the page shows them


def test_focus_on_a_role_type_and_person_in_words(laptop, shire):
    case, G, shown, path = shire
    open_page(laptop, path)
    councillors = {v for v in G if G.nodes[v]["role"] == "councillor"}
    words = hook(laptop, "return pn.focus('role', 'councillor');")
    arcs = [(u, v) for u, v in G.edges if u in councillors or v in councillors]
    inside = sum(1 for u, v in arcs if u in councillors and v in councillors)
    others = {x for e in arcs for x in e} - councillors
    orgs = len({G.nodes[v]["organisation"] for v in councillors})
    assert words == (f"Councillor: {len(councillors)} people in {orgs} organisations, {inside} ties among them, "
                     f"{len(arcs) - inside} ties with {len(others)} other people")
    assert len(hook(laptop, "return pn.visible().ties;")) == len(arcs)
    team = [v for v in G if G.nodes[v]["org_type"] == "partnership team"]
    types = hook(laptop, "return pn.focus('org_type', 'partnership team');")
    assert types.startswith(f"Partnership team: {len(team)} people in 1 organisation, ")
    hub = max(G, key=G.in_degree)
    words = hook(laptop, "return pn.focus('person', arguments[0]);", shown[hub])
    alters = set(G.predecessors(hub)) | set(G.successors(hub))
    assert words == (f"{shown[hub]}: {G.degree(hub)} ties with {len(alters)} people in "
                     f"{len({G.nodes[v]['organisation'] for v in alters})} organisations "
                     f"(named {G.out_degree(hub)}, named by {G.in_degree(hub)})")
    assert sorted(hook(laptop, "return pn.visible().people;")) == sorted(shown[v] for v in alters | {hub})
    assert hook(laptop, "return pn.selection();") == {"type": "person", "target": shown[hub]}
    assert hook(laptop, "return pn.focus('directorate', 'ICT');") is None          # not a kind the page knows


def test_clicking_a_tie_selects_it_for_a_note(laptop, shire):
    case, G, shown, path = shire
    open_page(laptop, path)
    u, v = next(iter(G.edges))
    edge = hook(laptop, "var f = arguments[0], t = arguments[1];"
                        "return page.edges.get().filter(function (e) {"
                        "  return page.people[e.from].label === f && page.people[e.to].label === t; })[0].id;",
                shown[u], shown[v])
    hook(laptop, "page.focusTie(arguments[0]);", edge)
    assert hook(laptop, "return pn.selection();") == {"type": "tie", "target": f"{shown[u]} \u2192 {shown[v]}",
                                                      "from": shown[u], "to": shown[v]}
    assert hook(laptop, "return pn.visible().ties;") == [[shown[u], shown[v]]]


def test_frequency_slider_at_weekly_hides_every_tie_below_4(laptop, shire):
    from selenium.webdriver.common.keys import Keys

    case, G, shown, path = shire
    open_page(laptop, path)
    slider = laptop.find_element("css selector", "input.pn-freq")
    assert (slider.get_attribute("min"), slider.get_attribute("max")) == ("1", "5")
    slider.click()                       # the thumb starts at yearly; the arrow keys move it a step at a time
    hook(laptop, "document.querySelector('input.pn-freq').value = '1';"
                 "document.querySelector('input.pn-freq').dispatchEvent(new Event('input'));")
    for _ in range(3):
        slider.send_keys(Keys.ARROW_RIGHT)
    assert laptop.find_element("css selector", "output.pn-freq-words").text == "weekly or more often"
    weekly = [(u, v) for u, v, f in G.edges(data="frequency") if f >= 4]
    assert 0 < len(weekly) < G.number_of_edges()
    seen = hook(laptop, "return pn.visible().ties;")
    assert sorted(map(tuple, seen)) == sorted((shown[u], shown[v]) for u, v in weekly)
    hidden = hook(laptop, "return page.edges.get().filter(function (e) { return e.hidden; })"
                          ".map(function (e) { return e.freq; });")
    assert len(hidden) == G.number_of_edges() - len(weekly) and max(hidden) < 4
    assert len(hook(laptop, "return pn.visible().people;")) == G.number_of_nodes()   # the people stay
    assert laptop.find_element("css selector", ".pn-status").text == (
        f"{G.number_of_nodes()} people, {len(weekly)} of {G.number_of_edges()} ties (weekly or more often)")
    # a focus counts only the ties the slider leaves
    members = {v for v in G if G.nodes[v]["organisation"] == ASHCOMBE}
    arcs = [(u, v) for u, v in weekly if u in members or v in members]
    hook(laptop, "pn.focus('organisation', arguments[0]);", ASHCOMBE)
    assert len(hook(laptop, "return pn.visible().ties;")) == len(arcs)
    assert laptop.find_element("css selector", ".pn-summary").text.endswith("(ties weekly or more often)")
    hook(laptop, "pn.reset();")
    assert len(hook(laptop, "return pn.visible().ties;")) == G.number_of_edges()
    assert laptop.find_element("css selector", "output.pn-freq-words").text == "every tie"


def test_organisation_view_counts_the_ties_between_organisations(laptop, shire):
    case, G, shown, path = shire
    open_page(laptop, path)
    laptop.find_element("css selector", "button.pn-view-orgs").click()
    time.sleep(0.3)
    assert laptop.find_element("css selector", ".pn-canvas-orgs canvas").is_displayed()
    drawn = hook(laptop, "var v = page.orgView; return {nodes: v.nodes.get().map(function (n) { return n.label; }),"
                         " edges: v.edges.get().map(function (e) { return [v.orgs[e.from].name, v.orgs[e.to].name,"
                         " e.ties, e.width]; })};")
    O = organisation_graph(G)
    assert sorted(drawn["nodes"]) == sorted(O.nodes)
    expected = {}
    for a, b, d in O.edges(data=True):
        key = frozenset((a, b))
        expected[key] = expected.get(key, 0) + d["ties"]
    assert {frozenset((a, b)): n for a, b, n, _ in drawn["edges"]} == expected
    # line width grows with the number of ties
    widths = sorted((n, w) for _, _, n, w in drawn["edges"])
    assert all(w1 <= w2 for (_, w1), (_, w2) in zip(widths, widths[1:]))
    # a click on an organisation focuses it, in both views
    box = hook(laptop, "var v = page.orgView, k = v.byName[arguments[0]];"
                       "var p = v.network.canvasToDOM(v.network.getPosition(k)); return [p.x, p.y];", ASHCOMBE)
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = laptop.find_element("css selector", ".pn-canvas-orgs canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    ActionChains(laptop).move_to_element_with_offset(canvas, int(box[0] - w / 2), int(box[1] - h / 2)).click().perform()
    assert laptop.find_element("css selector", ".pn-status").text.startswith(f"{ASHCOMBE}: 7 people")
    lit = hook(laptop, "return page.orgView.edges.get().filter(function (e) { return e.color.color !== '#E4E4E4'; })"
                       ".map(function (e) { return e.ties; });")
    assert sum(lit) == 37
    laptop.find_element("css selector", "button.pn-view-people").click()
    assert len(hook(laptop, "return pn.visible().ties;")) == 40
    # the slider thins the organisation view too
    hook(laptop, "pn.setMinimum(5); pn.showOrganisations(true);")
    daily = sum(1 for u, v, f in G.edges(data="frequency")
                if f == 5 and G.nodes[u]["organisation"] != G.nodes[v]["organisation"])
    assert sum(hook(laptop, "return page.orgView.edges.get().map(function (e) { return e.ties; });")) == daily


def test_labels_are_legible_on_a_laptop_for_every_bundled_case(laptop, tmp_path):
    """At 1366x768, with the whole network in view, every label is at least 12 px high."""
    for name in BUNDLED:
        path = write_network_page(pn.load_case(EXAMPLES / name), tmp_path / f"{name}.html")
        open_page(laptop, path)
        size = hook(laptop, "var c = page.container; return [c.clientWidth, c.clientHeight,"
                            " page.network.body.nodes[0].options.font.size * page.network.getScale()];")
        assert size[0] >= 1000 and size[1] >= 640, name        # the drawing fills the screen
        assert size[2] >= 12 - 0.05, name
        # every name inside the drawing
        out = hook(laptop, "var b = page.network.body, c = page.container, out = 0;"
                           "b.nodeIndices.forEach(function (id) { var s = b.nodes[id].labelModule.size;"
                           " var a = page.network.canvasToDOM({x: s.left, y: s.top});"
                           " var z = page.network.canvasToDOM({x: s.left + s.width, y: s.top + s.height});"
                           " if (a.x < -1 || a.y < -1 || z.x > c.clientWidth + 1 || z.y > c.clientHeight + 1) {"
                           "   out++; } });"
                           "return out;")
        assert out == 0, name


def test_text_and_dot_size_controls(laptop, shire):
    case, G, shown, path = shire
    open_page(laptop, path)
    laptop.find_element("css selector", ".pn-look summary").click()
    hook(laptop, "var s = document.querySelector('input.pn-text-size'); s.value = '20';"
                 "s.dispatchEvent(new Event('input'));")
    px = hook(laptop, "return page.network.body.nodes[0].options.font.size * page.network.getScale();")
    assert px == pytest.approx(20, rel=0.03)
    assert laptop.find_element("css selector", "output.pn-text-words").text == "20 px"
    before = hook(laptop, "return page.nodes.get().map(function (n) { return n.size; });")
    hook(laptop, "var s = document.querySelector('input.pn-node-size'); s.value = '200';"
                 "s.dispatchEvent(new Event('input'));")
    after = hook(laptop, "return page.nodes.get().map(function (n) { return n.size; });")
    assert after == pytest.approx([2 * x for x in before])
    hook(laptop, "pn.reset();")
    assert hook(laptop, "return page.nodes.get().map(function (n) { return n.size; });") == pytest.approx(before)
    assert laptop.find_element("css selector", "output.pn-text-words").text == "fitted"


def test_partnership_team_keeps_its_square_whatever_the_colouring(laptop, shire):
    from selenium.webdriver.support.ui import Select

    case, G, shown, path = shire
    open_page(laptop, path)
    team = [k for k, v in enumerate(G) if G.nodes[v]["org_type"] == "partnership team"]
    assert team
    laptop.find_element("css selector", ".pn-look summary").click()
    for attr in ("seniority", "role", "directorate", "org_type"):
        Select(laptop.find_element("css selector", "select.pn-colour")).select_by_value(attr)
        shapes = hook(laptop, "return page.nodes.get().map(function (n) { return n.shape; });")
        assert {shapes[k] for k in team} == {"square"}, attr
        note = laptop.find_element("css selector", ".pn-shape-note")
        if attr == "org_type":
            assert not note.is_displayed()
        else:
            assert set(shapes) == {"dot", "square"} and note.text == "square: partnership team"


def test_plain_words_for_the_relation(shire):
    case, G, shown, path = shire
    page = path.read_text(encoding="utf-8")
    header = page[page.index("<header"):page.index("</header>")]
    assert case.meta["question"] in header
    assert "egov_contact" not in header


def test_an_undirected_relation_lists_each_tie_once(laptop, tmp_path):
    G = nx.Graph(relation="married", scale="binary")
    for v, org in (("a", "North"), ("b", "North"), ("c", "South")):
        G.add_node(v, name=f"Person {v.upper()}", pseudonym=f"P-{v}", consent_named=True, organisation=org,
                   org_type="other", role="officer")
    G.add_edges_from([("a", "b"), ("b", "c")])
    path = interactive(G, node_table(G), title="Marriages").save(tmp_path / "undirected.html")
    open_page(laptop, path)
    assert sorted(map(tuple, hook(laptop, "return pn.visible().ties;"))) == [("Person A", "Person B"),
                                                                           ("Person B", "Person C")]
    assert hook(laptop, "return pn.focus('organisation', 'South');") == \
        "South: 1 person, 0 ties among them, 1 tie with 1 other organisation"
    assert laptop.find_elements("css selector", "input.pn-freq") == []   # a binary relation has no slider
    assert hook(laptop, "return pn.setMinimum(2);") is False


def test_notes_from_the_page_reach_the_case_and_its_report(laptop, tmp_path):
    """Notes added on the page, kept over a reload, downloaded, imported with ``partnet import-notes``:
    the case validates and its report shows them beside what people said."""
    import shutil

    from partnet.cli import main
    from partnet.report import run

    folder = tmp_path / "shire"
    shutil.copytree(EXAMPLES / "shire", folder)
    (folder / "notes.csv").unlink()                       # the case before its workshop
    segments = (folder / "segments.csv").read_bytes()
    case = pn.load_case(folder)
    G = case.graph()
    path = write_network_page(case, tmp_path / "network.html")
    shown = {v: shown_name(G.nodes[v], False) for v in G}
    open_page(laptop, path)
    hook(laptop, "pn.notes.clear();")
    hub = max(G, key=G.in_degree)
    u, v = next((u, v) for u, v in G.edges if hub not in (u, v))
    edge = hook(laptop, "var f = arguments[0], t = arguments[1];"
                        "return page.edges.get().filter(function (e) {"
                        "  return page.people[e.from].label === f && page.people[e.to].label === t; })[0].id;",
                shown[u], shown[v])
    said = {
        "person": f"The room agreed {shown[hub]} is who everyone rings first",
        "tie": "They only speak when the portal breaks",
        "organisation": "Ashcombe works through the team, not with its neighbours",
        "network": "Nobody from the voluntary sector was in the room",
    }
    laptop.find_element("css selector", "input.pn-note-facilitator").send_keys("Facilitator One")
    for kind, script in (("person", "pn.focus('person', arguments[0]);"),
                         ("tie", "page.focusTie(arguments[1]);"),
                         ("organisation", "pn.focus('organisation', arguments[2]);"),
                         ("network", "pn.reset();")):
        hook(laptop, script, shown[hub], edge, ASHCOMBE)
        box = laptop.find_element("css selector", "textarea.pn-note-text")
        box.send_keys(said[kind])
        laptop.find_element("css selector", "button.pn-note-add").click()
    open_page(laptop, path)                                       # a reload loses nothing
    kept = hook(laptop, "return pn.notes.list();")
    assert [(n["target_type"], n["note"]) for n in kept] == list(said.items())
    assert kept[1]["target"] == f"{shown[u]} \u2192 {shown[v]}" and kept[2]["target"] == ASHCOMBE
    download = tmp_path / "notes.csv"
    download.write_bytes(hook(laptop, "return pn.notes.csv();").encode("utf-8"))
    hook(laptop, "pn.notes.clear();")

    assert main(["import-notes", str(download), str(folder)]) == 0
    assert main(["validate", str(folder)]) == 0
    assert (folder / "segments.csv").read_bytes() == segments
    notes = pn.load_case(folder).notes
    assert notes[["target_type", "target", "alter", "note", "facilitator"]].values.tolist() == [
        ["person", hub, "", said["person"], "Facilitator One"],
        ["tie", u, v, said["tie"], "Facilitator One"],
        ["organisation", ASHCOMBE, "", said["organisation"], "Facilitator One"],
        ["network", "", "", said["network"], "Facilitator One"],
    ]
    assert main(["import-notes", str(download), str(folder)]) == 0      # the same download again: skipped
    assert len(pn.load_case(folder).notes) == 4

    result = run([folder], tmp_path / "reports", jobs=1, progress=False)
    report = (result.out / "shire" / "report.html").read_text(encoding="utf-8")
    assert 'id="table-workshop_notes"' in report
    for text in said.values():
        assert text in report

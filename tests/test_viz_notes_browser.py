"""Notes from the room on the workshop page, in headless Chromium with the network blocked.

The page is the real one ``partnet graph`` writes (:func:`write_network_page`):
notes about the network, a person, a tie and an organisation are kept in
the browser's local storage across a reload, listed, deleted, cleared and
downloaded as a CSV file that a spreadsheet opens safely; a page in a
sandboxed frame keeps them in memory and says so.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest

import partnet as pn
from partnet.viz import write_network_page

from ._browser import chromium_driver

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
HEADER = ["target_type", "target", "note", "date", "facilitator", "tie_from", "tie_to", "view", "case", "page"]
ATTACKS = "<img src=x onerror=alert(1)> </script><script>alert(2)</script> <a href=\"javascript:alert(3)\">x</a>"
UNAVAILABLE = ("This copy of the page cannot keep notes: open the page file itself to keep them across a reload; "
               "download them before closing.")

# Dialogs are counted, not shown; window.confirm answers window.__answer and keeps its question.
STUB = ("window.__dialogs = 0; window.__confirms = []; window.__answer = true;"
        "window.alert = window.prompt = function () { window.__dialogs += 1; };"
        "window.confirm = function (q) { window.__confirms.push(String(q)); return window.__answer; };")


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    with chromium_driver({"goog:loggingPrefs": {"performance": "ALL"}, "unhandledPromptBehavior": "ignore"}) as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": STUB})
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The real workshop pages of two bundled cases, as ``partnet graph`` writes them."""
    folder = tmp_path_factory.mktemp("pages")
    out = {name: write_network_page(pn.load_case(EXAMPLES / name), folder / f"{name}.html")
           for name in ("shire", "coastal")}
    for path in out.values():
        assert "window.partnet.notes" in path.read_text(encoding="utf-8")
    return out


def _events(driver) -> list[dict]:
    return [json.loads(e["message"])["message"] for e in driver.get_log("performance")]


def requests_made(events) -> list[str]:
    return [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]


def _wait_for_notes(driver):
    deadline = time.time() + 30
    while time.time() < deadline:
        if driver.execute_script("return !!(window.partnet && window.partnet.notes)"):
            return
        time.sleep(0.05)
    raise AssertionError("the page's notes did not start")


def open_page(driver, path: Path, fresh: bool = False) -> list[dict]:
    """Open a page and wait for its notes (``fresh``: with this browser's storage emptied first)."""
    driver.get("about:blank")
    _events(driver)
    driver.get(path.resolve().as_uri())
    _wait_for_notes(driver)
    if fresh:
        driver.execute_script("localStorage.clear();")
        driver.refresh()
        _wait_for_notes(driver)
    return _events(driver)


def reload(driver):
    driver.refresh()
    _wait_for_notes(driver)


def notes(driver, body: str, *args):
    return driver.execute_script("var notes = window.partnet.notes, page = window.partnet.page;" + body, *args)


def panel(driver, selector: str):
    return driver.find_element("css selector", f"section.pn-notes {selector}")


def shown(driver) -> list[dict]:
    """The notes listed in the panel, as a reader sees them (newest first)."""
    return driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('ul.pn-note-list > li'), function (li) {"
        " return {on: li.querySelector('.pn-note-on').textContent, body: li.querySelector('.pn-note-body').textContent,"
        "  meta: li.querySelector('.pn-note-meta').textContent,"
        "  label: li.querySelector('button.pn-note-delete').getAttribute('aria-label'), elements: li.children.length,"
        "  id: li.getAttribute('data-id')}; });")


def guard(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _some_people(driver):
    """Two people's shown names, an organisation and a tie (its id and ends) of the page."""
    return notes(driver, "var ids = Object.keys(page.people), e = page.edges.get()[0];"
                         "return {a: page.people[ids[0]].label, b: page.people[ids[1]].label,"
                         " org: page.people[ids[0]].organisation, edge: e.id, from: page.label(e.from),"
                         " to: page.label(e.to)};")


# ---------------------------------------------------------------- keep, list, delete, export


def test_notes_are_kept_across_a_reload_and_export_as_csv(browser, pages):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(browser, pages["shire"], fresh=True)
    who = _some_people(browser)
    title = pn.load_case(EXAMPLES / "shire").title
    added = notes(browser, """
        return [notes.add({target_type: 'network', note: 'Everyone knows the chief executive'}),
                notes.add({target_type: 'person', target: arguments[0], note: '=SUM(A1:A9) asked',
                           facilitator: '@lead'}),
                notes.add({target_type: 'tie', tie_from: arguments[1], tie_to: arguments[2],
                           note: '-2 since the merger, "weekly" at most'}),
                notes.add({target_type: 'organisation', target: arguments[3], note: 'line one\\nline two'})];""",
                  who["a"], who["from"], who["to"], who["org"])
    assert [n["target_type"] for n in added] == ["network", "person", "tie", "organisation"]
    assert added[0]["target"] == title
    assert added[2]["target"] == f"{who['from']} \u2192 {who['to']}"
    assert (added[2]["tie_from"], added[2]["tie_to"]) == (who["from"], who["to"])
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", n["date"]) for n in added)
    assert len({n["id"] for n in added}) == 4

    # through the form: the selection names the person, the facilitator field is remembered
    notes(browser, "window.partnet.focus('person', arguments[0]);", who["b"])
    assert panel(browser, ".pn-note-about").text == f"About: {who['b']}"
    panel(browser, "input.pn-note-facilitator").send_keys("Rhian")
    box = panel(browser, "textarea.pn-note-text")
    box.send_keys("Brokers across the two councils")
    ActionChains(browser).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    assert box.get_attribute("value") == ""
    before = notes(browser, "return notes.list();")
    assert len(before) == 5
    assert {k: before[4][k] for k in ("target_type", "target", "note", "facilitator", "tie_from", "view")} == {
        "target_type": "person", "target": who["b"], "note": "Brokers across the two councils",
        "facilitator": "Rhian", "tie_from": "", "view": ""}
    # an empty note is refused
    assert notes(browser, "return notes.add({note: '  \\n '});") is None
    panel(browser, "button.pn-note-add").click()
    assert panel(browser, ".pn-notes-status").text == "Write a note first."

    reload(browser)
    assert notes(browser, "return notes.list();") == before
    assert panel(browser, "h2").text == "Notes from the room (5)"
    assert panel(browser, "input.pn-note-facilitator").get_attribute("value") == "Rhian"
    listed = shown(browser)
    assert [x["body"] for x in listed] == [n["note"] for n in reversed(before)]
    assert listed[-1]["on"] == "the whole network" and listed[-3]["on"] == added[2]["target"]
    assert listed[-2]["meta"] == f"{added[1]['date']} \u00b7 @lead"

    # delete one with its button, named for the reader of a screen reader
    gone = next(x for x in listed if x["id"] == before[1]["id"])
    assert gone["label"] == f"Delete the note about {who['a']}, {before[1]['date']}: =SUM(A1:A9) asked"
    browser.find_element("css selector", f"button.pn-note-delete[aria-label=\"{gone['label']}\"]").click()
    kept = [n for n in before if n["id"] != before[1]["id"]]
    assert notes(browser, "return notes.list();") == kept
    assert notes(browser, "return notes.remove('no such note');") is False
    reload(browser)
    assert notes(browser, "return notes.list();") == kept
    stored = json.loads(notes(browser, "return localStorage.getItem(notes.key());"))
    assert stored["version"] == 1 and [n["id"] for n in stored["notes"]] == [n["id"] for n in kept]

    # the CSV: BOM, CRLF, RFC 4180 quoting, the formula guard, case and page
    text = notes(browser, "return notes.csv();")
    assert text.startswith("\ufeff")
    body = text[1:]
    assert body.startswith(",".join(HEADER) + "\r\n") and body.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert body.count("\r\n") == len(rows) and "\n" not in body.replace("\r\n", "").replace("line one\nline", "")
    assert rows[0] == HEADER
    assert rows[1:] == [[n["target_type"], guard(n["target"]), guard(n["note"]), n["date"], guard(n["facilitator"]),
                         guard(n["tie_from"]), guard(n["tie_to"]), guard(n["view"]), "shire", "names"] for n in kept]
    assert rows[2][2] == "'-2 since the merger, \"weekly\" at most"
    assert rows[3][2] == "line one\nline two"
    assert '"\'-2 since the merger, ""weekly"" at most"' in body

    # partnet reads the download back against the case, guard removed
    notes_module = pytest.importorskip("partnet.notes")
    download = pages["shire"].parent / "notes.csv"
    download.write_bytes(text.encode("utf-8"))
    table, problems = notes_module.read_page_notes(download, pn.load_case(EXAMPLES / "shire"))
    assert problems == []
    assert list(table["target_type"]) == [n["target_type"] for n in kept]
    assert list(table["note"]) == [n["note"] for n in kept]


def test_download_writes_the_csv_and_nothing_leaves_the_page(browser, pages, downloads):
    events = open_page(browser, pages["shire"], fresh=True)
    notes(browser, "notes.add({target_type: 'network', note: 'Quiet room, good answers'});"
                   "notes.add({target_type: 'person', target: 'Jane Doe', note: '+44 rings her, not email'});")
    browser.find_element("css selector", "button.pn-notes-download").click()
    name = notes(browser, "return notes.fileName();")
    assert re.fullmatch(r"notes-shire-\d{4}-\d\d-\d\d\.csv", name)
    path = downloads / name
    deadline = time.time() + 15
    while time.time() < deadline and not (path.is_file() and not list(downloads.glob("*.crdownload"))):
        time.sleep(0.1)
    expected = notes(browser, "return notes.csv();").encode("utf-8")
    assert path.read_bytes() == expected
    assert expected.startswith(b"\xef\xbb\xbf") and b"'+44 rings her" in expected
    assert panel(browser, ".pn-notes-status").text == f"Notes saved as {name}."
    urls = requests_made(events + _events(browser))
    assert [u for u in urls if u != pages["shire"].resolve().as_uri() and not u.startswith(("blob:", "data:"))] == []
    assert browser.execute_script("return window.__dialogs") == 0


def test_clearing_leaves_nothing_in_the_browser(browser, pages):
    open_page(browser, pages["shire"], fresh=True)
    panel(browser, "input.pn-note-facilitator").send_keys("Rhian")
    notes(browser, "notes.add({note: 'one'}); notes.add({note: 'two'});")
    key = notes(browser, "return notes.key();")
    assert key.startswith("partnet-notes/")
    # "no" to the question keeps everything
    browser.execute_script("window.__answer = false;")
    panel(browser, "button.pn-notes-clear").click()
    assert browser.execute_script("return window.__confirms") == [
        "Clear all notes from this browser (2 in all)? Download them first if you need them."]
    assert len(notes(browser, "return notes.list();")) == 2
    browser.execute_script("window.__answer = true;")
    panel(browser, "button.pn-notes-clear").click()
    assert notes(browser, "return notes.list();") == []
    assert browser.execute_script("return Object.keys(localStorage);") == []
    assert panel(browser, "input.pn-note-facilitator").get_attribute("value") == ""
    reload(browser)
    assert notes(browser, "return notes.list();") == [] and shown(browser) == []
    assert panel(browser, "h2").text == "Notes from the room (0)"
    assert panel(browser, "input.pn-note-facilitator").get_attribute("value") == ""
    # clear() from the api asks nothing
    notes(browser, "notes.add({note: 'three'});")
    assert notes(browser, "return notes.clear();") == 1
    assert browser.execute_script("return window.__confirms.length") == 0
    assert browser.execute_script("return localStorage.getItem(arguments[0]);", key) is None


def test_pages_of_two_cases_keep_their_notes_apart(browser, pages):
    open_page(browser, pages["shire"], fresh=True)
    shire_key = notes(browser, "return notes.key();")
    notes(browser, "notes.add({note: 'about the shire'});")
    open_page(browser, pages["coastal"])
    assert notes(browser, "return notes.key();") != shire_key
    assert notes(browser, "return notes.list();") == []
    notes(browser, "notes.add({note: 'about the coast'});")
    assert [n["case"] for n in csv.DictReader(io.StringIO(notes(browser, "return notes.csv();")[1:]))] == ["coastal"]
    open_page(browser, pages["shire"])
    assert [n["note"] for n in notes(browser, "return notes.list();")] == ["about the shire"]


def test_hostile_note_shows_literally_and_runs_nothing(browser, pages):
    open_page(browser, pages["shire"], fresh=True)
    notes(browser, "notes.add({target_type: 'person', target: arguments[0], note: arguments[0],"
                   " facilitator: arguments[0]});", ATTACKS)
    panel(browser, "textarea.pn-note-text").send_keys(ATTACKS)
    panel(browser, "button.pn-note-add").click()
    reload(browser)
    for item in shown(browser):
        assert item["body"] == ATTACKS and item["elements"] == 4
    assert shown(browser)[1]["on"] == ATTACKS and ATTACKS in shown(browser)[1]["meta"]
    assert browser.execute_script(
        "return document.querySelectorAll('section.pn-notes img, section.pn-notes script, section.pn-notes a,"
        " section.pn-notes iframe, img, iframe').length") == 0
    time.sleep(0.2)
    assert browser.execute_script("return window.__dialogs") == 0
    assert not [e for e in _events(browser) if e["method"] == "Page.javascriptDialogOpening"]


def test_unreadable_stored_notes_do_not_break_the_page(browser, pages):
    open_page(browser, pages["shire"], fresh=True)
    key = notes(browser, "return notes.key();")
    browser.execute_script("localStorage.setItem(arguments[0], '{\"version\": 1, \"notes\": [oops');", key)
    reload(browser)
    assert notes(browser, "return notes.list();") == []
    warning = panel(browser, ".pn-notes-warning")
    assert warning.is_displayed() and "could not be read" in warning.text
    assert browser.execute_script("return window.partnet.focus('person', arguments[0]);", _some_people(browser)["a"])
    notes(browser, "notes.add({note: 'a fresh start'});")
    assert browser.execute_script("return localStorage.getItem(arguments[0] + '/unreadable');", key) == \
        '{"version": 1, "notes": [oops'
    assert [n["note"] for n in json.loads(browser.execute_script(
        "return localStorage.getItem(arguments[0]);", key))["notes"]] == ["a fresh start"]
    reload(browser)
    assert panel(browser, ".pn-notes-warning").is_displayed()     # still kept aside, until cleared
    panel(browser, "button.pn-notes-clear").click()
    assert browser.execute_script("return Object.keys(localStorage);") == []
    assert not panel(browser, ".pn-notes-warning").is_displayed()


def test_a_refused_write_keeps_the_note_and_says_so(browser, pages):
    open_page(browser, pages["shire"], fresh=True)
    browser.execute_script("window.__setItem = Storage.prototype.setItem; Storage.prototype.setItem = function () {"
                           " throw new DOMException('full', 'QuotaExceededError'); };")
    notes(browser, "notes.add({note: 'kept in memory'});")
    assert [n["note"] for n in notes(browser, "return notes.list();")] == ["kept in memory"]
    warning = panel(browser, ".pn-notes-warning")
    assert warning.is_displayed() and "refused to keep the latest notes" in warning.text
    browser.execute_script("Storage.prototype.setItem = window.__setItem;")
    notes(browser, "notes.add({note: 'and this one'});")
    assert not warning.is_displayed()
    reload(browser)
    assert [n["note"] for n in notes(browser, "return notes.list();")] == ["kept in memory", "and this one"]


# ---------------------------------------------------------------- selection and views


def test_the_selection_sets_what_a_note_is_about(browser, pages):
    open_page(browser, pages["shire"], fresh=True)
    who = _some_people(browser)
    about = panel(browser, ".pn-note-about")
    assert about.text == "About: the whole network"
    notes(browser, "window.partnet.focus('person', arguments[0]);", who["a"])
    assert about.text == f"About: {who['a']}"
    notes(browser, "page.focusTie(arguments[0]);", who["edge"])
    assert about.text == f"About: {who['from']} \u2192 {who['to']}"
    tie = notes(browser, "return notes.add({note: 'they meet weekly'});")
    assert (tie["target_type"], tie["tie_from"], tie["tie_to"]) == ("tie", who["from"], who["to"])
    notes(browser, "window.partnet.focus('organisation', arguments[0]);", who["org"])
    assert about.text == f"About: {who['org']}"
    assert notes(browser, "return notes.add({note: 'x'}).target_type;") == "organisation"
    notes(browser, "window.partnet.reset();")
    assert about.text == "About: the whole network"


def test_a_note_on_a_wave_page_records_the_view(browser, tmp_path):
    case = pn.load_case(EXAMPLES / "quenmere")
    if len(getattr(case, "waves", [])) < 2:
        pytest.skip("the bundled case has no waves")
    path = write_network_page(case, tmp_path / "network.html", anonymise=True)
    open_page(browser, path, fresh=True)
    assert notes(browser, "return notes.add({note: 'new ties'}).view;") == f"wave {case.waves[-1]}"
    browser.find_element("css selector", 'button.pn-wave[data-view="change-0"]').click()
    note = notes(browser, "return notes.add({note: 'lost ties'});")
    assert note["view"] == f"change {case.waves[0]} \u2192 {case.waves[1]}"
    row = list(csv.DictReader(io.StringIO(notes(browser, "return notes.csv();")[1:], newline="")))[-1]
    assert (row["view"], row["page"]) == (note["view"], "pseudonyms")


def test_the_panel_fits_a_laptop_screen(browser, pages):
    """At 1366x768 the form, the buttons and a long note fit the side panel's width: nothing to scroll sideways."""
    before = browser.get_window_size()
    browser.set_window_size(1366, 768)
    try:
        open_page(browser, pages["shire"], fresh=True)
        notes(browser, "notes.add({target_type: 'tie', tie_from: arguments[0], tie_to: arguments[0],"
                       " note: arguments[1], facilitator: 'Rhian'});", "Wolfeschlegelsteinhausenbergerdorff Smith",
              "x" * 300)
        boxes = browser.execute_script(
            "var side = document.querySelector('.pn-side'), s = side.getBoundingClientRect(), out = [];"
            "document.querySelectorAll('section.pn-notes textarea, section.pn-notes input, section.pn-notes button,"
            " section.pn-notes li').forEach(function (el) { var r = el.getBoundingClientRect();"
            " out.push([el.className, r.left >= s.left - 1 && r.right <= s.right + 1 && r.width > 0]); });"
            "return [side.scrollWidth <= side.clientWidth, out];")
    finally:
        browser.set_window_size(before["width"], before["height"])
    assert boxes[0]
    assert [name for name, inside in boxes[1] if not inside] == []


# ---------------------------------------------------------------- a sandboxed frame


def test_a_sandboxed_frame_keeps_notes_in_memory_and_says_so(browser, tmp_path):
    from partnet.viz import interactive

    case = pn.load_case(EXAMPLES / "shire")
    G = case.graph()
    outer = tmp_path / "notebook.html"
    outer.write_text("<!DOCTYPE html><html><body>" + interactive(G, pn.metrics.node_table(G), case=case)
                     .embed_html(height=700) + "</body></html>", encoding="utf-8")
    browser.get("about:blank")
    browser.get(outer.resolve().as_uri())
    browser.execute_script("localStorage.clear();")
    browser.switch_to.frame(browser.find_element("css selector", "div.partnet-network > iframe[srcdoc]"))
    try:
        _wait_for_notes(browser)
        assert notes(browser, "return notes.kept();") is False
        warning = panel(browser, ".pn-notes-warning")
        assert warning.is_displayed() and warning.text == UNAVAILABLE
        assert not panel(browser, ".pn-notes-where").is_displayed()
        panel(browser, "textarea.pn-note-text").send_keys("kept in memory")
        panel(browser, "button.pn-note-add").click()
        assert [n["note"] for n in notes(browser, "return notes.list();")] == ["kept in memory"]
        assert shown(browser)[0]["body"] == "kept in memory"
        # no dialog in the frame: clearing takes a second press
        panel(browser, "button.pn-notes-clear").click()
        assert len(notes(browser, "return notes.list();")) == 1
        status = panel(browser, ".pn-notes-status").text
        assert status == "Press \u201cClear all notes\u201d again to clear them (1 in all)."
        panel(browser, "button.pn-notes-clear").click()
        assert notes(browser, "return notes.list();") == []
    finally:
        browser.switch_to.default_content()
    assert browser.execute_script("return Object.keys(localStorage);") == []


# ---------------------------------------------------------------- the script and the partial, without a browser


def test_notes_script_is_written_so_the_privacy_gate_finds_no_name():
    """The gate reads the script as it reads the page's data: only the browser's own names are capitalised."""
    from partnet.privacy import Roster, scan_text
    from partnet.viz._html import asset_text

    script = asset_text("network_notes.js")
    capitalised = {w for w in re.findall(r"[A-Za-z]+", script) if w[0].isupper()}
    assert capitalised <= {"DOMContentLoaded", "JSON", "Date", "Math", "Object", "Array", "Blob", "URL", "TypeError"}
    rosters = [pn.load_case(p).people["name"] for p in sorted(EXAMPLES.glob("*")) if (p / "case.yaml").is_file()]
    assert scan_text(script, Roster([n for r in rosters for n in r] + ["Mark Page", "Will Show", "Sam Note"])) == []
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "http" not in script


def test_notes_partial_renders_alone():
    from partnet.viz._html import render

    text = render("network_notes.html.j2")
    assert text.startswith('<section class="pn-notes"') and "{" not in text.replace("{n}", "").replace("{file}", "")
    assert UNAVAILABLE in text

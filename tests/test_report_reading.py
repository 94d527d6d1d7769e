"""A case report as its readers meet it, in headless Chromium: contents, links, words, pictures, length, print.

One anonymised run of the bundled ``shire`` case for the module (with its
cross-case report and index), as a researcher would share it; the browser
is the one of ``test_viz_browser.py`` (network blocked, 1366 px wide here,
a common laptop screen).
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import openpyxl
import pytest

from partnet.report import run

from ._browser import chromium_driver

pytestmark = [pytest.mark.browser, pytest.mark.pipeline]

EPOCH = "1767225600"   # 2026-01-01, as in test_report.py

#: The width the length is measured at, and the most the main text of shire may take before its appendix:
#: the whole page was 24,800 px before long tables were cut to their top rows.
WIDTH = 1366
MAIN_TEXT_MAX = 12_000

#: nbconvert's alt text for a picture without one.
NO_DESCRIPTION = "No description has been provided for this image"

PAGES = ("shire/report.html", "cross_case.html")


@pytest.fixture(scope="module")
def browser():
    with chromium_driver() as driver:
        yield driver


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """shire rendered once, anonymised: ``<out>/shire/``, ``cross_case.html``, ``index.html``."""
    base = tmp_path_factory.mktemp("reading")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run(["shire"], base / "reports", anonymise=True, jobs=1, progress=False)
    assert result.ok, [(r.case_id, r.stage, r.error) for r in result.failed]
    return result.out


def open_page(driver, path: Path, width: int = WIDTH) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "screen"})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    driver.get("about:blank")
    driver.get(path.resolve().as_uri())
    deadline = time.time() + 30
    while driver.execute_script("return document.readyState") != "complete" and time.time() < deadline:
        time.sleep(0.05)


def ids_of(path: Path) -> set[str]:
    return {html.unescape(i) for i in re.findall(r'\bid="([^"]*)"', path.read_text(encoding="utf-8"))}


# ------------------------------------------------------------------ navigation

@pytest.mark.parametrize("page", PAGES)
def test_contents_at_the_top_link_every_section(browser, reports, page):
    open_page(browser, reports / page)
    found = browser.execute_script("""
        const nav = document.querySelector('nav#contents');
        if (!nav) return null;
        const links = Array.from(nav.querySelectorAll('a')).map(a => decodeURIComponent(a.hash.slice(1)));
        const h2 = Array.from(document.querySelectorAll('h2[id]'));
        return {top: nav.getBoundingClientRect().top + window.scrollY,
                firstSection: h2.length ? h2[0].getBoundingClientRect().top + window.scrollY : null,
                links: links,
                missing: links.filter(id => !document.getElementById(id)),
                sections: h2.map(h => h.id),
                headings: h2.map(h => h.textContent.replace('\u00b6', '').trim())};""")
    assert found is not None, "no <nav id=contents>"
    assert found["missing"] == [] and len(found["links"]) >= len(found["sections"]) >= 5
    assert set(found["sections"]) <= set(found["links"])                       # every section listed
    assert found["top"] < found["firstSection"] and found["top"] < 900           # on the first screen
    assert found["headings"][-1] == "Appendix: full tables"


def test_links_reach_the_files_of_the_report(browser, reports):
    expected = {"shire/report.html": {"network.html", "ego/index.html", "tables.xlsx", "methods.html",
                                      "../index.html", "../cross_case.html"},
                "cross_case.html": {"shire/report.html", "cross_case/tables.xlsx", "cross_case/methods.html",
                                    "index.html"}}
    for page, wanted in expected.items():
        path = reports / page
        open_page(browser, path)
        hrefs = browser.execute_script(
            "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
        files = {h.split("#")[0] for h in hrefs if not h.startswith("#")}
        assert wanted <= files, page
        for href in hrefs:                       # every link lands: a file beside the page, and its anchor
            target, _, anchor = href.partition("#")
            assert not urlsplit(target).scheme and not target.startswith("/"), href
            file = (path.parent / unquote(target)).resolve() if target else path
            assert file.exists(), f"{page}: {href}"
            if anchor and file.suffix == ".html":
                assert html.unescape(unquote(anchor)) in ids_of(file), f"{page}: {href}"
    methods = (reports / "shire" / "methods.html").read_text(encoding="utf-8")
    assert "Reading the numbers" in methods and 'href="report.html"' in methods


# ---------------------------------------------------------------- words, pictures

@pytest.mark.parametrize("page", [*PAGES, "index.html"])
def test_no_header_is_a_code_name(browser, reports, page):
    from partnet.vocabulary import CODE_NAMES

    open_page(browser, reports / page)
    headers = browser.execute_script(
        "return Array.from(document.querySelectorAll('th')).map(th => th.textContent.trim())")
    assert headers and [h for h in headers if h in CODE_NAMES] == []


@pytest.mark.parametrize("page", PAGES)
def test_every_picture_says_what_it_shows(browser, reports, page):
    open_page(browser, reports / page)
    alts = browser.execute_script("return Array.from(document.images).map(i => i.getAttribute('alt'))")
    assert alts and all(a and a.strip() and a != NO_DESCRIPTION for a in alts), alts


# ------------------------------------------------------------- length, nothing lost

def test_main_text_fits_and_the_page_never_widens(browser, reports):
    open_page(browser, reports / "shire" / "report.html")
    sizes = browser.execute_script("""
        const a = document.getElementById('Appendix:-full-tables');
        return {main: a ? a.getBoundingClientRect().top + window.scrollY : null,
                whole: document.documentElement.scrollHeight,
                wide: document.documentElement.scrollWidth, screen: window.innerWidth};""")
    print(f"\nshire report.html at {WIDTH} px: main text {sizes['main']:.0f} px, whole page {sizes['whole']} px")
    assert sizes["main"] is not None and sizes["main"] < MAIN_TEXT_MAX
    assert sizes["wide"] <= sizes["screen"]          # wide tables scroll inside the page


def test_every_table_is_whole_in_the_appendix_or_the_text_and_in_the_workbook(browser, reports):
    """Each table of tables.xlsx: shown whole in the text, or in part there and whole in the appendix."""
    open_page(browser, reports / "shire" / "report.html")
    blocks = browser.execute_script("""
        const rows = b => { const t = b.querySelector('table'); return t ? t.tBodies[0].rows.length : 0; };
        const of = cls => Array.from(document.querySelectorAll('.partnet-block')).filter(b => b.querySelector(cls))
            .map(b => ({caption: b.querySelector(cls).textContent.trim(), rows: rows(b), id: b.id,
                        more: b.querySelector('.partnet-more') ? b.querySelector('.partnet-more').textContent : ''}));
        return {text: of('.partnet-caption'), appendix: of('.partnet-appendix-caption')};""")
    text = {b["caption"]: b for b in blocks["text"]}
    appendix = {b["caption"]: b for b in blocks["appendix"]}
    wb = openpyxl.load_workbook(reports / "shire" / "tables.xlsx", read_only=True)
    # the contents sheet: each row names a sheet and holds the caption the page shows above the table
    contents = [(next(v for v in r if v in wb.sheetnames), next(v for v in r if v in text))
                for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True) if set(r) & set(text)]
    assert len(contents) == len(text) >= 15
    shortened = 0
    for sheet, caption in contents:
        rows = sum(1 for r in wb[sheet].iter_rows(min_row=2, values_only=True) if any(v is not None for v in r))
        shown = text[caption]
        if shown["more"]:
            shortened += 1
            assert appendix[caption]["rows"] == rows, caption
            assert appendix[caption]["id"] == shown["id"].replace("table-", "appendix-", 1)
            if shown["rows"] < rows:
                assert f"{rows - shown['rows']} more rows" in shown["more"] or not shown["rows"], caption
        else:
            assert shown["rows"] == rows and caption not in appendix, caption
    assert shortened >= 4 and len(appendix) == shortened


# ---------------------------------------------------------------------- print

@pytest.mark.parametrize("page", PAGES)
def test_print_keeps_every_column(browser, reports, page):
    """On A4 paper (186 mm between the margins, 703 px) no table is cut: each fits within the page."""
    open_page(browser, reports / page, width=703)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    cut = browser.execute_script("""
        const page = document.body.getBoundingClientRect().right;
        return Array.from(document.querySelectorAll('table.partnet-table')).filter(t => {
            const box = t.closest('.partnet-scroll');
            return t.getBoundingClientRect().right > page + 1 || (box && box.scrollWidth > box.clientWidth + 1);
        }).map(t => t.id);""")
    assert cut == []
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 703

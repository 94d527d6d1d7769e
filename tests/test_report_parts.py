"""The report's parts on their own: offline check, nbconvert template, CaseReport, index, privacy, refusals.

The whole pipeline (real papermill and nbconvert over real cases) is in
``test_report.py``; these tests are quick.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

import partnet as pn
from partnet.errors import ParameterError, ReportError
from partnet.privacy import Roster, scan
from partnet.pseudonyms import leaked_names
from partnet.report import CaseReport, CrossCaseReport, index_html, internet_references, render_html
from partnet.report.pipeline import CaseResult, run

TINY = Path(__file__).parent / "fixtures" / "tiny"


def code_inputs(page: str) -> list[str]:
    """Elements of a rendered notebook that show a code cell's input: the cell without
    ``jp-mod-noInput``, the editor holding the code, or an input prompt."""
    import re

    return (re.findall(r'class="jp-Cell jp-CodeCell(?![^"]*jp-mod-noInput)[^"]*"', page)
            + re.findall(r'class="[^"]*\bjp-(?:InputArea-editor|InputPrompt)\b[^"]*"', page))


# ------------------------------------------------------------ offline check

@pytest.mark.parametrize("page,found", [
    ('<script src="https://cdnjs.cloudflare.com/require.js"></script>', 1),
    ('<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">', 1),
    ("<style>@import url('https://fonts.example/a.css'); p { color: red }</style>", 1),
    ('<div style="background: url(http://x.example/bg.png)"></div>', 1),
    ('<svg><image xlink:href="https://x.example/a.png"/></svg>', 1),
    ('<script type="module">import mermaid from "https://cdn.example/mermaid.mjs";</script>', 1),
    ('<iframe srcdoc="&lt;script src=&quot;https://unpkg.com/vis.js&quot;&gt;&lt;/script&gt;"></iframe>', 1),
    ('<meta http-equiv="refresh" content="0; url=https://x.example">', 1),
    ('<a href="shire/report.html">report</a><a href="#methods">methods</a>', 0),
    ('<img src="data:image/png;base64,iVBORw0KGgo=">', 0),
    ("<style>/* see https://github.com/x/y for the colours */ p { color: red }</style>", 0),
    ('<p>Read https://example.org in print.</p>', 0),
], ids=["script-cdn", "protocol-relative-font", "css-import", "inline-style-url", "svg-xlink", "js-module-import",
        "nested-srcdoc", "meta-refresh", "relative-links", "data-uri", "css-comment", "plain-text"])
def test_internet_references(page, found):
    assert len(internet_references(page)) == found


# ---------------------------------------------------------------- rendering

def _notebook():
    v4 = nbformat.v4
    cells = [
        v4.new_code_cell("case_dir = 'shire'", metadata={"tags": ["parameters"]}),
        v4.new_code_cell("case_dir = '/secret/path/tiny'", metadata={"tags": ["injected-parameters"]}),
        v4.new_markdown_cell("# Heading of the report"),
        v4.new_code_cell("print(secret_code_line)",
                         outputs=[v4.new_output("stream", name="stdout", text="visible output\n")]),
        v4.new_markdown_cell("An error banner", metadata={"tags": ["papermill-error-cell-tag"]}),
    ]
    return v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                 "language": "python"}})


def test_render_html_hides_code_and_tagged_cells():
    page = render_html(_notebook(), title="Tiny <partnership>")
    assert "Heading of the report" in page and "visible output" in page
    for hidden in ("secret_code_line", "/secret/path/tiny", "case_dir", "An error banner"):
        assert hidden not in page
    assert code_inputs(page) == []
    assert "<title>Tiny &lt;partnership&gt;</title>" in page
    assert internet_references(page) == []


def test_lab_template_would_load_from_the_internet():
    """The control: nbconvert's own lab template fetches require.js and MathJax, ours does not."""
    from nbconvert import HTMLExporter

    page, _ = HTMLExporter(template_name="lab").from_notebook_node(_notebook())
    assert any("cdnjs" in ref for ref in internet_references(page))
    assert code_inputs(page) and "secret_code_line" in page


# --------------------------------------------------------------- CaseReport

@pytest.fixture
def shown(monkeypatch):
    """What a report displays, collected instead of sent to a notebook."""
    items = []
    monkeypatch.setattr("partnet.report.outputs._display", items.append)
    return items


def _html(items) -> str:
    return "\n".join(getattr(i, "data", "") or "" for i in items if isinstance(getattr(i, "data", None), str))


def test_table_is_escaped_and_kept(shown, tmp_path):
    rep = CaseReport(TINY, output_dir=tmp_path)
    table = pd.DataFrame({"note": ["<script>alert(1)</script>", "a & b"]}, index=["x", "y"])
    rep.table(table, "notes", "Caption <b>bold</b>")
    page = _html(shown)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Caption &lt;b&gt;bold&lt;/b&gt;" in page and "a &amp; b" in page
    rep.finish()
    wb = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    assert wb.sheetnames == ["Contents", "notes", "Glossary"]      # "note" is a term: the workshop notes' column
    assert [c.value for c in wb["notes"]["B"]] == ["note", "<script>alert(1)</script>", "a & b"]


def test_row_numbers_stay_hidden(shown, tmp_path):
    rep = CaseReport(TINY, output_dir=tmp_path)
    rep.table(pd.DataFrame({"rank": [1, 2], "who": ["a", "b"]}), "ranked")
    page = _html(shown)
    assert "<th>0</th>" not in page and "<td>1</td>" in page
    assert isinstance(rep.tables["ranked"].index, pd.RangeIndex)


def test_text_column_rule_finds_its_column_under_a_spanned_index():
    import re

    from partnet.report.outputs import _table_html

    index = pd.MultiIndex.from_tuples([("governance", "a"), ("governance", "b"), ("stability", "c")])
    t = pd.DataFrame({"value": [0.5, 1.0, 2.0], "definition": ["x", "y", "z"]}, index=index)
    page = _table_html(t, "tt", "", 2)
    assert "#tt td:nth-of-type(2) { text-align: left; white-space: nowrap; }" in page
    assert "rowspan" in page              # the case that broke a position count over all cells
    body = page.split("<tbody>")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert [re.findall(r"<td>([^<]*)</td>", r)[1] for r in rows] == ["x", "y", "z"]


def test_text_values_cannot_change_the_page(shown):
    rep = CaseReport(TINY)
    rep.text("Title: **{title}**", title="<img src=x onerror=alert(1)> *x* [a](b)")
    markdown = shown[-1].data
    assert markdown.startswith("Title: **&lt;img src=x onerror=alert\\(1\\)&gt; \\*x\\* \\[a\\]\\(b\\)**")


def test_people_are_labelled_by_consent_and_text_is_redacted(shown):
    rep = CaseReport(TINY)
    nodes = pn.metrics.node_table(rep.graph)[["in_degree"]]
    nodes["said"] = ["Fenwick Arbogast agreed with Ottoline"] + [""] * 7
    rep.table(nodes, "people", "People")
    out = rep.tables["people"]
    assert list(out.index[:3]) == ["Ottoline Prewitt", "HDC-02", "Isolde Marchbanks"]   # t2 did not consent
    assert out.index.name == "person"
    assert out.iloc[0]["said"] == "HDC-02 agreed with Ottoline"


def test_anonymised_report_shows_pseudonyms_only(shown):
    rep = CaseReport(TINY, anonymise=True)
    quotes = pn.themes.quotes(rep.case)           # named mode on purpose: the report must still redact
    rep.table(quotes, "quotes", "Quotes")
    rep.text("Most named: {who}.", who="Caspian Dunmore")
    page = _html(shown) + "\n".join(getattr(i, "data", "") for i in shown if type(i).__name__ == "Markdown")
    assert leaked_names(page, rep.case.people) == []
    assert "BCC-01" in page


def test_figure_text_is_redacted_and_files_are_identical(shown, tmp_path):
    from partnet.viz.figures import new_axes

    svgs = []
    for run_no in (1, 2):
        rep = CaseReport(TINY, anonymise=True, output_dir=tmp_path / str(run_no))
        ax = new_axes((3, 2))
        ax.set_title("Ties of Caspian Dunmore")
        ax.text(0.5, 0.5, "Philippa's view")
        rep.figure(ax, "Example figure", "Drawn for Lysander Quayle")
        files = rep.figures["example_figure"]
        assert [f.name for f in files] == ["example_figure.png", "example_figure.svg"]
        svgs.append(files[1].read_bytes())
    text = svgs[0].decode()
    ps = rep.case.pseudonyms
    assert f"Ties of {ps.of('t4')}" in text and f"{ps.of('t5')}'s view" in text
    assert leaked_names(text, rep.case.people) == []
    assert svgs[0] == svgs[1]
    assert leaked_names(_html(shown), rep.case.people) == []


def test_the_page_picture_is_the_png_file_scaled_whether_taken_from_the_drawing_or_the_file(shown, tmp_path):
    from PIL import Image as PILImage

    from partnet import metrics, viz
    from partnet.report.outputs import _downscaled_png

    rep = CaseReport("shire", output_dir=tmp_path)
    G, nodes = rep.graph, metrics.node_table(rep.graph)
    drawings = {"sociogram": viz.sociogram(G, nodes, seed=0),
                "degrees": viz.degree_distribution(G, nodes, measure="in_degree"),
                "blocks": viz.block_density_heatmap(metrics.block_density(G, "organisation"))}
    pictures = [i for i in shown if type(i).__name__ == "Image"]
    for name, drawing in drawings.items():
        rep.figure(drawing, name, name)
        png = rep.figures[name][0]
        picture = [i for i in shown if type(i).__name__ == "Image" and i not in pictures][-1]
        pictures.append(picture)
        assert picture.data == _downscaled_png(png, 110 / 300), name        # the file's pixels, scaled
        with PILImage.open(png) as full:        # and the drawing still held them: the file was not read back
            buffer = getattr(drawing, "figure", drawing).canvas.buffer_rgba()
            assert (buffer.shape[1], buffer.shape[0]) == full.size, name


def test_names_must_be_unique(shown):
    rep = CaseReport(TINY)
    rep.table(pd.DataFrame({"a": [1]}), "t")
    with pytest.raises(ParameterError, match="already in this report"):
        rep.table(pd.DataFrame({"a": [2]}), "t")


@pytest.mark.parametrize("kwargs,message", [
    ({"case": "tiyn-does-not-exist"}, "case must be a case folder, a workbook or a case bundled in .*; "
                                      "'tiyn-does-not-exist' was given"),
    ({"case": TINY, "nonrespondents": "dorp"}, "did you mean 'drop'"),
    ({"case": TINY, "relation": "egov_contacts"}, "did you mean 'egov_contact'"),
    ({"case": TINY, "min_frequency": 6}, "from 1 to 5"),
    ({"case": TINY, "anonymise": "yes"}, "True or False"),
    ({"case": TINY, "seed": -1}, "seed must be"),
], ids=["unknown-case", "treatment-typo", "relation-typo", "frequency", "anonymise-text", "negative-seed"])
def test_options_are_checked_at_once(kwargs, message):
    case = kwargs.pop("case")
    with pytest.raises(ValueError, match=message) as info:
        CaseReport(case, **kwargs)
    assert isinstance(info.value, ParameterError)


def test_bundled_case_by_id_and_nearest_suggestion():
    assert CaseReport("shire").case.id == "shire"
    with pytest.raises(ParameterError, match="did you mean 'shire'"):
        CaseReport("shrie")


def test_provenance_and_methods(shown, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    rep = CaseReport(TINY, nonrespondents="reconstruct", min_frequency=2)
    rep.provenance()
    table = rep.tables["provenance"]
    values = dict(zip(table["item"], table["value"]))
    assert values["data checksum (SHA-256)"] == rep.case.checksum and len(rep.case.checksum) == 64
    # the options in words, not as code names and True/False
    assert values["people who did not answer"] == ("kept, each tie reported to them mirrored back (reconstructed "
                                                   "by reciprocity)")
    assert values["least tie value kept"] == "frequency 2 or more" and values["everyone by pseudonym"] == "no"
    assert values["directed ties"] == "yes" and values["scale of tie values"] == "frequency, 1 (yearly) to 5 (daily)"
    assert not [item for item in table["item"] if item.startswith("parameter: ")]
    assert values["date (UTC)"] == "2026-01-01"
    assert values["software: partnet"] == pn.__version__ and "software: networkx" in values
    rep.methods()
    text = shown[-1].data
    for phrase in ("reconstructed by reciprocity", "frequency 2 or more", "Freeman (1979)",
                   "(n \u2212 1)\u00b2(n \u2212 2)", "Gould & Fernandez (1989) with organisations as the partition",
                   "docs/methods.md"):
        assert phrase in text


# ------------------------------------------------------ shortened tables, appendix

def _rows(page: str, table_id: str) -> int:
    import re

    table = page[page.index(f'id="{table_id}"'):]
    return len(re.findall(r"<tr>", table[table.index("<tbody>"):table.index("</tbody>")]))


def test_a_long_table_shows_its_top_rows_and_the_appendix_all(shown, tmp_path):
    rep = CaseReport(TINY, output_dir=tmp_path)
    long_text = ("A long answer about the partnership board and who speaks for whom, " * 3).strip()
    table = pd.DataFrame({"said": [long_text] + [f"line {i}" for i in range(1, 40)], "n": range(40)})
    rep.table(table, "long", "Forty rows")
    page = shown[-1].data
    assert _rows(page, "partnet-long") == 10 and 'id="table-long"' in page
    assert "30 more rows, and the long texts in full, in the" in page
    assert 'href="#appendix-long"' in page and 'href="tables.xlsx"' in page
    assert long_text not in page and "\u2026" in page
    assert len(rep.tables["long"]) == 40 and rep.tables["long"].iloc[0, 0] == long_text   # kept whole
    rep.table(table.head(15), "fifteen", "Fifteen rows")                       # up to 15 rows: shown whole
    assert _rows(shown[-1].data, "partnet-fifteen") == 15
    rep.table(table.head(15).iloc[1:], "short", "Short texts")                # nothing left out: no line
    assert "partnet-more" not in shown[-1].data
    rep.table(table, "whole", "Every row", rows=None)
    assert _rows(shown[-1].data, "partnet-whole") == 40 and long_text in shown[-1].data
    rep.table(table, "none", "No row here", rows=0)
    assert "<table" not in shown[-1].data and "The table (40 rows) is in the" in shown[-1].data
    assert '<p class="partnet-caption"><b>No row here</b></p>' in shown[-1].data
    before = len(shown)
    rep.appendix()
    appendix = "\n".join(item.data for item in shown[before:])
    # the three shortened tables, whole, under the anchors the lines link to, captions of their own class
    assert [_rows(appendix, f"partnet-appendix-{n}") for n in ("long", "fifteen", "none")] == [40, 15, 40]
    assert 'id="appendix-long"' in appendix and long_text in appendix and 'href="#table-long"' in appendix
    assert "partnet-appendix-caption" in appendix and 'class="partnet-caption"' not in appendix
    assert "appendix-whole" not in appendix and "appendix-short" not in appendix


def test_an_appendix_with_nothing_to_add_says_so(shown):
    rep = CaseReport(TINY)
    rep.table(pd.DataFrame({"a": [1, 2]}), "t")
    rep.appendix()
    assert shown[-1].data == "Every table is shown in full above."


def test_table_headers_are_words_and_the_workbook_keeps_the_codes(shown):
    import re

    from partnet.vocabulary import CODE_NAMES

    rep = CaseReport(TINY)
    rep.table(pn.metrics.node_table(rep.graph), "people", "People")
    rep.table(pn.metrics.whole_network(rep.graph).rename("value").to_frame(), "whole", "Whole")
    page = "\n".join(item.data for item in shown)
    headers = {re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th\b[^>]*>(.*?)</th>", page, re.S)}
    assert "in_degree" in CODE_NAMES and headers & CODE_NAMES == set()
    assert "named by (in-degree)" in headers and "reciprocity (share of pairs)" in headers
    assert "in_degree" in rep.tables["people"].columns           # the kept table is the data's


def test_figure_alt_text_is_its_caption(shown):
    from partnet.viz.figures import new_axes

    rep = CaseReport(TINY, anonymise=True)
    ax = new_axes((2, 2))
    rep.figure(ax, "Drawn", "Ties of Caspian Dunmore")
    rep.figure(new_axes((2, 2)), "No caption")
    images = [item for item in shown if type(item).__name__ == "Image"]
    alts = [item.metadata["alt"] for item in images]
    assert alts == [f"Ties of {rep.case.pseudonyms.of('t4')}", "Figure: No caption"]     # redacted as the caption


# ------------------------------------------------------------- header, readings

def test_header_links_the_files_of_the_report_and_writes_the_methods_page(shown, tmp_path):
    from partnet.report.render import METHODS_PAGE

    rep = CaseReport(TINY, output_dir=tmp_path / "tiny")
    rep.header("About **{what}**.", what="<b>us</b>")
    title, links = shown[-2].data, shown[-1].data
    assert title.startswith("# Hollowmere Digital Partnership") and "*Case study report*" in title
    assert "About **&lt;b&gt;us&lt;/b&gt;**." in title
    for href in ("network.html", "ego/index.html", "tables.xlsx", METHODS_PAGE, "../index.html", "../cross_case.html"):
        assert f'href="{href}"' in links
    assert '<nav id="contents" class="partnet-contents"></nav>' in links
    methods = (tmp_path / "tiny" / METHODS_PAGE).read_text(encoding="utf-8")
    assert internet_references(methods) == [] and 'href="report.html"' in methods
    assert 'id="10.-Reading-the-numbers"' in methods
    rep.methods()
    assert f"]({METHODS_PAGE})" in shown[-1].data

    cross = CrossCaseReport([TINY], output_dir=tmp_path / "cross_case")
    cross.header()
    links = shown[-1].data
    for href in ("tiny/report.html", "cross_case/tables.xlsx", "cross_case/methods.html", "index.html"):
        assert f'href="{href}"' in links
    assert 'href="../cross_case.html"' in (tmp_path / "cross_case" / METHODS_PAGE).read_text(encoding="utf-8")


def test_no_output_folder_no_links(shown):
    rep = CaseReport(TINY)
    rep.header()
    assert "partnet-links" not in shown[-1].data and 'id="contents"' in shown[-1].data


def test_methods_page_is_redacted_as_the_report():
    from partnet.report.render import methods_html

    page = methods_html(redact=lambda text: text.replace("Huisman", "[name]"))
    assert "Huisman" not in page and "[name] 2009" in page
    assert "shown as the report shows that person" in page
    assert "shown as the report shows" not in methods_html()


def test_density_reads_against_the_other_cases_of_the_run(shown):
    rep = CaseReport(TINY, other_cases=["shire", TINY])
    run = rep.run_profile()
    assert list(run.index) == ["tiny", "shire"] and list(run.columns) == ["people", "density"]
    profile = pn.metrics.whole_network(rep.graph)
    read = rep.read_profile(profile)
    assert read.loc["density", "reading"].startswith("the highest of the 2 cases of this run")
    assert read.loc["ties", "reading"] == ""
    rep.describe_structure(profile)
    text = shown[-1].data
    assert "of the 2 cases of this run" in text and "Faust 2006" in text and "partnet's convention" in text
    assert "below .25 low, .25 to .50 moderate, .50 or more high" in text


def test_render_fills_the_contents_and_writes_alt_text():
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell("Only for the notebook", metadata={"tags": ["notebook-only"]}),
        v4.new_code_cell("", outputs=[v4.new_output("display_data", data={
            "text/html": '<nav id="contents" class="partnet-contents"></nav>'})]),
        v4.new_markdown_cell("## 1. First\n\ntext\n\n### A part\n\n## 2. Second & last"),
        v4.new_code_cell("", outputs=[v4.new_output("display_data", data={
            "image/png": base64.b64encode(buffer.getvalue()).decode()},
            metadata={"image/png": {"alt": "Sociogram <of> the case"}})]),
    ])
    page = render_html(nb)
    nav = page[page.index('<nav id="contents"'):page.index("</nav>")]
    assert nav.count("<a href=") == 3
    for anchor in ("1.-First", "A-part", "2.-Second-&amp;-last"):
        assert f'href="#{anchor}"' in nav and f'id="{anchor}"' in page
    assert 'alt="Sociogram &lt;of&gt; the case"' in page and "No description" not in page
    assert "Only for the notebook" not in page


def test_methods_page_exists_and_names_the_conventions():
    page = (Path(__file__).parents[1] / "docs" / "methods.md").read_text()
    for phrase in ("Non-respondents", "`reconstruct`", "Centralization", "(n − 1)²(n − 2)",
                   "partition is the organisation", "Gould, R. V. & Fernandez", "SOURCE_DATE_EPOCH"):
        assert phrase in page


def test_cross_case_report_options_per_case(shown):
    rep = CrossCaseReport([TINY, "shire"], anonymise=True)
    assert list(rep.graphs) == ["tiny", "shire"]
    rep.methods()
    text = shown[-1].data
    assert "egov" in text and "Every person is shown by a stable pseudonym" in text
    rep.provenance()
    table = rep.tables["provenance"]
    assert {"data checksum (SHA-256): tiny", "data checksum (SHA-256): shire"} <= set(table["item"])


def test_cross_case_text_hides_every_roster_of_the_report(shown):
    from partnet.viz.figures import new_axes

    example = Path(__file__).parent / "fixtures" / "example"      # Bram Okonjo there did not consent
    rep = CrossCaseReport([TINY, example])
    tiny, ex = (c.pseudonyms for c in rep.cases)
    # Fenwick (tiny) and Bram (example) did not consent. Text about one case shows that case's pseudonym
    # for its own people and "[name]" for people of the other roster: a quote in one partnership that
    # names someone of another must not name them either.
    for case, expected in ((None, f"[name] met {tiny.of('t2')}"), ("tiny", f"[name] met {tiny.of('t2')}"),
                           ("example", f"{ex.of('p2')} met [name]")):
        ax = new_axes((2, 2))
        ax.set_title("Bram met Fenwick")
        rep.figure(ax, f"f{case}", case=case)
        assert ax.get_title() == expected
    # Consenting people of another roster stay named in a named report.
    assert rep.redact("Ada Quintrell met Isolde Marchbanks", case="tiny") == "Ada Quintrell met Isolde Marchbanks"
    with pytest.raises(ParameterError, match=r"case must be a case of this report \(.*\); 'shire' was given"):
        rep.redact("x", case="shire")


def test_tick_labels_are_redacted_in_the_files(tmp_path):
    """Tick labels are formatted again at every draw: a theme label naming a hidden person must not come back."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    rep = CaseReport(TINY, output_dir=tmp_path)                     # named: Fenwick did not consent
    fig, ax = plt.subplots()
    ax.imshow([[0, 1], [1, 0]])
    ax.set_xticks([0, 1], labels=["Fenwick's leadership", "accountability"])
    ax.set_yticks([0, 1], labels=["Arbogast", "Caspian Dunmore"])
    ax.legend(handles=[Line2D([], [])], labels=["Fenwick Arbogast"])
    rep.figure(fig, "heatmap")
    svg = (tmp_path / "figures" / "heatmap.svg").read_text()
    hidden = rep.case.pseudonyms.of("t2")
    assert "Fenwick" not in svg and "Arbogast" not in svg
    assert f"{hidden}'s leadership" in svg and "Caspian Dunmore" in svg
    plt.close(fig)


# ------------------------------------------------------------- index, privacy

def test_index_escapes_failures_and_links_only_what_exists():
    good = CaseResult("x/tiny", "tiny", title="Tiny <b>", ok=True,
                      files=["report.html", "network.html", "tables.xlsx", "tiny.gexf", "figures/a.svg"])
    bad = CaseResult("x/bad", "bad", stage="data", error="ties.csv, row 3: unknown person <img src=x>",
                     debug="_failed/bad/case_study.ipynb")
    page = index_html([good, bad], None, parameters={"anonymise": True, "relation": None})
    assert "Tiny &lt;b&gt;" in page and "unknown person &lt;img src=x&gt;" in page and "<img" not in page
    assert 'href="tiny/report.html"' in page and 'href="tiny/tiny.gexf"' in page
    assert 'href="tiny/tiny.dl"' not in page and 'href="tiny/ego/index.html"' not in page
    assert 'href="_failed/bad/case_study.ipynb"' in page
    assert "1 of 2 case reports written; 1 failed: bad" in page
    assert internet_references(page) == []


def test_the_gate_reads_workbooks_through_their_xml(tmp_path):
    pd.DataFrame({"who": ["Isolde Marchbanks's notes", "HDC-03"]}).to_excel(tmp_path / "t.xlsx", index=False)
    (tmp_path / "fine.svg").write_text("<svg><text>HDC-01</text></svg>")
    found = scan(tmp_path, Roster(pn.load_case(TINY).people["name"]))
    assert sorted({(f.path, f.name) for f in found.leaks}) == [("t.xlsx", "Isolde Marchbanks")]


# ----------------------------------------------------------------- refusals

def test_key_inside_the_output_folder_is_refused(tmp_path):
    with pytest.raises(ReportError, match="may not be written inside the output folder"):
        run([TINY], tmp_path / "reports", key_out=tmp_path / "reports" / "keys" / "key.csv", progress=False)
    assert not (tmp_path / "reports").exists()


def test_unknown_case_folder_is_refused_before_running(tmp_path):
    with pytest.raises(ParameterError, match="case must be a case folder, a workbook or a case bundled in .*"
                                             "nowhere' was given"):
        run([TINY, tmp_path / "nowhere"], tmp_path / "reports", progress=False)
    assert not (tmp_path / "reports").exists()


def test_two_cases_with_one_id_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    shutil.copytree(TINY, tmp_path / "a" / "tiny")
    with pytest.raises(ParameterError, match="same name"):
        run([TINY, tmp_path / "a" / "tiny"], tmp_path / "reports", progress=False)


@pytest.mark.parametrize("kwargs,message", [({"jobs": 0}, "jobs"), ({"seed": 1.5}, "seed"),
                                            ({"nonrespondents": "all"}, "nonrespondents"),
                                            ({"anonymise": "no"}, "anonymise")],
                         ids=["jobs", "seed", "treatment", "anonymise"])
def test_bad_run_options(kwargs, message, tmp_path):
    with pytest.raises(ParameterError, match=message):
        run([TINY], tmp_path / "reports", progress=False, **kwargs)


def test_a_kernel_that_never_started_is_started_again(monkeypatch, tmp_path):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from partnet.report.render import NotebookFailed, execute_notebook

    nb = tmp_path / "nb.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), str(nb))
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < 3:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "ran"

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    monkeypatch.setattr("partnet.report.render.time.sleep", lambda s: None)
    assert execute_notebook(nb, tmp_path / "out.ipynb", {}) == "ran" and len(calls) == 3

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: calls.append(1) or (_ for _ in ()).throw(
        RuntimeError("Kernel died before replying to kernel_info")))
    with pytest.raises(NotebookFailed, match="kernel_info"):
        execute_notebook(nb, tmp_path / "out.ipynb", {})
    assert len(calls) == 3

    def cell_error(*args, **kwargs):
        calls.append(1)
        raise PapermillExecutionError(2, 1, "boom", "ValueError", "bad", [])

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook", cell_error)
    with pytest.raises(NotebookFailed, match="cell 2 failed: ValueError: bad"):
        execute_notebook(nb, tmp_path / "out.ipynb", {})
    assert len(calls) == 1


def test_cross_case_sociograms_side_by_side_up_to_a_dozen_cases(tmp_path):
    from partnet.report.outputs import MAX_SIDE_BY_SIDE_SOCIOGRAMS

    assert MAX_SIDE_BY_SIDE_SOCIOGRAMS == 12
    cases = []
    for i in range(1, MAX_SIDE_BY_SIDE_SOCIOGRAMS + 2):
        folder = tmp_path / f"tiny-{i:02d}"
        shutil.copytree(TINY, folder)
        meta = folder / "case.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("id: tiny", f"id: tiny-{i:02d}"), encoding="utf-8")
        cases.append(pn.load_case(folder))
    assert CrossCaseReport(cases[:1]).sociograms_side_by_side
    assert CrossCaseReport(cases[:12]).sociograms_side_by_side
    assert not CrossCaseReport(cases).sociograms_side_by_side     # 13 cases: each in its own report


def test_a_second_cross_case_report_of_the_same_loaded_cases_redacts_as_a_first():
    from partnet.report.paths import resolve_case

    loaded = [pn.load_case(resolve_case(c)) for c in ("shire", "metro")]
    names = [str(c.people["name"].iloc[i]) for c in loaded for i in (0, 3)]
    text = "; ".join(f"{n} said so" for n in names)
    CrossCaseReport(loaded)
    again = CrossCaseReport(loaded, anonymise=True)         # the cases already hide the run's rosters
    fresh = CrossCaseReport(["shire", "metro"], anonymise=True)
    assert again.redact(text) == fresh.redact(text) != text
    for c in ("shire", "metro"):
        assert again.redact(text, case=c) == fresh.redact(text, case=c)
    assert leaked_names(again.redact(text), pd.concat([c.people for c in loaded])) == []


def test_other_rosters_hidden_from_the_runs_prepared_index_redact_as_read_one_by_one():
    from partnet.case import roster
    from partnet.report import outputs
    from partnet.report.outputs import hide_other_rosters, prepare_rosters
    from partnet.report.paths import resolve_case

    run = [resolve_case(c) for c in ("shire", "metro", "coastal", "quenmere")] + [TINY.resolve()]
    people = [roster(p) for p in run]
    text = " ".join(f"{name} and {name.split()[-1]}'s view." for names in people for name, _ in names[:6])
    expected = {}
    for p in run:
        case = pn.load_case(p)
        hide_other_rosters(case, [q for q in run if q != p])
        expected[p] = [case.pseudonyms.redact(text, mode) for mode in (False, True)]
    try:
        assert prepare_rosters([(p, [n for n, _ in r], [c for _, c in r]) for p, r in zip(run, people)])
        for p in run:
            case = pn.load_case(p)
            hide_other_rosters(case, [str(q) for q in run])            # the case's own folder among them: skipped
            assert case.pseudonyms._index.shared is not None             # from the prepared index
            assert [case.pseudonyms.redact(text, mode) for mode in (False, True)] == expected[p]
        case = pn.load_case(run[0])
        hide_other_rosters(case, run[2:])                                # other rosters than the run's: read them
        assert case.pseudonyms._index.shared is None
        assert case.pseudonyms.redact(text, True) != expected[run[0]][1]
    finally:
        outputs._PREPARED.clear()

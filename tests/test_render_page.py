"""render_html writes the page nbconvert's HTMLExporter writes, without parsing it a second time.

nbconvert's exporter parses its own output with BeautifulSoup to add
``alt`` texts and ``tabindex``; partnet's does the same on the text
(``partnet.report.render._accessible``). Parsed, the two pages are the same.
"""

from __future__ import annotations

import base64
import itertools

import nbformat
from bs4 import BeautifulSoup

from partnet.report import render
from partnet.report.render import render_html

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d00000000"
    "49454e44ae426082")).decode()


def _stock(nb, title: str) -> str:
    """The page as nbconvert's own HTMLExporter writes it (with the report's template and cell removal)."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = title
    render._number_cells(nb)
    exporter = HTMLExporter(template_name=render.TEMPLATE, extra_template_basedirs=[str(render._TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=set(render.REMOVED_TAGS), enabled=True),
                                   enabled=True)
    numbers = itertools.count(1)
    exporter.environment.globals["uuid4"] = lambda: f"partnet-output-{next(numbers)}"
    body, _ = exporter.from_notebook_node(nb)
    return render._fill_contents(body)


def _notebook():
    out = nbformat.v4.new_output
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("case_dir = 'x'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("# Report\n\n<nav id=\"contents\" class=\"partnet-contents\"></nav>\n\n"
                                      "## 1. Data & <em>more</em>\n\n![a picture](data:image/png;base64," + PNG + ")"),
        nbformat.v4.new_code_cell("x", outputs=[
            out("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}, metadata={"alt": "The network"}),
            out("display_data", data={"image/png": PNG}),
            out("display_data", data={"text/html": "<table><tr><td>Ada &amp; Bo</td></tr></table><img src='x.png'>"}),
            out("stream", name="stdout", text="printed <b>\n"),
            out("display_data", data={"application/javascript": "element.textContent = 'x';"})]),
        nbformat.v4.new_markdown_cell("### Core\n\nText with 'quotes' and \"double\" and &lt;tags&gt;."),
        nbformat.v4.new_code_cell("y", outputs=[out("execute_result", data={"text/plain": "42"}, execution_count=1)]),
    ])


def test_the_page_is_nbconverts_page():
    nb = _notebook()
    ours, stock = render_html(nb, title="Shire <report>"), _stock(nb, "Shire <report>")
    parsed = str(BeautifulSoup(ours, features="html.parser"))
    assert parsed == str(BeautifulSoup(stock, features="html.parser"))
    assert ours.count('tabindex="0"') == stock.count('tabindex="0"') >= 4
    assert ours.count("No description has been provided for this image") == 2    # the plain PNG, the HTML <img>
    assert 'alt="The network"' in ours


def test_the_exporter_is_built_once_and_each_page_counts_its_outputs_from_one():
    nb = _notebook()
    first, second = render_html(nb), render_html(nb)
    assert render._exporter() is render._exporter()
    assert first == second and "partnet-output-1" in first and "partnet-output-2" not in first

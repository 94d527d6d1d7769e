"""Run a notebook with papermill; render it with nbconvert to one offline HTML file."""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

from partnet._offline import external_references
from partnet.errors import NotebookFailed, ReportError

# NotebookFailed lives in partnet.errors with the rest of the family; it is
# imported here so that ``from partnet.report.render import NotebookFailed`` keeps working.
__all__ = ["KERNEL", "REMOVED_TAGS", "TEMPLATE", "NotebookFailed", "execute_notebook", "render_html",
           "internet_references", "methods_html", "write_methods_page", "METHODS_PAGE"]

#: Kernel every report notebook runs on: inside a virtual environment it is
#: that environment's own Python.
KERNEL = "python3"

#: Cells with these tags never reach a report: the parameter cells,
#: papermill's error banner, and text for whoever opens the notebook itself
#: (``notebook-only``: how to run it, which the report's reader does not need).
REMOVED_TAGS = ("parameters", "injected-parameters", "papermill-error-cell-tag", "notebook-only")

#: The nbconvert template (``partnet/templates/report``): JupyterLab's page
#: without require.js, MathJax and mermaid, which the lab template loads
#: from a CDN.
TEMPLATE = "report"
_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

#: Quiets the kernel's own log (ipykernel 7 warns on every start that it
#: runs over TCP without encryption; the kernel listens on localhost only).
_KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


def execute_notebook(notebook, output, parameters: dict, *, cwd=None, timeout: int = 600, fork: bool = True):
    """Run a notebook with papermill, parameters injected, on the ``python3`` kernel.

    Parameters
    ----------
    notebook : str or pathlib.Path
        The notebook to run; it has one cell tagged ``parameters``.
    output : str or pathlib.Path
        Where the executed notebook is written (also when a cell fails).
    parameters : dict
        Values injected after the ``parameters`` cell.
    cwd : str or pathlib.Path, optional
        The kernel's working folder. Papermill changes the process's working
        folder while it runs, so run one notebook per process, never one per
        thread.
    timeout : int, default 600
        Seconds a single cell may run before the run fails.
    fork : bool, default True
        Fork the kernel from a template process that has imported
        partnet's stack once (:mod:`partnet.report.kernels`): a kernel of
        its own for this notebook, without two seconds of start-up and
        imports. False starts a new Python for the kernel.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook.

    Raises
    ------
    NotebookFailed
        A cell raised, timed out, or the kernel died.
    ReportError
        The notebook does not exist.

    Notes
    -----
    The executed notebook is written once, at the end or when the run
    stops (papermill's default writes it after every cell). The kernel is
    started with its log level at CRITICAL, which keeps
    ipykernel's warning about unencrypted TCP (printed on every start) out
    of the terminal and of any log; errors in cells are unaffected, they
    are outputs of the notebook. A kernel that dies before it starts (two
    parallel runs took the same port) is started again, up to three times;
    a failure after the kernel started is never retried.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    notebook, output = Path(notebook), Path(output)
    if not notebook.is_file():
        raise ReportError(f"the notebook {notebook} does not exist")
    manager = {}
    if fork:
        from partnet.report.kernels import ForkedKernelManager

        manager["kernel_manager_class"] = ForkedKernelManager
    for attempt in range(1, _KERNEL_STARTS + 1):
        try:
            return pm.execute_notebook(str(notebook), str(output), parameters=parameters, kernel_name=KERNEL,
                                       progress_bar=False, cwd=str(cwd) if cwd else None,
                                       execution_timeout=timeout, extra_arguments=_KERNEL_ARGUMENTS,
                                       engine_name=_engine(), request_save_on_cell_execute=False,
                                       partial_output=str(output), **manager)
        except PapermillExecutionError as exc:
            raise NotebookFailed(output, exc.cell_index, exc.ename, exc.evalue) from None
        except Exception as exc:  # timeouts and dead kernels come from nbclient/jupyter_client
            if attempt < _KERNEL_STARTS and _kernel_did_not_start(exc):
                time.sleep(0.2 * attempt)
                continue
            raise NotebookFailed(output, None, type(exc).__name__, str(exc)) from exc
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


_ENGINE = "partnet"


def _engine() -> str:
    """papermill's nbclient engine, registered as ``partnet``, that writes the notebook once instead of per cell.

    papermill writes the executed notebook after every cell by default,
    so that a long run can be watched; for a report of MBs of figures
    that is a second of writing and validating per case. ``partnet
    report`` runs without it (``request_save_on_cell_execute=False``):
    papermill writes the notebook at the end, and when a cell fails. This
    engine writes it when anything else stops the run (a timeout, a dead
    kernel), so the executed notebook of a failed case is kept as before.
    """
    from papermill.engines import NBClientEngine, papermill_engines

    if _ENGINE not in papermill_engines._engines:

        class Engine(NBClientEngine):
            @classmethod
            def execute_managed_notebook(cls, nb_man, kernel_name, partial_output=None, **kwargs):
                try:
                    return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
                except BaseException:
                    if partial_output:
                        from papermill.iorw import write_ipynb

                        try:
                            write_ipynb(nb_man.nb, partial_output)
                        except Exception:  # noqa: S110 - the failure that stopped the run is the one to report
                            pass
                    raise

        papermill_engines.register(_ENGINE, Engine)
    return _ENGINE


#: Attempts at starting a notebook's kernel (see :func:`_kernel_did_not_start`).
_KERNEL_STARTS = 3


def _kernel_did_not_start(exc: BaseException) -> bool:
    """Whether a run failed because its kernel never started, before any cell ran.

    Kernels started at the same moment in parallel processes can pick the
    same free TCP port (jupyter_client chooses ports by binding and
    releasing them); the loser dies with ZMQ's "Address already in use"
    and nbclient reports "Kernel died before replying to kernel_info"
    (papermill issue 511). No cell has run then, so the notebook is simply
    started again with a fresh kernel.

    Examples
    --------
    >>> _kernel_did_not_start(RuntimeError("Kernel died before replying to kernel_info"))
    True
    >>> _kernel_did_not_start(RuntimeError("Kernel didn't respond in 60 seconds"))
    True
    >>> _kernel_did_not_start(TimeoutError("A cell timed out while it was being executed"))
    False
    """
    text = str(exc)
    return "before replying to kernel_info" in text or "Kernel didn't respond" in text


def render_html(nb, *, title: str | None = None) -> str:
    """A notebook as one self-contained HTML page with no code and no parameter cells.

    Parameters
    ----------
    nb : nbformat.NotebookNode, str or pathlib.Path
        An executed notebook, or its file.
    title : str, optional
        The page title (escaped); default the notebook's name.

    Returns
    -------
    str
        The page: JupyterLab's look, code cells' inputs and prompts removed,
        cells tagged ``parameters``, ``injected-parameters`` or
        ``papermill-error-cell-tag`` removed (and ``notebook-only``: text
        for whoever opens the notebook), images inlined with their alt
        text (a figure's caption, see :meth:`partnet.report.CaseReport.figure`),
        the empty ``<nav id="contents">`` of the report's header filled
        with links to its section headings, and no reference to anything
        on the internet. The same notebook gives the same page, byte for
        byte (see Notes).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("case = 'x'", metadata={"tags": ["parameters"]}),
    ...     nbformat.v4.new_markdown_cell("# Shire"),
    ...     nbformat.v4.new_code_cell("print(1)", outputs=[nbformat.v4.new_output("stream", text="1\\n")])])
    >>> page = render_html(nb, title="Shire <report>")
    >>> "<title>Shire &lt;report&gt;</title>" in page, "print(1)" in page, "case = " in page
    (True, False, False)
    >>> internet_references(page)
    []
    >>> nb.cells.append(nbformat.v4.new_code_cell("js()", outputs=[nbformat.v4.new_output(
    ...     "display_data", data={"application/javascript": "element.textContent = 'x';"})]))
    >>> render_html(nb) == render_html(nb)
    True

    Notes
    -----
    nbconvert's page holds nothing of the time or the machine: no date, no
    path, cell anchors from the notebook's own cell ids. Its random
    elements are replaced: the ``id`` of the ``<div>`` around a JavaScript
    or widget output (``uuid4()`` in the lab template) by a number in page
    order (``partnet-output-1``, ...), and the id nbformat would draw for a
    cell that has none (a notebook of format 4.5 or later written by hand)
    by its position (``cell-3``). A date a report shows comes from its
    provenance table, :func:`partnet.report.provenance.run_date`, which
    ``SOURCE_DATE_EPOCH`` fixes.
    """
    import nbformat

    if isinstance(nb, (str, Path)):
        nb = nbformat.read(str(nb), as_version=4)
    else:
        nb = nbformat.from_dict(nb)
    if title is not None:
        nb.metadata["title"] = title
    _number_cells(nb)
    exporter = _exporter()
    numbers = itertools.count(1)
    exporter.environment.globals["uuid4"] = lambda: f"partnet-output-{next(numbers)}"
    body, _ = exporter.from_notebook_node(nb)
    return _fill_contents(body)


_EXPORTER = None


def _exporter():
    """The report's nbconvert exporter, built once per process (its template is compiled once)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
        from nbconvert.preprocessors import TagRemovePreprocessor

        class ReportExporter(HTMLExporter):
            """nbconvert's HTML exporter with its last step done on the text instead of a parsed page.

            ``HTMLExporter.from_notebook_node`` parses the whole page with
            BeautifulSoup only to give ``<img>`` without ``alt`` a stock
            text and make inputs and outputs focusable (``tabindex="0"``),
            then writes the page out again: half of the rendering time of
            a report. :func:`_accessible` does the same two things on the
            text; the page's content is the same (tested by parsing both).
            """

            def from_notebook_node(self, nb, resources=None, **kw):
                langinfo = nb.metadata.get("language_info", {})
                lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
                self.register_filter("highlight_code", self.filters.get(
                    "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
                resources = self._init_resources(resources)
                self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources))
                html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
                return _accessible(html), resources

        exporter = ReportExporter(template_name=TEMPLATE, extra_template_basedirs=[str(_TEMPLATES)],
                                  exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
        exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=set(REMOVED_TAGS), enabled=True),
                                       enabled=True)
        _EXPORTER = exporter
    return _EXPORTER


_OPENING_TAG = re.compile(r"<(div|img)\b[^>]*>", re.I)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_FOCUSABLE = {"jp-Cell-inputWrapper", "jp-OutputArea-output"}
_NO_ALT = "No description has been provided for this image"


def _accessible(page: str) -> str:
    """What nbconvert's HTML exporter adds to a page: ``alt`` on images without one, ``tabindex`` on cells.

    Every ``<img>`` without ``alt`` gets nbconvert's stock text; every
    ``<div>`` of class ``jp-Cell-inputWrapper`` or ``jp-OutputArea-output``
    gets ``tabindex="0"`` (nbconvert 7's own selectors also require an
    ancestor ``.jp-Notebook``: every cell of a report is inside it).

    Examples
    --------
    >>> print(_accessible('<div class="jp-OutputArea-output x"><img src="a.png"><img alt="b" src="b.png"></div>'))
    <div class="jp-OutputArea-output x" tabindex="0"><img src="a.png" alt="No description has been provided for \
this image"><img alt="b" src="b.png"></div>
    """
    def one(match: re.Match) -> str:
        tag = match.group(0)
        end = -2 if tag.endswith("/>") else -1
        if match.group(1).lower() == "img":
            if re.search(r"\salt\s*=", tag, re.I):
                return tag
            return f'{tag[:end].rstrip()} alt="{_NO_ALT}"{tag[end:]}'
        found = _CLASS.search(tag)
        classes = set((found.group(1) or found.group(2) or "").split()) if found else set()
        if not classes & _FOCUSABLE or re.search(r"\stabindex\s*=", tag, re.I):
            return tag
        return f'{tag[:end].rstrip()} tabindex="0"{tag[end:]}'

    return _OPENING_TAG.sub(one, page)


# ------------------------------------------------------------ contents

#: The empty list of contents a report's header leaves (:meth:`partnet.report.CaseReport.header`);
#: :func:`render_html` fills it with the page's section headings.
_CONTENTS = re.compile(r'<nav\b[^>]*\bid="contents"[^>]*>\s*</nav>')
_HEADING = re.compile(r'<h([23])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _fill_contents(page: str) -> str:
    """The page with its ``<nav id="contents">`` listing every section (h2) and subsection (h3) after it.

    Each entry links to the heading's own ``id`` (nbconvert gives every
    Markdown heading one), so every link lands on the page. A page without
    the empty ``nav`` is returned as it is.

    Examples
    --------
    >>> page = ('<nav id="contents" class="partnet-contents"></nav><h2 id="1.-Data">1. Data'
    ...         '<a class="anchor-link" href="#1.-Data">&#182;</a></h2><h3 id="Core">Core &amp; rest</h3>')
    >>> print(_fill_contents(page).split("</nav>")[0])  # doctest: +NORMALIZE_WHITESPACE
    <nav id="contents" class="partnet-contents" aria-label="Contents"><p class="partnet-contents-title">Contents</p>
    <ul><li><a href="#1.-Data">1. Data</a><ul><li><a href="#Core">Core &amp; rest</a></li></ul></li></ul>
    """
    found = _CONTENTS.search(page)
    if found is None:
        return page
    items: list[str] = []
    open_sub = False
    for level, anchor, inner in _HEADING.findall(page, found.end()):
        text = _TAG.sub("", _ANCHOR_LINK.sub("", inner)).strip()
        link = f'<a href="#{anchor}">{text}</a>'
        if level == "2":
            if open_sub:
                items.append("</ul></li>")
                open_sub = False
            elif items:
                items.append("</li>")
            items.append(f"<li>{link}")
        else:
            if not items:             # a subsection before any section: listed as a section
                items.append(f"<li>{link}")
                continue
            if not open_sub:
                items.append("<ul>")
                open_sub = True
            items.append(f"<li>{link}</li>")
    if items:
        items.append("</ul></li>" if open_sub else "</li>")
    nav = ('<nav id="contents" class="partnet-contents" aria-label="Contents">'
           '<p class="partnet-contents-title">Contents</p>\n<ul>' + "".join(items) + "</ul></nav>")
    return page[:found.start()] + nav + page[found.end():]


# ------------------------------------------------------------ methods page

#: The methods page bundled with every report (:func:`write_methods_page`), beside its tables.
METHODS_PAGE = "methods.html"

_WEB_LINK = re.compile(r'<a\s+href="(?:[a-z][a-z0-9+.-]*:)?//[^"]*"[^>]*>(.*?)</a>', re.I | re.S)
_METHODS_SOURCE = Path(__file__).resolve().parents[2] / "docs" / "methods.md"

_METHODS_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 960px;
       margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.5; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.1em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; display: block; overflow-x: auto; }
th, td { text-align: left; vertical-align: top; padding: 0.3em 0.6em; border-bottom: 1px solid #ddd; }
th { background: #f3f3f3; }
code { background: #f5f5f5; padding: 0 0.2em; font-size: 0.9em; }
pre { background: #f5f5f5; padding: 0.6em; overflow-x: auto; }
a.anchor-link { display: none; }
.note { color: #555; font-size: 0.9em; }
nav.contents { background: #f7f7f7; border: 1px solid #ddd; padding: 0.5em 1em; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  table { display: table; font-size: 8pt; overflow: visible; }
  th, td { overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; }
}
"""


def methods_html(source=None, *, back: str | None = None, redact=None) -> str:
    """partnet's methods page (``docs/methods.md``) as one HTML page that opens offline.

    Parameters
    ----------
    source : str or pathlib.Path, optional
        The Markdown file; default ``docs/methods.md`` of partnet's source
        tree.
    back : str, optional
        A relative link back to the report the page is bundled with.
    redact : callable, optional
        The report's redaction (text -> text), applied to the Markdown
        before it is rendered: an author cited on the page who shares a
        name with someone on a roster of the run is shown as the report
        shows that person, and the page passes the privacy gate as the
        report does (docs/privacy.md).

    Returns
    -------
    str
        The page: the Markdown rendered as nbconvert renders a notebook's
        (its mistune renderer, so headings carry the same kind of ``id``),
        a list of contents, and nothing loaded from elsewhere. The same
        file gives the same page, byte for byte.

    Raises
    ------
    ReportError
        The Markdown file does not exist (an installed partnet without its
        docs).

    Examples
    --------
    >>> page = methods_html()
    >>> '<h2 id="2.-The-whole-network' in page, 'href="#2.-The-whole-network' in page
    (True, True)
    >>> internet_references(page)
    []
    """
    from html import escape

    from nbconvert.filters import markdown2html_mistune

    from partnet import __version__

    path = Path(source) if source is not None else _METHODS_SOURCE
    if not path.is_file():
        raise ReportError(f"the methods page {path} does not exist; it is docs/methods.md of partnet's source")
    text = path.read_text(encoding="utf-8")
    redacted = redact(text) if redact is not None else text
    changed = redacted != text
    text = redacted
    # A web address stays text: a report folder opens offline and links to nothing outside it.
    body = _WEB_LINK.sub(r"\1", markdown2html_mistune(text))
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), "Methods")
    back_link = f'<p class="note"><a href="{escape(back)}">Back to the report</a></p>\n' if back else ""
    if changed:
        back_link += ('<p class="note">A name on this page that is also the name of someone on a roster of the '
                      "report's run is shown as the report shows that person.</p>\n")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} - partnet</title>
<style>{_METHODS_CSS}</style>
</head>
<body>
{back_link}<p class="note">partnet {escape(__version__)}: the methods page (docs/methods.md), bundled with the
report.</p>
<nav id="contents" class="contents"></nav>
{body}
</body>
</html>
"""
    filled = _fill_contents(page)
    return filled.replace('class="partnet-contents"', 'class="contents"')


def write_methods_page(folder, *, back: str | None = None, redact=None) -> Path | None:
    """Write :func:`methods_html` as ``methods.html`` into ``folder``; None when partnet has no docs to write.

    Examples
    --------
    >>> import tempfile
    >>> write_methods_page(tempfile.mkdtemp()).name
    'methods.html'
    """
    if not _METHODS_SOURCE.is_file():
        return None
    path = Path(folder) / METHODS_PAGE
    path.write_text(methods_html(back=back, redact=redact), encoding="utf-8")
    return path


def _number_cells(nb) -> None:
    """Give each cell of a notebook (format 4.5 or later) that has no id, or a taken one, the id ``cell-<position>``.

    Left to nbformat, such a cell gets a random id, and the page a
    different anchor on every render.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("a", id="intro"),
    ...                                      nbformat.v4.new_markdown_cell("b"), nbformat.v4.new_markdown_cell("c")])
    >>> del nb.cells[1]["id"]; nb.cells[2]["id"] = "intro"
    >>> _number_cells(nb)
    >>> [c.id for c in nb.cells]
    ['intro', 'cell-1', 'cell-2']
    """
    if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) < (4, 5):
        return
    taken = {c.get("id") for c in nb.cells}
    seen: set = set()
    for i, cell in enumerate(nb.cells):
        if not cell.get("id") or cell["id"] in seen:
            n, new = i, f"cell-{i}"
            while new in taken:
                n += len(nb.cells)
                new = f"cell-{n}"
            cell["id"] = new
            taken.add(new)
        seen.add(cell["id"])


# ------------------------------------------------------------ offline check

#: Every reference in an HTML page that would fetch or link something outside
#: it; the one offline check, :func:`partnet._offline.external_references`
#: (also :func:`partnet.viz.external_references`).
internet_references = external_references

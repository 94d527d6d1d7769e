"""Run a notebook with papermill; render it with nbconvert to one offline HTML file."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from partnet._offline import external_references
from partnet.errors import NotebookFailed, ReportError

# NotebookFailed lives in partnet.errors with the rest of the family; it is
# imported here so that ``from partnet.report.render import NotebookFailed`` keeps working.
__all__ = ["KERNEL", "REMOVED_TAGS", "TEMPLATE", "NotebookFailed", "execute_notebook", "render_html",
           "internet_references"]

#: Kernel every report notebook runs on: inside a virtual environment it is
#: that environment's own Python.
KERNEL = "python3"

#: Cells with these tags never reach a report: the parameter cells and
#: papermill's error banner.
REMOVED_TAGS = ("parameters", "injected-parameters", "papermill-error-cell-tag")

#: The nbconvert template (``partnet/templates/report``): JupyterLab's page
#: without require.js, MathJax and mermaid, which the lab template loads
#: from a CDN.
TEMPLATE = "report"
_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

#: Quiets the kernel's own log (ipykernel 7 warns on every start that it
#: runs over TCP without encryption; the kernel listens on localhost only).
_KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


def execute_notebook(notebook, output, parameters: dict, *, cwd=None, timeout: int = 600):
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
    The kernel is started with its log level at CRITICAL, which keeps
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
    for attempt in range(1, _KERNEL_STARTS + 1):
        try:
            return pm.execute_notebook(str(notebook), str(output), parameters=parameters, kernel_name=KERNEL,
                                       progress_bar=False, cwd=str(cwd) if cwd else None,
                                       execution_timeout=timeout, extra_arguments=_KERNEL_ARGUMENTS)
        except PapermillExecutionError as exc:
            raise NotebookFailed(output, exc.cell_index, exc.ename, exc.evalue) from None
        except Exception as exc:  # timeouts and dead kernels come from nbclient/jupyter_client
            if attempt < _KERNEL_STARTS and _kernel_did_not_start(exc):
                time.sleep(0.2 * attempt)
                continue
            raise NotebookFailed(output, None, type(exc).__name__, str(exc)) from exc
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


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
        ``papermill-error-cell-tag`` removed, images inlined, and no
        reference to anything on the internet. The same notebook gives the
        same page, byte for byte (see Notes).

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
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    if isinstance(nb, (str, Path)):
        nb = nbformat.read(str(nb), as_version=4)
    else:
        nb = nbformat.from_dict(nb)
    if title is not None:
        nb.metadata["title"] = title
    _number_cells(nb)
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(_TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    remove = TagRemovePreprocessor(remove_cell_tags=set(REMOVED_TAGS), enabled=True)
    exporter.register_preprocessor(remove, enabled=True)
    numbers = itertools.count(1)
    exporter.environment.globals["uuid4"] = lambda: f"partnet-output-{next(numbers)}"
    body, _ = exporter.from_notebook_node(nb)
    return body


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

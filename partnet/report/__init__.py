"""Reports: papermill runs a notebook per case, nbconvert renders offline HTML.

:func:`run` is ``partnet report``. Inside the notebooks, :class:`CaseReport`
and :class:`CrossCaseReport` load the data with checked options and keep
every table and figure a report shows (``tables.xlsx``, ``figures/``).
"""

from __future__ import annotations

from partnet.report.index import index_html, write_index
from partnet.report.methods import methods_paragraph
from partnet.report.outputs import CaseReport, CrossCaseReport, md_escape
from partnet.report.paths import bundled_cases, resolve_case
from partnet.report.pipeline import CaseResult, RunResult, run, run_cli
from partnet.report.provenance import provenance, versions
from partnet.report.render import NotebookFailed, execute_notebook, internet_references, render_html

__all__ = [
    "run",
    "run_cli",
    "RunResult",
    "CaseResult",
    "CaseReport",
    "CrossCaseReport",
    "bundled_cases",
    "resolve_case",
    "execute_notebook",
    "render_html",
    "internet_references",
    "NotebookFailed",
    "provenance",
    "versions",
    "methods_paragraph",
    "md_escape",
    "index_html",
    "write_index",
]

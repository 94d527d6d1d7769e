"""The notebooks as committed: stripped, one parameters cell with runnable defaults, options checked at once.

``case_study`` and ``cross_case`` are executed by the pipeline tests
(``test_report.py``); ``explore`` and the refusals are executed here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from partnet.report import execute_notebook
from partnet.report.paths import bundled_cases
from partnet.report.render import NotebookFailed

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
PARAMETERS = {
    "case_study": {"case_dir", "relation", "min_frequency", "nonrespondents", "anonymise", "seed", "output_dir",
                   "other_cases"},
    "cross_case": {"case_dirs", "relation", "min_frequency", "nonrespondents", "anonymise", "seed", "output_dir"},
    "explore": {"case_dir", "relation", "min_frequency", "nonrespondents", "anonymise", "seed", "colour_by",
                "size_by", "top"},
}


def _defaults(cell) -> dict:
    return {t.id: ast.literal_eval(node.value) for node in ast.parse(cell.source).body
            if isinstance(node, ast.Assign) for t in node.targets}


@pytest.mark.parametrize("name", sorted(PARAMETERS), ids=sorted(PARAMETERS))
def test_notebook_is_stripped_with_one_parameters_cell(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert all("execution" not in c.metadata and "papermill" not in c.metadata for c in nb.cells)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is code[0]
    defaults = _defaults(tagged[0])
    assert set(defaults) == PARAMETERS[name]
    assert defaults["anonymise"] is False and defaults["seed"] == 0
    bundled = {p.name for p in bundled_cases()}
    if "case_dir" in defaults:
        assert defaults["case_dir"] in bundled
    assert not [c for c in code[1:] if "parameters" in c.metadata.get("tags", [])]


def test_case_study_follows_the_research():
    nb = nbformat.read(NOTEBOOKS / "case_study.ipynb", as_version=4)
    headings = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("## ")]
    assert headings == ["## 1. The data", "## 2. Network structure", "## 3. Key people", "## 4. Themes",
                        "## 5. Joint displays", "## 6. Effectiveness profile", "## 7. Provenance and methods",
                        "## Appendix: full tables"]
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "escape=False" not in source and "to_html" not in source


@pytest.mark.parametrize("name", ["case_study", "cross_case"])
def test_report_notebooks_open_with_a_header_and_end_with_the_appendix(name):
    """The page starts with the report's header (title, links, contents) and ends with the full tables."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "report.header(" in code[1].source                       # the cell after the parameters
    assert code[-1].source.splitlines() == ["report.appendix()", "report.finish();"]
    assert [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
            if line.startswith("## ")][-1] == "## Appendix: full tables"
    # the notebook's own introduction is for whoever opens the notebook; the report has its header
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.metadata.get("tags") == ["notebook-only"]


def test_explore_runs_with_its_defaults(tmp_path):
    nb = execute_notebook(NOTEBOOKS / "explore.ipynb", tmp_path / "explore.ipynb", {}, cwd=tmp_path, timeout=300)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    pages = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any('<iframe srcdoc="' in p for p in pages)
    assert any("Whole-network profile by treatment of non-respondents (current: keep)" in p for p in pages)
    assert list(tmp_path.iterdir()) == [tmp_path / "explore.ipynb"]     # nothing written beside it


@pytest.mark.parametrize("notebook,parameters,ename,message", [
    ("case_study", {"case_dir": "shrie"}, "ParameterError", "did you mean 'shire'"),
    ("explore", {"nonrespondents": "dorp"}, "ParameterError", "did you mean 'drop'"),
    ("explore", {"size_by": "indegree"}, "ParameterError", "size_by must be a node-table column"),
], ids=["unknown-case", "unknown-treatment", "unknown-size"])
def test_unknown_options_stop_at_once(notebook, parameters, ename, message, tmp_path):
    with pytest.raises(NotebookFailed) as info:
        execute_notebook(NOTEBOOKS / f"{notebook}.ipynb", tmp_path / "out.ipynb", parameters, cwd=tmp_path,
                         timeout=300)
    assert info.value.ename == ename and message in info.value.evalue
    source = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    checking = next(i for i, c in enumerate(source.cells) if "pn.report.CaseReport(" in c.source)
    assert info.value.cell == checking + 1      # the first cell after the injected parameters stopped the run
    kept = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in kept.cells)


def test_cross_case_of_many_cases_stays_readable(tmp_path):
    """Thirteen cases: no sociogram per case, the comparison as dots and medians, every theme column kept."""
    import shutil

    tiny = Path(__file__).parent / "fixtures" / "tiny"
    cases = []
    for i in range(1, 14):
        folder = tmp_path / "cases" / f"tiny-{i:02d}"
        shutil.copytree(tiny, folder)
        meta = folder / "case.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("id: tiny", f"id: tiny-{i:02d}"), encoding="utf-8")
        cases.append(str(folder))
    out = tmp_path / "out"
    nb = execute_notebook(NOTEBOOKS / "cross_case.ipynb", tmp_path / "run.ipynb",
                          {"case_dirs": cases, "output_dir": str(out)}, cwd=tmp_path)
    figures = sorted(p.name for p in (out / "figures").iterdir())
    assert figures == ["themes_by_case.png", "themes_by_case.svg", "whole_network_comparison.png",
                       "whole_network_comparison.svg"]
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs)
    assert "13 cases: the sociogram of each is in its own report" in text

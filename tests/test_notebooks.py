"""The notebooks as committed: stripped, one parameters cell with runnable defaults, options checked at once.

``case_study`` and ``cross_case`` are executed by the pipeline tests
(``test_report.py``); ``explore`` and the refusals are executed here.

"As committed" is what git holds: in a git work tree the stripped check
reads each notebook as the index holds it (what the next commit takes),
so a notebook saved with its outputs in JupyterLab does not fail it; the
nbstripout filter that ``make`` installs keeps the outputs out of the
index (``test_saved_outputs_stay_in_the_file_and_out_of_git``). Outside a
git work tree (a tarball) the files themselves are read.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from partnet.report import execute_notebook
from partnet.report.paths import bundled_cases
from partnet.report.render import NotebookFailed

ROOT = Path(__file__).parents[1]
NOTEBOOKS = ROOT / "notebooks"
PARAMETERS = {
    "case_study": {"case_dir", "relation", "min_frequency", "nonrespondents", "anonymise", "seed", "output_dir",
                   "other_cases", "other_profiles", "case_files"},
    "cross_case": {"case_dirs", "relation", "min_frequency", "nonrespondents", "anonymise", "seed", "output_dir",
                   "kept_results"},
    "explore": {"case_dir", "relation", "min_frequency", "nonrespondents", "anonymise", "seed", "colour_by",
                "size_by", "top"},
}


def _defaults(cell) -> dict:
    return {t.id: ast.literal_eval(node.value) for node in ast.parse(cell.source).body
            if isinstance(node, ast.Assign) for t in node.targets}


def _git(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, env=env, timeout=60)


def is_git_top(folder: Path) -> bool:
    """Whether ``folder`` is the top of a git work tree (not a tarball, nor a folder inside another repository)."""
    try:
        done = _git("rev-parse", "--show-prefix", cwd=folder)
    except (OSError, subprocess.SubprocessError):       # no git
        return False
    return done.returncode == 0 and done.stdout.strip() == b""


def committed_text(path: Path, root: Path = ROOT) -> str:
    """A notebook as git's index holds it (what a commit takes) when ``root`` is a git work tree; else the file.

    A notebook the index does not hold (not added yet) is read from its file, which is never cleaner.
    """
    if is_git_top(root):
        done = _git("show", f":{path.relative_to(root).as_posix()}", cwd=root)
        if done.returncode == 0:
            return done.stdout.decode("utf-8")
    return path.read_text(encoding="utf-8")


def notebook_problems(nb, name: str, *, saved_run: bool = False) -> list[str]:
    """Why a notebook may not be committed as it is (empty when it may).

    Valid, on the python3 kernel, no outputs, execution counts or run
    metadata anywhere, and one parameters cell, the first code cell, whose
    defaults are ``PARAMETERS[name]`` and run as they are. With
    ``saved_run`` what a run leaves (outputs, execution counts, timings,
    papermill's record) is allowed: a working file saved in JupyterLab.
    """
    problems = []
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        problems.append(f"not a valid notebook: {exc.message}")
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append("its kernel is not python3")
    if "papermill" in nb.metadata and not saved_run:
        problems.append("it holds papermill's record of a run")
    for i, cell in enumerate(nb.cells if not saved_run else []):
        if cell.cell_type == "code" and cell.get("outputs"):
            problems.append(f"cell {i} has outputs")
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            problems.append(f"cell {i} has an execution count")
        if "execution" in cell.metadata or "papermill" in cell.metadata:
            problems.append(f"cell {i} has run metadata")
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1 or tagged[0] is not code[0]:
        return [*problems, "the first code cell, and only it, is to be tagged parameters"]
    defaults = _defaults(tagged[0])
    if set(defaults) != PARAMETERS[name]:
        problems.append(f"parameters {sorted(defaults)}, expected {sorted(PARAMETERS[name])}")
    if defaults.get("anonymise") is not False or defaults.get("seed") != 0:
        problems.append("the defaults are to be anonymise = False and seed = 0")
    if "case_dir" in defaults and defaults["case_dir"] not in {p.name for p in bundled_cases()}:
        problems.append(f"case_dir {defaults['case_dir']!r} is not a bundled case")
    return problems


@pytest.mark.parametrize("name", sorted(PARAMETERS), ids=sorted(PARAMETERS))
def test_notebook_is_stripped_with_one_parameters_cell(name):
    committed = nbformat.reads(committed_text(NOTEBOOKS / f"{name}.ipynb"), as_version=4)
    assert notebook_problems(committed, name) == []
    # the file as it is now, edits not yet added included; a run saved in it is allowed
    saved = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    assert notebook_problems(saved, name, saved_run=True) == []


def test_committed_text_is_the_file_outside_a_git_work_tree(tmp_path):
    (tmp_path / "notebooks").mkdir()
    saved = tmp_path / "notebooks" / "a.ipynb"
    saved.write_text("{}", encoding="utf-8")
    assert committed_text(saved, root=tmp_path) == "{}"


def _with_outputs(path: Path) -> None:
    """What saving a notebook that was run writes: outputs, execution counts, timings."""
    nb = nbformat.read(path, as_version=4)
    for n, cell in enumerate([c for c in nb.cells if c.cell_type == "code"], 1):
        cell.execution_count = n
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="saved in JupyterLab\n"),
                        nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=n)]
        cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00.000000Z"}
    nbformat.write(nb, path)


def test_saved_outputs_stay_in_the_file_and_out_of_git(tmp_path):
    """Both halves: the filter make installs strips what git takes, and the check reads what git takes.

    In a clone of the project (a new repository outside a git work tree)
    with this .gitattributes and Makefile, ``make hooks`` installs the
    filter as the Makefile does for ``.venv``; a notebook saved with its
    outputs is then added: the index holds it stripped, the file keeps its
    outputs, and the check passes on the one and fails on the other.
    """
    venv = Path(sys.executable).parent.parent
    if shutil.which("git") is None or shutil.which("make") is None:
        pytest.skip("git and make are needed")
    if not (venv / "bin" / "nbstripout").is_file():
        pytest.skip("nbstripout is not installed beside this Python (pip install -e '.[dev]')")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "MAKEFLAGS"}
    repo = tmp_path / "clone"
    if is_git_top(ROOT):
        assert _git("clone", "--quiet", str(ROOT), str(repo), cwd=tmp_path, env=env).returncode == 0
    else:
        assert _git("init", "--quiet", str(repo), cwd=tmp_path, env=env).returncode == 0
        shutil.copytree(NOTEBOOKS, repo / "notebooks")
    for name in (".gitattributes", "Makefile"):       # as they are here, committed or not yet
        shutil.copy(ROOT / name, repo / name)
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert {"*.ipynb filter=nbstripout", "*.ipynb diff=ipynb"} <= set(attributes)

    done = subprocess.run(["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed", "hooks"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout == "nbstripout filter installed in .git/config: notebooks are committed without outputs\n"
    config = {k: _git("config", "--local", k, cwd=repo, env=env).stdout.decode().strip()
              for k in ("filter.nbstripout.clean", "filter.nbstripout.smudge", "filter.nbstripout.required",
                        "diff.ipynb.textconv")}
    python = f'"{venv}/bin/python" -m nbstripout --keep-id'
    assert config == {"filter.nbstripout.clean": python, "filter.nbstripout.smudge": "cat",
                      "filter.nbstripout.required": "true", "diff.ipynb.textconv": f"{python} -t"}
    assert (repo / ".gitattributes").read_text(encoding="utf-8").splitlines() == attributes   # left as it was
    if is_git_top(ROOT):   # the committed notebooks pass through the filter unchanged: a fresh clone is clean
        assert _git("add", "--renormalize", "notebooks", cwd=repo, env=env).returncode == 0
        assert _git("diff", "--cached", "--quiet", cwd=repo, env=env).returncode == 0

    saved = repo / "notebooks" / "case_study.ipynb"
    _with_outputs(saved)
    added = _git("add", "notebooks/case_study.ipynb", cwd=repo, env=env)
    assert added.returncode == 0, added.stderr
    index = nbformat.reads(committed_text(saved, root=repo), as_version=4)
    working = nbformat.read(saved, as_version=4)
    assert notebook_problems(index, "case_study") == []
    assert "saved in JupyterLab" in saved.read_text(encoding="utf-8")
    problems = notebook_problems(working, "case_study")
    assert "cell 1 has outputs" in problems and "cell 1 has an execution count" in problems
    assert "cell 1 has run metadata" in problems
    assert notebook_problems(working, "case_study", saved_run=True) == []
    assert [c.source for c in index.cells] == [c.source for c in working.cells]
    assert [c.id for c in index.cells] == [c.id for c in working.cells]       # cell ids kept


def test_make_clean_removes_the_filter_with_the_venv_it_runs_from(tmp_path):
    """Git stops at a required filter that cannot run, even in git status: it goes with .venv."""
    if shutil.which("git") is None or shutil.which("make") is None:
        pytest.skip("git and make are needed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "MAKEFLAGS"}
    repo = tmp_path / "project"
    assert _git("init", "--quiet", str(repo), cwd=tmp_path, env=env).returncode == 0
    shutil.copy(ROOT / "Makefile", repo)
    (repo / ".venv").mkdir()                                  # the folder's own .venv, nothing else's
    python = f'"{repo}/.venv/bin/python" -m nbstripout --keep-id'
    for key, value in (("filter.nbstripout.clean", python), ("filter.nbstripout.smudge", "cat"),
                       ("diff.ipynb.textconv", f"{python} -t"), ("user.name", "kept")):
        assert _git("config", key, value, cwd=repo, env=env).returncode == 0
    done = subprocess.run(["make", "--no-print-directory", "clean"], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not (repo / ".venv").exists()
    left = _git("config", "--local", "--list", cwd=repo, env=env).stdout.decode()
    assert "nbstripout" not in left and "ipynb" not in left and "user.name=kept" in left


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
    assert any("Whole-network profile by treatment of non-respondents (current: keep)" in p for p in pages)
    # the live explorer: its picture for a notebook opened again, then its widgets
    explorer = next(c for c in nb.cells if "pn.explore(" in c.source)
    static, live = explorer.outputs
    assert 'class="partnet-static"' in static.data["text/html"] and "run the cell again" in static.data["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in live.data and "text/html" not in live.data
    assert len(static.data["text/html"]) < 120_000                       # the picture, not the 800 KB page
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

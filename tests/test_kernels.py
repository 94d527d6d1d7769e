"""Kernels forked from a warm template (partnet.report.kernels): each notebook still runs alone.

``partnet report`` starts every notebook's kernel as a fork of a process
that imported partnet's stack once. These tests run small notebooks one
after another through :func:`partnet.report.render.execute_notebook`, as a
report worker does, and check that nothing of one reaches the next: its
variables, changed modules, working folder, files, environment, process,
or its death.
"""

from __future__ import annotations

import json
import os
import sys

import nbformat
import pytest

from partnet.errors import NotebookFailed
from partnet.report.kernels import forkable
from partnet.report.render import execute_notebook

pytestmark = pytest.mark.pipeline


def _notebook(path, *sources: str):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = None", metadata={"tags": ["parameters"]}),
                *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def _printed(nb) -> dict:
    """The JSON the last cell printed."""
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    return json.loads(text.strip().splitlines()[-1])


LOOK = """
import json, os, sys
warm = "pandas" in sys.modules and "partnet.metrics" in sys.modules
import partnet
print(json.dumps({"pid": os.getpid(), "ppid": os.getppid(), "cwd": os.getcwd(), "files": sorted(os.listdir(".")),
                  "leak": "leak" in globals(), "env": os.environ.get("PARTNET_TEST_LEAK"),
                  "version": partnet.__version__, "density": partnet.metrics.density.__name__,
                  "warm": warm,
                  "backend": os.environ.get("MPLBACKEND"), "main": sys.modules["__main__"].__name__,
                  "short_errors": getattr(get_ipython(), "CustomTB", None) is not None}))
"""

SPOIL = """
leak = 1
import os, partnet
partnet.__version__ = "spoilt"
partnet.metrics.density = lambda G: 0.0
os.environ["PARTNET_TEST_LEAK"] = "yes"
open("left-behind.txt", "w").write("x")
"""


def test_the_kernel_command_of_this_python_is_forked_and_any_other_is_not():
    assert forkable([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json", "--x=1"]) == ["-f", "c.json", "--x=1"]
    assert forkable(["python2", "-m", "ipykernel_launcher", "-f", "c.json"]) is None
    assert forkable([sys.executable, "-m", "other_kernel", "-f", "c.json"]) is None
    assert forkable([sys.executable, "-c", "print(1)"]) is None


def test_nothing_of_one_notebook_reaches_the_next(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    spoilt = execute_notebook(_notebook(tmp_path / "spoil.ipynb", SPOIL, LOOK), tmp_path / "a.ipynb", {},
                              cwd=first)
    seen = _printed(spoilt)
    assert seen["leak"] and seen["version"] == "spoilt" and seen["env"] == "yes", "the first notebook ran"
    after = _printed(execute_notebook(_notebook(tmp_path / "look.ipynb", LOOK), tmp_path / "b.ipynb", {},
                                      cwd=second))
    import partnet

    assert after["leak"] is False
    assert after["version"] == partnet.__version__
    assert after["density"] == "density"
    assert after["env"] is None
    assert after["cwd"] == str(second) and after["files"] == []
    assert (first / "left-behind.txt").is_file()
    assert after["pid"] != seen["pid"] and after["pid"] != os.getpid()
    # forked from the warm template: the stack is imported before the first cell, by the same process as before
    assert after["warm"] and after["ppid"] == seen["ppid"] != os.getpid()
    # a kernel as a new one would be: the inline backend, partnet's short errors, no main script of the caller
    assert after["backend"] == "module://matplotlib_inline.backend_inline"
    assert after["short_errors"] is True
    assert after["main"] == "__main__"


def test_a_new_python_is_started_when_asked(tmp_path):
    seen = _printed(execute_notebook(_notebook(tmp_path / "look.ipynb", LOOK), tmp_path / "b.ipynb", {},
                                     cwd=tmp_path, fork=False))
    assert seen["ppid"] == os.getpid() and not seen["warm"]


def test_a_kernel_that_dies_fails_its_own_notebook_only(tmp_path):
    with pytest.raises(NotebookFailed):
        execute_notebook(_notebook(tmp_path / "die.ipynb", "import os\nos._exit(3)"), tmp_path / "a.ipynb", {},
                         cwd=tmp_path, timeout=60)
    seen = _printed(execute_notebook(_notebook(tmp_path / "look.ipynb", LOOK), tmp_path / "b.ipynb", {},
                                     cwd=tmp_path))
    assert seen["leak"] is False and seen["warm"]


def test_a_timed_out_notebook_is_written_with_what_ran(tmp_path):
    out = tmp_path / "slow.ipynb"
    with pytest.raises(NotebookFailed):
        execute_notebook(_notebook(tmp_path / "in.ipynb", "print('before')", "import time\ntime.sleep(60)"), out,
                         {}, cwd=tmp_path, timeout=3)
    kept = nbformat.read(str(out), as_version=4)
    assert [o.get("text") for o in kept.cells[-2].outputs] == ["before\n"]


def test_a_figure_left_open_is_shown_as_in_a_new_kernel(tmp_path):
    cell = "import matplotlib.pyplot as plt\nplt.plot([0, 1], [0, 1])\nplt.title('line');"
    shown = {}
    for fork in (True, False):
        nb = execute_notebook(_notebook(tmp_path / "fig.ipynb", cell), tmp_path / f"fig-{fork}.ipynb", {},
                              cwd=tmp_path, fork=fork)
        shown[fork] = [sorted(o.get("data", {})) for o in nb.cells[-1].outputs]
    assert shown[True] == shown[False] == [["image/png", "text/plain"]]


def test_a_report_from_a_forked_kernel_is_the_one_a_new_kernel_writes(tmp_path, monkeypatch):
    """The anonymised shire report, page and figure files, byte for byte with and without the template."""
    import hashlib
    from pathlib import Path

    from partnet.report.paths import bundled_cases, notebook
    from partnet.report.render import render_html

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    shire = next(c for c in bundled_cases() if c.name == "shire")
    written = {}
    for fork in (False, True):
        out = tmp_path / f"fork-{fork}"
        out.mkdir()
        nb = execute_notebook(notebook("case_study"), tmp_path / f"{fork}.ipynb",
                              {"case_dir": str(shire), "output_dir": str(out), "anonymise": True}, cwd=out, fork=fork)
        files = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in sorted(Path(out).rglob("*")) if p.is_file() and p.suffix in (".png", ".svg")}
        written[fork] = (render_html(nb, title="shire"), files)
    assert len(written[True][1]) >= 4
    assert written[True] == written[False]

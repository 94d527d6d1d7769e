"""partnet inside Jupyter: partnet's errors as their message in a kernel, and make lab.

One kernel serves the module's notebook tests (cells run one at a time on
it, as in JupyterLab); one papermill run shows that a report notebook
stopped by partnet's check still fails with the error's name and message.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import partnet
from partnet.errors import ParameterError, PartnetError
from partnet.jupyter import full_tracebacks, kernel_shell, short_errors
from partnet.report.paths import bundled_cases

ROOT = Path(__file__).parents[1]
SHIRE = next(p for p in bundled_cases() if p.name == "shire")
MESSAGE = "nonrespondents must be one of keep, drop, reconstruct; 'remove' was given"
#: What a traceback through frames shows; a short error shows none of it.
FRAMES = ("Traceback", "File ", "----> ", "Cell In[")


def _text(outputs) -> str:
    return "\n".join(line for o in outputs for line in o.get("traceback", []) + [o.get("text", "")])


# ------------------------------------------------------------------ a shell in this process


@pytest.fixture
def shell():
    """IPython's shell, with no custom exception handler; the one it had is put back afterwards."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    before = shell.custom_exceptions, shell.CustomTB, getattr(shell, "_partnet_short_errors", None)
    shell.set_custom_exc((), None)
    yield shell
    shell.custom_exceptions, shell.CustomTB, shell._partnet_short_errors = before


def _run(shell, source: str):
    from IPython.utils.capture import capture_output

    with capture_output() as shown:
        result = shell.run_cell(source)
    return result, shown


def test_a_partnet_error_shows_as_one_line(shell):
    assert short_errors(shell) is True and short_errors(shell) is True       # twice is once
    result, shown = _run(shell, "from partnet.options import check_nonrespondents\n"
                                "check_nonrespondents('remove')")
    assert shown.stdout == f"ParameterError: {MESSAGE}\n" and shown.stderr == ""
    assert isinstance(result.error_in_exec, ParameterError) and not result.success
    assert sys.last_value is result.error_in_exec                             # what %tb and %debug read
    # a case with problems: its message, every line of it, and nothing else
    result, shown = _run(shell, f"import partnet as pn\npn.load_case({str(SHIRE.parent / 'nowhere')!r})")
    assert shown.stdout.startswith("DataError: case 'nowhere' has 1 problem:\n  ")
    assert "[missing-file]" in shown.stdout and not [f for f in FRAMES if f in shown.stdout]


def test_every_other_error_keeps_its_traceback(shell):
    short_errors(shell)
    for source, name in (("1 / 0", "ZeroDivisionError"), ("raise ValueError('not partnet')", "ValueError")):
        result, shown = _run(shell, source)
        assert "Traceback (most recent call last)" in shown.stdout and name in shown.stdout
        assert type(result.error_in_exec).__name__ == name


def test_full_tracebacks_undoes_it(shell):
    short_errors(shell)
    assert full_tracebacks(shell) is True and full_tracebacks(shell) is False
    assert shell.custom_exceptions == ()
    _, shown = _run(shell, "from partnet.options import check_nonrespondents\ncheck_nonrespondents('remove')")
    assert "Traceback (most recent call last)" in shown.stdout and MESSAGE in shown.stdout


@pytest.mark.parametrize("theirs", [(KeyError,), (PartnetError,)], ids=["other-exceptions", "partnet-errors"])
def test_someone_elses_handler_is_left_alone(shell, theirs):
    seen = []

    def handler(self, etype, value, tb, tb_offset=None):
        seen.append(etype)
        print("their handler")

    shell.set_custom_exc(theirs, handler)
    registered = shell.CustomTB
    assert short_errors(shell) is False and full_tracebacks(shell) is False
    assert shell.custom_exceptions == theirs and shell.CustomTB is registered
    _, shown = _run(shell, "raise KeyError('k')" if theirs == (KeyError,) else
                    "from partnet.options import check_nonrespondents\ncheck_nonrespondents('remove')")
    assert shown.stdout == "their handler\n" and len(seen) == 1


def test_with_pdb_on_a_partnet_error_is_shown_in_full(shell, monkeypatch):
    short_errors(shell)
    opened = []
    monkeypatch.setattr(shell, "call_pdb", True)
    monkeypatch.setattr(shell, "debugger", lambda force=False: opened.append(force))
    _, shown = _run(shell, "from partnet.options import check_nonrespondents\ncheck_nonrespondents('remove')")
    assert "Traceback (most recent call last)" in shown.stdout and opened == [True]


def test_outside_a_kernel_import_partnet_leaves_ipython_alone():
    """Neither a plain Python (IPython is not even imported) nor a terminal IPython gets the handler."""
    assert kernel_shell() is None
    script = ("import sys\n"
              "import partnet\n"
              "assert 'IPython' not in sys.modules, 'import partnet imported IPython'\n"
              "import ipykernel.zmqshell\n"
              "from IPython.terminal.interactiveshell import TerminalInteractiveShell\n"
              "shell = TerminalInteractiveShell.instance(simple_prompt=True)\n"
              "import importlib\n"
              "importlib.reload(partnet)\n"
              "assert partnet.jupyter.kernel_shell() is None\n"
              "print(shell.custom_exceptions)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "()"
    assert "jupyter" in partnet.__all__ and partnet.jupyter.short_errors is short_errors


# ------------------------------------------------------------------ a real kernel


class _Kernel:
    """Cells run one at a time on one kernel, as JupyterLab runs them."""

    def __init__(self, client):
        self.client, self.last = client, None

    def run(self, source: str):
        """Run ``source`` as the next cell and return the cell; a failing cell raises CellExecutionError.

        The cell keeps its outputs either way (``self.last``), as the
        notebook papermill or nbclient writes does.
        """
        self.last = nbformat.v4.new_code_cell(source)
        self.client.nb.cells.append(self.last)
        self.client.execute_cell(self.last, len(self.client.nb.cells) - 1)
        return self.last


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """One kernel for the module's notebook tests (nbclient, as papermill runs it), partnet imported."""
    from nbclient import NotebookClient

    client = NotebookClient(nbformat.v4.new_notebook(), kernel_name="python3", timeout=300, startup_timeout=120,
                            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                            resources={"metadata": {"path": str(tmp_path_factory.mktemp("kernel"))}})
    with client.setup_kernel():
        running = _Kernel(client)
        running.run("import partnet as pn")
        yield running


def _plain(outputs) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", _text(outputs))


def test_in_a_kernel_import_partnet_registers_the_handler(kernel):
    cell = kernel.run("print(pn.jupyter.kernel_shell() is get_ipython(), get_ipython().custom_exceptions)")
    assert _text(cell.outputs).strip() == "True (<class 'partnet.errors.PartnetError'>,)"


def test_in_a_kernel_a_check_shows_its_message_and_the_cell_still_fails(kernel):
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError) as info:
        kernel.run(f'pn.load_case(r"{SHIRE}").graph(nonrespondents="remove")')
    assert info.value.ename == "ParameterError" and info.value.evalue == MESSAGE
    assert f"ParameterError: {MESSAGE}" in str(info.value)
    [error] = kernel.last.outputs
    assert error.output_type == "error" and (error.ename, error.evalue) == ("ParameterError", MESSAGE)
    assert error.traceback == [f"ParameterError: {MESSAGE}"]
    assert not [f for f in FRAMES if f in _text(kernel.last.outputs)]
    # the full traceback is one magic away
    shown = _plain(kernel.run("%tb").outputs)
    assert "Traceback (most recent call last)" in shown and "graph(nonrespondents=" in shown


def test_in_a_kernel_every_other_error_keeps_its_traceback(kernel):
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError) as info:
        kernel.run("1 / 0")
    assert info.value.ename == "ZeroDivisionError"
    shown = _plain(kernel.last.outputs)
    assert "Traceback (most recent call last)" in shown and "----> 1 1 / 0" in shown


# ------------------------------------------------------------------ papermill and partnet report


@pytest.mark.pipeline
def test_a_report_notebook_stopped_by_a_check_fails_with_its_message(tmp_path):
    """papermill still sees the cell fail, with the error's name and message: partnet report says the same."""
    from papermill.exceptions import PapermillExecutionError

    from partnet.report import execute_notebook
    from partnet.report.pipeline import _message
    from partnet.report.render import NotebookFailed

    out = tmp_path / "case_study.ipynb"
    with pytest.raises(NotebookFailed) as info:
        execute_notebook(ROOT / "notebooks" / "case_study.ipynb", out,
                         {"case_dir": str(SHIRE), "nonrespondents": "remove"}, cwd=tmp_path, timeout=300)
    failed = info.value.__context__                    # what execute_notebook caught
    assert isinstance(failed, PapermillExecutionError)
    assert (failed.ename, failed.evalue) == ("ParameterError", MESSAGE)
    assert failed.traceback == [f"ParameterError: {MESSAGE}"]
    assert (info.value.ename, info.value.evalue) == ("ParameterError", MESSAGE)
    assert _message(info.value) == f"cell {failed.cell_index} failed: ParameterError: {MESSAGE}"
    kept = nbformat.read(out, as_version=4)            # the executed notebook a failed case keeps
    errors = [o for c in kept.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [e.traceback for e in errors] == [[f"ParameterError: {MESSAGE}"]]


# ------------------------------------------------------------------ make lab


def _make(*args: str) -> subprocess.CompletedProcess:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_make_lab_opens_the_project_root_with_the_explore_notebook():
    done = _make("-n", "-o", ".venv/.installed", "lab")        # the recipe only: no server, no install
    assert done.returncode == 0, done.stderr
    root = Path(done.stdout.split('--ServerApp.root_dir="')[1].split('"')[0])
    assert done.stdout.splitlines()[-1] == f'.venv/bin/jupyter lab --ServerApp.root_dir="{root}" ' \
                                           "notebooks/explore.ipynb"
    assert root.samefile(ROOT) and (root / "notebooks" / "explore.ipynb").is_file()
    shown = _make("help").stdout
    assert "  lab        Open JupyterLab at the project root (data/, notebooks/, reports/), " \
           "notebooks/explore.ipynb open\n" in shown
    assert "  hooks      Install the git filter that strips notebooks' outputs on commit" in shown


def test_make_installs_the_filter_with_the_venv():
    """The recipe that installs partnet into .venv installs the filter too, and make hooks does it alone."""
    done = _make("-n", "-W", "pyproject.toml", ".venv/.installed")     # what a new .venv would run
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    hooks = next(i for i, line in enumerate(lines) if "nbstripout --install --attributes .gitattributes" in line)
    assert lines[hooks].startswith('if prefix=$(git rev-parse --show-prefix 2>/dev/null) && [ -z "$prefix" ]; '
                                   "then .venv/bin/nbstripout --install")
    assert "git config filter.nbstripout.clean" in lines[hooks] and "--keep-id" in lines[hooks]
    assert "pip install --quiet -e" in "\n".join(lines[:hooks]) and ".venv/.installed" in lines[hooks + 1]

"""No input and no good report is ever destroyed: refused output folders, kept reports, no orphan workers.

A module-scoped run renders the tiny case once; each test copies that
report folder, does something that must not harm it (a failing notebook,
a full disk, SIGKILL or SIGTERM of the main process) and checks that every
file is byte-identical afterwards and that no worker outlives the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from partnet.cli import main
from partnet.report.pipeline import STAGING_PREFIX, run
from tests._builders import copy_tiny_case

ROOT = Path(__file__).resolve().parents[1]


def _digest(folder: Path) -> dict[str, str]:
    """Every file under a folder (hidden ones included) -> SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------ refused before work

@pytest.mark.parametrize("where", ["the-case", "inside-the-case", "holds-the-case", "holds-the-cases-folder"])
def test_an_output_folder_that_would_overwrite_case_data_is_refused(tmp_path, capsys, where):
    case = copy_tiny_case(tmp_path / "cases")
    before = _digest(tmp_path)
    out = {"the-case": case, "inside-the-case": case / "reports", "holds-the-case": tmp_path / "cases",
           "holds-the-cases-folder": tmp_path}[where]
    assert main(["report", str(case), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "would overwrite case data" in err and "Traceback" not in err
    assert _digest(tmp_path) == before                # nothing written, nothing deleted


def test_a_folder_that_is_not_a_report_is_never_replaced(tmp_path, capsys):
    case = copy_tiny_case(tmp_path / "cases")
    mine = tmp_path / "reports" / "tiny"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("the researcher's own notes")
    assert main(["report", str(case), "--out", str(tmp_path / "reports")]) == 1
    assert "exists and is not a partnet report" in capsys.readouterr().err
    assert (mine / "notes.txt").read_text() == "the researcher's own notes"


@pytest.mark.parametrize("target", ["people.csv", "case-folder-file"])
def test_key_out_onto_an_input_is_refused(tmp_path, capsys, target):
    case = copy_tiny_case(tmp_path / "cases")
    key = case / "people.csv" if target == "people.csv" else case / "key.csv"
    before = _digest(case)
    assert main(["report", str(case), "--out", str(tmp_path / "reports"), "--key-out", str(key),
                 "--overwrite"]) == 1
    assert "is inside the case" in capsys.readouterr().err
    assert _digest(case) == before


def test_key_out_onto_an_existing_file_needs_overwrite(tmp_path, capsys):
    case = copy_tiny_case(tmp_path / "cases")
    key = tmp_path / "private" / "key.csv"
    key.parent.mkdir()
    key.write_text("an older key the researcher keeps")
    assert main(["report", str(case), "--out", str(tmp_path / "reports"), "--key-out", str(key)]) == 1
    assert "exists; add --overwrite to replace it" in capsys.readouterr().err
    assert key.read_text() == "an older key the researcher keeps"
    assert not (tmp_path / "reports").exists()


# ------------------------------------------------------- failures mid-way


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A finished report of the tiny case (named), made once."""
    base = tmp_path_factory.mktemp("good")
    case = copy_tiny_case(base / "cases")
    result = run([case], base / "reports", jobs=1, progress=False)
    assert result.ok
    return case, base / "reports"


def _fresh(good, tmp_path) -> tuple[Path, Path, dict[str, str]]:
    """A copy of the good report folder; its case is up to date there, so a run that must render says --force."""
    case, reports = good
    out = tmp_path / "reports"
    shutil.copytree(reports, out)
    return case, out, _digest(out / "tiny")


@pytest.mark.pipeline
def test_a_failing_notebook_leaves_the_previous_report_as_it_was(good, tmp_path):
    case, out, before = _fresh(good, tmp_path)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = nbformat.read(notebooks / "case_study.ipynb", as_version=4)
    nb.cells.insert(len(nb.cells) - 1, nbformat.v4.new_code_cell("raise RuntimeError('injected failure')"))
    nbformat.write(nb, notebooks / "case_study.ipynb")
    result = run([case], out, jobs=1, progress=False, notebooks=notebooks)
    (failure,) = result.failed
    assert failure.stage == "notebook" and "injected failure" in failure.error and failure.previous
    assert _digest(out / "tiny") == before
    page = result.index.read_text(encoding="utf-8")
    assert "previous report" in page and 'href="tiny/report.html"' in page
    assert "The cross-case report of an earlier run is kept as it was" in page
    assert not any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["status"], summary["exit_status"], result.exit_status) == ("nothing-rendered", 1, 1)
    (case_entry,) = summary["cases"]
    assert (case_entry["outcome"], case_entry["stage"], case_entry["previous_kept"]) == ("failed", "notebook", True)
    assert "injected failure" in case_entry["reason"] and case_entry["debug"] == "_failed/tiny/case_study.ipynb"
    assert summary["cross_case"] == {"outcome": "skipped", "reason": "no case of this run succeeded"}
    assert [k["case_id"] for k in summary["kept"]] == ["tiny"] and summary["kept"][0]["failed_now"] is True
    assert not (out / ".summary.json.part").exists()


def _partnet(args, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "partnet", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.pipeline
def test_a_full_disk_names_its_cause_and_leaves_the_previous_report(good, tmp_path):
    """RLIMIT_FSIZE makes every write past 300 KB fail with EFBIG, as a full disk fails with ENOSPC."""
    case, out, before = _fresh(good, tmp_path)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    proc = _partnet(["report", str(case), "--out", str(out), "--jobs", "1", "--force"], preexec_fn=small_files)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err                   # the only case failed: nothing rendered
    assert "File too large" in err and "NotJSONError" not in err and "Traceback" not in err
    assert _digest(out / "tiny") == before


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc), found while it is alive."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


def _wait_for_workers(proc: subprocess.Popen, out: Path) -> set[int]:
    """Wait (up to 120 s) until a worker has started a notebook kernel; return the run's processes."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        below = _descendants(proc.pid)
        if len(below) >= 3 and any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir()):
            return below
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
    raise AssertionError("the run never started its workers")


def _gone(pids: set[int], within: float = 60.0) -> set[int]:
    deadline = time.monotonic() + within
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return _alive(pids)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are Linux's")
@pytest.mark.pipeline
def test_sigkill_of_the_main_process_leaves_no_worker_and_no_harm(good, tmp_path):
    case, out, before = _fresh(good, tmp_path)
    proc = _partnet(["report", str(case), "--out", str(out), "--jobs", "1", "--force"])
    workers = _wait_for_workers(proc, out)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert _gone(workers) == set()              # workers and their notebook kernels ended with it
    assert _digest(out / "tiny") == before
    # The next run clears the staging folder the killed one left.
    assert any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())
    result = run([case], out, jobs=1, progress=False)
    assert result.ok and not any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())


@pytest.mark.pipeline
def test_sigterm_is_handled_like_ctrl_c(good, tmp_path):
    case, out, before = _fresh(good, tmp_path)
    proc = _partnet(["report", str(case), "--out", str(out), "--jobs", "1", "--force"])
    workers = _wait_for_workers(proc, out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    assert _gone(workers) == set()
    assert _digest(out / "tiny") == before
    assert not any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())

"""Runs that add up, the demos apart from the researcher's cases, summary.json, and the make targets' .venv.

The module-scoped ``added_up`` fixture renders the tiny fictional case
three times into one folder, as a researcher would one case at a time:
case_a (named), then case_b (named: both compared), then case_b again
with ``--anonymise`` (case_a, named, is then left out of the comparison).
The other tests need no rendering: they judge kept reports from markers,
or run make with a fake ``.venv``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partnet.cli import main
from partnet.report.index import write_index
from partnet.report.paths import bundled_cases, examples_dir, resolve_case
from partnet.report.pipeline import (
    EXIT_STATUS,
    MARKER,
    _judge,
    _mark,
    _sources,
    code_digest,
    kept_reports,
    read_mark,
)
from tests._builders import copy_tiny_case

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1767225600"   # 2026-01-01
OPTIONS = {"relation": None, "min_frequency": None, "nonrespondents": None, "seed": 0}


def _state(out: Path) -> dict:
    return {"index": (out / "index.html").read_text(encoding="utf-8"),
            "summary": json.loads((out / "summary.json").read_text(encoding="utf-8")),
            "cross": (out / "cross_case.html").read_text(encoding="utf-8")}


# ------------------------------------------------------------------ runs add up

@pytest.fixture(scope="module")
def added_up(tmp_path_factory):
    base = tmp_path_factory.mktemp("runs")
    a, b = copy_tiny_case(base / "cases", "case_a"), copy_tiny_case(base / "cases", "case_b")
    readme = base / "cases" / "README.md"
    readme.write_text("# my cases\n")
    out = base / "reports"
    states, status = [], []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for args in ([a, readme], [b], [b, "--anonymise"]):
            status.append(main(["report", *map(str, args), "--out", str(out), "--jobs", "1"]))
            states.append(_state(out))
    return {"a": a, "b": b, "out": out, "status": status, "states": states}


@pytest.mark.pipeline
def test_every_run_exits_0(added_up):
    assert added_up["status"] == [0, 0, 0]


@pytest.mark.pipeline
def test_a_readme_among_the_cases_is_skipped_and_said_so(added_up):
    first = added_up["states"][0]
    summary = first["summary"]
    assert summary["counts"] == {"cases": 2, "ok": 1, "failed": 0, "skipped": 1, "kept": 0, "compared": 1}
    assert summary["cases"][1] == {"case_id": None, "source": str(added_up["a"].parent / "README.md"),
                                   "outcome": "skipped", "reason": "not a case folder or an .xlsx workbook"}
    assert "Skipped, not a case folder or workbook: README.md." in first["index"]


@pytest.mark.pipeline
def test_a_second_case_adds_to_the_index_and_the_cross_case_report(added_up):
    second = added_up["states"][1]
    page, cross, summary = second["index"], second["cross"], second["summary"]
    assert "1 of 1 case report written. Kept from earlier runs: case_a (listed below)." in page
    assert "<tr><td>case_b</td>" in page                                           # this run
    assert "<tr><td>case_a</td><td>named where consented</td>" in page             # kept, with its outputs
    assert 'href="case_a/report.html"' in page and 'href="case_b/report.html"' in page
    for link in re.findall(r'href="([^"]+)"', page):
        assert (added_up["out"] / link).exists(), link
    assert "It compares case_b, case_a." in page and "<td>compared</td>" in page
    assert "<th>case_a</th>" in cross and "<th>case_b</th>" in cross                # both in the comparison
    assert summary["cross_case"]["cases"] == ["case_b", "case_a"] and summary["cross_case"]["left_out"] == []
    (kept,) = summary["kept"]
    assert (kept["case_id"], kept["outcome"], kept["in_cross_case"], kept["reason"]) == ("case_a", "kept", True, None)
    assert kept["report"] == "case_a/report.html" and kept["source"] == str(added_up["a"])
    assert summary["counts"]["compared"] == 2


@pytest.mark.pipeline
def test_a_kept_case_with_other_privacy_is_listed_but_left_out_with_the_reason(added_up):
    third = added_up["states"][2]
    page, cross, summary = third["index"], third["cross"], third["summary"]
    reason = ("its report names people (where they consented) and this run is anonymised: left out so that the "
              "comparison shows no names; render it again with --anonymise to compare it")
    assert "<tr><td>case_a</td><td>named where consented</td>" in page and 'href="case_a/report.html"' in page
    assert f"<li>case_a: {reason}</li>" in page.replace("&#x27;", "'")
    assert f"left out: {reason}" in page.replace("&#x27;", "'")
    assert "This folder mixes anonymised and named reports" in page
    assert "case_a" not in cross and "<th>case_b</th>" in cross
    assert summary["cross_case"]["cases"] == ["case_b"] and summary["cross_case"]["anonymised"] is True
    assert summary["cross_case"]["left_out"] == [{"case_id": "case_a", "reason": reason}]
    (kept,) = summary["kept"]
    assert (kept["in_cross_case"], kept["anonymised"], kept["reason"]) == (False, False, reason)


@pytest.mark.pipeline
def test_each_case_folder_records_how_it_was_written(added_up):
    import partnet

    out = added_up["out"]
    a, b = read_mark(out / "case_a"), read_mark(out / "case_b")
    notebook, privacy, outputs = a.pop("notebook"), a.pop("privacy"), a.pop("outputs")
    assert re.fullmatch("[0-9a-f]{64}", a.pop("run"))
    assert a.pop("code") == code_digest()
    assert a == {"format": 3, "case_id": "case_a", "anonymised": False, "anonymise": False,
                 "title": "Hollowmere Digital Partnership (fictional)", "source": str(added_up["a"]),
                 "checksum": partnet.load_case(added_up["a"]).checksum, "options": OPTIONS,
                 "report": "case_a/report.html", "workbook": "case_a/tables.xlsx",
                 "partnet": partnet.__version__, "date": "2026-01-01"}
    assert notebook == hashlib.sha256((ROOT / "notebooks" / "case_study.ipynb").read_bytes()).hexdigest()
    assert re.fullmatch("[0-9a-f]{64}", privacy) and privacy != b["privacy"]       # named, then anonymised
    files = sorted(p for p in (out / "case_a").rglob("*") if p.is_file() and p.name != MARKER)
    assert outputs == {p.relative_to(out / "case_a").as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                       for p in files} and "report.html" in outputs
    assert (b["anonymised"], b["anonymise"], b["source"]) == (True, True, str(added_up["b"]))
    cross = read_mark(out / "cross_case")
    assert (cross["cases"], cross["anonymised"], cross["report"]) == (["case_b"], True, "cross_case.html")


# ------------------------------------------------------- kept reports judged

def _written(out: Path, case: Path, anonymised: bool, **change) -> None:
    """A kept report folder as a run writes it (the marker and a page), without rendering."""
    import partnet

    folder = out / case.name
    folder.mkdir(parents=True)
    (folder / "report.html").write_text("<p>report</p>")
    record = {"title": "T", "source": str(case), "checksum": partnet.load_case(case).checksum,
              "option": anonymised, "options": dict(OPTIONS), "report": f"{case.name}/report.html",
              "workbook": f"{case.name}/tables.xlsx", "partnet": partnet.__version__, "date": "2026-01-01"}
    record.update(change)
    _mark(folder, case.name, anonymised, **record)


def _judged(out: Path, anonymise: bool = False, **options) -> dict:
    kept = kept_reports(out)
    _judge(kept, anonymise, {**OPTIONS, **options})
    return {k.case_id: k for k in kept}


def test_kept_reports_are_compared_only_when_nothing_differs(tmp_path):
    cases, out = tmp_path / "cases", tmp_path / "reports"
    same = copy_tiny_case(cases, "same")
    other_seed = copy_tiny_case(cases, "other_seed")
    changed = copy_tiny_case(cases, "changed")
    gone = copy_tiny_case(cases, "gone")
    anonymised = copy_tiny_case(cases, "anonymised")
    for case in (same, changed, gone):
        _written(out, case, False)
    _written(out, other_seed, False, options={**OPTIONS, "seed": 7})
    _written(out, anonymised, True)
    (out / "older").mkdir()
    (out / "older" / "report.html").write_text("<p>older partnet</p>")
    (out / "not_a_report").mkdir()
    yaml = changed / "case.yaml"
    yaml.write_text(yaml.read_text().replace("for tests.", "for tests, corrected."))
    shutil.rmtree(gone)
    judged = _judged(out)
    assert sorted(judged) == ["anonymised", "changed", "gone", "older", "other_seed", "same"]
    assert judged["same"].compared and judged["same"].reason == ""
    assert not judged["other_seed"].compared
    assert "written with other analysis options (seed 7; this run: seed 0)" in judged["other_seed"].reason
    assert "its data changed after the report was written" in judged["changed"].reason
    assert judged["gone"].reason == "its case folder no longer exists"
    assert judged["gone"].note == f"its case folder {gone} no longer exists; the report is kept as it was written"
    assert judged["older"].reason.startswith("written by an older partnet")
    assert "its report is anonymised and this run names people" in judged["anonymised"].reason
    # the index lists every kept report, the gone one with its note
    page = write_index(out, [], None, kept=list(judged.values())).read_text(encoding="utf-8")
    for name in judged:
        assert f"<tr><td>{name}</td>" in page
    assert f"its case folder {gone} no longer exists; the report is kept as it was written" in page
    assert "not_a_report" not in page


def test_an_anonymised_run_compares_an_anonymised_kept_report(tmp_path):
    cases, out = tmp_path / "cases", tmp_path / "reports"
    _written(out, copy_tiny_case(cases, "hidden"), True)
    _written(out, copy_tiny_case(cases, "named"), False)
    judged = _judged(out, anonymise=True)
    assert judged["hidden"].compared
    assert not judged["named"].compared and "this run is anonymised" in judged["named"].reason


def test_a_case_that_says_anonymise_is_compared_with_a_named_run(tmp_path):
    """case.yaml's anonymise: true makes its report anonymised in any run: no privacy difference."""
    cases, out = tmp_path / "cases", tmp_path / "reports"
    case = copy_tiny_case(cases, "always")
    yaml = case / "case.yaml"
    yaml.write_text(yaml.read_text() + "anonymise: true\n")
    _written(out, case, True, option=False)
    assert _judged(out, anonymise=False)["always"].compared


def test_a_marker_of_format_1_is_read_as_an_older_report(tmp_path):
    folder = tmp_path / "reports" / "old"
    folder.mkdir(parents=True)
    (folder / MARKER).write_text('{"case_id": "old", "anonymised": true}')
    (old,) = kept_reports(tmp_path / "reports")
    assert (old.case_id, old.anonymised, old.source, old.mark["format"]) == ("old", True, None, 1)


# ---------------------------------------------------------------- demos apart

def test_the_demos_are_in_data_examples_and_data_cases_is_the_researchers():
    assert examples_dir() == ROOT / "data" / "examples"
    assert [p.name for p in bundled_cases()] == ["coastal", "metro", "quenmere", "shire"]
    sources, skipped = _sources(None)                       # partnet report with no case: the demos
    assert sources == bundled_cases() and skipped == []
    assert resolve_case("shire") == ROOT / "data" / "examples" / "shire"      # the notebooks' default id
    assert sorted(p.name for p in (ROOT / "data" / "cases").iterdir()) == ["README.md"]
    for case in bundled_cases():
        assert (case / ".partnet" / "key").is_file()


def test_no_file_points_at_the_demos_in_data_cases():
    """The demos moved: a path to a demo case under data/cases is stale (data/cases/<your case> is fine)."""
    demos = "|".join(p.name for p in bundled_cases())
    stale = re.compile(rf"data/cases/({demos})\b|data\"\s*/\s*\"cases\"")
    mine = [ROOT / "README.md", ROOT / "Makefile", ROOT / "data" / "README.md", ROOT / "data" / "make_cases.py",
            *(ROOT / "partnet" / "report").glob("p*.py"), ROOT / "partnet" / "report" / "index.py",
            *(ROOT / "tests").glob("test_*.py")]
    found = [f"{p.relative_to(ROOT)}:{n}" for p in mine if p != Path(__file__)
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if stale.search(line)]
    assert found == []


# ------------------------------------------------------------------- README

def test_readme_documents_every_exit_status_and_how_to_call_partnet():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("`partnet report` exits with"):]
    documented = [int(n) for n in re.findall(r"^\| (\d+) \|", table, re.M)]
    assert documented == sorted(EXIT_STATUS)
    for text in (".venv/bin/partnet", ". .venv/bin/activate", "py -3.11 -m venv .venv", ".venv\\Scripts\\activate",
                 'pip install -e ".[dev]"', "make clean && make venv", "summary.json", "data/examples"):
        assert text in readme, text
    assert "exits 1 with a message" in readme and "2 with argparse's usage message" in readme


# ---------------------------------------------------- make and a stale .venv

FAKE_PYTHON = """#!/bin/sh
case "$*" in
  *version_info*) echo "{version}" ;;
  *hashlib*) exec "{python}" "$@" ;;
  *) echo "fake-python $*" ;;
esac
"""


@pytest.fixture
def project(tmp_path):
    """The Makefile and pyproject.toml in a folder with a fake .venv whose python reports a version."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "partnet").write_text('#!/bin/sh\necho "fake-partnet $*"\n')
    (bin_dir / "partnet").chmod(0o755)

    def venv(version: str = "3.11", stamp: str | None = None) -> Path:
        (bin_dir / "python").write_text(FAKE_PYTHON.format(version=version, python=sys.executable))
        (bin_dir / "python").chmod(0o755)
        if stamp is not None:
            (tmp_path / ".venv" / ".installed").write_text(stamp + "\n")
            later = (tmp_path / "pyproject.toml").stat().st_mtime + 10      # the stamp is newer than pyproject
            os.utime(tmp_path / ".venv" / ".installed", (later, later))
        return tmp_path

    return venv


def _make(folder: Path, *targets: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHON": sys.executable}
    env.pop("MAKEFLAGS", None)
    return subprocess.run(["make", "--no-print-directory", *targets], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=60)


def _hash(folder: Path) -> str:
    import hashlib

    return hashlib.sha256((folder / "pyproject.toml").read_bytes()).hexdigest()


def test_make_reports_with_a_current_venv_only_renders(project):
    folder = project()
    folder = project(stamp=_hash(folder))
    done = _make(folder, "reports")
    assert done.returncode == 0, done.stderr
    assert "fake-partnet report --out reports" in done.stdout and "pip install" not in done.stdout


def test_make_reinstalls_when_the_stamp_is_from_another_pyproject(project):
    folder = project(stamp="0" * 64)
    done = _make(folder, "reports")
    assert done.returncode == 0, done.stderr
    assert "pyproject.toml changed since .venv was installed" in done.stdout
    assert 'fake-python -m pip install --quiet -e .[dev]' in done.stdout
    assert done.stdout.index("pip install") < done.stdout.index("fake-partnet report --out reports")
    assert (folder / ".venv" / ".installed").read_text().strip() == _hash(folder)
    again = _make(folder, "reports")
    assert "pip install" not in again.stdout


def test_make_refuses_a_venv_of_another_python_and_says_how_to_fix_it(project):
    folder = project()
    folder = project(version="3.12", stamp=_hash(folder))
    done = _make(folder, "reports")
    assert done.returncode != 0 and "fake-partnet" not in done.stdout
    assert ".venv was made with Python 3.12; partnet needs Python 3.11." in done.stderr
    assert "make clean && make venv" in done.stderr
    assert _make(folder, "help").returncode == 0                 # help and clean still work
    assert _make(folder, "clean").returncode == 0 and not (folder / ".venv").exists()


def test_make_refuses_a_venv_whose_python_is_gone(project):
    folder = project(stamp="")
    python = folder / ".venv" / "bin" / "python"
    python.unlink()
    python.symlink_to(folder / "no-such-python3.11")             # the Python it was made from was removed
    done = _make(folder, "test")
    assert done.returncode != 0
    assert "does not run: the Python .venv was made from was moved, upgraded or removed" in done.stderr
    assert "make clean && make venv" in done.stderr


def test_the_index_gives_switches_in_words_and_numbers_as_numbers():
    from partnet.report.index import index_html
    from partnet.report.pipeline import CaseResult

    page = index_html([CaseResult("x", "x", stage="data", error="e")],
                      parameters={"anonymise": False, "seed": 1, "min_frequency": 0})
    assert "<th>everyone by pseudonym</th><td>no</td>" in page
    assert "<th>random seed</th><td>1</td>" in page and "<th>least tie value kept</th><td>0</td>" in page

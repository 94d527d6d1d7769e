"""Incremental runs: a case whose report is up to date is left as it is, and so is the cross-case report.

The module-scoped ``rendered`` fixture renders two copies of the tiny
fictional case (case_a, case_b) into one output folder once. Every test
copies that output folder (never the case folders: the markers record
their absolute paths) and runs again. Three tests render for real (one
changed case's data, one edited output file, ``--anonymise`` after the
named run): six renders of the tiny case in the module. The others need no
rendering: they replace the worker pool by one that records what it is
given and renders nothing (:class:`RecordingPool`), which shows which
cases a run would render, or check that no worker is started at all.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from concurrent.futures import Future
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import partnet
from partnet import metrics, mixed, themes
from partnet.cli import main
from partnet.report import CrossCaseReport, pipeline
from partnet.report.compared import KEPT, kept_results
from partnet.report.pipeline import MARKER, _judge, kept_reports, read_mark, run
from tests._builders import copy_tiny_case

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1767225600"        # 2026-01-01
LATER = "1767484800"        # 2026-01-04
OPTIONS = {"relation": None, "min_frequency": None, "nonrespondents": None, "seed": 0}
UP_TO_DATE = "2 cases up to date, 0 rendered; cross-case report up to date (--force renders every case again)"


def _files(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under a folder (hidden ones included) -> (mtime in ns, SHA-256 of its bytes)."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _fresh(summary: dict) -> dict[str, bool]:
    return {c["case_id"]: c["up_to_date"] for c in summary["cases"]}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("incremental")
    a, b = copy_tiny_case(base / "cases", "case_a"), copy_tiny_case(base / "cases", "case_b")
    out = base / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run([a, b], out, jobs=2, progress=False)
    assert result.ok, [(r.case_id, r.stage, r.error) for r in result.failed]
    return {"a": a, "b": b, "out": out, "result": result}


@pytest.fixture
def out(rendered, tmp_path, monkeypatch):
    """A copy of the rendered output folder (modification times kept), with the run's date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    copy = tmp_path / "out"
    shutil.copytree(rendered["out"], copy)
    return copy


class RecordingPool:
    """Stands in for the worker pool: records what it is given and renders nothing.

    Each job comes back as a worker crash, so a case it was given fails
    and keeps its previous report; the test reads what was submitted.
    """

    def __init__(self):
        self.submitted: list[str] = []

    def submit(self, fn, job):
        self.submitted.append(Path(job["case_dir"]).name if fn is pipeline._run_case else "cross_case")
        future = Future()
        future.set_exception(RuntimeError("not rendered in this test"))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


@pytest.fixture
def recording(monkeypatch):
    pool = RecordingPool()
    monkeypatch.setattr(pipeline, "_pool", lambda jobs, count: pool)
    return pool


def _no_workers(monkeypatch):
    def refuse(jobs, count):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(pipeline, "_pool", refuse)


# ------------------------------------------------------------- the first run

@pytest.mark.pipeline
def test_the_first_run_renders_every_case_and_records_its_files(rendered):
    result, out = rendered["result"], rendered["out"]
    assert [(r.case_id, r.ok, r.up_to_date) for r in result.cases] == [("case_a", True, False),
                                                                        ("case_b", True, False)]
    assert result.cross_case.ok and not result.cross_case.up_to_date
    mark = read_mark(out / "case_a")
    assert mark["format"] == 3 and mark["checksum"] == partnet.load_case(rendered["a"]).checksum
    assert mark["notebook"] == hashlib.sha256((ROOT / "notebooks" / "case_study.ipynb").read_bytes()).hexdigest()
    assert mark["outputs"] == {name: digest for name, (_, digest) in _files(out / "case_a").items() if name != MARKER}
    cross = read_mark(out / "cross_case")
    assert cross["cases"] == ["case_a", "case_b"]
    assert cross["checksums"] == {c: partnet.load_case(rendered[c[-1]]).checksum for c in ("case_a", "case_b")}
    assert cross["outputs"]["../cross_case.html"] == hashlib.sha256((out / "cross_case.html").read_bytes()).hexdigest()
    assert _fresh(_summary(out)) == {"case_a": False, "case_b": False}


# ------------------------------------------------------------ nothing changed

@pytest.mark.pipeline
def test_nothing_changed_renders_nothing_touches_nothing_and_says_so(rendered, out, capsys, monkeypatch):
    _no_workers(monkeypatch)
    before = {name: _files(out / name) for name in ("case_a", "case_b", "cross_case")}
    page = (out / "cross_case.html").stat().st_mtime_ns, (out / "cross_case.html").read_bytes()
    status = main(["report", str(rendered["a"]), str(rendered["b"]), "--out", str(out), "--jobs", "2"])
    err = capsys.readouterr().err
    assert status == 0
    assert UP_TO_DATE in err.splitlines()
    assert "| 0/1 [" in err and "/3 [" not in err             # the progress bar counts the cross-case step only
    assert {name: _files(out / name) for name in before} == before                 # mtimes and bytes
    assert ((out / "cross_case.html").stat().st_mtime_ns, (out / "cross_case.html").read_bytes()) == page
    summary = _summary(out)
    assert summary["format"] == 2 and (summary["status"], summary["exit_status"]) == ("ok", 0)
    assert _fresh(summary) == {"case_a": True, "case_b": True}
    assert [c["outcome"] for c in summary["cases"]] == ["ok", "ok"]
    assert summary["cross_case"]["up_to_date"] is True and summary["cross_case"]["cases"] == ["case_a", "case_b"]
    assert summary["kept"] == [] and summary["counts"]["compared"] == 2
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<span class="ok">ok</span> (up to date)') == 2
    assert "Up to date, left as an earlier run wrote them: case_a, case_b." in index
    assert "It compares case_a, case_b." in index


# ------------------------------------------------------------------ renders

@pytest.mark.pipeline
def test_a_changed_case_is_rendered_alone_and_the_cross_case_report_again(rendered, out, capsys, monkeypatch):
    segments = rendered["b"] / "segments.csv"
    original = segments.read_bytes()
    edited = original.replace(b",t2,strategy-gap,", b",t2,vision-joined-up,")   # another code of the codebook
    assert edited != original
    before_a, before_cross = _files(out / "case_a"), read_mark(out / "cross_case")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATER)
    segments.write_bytes(edited)
    try:
        checksum = partnet.load_case(rendered["b"]).checksum
        status = main(["report", str(rendered["a"]), str(rendered["b"]), "--out", str(out), "--jobs", "2"])
    finally:
        segments.write_bytes(original)
    err = capsys.readouterr().err
    assert status == 0
    assert "1 case up to date, 1 rendered (--force renders every case again)" in err.splitlines()
    assert _fresh(_summary(out)) == {"case_a": True, "case_b": False}
    assert _files(out / "case_a") == before_a                                      # left exactly as it was
    mark_b = read_mark(out / "case_b")
    assert (mark_b["checksum"], mark_b["date"]) == (checksum, "2026-01-04")
    cross = read_mark(out / "cross_case")
    assert _summary(out)["cross_case"]["up_to_date"] is False
    assert (before_cross["date"], cross["date"]) == ("2026-01-01", "2026-01-04")
    assert cross["checksums"] == {"case_a": before_cross["checksums"]["case_a"], "case_b": checksum}
    assert checksum != before_cross["checksums"]["case_b"]


@pytest.mark.pipeline
def test_an_edited_output_file_renders_its_case_again(rendered, out):
    report = out / "case_a" / "report.html"
    original = report.read_bytes()
    report.write_bytes(original.replace(b"</body>", b"<p>edited by hand</p></body>"))
    before_b = _files(out / "case_b")
    result = run([rendered["a"], rendered["b"]], out, jobs=2, progress=False)
    assert [(r.case_id, r.ok, r.up_to_date) for r in result.cases] == [("case_a", True, False),
                                                                        ("case_b", True, True)]
    assert report.read_bytes() == original                     # rendered again: the same bytes as the first run
    assert _files(out / "case_b") == before_b
    assert not result.cross_case.up_to_date                    # a case was rendered: compared again


@pytest.mark.pipeline
def test_anonymise_after_a_named_run_renders_every_case_and_back(rendered, out, monkeypatch):
    cases = [rendered["a"], rendered["b"]]
    result = run(cases, out, anonymise=True, jobs=2, progress=False)
    assert [(r.case_id, r.ok, r.up_to_date, r.anonymised) for r in result.cases] == [
        ("case_a", True, False, True), ("case_b", True, False, True)]
    assert result.cross_case.ok and not result.cross_case.up_to_date and result.cross_case.anonymised
    assert read_mark(out / "case_a")["anonymised"] is True
    pool = RecordingPool()
    monkeypatch.setattr(pipeline, "_pool", lambda jobs, count: pool)
    again = run(cases, out, anonymise=True, jobs=2, progress=False)            # anonymised, nothing changed
    assert [r.up_to_date for r in again.cases] == [True, True] and again.cross_case.up_to_date
    assert pool.submitted == []
    run(cases, out, jobs=2, progress=False)                                     # named again: every case
    assert pool.submitted == ["case_a", "case_b"]


# ------------------------------------------------ what a run would render

def _submitted(pool: RecordingPool, cases, out: Path, **options) -> tuple[list[str], dict[str, bool]]:
    """Run with the recording pool: the cases (and cross-case report) sent to a worker, and each case's up_to_date."""
    result = run(cases, out, jobs=2, progress=False, **options)
    return sorted(pool.submitted), {r.case_id: r.up_to_date for r in result.cases}


def test_force_renders_every_case(rendered, out, recording, capsys):
    before = _files(out / "case_a")
    status = main(["report", str(rendered["a"]), str(rendered["b"]), "--out", str(out), "--force"])
    assert sorted(recording.submitted) == ["case_a", "case_b"]      # no case succeeded: no cross-case report
    assert status == 1                           # the recording pool renders nothing: every case "failed"
    assert "0 cases up to date, 0 rendered, 2 failed" in capsys.readouterr().err.splitlines()
    assert _files(out / "case_a") == before      # and the reports it did not replace are kept as they were


def test_a_changed_notebook_renders_every_case(rendered, out, recording, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = nbformat.read(notebooks / "case_study.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source += "\n\nOne more sentence."
    nbformat.write(nb, notebooks / "case_study.ipynb")
    submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out, notebooks=notebooks)
    assert submitted == ["case_a", "case_b"] and fresh == {"case_a": False, "case_b": False}


def test_other_partnet_code_renders_every_case(rendered, out, recording, monkeypatch):
    """Between two releases the version number stays; a report written by other code is not up to date."""
    assert read_mark(out / "case_a")["code"] == pipeline.code_digest()
    monkeypatch.setattr(pipeline, "code_digest", lambda: "0" * 64)
    submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out)
    assert submitted == ["case_a", "case_b"] and fresh == {"case_a": False, "case_b": False}


def test_a_changed_cross_case_notebook_renders_only_the_cross_case_report(rendered, out, recording, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = nbformat.read(notebooks / "cross_case.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("One more sentence."))
    nbformat.write(nb, notebooks / "cross_case.ipynb")
    submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out, notebooks=notebooks)
    assert submitted == ["cross_case"] and fresh == {"case_a": True, "case_b": True}


@pytest.mark.parametrize("change", ["deleted", "added", "edited"])
def test_a_changed_output_folder_renders_that_case_only(rendered, out, recording, change):
    folder = out / "case_b"
    if change == "deleted":
        (folder / "case_b.dl").unlink()
    elif change == "added":
        (folder / "figures" / "notes.txt").write_text("a stray file")
    else:
        (folder / "tables.xlsx").write_bytes((folder / "tables.xlsx").read_bytes() + b"\0")
    submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out)
    assert submitted == ["case_b", "cross_case"] and fresh == {"case_a": True, "case_b": False}


def test_a_changed_cross_case_page_renders_only_the_cross_case_report(rendered, out, recording):
    page = out / "cross_case.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out)
    assert submitted == ["cross_case"] and fresh == {"case_a": True, "case_b": True}


def test_adding_a_case_to_the_run_renders_the_others_again(rendered, out, recording, tmp_path):
    """Each report hides the rosters of the run's other cases: a new case changes what the others must hide."""
    c = copy_tiny_case(tmp_path / "cases", "case_c")
    submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"], c], out)
    assert submitted == ["case_a", "case_b", "case_c"]
    assert fresh == {"case_a": False, "case_b": False, "case_c": False}


def test_another_cases_changed_network_renders_the_case_that_compares_itself_with_it(rendered, out, recording):
    """A case's report reads its density against the run's other cases: a tie fewer in case_b changes case_a's."""
    ties = rendered["b"] / "ties.csv"
    original = ties.read_bytes()
    assert original.endswith(b"\nt1,t7,egov_contact,1\n")
    ties.write_bytes(original[:-len(b"t1,t7,egov_contact,1\n")])
    try:
        submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out)
    finally:
        ties.write_bytes(original)
    assert submitted == ["case_a", "case_b"] and fresh == {"case_a": False, "case_b": False}


def test_other_options_render_every_case(rendered, out, recording):
    submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out, seed=7)
    assert submitted == ["case_a", "case_b"] and fresh == {"case_a": False, "case_b": False}


def test_a_case_that_no_longer_loads_is_rendered_and_fails(rendered, out, recording):
    """case_b is never up to date; case_a's report would leave it out of its comparison now, so it renders too."""
    ties = rendered["b"] / "ties.csv"
    original = ties.read_bytes()
    ties.write_bytes(original + b"t1,Ottolin Prewit,egov_contact,3\n")          # someone not on the roster
    try:
        assert partnet.case.check_case(rendered["b"])[0] is None
        submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out)
    finally:
        ties.write_bytes(original)
    assert submitted == ["case_a", "case_b"] and fresh == {"case_a": False, "case_b": False}


def test_a_marker_of_format_2_is_kept_and_compared_but_rendered_when_its_case_runs(rendered, out, recording):
    marker = out / "case_a" / MARKER
    mark = json.loads(marker.read_text(encoding="utf-8"))
    older = {k: v for k, v in mark.items() if k not in ("notebook", "privacy", "outputs")} | {"format": 2}
    marker.write_text(json.dumps(older, indent=1) + "\n", encoding="utf-8")
    (kept,) = [k for k in kept_reports(out) if k.case_id == "case_a"]
    _judge([kept], False, OPTIONS)
    assert (kept.mark["format"], kept.source, kept.compared, kept.reason) == (2, str(rendered["a"]), True, "")
    submitted, fresh = _submitted(recording, [rendered["a"], rendered["b"]], out)
    assert submitted == ["case_a", "cross_case"] and fresh == {"case_a": False, "case_b": True}


# ------------------------------------------------ what each case keeps for the comparison

def _comparison_tables(rep) -> list[pd.DataFrame]:
    return [rep.whole_network_profiles(), rep.effectiveness_profiles(), rep.theme_shares()]


@pytest.mark.pipeline
def test_each_case_keeps_what_the_cross_case_report_compares_and_it_gives_the_same_tables(rendered, monkeypatch):
    out = rendered["out"]
    for case_id in ("case_a", "case_b"):
        assert KEPT in read_mark(out / case_id)["outputs"]            # hashed with the folder's other files
        assert json.loads((out / case_id / KEPT).read_text(encoding="utf-8"))["case_id"] == case_id
    cases = [rendered["a"], rendered["b"]]
    computed = _comparison_tables(CrossCaseReport(cases))
    kept = CrossCaseReport(cases, kept_results=out)

    def refuse(*args, **kwargs):
        raise AssertionError("computed again, although the case's report kept it")

    for module, name in ((metrics, "whole_network"), (mixed, "indicators"), (themes, "frequencies")):
        monkeypatch.setattr(module, name, refuse)
    for new, old in zip(_comparison_tables(kept), computed):
        pd.testing.assert_frame_equal(new, old, check_exact=True)


@pytest.mark.pipeline
def test_a_kept_result_of_other_data_options_or_code_is_not_used(rendered, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(rendered["out"], out)
    cases, kept = [rendered["a"], rendered["b"]], out / "case_a" / KEPT
    true = metrics.whole_network(partnet.load_case(rendered["a"]).graph())
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["whole_network"] = [[k, v + 1.0] for k, v in data["whole_network"]]     # numbers the case does not have
    kept.write_text(json.dumps(data), encoding="utf-8")
    taken = CrossCaseReport(cases, kept_results=out).whole_network_profiles()["case_a"]
    pd.testing.assert_series_equal(taken, true + 1.0, check_names=False)
    for change in ({"checksum": "0" * 64}, {"code": "0" * 64}, {"case_id": "case_b"}, {"format": 99},
                   {"graph": {**data["graph"], "min_frequency": 2}}):
        kept.write_text(json.dumps({**data, **change}), encoding="utf-8")
        got = CrossCaseReport(cases, kept_results=out).whole_network_profiles()["case_a"]
        pd.testing.assert_series_equal(got, true, check_names=False, obj=str(change))
    kept.write_text(json.dumps(data), encoding="utf-8")
    got = CrossCaseReport(cases, min_frequency=2, kept_results=out).whole_network_profiles()["case_a"]
    pd.testing.assert_series_equal(
        got, metrics.whole_network(partnet.load_case(rendered["a"]).graph(min_frequency=2)), check_names=False)
    kept.write_text("{not json", encoding="utf-8")
    pd.testing.assert_series_equal(CrossCaseReport(cases, kept_results=out).whole_network_profiles()["case_a"], true,
                                   check_names=False)


def test_a_theme_named_with_a_roster_name_is_not_kept(tmp_path):
    folder = copy_tiny_case(tmp_path, "case_x")
    codebook = folder / "codebook.csv"
    case = partnet.load_case(folder)
    assert kept_results(case, case.graph(), redact=lambda text: case.pseudonyms.redact(text, True)) is not None
    codebook.write_text(codebook.read_text(encoding="utf-8").replace(
        "accountability,accountability,governance", "accountability,Prewitt's accountability,governance"),
        encoding="utf-8")
    case = partnet.load_case(folder)
    assert "Prewitt's accountability" in set(case.codebook["theme"])
    assert kept_results(case, case.graph()) is not None                      # nothing redacted: kept
    assert kept_results(case, case.graph(), redact=lambda text: case.pseudonyms.redact(text, True)) is None

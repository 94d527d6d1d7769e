"""The report pipeline end to end: real papermill, real nbconvert, real cases, no mocks.

The four bundled cases run once (module-scoped, anonymised, as a researcher
would before sharing); the tiny fictional case runs for the repeat, consent,
broken-case and failed-notebook checks, which need a fresh run each.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

import partnet as pn
from partnet.cli import main
from partnet.privacy import Roster, scan
from partnet.pseudonyms import leaked_names
from partnet.report import internet_references, run
from partnet.report.paths import bundled_cases

pytestmark = pytest.mark.pipeline

ROOT = Path(__file__).parents[1]
TINY = Path(__file__).parent / "fixtures" / "tiny"
CASE_FILES = ("report.html", "network.html", "tables.xlsx")


def code_inputs(page: str) -> list[str]:
    """Elements of a rendered notebook that show a code cell's input (see test_report_parts)."""
    return (re.findall(r'class="jp-Cell jp-CodeCell(?![^"]*jp-mod-noInput)[^"]*"', page)
            + re.findall(r'class="[^"]*\bjp-(?:InputArea-editor|InputPrompt)\b[^"]*"', page))


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def sheet_values(path: Path) -> dict:
    """Every cell value of a workbook, by sheet (the run date left out: it is the only thing allowed to change)."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        out[ws.title] = [r for r in rows if r[:1] != ["date (UTC)"]]
    return out


def copy_case(src: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copytree(src, target)
    yaml = target / "case.yaml"
    yaml.write_text(yaml.read_text().replace("id: tiny", f"id: {name}"))
    return target


# ------------------------------------------------------------ bundled cases

#: One date for both bundled runs (the provenance date is the run's day otherwise), so they can be compared.
EPOCH = "1767225600"   # 2026-01-01


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The four bundled cases, anonymised, with the key written outside the reports."""
    base = tmp_path_factory.mktemp("bundled")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run(None, base / "reports", anonymise=True, key_out=base / "private" / "key.csv", jobs=2,
                     progress=False)
    sizes = {r.case_id: (base / "reports" / r.case_id / "report.html").stat().st_size
             for r in result.cases if r.ok}
    print(f"\nbundled run: {result.seconds:.1f} s; report.html sizes: {sizes}")
    return result


def test_two_runs_of_the_bundled_cases_write_the_same_bytes(bundled, tmp_path):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        again = run(None, tmp_path / "reports", anonymise=True, jobs=2, progress=False)
    assert again.ok

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    first, second = files(bundled.out), files(again.out)
    assert sorted(first) == sorted(second) and len(first) > 200
    assert [name for name in first if first[name] != second[name]] == []


def test_every_case_succeeds(bundled):
    failed = {r.case_id: (r.stage, r.error) for r in bundled.failed}
    assert failed == {}
    assert bundled.ok and [r.case_id for r in bundled.cases] == [p.name for p in bundled_cases()]
    assert {Path(r.source).parent for r in bundled.cases} == {ROOT / "data" / "examples"}   # the demos by default
    summary = json.loads(bundled.summary.read_text(encoding="utf-8"))
    assert (summary["status"], summary["exit_status"], bundled.exit_status) == ("ok", 0, 0)
    assert [c["outcome"] for c in summary["cases"]] == ["ok"] * 4
    assert summary["cross_case"]["cases"] == [r.case_id for r in bundled.cases]


def test_case_outputs_exist(bundled):
    out = bundled.out
    for r in bundled.cases:
        folder = out / r.case_id
        for name in (*CASE_FILES, f"{r.case_id}.gexf", f"{r.case_id}.graphml", f"{r.case_id}.dl"):
            assert (folder / name).stat().st_size > 0, name
        pngs = {p.stem for p in (folder / "figures").glob("*.png")}
        svgs = {p.stem for p in (folder / "figures").glob("*.svg")}
        assert pngs == svgs and {"sociogram", "block_density"} <= svgs
        assert len(list((folder / "ego").iterdir())) > 0
    assert (out / "cross_case.html").is_file() and (out / "cross_case" / "tables.xlsx").is_file()
    assert not list(out.glob(".partnet-staging-*")) and not (out / "_failed").exists()


def test_index_links_resolve_and_report_success(bundled):
    page = bundled.index.read_text()
    links = re.findall(r'href="([^"]+)"', page)
    assert "cross_case.html" in links and {f"{r.case_id}/report.html" for r in bundled.cases} <= set(links)
    for link in links:
        assert (bundled.out / html.unescape(link)).exists(), link
    assert len(bundled.cases) == 4 and "4 of 4 case reports written." in page


def test_no_html_output_loads_anything_from_the_internet(bundled):
    pages = [p for p in files_under(bundled.out) if p.suffix == ".html"]
    assert len(pages) >= 3 * 2 + 2
    found = {p.relative_to(bundled.out).as_posix(): internet_references(p.read_text(encoding="utf-8")) for p in pages}
    assert {k: v for k, v in found.items() if v} == {}


def test_reports_show_no_code_no_parameters_no_stderr(bundled):
    for r in bundled.cases:
        page = (bundled.out / r.case_id / "report.html").read_text(encoding="utf-8")
        assert code_inputs(page) == []
        for text in ("CaseReport(", "import partnet", "output_dir", ".partnet-staging", "Traceback",
                     'data-mime-type="application/vnd.jupyter.stderr"'):
            assert text not in page, text
    assert code_inputs((bundled.out / "cross_case.html").read_text(encoding="utf-8")) == []


def test_reports_state_provenance_and_methods(bundled):
    for r in bundled.cases:
        case = pn.load_case(ROOT / "data" / "examples" / r.case_id)
        page = (bundled.out / r.case_id / "report.html").read_text(encoding="utf-8")
        assert case.checksum in page and f"partnet {pn.__version__}" in page
        assert "Gould &amp; Fernandez (1989) with organisations as the partition" in page
        assert "Every person is shown by a stable pseudonym" in page


def test_workbook_holds_every_table_the_report_shows(bundled):
    for r in bundled.cases:
        folder = bundled.out / r.case_id
        page = (folder / "report.html").read_text(encoding="utf-8")
        shown = [html.unescape(c) for c in re.findall(r'<p class="partnet-caption"><b>(.*?)</b></p>', page)]
        wb = openpyxl.load_workbook(folder / "tables.xlsx")
        contents = [row for row in wb["Contents"].iter_rows(min_row=2, values_only=True)]
        assert contents[-1][0] == "Glossary" and [c for _, c, _ in contents[:-1]] == shown
        assert wb.sheetnames == ["Contents", *(s for s, _, _ in contents)]
        assert {"whole_network", "block_density", "opinion_leaders", "boundary_spanners", "effectiveness_profile",
                "provenance"} <= set(wb.sheetnames)


def test_anonymised_outputs_hold_no_roster_name(bundled):
    roster = Roster()
    for r in bundled.cases:
        roster.add(pn.load_case(ROOT / "data" / "examples" / r.case_id).people["name"], case=r.case_id)
    found = scan(bundled.out, roster)                   # the independent gate, every roster of the run
    assert found.leaks == [], found.summary()
    assert found.files > 30
    # the check can fail: pseudonyms are there, as text, where names would be
    shire = bundled.out / "shire"
    assert re.search(r"\b[A-Z]{2,4}\d?-\d{2}\b", (shire / "report.html").read_text(encoding="utf-8"))
    assert re.search(r"<text[^>]*>[^<]*\b[A-Z]{2,4}\d?-\d{2}\b", (shire / "figures" / "sociogram.svg").read_text())
    with zipfile.ZipFile(shire / "tables.xlsx") as z:
        sheets = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
        assert re.search(r"\b[A-Z]{2,4}\d?-\d{2}\b", sheets)


def test_key_is_written_outside_the_reports(bundled):
    key = pd.read_csv(bundled.key)
    assert bundled.out not in bundled.key.parents
    assert list(key.columns) == ["case_id", "person_id", "name", "pseudonym"]
    sizes = key.groupby("case_id").size().to_dict()
    assert sizes == {r.case_id: len(pn.load_case(ROOT / "data" / "examples" / r.case_id).people) for r in bundled.cases}


# --------------------------------------------------------------- tiny cases

@pytest.fixture(scope="module")
def tiny_twice(tmp_path_factory):
    """The tiny case rendered twice in named mode into two folders."""
    base = tmp_path_factory.mktemp("twice")
    return [run([TINY], base / f"run{i}", jobs=1, progress=False) for i in (1, 2)]


def test_two_runs_give_the_same_tables_and_svgs(tiny_twice):
    a, b = (r.out for r in tiny_twice)
    assert all(r.ok for r in tiny_twice)
    for rel in ("tiny/tables.xlsx", "cross_case/tables.xlsx"):
        assert sheet_values(a / rel) == sheet_values(b / rel), rel
    svgs = sorted(p.relative_to(a) for p in a.rglob("*.svg"))
    assert len(svgs) >= 4
    for rel in svgs:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_named_run_hides_people_without_consent(tiny_twice):
    out = tiny_twice[0].out
    people = pn.load_case(TINY).people
    hidden = Roster(people.loc[~people["consent_named"], "name"])   # no first name shared with a consenting one
    found = scan(out, hidden)
    assert found.leaks == [], found.summary()
    page = (out / "tiny" / "report.html").read_text(encoding="utf-8")
    assert "Caspian Dunmore" in page and pn.load_case(TINY).pseudonyms.of("t2") in page


def test_broken_case_fails_alone(tmp_path):
    cases = tmp_path / "cases"
    good = copy_case(TINY, cases, "tiny")
    broken = copy_case(TINY, cases, "tiny_broken")
    with open(broken / "ties.csv", "a", encoding="utf-8") as f:
        f.write("t1,Ottolin Prewit,egov_contact,3\n")
    out = tmp_path / "reports"
    (out / "tiny_broken").mkdir(parents=True)          # an older report of the case must not survive
    (out / "tiny_broken" / "report.html").write_text("<p>old</p>")
    status = main(["report", str(good), str(broken), "--out", str(out), "--anonymise", "--jobs", "2"])
    assert status == 3                                 # some failed, the others were written
    assert (out / "tiny" / "report.html").is_file() and (out / "cross_case.html").is_file()
    assert (out / "tiny_broken" / "report.html").read_text() == "<p>old</p>"   # the previous report is kept
    page = (out / "index.html").read_text(encoding="utf-8")
    row = page[page.index("<td>tiny_broken</td>"):]
    row = row[:row.index("</tr>")]
    assert "failed" in row and "ties.csv, row 19, column &#x27;alter&#x27;" in row and "[unknown-person]" in row
    assert leaked_names(page, pn.load_case(TINY).people) == []       # the suggestion would be a name
    assert "1 of 2 case reports written; 1 failed: tiny_broken" in page
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["status"], summary["exit_status"]) == ("some-failed", 3)
    assert summary["counts"] == {"cases": 2, "ok": 1, "failed": 1, "skipped": 0, "kept": 1, "compared": 1}
    (kept,) = summary["kept"]                          # the failed case's previous report, not compared
    assert (kept["case_id"], kept["failed_now"], kept["in_cross_case"]) == ("tiny_broken", True, False)
    ok, failed = summary["cases"]
    assert (ok["case_id"], ok["outcome"], ok["report"], ok["workbook"]) == (
        "tiny", "ok", "tiny/report.html", "tiny/tables.xlsx")
    assert (failed["case_id"], failed["outcome"], failed["stage"]) == ("tiny_broken", "failed", "data")
    assert "[unknown-person]" in failed["reason"] and failed["previous_kept"] is True
    assert summary["cross_case"]["outcome"] == "ok" and summary["cross_case"]["cases"] == ["tiny"]
    assert leaked_names(json.dumps(summary), pn.load_case(TINY).people) == []


def test_failed_notebook_is_kept_and_redacted(tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = nbformat.read(notebooks / "case_study.ipynb", as_version=4)
    trap = nbformat.v4.new_code_cell(
        "if pn.load_case(case_dir).id == 'tiny_crash':\n"
        "    raise RuntimeError('deliberate failure near ' + pn.load_case(case_dir).people['name'].iloc[3])")
    at = next(i for i, c in enumerate(nb.cells) if "report = pn.report.CaseReport" in c.source) + 1
    nb.cells.insert(at, trap)
    nbformat.write(nb, notebooks / "case_study.ipynb")
    crash = copy_case(TINY, tmp_path / "cases", "tiny_crash")
    result = run([crash], tmp_path / "reports", anonymise=True, notebooks=notebooks, jobs=1, progress=False)
    assert not result.ok and result.cross_case is None
    (failure,) = result.failed
    assert failure.stage == "notebook" and failure.debug == "_failed/tiny_crash/case_study.ipynb"
    shown = pn.load_case(crash).pseudonyms.of("t4")       # Caspian Dunmore, the fourth on the roster
    assert f"RuntimeError: deliberate failure near {shown}" in failure.error
    kept = (result.out / failure.debug).read_text(encoding="utf-8")
    assert f"deliberate failure near {shown}" in kept and "Caspian" not in kept
    assert not (result.out / "tiny_crash").exists()
    page = result.index.read_text(encoding="utf-8")
    assert 'href="_failed/tiny_crash/case_study.ipynb"' in page and "No cross-case report" in page
    json.loads(kept)   # still a readable notebook

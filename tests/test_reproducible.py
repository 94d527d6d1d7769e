"""Same inputs, same files, byte for byte: workbooks, graph files, the index page and a whole report run.

Nothing partnet writes may carry the time of writing or anything random:
a workbook's properties and zip entries and the GEXF header are dated by
``SOURCE_DATE_EPOCH``, the case's survey date or 2000-01-01
(:func:`partnet.export.file_date`); the index shows elapsed times only
when asked (``timings=True``); the report's provenance date is
:func:`partnet.report.provenance.run_date`, which ``SOURCE_DATE_EPOCH``
fixes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import partnet as pn
from partnet.errors import ParameterError
from partnet.export import FIXED_DATE, export, file_date, write_graph, write_tables
from partnet.report.index import index_html, write_index
from partnet.report.pipeline import CaseResult
from partnet.report.provenance import run_date

from ._builders import report_tables

ROOT = Path(__file__).parents[1]
TINY = Path(__file__).parent / "fixtures" / "tiny"
EPOCH = "1767225600"                                   # 2026-01-01T00:00:00Z
EPOCH_DAY = "2026-01-01"

_CORE_DATES = re.compile(r"<dcterms:(created|modified)[^>]*>([^<]*)</dcterms:\1>")
_GEXF_DATE = re.compile(r'<meta\b[^>]*\blastmodifieddate="([^"]*)"')


@pytest.fixture
def no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def core_dates(path: Path) -> dict:
    with zipfile.ZipFile(path) as z:
        return dict(_CORE_DATES.findall(z.read("docProps/core.xml").decode("utf-8")))


def entry_dates(path: Path) -> set:
    with zipfile.ZipFile(path) as z:
        return {info.date_time for info in z.infolist()}


# ------------------------------------------------------------------ workbooks

def test_write_tables_twice_gives_the_same_bytes_and_a_fixed_date(tmp_path, no_epoch):
    first = write_tables(report_tables(), tmp_path / "a.xlsx", captions={"quotes": "What they said"}).read_bytes()
    time.sleep(1.1)                                     # a zip entry's time has a resolution of 2 s
    second = write_tables(report_tables(), tmp_path / "b.xlsx", captions={"quotes": "What they said"}).read_bytes()
    assert first == second
    assert core_dates(tmp_path / "a.xlsx") == {"created": "2000-01-01T00:00:00Z", "modified": "2000-01-01T00:00:00Z"}
    assert entry_dates(tmp_path / "a.xlsx") == {(2000, 1, 1, 0, 0, 0)}


_WRITE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tests._builders import report_tables
from partnet.export import export, write_tables
out = Path(sys.argv[1])
write_tables(report_tables(), out / "tables.xlsx", captions={"quotes": "What they said"})
for fmt in ("xlsx", "gexf", "graphml", "dl"):
    export(sys.argv[3], fmt, out)
"""


def test_the_same_files_from_two_processes_with_other_hash_seeds_a_second_apart(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    for i, seed in enumerate(("1", "2")):
        if i:
            time.sleep(1.1)
        (tmp_path / seed).mkdir()
        subprocess.run([sys.executable, "-c", _WRITE, str(tmp_path / seed), str(ROOT), str(TINY)], cwd=ROOT,
                       env={**env, "PYTHONHASHSEED": seed}, check=True, capture_output=True)
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names == ["tables.xlsx", "tiny.dl", "tiny.gexf", "tiny.graphml", "tiny.xlsx"]
    assert names == sorted(p.name for p in (tmp_path / "2").iterdir())
    for name in names:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name
    # partnet export dates its files by the case's survey date (2026-02-10 in tiny/case.yaml)
    assert core_dates(tmp_path / "1" / "tiny.xlsx")["modified"] == "2026-02-10T00:00:00Z"
    assert _GEXF_DATE.findall((tmp_path / "1" / "tiny.gexf").read_text(encoding="utf-8")) == ["2026-02-10"]


def test_source_date_epoch_dates_the_workbook(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    path = write_tables(report_tables(), tmp_path / "t.xlsx", date="2007-06-05")    # the epoch wins over a date
    assert core_dates(path) == {"created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}
    assert entry_dates(path) == {(2026, 1, 1, 0, 0, 0)}
    assert export(TINY, "xlsx", tmp_path).name == "tiny.xlsx"
    assert core_dates(tmp_path / "tiny.xlsx")["created"] == "2026-01-01T00:00:00Z"


def test_a_given_date_dates_the_workbook_and_the_workbook_still_opens(tmp_path, no_epoch):
    import openpyxl

    path = write_tables(report_tables(), tmp_path / "t.xlsx", date=dt.date(2007, 6, 5))
    assert core_dates(path)["created"] == "2007-06-05T00:00:00Z"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["contents", "block density", "quotes", "wide", "sizes"]
    assert wb.properties.modified == dt.datetime(2007, 6, 5)
    assert [c.value for c in wb["quotes"]["A"]] == ["quote", "=1+1", "we meet monthly"]
    assert wb["quotes"]["A2"].data_type == "s" and wb["quotes"]["A2"].quotePrefix


def test_a_date_before_1980_dates_the_zip_entries_1980(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    path = write_tables(report_tables(), tmp_path / "t.xlsx")
    assert core_dates(path)["created"] == "1970-01-01T00:00:00Z"
    assert entry_dates(path) == {(1980, 1, 1, 0, 0, 0)}


def test_file_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert file_date() == FIXED_DATE == dt.datetime(2000, 1, 1)
    assert file_date("2007-06") == dt.datetime(2007, 6, 1)
    assert file_date(dt.datetime(2007, 6, 5, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))) == \
        dt.datetime(2007, 6, 5, 12, 0)
    with pytest.raises(ParameterError, match="ISO date"):
        file_date("5 June 2007")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")        # ignored, as run_date() ignores it
    assert file_date() == FIXED_DATE
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert file_date("2007-06-05") == dt.datetime(2026, 1, 1)
    assert run_date() == EPOCH_DAY


# ---------------------------------------------------------------- graph files

@pytest.mark.parametrize("fmt", ["gexf", "graphml", "dl"])
def test_graph_files_twice_give_the_same_bytes(tmp_path, no_epoch, fmt):
    G = pn.load_case(TINY).graph()
    first = write_graph(G, tmp_path / f"a.{fmt}").read_bytes()
    second = write_graph(G, tmp_path / f"b.{fmt}").read_bytes()
    assert first == second
    if fmt == "gexf":                                   # networkx would write today's date
        assert _GEXF_DATE.findall(first.decode("utf-8")) == ["2000-01-01"]


def test_gexf_date_from_the_epoch_or_a_given_date(tmp_path, monkeypatch):
    G = pn.load_case(TINY).graph()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    text = write_graph(G, tmp_path / "a.gexf", date="2007-06-05").read_text(encoding="utf-8")
    assert _GEXF_DATE.findall(text) == ["2007-06-05"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    text = write_graph(G, tmp_path / "b.gexf", date="2007-06-05").read_text(encoding="utf-8")
    assert _GEXF_DATE.findall(text) == [EPOCH_DAY]
    import networkx as nx

    assert sorted(nx.read_gexf(tmp_path / "b.gexf")) == sorted(str(v) for v in G)


# ---------------------------------------------------------------- index page

def results():
    ok = CaseResult("data/cases/tiny", "tiny", title="Tiny", ok=True, seconds=12.3,
                    files=["report.html", "tables.xlsx"])
    bad = CaseResult("data/cases/x", "x", stage="data", error="people.csv: bad row", seconds=0.4)
    cross = CaseResult("cross_case", "cross_case", title="Cross-case comparison", ok=True, seconds=7.8)
    return [ok, bad], cross


def run_row(page: str) -> str:
    return re.search(r"<tr><th>date \(UTC\)</th><td>([^<]*)</td></tr>", page).group(1)


def test_index_without_timings_shows_no_elapsed_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cases, cross = results()
    page = index_html(cases, cross, parameters={"seed": 0}, seconds=61.7)
    assert " s</td>" not in page and "<th>time</th>" not in page
    assert run_row(page) == EPOCH_DAY                       # the date stays, from run_date()
    cases[0].seconds, cross.seconds = 99.0, 1.0
    assert index_html(cases, cross, parameters={"seed": 0}, seconds=3.2) == page


def test_index_with_timings_shows_them(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cases, cross = results()
    page = index_html(cases, cross, parameters={"seed": 0}, seconds=61.7, timings=True)
    assert "<td>12 s</td>" in page and "<td>0 s</td>" in page and "<th>time</th>" in page
    assert run_row(page) == f"{EPOCH_DAY}, 62 s"


def test_write_index_passes_timings_on(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cases, cross = results()
    first = write_index(tmp_path, cases, cross, seconds=5.0).read_bytes()
    assert write_index(tmp_path, cases, cross, seconds=500.0).read_bytes() == first
    assert b" s</td>" not in first
    assert b"<td>12 s</td>" in write_index(tmp_path, cases, cross, seconds=5.0, timings=True).read_bytes()


# ------------------------------------------------------------ the whole run

#: Files of a report run that may differ between two runs of the same cases, with the reason. Empty:
#: every file is the same, byte for byte.
MAY_DIFFER: dict[str, str] = {}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """The tiny case reported twice into two folders, with the same SOURCE_DATE_EPOCH (spawned workers inherit it)."""
    from partnet.report import run

    base = tmp_path_factory.mktemp("reproducible")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        done = [run([str(TINY)], base / name, progress=False, jobs=1) for name in ("first", "second")]
    return base / "first", base / "second", done


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.pipeline
def test_two_runs_write_the_same_files(two_runs):
    first, second, done = two_runs
    assert [r.ok for r in done] == [True, True], [[(f.case_id, f.stage, f.error) for f in r.failed] for r in done]
    names = files_under(first)
    assert names == files_under(second)
    for expected in (".partnet-lock", "index.html", "cross_case.html", "cross_case/tables.xlsx",
                     "cross_case/.partnet-output.json", "tiny/.partnet-output.json", "tiny/report.html",
                     "tiny/network.html", "tiny/tables.xlsx", "tiny/tiny.gexf", "tiny/tiny.graphml", "tiny/tiny.dl",
                     "tiny/ego/index.html", "tiny/figures/sociogram.svg", "tiny/figures/sociogram.png"):
        assert expected in names
    differ = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert differ == sorted(MAY_DIFFER), {n: MAY_DIFFER.get(n, "not expected to differ") for n in differ}


@pytest.mark.pipeline
def test_the_run_is_dated_by_source_date_epoch_and_shows_no_elapsed_time(two_runs):
    first, _, _ = two_runs
    for workbook in ("tiny/tables.xlsx", "cross_case/tables.xlsx"):
        assert core_dates(first / workbook) == {"created": "2026-01-01T00:00:00Z",
                                                "modified": "2026-01-01T00:00:00Z"}, workbook
        assert entry_dates(first / workbook) == {(2026, 1, 1, 0, 0, 0)}, workbook
    assert _GEXF_DATE.findall((first / "tiny" / "tiny.gexf").read_text(encoding="utf-8")) == [EPOCH_DAY]
    for page in ("tiny/report.html", "cross_case.html"):
        assert f"<td>{EPOCH_DAY}</td>" in (first / page).read_text(encoding="utf-8"), page
    index = (first / "index.html").read_text(encoding="utf-8")
    assert " s</td>" not in index and run_row(index) == EPOCH_DAY

"""The partnet command: summaries, problem lists, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
from pathlib import Path
import sys

from partnet.cli import main

from .test_validate import PEOPLE, TIES_HEADER


def run(*args):
    return subprocess.run([sys.executable, "-m", "partnet", *map(str, args)], capture_output=True, text=True)


def test_validate_ok_prints_summary(make_case, capsys):
    assert main(["validate", str(make_case())]) == 0
    out = capsys.readouterr().out
    assert "example: OK" in out and "responded 3 of 4 (75%)" in out and "ties: egov_contact 3" in out


def test_validate_lists_every_problem_and_exits_1(make_case):
    folder = make_case(people=PEOPLE.replace("officer,ICT", "oficer,ICT"),
                       ties=TIES_HEADER + "p1,Bram Okonjoo,egov_contact,weekly\n")
    result = run("validate", folder)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "people.csv, row 2, column 'role': not an allowed role: found 'oficer'" in result.stderr
    assert "did you mean 'Bram Okonjo'?" in result.stderr
    assert "ties.csv, row 2, column 'frequency'" in result.stderr and "did you mean '4'?" in result.stderr
    assert result.stderr.startswith("example: 3 problems")


def test_validate_several_cases_reports_each(make_case, tmp_path):
    good = make_case(name="good")
    bad = make_case(name="bad", ties=b"")
    result = run("validate", good, bad, tmp_path / "nowhere")
    assert result.returncode == 1
    assert "good: OK" in result.stdout
    assert "bad: 1 problem" in result.stderr and "nowhere: 1 problem" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_is_status_2():
    result = run("validate")
    assert result.returncode == 2 and "usage:" in result.stderr


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("partnet ")


def test_import_qda_into_a_case(make_case, tmp_path):
    folder = make_case(name="qc")
    (tmp_path / "map.csv").write_text("code,theme,dimension\nrq1_definition,definition,governance\n"
                                      "rq2_curriculum_and_instruction,curriculum,system stability\n"
                                      "rq3_process,process,network structure\n")
    (tmp_path / "cases.csv").write_text("case,person\nboard_2017,Ada Quintrell\n")
    qdpx = Path(__file__).parent / "fixtures" / "qda" / "qc_demo.qdpx"
    result = run("import-qda", qdpx, folder, "--mapping", tmp_path / "map.csv", "--cases", tmp_path / "cases.csv")
    assert result.returncode == 1 and "add --overwrite to replace them" in result.stderr
    result = run("import-qda", qdpx, folder, "--cases", tmp_path / "cases.csv", "--overwrite")
    assert result.returncode == 1 and "give --mapping" in result.stderr
    assert (folder / "segments.csv").read_text().count("\n") == 3  # untouched
    result = run("import-qda", qdpx, folder, "--mapping", tmp_path / "map.csv", "--cases", tmp_path / "cases.csv",
                 "--overwrite")
    assert result.returncode == 0, result.stderr
    assert "262 codes, 158 coded segments" in result.stdout


def test_import_qda_refuses_a_file_that_is_not_a_project(make_case, tmp_path):
    bogus = tmp_path / "notes.qdpx"
    bogus.write_text("just text")
    result = run("import-qda", bogus, make_case(), "--overwrite")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "REFI-QDA" in result.stderr

"""The partnet command: summaries, problem lists, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
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

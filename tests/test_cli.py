"""The partnet command: summaries, problem lists, exit codes, no tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from partnet.cli import main

from ._builders import PEOPLE, TIES_HEADER


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


def test_init_writes_a_blank_case_and_refuses_to_overwrite(tmp_path):
    result = run("init", tmp_path / "northvale")
    assert result.returncode == 0, result.stderr
    assert "partnet validate" in result.stdout
    assert (tmp_path / "northvale" / "people.csv").read_text() == (
        "person_id,name,organisation,role,directorate,seniority,responded,consent_named\n")
    assert (tmp_path / "northvale" / "northvale_template.xlsx").is_file()
    again = run("init", tmp_path / "northvale")
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "is not empty" in again.stderr and "northvale_2" in again.stderr


def test_validate_of_a_blank_case_lists_what_is_left_and_exits_1(tmp_path):
    run("init", tmp_path / "northvale")
    result = run("validate", tmp_path / "northvale")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("northvale: 5 problems")
    assert "organisations.csv: the organisations table has no rows" in result.stderr


def test_synth_nonsense_exits_1_without_traceback(tmp_path):
    result = run("synth", tmp_path / "x", "--orgs", "5", "--people", "3")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "people must be at least orgs" in result.stderr and not (tmp_path / "x").exists()


def test_validate_of_undecodable_and_garbage_files_exits_1(make_case):
    folder = make_case(people=bytes(range(1, 256)) * 3,
                       ties="respondent,alter,relation,frequency\n".encode("utf-16-le"))
    result = run("validate", folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("example: 2 problems")
    assert "people.csv, row 2: the file is neither UTF-8 nor Windows-1252" in result.stderr
    assert "ties.csv, row 1: the file holds NUL bytes" in result.stderr
    assert "found 'bytes 72 00 65', expected UTF-8 text [encoding]" in result.stderr


def test_validate_summarises_each_wave(capsys):
    from partnet.cli import main

    assert main(["validate", str(Path(__file__).parents[1] / "data" / "examples" / "quenmere")]) == 0
    out = capsys.readouterr().out
    assert "  wave w1 (2006-10-03): 62 people, responded 51; ties: egov_contact 343\n" in out
    assert "  wave w2 (2008-04-15): 63 people, responded 48; ties: egov_contact 342\n" in out


# ------------------------------------------------------- partnet report's exit status

def test_report_help_states_every_exit_status():
    from partnet.report.pipeline import EXIT_STATUS

    result = run("report", "--help")
    assert result.returncode == 0
    listed = dict(re.findall(r"^  (\d+) +(\S.*)$", result.stdout.split("exit status")[1], re.M))
    assert sorted(map(int, listed)) == sorted(EXIT_STATUS) == [0, 1, 2, 3, 130]
    assert "data/examples" in result.stdout and "summary.json" in result.stdout


def test_report_with_an_unknown_option_is_status_2_with_usage(tmp_path):
    result = run("report", "--no-such-option", "--out", tmp_path / "reports")
    assert result.returncode == 2 and "usage: partnet" in result.stderr
    assert "unrecognized arguments: --no-such-option" in result.stderr
    choice = run("report", "--nonrespondents", "ignore", "--out", tmp_path / "reports")
    assert choice.returncode == 2 and "usage: partnet report" in choice.stderr and "invalid choice" in choice.stderr
    assert not (tmp_path / "reports").exists()


def test_report_with_a_bad_option_value_or_case_is_status_1(tmp_path):
    bad_jobs = run("report", "--jobs", "0", "--out", tmp_path / "reports")
    assert bad_jobs.returncode == 1 and "jobs must be a whole number 1 or more" in bad_jobs.stderr
    unknown = run("report", tmp_path / "nowhere", "--out", tmp_path / "reports")
    assert unknown.returncode == 1 and "case must be a case folder" in unknown.stderr
    (tmp_path / "README.md").write_text("# my cases\n")
    no_case = run("report", tmp_path / "README.md", "--out", tmp_path / "reports")
    assert no_case.returncode == 1 and "no cases to report on" in no_case.stderr
    assert "Traceback" not in bad_jobs.stderr + unknown.stderr + no_case.stderr
    assert not (tmp_path / "reports").exists()


def test_report_of_a_broken_case_alone_is_status_1_and_says_so_in_summary_json(make_case, tmp_path):
    import json

    broken = make_case(name="broken", ties=TIES_HEADER + "p1,Nobody Atall,egov_contact,3\n")
    result = run("report", broken, "--out", tmp_path / "reports", "--jobs", "1")
    assert result.returncode == 1, result.stderr
    assert "FAILED broken [data]" in result.stderr and "exit status 1: nothing was rendered" in result.stderr
    summary = json.loads((tmp_path / "reports" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["status"], summary["exit_status"]) == ("nothing-rendered", 1)
    (case,) = summary["cases"]
    assert (case["case_id"], case["outcome"], case["stage"]) == ("broken", "failed", "data")
    assert "[unknown-person]" in case["reason"] and summary["cross_case"]["outcome"] == "skipped"

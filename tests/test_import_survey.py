"""``partnet import-survey``: an export becomes ties.csv, all or nothing, never over a researcher's file unasked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partnet import load_case
from partnet.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SURVEYS = FIXTURES / "surveys"

#: The fictional survey's answers as every tool's export of it gives them (tests/test_survey.py).
EXPECTED = ("respondent,alter,relation,frequency\n"
            "p1,p2,egov_contact,4\np1,p3,egov_contact,3\np2,p1,egov_contact,5\np2,p4,egov_contact,2\n"
            "p3,p1,egov_contact,2\np3,p2,egov_contact,1\np3,p4,egov_contact,3\n")


@pytest.fixture
def roster(tmp_path) -> Path:
    """The example case without its ties: a roster waiting for the questionnaire."""
    folder = tmp_path / "example"
    shutil.copytree(FIXTURES / "example", folder)
    (folder / "ties.csv").unlink()
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("export", ["fictional_google_forms.csv", "fictional_qualtrics.csv",
                                    "fictional_qualtrics.tsv", "fictional_wide.csv"])
def test_each_tools_export_becomes_the_same_ties_csv(roster, export, capsys):
    assert main(["import-survey", str(SURVEYS / export), str(roster)]) == 0
    assert (roster / "ties.csv").read_text(encoding="utf-8") == EXPECTED
    out = capsys.readouterr().out
    assert "respondents: 3 matched to the roster; 1 of the roster without answers" in out
    assert "ties: 7" in out and f"Wrote {roster / 'ties.csv'}" in out
    case = load_case(roster)
    assert len(case.ties) == 7 and case.graph().number_of_edges() == 7


def test_a_network_canvas_export_becomes_the_same_ties(roster, capsys):
    assert main(["import-survey", str(FIXTURES / "netcanvas" / "export"), str(roster)]) == 0
    out = capsys.readouterr().out
    assert "read as a network-canvas export" in out and "people named in the sessions" in out
    rows = (roster / "ties.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "respondent,alter,relation,frequency" and len(rows) == 8
    assert load_case(roster).graph().number_of_edges() == 7


def test_a_misspelt_column_and_an_unknown_answer_are_both_named_and_nothing_is_written(roster, tmp_path, capsys):
    text = (SURVEYS / "fictional_wide.csv").read_text(encoding="utf-8")
    bad = text.replace("Cerys Vantongeren,Dov", "Cerys Vantongeran,Dov").replace("Ada Quintrell,,4,3,",
                                                                                   "Ada Quintrell,,Fortnightly,3,")
    export = tmp_path / "bad.csv"
    export.write_text(bad, encoding="utf-8")
    before = _snapshot(roster)
    assert main(["import-survey", str(export), str(roster)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv: 2 problems; nothing was written" in err
    assert "found 'Cerys Vantongeran'" in err and "did you mean 'Cerys Vantongeren'?" in err
    assert "found 'Fortnightly'" in err and "[unknown-answer]" in err
    assert _snapshot(roster) == before


def test_an_existing_ties_csv_is_replaced_only_when_asked(roster, capsys):
    (roster / "ties.csv").write_text("respondent,alter,relation,frequency\np1,p2,egov_contact,1\n")
    before = (roster / "ties.csv").read_bytes()
    assert main(["import-survey", str(SURVEYS / "fictional_wide.csv"), str(roster)]) == 1
    assert "exists; add --overwrite to replace it" in capsys.readouterr().err
    assert (roster / "ties.csv").read_bytes() == before
    assert main(["import-survey", str(SURVEYS / "fictional_wide.csv"), str(roster), "--overwrite"]) == 0
    assert (roster / "ties.csv").read_text(encoding="utf-8") == EXPECTED


def test_ties_in_another_file_are_not_doubled(roster, capsys):
    (roster / "ties.dl").write_text("dl n=2 format=fullmatrix\nlabels:\np1,p2\ndata:\n0 1\n1 0\n")
    assert main(["import-survey", str(SURVEYS / "fictional_wide.csv"), str(roster)]) == 1
    assert "holds its ties in ties.dl" in capsys.readouterr().err
    assert not (roster / "ties.csv").exists()


def test_responded_is_set_only_when_asked_and_the_old_roster_is_kept(roster, tmp_path, capsys):
    # Dov (p4, responded = no in people.csv) answered this time.
    text = (SURVEYS / "fictional_wide.csv").read_text(encoding="utf-8").replace("Dov Haraldsen,,,,",
                                                                               "Dov Haraldsen,3,,,")
    export = tmp_path / "dov.csv"
    export.write_text(text, encoding="utf-8")
    people = (roster / "people.csv").read_bytes()
    assert main(["import-survey", str(export), str(roster)]) == 1
    err = capsys.readouterr().err
    assert "marks people who answered as non-respondents: p4 (Dov Haraldsen): no -> yes" in err
    assert "--set-responded" in err and not (roster / "ties.csv").exists()
    assert (roster / "people.csv").read_bytes() == people
    assert main(["import-survey", str(export), str(roster), "--set-responded"]) == 0
    out = capsys.readouterr().out
    assert "responded: p4 (Dov Haraldsen) no -> yes: set" in out
    backup = roster / ".partnet" / "before-import" / "people.1.csv"
    assert backup.read_bytes() == people and f"kept as {backup}" in out
    old, new = people.decode().splitlines(), (roster / "people.csv").read_text().splitlines()
    assert [a for a, b in zip(old, new) if a != b] == [old[4]]
    assert new[4] == old[4].replace(",junior,no,", ",junior,yes,")
    case = load_case(roster)
    assert bool(case.people.set_index("person_id").loc["p4", "responded"]) is True
    assert ("p4", "p1") in case.graph().edges


def test_a_wrong_export_path_or_roster_is_a_message_not_a_traceback(roster, tmp_path, capsys):
    assert main(["import-survey", str(tmp_path / "nowhere.csv"), str(roster)]) == 1
    assert "no export at" in capsys.readouterr().err
    (roster / "people.csv").unlink()
    assert main(["import-survey", str(SURVEYS / "fictional_wide.csv"), str(roster)]) == 1
    assert "people.csv" in capsys.readouterr().err

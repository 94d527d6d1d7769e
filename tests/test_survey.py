"""Roster questionnaires exported by survey tools, read as a case's ties (partnet.survey).

Two kinds of files. Real exports, copied byte for byte from public
repositories (tests/fixtures/surveys/SOURCES.md), check that each tool's
layout is read as the tool writes it: header rows, metadata columns, grid
and matrix rows, quoting, line ends. Their questions are not roster
questions. One fictional roster survey (the example case's four people) is
then written in each tool's layout, and every layout must give the same
ties, respondents and non-respondents.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from partnet import load_case
from partnet.errors import ParameterError
from partnet.survey import ANSWER_LABELS, answer_value, read_export, read_survey

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"
EXAMPLE = Path(__file__).parent / "fixtures" / "example"

QUESTION = "How often do you deal with each of these people about e-government?"
PEOPLE = ["Ada Quintrell", "Bram Okonjo", "Cerys Vantongeren", "Dov Haraldsen"]

#: The fictional survey's answers, the same in every layout: Ada, Bram and Cerys answered
#: (Cerys also about herself), Dov's row has no answer.
EXPECTED_TIES = [("p1", "p2", 4), ("p1", "p3", 3), ("p2", "p1", 5), ("p2", "p4", 2),
                 ("p3", "p1", 2), ("p3", "p2", 1), ("p3", "p4", 3)]
ANSWERS = [  # name as the respondent wrote it (or the tool recorded it), answers about Ada, Bram, Cerys, Dov
    ("Ada Quintrell", ["", "Weekly", "Monthly", ""]),
    ("Okonjo, Bram", ["Daily", "", "Never", "A few times a year"]),
    ("Cerys Vantongeren", ["Quarterly", "Less than once a year", "Daily", "Monthly"]),
    ("Dov Haraldsen", ["", "", "", ""]),
]


@pytest.fixture(scope="module")
def case():
    return load_case(EXAMPLE)


def _case(tmp_path, people: str | None = None, yaml_extra: str = "", name: str = "survey"):
    """A copy of the example case with another roster or more case.yaml, and no ties, codebook or segments."""
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder)
    for f in ("segments.csv", "codebook.csv"):
        (folder / f).unlink()
    (folder / "ties.csv").write_text("respondent,alter,relation,frequency\n", encoding="utf-8")
    if people is not None:
        (folder / "people.csv").write_text(people, encoding="utf-8")
    yaml_path = folder / "case.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("id: example", f"id: {name}") + yaml_extra)
    return load_case(folder)


def _microsoft_forms(path: Path, answers=ANSWERS, people=PEOPLE) -> Path:
    """The fictional survey as Microsoft Forms' "Open in Excel" workbook: sheet Form1 holding table Table1
    (ID, Start time, Completion time, Email, Name, Last modified time, the questions; a Likert question one
    column per statement), then the sheet naming the form, as in the real workbook described in SOURCES.md."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Form1"
    ws.append(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Your organisation",
               *people])
    emails = ["ada.quintrell@northvale.example", "b.okonjo@northvale.example", "cerys.vantongeren@eastmarsh.example",
              "dov.haraldsen@eastmarsh.example"]
    orgs = ["Northvale District Council", "Northvale District Council", "Eastmarsh County Council", None]
    for i, ((name, row), email, org) in enumerate(zip(answers, emails, orgs), start=1):
        start = dt.datetime(2026, 3, 1 + i, 9, 10 + i, 40)
        ws.append([i, start, start + dt.timedelta(minutes=3, seconds=17), email, name, None, org,
                   *[a or None for a in row]])
    ws.add_table(Table(displayName="Table1", ref=f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}"
                                                 f"{ws.max_row}"))
    meta = wb.create_sheet("_4B2E7D19C0A5F3866E1D")
    for value in ("q8h8Wtykm0-fictional-form-id", "Form1", "{6f1c2a9e-1b7d-4c55-9a1e-2d8f0c4b7e31}"):
        meta.append([value])
    wb.save(path)
    return path


def _wide_workbook(path: Path) -> Path:
    """The fictional survey as a plain table in a workbook: a blank corner over the respondents, numbers 1..5."""
    number = {"": None, "Daily": 5, "Weekly": 4, "Monthly": 3, "Quarterly": 2, "A few times a year": 2,
              "Less than once a year": 1, "Never": 0}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([None, *PEOPLE])
    for name, row in ANSWERS:
        ws.append([name, *[number[a] for a in row]])
    wb.save(path)
    return path


# ----------------------------------------------------------------------------- one survey, every layout

LAYOUTS = {
    "google-forms": (lambda tmp: SURVEYS / "fictional_google_forms.csv", "google-forms",
                     (4, f"{QUESTION} [Cerys Vantongeren]"), {2: "p1", 3: "p2", 4: "p3", 5: "p4"}),
    "qualtrics-csv": (lambda tmp: SURVEYS / "fictional_qualtrics.csv", "qualtrics", (6, "Q2_3"),
                      {4: "p1", 5: "p2", 6: "p3", 7: "p4"}),
    "qualtrics-tsv": (lambda tmp: SURVEYS / "fictional_qualtrics.tsv", "qualtrics", (6, "Q2_3"),
                      {4: "p1", 5: "p2", 6: "p3", 7: "p4"}),
    "microsoft-forms": (lambda tmp: _microsoft_forms(tmp / "Roster question.xlsx"), "microsoft-forms",
                        (4, "Cerys Vantongeren"), {2: "p1", 3: "p2", 4: "p3", 5: "p4"}),
    "wide-csv": (lambda tmp: SURVEYS / "fictional_wide.csv", "wide", (4, "Cerys Vantongeren"),
                 {2: "p1", 3: "p2", 4: "p3", 5: "p4"}),
    "wide-xlsx": (lambda tmp: _wide_workbook(tmp / "matrix.xlsx"), "wide", (4, "Cerys Vantongeren"),
                  {2: "p1", 3: "p2", 4: "p3", 5: "p4"}),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_gives_the_same_ties(layout, case, tmp_path):
    make, source, self_tie, rows = LAYOUTS[layout]
    result = read_survey(make(tmp_path), case)
    assert result.source == source and result.relation == "egov_contact"
    assert result.ties == EXPECTED_TIES
    assert result.respondents == ["p1", "p2", "p3"] and result.nonrespondents == ["p4"]
    assert result.rows == rows  # Dov's row is matched, and has no answer
    assert sorted(result.columns.values()) == ["p1", "p2", "p3", "p4"]
    # Cerys answering about herself is the only problem: dropped, with a warning
    assert [(p.code, p.severity, p.row, p.column) for p in result.problems] == [
        ("self-tie", "warning", *self_tie)]
    assert result.ok


def test_the_layouts_read_the_same_answers(case, tmp_path):
    google = read_survey(SURVEYS / "fictional_google_forms.csv", case)
    microsoft = read_survey(_microsoft_forms(tmp_path / "f.xlsx"), case)
    assert google.answers == microsoft.answers == {
        "Weekly": 4, "Monthly": 3, "Daily": 5, "Never": None, "A few times a year": 2, "Quarterly": 2,
        "Less than once a year": 1}
    assert read_survey(SURVEYS / "fictional_wide.csv", case).answers == {
        "4": 4, "3": 3, "5": 5, "0": None, "2": 2, "1": 1}


def test_how_each_respondent_was_named(case):
    """Google: a question 'Your name' ("bram okonjo" as typed); Qualtrics: the contact list's first and last names."""
    google = read_export(SURVEYS / "fictional_google_forms.csv")
    assert [c.header for c in google.columns if c.metadata] == ["Timestamp", "Email Address"]
    assert [cells[2] for _line, cells in google.rows] == ["Ada Quintrell", "bram okonjo", "Vantongeren, Cerys",
                                                         "Dov Haraldsen"]
    qualtrics = read_export(SURVEYS / "fictional_qualtrics.csv")
    assert qualtrics.header_rows == 3 and [line for line, _ in qualtrics.rows] == [4, 5, 6, 7]
    assert [(c.header, c.import_id, c.question, c.item) for c in qualtrics.columns if not c.metadata] == [
        ("Q1", "QID1_TEXT", "QID1", "Your organisation"),
        *[(f"Q2_{i}", f"QID2_{i}", "QID2", name) for i, name in enumerate(PEOPLE, start=1)]]


def test_the_qualtrics_tsv_is_utf16_and_reads_with_or_without_quoted_ids(case, tmp_path):
    data = (SURVEYS / "fictional_qualtrics.tsv").read_bytes()
    assert data[:2] == b"\xff\xfe" and "\t" in data.decode("utf-16")
    # the import ids written as they are, without CSV quotes
    text = data.decode("utf-16")
    lines = text.split("\r\n")
    lines[2] = "\t".join(cell.strip('"').replace('""', '"') for cell in lines[2].split("\t"))
    bare = tmp_path / "bare.tsv"
    bare.write_bytes(b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le"))
    assert '{"ImportId":"QID2_1"}' in lines[2]
    result = read_survey(bare, case)
    assert result.source == "qualtrics" and result.ties == EXPECTED_TIES


# ----------------------------------------------------------------------------- a misspelt column, an unknown answer


def _google(path: Path, people=PEOPLE, answers=ANSWERS) -> Path:
    head = ["Timestamp", "Your name", *[f"{QUESTION} [{p}]" for p in people]]
    lines = [",".join(f'"{h}"' for h in head)]
    for i, (name, row) in enumerate(answers):
        lines.append(",".join(f'"{v}"' for v in [f"2026/03/0{i + 2} 9:14:03 AM GMT", name, *row]))
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


MISSPELT = ["Ada Quintrell", "Bram Okonjo", "Cerys Vantongeran", "Dov Haraldsen"]
FORTNIGHTLY = [  # "Fortnightly" on Ada's and Cerys's rows (rows 2 and 4 of a one-header file)
    ("Ada Quintrell", ["", "Fortnightly", "Monthly", ""]),
    ("Okonjo, Bram", ["Daily", "", "Never", "A few times a year"]),
    ("Cerys Vantongeren", ["fortnightly ", "Less than once a year", "Daily", "Monthly"]),
    ("Dov Haraldsen", ["", "", "", ""]),
]


def _qualtrics_misspelt(path: Path) -> Path:
    text = (SURVEYS / "fictional_qualtrics.csv").read_text(encoding="utf-8")
    text = text.replace("- Cerys Vantongeren", "- Cerys Vantongeran")
    text = text.replace("Ada,ada.quintrell@northvale.example,,51.5072,-0.1276,email,EN,Northvale District Council,,"
                        "Weekly", "Ada,ada.quintrell@northvale.example,,51.5072,-0.1276,email,EN,Northvale District "
                        "Council,,Fortnightly")
    text = text.replace("Eastmarsh County Council,Quarterly", "Eastmarsh County Council,fortnightly ")
    path.write_text(text, encoding="utf-8")
    return path


MISSPELT_LAYOUTS = {
    "google-forms": (lambda tmp: _google(tmp / "g.csv", MISSPELT, FORTNIGHTLY), f"{QUESTION} [Cerys Vantongeran]",
                     1, (2, 4), f"{QUESTION} [Bram Okonjo]"),
    "qualtrics": (lambda tmp: _qualtrics_misspelt(tmp / "q.csv"), "Q2_3", 2, (4, 6), "Q2_2"),
    "microsoft-forms": (lambda tmp: _microsoft_forms(tmp / "m.xlsx", FORTNIGHTLY, MISSPELT), "Cerys Vantongeran", 1,
                        (2, 4), "Bram Okonjo"),
}


@pytest.mark.parametrize("layout", list(MISSPELT_LAYOUTS))
def test_a_misspelt_roster_column_and_an_unknown_answer_are_both_named(layout, case, tmp_path):
    make, column, header_row, rows, first_column = MISSPELT_LAYOUTS[layout]
    result = read_survey(make(tmp_path), case)
    assert not result.ok
    errors = [p for p in result.problems if p.severity == "error"]
    assert [p.code for p in errors] == ["unknown-person", "unknown-answer"]
    person, answer = errors
    assert (person.row, person.column, person.value, person.suggestion) == (
        header_row, column, "Cerys Vantongeran", ("Cerys Vantongeren",))
    # one problem for the answer, however spelt, listing every row it is on
    assert (answer.row, answer.column, answer.value, answer.suggestion) == (rows[0], first_column, "Fortnightly",
                                                                            ("monthly",))
    assert f"rows {rows[0]}, {rows[1]};" in answer.message and "answers file" in answer.message
    assert "p3" not in result.columns.values()  # the misspelt column is read for nobody


def test_an_answers_file_gives_the_unknown_answer_its_value(case, tmp_path):
    answers = tmp_path / "answers.csv"
    answers.write_text("answer,value\nFortnightly,3\nN/A,\n", encoding="utf-8")
    result = read_survey(_google(tmp_path / "g.csv", answers=FORTNIGHTLY), case, answers=answers)
    assert result.ok
    assert ("p1", "p2", 3) in result.ties and ("p3", "p1", 3) in result.ties
    assert result.answers["Fortnightly"] == 3


def test_an_answers_file_is_checked(case, tmp_path):
    answers = tmp_path / "answers.csv"
    answers.write_text("answer,value\nFortnightly,3\nfortnightly,4\nSometimes,often\nTwice a year,quarterly\n"
                       "N/A,none\n", encoding="utf-8")
    result = read_survey(SURVEYS / "fictional_google_forms.csv", case, answers=answers)
    found = [(p.code, p.file, p.row, p.value) for p in result.problems if p.severity == "error"]
    assert found == [("duplicate-answer", "answers.csv", 3, "fortnightly"),
                     ("invalid-frequency", "answers.csv", 4, "often")]
    bad = tmp_path / "labels.csv"
    bad.write_text("label,frequency\nFortnightly,3\n", encoding="utf-8")
    assert {p.code for p in read_survey(SURVEYS / "fictional_google_forms.csv", case, answers=bad).problems} >= {
        "missing-column"}


# ----------------------------------------------------------------------------- rows


def test_respondents_that_cannot_be_matched(case, tmp_path):
    rows = [
        ("Ada Quintral", ["", "Weekly", "", ""]),          # row 2: misspelt: nearest name
        ("", ["Daily", "", "", ""]),                        # row 3: answers, but no name
        ("Bram Okonjo", ["Daily", "", "", ""]),             # row 4
        ("bram  okonjo", ["Weekly", "", "", ""]),           # row 5: Bram again, with answers
        ("Cerys Vantongeren", ["", "", "", ""]),            # row 6: no answer: a non-respondent
        ("Cerys Vantongeren", ["Monthly", "", "", ""]),     # row 7: her answered row
    ]
    result = read_survey(_google(tmp_path / "g.csv", answers=rows), case)
    found = [(p.code, p.row, p.value, p.suggestion) for p in result.problems]
    assert found == [("unknown-person", 2, "Ada Quintral", ("Ada Quintrell",)),
                     ("blank-value", 3, None, ()),
                     ("duplicate-respondent", 5, "bram  okonjo", ())]
    assert result.ties == [("p2", "p1", 5), ("p3", "p1", 3)]
    assert result.rows == {4: "p2", 5: "p2", 6: "p3", 7: "p3"}
    assert result.respondents == ["p2", "p3"] and result.nonrespondents == ["p1", "p4"]


def test_a_person_with_two_columns(case, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("name,Ada Quintrell,Bram Okonjo,\"Okonjo, Bram\"\nAda Quintrell,,3,4\n", encoding="utf-8")
    result = read_survey(path, case)
    assert [(p.code, p.column) for p in result.problems] == [("duplicate-column", "Okonjo, Bram")]
    assert result.ties == [("p1", "p2", 3)]


def test_repeated_headers_that_are_not_roster_columns_are_harmless(case, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("respondent,Comments,Ada Quintrell,Bram Okonjo,Comments\nCerys Vantongeren,a,2,,b\n",
                    encoding="utf-8")
    result = read_survey(path, case)
    assert [(p.code, p.severity) for p in result.problems] == [("duplicate-column", "warning")]
    assert result.ok and result.ties == [("p3", "p1", 2)]


def test_a_column_between_roster_columns_names_nobody(case, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("respondent,Ada Quintrell,Brian Oko,Cerys Vantongeren\nDov Haraldsen,2,3,4\n", encoding="utf-8")
    result = read_survey(path, case)
    assert [(p.code, p.severity, p.column, p.suggestion) for p in result.problems] == [
        ("unknown-person", "error", "Brian Oko", ("Bram Okonjo",))]
    assert result.ties == [("p4", "p1", 2), ("p4", "p3", 4)]


# ----------------------------------------------------------------------------- scales and relations


def test_binary_and_count_relations(tmp_path):
    yaml = ("relations:\n  egov_contact: {directed: true, scale: frequency}\n"
            "  board: {directed: false, scale: binary}\n  emails: {scale: count}\n")
    case = _case(tmp_path, yaml_extra=yaml)
    path = tmp_path / "w.csv"
    path.write_text("respondent,Ada Quintrell,Bram Okonjo,Cerys Vantongeren\nDov Haraldsen,x,No,Yes\n"
                    "Ada Quintrell,,TRUE,0\n", encoding="utf-8")
    board = read_survey(path, case, relation="board")
    assert board.relation == "board" and board.ties == [("p4", "p1", 1), ("p4", "p3", 1), ("p1", "p2", 1)]
    path.write_text("respondent,Ada Quintrell,Bram Okonjo\nDov Haraldsen,12,none\nAda Quintrell,,0\n",
                    encoding="utf-8")
    emails = read_survey(path, case, relation="emails")
    assert emails.ties == [("p4", "p1", 12)] and emails.respondents == ["p1", "p4"]
    with pytest.raises(ParameterError, match="relation must be a relation of the case.*did you mean 'board'"):
        read_survey(path, case, relation="bord")


def test_answer_labels():
    assert answer_value("  A  few times a YEAR. ") == (True, 2)
    assert answer_value("Weekly (4)") == (True, 4) and answer_value("5 - Daily") == (True, 5)
    assert answer_value("6") == (False, None) and answer_value("2.5") == (False, None)
    assert answer_value("0") == (True, None) and answer_value("never") == (True, None)
    assert answer_value("yes", "binary") == (True, 1) and answer_value("2", "binary") == (False, None)
    assert answer_value("x", "frequency") == (False, None)
    assert {v for v in ANSWER_LABELS["frequency"].values()} == {1, 2, 3, 4, 5, None}


# ----------------------------------------------------------------------------- files that cannot be read


@pytest.mark.parametrize("name,content,code", [
    ("missing.csv", None, "missing-file"),
    ("empty.csv", b"", "empty-file"),
    ("utf16.csv", "name,Ada Quintrell\n".encode("utf-16-le"), "encoding"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "survey-layout"),
    ("broken.xlsx", b"PK\x03\x04 not a workbook", "unreadable-workbook"),
], ids=["missing", "empty", "utf16-without-bom", "xls", "broken-xlsx"])
def test_a_file_that_cannot_be_read_is_a_problem_not_an_exception(name, content, code, case, tmp_path):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = read_survey(path, case)
    assert [p.code for p in result.problems] == [code] and not result.ok
    assert result.ties == [] and result.nonrespondents == ["p1", "p2", "p3", "p4"]
    export = read_export(path)
    assert (export.source, export.columns, [p.code for p in export.problems]) == ("", [], [code])


# ----------------------------------------------------------------------------- real exports (SOURCES.md)

QUALTRICS_METADATA = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
                      "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                      "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel",
                      "UserLanguage"]


def test_real_qualtrics_export(case):
    """qualtRics' sample: a current export, German labels in the second header row, one response."""
    export = read_export(SURVEYS / "qualtRics_sample.csv")
    assert (export.source, export.header_rows, export.text_row, export.problems) == ("qualtrics", 3, 2, [])
    assert [c.header for c in export.columns if c.metadata] == QUALTRICS_METADATA
    assert [(c.header, c.import_id, c.text) for c in export.columns if not c.metadata] == [
        ("Q1", "QID1", "This is a multiple choice question."),
        ("Q2", "QID2_TEXT", "This is a free text question."),
        ("Q2 - Topics", "QID2_TEXT_eae5a8d0e7fd4bd183e983e5Topics", "Q2 - Topics")]
    assert export.columns[2].text == "Antworttyp"  # the second header row, as exported in German
    assert export.rows == [(4, ["2017-07-18 08:28:09", "2017-07-18 08:28:48", "0", "130.92.34.66", "100", "38", "1",
                                "2017-07-18 08:28:48", "R_2YPOQ602ER1jkf1", "", "", "", "", "47.115097045898",
                                "7.2315979003906", "anonymous", "DE", "2", "Hello World!", ""])]
    # not a roster question: said so, and neither header row is taken for a respondent
    result = read_survey(SURVEYS / "qualtRics_sample.csv", case)
    assert [p.code for p in result.problems] == ["survey-layout"] and result.rows == {}


def test_real_qualtrics_insights_matrix_export():
    """QualtricsTools' 2017 "Insights" export: import ids in single quotes, matrix statements after '-'."""
    export = read_export(SURVEYS / "QualtricsTools_Single_Answer_Matrix_Questions_Insights.csv")
    assert export.source == "qualtrics" and export.header_rows == 3
    assert [line for line, _ in export.rows] == [4, 5, 6, 7, 8]
    metadata = [c.header for c in export.columns if c.metadata]
    assert metadata[:3] == ["ResponseID", "ResponseSet", "IPAddress"] and "RecipientFirstName" in metadata
    first = [(c.import_id, c.question, c.item) for c in export.columns if c.question == "QID2"]
    assert first == [(f"QID2-{i}", "QID2", f"Click to write Statement {i}") for i in (1, 2, 3)]


def test_real_google_forms_grid(tmp_path):
    """pyrcv's grid answers (the linked sheet's CSV: CRLF, nothing quoted), read against a roster named as its rows."""
    export = read_export(SURVEYS / "pyrcv_transform_testdata.csv")
    assert export.source == "google-forms" and [line for line, _ in export.rows] == list(range(2, 10))
    assert [(c.question, c.item, c.metadata) for c in export.columns] == [
        (None, "Timestamp", True),
        *[("What is your favorite season?", s, False) for s in ("Spring", "Summer", "Autumn", "Winter")]]
    seasons = ("person_id,name,organisation,role,directorate,seniority,responded,consent_named\n" + "".join(
        f"s{i},{s},Northvale District Council,officer,ICT,senior,yes,yes\n"
        for i, s in enumerate(("Spring", "Summer", "Autumn", "Winter"), start=1)))
    result = read_survey(SURVEYS / "pyrcv_transform_testdata.csv", _case(tmp_path, people=seasons))
    assert result.columns == {f"What is your favorite season? [{s}]": f"s{i}"
                              for i, s in enumerate(("Spring", "Summer", "Autumn", "Winter"), start=1)}
    # the form asked nobody's name: no respondent column, said so; its ranks are no frequencies, one problem each
    assert [p.code for p in result.problems] == ["survey-layout"] + ["unknown-answer"] * 4
    assert "who answered" in result.problems[0].message
    ranks = {p.value: p.message for p in result.problems[1:]}
    assert sorted(ranks) == ["1st", "2nd", "3rd", "4th"]
    assert "on rows 2, 3, 4, 7, 8, 9;" in ranks["4th"]  # every row but the two that ranked one season only


def test_real_google_forms_download(case):
    """survey-analysis' Responses > Download responses (.csv): every field quoted, no final line end."""
    export = read_export(SURVEYS / "survey-analysis_rating-options-survey.csv")
    assert export.source == "google-forms" and export.problems == []
    assert [line for line, _ in export.rows] == [2, 3, 4]
    assert export.rows[0][1][:3] == ["2022/03/26 11:00:19 PM AST", "3", "Colors"]
    assert [c.header for c in export.columns if c.metadata] == ["Timestamp"]
    result = read_survey(SURVEYS / "survey-analysis_rating-options-survey.csv", case)
    assert {p.code for p in result.problems} == {"survey-layout"} and result.ties == []


def test_qualtrics_with_a_name_question_and_a_someone_else_row(case, tmp_path):
    """A 'Your name' text entry names the respondents; the matrix's 'Someone else' row and its text box are not
    roster columns: a warning, and the ties are the same."""
    import csv

    rows = list(csv.reader((SURVEYS / "fictional_qualtrics.csv").open(encoding="utf-8", newline="")))
    first, last = rows[0].index("RecipientFirstName"), rows[0].index("RecipientLastName")
    names = ["Ada Quintrell", "Okonjo, Bram", "cerys vantongeren", "Dov Haraldsen"]
    extra = [("Q3", "Your name", '{"ImportId":"QID3_TEXT"}'),
             ("Q2_5", f"{QUESTION} - Someone else (please name)", '{"ImportId":"QID2_5"}'),
             ("Q2_5_TEXT", f"{QUESTION} - Someone else (please name) - Text", '{"ImportId":"QID2_5_TEXT"}')]
    for i, row in enumerate(rows):
        if i >= 3:
            k = i - 3
            row[first] = row[last] = ""
            row += [names[k], "Monthly" if k == 0 else "", "Eve Parry" if k == 0 else ""]
        else:
            row += [e[i] for e in extra]
    path = tmp_path / "named.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    result = read_survey(path, case)
    assert result.ties == EXPECTED_TIES and result.ok
    assert [(p.code, p.severity, p.column, p.value) for p in result.problems] == [
        ("unknown-person", "warning", "Q2_5", "Someone else (please name)"),
        ("self-tie", "warning", "Q2_3", "Daily")]


def test_qualtrics_respondents_named_by_external_reference(case, tmp_path):
    """person_ids in ExternalReference (a contact list's "External Data Reference") name the respondents."""
    import csv

    rows = list(csv.reader((SURVEYS / "fictional_qualtrics.csv").open(encoding="utf-8", newline="")))
    first, last, ref = (rows[0].index(h) for h in ("RecipientFirstName", "RecipientLastName", "ExternalReference"))
    for k, row in enumerate(rows[3:], start=1):
        row[first] = row[last] = ""
        row[ref] = f"P{k}"
    path = tmp_path / "ref.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    result = read_survey(path, case)
    assert result.ties == EXPECTED_TIES and result.rows == {4: "p1", 5: "p2", 6: "p3", 7: "p4"}


def test_qualtrics_without_its_import_id_row(case, tmp_path):
    """The third header row deleted by hand: the second is still recognised as question text, not a response."""
    lines = (SURVEYS / "fictional_qualtrics.csv").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "two.csv"
    path.write_text("\n".join(lines[:2] + lines[3:]), encoding="utf-8")
    export = read_export(path)
    assert (export.source, export.header_rows, export.text_row) == ("qualtrics", 2, 2)
    result = read_survey(path, case)
    assert result.ties == EXPECTED_TIES and [p.code for p in result.problems] == ["self-tie"]


def test_grid_columns_of_a_table_in_another_language(case, tmp_path):
    """A Google sheet in Spanish ('Marca temporal'): read as a plain table, its grid rows still name the people."""
    text = (SURVEYS / "fictional_google_forms.csv").read_text(encoding="utf-8")
    path = tmp_path / "es.csv"
    path.write_text(text.replace('"Timestamp","Email Address","Your name"', '"Marca temporal","Email","Nombre"'),
                    encoding="utf-8")
    result = read_survey(path, case)
    assert result.source == "wide" and result.ties == EXPECTED_TIES
    assert [p.code for p in result.problems] == ["self-tie"]

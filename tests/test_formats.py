"""Input formats: encodings, workbooks, matrices, UCINET DL."""

from __future__ import annotations

import openpyxl
import pytest

from partnet import load_case
from partnet.case import check_case
from partnet.dl import format_dl, parse_dl

from ._builders import PEOPLE, TIES_HEADER

EXPECTED_TIES = [("p1", "p2", 3), ("p1", "p4", 4), ("p2", "p3", 2)]


def tie_list(case):
    return sorted(case.ties[["respondent", "alter", "frequency"]].itertuples(index=False, name=None))


# ---------------------------------------------------------------- encodings


def test_utf8_bom_and_crlf(make_case):
    people = PEOPLE.replace("Ada Quintrell", "Adé Quintrell").replace("\n", "\r\n")
    case = load_case(make_case(people=b"\xef\xbb\xbf" + people.encode("utf-8")))
    assert case.people.loc[0, "name"] == "Adé Quintrell" and list(case.people.columns)[0] == "person_id"
    assert case.warnings == []


def test_windows_1252_is_decoded_exactly_with_a_warning(make_case):
    people = PEOPLE.replace("Ada Quintrell", "Siân Quintrell").replace("Bram Okonjo", "Zoë Okonjo")
    case = load_case(make_case(people=people.replace("\n", "\r\n").encode("cp1252")))
    assert list(case.people["name"][:2]) == ["Siân Quintrell", "Zoë Okonjo"]
    assert [p.code for p in case.warnings] == ["decoded-cp1252"]


def test_windows_1252_with_a_bom_is_decoded_exactly(make_case):
    people = PEOPLE.replace("Ada Quintrell", "Siân Quintrell")
    case = load_case(make_case(people=b"\xef\xbb\xbf" + people.encode("cp1252")))
    assert case.people.loc[0, "name"] == "Siân Quintrell" and list(case.people.columns)[0] == "person_id"
    assert [p.code for p in case.warnings] == ["decoded-cp1252"]


def test_case_yaml_in_windows_1252_is_decoded_with_a_warning(make_case):
    folder = make_case()
    text = (folder / "case.yaml").read_text(encoding="utf-8").replace("Example partnership", "Café partnership")
    (folder / "case.yaml").write_bytes(text.encode("cp1252"))
    case = load_case(folder)
    assert case.title == "Café partnership (fictional)"
    assert [(p.code, p.file) for p in case.warnings] == [("decoded-cp1252", "case.yaml")]


def test_utf16_without_bom_is_refused_not_garbled(make_case):
    ties = TIES_HEADER + "p1,p2,egov_contact,3\n"
    _case, problems = check_case(make_case(ties=ties.encode("utf-16-le")))
    assert [(p.code, p.file, p.row) for p in problems] == [("encoding", "ties.csv", 1)]
    assert "UTF-16" in problems[0].message


def test_undecodable_bytes_are_refused(make_case):
    bad = PEOPLE.encode("utf-8").replace(b"Ada", b"A\x81\x8d")
    _case, problems = check_case(make_case(people=bad))
    hit = [p for p in problems if p.code == "encoding"][0]
    assert (hit.file, hit.row) == ("people.csv", 2)


def test_mojibake_is_flagged(make_case):
    people = PEOPLE.replace("Ada Quintrell", "AdÃ© Quintrell")
    case = load_case(make_case(people=people))
    hit = [p for p in case.warnings if p.code == "possible-mojibake"][0]
    assert (hit.row, hit.value) == (2, "Ã©")


def test_utf16_and_semicolons(make_case):
    ties = (TIES_HEADER + "p1,p2,egov_contact,3\n").replace(",", ";")
    case = load_case(make_case(ties=ties.encode("utf-16")))
    assert tie_list(case) == [("p1", "p2", 3)]


# ---------------------------------------------------------------- workbook


# the workbook case is written by the make_workbook fixture (tests/conftest.py)


def test_workbook_path(tmp_path, make_workbook):
    case = load_case(make_workbook(tmp_path / "wbcase.xlsx"))
    assert case.id == "wbcase" and tie_list(case) == EXPECTED_TIES
    assert case.meta["min_frequency"] == 3 and case.graph().number_of_edges() == 2


def test_workbook_in_folder_with_matrix_sheet(tmp_path, make_workbook):
    folder = tmp_path / "matrixwb"
    folder.mkdir()
    matrix = ",p1,p2,p3,p4\np1,,3,,4\np2,,,2,\np3,,,,\n"
    make_workbook(folder / "case.xlsx", "ties_matrix", matrix, case_id="matrixwb")
    case = load_case(folder)
    assert case.id == "matrixwb" and tie_list(case) == EXPECTED_TIES


def test_workbook_rows_are_spreadsheet_rows(tmp_path, make_workbook):
    path = make_workbook(tmp_path / "bad.xlsx",
                         ties_text=TIES_HEADER + "p1,p2,egov_contact,3\np1,Nobody,egov_contact,2")
    _case, problems = check_case(path)
    hit = [p for p in problems if p.code == "unknown-person"][0]
    assert (hit.file, hit.row, hit.column) == ("bad.xlsx:ties", 3, "alter")


def test_damaged_workbook_is_refused(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    _case, problems = check_case(path)
    assert [(p.code, p.file) for p in problems] == [("unreadable-workbook", "broken.xlsx")]


def test_workbook_without_a_sheet_names_the_sheet(tmp_path, make_workbook):
    path = make_workbook(tmp_path / "wbcase.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["People"].title = "Peple"
    wb.save(path)
    _case, problems = check_case(path)
    hit = [p for p in problems if p.code == "missing-file"]
    assert [(p.file, p.expected, p.suggestion) for p in hit] == [("wbcase.xlsx", "a sheet named people", ("Peple",))]


def test_matrix_csv(make_case):
    matrix = ",p1,Bram Okonjo,p3,p4\np1,0,3,0,4\nBram Okonjo,0,0,2,0\np3,,,,\n"
    folder = make_case(drop=["ties.csv"], ties_matrix=matrix)
    assert tie_list(load_case(folder)) == EXPECTED_TIES


def test_matrix_cell_problem_names_the_alter_column(make_case):
    matrix = ",p1,p2,p3,p4\np1,0,x,0,4\n"
    _case, problems = check_case(make_case(drop=["ties.csv"], ties_matrix=matrix))
    hit = [p for p in problems if p.code == "invalid-frequency"][0]
    assert (hit.file, hit.row, hit.column, hit.value) == ("ties_matrix.csv", 2, "p2", "x")


def test_two_tie_sources_are_ambiguous(make_case):
    _case, problems = check_case(make_case(**{"ties.dl": "dl n=1\ndata:\n0\n"}))
    assert "ambiguous-source" in [p.code for p in problems]


# ---------------------------------------------------------------- DL


DL_FULL_LABELS = """DL N=4 FORMAT=FULLMATRIX
LABELS:
p1,"Bram Okonjo",p3,p4
DATA:
0 3 0 4
0 0 2 0
0 0 0 0
0 0 0 0
"""
DL_FULL_EMBEDDED = """dl n = 4, format = fullmatrix
labels embedded
data:
   p1 p2 p3 p4
p1  0  3  0  4
p2  0  0  2  0
p3  0  0  0  0
p4  0  0  0  0
"""
DL_EDGE_EMBEDDED = """dl n=4 format=edgelist1
labels embedded:
data:
p1 p2 3
p1 "Dov Haraldsen" 4
p2 p3 2
"""
DL_EDGE_NUMBERS = """dl n=4 format=el1
labels:
p1 p2 p3 p4
data:
1 2 3
1 4 4
2 3 2
"""


@pytest.mark.parametrize("text", [DL_FULL_LABELS, DL_FULL_EMBEDDED, DL_EDGE_EMBEDDED, DL_EDGE_NUMBERS],
                         ids=["fullmatrix-labels", "fullmatrix-embedded", "edgelist1-embedded", "edgelist1-numbers"])
def test_dl_files(make_case, text):
    folder = make_case(drop=["ties.csv"], **{"ties.dl": text})
    assert tie_list(load_case(folder)) == EXPECTED_TIES


@pytest.mark.parametrize(
    "text, code",
    [
        ("dl nr=2 nc=3 format=fullmatrix\ndata:\n0 1 0\n1 0 0\n", "unsupported-dl"),
        ("dl n=3 format=fullmatrix\nlabels:\na,b\ndata:\n", "invalid-dl"),
        ("dl n=2 format=nodelist2\ndata:\n1 2\n", "unsupported-dl"),
        ("n=2\ndata:\n0 1\n1 0\n", "invalid-dl"),
        ("dl n=2 format=edgelist1\ndata:\n1 3\n", "invalid-dl"),
        ('dl n=2 format=edgelist1 labels embedded\ndata:\n"p1 p2 3\n', "invalid-dl"),
        ('dl n=2 format=fullmatrix\nlabels:\n"p1,p2\ndata:\n0 1\n1 0\n', "invalid-dl"),
    ],
    ids=["two-mode", "label-count", "nodelist2", "no-dl", "out-of-range", "unclosed-quote-data",
         "unclosed-quote-labels"],
)
def test_dl_problems(text, code):
    problems = []
    parse_dl(text, "r", "ties.dl", problems)
    assert code in [p.code for p in problems]


def test_dl_unclosed_quote_names_the_line(make_case):
    folder = make_case(drop=["ties.csv"],
                       **{"ties.dl": 'dl n=2 format=edgelist1\nlabels embedded\ndata:\np1 p2 3\n"p2 p1 2\n'})
    _case, problems = check_case(folder)
    assert [(p.code, p.file, p.row, p.value) for p in problems] == [("invalid-dl", "ties.dl", 5, '"p2 p1 2')]


def test_dl_round_trip(make_case):
    case = load_case(make_case())
    G = case.graph()
    problems = []
    table = parse_dl(format_dl(G), "egov_contact", "ties.dl", problems)
    got = sorted((r["respondent"], r["alter"], int(r["frequency"])) for r in table.rows)
    assert problems == [] and got == EXPECTED_TIES


# UCINET's own export style: n= with ROW LABELS: and COLUMN LABELS: (once refused as "names 8 nodes but n=4"),
# keywords as UCINET writes them, labels differing in case only (UCINET capitalises them), a wrapped row, a
# non-zero diagonal (ignored, with a warning), no final newline.
DL_UCINET_EXPORT = """DL
N=4
FORMAT = FULLMATRIX DIAGONAL PRESENT
ROW LABELS:
p1
"Bram Okonjo"
p3
p4
COLUMN LABELS:
P1
"bram okonjo"
p3
p4
DATA:
 0 3 0
 4
 0 0 2 0
 0 0 1 0
 0 0 0 0"""


def test_dl_in_ucinets_export_style_loads_as_a_case(make_case):
    case = load_case(make_case(drop=["ties.csv"], **{"ties.dl": DL_UCINET_EXPORT}))
    assert tie_list(case) == EXPECTED_TIES
    assert [(p.code, p.file, p.row) for p in case.warnings] == [("diagonal-ignored", "ties.dl", 18)]


def test_dl_lower_half_loads_both_ways_in_a_case(make_case):
    # (p4 answered no: the row p4 -> p1 would be a nonrespondent-tie in the default directed relation)
    text = "dl n=4 format=lowerhalf diagonal=absent\nlabels: p1 p2 p3 p4\ndata:\n3\n0 2\n0 0 0\n"
    case = load_case(make_case(drop=["ties.csv"], **{"ties.dl": text}))
    assert tie_list(case) == [("p1", "p2", 3), ("p2", "p1", 3), ("p2", "p3", 2), ("p3", "p2", 2)]

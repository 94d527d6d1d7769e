"""``partnet init``: the blank case, its workbook template, and that it loads once filled."""

from __future__ import annotations

import openpyxl
import pytest
import yaml

from partnet import schema
from partnet.errors import ParameterError
from partnet.template import TEMPLATE_ROWS, init_case, template_name

TABLE_STEMS = list(schema.TABLES)


@pytest.fixture
def blank(tmp_path):
    return init_case(tmp_path / "northvale")


def _columns(stem):
    required, optional = schema.TABLES[stem]
    return [*required, *optional]


# --- files ---------------------------------------------------------------------------------


def test_files_written(blank):
    assert blank.name == "northvale"
    assert sorted(p.name for p in blank.iterdir()) == sorted(
        ["case.yaml", "README.txt", "northvale_template.xlsx", *(f"{s}.csv" for s in TABLE_STEMS)])


@pytest.mark.parametrize("stem", TABLE_STEMS, ids=TABLE_STEMS)
def test_csv_has_header_only(blank, stem):
    assert (blank / f"{stem}.csv").read_bytes() == (",".join(_columns(stem)) + "\n").encode("utf-8")


def test_optional_columns_present():
    # The brief's optional columns are in the header rows written.
    assert "code" in _columns("organisations")
    assert "parent" in _columns("codebook")
    assert "coder" in _columns("segments")


def test_case_yaml_fields_defaults_and_comments(blank):
    text = (blank / "case.yaml").read_text(encoding="utf-8")
    meta = yaml.safe_load(text)
    assert list(meta) == list(schema.CASE_FIELDS)
    assert meta["id"] == "northvale" and meta["relation"] == "egov_contact"
    assert [meta[f] for f in ("title", "description", "survey_date")] == ["", "", ""]
    lines = text.splitlines()
    for f in schema.CASE_FIELDS:
        i = next(k for k, line in enumerate(lines) if line.startswith(f"{f}:"))
        assert lines[i - 1].startswith("# ") and len(lines[i - 1]) > 20, f"no comment above {f}"


def test_readme_explains_every_column_and_allowed_value(blank):
    text = (blank / "README.txt").read_text(encoding="utf-8")
    for stem in TABLE_STEMS:
        assert f"{stem}.csv" in text
        for col in _columns(stem):
            assert f"  {col} (" in text
    allowed = [*schema.ORG_TYPES, *schema.ROLES, *schema.DIRECTORATES, *schema.SENIORITY, *schema.DIMENSIONS]
    missing = [v for v in allowed if v not in text]
    assert missing == []
    assert "1 = yearly" in text and "5 = daily" in text
    assert "northvale_template.xlsx" in text and "northvale.xlsx" in text


def test_template_name_is_not_read_as_the_case_workbook():
    # The loader reads case.xlsx or <case_id>.xlsx; the template must be neither.
    assert template_name("northvale") not in ("case.xlsx", "northvale.xlsx")


# --- the workbook -------------------------------------------------------------------------------


@pytest.fixture
def workbook(blank):
    wb = openpyxl.load_workbook(blank / template_name("northvale"))
    yield wb
    wb.close()


def test_sheets_and_headers(workbook):
    assert workbook.sheetnames == ["case", *TABLE_STEMS, "lists"]
    for stem in TABLE_STEMS:
        ws = workbook[stem]
        assert [c.value for c in ws[1]] == _columns(stem)
        assert ws.max_row == 1  # no data rows yet
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1]), ws.title


def test_case_sheet_rows(workbook):
    rows = [tuple(r[:2]) for r in workbook["case"].iter_rows(values_only=True)]
    assert rows[0] == ("field", "value")
    assert dict(rows[1:]) == {"id": "northvale", "title": None, "description": None,
                              "relation": "egov_contact", "survey_date": None}


def _validations_covering(ws, cell):
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def _list_values(workbook, formula):
    sheet, ref = formula.lstrip("=").split("!")
    return [row[0].value for row in workbook[sheet][ref.replace("$", "")]]


DROPDOWNS = [
    ("organisations", "B", schema.ORG_TYPES),
    ("people", "D", schema.ROLES),
    ("people", "E", schema.DIRECTORATES),
    ("people", "F", schema.SENIORITY),
    ("people", "G", schema.YES_NO),
    ("people", "H", schema.YES_NO),
    ("codebook", "C", schema.DIMENSIONS),
]


@pytest.mark.parametrize("sheet, letter, allowed", DROPDOWNS,
                         ids=["org_type", "role", "directorate", "seniority", "responded", "consent_named",
                              "dimension"])
def test_dropdowns_offer_the_allowed_values(workbook, sheet, letter, allowed):
    ws = workbook[sheet]
    assert ws[f"{letter}1"].value == {"B": "org_type", "C": "dimension", "D": "role", "E": "directorate",
                                      "F": "seniority", "G": "responded", "H": "consent_named"}[letter]
    assert _validations_covering(ws, f"{letter}1") == []  # not on the header
    for row in (2, 500, TEMPLATE_ROWS):
        (dv,) = _validations_covering(ws, f"{letter}{row}")
        assert dv.type == "list" and dv.errorStyle == "stop" and dv.showErrorMessage
        assert dv.formula1.startswith("lists!")
        assert _list_values(workbook, dv.formula1) == list(allowed)


def test_frequency_is_a_whole_number_1_to_5(workbook):
    ws = workbook["ties"]
    assert ws["D1"].value == "frequency"
    (dv,) = _validations_covering(ws, "D2")
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("whole", "between", "1", "5")
    assert dv.showErrorMessage and "D1000" in dv.sqref


@pytest.mark.parametrize("sheet, letter, target",
                         [("people", "C", "organisations!$A$2"), ("codebook", "E", "codebook!$A$2"),
                          ("segments", "C", "codebook!$A$2")],
                         ids=["organisation", "parent", "segment-code"])
def test_references_to_other_sheets_warn(workbook, sheet, letter, target):
    (dv,) = _validations_covering(workbook[sheet], f"{letter}2")
    assert dv.type == "list" and dv.errorStyle == "warning" and dv.formula1.startswith(target)


def test_free_text_columns_have_no_validation(workbook):
    for sheet, letter in [("people", "A"), ("people", "B"), ("ties", "A"), ("ties", "B"), ("segments", "D")]:
        assert _validations_covering(workbook[sheet], f"{letter}2") == []


def test_lists_sheet(workbook):
    ws = workbook["lists"]
    header = [c.value for c in ws[1]]
    col = {name: [c.value for c in ws[ws.cell(row=1, column=i + 1).column_letter][1:] if c.value is not None]
           for i, name in enumerate(header)}
    assert col["org_type"] == list(schema.ORG_TYPES)
    assert col["frequency"] == [1, 2, 3, 4, 5]
    assert col["frequency_label"] == list(schema.FREQUENCY_LABELS.values())


# --- refusing to overwrite -------------------------------------------------------------------


def test_refuses_a_non_empty_folder(tmp_path):
    target = tmp_path / "northvale"
    target.mkdir()
    (target / "people.csv").write_text("my,own,data\n")
    with pytest.raises(ParameterError, match=r"not empty \(found people.csv\).*northvale_2"):
        init_case(target)
    assert [p.name for p in target.iterdir()] == ["people.csv"]
    assert (target / "people.csv").read_text() == "my,own,data\n"


def test_refuses_a_file(tmp_path):
    target = tmp_path / "northvale"
    target.write_text("x")
    with pytest.raises(ParameterError, match="is a file"):
        init_case(target)


def test_empty_existing_folder_and_new_nested_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert (init_case(tmp_path / "empty") / "empty_template.xlsx").is_file()
    assert (init_case(tmp_path / "a" / "b" / "eastmarsh") / "case.yaml").is_file()


# --- filled in, it loads ---------------------------------------------------------------------

FILLED = {
    "organisations": [["Northvale District Council", "district council", "320", "NDC"],
                      ["Westridge Fire Service", "fire", "210", ""]],
    "people": [["p1", "Ada Quintrell", "Northvale District Council", "officer", "ICT", "senior", "yes", "yes"],
               ["p2", "Bram Okonjo", "Northvale District Council", "councillor", "none", "middle", "yes", "no"],
               ["p3", "Zoë Brodie-Haraldsen", "Westridge Fire Service", "officer", "citizen-facing", "junior", "no",
                "yes"]],
    "ties": [["p1", "p2", "egov_contact", "4"], ["p2", "Zoë Brodie-Haraldsen", "egov_contact", "2"]],
    "codebook": [["lead", "leadership", "governance", "Who sets direction", ""],
                 ["lead_top", "", "", "Direction from the top", "lead"]],
    "segments": [["s1", "p1", "lead_top", "Bram's team waits for the chief executive.", "interview p1", "AQ"]],
}
SMALL_ORGANISATION_WARNINGS = [("small-organisation", "Northvale District Council"),
                                ("small-organisation", "Westridge Fire Service")]
META = {"title": "Northvale test partnership (fictional)", "description": "Two organisations, three invented people.",
        "survey_date": "2026-03-01"}


def _check_loaded(case):
    assert case.id == "northvale" and case.title == META["title"]
    assert list(case.people["person_id"]) == ["p1", "p2", "p3"]
    # Numbered in the order of the case's new random key: which of p1, p2 is NDC-01 is not fixed.
    assert sorted(case.people["pseudonym"][:2]) == ["NDC-01", "NDC-02"] and case.people["pseudonym"][2] == "WFS-01"
    assert list(case.organisations["code"]) == ["NDC", "WFS"]
    assert list(zip(case.ties["respondent"], case.ties["alter"], case.ties["frequency"])) == [
        ("p1", "p2", 4), ("p2", "p3", 2)]
    assert case.codebook.set_index("code").loc["lead_top", "dimension"] == "governance"
    assert case.segments["coder"].tolist() == ["AQ"]
    assert case.pseudonyms.redact(case.segments["excerpt"].iloc[0], anonymise=False) == \
        f"{case.pseudonyms.of('p2')}'s team waits for the chief executive."


def test_blank_case_reports_what_is_left_to_fill(blank):
    from partnet.case import check_case

    case, problems = check_case(blank)
    assert case is None
    assert sorted((p.code, p.file, p.column) for p in problems if p.severity == "error") == [
        ("empty-table", "organisations.csv", None), ("empty-table", "people.csv", None),
        ("missing-field", "case.yaml", "description"), ("missing-field", "case.yaml", "survey_date"),
        ("missing-field", "case.yaml", "title")]


def test_init_output_validates_once_filled_csv(blank):
    import partnet

    text = (blank / "case.yaml").read_text(encoding="utf-8")
    for field, value in META.items():
        text = text.replace(f"{field}: ''", f"{field}: {value}")
    (blank / "case.yaml").write_text(text, encoding="utf-8")
    for stem, rows in FILLED.items():
        with open(blank / f"{stem}.csv", "a", encoding="utf-8") as f:
            f.writelines(",".join(row) + "\n" for row in rows)
    case = partnet.load_case(blank)
    # Two organisations of two people each: their codes would identify them (docs/privacy.md).
    assert [(w.code, w.value) for w in case.warnings] == SMALL_ORGANISATION_WARNINGS
    _check_loaded(case)


def test_init_output_validates_once_filled_workbook(blank, tmp_path):
    import partnet

    wb = openpyxl.load_workbook(blank / template_name("northvale"))
    for row in wb["case"].iter_rows(min_row=2):
        if row[0].value in META:
            row[1].value = META[row[0].value]
    for stem, rows in FILLED.items():
        for values in rows:
            wb[stem].append([int(v) if stem == "ties" and v.isdigit() else (v or None) for v in values])
    target = tmp_path / "filled" / "northvale"
    target.mkdir(parents=True)
    wb.save(target / "northvale.xlsx")  # alone in a folder named after the case, as README.txt says
    wb.close()
    case = partnet.load_case(target)
    assert [(w.code, w.value) for w in case.warnings] == SMALL_ORGANISATION_WARNINGS
    _check_loaded(case)


def test_waves_are_offered_but_not_written(blank):
    import datetime

    text = (blank / "case.yaml").read_text(encoding="utf-8")
    assert "waves" not in yaml.safe_load(text)  # commented out: a blank case has one survey
    example = [line[2:] for line in text.splitlines() if line.startswith(("# waves:", "#   - {id:"))]
    assert yaml.safe_load("\n".join(example)) == {"waves": [
        {"id": "w1", "survey_date": datetime.date(2006, 11, 14)},
        {"id": "w2", "survey_date": datetime.date(2008, 3, 2)}]}
    assert not (blank / "responses.csv").exists()
    readme = (blank / "README.txt").read_text(encoding="utf-8")
    assert "responses.csv (optional, not written here)" in readme and "yes, no, absent" in readme
    assert "  wave (optional): " in readme
    assert (blank / "ties.csv").read_text(encoding="utf-8") == "respondent,alter,relation,frequency,wave\n"

"""Validation rules: each reason code, with its file, row and column."""

from __future__ import annotations

import pytest

from partnet import DataError, load_case
from partnet.case import check_case
from partnet.validate import RULES

from ._builders import PEOPLE, PEOPLE_HEADER, TIES_HEADER


def problems_of(folder):
    case, problems = check_case(folder)
    return case, {(p.code, p.file, p.row, p.column) for p in problems}, problems


def only(problems, code):
    hits = [p for p in problems if p.code == code]
    assert hits, f"no {code} in {[p.code for p in problems]}"
    return hits


def test_example_is_clean(make_case):
    case, found, _ = problems_of(make_case())
    assert case is not None and found == set()


def test_every_documented_rule_has_a_code_list():
    assert "unknown-person" in RULES and "self-tie" in RULES and len(RULES) == len(set(RULES)) >= 30


@pytest.mark.parametrize(
    "ties, code, row, column, suggestion",
    [
        ("p1,Bram Okonjoo,egov_contact,3\n", "unknown-person", 2, "alter", ("Bram Okonjo",)),
        ("p1,p2,egov_contact,weekly\n", "invalid-frequency", 2, "frequency", ("4",)),
        ("p1,p2,egov_contact,6\n", "invalid-frequency", 2, "frequency", ()),
        ("p1,p2,egov_contact,\n", "blank-value", 2, "frequency", ()),
        (",p2,egov_contact,2\n", "blank-value", 2, "respondent", ()),
        ("p4,p1,egov_contact,2\n", "nonrespondent-tie", 2, "respondent", ()),
        ("p1,p2,egov_contact,2\np1,p2,egov_contact,3\n", "conflicting-tie", 3, "frequency", ()),
    ],
    ids=["name-typo", "frequency-word", "frequency-range", "frequency-blank", "respondent-blank",
         "nonrespondent", "conflict"],
)
def test_tie_errors(make_case, ties, code, row, column, suggestion):
    case, found, problems = problems_of(make_case(ties=TIES_HEADER + ties))
    assert case is None
    hit = only(problems, code)[0]
    assert (hit.file, hit.row, hit.column, hit.severity) == ("ties.csv", row, column, "error")
    assert hit.suggestion[: len(suggestion)] == suggestion


@pytest.mark.parametrize(
    "ties, code, expected_ties",
    [
        ("p1,p1,egov_contact,3\np1,p2,egov_contact,3\n", "self-tie", 1),
        ("p1,p2,egov_contact,3\np1,p2,egov_contact,3\n", "duplicate-tie", 1),
    ],
    ids=["self-tie", "duplicate-tie"],
)
def test_tie_warnings_repair(make_case, ties, code, expected_ties):
    case, _found, problems = problems_of(make_case(ties=TIES_HEADER + ties))
    assert case is not None and len(case.ties) == expected_ties
    hit = only(problems, code)[0]
    assert hit.severity == "warning" and hit.row in (2, 3)


def test_names_match_ignoring_case_and_spaces(make_case):
    case = load_case(make_case(ties=TIES_HEADER + "  ada quintrell ,  BRAM   okonjo ,egov_contact,2\n"))
    assert list(case.ties[["respondent", "alter"]].itertuples(index=False, name=None)) == [("p1", "p2")]


def test_shared_name_asks_for_ids(make_case):
    people = PEOPLE + "p5,Bram Okonjo,Eastmarsh County Council,officer,ICT,middle,yes,yes\n"
    folder = make_case(people=people, ties=TIES_HEADER + "p1,Bram Okonjo,egov_contact,2\np1,p5,egov_contact,2\n")
    case, _found, problems = problems_of(folder)
    hit = only(problems, "ambiguous-name")[0]
    assert (hit.row, hit.column, hit.suggestion) == (2, "alter", ("p2", "p5"))
    assert only(problems, "duplicate-name")[0].severity == "warning"


@pytest.mark.parametrize(
    "people, code, row, column, suggestion",
    [
        (PEOPLE.replace("p2,Bram Okonjo,Northvale District Council,officer",
                        "p2,Bram Okonjo,Northvale District Council,oficer"), "invalid-choice", 3, "role", ("officer",)),
        (PEOPLE.replace("Eastmarsh County Council,councillor", "Eastmarsh Country Council,councillor"),
         "unknown-organisation", 4, "organisation", ("Eastmarsh County Council",)),
        (PEOPLE.replace("p3,Cerys", "p2,Cerys"), "duplicate-id", 4, "person_id", ()),
        (PEOPLE.replace("junior,no,yes", "junior,maybe,yes"), "invalid-choice", 5, "responded", ()),
        (PEOPLE.replace("p1,Ada Quintrell", "p1,"), "blank-value", 2, "name", ()),
        (PEOPLE.replace(",senior,yes,yes\np2", ",seniour,yes,yes\np2"), "invalid-choice", 2, "seniority", ("senior",)),
    ],
    ids=["role-typo", "org-typo", "duplicate-id", "yes-no", "blank-name", "seniority"],
)
def test_people_errors(make_case, people, code, row, column, suggestion):
    _case, _found, problems = problems_of(make_case(people=people))
    hit = [p for p in problems if p.code == code and p.column == column][0]
    assert (hit.file, hit.row) == ("people.csv", row)
    assert hit.suggestion[: len(suggestion)] == suggestion


def test_choices_are_normalised(make_case):
    people = PEOPLE.replace("officer,ICT,senior,yes,yes", "Officer,ict,Senior,Y,TRUE")
    people = people.replace("citizen-facing", "Citizen Facing")
    people = people.replace("p3,Cerys Vantongeren,Eastmarsh County Council",
                            "p3,Cerys Vantongeren,eastmarsh  COUNTY council")
    case = load_case(make_case(people=people))
    assert case.people.set_index("person_id").loc["p3", "organisation"] == "Eastmarsh County Council"
    p1 = case.people.set_index("person_id").loc["p1"]
    assert ((p1["role"], p1["directorate"], p1["seniority"], bool(p1["consent_named"]))
            == ("officer", "ICT", "senior", True))
    assert case.people.set_index("person_id").loc["p2", "directorate"] == "citizen-facing"


def test_organisation_rules(make_case):
    orgs = ("organisation,org_type,size,code\n"
            "Northvale District Council,district concil,lots,NDC\n"
            "Eastmarsh County Council,county council,,NDC\n"
            "Northvale District Council,district council,10,NV\n")
    _case, found, problems = problems_of(make_case(organisations=orgs))
    assert ("invalid-choice", "organisations.csv", 2, "org_type") in found
    assert only(problems, "invalid-choice")[0].suggestion == ("district council",)
    assert ("invalid-number", "organisations.csv", 2, "size") in found
    assert ("missing-size", "organisations.csv", 3, "size") in found
    assert ("duplicate-id", "organisations.csv", 3, "code") in found
    assert ("duplicate-id", "organisations.csv", 4, "organisation") in found


def test_missing_column_suggests_the_near_header(make_case):
    _case, found, problems = problems_of(make_case(ties="respondant,alter,relation,frequency\np1,p2,egov_contact,2\n"))
    hit = only(problems, "missing-column")[0]
    assert (hit.file, hit.row, hit.column, hit.suggestion) == ("ties.csv", 1, "respondent", ("respondant",))


def test_every_problem_of_every_file_at_once(make_case):
    people = PEOPLE.replace("officer,ICT", "oficer,ICT")
    ties = TIES_HEADER + "p1,Zed Nobody,egov_contact,3\np2,p3,egov_contact,daily\n"
    segments = "segment_id,person_id,code,excerpt,source,coder\ns1,p9,leadershp,Words.,int,\n"
    with pytest.raises(DataError) as info:
        load_case(make_case(people=people, ties=ties, segments=segments))
    codes = info.value.codes()
    assert sorted(codes) == sorted(["invalid-choice", "unknown-person", "invalid-frequency",
                                    "unknown-person", "unknown-code"])
    table = info.value.table()
    assert set(table["file"]) == {"people.csv", "ties.csv", "segments.csv"}
    assert "did you mean 'leadership'?" in str(info.value)


def test_missing_and_empty_files(make_case):
    _case, found, problems = problems_of(make_case(drop=["people.csv"], ties=b""))
    assert ("missing-file", "people.csv", None, None) in found
    assert ("empty-file", "ties.csv", None, None) in found


def test_misnamed_file_gets_a_suggestion(make_case):
    folder = make_case()
    (folder / "people.csv").rename(folder / "peopel.csv")
    _case, _found, problems = problems_of(folder)
    assert only(problems, "missing-file")[0].suggestion == ("peopel.csv",)


def test_case_id_must_equal_folder(make_case):
    folder = make_case(name="shire")
    (folder / "case.yaml").write_text((folder / "case.yaml").read_text().replace("id: shire", "id: shires"))
    _case, found, problems = problems_of(folder)
    hit = only(problems, "case-id-mismatch")[0]
    assert (hit.value, hit.expected) == ("shires", "'shire'")


@pytest.mark.parametrize(
    "yaml_text, code, row, column, value",
    [
        ("id: example\ntitle: [unclosed\n", "invalid-yaml", 3, None, None),
        ("id: example\ntitle: T\ndescription: D\nrelation: egov_contact\n", "missing-field", None, "survey_date",
         None),
        ("id: example\ntitle: T\ndescription: D\nrelation: r\nsurvey_date: March\n", "invalid-date", None,
         "survey_date", "March"),
        ("id: example\ntitle: T\ndescription: D\nrelation: r\nsurvey_date: 2026-01\nnonrespondents: impute\n",
         "invalid-option", None, "nonrespondents", "impute"),
        ("id: example\ntitle: T\ndescription: D\nrelation: r\nsurvey_date: 2026-01\nmin_frequency: true\n",
         "invalid-option", None, "min_frequency", "True"),
    ],
    ids=["bad-yaml", "missing-field", "bad-date", "bad-option", "boolean-min-frequency"],
)
def test_case_yaml_rules(make_case, yaml_text, code, row, column, value):
    _case, _found, problems = problems_of(make_case(**{"case.yaml": yaml_text}))
    hit = only(problems, code)[0]
    assert (hit.file, hit.row, hit.column, hit.value) == ("case.yaml", row, column, value)


def test_codebook_rules(make_case):
    codebook = ("code,theme,dimension,description,parent\n"
                "leadership,leadership,governace,x,\n"
                "lead_top,,,x,leadershipp\n"
                "a,,,x,b\n"
                "b,,,x,a\n"
                "leadership,leadership,governance,x,\n")
    _case, found, problems = problems_of(make_case(codebook=codebook,
                                                   segments=b"segment_id,person_id,code,excerpt,source\n"))
    assert ("invalid-choice", "codebook.csv", 2, "dimension") in found
    assert ("unknown-code", "codebook.csv", 3, "parent") in found
    assert only(problems, "unknown-code")[0].suggestion == ("leadership",)
    assert {p.row for p in only(problems, "codebook-cycle")} == {4, 5}
    assert ("duplicate-id", "codebook.csv", 6, "code") in found
    assert ("no-theme", "codebook.csv", 3, "theme") in found


def test_codebook_inheritance(make_case):
    case = load_case(make_case())
    row = case.codebook.set_index("code").loc["lead_top"]
    assert (row["theme"], row["dimension"], row["parent"]) == ("leadership", "governance", "leadership")


def test_segment_rules(make_case):
    segments = ("segment_id,person_id,code,excerpt,source,coder\n"
                "s1,p1,leadership,Text one.,i1,A\n"
                "s1,p1,leadership,Text one.,i1,A\n"
                "s1,p2,lead_top,Text one.,i1,B\n"
                "s2,p3,leadership,,i2,A\n")
    _case, found, problems = problems_of(make_case(segments=segments))
    assert ("duplicate-segment", "segments.csv", 3, "code") in found
    assert ("inconsistent-segment", "segments.csv", 4, "person_id") in found
    assert ("blank-value", "segments.csv", 5, "excerpt") in found


def test_double_coding_by_two_coders_is_valid(make_case):
    segments = ("segment_id,person_id,code,excerpt,source,coder\n"
                "s1,p1,leadership,Text one.,i1,A\n"
                "s1,p1,leadership,Text one.,i1,B\n"
                "s1,p1,lead_top,Text one.,i1,B\n")
    case = load_case(make_case(segments=segments))
    assert len(case.segments) == 3 and set(case.segments["coder"]) == {"A", "B"}


def test_segments_without_codebook(make_case):
    _case, _found, problems = problems_of(make_case(drop=["codebook.csv"]))
    assert "missing-codebook" in [p.code for p in problems]


def test_interviews_are_optional(make_case):
    case = load_case(make_case(drop=["codebook.csv", "segments.csv"]))
    assert len(case.segments) == 0 and len(case.codebook) == 0


def test_extra_fields_and_extra_columns(make_case):
    people = PEOPLE.replace("junior,no,yes", "junior,no,yes,surplus").replace(
        "consent_named\n", "consent_named\n", 1)
    _case, found, _ = problems_of(make_case(people=people))
    assert ("extra-fields", "people.csv", 5, None) in found
    people = PEOPLE.replace("consent_named\n", "consent_named,years_in_post\n").replace(",yes\n", ",yes,4\n")
    case = load_case(make_case(name="extra", people=people.replace(",no\n", ",no,2\n")))
    assert "years_in_post" in case.people.columns


def test_empty_roster_is_an_error(make_case):
    _case, found, _ = problems_of(make_case(people=PEOPLE_HEADER))
    assert ("empty-table", "people.csv", None, None) in found


def test_blank_csvs_beside_a_filled_workbook_are_ignored(tmp_path, make_workbook):
    folder = tmp_path / "wb"
    folder.mkdir()
    make_workbook(folder / "wb.xlsx", case_id="wb")
    (folder / "people.csv").write_text(PEOPLE_HEADER)
    (folder / "ties.csv").write_text(TIES_HEADER)
    case = load_case(folder)
    assert len(case.people) == 4 and len(case.ties) == 3


def test_every_code_the_readers_and_rules_emit_is_documented():
    import partnet.validate
    from partnet.errors import Problem, Reason, reason_table

    # A Problem can carry a registered code only, so every code emitted anywhere is in the registry ...
    with pytest.raises(ValueError, match="'no-such-code' is not a reason code"):
        Problem("no-such-code", "ties.csv", "made up")
    emitted = set(Reason.codes())
    emitted |= {"unknown-person", "ambiguous-name"}  # returned by PersonResolver.resolve
    assert len(emitted) >= 35
    assert sorted(emitted - set(RULES)) == []
    # ... and the registry is the table of validate's documentation, one row per code with its severity.
    rows = {line.split()[0]: line.split()[1] for line in reason_table().splitlines()[3:-1]}
    assert rows == {r.value: r.severity for r in Reason}
    assert reason_table() in partnet.validate.__doc__


def test_person_id_matched_ignoring_case(make_case):
    case = load_case(make_case(ties=TIES_HEADER + " P1 ,p2,egov_contact,2\n"))
    assert list(case.ties[["respondent", "alter"]].itertuples(index=False, name=None)) == [("p1", "p2")]


def test_unknown_person_says_what_was_expected(make_case):
    _case, _found, problems = problems_of(make_case(ties=TIES_HEADER + "p1,Bram Okonjoo,egov_contact,3\n"))
    hit = only(problems, "unknown-person")[0]
    assert (hit.value, hit.expected, hit.suggestion) == ("Bram Okonjoo", "a person_id or name from people",
                                                         ("Bram Okonjo",))


@pytest.mark.parametrize(
    "files, reported, not_repeated",
    [
        ({"people": PEOPLE.replace("person_id,name", "person,name", 1)},
         ("missing-column", "people.csv", 1, "person_id"), "unknown-person"),
        ({"organisations": "organisation,type,size\nNorthvale District Council,district council,3\n"},
         ("missing-column", "organisations.csv", 1, "org_type"), "unknown-organisation"),
        ({"drop": ["codebook.csv"]}, ("missing-codebook", "segments.csv", None, None), "unknown-code"),
    ],
    ids=["roster", "organisations", "codebook"],
)
def test_a_broken_table_is_reported_once_not_on_every_row_that_refers_to_it(make_case, files, reported,
                                                                            not_repeated):
    case, found, problems = problems_of(make_case(**files))
    assert case is None and reported in found
    assert not_repeated not in [p.code for p in problems]


def test_header_problems(make_case):
    _case, found, _ = problems_of(
        make_case(ties="respondent,alter,,relation,frequency,alter\np1,p2,,egov_contact,2,p3\n"))
    assert ("blank-header", "ties.csv", 1, None) in found
    assert ("duplicate-column", "ties.csv", 1, "alter") in found


def test_header_only_ties_table_loads_with_a_warning(make_case):
    case = load_case(make_case(ties=TIES_HEADER))
    assert case.ties.empty
    assert [(w.code, w.file, w.severity) for w in case.warnings] == [("no-ties", "ties.csv", "warning")]
    assert case.graph().number_of_edges() == 0

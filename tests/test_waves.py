"""Survey waves: case.yaml ``waves:``, the ties' ``wave`` column, ``responses.csv``, ``Case.graph(wave=)`` and
``partnet import-survey --wave``."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from partnet import ParameterError, load_case
from partnet.case import check_case, load_roster
from partnet.cli import main
from partnet.errors import Reason

from ._builders import PEOPLE_HEADER

# Five people. Elin (p5) joined after the first wave; Cerys (p3) had left by the second.
# people.csv: p4 responded = no (the default for every wave), everyone else yes.
PEOPLE = (
    PEOPLE_HEADER
    + "p1,Ada Quintrell,Northvale District Council,officer,ICT,senior,yes,yes\n"
    + "p2,Bram Okonjo,Northvale District Council,officer,citizen-facing,middle,yes,no\n"
    + "p3,Cerys Vantongeren,Eastmarsh County Council,councillor,none,senior,yes,yes\n"
    + "p4,Dov Haraldsen,Eastmarsh County Council,officer,back-office,junior,no,yes\n"
    + "p5,Elin Marchetti,Northvale District Council,officer,ICT,middle,yes,yes\n"
)
WAVES = "waves:\n  - {id: w1, survey_date: 2006-11-14}\n  - {id: w2, survey_date: 2008-03-02}\n"
# w1: p1 p2 p3 answered, p4 did not, p5 absent.  w2: p1 p4 p5 answered, p2 did not, p3 absent.
RESPONSES = ("person_id,wave,responded\n"
             "p5,w1,absent\np5,w2,yes\n"
             "Cerys Vantongeren,w2,absent\n"
             "p4,w2,yes\n"
             "p2,w2,no\n")
TIES_HEADER = "respondent,alter,relation,frequency,wave\n"
TIES = (TIES_HEADER
        + "p1,p2,egov_contact,3,w1\np2,Cerys Vantongeren,egov_contact,2,w1\np1,p4,egov_contact,4,w1\n"
        + "p3,p1,egov_contact,1,w1\n"
        + "p1,p2,egov_contact,4,w2\np4,p1,egov_contact,2,w2\np5,p2,egov_contact,3,w2\np1,p5,egov_contact,5,w2\n")


@pytest.fixture
def make_waves(make_case):
    """The two-wave case; keyword arguments replace its files (None drops one)."""

    def make(name="example", waves=WAVES, ties=TIES, responses=RESPONSES, people=PEOPLE, **files):
        drop = ["segments.csv"] + (["ties.csv"] if ties is None else [])
        extra = {"responses": responses} if responses is not None else {}
        folder = make_case(name, drop=drop, people=people, **({"ties": ties} if ties is not None else {}),
                           **extra, **files)
        yaml_path = folder / "case.yaml"
        yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + waves, encoding="utf-8")
        return folder

    return make


def edges(G):
    return sorted((u, v, d["frequency"], d["imputed"]) for u, v, d in G.edges(data=True))


def problems_of(folder, code):
    case, problems = check_case(folder)
    hits = [p for p in problems if p.code == code]
    assert hits, f"no {code} in {[p.code for p in problems]}"
    return case, hits


# --- the loaded case ---------------------------------------------------------------------------


def test_waves_dates_ties_and_responses(make_waves):
    case = load_case(make_waves())
    assert case.waves == ["w1", "w2"]
    assert case.wave_dates == {"w1": "2006-11-14", "w2": "2008-03-02"}
    assert case.meta["survey_date"] == "2026-03-01"  # the case's own reference date is kept
    assert list(case.ties.columns) == ["respondent", "alter", "relation", "frequency", "wave"]
    assert case.ties["frequency"].dtype == "int64"
    assert list(case.ties.itertuples(index=False, name=None)) == [
        ("p1", "p2", "egov_contact", 3, "w1"), ("p2", "p3", "egov_contact", 2, "w1"),
        ("p1", "p4", "egov_contact", 4, "w1"), ("p3", "p1", "egov_contact", 1, "w1"),
        ("p1", "p2", "egov_contact", 4, "w2"), ("p4", "p1", "egov_contact", 2, "w2"),
        ("p5", "p2", "egov_contact", 3, "w2"), ("p1", "p5", "egov_contact", 5, "w2")]
    assert list(case.responses.columns) == ["person_id", "wave", "responded"]
    assert list(case.responses.itertuples(index=False, name=None)) == [
        ("p1", "w1", "yes"), ("p2", "w1", "yes"), ("p3", "w1", "yes"), ("p4", "w1", "no"), ("p5", "w1", "absent"),
        ("p1", "w2", "yes"), ("p2", "w2", "no"), ("p3", "w2", "absent"), ("p4", "w2", "yes"), ("p5", "w2", "yes")]
    assert case.warnings == []


def test_without_responses_csv_everyone_is_on_every_roster_with_people_csvs_flag(make_waves):
    ties = TIES_HEADER + "p1,p2,egov_contact,3,w1\np1,p2,egov_contact,3,w2\n"
    case = load_case(make_waves(ties=ties, responses=None))
    assert case.responses.groupby("wave")["responded"].apply(list).to_dict() == {
        "w1": ["yes", "yes", "yes", "no", "yes"], "w2": ["yes", "yes", "yes", "no", "yes"]}
    assert sorted(case.graph(wave="w1")) == sorted(case.graph(wave="w2")) == ["p1", "p2", "p3", "p4", "p5"]


def test_graph_of_the_first_wave(make_waves):
    G = load_case(make_waves()).graph(wave="w1")
    assert sorted(G) == ["p1", "p2", "p3", "p4"]  # Elin had not joined
    assert edges(G) == [("p1", "p2", 3, False), ("p1", "p4", 4, False), ("p2", "p3", 2, False),
                        ("p3", "p1", 1, False)]
    assert {v: d["responded"] for v, d in G.nodes(data=True)} == {"p1": True, "p2": True, "p3": True, "p4": False}
    assert G.graph["wave"] == "w1" and G.graph["survey_date"] == "2006-11-14"
    assert list(G.graph) == ["case_id", "title", "relation", "scale", "min_frequency", "nonrespondents", "wave",
                             "survey_date"]


def test_graph_defaults_to_the_last_wave(make_waves):
    case = load_case(make_waves())
    G = case.graph()
    assert G.graph["wave"] == "w2" and G.graph["survey_date"] == "2008-03-02"
    assert sorted(G) == ["p1", "p2", "p4", "p5"]  # Cerys had left
    assert edges(G) == [("p1", "p2", 4, False), ("p1", "p5", 5, False), ("p4", "p1", 2, False),
                        ("p5", "p2", 3, False)]
    assert {v: d["responded"] for v, d in G.nodes(data=True)} == {"p1": True, "p2": False, "p4": True, "p5": True}
    assert edges(case.graph(wave="w2")) == edges(G)


def test_nonrespondents_are_treated_wave_by_wave(make_waves):
    case = load_case(make_waves())
    assert sorted(case.graph(wave="w1", nonrespondents="drop")) == ["p1", "p2", "p3"]
    assert sorted(case.graph(wave="w2", nonrespondents="drop")) == ["p1", "p4", "p5"]
    assert edges(case.graph(wave="w2", nonrespondents="drop")) == [("p1", "p5", 5, False), ("p4", "p1", 2, False)]
    imputed = [e for e in edges(case.graph(wave="w2", nonrespondents="reconstruct")) if e[3]]
    assert imputed == [("p2", "p1", 4, True), ("p2", "p5", 3, True)]
    imputed = [e for e in edges(case.graph(wave="w1", nonrespondents="reconstruct")) if e[3]]
    assert imputed == [("p4", "p1", 4, True)]


def test_min_frequency_and_relation_apply_within_the_wave(make_waves):
    case = load_case(make_waves())
    assert edges(case.graph(wave="w1", min_frequency=3)) == [("p1", "p2", 3, False), ("p1", "p4", 4, False)]


def test_an_unknown_wave_or_a_wave_of_a_case_without_waves_is_refused(make_waves, make_case):
    case = load_case(make_waves())
    with pytest.raises(ParameterError, match=r"wave must be a wave of the case \(w1, w2\); 'w3' was given; "
                                             r"did you mean 'w2'\?"):
        case.graph(wave="w3")
    plain = load_case(make_case("plain"))
    with pytest.raises(ParameterError, match="declares no waves"):
        plain.graph(wave="w1")


def test_a_case_without_waves_is_unchanged(make_case):
    case = load_case(make_case())
    assert case.waves == [] and case.wave_dates == {}
    assert list(case.responses.columns) == ["person_id", "wave", "responded"] and case.responses.empty
    assert list(case.ties.columns) == ["respondent", "alter", "relation", "frequency"]
    assert "waves" not in case.meta
    G = case.graph()
    assert list(G.graph) == ["case_id", "title", "relation", "scale", "min_frequency", "nonrespondents"]
    assert sorted(G) == ["p1", "p2", "p3", "p4"] and G.number_of_edges() == 3


def test_a_blank_wave_column_in_a_case_without_waves_is_fine(make_case):
    ties = TIES_HEADER + "p1,p2,egov_contact,3,\np2,p3,egov_contact,2,\n"
    case = load_case(make_case(ties=ties))
    assert list(case.ties.columns) == ["respondent", "alter", "relation", "frequency"] and len(case.ties) == 2


def test_duplicates_and_conflicts_are_within_one_wave(make_waves):
    ties = TIES + "p1,p2,egov_contact,3,w1\n"  # row 10: the same tie again in w1, same value
    case = load_case(make_waves(ties=ties))
    assert [(w.code, w.row) for w in case.warnings] == [("duplicate-tie", 10)]
    assert "in wave w1" in case.warnings[0].message
    _, hits = problems_of(make_waves("other", ties=TIES + "p1,p2,egov_contact,5,w2\n"), "conflicting-tie")
    assert [(p.row, p.column, p.value) for p in hits] == [(10, "frequency", "5")]
    assert "on row 6 with frequency 4 in wave w2" in hits[0].message


def test_a_wave_is_matched_ignoring_case_and_spaces(make_waves):
    case = load_case(make_waves(ties=TIES.replace("4,w2", "4, W2 ")))
    assert list(case.ties["wave"]).count("w2") == 4


def test_a_case_with_one_wave_reads_a_ties_matrix_as_that_wave(make_waves):
    folder = make_waves(waves="waves:\n  - {id: only, survey_date: 2026-03}\n", ties=None, responses=None,
                        ties_matrix=",p1,p2,p3\np1,,3,\np2,,,2\n")
    case = load_case(folder)
    assert list(case.ties.itertuples(index=False, name=None)) == [("p1", "p2", "egov_contact", 3, "only"),
                                                                 ("p2", "p3", "egov_contact", 2, "only")]
    assert case.graph().graph["wave"] == "only"


def test_load_roster_works_for_a_case_with_waves_and_no_ties_yet(make_waves):
    case = load_roster(make_waves(ties=None))
    assert case.waves == ["w1", "w2"] and len(case.ties) == 0
    assert list(case.ties.columns) == ["respondent", "alter", "relation", "frequency", "wave"]
    assert len(case.responses) == 10 and case.graph(wave="w1").number_of_edges() == 0


# --- the rules ---------------------------------------------------------------------------------


def test_the_reason_codes_are_registered():
    assert {c: Reason(c).severity for c in ("invalid-waves", "undeclared-waves", "unknown-wave", "ties-without-wave",
                                            "duplicate-response", "absent-tie", "wave-without-ties")} == {
        "invalid-waves": "error", "undeclared-waves": "error", "unknown-wave": "error",
        "ties-without-wave": "error", "duplicate-response": "error", "absent-tie": "error",
        "wave-without-ties": "warning"}


@pytest.mark.parametrize("waves, found", [
    ("waves: w1\n", [("invalid-waves", "waves", "w1", ())]),
    ("waves: []\n", [("invalid-waves", "waves", "[]", ())]),
    ("waves:\n  - w1\n", [("invalid-waves", "waves: 1", "w1", ())]),
    ("waves:\n  - {id: w1, survey_date: 2006-11-14}\n  - {id: W1, survey_date: 2008-03-02}\n",
     [("invalid-waves", "waves: W1", "W1", ())]),
    ("waves:\n  - {id: w1, survey_date: 2006-11-14}\n  - {id: w2, sruvey_date: 2008-03-02}\n",
     [("invalid-waves", "waves: 2", "sruvey_date", ("survey_date",)), ("invalid-waves", "waves: w2", None, ())]),
    ("waves:\n  - {survey_date: 2006-11-14}\n", [("invalid-waves", "waves: 1", None, ())]),
    ("waves:\n  - {id: [a], survey_date: 2006-11-14}\n", [("invalid-waves", "waves: 1", "['a']", ())]),
    ("waves:\n  - {id: w1, survey_date: 14/11/2006}\n", [("invalid-date", "waves: w1", "14/11/2006", ())]),
    ("waves:\n  - {id: w1, survey_date: 2008-03-02}\n  - {id: w2, survey_date: 2006-11}\n",
     [("invalid-waves", "waves: w2", "2006-11", ())]),
], ids=["not-a-list", "empty", "not-a-mapping", "repeated-id", "unknown-field", "no-id", "id-not-text", "bad-date",
        "out-of-order"])
def test_a_wrong_waves_list_is_reported_once_and_nothing_else(make_waves, waves, found):
    case, problems = check_case(make_waves(waves=waves))
    assert case is None
    assert [(p.code, p.file, p.column, p.value, p.suggestion) for p in problems] == [
        (code, "case.yaml", column, value, suggestion) for code, column, value, suggestion in found]


def test_a_whole_number_is_a_wave_id_as_its_text(make_waves):
    waves = "waves:\n  - {id: 1, survey_date: 2006-11-14}\n  - {id: 2, survey_date: 2008-03}\n"
    ties = TIES.replace(",w1\n", ",1\n").replace(",w2\n", ",2\n")
    case = load_case(make_waves(waves=waves, ties=ties, responses=RESPONSES.replace(",w1,", ",1,")
                                .replace(",w2,", ",2,")))
    assert case.waves == ["1", "2"] and case.wave_dates == {"1": "2006-11-14", "2": "2008-03"}


def test_a_tie_without_a_wave_lists_the_waves(make_waves):
    _, hits = problems_of(make_waves(ties=TIES.replace("p1,p4,egov_contact,4,w1", "p1,p4,egov_contact,4,")),
                          "blank-value")
    assert [(p.file, p.row, p.column, p.expected) for p in hits] == [("ties.csv", 4, "wave", "one of w1, w2")]


def test_an_unknown_wave_names_the_nearest(make_waves):
    _, hits = problems_of(make_waves(ties=TIES.replace("p1,p4,egov_contact,4,w1", "p1,p4,egov_contact,4,wave1")),
                          "unknown-wave")
    assert [(p.file, p.row, p.column, p.value, p.expected, p.suggestion) for p in hits] == [
        ("ties.csv", 4, "wave", "wave1", "w1, w2", ("w1",))]


def test_waves_in_the_ties_but_not_in_case_yaml(make_case):
    case, problems = check_case(make_case(people=PEOPLE, ties=TIES))
    assert case is None
    assert [(p.code, p.row, p.column, p.value) for p in problems] == [("undeclared-waves", 2, "wave", "w1")]
    assert "declares none" in problems[0].message
    assert problems[0].expected == ("waves: in case.yaml listing w1, w2 in order, each with its survey date, e.g. "
                                    "'- {id: w1, survey_date: YYYY-MM-DD}'")


def test_responses_but_no_waves(make_case):
    case, problems = check_case(make_case(responses=RESPONSES))
    assert case is None and [(p.code, p.file) for p in problems] == [("undeclared-waves", "responses.csv")]


def test_several_waves_need_ties_with_a_wave_column(make_waves):
    _, hits = problems_of(make_waves(ties=None, ties_matrix=",p1,p2\np1,,3\n"), "ties-without-wave")
    assert [(p.file, p.column) for p in hits] == [("ties_matrix.csv", "wave")]
    assert "w1, w2" in hits[0].expected
    _, hits = problems_of(make_waves("other", ties="respondent,alter,relation,frequency\np1,p2,egov_contact,3\n"),
                          "ties-without-wave")
    assert [(p.file, p.column) for p in hits] == [("ties.csv", "wave")]


def test_a_tie_in_a_wave_its_respondent_did_not_answer(make_waves):
    ties = TIES + "p2,p1,egov_contact,2,w2\np4,p2,egov_contact,1,w1\n"
    _, hits = problems_of(make_waves(ties=ties), "nonrespondent-tie")
    assert [(p.row, p.column, p.value) for p in hits] == [(10, "respondent", "p2"), (11, "respondent", "p4")]
    assert "in wave w2" in hits[0].message and "in wave w1" in hits[1].message


def test_an_undirected_relation_has_no_nonrespondent_rule_in_a_wave(make_waves, make_case):
    waves = WAVES + "relations:\n  egov_contact: {directed: false, scale: frequency}\n"
    case = load_case(make_waves(waves=waves, ties=TIES + "p2,p4,egov_contact,2,w2\n"))
    G = case.graph(wave="w2")
    assert not G.is_directed() and ("p2", "p4") in G.edges


def test_a_tie_with_someone_absent_from_the_wave(make_waves):
    ties = TIES + "Cerys Vantongeren,p1,egov_contact,2,w2\np1,p5,egov_contact,2,w1\n"
    _, hits = problems_of(make_waves(ties=ties), "absent-tie")
    assert [(p.file, p.row, p.column, p.value) for p in hits] == [
        ("ties.csv", 10, "respondent", "Cerys Vantongeren"), ("ties.csv", 11, "alter", "p5")]
    assert "p3 is absent from wave w2" in hits[0].message and "p5 is absent from wave w1" in hits[1].message


def test_a_wave_without_ties_is_a_warning(make_waves):
    ties = TIES_HEADER + "p1,p2,egov_contact,3,w1\n"
    case = load_case(make_waves(ties=ties))
    assert [(w.code, w.column, w.value, w.severity) for w in case.warnings] == [
        ("wave-without-ties", "wave", "w2", "warning")]
    assert case.graph().number_of_edges() == 0 and case.graph().graph["wave"] == "w2"


@pytest.mark.parametrize("row, code, column, value, suggestion", [
    ("Ada Quintrel,w1,yes", "unknown-person", "person_id", "Ada Quintrel", ("Ada Quintrell",)),
    ("p1,w3,yes", "unknown-wave", "wave", "w3", ("w2",)),
    ("p1,,yes", "blank-value", "wave", None, ()),
    ("p1,w1,absnet", "invalid-choice", "responded", "absnet", ("absent",)),
    ("p1,w1,", "blank-value", "responded", None, ()),
    ("p5,w1,no", "duplicate-response", "person_id", "p5", ()),
])
def test_responses_rules(make_waves, row, code, column, value, suggestion):
    case, problems = check_case(make_waves(responses=RESPONSES + row + "\n"))
    assert case is None
    assert [(p.code, p.file, p.row, p.column, p.value, p.suggestion) for p in problems] == [
        (code, "responses.csv", 7, column, value, suggestion)]


def test_responses_yes_and_no_are_read_as_in_people_csv(make_waves):
    case = load_case(make_waves(responses=RESPONSES.replace("p2,w2,no", "p2,w2,N").replace("p4,w2,yes", "p4,w2,Y")))
    assert dict(zip(case.responses["person_id"] + case.responses["wave"], case.responses["responded"]))[
        "p2w2"] == "no"


# --- the workbook ------------------------------------------------------------------------------


def _rows(text):
    return [line.split(",") for line in text.strip("\n").split("\n")]


def _workbook(path, waves=True):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheets = {
        "case": [["field", "value"], ["id", path.stem], ["title", "Workbook waves (fictional)"],
                 ["description", "d"], ["relation", "egov_contact"], ["survey_date", "2006-11-14"],
                 ["small_organisations", "keep"]],
        "organisations": [["organisation", "org_type", "size"], ["Northvale District Council", "district council", 320],
                          ["Eastmarsh County Council", "county council", 4100]],
        "people": _rows(PEOPLE),
        "ties": _rows(TIES),
        "responses": _rows(RESPONSES),
    }
    if waves:
        sheets["waves"] = [["id", "survey_date"], ["w1", "2006-11-14"], ["w2", "2008-03-02"]]
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_workbook_with_waves_and_responses_sheets_reads_as_the_csv_files(make_waves, tmp_path):
    book = load_case(_workbook(tmp_path / "book.xlsx"))
    folder = load_case(make_waves())
    assert book.waves == folder.waves and book.wave_dates == folder.wave_dates
    pd.testing.assert_frame_equal(book.responses, folder.responses)
    pd.testing.assert_frame_equal(book.ties, folder.ties)
    for wave in ("w1", "w2"):
        assert edges(book.graph(wave=wave)) == edges(folder.graph(wave=wave))


def test_a_workbook_responses_sheet_without_waves_is_refused(tmp_path):
    case, problems = check_case(_workbook(tmp_path / "book.xlsx", waves=False))
    assert case is None
    assert {(p.code, p.file) for p in problems} == {("undeclared-waves", "book.xlsx:ties"),
                                                    ("undeclared-waves", "book.xlsx:responses")}


def test_a_waves_sheet_beside_case_yaml_is_ambiguous(make_waves):
    folder = make_waves()
    wb = openpyxl.Workbook()
    wb.active.title = "waves"
    wb.active.append(["id", "survey_date"])
    wb.active.append(["w1", "2006-11-14"])
    wb.save(folder / "case.xlsx")
    _, hits = problems_of(folder, "ambiguous-source")
    assert [p.file for p in hits] == ["case.xlsx:waves"]


# --- import-survey --wave ----------------------------------------------------------------------

EXPORT_HEADER = "respondent,Ada Quintrell,Bram Okonjo,Cerys Vantongeren,Dov Haraldsen,Elin Marchetti\n"
# The second wave's export: Ada, Dov and Elin answered; Bram did not; Cerys had left.
EXPORT_W2 = EXPORT_HEADER + "Ada Quintrell,,4,,,5\nBram Okonjo,,,,,\nDov Haraldsen,2,,,,\nElin Marchetti,,3,,,\n"


@pytest.fixture
def export_w2(tmp_path):
    path = tmp_path / "wave2.csv"
    path.write_text(EXPORT_W2, encoding="utf-8")
    return path


FIRST_WAVE_ROWS = TIES_HEADER + "p1,p2,egov_contact,3,w1\n\"Vantongeren, Cerys\",p1 ,egov_contact,1,w1\n"


def test_import_writes_only_its_wave_and_keeps_the_others_byte_for_byte(make_waves, export_w2, capsys):
    folder = make_waves(ties=FIRST_WAVE_ROWS)
    before = (folder / "ties.csv").read_bytes()
    assert main(["import-survey", str(export_w2), str(folder), "--wave", "w2"]) == 0
    out = capsys.readouterr().out
    assert "4 ties of 'egov_contact' in wave w2" in out
    after = (folder / "ties.csv").read_bytes()
    assert after == before + b"p1,p2,egov_contact,4,w2\np1,p5,egov_contact,5,w2\np4,p1,egov_contact,2,w2\n" \
                             b"p5,p2,egov_contact,3,w2\n"
    case = load_case(folder)
    assert edges(case.graph()) == [("p1", "p2", 4, False), ("p1", "p5", 5, False), ("p4", "p1", 2, False),
                                   ("p5", "p2", 3, False)]
    assert edges(case.graph(wave="w1")) == [("p1", "p2", 3, False), ("p3", "p1", 1, False)]


def test_import_refuses_to_replace_a_waves_rows_without_overwrite(make_waves, export_w2, tmp_path, capsys):
    folder = make_waves()  # both waves' ties already there
    before = (folder / "ties.csv").read_bytes()
    assert main(["import-survey", str(export_w2), str(folder), "--wave", "w2"]) == 1
    assert "already holds 4 ties of wave w2; add --overwrite" in capsys.readouterr().err
    assert (folder / "ties.csv").read_bytes() == before
    changed = tmp_path / "changed.csv"
    changed.write_text(EXPORT_W2.replace("Dov Haraldsen,2,", "Dov Haraldsen,5,"), encoding="utf-8")
    assert main(["import-survey", str(changed), str(folder), "--wave", "w2", "--overwrite"]) == 0
    assert "replacing its 4" in capsys.readouterr().out
    lines = (folder / "ties.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert "".join(lines[:5]) == TIES.split("p1,p2,egov_contact,4,w2")[0]  # w1 rows as they were
    assert lines[5:] == ["p1,p2,egov_contact,4,w2\n", "p1,p5,egov_contact,5,w2\n", "p4,p1,egov_contact,5,w2\n",
                         "p5,p2,egov_contact,3,w2\n"]


def test_a_replaced_wave_keeps_its_place_and_the_files_line_ends(make_waves, tmp_path, capsys):
    crlf = TIES.replace("\n", "\r\n")
    folder = make_waves(ties=crlf.encode("utf-8"))
    export = tmp_path / "wave1.csv"
    export.write_text(EXPORT_HEADER + "Ada Quintrell,,2,,,\nBram Okonjo,,,1,,\nCerys Vantongeren,,,,,\n"
                      "Dov Haraldsen,,,,,\n", encoding="utf-8")
    assert main(["import-survey", str(export), str(folder), "--wave", "W1", "--overwrite"]) == 0
    text = (folder / "ties.csv").read_bytes().decode("utf-8")
    w2 = crlf[crlf.index("p1,p2,egov_contact,4,w2"):]
    assert text == TIES_HEADER.replace("\n", "\r\n") + "p1,p2,egov_contact,2,w1\r\np2,p3,egov_contact,1,w1\r\n" + w2


def test_a_new_wave_goes_before_the_later_waves(make_waves, tmp_path):
    only_w2 = TIES_HEADER + "p1,p2,egov_contact,4,w2\n"
    folder = make_waves(ties=only_w2)
    export = tmp_path / "wave1.csv"
    export.write_text(EXPORT_HEADER + "Ada Quintrell,,2,,,\n", encoding="utf-8")
    assert main(["import-survey", str(export), str(folder), "--wave", "w1"]) == 0
    assert (folder / "ties.csv").read_text(encoding="utf-8") == \
        TIES_HEADER + "p1,p2,egov_contact,2,w1\np1,p2,egov_contact,4,w2\n"


def test_import_without_ties_csv_writes_one_with_a_wave_column(make_waves, export_w2):
    folder = make_waves(ties=None)
    assert main(["import-survey", str(export_w2), str(folder), "--wave", "w2"]) == 0
    assert (folder / "ties.csv").read_text(encoding="utf-8").splitlines()[:2] == [
        "respondent,alter,relation,frequency,wave", "p1,p2,egov_contact,4,w2"]
    assert load_case(folder).warnings[0].code == "wave-without-ties"


def test_wave_is_required_checked_and_refused_without_waves(make_waves, make_case, export_w2, capsys):
    folder = make_waves()
    assert main(["import-survey", str(export_w2), str(folder)]) == 1
    assert "has survey waves (w1, w2): say which wave the export is of with --wave" in capsys.readouterr().err
    assert main(["import-survey", str(export_w2), str(folder), "--wave", "w3"]) == 1
    assert "--wave must be a wave of the case (w1, w2); 'w3' was given; did you mean 'w2'?" in \
        capsys.readouterr().err
    plain = make_case("plain")
    assert main(["import-survey", str(export_w2), str(plain), "--wave", "w1", "--overwrite"]) == 1
    assert "--wave: case 'plain' declares no waves" in capsys.readouterr().err


def test_set_responded_writes_the_waves_responses_and_keeps_the_old_file(make_waves, tmp_path, capsys):
    folder = make_waves(ties=FIRST_WAVE_ROWS)
    export = tmp_path / "bram.csv"  # Bram (p2, no in w2) answered after all
    export.write_text(EXPORT_W2.replace("Bram Okonjo,,,,,", "Bram Okonjo,3,,,,"), encoding="utf-8")
    people, responses = (folder / "people.csv").read_bytes(), (folder / "responses.csv").read_bytes()
    assert main(["import-survey", str(export), str(folder), "--wave", "w2"]) == 1
    err = capsys.readouterr().err
    assert "the responses of wave w2 mark people who answered as non-respondents or absent: " \
           "p2 (Bram Okonjo): no -> yes" in err
    assert (folder / "ties.csv").read_text(encoding="utf-8") == FIRST_WAVE_ROWS
    assert main(["import-survey", str(export), str(folder), "--wave", "w2", "--set-responded"]) == 0
    out = capsys.readouterr().out
    assert "responded in wave w2: p2 (Bram Okonjo) no -> yes: set" in out
    backup = folder / ".partnet" / "before-import" / "responses.1.csv"
    assert backup.read_bytes() == responses and f"the previous responses.csv is kept as {backup}" in out
    assert (folder / "people.csv").read_bytes() == people
    assert (folder / "responses.csv").read_text(encoding="utf-8") == RESPONSES.replace("p2,w2,no", "p2,w2,yes")
    case = load_case(folder)
    assert case.graph().nodes["p2"]["responded"] is True and ("p2", "p1") in case.graph().edges


def test_set_responded_makes_responses_csv_from_people_csv(make_waves, tmp_path, capsys):
    folder = make_waves(ties=None, responses=None)
    export = tmp_path / "w1.csv"  # Dov (no in people.csv) answered the first wave; Elin did not
    export.write_text(EXPORT_HEADER + "Ada Quintrell,,4,,,\nDov Haraldsen,2,,,,\n", encoding="utf-8")
    assert main(["import-survey", str(export), str(folder), "--wave", "w1", "--set-responded"]) == 0
    assert "before-import" not in capsys.readouterr().out
    assert (folder / "responses.csv").read_text(encoding="utf-8") == (
        "person_id,wave,responded\n"
        "p1,w1,yes\np2,w1,no\np3,w1,no\np4,w1,yes\np5,w1,no\n"
        "p1,w2,yes\np2,w2,yes\np3,w2,yes\np4,w2,no\np5,w2,yes\n")
    assert not (folder / ".partnet" / "before-import").exists()
    case = load_case(folder)
    assert {v: d["responded"] for v, d in case.graph(wave="w1").nodes(data=True)} == {
        "p1": True, "p2": False, "p3": False, "p4": True, "p5": False}


def test_import_refuses_ties_to_someone_absent_from_the_wave(make_waves, tmp_path, capsys):
    folder = make_waves(ties=None)
    export = tmp_path / "w2.csv"  # Ada names Cerys, who had left by the second wave
    export.write_text(EXPORT_HEADER + "Ada Quintrell,,,3,,\n", encoding="utf-8")
    assert main(["import-survey", str(export), str(folder), "--wave", "w2"]) == 1
    assert "names people absent from wave w2 (responses.csv): p3" in capsys.readouterr().err
    assert not (folder / "ties.csv").exists()

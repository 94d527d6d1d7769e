"""Network Canvas CSV exports read as a case's ties (partnet.netcanvas).

The fixture ``tests/fixtures/netcanvas/export`` is a fictional export of
three sessions in the exporter's layout (see its SOURCES.md); the tests copy
it into ``tmp_path`` and change one thing at a time.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from partnet import load_case
from partnet.case import load_roster
from partnet.errors import ParameterError, Reason
from partnet.netcanvas import EDGE_COLUMNS, EGO_COLUMNS, NODE_COLUMNS, read_network_canvas
from partnet.survey import SurveyTies

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "netcanvas" / "export"
EXAMPLE = FIXTURES / "example"

A = "p1_0b7e5a62-3c1d-4f8e-9a47-6d2b1c9e8f01"  # Ada's session (case ID p1)
B = "OKONJO, Bram_6d4c3b2a-1e0f-4a9b-8c7d-6e5f4a3b2c02"  # Bram's (case ID "OKONJO, Bram")
C = "p3_e2d3c4b5-a6f7-4e8d-9c0b-1a2f3e4d5c03"  # Cerys's (case ID p3)

#: The fixture's ties: sessions in interview order (A, B, C by sessionStart), alters in nodeID order.
TIES = [("p1", "p2", 4), ("p1", "p3", 5), ("p1", "p4", 2),
        ("p2", "p1", 3), ("p2", "p4", 4),
        ("p3", "p1", 5), ("p3", "p2", 4)]


@pytest.fixture
def export(tmp_path) -> Path:
    """A copy of the three-session export to change."""
    return Path(shutil.copytree(EXPORT, tmp_path / "networkCanvasExport"))


@pytest.fixture(scope="module")
def example():
    return load_case(EXAMPLE)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_bytes().decode()
    assert old in text, (path.name, old)
    path.write_bytes(text.replace(old, new, 1).encode())


def codes(result: SurveyTies) -> list[str]:
    return [p.code for p in result.problems]


def only(result: SurveyTies, code: str):
    hits = [p for p in result.problems if p.code == code]
    assert len(hits) == 1, result.problems
    return hits[0]


def zipped(folder: Path, target: Path, inside: str = "", extra: dict | None = None) -> Path:
    """The folder's files in a .zip, as Interviewer's archiver writes them (each under its own name)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(folder.iterdir()):
            z.write(f, inside + f.name)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return target


def case_with_relations(make_case, relations: str):
    """The example roster, with its ties file gone and ``relations:`` declared in case.yaml."""
    yaml = (EXAMPLE / "case.yaml").read_text() + "relations:\n" + relations
    return load_roster(make_case(**{"case.yaml": yaml}, drop=["ties.csv"]))


# --------------------------------------------------------------------------- the layout


def test_the_fixture_has_the_exporters_columns_and_line_ends():
    for f in EXPORT.iterdir():
        raw = f.read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), f.name
        header = raw.decode().split("\r\n", 1)[0].split(",")
        expected = {"ego": EGO_COLUMNS, "attributeList": NODE_COLUMNS, "edgeList": EDGE_COLUMNS}
        kind = next(k for k in expected if f"_{k}" in f.name)
        assert tuple(header[:len(expected[kind])]) == expected[kind], f.name
    # nodeID restarts at 1 in every session; one person has another nodeID and UUID in each
    nodes = {s: list(csv.DictReader(io.StringIO((EXPORT / f"{s}_attributeList_Person.csv").read_text())))
             for s in (A, B, C)}
    assert [[r["nodeID"] for r in rows] for rows in nodes.values()] == [["1", "2", "3"], ["1", "2"], ["1", "2"]]
    dov = [(s, r["nodeID"], r["networkCanvasUUID"]) for s, rows in nodes.items() for r in rows
           if r["name"] == "Dov Haraldsen"]
    assert [d[1] for d in dov] == ["3", "2"] and dov[0][2] != dov[1][2]


# --------------------------------------------------------------------------- three sessions


def test_three_sessions_give_each_respondents_own_nominations(example):
    result = read_network_canvas(EXPORT, example)
    assert (result.source, result.file, result.relation) == ("network-canvas", "export", "egov_contact")
    assert result.ties == TIES
    assert result.respondents == ["p1", "p2", "p3"]
    assert result.nonrespondents == ["p4"]
    assert result.columns == {"ada quintrell": "p1", "Dov Haraldsen": "p4", "Bram Okonjo": "p2",
                              "Cerys Vantongeren": "p3", "Ada Quintrell": "p1"}
    assert result.answers == {"3": 3, "4": 4, "5": 5, "2": 2}
    assert result.rows == {}
    assert result.ok
    # the alter-alter edges are the respondents' view of others' ties: counted, not read
    warning = only(result, "alter-ties-ignored")
    assert (warning.severity, warning.file, warning.value) == ("warning", "export", "knows")
    assert "3 edges of type 'knows' in 2 files" in warning.message
    assert codes(result) == ["alter-ties-ignored"]


@pytest.mark.parametrize("inside", ["", "networkCanvasExport/"], ids=["flat", "in-a-folder"])
def test_the_zip_reads_as_the_folder(tmp_path, example, inside):
    extra = {f"{inside}{A}.graphml": "<graphml/>", f"__MACOSX/{inside}._{A}_ego.csv": b"\x00\x05\x16\x07junk"}
    target = zipped(EXPORT, tmp_path / "networkCanvasExport.zip", inside, extra)
    result = read_network_canvas(target, example)
    assert result.file == "networkCanvasExport.zip"
    assert result.ties == TIES
    assert (result.respondents, result.nonrespondents) == (["p1", "p2", "p3"], ["p4"])
    assert codes(result) == ["alter-ties-ignored"]


def test_a_problem_in_the_zip_names_the_member(tmp_path, example, export):
    edit(export / f"{A}_attributeList_Person.csv", "Cerys Vantongeren", "Cerys Vantongerem")
    result = read_network_canvas(zipped(export, tmp_path / "x.zip"), example)
    assert only(result, "unknown-person").file == f"x.zip:{A}_attributeList_Person.csv"


def test_sub_folders_of_the_export_folder_are_read(tmp_path, example):
    shutil.copytree(EXPORT, tmp_path / "downloads" / "networkCanvasExport")
    assert read_network_canvas(tmp_path / "downloads", example).ties == TIES


def test_a_merged_export_one_ego_file_for_all_sessions(tmp_path, example):
    """Interviewer 6's "merge sessions" option: one file of each kind, rows joined by networkCanvasEgoUUID."""
    folder = tmp_path / "merged"
    folder.mkdir()
    ego_lines, node_lines = [], []
    for s in (B, A, C):
        ego_lines += (EXPORT / f"{s}_ego.csv").read_text().splitlines()[(1 if ego_lines else 0):]
        node_lines += (EXPORT / f"{s}_attributeList_Person.csv").read_text().splitlines()[(1 if node_lines else 0):]
    node_lines = [node_lines[0]] + [f"{i}," + line.split(",", 1)[1] for i, line in enumerate(node_lines[1:], 1)]
    (folder / "Shire partnership contacts_ego.csv").write_bytes(("\r\n".join(ego_lines) + "\r\n").encode())
    (folder / "Shire partnership contacts_attributeList_Person.csv").write_bytes(
        ("\r\n".join(node_lines) + "\r\n").encode())
    result = read_network_canvas(folder, example)
    assert result.ties == TIES and result.ok
    assert result.respondents == ["p1", "p2", "p3"]


def test_newer_exporter_columns_and_type_names_with_spaces(export, example):
    """Fresco and Interviewer 7 add APP_VERSION, COMMIT_HASH, the locale, and keep spaces in type names."""
    for s in (A, B, C):
        edit(export / f"{s}_ego.csv", "sessionExported,name", "sessionExported,APP_VERSION,COMMIT_HASH,"
             "networkCanvasInterviewLocale,name")
        edit(export / f"{s}_ego.csv", ".480Z,", ".480Z,7.0.0,abc1234,en,")
        (export / f"{s}_attributeList_Person.csv").rename(export / f"{s}_attributeList_Partnership contact.csv")
    result = read_network_canvas(export, example, node_type="partnership contact")
    assert result.ties == TIES and codes(result) == ["alter-ties-ignored"]
    assert read_network_canvas(export, example, node_type="PartnershipContact").ties == TIES


def test_the_formula_guard_of_the_newer_exporter_is_taken_off(export, example):
    # an ordinal whose option values are text: the newer exporter writes "-1" as "'-1"
    edit(export / f"{A}_attributeList_Person.csv", "Dov Haraldsen,2,", "Dov Haraldsen,'-1,")
    assert only(read_network_canvas(export, example), "unmapped-value").value == "-1"
    result = read_network_canvas(export, example, labels={"-1": None})
    assert result.ok and result.ties == [t for t in TIES if t != ("p1", "p4", 2)]


# --------------------------------------------------------------------------- who the respondent is


def test_the_respondent_by_an_ego_variable(export, example):
    # case IDs that name nobody: the ego variable 'name' names the respondent
    edit(export / f"{A}_ego.csv", ",p1,", ",interview 1,")
    edit(export / f"{B}_ego.csv", ',"OKONJO, Bram",', ",interview 2,")
    edit(export / f"{C}_ego.csv", ",p3,", ",interview 3,")
    assert codes(read_network_canvas(export, example)).count("unknown-person") == 3
    result = read_network_canvas(export, example, ego="name")
    assert result.ties == TIES and result.ok
    result = read_network_canvas(export, example, ego="nme")
    missing = [p for p in result.problems if p.code == "missing-column"]
    assert sorted(p.file for p in missing) == sorted(f"{s}_ego.csv" for s in (A, B, C))
    assert {(p.column, p.suggestion) for p in missing} == {("nme", ("name",))}
    assert result.ties == [] and not result.ok


def test_an_ego_not_on_the_roster(export, example):
    edit(export / f"{C}_ego.csv", ",p3,", ",p9,")
    result = read_network_canvas(export, example)
    problem = only(result, "unknown-person")
    assert (problem.file, problem.row, problem.column, problem.value) == (f"{C}_ego.csv", 2, "networkCanvasCaseID",
                                                                         "p9")
    assert problem.severity == "error" and not result.ok
    assert [t for t in result.ties if t[0] == "p3"] == []
    assert result.nonrespondents == ["p3", "p4"]


def test_the_same_respondent_in_two_sessions(export, example):
    d = "Vantongeren, Cerys_77aa0c1e-9d8b-4c7a-8e6f-5d4c3b2a1f04"  # a later interview of Cerys
    for kind in ("ego", "attributeList_Person"):
        text = (export / f"{C}_{kind}.csv").read_bytes().decode()
        text = text.replace("4b5c6d7e-8f9a-4b0c-8d1e-2f3a4b5c6d03", "0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e04")
        text = text.replace("2026-02-18T11:15:42.377Z", "2026-03-02T10:00:00.000Z")
        (export / f"{d}_{kind}.csv").write_bytes(text.replace(",p3,", ',"Vantongeren, Cerys",').encode())
    result = read_network_canvas(export, example)
    problem = only(result, "duplicate-session")
    assert (problem.file, problem.row, problem.value) == (f"{d}_ego.csv", 2, "Vantongeren, Cerys")
    assert f"{C}_ego.csv" in problem.message and not result.ok


def test_one_session_exported_twice(export, example):
    (export / "again").mkdir()
    for kind in ("ego", "attributeList_Person"):
        shutil.copy(export / f"{A}_{kind}.csv", export / "again" / f"{A}_{kind}.csv")
    result = read_network_canvas(export, example)
    assert set(codes(result)) == {"alter-ties-ignored", "duplicate-session"}
    assert any(p.file == f"again/{A}_ego.csv" for p in result.problems if p.code == "duplicate-session")
    assert not result.ok


def test_a_session_without_its_ego_file(export, example):
    (export / f"{B}_ego.csv").unlink()
    result = read_network_canvas(export, example)
    problem = only(result, "missing-file")
    assert (problem.file, problem.row, problem.column) == (f"{B}_attributeList_Person.csv", 2, "networkCanvasEgoUUID")
    assert problem.expected == f"{B}_ego.csv" and not result.ok
    assert "p2" in result.nonrespondents


def test_an_unfinished_session_without_ties_is_a_nonrespondent(export, example):
    edit(export / f"{B}_ego.csv", "2026-02-17T14:47:39.620Z", "")
    lines = (export / f"{B}_attributeList_Person.csv").read_bytes().split(b"\r\n")
    (export / f"{B}_attributeList_Person.csv").write_bytes(lines[0] + b"\r\n")
    result = read_network_canvas(export, example)
    assert result.respondents == ["p1", "p3"] and result.nonrespondents == ["p2", "p4"]
    # finished, naming nobody: an answer
    edit(export / f"{B}_ego.csv", ".118Z,,", ".118Z,2026-02-17T14:47:39.620Z,")
    assert read_network_canvas(export, example).respondents == ["p1", "p2", "p3"]


# --------------------------------------------------------------------------- the alters


def test_an_alter_not_on_the_roster(export, example):
    edit(export / f"{A}_attributeList_Person.csv", "Cerys Vantongeren", "Cerys Vantongerem")
    result = read_network_canvas(export, example)
    problem = only(result, "unknown-person")
    assert (problem.file, problem.row, problem.column, problem.value, problem.suggestion) == (
        f"{A}_attributeList_Person.csv", 3, "name", "Cerys Vantongerem", ("Cerys Vantongeren",))
    assert ("p1", "p3", 5) not in result.ties and not result.ok


def test_an_alter_name_shared_by_two_roster_people(make_case, export):
    people = (EXAMPLE / "people.csv").read_text() + "p5,Bram Okonjo,Eastmarsh County Council,officer,ICT,junior,no,"
    people += "yes\n"
    case = load_roster(make_case(people=people, drop=["ties.csv", "segments.csv"]))
    result = read_network_canvas(export, case)
    ambiguous = [p for p in result.problems if p.severity == "error"]
    assert [(p.code, p.file, p.column) for p in ambiguous] == [
        ("ambiguous-name", f"{A}_attributeList_Person.csv", "name"),
        ("ambiguous-name", f"{B}_ego.csv", "networkCanvasCaseID"),
        ("ambiguous-name", f"{C}_attributeList_Person.csv", "name")]
    assert {p.suggestion for p in ambiguous} == {("p2", "p5")}


def test_the_alters_name_variable(export, example):
    for s in (A, B, C):
        edit(export / f"{s}_attributeList_Person.csv", "networkCanvasUUID,name,", "networkCanvasUUID,full_name,")
    assert read_network_canvas(export, example, name="full_name").ties == TIES
    result = read_network_canvas(export, example)
    assert codes(result).count("missing-column") == 3
    assert {p.suggestion for p in result.problems if p.code == "missing-column"} == {("full_name",)}


def test_self_duplicate_and_conflicting_nominations(export, example):
    nodes = export / f"{A}_attributeList_Person.csv"
    text = nodes.read_bytes().decode()
    extra = ('4,f3a1c2d4-5b6e-4f70-8a91-b2c3d4e5f601,aa000000-0000-4000-8000-000000000004,Ada Quintrell,3,,,,\r\n'
             '5,f3a1c2d4-5b6e-4f70-8a91-b2c3d4e5f601,aa000000-0000-4000-8000-000000000005,"Okonjo,  Bram",4,,,,\r\n'
             '6,f3a1c2d4-5b6e-4f70-8a91-b2c3d4e5f601,aa000000-0000-4000-8000-000000000006,Dov Haraldsen,5,,,,\r\n')
    nodes.write_bytes((text + extra).encode())
    result = read_network_canvas(export, example)
    assert [(p.code, p.row) for p in result.problems if p.code != "alter-ties-ignored"] == [
        ("self-tie", 5), ("duplicate-tie", 6), ("conflicting-tie", 7)]
    assert result.ties == TIES and not result.ok


# --------------------------------------------------------------------------- node and edge types


def test_the_node_type(export, example):
    assert read_network_canvas(export, example, node_type="person").ties == TIES
    result = read_network_canvas(export, example, node_type="Persn")
    problem = only(result, "unknown-node-type")
    assert (problem.value, problem.expected, problem.suggestion) == ("Persn", "Person", ("Person",))
    assert result.ties == [] and not result.ok


def test_several_node_types_and_none_chosen(export, example):
    (export / f"{A}_attributeList_Place.csv").write_bytes(
        b"nodeID,networkCanvasEgoUUID,networkCanvasUUID,name\r\n"
        b"4,f3a1c2d4-5b6e-4f70-8a91-b2c3d4e5f601,bb000000-0000-4000-8000-000000000001,Northvale town hall\r\n")
    result = read_network_canvas(export, example)
    problem = only(result, "unknown-node-type")
    assert problem.expected == "Person, Place" and result.ties == []
    assert read_network_canvas(export, example, node_type="Person").ties == TIES


def test_edges_between_alters_as_the_ties_of_an_undirected_relation(make_case, export):
    case = case_with_relations(make_case, "  egov_contact: {directed: true, scale: frequency}\n"
                                          "  knows: {directed: false, scale: binary}\n")
    result = read_network_canvas(export, case, relation="knows", edge_type="knows")
    # A: Bram-Cerys, Cerys-Dov; C: Ada-Bram (B has no edges)
    assert result.ties == [("p2", "p3", 1), ("p3", "p4", 1), ("p1", "p2", 1)]
    assert result.respondents == ["p1", "p2", "p3"] and result.ok and codes(result) == []
    # an edge's ends are found by their UUIDs in the edge's own session, never by nodeID:
    # a UUID of another session's node is no end
    edit(export / f"{C}_edgeList_knows.csv", "8f9a0b1c-2d3e-4f4a-9b5c-6d7e8f9a0b31,1d2e",
         "5e8f9a0b-2c3d-4e5f-8a7b-9c0d1e2f3a02,1d2e")
    result = read_network_canvas(export, case, relation="knows", edge_type="knows")
    problem = only(result, "label-mismatch")
    assert (problem.file, problem.row, problem.column) == (f"{C}_edgeList_knows.csv", 2, "networkCanvasSourceUUID")
    assert result.ties == [("p2", "p3", 1), ("p3", "p4", 1)] and not result.ok


def test_two_respondents_reporting_one_pair_give_one_tie(make_case, export):
    case = case_with_relations(make_case, "  egov_contact: {directed: true, scale: frequency}\n"
                                          "  knows: {directed: false, scale: binary}\n")
    # Ada's session also reports Cerys-Bram (the other way round from Bram-Cerys)
    edit(export / f"{A}_edgeList_knows.csv", "\r\n2,2,3,", "\r\n3,2,1,f3a1c2d4-5b6e-4f70-8a91-b2c3d4e5f601,"
         "cc000000-0000-4000-8000-000000000001,5e8f9a0b-2c3d-4e5f-8a7b-9c0d1e2f3a02,"
         "c41d2e7a-1f3b-4c5d-9e6f-0a1b2c3d4e01\r\n2,2,3,")
    result = read_network_canvas(export, case, relation="knows", edge_type="knows")
    assert result.ties == [("p2", "p3", 1), ("p3", "p4", 1), ("p1", "p2", 1)] and result.ok


def test_an_unknown_edge_type(make_case, export):
    case = case_with_relations(make_case, "  egov_contact: {directed: true, scale: frequency}\n"
                                          "  knows: {directed: false, scale: binary}\n")
    result = read_network_canvas(export, case, relation="knows", edge_type="know")
    problem = only(result, "unknown-edge-type")
    assert (problem.value, problem.suggestion) == ("know", ("knows",))
    assert result.ties == [] and not result.ok


def test_edges_are_refused_for_a_directed_relation(export, example):
    with pytest.raises(ParameterError, match="'egov_contact' is directed"):
        read_network_canvas(export, example, edge_type="knows")


# --------------------------------------------------------------------------- values


def test_frequency_labels_and_a_value_mapped_by_labels(export, example):
    nodes = export / f"{A}_attributeList_Person.csv"
    edit(nodes, "Bram Okonjo,4,", "Bram Okonjo,Weekly,")
    edit(nodes, "Dov Haraldsen,2,", "Dov Haraldsen,Fortnightly,")
    result = read_network_canvas(export, example)
    problem = only(result, "unmapped-value")
    assert (problem.file, problem.row, problem.column, problem.value) == (f"{A}_attributeList_Person.csv", 4,
                                                                         "egov_contact", "Fortnightly")
    assert problem.expected.startswith("1..5 or yearly, quarterly, monthly, weekly, daily")
    assert ("p1", "p2", 4) in result.ties and ("p1", "p4", 2) not in result.ties and not result.ok
    result = read_network_canvas(export, example, labels={"fortnightly": 2})
    assert result.ties == TIES and result.ok
    assert result.answers["Weekly"] == 4 and result.answers["Fortnightly"] == 2


def test_a_number_off_the_scale_has_no_suggestion(export, example):
    edit(export / f"{A}_attributeList_Person.csv", "Dov Haraldsen,2,", "Dov Haraldsen,-1,")
    problem = only(read_network_canvas(export, example), "unmapped-value")
    assert (problem.value, problem.suggestion) == ("-1", ())
    assert read_network_canvas(export, example, labels={"-1": None}).ties == [t for t in TIES if t != ("p1", "p4", 2)]


def test_a_blank_value(export, example):
    edit(export / f"{A}_attributeList_Person.csv", "Dov Haraldsen,2,", "Dov Haraldsen,,")
    assert only(read_network_canvas(export, example), "blank-value").row == 4
    assert read_network_canvas(export, example, labels={"": None}).ok


def test_labels_must_map_to_the_scale(export, example):
    with pytest.raises(ParameterError, match="labels must map to None"):
        read_network_canvas(export, example, labels={"fortnightly": 7})


def test_the_value_variable(make_case, export):
    case = case_with_relations(make_case, "  egov_contact: {directed: true, scale: frequency}\n"
                                          "  advice: {directed: true, scale: frequency}\n")
    result = read_network_canvas(export, case, relation="advice")
    problem = only(result, "missing-column")
    assert "give value=" in problem.message and "egov_contact" in problem.expected
    assert result.ties == [] and not result.ok
    assert read_network_canvas(export, case, relation="advice", value="egov_contact").ties == TIES
    result = read_network_canvas(export, case, relation="advice", value="egov_contat")
    assert {p.suggestion for p in result.problems if p.code == "missing-column"} == {("egov_contact",)}
    with pytest.raises(ParameterError, match="did you mean 'advice'"):
        read_network_canvas(export, case, relation="advise")


def test_a_session_without_the_value_variable(export, example):
    edit(export / f"{B}_attributeList_Person.csv", "name,egov_contact,", "name,egov_contacts,")
    result = read_network_canvas(export, example)
    problem = only(result, "missing-column")
    assert (problem.file, problem.column, problem.suggestion) == (f"{B}_attributeList_Person.csv", "egov_contact",
                                                                  ("egov_contacts",))
    assert [t for t in result.ties if t[0] == "p2"] == [] and not result.ok


def test_a_binary_relation_without_a_value_is_every_alter(make_case, export):
    case = case_with_relations(make_case, "  egov_contact: {directed: true, scale: frequency}\n"
                                          "  works_with: {directed: true, scale: binary}\n")
    result = read_network_canvas(export, case, relation="works_with")
    assert result.ties == [(a, b, 1) for a, b, _v in TIES] and result.ok
    # a boolean variable: true is a tie, false (or blank) none
    result = read_network_canvas(export, case, relation="works_with", value="role_officer")
    assert result.ties == [("p1", "p2", 1), ("p1", "p4", 1), ("p2", "p1", 1), ("p2", "p4", 1),
                           ("p3", "p1", 1), ("p3", "p2", 1)]
    assert result.answers == {"true": 1, "false": None}


# --------------------------------------------------------------------------- not an export, hostile files


def test_not_an_export(tmp_path, example):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "people.csv").write_text("person_id,name\np1,Ada\n")
    assert codes(read_network_canvas(tmp_path / "folder", example)) == ["not-network-canvas"]
    (tmp_path / "notes.txt").write_text("hello")
    assert codes(read_network_canvas(tmp_path / "notes.txt", example)) == ["not-network-canvas"]
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    assert codes(read_network_canvas(tmp_path / "broken.zip", example)) == ["not-network-canvas"]
    result = read_network_canvas(tmp_path / "nowhere", example)
    assert codes(result) == ["missing-file"] and result.nonrespondents == ["p1", "p2", "p3", "p4"]


def test_an_edited_file_without_the_exporters_columns(export, example):
    edit(export / f"{A}_attributeList_Person.csv", "networkCanvasEgoUUID,", "egoUUID,")
    problem = only(read_network_canvas(export, example), "missing-column")
    assert (problem.column, problem.suggestion) == ("networkCanvasEgoUUID", ("egoUUID",))


def test_a_zip_bomb_is_not_unpacked(tmp_path, example):
    target = tmp_path / "bomb.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{A}_ego.csv", b"networkCanvasEgoUUID\r\n" + b"0" * (4 * 1024 * 1024))
    result = read_network_canvas(target, example)
    assert codes(result) == ["archive-limit"] and result.ties == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_out_of_the_export_folder_is_not_followed(tmp_path, export, example):
    secret = tmp_path / "secret_ego.csv"
    secret.write_text("networkCanvasEgoUUID,networkCanvasCaseID\nx,p4\n")
    (export / "x_ego.csv").symlink_to(secret)
    result = read_network_canvas(export, example)
    assert "link-outside-case" in codes(result) and "p4" in result.nonrespondents


def test_every_code_is_registered():
    for code in ("not-network-canvas", "duplicate-session", "unknown-node-type", "unknown-edge-type",
                 "unmapped-value", "alter-ties-ignored"):
        assert Reason(code).severity == ("warning" if code == "alter-ties-ignored" else "error")


# --------------------------------------------------------------------------- real exports, when given


@pytest.mark.skipif(not os.environ.get("PARTNET_NETCANVAS_SAMPLES"),
                    reason="set PARTNET_NETCANVAS_SAMPLES to a folder of real Network Canvas CSV exports "
                           "(see tests/fixtures/netcanvas/SOURCES.md)")
def test_real_export_when_given(make_case, tmp_path):
    """Every session and alter of a real export is read, joined by UUIDs, and the zip reads as the folder."""
    folder = Path(os.environ["PARTNET_NETCANVAS_SAMPLES"])
    egos = sorted(folder.rglob("*_ego.csv"))
    nodes = sorted(folder.rglob("*_attributeList_*.csv"))
    assert egos and nodes
    case_ids = [r["networkCanvasCaseID"] for f in egos for r in csv.DictReader(f.open(encoding="utf-8"))]
    names = list(dict.fromkeys(r["name"].strip() for f in nodes for r in csv.DictReader(f.open(encoding="utf-8"))))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((EXAMPLE / "people.csv").read_text().splitlines()[0].split(","))
    org = ["Northvale District Council", "officer", "ICT", "senior", "yes", "yes"]
    writer.writerows([c, f"Respondent {i}", *org] for i, c in enumerate(case_ids))
    writer.writerows([f"a{i}", n, *org] for i, n in enumerate(names))
    people = buffer.getvalue()
    yaml = (EXAMPLE / "case.yaml").read_text() + "relations:\n  egov_contact: {directed: true, scale: binary}\n"
    case = load_roster(make_case(people=people, **{"case.yaml": yaml}, drop=["ties.csv", "segments.csv"]))
    result = read_network_canvas(folder, case)
    alters = sum(1 for f in nodes for _ in csv.DictReader(f.open(encoding="utf-8")))
    assert {p.code for p in result.problems} <= {"alter-ties-ignored", "duplicate-tie"}
    assert len(result.respondents) == len(case_ids)
    assert len(result.ties) + sum(p.code == "duplicate-tie" for p in result.problems) == alters
    target = tmp_path / "export.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(folder.rglob("*.csv")):
            z.write(f, f.relative_to(folder).as_posix())
    assert read_network_canvas(target, case).ties == result.ties

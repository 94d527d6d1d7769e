"""Relations declared in case.yaml: direction and scale, from the file to every measure and drawing.

The published values come from real data sets: Padgett's Florentine
marriages (Padgett & Ansell 1993; UCINET's PADGM: Medici raw betweenness
47.5, degree centralization .267 over the 16 families, Pucci an isolate)
and Zachary's karate club (78 ties). The tie lists are read from the
sample files in ``tests/fixtures/ucinet`` (see SOURCES.md there).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from partnet import DataError, ParameterError, load_case, metrics
from partnet.case import check_case

UCINET = Path(__file__).parent / "fixtures" / "ucinet"


# ----------------------------------------------------------------------------- building cases


def _paj_matrix(path: Path, block: int) -> tuple[list[str], np.ndarray]:
    """Labels and the ``block``-th ``*Matrix`` of a Pajek project (read here, independently of partnet)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    labels = [re.match(r'\s*\d+\s+"([^"]+)"', ln).group(1) for ln in lines
              if re.match(r'\s*\d+\s+"', ln)]
    starts = [i for i, ln in enumerate(lines) if ln.lower().startswith("*matrix")]
    rows = lines[starts[block] + 1: starts[block] + 1 + len(labels)]
    return labels, np.array([[int(x) for x in r.split()] for r in rows])


def _write_case(folder: Path, names: list[str], ties_csv: str, *, relations: str, relation: str,
                org_type: str = "family", extra_yaml: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(textwrap.dedent(f"""\
        id: {folder.name}
        title: Test case from a published data set
        description: Built in a test from a public sample file
        relation: {relation}
        survey_date: "2026-01"
        small_organisations: keep
        """) + relations + extra_yaml, encoding="utf-8")
    (folder / "organisations.csv").write_text(f"organisation,org_type,size\nFlorence,{org_type},100\n",
                                              encoding="utf-8")
    (folder / "people.csv").write_text(
        "person_id,name,organisation,role,directorate,seniority,responded,consent_named\n"
        + "".join(f"{n},{n},Florence,other,none,senior,yes,yes\n" for n in names), encoding="utf-8")
    (folder / "ties.csv").write_text(ties_csv, encoding="utf-8")
    return folder


def _ties_csv(labels, matrix, relation, *, both_ways: bool) -> str:
    rows = ["respondent,alter,relation,frequency"]
    for i, j in zip(*np.nonzero(matrix)):
        if both_ways or i < j:
            rows.append(f"{labels[i]},{labels[j]},{relation},{matrix[i, j]}")
    return "\n".join(rows) + "\n"


MARRIAGE = "relations:\n  marriage: {directed: false, scale: binary}\n  business: {directed: false, scale: binary}\n"


@pytest.fixture(scope="module")
def padgett(tmp_path_factory):
    labels, marital = _paj_matrix(UCINET / "Padgett_Florentine_Families.paj", 0)
    assert (marital == marital.T).all() and marital.sum() == 40  # 20 marriages, listed both ways
    folder = _write_case(tmp_path_factory.mktemp("padgett") / "padgett", labels,
                         _ties_csv(labels, marital, "marriage", both_ways=True),
                         relations=MARRIAGE, relation="marriage")
    return load_case(folder)


# ----------------------------------------------------------------------------- published values


def test_padgett_marriages_declared_undirected_give_the_published_values(padgett):
    G = padgett.graph()
    assert isinstance(G, nx.Graph) and not G.is_directed()
    assert G.number_of_nodes() == 16 and G.number_of_edges() == 20
    assert padgett.ties["relation"].eq("marriage").sum() == 20      # each marriage once, however listed
    assert metrics.betweenness(G, normalized=False)["Medici"] == pytest.approx(47.5)
    assert round(metrics.degree_centralization(G), 3) == 0.267       # 56 / (15 x 14)
    row = metrics.whole_network(G)
    assert row["ties"] == 20 and round(row["degree_centralization"], 3) == 0.267
    assert "reciprocity_dyad" not in row
    assert G.graph["scale"] == "binary" and set(nx.get_edge_attributes(G, "frequency").values()) == {1}


def test_the_same_marriages_read_as_directed_double_the_betweenness(tmp_path):
    # What a symmetric relation gave before it could be declared: the
    # published 47.5 doubled, as issue 15 measured.
    labels, marital = _paj_matrix(UCINET / "Padgett_Florentine_Families.paj", 0)
    folder = _write_case(tmp_path / "directed", labels, _ties_csv(labels, marital, "marriage", both_ways=True),
                         relations="", relation="marriage")
    G = load_case(folder).graph()
    assert G.is_directed() and metrics.betweenness(G, normalized=False)["Medici"] == pytest.approx(95.0)


def test_zachary_declared_undirected_has_78_ties(tmp_path):
    text = (UCINET / "Zachary_Karate_Club.dl").read_text(encoding="utf-8").split("DATA:")[1].split()
    zache = np.array([int(x) for x in text[:34 * 34]]).reshape(34, 34)
    names = [f"member{i + 1:02d}" for i in range(34)]
    folder = _write_case(tmp_path / "zachary", names, _ties_csv(names, zache, "zache", both_ways=True),
                         relations="relations:\n  zache: {directed: false, scale: binary}\n", relation="zache",
                         org_type="club")
    case = load_case(folder)
    G = case.graph()
    assert G.number_of_edges() == 78 and len(case.ties) == 78
    assert metrics.whole_network(G)["ties"] == 78
    assert dict(G.degree())["member34"] == 17 and dict(G.degree())["member01"] == 16


# ----------------------------------------------------------------------------- the case format


def test_an_undirected_tie_may_be_listed_once_or_both_ways_but_not_with_two_values(tmp_path):
    names = ["A", "B", "C"]
    same = "respondent,alter,relation,frequency\nA,B,visits,3\nB,A,visits,3\nB,C,visits,2\n"
    folder = _write_case(tmp_path / "same", names, same,
                         relations="relations:\n  visits: {directed: false, scale: count}\n", relation="visits")
    case, problems = check_case(folder)
    assert case is not None and [p.code for p in problems if p.code.endswith("-tie")] == []
    assert case.ties[["respondent", "alter", "frequency"]].values.tolist() == [["A", "B", 3], ["B", "C", 2]]
    clash = same.replace("B,A,visits,3", "B,A,visits,4")
    folder = _write_case(tmp_path / "clash", names, clash,
                         relations="relations:\n  visits: {directed: false, scale: count}\n", relation="visits")
    with pytest.raises(DataError) as err:
        load_case(folder)
    (p,) = [p for p in err.value.problems if p.severity == "error"]
    assert (p.code, p.row, p.value) == ("conflicting-tie", 3, "4")
    assert "row 2 with value 3 (the relation is undirected)" in p.message


def test_a_count_scale_takes_any_whole_number_and_its_own_threshold(tmp_path):
    names = ["A", "B", "C", "D"]
    ties = "respondent,alter,relation,frequency\nA,B,messages,120\nB,A,messages,0\nC,D,messages,7\nA,C,messages,9\n"
    folder = _write_case(tmp_path / "count", names, ties,
                         relations="relations:\n  messages: {directed: true, scale: count}\n", relation="messages")
    case = load_case(folder)
    G = case.graph()
    assert G.is_directed() and G.graph["highest"] == 120
    assert sorted(G.edges) == [("A", "B"), ("A", "C"), ("C", "D")]          # a count of 0 is no tie
    assert sorted(case.graph(min_frequency=8).edges) == [("A", "B"), ("A", "C")]
    assert sorted(case.graph(min_frequency=100).edges) == [("A", "B")]
    with pytest.raises(ParameterError, match="whole number 1 or more for a count relation; 0 was given"):
        case.graph(min_frequency=0)


def test_a_binary_scale_holds_1_or_a_blank(tmp_path):
    names = ["A", "B", "C"]
    ties = "respondent,alter,relation,frequency\nA,B,board,\nB,C,board,1\nA,C,board,2\n"
    folder = _write_case(tmp_path / "binary", names, ties,
                         relations="relations:\n  board: {directed: false, scale: binary}\n", relation="board")
    with pytest.raises(DataError) as err:
        load_case(folder)
    (p,) = [p for p in err.value.problems if p.severity == "error"]
    assert (p.code, p.row, p.column, p.value) == ("invalid-frequency", 4, "frequency", "2")
    (folder / "ties.csv").write_text(ties.replace("A,C,board,2\n", ""), encoding="utf-8")
    G = load_case(folder).graph()
    assert sorted(G.edges(data="frequency")) == [("A", "B", 1), ("B", "C", 1)]
    with pytest.raises(ParameterError, match="min_frequency must be 1 for a binary relation; 2 was given"):
        load_case(folder).graph(min_frequency=2)


def test_declared_relations_are_checked_with_suggestions(tmp_path):
    names = ["A", "B"]
    bad = ("relations:\n  visits: {directed: maybe, scale: counts}\n  board: {direction: false}\n"
           "  other: [1, 2]\n")
    folder = _write_case(tmp_path / "bad", names, "respondent,alter,relation,frequency\nA,B,visits,1\n",
                         relations=bad, relation="visit")
    case, problems = check_case(folder)
    assert case is None
    found = {(p.code, p.column, p.value, p.suggestion) for p in problems}
    assert ("invalid-option", "relations: visits", "maybe", ()) in found
    assert ("invalid-option", "relations: visits", "counts", ("count",)) in found
    assert ("invalid-field", "relations: board", "direction", ("directed",)) in found
    assert ("invalid-field", "relations: other", "[1, 2]", ()) in found
    # the case's relation must be declared too: "visit" is not "visits"
    good = "relations:\n  visits: {directed: false, scale: count}\n"
    folder = _write_case(tmp_path / "undeclared", names, "respondent,alter,relation,frequency\nA,B,visits,1\n",
                         relations=good, relation="visit")
    _case, problems = check_case(folder)
    assert [(p.code, p.column, p.value, p.suggestion) for p in problems if p.severity == "error"] == [
        ("invalid-field", "relation", "visit", ("visits",))]


def test_a_tie_of_an_undeclared_relation_is_an_error_once_relations_are_declared(tmp_path):
    folder = _write_case(tmp_path / "unknown", ["A", "B"],
                         "respondent,alter,relation,frequency\nA,B,marriage,1\nB,A,mariage,1\n",
                         relations=MARRIAGE, relation="marriage")
    _case, problems = check_case(folder)
    assert [(p.code, p.row, p.value, p.suggestion) for p in problems if p.severity == "error"] == [
        ("unknown-relation", 3, "mariage", ("marriage",))]


def test_a_case_without_relations_behaves_as_before(tmp_path):
    folder = _write_case(tmp_path / "plain", ["A", "B"], "respondent,alter,relation,frequency\nA,B,x,6\n",
                         relations="", relation="x")
    _case, problems = check_case(folder)
    assert [(p.code, p.value) for p in problems if p.severity == "error"] == [("invalid-frequency", "6")]


def test_the_non_respondent_rule_is_for_directed_relations(tmp_path):
    folder = _write_case(tmp_path / "nonresp", ["A", "B"], "respondent,alter,relation,frequency\nA,B,marriage,1\n",
                         relations=MARRIAGE, relation="marriage")
    people = (folder / "people.csv").read_text().replace("A,A,Florence,other,none,senior,yes",
                                                         "A,A,Florence,other,none,senior,no")
    (folder / "people.csv").write_text(people)
    case = load_case(folder)
    assert case.graph(nonrespondents="reconstruct").number_of_edges() == 1
    assert case.graph(nonrespondents="drop").number_of_edges() == 0


# ----------------------------------------------------------------------------- open vocabularies


def test_an_unlisted_org_type_is_kept_with_a_warning_and_a_misspelling_is_still_an_error(tmp_path, padgett):
    (w,) = [p for p in padgett.warnings if p.code == "unlisted-value"]
    assert (w.column, w.value, w.severity) == ("org_type", "family", "warning")
    assert padgett.organisations["org_type"].tolist() == ["family"]
    folder = _write_case(tmp_path / "typo", ["A", "B"], "respondent,alter,relation,frequency\nA,B,x,1\n",
                         relations="", relation="x", org_type="distrct council")
    _case, problems = check_case(folder)
    assert [(p.code, p.value, p.suggestion) for p in problems] == [
        ("invalid-choice", "distrct council", ("district council",))]


# ----------------------------------------------------------------------------- what users see


def test_measures_of_an_undirected_network_use_one_degree_and_one_closeness(padgett):
    G = padgett.graph()
    t = metrics.node_table(G)
    assert "in_degree" not in t and "closeness_in" not in t
    assert t.loc["Medici", ["degree", "betweenness"]].tolist() == [6, 47.5]
    assert (t["gatekeeper"] == t["representative"]).all()
    assert metrics.measure_for("in_degree", G) == "degree"


def test_exports_say_undirected(padgett, tmp_path):
    from partnet.export import network_tables, write_graph

    G = padgett.graph()
    graphml = write_graph(G, tmp_path / "p.graphml").read_text()
    assert 'edgedefault="undirected"' in graphml
    gexf = write_graph(G, tmp_path / "p.gexf").read_text()
    assert 'defaultedgetype="undirected"' in gexf
    matrix = network_tables(G)["matrix"]
    assert (matrix.values == matrix.values.T).all() and matrix.loc["Medici", "Ridolfi"] == 1
    dl = write_graph(G, tmp_path / "p.dl").read_text()
    assert dl.count("\n") > 16


def test_the_workshop_page_of_an_undirected_relation_has_no_arrows(padgett):
    from partnet.viz import interactive

    page = interactive(padgett.graph(), case=padgett)
    assert '"to": {"enabled": false' in page.html
    assert "Arrow: from the person who named the contact" not in page.html
    assert "Line width" not in page.html                      # a binary relation: all ties alike
    assert "Size: degree" in page.html


def test_methods_and_data_text_follow_the_relation(padgett):
    from partnet.report.methods import methods_paragraph
    from partnet.report.outputs import CaseReport

    rep = CaseReport(padgett)
    assert (rep.parameters["directed"], rep.parameters["scale"]) == (False, "binary")
    text = methods_paragraph({**rep.parameters, "question": "Which families are joined by marriage?"})
    assert "undirected" in text and "n(n \u2212 1)/2" in text and "how often" not in text
    assert "\u201cWhich families are joined by marriage?\u201d" in text


def test_the_command_line_takes_a_count_threshold_and_refuses_it_on_a_frequency_scale(tmp_path, capsys):
    from partnet.cli import main

    names = ["A", "B", "C"]
    folder = _write_case(tmp_path / "msgs", names,
                         "respondent,alter,relation,frequency\nA,B,messages,120\nB,C,messages,7\n",
                         relations="relations:\n  messages: {directed: true, scale: count}\n", relation="messages")
    assert main(["graph", str(folder), "--min-frequency", "100", "-o", str(tmp_path / "g.html")]) == 0
    page = (tmp_path / "g.html").read_text()
    assert "Line width: the tie&#x27;s count" in page or "Line width: the tie's count" in page
    plain = _write_case(tmp_path / "plain", names, "respondent,alter,relation,frequency\nA,B,x,3\n",
                        relations="", relation="x")
    assert main(["graph", str(plain), "--min-frequency", "9", "-o", str(tmp_path / "h.html")]) == 1
    assert "min_frequency must be a whole number from 1 to 5; 9 was given" in capsys.readouterr().err
    assert not (tmp_path / "h.html").exists()


def test_ego_sheets_of_an_undirected_relation_say_so(padgett, tmp_path):
    from partnet.viz import write_ego_sheets

    G = padgett.graph()
    paths = write_ego_sheets(padgett, G, metrics.node_table(G), tmp_path, people=["Medici"])
    sheet = next(p for p in paths if "index" not in p.name).read_text(encoding="utf-8")
    assert "a tie between the two (the relation has no direction)" in sheet
    assert "named the contact" not in sheet and "how often" not in sheet
    assert "Everyone tied to this person, and the ties among them. Colour: organisation type." in sheet
    assert "Acciaiuoli&nbsp;\u2013</span>" in sheet          # a tie, no arrow and no value (binary)


def test_an_unlisted_value_is_offered_a_listed_one_only_when_it_is_close(tmp_path):
    folder = _write_case(tmp_path / "trust", ["A", "B"], "respondent,alter,relation,frequency\nA,B,x,1\n",
                         relations="", relation="x", org_type="health trust")
    case, problems = check_case(folder)
    assert [(p.code, p.value, p.suggestion) for p in problems] == [("unlisted-value", "health trust", ("health",))]
    assert case.organisations["org_type"].tolist() == ["health trust"]

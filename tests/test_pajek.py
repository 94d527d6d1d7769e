"""Pajek networks (.net) and projects (.paj): the real samples of tests/fixtures/ucinet, then hand-made files.

The real files cover ``*Vertices`` with coordinates and drawing attributes,
``*Arcs`` and ``*Edges`` (with weights and line attributes), ``*Arcslist``,
``*Edgeslist``, ``*Matrix :k "name"``, ``*Network`` titles, a free-text line
before the first section and CRLF. Relation numbers at the start of a line,
several ``*Network`` sections, ``*Partition`` sections, comments and two-mode
networks appear in no sample: those are the hand-made files below.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from partnet.pajek import parse_pajek, read_pajek

UCINET = Path(__file__).parent / "fixtures" / "ucinet"
PAJEK_FILES = sorted(p.name for p in [*UCINET.glob("*.net"), *UCINET.glob("*.paj")])

CAMPNET = ["HOLLY", "BRAZEY", "CAROL", "PAM", "PAT", "JENNIE", "PAULINE", "ANN", "MICHAEL", "BILL", "LEE", "DON",
           "JOHN", "HARRY", "GERY", "STEVE", "BERT", "RUSS"]


def read(name: str, relation: str = "rel"):
    problems = []
    return read_pajek(UCINET / name, relation, problems), problems


def ties_of(tf, relation=None) -> dict:
    return {(a, b): v for a, b, v in tf.arcs(relation)}


@pytest.mark.parametrize("name", PAJEK_FILES)
def test_every_real_pajek_file_loads_without_errors(name):
    tf, problems = read(name)
    assert tf is not None and tf.layout == "pajek" and tf.arcs()
    assert [p.code for p in problems if p.severity == "error"] == []
    assert [p.code for p in problems] == (["edge-repeats-arc"] if name == "Campnet.paj" else [])


def test_campnet_comes_back_as_ucinets_54_arcs():
    tf, problems = read("Campnet.paj", "campnet")
    assert tf.title == "Campnet" and tf.nodes == CAMPNET
    ties = ties_of(tf, "campnet")
    assert len(ties) == 54 and tf.binary == {"campnet": True}
    out_degree, in_degree = Counter(a for a, _ in ties), Counter(b for _, b in ties)
    assert [out_degree[v] for v in CAMPNET] == [3] * 18
    # SOURCES.md: UCINET 6.849's degree(campnet), HOLLY ... RUSS
    assert [in_degree[v] for v in CAMPNET] == [4, 1, 2, 5, 4, 3, 4, 2, 4, 0, 3, 4, 0, 3, 2, 5, 4, 4]
    # HOLLY: the arc 1 4 (line 22), the edges 1 5 and 1 12; the edge 1 4 (line 39) repeats the arc
    assert sorted(b for a, b in ties if a == "HOLLY") == ["DON", "PAM", "PAT"]
    assert ("PAM", "HOLLY") not in ties and ("PAT", "HOLLY") in ties
    assert tf.directed == {"campnet": True} and not tf.symmetric["campnet"]
    assert sum(tf.from_edge) == 2 * 19
    [p] = problems
    assert (p.code, p.severity, p.row) == ("edge-repeats-arc", "warning", 39)
    assert p.message.startswith("9 edge lines of relation 'campnet' repeat a pair that is also an arc")


def test_padgett_project_two_matrices_named_in_the_section_line():
    tf, _ = read("Padgett_Florentine_Families.paj")
    assert tf.title == "Padgett's Florentine Families" and len(tf.nodes) == 16
    assert tf.relations == ["Marital", "Business"]
    marital, business = ties_of(tf, "Marital"), ties_of(tf, "Business")
    assert len(marital) == 2 * 20 and len(business) == 2 * 15
    assert tf.symmetric == {"Marital": True, "Business": True} and tf.binary == {"Marital": True, "Business": True}
    assert tf.directed == {"Marital": True, "Business": True}  # *Matrix cells are arcs
    # row 9 of Marital (line 28): 1 1 1 0 0 0 0 0 0 0 0 0 1 1 0 1
    assert sorted(b for a, b in marital if a == "Medici") == \
        ["Acciaiuoli", "Albizzi", "Barbadori", "Ridolfi", "Salviati", "Tornabuoni"]
    assert dict(zip(tf.arcs(), tf.table.lines))["Medici", "Acciaiuoli", 1] == 28
    assert tf.table.cell_columns[tf.arcs().index(("Medici", "Acciaiuoli", 1))] == "Acciaiuoli"
    assert not any("Pucci" in pair for pair in marital | business)  # an isolate in both, still a node
    assert "Pucci" in tf.nodes
    assert sorted(b for a, b in business if a == "Medici") == \
        ["Barbadori", "Ginori", "Pazzi", "Salviati", "Tornabuoni"]


def test_sampson_arcs_and_edges():
    tf, _ = read("Sampson_Monks_N18.net")
    ties = ties_of(tf)
    assert tf.title is None and len(tf.nodes) == 18 and tf.nodes[0] == "JohnBosco"
    assert len(ties) == 25 + 2 * 16 and tf.directed == {"rel": True}
    assert ("Gregory", "JohnBosco") in ties and ("JohnBosco", "Gregory") not in ties  # arc 2 1
    assert ("JohnBosco", "Basil") in ties and ("Basil", "JohnBosco") in ties  # edge 1 3


def test_igraph_arcslist_with_a_note_before_the_vertices_and_crlf():
    tf, _ = read("pajek_arcslist.net")
    ties = ties_of(tf)
    assert len(ties) == 55 and tf.nodes[:3] == ["ROMUL_10", "BONAVEN_5", "AMBROSE_9"]
    assert sorted(b for a, b in ties if a == "ROMUL_10") == ["ALBERT_16", "AMBROSE_9", "PETER_4"]  # 1 3 5 14
    assert sorted(b for a, b in ties if a == "ALBERT_16") == ["AMAND_13", "BONI_15", "HUGH_14", "ROMUL_10"]


def test_igraph_edgeslist_is_undirected():
    tf, _ = read("pajek_edgeslist.net", "c3")
    assert tf.title == "C_3 cycle graph" and tf.nodes == ["Alice", "Bob", "Cedric"]
    assert tf.directed == {"c3": False} and all(tf.from_edge)
    assert sorted(tf.arcs()) == [("Alice", "Bob", 1), ("Alice", "Cedric", 1), ("Bob", "Alice", 1),
                                 ("Bob", "Cedric", 1), ("Cedric", "Alice", 1), ("Cedric", "Bob", 1)]


# ---------------------------------------------------------------- hand-made


def parse(text: str, relation: str = "r"):
    problems = []
    return parse_pajek(text, relation, "ties.net", problems), problems


def test_relation_numbers_in_lines_comments_and_weights():
    tf, problems = parse('% a comment\n*vertices 3\n1 Ann 0.1 0.2\n2 "Bo Rell"\n*ARCS\n1: 1 2 3\n2: 2 3\n'
                         "1 3 0\n3 1 c Blue\n")
    assert problems == []
    assert tf.relations == ["r_1", "r_2", "r"]
    assert tf.arcs() == [("Ann", "Bo Rell", 3), ("Bo Rell", "3", 1), ("3", "Ann", 1)]  # 0 is no tie
    assert tf.nodes == ["Ann", "Bo Rell", "3"]  # a vertex without a line is named by its number


def test_several_networks_of_a_project_and_skipped_partitions():
    text = """*Network Marriage
*Vertices 2
1 "Medici"
2 "Strozzi"
*Edges
1 2
*Partition Wealth
*Vertices 2
1
2
*Network Business
*Vertices 3
1 "strozzi"
2 "Medici"
3 "Pazzi"
*Arcs
1 3 2
*Vector Age
*Vertices 2
40
50
"""
    tf, problems = parse(text)
    assert problems == [] and tf.title == "Marriage"
    assert tf.relations == ["Marriage", "Business"] and tf.nodes == ["Medici", "Strozzi", "Pazzi"]
    assert tf.arcs("Marriage") == [("Medici", "Strozzi", 1), ("Strozzi", "Medici", 1)]
    assert tf.arcs("Business") == [("Strozzi", "Pazzi", 2)]  # vertices matched by label, ignoring case
    assert tf.directed == {"Marriage": False, "Business": True}


def test_two_mode_networks_are_refused():
    tf, problems = parse("*Vertices 5 2\n1 a\n2 b\n3 e1\n4 e2\n5 e3\n*Edges\n1 3\n")
    [p] = problems
    assert tf is None and (p.code, p.row) == ("unsupported-pajek", 1) and "two-mode" in p.message


@pytest.mark.parametrize("text, code, row, value", [
    ("*Arcs\n1 2\n*Vertices 2\n", "invalid-pajek", 1, "*Arcs"),
    ("*Vertices 2\n1 a\n3 b\n", "invalid-pajek", 3, "3 b"),
    ("*Vertices 2\n*Arcs\n1 x\n", "invalid-pajek", 3, "x"),
    ("*Vertices 2\n*Arcs\n1 2 x\n", "invalid-tie-value", 3, "x"),
    ("*Vertices 2\n*Arcs\n1 2 1.5\n", "non-integer-value", 3, "1.5"),
    ('*Vertices 2\n1 "Ada\n', "invalid-pajek", 2, '1 "Ada'),
    ("*Vertices 2\n*Matrix\n0 1\n1\n", "invalid-pajek", 4, "1"),
    ("*Vertices 2\n1 ann\n2 ANN\n", "duplicate-label", 3, "ANN"),
    ("just text\n1 2\n", "invalid-pajek", 1, None),
    ("*Vertices 2\n*Hyperedges\n1 2\n", "unsupported-pajek", 2, "*Hyperedges"),
    ("*Vertices 2\n*Arcs foo\n1 2\n", "invalid-pajek", 2, "foo"),
], ids=["arcs-first", "vertex-range", "end-not-number", "bad-value", "fraction", "unclosed-quote",
        "matrix-size", "duplicate-label", "not-pajek", "hyperedges", "bad-relation"])
def test_problems_name_line_and_value(text, code, row, value):
    _tf, problems = parse(text)
    [p] = problems
    assert (p.code, p.file, p.row, p.value) == (code, "ties.net", row, value)


def test_an_unknown_section_gets_the_nearest_one():
    tf, problems = parse("*Vertices 2\n*Edgez\n1 2\n")
    [p] = problems
    assert tf is None and p.code == "invalid-pajek" and p.suggestion == ("*Edges",)


def test_short_section_words_and_loops():
    tf, problems = parse("*Vertex 2\n*Arc\n1 1\n1 2\n*Edge\n2 2\n")
    assert problems == [] and tf.arcs() == [("1", "1", 1), ("1", "2", 1), ("2", "2", 1)]  # loops: the case's rule


def test_a_named_relation_spans_arcs_and_edges_with_the_same_number():
    tf, problems = parse('*Vertices 3\n*Arcs :1 "help"\n1 2\n*Edges :1\n2 3\n1 2\n')
    assert tf.relations == ["help"] and tf.directed == {"help": True}
    assert tf.arcs() == [("1", "2", 1), ("2", "3", 1), ("3", "2", 1)]
    assert [(p.code, p.row) for p in problems] == [("edge-repeats-arc", 6)]
